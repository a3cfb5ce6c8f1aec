package io.github.dbtcloud.core.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt Cloud's timestamps and durations in both spellings: {@code 2021-11-26 16:48:41.431645+00:00}
 * (runs) and {@code 2021-11-18T15:19:03.185668+00:00} (jobs) (docs/wire-format.md#timestamps);
 * durations as {@code 00:01:50} (2021) or {@code 110.0} seconds (2024 on,
 * docs/wire-format.md#runs).
 */
public final class WireTimes {

  private static final DateTimeFormatter EITHER =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();
  private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?");

  private WireTimes() {}

  /**
   * The instant of a wire timestamp, or null when absent or unreadable (timestamps are informative
   * only).
   */
  public static Instant instant(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    try {
      TemporalAccessor t = EITHER.parse(s.trim());
      if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(t).toInstant();
      }
      return LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A wire duration ({@code 00:01:50} or {@code 110.0}), or null when absent or unreadable. */
  public static Duration duration(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    Matcher m = CLOCK.matcher(s.trim());
    if (m.matches()) {
      return Duration.ofHours(Long.parseLong(m.group(1)))
          .plusMinutes(Long.parseLong(m.group(2)))
          .plusSeconds(Long.parseLong(m.group(3)));
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(s.trim()) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
