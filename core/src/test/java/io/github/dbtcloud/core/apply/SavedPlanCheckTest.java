package io.github.dbtcloud.core.apply;

import static io.github.dbtcloud.core.apply.ApplyFixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.plan.Differ;
import io.github.dbtcloud.core.plan.JsonPlanWriter;
import io.github.dbtcloud.core.plan.PlanCommand;
import io.github.dbtcloud.core.plan.PlanOptions;
import io.github.dbtcloud.core.plan.PlanReport;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.remote.RemoteState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanCheckTest {

  private static final String FILE =
      "    environments:\n"
          + "      prod: { name: Production, type: deployment, deployment_type: production }\n"
          + "      ci: { name: CI, type: deployment }\n";

  @TempDir Path dir;

  private final FakeDbtCloud cloud = new FakeDbtCloud();

  private SavedPlan save(DesiredState desired) throws IOException {
    RemoteState remote = cloud.snapshot(desired);
    Path file = dir.resolve("plan.json");
    Files.writeString(
        file,
        new JsonPlanWriter()
            .render(
                new PlanReport(
                    Differ.diff(desired, remote, PlanOptions.defaults()),
                    desired,
                    PlanCommand.desiredSha256(desired),
                    remote,
                    PlanOptions.defaults(),
                    "test",
                    Instant.now())));
    return SavedPlan.read(file);
  }

  private Planner.Planned now(DesiredState desired) {
    RemoteState remote = cloud.snapshot(desired);
    return new Planner.Planned(remote, Differ.diff(desired, remote, PlanOptions.defaults()));
  }

  @Test
  void anUnchangedAccountAndFilePass() throws IOException {
    cloud.environment("Production", "deployment");
    DesiredState desired = desired(dir, FILE);
    SavedPlan saved = save(desired);

    assertThatCode(
            () -> {
              SavedPlanCheck.requireSameFile(saved, desired, "http://fake/");
              SavedPlanCheck.requireSameObjects(
                  saved, desired, now(desired), PlanOptions.defaults(), "test");
            })
        .doesNotThrowAnyException();
    assertThat(saved.resources()).containsKeys("shop.environment.prod", "shop.environment.ci");
  }

  @Test
  void anObjectChangedSinceThePlanIsNamedWithTheFieldThatMoved() throws IOException {
    Environment prod = cloud.environment("Production", "deployment");
    DesiredState desired = desired(dir, FILE);
    SavedPlan saved = save(desired);
    cloud.byHand(prod.withCredentialsId(99L));

    assertThatThrownBy(
            () ->
                SavedPlanCheck.requireSameObjects(
                    saved, desired, now(desired), PlanOptions.defaults(), "test"))
        .isInstanceOf(DbtCloudFailure.class)
        .hasMessageContaining("is stale: 1 object(s) differ")
        .hasMessageContaining(
            "shop.environment.prod (id "
                + prod.id()
                + "): changed in dbt Cloud after the plan was"
                + " made (updated_at ")
        .hasMessageEndingWith(
            ": credentials_id\nNothing was written. Run 'mvn dbt:plan' again, review it, and apply"
                + " the new plan.");
  }

  @Test
  void anObjectCreatedSinceThePlanIsNamed() throws IOException {
    DesiredState desired = desired(dir, FILE);
    SavedPlan saved = save(desired);
    Environment ci = cloud.environment("CI", "deployment");

    assertThatThrownBy(
            () ->
                SavedPlanCheck.requireSameObjects(
                    saved, desired, now(desired), PlanOptions.defaults(), "test"))
        .hasMessageContaining(
            "shop.environment.ci (id "
                + ci.id()
                + "): now exists in dbt Cloud; it was created after"
                + " the plan was made");
  }

  @Test
  void aChangedFileIsRefusedBeforeDbtCloudIsRead() throws IOException {
    SavedPlan saved = save(desired(dir, FILE));
    DesiredState edited = desired(dir, FILE + "    jobs: {}\n");

    assertThatThrownBy(() -> SavedPlanCheck.requireSameFile(saved, edited, "http://fake/"))
        .hasMessageStartingWith("The desired state changed since the plan was made: [")
        .hasMessageContaining("Nothing was written.");
  }

  @Test
  void aPlanForAnotherHostIsRefused() throws IOException {
    DesiredState desired = desired(dir, FILE);
    SavedPlan saved = save(desired);

    assertThatThrownBy(
            () -> SavedPlanCheck.requireSameFile(saved, desired, "https://other.example/"))
        .hasMessageContaining(
            "was made against http://fake/, but this apply talks to https://other.example/");
  }

  @Test
  void aMissingPlanFileSaysHowToMakeOne() {
    assertThatThrownBy(() -> SavedPlan.read(dir.resolve("nope.json")))
        .hasMessageContaining("does not exist. Make it with 'mvn dbt:plan'");
  }
}
