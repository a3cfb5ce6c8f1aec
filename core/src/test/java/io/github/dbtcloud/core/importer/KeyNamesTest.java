package io.github.dbtcloud.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.resource.Named;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

  @Test
  void derivesAKeyThatIsAlsoAValidMarkerFromAName() {
    assertThat(KeyNames.slug("Nightly build (prod) — v2!")).isEqualTo("nightly_build_prod_v2");
    assertThat(Marker.NAME.matcher(KeyNames.slug("Nightly build (prod) — v2!")).matches()).isTrue();
  }

  @Test
  void givesNamesThatCollideNumberedKeysInListingOrder() {
    assertThat(
            KeyNames.assign(
                "job",
                List.of(
                    new Named(1, "Nightly", null),
                    new Named(2, "nightly!", null),
                    new Named(3, "NIGHTLY", null))))
        .containsExactly(
            java.util.Map.entry(1L, "nightly"),
            java.util.Map.entry(2L, "nightly_2"),
            java.util.Map.entry(3L, "nightly_3"));
  }

  @Test
  void keepsTheKeyAnObjectAlreadyCarriesAndDerivesAroundIt() {
    assertThat(
            KeyNames.assign(
                "job", List.of(new Named(1, "Nightly", null), new Named(2, "Other", "nightly"))))
        .containsEntry(2L, "nightly")
        .containsEntry(1L, "nightly_2");
  }

  @Test
  void givesANameWithoutLettersOrAReservedWordTheKindsWord() {
    assertThat(
            KeyNames.assign(
                "environment", List.of(new Named(7, "???", null), new Named(8, "Project", null))))
        .containsEntry(7L, "environment_7")
        .containsEntry(8L, "project_environment");
  }
}
