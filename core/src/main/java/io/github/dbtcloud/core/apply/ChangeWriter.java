package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.Sleeper;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.plan.Change;
import io.github.dbtcloud.core.plan.PendingReference;
import io.github.dbtcloud.core.plan.ResourceAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Carries out one change. A create is sent once: when its answer is lost (no answer, a timeout or a
 * 5xx) dbt Cloud may have committed it, so the object is looked for again (a job by its marker, an
 * environment or a variable by its name) and adopted when found; only a 429, which dbt Cloud
 * answers before doing anything, sends it again. An update reads the object again and moves the
 * planned change onto it ({@link Rebase}), so fields the file does not manage keep dbt Cloud's
 * current value. Ids of objects created earlier in the same apply fill the change's pending
 * references.
 */
final class ChangeWriter {

  /** Waits before a create refused with 429 is sent again (dbt Cloud did nothing with it). */
  static final List<Duration> RATE_LIMITED_WAITS =
      List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15));

  /** What one change did. */
  enum Effect {
    ADDED,
    CHANGED,
    DESTROYED
  }

  /**
   * @param effect what it counts as in the summary
   * @param id the object's id, when it has one
   * @param detail what was done, e.g. {@code created (id 123)}
   */
  record Written(Effect effect, Long id, String detail) {}

  private final DbtCloudWrites api;
  private final Sleeper sleeper;
  private final Map<ResourceAddress, Long> created = new ConcurrentHashMap<>();

  ChangeWriter(DbtCloudWrites api, Sleeper sleeper) {
    this.api = api;
    this.sleeper = sleeper;
  }

  Written write(Change change) throws InterruptedException {
    if (change instanceof Change.Create c) {
      return create(c);
    }
    if (change instanceof Change.Update u) {
      return update(u);
    }
    return delete((Change.Delete) change);
  }

  // ------------------------------------------------------------------ creates

  private Written create(Change.Create c) throws InterruptedException {
    WireObject body = resolve(c.after(), c.pending(), c.address());
    if (body instanceof Environment e) {
      Sent<Environment> answer =
          sendOnce(
              () -> api.createEnvironment(e.projectId(), e),
              () ->
                  single(
                      api.listEnvironments(e.projectId()).stream()
                          .filter(x -> e.name().equals(x.name()))
                          .toList(),
                      "environments named \"" + e.name() + "\""),
              "environment named \"" + e.name() + "\"",
              "the project's environments were listed again");
      return created(c, answer.object().id(), answer);
    }
    if (body instanceof EnvironmentVariable v) {
      Sent<EnvironmentVariable> answer =
          sendOnce(
              () -> {
                api.createEnvironmentVariable(v.projectId(), v);
                return v;
              },
              () ->
                  Optional.ofNullable(
                      api.environmentVariables(v.projectId()).variables().get(v.name())),
              "variable named " + v.name(),
              "the project's variables were read again");
      return created(c, null, answer);
    }
    if (body instanceof JobEnvironmentVariable v) {
      Sent<JobEnvironmentVariable> answer =
          sendOnce(
              () -> api.createJobEnvironmentVariable(v.projectId(), v),
              () ->
                  api.jobEnvironmentVariables(v.projectId(), v.jobId()).stream()
                      .filter(x -> v.name().equals(x.name()))
                      .findFirst(),
              "override of " + v.name(),
              "the job's variables were read again");
      return created(c, answer.object().id(), answer);
    }
    Job job = (Job) body;
    Marker marker =
        Marker.findIn(job.description(), job.name())
            .orElseThrow(
                () -> new IllegalStateException(c.address() + " is planned without a marker"));
    Sent<Job> answer =
        sendOnce(
            () -> api.createJob(job),
            () ->
                single(
                    api.listJobs(job.projectId()).stream()
                        .filter(
                            x ->
                                Marker.findIn(x.description(), x.name())
                                    .map(marker::sameIdentity)
                                    .orElse(false))
                        .toList(),
                    "jobs carrying " + marker.withFingerprint(null).text()),
            "job carrying " + marker.withFingerprint(null).withProtect(false).text(),
            "the project's jobs were listed again");
    Job made = answer.object();
    if (c.pending().stream().anyMatch(p -> p.target().equals(c.address()))) {
      // a job that defers to itself can only name its own id once it has one
      made = api.updateJob(made.withDeferringJobId(made.id()));
    }
    return created(c, made.id(), new Sent<>(made, answer.adoptedAfter()));
  }

  private Written created(Change.Create c, Long id, Sent<?> sent) {
    if (id != null) {
      created.put(c.address(), id);
    }
    String ids = id == null ? "" : " (id " + id + ")";
    String detail =
        sent.adoptedAfter() == null
            ? "created" + ids
            : "created"
                + ids
                + "; dbt Cloud's answer was lost ("
                + sent.adoptedAfter()
                + ") but the create had"
                + " been committed, so the object was found and adopted";
    return new Written(Effect.ADDED, id, detail);
  }

  /**
   * What a create sent: the object and, when it had to be found again after a lost answer, what
   * happened to that answer.
   */
  private record Sent<T>(T object, String adoptedAfter) {}

  private <T> Sent<T> sendOnce(
      Supplier<T> send, Supplier<Optional<T>> find, String what, String howLooked)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return new Sent<>(send.get(), null);
      } catch (DbtCloudApiException e) {
        if (e.status() == 429 && attempt < RATE_LIMITED_WAITS.size()) {
          sleeper.sleep(RATE_LIMITED_WAITS.get(attempt));
          continue;
        }
        if (!mayHaveBeenCommitted(e)) {
          throw e;
        }
        String lost =
            e.answered()
                ? "HTTP " + e.status() + " to " + e.method() + " " + e.path()
                : "no answer to " + e.method() + " " + e.path() + ": " + e.userMessage();
        Optional<T> found;
        try {
          found = find.get();
        } catch (RuntimeException again) {
          throw new DbtCloudFailure(
              describe(e)
                  + " A create that gets no proper answer may have been committed"
                  + " anyway, and checking for it failed too ("
                  + again.getMessage()
                  + "), so the "
                  + what
                  + " may exist now. Run dbt:plan before applying again: it finds it and never creates it twice.",
              e);
        }
        if (found.isPresent()) {
          return new Sent<>(found.get(), lost);
        }
        throw new DbtCloudFailure(
            describe(e)
                + " A create that gets no proper answer may have been committed"
                + " anyway, so "
                + howLooked
                + ": there is no "
                + what
                + ", so it was not created. Apply again to"
                + " create it.",
            e);
      }
    }
  }

  private static String describe(DbtCloudApiException e) {
    return e.answered()
        ? "dbt Cloud answered HTTP "
            + e.status()
            + " to "
            + e.method()
            + " "
            + e.path()
            + " ("
            + e.userMessage()
            + ")."
        : "No answer from dbt Cloud to "
            + e.method()
            + " "
            + e.path()
            + " ("
            + e.userMessage()
            + ").";
  }

  /** No answer, a timeout, or a server error: dbt Cloud may have done it. A 4xx is a refusal. */
  static boolean mayHaveBeenCommitted(DbtCloudApiException e) {
    return !e.answered() || e.status() == 408 || e.status() >= 500;
  }

  private static <T> Optional<T> single(List<T> found, String what) {
    if (found.size() > 1) {
      throw new DbtCloudFailure(
          "dbt Cloud now holds " + found.size() + " " + what + "; remove the extra one(s)");
    }
    return found.stream().findFirst();
  }

  // ------------------------------------------------------------------ updates

  private Written update(Change.Update u) {
    WireObject body = resolve(u.after(), u.pending(), u.address());
    Long id = u.before().id();
    String updated = "updated" + (id == null ? "" : " (id " + id + ")");
    if (body instanceof Environment e) {
      Environment now = current(u, () -> api.getEnvironment(e.projectId(), id));
      Environment merged =
          new Environment(Rebase.onto(now.fields(), u.before().fields(), e.fields()));
      Environment answer =
          api.updateEnvironment(e.projectId(), merged.withDeploymentType(merged.deploymentType()));
      return new Written(Effect.CHANGED, answer.id(), updated);
    }
    if (body instanceof EnvironmentVariable v) {
      EnvironmentVariable now = api.environmentVariables(v.projectId()).variables().get(v.name());
      if (now == null) {
        throw gone(u);
      }
      api.updateEnvironmentVariable(v.projectId(), now, v);
      return new Written(Effect.CHANGED, null, updated);
    }
    if (body instanceof JobEnvironmentVariable v) {
      JobEnvironmentVariable answer = api.updateJobEnvironmentVariable(v.projectId(), v);
      return new Written(Effect.CHANGED, answer.id(), updated);
    }
    Job job = (Job) body;
    Job now = current(u, () -> api.getJob(id));
    Job answer =
        api.updateJob(new Job(Rebase.onto(now.fields(), u.before().fields(), job.fields())));
    return new Written(Effect.CHANGED, answer.id(), updated);
  }

  private static <T> T current(Change change, Supplier<T> read) {
    try {
      return read.get();
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        throw gone(change);
      }
      throw e;
    }
  }

  private static DbtCloudFailure gone(Change change) {
    return new DbtCloudFailure(
        change.address()
            + (change.before().id() == null ? "" : " (id " + change.before().id() + ")")
            + " no longer exists in dbt Cloud: it was deleted since the plan was made."
            + " Apply again: the new plan creates it.");
  }

  // ------------------------------------------------------------------ deletes

  private Written delete(Change.Delete d) {
    long id = d.before().id();
    try {
      api.deleteJob(id);
      return new Written(Effect.DESTROYED, id, "destroyed (id " + id + ")");
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        // a retried DELETE whose first attempt went through, or someone was quicker
        return new Written(Effect.DESTROYED, id, "destroyed (id " + id + "; it was already gone)");
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------- shared

  /** The body with the ids created earlier in this apply filled in. */
  private WireObject resolve(
      WireObject body, List<PendingReference> pending, ResourceAddress self) {
    WireObject out = body;
    for (PendingReference p : pending) {
      if (p.target().equals(self)) {
        continue;
      }
      Long id = created.get(p.target());
      if (id == null) {
        throw new IllegalStateException(
            p.target() + " was not created before " + self + " needed its id");
      }
      out =
          switch (p.field()) {
            case ENVIRONMENT_ID -> ((Job) out).withEnvironmentId(id);
            case DEFERRING_ENVIRONMENT_ID -> ((Job) out).withDeferringEnvironmentId(id);
            case DEFERRING_JOB_ID -> ((Job) out).withDeferringJobId(id);
            case COMPLETION_JOB_ID -> ((Job) out).withCompletionTriggerJobId(id);
            case JOB_DEFINITION_ID -> ((JobEnvironmentVariable) out).withJobId(id);
          };
    }
    return out;
  }
}
