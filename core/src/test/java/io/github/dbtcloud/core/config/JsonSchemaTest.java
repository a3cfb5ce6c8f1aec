package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/dbt-cloud.schema.json stays in step with the loader: every section declares exactly the keys
 * the loader accepts, the sample files validate, and broken files the schema can judge are refused.
 */
class JsonSchemaTest {

  /** The schema as shipped (the plugin jar copies it from docs/). */
  static final Path SCHEMA = Path.of("..", "docs", "dbt-cloud.schema.json");

  private static JsonNode schemaTree;
  private static Schema schema;

  @BeforeAll
  static void load() throws IOException {
    String text = Files.readString(SCHEMA);
    schemaTree = new ObjectMapper().readTree(text);
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
  }

  private static List<Error> validate(Path file) throws IOException {
    return schema.validate(Files.readString(file), InputFormat.YAML);
  }

  @Test
  void declaresExactlyTheKeysTheLoaderAcceptsInEverySection() {
    JsonNode defs = schemaTree.get("$defs");
    for (Map.Entry<String, Set<String>> section : Keys.SECTIONS.entrySet()) {
      JsonNode def = defs.get(section.getKey());
      assertThat(def).as("$defs/%s", section.getKey()).isNotNull();
      JsonNode properties =
          def.has("properties") ? def.get("properties") : objectBranch(def).get("properties");
      Set<String> declared = new LinkedHashSet<>();
      properties.fieldNames().forEachRemaining(declared::add);
      assertThat(declared)
          .as("keys of $defs/%s", section.getKey())
          .containsExactlyInAnyOrderElementsOf(section.getValue());
    }
  }

  @Test
  void namesTheSameFieldsForIgnoreChangesAsTheLoader() {
    JsonNode defs = schemaTree.get("$defs");
    assertThat(enumOf(defs.at("/job/properties/ignore_changes/items/enum")))
        .containsExactlyInAnyOrderElementsOf(Keys.JOB_IGNORABLE);
    assertThat(enumOf(defs.at("/environment/properties/ignore_changes/items/enum")))
        .containsExactlyInAnyOrderElementsOf(Keys.ENVIRONMENT_IGNORABLE);
  }

  @Test
  void acceptsTheCompleteExampleAndTheQuickstartSample() throws IOException {
    assertThat(validate(ConfigFixtures.resource("valid/complete.yml"))).isEmpty();
    assertThat(validate(Path.of("..", "samples", "quickstart", "dbt-cloud.yml"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown-key-typo",
        "unknown-key-no-suggestion",
        "wrong-type-threads",
        "project-id-and-name",
        "project-without-id-or-name",
        "environment-type-typo",
        "cron-four-fields",
        "cron-and-structured",
        "hours-and-interval",
        "hours-out-of-range",
        "env-var-lower-case",
        "env-var-without-prefix",
        "job-key-not-marker-safe",
        "completion-bad-status",
        "completion-job-id-without-project-id",
        "cost-feature-typo",
        "missing-execute-steps",
        "empty-execute-steps",
        "step-not-dbt",
        "threads-zero",
        "unsupported-version",
        "missing-account",
        "namespace-not-marker-safe",
        "defer-to-environment-and-job",
        "environment-key-project",
        "ignore-changes-unknown-field",
        "semantic-layer-mistakes",
        "steps-as-mapping",
        "ownership-marker-typo"
      })
  void refusesBrokenFilesWhoseMistakeIsStructural(String name) throws IOException {
    assertThat(validate(ConfigFixtures.resource("broken/" + name + ".yml"))).as(name).isNotEmpty();
  }

  private static JsonNode objectBranch(JsonNode def) {
    for (JsonNode branch : def.get("anyOf")) {
      if (branch.has("properties")) {
        return branch;
      }
    }
    throw new AssertionError("no object branch");
  }

  private static Set<String> enumOf(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
