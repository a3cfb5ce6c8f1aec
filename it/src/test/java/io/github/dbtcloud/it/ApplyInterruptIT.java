package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.ApplyIncompleteException;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during an apply: the JVM's shutdown hook stops the scheduling of new changes, the change
 * in flight finishes, the summary says what was done and what was not, and the hook returns once it
 * is printed (so the JVM does not die mid-request).
 */
class ApplyInterruptIT {

  @TempDir Path dir;

  @Test
  void ctrlCLetsTheChangeInFlightFinishStartsNothingNewAndPrintsTheSummary() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(
        file,
        "version: 1\naccount: { id: 70403103900001 }\nprojects:\n  jaffle_shop:\n"
            + "    id: 70403103900002\n    environments:\n"
            + "      ci: { name: CI, type: deployment }\n      qa: { name: QA, type: deployment }\n"
            + "    jobs:\n      pr_check: { environment: ci, execute_steps: [dbt build] }\n");
    AtomicReference<Runnable> hook = new AtomicReference<>();
    AtomicBoolean unregistered = new AtomicBoolean();
    AtomicReference<Thread> shutdown = new AtomicReference<>();
    List<String> lines = new CopyOnWriteArrayList<>();
    Console console =
        new Console() {
          @Override
          public void info(String line) {
            lines.add(line);
            if (line.startsWith("environment \"ci\": created")) {
              // Ctrl-C while the first change is still finishing: the JVM runs the hook in its own
              // thread
              Thread t = new Thread(hook.get(), "shutdown");
              shutdown.set(t);
              t.start();
              while (t.getState() != Thread.State.TIMED_WAITING && t.isAlive()) {
                Thread.onSpinWait();
              }
            }
          }

          @Override
          public void warn(String line) {
            lines.add(line);
          }

          @Override
          public void debug(String line) {}
        };
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().seedText(itSeed()).start()) {
      Build target =
          Goals.build(
              file, emulator.baseUrl(), "dbtc_it_token_0123456789", file.resolveSibling("out"));
      Time time =
          new Time(
              Clock.systemUTC(),
              d -> {},
              action -> {
                hook.set(action);
                return () -> unregistered.set(true);
              });

      assertThatThrownBy(() -> Goals.apply(target, console, time, new ApplyOptions(1, false)))
          .isInstanceOf(ApplyIncompleteException.class)
          .hasMessageStartingWith(
              "Apply interrupted (the build was interrupted): 1 done, 0 failed, 2 skipped.")
          .hasMessageContaining("skipped: environment \"qa\", job \"pr_check\"");

      shutdown.get().join(5000);
      assertThat(shutdown.get().isAlive())
          .as("the hook returns once the summary is printed")
          .isFalse();
      assertThat(unregistered).isTrue();
      assertThat(lines)
          .contains("  skipped  environment \"qa\": stopped: the build was interrupted");
      assertThat(
              emulator.journal().stream()
                  .filter(e -> e.isWrite() && !e.path().contains("/environment-variables/"))
                  .toList())
          .as("writes besides the apply lease's")
          .hasSize(1);
      assertThat(ConcurrentApplyIT.leaseVariables(emulator)).as("the lease is released").isZero();
    }
  }

  private static String itSeed() throws IOException {
    try (InputStream in = ApplyInterruptIT.class.getResourceAsStream("/it-seed.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
