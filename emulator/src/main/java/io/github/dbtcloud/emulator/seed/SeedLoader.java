package io.github.dbtcloud.emulator.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.admin.AccountsApi;
import io.github.dbtcloud.emulator.admin.EnvironmentVariablesApi;
import io.github.dbtcloud.emulator.admin.EnvironmentsApi;
import io.github.dbtcloud.emulator.admin.JobsApi;
import io.github.dbtcloud.emulator.admin.ProjectsApi;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Fills an empty state from a seed document (YAML or JSON; JSON is YAML; the format is in
 * docs/emulator.md). Accounts, projects, environments, jobs and environment variables go through
 * the same code as API creates, so a seeded object looks exactly like a created one. Feature
 * packages add their own top-level sections with {@link #section} (one call each, in {@code
 * DbtCloudEmulator}). A mistake in the seed names the entry and the fix.
 */
public final class SeedLoader {

  /** The largest seed text read, in characters (SnakeYAML's own default is 3 MiB). */
  public static final int MAX_SEED_CHARS = 256 * 1024 * 1024;

  /** Classpath location of the demo account used when no seed is given. */
  public static final String DEMO_SEED = "/io/github/dbtcloud/emulator/seed/demo-seed.yml";

  /**
   * Loads one feature package's top-level seed section (e.g. {@code run_scripts}, {@code
   * semantic_layer}).
   */
  @FunctionalInterface
  public interface Section {
    /**
     * Adds what {@code section} describes to {@code state}; called under the state's write lock,
     * after the core sections.
     */
    void load(JsonNode section, EmulatorState state);
  }

  private final AccountsApi accounts;
  private final ProjectsApi projects;
  private final EnvironmentsApi environments;
  private final JobsApi jobs;
  private final EnvironmentVariablesApi variables;
  private final Map<String, Section> sections = new LinkedHashMap<>();

  public SeedLoader(
      AccountsApi accounts,
      ProjectsApi projects,
      EnvironmentsApi environments,
      JobsApi jobs,
      EnvironmentVariablesApi variables) {
    this.accounts = accounts;
    this.projects = projects;
    this.environments = environments;
    this.jobs = jobs;
    this.variables = variables;
  }

  /**
   * Registers a feature package's section; it is loaded after accounts, tokens, projects,
   * environments, jobs and environment variables, so it can refer to all of them.
   */
  public SeedLoader section(String key, Section loader) {
    if (sections.putIfAbsent(key, loader) != null) {
      throw new IllegalArgumentException("seed section '" + key + "' is registered twice");
    }
    return this;
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

  /**
   * Parses seed text with SnakeYAML's safe constructor; an empty document is an empty seed. Seeds
   * are the tester's own input, so SnakeYAML's 3 MiB default gives way to {@link #MAX_SEED_CHARS}:
   * a benchmark account of 50,000 jobs is a seed of about 15 MB.
   */
  public static JsonNode parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_SEED_CHARS);
    Object tree = new Yaml(new SafeConstructor(options)).load(text);
    JsonNode node = Json.MAPPER.valueToTree(tree);
    return node == null || node.isNull() ? Json.MAPPER.createObjectNode() : node;
  }

  /** Adds everything in {@code seed} to {@code state}. */
  public void load(JsonNode seed, EmulatorState state) {
    state.write(
        s -> {
          int i = 0;
          for (JsonNode a : seed.path("accounts")) {
            require(a, "id", "accounts[" + i++ + "]");
            accounts.insert(s, a);
          }
          i = 0;
          for (JsonNode t : seed.path("tokens")) {
            String where = "tokens[" + i++ + "]";
            require(t, "token", where);
            long account =
                existing(s, EmulatorState.ACCOUNTS, t, "account_id", where).get("id").asLong();
            if (t.path("project_ids").isArray()) {
              Set<Long> ids = new LinkedHashSet<>();
              t.get("project_ids").forEach(id -> ids.add(id.asLong()));
              s.addToken(t.get("token").asText(), account, ids);
            } else {
              s.addToken(t.get("token").asText(), account);
            }
          }
          i = 0;
          for (JsonNode p : seed.path("projects")) {
            String where = "projects[" + i++ + "]";
            require(p, "id", where);
            require(p, "name", where);
            existing(s, EmulatorState.ACCOUNTS, p, "account_id", where);
            projects.insert(s, p);
          }
          i = 0;
          for (JsonNode e : seed.path("environments")) {
            String where = "environments[" + i++ + "]";
            ObjectNode project = existing(s, EmulatorState.PROJECTS, e, "project_id", where);
            guarded(where, () -> environments.insert(s, project, e, idOf(e, s)));
          }
          i = 0;
          for (JsonNode j : seed.path("jobs")) {
            String where = "jobs[" + i++ + "]";
            ObjectNode project = existing(s, EmulatorState.PROJECTS, j, "project_id", where);
            ObjectNode body = j.deepCopy();
            if (!body.has("environment_id") && body.path("environment").isTextual()) {
              String name = body.get("environment").asText();
              long envId =
                  s
                      .table(EmulatorState.ENVIRONMENTS)
                      .where(
                          e ->
                              e.get("project_id").asLong() == project.get("id").asLong()
                                  && e.path("name").asText().equals(name))
                      .stream()
                      .findFirst()
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "seed "
                                      + where
                                      + ": environment '"
                                      + name
                                      + "' is not an environment of project "
                                      + project.get("id").asLong()))
                      .get("id")
                      .asLong();
              body.put("environment_id", envId);
            }
            guarded(
                where, () -> jobs.insert(s, project.get("account_id").asLong(), body, idOf(j, s)));
          }
          i = 0;
          for (JsonNode v : seed.path("environment_variables")) {
            String where = "environment_variables[" + i++ + "]";
            require(v, "name", where);
            existing(s, EmulatorState.PROJECTS, v, "project_id", where);
            guarded(
                where,
                () -> {
                  variables.seed(s, v);
                  return null;
                });
          }
          for (Map.Entry<String, Section> section : sections.entrySet()) {
            if (seed.has(section.getKey())) {
              section.getValue().load(seed.get(section.getKey()), s);
            }
          }
          return null;
        });
  }

  private static long idOf(JsonNode row, EmulatorState s) {
    return row.path("id").isIntegralNumber() ? row.get("id").asLong() : s.newId();
  }

  private static void require(JsonNode entry, String field, String where) {
    if (entry.path(field).isMissingNode() || entry.path(field).isNull()) {
      throw new IllegalArgumentException("seed " + where + ": '" + field + "' is required");
    }
  }

  private static ObjectNode existing(
      EmulatorState s, String table, JsonNode entry, String field, String where) {
    require(entry, field, where);
    return s.table(table)
        .get(entry.get(field).asLong())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "seed "
                        + where
                        + ": "
                        + field
                        + " "
                        + entry.get(field).asText()
                        + " is not in '"
                        + table
                        + ":'; declare it there first"));
  }

  /**
   * Runs an API insert for a seed entry, turning an API validation error into a seed error that
   * names the entry.
   */
  private static <T> T guarded(String where, java.util.function.Supplier<T> insert) {
    try {
      return insert.get();
    } catch (ApiError e) {
      throw new IllegalArgumentException(
          "seed "
              + where
              + " is refused as the API would refuse it: "
              + e.response().body().path("data"),
          e);
    }
  }
}
