package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * A token is one word: trimmed, and refused with what to write when it carries a scheme or a break.
 */
class ApiTokenTest {

  private static final String TOKEN = "dbtc_secret_token_value";

  @Test
  void trimsWhitespaceAroundTheToken() {
    assertThat(new ApiToken("  " + TOKEN + "\n").value()).isEqualTo(TOKEN);
  }

  @Test
  void refusesABearerSchemeSayingWhatToWrite() {
    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> new ApiToken("Bearer " + TOKEN));

    assertThat(e)
        .hasMessageContaining("starts with 'Bearer '")
        .hasMessageContaining("give the token alone");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void refusesATokenSchemeInAnyCase() {
    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> new ApiToken("token " + TOKEN));

    assertThat(e).hasMessageContaining("starts with 'token '");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void refusesALineBreakInsideTheToken() {
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class, () -> new ApiToken("dbtc_abc\ndef_more"));

    assertThat(e).hasMessageContaining("a line break inside it (character 9 of 17)");
    assertThat(e.getMessage()).doesNotContain("dbtc_abc");
  }

  @Test
  void acceptsATokenThatMerelyStartsWithTheWordToken() {
    assertThat(new ApiToken("tokenabc123").value()).isEqualTo("tokenabc123");
  }
}
