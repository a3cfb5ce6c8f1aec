package io.github.dbtcloud.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseHolderTest {

  private static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");

  @Test
  void itsValueReadsAsTextAndParsesBack() {
    LeaseHolder h =
        new LeaseHolder("abc", NOW.plusSeconds(120), NOW, "ci@runner 7", 42, "com.acme:x 1.0");

    assertThat(h.value())
        .isEqualTo(
            "lease abc until 2026-12-05T07:02:00Z; since 2026-12-05T07:00:00Z;"
                + " by ci@runner_7 pid 42; build com.acme:x 1.0");
    assertThat(LeaseHolder.parse(h.value())).contains(h);
  }

  @Test
  void aBuildNameWithSemicolonsOrNewlinesStaysOneParsableLine() {
    LeaseHolder h = new LeaseHolder("abc", NOW, NOW, "u@h", 1, "a;b\nc");

    assertThat(LeaseHolder.parse(h.value()).orElseThrow().build()).isEqualTo("a b c");
  }

  @Test
  void anythingElseDoesNotParse() {
    assertThat(LeaseHolder.parse("held by bob")).isEmpty();
    assertThat(LeaseHolder.parse(null)).isEmpty();
    assertThat(LeaseHolder.parse("lease a until never; since x; by u pid 1; build b")).isEmpty();
  }

  @Test
  void itExpiresAtItsUntil() {
    LeaseHolder h = new LeaseHolder("abc", NOW, NOW.minusSeconds(9), "u@h", 1, "b");

    assertThat(h.expiredAt(NOW.minusMillis(1))).isFalse();
    assertThat(h.expiredAt(NOW)).isTrue();
  }

  @Test
  void namesTheCiRunWhenTheCiServerGivesOne() {
    LeaseHolder h =
        LeaseHolder.of(
            "com.acme:x 1",
            Map.of("GITHUB_RUN_ID", "77", "GITHUB_REPOSITORY", "acme/x", "HOSTNAME", "runner"),
            NOW,
            NOW);

    assertThat(h.build()).isEqualTo("com.acme:x 1 (https://github.com/acme/x/actions/runs/77)");
    assertThat(h.who()).endsWith("@runner");
    assertThat(h.id()).isNotBlank();
  }
}
