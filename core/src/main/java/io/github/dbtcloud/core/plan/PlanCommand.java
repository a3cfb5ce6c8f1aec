package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.ProjectSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code dbt:plan}: load the file, read dbt Cloud, diff, show the plan, and write plan.json and
 * plan.md.
 */
public final class PlanCommand {

  /** The machine-readable plan's file name. */
  public static final String PLAN_JSON = "plan.json";

  /** The pull-request comment's file name. */
  public static final String PLAN_MARKDOWN = "plan.md";

  private final Console console;

  public PlanCommand(Console console) {
    this.console = console;
  }

  /**
   * Plans and prints with default options, writing no files; returns the plan so callers can
   * decide.
   */
  public Plan run(Target target) {
    return run(new PlanRequest(target, PlanOptions.defaults(), null));
  }

  /** Plans, prints, and writes plan.json and plan.md when the request names a directory. */
  public Plan run(PlanRequest request) {
    DesiredState desired = request.target().load(console);
    try (AdminClient client = request.target().connect(desired, console)) {
      return planAndShow(
          desired, client, request.target(), request.options(), request.outputDirectory());
    }
  }

  /** Plans with an open client and prints the plan; shared with apply, which plans first. */
  public Plan planAndShow(DesiredState desired, AdminClient client, Target target) {
    return planAndShow(desired, client, target, PlanOptions.defaults(), null);
  }

  /**
   * Plans with an open client, prints the plan, and writes the plan files when {@code
   * outputDirectory} is set.
   */
  public Plan planAndShow(
      DesiredState desired,
      AdminClient client,
      Target target,
      PlanOptions options,
      Path outputDirectory) {
    String fileName = target.desiredFile().getFileName().toString();
    Planner.Planned planned = read(desired, client, options);
    Plan plan = planned.plan();
    show(plan, target);
    if (outputDirectory != null) {
      PlanReport report =
          new PlanReport(
              plan,
              desired,
              sha256(desired),
              planned.remote(),
              options,
              target.userAgent(),
              Instant.now());
      write(outputDirectory.resolve(PLAN_JSON), new JsonPlanWriter().render(report));
      write(
          outputDirectory.resolve(PLAN_MARKDOWN),
          new MarkdownPlanRenderer(fileName).render(report));
      console.info(
          "Plan written to " + outputDirectory.resolve(PLAN_JSON) + " and " + PLAN_MARKDOWN + ".");
    }
    return plan;
  }

  /**
   * Reads dbt Cloud and plans, saying where it reads and how many requests it took; prints no plan.
   */
  public Planner.Planned read(DesiredState desired, AdminClient client, PlanOptions options) {
    long projects =
        desired.projects().values().stream()
            .map(ProjectSpec::key)
            .filter(options::includesProject)
            .count();
    console.info(
        "Reading dbt Cloud at "
            + client.baseUrl()
            + " (account "
            + desired.account().id()
            + ", "
            + projects
            + " project(s))");
    int before = client.requestCount();
    Planner.Planned planned = new Planner(client).snapshotAndPlan(desired, options);
    console.info("Read in " + (client.requestCount() - before) + " request(s).");
    return planned;
  }

  /** Prints the plan as text, changes in apply order. */
  public void show(Plan plan, Target target) {
    new TextPlanRenderer(target.desiredFile().getFileName().toString(), console.colour())
        .render(plan)
        .forEach(console::info);
  }

  /**
   * The SHA-256 that plan.json records for the desired state, so that apply can tell the file
   * changed since.
   */
  public static String desiredSha256(DesiredState desired) {
    return sha256(desired);
  }

  /**
   * SHA-256 over the desired-state files' bytes, in order (for one file: what {@code sha256sum}
   * prints).
   */
  static String sha256(DesiredState desired) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : desired.files()) {
        digest.update(Files.readAllBytes(file));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the desired state again to hash it", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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
