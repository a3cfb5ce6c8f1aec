package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireTimesTest {

  @Test
  void readsTheJobFormWithAT() {
    assertThat(WireTimes.parse("2021-11-18T15:19:03.185668+00:00")).hasToString("2021-11-18T15:19:03.185668Z");
  }

  @Test
  void readsTheRunFormWithASpace() {
    assertThat(WireTimes.parse("2021-12-07 10:32:24.326116+00:00")).hasToString("2021-12-07T10:32:24.326116Z");
  }

  @Test
  void readsOffsetsZuluAndMissingFractions() {
    assertThat(WireTimes.parse("2021-12-07T12:32:24+02:00")).hasToString("2021-12-07T10:32:24Z");
    assertThat(WireTimes.parse("2021-12-07T10:32:24Z")).hasToString("2021-12-07T10:32:24Z");
  }

  @Test
  void readsNullAndBlankAsNull() {
    assertThat(WireTimes.parse(null)).isNull();
    assertThat(WireTimes.parse(" ")).isNull();
    assertThat(WireTimes.parseOrNull(42L)).isNull();
  }

  @Test
  void refusesSomethingThatIsNotATimestampSayingWhat() {
    assertThatThrownBy(() -> WireTimes.parse("yesterday")).hasMessageContaining("'yesterday'");
    assertThat(WireTimes.parseOrNull("yesterday")).isNull();
  }
}
