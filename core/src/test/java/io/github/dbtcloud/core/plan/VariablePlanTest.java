package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.ACCOUNT;
import static io.github.dbtcloud.core.plan.Specs.PROJECT;
import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.env;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.prod;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static io.github.dbtcloud.core.plan.Specs.remoteProd;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvVarSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Project variables, per-environment values and job overrides; secrets are never shown nor guessed.
 */
class VariablePlanTest {

  private static final Project PROJECT_OBJECT = new Project(Map.of("id", PROJECT, "name", "Shop"));

  private static DesiredState withVars(EnvVarSpec... vars) {
    return desired(
        OwnershipSpec.defaults(),
        List.of(prod(), env("ci", "CI", "deployment", "staging")),
        List.of(vars));
  }

  private static EnvVarSpec var(
      String name, String projectDefault, Map<String, String> perEnvironment) {
    return new EnvVarSpec(name, projectDefault, perEnvironment, SourcePosition.NONE);
  }

  private static Remote remoteWith(
      EnvironmentVariables vars, Map<Long, List<JobEnvironmentVariable>> overrides, Job... jobs) {
    Environment ci =
        new Environment(
            Specs.with(
                Environment.draft(ACCOUNT, PROJECT)
                    .withName("CI")
                    .withDeploymentType("staging")
                    .fields(),
                "id",
                71L));
    return new Remote(
        ACCOUNT,
        null,
        Map.of(
            "shop",
            new Remote.Listing(
                "shop",
                PROJECT_OBJECT,
                List.of(remoteProd(), ci),
                List.of(jobs),
                vars,
                overrides)));
  }

  private static EnvironmentVariable remoteVar(
      String name, Map<String, String> values, Map<String, Long> ids) {
    Map<String, Object> f =
        new LinkedHashMap<>(EnvironmentVariable.draft(ACCOUNT, PROJECT, name).fields());
    f.put("values", values);
    f.put("ids", ids);
    return new EnvironmentVariable(f);
  }

  private static EnvironmentVariables vars(EnvironmentVariable... vs) {
    Map<String, EnvironmentVariable> m = new LinkedHashMap<>();
    for (EnvironmentVariable v : vs) {
      m.put(v.name(), v);
    }
    return new EnvironmentVariables(List.of("project", "Production", "CI"), m);
  }

  @Test
  void createsAVariableWithItsProjectDefaultAndItsValuesByEnvironmentName() {
    Plan plan =
        Plans.diff(
            withVars(var("DBT_TARGET", "dev", Map.of("prod", "prod"))),
            remoteWith(vars(), Map.of()));

    Change create = plan.changes().get(0);
    assertThat(create.address().toString()).isEqualTo("environment_variable \"DBT_TARGET\"");
    EnvironmentVariable after = (EnvironmentVariable) ((Change.Create) create).after();
    assertThat(after.values())
        .containsExactly(Map.entry("project", "dev"), Map.entry("Production", "prod"));
    assertThat(create.fields())
        .extracting(FieldChange::path)
        .containsExactly("project", "Production");
  }

  @Test
  void updatesOnlyTheScopesThatDiffer() {
    EnvironmentVariable current =
        remoteVar(
            "DBT_TARGET",
            Map.of("project", "dev", "Production", "prd"),
            Map.of("project", 1L, "Production", 2L));

    Plan plan =
        Plans.diff(
            withVars(var("DBT_TARGET", "dev", Map.of("prod", "prod", "ci", "ci"))),
            remoteWith(vars(current), Map.of()));

    Change update = plan.changes().get(0);
    assertThat(update.fields())
        .containsExactlyInAnyOrder(
            FieldChange.of("Production", "prd", "prod"), FieldChange.of("CI", null, "ci"));
    assertThat(((EnvironmentVariable) ((Change.Update) update).after()).values())
        .doesNotContainKey("project");
  }

  @Test
  void aSecretIsShownAsSensitiveAndPlannedOnlyWhereItIsMissing() {
    EnvironmentVariable masked =
        remoteVar(
            "DBT_ENV_SECRET_KEY", Map.of("Production", "**********"), Map.of("Production", 3L));

    Plan plan =
        Plans.diff(
            withVars(var("DBT_ENV_SECRET_KEY", null, Map.of("prod", "s3cr3t", "ci", "other"))),
            remoteWith(vars(masked), Map.of()));

    Change update = plan.changes().get(0);
    assertThat(update.fields())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("CI");
              assertThat(f.sensitive()).isTrue();
            });
    assertThat(new TextPlanRenderer("dbt-cloud.yml").render(plan))
        .anyMatch(l -> l.contains("+ CI = (sensitive)") || l.contains("~ CI = null -> (sensitive)"))
        .noneMatch(l -> l.contains("other"));
  }

  @Test
  void aSecretPresentEverywhereIsNoChangeUnlessRotated() {
    EnvironmentVariable masked =
        remoteVar(
            "DBT_ENV_SECRET_KEY", Map.of("Production", "**********"), Map.of("Production", 3L));
    DesiredState desired = withVars(var("DBT_ENV_SECRET_KEY", null, Map.of("prod", "new-value")));

    assertThat(Plans.diff(desired, remoteWith(vars(masked), Map.of())).isEmpty()).isTrue();
    Plan rotated =
        Plans.diff(
            desired,
            remoteWith(vars(masked), Map.of()),
            new PlanOptions(Set.of(), Set.of(), null, Set.of("DBT_ENV_SECRET_KEY"), false));
    assertThat(rotated.changes())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.fields())
                    .singleElement()
                    .satisfies(f -> assertThat(f.before()).isEqualTo("**********")));
  }

  @Test
  void aNewJobsOverrideWaitsForTheJobsId() {
    JobSpec nightly =
        job(
            "nightly",
            j -> {
              j.envVars = Map.of("DBT_FULL_REFRESH", "true");
              return j;
            });

    Plan plan = Plans.diff(desired(nightly), remoteWith(vars(), Map.of()));

    assertThat(plan.changes())
        .extracting(c -> c.address().toString())
        .containsExactly(
            "job \"nightly\"", "job_environment_variable \"nightly/DBT_FULL_REFRESH\"");
    assertThat(plan.changes().get(1).pending())
        .singleElement()
        .satisfies(p -> assertThat(p.path()).isEqualTo(JobEnvironmentVariable.JOB_ID));
  }

  @Test
  void updatesAnExistingJobOverrideThatDiffers() {
    Job job = remoteJob(900, "[[nightly]]", j -> j.withName("nightly"));
    JobEnvironmentVariable override =
        new JobEnvironmentVariable(
            Specs.with(
                Specs.with(
                    JobEnvironmentVariable.draft(ACCOUNT, PROJECT, 900L, "DBT_FULL_REFRESH")
                        .fields(),
                    "id",
                    44L),
                "raw_value",
                "false"));
    JobSpec nightly =
        job(
            "nightly",
            j -> {
              j.envVars = Map.of("DBT_FULL_REFRESH", "true");
              return j;
            });

    Plan plan =
        Plans.diff(desired(nightly), remoteWith(vars(), Map.of(900L, List.of(override)), job));

    assertThat(plan.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c).isInstanceOf(Change.Update.class);
              assertThat(c.fields()).containsExactly(FieldChange.of("raw_value", "false", "true"));
            });
  }

  @Test
  void aValueForAnEnvironmentMatchedByIdGoesToTheNameDbtCloudHasForIt() {
    DesiredState desired =
        desired(
            OwnershipSpec.defaults(),
            List.of(
                prod(),
                Specs.env(
                    "legacy",
                    e -> {
                      e.id = 71L;
                      e.name = null;
                      return e;
                    })),
            List.of(var("DBT_TARGET", null, Map.of("legacy", "old"))));

    Plan plan = Plans.diff(desired, remoteWith(EnvironmentVariables.none(), Map.of()));

    Change.Create create = (Change.Create) plan.changes().get(0);
    assertThat(create.fields()).extracting(FieldChange::path).containsExactly("CI");
    assertThat(((EnvironmentVariable) create.after()).values())
        .containsExactly(Map.entry("CI", "old"));
  }
}
