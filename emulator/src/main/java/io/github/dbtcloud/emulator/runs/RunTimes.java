package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Run timestamps and durations as dbt Cloud writes them: space-separated timestamps (recorded),
 * {@code HH:MM:SS} durations and humanized text, as the recorded run responses show.
 */
final class RunTimes {

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

  private RunTimes() {}

  /** The instant in a run timestamp field, or null when the field is null. */
  static Instant at(JsonNode row, String field) {
    JsonNode v = row.get(field);
    return v == null || v.isNull() ? null : OffsetDateTime.parse(v.asText(), SPACED).toInstant();
  }

  /** {@code 00:01:50}: whole seconds, rounded down, as recorded. */
  static String clock(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
  }

  /**
   * {@code 1 minute, 50 seconds}, {@code 12 seconds}, {@code 2 weeks, 1 day}; the two largest
   * units, and {@code 0 minutes} for nothing, as recorded.
   */
  static String humanized(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long[] sizes = {7 * 86_400, 86_400, 3600, 60, 1};
    String[] names = {"week", "day", "hour", "minute", "second"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < sizes.length && parts.size() < 2; i++) {
      long n = s / sizes[i];
      if (n > 0) {
        parts.add(n + " " + names[i] + (n == 1 ? "" : "s"));
        s -= n * sizes[i];
      } else if (!parts.isEmpty()) {
        break;
      }
    }
    return parts.isEmpty() ? "0 minutes" : String.join(", ", parts);
  }
}
