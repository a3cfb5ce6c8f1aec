package io.github.dbtcloud.core.lease;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a lease and until when, as the lease variable's project value says it in words a person
 * reads in dbt Cloud's UI: {@code lease 3f2a... until 2026-12-05T07:02:00Z; since
 * 2026-12-05T07:00:00Z; by ci@runner-7 pid 4242; build com.acme:analytics 1.0}.
 *
 * @param id this apply's own lease id (a random UUID), so that an apply knows its own lease
 * @param until when the lease expires unless renewed
 * @param since when the apply took it
 * @param who user and host, {@code ci@runner-7}
 * @param pid the holder's process id
 * @param build the build's name, and the CI run's address when the CI server gives one
 */
public record LeaseHolder(
    String id, Instant until, Instant since, String who, long pid, String build) {

  private static final Pattern VALUE =
      Pattern.compile("^lease (\\S+) until (\\S+); since (\\S+); by (.*) pid (\\d+); build (.*)$");

  public LeaseHolder {
    until = until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    since = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    who = oneLine(who).replace(' ', '_');
    build = oneLine(build);
  }

  /**
   * This process, for the build {@code label}: user and host from the JVM and the environment, the
   * CI run's address when the CI server gives one.
   */
  public static LeaseHolder of(String label, Map<String, String> env, Instant now, Instant until) {
    String user = System.getProperty("user.name", "unknown");
    String host =
        firstNonBlank(env.get("HOSTNAME"), env.get("COMPUTERNAME"))
            .orElseGet(LeaseHolder::localHost);
    String build = label == null || label.isBlank() ? "a build" : label;
    Optional<String> run = ciRun(env);
    if (run.isPresent()) {
      build = build + " (" + run.get() + ")";
    }
    return new LeaseHolder(
        UUID.randomUUID().toString(),
        until,
        now,
        user + "@" + host,
        ProcessHandle.current().pid(),
        build);
  }

  /** The same holder, expiring at {@code later}. */
  public LeaseHolder until(Instant later) {
    return new LeaseHolder(id, later, since, who, pid, build);
  }

  /** The variable's value. */
  public String value() {
    return "lease "
        + id
        + " until "
        + until
        + "; since "
        + since
        + "; by "
        + who
        + " pid "
        + pid
        + "; build "
        + build;
  }

  /** A value written by {@link #value()}, or empty when someone wrote something else. */
  public static Optional<LeaseHolder> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = VALUE.matcher(value.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LeaseHolder(
              m.group(1),
              Instant.parse(m.group(2)),
              Instant.parse(m.group(3)),
              m.group(4),
              Long.parseLong(m.group(5)),
              m.group(6)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the lease has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(until);
  }

  /** {@code build com.acme:x 1.0 (ci@runner-7, pid 4242), since 07:00:00Z, expires 07:02:00Z}. */
  public String describe() {
    return "build "
        + build
        + " ("
        + who
        + ", pid "
        + pid
        + "), holding it since "
        + since
        + ", expiring at "
        + until
        + " unless renewed";
  }

  private static Optional<String> ciRun(Map<String, String> env) {
    String github = env.get("GITHUB_RUN_ID");
    if (github != null && env.get("GITHUB_REPOSITORY") != null) {
      return Optional.of(
          env.getOrDefault("GITHUB_SERVER_URL", "https://github.com")
              + "/"
              + env.get("GITHUB_REPOSITORY")
              + "/actions/runs/"
              + github);
    }
    return firstNonBlank(env.get("BUILD_URL"), env.get("CI_JOB_URL"));
  }

  private static Optional<String> firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return Optional.of(v.strip());
      }
    }
    return Optional.empty();
  }

  private static String localHost() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown-host";
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n;]+", " ").strip();
  }
}
