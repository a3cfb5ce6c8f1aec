package io.github.dbtcloud.emulator.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The two timestamp spellings dbt Cloud uses (as the recorded answers show): jobs, accounts and
 * most environment answers use {@code 2021-11-18T15:19:03.185668+00:00}; runs, projects and
 * environment create answers use a space separator.
 */
public final class Timestamps {

  private static final DateTimeFormatter ISO_T =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2021-11-18T15:19:03.185668+00:00}, as jobs carry. */
  public static String isoT(Instant instant) {
    return ISO_T.format(instant);
  }

  /** {@code 2021-11-26 16:48:41.431645+00:00}, as runs and projects carry. */
  public static String spaced(Instant instant) {
    return SPACED.format(instant);
  }

  /** The spaced spelling of a timestamp stored in the {@code T} spelling (null stays null). */
  public static String toSpaced(String isoT) {
    return isoT == null ? null : isoT.replaceFirst("^(\\d{4}-\\d\\d-\\d\\d)T", "$1 ");
  }
}
