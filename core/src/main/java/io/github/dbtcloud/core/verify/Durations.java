package io.github.dbtcloud.core.verify;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them ({@code 90s}, {@code 45m}, {@code 2h}, {@code 500ms}) and as the log shows them. */
public final class Durations {

  private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 90s}, {@code 45m}, {@code 2h} (a bare number is seconds) or an
   * ISO-8601 {@code PT45M}; null or blank gives null.
   *
   * @param what the setting's name, for the error message
   */
  public static Duration parse(String text, String what) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    if (t.toUpperCase(Locale.ROOT).startsWith("PT")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid(what, text);
      }
    }
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      throw invalid(what, text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static IllegalArgumentException invalid(String what, String text) {
    return new IllegalArgumentException(what + ": '" + text + "' is not a duration; write e.g. 500ms, 90s, 45m or 2h");
  }

  /** {@code 850 ms}, {@code 3.2 s}, {@code 1m 05s}, {@code 1h 02m}: short and unambiguous for the log. */
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
}
