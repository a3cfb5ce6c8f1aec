package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the runs of one job (or of every job) play out: time in the queue, time starting, the steps
 * with their durations, outcomes and logs, and the dbt nodes that fail. Comes from the seed's
 * {@code run_scripts:} section or from Java ({@link RunControl#script}). A job without a script
 * gets {@link #DEFAULT}: a short, successful run of the job's own commands.
 *
 * @param jobId the job this script is for, or null
 * @param jobName the name of the job this script is for, or null (neither: every job)
 * @param queue time a free run waits in the queue before a runner picks it up
 * @param starting time between dequeue and the first step
 * @param stepDuration duration of each step the script does not time itself
 * @param outcome outcome of the last dbt command when {@code steps} is empty
 * @param failingNodes nodes written as failed into {@code run_results.json} of the failing step
 * @param statusMessage the run's {@code status_message} when it errors, or null
 * @param steps the exact steps, or empty for the job's own (clone, profile, deps, each command)
 */
public record RunScript(
    Long jobId,
    String jobName,
    Duration queue,
    Duration starting,
    Duration stepDuration,
    Outcome outcome,
    List<Node> failingNodes,
    String statusMessage,
    List<Step> steps) {

  /** What every job's runs do when no script names it: about two seconds, then success. */
  public static final RunScript DEFAULT =
      new RunScript(
          null,
          null,
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Duration.ofMillis(300),
          Outcome.SUCCESS,
          List.of(),
          null,
          List.of());

  public RunScript {
    failingNodes = List.copyOf(failingNodes);
    steps = List.copyOf(steps);
  }

  /** How a step (and so the run) ends. */
  public enum Outcome {
    SUCCESS(10),
    ERROR(20),
    CANCELLED(30);

    private final int status;

    Outcome(int status) {
      this.status = status;
    }

    /** The run and step status code this outcome ends in. */
    public int status() {
      return status;
    }

    static Outcome parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "run script outcome '" + text + "' is not one of success, error, cancelled", e);
      }
    }
  }

  /**
   * One scripted step.
   *
   * @param name the step name; null gives {@code Invoke dbt with `command`}
   * @param command the dbt command, or null for a step that runs no dbt (it then has no artifacts)
   * @param duration how long it takes, or null for the script's step duration
   * @param outcome how it ends; the first step that does not succeed ends the run
   * @param logs its log text, or null for generated dbt-like output
   * @param nodes its {@code run_results.json} results, or empty for generated ones
   */
  public record Step(
      String name,
      String command,
      Duration duration,
      Outcome outcome,
      String logs,
      List<Node> nodes) {

    public Step {
      nodes = List.copyOf(nodes);
      if (name == null && command == null) {
        throw new IllegalArgumentException("a run script step needs a name or a command");
      }
    }

    /** A successful step running {@code command}. */
    public static Step dbt(String command) {
      return new Step(null, command, null, Outcome.SUCCESS, null, List.of());
    }

    /** This step with another outcome. */
    public Step ending(Outcome how) {
      return new Step(name, command, duration, how, logs, nodes);
    }

    /** This step with another duration. */
    public Step taking(Duration d) {
      return new Step(name, command, d, outcome, logs, nodes);
    }

    /** This step with its own log text. */
    public Step logging(String text) {
      return new Step(name, command, duration, outcome, text, nodes);
    }

    /** This step with its own node results. */
    public Step withNodes(List<Node> results) {
      return new Step(name, command, duration, outcome, logs, results);
    }
  }

  /**
   * One dbt node result as {@code run_results.json} carries it.
   *
   * @param uniqueId e.g. {@code model.jaffle_shop.orders}
   * @param status success, error, fail, skip, warn or pass
   * @param message the node's message, e.g. the database error
   */
  public record Node(String uniqueId, String status, String message) {}

  /** The default script, for the job with this id. */
  public static RunScript forJob(long jobId) {
    return DEFAULT.matching(jobId, null);
  }

  /** The default script, for jobs with this name. */
  public static RunScript forJobNamed(String name) {
    return DEFAULT.matching(null, name);
  }

  /** This script for another job. */
  public RunScript matching(Long id, String name) {
    return new RunScript(
        id, name, queue, starting, stepDuration, outcome, failingNodes, statusMessage, steps);
  }

  /** This script with other queue and starting times. */
  public RunScript queuedFor(Duration inQueue, Duration toStart) {
    return new RunScript(
        jobId,
        jobName,
        inQueue,
        toStart,
        stepDuration,
        outcome,
        failingNodes,
        statusMessage,
        steps);
  }

  /** This script with another default step duration. */
  public RunScript stepsTaking(Duration each) {
    return new RunScript(
        jobId, jobName, queue, starting, each, outcome, failingNodes, statusMessage, steps);
  }

  /** This script ending the last dbt command with {@code how}, failing these nodes. */
  public RunScript ending(Outcome how, List<Node> failing) {
    return new RunScript(
        jobId, jobName, queue, starting, stepDuration, how, failing, statusMessage, steps);
  }

  /** This script with exactly these steps. */
  public RunScript withSteps(List<Step> exact) {
    return new RunScript(
        jobId, jobName, queue, starting, stepDuration, outcome, failingNodes, statusMessage, exact);
  }

  /** Whether this script is for {@code job} specifically (not a default for every job). */
  boolean namesJob(JsonNode job) {
    if (jobId != null) {
      return job.path("id").asLong() == jobId;
    }
    return jobName != null && jobName.equals(job.path("name").asText());
  }

  /** Whether this script applies to every job. */
  boolean isDefault() {
    return jobId == null && jobName == null;
  }

  /** Reads one entry of the seed's {@code run_scripts:} (or its stored form). */
  public static RunScript fromJson(JsonNode in) {
    if (!in.isObject()) {
      throw new IllegalArgumentException("a run script is a mapping, found " + in);
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : in.path("steps")) {
      steps.add(
          new Step(
              text(s, "name"),
              text(s, "command"),
              durationOrNull(s.get("duration")),
              s.hasNonNull("outcome") ? Outcome.parse(s.get("outcome").asText()) : Outcome.SUCCESS,
              text(s, "logs"),
              nodes(s.path("nodes"))));
    }
    return new RunScript(
        in.path("job_id").isIntegralNumber() ? in.get("job_id").asLong() : null,
        text(in, "job_name"),
        durationOr(in.get("queue"), DEFAULT.queue),
        durationOr(in.get("starting"), DEFAULT.starting),
        durationOr(in.get("step_duration"), DEFAULT.stepDuration),
        in.hasNonNull("outcome") ? Outcome.parse(in.get("outcome").asText()) : Outcome.SUCCESS,
        nodes(in.path("failing_nodes")),
        text(in, "status_message"),
        steps);
  }

  /** The stored form, readable by {@link #fromJson}. */
  ObjectNode toJson() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (jobId != null) {
      out.put("job_id", jobId);
    }
    if (jobName != null) {
      out.put("job_name", jobName);
    }
    out.put("queue", queue.toMillis() + "ms");
    out.put("starting", starting.toMillis() + "ms");
    out.put("step_duration", stepDuration.toMillis() + "ms");
    out.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    out.set("failing_nodes", nodesJson(failingNodes));
    if (statusMessage != null) {
      out.put("status_message", statusMessage);
    }
    ArrayNode stepsOut = out.putArray("steps");
    for (Step s : steps) {
      ObjectNode o = stepsOut.addObject();
      o.put("name", s.name());
      o.put("command", s.command());
      if (s.duration() != null) {
        o.put("duration", s.duration().toMillis() + "ms");
      }
      o.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
      o.put("logs", s.logs());
      o.set("nodes", nodesJson(s.nodes()));
    }
    return out;
  }

  static ArrayNode nodesJson(List<Node> nodes) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Node n : nodes) {
      out.addObject()
          .put("unique_id", n.uniqueId())
          .put("status", n.status())
          .put("message", n.message());
    }
    return out;
  }

  static List<Node> nodes(JsonNode in) {
    List<Node> out = new ArrayList<>();
    for (JsonNode n : in) {
      String id = text(n, "unique_id");
      if (id == null) {
        throw new IllegalArgumentException("a run script node needs a unique_id: " + n);
      }
      out.add(new Node(id, n.path("status").asText("error"), n.path("message").asText("")));
    }
    return out;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

  /** {@code 0.5}, {@code 0.5s}, {@code 150ms} or {@code 2m}; a bare number is seconds. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a run script duration such as 0.5s, 150ms or 2m");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double millis =
        switch (unit) {
          case "ms" -> n;
          case "m" -> n * 60_000;
          default -> n * 1000;
        };
    return Duration.ofMillis(Math.round(millis));
  }

  private static Duration durationOr(JsonNode node, Duration fallback) {
    Duration d = durationOrNull(node);
    return d == null ? fallback : d;
  }

  private static Duration durationOrNull(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isNumber()
        ? Duration.ofMillis(Math.round(node.asDouble() * 1000))
        : parseDuration(node.asText());
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
