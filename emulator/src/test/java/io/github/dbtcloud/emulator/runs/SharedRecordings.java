package io.github.dbtcloud.emulator.runs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded dbt Cloud responses from the read-only {@code ../shared}: the test skips when it is
 * absent on a developer's clone and fails in CI, where it must be present. (The emulator cannot use
 * core's test helper: it shares no classes with core.)
 */
final class SharedRecordings {

  private SharedRecordings() {}

  /** A recorded response, e.g. {@code run_get_response.json}, parsed. */
  static JsonNode recorded(String name) {
    String configured = System.getProperty("dbt.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    boolean present = Files.isDirectory(dir.resolve("fixtures"));
    boolean required =
        Boolean.getBoolean("dbt.shared.required") || "true".equals(System.getenv("CI"));
    if (!present && required) {
      fail("../shared is required in CI but was not found at " + dir.toAbsolutePath());
    }
    assumeTrue(present, "../shared not found at " + dir.toAbsolutePath() + "; skipping");
    try {
      return new ObjectMapper()
          .readTree(dir.resolve("fixtures/recorded-responses").resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
