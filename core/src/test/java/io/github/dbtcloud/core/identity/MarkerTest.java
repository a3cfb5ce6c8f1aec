package io.github.dbtcloud.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
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

  @Test
  void findsAndStripsAsThePatternsSearchingTheWholeTextDo() {
    String[] anywhere = {"[[", "]]", "]", "[", "nightly", "[[x]]", "x", " ", "\t", "\u00a0", "\n"};
    String[][] marker = {
      {"[["},
      {"", "ns/", "a.b/"},
      {"nightly", "*:id", "dbt:x-1", ""},
      {"", "#ab12cd", "#AB12CD"},
      {"", " protected"},
      {"]]", "]"}
    };
    String[] after = {
      " ", "\t", "\n", "\r\n", "\r", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "x"
    };
    Random random = new Random(31);
    int markers = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(4); k > 0; k--) {
        text.append(anywhere[random.nextInt(anywhere.length)]);
      }
      if (random.nextBoolean()) {
        for (String[] part : marker) {
          text.append(part[random.nextInt(part.length)]);
        }
      }
      for (int k = random.nextInt(4); k > 0; k--) {
        text.append(after[random.nextInt(after.length)]);
      }
      String t = text.toString();
      boolean matches =
          Marker.AT_END.matcher(t).find() || Marker.JOBS_AS_CODE_AT_END.matcher(t).find();
      if (matches) {
        markers++;
      }
      assertThat(Marker.find(t)).as(t).isEqualTo(findOverTheWholeText(t));
      assertThat(Marker.strip(t)).as(t).isEqualTo(stripOverTheWholeText(t));
      if (!Marker.mayEndWithMarker(t)) {
        assertThat(matches).as(t).isFalse();
        assertThat(Marker.strip(t)).as(t).isSameAs(t);
      }
    }
    assertThat(markers).isGreaterThan(1_000);
  }

  @Test
  void aMarkerBeforeALineTerminatorEndingTheTextIsFoundAsThePatternFindsIt() {
    for (String end : new String[] {"\n", "\r\n", "\u0085", "\u2028", "\u2029", " \u2028"}) {
      assertThat(Marker.find("Builds. [[nightly]]" + end))
          .as(end)
          .contains(new Marker(null, "nightly"));
    }
    assertThat(Marker.find("Builds. [[nightly]]\u2028 ")).isEmpty();
  }

  @Test
  void namesAndFingerprintsAreCheckedAsTheirPatternsCheckThem() {
    String alphabet = "aZ09_.-/# é:*\u0000[";
    Random random = new Random(37);
    for (int n = 0; n < 50_000; n++) {
      char[] chars = new char[random.nextInt(8)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String text = new String(chars);
      assertThat(Marker.isName(text)).as(text).isEqualTo(Marker.NAME.matcher(text).matches());
    }
    String hex = "0123456789abcdefABg";
    for (int n = 0; n < 50_000; n++) {
      char[] chars = new char[4 + random.nextInt(4)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = hex.charAt(random.nextInt(hex.length()));
      }
      String text = new String(chars);
      assertThat(Marker.isFingerprint(text))
          .as(text)
          .isEqualTo(Marker.FINGERPRINT.matcher(text).matches());
    }
  }

  /** The search as it was: each pattern over the whole text. */
  private static java.util.Optional<Marker> findOverTheWholeText(String text) {
    java.util.regex.Matcher m = Marker.AT_END.matcher(text);
    if (m.find()) {
      return java.util.Optional.of(
          new Marker(m.group(1), m.group(2), m.group(3), m.group(4) != null));
    }
    java.util.regex.Matcher jobsAsCode = Marker.JOBS_AS_CODE_AT_END.matcher(text);
    return jobsAsCode.find()
        ? java.util.Optional.of(new Marker(null, jobsAsCode.group(1)))
        : java.util.Optional.empty();
  }

  private static String stripOverTheWholeText(String text) {
    java.util.regex.Matcher m = Marker.AT_END.matcher(text);
    return m.find()
        ? m.replaceFirst("")
        : Marker.JOBS_AS_CODE_AT_END.matcher(text).replaceFirst("");
  }
}
