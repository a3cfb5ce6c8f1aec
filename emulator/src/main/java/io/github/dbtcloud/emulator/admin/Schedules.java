package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A job's schedule as the server stores it: the structured {@code date}/{@code time} forms decide
 * the {@code cron}. {@code every_day} + {@code every_hour} interval 1 is {@code 0 * * * *}; {@code
 * days_of_week} [1..5] + {@code at_exact_hours} [5,13,21] is {@code 0 5,13,21 * * 1,2,3,4,5} (both
 * recorded); {@code custom_cron} and {@code interval_cron} carry their own {@code date.cron} (or
 * the top-level {@code cron}, as the Terraform provider sends {@code "cron": ""} beside {@code
 * date.cron}). A body with only a top-level cron is stored as {@code custom_cron}, as
 * dbt-jobs-as-code sends it; a body with no schedule gets the recorded default, every hour.
 * Refusals name the field by its dotted path ({@code schedule.date.cron}).
 */
final class Schedules {

  /** The schedule date types the spec lists. */
  static final List<String> DATE_TYPES =
      List.of("every_day", "days_of_week", "custom_cron", "interval_cron");

  /** The schedule time types the spec lists. */
  static final List<String> TIME_TYPES = List.of("every_hour", "at_exact_hours");

  private static final Pattern LENIENT_CRON_ITEM =
      Pattern.compile("(\\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/\\d+)?");

  private Schedules() {}

  /**
   * The stored schedule for a request body's {@code schedule} (missing or null: the default);
   * {@code strict} checks every field's type and the cron as dbt Cloud does.
   */
  static ObjectNode derive(JsonNode in, boolean strict) {
    if (strict) {
      check(in);
    }
    JsonNode date = in.path("date");
    JsonNode time = in.path("time");
    String topCron = in.path("cron").isTextual() ? in.get("cron").asText().trim() : "";
    ObjectNode outDate = Json.MAPPER.createObjectNode();
    ObjectNode outTime = time.isObject() ? time(time) : defaultTime();
    String dateType;
    if (date.isObject()) {
      dateType = date.path("type").asText("");
    } else {
      dateType = topCron.isEmpty() ? "every_day" : "custom_cron";
    }
    String cron;
    switch (dateType) {
      case "every_day":
        outDate.put("type", dateType);
        cron = "0 " + hourField(outTime) + " * * *";
        break;
      case "days_of_week":
        {
          List<Integer> days = numbers(date.path("days"), 0, 6, "schedule.date.days");
          outDate.put("type", dateType);
          ArrayNode d = outDate.putArray("days");
          days.forEach(d::add);
          cron = "0 " + hourField(outTime) + " * * " + join(days);
          break;
        }
      case "custom_cron":
      case "interval_cron":
        {
          String own = date.path("cron").isTextual() ? date.get("cron").asText().trim() : "";
          cron = own.isEmpty() ? topCron : own;
          String where = own.isEmpty() ? "schedule.cron" : "schedule.date.cron";
          if (cron.isEmpty()) {
            throw ApiError.invalidField(
                "schedule.date.cron", "This field is required when date.type is " + dateType + ".");
          }
          String problem = strict ? Crons.problem(cron).orElse(null) : lenientCronProblem(cron);
          if (problem != null) {
            throw ApiError.invalidField(
                where, "Invalid cron expression \"" + cron + "\": " + problem + ".");
          }
          outDate.put("type", dateType);
          outDate.put("cron", cron);
          break;
        }
      default:
        throw ApiError.invalidField(
            "schedule.date.type", "\"" + dateType + "\" is not a valid choice.");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("cron", cron);
    out.set("date", outDate);
    out.set("time", outTime);
    return out;
  }

  /** The description dbt Cloud gives a stored cron ({@code cron_humanized}). */
  static String humanize(String cron) {
    if (Crons.problem(cron).isPresent()) {
      return cron; // only a lenient emulator stores such a cron; there is nothing to describe
    }
    return Crons.describe(cron);
  }

  /**
   * The JSON types of a schedule as the spec declares them ({@code HumanReadableScheduleRequest}).
   */
  private static void check(JsonNode in) {
    FieldChecks c = new FieldChecks();
    if (c.object(in, "schedule", false)) {
      c.textOrEmpty(in.get("cron"), "schedule.cron");
      JsonNode date = in.get("date");
      if (c.object(date, "schedule.date", false)) {
        c.choice(date.get("type"), "schedule.date.type", DATE_TYPES);
        if (FieldChecks.absent(date.get("type"))) {
          c.problem("schedule.date.type", FieldChecks.REQUIRED);
        }
        if (!FieldChecks.absent(date.get("days"))) {
          c.intList(date.get("days"), "schedule.date.days", 0, 6);
        }
        c.textOrEmpty(date.get("cron"), "schedule.date.cron");
      }
      JsonNode time = in.get("time");
      if (c.object(time, "schedule.time", false)) {
        c.choice(time.get("type"), "schedule.time.type", TIME_TYPES);
        if (FieldChecks.absent(time.get("type"))) {
          c.problem("schedule.time.type", FieldChecks.REQUIRED);
        }
        if (!FieldChecks.absent(time.get("interval"))) {
          c.integer(time.get("interval"), "schedule.time.interval", false);
          if ("at_exact_hours".equals(time.path("type").asText())) {
            // Recorded in 2021: an interval beside exact hours is refused with the schema
            // library's own words
            // (https://github.com/dbt-labs/terraform-provider-dbtcloud/issues/44).
            c.problem("schedule.time.interval", "extra keys not allowed");
          }
        }
        if (!FieldChecks.absent(time.get("hours"))) {
          c.intList(time.get("hours"), "schedule.time.hours", 0, 23);
        }
      }
    }
    c.throwIfAny();
  }

  private static ObjectNode defaultTime() {
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("type", "every_hour");
    t.put("interval", 1);
    return t;
  }

  private static ObjectNode time(JsonNode time) {
    String type = time.path("type").asText("every_hour");
    ObjectNode t = Json.MAPPER.createObjectNode();
    if (type.equals("every_hour")) {
      int interval = time.path("interval").isNull() ? 1 : time.path("interval").asInt(1);
      if (interval < 1 || interval > 23) {
        throw ApiError.invalidField(
            "schedule.time.interval", "Ensure this value is between 1 and 23.");
      }
      t.put("type", type);
      t.put("interval", interval);
    } else if (type.equals("at_exact_hours")) {
      List<Integer> hours = numbers(time.path("hours"), 0, 23, "schedule.time.hours");
      t.put("type", type);
      ArrayNode h = t.putArray("hours");
      hours.forEach(h::add);
    } else {
      throw ApiError.invalidField("schedule.time.type", "\"" + type + "\" is not a valid choice.");
    }
    return t;
  }

  private static String hourField(ObjectNode time) {
    if (time.get("type").asText().equals("at_exact_hours")) {
      List<Integer> hours = new ArrayList<>();
      time.get("hours").forEach(h -> hours.add(h.asInt()));
      return join(hours);
    }
    int interval = time.get("interval").asInt();
    return interval == 1 ? "*" : "*/" + interval;
  }

  private static List<Integer> numbers(JsonNode list, int min, int max, String path) {
    if (!list.isArray() || list.isEmpty()) {
      throw ApiError.invalidField(path, "This list may not be empty.");
    }
    TreeSet<Integer> out = new TreeSet<>();
    for (JsonNode n : list) {
      if (!n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
        throw ApiError.invalidField(
            path, "Each value must be an integer between " + min + " and " + max + ".");
      }
      out.add(n.asInt());
    }
    return new ArrayList<>(out);
  }

  private static String join(List<Integer> values) {
    StringBuilder sb = new StringBuilder();
    for (Integer v : values) {
      sb.append(sb.length() == 0 ? "" : ",").append(v);
    }
    return sb.toString();
  }

  /**
   * The lenient emulator's older cron check: 5 fields of numbers, words, ranges and steps, numbers
   * within their field's range; null when it passes.
   */
  private static String lenientCronProblem(String cron) {
    String[] fields = cron.trim().split("\\s+");
    if (fields.length != 5) {
      return "a cron has 5 fields (minute hour day-of-month month day-of-week)";
    }
    int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    for (int i = 0; i < 5; i++) {
      for (String item : fields[i].split(",")) {
        if (!LENIENT_CRON_ITEM.matcher(item).matches()) {
          return "'" + item + "' is not a cron item";
        }
        for (String bound : item.split("/")[0].split("-")) {
          if (!bound.equals("*") && bound.chars().allMatch(Character::isDigit)) {
            int v = Integer.parseInt(bound);
            if (v < ranges[i][0] || v > ranges[i][1]) {
              return "'" + bound + "' is outside " + ranges[i][0] + "-" + ranges[i][1];
            }
          }
        }
      }
    }
    return null;
  }
}
