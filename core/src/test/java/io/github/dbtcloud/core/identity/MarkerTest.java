package io.github.dbtcloud.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkerTest {

  @Test
  void findsAKeyAtTheEndOfADescription() {
    assertThat(Marker.find("Nightly build of marts [[nightly]]"))
        .contains(new Marker(null, "nightly"));
  }

  @Test
  void findsANamespacedKey() {
    assertThat(Marker.find("[[analytics/nightly]]")).contains(new Marker("analytics", "nightly"));
  }

  @Test
  void ignoresAMarkerThatIsNotAtTheEnd() {
    assertThat(Marker.find("[[nightly]] and more text")).isEmpty();
  }

  @Test
  void appendingReplacesAnExistingMarker() {
    assertThat(new Marker(null, "b").appendTo("text [[a]]")).isEqualTo("text [[b]]");
    assertThat(new Marker("ns", "b").appendTo("")).isEqualTo("[[ns/b]]");
  }

  @Test
  void roundTripsThroughTheDescription() {
    Marker marker = new Marker("team-a", "job.v2_x");
    assertThat(Marker.find(marker.appendTo("desc"))).contains(marker);
  }

  @Test
  void refusesAKeyThatCannotRoundTrip() {
    assertThatThrownBy(() -> new Marker(null, "has space")).hasMessageContaining("'has space'");
  }

  @Test
  void readsAndWritesAFingerprint() {
    Marker marker = new Marker("analytics", "nightly", "ab12cd");
    assertThat(marker.text()).isEqualTo("[[analytics/nightly#ab12cd]]");
    assertThat(Marker.find("Builds. [[analytics/nightly#ab12cd]]")).contains(marker);
  }

  @Test
  void readsAMarkerWrittenBeforeFingerprintsExisted() {
    assertThat(Marker.find("[[nightly]]"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.fingerprint()).isNull();
              assertThat(m.sameIdentity(new Marker(null, "nightly", "ab12cd"))).isTrue();
            });
  }

  @Test
  void aMalformedFingerprintIsNoMarker() {
    assertThat(Marker.find("[[nightly#XYZ]]")).isEmpty();
    assertThatThrownBy(() -> new Marker(null, "nightly", "12"))
        .hasMessageContaining("six lower-case hex digits");
  }

  @Test
  void looksInTheDescriptionFirstThenInTheName() {
    assertThat(Marker.findIn("d [[a]]", "n [[b]]")).map(Marker::key).contains("a");
    assertThat(Marker.findIn("plain", "Nightly [[b#0a0b0c]]")).map(Marker::key).contains("b");
    assertThat(Marker.findIn("", "plain")).isEmpty();
  }

  @Test
  void readsTheIdentifierDbtJobsAsCodeWritesAtTheEndOfAName() {
    assertThat(Marker.find("Daily Job [[daily_job_prod]]"))
        .contains(new Marker(null, "daily_job_prod"));
    assertThat(Marker.findIn("", "Daily Job [[daily_job_prod]]"))
        .contains(new Marker(null, "daily_job_prod"));
  }

  @Test
  void readsADbtJobsAsCodeIdentifierWithAnImportFilterAsTheSameMarker() {
    assertThat(Marker.find("Nightly [[prod:nightly]]")).contains(new Marker(null, "nightly"));
    assertThat(Marker.find("Nightly [[*:nightly]]")).contains(new Marker(null, "nightly"));
    assertThat(Marker.find("Nightly [[:nightly]]")).contains(new Marker(null, "nightly"));
    assertThat(Marker.find("Nightly [[team-a_2:nightly-run_1]]"))
        .contains(new Marker(null, "nightly-run_1"));
    assertThat(Marker.findIn("Builds everything.", "Nightly [[prod:nightly]]"))
        .contains(new Marker(null, "nightly"));
  }

  @Test
  void aDbtJobsAsCodeIdentifierIsStrippedAndReplacedByThisForm() {
    assertThat(Marker.strip("Nightly [[prod:nightly]]")).isEqualTo("Nightly");
    assertThat(new Marker(null, "nightly").appendTo("Nightly [[prod:nightly]]"))
        .isEqualTo("Nightly [[nightly]]");
    assertThat(new Marker("analytics", "nightly", "ab12cd").appendTo("Nightly [[*:nightly]]"))
        .isEqualTo("Nightly [[analytics/nightly#ab12cd]]");
  }

  @Test
  void readsNoIdentifierDbtJobsAsCodeWouldRefuseOrThatIsNotAtTheEnd() {
    assertThat(Marker.find("Nightly [[a:b:c]]")).as("two colons").isEmpty();
    assertThat(Marker.find("Nightly [[prod:night.ly]]")).as("a dot after the filter").isEmpty();
    assertThat(Marker.find("Nightly [[prod:]]")).as("no identifier").isEmpty();
    assertThat(Marker.find("[[prod:nightly]] Nightly")).as("not at the end").isEmpty();
    assertThat(Marker.strip("[[prod:nightly]] Nightly")).isEqualTo("[[prod:nightly]] Nightly");
  }

  @Test
  void parsesThePlacementTheBuildNames() {
    assertThat(MarkerPlacement.parse("name")).isEqualTo(MarkerPlacement.NAME);
    assertThat(MarkerPlacement.parse(null)).isEqualTo(MarkerPlacement.DESCRIPTION);
    assertThatThrownBy(() -> MarkerPlacement.parse("title"))
        .hasMessageContaining("'title'")
        .hasMessageContaining("description or name");
  }

  @Test
  void aProtectedMarkerSaysSoAndKeepsItsIdentity() {
    Marker marker = new Marker("analytics", "nightly", "ab12cd", true);
    assertThat(marker.text()).isEqualTo("[[analytics/nightly#ab12cd protected]]");
    assertThat(Marker.find("Builds. [[analytics/nightly#ab12cd protected]]")).contains(marker);
    assertThat(Marker.find("[[nightly protected]]"))
        .contains(new Marker(null, "nightly").withProtect(true));
    assertThat(marker.sameIdentity(new Marker("analytics", "nightly"))).isTrue();
    assertThat(marker.withFingerprint("000000").protect()).isTrue();
    assertThat(Marker.strip("Builds. [[nightly#ab12cd protected]]")).isEqualTo("Builds.");
  }
}
