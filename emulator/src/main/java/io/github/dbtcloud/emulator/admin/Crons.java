package io.github.dbtcloud.emulator.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job schedule crons as dbt Cloud reads and describes them.
 *
 * <p>{@link #problem} checks the 5 UNIX fields (minute hour day-of-month month day-of-week): each
 * item of a comma list is {@code *}, a number, a range {@code a-b} or either with a step {@code
 * /n}; months may be named JAN-DEC and days SUN-SAT (any case); 7 is also Sunday. Nothing else
 * ({@code L}, {@code W}, {@code #}, {@code ?}, nicknames such as {@code @daily}) is a dbt Cloud
 * cron.
 *
 * <p>{@link #describe} writes {@code cron_humanized} the way dbt Cloud does, which is the output of
 * the Python package cron-descriptor (https://github.com/Salamek/cron-descriptor) with its default
 * options: recorded answers read {@code "Every hour"}, {@code "At 00:00 AM, 04:00 AM, 08:00 AM,
 * 12:00 PM, 04:00 PM and 08:00 PM"} and {@code "At 6 minutes past the hour, every 12 hours, only on
 * Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, and Saturday"}, each of which this method
 * reproduces.
 */
final class Crons {

  private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final String[] DAY_NAMES = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };
  private static final String[] MONTH_NAMES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final Pattern ITEM = Pattern.compile("([^/]+)(?:/(.*))?");

  private Crons() {}

  /** What is wrong with {@code cron}, or empty when dbt Cloud accepts it. */
  static Optional<String> problem(String cron) {
    String[] fields = cron.strip().split("\\s+");
    if (cron.isBlank() || fields.length != 5) {
      return Optional.of(
          "a cron has 5 fields (minute hour day-of-month month day-of-week), not "
              + (cron.isBlank() ? 0 : fields.length));
    }
    for (int i = 0; i < 5; i++) {
      for (String item : fields[i].split(",", -1)) {
        Optional<String> bad = itemProblem(i, item);
        if (bad.isPresent()) {
          return Optional.of(
              "'" + item + "' in the " + FIELDS[i] + " field " + bad.get() + explainField(i));
        }
      }
    }
    return Optional.empty();
  }

  private static String explainField(int i) {
    String names =
        i == 3 ? " or a name JAN-DEC" : i == 4 ? " or a name SUN-SAT (7 is also Sunday)" : "";
    return "; use '*', a number from "
        + RANGES[i][0]
        + " to "
        + RANGES[i][1]
        + names
        + ", a range (1-5), a step (*/15) or a list (1,15)";
  }

  private static Optional<String> itemProblem(int field, String item) {
    Matcher m = ITEM.matcher(item);
    if (item.isEmpty() || !m.matches()) {
      return Optional.of("is empty");
    }
    String base = m.group(1);
    String step = m.group(2);
    if (step != null && (!step.matches("\\d{1,3}") || Integer.parseInt(step) < 1)) {
      return Optional.of("has a step that is not a whole number of at least 1");
    }
    if (base.equals("*")) {
      return Optional.empty();
    }
    String[] bounds = base.split("-", -1);
    if (bounds.length > 2) {
      return Optional.of("is not a range of two values");
    }
    int[] values = new int[bounds.length];
    for (int b = 0; b < bounds.length; b++) {
      Integer v = value(field, bounds[b]);
      if (v == null) {
        return Optional.of("is not valid");
      }
      values[b] = v;
    }
    if (values.length == 2 && values[0] > values[1]) {
      return Optional.of("is a range that runs backwards");
    }
    return Optional.empty();
  }

  /** The number a cron value stands for in {@code field}, or null when it is not one. */
  private static Integer value(int field, String raw) {
    if (raw.matches("\\d{1,2}")) {
      int v = Integer.parseInt(raw);
      return v >= RANGES[field][0] && v <= RANGES[field][1] ? v : null;
    }
    String upper = raw.toUpperCase(Locale.ROOT);
    if (field == 3 && MONTHS.contains(upper)) {
      return MONTHS.indexOf(upper) + 1;
    }
    if (field == 4 && DAYS.contains(upper)) {
      return DAYS.indexOf(upper);
    }
    return null;
  }

  /** The {@code cron_humanized} of a valid cron. */
  static String describe(String cron) {
    String[] p = normalise(cron);
    String description =
        timeOfDay(p) + dayOfMonth(p) + dayOfWeek(p) + month(p); // year: always empty here
    description =
        description
            .replace(", every minute", "")
            .replace(", every hour", "")
            .replace(", every day", "");
    return description.isEmpty()
        ? description
        : Character.toUpperCase(description.charAt(0)) + description.substring(1);
  }

  /**
   * Seconds, minute, hour, day of month, month, day of week, as cron-descriptor normalises them:
   * names to numbers, {@code 0/n} and {@code 1/n} to {@code *}{@code /n}, {@code *}{@code /1} to
   * {@code *}, a step with a start to a range up to the field's end.
   */
  private static String[] normalise(String cron) {
    String[] f = cron.strip().split("\\s+");
    String[] p = {"", f[0], f[1], f[2], f[3], f[4]};
    p[3] = p[3].replace("?", "*");
    p[5] = p[5].replace("?", "*");
    for (int i : new int[] {1, 2}) {
      if (p[i].startsWith("0/")) {
        p[i] = "*/" + p[i].substring(2);
      }
    }
    for (int i : new int[] {3, 4, 5}) {
      if (p[i].startsWith("1/")) {
        p[i] = "*/" + p[i].substring(2);
      }
    }
    p[5] = p[5].toUpperCase(Locale.ROOT);
    for (int d = 0; d < DAYS.size(); d++) {
      p[5] = p[5].replace(DAYS.get(d), String.valueOf(d));
    }
    p[4] = p[4].toUpperCase(Locale.ROOT);
    for (int m = 0; m < MONTHS.size(); m++) {
      p[4] = p[4].replace(MONTHS.get(m), String.valueOf(m + 1));
    }
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("*/1")) {
        p[i] = "*";
      }
      if (p[i].contains("/") && !containsAny(p[i], "*", "-", ",")) {
        String end = i == 4 ? "12" : i == 5 ? "6" : null;
        if (end != null) {
          String[] parts = p[i].split("/", 2);
          p[i] = parts[0] + "-" + end + "/" + parts[1];
        }
      }
    }
    return p;
  }

  private static String timeOfDay(String[] p) {
    String minute = p[1];
    String hour = p[2];
    String special = "/-,*";
    if (!containsAnyChar(minute, special) && !containsAnyChar(hour, special)) {
      return "At " + formatTime(hour, minute);
    }
    if (minute.contains("-") && !minute.contains(",") && !containsAnyChar(hour, special)) {
      String[] m = minute.split("-", 2);
      return "Every minute between " + formatTime(hour, m[0]) + " and " + formatTime(hour, m[1]);
    }
    if (hour.contains(",")
        && !hour.contains("-")
        && !containsAnyChar(minute, special)
        && hour.matches("[0-9,]+")) {
      String[] hours = hour.split(",");
      StringBuilder out = new StringBuilder("At");
      for (int i = 0; i < hours.length; i++) {
        out.append(' ').append(formatTime(hours[i], minute));
        if (i < hours.length - 2) {
          out.append(',');
        }
        if (i == hours.length - 2) {
          out.append(" and");
        }
      }
      return out.toString();
    }
    String minutes =
        segment(
            minute,
            "every minute",
            s -> s,
            s -> "every " + s + " minutes",
            s -> "minutes {0} through {1} past the hour",
            s -> s.equals("0") ? "" : "at {0} minutes past the hour");
    String hours =
        segment(
            hour,
            "every hour",
            s -> formatTime(s, "0"),
            s -> "every " + s + " hours",
            s -> "between {0} and {1}",
            s -> "at {0}");
    StringBuilder out = new StringBuilder(minutes);
    if (out.length() > 0) {
      out.append(", ");
    }
    return out.append(hours).toString();
  }

  private static String dayOfMonth(String[] p) {
    return segment(
        p[3],
        ", every day",
        s -> s,
        s -> s.equals("1") ? ", every day" : ", every {0} days",
        s -> ", between day {0} and {1} of the month",
        s -> ", on day {0} of the month");
  }

  private static String dayOfWeek(String[] p) {
    if (p[5].equals("*") && !p[3].equals("*")) {
      return "";
    }
    return segment(
        p[5],
        ", every day",
        s -> DAY_NAMES[Integer.parseInt(s) % 7],
        s -> ", every " + s + " days of the week",
        s -> ", {0} through {1}",
        s -> ", only on {0}");
  }

  private static String month(String[] p) {
    return segment(
        p[4],
        "",
        s -> MONTH_NAMES[Integer.parseInt(s) - 1],
        s -> ", every " + s + " months",
        s -> ", {0} through {1}",
        s -> ", only in {0}");
  }

  /** cron-descriptor's {@code get_segment_description}. */
  private static String segment(
      String expression,
      String all,
      Function<String, String> single,
      Function<String, String> interval,
      Function<String, String> between,
      Function<String, String> format) {
    if (expression.isEmpty()) {
      return "";
    }
    if (expression.equals("*")) {
      return all;
    }
    if (!containsAny(expression, "/", "-", ",")) {
      return fill(format.apply(expression), single.apply(expression));
    }
    if (expression.contains("/")) {
      String[] segments = expression.split("/", 2);
      String description = fill(interval.apply(segments[1]), single.apply(segments[1]));
      if (segments[0].contains("-")) {
        String range = betweenDescription(segments[0], between, single);
        if (!range.startsWith(", ")) {
          description += ", ";
        }
        description += range;
      } else if (!containsAny(segments[0], "*", ",")) {
        String start = fill(format.apply(segments[0]), single.apply(segments[0])).replace(", ", "");
        description += ", starting " + start;
      }
      return description;
    }
    if (expression.contains(",")) {
      String[] segments = expression.split(",");
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < segments.length; i++) {
        if (i > 0 && segments.length > 2) {
          content.append(',');
          if (i < segments.length - 1) {
            content.append(' ');
          }
        }
        if (i > 0 && (i == segments.length - 1 || segments.length == 2)) {
          content.append(" and ");
        }
        if (segments[i].contains("-")) {
          content.append(
              betweenDescription(segments[i], s -> ", {0} through {1}", single).replace(", ", ""));
        } else {
          content.append(single.apply(segments[i]));
        }
      }
      return fill(format.apply(expression), content.toString());
    }
    return betweenDescription(expression, between, single);
  }

  private static String betweenDescription(
      String expression, Function<String, String> between, Function<String, String> single) {
    String[] bounds = expression.split("-", 2);
    String from = single.apply(bounds[0]);
    String to = single.apply(bounds[1]).replace(":00", ":59");
    return between.apply(expression).replace("{0}", from).replace("{1}", to);
  }

  /** cron-descriptor's 12-hour clock: {@code 00:00 AM}, {@code 12:00 PM}, {@code 04:00 PM}. */
  private static String formatTime(String hourText, String minuteText) {
    int hour = Integer.parseInt(hourText);
    String period = hour >= 12 ? " PM" : " AM";
    if (hour > 12) {
      hour -= 12;
    }
    return String.format(Locale.ROOT, "%02d:%02d%s", hour, Integer.parseInt(minuteText), period);
  }

  private static String fill(String format, String value) {
    return format.replace("{0}", value);
  }

  private static boolean containsAny(String s, String... parts) {
    for (String part : parts) {
      if (s.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAnyChar(String s, String chars) {
    for (char c : chars.toCharArray()) {
      if (s.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
