package io.github.dbtcloud.core.resource.job;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JobFormsTest {

  @Test
  void collapsesEachRunOfWhitespaceIntoOneSpace() {
    assertThat(JobForms.oneSpaced("dbt  build\t--select\n\r tag:nightly"))
        .isEqualTo("dbt build --select tag:nightly");
    assertThat(JobForms.oneSpaced("dbt\u000Bbuild\f-x")).isEqualTo("dbt build -x");
  }

  @Test
  void returnsTheSameTextWhenNothingChanges() {
    String step = "dbt build --select state:modified+";
    assertThat(JobForms.oneSpaced(step)).isSameAs(step);
  }

  @Test
  void leavesUnicodeSpacesAsTheRegexDid() {
    // \s without UNICODE_CHARACTER_CLASS is ASCII only: a no-break space is kept as it is
    assertThat(JobForms.oneSpaced("dbt\u00A0 build")).isEqualTo("dbt\u00A0 build");
  }

  @Property(tries = 2000)
  void givesWhatTheRegexGives(@ForAll("spacedTexts") String text) {
    assertThat(JobForms.oneSpaced(text)).isEqualTo(text.replaceAll("\\s+", " "));
  }

  @Provide
  Arbitrary<String> spacedTexts() {
    return Arbitraries.strings()
        .withChars(" \t\n\u000B\f\r\u00A0\u2028ab-:+")
        .ofMinLength(0)
        .ofMaxLength(24);
  }
}
