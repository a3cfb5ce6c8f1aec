package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run simulation from Java, for tests and ITs: script how a job's runs play out, start or
 * cancel a run without HTTP (e.g. to make a job busy), and read runs as the API would answer them.
 * Changes made here reach a state file with the next write over HTTP.
 */
public final class RunControl {

  private final RunsApi api;
  private final AtomicBoolean refuseCancelOfFinished = new AtomicBoolean();

  RunControl(RunsApi api) {
    this.api = api;
  }

  /**
   * Adds a script; scripts naming a job play in order for its successive runs (see {@link
   * RunScripts}).
   */
  public void script(RunScript script) {
    api.context()
        .state()
        .write(
            state -> {
              RunScripts.add(state, script);
              return null;
            });
  }

  /**
   * Adds scripts written as the seed's {@code run_scripts:} section (a JSON or YAML list, parsed).
   */
  public void scripts(JsonNode section) {
    api.context()
        .state()
        .write(
            state -> {
              RunScripts.load(section, state);
              return null;
            });
  }

  /** Triggers a run of job {@code jobId} as the API would, with this cause; returns the run id. */
  public long trigger(long jobId, String cause) {
    return api.context()
        .state()
        .write(
            state -> {
              ObjectNode job =
                  state
                      .table(EmulatorState.JOBS)
                      .get(jobId)
                      .filter(j -> j.path("state").asInt(1) == 1)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException(
                                  "no active job " + jobId + " in the emulator"));
              ObjectNode trigger =
                  TriggerBody.validate(Json.MAPPER.createObjectNode().put("cause", cause), jobId);
              RunEngine.advance(state, api.now());
              long id = RunEngine.trigger(state, job, trigger, api.now()).get("id").asLong();
              RunEngine.advance(state, api.now());
              return id;
            });
  }

  /** The id of the active job with this name; fails when there is none or several. */
  public long jobNamed(String name) {
    return api.context()
        .state()
        .read(
            state -> {
              var jobs =
                  state
                      .table(EmulatorState.JOBS)
                      .where(
                          j ->
                              j.path("state").asInt(1) == 1
                                  && name.equals(j.path("name").asText()));
              if (jobs.size() != 1) {
                throw new IllegalArgumentException(
                    jobs.size() + " active jobs are named '" + name + "' in the emulator");
              }
              return jobs.get(0).get("id").asLong();
            });
  }

  /** A run as {@code GET .../runs/{id}/?include_related=["trigger","run_steps"]} answers it now. */
  public JsonNode run(long runId) {
    return api.context()
        .state()
        .write(
            state -> {
              RunEngine.advance(state, api.now());
              ObjectNode run =
                  state
                      .table(EmulatorState.RUNS)
                      .get(runId)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException("no run " + runId + " in the emulator"));
              return api.render(run, Set.of("trigger", "run_steps"), state);
            });
  }

  /**
   * Cancels a run as {@code POST .../runs/{id}/cancel/} would; false when it had already finished.
   */
  public boolean cancel(long runId) {
    return api.context()
        .state()
        .write(
            state -> {
              RunEngine.advance(state, api.now());
              ObjectNode run =
                  state
                      .table(EmulatorState.RUNS)
                      .get(runId)
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException("no run " + runId + " in the emulator"));
              return RunEngine.cancel(run, api.now());
            });
  }

  /** Every run of a job, oldest first, as {@link #run} shows them. */
  public List<JsonNode> runsOf(long jobId) {
    return api.context()
        .state()
        .write(
            state -> {
              RunEngine.advance(state, api.now());
              List<JsonNode> out = new ArrayList<>();
              for (ObjectNode run :
                  state
                      .table(EmulatorState.RUNS)
                      .where(r -> r.get("job_definition_id").asLong() == jobId)) {
                out.add(api.render(run, Set.of("trigger", "run_steps"), state));
              }
              return out;
            });
  }

  /**
   * What cancelling a finished run answers; dbt Cloud's answer is not documented. By default the
   * run comes back unchanged with 200, as an idempotent cancel would; {@code true} makes it a 400
   * instead, so clients can be tested against both.
   */
  public void refuseCancelOfFinishedRuns(boolean refuse) {
    refuseCancelOfFinished.set(refuse);
  }

  boolean refusesCancelOfFinishedRuns() {
    return refuseCancelOfFinished.get();
  }
}
