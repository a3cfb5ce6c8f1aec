package io.github.dbtcloud.core.semantic;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.SemanticLayerClient;
import io.github.dbtcloud.core.api.SemanticLayerException;
import io.github.dbtcloud.core.api.SemanticLayerMetric;
import io.github.dbtcloud.core.api.SemanticLayerQuery;
import io.github.dbtcloud.core.api.SemanticLayerQueryResult;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.SemanticLayerSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The check itself (docs/semantic-layer.md#what-it-does): list the environment's metrics, report
 * the expected ones that are missing, compile every expected one with the configured group-by (a
 * few at a time), and, when asked, run each as a one-row query. A refusal of one metric is that
 * metric's FAILED verdict; a refused token or an unreachable service stops the check, since no
 * verdict would be true.
 */
public final class MetricCheck {

  /** The time dimension every metric with a time axis offers. */
  public static final String METRIC_TIME = "metric_time";

  // the polling back-off of dbt's Python Semantic Layer SDK (docs/wire-format.md#semantic-layer)
  private static final Duration FIRST_POLL = Duration.ofMillis(500);
  private static final double POLL_GROWTH = 1.15;
  private static final Duration MAX_POLL = Duration.ofSeconds(60);

  private final SemanticLayerClient client;
  private final Console console;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration queryTimeout;

  /**
   * @param clock what the query timeout is measured on (the same time as {@code sleeper}'s, in
   *     tests)
   * @param sleeper how to wait between polls of a query
   * @param queryTimeout how long one metric's query may take
   */
  public MetricCheck(
      SemanticLayerClient client,
      Console console,
      Clock clock,
      Sleeper sleeper,
      Duration queryTimeout) {
    this.client = client;
    this.console = console;
    this.sleeper = sleeper;
    this.clock = clock;
    this.queryTimeout = queryTimeout;
  }

  /** Checks the metrics {@code spec} expects in {@code environmentId}. */
  public MetricCheckReport run(
      long environmentId, String environmentLabel, SemanticLayerSettings spec, boolean runQueries) {
    Map<String, SemanticLayerMetric> served = new LinkedHashMap<>();
    client.metrics(environmentId).forEach(m -> served.put(m.name(), m));
    List<String> expected =
        spec.checksAllMetrics() ? List.copyOf(served.keySet()) : spec.metricsOrNone();
    if (spec.checksAllMetrics() && served.isEmpty()) {
      throw new MetricCheckFailedException(
          "The Semantic Layer of environment "
              + environmentLabel
              + " serves no metrics,"
              + " so 'metrics: all' ("
              + spec.position()
              + ") checks nothing. Deploy the dbt project's metrics to that"
              + " environment (a job that runs dbt parse or dbt build), or point semantic_layer.environment at the"
              + " environment whose Semantic Layer is configured.");
    }
    List<String> groupBy = new ArrayList<>(spec.groupByOrDefault());
    spec.dimensionsOrNone().stream().filter(d -> !groupBy.contains(d)).forEach(groupBy::add);
    console.info(
        "Semantic Layer check: "
            + expected.size()
            + " metric(s) in environment "
            + environmentLabel
            + " at "
            + client.url()
            + ", grouped by "
            + describe(groupBy, spec.grainOrDefault())
            + (runQueries ? ", each also run as a one-row query" : "")
            + ".");

    List<MetricResult> results =
        checkAll(environmentId, expected, served, groupBy, spec, runQueries);
    MetricCheckReport report =
        new MetricCheckReport(environmentId, environmentLabel, client.url().toString(), results);
    int width = expected.stream().mapToInt(String::length).max().orElse(0);
    for (MetricResult r : results) {
      String head =
          "  " + String.format(Locale.ROOT, "%-7s %-" + width + "s  ", r.outcome(), r.metric());
      List<String> lines = r.message().lines().toList();
      String first = lines.isEmpty() ? "" : lines.get(0);
      if (r.failed()) {
        console.warn(head + first);
        lines.stream().skip(1).forEach(l -> console.warn(" ".repeat(head.length()) + l));
      } else {
        console.info(head + first);
      }
    }
    console.info(
        "Semantic Layer: " + report.summary() + " (" + client.requestCount() + " requests).");
    return report;
  }

  private List<MetricResult> checkAll(
      long environmentId,
      List<String> expected,
      Map<String, SemanticLayerMetric> served,
      List<String> groupBy,
      SemanticLayerSettings spec,
      boolean runQueries) {
    int threads = Math.max(1, Math.min(spec.parallelismOrDefault(), expected.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dbt-metric-check");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<MetricResult>> futures = new ArrayList<>();
      for (String name : expected) {
        SemanticLayerMetric metric = served.get(name);
        if (metric == null) {
          futures.add(
              java.util.concurrent.CompletableFuture.completedFuture(
                  missing(name, environmentId, served)));
        } else {
          futures.add(
              pool.submit(
                  () -> check(environmentId, metric, groupBy, spec.grainOrDefault(), runQueries)));
        }
      }
      List<MetricResult> results = new ArrayList<>();
      for (Future<MetricResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking metrics", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static MetricResult missing(
      String name, long environmentId, Map<String, SemanticLayerMetric> served) {
    List<String> names = new ArrayList<>(served.keySet());
    String listing =
        names.isEmpty()
            ? "it serves none"
            : "it serves "
                + String.join(", ", names.subList(0, Math.min(20, names.size())))
                + (names.size() > 20 ? " and " + (names.size() - 20) + " more" : "");
    return new MetricResult(
        name,
        MetricResult.Outcome.MISSING,
        "no metric named '"
            + name
            + "' in the Semantic Layer of environment "
            + environmentId
            + "; "
            + listing,
        null,
        Duration.ZERO);
  }

  private MetricResult check(
      long environmentId,
      SemanticLayerMetric metric,
      List<String> groupBy,
      String grain,
      boolean runQueries) {
    long start = System.nanoTime();
    List<SemanticLayerQuery.GroupBy> items = new ArrayList<>();
    for (String name : groupBy) {
      boolean time = name.equals(METRIC_TIME) || metric.hasTimeDimension(name);
      items.add(new SemanticLayerQuery.GroupBy(name, time ? grain : null));
    }
    SemanticLayerQuery query = new SemanticLayerQuery(List.of(metric.name()), items, null);
    String sql;
    try {
      sql = client.compileSql(environmentId, query);
    } catch (SemanticLayerException e) {
      if (e.notAuthorized() || !e.graphQlErrors()) {
        throw e;
      }
      return new MetricResult(
          metric.name(),
          MetricResult.Outcome.FAILED,
          String.join("\n", e.messages()),
          null,
          since(start));
    }
    String note = "compiled";
    if (runQueries) {
      SemanticLayerQueryResult result = runQuery(environmentId, query.withLimit(1));
      if (!result.succeeded()) {
        String why =
            result.error() != null
                ? result.error()
                : "the query did not finish within "
                    + queryTimeout
                    + " (last status "
                    + result.status()
                    + ")";
        return new MetricResult(
            metric.name(),
            MetricResult.Outcome.FAILED,
            "query " + result.queryId() + " " + result.status() + ": " + why,
            result.sql() != null ? result.sql() : sql,
            since(start));
      }
      note = "compiled, query " + result.queryId() + " SUCCESSFUL";
    }
    Duration elapsed = since(start);
    return new MetricResult(
        metric.name(),
        MetricResult.Outcome.OK,
        note + " (" + elapsed.toMillis() + " ms)",
        sql,
        elapsed);
  }

  /**
   * Creates the query and polls it with the SDK's back-off until it finishes or the timeout passes.
   */
  private SemanticLayerQueryResult runQuery(long environmentId, SemanticLayerQuery query) {
    String queryId = client.createQuery(environmentId, query);
    Instant deadline = clock.instant().plus(queryTimeout);
    Duration wait = FIRST_POLL;
    while (true) {
      SemanticLayerQueryResult result = client.query(environmentId, queryId);
      if (result.finished() || !clock.instant().isBefore(deadline)) {
        return result;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for query " + queryId, e);
      }
      long next = Math.min((long) (wait.toMillis() * POLL_GROWTH), MAX_POLL.toMillis());
      wait = Duration.ofMillis(next);
    }
  }

  private static String describe(List<String> groupBy, String grain) {
    List<String> out = new ArrayList<>();
    for (String g : groupBy) {
      out.add(g.equals(METRIC_TIME) && grain != null ? g + "__" + grain : g);
    }
    return out.isEmpty() ? "nothing" : String.join(", ", out);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
