package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Desired states from YAML text, plans against a {@link FakeDbtCloud}, and a console that keeps its
 * lines.
 */
final class ApplyFixtures {

  static final String HEADER = "version: 1\naccount: { id: 1 }\nprojects:\n  shop:\n    id: 2\n";

  private ApplyFixtures() {}

  static DesiredState desired(Path dir, String projectBody) {
    return desired(dir, "", projectBody);
  }

  /**
   * A file with one project {@code shop} (id 2) whose body is {@code projectBody}, after {@code
   * top}-level keys.
   */
  static DesiredState desired(Path dir, String top, String projectBody) {
    Path file =
        dir.resolve("dbt-cloud-" + Integer.toHexString((top + projectBody).hashCode()) + ".yml");
    try {
      Files.writeString(file, HEADER.replace("projects:\n", top + "projects:\n") + projectBody);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DesiredStateLoader(Map.of(), Map.of()).load(file);
  }

  static Plan plan(DesiredState desired, FakeDbtCloud cloud) {
    return new Planner().plan(desired, cloud.snapshot(desired), PlanOptions.defaults());
  }

  static ApplyResult apply(
      Plan plan, FakeDbtCloud cloud, ApplyOptions options, StopSignal stop, Lines console) {
    return new Applier(cloud, console, console.sleeper(), options, stop).apply(plan);
  }

  static ApplyResult apply(Plan plan, FakeDbtCloud cloud) {
    return apply(plan, cloud, ApplyOptions.defaults(), new StopSignal(), new Lines());
  }

  /** A console that keeps every line, and a sleeper that only records its waits. */
  static final class Lines implements Console {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void info(String line) {
      lines.add(line);
    }

    @Override
    public void warn(String line) {
      lines.add(line);
    }

    @Override
    public void debug(String line) {}

    Sleeper sleeper() {
      return waits::add;
    }

    String text() {
      return String.join("\n", lines);
    }
  }
}
