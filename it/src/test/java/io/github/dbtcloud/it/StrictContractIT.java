package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin never sends a body the strict emulator refuses: every field of the every-field file,
 * through every change kind (creates, updates of every field, deletes), each answered with a 2xx;
 * and the account then matches the file. The emulator refuses what dbt Cloud refuses (wrong types,
 * missing steps, bad crons, references across objects, unknown versions; docs/emulator.md), so a
 * serialisation bug in the plugin's writes fails here.
 */
class StrictContractIT {

  private static final String TOKEN = "dbtc_it_token_0123456789";

  @TempDir Path dir;

  @Test
  void everyWriteOfEveryFieldAndEveryChangeKindIsAccepted() throws IOException {
    String file = Files.readString(Path.of("src/it/apply-every-field/dbt-cloud.yml"));
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(seed()).start()) {
      apply(emulator, "created.yml", file);
      apply(emulator, "every-field-changed.yml", everyFieldChanged(file));
      apply(emulator, "pruned.yml", pruned(everyFieldChanged(file)));

      List<JournalEntry> writes =
          emulator.journal().stream().filter(JournalEntry::isWrite).toList();
      assertThat(writes).extracting(JournalEntry::method).contains("POST", "PUT", "DELETE");
      assertThat(writes)
          .as("every write the plugin sent, with what the strict emulator answered")
          .allSatisfy(
              w ->
                  assertThat(w.status())
                      .as(w.method() + " " + w.path() + " " + w.body())
                      .isBetween(200, 299));
    }
  }

  /** Applies one version of the file, then checks a plan made right after it is empty. */
  private void apply(DbtCloudEmulator emulator, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Build build = Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("out-" + name));
    Goals.apply(
        build,
        Console.silent(),
        new Time(Clock.systemUTC(), d -> {}, action -> () -> {}),
        ApplyOptions.defaults());
    Plan after = Goals.plan(build, Console.silent());
    assertThat(after.changes()).as("a plan right after applying " + name).isEmpty();
  }

  /** The file with a new value in every field it sets. */
  private static String everyFieldChanged(String file) {
    return file.replace(
            "enable_model_query_history: true  #", "enable_model_query_history: false #")
        .replace("custom_branch: main", "custom_branch: develop")
        .replace(
            "DBT_TARGET: { project: dev, prod: prod, ci: ci }",
            "DBT_TARGET: { project: dev2, prod: prod2, ci: ci2 }")
        .replace("DBT_WAREHOUSE: transforming", "DBT_WAREHOUSE: reporting")
        .replace(
            "description: Builds and tests every model each morning.",
            "description: Builds every model.")
        .replace("execute_steps: [dbt source freshness, dbt build]", "execute_steps: [dbt build]")
        .replace("threads: 8", "threads: 4")
        .replace("target_name: prod", "target_name: main")
        .replace("timeout_seconds: 3600", "timeout_seconds: 1800")
        .replace("generate_docs: true", "generate_docs: false")
        .replace("run_generate_sources: true", "run_generate_sources: false")
        .replace("schedule: { cron: \"0 5 * * 1,2,3,4,5\" }", "schedule: { cron: \"30 6 * * *\" }")
        .replace(
            "cost_optimization_features: [state_aware_orchestration]",
            "cost_optimization_features: []")
        .replace("env_vars: { DBT_TARGET: nightly }", "env_vars: { DBT_TARGET: nightly2 }")
        .replace("at_exact_hours: [6, 12, 18]", "at_exact_hours: [7, 13]")
        .replace(
            "schedule: { every_n_hours: 4, enabled: false }",
            "schedule: { every_n_hours: 4, enabled: true }")
        .replace("statuses: [success, error]", "statuses: [error]")
        .replace(
            "compare_changes_flags: \"--select state:modified+\"",
            "compare_changes_flags: \"--select state:modified\"")
        .replace("errors_on_lint_failure: false", "errors_on_lint_failure: true");
  }

  /** The file with pruning on and two jobs gone. */
  private static String pruned(String file) {
    String withPrune = file.replace("projects:\n", "ownership: { prune: true }\nprojects:\n");
    return withPrune.replace(
        "      weekdays:\n        environment: prod\n        execute_steps: [dbt build --select tag:hourly]\n",
        "      removed_weekdays_placeholder:\n        environment: prod\n        execute_steps: [dbt build --select tag:hourly]\n");
  }

  private static String seed() throws IOException {
    try (InputStream in = StrictContractIT.class.getResourceAsStream("/it-seed.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
