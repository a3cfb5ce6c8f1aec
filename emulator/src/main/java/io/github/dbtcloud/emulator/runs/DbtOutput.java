package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What dbt itself produces inside a step: the node results (scripted nodes over a plausible default
 * project), the log text, and the {@code run_results.json} (schema v6) and {@code manifest.json}
 * artifacts.
 */
final class DbtOutput {

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private DbtOutput() {}

  /**
   * The node results of a dbt step: scripted nodes replace or extend the defaults for its command.
   */
  static List<RunScript.Node> results(JsonNode run, JsonNode step) {
    String command = step.path("command").asText("");
    if (!step.path("artifacts").asBoolean()) {
      return List.of();
    }
    String project = run.path("_plan").path("project_slug").asText("my_project");
    Map<String, RunScript.Node> byId = new LinkedHashMap<>();
    for (RunScript.Node n : defaults(command, project)) {
      byId.put(n.uniqueId(), n);
    }
    List<RunScript.Node> scripted = RunScript.nodes(step.path("nodes"));
    for (RunScript.Node n : scripted) {
      byId.put(n.uniqueId(), n);
    }
    boolean failed = step.get("outcome").asInt() == RunEngine.ERROR;
    boolean explained =
        byId.values().stream()
            .anyMatch(n -> n.status().equals("error") || n.status().equals("fail"));
    if (failed && !explained) {
      RunScript.Node orders =
          new RunScript.Node(
              "model." + project + ".orders",
              "error",
              "Database Error in model orders (models/orders.sql)\n  002003 (42S02): SQL compilation error:\n"
                  + "  Object 'ANALYTICS.RAW.ORDERS' does not exist or not authorized.");
      byId.put(orders.uniqueId(), orders);
    }
    return new ArrayList<>(byId.values());
  }

  private static List<RunScript.Node> defaults(String command, String project) {
    String verb = command.replaceFirst("^dbt\\s+", "").split("\\s+")[0];
    List<RunScript.Node> out = new ArrayList<>();
    if (verb.equals("seed")) {
      out.add(new RunScript.Node("seed." + project + ".raw_customers", "success", "INSERT 100"));
      out.add(new RunScript.Node("seed." + project + ".raw_orders", "success", "INSERT 99"));
      return out;
    }
    if (verb.equals("source")) {
      out.add(new RunScript.Node("source." + project + ".raw.orders", "pass", null));
      return out;
    }
    if (verb.equals("docs")) {
      return out;
    }
    if (!verb.equals("test")) {
      for (String model : List.of("stg_customers", "stg_orders", "customers", "orders")) {
        out.add(new RunScript.Node("model." + project + "." + model, "success", "SUCCESS 1"));
      }
    }
    if (verb.equals("test") || verb.equals("build")) {
      out.add(
          new RunScript.Node(
              "test." + project + ".unique_customers_customer_id.c5af1ff4b1", "pass", null));
      out.add(
          new RunScript.Node(
              "test." + project + ".not_null_orders_order_id.cf6c17daed", "pass", null));
    }
    return out;
  }

  /**
   * The step's log text as it reads at this point: scripted text, or dbt-like output for its nodes.
   */
  static String logs(JsonNode run, RunEngine.StepTiming t, int status) {
    JsonNode step = t.plan();
    if (status == RunEngine.RUNNING) {
      return "";
    }
    if (step.path("logs").isTextual()) {
      return step.get("logs").asText();
    }
    String begin = LOG_TIME.format(t.start());
    String end = LOG_TIME.format(t.end());
    StringBuilder out = new StringBuilder();
    String command = step.path("command").asText(null);
    if (command == null) {
      String name = step.get("name").asText();
      if (name.startsWith("Clone")) {
        out.append(begin)
            .append("  Cloning into '/tmp/jobs/")
            .append(run.get("id").asLong())
            .append("/target'...\n");
        out.append(end)
            .append("  Checked out ")
            .append(run.path("git_branch").asText("main"))
            .append(" at ")
            .append(run.path("git_sha").asText(""))
            .append('\n');
      } else {
        out.append(end).append("  ").append(name).append(": done\n");
      }
      return cancelledTail(out, status, end);
    }
    String version = metadataVersion(run);
    out.append(begin).append("  Running with dbt=").append(version).append('\n');
    if (!step.path("artifacts").asBoolean()) {
      out.append(end).append("  Installed 1 package\n");
      return cancelledTail(out, status, end);
    }
    if (status == RunEngine.CANCELLED) {
      return cancelledTail(out, status, end);
    }
    List<RunScript.Node> nodes = results(run, step);
    int total = nodes.size();
    int i = 0;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String k : List.of("PASS", "WARN", "ERROR", "SKIP")) {
      counts.put(k, 0);
    }
    List<RunScript.Node> problems = new ArrayList<>();
    for (RunScript.Node n : nodes) {
      i++;
      String result =
          switch (n.status()) {
            case "error" -> "ERROR";
            case "fail" -> "FAIL";
            case "skip" -> "SKIP";
            case "warn" -> "WARN";
            case "pass" -> "PASS";
            default -> "SUCCESS";
          };
      String what = describe(n.uniqueId());
      String verb =
          switch (result) {
            case "SUCCESS" -> "OK created";
            case "ERROR" -> "ERROR creating";
            default -> result;
          };
      out.append(begin).append(dotted(i + " of " + total + " START " + what, "[RUN]")).append('\n');
      out.append(end)
          .append(
              dotted(
                  i + " of " + total + " " + verb + " " + what,
                  "["
                      + result
                      + " in "
                      + String.format(
                          Locale.ROOT,
                          "%.2fs",
                          Duration.between(t.start(), t.end()).toMillis() / 1000.0 / total)
                      + "]"))
          .append('\n');
      String bucket =
          switch (result) {
            case "ERROR", "FAIL" -> "ERROR";
            case "SKIP" -> "SKIP";
            case "WARN" -> "WARN";
            default -> "PASS";
          };
      counts.merge(bucket, 1, Integer::sum);
      if (bucket.equals("ERROR") || bucket.equals("WARN")) {
        problems.add(n);
      }
    }
    Duration took = Duration.between(t.start(), t.end());
    out.append(end).append("  \n");
    out.append(end)
        .append(
            String.format(
                Locale.ROOT,
                "  Finished running %d nodes in 0 hours 0 minutes and %.2f seconds.%n",
                total,
                took.toMillis() / 1000.0));
    out.append(end).append("  \n");
    if (counts.get("ERROR") == 0) {
      out.append(end).append("  Completed successfully\n");
    } else {
      out.append(end)
          .append("  Completed with ")
          .append(counts.get("ERROR"))
          .append(" error")
          .append(counts.get("ERROR") == 1 ? "" : "s")
          .append(" and ")
          .append(counts.get("WARN"))
          .append(" warnings:\n");
      for (RunScript.Node n : problems) {
        out.append(end).append("  \n");
        if (n.status().equals("fail") || n.status().equals("warn")) {
          out.append(end)
              .append("    ")
              .append(n.status().equals("fail") ? "Failure" : "Warning")
              .append(" in ")
              .append(describe(n.uniqueId()))
              .append('\n');
        }
        for (String line : String.valueOf(n.message()).split("\n")) {
          out.append(end)
              .append("  ")
              .append(line.strip().isEmpty() ? "" : "  " + line.strip())
              .append('\n');
        }
      }
    }
    out.append(end).append("  \n");
    out.append(end)
        .append(
            String.format(
                "  Done. PASS=%d WARN=%d ERROR=%d SKIP=%d TOTAL=%d%n",
                counts.get("PASS"),
                counts.get("WARN"),
                counts.get("ERROR"),
                counts.get("SKIP"),
                total));
    return out.toString();
  }

  /**
   * How dbt names a node in its log: {@code sql table model analytics.orders}, {@code test
   * unique_x}.
   */
  private static String describe(String uniqueId) {
    String[] parts = uniqueId.split("\\.");
    String name = parts[parts.length - 1];
    return switch (parts[0]) {
      case "model" -> "sql table model analytics." + name;
      case "seed" -> "seed file analytics." + name;
      case "source" -> "freshness of " + (parts.length > 3 ? parts[2] + "." : "") + name;
      case "test" -> "test " + (parts.length > 2 ? parts[2] : name);
      default -> parts[0] + " " + name;
    };
  }

  private static String dotted(String left, String right) {
    return "  "
        + left
        + " "
        + ".".repeat(Math.max(3, 76 - left.length() - right.length()))
        + " "
        + right;
  }

  private static String cancelledTail(StringBuilder out, int status, String at) {
    if (status == RunEngine.CANCELLED) {
      out.append(at).append("  ").append(RunEngine.CANCELLED_MESSAGE).append('\n');
    }
    return out.toString();
  }

  /** The debug log: every log line, with the debug prefix dbt writes. */
  static String debugLogs(String logs) {
    if (logs.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String line : logs.split("\n")) {
      out.append("[debug] [MainThread]: ").append(line).append('\n');
    }
    return out.toString();
  }

  /** {@code run_results.json} (dbt artifact schema v6) of a finished dbt step. */
  static ObjectNode runResults(JsonNode run, RunEngine.StepTiming t) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set("metadata", metadata(run, t, "https://schemas.getdbt.com/dbt/run-results/v6.json"));
    ArrayNode results = root.putArray("results");
    int thread = 1;
    for (RunScript.Node n : results(run, t.plan())) {
      ObjectNode r = results.addObject();
      r.put("status", n.status());
      ArrayNode timing = r.putArray("timing");
      timing
          .addObject()
          .put("name", "compile")
          .put("started_at", ISO_Z.format(t.start()))
          .put("completed_at", ISO_Z.format(t.start()));
      timing
          .addObject()
          .put("name", "execute")
          .put("started_at", ISO_Z.format(t.start()))
          .put("completed_at", ISO_Z.format(t.end()));
      r.put("thread_id", "Thread-" + thread++);
      r.put("execution_time", Duration.between(t.start(), t.end()).toMillis() / 1000.0);
      ObjectNode adapter = r.putObject("adapter_response");
      if (n.status().equals("success")) {
        adapter.put("_message", n.message()).put("code", "SUCCESS").put("rows_affected", 1);
      }
      r.put("message", n.message());
      if (n.status().equals("fail")) {
        r.put("failures", 1);
      } else if (n.uniqueId().startsWith("test.")) {
        r.put("failures", 0);
      } else {
        r.putNull("failures");
      }
      r.put("unique_id", n.uniqueId());
      r.put("compiled", !n.status().equals("skip"));
      r.put("compiled_code", "select 1");
      r.put(
          "relation_name",
          n.uniqueId().startsWith("model.")
              ? "analytics.dbt_cloud." + n.uniqueId().substring(n.uniqueId().lastIndexOf('.') + 1)
              : null);
    }
    root.put("elapsed_time", Duration.between(t.start(), t.end()).toMillis() / 1000.0);
    ObjectNode args = root.putObject("args");
    String command = t.plan().path("command").asText("");
    args.put("which", command.replaceFirst("^dbt\\s+", "").split("\\s+")[0]);
    args.put("invocation_command", command);
    args.put("target", "default");
    return root;
  }

  /** {@code manifest.json} of a finished dbt step: the nodes it knows, in the v12 layout. */
  static ObjectNode manifest(JsonNode run, RunEngine.StepTiming t) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode metadata = metadata(run, t, "https://schemas.getdbt.com/dbt/manifest/v12.json");
    metadata.put("project_name", run.path("_plan").path("project_slug").asText());
    metadata.put("adapter_type", "snowflake");
    root.set("metadata", metadata);
    ObjectNode nodes = root.putObject("nodes");
    for (RunScript.Node n : results(run, t.plan())) {
      String[] parts = n.uniqueId().split("\\.");
      ObjectNode node = nodes.putObject(n.uniqueId());
      node.put("unique_id", n.uniqueId());
      node.put("resource_type", parts[0]);
      node.put("package_name", parts.length > 1 ? parts[1] : "");
      node.put("name", parts[parts.length - 1]);
      node.put("original_file_path", parts[0] + "s/" + parts[parts.length - 1] + ".sql");
    }
    for (String empty :
        List.of(
            "sources",
            "macros",
            "docs",
            "exposures",
            "metrics",
            "groups",
            "selectors",
            "disabled",
            "parent_map",
            "child_map",
            "group_map",
            "saved_queries",
            "semantic_models",
            "unit_tests")) {
      root.putObject(empty);
    }
    return root;
  }

  private static ObjectNode metadata(JsonNode run, RunEngine.StepTiming t, String schema) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("dbt_schema_version", schema);
    m.put("dbt_version", metadataVersion(run));
    m.put("generated_at", ISO_Z.format(t.end()));
    m.put(
        "invocation_id",
        UUID.nameUUIDFromBytes(
                ("step-" + t.plan().get("id").asLong())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString());
    ObjectNode env = m.putObject("env");
    env.put("DBT_CLOUD_PROJECT_ID", run.get("project_id").asText());
    env.put("DBT_CLOUD_RUN_ID", run.get("id").asText());
    env.put("DBT_CLOUD_JOB_ID", run.get("job_definition_id").asText());
    env.put("DBT_CLOUD_RUN_REASON", run.path("trigger").path("cause").asText());
    env.put(
        "DBT_CLOUD_RUN_REASON_CATEGORY", run.path("trigger").path("cause_category").asText("api"));
    return m;
  }

  private static String metadataVersion(JsonNode run) {
    String v = run.path("dbt_version").asText("versionless");
    return v.equals("versionless") || v.startsWith("latest") ? "1.10.0" : v;
  }
}
