package io.github.dbtcloud.emulator;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The read-only reference material in {@code ../shared} (specs, recorded responses), as the
 * emulator's tests see it (the emulator may not depend on core, so this mirrors core's helper).
 * Tests that need it skip when it is absent on a developer's clone, and fail in CI.
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /** The {@code shared} directory, or a skipped (or, in CI, failed) test. */
  public static Path dir() {
    Optional<Path> dir = optionalDir();
    assumeTrue(
        dir.isPresent(), "../shared not found at " + configured().toAbsolutePath() + "; skipping");
    return dir.get();
  }

  /** The {@code shared} directory when present; fails (in CI, where it is required) when absent. */
  public static Optional<Path> optionalDir() {
    Path dir = configured();
    boolean present =
        Files.isDirectory(dir.resolve("fixtures")) && Files.isDirectory(dir.resolve("spec"));
    if (!present && required()) {
      fail("../shared is required in CI but was not found at " + dir.toAbsolutePath());
    }
    return present ? Optional.of(dir) : Optional.empty();
  }

  /** A recorded dbt Cloud response, e.g. {@code job_get_response.json}. */
  public static Path recorded(String name) {
    return dir().resolve("fixtures/recorded-responses").resolve(name);
  }

  private static boolean required() {
    return Boolean.getBoolean("dbt.shared.required") || "true".equals(System.getenv("CI"));
  }

  private static Path configured() {
    String configured = System.getProperty("dbt.shared.dir");
    return configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
  }
}
