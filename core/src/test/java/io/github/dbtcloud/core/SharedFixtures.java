package io.github.dbtcloud.core;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only reference material in {@code ../shared} (specs, recorded responses). Tests that
 * need it skip when it is absent on a developer's clone, and fail in CI (where it must be present).
 */
public final class SharedFixtures {

  private SharedFixtures() {}

  /** The {@code shared} directory, or a skipped (or, in CI, failed) test. */
  public static Path dir() {
    String configured = System.getProperty("dbt.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    boolean present = Files.isDirectory(dir.resolve("fixtures"));
    boolean required =
        Boolean.getBoolean("dbt.shared.required") || "true".equals(System.getenv("CI"));
    if (!present && required) {
      fail("../shared is required in CI but was not found at " + dir.toAbsolutePath());
    }
    assumeTrue(present, "../shared not found at " + dir.toAbsolutePath() + "; skipping");
    return dir;
  }

  /** A recorded dbt Cloud response, e.g. {@code job_get_response.json}. */
  public static Path recorded(String name) {
    return dir().resolve("fixtures/recorded-responses").resolve(name);
  }
}
