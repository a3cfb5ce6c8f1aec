package io.github.dbtcloud.core.goal;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.Durations;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.api.ClientWarmup;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.plan.PlanFile;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.plan.ResourceKinds;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every goal works with, made once per goal: the desired state, loaded (and hashed, and named)
 * once with its warnings shown once; the console; the time; and the Admin API client, opened when a
 * goal first needs it and closed with the context. Steps of one goal (apply, then the verification
 * run, then the Semantic Layer check) share it.
 */
public final class GoalContext implements AutoCloseable {

  private static final AtomicBoolean PLAN_WARMED = new AtomicBoolean();

  /**
   * The build property ({@code -D} or the POM's {@code <properties>}) that sets the Admin API rate
   * limit in requests per minute, shared by every goal of the build.
   */
  public static final String RATE_LIMIT = "dbt.rateLimit";

  /** The build property bounding one call, retries included (default: the retry policy's 5 min). */
  public static final String CALL_TIMEOUT = "dbt.callTimeout";

  /** The build property bounding all the reads of a plan together. */
  public static final String READ_TIMEOUT = "dbt.readTimeout";

  /** How long a plan's reads may take in all unless the build says otherwise. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);

  private final Build build;
  private final Console console;
  private final Time time;
  private final DesiredState desired;
  private AdminClient admin;

  private GoalContext(Build build, Console console, Time time, DesiredState desired) {
    this.build = build;
    this.console = console;
    this.time = time;
    this.desired = desired;
  }

  /**
   * Loads the desired state and shows its warnings (also when it is invalid, so that everything is
   * fixed in one go).
   *
   * @throws InvalidDesiredStateException listing every problem of the file
   */
  public static GoalContext open(Build build, Console console, Time time) {
    if (build.token() != null) {
      // A goal that will connect: its client's libraries load beside the files, not after them.
      // Without a base URL from the build the host is the file's, dbt Cloud's: https.
      String url = build.baseUrl();
      ClientWarmup.start(url == null || url.isBlank() || !url.startsWith("http:"));
    }
    DesiredState desired;
    try {
      desired = new DesiredStateLoader(build.environment(), build.properties()).load(build.files());
    } catch (InvalidDesiredStateException e) {
      e.warnings().forEach(w -> console.warn(w.toString()));
      throw e;
    }
    desired.warnings().forEach(w -> console.warn(w.toString()));
    return new GoalContext(build, console, time, desired);
  }

  /** The desired state. */
  public DesiredState desired() {
    return desired;
  }

  /** What the build gave. */
  public Build build() {
    return build;
  }

  /** Where output goes. */
  public Console console() {
    return console;
  }

  /** The time. */
  public Time time() {
    return time;
  }

  /**
   * How to reach the account: the build's base URL, or else the file's {@code account.host}, the
   * token, and this context's time.
   */
  public ClientSettings settings() {
    String host =
        build.baseUrl() != null && !build.baseUrl().isBlank()
            ? build.baseUrl()
            : desired.account().host();
    if (build.token() == null) {
      throw new IllegalStateException("no API token; the build must supply one before connecting");
    }
    ClientSettings settings =
        ClientSettings.of(host, build.token(), build.userAgent())
            .withTime(time.sleeper(), time.clock());
    String rateLimit = build.properties().get(RATE_LIMIT);
    if (rateLimit != null && !rateLimit.isBlank()) {
      try {
        settings =
            settings.withRequestsPerMinute(ClientSettings.requestsPerMinute(rateLimit, RATE_LIMIT));
      } catch (IllegalArgumentException e) {
        throw new DbtCloudException(e.getMessage(), e);
      }
    }
    Duration callTimeout = setting(CALL_TIMEOUT);
    return callTimeout == null
        ? settings
        : settings.withRetry(settings.retry().withMaxTotal(callTimeout));
  }

  /** A duration the build gives ({@code -Ddbt.callTimeout=2m} or the POM), or null. */
  private Duration setting(String property) {
    Duration d = Durations.parse(build.properties().get(property), property);
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(
          property + ": '" + build.properties().get(property) + "' must be longer than zero");
    }
    return d;
  }

  /** The Admin API client, opened on first use; HTTP traces (redacted) go to debug. */
  public AdminClient admin() {
    if (admin == null) {
      admin = AdminClient.create(settings(), console);
    }
    return admin;
  }

  /** Reads dbt Cloud and plans, saying where it reads and how many requests it took. */
  public Planner.Planned plan(PlanOptions options) {
    long projects =
        desired.projects().values().stream()
            .map(ProjectSpec::key)
            .filter(options::includesProject)
            .count();
    AdminClient client = admin();
    // The kinds that plan and the plan.json writer are loaded while dbt Cloud answers, once in a
    // JVM: the goal needs them only when the answers are in.
    if (PLAN_WARMED.compareAndSet(false, true)) {
      ClientWarmup.beside(
          () -> {
            ResourceKinds.all();
            PlanFile.warm();
          });
    }
    console.info(
        "Reading dbt Cloud at "
            + client.baseUrl()
            + " (account "
            + desired.account().id()
            + ", "
            + projects
            + " project(s))");
    int before = client.requestCount();
    Duration limit = setting(READ_TIMEOUT);
    Planner.Planned planned =
        client.within(
            limit == null ? DEFAULT_READ_TIMEOUT : limit,
            READ_TIMEOUT,
            () -> new Planner().plan(client, desired, options));
    console.info("Read in " + (client.requestCount() - before) + " request(s).");
    return planned;
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }
}
