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
    String[] parts = cron.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+");
    if (parts.length != 5) {
      return String.join(" ", parts);
    }
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].equals("*/1") ? "*" : parts[i];
      if (p.matches("\\d+(,\\d+)*")) {
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
