package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.importer.Converter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code dbt:validate}: the desired state, loaded offline (the context has shown its warnings and
 * refused an invalid file), and a summary of what it declares.
 */
public final class ValidateGoal {

  /** Prints what the file declares; returns the state. */
  public DesiredState run(GoalContext context) {
    summary(context.desired()).forEach(context.console()::info);
    return context.desired();
  }

  /**
   * {@code -Ddbt.convert}: writes the dbt-jobs-as-code file just validated in the plugin's own
   * format (see {@link Converter}), then loads what it wrote, so a converted file always validates.
   *
   * @param target where to write, or null for beside the original ({@code jobs.yml} gives {@code
   *     jobs.dbt-cloud.yml})
   * @param force replace {@code target} when it exists
   * @return the file written
   * @throws DbtCloudException when the file is already in the plugin's format, or the target exists
   *     without force
   */
  public Path convert(GoalContext context, Path target, boolean force) {
    DesiredState state = context.desired();
    Path original = state.files().get(0);
    if (!isJobsAsCode(original)) {
      throw new DbtCloudException(
          original
              + " is already in the plugin's format (it has 'version:' or 'projects:' at the top);"
              + " -Ddbt.convert converts a dbt-jobs-as-code file (a top-level 'jobs:' map): point"
              + " -Ddbt.file at that file, or drop -Ddbt.convert");
    }
    Path out = target != null ? target : beside(original);
    if (Files.exists(out) && !force) {
      throw new DbtCloudException(
          out
              + " already exists, and -Ddbt.convert never overwrites a file: pass"
              + " -Ddbt.convert.force=true to replace it, or -Ddbt.convert.file=<another file> to"
              + " write elsewhere");
    }
    String text = Converter.convert(state, String.valueOf(original.getFileName()));
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    Build build = context.build();
    DesiredState converted =
        new DesiredStateLoader(build.environment(), build.properties()).load(out);
    context
        .console()
        .info(
            "Converted "
                + original.getFileName()
                + " to "
                + out
                + ": "
                + count(converted.jobCount(), "job")
                + " in the plugin's format, each keeping its [[identifier]] in its name."
                + " 'mvn dbt:plan -Ddbt.file="
                + out.getFileName()
                + "' shows the same plan as the original.");
    return out;
  }

  /** {@code jobs.yml} gives {@code jobs.dbt-cloud.yml} in the same folder. */
  static Path beside(Path original) {
    String name = String.valueOf(original.getFileName());
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return original.resolveSibling(base + ".dbt-cloud.yml");
  }

  /**
   * The loader's own test (a {@code jobs:} map and neither {@code version:} nor {@code projects:}),
   * on the text, since a templated file is YAML only once rendered.
   */
  private static boolean isJobsAsCode(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return TOP_JOBS.matcher(text).find() && !TOP_OWN_FORMAT.matcher(text).find();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static final Pattern TOP_JOBS = Pattern.compile("(?m)^jobs\\s*:");
  private static final Pattern TOP_OWN_FORMAT = Pattern.compile("(?m)^(version|projects)\\s*:");

  /** What the file declares, one line per project and section, then the totals. */
  public static List<String> summary(DesiredState state) {
    List<String> lines = new ArrayList<>();
    String files =
        state.files().size() == 1
            ? state.name() + " is"
            : state.files().size()
                + " files ("
                + String.join(
                    ", ", state.files().stream().map(f -> String.valueOf(f.getFileName())).toList())
                + ") are";
    lines.add(
        files
            + " valid: version "
            + state.version()
            + ", account "
            + state.account().id()
            + (state.warnings().isEmpty() ? "" : ", " + count(state.warnings().size(), "warning"))
            + ".");
    for (ProjectSpec p : state.projects().values()) {
      lines.add(
          "  project "
              + p.describe()
              + ": "
              + count(p.environments().size(), "environment")
              + list(p.environments().keySet())
              + ", "
              + count(p.jobs().size(), "job")
              + list(p.jobs().keySet())
              + ", "
              + count(p.envVars().size(), "env var")
              + list(p.envVars().keySet()));
    }
    lines.add(
        "  verify: "
            + state
                .verify()
                .map(v -> "job " + v.job() + ", timeout " + Durations.compact(v.timeoutOrDefault()))
                .orElse("not configured"));
    lines.add(
        "  semantic_layer: "
            + state
                .semanticLayer()
                .map(
                    s ->
                        "environment "
                            + s.environment()
                            + ", "
                            + (s.checksAllMetrics()
                                ? "all metrics"
                                : count(s.metricsOrNone().size(), "metric")))
                .orElse("not configured"));
    lines.add(
        "Summary: "
            + count(state.projects().size(), "project")
            + ", "
            + count(state.environmentCount(), "environment")
            + ", "
            + count(state.jobCount(), "job")
            + ", "
            + count(state.envVarCount(), "env var")
            + "; verify "
            + (state.verify().isPresent() ? "configured" : "not configured")
            + ", semantic layer "
            + (state.semanticLayer().isPresent() ? "configured" : "not configured")
            + ".");
    return lines;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String list(java.util.Collection<String> keys) {
    return keys.isEmpty() ? "" : " (" + String.join(", ", keys) + ")";
  }
}
