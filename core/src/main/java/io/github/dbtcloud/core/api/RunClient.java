package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs on the same connection as an {@link AdminClient}: trigger a job, read a run (with its
 * steps), cancel it, and read the failed nodes of a step from its {@code run_results.json}.
 */
public final class RunClient {

  private final AdminClient client;
  private final RunsApi api;

  public RunClient(AdminClient client) {
    this.client = client;
    this.api = client.service(RunsApi.class);
  }

  /**
   * Starts a run of {@code jobId}; dbt Cloud answers with the run, queued
   * (docs/wire-format.md#runs).
   */
  public Run trigger(long accountId, long jobId, TriggerRequest request) {
    return new Run(WireMaps.toMap(client.data(api.trigger(accountId, jobId, request.body()))));
  }

  /**
   * Reads a run; with {@code withSteps}, its steps and their logs too ({@code
   * include_related=["run_steps"]}).
   */
  public Run get(long accountId, long runId, boolean withSteps) {
    return new Run(
        WireMaps.toMap(
            client.data(api.get(accountId, runId, withSteps ? "[\"run_steps\"]" : null))));
  }

  /** Asks dbt Cloud to cancel the run; answers the run as it stands after the request. */
  public Run cancel(long accountId, long runId) {
    return new Run(WireMaps.toMap(client.data(api.cancel(accountId, runId))));
  }

  /**
   * The node results in {@code run_results.json} of step {@code step} (1-based; null for the run's
   * last step), or empty when that step saved none (404, docs/wire-format.md#artifacts).
   */
  public Optional<List<NodeResult>> runResults(long accountId, long runId, Integer step) {
    JsonNode root;
    try {
      root = client.raw(api.artifact(accountId, runId, "run_results.json", step));
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    List<NodeResult> out = new ArrayList<>();
    for (JsonNode r : root.path("results")) {
      out.add(
          new NodeResult(
              r.path("unique_id").asText(""),
              r.path("status").asText(""),
              r.path("message").isNull() ? "" : r.path("message").asText("")));
    }
    return Optional.of(out);
  }
}
