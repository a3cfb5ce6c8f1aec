package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dbt Cloud job as the file declares it (shared api doc §C.1). Boxed fields are optional: null
 * means "not managed", so the plan keeps the server's value (and a create gets the server default).
 *
 * @param key the stable key, written into the job's marker ({@code [[key]]})
 * @param name display name; defaults to the key
 * @param description description (the marker is appended to it)
 * @param environment the environment key the job runs in
 * @param executeSteps dbt commands, e.g. {@code dbt build}
 * @param dbtVersion dbt version override, or null to inherit the environment's
 * @param threads {@code settings.threads}
 * @param targetName {@code settings.target_name}
 * @param timeoutSeconds {@code execution.timeout_seconds}; 0 is no timeout
 * @param generateDocs {@code generate_docs}
 * @param runGenerateSources {@code run_generate_sources}
 * @param schedule the schedule, or null when the job is not scheduled by the file
 * @param triggers webhook, merge and job-completion triggers
 * @param deferral deferral target, or null
 * @param runCompareChanges advanced CI compare changes
 * @param compareChangesFlags flags for compare changes
 * @param runLint SQL linting in CI
 * @param errorsOnLintFailure fail the run on lint errors
 * @param costOptimizationFeatures e.g. {@code state_aware_orchestration}
 * @param envVars job-level environment variable overrides
 * @param ignoreChanges fields the plan must leave alone, by file key
 * @param protect forbid destroying this job
 * @param position where the job block starts
 */
public record JobSpec(
    String key,
    String name,
    String description,
    String environment,
    List<String> executeSteps,
    String dbtVersion,
    Integer threads,
    String targetName,
    Integer timeoutSeconds,
    Boolean generateDocs,
    Boolean runGenerateSources,
    ScheduleSpec schedule,
    TriggersSpec triggers,
    DeferralSpec deferral,
    Boolean runCompareChanges,
    String compareChangesFlags,
    Boolean runLint,
    Boolean errorsOnLintFailure,
    List<String> costOptimizationFeatures,
    Map<String, String> envVars,
    Set<String> ignoreChanges,
    boolean protect,
    SourcePosition position) {

  public JobSpec {
    executeSteps = executeSteps == null ? null : List.copyOf(executeSteps);
    costOptimizationFeatures =
        costOptimizationFeatures == null ? null : List.copyOf(costOptimizationFeatures);
    envVars = Collections.unmodifiableMap(new LinkedHashMap<>(envVars));
    ignoreChanges = Set.copyOf(ignoreChanges);
    triggers = triggers == null ? TriggersSpec.NONE : triggers;
  }

  /** The job's display name: {@code name}, or the key when the file gives none. */
  public String displayName() {
    return name != null ? name : key;
  }
}
