package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A job's schedule as the server stores it (§C.1): the structured {@code date}/{@code time} forms
 * decide the {@code cron}. {@code every_day} + {@code every_hour} interval 1 is {@code 0 * * * *};
 * {@code days_of_week} [1..5] + {@code at_exact_hours} [5,13,21] is {@code 0 5,13,21 * * 1,2,3,4,5}
 * (both recorded); {@code custom_cron} and {@code interval_cron} carry their own {@code date.cron}
 * (or the top-level {@code cron}, as TF sends {@code "cron": ""} beside {@code date.cron}). A body
 * with only a top-level cron is stored as {@code custom_cron}; a body with no schedule gets the
 * recorded default, every hour.
 */
final class Schedules {

  private static final Pattern CRON_ITEM =
      Pattern.compile("(\\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(/\\d+)?");
  private static final String[] DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

  private Schedules() {}

  /** The stored schedule for a request body's {@code schedule} (missing or null: the default). */
  static ObjectNode derive(JsonNode in) {
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
          List<Integer> days = numbers(date.path("days"), 0, 6, "date", "days");
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
          if (cron.isEmpty()) {
            throw invalid(
                "date", "cron", "This field is required when date.type is " + dateType + ".");
          }
          validateCron(cron);
          outDate.put("type", dateType);
          outDate.put("cron", cron);
          break;
        }
      default:
        throw invalid("date", "type", "\"" + dateType + "\" is not a valid choice.");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("cron", cron);
    out.set("date", outDate);
    out.set("time", outTime);
    return out;
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
        throw invalid("time", "interval", "Ensure this value is between 1 and 23.");
      }
      t.put("type", type);
      t.put("interval", interval);
    } else if (type.equals("at_exact_hours")) {
      List<Integer> hours = numbers(time.path("hours"), 0, 23, "time", "hours");
      t.put("type", type);
      ArrayNode h = t.putArray("hours");
      hours.forEach(h::add);
    } else {
      throw invalid("time", "type", "\"" + type + "\" is not a valid choice.");
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

  private static List<Integer> numbers(JsonNode list, int min, int max, String part, String field) {
    if (!list.isArray() || list.isEmpty()) {
      throw invalid(part, field, "This list may not be empty.");
    }
    TreeSet<Integer> out = new TreeSet<>();
    for (JsonNode n : list) {
      if (!n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
        throw invalid(
            part, field, "Each value must be an integer between " + min + " and " + max + ".");
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

  /** A UNIX 5-field cron: every item a number, name, range or {@code *}, optionally with a step. */
  static void validateCron(String cron) {
    String[] fields = cron.trim().split("\\s+");
    if (fields.length != 5) {
      throw invalidCron(cron, "a cron has 5 fields (minute hour day-of-month month day-of-week)");
    }
    int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    for (int i = 0; i < 5; i++) {
      for (String item : fields[i].split(",")) {
        if (!CRON_ITEM.matcher(item).matches()) {
          throw invalidCron(cron, "'" + item + "' is not a cron item");
        }
        String base = item.split("/")[0];
        for (String bound : base.split("-")) {
          if (bound.equals("*") || !bound.chars().allMatch(Character::isDigit)) {
            continue;
          }
          int v = Integer.parseInt(bound);
          if (v < ranges[i][0] || v > ranges[i][1]) {
            throw invalidCron(
                cron, "'" + bound + "' is outside " + ranges[i][0] + "-" + ranges[i][1]);
          }
        }
      }
    }
  }

  private static ApiError invalidCron(String cron, String why) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.putObject("schedule")
        .put("cron", "Invalid cron expression \"" + cron + "\": " + why + ".");
    return ApiError.invalid(data);
  }

  private static ApiError invalid(String part, String field, String message) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.putObject("schedule").putObject(part).put(field, message);
    return ApiError.invalid(data);
  }

  /**
   * The UI's short description of a cron ({@code Every hour} is recorded); other forms are best
   * effort.
   */
  static String humanize(String cron) {
    String[] f = cron.trim().split("\\s+");
    if (f.length != 5
        || !f[2].equals("*")
        || !f[3].equals("*")
        || !f[0].chars().allMatch(Character::isDigit)) {
      return cron;
    }
    String when;
    if (f[1].equals("*") && f[0].equals("0")) {
      when = "Every hour";
    } else if (f[1].startsWith("*/") && f[0].equals("0")) {
      when = "Every " + f[1].substring(2) + " hours";
    } else if (f[1].chars().allMatch(c -> Character.isDigit(c) || c == ',')) {
      List<String> times = new ArrayList<>();
      for (String h : f[1].split(",")) {
        times.add(
            String.format(Locale.ROOT, "%02d:%02d", Integer.parseInt(h), Integer.parseInt(f[0])));
      }
      when = "At " + String.join(", ", times);
    } else {
      return cron;
    }
    if (f[4].equals("*")) {
      return when;
    }
    if (!f[4].chars().allMatch(c -> Character.isDigit(c) || c == ',')) {
      return cron;
    }
    List<String> days = new ArrayList<>();
    for (String d : f[4].split(",")) {
      days.add(DAY_NAMES[Integer.parseInt(d) % 7]);
    }
    return when + ", on " + String.join(", ", days);
  }
}
