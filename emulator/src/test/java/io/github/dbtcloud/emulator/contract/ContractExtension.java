package io.github.dbtcloud.emulator.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes every emulator test a contract test: after each test, every answer any emulator gave during
 * it must validate against the official OpenAPI spec for its path and status, relaxed only as
 * {@link OpenApiContract} documents. Registered for all tests by JUnit's extension autodetection,
 * so routes added later are checked as soon as a test calls them. Without {@code ../shared} there
 * is nothing to check against and the extension does nothing (in CI it fails).
 */
public final class ContractExtension implements BeforeEachCallback, AfterEachCallback {

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
      for (String problem : contract.check(e.entry(), e.contentType())) {
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
