package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.config.References.JobRef;
import io.github.dbtcloud.core.identity.JobsAsCodeIdentifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file written for dbt-jobs-as-code (a top-level {@code jobs:} map keyed by identifier,
 * numeric ids, {@code [[identifier]]} in names, {@code custom_environment_variables} as single-key
 * maps, booleans as strings) into the same {@link DesiredState}, so a team can point the plugin at
 * its existing file. Environments are referred to by id, so they are matched by id and none of
 * their fields is managed; a field the file leaves out is not managed either.
 */
final class JobsAsCodeReader {

  /** Keys dbt-jobs-as-code reads on a job. */
  static final Set<String> JOB =
      Set.of(
          "linked_id",
          "id",
          "identifier",
          "account_id",
          "project_id",
          "environment_id",
          "dbt_version",
          "name",
          "settings",
          "execution",
          "deferring_job_definition_id",
          "deferring_environment_id",
          "run_generate_sources",
          "run_lint",
          "errors_on_lint_failure",
          "execute_steps",
          "generate_docs",
          "schedule",
          "triggers",
          "description",
          "state",
          "run_compare_changes",
          "compare_changes_flags",
          "job_type",
          "triggers_on_draft_pr",
          "job_completion_trigger_condition",
          "custom_environment_variables",
          "cost_optimization_features");

  /**
   * Read-only fields an exported job carries; dbt-jobs-as-code ignores them and so does this
   * reader.
   */
  static final Set<String> READ_ONLY =
      Set.of(
          "integration_id",
          "force_node_selection",
          "raw_dbt_version",
          "created_at",
          "updated_at",
          "deactivated",
          "run_failure_count",
          "lifecycle_webhooks",
          "lifecycle_webhooks_url",
          "is_deferrable",
          "generate_sources",
          "cron_humanized",
          "next_run",
          "next_run_humanized",
          "is_system",
          "account",
          "project",
          "environment",
          "most_recent_run",
          "most_recent_completed_run",
          "job_definition_id");

  private static final Set<String> SETTINGS = Set.of("threads", "target_name");
  private static final Set<String> EXECUTION = Set.of("timeout_seconds");
  private static final Set<String> SCHEDULE = Set.of("cron", "date", "time");
  private static final Set<String> TRIGGERS =
      Set.of(
          "github_webhook", "git_provider_webhook", "schedule", "on_merge", "custom_branch_only");
  private static final Pattern IDENTIFIER_IN_NAME =
      Pattern.compile("\\s*\\[\\[([*:a-zA-Z0-9_.\\-]+)]]");

  private record Raw(
      String key, YamlCursor cursor, Map<String, YamlCursor> keys, Long id, Long projectId) {}

  private final Map<String, ProjectSpec> projects = new LinkedHashMap<>();
  private final References references = new References();

  /**
   * True when {@code root} looks like a dbt-jobs-as-code file: a {@code jobs:} map and no version-1
   * keys.
   */
  static boolean recognises(org.yaml.snakeyaml.nodes.Node root) {
    if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode m)) {
      return false;
    }
    Set<String> keys = new LinkedHashSet<>();
    m.getValue()
        .forEach(
            t -> {
              if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s) {
                keys.add(s.getValue());
              }
            });
    return keys.contains("jobs") && !keys.contains("projects") && !keys.contains("version");
  }

  DesiredState read(YamlCursor root, List<Path> files) {
    Map<String, YamlCursor> top = root.entries();
    if (top.containsKey("ownership")) {
      top.get("ownership")
          .keyProblem(
              "'ownership:' is a key of the plugin's own format and dbt-jobs-as-code would refuse"
                  + " it here; for a dbt-jobs-as-code file the plugin never deletes jobs, and the"
                  + " marker placement comes from the POM's <markerPlacement> or"
                  + " -Ddbt.markerPlacement (see docs/migrating-from-dbt-jobs-as-code.md); remove"
                  + " the key, or convert the file with -Ddbt.convert");
    }
    Long defaultAccount = top.containsKey("account_id") ? top.get("account_id").id() : null;
    Map<String, YamlCursor> jobs = top.get("jobs").entries();
    List<Raw> raws = new ArrayList<>();
    jobs.forEach(
        (key, c) -> {
          Map<String, YamlCursor> k = c.entries(null);
          for (String name : k.keySet()) {
            if (!JOB.contains(name) && !READ_ONLY.contains(name)) {
              k.get(name)
                  .context()
                  .problems()
                  .warn(
                      k.get(name).keyPosition(),
                      k.get(name).path(),
                      YamlCursor.unknownKey(name, JOB)
                          + " (dbt-jobs-as-code ignores it, and so does this plugin)");
            }
          }
          raws.add(
              new Raw(key, c, k, StateReader.idOf(k, "id"), StateReader.idOf(k, "project_id")));
        });
    Long account = defaultAccount;
    YamlCursor accountAt = top.get("account_id");
    for (Raw r : raws) {
      Long a = StateReader.idOf(r.keys(), "account_id");
      if (a == null) {
        if (defaultAccount == null
            && !r.keys().containsKey("account_id")
            && r.cursor().isMapping()) {
          r.cursor().problem("missing 'account_id:' (on the job, or once at the top of the file)");
        }
      } else if (account == null) {
        account = a;
        accountAt = r.keys().get("account_id");
      } else if (!a.equals(account)) {
        r.keys()
            .get("account_id")
            .problem(
                "account_id "
                    + a
                    + " differs from "
                    + account
                    + " (line "
                    + accountAt.position().line()
                    + "); one file manages one account");
      }
    }
    Map<Long, Map<String, EnvironmentSpec>> environments = new LinkedHashMap<>();
    Map<Long, Map<String, JobSpec>> jobsByProject = new LinkedHashMap<>();
    for (Raw r : raws) {
      JobSpec job = job(r, raws, environments);
      if (job != null && r.projectId() != null) {
        jobsByProject.computeIfAbsent(r.projectId(), p -> new LinkedHashMap<>()).put(r.key(), job);
      }
    }
    for (Map.Entry<Long, Map<String, JobSpec>> e : jobsByProject.entrySet()) {
      String key = projectKey(e.getKey());
      projects.put(
          key,
          new ProjectSpec(
              key,
              e.getKey(),
              null,
              environments.getOrDefault(e.getKey(), Map.of()),
              Map.of(),
              e.getValue(),
              root.position()));
    }
    if (raws.isEmpty()) {
      top.get("jobs").problem("no jobs under 'jobs:'");
    }
    references.check(projects);
    return new DesiredState(
        1,
        new AccountSpec(account == null ? 0 : account, null, root.position()),
        OwnershipSpec.defaults(),
        projects,
        Optional.empty(),
        Optional.empty(),
        files,
        List.of(),
        "");
  }

  private JobSpec job(Raw r, List<Raw> all, Map<Long, Map<String, EnvironmentSpec>> environments) {
    YamlCursor c = r.cursor();
    Map<String, YamlCursor> k = r.keys();
    if (!c.isMapping()) {
      return null;
    }
    if (!JobsAsCodeIdentifier.readable(r.key())) {
      c.keyProblem(
          "job identifier '"
              + r.key()
              + "' cannot be written into a name as [["
              + r.key()
              + "]] and read back by dbt-jobs-as-code; use letters, digits, '_' or '-'");
    }
    String name = required(c, k, "name");
    if (name != null) {
      Matcher m = IDENTIFIER_IN_NAME.matcher(name);
      if (m.find()) {
        String identifier =
            m.group(1).contains(":")
                ? m.group(1).substring(m.group(1).indexOf(':') + 1)
                : m.group(1);
        if (!identifier.equals(r.key())) {
          k.get("name")
              .problem(
                  "the name carries the identifier [["
                      + m.group(1)
                      + "]] but the job's key is '"
                      + r.key()
                      + "'; make them the same");
        }
        name = (name.substring(0, m.start()) + name.substring(m.end())).strip();
      }
    }
    Long projectId = r.projectId();
    if (!k.containsKey("project_id")) {
      c.problem("missing 'project_id:' (the numeric id of the job's project)");
    }
    Long environmentId = StateReader.idOf(k, "environment_id");
    if (!k.containsKey("environment_id")) {
      c.problem("missing 'environment_id:' (the numeric id of the environment the job runs in)");
    }
    Map<String, EnvironmentSpec> projectEnvironments =
        projectId == null
            ? new LinkedHashMap<>()
            : environments.computeIfAbsent(projectId, p -> new LinkedHashMap<>());
    String environment =
        environmentId == null ? null : environmentKey(environmentId, projectEnvironments, c);
    List<String> steps = null;
    if (!k.containsKey("execute_steps")) {
      c.problem("missing 'execute_steps:'");
    } else {
      steps = StateReader.steps(k.get("execute_steps"));
    }
    String dbtVersion = StateReader.str(k, "dbt_version");
    if (dbtVersion == null && k.containsKey("dbt_version") && k.get("dbt_version").isNull()) {
      // an explicit null is what dbt-jobs-as-code sends: the job inherits the environment's
      dbtVersion = "";
    } else if (dbtVersion != null) {
      Values.checkDbtVersion(k.get("dbt_version"), dbtVersion);
    }
    Map<String, YamlCursor> settings = section(k, "settings", SETTINGS);
    Map<String, YamlCursor> execution = section(k, "execution", EXECUTION);
    Map<String, YamlCursor> triggers = section(k, "triggers", TRIGGERS);
    Boolean github = bool(triggers, "github_webhook");
    Boolean gitProvider = bool(triggers, "git_provider_webhook");
    Boolean scheduleOn = bool(triggers, "schedule");
    ScheduleSpec schedule = schedule(k, scheduleOn);
    Long jobDeferral = StateReader.idOf(k, "deferring_job_definition_id");
    Long environmentDeferral = StateReader.idOf(k, "deferring_environment_id");
    DeferralSpec deferral = null;
    YamlCursor clearedAt = explicitNull(k, "deferring_environment_id");
    if (clearedAt == null) {
      clearedAt = explicitNull(k, "deferring_job_definition_id");
    }
    if (environmentDeferral == null && jobDeferral == null && clearedAt != null) {
      // an explicit null (every import-jobs export has one) clears the deferral
      deferral = new DeferralSpec(null, null, clearedAt.position());
    } else if (environmentDeferral != null) {
      deferral =
          new DeferralSpec(
              environmentKey(environmentDeferral, projectEnvironments, c),
              null,
              k.get("deferring_environment_id").position());
    } else if (jobDeferral != null) {
      String target = jobDeferral.equals(r.id()) ? "self" : keyOfJob(jobDeferral, all);
      if (target == null) {
        // a job the file does not manage: sent by id, as dbt-jobs-as-code sends it
        deferral =
            new DeferralSpec(
                null, null, k.get("deferring_job_definition_id").position(), jobDeferral);
      } else {
        deferral = new DeferralSpec(null, target, k.get("deferring_job_definition_id").position());
      }
    }
    Integer state = k.containsKey("state") ? k.get("state").integer() : null;
    if (state != null && state != 1) {
      k.get("state")
          .warn(
              "state "
                  + state
                  + " is ignored: the plugin manages active jobs; to delete a job,"
                  + " remove it from the file and turn on ownership.prune");
    }
    List<String> costFeatures = null;
    if (k.containsKey("cost_optimization_features")
        && !k.get("cost_optimization_features").isNull()) {
      costFeatures = k.get("cost_optimization_features").strings();
    }
    return new JobSpec(
        r.key(),
        name,
        StateReader.str(k, "description"),
        environment,
        steps,
        dbtVersion,
        StateReader.atLeast(settings, "threads", 1),
        StateReader.str(settings, "target_name"),
        StateReader.atLeast(execution, "timeout_seconds", 0),
        bool(k, "generate_docs"),
        bool(k, "run_generate_sources"),
        schedule,
        new TriggersSpec(
            gitProvider,
            bool(triggers, "on_merge"),
            bool(k, "triggers_on_draft_pr"),
            completion(r, all),
            github),
        deferral,
        bool(k, "run_compare_changes"),
        StateReader.str(k, "compare_changes_flags"),
        bool(k, "run_lint"),
        bool(k, "errors_on_lint_failure"),
        costFeatures,
        envVars(k.get("custom_environment_variables")),
        Set.of(),
        false,
        null,
        c.position(),
        true);
  }

  /** The key when it is present with an explicit {@code null}; else null. */
  private static YamlCursor explicitNull(Map<String, YamlCursor> k, String key) {
    return k.containsKey(key) && k.get(key).isNull() ? k.get(key) : null;
  }

  /**
   * A boolean as dbt-jobs-as-code's validation library reads one (pydantic: {@code true}/{@code
   * false}, {@code 1}/{@code 0}, {@code yes}/{@code no}, {@code y}/{@code n}, {@code on}/{@code
   * off}, {@code t}/{@code f}, any case, quoted or not).
   */
  static Boolean bool(Map<String, YamlCursor> k, String key) {
    YamlCursor c = k.get(key);
    if (c == null || c.isNull()) {
      return null;
    }
    if (!c.isScalar()) {
      c.problem("expected true or false, found " + c.describe());
      return null;
    }
    String v = c.text().strip().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "true", "1", "1.0", "yes", "y", "on", "t" -> Boolean.TRUE;
      case "false", "0", "0.0", "no", "n", "off", "f" -> Boolean.FALSE;
      default -> {
        c.problem(
            "expected true or false (or 1/0, yes/no, y/n, on/off, t/f), found '" + c.text() + "'");
        yield null;
      }
    };
  }

  private static String required(YamlCursor c, Map<String, YamlCursor> k, String key) {
    if (!k.containsKey(key)) {
      c.problem("missing '" + key + ":'");
      return null;
    }
    return k.get(key).text();
  }

  private static Map<String, YamlCursor> section(
      Map<String, YamlCursor> k, String key, Set<String> allowed) {
    return k.containsKey(key) ? k.get(key).entries(allowed) : Map.of();
  }

  private static ScheduleSpec schedule(Map<String, YamlCursor> k, Boolean scheduleOn) {
    if (!k.containsKey("schedule") || k.get("schedule").isNull()) {
      if (Boolean.TRUE.equals(scheduleOn)) {
        k.get("triggers").problem("triggers.schedule is true but the job has no schedule.cron");
      }
      return null;
    }
    YamlCursor sc = k.get("schedule");
    Map<String, YamlCursor> s = sc.entries(SCHEDULE);
    for (String generated : List.of("date", "time")) {
      if (s.containsKey(generated)) {
        s.get(generated)
            .warn(
                "schedule."
                    + generated
                    + " is generated by dbt Cloud and ignored; only cron is read");
      }
    }
    String cron = StateReader.str(s, "cron");
    if (cron == null) {
      if (sc.isMapping()) {
        sc.problem("missing 'cron:' (dbt-jobs-as-code schedules are cron expressions)");
      }
      return null;
    }
    CronCheck.check(s.get("cron"), cron);
    return new ScheduleSpec(
        cron, List.of(), List.of(), null, Boolean.TRUE.equals(scheduleOn), sc.position());
  }

  private JobCompletionTrigger completion(Raw r, List<Raw> all) {
    YamlCursor tc = r.keys().get("job_completion_trigger_condition");
    if (tc == null) {
      return null;
    }
    if (tc.isNull()) {
      // an explicit null, as import-jobs writes it: no trigger
      return JobCompletionTrigger.none(tc.position());
    }
    Map<String, YamlCursor> outer = tc.entries(Set.of("condition"));
    if (!tc.isMapping()) {
      return null;
    }
    if (!outer.containsKey("condition") || outer.get("condition").isNull()) {
      // an empty trigger: none
      return JobCompletionTrigger.none(tc.position());
    }
    YamlCursor cc = outer.get("condition");
    Map<String, YamlCursor> k = cc.entries(Set.of("job_id", "project_id", "statuses"));
    Long jobId = StateReader.idOf(k, "job_id");
    Long projectId = StateReader.idOf(k, "project_id");
    if (cc.isMapping() && (!k.containsKey("job_id") || !k.containsKey("project_id"))) {
      cc.problem("a job-completion condition needs job_id and project_id");
    }
    List<String> statuses = new ArrayList<>();
    List<YamlCursor> codes = k.containsKey("statuses") ? k.get("statuses").items() : List.of();
    for (YamlCursor item : codes) {
      Integer code = item.integer();
      if (code == null) {
        continue;
      }
      if (code != 10 && code != 20 && code != 30) {
        item.problem(
            "status "
                + code
                + " is not a run status; use 10 (success), 20 (error) or 30 (canceled)");
      } else {
        statuses.add(JobCompletionTrigger.STATUSES.get(code / 10 - 1));
      }
    }
    if (!k.containsKey("statuses")) {
      statuses.addAll(JobCompletionTrigger.STATUSES);
    }
    String key = jobId == null ? null : keyOfJob(jobId, all);
    if (key != null) {
      Raw target = all.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
      String targetProject =
          target.projectId() == null ? projectKey(r.projectId()) : projectKey(target.projectId());
      references.completion(
          new JobRef(projectKey(r.projectId()), r.key()), new JobRef(targetProject, key), cc);
      return new JobCompletionTrigger(
          key,
          targetProject.equals(projectKey(r.projectId())) ? null : targetProject,
          null,
          null,
          statuses,
          cc.position());
    }
    return new JobCompletionTrigger(null, null, jobId, projectId, statuses, cc.position());
  }

  private static Map<String, String> envVars(YamlCursor c) {
    Map<String, String> out = new LinkedHashMap<>();
    if (c == null || c.isNull()) {
      return out;
    }
    for (YamlCursor item : c.items()) {
      Map<String, YamlCursor> single = item.entries();
      if (item.isMapping() && single.size() != 1) {
        item.problem(
            "each custom_environment_variables item is one 'DBT_NAME: value' pair; this one has "
                + single.size());
        continue;
      }
      single.forEach(
          (name, v) -> {
            Values.checkEnvVarName(v, name);
            if (!v.isScalar() || v.isNull()) {
              v.problem("expected a value for " + name + ", found " + v.describe());
              return;
            }
            Values.warnIfLiteralSecret(v, name);
            String value = v.text();
            if (value != null) {
              out.put(name, value);
            }
          });
    }
    return out;
  }

  private static String keyOfJob(long id, List<Raw> all) {
    for (Raw r : all) {
      Long linked = StateReader.idOf(r.keys(), "linked_id");
      if (Long.valueOf(id).equals(r.id()) || Long.valueOf(id).equals(linked)) {
        return r.key();
      }
    }
    return null;
  }

  private static String environmentKey(
      long id, Map<String, EnvironmentSpec> environments, YamlCursor at) {
    String key = "environment_" + id;
    environments.computeIfAbsent(
        key,
        k ->
            new EnvironmentSpec(
                k,
                id,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Set.of(),
                false,
                at.position()));
    return key;
  }

  private static String projectKey(Long id) {
    return "project_" + id;
  }
}
