package io.github.dbtcloud.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dbt Cloud job as the file declares it (docs/wire-format.md#job-fields). Boxed fields are
 * optional: null means "not managed", so the plan keeps the server's value (and a create gets the
 * server default).
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
 * @param id the dbt Cloud id of an existing job without a marker, adopted as this key's job (what
 *     {@code dbt:import} writes), or null to find the job by its marker only
 * @param position where the job block starts
 * @param identityInName the job comes from a dbt-jobs-as-code file: its identity is that tool's
 *     {@code [[key]]} at the end of its name, and nothing else of the plugin's is written on it, so
 *     that both tools keep seeing the same job
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
    Long id,
    SourcePosition position,
    boolean identityInName) {

  public JobSpec {
    executeSteps = executeSteps == null ? null : List.copyOf(executeSteps);
    costOptimizationFeatures =
        costOptimizationFeatures == null ? null : List.copyOf(costOptimizationFeatures);
    envVars = Collections.unmodifiableMap(new LinkedHashMap<>(envVars));
    ignoreChanges = Set.copyOf(ignoreChanges);
    triggers = triggers == null ? TriggersSpec.NONE : triggers;
  }

  /**
   * A job of the plugin's own format found by its marker only (no {@code id:}; its marker where the
   * build's placement says).
   */
  public JobSpec(
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
    this(
        key,
        name,
        description,
        environment,
        executeSteps,
        dbtVersion,
        threads,
        targetName,
        timeoutSeconds,
        generateDocs,
        runGenerateSources,
        schedule,
        triggers,
        deferral,
        runCompareChanges,
        compareChangesFlags,
        runLint,
        errorsOnLintFailure,
        costOptimizationFeatures,
        envVars,
        ignoreChanges,
        protect,
        null,
        position,
        false);
  }

  /** The job's display name: {@code name}, or the key when the file gives none. */
  public String displayName() {
    return name != null ? name : key;
  }

  /** A builder with nothing set (empty collections, no position). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link JobSpec} field by field; unset fields stay null (not managed) or empty. */
  public static final class Builder {
    private String key;
    private String name;
    private String description;
    private String environment;
    private List<String> executeSteps;
    private String dbtVersion;
    private Integer threads;
    private String targetName;
    private Integer timeoutSeconds;
    private Boolean generateDocs;
    private Boolean runGenerateSources;
    private ScheduleSpec schedule;
    private TriggersSpec triggers = TriggersSpec.NONE;
    private DeferralSpec deferral;
    private Boolean runCompareChanges;
    private String compareChangesFlags;
    private Boolean runLint;
    private Boolean errorsOnLintFailure;
    private List<String> costOptimizationFeatures;
    private Map<String, String> envVars = Map.of();
    private Set<String> ignoreChanges = Set.of();
    private boolean protect;
    private Long id;
    private SourcePosition position = SourcePosition.NONE;
    private boolean identityInName;

    private Builder() {}

    /** Sets {@code key}. */
    public Builder key(String value) {
      key = value;
      return this;
    }

    /** Sets {@code name}. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets {@code description}. */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** Sets {@code environment}. */
    public Builder environment(String value) {
      environment = value;
      return this;
    }

    /** Sets {@code executeSteps}. */
    public Builder executeSteps(List<String> value) {
      executeSteps = value;
      return this;
    }

    /** Sets {@code dbtVersion}. */
    public Builder dbtVersion(String value) {
      dbtVersion = value;
      return this;
    }

    /** Sets {@code threads}. */
    public Builder threads(Integer value) {
      threads = value;
      return this;
    }

    /** Sets {@code targetName}. */
    public Builder targetName(String value) {
      targetName = value;
      return this;
    }

    /** Sets {@code timeoutSeconds}. */
    public Builder timeoutSeconds(Integer value) {
      timeoutSeconds = value;
      return this;
    }

    /** Sets {@code generateDocs}. */
    public Builder generateDocs(Boolean value) {
      generateDocs = value;
      return this;
    }

    /** Sets {@code runGenerateSources}. */
    public Builder runGenerateSources(Boolean value) {
      runGenerateSources = value;
      return this;
    }

    /** Sets {@code schedule}. */
    public Builder schedule(ScheduleSpec value) {
      schedule = value;
      return this;
    }

    /** Sets {@code triggers}. */
    public Builder triggers(TriggersSpec value) {
      triggers = value;
      return this;
    }

    /** Sets {@code deferral}. */
    public Builder deferral(DeferralSpec value) {
      deferral = value;
      return this;
    }

    /** Sets {@code runCompareChanges}. */
    public Builder runCompareChanges(Boolean value) {
      runCompareChanges = value;
      return this;
    }

    /** Sets {@code compareChangesFlags}. */
    public Builder compareChangesFlags(String value) {
      compareChangesFlags = value;
      return this;
    }

    /** Sets {@code runLint}. */
    public Builder runLint(Boolean value) {
      runLint = value;
      return this;
    }

    /** Sets {@code errorsOnLintFailure}. */
    public Builder errorsOnLintFailure(Boolean value) {
      errorsOnLintFailure = value;
      return this;
    }

    /** Sets {@code costOptimizationFeatures}. */
    public Builder costOptimizationFeatures(List<String> value) {
      costOptimizationFeatures = value;
      return this;
    }

    /** Sets {@code envVars}. */
    public Builder envVars(Map<String, String> value) {
      envVars = value;
      return this;
    }

    /** Sets {@code ignoreChanges}. */
    public Builder ignoreChanges(Set<String> value) {
      ignoreChanges = value;
      return this;
    }

    /** Sets {@code protect}. */
    public Builder protect(boolean value) {
      protect = value;
      return this;
    }

    /** Sets {@code id}. */
    public Builder id(Long value) {
      id = value;
      return this;
    }

    /** Sets {@code position}. */
    public Builder position(SourcePosition value) {
      position = value;
      return this;
    }

    /** Sets {@code identityInName}. */
    public Builder identityInName(boolean value) {
      identityInName = value;
      return this;
    }

    /** The spec. */
    public JobSpec build() {
      return new JobSpec(
          key,
          name,
          description,
          environment,
          executeSteps,
          dbtVersion,
          threads,
          targetName,
          timeoutSeconds,
          generateDocs,
          runGenerateSources,
          schedule,
          triggers,
          deferral,
          runCompareChanges,
          compareChangesFlags,
          runLint,
          errorsOnLintFailure,
          costOptimizationFeatures,
          envVars,
          ignoreChanges,
          protect,
          id,
          position,
          identityInName);
    }
  }
}
