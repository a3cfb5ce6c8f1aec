package io.github.dbtcloud.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@code dbt-cloud.yml} into a {@link DesiredState}: safe YAML with limits, interpolation,
 * and every mistake reported with file:line:column and the key path, all at once.
 */
public final class DesiredStateLoader {

  /** Largest file accepted; a desired state is a few hundred KB at most. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final Set<String> TOP = Set.of("version", "account", "ownership", "projects", "verify", "semantic_layer");
  private static final Set<String> ACCOUNT = Set.of("id", "host");
  private static final Set<String> OWNERSHIP = Set.of("namespace", "prune", "max_deletes");
  private static final Set<String> PROJECT = Set.of("id", "name", "environments", "env_vars", "jobs");
  private static final Set<String> ENVIRONMENT = Set.of("name", "previous_names", "type", "deployment_type",
      "dbt_version", "credentials_id", "connection_id", "extended_attributes_id", "custom_branch",
      "enable_model_query_history", "ignore_changes", "protect");
  private static final Set<String> JOB = Set.of("name", "description", "environment", "execute_steps",
      "dbt_version", "threads", "target_name", "timeout_seconds", "generate_docs", "run_generate_sources",
      "schedule", "triggers", "defer_to", "run_compare_changes", "compare_changes_flags", "run_lint",
      "errors_on_lint_failure", "cost_optimization_features", "env_vars", "ignore_changes", "protect");
  private static final Set<String> SCHEDULE = Set.of("cron", "days", "hours", "interval_hours", "enabled");
  private static final Set<String> TRIGGERS = Set.of("git_provider_webhook", "on_merge", "on_draft_pr", "on_job_completion");
  private static final Set<String> COMPLETION = Set.of("job", "project", "statuses");
  private static final Set<String> DEFER = Set.of("environment", "job");
  private static final Set<String> VERIFY = Set.of("job", "cause", "git_branch", "git_sha", "schema_override",
      "steps_override", "threads_override", "target_name_override", "timeout", "poll_min", "poll_max",
      "cancel_on_timeout");
  private static final Set<String> SEMANTIC = Set.of("environment", "metrics", "group_by", "grain", "dimensions",
      "parallelism");

  private final Map<String, String> environment;
  private final Map<String, String> properties;

  /**
   * @param environment variables for {@code ${env.NAME}}
   * @param properties build properties for {@code ${name}} (the mojo passes Maven's)
   */
  public DesiredStateLoader(Map<String, String> environment, Map<String, String> properties) {
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
  }

  /** Loads and validates one file; throws {@link InvalidDesiredStateException} listing every problem. */
  public DesiredState load(Path file) {
    Problems problems = new Problems();
    Node root = compose(file, problems);
    problems.throwIfAny();
    YamlCursor top = new YamlCursor(root, file, "", problems, new Interpolator(environment, properties));
    DesiredState state = read(top, file);
    References.check(state, problems);
    problems.throwIfAny();
    return state;
  }

  private static Node compose(Path file, Problems problems) {
    SourcePosition start = new SourcePosition(file, 1, 1);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(start, "", "file is " + Files.size(file) + " bytes; the limit is " + MAX_FILE_BYTES
            + " (split it into several files)");
        return null;
      }
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      options.setNestingDepthLimit(40);
      options.setCodePointLimit((int) MAX_FILE_BYTES);
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        Node node = new Yaml(new SafeConstructor(options)).compose(reader);
        if (node == null) {
          problems.add(start, "", "the file is empty; start with 'version: 1'");
        }
        return node;
      }
    } catch (NoSuchFileException e) {
      problems.add(start, "", "file not found; create it or point dbt.file at it");
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      SourcePosition at = mark == null ? start : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
      problems.add(at, "", "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      problems.add(start, "", "not valid YAML: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      problems.add(start, "", "cannot read the file: " + e.getMessage());
    }
    return null;
  }

  private DesiredState read(YamlCursor top, Path file) {
    Map<String, YamlCursor> keys = top.entries(TOP);
    int version = 1;
    if (keys.containsKey("version")) {
      Integer v = keys.get("version").integer();
      if (v != null && v != 1) {
        keys.get("version").problem("unsupported version " + v + "; this plugin reads version 1");
      }
    } else {
      top.problem("missing 'version: 1' at the top of the file");
    }
    AccountSpec account = keys.containsKey("account") ? account(keys.get("account")) : null;
    if (account == null) {
      top.problem("missing 'account:' with the account 'id:'");
      account = new AccountSpec(0, null, top.position());
    }
    OwnershipSpec ownership = keys.containsKey("ownership") ? ownership(keys.get("ownership")) : OwnershipSpec.defaults();
    Map<String, ProjectSpec> projects = new LinkedHashMap<>();
    if (keys.containsKey("projects")) {
      keys.get("projects").entries(Set.of()).forEach((k, c) -> projects.put(k, project(k, c)));
    } else {
      top.problem("missing 'projects:'; declare at least one project by id or name");
    }
    Optional<VerifySpec> verify = Optional.ofNullable(keys.get("verify")).map(this::verify);
    Optional<SemanticLayerSpec> semantic = Optional.ofNullable(keys.get("semantic_layer")).map(this::semantic);
    return new DesiredState(version, account, ownership, projects, verify, semantic, List.of(file));
  }

  private AccountSpec account(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(ACCOUNT);
    Long id = k.containsKey("id") ? k.get("id").id() : null;
    if (id == null && !k.containsKey("id")) {
      c.problem("missing 'id:' (the numeric account id, shown in dbt Cloud under Account settings)");
    }
    String host = k.containsKey("host") ? k.get("host").text() : null;
    return new AccountSpec(id == null ? 0 : id, host, c.position());
  }

  private OwnershipSpec ownership(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(OWNERSHIP);
    String namespace = k.containsKey("namespace") ? k.get("namespace").text() : null;
    Boolean prune = k.containsKey("prune") ? k.get("prune").bool() : null;
    Integer max = k.containsKey("max_deletes") ? k.get("max_deletes").integer() : null;
    return new OwnershipSpec(namespace, Boolean.TRUE.equals(prune), max == null ? OwnershipSpec.DEFAULT_MAX_DELETES : max);
  }

  private ProjectSpec project(String key, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(PROJECT);
    Long id = k.containsKey("id") ? k.get("id").id() : null;
    String name = k.containsKey("name") ? k.get("name").text() : null;
    if (!k.containsKey("id") && !k.containsKey("name")) {
      c.problem("a project needs 'id:' or 'name:' to find it in dbt Cloud");
    }
    Map<String, EnvironmentSpec> environments = new LinkedHashMap<>();
    if (k.containsKey("environments")) {
      k.get("environments").entries(Set.of()).forEach((ek, ec) -> environments.put(ek, environment(ek, ec)));
    }
    Map<String, EnvVarSpec> envVars = new LinkedHashMap<>();
    if (k.containsKey("env_vars")) {
      k.get("env_vars").entries(Set.of()).forEach((vk, vc) -> envVars.put(vk, envVar(vk, vc)));
    }
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    if (k.containsKey("jobs")) {
      k.get("jobs").entries(Set.of()).forEach((jk, jc) -> jobs.put(jk, job(jk, jc)));
    }
    return new ProjectSpec(key, id, name, environments, envVars, jobs, c.position());
  }

  private EnvironmentSpec environment(String key, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(ENVIRONMENT);
    String type = str(k, "type");
    if (type != null && !type.equals("deployment") && !type.equals("development")) {
      k.get("type").problem("'" + type + "' is not an environment type; use deployment or development");
    }
    String deploymentType = str(k, "deployment_type");
    if (deploymentType != null && !deploymentType.equals("production") && !deploymentType.equals("staging")) {
      k.get("deployment_type").problem("'" + deploymentType + "' is not a deployment type; use production or staging");
    }
    return new EnvironmentSpec(key, Optional.ofNullable(str(k, "name")).orElse(key),
        k.containsKey("previous_names") ? k.get("previous_names").strings() : List.of(),
        type, deploymentType, str(k, "dbt_version"),
        idOf(k, "credentials_id"), idOf(k, "connection_id"), idOf(k, "extended_attributes_id"),
        str(k, "custom_branch"), bool(k, "enable_model_query_history"),
        new LinkedHashSet<>(k.containsKey("ignore_changes") ? k.get("ignore_changes").strings() : List.of()),
        Boolean.TRUE.equals(bool(k, "protect")), c.position());
  }

  private EnvVarSpec envVar(String name, YamlCursor c) {
    if (!name.startsWith("DBT_")) {
      c.problem("environment variable '" + name + "' must start with DBT_ (dbt Cloud rejects other names)");
    }
    if (c.isMapping()) {
      String projectDefault = null;
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, YamlCursor> e : c.entries(Set.of()).entrySet()) {
        String value = e.getValue().text();
        if (e.getKey().equals("project")) {
          projectDefault = value;
        } else {
          values.put(e.getKey(), value);
        }
      }
      return new EnvVarSpec(name, projectDefault, values, c.position());
    }
    return new EnvVarSpec(name, c.text(), Map.of(), c.position());
  }

  private JobSpec job(String key, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(JOB);
    if (!k.containsKey("environment")) {
      c.problem("missing 'environment:' (the key of the environment this job runs in)");
    }
    if (!k.containsKey("execute_steps")) {
      c.problem("missing 'execute_steps:' (a list of dbt commands, e.g. [dbt build])");
    }
    Map<String, String> envVars = new LinkedHashMap<>();
    if (k.containsKey("env_vars")) {
      k.get("env_vars").entries(Set.of()).forEach((n, v) -> envVars.put(n, v.text()));
    }
    return new JobSpec(key, str(k, "name"), str(k, "description"), str(k, "environment"),
        k.containsKey("execute_steps") ? k.get("execute_steps").strings() : null,
        str(k, "dbt_version"), integer(k, "threads"), str(k, "target_name"), integer(k, "timeout_seconds"),
        bool(k, "generate_docs"), bool(k, "run_generate_sources"),
        k.containsKey("schedule") ? schedule(k.get("schedule")) : null,
        k.containsKey("triggers") ? triggers(k.get("triggers")) : TriggersSpec.NONE,
        k.containsKey("defer_to") ? deferral(k.get("defer_to")) : null,
        bool(k, "run_compare_changes"), str(k, "compare_changes_flags"), bool(k, "run_lint"),
        bool(k, "errors_on_lint_failure"),
        k.containsKey("cost_optimization_features") ? k.get("cost_optimization_features").strings() : null,
        envVars,
        new LinkedHashSet<>(k.containsKey("ignore_changes") ? k.get("ignore_changes").strings() : List.of()),
        Boolean.TRUE.equals(bool(k, "protect")), c.position());
  }

  private ScheduleSpec schedule(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(SCHEDULE);
    String cron = str(k, "cron");
    if (cron != null && cron.trim().split("\\s+").length != 5) {
      k.get("cron").problem("'" + cron + "' is not a 5-field cron expression (minute hour day month weekday)");
    }
    Boolean enabled = bool(k, "enabled");
    return new ScheduleSpec(cron,
        k.containsKey("days") ? k.get("days").integers() : List.of(),
        k.containsKey("hours") ? k.get("hours").integers() : List.of(),
        integer(k, "interval_hours"), enabled == null || enabled, c.position());
  }

  private TriggersSpec triggers(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(TRIGGERS);
    JobCompletionTrigger completion = null;
    if (k.containsKey("on_job_completion")) {
      YamlCursor jc = k.get("on_job_completion");
      Map<String, YamlCursor> t = jc.entries(COMPLETION);
      if (!t.containsKey("job")) {
        jc.problem("missing 'job:' (the key of the job whose completion triggers this one)");
      }
      completion = new JobCompletionTrigger(str(t, "job"), str(t, "project"),
          t.containsKey("statuses") ? t.get("statuses").strings() : List.of("success"), jc.position());
    }
    return new TriggersSpec(bool(k, "git_provider_webhook"), bool(k, "on_merge"), bool(k, "on_draft_pr"), completion);
  }

  private DeferralSpec deferral(YamlCursor c) {
    if (!c.isMapping()) {
      return new DeferralSpec(c.text(), null, c.position());
    }
    Map<String, YamlCursor> k = c.entries(DEFER);
    return new DeferralSpec(str(k, "environment"), str(k, "job"), c.position());
  }

  private VerifySpec verify(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(VERIFY);
    if (!k.containsKey("job")) {
      c.problem("missing 'job:' (a job key from this file, or a job id)");
    }
    Boolean cancel = bool(k, "cancel_on_timeout");
    return new VerifySpec(str(k, "job"), str(k, "cause"), str(k, "git_branch"), str(k, "git_sha"),
        str(k, "schema_override"), k.containsKey("steps_override") ? k.get("steps_override").strings() : List.of(),
        integer(k, "threads_override"), str(k, "target_name_override"),
        duration(k, "timeout", VerifySpec.DEFAULT_TIMEOUT), duration(k, "poll_min", Duration.ofSeconds(2)),
        duration(k, "poll_max", Duration.ofSeconds(30)), cancel == null || cancel, c.position());
  }

  private SemanticLayerSpec semantic(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(SEMANTIC);
    if (!k.containsKey("environment")) {
      c.problem("missing 'environment:' (an environment key from this file, or an environment id)");
    }
    boolean all = true;
    List<String> metrics = List.of();
    if (k.containsKey("metrics")) {
      YamlCursor m = k.get("metrics");
      if (m.isSequence()) {
        all = false;
        metrics = m.strings();
      } else if (!"all".equals(m.text())) {
        m.problem("expected 'all' or a list of metric names");
      }
    }
    Integer parallelism = integer(k, "parallelism");
    return new SemanticLayerSpec(str(k, "environment"), all, metrics,
        k.containsKey("group_by") ? k.get("group_by").strings() : List.of("metric_time"),
        Optional.ofNullable(str(k, "grain")).orElse("day"),
        k.containsKey("dimensions") ? k.get("dimensions").strings() : List.of(),
        parallelism == null ? 4 : parallelism, c.position());
  }

  private static String str(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).text() : null;
  }

  private static Boolean bool(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).bool() : null;
  }

  private static Integer integer(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).integer() : null;
  }

  private static Long idOf(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).id() : null;
  }

  private static Duration duration(Map<String, YamlCursor> k, String key, Duration fallback) {
    if (!k.containsKey(key)) {
      return fallback;
    }
    String raw = k.get(key).text();
    if (raw == null) {
      return fallback;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)?").matcher(raw.trim());
    if (!m.matches()) {
      k.get(key).problem("expected a duration such as 90s, 45m or 2h, found '" + raw + "'");
      return fallback;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
