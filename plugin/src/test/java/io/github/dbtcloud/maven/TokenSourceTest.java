package io.github.dbtcloud.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The token from the environment: trimmed, and refused with where it came from and what to write.
 */
class TokenSourceTest {

  private static final String TOKEN = "dbtc_it_token_0123456789";

  private static TokenSource environment(String value) {
    return new TokenSource(null, Map.of(PropertyNames.TOKEN_ENV, value));
  }

  @Test
  void trimsATrailingNewlineFromTheEnvironmentVariable() throws MojoFailureException {
    assertThat(environment(TOKEN + "\n").resolve(null, "dbt-cloud").value()).isEqualTo(TOKEN);
  }

  @Test
  void refusesABearerTokenNamingTheVariableAndWithoutShowingIt() {
    MojoFailureException e =
        catchThrowableOfType(
            MojoFailureException.class,
            () -> environment("Bearer " + TOKEN).resolve(null, "dbt-cloud"));

    assertThat(e)
        .hasMessageStartingWith(
            "the environment variable DBT_CLOUD_API_TOKEN: the API token starts"
                + " with 'Bearer '");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void refusesALineBreakInsideTheToken() {
    MojoFailureException e =
        catchThrowableOfType(
            MojoFailureException.class,
            () -> environment("dbtc_it_token\n0123456789").resolve(null, "dbt-cloud"));

    assertThat(e).hasMessageContaining("a line break inside it");
    assertThat(e.getMessage()).doesNotContain("0123456789");
  }
}
