package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.ClientWarmup;
import io.github.dbtcloud.core.apply.Applier;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.apply.StopSignal;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.lease.ApplyLease;
import io.github.dbtcloud.core.lease.LeaseHolder;
import io.github.dbtcloud.core.lease.LeaseSettings;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.core.plan.PlanFile;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.remote.Projects;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code dbt:apply}: plan (or check a saved plan), print the plan, apply it, and print exactly what
 * was done; then, when the apply is complete, the verification run and the Semantic Layer check. A
 * change that fails skips what depends on it, the rest completes, and the build fails with the list
 * of what was done, failed and skipped; applying again finishes the job. The plan is read and
 * applied under the lease of every project it may write to (see docs/apply.md#two-applies-at-once),
 * so a second apply started at the same time waits, then plans what the first one did; an apply
 * whose first reading finds nothing to do takes no lease and writes nothing.
 */
public final class ApplyGoal {

  private final PlanOptions options;
  private final ApplyOptions apply;
  private final Path planFile;
  private final VerifyGoal verify;
  private final CheckMetricsGoal metrics;
  private final LeaseSettings lease;

  /**
   * @param options the build's plan selection and options (with a saved plan only the secrets to
   *     rotate and the empty-project permission count, the rest is the saved plan's)
   * @param apply parallelism and fail-fast
   * @param planFile a plan.json to apply exactly, or null to plan and apply in one go
   * @param verify the verification step, or null to skip it
   * @param metrics the Semantic Layer check step, or null to skip it
   */
  public ApplyGoal(
      PlanOptions options,
      ApplyOptions apply,
      Path planFile,
      VerifyGoal verify,
      CheckMetricsGoal metrics) {
    this(options, apply, planFile, verify, metrics, LeaseSettings.defaults());
  }

  /**
   * @param options the build's plan selection and options
   * @param apply parallelism and fail-fast
   * @param planFile a plan.json to apply exactly, or null to plan and apply in one go
   * @param verify the verification step, or null to skip it
   * @param metrics the Semantic Layer check step, or null to skip it
   * @param lease whether and how long to wait for the projects' apply lease
   */
  public ApplyGoal(
      PlanOptions options,
      ApplyOptions apply,
      Path planFile,
      VerifyGoal verify,
      CheckMetricsGoal metrics,
      LeaseSettings lease) {
    this.lease = lease;
    this.options = options;
    this.apply = apply;
    this.planFile = planFile;
    this.verify = verify;
    this.metrics = metrics;
  }

  /**
   * Applies, then verifies and checks the metrics when they are configured.
   *
   * @throws io.github.dbtcloud.core.apply.ApplyIncompleteException when a change failed or the
   *     build was stopped
   */
  public ApplyResult run(GoalContext context) {
    Console console = context.console();
    // Writing needs Jackson's databind for request bodies, which reading never does: it loads
    // meanwhile (an apply with nothing to do leaves it unused).
    ClientWarmup.beside(ClientWarmup::writes);
    ApplyResult result;
    AtomicReference<ApplyLease> held = new AtomicReference<>();
    // a saved plan made from another file is refused before anything is read or written
    PlanFile saved = planFile != null ? readSaved(context) : null;
    Runnable unhook = context.time().hooks().register(() -> releaseOnShutdown(held));
    try {
      result = nothingToDo(context, saved);
      if (result == null) {
        result = applyLeased(context, saved, held);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.github.dbtcloud.core.DbtCloudException(
          "The apply was interrupted while waiting for the apply lease; nothing was written.");
    } finally {
      unhook.run();
    }
    if (verify == null) {
      console.info("Skipping the verification run because dbt.verify.skip = true");
    } else {
      console.info("");
      if (verify.runIfConfigured(context).isEmpty()) {
        console.info(
            "No verification run: " + context.desired().name() + " has no 'verify:' section.");
      }
    }
    if (metrics == null) {
      console.info("Skipping the Semantic Layer check because dbt.metrics.skip = true");
    } else {
      metrics.runIfConfigured(context);
    }
    return result;
  }

  /**
   * The result of an apply that has nothing to do, found by reading dbt Cloud without the lease, or
   * null when there is something to do (or a saved plan, or no lease). Taking the lease is two
   * writes (a variable created and deleted) and may wait for another apply; a plan that is already
   * empty needs neither: whatever another apply is doing, this one's file already holds. It only
   * clears a lease that has expired (a killed apply's), so that the project is left clean. When
   * there are changes the plan is read again under the lease, and that plan is the one shown and
   * applied.
   */
  private ApplyResult nothingToDo(GoalContext context, PlanFile saved) {
    if (saved != null || !lease.enabled()) {
      return null;
    }
    Planner.Planned unleased = context.plan(options);
    if (!unleased.plan().isEmpty()) {
      context
          .console()
          .info("There are changes to make: taking the apply lease, then reading dbt Cloud again.");
      return null;
    }
    PlanGoal.show(context, unleased);
    long account = context.desired().account().id();
    for (var project : unleased.snapshot().projects().values()) {
      ApplyLease.clearExpired(
          context.admin(), account, project.id(), context.time().clock(), context.console());
    }
    return emptyResult(context.console());
  }

  private ApplyResult applyLeased(
      GoalContext context, PlanFile saved, AtomicReference<ApplyLease> held)
      throws InterruptedException {
    try (ApplyLease leased = lock(context)) {
      held.set(leased);
      Plan plan = saved != null ? savedPlan(context, saved) : planNow(context);
      if (plan.isEmpty()) {
        return emptyResult(context.console());
      }
      context.console().info("");
      return new Applier(
              context.admin(), context.console(), context.time().sleeper(), apply, new StopSignal())
          .applyUntilStopped(plan, context.time().hooks());
    }
  }

  private static ApplyResult emptyResult(Console console) {
    ApplyResult result = new ApplyResult(0, 0, 0, 0, Duration.ZERO, java.util.List.of());
    console.info(result.summary() + " " + result.cost());
    return result;
  }

  /**
   * Takes the lease of every project the apply may write to, before the plan is read: an apply that
   * waited then plans what the other one did.
   */
  private ApplyLease lock(GoalContext context) throws InterruptedException {
    Console console = context.console();
    if (!lease.enabled()) {
      console.warn(
          "dbt.lock = false: this apply takes no lease, so another apply of the same projects"
              + " running now could create the same objects twice. Use it only when nothing else"
              + " applies to these projects.");
      return ApplyLease.none();
    }
    long account = context.desired().account().id();
    List<ProjectSpec> specs =
        context.desired().projects().values().stream()
            .filter(p -> options.includesProject(p.key()))
            .toList();
    List<Long> ids = new ArrayList<>();
    List<ProjectSpec> byName = new ArrayList<>();
    for (ProjectSpec spec : specs) {
      if (spec.id() != null) {
        ids.add(spec.id());
      } else {
        byName.add(spec);
      }
    }
    if (!byName.isEmpty()) {
      new Projects(context.admin()).find(account, byName).values().forEach(p -> ids.add(p.id()));
    }
    if (ids.isEmpty()) {
      return ApplyLease.none();
    }
    var clock = context.time().clock();
    ApplyLease taken;
    try {
      taken = acquire(context, account, ids, clock);
    } catch (io.github.dbtcloud.core.api.DbtCloudApiException e) {
      if (e.status() == 403 || e.status() == 404) {
        // a project the token cannot see: say so as the plan would (this throws when it is that)
        new Projects(context.admin()).find(account, specs);
      }
      throw e;
    }
    console.info(
        "Holding the apply lease of "
            + taken.projects()
            + " project(s) until the apply ends (another apply of them waits).");
    return taken;
  }

  private ApplyLease acquire(
      GoalContext context, long account, List<Long> ids, java.time.Clock clock)
      throws InterruptedException {
    Console console = context.console();
    return ApplyLease.acquire(
        context.admin(),
        account,
        ids,
        lease,
        LeaseHolder.of(
            context.build().label(),
            context.build().environment(),
            clock.instant(),
            clock.instant().plus(lease.expiry())),
        console,
        context.time().sleeper(),
        clock);
  }

  /**
   * Ctrl-C: the apply stops scheduling and releases its lease on the way out; the JVM waits for
   * that, and releases it here when the apply is stuck.
   */
  private static void releaseOnShutdown(AtomicReference<ApplyLease> held) {
    ApplyLease lease = held.get();
    if (lease == null) {
      return;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (!lease.released() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    lease.close();
  }

  private Plan planNow(GoalContext context) {
    Planner.Planned planned = context.plan(options);
    PlanGoal.show(context, planned);
    return planned.plan();
  }

  private PlanFile readSaved(GoalContext context) {
    PlanFile saved = PlanFile.read(planFile);
    context
        .console()
        .info("Applying the saved plan " + planFile + " (made " + saved.createdAt() + ")");
    saved.requireSameDesiredState(planFile, context.desired(), context.admin().baseUrl());
    return saved;
  }

  /**
   * Plans again under the lease and refuses the saved plan when anything differs: a change by
   * another apply since the plan was made included.
   */
  private Plan savedPlan(GoalContext context, PlanFile saved) {
    Console console = context.console();
    PlanOptions savedOptions = saved.options(options);
    Planner.Planned now = context.plan(savedOptions);
    saved.requireSameObjects(
        planFile,
        PlanFile.of(
            now.plan(),
            now.snapshot(),
            context.desired(),
            savedOptions,
            context.build().userAgent(),
            context.time().clock().instant()));
    console.info("Every object is as the saved plan found it; applying it:");
    PlanGoal.show(context, now);
    return now.plan();
  }
}
