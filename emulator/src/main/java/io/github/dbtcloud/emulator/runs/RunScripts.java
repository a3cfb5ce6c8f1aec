package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Table;
import java.util.List;

/**
 * The run scripts an emulator holds, kept in the state (so they persist with it) and chosen per
 * run: the scripts naming a job play in order for its 1st, 2nd, ... run (the last one repeats); a
 * job no script names gets the scripts for every job, else {@link RunScript#DEFAULT}.
 */
public final class RunScripts {

  private RunScripts() {}

  /** Adds the seed's {@code run_scripts:} section (a list; absent is fine). */
  public static void load(JsonNode section, EmulatorState state) {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return;
    }
    if (!section.isArray()) {
      throw new IllegalArgumentException(
          "seed 'run_scripts' must be a list of scripts, found " + section.getNodeType());
    }
    for (JsonNode entry : section) {
      add(state, RunScript.fromJson(entry));
    }
  }

  /** Adds a script after the ones already there. */
  static void add(EmulatorState state, RunScript script) {
    Table table = state.table(EmulatorState.RUN_SCRIPTS);
    ObjectNode row = script.toJson();
    row.put("id", table.size() + 1L);
    table.put(row);
  }

  /** The script for the next run of {@code job}, which has had {@code earlierRuns} runs so far. */
  static RunScript forRun(EmulatorState state, JsonNode job, int earlierRuns) {
    List<RunScript> all =
        state.table(EmulatorState.RUN_SCRIPTS).all().stream().map(RunScript::fromJson).toList();
    List<RunScript> own = all.stream().filter(s -> s.namesJob(job)).toList();
    List<RunScript> pick = own.isEmpty() ? all.stream().filter(RunScript::isDefault).toList() : own;
    return pick.isEmpty() ? RunScript.DEFAULT : pick.get(Math.min(earlierRuns, pick.size() - 1));
  }
}
