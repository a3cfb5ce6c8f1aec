package io.github.dbtcloud.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.identity.MarkerPlacement;
import org.junit.jupiter.api.Test;

class PlanParametersTest {

  @Test
  void aMarkerPlacementNotGivenLetsTheFileDecide() {
    assertThat(PlanParameters.options(null, null, null, null, false).markerPlacement()).isNull();
    assertThat(PlanParameters.options(null, null, " ", null, false).markerPlacement()).isNull();
  }

  @Test
  void anExplicitMarkerPlacementOverridesTheFile() {
    assertThat(PlanParameters.options(null, null, "name", null, false).markerPlacement())
        .isEqualTo(MarkerPlacement.NAME);
    assertThat(PlanParameters.options(null, null, "description", null, false).markerPlacement())
        .isEqualTo(MarkerPlacement.DESCRIPTION);
  }

  @Test
  void anUnknownMarkerPlacementIsRefusedNamingTheValues() {
    assertThatThrownBy(() -> PlanParameters.options(null, null, "title", null, false))
        .hasMessageContaining("'title' is not a marker placement; use description or name");
  }

  @Test
  void splitsTheListsAtCommasIgnoringBlanks() {
    assertThat(PlanParameters.options("shop, finance,", "nightly", null, "DBT_ENV_SECRET_A", true))
        .satisfies(
            o -> {
              assertThat(o.projects()).containsExactlyInAnyOrder("shop", "finance");
              assertThat(o.jobs()).containsExactly("nightly");
              assertThat(o.rotateSecrets()).containsExactly("DBT_ENV_SECRET_A");
              assertThat(o.allowEmptyProject()).isTrue();
            });
  }
}
