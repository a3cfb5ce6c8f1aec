package io.github.dbtcloud.core.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads dbt Cloud timestamps. Jobs write {@code 2021-11-18T15:19:03.185668+00:00}, runs and
 * projects {@code 2021-12-07 10:32:24.326116+00:00} (shared api doc §E.9), and any of them may be
 * null; one parser takes both, with or without fraction, with an offset or {@code Z}.
 */
public final class WireTimes {

  private static final DateTimeFormatter EITHER = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter();

  private WireTimes() {}

  /**
   * The instant a wire timestamp names, or null for null or blank.
   *
   * @throws IllegalArgumentException when the text is not a timestamp in either format
   */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip(), EITHER).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a dbt Cloud timestamp", e);
    }
  }

  /** Like {@link #parse}, but null for anything that is not a readable timestamp string. */
  public static Instant parseOrNull(Object value) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      return parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
