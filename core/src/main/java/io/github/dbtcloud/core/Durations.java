package io.github.dbtcloud.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them, in the file and on the command line ({@code 90s}, {@code 45m},
 * {@code 1h30m}, {@code 500ms}, a bare number of seconds, or ISO-8601 {@code PT45M}), and as
 * messages and the log show them. The one parser, so that the file and the build read the same text
 * the same way.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 90s}, {@code 45m}, {@code 2h}, {@code 1h30m} (a bare number is
   * seconds) or an ISO-8601 {@code PT45M}; null or blank gives null.
   *
   * @param what the setting's name, for the error message
   * @throws IllegalArgumentException naming the setting and the bad value
   */
  public static Duration parse(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration d = read(text);
    if (d == null) {
      throw new IllegalArgumentException(
          what
              + ": '"
              + text
              + "' is not a duration; write e.g. 500ms, 90s, 45m,"
              + " 1h30m or 2h");
    }
    return d;
  }

  /**
   * The duration {@code text} writes, or null when it is not one (no message: the caller says
   * where).
   */
  public static Duration read(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("pt")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (s.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
              });
      end = m.end();
    }
    return end == s.length() && end > 0 ? total : null;
  }

  /**
   * {@code 850 ms}, {@code 3.2 s}, {@code 1m 05s}, {@code 1h 02m}: short and unambiguous for the
   * log.
   */
  public static String format(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }

  /** {@code 45m}, {@code 90s}, {@code 2h}, {@code 500ms}: as a user would write it in the file. */
  public static String compact(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
