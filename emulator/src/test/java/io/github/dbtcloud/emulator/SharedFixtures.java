package io.github.dbtcloud.emulator;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference material the emulator's fidelity is checked against: the official OpenAPI specs
 * (https://github.com/dbt-labs/dbt-cloud-openapi-spec) and real dbt Cloud responses recorded by
 * https://github.com/data-mie/dbt-cloud-cli ({@code tests/data}), kept read-only beside the
 * repository (two levels up from the module, or wherever {@code -Ddbt.shared.dir} points). Tests
 * that need it skip with a one-line reason when it is absent, and fail instead with {@code
 * -Ddbt.shared.required=true}. (The emulator shares no classes with core, so it has its own
 * helper.)
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /** The reference directory, or a skipped (or, when required, failed) test. */
  public static Path dir() {
    Optional<Path> dir = optionalDir();
    assumeTrue(
        dir.isPresent(),
        "reference directory not found at " + configured().toAbsolutePath() + "; skipping");
    return dir.get();
  }

  /** The reference directory when present; fails when absent and required. */
  public static Optional<Path> optionalDir() {
    Path dir = configured();
    boolean present =
        Files.isDirectory(dir.resolve("fixtures")) && Files.isDirectory(dir.resolve("spec"));
    if (!present && required()) {
      fail(
          "the reference directory is required (-Ddbt.shared.required) but was not found at "
              + dir.toAbsolutePath());
    }
    return present ? Optional.of(dir) : Optional.empty();
  }

  /** A recorded dbt Cloud response, e.g. {@code job_get_response.json}. */
  public static Path recorded(String name) {
    return dir().resolve("fixtures/recorded-responses").resolve(name);
  }

  private static boolean required() {
    return Boolean.getBoolean("dbt.shared.required");
  }

  private static Path configured() {
    String configured = System.getProperty("dbt.shared.dir");
    return configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
  }
}
