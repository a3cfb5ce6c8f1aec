package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the Semantic Layer seed, for tests that change metrics between steps: add or
 * replace a metric (same keys as the seed's {@code semantic_layer} section), break or fix one,
 * remove one.
 */
public final class SemanticLayerControl {

  private final EmulatorState state;

  public SemanticLayerControl(EmulatorState state) {
    this.state = state;
  }

  /**
   * Adds (or replaces, by name) a metric, e.g. {@code Map.of("name", "revenue", "dimensions",
   * List.of(Map.of("name", "customer__region")))}; the environment gets a Semantic Layer if it had
   * none.
   */
  public void putMetric(long environmentId, Map<String, ?> metric) {
    ObjectNode definition = SemanticLayerSeed.metric(Json.MAPPER.valueToTree(metric));
    state.write(
        s -> {
          if (s.table(EmulatorState.ENVIRONMENTS).get(environmentId).isEmpty()) {
            throw new IllegalArgumentException(
                "environment " + environmentId + " does not exist in the emulator");
          }
          ObjectNode row =
              s.table(EmulatorState.SEMANTIC_LAYER)
                  .get(environmentId)
                  .orElseGet(() -> SemanticCatalog.emptyRow(environmentId, "SNOWFLAKE"));
          SemanticCatalog.put(row, definition);
          s.table(EmulatorState.SEMANTIC_LAYER).put(row);
          return null;
        });
  }

  /** Makes a metric fail to compile with {@code error} (what {@code compileSql} answers). */
  public void breakMetric(long environmentId, String name, String error) {
    edit(environmentId, name, m -> m.put("error", error));
  }

  /** Makes a broken metric compile again. */
  public void fixMetric(long environmentId, String name) {
    edit(environmentId, name, m -> m.putNull("error"));
  }

  /** Removes a metric from the environment's Semantic Layer. */
  public void removeMetric(long environmentId, String name) {
    state.write(
        s -> {
          ObjectNode row = row(s, environmentId);
          var metrics = row.withArray("metrics");
          for (int i = 0; i < metrics.size(); i++) {
            if (metrics.get(i).get("name").asText().equals(name)) {
              metrics.remove(i);
              return null;
            }
          }
          throw new IllegalArgumentException(
              "environment " + environmentId + " has no metric " + name);
        });
  }

  /** The names of the metrics the environment serves, in order. */
  public List<String> metricNames(long environmentId) {
    return state.read(
        s ->
            s.table(EmulatorState.SEMANTIC_LAYER)
                .get(environmentId)
                .map(
                    row ->
                        SemanticCatalog.metrics(row).stream()
                            .map(m -> m.get("name").asText())
                            .toList())
                .orElse(List.of()));
  }

  private void edit(
      long environmentId, String name, java.util.function.Consumer<ObjectNode> change) {
    state.write(
        s -> {
          ObjectNode metric =
              SemanticCatalog.metric(row(s, environmentId), name)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "environment " + environmentId + " has no metric " + name));
          change.accept(metric);
          return null;
        });
  }

  private static ObjectNode row(EmulatorState s, long environmentId) {
    return s.table(EmulatorState.SEMANTIC_LAYER)
        .get(environmentId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "environment " + environmentId + " has no Semantic Layer"));
  }
}
