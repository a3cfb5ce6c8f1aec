package io.github.dbtcloud.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.admin.AccountsApi;
import io.github.dbtcloud.emulator.admin.AdminContext;
import io.github.dbtcloud.emulator.admin.EnvironmentsApi;
import io.github.dbtcloud.emulator.admin.JobsApi;
import io.github.dbtcloud.emulator.admin.ProjectsApi;
import io.github.dbtcloud.emulator.http.HttpFrontEnd;
import io.github.dbtcloud.emulator.http.Journal;
import io.github.dbtcloud.emulator.http.JournalEntry;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.runs.RunControl;
import io.github.dbtcloud.emulator.runs.RunsApi;
import io.github.dbtcloud.emulator.seed.SeedLoader;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A local dbt Cloud: the Admin API on the JDK HTTP server, in memory, optionally persisted to a
 * JSON file. Start one with {@link #builder()}; it is what tests, samples and {@code
 * baseUrl=embedded} talk to.
 */
public final class DbtCloudEmulator implements AutoCloseable {

  private final EmulatorState state;
  private final Journal journal;
  private final HttpFrontEnd http;
  private final String host;
  private final RunControl runs;

  private DbtCloudEmulator(Builder b) throws IOException {
    Clock clock = b.clock;
    boolean resume = b.stateFile != null && Files.exists(b.stateFile);
    this.state = resume ? EmulatorState.loadFrom(b.stateFile) : new EmulatorState();
    AdminContext ctx = new AdminContext(state, clock);
    EnvironmentsApi environments = new EnvironmentsApi(ctx);
    JobsApi jobs = new JobsApi(ctx);
    Router router = new Router();
    new AccountsApi(ctx).register(router);
    new ProjectsApi(ctx).register(router);
    this.runs = new RunsApi(ctx, this::baseUrl).register(router);
    environments.register(router);
    jobs.register(router);
    if (!resume) {
      new SeedLoader(environments, jobs, clock).load(b.seed != null ? b.seed : SeedLoader.demo(), state);
    }
    this.journal = new Journal();
    Path stateFile = b.stateFile;
    Runnable persist = stateFile == null ? () -> {} : () -> state.saveTo(stateFile);
    persist.run();
    this.host = b.host;
    this.http = new HttpFrontEnd(b.host, b.port, router, journal, persist);
  }

  /** A builder with the defaults: 127.0.0.1, a free port, the demo seed, no persistence. */
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

  /** Every request answered so far. */
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  /** Forgets the journal so far. */
  public void clearJournal() {
    journal.clear();
  }

  /** The tokens this emulator accepts, with their account ids. */
  public Map<String, Long> tokens() {
    return state.tokens();
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
     * emulator resumes from it and ignores the seed.
     */
    public Builder stateFile(Path stateFile) {
      this.stateFile = stateFile;
      return this;
    }

    /** The clock timestamps come from. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Starts the emulator. */
    public DbtCloudEmulator start() {
      try {
        return new DbtCloudEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the dbt Cloud emulator on " + host + ":" + port, e);
      }
    }
  }
}
