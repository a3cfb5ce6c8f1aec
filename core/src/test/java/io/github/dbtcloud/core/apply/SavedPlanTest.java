package io.github.dbtcloud.core.apply;

import static io.github.dbtcloud.core.apply.ApplyFixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.plan.PlanFile;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.environment.Environment;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {

  private static final String FILE =
      "    environments:\n"
          + "      prod: { name: Production, type: deployment, deployment_type: production }\n"
          + "      ci: { name: CI, type: deployment }\n";

  @TempDir Path dir;

  private final FakeDbtCloud cloud = new FakeDbtCloud();

  private Path file() {
    return dir.resolve("plan.json");
  }

  private PlanFile save(DesiredState desired) {
    planFile(desired).write(file());
    return PlanFile.read(file());
  }

  /** The plan.json of a plan made now. */
  private PlanFile planFile(DesiredState desired) {
    Snapshot snapshot = cloud.snapshot(desired);
    return PlanFile.of(
        new Planner().plan(desired, snapshot, PlanOptions.defaults()),
        snapshot,
        desired,
        PlanOptions.defaults(),
        "test",
        Instant.now());
  }

  @Test
  void anUnchangedAccountAndFilePass() {
    cloud.environment("Production", "deployment");
    DesiredState desired = desired(dir, FILE);
    PlanFile saved = save(desired);

    assertThatCode(
            () -> {
              saved.requireSameDesiredState(file(), desired, "http://fake/");
              saved.requireSameObjects(file(), planFile(desired));
            })
        .doesNotThrowAnyException();
    assertThat(saved.resources().stream().map(PlanFile.Entry::address))
        .contains("shop.environment.prod", "shop.environment.ci");
  }

  @Test
  void anObjectChangedSinceThePlanIsNamedWithTheFieldThatMoved() {
    Environment prod = cloud.environment("Production", "deployment");
    DesiredState desired = desired(dir, FILE);
    PlanFile saved = save(desired);
    cloud.byHand(prod.withCredentialsId(99L));

    assertThatThrownBy(() -> saved.requireSameObjects(file(), planFile(desired)))
        .isInstanceOf(DbtCloudException.class)
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
  void anObjectCreatedSinceThePlanIsNamed() {
    DesiredState desired = desired(dir, FILE);
    PlanFile saved = save(desired);
    Environment ci = cloud.environment("CI", "deployment");

    assertThatThrownBy(() -> saved.requireSameObjects(file(), planFile(desired)))
        .hasMessageContaining(
            "shop.environment.ci (id "
                + ci.id()
                + "): now exists in dbt Cloud; it was created after"
                + " the plan was made");
  }

  @Test
  void aChangedFileIsRefusedBeforeDbtCloudIsRead() {
    PlanFile saved = save(desired(dir, FILE));
    DesiredState edited = desired(dir, FILE + "    jobs: {}\n");

    assertThatThrownBy(() -> saved.requireSameDesiredState(file(), edited, "http://fake/"))
        .hasMessageStartingWith("The desired state changed since the plan was made: [")
        .hasMessageContaining("Nothing was written.");
  }

  @Test
  void aPlanForAnotherHostIsRefused() {
    DesiredState desired = desired(dir, FILE);
    PlanFile saved = save(desired);

    assertThatThrownBy(
            () -> saved.requireSameDesiredState(file(), desired, "https://other.example/"))
        .hasMessageContaining(
            "was made against http://fake/, but this apply talks to https://other.example/");
  }

  @Test
  void aMissingPlanFileSaysHowToMakeOne() {
    assertThatThrownBy(() -> PlanFile.read(dir.resolve("nope.json")))
        .hasMessageContaining("does not exist. Make it with 'mvn dbt:plan'");
  }
}
