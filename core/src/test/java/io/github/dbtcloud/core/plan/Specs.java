package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvVarSpec;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobCompletionTrigger;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.ScheduleSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.config.TriggersSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Desired states and remote snapshots for plan tests, built in a few words. */
final class Specs {

  static final long ACCOUNT = 1;
  static final long PROJECT = 7;
  static final long PROD_ID = 70;

  private Specs() {}

  static EnvironmentSpec prod() {
    return env("prod", "Production", "deployment", "production");
  }

  static EnvironmentSpec env(String key, String name, String type, String deploymentType) {
    return EnvironmentSpec.builder()
        .key(key)
        .name(name)
        .type(type)
        .deploymentType(deploymentType)
        .build();
  }

  /** A mutable environment spec: set only what a test needs. */
  static final class E {
    String key;
    Long id;
    String name;
    String type = "deployment";
    String deploymentType;
    String dbtVersion;
    Long credentialsId;
    Long connectionId;
    Long extendedAttributesId;
    Long primaryProfileId;
    String customBranch;
    Boolean useCustomBranch;
    Boolean supportsDocs;
    Boolean queryHistory;
    Boolean dbtState;
    Set<String> ignore = Set.of();

    EnvironmentSpec spec() {
      return EnvironmentSpec.builder()
          .key(key)
          .id(id)
          .name(name)
          .type(type)
          .deploymentType(deploymentType)
          .dbtVersion(dbtVersion)
          .credentialsId(credentialsId)
          .connectionId(connectionId)
          .extendedAttributesId(extendedAttributesId)
          .primaryProfileId(primaryProfileId)
          .customBranch(customBranch)
          .useCustomBranch(useCustomBranch)
          .supportsDocs(supportsDocs)
          .enableModelQueryHistory(queryHistory)
          .enableDbtState(dbtState)
          .ignoreChanges(ignore)
          .build();
    }
  }

  static EnvironmentSpec env(String key, UnaryOperator<E> settings) {
    E e = new E();
    e.key = key;
    e.name = key;
    return settings.apply(e).spec();
  }

  /** A mutable job spec: set only what a test needs. */
  static final class J {
    String key;
    String name;
    String description;
    String environment = "prod";
    List<String> steps = List.of("dbt build");
    String dbtVersion;
    Integer threads;
    String targetName;
    Integer timeout;
    Boolean docs;
    Boolean sources;
    ScheduleSpec schedule;
    TriggersSpec triggers = TriggersSpec.NONE;
    DeferralSpec deferral;
    Boolean compare;
    String compareFlags;
    Boolean lint;
    Boolean lintErrors;
    List<String> features;
    Map<String, String> envVars = Map.of();
    Set<String> ignore = Set.of();

    JobSpec spec() {
      return JobSpec.builder()
          .key(key)
          .name(name)
          .description(description)
          .environment(environment)
          .executeSteps(steps)
          .dbtVersion(dbtVersion)
          .threads(threads)
          .targetName(targetName)
          .timeoutSeconds(timeout)
          .generateDocs(docs)
          .runGenerateSources(sources)
          .schedule(schedule)
          .triggers(triggers)
          .deferral(deferral)
          .runCompareChanges(compare)
          .compareChangesFlags(compareFlags)
          .runLint(lint)
          .errorsOnLintFailure(lintErrors)
          .costOptimizationFeatures(features)
          .envVars(envVars)
          .ignoreChanges(ignore)
          .build();
    }
  }

  static JobSpec job(String key, UnaryOperator<J> settings) {
    J j = new J();
    j.key = key;
    return settings.apply(j).spec();
  }

  static ScheduleSpec cron(String cron) {
    return new ScheduleSpec(cron, List.of(), List.of(), null, true, SourcePosition.NONE);
  }

  static TriggersSpec completion(String job, String... statuses) {
    return new TriggersSpec(
        null,
        null,
        null,
        new JobCompletionTrigger(job, null, List.of(statuses), SourcePosition.NONE));
  }

  static DesiredState desired(
      OwnershipSpec ownership, List<EnvironmentSpec> envs, List<EnvVarSpec> vars, JobSpec... jobs) {
    Map<String, EnvironmentSpec> e = new LinkedHashMap<>();
    envs.forEach(s -> e.put(s.key(), s));
    Map<String, EnvVarSpec> v = new LinkedHashMap<>();
    vars.forEach(s -> v.put(s.name(), s));
    Map<String, JobSpec> j = new LinkedHashMap<>();
    for (JobSpec s : jobs) {
      j.put(s.key(), s);
    }
    ProjectSpec project = new ProjectSpec("shop", PROJECT, null, e, v, j, SourcePosition.NONE);
    return new DesiredState(
        1,
        new AccountSpec(ACCOUNT, null, SourcePosition.NONE),
        ownership,
        Map.of("shop", project),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        "");
  }

  static DesiredState desired(JobSpec... jobs) {
    return desired(OwnershipSpec.defaults(), List.of(prod()), List.of(), jobs);
  }

  static Environment remoteProd() {
    Environment prod =
        Environment.draft(ACCOUNT, PROJECT).withName("Production").withDeploymentType("production");
    return new Environment(with(prod.fields(), "id", PROD_ID));
  }

  static Remote remote(List<Environment> envs, List<Job> jobs) {
    Project project = new Project(Map.of("id", PROJECT, "name", "Shop"));
    return new Remote(
        ACCOUNT,
        "https://ab123.us1.dbt.com/",
        Map.of("shop", new Remote.Listing("shop", project, envs, jobs)));
  }

  static Remote remote(Job... jobs) {
    return remote(List.of(remoteProd()), List.of(jobs));
  }

  /**
   * A remote job as dbt Cloud would hold it: a draft with an id, in Production, changed by {@code
   * edit}.
   */
  static Job remoteJob(long id, String marker, UnaryOperator<Job> edit) {
    Job job =
        Job.draft(ACCOUNT, PROJECT, PROD_ID)
            .withName("n")
            .withDescription(marker)
            .withExecuteSteps(List.of("dbt build"));
    return edit.apply(new Job(with(job.fields(), "id", id)));
  }

  /**
   * A plan that creates the secret variable DBT_ENV_SECRET_KEY with the value s3cr3t in Production.
   */
  static Plan secretVariableCreate() {
    EnvironmentVariable after =
        EnvironmentVariable.draft(ACCOUNT, PROJECT, "DBT_ENV_SECRET_KEY")
            .withValue("Production", "s3cr3t");
    return new Plan(
        ACCOUNT,
        List.of(
            new Change.Create(
                new ResourceAddress(EnvironmentVariableKind.INSTANCE, "shop", "DBT_ENV_SECRET_KEY"),
                after,
                List.of(),
                List.of(FieldChange.created("Production", "s3cr3t", null).asSensitive()),
                null)),
        List.of(),
        List.of(),
        List.of());
  }

  static Map<String, Object> with(Map<String, Object> fields, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(fields);
    copy.put(key, value);
    return copy;
  }
}
