package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.TriggerRequest;
import io.github.dbtcloud.core.config.VerifySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decides one verification run from layered settings: fills in the defaults, checks the values, and
 * makes the trigger body. Static: a run is fully decided before anything is sent.
 */
final class VerifySettingsResolver {

  /** Below this, polling would hammer dbt Cloud's API (and its 5,000 requests/minute limit). */
  static final Duration SHORTEST_POLL = Duration.ofMillis(100);

  private VerifySettingsResolver() {}

  /**
   * The settings with every default filled in and every value checked: job, timing, cause and steps
   * are then never null.
   *
   * @param settings the build's settings over the file's
   * @param buildLabel the build's name for the default cause
   * @param env the process environment (the CI system's build link goes into the default cause)
   * @param warn where to say that a value is not sent as given
   * @throws IllegalArgumentException naming every bad value
   */
  static VerifySettings resolve(
      VerifySettings settings, String buildLabel, Map<String, String> env, Consumer<String> warn) {
    String job = settings.job().strip();
    String project = settings.project();
    int slash = job.indexOf('/');
    if (settings.jobPosition() == null && slash > 0) {
      // -Ddbt.verify.job=project/key, as dbt.jobs writes it (a key never contains '/')
      project = job.substring(0, slash).strip();
      job = job.substring(slash + 1);
    }
    List<String> problems = new ArrayList<>();
    Duration timeout = settings.timeoutOrDefault();
    Duration pollMin = first(settings.pollMin(), VerifySettings.DEFAULT_POLL_MIN);
    Duration pollMax = first(settings.pollMax(), VerifySettings.DEFAULT_POLL_MAX);
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
    Integer threads = settings.threadsOverride();
    if (threads != null && threads < 1) {
      problems.add("threads_override is " + threads + "; give at least 1");
    }
    if (!problems.isEmpty()) {
      String where = settings.position() != null ? " (verify: at " + settings.position() + ")" : "";
      throw new IllegalArgumentException(
          "verification settings" + where + ": " + String.join("; ", problems));
    }
    String cause = settings.cause();
    if (cause == null || cause.isBlank()) {
      cause = Cause.byDefault(buildLabel, env);
    } else if (cause.strip().length() > Cause.MAX) {
      warn.accept(
          "The verification cause has "
              + cause.strip().length()
              + " characters; dbt Cloud takes at most "
              + Cause.MAX
              + ", so it is cut to fit.");
      cause = Cause.fit(cause);
    }
    List<String> steps = new ArrayList<>();
    for (String s :
        settings.stepsOverride() == null ? List.<String>of() : settings.stepsOverride()) {
      if (s != null && !s.isBlank()) {
        steps.add(s.strip());
      }
    }
    return new VerifySettings(
        job.strip(),
        project,
        cause.strip(),
        text("git_branch", settings.gitBranch(), warn),
        text("git_sha", settings.gitSha(), warn),
        text("schema_override", settings.schemaOverride(), warn),
        steps,
        threads,
        text("target_name_override", settings.targetNameOverride(), warn),
        timeout,
        pollMin,
        pollMax,
        settings.cancelOnTimeout() == null || settings.cancelOnTimeout(),
        settings.position(),
        settings.jobPosition());
  }

  /** Where the job was named, for messages ({@code verify.job at dbt-cloud.yml:31:8}). */
  static String origin(VerifySettings settings) {
    return settings.jobPosition() == null
        ? "the job parameter (dbt.verify.job)"
        : "verify.job at " + settings.jobPosition();
  }

  /** The trigger body of resolved settings. */
  static TriggerRequest trigger(VerifySettings resolved) {
    return new TriggerRequest(
        resolved.cause(),
        resolved.gitBranch(),
        resolved.gitSha(),
        resolved.schemaOverride(),
        resolved.stepsOverride(),
        resolved.threadsOverride(),
        resolved.targetNameOverride());
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

  private static <T> T first(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
