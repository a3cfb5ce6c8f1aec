package io.github.dbtcloud.core.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.DbtCloudFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code plan.json} read back (format in docs/plan.md): what {@code dbt:apply -Ddbt.planFile=...}
 * must find unchanged before it writes anything.
 *
 * @param file where it was read from
 * @param formatVersion {@code 1.0}
 * @param createdAt when the plan was made, as written
 * @param accountId the account planned against
 * @param host the host planned against
 * @param desiredSha256 the SHA-256 of the desired-state file(s) when planned
 * @param projects the project keys planned
 * @param selectedProjects the build's project selection (empty: all)
 * @param selectedJobs the build's job selection (empty: all)
 * @param markerPlacement {@code description} or {@code name}
 * @param resources every managed object by address ({@code jaffle_shop.job.nightly}), as written
 */
public record SavedPlan(
    Path file,
    String formatVersion,
    String createdAt,
    long accountId,
    String host,
    String desiredSha256,
    List<String> projects,
    List<String> selectedProjects,
    List<String> selectedJobs,
    String markerPlacement,
    Map<String, JsonNode> resources) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SavedPlan {
    projects = List.copyOf(projects);
    selectedProjects = List.copyOf(selectedProjects);
    selectedJobs = List.copyOf(selectedJobs);
    resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }

  /** Reads a plan.json. */
  public static SavedPlan read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new DbtCloudFailure(
          "dbt.planFile: "
              + file
              + " does not exist. Make it with 'mvn dbt:plan' (it writes"
              + " target/dbt/plan.json), or apply without -Ddbt.planFile to plan and apply in one go.");
    } catch (IOException e) {
      throw new DbtCloudFailure(
          "dbt.planFile: "
              + file
              + " cannot be read as a plan ("
              + e.getMessage()
              + "). Make it again with 'mvn dbt:plan'.",
          e);
    }
    String version = root.path("format_version").asText("");
    if (!version.startsWith("1.")) {
      throw new DbtCloudFailure(
          "dbt.planFile: "
              + file
              + " has format_version '"
              + version
              + "'; this plugin"
              + " applies format 1.x. Make the plan again with this plugin's dbt:plan.");
    }
    Map<String, JsonNode> resources = new LinkedHashMap<>();
    root.path("resource_changes").forEach(r -> resources.put(r.path("address").asText(), r));
    JsonNode scope = root.path("scope");
    List<String> projects = new ArrayList<>();
    scope.path("projects").forEach(p -> projects.add(p.path("key").asText()));
    return new SavedPlan(
        file,
        version,
        root.path("created_at").asText(""),
        root.path("account_id").asLong(),
        root.path("host").asText(""),
        root.path("desired_state").path("sha256").asText(""),
        projects,
        texts(scope.path("selection").path("projects")),
        texts(scope.path("selection").path("jobs")),
        scope.path("marker_placement").asText("description"),
        resources);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
