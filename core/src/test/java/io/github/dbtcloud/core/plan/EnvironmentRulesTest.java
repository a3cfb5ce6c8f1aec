package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.desired;
import static io.github.dbtcloud.core.plan.Specs.env;
import static io.github.dbtcloud.core.plan.Specs.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import io.github.dbtcloud.core.resource.environment.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What dbt Cloud refuses of a project's environments is said at plan time, from the file and the
 * snapshot, before anything is written: a second production or development environment next to one
 * made in the UI, two environments of one name.
 */
class EnvironmentRulesTest {

  private static Environment remoteEnv(long id, String name, String type, String deploymentType) {
    Environment e =
        Environment.draft(Specs.ACCOUNT, Specs.PROJECT)
            .withName(name)
            .withType(type)
            .withDeploymentType(deploymentType);
    return new Environment(Specs.with(e.fields(), "id", id));
  }

  private static Plan plan(List<EnvironmentSpec> envs, List<Environment> remote) {
    return Plans.diff(
        desired(OwnershipSpec.defaults(), envs, List.of()), remote(remote, List.of()));
  }

  @Test
  void aSecondProductionEnvironmentNextToOneMadeInTheUiIsRefusedNamingBoth() {
    EnvironmentSpec prod2 = env("prod2", "Production EU", "deployment", "production");

    assertThatThrownBy(
            () ->
                plan(
                    List.of(prod2),
                    List.of(remoteEnv(70, "Production", "deployment", "production"))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageStartingWith("dbt Cloud would refuse this plan, so nothing was planned:")
        .hasMessageContaining(
            "project shop (id 7) can have only one production environment, but would have 2")
        .hasMessageContaining("prod2 at <none> (created by this plan)")
        .hasMessageContaining("\"Production\" (id 70, in dbt Cloud, not in the file)")
        .hasMessageContaining("Give all but one another deployment_type (staging)");
  }

  @Test
  void turningAStagingEnvironmentIntoProductionNextToAnotherIsRefused() {
    EnvironmentSpec staging = env("staging", "Staging", "deployment", "production");

    assertThatThrownBy(
            () ->
                plan(
                    List.of(staging),
                    List.of(
                        remoteEnv(70, "Production", "deployment", "production"),
                        remoteEnv(71, "Staging", "deployment", "staging"))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining("staging at <none> (id 71)");
  }

  @Test
  void aSecondDevelopmentEnvironmentIsRefused() {
    EnvironmentSpec dev = env("dev", "Dev 2", "development", null);

    assertThatThrownBy(
            () -> plan(List.of(dev), List.of(remoteEnv(60, "Development", "development", null))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining("can have only one development environment, but would have 2")
        .hasMessageContaining("Keep one development environment");
  }

  @Test
  void aRenameOntoTheNameOfAnotherEnvironmentIsRefused() {
    EnvironmentSpec renamed =
        EnvironmentSpec.builder().key("ci").id(72L).name("Staging").type("deployment").build();

    assertThatThrownBy(
            () ->
                plan(
                    List.of(renamed),
                    List.of(
                        remoteEnv(71, "Staging", "deployment", "staging"),
                        remoteEnv(72, "CI", "deployment", null))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining("would have 2 environments named \"Staging\"")
        .hasMessageContaining("ci at <none> (id 72)")
        .hasMessageContaining("\"Staging\" (id 71, in dbt Cloud, not in the file)");
  }

  @Test
  void takingOverTheProductionEnvironmentOfTheUiByItsNameIsFine() {
    EnvironmentSpec prod = env("prod", "Production", "deployment", "production");

    Plan plan =
        plan(
            List.of(prod),
            List.of(
                remoteEnv(70, "Production", "deployment", "production"),
                remoteEnv(60, "Development", "development", null)));

    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void aProblemOnlyInDbtCloudIsNotTheFilesToFix() {
    EnvironmentSpec staging = env("staging", "Staging", "deployment", "staging");

    Plan plan =
        plan(
            List.of(staging),
            List.of(
                remoteEnv(70, "Production", "deployment", "production"),
                remoteEnv(73, "Production 2", "deployment", "production"),
                remoteEnv(71, "Staging", "deployment", "staging")));

    assertThat(plan.isEmpty()).isTrue();
  }
}
