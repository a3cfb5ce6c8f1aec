package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.config.References.JobRef;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the version-1 format (docs/desired-state.md) from a composed YAML tree into a {@link
 * DesiredState}, reporting every mistake at its place. Cross-references are checked once every
 * project is read, so a job may name a job of a project declared further down.
 */
final class StateReader {

  private static final Set<String> LEGACY_HOSTS =
      Set.of("cloud.getdbt.com", "emea.dbt.com", "au.dbt.com");
  private static final Set<String> GRAINS =
      Set.of(
          "nanosecond",
          "microsecond",
          "millisecond",
          "second",
          "minute",
          "hour",
          "day",
          "week",
          "month",
          "quarter",
          "year");
  private static final List<String> COST_FEATURES =
      List.of("state_aware_orchestration", "efficient_testing", "dbt_state");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final Map<String, ProjectSpec> projects = new LinkedHashMap<>();
  private final References references = new References();
  private final AlertsReader alerts = new AlertsReader();

  /**
   * {@code ownership.marker: jobs-as-code}: every job is known by dbt-jobs-as-code's {@code
   * [[key]]} in its name alone, as it is when read from that tool's file (what {@code
   * -Ddbt.convert} writes).
   */
  private boolean identityInName;

  /** Reads a whole document; problems go to the cursor's context. */
  DesiredState read(YamlCursor root, List<Path> files) {
    Map<String, YamlCursor> k = new LinkedHashMap<>(root.entries());
    if (!root.isMapping()) {
      return null;
    }
    for (String key : List.copyOf(k.keySet())) {
      if (key.startsWith("x-")) {
        k.remove(key); // free for YAML anchors, as in docker-compose files
      } else if (!Keys.ROOT.contains(key)) {
        k.remove(key)
            .keyProblem(
                YamlCursor.unknownKey(key, Keys.ROOT)
                    + (Suggestions.closest(key, Keys.ROOT).isPresent()
                        ? ""
                        : " (or x-" + key + " to hold YAML anchors)"));
      }
    }
    version(root, k.get("version"));
    AccountSpec account = k.containsKey("account") ? account(k.get("account")) : null;
    if (account == null) {
      root.problem("missing 'account:' with the account's numeric 'id:'");
      account = new AccountSpec(0, null, root.position());
    }
    OwnershipSpec ownership =
        k.containsKey("ownership") ? ownership(k.get("ownership")) : OwnershipSpec.defaults();
    if (k.containsKey("projects")) {
      YamlCursor pc = k.get("projects");
      pc.entries().forEach((key, c) -> projects.put(key, project(key, c)));
      if (projects.isEmpty() && (pc.isMapping() || pc.isNull())) {
        pc.problem(
            "no projects declared; add at least one project under 'projects:', by id or name");
      }
      uniqueProjects(pc);
    } else {
      root.problem("missing 'projects:'; declare at least one project by id or name");
    }
    Optional<VerifySettings> verify = Optional.ofNullable(k.get("verify")).map(this::verify);
    Optional<SemanticLayerSettings> semantic =
        Optional.ofNullable(k.get("semantic_layer")).map(this::semantic);
    references.check(projects);
    Optional.ofNullable(k.get("notifications")).ifPresent(alerts::notifications);
    Optional.ofNullable(k.get("webhooks")).ifPresent(alerts::webhooks);
    return new DesiredState(
        1,
        account,
        ownership,
        projects,
        verify,
        semantic,
        files,
        List.of(),
        "",
        alerts.build(projects));
  }

  private static void version(YamlCursor root, YamlCursor v) {
    if (v == null) {
      root.problem("missing 'version: 1' at the top of the file");
      return;
    }
    Integer version = v.integer();
    if (version != null && version != 1) {
      v.problem("unsupported version " + version + "; this plugin reads version 1");
    } else if (version == null && v.isNull()) {
      v.problem("'version' needs a value: version: 1");
    }
  }

  private AccountSpec account(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.ACCOUNT);
    Long id =
        required(c, k, "id", "the numeric account id, shown in dbt Cloud's URL after /accounts/")
                == null
            ? null
            : k.get("id").id();
    String host = str(k, "host");
    if (host != null) {
      try {
        URI uri = ClientSettings.normalise(host);
        if (LEGACY_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
          k.get("host")
              .warn(
                  "'"
                      + host
                      + "' is a legacy multi-tenant host, retired on 2026-11-01; use your"
                      + " account's own URL (Account settings -> Access URLs), e.g. ab123.us1.dbt.com");
        }
      } catch (IllegalArgumentException e) {
        k.get("host").problem(e.getMessage());
      }
    }
    return new AccountSpec(id == null ? 0 : id, host, c.position());
  }

  private OwnershipSpec ownership(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.OWNERSHIP);
    String namespace = str(k, "namespace");
    if (namespace != null && !Marker.NAME.matcher(namespace).matches()) {
      k.get("namespace")
          .problem(
              "namespace '"
                  + namespace
                  + "' cannot be written into a job marker"
                  + " [[namespace/key]]; use letters, digits, '_', '-' or '.'");
    }
    Boolean prune = bool(k, "prune");
    Integer max = atLeast(k, "max_deletes", 0);
    String marker = oneOf(k, "marker", List.of("description", "name", "jobs-as-code"));
    if ("jobs-as-code".equals(marker)) {
      identityInName = true;
      marker = null;
    }
    return new OwnershipSpec(
        namespace,
        Boolean.TRUE.equals(prune),
        max == null ? OwnershipSpec.DEFAULT_MAX_DELETES : max,
        marker == null ? null : MarkerPlacement.parse(marker));
  }

  private void uniqueProjects(YamlCursor projectsCursor) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (ProjectSpec p : projects.values()) {
      String identity =
          p.id() != null ? "id " + p.id() : p.name() != null ? "name \"" + p.name() + "\"" : null;
      if (identity == null) {
        continue;
      }
      String other = seen.putIfAbsent(identity, p.key());
      if (other != null) {
        projectsCursor
            .context()
            .problems()
            .add(
                p.position(),
                "projects." + p.key(),
                "project "
                    + p.key()
                    + " has the same "
                    + identity
                    + " as project "
                    + other
                    + "; one dbt Cloud project is declared once");
      }
    }
  }

  private ProjectSpec project(String key, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.PROJECT);
    Long id = idOf(k, "id");
    String name = str(k, "name");
    if (k.containsKey("id") && k.containsKey("name")) {
      k.get("name").keyProblem("a project is found by 'id:' or by 'name:', not both; remove one");
    } else if (!k.containsKey("id") && !k.containsKey("name")) {
      c.problem("project " + key + " needs 'id:' or 'name:' to find it in dbt Cloud");
    }
    if (name != null && name.isBlank()) {
      k.get("name").problem("the project name is empty");
    }
    Map<String, EnvironmentSpec> environments = new LinkedHashMap<>();
    if (k.containsKey("environments")) {
      k.get("environments")
          .entries()
          .forEach((ek, ec) -> environments.put(ek, environment(ek, ec)));
      checkEnvironments(environments, k.get("environments"));
    }
    Map<String, EnvVarSpec> envVars = new LinkedHashMap<>();
    if (k.containsKey("env_vars")) {
      k.get("env_vars")
          .entries()
          .forEach((vk, vc) -> envVars.put(vk, envVar(vk, vc, environments)));
    }
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    if (k.containsKey("jobs")) {
      k.get("jobs")
          .entries()
          .forEach((jk, jc) -> jobs.put(jk, job(key, jk, jc, environments, jobs)));
      checkJobIds(jobs, k.get("jobs"));
    }
    return new ProjectSpec(key, id, name, environments, envVars, jobs, c.position());
  }

  private EnvironmentSpec environment(String key, YamlCursor c) {
    if (key.equals("project")) {
      c.keyProblem(
          "'project' cannot be an environment key: env_vars use 'project' for the project-wide"
              + " default; choose another key");
    }
    Map<String, YamlCursor> k = c.entries(Keys.ENVIRONMENT);
    Long id = idOf(k, "id");
    String name = str(k, "name");
    if (name != null && name.isBlank()) {
      k.get("name")
          .problem("the environment name is empty; leave the key out to use the key '" + key + "'");
    }
    if (name == null && id == null) {
      name = key;
    }
    List<String> previousNames = strings(k, "previous_names");
    for (int i = 0; i < previousNames.size(); i++) {
      if (previousNames.get(i).equals(name)) {
        k.get("previous_names")
            .problem("'" + name + "' is the current name; previous_names lists former names only");
      }
    }
    String type = oneOf(k, "type", List.of("deployment", "development"));
    String deploymentType = oneOf(k, "deployment_type", List.of("production", "staging"));
    if ("development".equals(type)
        && k.containsKey("deployment_type")
        && !k.get("deployment_type").isNull()) {
      k.get("deployment_type")
          .problem(
              "a development environment has no deployment_type; remove it, or make"
                  + " the environment type: deployment");
    }
    String dbtVersion = str(k, "dbt_version");
    if (dbtVersion != null) {
      Values.checkDbtVersion(k.get("dbt_version"), dbtVersion);
    }
    Long credentialsId = idOf(k, "credentials_id");
    if (credentialsId != null && "development".equals(type)) {
      k.get("credentials_id")
          .warn(
              "a development environment uses each developer's own credentials;"
                  + " dbt Cloud ignores credentials_id here");
    }
    String customBranch = str(k, "custom_branch");
    if (customBranch != null && customBranch.isBlank()) {
      k.get("custom_branch").problem("custom_branch is empty; name a branch, or remove the key");
    }
    Boolean useCustomBranch = bool(k, "use_custom_branch");
    if (Boolean.TRUE.equals(useCustomBranch) && customBranch == null) {
      k.get("use_custom_branch").problem("use_custom_branch: true needs custom_branch: <branch>");
    } else if (Boolean.FALSE.equals(useCustomBranch) && customBranch != null) {
      k.get("use_custom_branch")
          .problem(
              "use_custom_branch: false contradicts custom_branch (line "
                  + k.get("custom_branch").position().line()
                  + "); remove one of them");
    }
    return new EnvironmentSpec(
        key,
        id,
        name,
        previousNames,
        type,
        deploymentType,
        dbtVersion,
        credentialsId,
        idOf(k, "connection_id"),
        idOf(k, "extended_attributes_id"),
        idOf(k, "primary_profile_id"),
        customBranch,
        useCustomBranch,
        bool(k, "supports_docs"),
        bool(k, "enable_model_query_history"),
        bool(k, "enable_dbt_state"),
        ignored(k, Keys.ENVIRONMENT_IGNORABLE),
        Boolean.TRUE.equals(bool(k, "protect")),
        c.position());
  }

  /**
   * One development and one production environment per project; names and ids identify one each.
   */
  private static void checkEnvironments(Map<String, EnvironmentSpec> environments, YamlCursor at) {
    EnvironmentSpec development = null;
    EnvironmentSpec production = null;
    Map<String, EnvironmentSpec> names = new LinkedHashMap<>();
    Map<Long, EnvironmentSpec> ids = new LinkedHashMap<>();
    for (EnvironmentSpec e : environments.values()) {
      String path = at.path() + "." + e.key();
      if ("development".equals(e.type())) {
        if (development != null) {
          problem(
              at,
              e,
              path + ".type",
              "project already has a development environment ("
                  + development.key()
                  + ", line "
                  + development.position().line()
                  + "); dbt Cloud allows one");
        }
        development = development == null ? e : development;
      }
      if ("production".equals(e.deploymentType())) {
        if (production != null) {
          problem(
              at,
              e,
              path + ".deployment_type",
              "project already has a production environment ("
                  + production.key()
                  + ", line "
                  + production.position().line()
                  + "); dbt Cloud allows one");
        }
        production = production == null ? e : production;
      }
      List<String> allNames = new ArrayList<>(e.previousNames());
      if (e.name() != null) {
        allNames.add(0, e.name());
      }
      for (String n : allNames) {
        EnvironmentSpec other = names.putIfAbsent(n, e);
        if (other != null && other != e) {
          problem(
              at,
              e,
              path,
              "the name \""
                  + n
                  + "\" is also used by environment "
                  + other.key()
                  + " (line "
                  + other.position().line()
                  + "); environments are matched by name, so each needs its own");
        }
      }
      if (e.id() != null) {
        EnvironmentSpec other = ids.putIfAbsent(e.id(), e);
        if (other != null) {
          problem(
              at,
              e,
              path + ".id",
              "id "
                  + e.id()
                  + " is also environment "
                  + other.key()
                  + " (line "
                  + other.position().line()
                  + "); declare each environment once");
        }
      }
    }
  }

  private static void problem(YamlCursor at, EnvironmentSpec e, String path, String message) {
    at.context().problems().add(e.position(), path, message);
  }

  private EnvVarSpec envVar(String name, YamlCursor c, Map<String, EnvironmentSpec> environments) {
    Values.checkEnvVarName(c, name);
    String projectDefault = null;
    Map<String, String> values = new LinkedHashMap<>();
    if (c.isMapping()) {
      Map<String, YamlCursor> entries = c.entries();
      if (entries.isEmpty()) {
        c.problem(
            "no values for "
                + name
                + "; give a project default (project: value) or values by environment key");
      }
      for (Map.Entry<String, YamlCursor> e : entries.entrySet()) {
        String value = envValue(e.getValue(), name);
        if (e.getKey().equals("project")) {
          projectDefault = value;
        } else if (!environments.containsKey(e.getKey())) {
          e.getValue()
              .keyProblem(
                  "'"
                      + e.getKey()
                      + "' is not an environment of this project; use 'project' for"
                      + " the project-wide default or an environment key: "
                      + References.known(e.getKey(), environments.keySet()));
        } else if (value != null) {
          values.put(e.getKey(), value);
        }
      }
    } else {
      projectDefault = envValue(c, name);
    }
    return new EnvVarSpec(name, projectDefault, values, c.position());
  }

  /**
   * A variable's value: any single value, as text; secrets should come from interpolation only. Not
   * empty: dbt Cloud's API takes {@code ""} as "remove this value"
   * (docs/wire-format.md#environment-variables), so an empty value could never be stored, and an
   * unset {@code ${env.X:-}} would delete a secret.
   */
  private static String envValue(YamlCursor c, String name) {
    if (!c.isScalar() || c.isNull()) {
      c.problem(
          "expected a value for "
              + name
              + ", found "
              + c.describe()
              + (c.isNull() ? "; give a value, or leave the key out" : ""));
      return null;
    }
    Values.warnIfLiteralSecret(c, name);
    String value = c.text();
    if (value != null && value.isEmpty()) {
      c.problem(
          "the value of "
              + name
              + " is empty"
              + (c.raw().contains("${") ? " (its ${...} gave nothing)" : "")
              + "; dbt Cloud cannot hold an empty value (its API removes a value sent as \"\"), so give a value, or"
              + " leave this one out");
      return null;
    }
    return value;
  }

  private JobSpec job(
      String projectKey,
      String key,
      YamlCursor c,
      Map<String, EnvironmentSpec> environments,
      Map<String, JobSpec> jobs) {
    if (!Marker.NAME.matcher(key).matches()) {
      c.keyProblem(
          "job key '"
              + key
              + "' cannot be written into the job's marker [["
              + key
              + "]] and read"
              + " back; use letters, digits, '_', '-' or '.'");
    }
    Map<String, YamlCursor> k = c.entries(Keys.JOB);
    String name = str(k, "name");
    if (name != null && name.isBlank()) {
      k.get("name")
          .problem("the job name is empty; leave the key out to use the key '" + key + "'");
    } else if (name != null && Marker.find(name).isPresent()) {
      k.get("name")
          .problem(
              "the name ends with a marker "
                  + Marker.find(name).get().text()
                  + "; the plugin writes the job's marker itself, remove it from the name");
    }
    String description = str(k, "description");
    if (description != null && Marker.find(description).isPresent()) {
      k.get("description")
          .problem(
              "the description ends with a marker "
                  + Marker.find(description).get().text()
                  + "; the plugin appends the job's marker itself, remove it");
    }
    String environment = null;
    if (required(c, k, "environment", "the key of the environment this job runs in") != null) {
      environment = k.get("environment").text();
      checkJobEnvironment(k.get("environment"), environment, environments);
    }
    List<String> steps = null;
    if (required(c, k, "execute_steps", "a list of dbt commands, e.g. [dbt build]") != null) {
      steps = steps(k.get("execute_steps"));
    }
    String dbtVersion = str(k, "dbt_version");
    if (dbtVersion != null) {
      Values.checkDbtVersion(k.get("dbt_version"), dbtVersion);
    } else if (k.containsKey("dbt_version") && k.get("dbt_version").isNull()) {
      dbtVersion = ""; // an explicit null clears the override: the job inherits the environment's
    }
    String targetName = str(k, "target_name");
    if (targetName != null && targetName.isBlank()) {
      k.get("target_name")
          .problem("target_name is empty; leave the key out for dbt Cloud's default (\"default\")");
    }
    ScheduleSpec schedule =
        k.containsKey("schedule") && !k.get("schedule").isNull()
            ? schedule(k.get("schedule"))
            : null;
    TriggersSpec triggers =
        k.containsKey("triggers")
            ? triggers(projectKey, key, k.get("triggers"))
            : TriggersSpec.NONE;
    if (Boolean.TRUE.equals(triggers.onMerge())
        && schedule != null
        && schedule.enabled()
        && (schedule.cron() != null || schedule.structured())) {
      k.get("triggers")
          .problem(
              "on_merge: true cannot be combined with a schedule (line "
                  + k.get("schedule").position().line()
                  + "); a merge job runs only when a pull request merges."
                  + " Remove the schedule or set schedule.enabled: false");
    }
    DeferralSpec deferral =
        !k.containsKey("defer_to")
            ? null
            : k.get("defer_to").isNull()
                // an explicit null clears the deferral
                ? new DeferralSpec(null, null, k.get("defer_to").position())
                : deferral(k.get("defer_to"), environments, jobs, key);
    Boolean compare = bool(k, "run_compare_changes");
    if (Boolean.TRUE.equals(compare) && deferral == null) {
      k.get("run_compare_changes")
          .problem(
              "compare changes compares against a deferral target; add"
                  + " defer_to: <environment key> (usually production)");
    }
    String flags = str(k, "compare_changes_flags");
    if (flags != null && flags.isBlank()) {
      k.get("compare_changes_flags")
          .problem(
              "compare_changes_flags is empty; leave the key out for dbt Cloud's"
                  + " default (--select state:modified)");
    }
    if (k.containsKey("notify")) {
      alerts.notify(projectKey, key, k.get("notify"));
    }
    return new JobSpec(
        key,
        name,
        description,
        environment,
        steps,
        dbtVersion,
        atLeast(k, "threads", 1),
        targetName,
        atLeast(k, "timeout_seconds", 0),
        bool(k, "generate_docs"),
        bool(k, "run_generate_sources"),
        schedule,
        triggers,
        deferral,
        compare,
        flags,
        bool(k, "run_lint"),
        bool(k, "errors_on_lint_failure"),
        costFeatures(k.get("cost_optimization_features")),
        jobEnvVars(k.get("env_vars")),
        ignored(k, Keys.JOB_IGNORABLE),
        Boolean.TRUE.equals(bool(k, "protect")),
        idOf(k, "id"),
        c.position(),
        identityInName);
  }

  /** Two jobs of a project that adopt the same dbt Cloud job by id would fight over it. */
  private static void checkJobIds(Map<String, JobSpec> jobs, YamlCursor at) {
    Map<Long, String> seen = new LinkedHashMap<>();
    jobs.forEach(
        (key, job) -> {
          String first = job.id() == null ? null : seen.putIfAbsent(job.id(), key);
          if (first != null) {
            at.context()
                .problems()
                .add(
                    job.position(),
                    at.path() + "." + key + ".id",
                    "job id "
                        + job.id()
                        + " is also the id of job '"
                        + first
                        + "'; one dbt Cloud job can be adopted by one key only: remove one of"
                        + " the two 'id:' lines");
          }
        });
  }

  private static void checkJobEnvironment(
      YamlCursor at, String environment, Map<String, EnvironmentSpec> environments) {
    if (environment == null) {
      return;
    }
    EnvironmentSpec env = environments.get(environment);
    if (env == null) {
      at.problem(
          "environment '"
              + environment
              + "' is not declared in this project; "
              + References.known(environment, environments.keySet()));
    } else if ("development".equals(env.type())) {
      at.problem(
          "environment '"
              + environment
              + "' is a development environment; jobs run only in"
              + " deployment environments");
    }
  }

  static List<String> steps(YamlCursor c) {
    if (c.isMapping()) {
      c.problem("expected a list of dbt commands, found a mapping");
      return List.of();
    }
    List<String> steps = new ArrayList<>();
    for (YamlCursor item : c.items()) {
      String step = item.text();
      Values.checkStep(item, step);
      if (step != null) {
        steps.add(step);
      }
    }
    if (steps.isEmpty() && !c.isMapping()) {
      c.problem("no steps; a job runs at least one dbt command, e.g. [dbt build]");
    }
    return steps;
  }

  private static ScheduleSpec schedule(YamlCursor c) {
    if (c.isScalar()) {
      String cron = c.text();
      if (cron != null) {
        CronCheck.check(c, cron);
      }
      return new ScheduleSpec(cron, List.of(), List.of(), null, true, c.position());
    }
    Map<String, YamlCursor> k = c.entries(Keys.SCHEDULE);
    String cron = str(k, "cron");
    if (cron != null) {
      CronCheck.check(k.get("cron"), cron);
      for (String structured : List.of("days_of_week", "at_exact_hours", "every_n_hours")) {
        if (k.containsKey(structured)) {
          k.get(structured)
              .keyProblem(
                  "'"
                      + structured
                      + "' belongs to the date/time form, which cannot be"
                      + " combined with 'cron' (line "
                      + k.get("cron").position().line()
                      + "); use one or the other");
        }
      }
    }
    List<Integer> days = k.containsKey("days_of_week") ? days(k.get("days_of_week")) : List.of();
    List<Integer> hours =
        k.containsKey("at_exact_hours") ? hours(k.get("at_exact_hours")) : List.of();
    Integer every = null;
    if (k.containsKey("every_n_hours")) {
      every = k.get("every_n_hours").integer();
      if (every != null && (every < 1 || every > 23)) {
        k.get("every_n_hours").problem("every_n_hours is " + every + "; use 1 to 23");
        every = null;
      }
    }
    if (k.containsKey("at_exact_hours") && k.containsKey("every_n_hours")) {
      k.get("every_n_hours")
          .keyProblem(
              "give at_exact_hours (line "
                  + k.get("at_exact_hours").position().line()
                  + ") or every_n_hours, not both");
    }
    if (cron == null
        && k.containsKey("days_of_week")
        && !k.containsKey("at_exact_hours")
        && !k.containsKey("every_n_hours")) {
      k.get("days_of_week")
          .keyProblem(
              "days_of_week says which days but not when; add at_exact_hours: [5] or"
                  + " every_n_hours: 4");
    }
    if (k.isEmpty() && c.isMapping()) {
      c.problem(
          "empty schedule; give cron: \"0 5 * * *\", or at_exact_hours / every_n_hours (optionally with"
              + " days_of_week), or enabled: false to turn the schedule off");
    }
    Boolean enabled = bool(k, "enabled");
    return new ScheduleSpec(cron, days, hours, every, enabled == null || enabled, c.position());
  }

  private static List<Integer> days(YamlCursor c) {
    List<Integer> out =
        uniqueItems(
            c,
            item -> {
              String v = item.text();
              String d = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
              int day =
                  d.matches("\\d{1,2}")
                      ? Integer.parseInt(d)
                      : d.length() >= 3
                              && DAYS.contains(d.substring(0, 3))
                              && (d.length() == 3 || d.endsWith("day"))
                          ? DAYS.indexOf(d.substring(0, 3))
                          : -1;
              if (v != null && (day < 0 || day > 6)) {
                item.problem(
                    "'"
                        + v
                        + "' is not a day of the week; use 0-6 (0 = Sunday) or sun, mon, tue, wed, thu, fri, sat");
              }
              return day < 0 || day > 6 ? null : day;
            });
    if (out.isEmpty() && c.isSequence() && c.size() == 0) {
      c.problem("days_of_week is empty; list at least one day, or leave the key out for every day");
    }
    return out;
  }

  private static List<Integer> hours(YamlCursor c) {
    List<Integer> out =
        uniqueItems(
            c,
            item -> {
              Integer h = item.integer();
              if (h != null && (h < 0 || h > 23)) {
                item.problem("hour " + h + " is not in 0-23");
                return null;
              }
              return h;
            });
    if (out.isEmpty() && c.isSequence() && c.size() == 0) {
      c.problem("at_exact_hours is empty; list at least one hour (0-23)");
    }
    return out;
  }

  /**
   * The items {@code parse} accepts (it reports the others and returns null); an item listed twice
   * is an error.
   */
  private static <T> List<T> uniqueItems(
      YamlCursor c, java.util.function.Function<YamlCursor, T> parse) {
    List<T> out = new ArrayList<>();
    for (YamlCursor item : c.items()) {
      T value = parse.apply(item);
      if (value != null && out.contains(value)) {
        item.problem("'" + item.raw() + "' is listed twice");
      } else if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** An item that must be one of {@code allowed}. */
  private static String member(YamlCursor item, List<String> allowed, String what) {
    String v = item.text();
    if (v != null && !allowed.contains(v)) {
      item.problem(
          "'"
              + v
              + "' is not "
              + what
              + "; "
              + Suggestions.didYouMean(v, allowed)
              + "use "
              + String.join(", ", allowed));
      return null;
    }
    return v;
  }

  private TriggersSpec triggers(String projectKey, String jobKey, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.TRIGGERS);
    Boolean webhook = bool(k, "git_provider_webhook");
    Boolean onMerge = bool(k, "on_merge");
    Boolean onDraftPr = bool(k, "on_draft_pr");
    JobCompletionTrigger completion =
        !k.containsKey("on_job_completion")
            ? null
            : k.get("on_job_completion").isNull()
                // an explicit null removes the trigger
                ? JobCompletionTrigger.none(k.get("on_job_completion").position())
                : completion(projectKey, jobKey, k.get("on_job_completion"));
    if (Boolean.TRUE.equals(onMerge)) {
      List<String> others = new ArrayList<>();
      if (Boolean.TRUE.equals(webhook)) {
        others.add(
            "git_provider_webhook (line " + k.get("git_provider_webhook").position().line() + ")");
      }
      if (completion != null && !completion.isNone()) {
        others.add("on_job_completion (line " + k.get("on_job_completion").position().line() + ")");
      }
      if (!others.isEmpty()) {
        k.get("on_merge")
            .problem(
                "on_merge: true cannot be combined with "
                    + String.join(" or ", others)
                    + "; a merge job runs only when a pull request merges");
      }
    }
    Boolean github = bool(k, "github_webhook");
    if (Boolean.TRUE.equals(onDraftPr)
        && !Boolean.TRUE.equals(webhook)
        && !Boolean.TRUE.equals(github)) {
      k.get("on_draft_pr")
          .problem(
              "on_draft_pr applies only to jobs that pull requests trigger; add"
                  + " git_provider_webhook: true, or remove on_draft_pr");
    }
    return new TriggersSpec(webhook, onMerge, onDraftPr, completion, github);
  }

  private JobCompletionTrigger completion(String projectKey, String jobKey, YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.JOB_COMPLETION);
    String job = str(k, "job");
    String project = str(k, "project");
    Long jobId = idOf(k, "job_id");
    Long projectId = idOf(k, "project_id");
    if (k.containsKey("job") && k.containsKey("job_id")) {
      k.get("job_id")
          .keyProblem(
              "give 'job' (a job key of this file) or 'job_id' (a job outside it), not both");
    } else if (!k.containsKey("job") && !k.containsKey("job_id") && c.isMapping()) {
      c.problem(
          "missing 'job:' (the key of the job whose completion triggers this one), or 'job_id:' and"
              + " 'project_id:' for a job this file does not manage");
    }
    if (k.containsKey("job_id") && !k.containsKey("project_id")) {
      k.get("job_id").keyProblem("job_id needs project_id: dbt Cloud's trigger names both");
    }
    if (k.containsKey("project_id") && !k.containsKey("job_id")) {
      k.get("project_id")
          .keyProblem(
              "project_id goes with job_id; for a job of this file write job: <key>"
                  + " (and project: <project key> for another project)");
    }
    if (k.containsKey("project") && !k.containsKey("job")) {
      k.get("project")
          .keyProblem(
              "project goes with job: <key>; for a job outside this file use job_id and project_id");
    }
    List<String> statuses = new ArrayList<>();
    if (k.containsKey("statuses")) {
      statuses.addAll(
          uniqueItems(
              k.get("statuses"),
              item -> member(item, JobCompletionTrigger.STATUSES, "a run status")));
      if (statuses.isEmpty() && k.get("statuses").items().isEmpty()) {
        k.get("statuses")
            .problem(
                "statuses is empty; list at least one of success, error, canceled (or leave the"
                    + " key out for [success])");
      }
    } else {
      statuses.add("success");
    }
    if (job != null) {
      String targetProject = project == null ? projectKey : project;
      YamlCursor at = k.get("job");
      YamlCursor projectAt = k.get("project");
      references.later(
          () -> {
            ProjectSpec p = projects.get(targetProject);
            if (p == null) {
              projectAt.problem(
                  "project '"
                      + targetProject
                      + "' is not declared in this file; "
                      + References.known(targetProject, projects.keySet()));
            } else if (!p.jobs().containsKey(job)) {
              at.problem(
                  "job '"
                      + job
                      + "' is not declared in project "
                      + targetProject
                      + "; "
                      + References.known(job, p.jobs().keySet()));
            }
          });
      references.completion(new JobRef(projectKey, jobKey), new JobRef(targetProject, job), c);
    }
    return new JobCompletionTrigger(job, project, jobId, projectId, statuses, c.position());
  }

  private DeferralSpec deferral(
      YamlCursor c,
      Map<String, EnvironmentSpec> environments,
      Map<String, JobSpec> jobs,
      String jobKey) {
    String environment = null;
    String job = null;
    Long jobId = null;
    YamlCursor environmentAt = c;
    if (c.isScalar()) {
      environment = c.text();
    } else {
      Map<String, YamlCursor> k = c.entries(Keys.DEFER_TO);
      environment = str(k, "environment");
      environmentAt = k.get("environment");
      job = str(k, "job");
      jobId = idOf(k, "job_id");
      if (k.containsKey("environment") && k.containsKey("job")) {
        k.get("job").keyProblem("defer to an environment or to a job, not both");
      } else if (k.containsKey("job_id")
          && (k.containsKey("environment") || k.containsKey("job"))) {
        k.get("job_id")
            .keyProblem(
                "job_id names a job outside the file; defer to it, or to the environment or job"
                    + " beside it, not both");
      } else if (k.isEmpty() && c.isMapping()) {
        c.problem(
            "say what to defer to: defer_to: <environment key>, or defer_to: { job: <job key> |"
                + " self }, or defer_to: { job_id: <id of a job outside the file> }");
      }
      if (job != null && !job.equals("self")) {
        String target = job;
        YamlCursor jobAt = k.get("job");
        references.later(
            () -> {
              if (!jobs.containsKey(target)) {
                Set<String> known = new LinkedHashSet<>(jobs.keySet());
                known.add("self");
                jobAt.problem(
                    "job '"
                        + target
                        + "' is not declared in this project; "
                        + References.known(target, known));
              } else if (target.equals(jobKey)) {
                jobAt.problem("write 'self' to defer a job to its own runs");
              }
            });
      }
    }
    if (environment != null && !environments.containsKey(environment)) {
      environmentAt.problem(
          "environment '"
              + environment
              + "' is not declared in this project; "
              + References.known(environment, environments.keySet()));
    }
    return new DeferralSpec(environment, job, c.position(), jobId);
  }

  private static List<String> costFeatures(YamlCursor c) {
    if (c == null || c.isNull()) {
      return null;
    }
    return uniqueItems(c, item -> member(item, COST_FEATURES, "a cost optimization feature"));
  }

  private static Map<String, String> jobEnvVars(YamlCursor c) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c == null) {
      return out;
    }
    c.entries()
        .forEach(
            (name, v) -> {
              Values.checkEnvVarName(v, name);
              String value = envValue(v, name);
              if (value != null) {
                out.put(name, value);
              }
            });
    return out;
  }

  private VerifySettings verify(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.VERIFY);
    String job = null;
    String project = str(k, "project");
    if (required(c, k, "job", "a job key from this file, or a job id") != null) {
      job = k.get("job").text();
      if (job != null && !job.matches("\\d+")) {
        String key = job;
        references.later(
            () -> resolve(k.get("job"), k.get("project"), project, key, "job", ProjectSpec::jobs));
      } else if (project != null) {
        k.get("project").keyProblem("project goes with a job key; a job id needs no project");
      }
    }
    String cause = str(k, "cause");
    if (cause != null && (cause.isBlank() || cause.length() > 255)) {
      k.get("cause").problem("cause must be 1 to 255 characters; it has " + cause.length());
    }
    String sha = str(k, "git_sha");
    if (sha != null && !sha.matches("[0-9a-fA-F]{7,40}")) {
      k.get("git_sha").problem("'" + sha + "' is not a commit sha (7 to 40 hex digits)");
    }
    List<String> stepsOverride = List.of();
    if (k.containsKey("steps_override") && !k.get("steps_override").isNull()) {
      stepsOverride = steps(k.get("steps_override"));
    }
    Duration timeout = duration(k, "timeout", null);
    Duration pollMin = duration(k, "poll_min", null);
    Duration pollMax = duration(k, "poll_max", null);
    if (pollMin != null && pollMax != null && pollMin.compareTo(pollMax) > 0) {
      (k.containsKey("poll_min") ? k.get("poll_min") : k.get("poll_max"))
          .problem(
              "poll_min ("
                  + Durations.compact(pollMin)
                  + ") is longer than poll_max ("
                  + Durations.compact(pollMax)
                  + ")");
    }
    return VerifySettings.builder()
        .job(job)
        .project(project)
        .cause(cause)
        .gitBranch(str(k, "git_branch"))
        .gitSha(sha)
        .schemaOverride(str(k, "schema_override"))
        .stepsOverride(stepsOverride)
        .threadsOverride(atLeast(k, "threads_override", 1))
        .targetNameOverride(str(k, "target_name_override"))
        .timeout(timeout)
        .pollMin(pollMin)
        .pollMax(pollMax)
        .cancelOnTimeout(bool(k, "cancel_on_timeout"))
        .position(c.position())
        .jobPosition(job == null ? null : c.position())
        .build();
  }

  private SemanticLayerSettings semantic(YamlCursor c) {
    Map<String, YamlCursor> k = c.entries(Keys.SEMANTIC_LAYER);
    String environment = null;
    String project = str(k, "project");
    if (required(c, k, "environment", "an environment key from this file, or an environment id")
        != null) {
      environment = k.get("environment").text();
      if (environment != null && !environment.matches("\\d+")) {
        String key = environment;
        references.later(
            () ->
                resolve(
                    k.get("environment"),
                    k.get("project"),
                    project,
                    key,
                    "environment",
                    ProjectSpec::environments));
      } else if (project != null) {
        k.get("project")
            .keyProblem("project goes with an environment key; an environment id needs no project");
      }
    }
    boolean all = true;
    List<String> metrics = List.of();
    if (k.containsKey("metrics")) {
      YamlCursor m = k.get("metrics");
      if (m.isSequence()) {
        all = false;
        metrics = m.strings();
        if (metrics.isEmpty()) {
          m.problem("the metrics list is empty; list metric names, or write metrics: all");
        }
      } else if (!"all".equals(m.text())) {
        m.problem("expected 'all' or a list of metric names, found " + m.describe());
      }
    }
    String grain = Optional.ofNullable(str(k, "grain")).orElse("day");
    if (!GRAINS.contains(grain.toLowerCase(Locale.ROOT))) {
      k.get("grain")
          .problem(
              "'"
                  + grain
                  + "' is not a time grain; "
                  + Suggestions.didYouMean(grain, GRAINS)
                  + "use day, week, month, quarter, year, hour, ...");
    }
    Integer parallelism = atLeast(k, "parallelism", 1);
    if (parallelism != null && parallelism > 32) {
      k.get("parallelism")
          .problem(
              "parallelism "
                  + parallelism
                  + " is more than 32; the Semantic Layer"
                  + " would throttle it. Use 1 to 32");
    }
    List<String> groupBy =
        k.containsKey("group_by") ? strings(k, "group_by") : List.of("metric_time");
    return new SemanticLayerSettings(
        environment,
        project,
        all,
        metrics,
        groupBy,
        grain.toLowerCase(Locale.ROOT),
        strings(k, "dimensions"),
        parallelism == null ? 4 : parallelism,
        null,
        null,
        null,
        c.position());
  }

  /**
   * Checks that {@code key} names exactly one {@code kind} (job or environment): in {@code project}
   * when given, else in the only project that declares it.
   */
  private void resolve(
      YamlCursor at,
      YamlCursor projectAt,
      String project,
      String key,
      String kind,
      java.util.function.Function<ProjectSpec, Map<String, ?>> members) {
    if (project != null) {
      ProjectSpec p = projects.get(project);
      if (p == null) {
        projectAt.problem(
            "project '"
                + project
                + "' is not declared in this file; "
                + References.known(project, projects.keySet()));
      } else if (!members.apply(p).containsKey(key)) {
        at.problem(
            kind
                + " '"
                + key
                + "' is not declared in project "
                + project
                + "; "
                + References.known(key, members.apply(p).keySet()));
      }
      return;
    }
    List<String> in =
        projects.values().stream()
            .filter(p -> members.apply(p).containsKey(key))
            .map(ProjectSpec::key)
            .toList();
    if (in.isEmpty()) {
      Set<String> all = new LinkedHashSet<>();
      projects.values().forEach(p -> all.addAll(members.apply(p).keySet()));
      at.problem(
          kind
              + " '"
              + key
              + "' is not declared in this file; "
              + References.known(key, all)
              + " (or give the "
              + kind
              + "'s id)");
    } else if (in.size() > 1) {
      at.problem(
          kind
              + " key '"
              + key
              + "' is declared in projects "
              + String.join(" and ", in)
              + "; add project: <key> to say which");
    }
  }

  // ---- small readers shared by the sections ----

  /**
   * The key's cursor when it is present with a value; otherwise reports it as missing and returns
   * null.
   */
  private static YamlCursor required(
      YamlCursor parent, Map<String, YamlCursor> k, String key, String what) {
    YamlCursor c = k.get(key);
    if (c == null) {
      if (parent.isMapping() && !parent.misspelled(key)) {
        parent.problem("missing '" + key + ":' (" + what + ")");
      }
      return null;
    }
    if (c.isNull()) {
      c.problem("'" + key + "' needs a value (" + what + ")");
      return null;
    }
    return c;
  }

  static String str(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).text() : null;
  }

  static Boolean bool(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).bool() : null;
  }

  static Long idOf(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).id() : null;
  }

  static List<String> strings(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) ? k.get(key).strings() : List.of();
  }

  /** An integer that must be at least {@code min}, or null (reported) when it is not. */
  static Integer atLeast(Map<String, YamlCursor> k, String key, int min) {
    Integer v = k.containsKey(key) ? k.get(key).integer() : null;
    if (v != null && v < min) {
      k.get(key).problem(key + " is " + v + "; it must be at least " + min);
      return null;
    }
    return v;
  }

  private static String oneOf(Map<String, YamlCursor> k, String key, List<String> allowed) {
    String v = str(k, key);
    if (v != null && !allowed.contains(v)) {
      k.get(key)
          .problem(
              "'"
                  + v
                  + "' is not a valid "
                  + key
                  + "; "
                  + Suggestions.didYouMean(v, allowed)
                  + "use "
                  + String.join(" or ", allowed));
      return null;
    }
    return v;
  }

  private static Set<String> ignored(Map<String, YamlCursor> k, Set<String> ignorable) {
    Set<String> out = new LinkedHashSet<>();
    if (!k.containsKey("ignore_changes")) {
      return out;
    }
    for (YamlCursor item : k.get("ignore_changes").items()) {
      String field = item.text();
      if (field == null) {
        continue;
      }
      if (!ignorable.contains(field)) {
        item.problem(
            "'"
                + field
                + "' is not a field ignore_changes can name here; "
                + Suggestions.closest(field, ignorable)
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse("use one of " + String.join(", ", ignorable)));
      } else {
        out.add(field);
      }
    }
    return out;
  }

  private static Duration duration(Map<String, YamlCursor> k, String key, Duration fallback) {
    String raw = str(k, key);
    if (raw == null) {
      return fallback;
    }
    Duration d = Durations.read(raw);
    if (d == null || d.isZero()) {
      k.get(key).problem("expected a duration such as 90s, 45m, 2h or 1h30m, found '" + raw + "'");
      return fallback;
    }
    return d;
  }
}
