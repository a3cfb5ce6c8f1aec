package io.github.dbtcloud.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheUnitsUsersWrite() {
    assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("90", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("45m", "x")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Durations.parse(" 2h ", "x")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("PT1M30S", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("", "x")).isNull();
  }

  @Test
  void readsTheSameCompoundTextInTheFileAndOnTheCommandLine() {
    assertThat(Durations.parse("1h30m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1m 30s", "x")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.read("2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.read("pt45m")).isEqualTo(Duration.ofMinutes(45));
    assertThat(Durations.read("1h30")).isNull();
    assertThat(Durations.read("m5")).isNull();
    assertThat(Durations.read("PT")).isNull();
  }

  @Test
  void writesADurationBackAsAUserWouldWriteIt() {
    assertThat(Durations.compact(Duration.ofMinutes(45))).isEqualTo("45m");
    assertThat(Durations.compact(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.compact(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.compact(Duration.ofMillis(500))).isEqualTo("500ms");
  }

  @Test
  void namesTheSettingAndTheBadValue() {
    assertThatThrownBy(() -> Durations.parse("ten minutes", "dbt.verify.timeout"))
        .hasMessage(
            "dbt.verify.timeout: 'ten minutes' is not a duration; write e.g. 500ms, 90s, 45m, 1h30m or 2h");
  }

  @Test
  void formatsShortAndUnambiguously() {
    assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850 ms");
    assertThat(Durations.format(Duration.ofMillis(3210))).isEqualTo("3.2 s");
    assertThat(Durations.format(Duration.ofSeconds(65))).isEqualTo("1m 05s");
    assertThat(Durations.format(Duration.ofMinutes(62))).isEqualTo("1h 02m");
  }
}
