package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  @Test
  void readsDbtCloudsSpellingsByHandAndAsTheFormatterDoes() {
    for (String s :
        List.of(
            "2021-11-18T15:19:03.185668+00:00",
            "2021-12-07 10:32:24.326116+00:00",
            "2021-12-07T12:32:24+02:00",
            "2021-12-07T10:32:24Z",
            "2021-12-07 10:32:24",
            "2021-12-07T10:32:24.1-0530",
            "2024-02-29T23:59:59.999999999+18:00")) {
      assertThat(WireTimes.quick(s)).as(s).isNotNull().isEqualTo(WireTimes.formatted(s));
    }
  }

  @Test
  void leavesEveryOtherSpellingToTheFormatter() {
    List<String> odd =
        new ArrayList<>(
            List.of(
                "2021-02-29T10:32:24Z",
                "2021-13-01T10:32:24Z",
                "2021-12-07T24:00:00Z",
                "2021-12-07T23:59:60Z",
                "2021-12-07T10:32Z",
                "2021-12-07T10:32:24.Z",
                "2021-12-07T10:32:24.1234567890Z",
                "2021-12-07T10:32:24+19:00",
                "2021-12-07T10:32:24+02",
                "2021-12-07T10:32:24z",
                "2021-12-0710:32:24",
                "2021-12-07T 10:32:24",
                "+2021-12-07T10:32:24Z",
                "2021-12-07T10:32:24+0a:00"));
    // Random damage to a real timestamp: whatever the quick path accepts, the formatter reads the
    // same; whatever it refuses goes to the formatter.
    Random random = new Random(42);
    String base = "2021-11-18T15:19:03.185668+00:00";
    String alphabet = "0123456789-:.TZ+ z";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder(base);
      for (int k = random.nextInt(3); k >= 0; k--) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> b.deleteCharAt(at);
          default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      odd.add(b.toString());
    }
    for (String s : odd) {
      java.time.Instant quick = WireTimes.quick(s);
      if (quick != null) {
        assertThat(quick).as(s).isEqualTo(WireTimes.formatted(s));
      }
      assertThat(WireTimes.instant(s)).as(s).isEqualTo(WireTimes.formatted(s.trim()));
    }
  }
}
