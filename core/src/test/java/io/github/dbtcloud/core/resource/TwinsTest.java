package io.github.dbtcloud.core.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwinsTest {

  private final List<Long> deleted = new ArrayList<>();

  @Test
  void withoutATwinNothingIsDeletedAndNothingSaid() {
    Twins.Outcome out = Twins.resolve(12, () -> List.of(12L), deleted::add);

    assertThat(out.survivor()).isEqualTo(12);
    assertThat(out.detail()).isEmpty();
    assertThat(deleted).isEmpty();
  }

  @Test
  void theApplyWhoseObjectHasTheLowestIdKeepsItAndNamesTheTwin() {
    Twins.Outcome out = Twins.resolve(12, () -> List.of(13L, 12L), deleted::add);

    assertThat(out.survivor()).isEqualTo(12);
    assertThat(out.detail()).contains("twin").contains("[13]").contains("that apply deletes");
    assertThat(deleted).isEmpty();
  }

  @Test
  void theOtherApplyDeletesItsOwnAndCarriesOnWithTheSurvivor() {
    Twins.Outcome out = Twins.resolve(13, () -> List.of(12L, 13L), deleted::add);

    assertThat(out.survivor()).isEqualTo(12);
    assertThat(out.detail()).contains("deleted its own twin (id 13) and uses id 12");
    assertThat(deleted).containsExactly(13L);
  }

  @Test
  void bothAppliesPickTheSameSurvivorWhicheverChecksFirst() {
    List<Long> both = List.of(21L, 20L);
    long a = Twins.resolve(20, () -> both, deleted::add).survivor();
    long b = Twins.resolve(21, () -> both, deleted::add).survivor();

    assertThat(a).isEqualTo(b).isEqualTo(20);
    assertThat(deleted).containsExactly(21L);
  }

  @Test
  void aListingThatFailsLeavesTheCreateAsItIsAndSaysSo() {
    Twins.Outcome out =
        Twins.resolve(
            12,
            () -> {
              throw new DbtCloudApiException(503, "GET", "jobs/", "unavailable", null);
            },
            deleted::add);

    assertThat(out.survivor()).isEqualTo(12);
    assertThat(out.detail()).contains("could not look for a twin");
  }

  @Test
  void aTwinAlreadyGoneStillGivesTheSurvivor() {
    Twins.Outcome out =
        Twins.resolve(
            13,
            () -> List.of(12L, 13L),
            id -> {
              throw new DbtCloudApiException(404, "DELETE", "jobs/13/", "Not found.", null);
            });

    assertThat(out.survivor()).isEqualTo(12);
  }

  @Test
  void aDeleteThatFailsSaysToDeleteTheTwinByHand() {
    Twins.Outcome out =
        Twins.resolve(
            13,
            () -> List.of(12L, 13L),
            id -> {
              throw new DbtCloudApiException(403, "DELETE", "jobs/13/", "Forbidden", null);
            });

    assertThat(out.survivor()).isEqualTo(12);
    assertThat(out.detail()).contains("delete it by hand");
  }
}
