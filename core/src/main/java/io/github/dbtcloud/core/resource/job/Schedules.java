package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.config.ScheduleSpec;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cron dbt Cloud derives from the structured schedule form ({@code days_of_week} / {@code
 * every_day} with {@code at_exact_hours} / {@code every_hour}, docs/wire-format.md#job-fields), and
 * a normal form for comparing two crons that mean the same thing.
 */
final class Schedules {

  private Schedules() {}

  /** The cron the file's schedule means: its own, or the one derived from days and hours. */
  static String cronOf(ScheduleSpec schedule) {
    if (schedule.cron() != null) {
      return schedule.cron();
    }
    String hours;
    if (!schedule.hours().isEmpty()) {
      hours = list(schedule.hours());
    } else {
      int every = schedule.intervalHours() == null ? 1 : schedule.intervalHours();
      hours = every <= 1 ? "*" : "*/" + every;
    }
    String days = schedule.days().isEmpty() ? "*" : list(schedule.days());
    return "0 " + hours + " * * " + days;
  }

  /** Whether the file uses the structured form rather than a cron. */
  static boolean structured(ScheduleSpec schedule) {
    return schedule.cron() == null
        && (!schedule.days().isEmpty()
            || !schedule.hours().isEmpty()
            || schedule.intervalHours() != null);
  }

  /**
   * A cron in a normal form: single spaces, numeric lists sorted without repeats, {@code *}{@code
   * /1} as {@code *}, Sunday as 0, names lower-cased. Two crons with the same normal form fire at
   * the same times; the converse does not always hold, which can only show a change that is not
   * one.
   */
  static String normalise(String cron) {
    if (cron == null) {
      return null;
    }
    String known = NORMAL.get(cron);
    if (known != null) {
      return known;
    }
    String normal = normalForm(cron);
    if (NORMAL.size() >= MAX_REMEMBERED) {
      NORMAL.clear();
    }
    NORMAL.put(cron, normal);
    return normal;
  }

  // An account repeats a handful of crons across thousands of jobs; each is normalised once.
  private static final int MAX_REMEMBERED = 10_000;
  private static final java.util.Map<String, String> NORMAL =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final java.util.regex.Pattern NUMBERS =
      java.util.regex.Pattern.compile("\\d+(,\\d+)*");

  private static String normalForm(String cron) {
    String[] parts = SPACES.split(cron.strip().toLowerCase(java.util.Locale.ROOT));
    if (parts.length != 5) {
      return String.join(" ", parts);
    }
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].equals("*/1") ? "*" : parts[i];
      if (NUMBERS.matcher(p).matches()) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String n : p.split(",")) {
          int v = Integer.parseInt(n);
          values.add(i == 4 && v == 7 ? 0 : v);
        }
        p = values.stream().map(String::valueOf).collect(Collectors.joining(","));
      }
      parts[i] = p;
    }
    return String.join(" ", parts);
  }

  private static String list(List<Integer> values) {
    return new TreeSet<>(values).stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
