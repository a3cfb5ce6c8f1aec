package io.github.dbtcloud.emulator.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.EnvironmentsApi;
import io.github.dbtcloud.emulator.admin.JobsApi;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Timestamps;
import io.github.dbtcloud.emulator.runs.RunScripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Fills an empty state from a seed document (YAML or JSON; JSON is YAML). Environments and jobs go
 * through the same code as API creates, so a seeded object looks exactly like a created one.
 */
public final class SeedLoader {

  /** Classpath location of the demo account used when no seed is given. */
  public static final String DEMO_SEED = "/io/github/dbtcloud/emulator/seed/demo-seed.yml";

  private final EnvironmentsApi environments;
  private final JobsApi jobs;
  private final Clock clock;

  public SeedLoader(EnvironmentsApi environments, JobsApi jobs, Clock clock) {
    this.environments = environments;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Reads a seed file. */
  public static JsonNode read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed " + file, e);
    }
  }

  /** The built-in demo account. */
  public static JsonNode demo() {
    try (InputStream in = SeedLoader.class.getResourceAsStream(DEMO_SEED)) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo seed", e);
    }
  }

  /** Parses seed text with SnakeYAML's safe constructor. */
  public static JsonNode parse(String text) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    return Json.MAPPER.valueToTree(tree);
  }

  /** Adds everything in {@code seed} to {@code state}. */
  public void load(JsonNode seed, EmulatorState state) {
    state.write(s -> {
      for (JsonNode a : seed.path("accounts")) {
        s.table(EmulatorState.ACCOUNTS).put(account(a));
      }
      for (JsonNode t : seed.path("tokens")) {
        s.addToken(t.get("token").asText(), t.get("account_id").asLong());
      }
      RunScripts.load(seed.path("run_scripts"), s);
      for (JsonNode p : seed.path("projects")) {
        s.table(EmulatorState.PROJECTS).put(project(p));
      }
      for (JsonNode e : seed.path("environments")) {
        ObjectNode project = s.table(EmulatorState.PROJECTS).get(e.get("project_id").asLong())
            .orElseThrow(() -> new IllegalArgumentException("seed environment " + e + " names an unknown project"));
        environments.insert(s, project, e, idOf(e, s));
      }
      for (JsonNode j : seed.path("jobs")) {
        jobs.insert(s, j.get("account_id").asLong(), j, idOf(j, s));
      }
      return null;
    });
  }

  private static long idOf(JsonNode row, EmulatorState s) {
    return row.path("id").isIntegralNumber() ? row.get("id").asLong() : s.newId();
  }

  private ObjectNode account(JsonNode in) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("id", in.get("id").asLong());
    a.put("name", in.path("name").asText("Demo account"));
    a.put("state", 1);
    a.put("plan", in.path("plan").asText("enterprise"));
    a.put("run_slots", in.path("run_slots").asInt(5));
    a.putNull("docs_job_id");
    a.putNull("freshness_job_id");
    a.put("locked", false);
    a.put("created_at", Timestamps.isoT(clock.instant()));
    a.put("updated_at", Timestamps.isoT(clock.instant()));
    return a;
  }

  private ObjectNode project(JsonNode in) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("name", in.get("name").asText());
    p.put("account_id", in.get("account_id").asLong());
    p.set("repository_id", in.path("repository_id").isIntegralNumber() ? in.get("repository_id") : null);
    p.set("connection_id", in.path("connection_id").isIntegralNumber() ? in.get("connection_id") : null);
    p.put("id", in.get("id").asLong());
    p.put("created_at", Timestamps.spaced(clock.instant()));
    p.put("updated_at", Timestamps.spaced(clock.instant()));
    p.put("skipped_setup", false);
    p.put("state", 1);
    p.putNull("dbt_project_subdirectory");
    p.putNull("docs_job_id");
    p.putNull("freshness_job_id");
    p.put("description", in.path("description").asText(""));
    p.put("type", 0);
    return p;
  }
}
