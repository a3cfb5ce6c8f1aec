package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.TriggerRequest;
import io.github.dbtcloud.core.config.VerifySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One verification run, fully decided: the job, the trigger body and how to wait. Built from the
 * file's {@code verify:} section with the build's options on top ({@link #resolve}).
 *
 * @param job a job key from the file, or a numeric job id
 * @param project the project key of {@code job} when the file or the build names it ({@code
 *     verify.project}, or {@code -Ddbt.verify.job=project/key}); null to find the key in the one
 *     project that declares it
 * @param origin where the job was named, for messages ({@code verify.job at dbt-cloud.yml:31:8})
 * @param trigger the trigger body
 * @param timeout overall wait before giving up
 * @param pollMin shortest wait between polls
 * @param pollMax longest wait between polls
 * @param cancelOnTimeout cancel the run when the timeout passes
 * @param reportFile where the JUnit XML goes
 */
public record VerifyRequest(
    String job,
    String project,
    String origin,
    TriggerRequest trigger,
    Duration timeout,
    Duration pollMin,
    Duration pollMax,
    boolean cancelOnTimeout,
    Path reportFile) {

  /**
   * Below this, polling would hammer dbt Cloud's API (and its 5,000 requests/minute account limit).
   */
  public static final Duration SHORTEST_POLL = Duration.ofMillis(100);

  static final Duration DEFAULT_POLL_MIN = Duration.ofSeconds(2);
  static final Duration DEFAULT_POLL_MAX = Duration.ofSeconds(30);

  /**
   * The run the file and the build ask for, or empty when neither names a job.
   *
   * @param warn where to say that an empty text setting is not sent
   */
  static Optional<VerifyRequest> resolve(
      Optional<VerifySpec> file,
      VerifyOptions build,
      Map<String, String> env,
      Consumer<String> warn) {
    VerifySpec spec = file.orElse(null);
    String job = first(build.job(), spec == null ? null : spec.job());
    if (job == null || job.isBlank()) {
      return Optional.empty();
    }
    String origin =
        build.job() != null
            ? "the job parameter (dbt.verify.job)"
            : "verify.job at " + spec.position();
    String project = build.job() != null ? null : spec.project();
    int slash = job.indexOf('/');
    if (build.job() != null && slash > 0) {
      // -Ddbt.verify.job=project/key, as dbt.jobs writes it (a key never contains '/')
      project = job.substring(0, slash).strip();
      job = job.substring(slash + 1);
    }
    List<String> problems = new ArrayList<>();
    Duration timeout =
        first(build.timeout(), spec == null ? null : spec.timeout(), VerifySpec.DEFAULT_TIMEOUT);
    Duration pollMin =
        first(build.pollMin(), spec == null ? null : spec.pollMin(), DEFAULT_POLL_MIN);
    Duration pollMax =
        first(build.pollMax(), spec == null ? null : spec.pollMax(), DEFAULT_POLL_MAX);
    if (timeout.isNegative() || timeout.isZero()) {
      problems.add("timeout is " + timeout + "; give a positive duration such as 45m");
    }
    if (pollMin.compareTo(SHORTEST_POLL) < 0) {
      problems.add(
          "poll_min is "
              + Durations.format(pollMin)
              + "; polling faster than every "
              + Durations.format(SHORTEST_POLL)
              + " would hammer the API, use at least that");
    }
    if (pollMax.compareTo(pollMin) < 0) {
      problems.add(
          "poll_max ("
              + Durations.format(pollMax)
              + ") is shorter than poll_min ("
              + Durations.format(pollMin)
              + "); make poll_max at least poll_min");
    }
    Integer threads = first(build.threadsOverride(), spec == null ? null : spec.threadsOverride());
    if (threads != null && threads < 1) {
      problems.add("threads_override is " + threads + "; give at least 1");
    }
    if (!problems.isEmpty()) {
      String where = spec != null ? " (verify: at " + spec.position() + ")" : "";
      throw new IllegalArgumentException(
          "verification settings" + where + ": " + String.join("; ", problems));
    }
    String cause = first(build.cause(), spec == null ? null : spec.cause());
    if (cause == null || cause.isBlank()) {
      cause = Cause.byDefault(build.buildLabel(), env);
    } else if (cause.strip().length() > Cause.MAX) {
      warn.accept(
          "The verification cause has "
              + cause.strip().length()
              + " characters; dbt Cloud takes at most "
              + Cause.MAX
              + ", so it is cut to fit.");
      cause = Cause.fit(cause);
    }
    List<String> steps =
        build.stepsOverride() != null
            ? build.stepsOverride()
            : spec == null ? List.of() : spec.stepsOverride();
    List<String> kept = new ArrayList<>();
    for (String s : steps) {
      if (s != null && !s.isBlank()) {
        kept.add(s.strip());
      }
    }
    TriggerRequest trigger =
        new TriggerRequest(
            cause.strip(),
            text(
                "git_branch",
                first(build.gitBranch(), spec == null ? null : spec.gitBranch()),
                warn),
            text("git_sha", first(build.gitSha(), spec == null ? null : spec.gitSha()), warn),
            text(
                "schema_override",
                first(build.schemaOverride(), spec == null ? null : spec.schemaOverride()),
                warn),
            kept,
            threads,
            text(
                "target_name_override",
                first(build.targetNameOverride(), spec == null ? null : spec.targetNameOverride()),
                warn));
    boolean cancel =
        first(build.cancelOnTimeout(), spec == null ? null : spec.cancelOnTimeout(), true);
    return Optional.of(
        new VerifyRequest(
            job.strip(),
            project,
            origin,
            trigger,
            timeout,
            pollMin,
            pollMax,
            cancel,
            build.reportFile()));
  }

  /**
   * dbt Cloud refuses {@code ""} for its optional strings (minLength 1), so an empty setting is not
   * sent.
   */
  private static String text(String setting, String value, Consumer<String> warn) {
    if (value != null && value.isBlank()) {
      warn.accept(
          "The verification setting "
              + setting
              + " is empty; it is not sent (dbt Cloud refuses empty"
              + " values), so the job's own setting applies.");
      return null;
    }
    return value == null ? null : value.strip();
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
