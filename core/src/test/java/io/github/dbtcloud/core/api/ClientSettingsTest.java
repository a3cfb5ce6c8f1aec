package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientSettingsTest {

  @Test
  void addsHttpsAndStripsApiSuffixes() {
    assertThat(ClientSettings.normalise("ab123.us1.dbt.com"))
        .hasToString("https://ab123.us1.dbt.com/");
    assertThat(ClientSettings.normalise("https://ab123.us1.dbt.com/api/v2/"))
        .hasToString("https://ab123.us1.dbt.com/");
    assertThat(ClientSettings.normalise("https://cloud.getdbt.com/api"))
        .hasToString("https://cloud.getdbt.com/");
  }

  @Test
  void allowsPlainHttpOnlyOnLoopback() {
    assertThat(ClientSettings.normalise("http://127.0.0.1:8080"))
        .hasToString("http://127.0.0.1:8080/");
    assertThatThrownBy(() -> ClientSettings.normalise("http://ab123.us1.dbt.com"))
        .hasMessageContaining("does not use https");
  }

  @Test
  void refusesAMissingHostSayingWhereToSetIt() {
    assertThatThrownBy(() -> ClientSettings.normalise(null))
        .hasMessageContaining("account.host")
        .hasMessageContaining("dbt.baseUrl")
        .hasMessageContaining("no default host");
  }
}
