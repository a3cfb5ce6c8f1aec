package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.config.DeferralSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobKind;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextPlanRendererTest {

  private static final TextPlanRenderer PLAIN = new TextPlanRenderer("dbt-cloud.yml");

  private static ResourceAddress address(ResourceKind<?> kind, String key) {
    return new ResourceAddress(kind, "shop", key);
  }

  @Test
  void showsWhyAMarkerChangesNextToTheField() {
    Job before = remoteJob(900, "", j -> j.withName("Nightly [[nightly#abcdef]]"));
    Plan plan =
        Plans.diff(
            desired(
                job(
                    "nightly",
                    j -> {
                      j.name = "Nightly";
                      return j;
                    })),
            remote(before));

    assertThat(String.join("\n", PLAIN.render(plan)))
        .contains(
            "~ name        = \"Nightly [[nightly#abcdef]]\" -> \"Nightly\" # marker moves to the"
                + " description")
        .containsPattern(
            "~ description = \"\" -> \"\\[\\[nightly#[0-9a-f]{6}]]\" # marker written in the"
                + " description \\(it was in the name or missing\\)");
  }

  @Test
  void rendersAnUpdateWithNestedFieldsAndAListDiffedByElement() {
    Job before =
        remoteJob(
            900,
            "[[nightly]]",
            j ->
                j.withName("Nightly")
                    .withThreads(4)
                    .withExecuteSteps(List.of("dbt deps", "dbt build", "dbt test")));
    Plan plan =
        Plans.diff(
            desired(
                job(
                    "nightly",
                    j -> {
                      j.name = "Nightly";
                      j.threads = 8;
                      j.steps = List.of("dbt deps", "dbt build --full-refresh", "dbt test");
                      return j;
                    })),
            remote(before));

    assertThat(String.join("\n", PLAIN.render(plan)))
        .isEqualTo(
            """

        dbt Cloud will change as follows (+ create, ~ update in place, - destroy):

        Project shop:

          # job "nightly" (id 900) will be updated in place
          ~ job "nightly" (id 900) {
              ~ execute_steps = [
                    "dbt deps",
                  - "dbt build",
                  + "dbt build --full-refresh",
                    "dbt test",
                ]
              ~ settings {
                  ~ threads = 4 -> 8
                }
            }

        Plan: 0 to add, 1 to change, 0 to destroy.""");
  }

  @Test
  void namesTheObjectAnIdPointsToNextToTheId() {
    Environment ci =
        new Environment(
            Specs.with(
                Environment.draft(Specs.ACCOUNT, Specs.PROJECT).withName("CI").fields(),
                "id",
                71L));
    Job before = remoteJob(900, "[[nightly]]", j -> j.withName("nightly"));
    Job marts =
        remoteJob(901, "[[marts]]", j -> j.withName("marts").withDeferringEnvironmentId(71L));
    Plan plan =
        Plans.diff(
            Specs.desired(
                OwnershipSpec.defaults(),
                List.of(Specs.prod(), Specs.env("ci", "CI", "deployment", "staging")),
                List.of(),
                job(
                    "nightly",
                    j -> {
                      j.environment = "ci";
                      return j;
                    }),
                job(
                    "marts",
                    j -> {
                      j.deferral = new DeferralSpec("prod", null, SourcePosition.NONE);
                      return j;
                    }),
                job(
                    "after",
                    j -> {
                      j.triggers = Specs.completion("nightly", "success");
                      return j;
                    })),
            Specs.remote(List.of(Specs.remoteProd(), ci), List.of(before, marts)));

    List<String> lines = PLAIN.render(plan);

    assertThat(lines)
        .contains(
            "      ~ environment_id = 70 -> 71 (environment \"ci\")",
            "      ~ deferring_environment_id = 71 -> 70 (environment \"prod\")",
            "      + environment_id = 70 (environment \"prod\")",
            "              + job_id   = 900 (job \"nightly\")");
  }

  @Test
  void saysNoChangesAndStillListsUnmanageds() {
    Plan plan =
        new Plan(
            1,
            List.of(),
            List.of(new Unmanaged(JobKind.INSTANCE, "shop", 5L, "Hand made")),
            List.of(),
            List.of());

    assertThat(PLAIN.render(plan))
        .containsExactly(
            "",
            "1 unmanaged job(s) in scope (no marker of this file; left untouched):",
            "    shop: \"Hand made\" (id 5)",
            "",
            "No changes. dbt Cloud matches dbt-cloud.yml.");
  }

  @Test
  void rendersADestroy() {
    Job old = remoteJob(9, "[[old]]", j -> j.withName("Old report"));
    Plan plan =
        new Plan(
            1,
            List.of(
                new Change.Delete(
                    address(JobKind.INSTANCE, "old"), old, old.marker().orElse(null))),
            List.of(),
            List.of(),
            List.of());

    assertThat(PLAIN.render(plan))
        .contains(
            "  # job \"old\" (id 9) will be destroyed",
            "  - job \"old\" (id 9) {",
            "      - name = \"Old report\" -> null",
            "    }",
            "Plan: 0 to add, 0 to change, 1 to destroy.");
  }

  @Test
  void neverShowsASecretValue() {
    Plan plan = Specs.secretVariableCreate();

    List<String> lines = PLAIN.render(plan);

    assertThat(lines)
        .contains("      + Production = (sensitive)")
        .noneMatch(l -> l.contains("s3cr3t"));
  }

  @Test
  void quotesAScopeNameThatIsNotAnIdentifier() {
    Plan plan =
        new Plan(
            1,
            List.of(
                new Change.Create(
                    address(EnvironmentVariableKind.INSTANCE, "DBT_X"),
                    EnvironmentVariable.draft(1, 7, "DBT_X"),
                    List.of(),
                    List.of(FieldChange.of("Prod.EU staging", null, "x")),
                    null)),
            List.of(),
            List.of(),
            List.of());

    assertThat(PLAIN.render(plan)).contains("      + \"Prod.EU staging\" = \"x\"");
  }

  @Test
  void coloursTheSymbolsAsTerraformDoesWhenAsked() {
    Plan plan = Plans.diff(desired(job("nightly", j -> j)), remote());

    List<String> lines = new TextPlanRenderer("dbt-cloud.yml", true).render(plan);

    assertThat(lines).contains("  \u001B[32m+\u001B[0m job \"nightly\" {");
    assertThat(PLAIN.render(plan)).noneMatch(l -> l.contains("\u001B"));
  }

  @Test
  void marksEachFieldChangedOutsideTheFile() {
    FieldChange drift =
        new FieldChange("settings.threads", 4L, 8L, null, FieldChange.Origin.OUTSIDE, false, null);
    Job before = remoteJob(900, "[[nightly#abcdef]]", j -> j);
    Plan plan =
        new Plan(
            1,
            List.of(
                new Change.Update(
                    address(JobKind.INSTANCE, "nightly"),
                    before,
                    before,
                    List.of(),
                    List.of(drift),
                    null)),
            List.of(),
            List.of(),
            List.of());

    assertThat(PLAIN.render(plan))
        .contains(
            "Note: some objects were changed in dbt Cloud outside dbt-cloud.yml; the plan puts the file's values back"
                + " (marked \"# changed outside dbt-cloud.yml\").",
            "  # job \"nightly\" (id 900) will be updated in place (it was changed outside dbt-cloud.yml)",
            "          ~ threads = 4 -> 8 # changed outside dbt-cloud.yml");
  }

  @Test
  void showsWarningsBeforeTheSummary() {
    Plan plan = new Plan(1, List.of(), List.of(), List.of(), List.of("this update will fail"));

    assertThat(PLAIN.render(plan))
        .containsSubsequence(
            "Warning: this update will fail", "No changes. dbt Cloud matches dbt-cloud.yml.");
  }

  @Test
  void aCreateOfEveryOwnershipKindRendersPendingIds() {
    Plan plan =
        Plans.diff(
            desired(
                OwnershipSpec.defaults(),
                List.of(Specs.prod(), Specs.env("ci", "CI", null, null)),
                List.of(),
                job(
                    "pr",
                    j -> {
                      j.environment = "ci";
                      return j;
                    })),
            remote());

    assertThat(PLAIN.render(plan))
        .contains("      + environment_id = (known after apply: environment \"ci\")");
  }
}
