package io.github.dbtcloud.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.admin.AccountsApi;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.AdminSettings;
import io.github.dbtcloud.emulator.admin.EnvironmentVariablesApi;
import io.github.dbtcloud.emulator.admin.EnvironmentsApi;
import io.github.dbtcloud.emulator.admin.JobsApi;
import io.github.dbtcloud.emulator.admin.ProjectsApi;
import io.github.dbtcloud.emulator.alerts.NotificationsApi;
import io.github.dbtcloud.emulator.alerts.WebhooksApi;
import io.github.dbtcloud.emulator.faults.Faults;
import io.github.dbtcloud.emulator.http.ExchangeListener;
import io.github.dbtcloud.emulator.http.HttpFrontEnd;
import io.github.dbtcloud.emulator.http.Journal;
import io.github.dbtcloud.emulator.http.JournalEntry;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.runs.RunControl;
import io.github.dbtcloud.emulator.runs.RunScripts;
import io.github.dbtcloud.emulator.runs.RunsApi;
import io.github.dbtcloud.emulator.seed.SeedLoader;
import io.github.dbtcloud.emulator.semantic.SemanticLayerApi;
import io.github.dbtcloud.emulator.semantic.SemanticLayerControl;
import io.github.dbtcloud.emulator.semantic.SemanticLayerSeed;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.users.UsersApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A local dbt Cloud: the Admin API on the JDK HTTP server, in memory, optionally persisted to a
 * JSON file, with scriptable faults and a request journal. Start one with {@link #builder()}; it is
 * what tests, samples and {@code baseUrl=embedded} talk to.
 */
public final class DbtCloudEmulator implements AutoCloseable {

  private final EmulatorState state;
  private final Journal journal;
  private final Faults faults;
  private final HttpFrontEnd http;
  private final String host;
  private final Path stateFile;
  private final RunControl runs;
  private final AdminSettings settings;

  private DbtCloudEmulator(Builder b) throws IOException {
    Clock clock = b.clock;
    JsonNode seed = b.seed != null ? b.seed : SeedLoader.demo();
    boolean resume = b.stateFile != null && Files.exists(b.stateFile);
    this.state = resume ? EmulatorState.loadFrom(b.stateFile) : new EmulatorState();
    AdminSettings settings = b.settings.with(seed.path("settings"));
    this.settings = settings;
    AdminContext ctx = new AdminContext(state, clock, settings);
    AccountsApi accounts = new AccountsApi(ctx);
    ProjectsApi projects = new ProjectsApi(ctx);
    EnvironmentsApi environments = new EnvironmentsApi(ctx);
    JobsApi jobs = new JobsApi(ctx);
    EnvironmentVariablesApi variables = new EnvironmentVariablesApi(ctx);
    Router router = new Router();
    accounts.register(router);
    projects.register(router);
    this.runs = new RunsApi(ctx, this::baseUrl).register(router);
    environments.register(router);
    jobs.register(router);
    variables.register(router);
    new SemanticLayerApi(state, clock).register(router);
    UsersApi users = new UsersApi(ctx);
    users.register(router);
    NotificationsApi notifications = new NotificationsApi(ctx);
    notifications.register(router);
    WebhooksApi webhooks = new WebhooksApi(ctx);
    webhooks.register(router);
    // Extension point: the run simulation (runs/) and the Semantic Layer (semantic/) register their
    // routes here, one call each, before the SeedLoader below gets their sections.
    SeedLoader seeds = new SeedLoader(accounts, projects, environments, jobs, variables);
    // Extension point: one seeds.section("run_scripts", ...) / seeds.section("semantic_layer", ...)
    // call each.
    seeds.section("run_scripts", RunScripts::load);
    seeds.section("semantic_layer", SemanticLayerSeed::load);
    seeds.section("users", users::seed);
    seeds.section("notifications", notifications::seed);
    seeds.section("webhooks", webhooks::seed);
    if (!resume) {
      seeds.load(seed, state);
    }
    this.faults = new Faults(clock).configure(seed.path("faults"));
    this.journal = new Journal(b.journalCapacity, b.journalResponses, b.journalResponseBudget);
    this.stateFile = b.stateFile;
    Runnable persist = stateFile == null ? () -> {} : this::persist;
    persist.run();
    this.host = b.host;
    List<ExchangeListener> listeners = new ArrayList<>(b.listeners);
    ServiceLoader.load(ExchangeListener.class, DbtCloudEmulator.class.getClassLoader())
        .forEach(listeners::add);
    boolean strict =
        b.strictTrailingSlash
            || seed.path("settings").path("strict_trailing_slash").asBoolean(false);
    this.http =
        new HttpFrontEnd(
            b.host,
            b.port,
            router,
            journal,
            persist,
            new HttpFrontEnd.Options(faults, strict, listeners));
  }

  /**
   * A builder with the defaults: 127.0.0.1, a free port, the demo seed, no persistence, no faults.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:54321} (no {@code /api}). */
  public String baseUrl() {
    return "http://" + host + ":" + http.port();
  }

  /** The bound port. */
  public int port() {
    return http.port();
  }

  /** Every request answered so far (up to the journal's capacity), oldest first. */
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  /** Forgets the journal so far. */
  public void clearJournal() {
    journal.clear();
  }

  /** The Semantic Layer's metrics, to add, break or remove between the steps of a test. */
  public SemanticLayerControl semanticLayer() {
    return new SemanticLayerControl(state);
  }

  /** The tokens this emulator accepts, with their account ids, in seed order. */
  public Map<String, Long> tokens() {
    return state.tokens();
  }

  /**
   * The fault injector and rate limiter, configurable while the emulator runs, e.g. {@code
   * emulator.faults().add(FaultRule.on("POST", "/api/v2/accounts/*}{@code
   * /jobs/").nth(1).then(Fault.commitThenFail()))}.
   */
  public Faults faults() {
    return faults;
  }

  /** The emulated account's data, for feature packages and white-box tests. */
  public EmulatorState state() {
    return state;
  }

  /** Writes the state file now (a no-op without one); writes through the API do this themselves. */
  public void persist() {
    if (stateFile != null) {
      state.saveTo(stateFile);
    }
  }

  /**
   * The behaviour switches in force (the builder's, overridden by the seed's {@code settings:}).
   */
  public AdminSettings settings() {
    return settings;
  }

  /** The run simulation: scripts for how runs play out, and runs started from Java. */
  public RunControl runs() {
    return runs;
  }

  @Override
  public void close() {
    http.close();
  }

  /** Configures and starts an emulator. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private JsonNode seed;
    private Path stateFile;
    private Clock clock = Clock.systemUTC();
    private AdminSettings settings = AdminSettings.DEFAULTS;
    private boolean strictTrailingSlash;
    private int journalCapacity = Journal.DEFAULT_CAPACITY;
    private boolean journalResponses;
    private long journalResponseBudget = Journal.DEFAULT_RESPONSE_BUDGET;
    private final List<ExchangeListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The address to bind (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Seeds from a YAML or JSON file instead of the demo account. */
    public Builder seed(Path seedFile) {
      this.seed = SeedLoader.read(seedFile);
      return this;
    }

    /** Seeds from YAML or JSON text instead of the demo account. */
    public Builder seedText(String seedText) {
      this.seed = SeedLoader.parse(seedText);
      return this;
    }

    /**
     * Persists the state to this JSON file after every write; when the file exists at start, the
     * emulator resumes from it and ignores the seed's data (its faults and settings still apply).
     */
    public Builder stateFile(Path stateFile) {
      this.stateFile = stateFile;
      return this;
    }

    /** The clock timestamps and the rate limiter read. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * DELETE of jobs and environments answers 204 with no body, as the specs say (default: 200 with
     * the object, as recorded in 2021 and 2023).
     */
    public Builder deleteAnswersNoContent(boolean noContent) {
      this.settings =
          settings.withDeleteAnswer(
              noContent
                  ? AdminSettings.DeleteAnswer.NO_CONTENT
                  : AdminSettings.DeleteAnswer.OBJECT);
      return this;
    }

    /**
     * Which keys a job create or update must carry (default: the spec's minus {@code
     * lifecycle_webhooks}, which no production client sends).
     */
    public Builder requiredJobFields(AdminSettings.RequiredJobFields required) {
      this.settings = settings.withRequiredJobFields(required);
      return this;
    }

    /**
     * Checks writes leniently: values are coerced to the declared type, a job may have no steps,
     * any dbt version and any reference in the account is accepted (default: strict, as dbt Cloud
     * checks them; docs/emulator.md lists the rules). Only for tests that need a state dbt Cloud
     * would refuse.
     */
    public Builder lenient(boolean lenient) {
      this.settings =
          settings.withValidation(
              lenient ? AdminSettings.Validation.LENIENT : AdminSettings.Validation.STRICT);
      return this;
    }

    /**
     * Answers paths without their trailing slash with a 301, as production did in 2021 (a client
     * that follows it turns a POST into a GET; default off).
     */
    public Builder strictTrailingSlash(boolean strict) {
      this.strictTrailingSlash = strict;
      return this;
    }

    /** Keeps response bodies in the journal (default off), within a memory budget. */
    public Builder journalResponses(boolean keep) {
      this.journalResponses = keep;
      return this;
    }

    /** How many entries the journal keeps (default 100,000; older ones are dropped). */
    public Builder journalCapacity(int entries) {
      this.journalCapacity = entries;
      return this;
    }

    /** How many characters of response bodies the journal keeps in all (default 32 Mi). */
    public Builder journalResponseBudget(long chars) {
      this.journalResponseBudget = chars;
      return this;
    }

    /** Observes every exchange, with its response body. */
    public Builder listener(ExchangeListener listener) {
      this.listeners.add(listener);
      return this;
    }

    /** Starts the emulator. */
    public DbtCloudEmulator start() {
      try {
        return new DbtCloudEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot start the dbt Cloud emulator on " + host + ":" + port, e);
      }
    }
  }
}
