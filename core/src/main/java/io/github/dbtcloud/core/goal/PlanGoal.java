package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.plan.MarkdownPlanRenderer;
import io.github.dbtcloud.core.plan.PlanFile;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.plan.TextPlanRenderer;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dbt:plan}: read dbt Cloud, diff, show the plan, and write {@code plan.json} and {@code
 * plan.md} to the build's output directory.
 */
public final class PlanGoal {

  /** The pull-request comment's file name. */
  public static final String PLAN_MARKDOWN = "plan.md";

  private final PlanOptions options;
  private final boolean writeFiles;

  /**
   * @param options the build's selection and options
   * @param writeFiles whether to write plan.json and plan.md
   */
  public PlanGoal(PlanOptions options, boolean writeFiles) {
    this.options = options;
    this.writeFiles = writeFiles;
  }

  /** Plans, prints, and writes the plan files; returns the plan so the build can decide. */
  public Planner.Planned run(GoalContext context) {
    Planner.Planned planned = context.plan(options);
    show(context, planned);
    if (writeFiles) {
      Path out = context.build().outputDirectory();
      PlanFile.of(
              planned.plan(),
              planned.snapshot(),
              context.desired(),
              options,
              context.build().userAgent(),
              context.time().clock().instant())
          .write(out.resolve(PlanFile.FILE_NAME));
      write(
          out.resolve(PLAN_MARKDOWN),
          new MarkdownPlanRenderer(context.desired().name())
              .render(planned.plan(), planned.snapshot().host(), context.desired().sha256()));
      context
          .console()
          .info(
              "Plan written to " + out.resolve(PlanFile.FILE_NAME) + " and " + PLAN_MARKDOWN + ".");
    }
    return planned;
  }

  /** Prints a plan as text, changes in apply order. */
  static void show(GoalContext context, Planner.Planned planned) {
    new TextPlanRenderer(context.desired().name(), context.console().colour())
        .render(planned.plan())
        .forEach(context.console()::info);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
