package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WireTimesTest {

  @Test
  void readsTheJobFormWithAT() {
    assertThat(WireTimes.instant("2021-11-18T15:19:03.185668+00:00"))
        .hasToString("2021-11-18T15:19:03.185668Z");
  }

  @Test
  void readsTheRunFormWithASpace() {
    assertThat(WireTimes.instant("2021-12-07 10:32:24.326116+00:00"))
        .hasToString("2021-12-07T10:32:24.326116Z");
  }

  @Test
  void readsOffsetsZuluMissingFractionsAndMissingOffsets() {
    assertThat(WireTimes.instant("2021-12-07T12:32:24+02:00")).hasToString("2021-12-07T10:32:24Z");
    assertThat(WireTimes.instant("2021-12-07T10:32:24Z")).hasToString("2021-12-07T10:32:24Z");
    assertThat(WireTimes.instant("2021-12-07 10:32:24")).hasToString("2021-12-07T10:32:24Z");
  }

  @Test
  void readsNullBlankAndGarbageAsNull() {
    assertThat(WireTimes.instant(null)).isNull();
    assertThat(WireTimes.instant(" ")).isNull();
    assertThat(WireTimes.instant(42L)).isNull();
    assertThat(WireTimes.instant("yesterday")).isNull();
  }

  @Test
  void readsBothDurationForms() {
    assertThat(WireTimes.duration("00:01:50")).isEqualTo(Duration.ofSeconds(110));
    assertThat(WireTimes.duration("110.0")).isEqualTo(Duration.ofSeconds(110));
  }
}
