package io.github.dbtcloud.core;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The read-only reference material beside a clone of this repository (a {@code shared} directory
 * next to it, or {@code -Ddbt.shared.dir}: the official OpenAPI specs and recorded dbt Cloud
 * responses, which the repository does not ship). Tests that need it skip when it is absent, and
 * {@link SkipSummary} names them in one line at the end of the run; with {@code
 * -Ddbt.shared.required=true} (this repository's own CI only) they fail instead.
 */
public final class SharedFixtures {

  /** How every skip for lack of the material starts: {@link SkipSummary} counts by it. */
  static final String SKIP_REASON = "reference material not found";

  private SharedFixtures() {}

  /** The {@code shared} directory, or a skipped (or, when required, failed) test. */
  public static Path dir() {
    Path dir = configured();
    boolean present = Files.isDirectory(dir.resolve("fixtures"));
    if (!present && Boolean.getBoolean("dbt.shared.required")) {
      fail(
          "the reference material is required here (dbt.shared.required=true, which .ci/run"
              + " sets) but was not found at "
              + dir.toAbsolutePath()
              + "; point -Ddbt.shared.dir at it, or drop dbt.shared.required to skip these tests");
    }
    assumeTrue(present, SKIP_REASON + " at " + dir.toAbsolutePath());
    return dir;
  }

  /** A recorded dbt Cloud response, e.g. {@code job_get_response.json}. */
  public static Path recorded(String name) {
    return dir().resolve("fixtures/recorded-responses").resolve(name);
  }

  private static Path configured() {
    String configured = System.getProperty("dbt.shared.dir");
    return configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
  }

  /**
   * Prints one line after the run naming the tests skipped for lack of the material, and why,
   * instead of leaving a bare "Skipped: N" (registered in {@code META-INF/services}).
   */
  public static final class SkipSummary implements TestExecutionListener {

    private final Map<String, Integer> skippedByClass = new TreeMap<>();
    private TestPlan plan;
    private String reason;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      Optional<String> message =
          result
              .getThrowable()
              .map(Throwable::getMessage)
              .filter(m -> m.contains(SKIP_REASON))
              .map(m -> m.substring(m.indexOf(SKIP_REASON)));
      if (result.getStatus() != TestExecutionResult.Status.ABORTED || message.isEmpty()) {
        return;
      }
      reason = message.get();
      long tests =
          test.isTest()
              ? 1
              : plan.getDescendants(test).stream().filter(TestIdentifier::isTest).count();
      skippedByClass.merge(className(test), (int) Math.max(1, tests), Integer::sum);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
      if (skippedByClass.isEmpty()) {
        return;
      }
      int total = skippedByClass.values().stream().mapToInt(Integer::intValue).sum();
      System.out.println(
          "[dbt.shared] "
              + total
              + " test(s) skipped, "
              + reason
              + " (official OpenAPI specs, recorded dbt Cloud responses; -Ddbt.shared.dir=<dir> runs"
              + " them): "
              + skippedByClass.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")));
    }

    private static String className(TestIdentifier test) {
      TestSource source = test.getSource().orElse(null);
      String name =
          source instanceof MethodSource m
              ? m.getClassName()
              : source instanceof ClassSource c ? c.getClassName() : test.getDisplayName();
      return name.substring(name.lastIndexOf('.') + 1);
    }
  }
}
