package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.report.TestReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a Semantic Layer check: one result per expected metric, in the file's order (or
 * the server's, for {@code metrics: all}).
 *
 * @param environmentId the environment checked
 * @param environment how the file names it, e.g. {@code prod (id 123)}
 * @param url the GraphQL endpoint
 * @param results one per metric
 */
public record MetricCheckReport(
    long environmentId, String environment, String url, List<MetricResult> results) {

  /** The JUnit XML suite name. */
  public static final String SUITE = "dbt-metrics";

  public MetricCheckReport {
    results = List.copyOf(results);
  }

  public long count(MetricResult.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  public boolean passed() {
    return results.stream().noneMatch(MetricResult::failed);
  }

  /** {@code 3 OK, 1 failed, 1 missing}. */
  public String summary() {
    return count(MetricResult.Outcome.OK)
        + " OK, "
        + count(MetricResult.Outcome.FAILED)
        + " failed, "
        + count(MetricResult.Outcome.MISSING)
        + " missing";
  }

  /** One test case per metric, for CI servers. */
  public TestReport toTestReport() {
    List<TestReport.TestCase> cases = new ArrayList<>();
    String className = "dbt.semantic_layer.environment_" + environmentId;
    for (MetricResult r : results) {
      TestReport.Outcome outcome =
          r.failed()
              ? new TestReport.Failed(
                  r.outcome() + ": " + r.message().lines().findFirst().orElse(""),
                  r.message() + (r.sql() == null ? "" : "\n\nSQL:\n" + r.sql()))
              : new TestReport.Passed();
      cases.add(new TestReport.TestCase(className, r.metric(), r.elapsed(), outcome));
    }
    return new TestReport(SUITE, cases);
  }
}
