package io.github.dbtcloud.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkerTest {

  @Test
  void findsAKeyAtTheEndOfADescription() {
    assertThat(Marker.find("Nightly build of marts [[nightly]]")).contains(new Marker(null, "nightly"));
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
}
