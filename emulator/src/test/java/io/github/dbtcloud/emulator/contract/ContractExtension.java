package io.github.dbtcloud.emulator.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes every emulator test a contract test: after each test, every answer any emulator gave during
 * it must validate against the official OpenAPI spec for its path and status, relaxed only as
 * {@link OpenApiContract} documents. Registered for all tests by JUnit's extension autodetection,
 * so routes added later are checked as soon as a test calls them. Without the reference directory
 * ({@link io.github.dbtcloud.emulator.SharedFixtures}) there is nothing to check against and the
 * extension does nothing.
 */
public final class ContractExtension implements BeforeEachCallback, AfterEachCallback {

  /**
   * How many answers were checked against the spec in this JVM and how many kept it, written to
   * {@code target/contract-check.txt} after every test (GraphQL answers are not OpenAPI answers and
   * are not counted).
   */
  static final class Tally {
    private static final AtomicLong CHECKED = new AtomicLong();
    private static final AtomicLong PASSED = new AtomicLong();

    private Tally() {}

    static void count(String path, boolean passed) {
      if (path.startsWith("/api/graphql")) {
        return;
      }
      CHECKED.incrementAndGet();
      if (passed) {
        PASSED.incrementAndGet();
      }
    }

    static void write() {
      try {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(
            target.resolve("contract-check.txt"),
            "answers checked against the OpenAPI specs: "
                + CHECKED.get()
                + "\nanswers that kept the contract: "
                + PASSED.get()
                + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ContractRecorder
        .drain(); // answers from before this test (e.g. a previous test's late server threads) are
    // not its own
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<ContractRecorder.Exchange> exchanges = ContractRecorder.drain();
    if (exchanges.isEmpty()
        || context.getRequiredTestClass().isAnnotationPresent(NotContractChecked.class)) {
      return;
    }
    OpenApiContract contract = OpenApiContract.shared().orElse(null);
    if (contract == null) {
      return;
    }
    Map<String, Integer> problems = new LinkedHashMap<>();
    for (ContractRecorder.Exchange e : exchanges) {
      List<String> found = contract.check(e.entry(), e.contentType());
      Tally.count(e.entry().path(), found.isEmpty());
      for (String problem : found) {
        problems.merge(
            e.entry().method()
                + " "
                + e.entry().path()
                + " -> "
                + e.entry().status()
                + ": "
                + problem,
            1,
            Integer::sum);
      }
    }
    Tally.write();
    if (!problems.isEmpty()) {
      StringBuilder message =
          new StringBuilder("the emulator answered outside the OpenAPI contract:");
      problems.forEach(
          (problem, times) ->
              message.append("\n  ").append(problem).append(times > 1 ? " (x" + times + ")" : ""));
      throw new AssertionError(message.toString());
    }
  }
}
