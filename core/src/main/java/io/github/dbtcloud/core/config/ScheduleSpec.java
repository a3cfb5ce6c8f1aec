package io.github.dbtcloud.core.config;

import java.util.List;

/**
 * When a scheduled job runs: a cron expression, or the structured date/time form dbt Cloud turns
 * into one ({@code schedule.date}/{@code schedule.time}, docs/wire-format.md#job-fields).
 *
 * @param cron a 5-field UNIX cron, or null when the structured form is used
 * @param days days of the week (0 = Sunday) for {@code days_of_week}, else empty (every day)
 * @param hours hours of the day for {@code at_exact_hours}, else empty
 * @param intervalHours run every N hours ({@code every_hour} interval), or null
 * @param enabled whether the schedule trigger is on (default true when a schedule is given)
 * @param position where the schedule is declared
 */
public record ScheduleSpec(
    String cron,
    List<Integer> days,
    List<Integer> hours,
    Integer intervalHours,
    boolean enabled,
    SourcePosition position) {

  public ScheduleSpec {
    days = List.copyOf(days);
    hours = List.copyOf(hours);
  }

  /**
   * Whether the date/time form is used rather than a cron (null when neither: only {@code
   * enabled}).
   */
  public boolean structured() {
    return cron == null && (!hours.isEmpty() || intervalHours != null);
  }

  /**
   * dbt Cloud's {@code schedule.date.type}: {@code custom_cron} for a cron, {@code days_of_week} or
   * {@code every_day} for the structured form, null when the file gives neither.
   */
  public String dateType() {
    if (cron != null) {
      return "custom_cron";
    }
    if (!structured()) {
      return null;
    }
    return days.isEmpty() ? "every_day" : "days_of_week";
  }

  /**
   * dbt Cloud's {@code schedule.time.type}: {@code at_exact_hours}, {@code every_hour}, or null for
   * a cron.
   */
  public String timeType() {
    if (!structured()) {
      return null;
    }
    return hours.isEmpty() ? "every_hour" : "at_exact_hours";
  }
}
