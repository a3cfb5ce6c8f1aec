package io.github.dbtcloud.core.api;

import java.time.DateTimeException;
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
    String text = s.trim();
    Instant quick = quick(text);
    return quick != null ? quick : formatted(text);
  }

  /**
   * The spellings dbt Cloud sends ({@code 2021-11-18T15:19:03.185668+00:00}, a space for the {@code
   * T}, {@code Z}, no fraction, no offset) read by hand, or null for anything else: the formatter's
   * general parser is most of the cost of reading a listing in a fresh JVM, where every object read
   * has an {@code updated_at}. Whatever this reads, {@link #formatted} reads the same.
   */
  static Instant quick(String s) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int from = ++i;
      while (i < n && i - from < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i++) - '0');
      }
      if (i == from) {
        return null;
      }
      for (int k = i - from; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offset = 0;
    if (i < n) {
      char sign = s.charAt(i);
      if (sign == 'Z' && i + 1 == n) {
        offset = 0;
      } else if ((sign == '+' || sign == '-') && (n - i == 6 || n - i == 5)) {
        boolean colon = n - i == 6;
        if (colon && s.charAt(i + 3) != ':') {
          return null;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, colon ? i + 4 : i + 3, 2);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
          return null;
        }
        offset = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      } else {
        return null;
      }
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offset));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Any spelling the formatter reads, or null. */
  static Instant formatted(String s) {
    try {
      TemporalAccessor t = EITHER.parse(s);
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
