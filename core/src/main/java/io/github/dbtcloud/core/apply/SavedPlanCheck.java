package io.github.dbtcloud.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.plan.JsonPlanWriter;
import io.github.dbtcloud.core.plan.PlanCommand;
import io.github.dbtcloud.core.plan.PlanOptions;
import io.github.dbtcloud.core.plan.PlanReport;
import io.github.dbtcloud.core.plan.Planner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a saved plan may still be applied. The desired file must hash as it did; dbt
 * Cloud is read again and planned again with the saved plan's selection; then every object must
 * look as it did (same content hash), and the plan made now must equal the saved one entry for
 * entry, so that what is applied is exactly what was reviewed. Secrets never reach plan.json, so
 * the values come from the file, whose hash proves it is the one reviewed.
 */
final class SavedPlanCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LISTED = 20;

  private SavedPlanCheck() {}

  /**
   * The options the saved plan was made with: its selection and marker placement, the build's
   * secrets to rotate.
   */
  static PlanOptions options(SavedPlan saved, PlanOptions build) {
    return new PlanOptions(
        Set.copyOf(saved.selectedProjects()),
        Set.copyOf(saved.selectedJobs()),
        MarkerPlacement.parse(saved.markerPlacement()),
        build.rotateSecrets(),
        build.allowEmptyProject());
  }

  /**
   * Refuses a plan made for another account or host, or from another version of the file (before
   * dbt Cloud is read).
   */
  static void requireSameFile(SavedPlan saved, DesiredState desired, String host) {
    String fix =
        " Nothing was written. Run 'mvn dbt:plan' again, review it, and apply the new plan.";
    if (saved.accountId() != desired.account().id()) {
      throw new StalePlanException(
          "The saved plan "
              + saved.file()
              + " was made for account "
              + saved.accountId()
              + ", but the file names account "
              + desired.account().id()
              + "."
              + fix);
    }
    if (!saved.host().isEmpty() && !Objects.equals(saved.host(), host)) {
      throw new StalePlanException(
          "The saved plan "
              + saved.file()
              + " was made against "
              + saved.host()
              + ", but this apply talks to "
              + host
              + "."
              + fix);
    }
    String now = PlanCommand.desiredSha256(desired);
    if (!now.equals(saved.desiredSha256())) {
      throw new StalePlanException(
          "The desired state changed since the plan was made: "
              + desired.files().stream().map(f -> f.getFileName().toString()).toList()
              + " hash to sha256 "
              + abbreviate(now)
              + " now, the saved plan "
              + saved.file()
              + " (made "
              + saved.createdAt()
              + ") was made"
              + " from sha256 "
              + abbreviate(saved.desiredSha256())
              + "."
              + fix);
    }
  }

  /**
   * Refuses a plan whose objects changed in dbt Cloud, or which the same file and account no longer
   * produce.
   */
  static void requireSameObjects(
      SavedPlan saved,
      DesiredState desired,
      Planner.Planned now,
      PlanOptions options,
      String tool) {
    Map<String, JsonNode> fresh =
        resources(
            new JsonPlanWriter()
                .render(
                    new PlanReport(
                        now.plan(),
                        desired,
                        saved.desiredSha256(),
                        now.remote(),
                        options,
                        tool,
                        Instant.now())));
    List<String> problems = new ArrayList<>();
    saved
        .resources()
        .forEach(
            (address, was) -> {
              JsonNode is = fresh.get(address);
              if (is == null) {
                problems.add(
                    address
                        + ": in the saved plan ("
                        + was.path("action").asText()
                        + "), but no longer planned");
              } else if (!was.equals(is)) {
                problems.add(difference(address, was, is));
              }
            });
    fresh.forEach(
        (address, is) -> {
          if (!saved.resources().containsKey(address)) {
            problems.add(
                address
                    + ": not in the saved plan; a plan made now would "
                    + is.path("action").asText()
                    + " it");
          }
        });
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(
            "The saved plan "
                + saved.file()
                + " (made "
                + saved.createdAt()
                + ") is stale: "
                + problems.size()
                + " object(s) differ from what it was made from:");
    problems.stream().limit(MAX_LISTED).forEach(p -> message.append("\n  ").append(p));
    if (problems.size() > MAX_LISTED) {
      message.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
    }
    message.append(
        "\nNothing was written. Run 'mvn dbt:plan' again, review it, and apply the new plan.");
    throw new StalePlanException(message.toString());
  }

  private static String difference(String address, JsonNode was, JsonNode is) {
    String id = is.path("id").isNull() ? was.path("id").asText("") : is.path("id").asText();
    String name = address + (id.isEmpty() || "null".equals(id) ? "" : " (id " + id + ")");
    JsonNode before = was.path("remote_fingerprint");
    JsonNode after = is.path("remote_fingerprint");
    if (before.isNull() && !after.isNull()) {
      return name + ": now exists in dbt Cloud; it was created after the plan was made";
    }
    if (!before.isNull() && after.isNull()) {
      return name + ": was deleted in dbt Cloud after the plan was made";
    }
    if (!before.path("content_hash").equals(after.path("content_hash"))) {
      Set<String> fields = new TreeSet<>();
      leafDifferences("", was.path("before"), is.path("before"), fields);
      return name
          + ": changed in dbt Cloud after the plan was made (updated_at "
          + before.path("updated_at").asText()
          + " -> "
          + after.path("updated_at").asText()
          + ")"
          + (fields.isEmpty() ? "" : ": " + String.join(", ", fields));
    }
    if (!was.path("action").equals(is.path("action"))) {
      return name
          + ": the saved plan says "
          + was.path("action").asText()
          + ", a plan made now says "
          + is.path("action").asText()
          + " (was the plan made with other options or another plugin version?)";
    }
    return name
        + ": a plan made now from the same file and the same object differs from the saved one (was it"
        + " made with other options, e.g. -Ddbt.rotateSecrets, or another plugin version?)";
  }

  /** Dotted paths whose values differ, ignoring fields dbt Cloud rewrites by itself. */
  private static void leafDifferences(String prefix, JsonNode a, JsonNode b, Set<String> out) {
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        if (prefix.isEmpty() && Fingerprint.isVolatile(key)) {
          continue;
        }
        leafDifferences(prefix.isEmpty() ? key : prefix + "." + key, a.path(key), b.path(key), out);
      }
    } else if (!a.equals(b)) {
      out.add(prefix);
    }
  }

  private static Map<String, JsonNode> resources(String planJson) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    try {
      Iterator<JsonNode> it = JSON.readTree(planJson).path("resource_changes").elements();
      it.forEachRemaining(r -> out.put(r.path("address").asText(), r));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("plan.json as just written is JSON", e);
    }
    return out;
  }

  private static String abbreviate(String sha) {
    return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12) + "...";
  }

  /** A saved plan that no longer describes the file or the account. */
  static final class StalePlanException extends io.github.dbtcloud.core.DbtCloudFailure {
    private static final long serialVersionUID = 1L;

    StalePlanException(String message) {
      super(message);
    }
  }
}
