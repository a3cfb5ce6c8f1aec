package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticLayerUrlsTest {

  private static URI derive(String adminHost) {
    return SemanticLayerUrls.derive(ClientSettings.normalise(adminHost));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // cell-based account URLs, every documented cell
    "ab123.us1.dbt.com,               https://ab123.semantic-layer.us1.dbt.com/api/graphql",
    "https://ab123.eu1.dbt.com/api,   https://ab123.semantic-layer.eu1.dbt.com/api/graphql",
    "AB123.AU1.DBT.COM,               https://ab123.semantic-layer.au1.dbt.com/api/graphql",
    "xy9.jp1.dbt.com,                 https://xy9.semantic-layer.jp1.dbt.com/api/graphql",
    "xy9.us2.dbt.com,                 https://xy9.semantic-layer.us2.dbt.com/api/graphql",
    "xy9.eu4.dbt.com/api/v2/,         https://xy9.semantic-layer.eu4.dbt.com/api/graphql",
    // legacy multi-tenant hosts
    "cloud.getdbt.com,                https://semantic-layer.cloud.getdbt.com/api/graphql",
    "https://emea.dbt.com,            https://semantic-layer.emea.dbt.com/api/graphql",
    "au.dbt.com,                      https://semantic-layer.au.dbt.com/api/graphql",
    // single tenant: semantic-layer. before the access URL (the docs' example: ABC123.getdbt.com)
    "ABC123.getdbt.com,               https://semantic-layer.abc123.getdbt.com/api/graphql",
    "cloud.acme.getdbt.com,           https://semantic-layer.cloud.acme.getdbt.com/api/graphql",
  })
  void derivesTheSemanticLayerHostFromTheAdminHost(String admin, String expected) {
    assertThat(derive(admin)).hasToString(expected);
  }

  @Test
  void keepsHostAndPortForTheLocalEmulator() {
    assertThat(derive("http://127.0.0.1:54321")).hasToString("http://127.0.0.1:54321/api/graphql");
    assertThat(derive("http://localhost:8080/api"))
        .hasToString("http://localhost:8080/api/graphql");
  }

  @Test
  void doesNotMistakeAHostWithoutACellForACellHost() {
    assertThat(derive("ab123.usx.dbt.com"))
        .hasToString("https://semantic-layer.ab123.usx.dbt.com/api/graphql");
  }

  @Test
  void takesAnOverrideAsAHostOrAsAFullUrl() {
    assertThat(SemanticLayerUrls.override("ab123.semantic-layer.us1.dbt.com"))
        .hasToString("https://ab123.semantic-layer.us1.dbt.com/api/graphql");
    assertThat(SemanticLayerUrls.override("https://sl.example.com/custom/graphql"))
        .hasToString("https://sl.example.com/custom/graphql");
    assertThat(SemanticLayerUrls.override("http://127.0.0.1:9000/"))
        .hasToString("http://127.0.0.1:9000/api/graphql");
  }

  @Test
  void refusesAPlainHttpOverrideOffLoopback() {
    assertThatThrownBy(() -> SemanticLayerUrls.override("http://ab123.semantic-layer.us1.dbt.com"))
        .hasMessageContaining("does not use https");
  }
}
