package io.github.dbtcloud.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar carries the desired-state JSON Schema, identical to docs/dbt-cloud.schema.json.
 */
class SchemaResourceTest {

  @Test
  void shipsTheDocsSchemaInTheJar() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/dbt-cloud/dbt-cloud.schema.json")) {
      assertThat(in)
          .as("META-INF/dbt-cloud/dbt-cloud.schema.json on the plugin's classpath")
          .isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(Path.of("..", "docs", "dbt-cloud.schema.json")));
    }
  }
}
