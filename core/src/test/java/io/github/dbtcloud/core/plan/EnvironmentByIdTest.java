package io.github.dbtcloud.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.resource.ScopeException;
import io.github.dbtcloud.core.resource.environment.Environment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An environment written with only an id (as dbt-jobs-as-code files refer to them) is matched by
 * id, never renamed.
 */
class EnvironmentByIdTest {

  private static DesiredState desired(long environmentId) {
    EnvironmentSpec byId =
        EnvironmentSpec.builder().key("environment_70").id(environmentId).build();
    ProjectSpec project =
        new ProjectSpec(
            "shop", 7L, null, Map.of(byId.key(), byId), Map.of(), Map.of(), SourcePosition.NONE);
    return new DesiredState(
        1,
        new AccountSpec(1, null, SourcePosition.NONE),
        OwnershipSpec.defaults(),
        Map.of("shop", project),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        "");
  }

  private static Remote remote() {
    Environment prod =
        Environment.draft(1, 7).withName("Production").withDeploymentType("production");
    Map<String, Object> fields = new LinkedHashMap<>(prod.fields());
    fields.put("id", 70L);
    return new Remote(
        1,
        null,
        Map.of(
            "shop",
            new Remote.Listing(
                "shop",
                new Project(Map.of("id", 7L, "name", "Shop")),
                List.of(new Environment(fields)),
                List.of())));
  }

  @Test
  void matchesByIdAndLeavesTheNameAlone() {
    assertThat(Plans.diff(desired(70), remote()).isEmpty()).isTrue();
  }

  @Test
  void refusesAnIdTheProjectDoesNotHave() {
    assertThatThrownBy(() -> Plans.diff(desired(71), remote()))
        .isInstanceOf(ScopeException.class)
        .hasMessageEndingWith(
            "projects.shop.environments.environment_70: project shop (id 7) has no environment with"
                + " id 71; fix the id, or declare the environment by name so that it can be created");
  }
}
