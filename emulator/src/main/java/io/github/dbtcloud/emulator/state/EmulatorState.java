package io.github.dbtcloud.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the emulated account holds: accounts, tokens (with their project scope), projects,
 * environments, jobs, environment variables, and any table a feature package adds with {@link
 * #addTable}. All access goes through {@link #read} and {@link #write}, which serialise on one
 * lock, so a handler sees a consistent account, as a transactional database would give it.
 */
public final class EmulatorState {

  /**
   * First id handed out; above 2^32 so that any client keeping ids in an int breaks here first
   * (cell-based dbt Cloud ids are 14 digits).
   */
  public static final long FIRST_ID = 70_403_104_191_314L;

  /** Version of the state file layout, written as {@code format}. */
  public static final int FORMAT = 2;

  /** Runs and run scripts (the runs package owns their shape). */
  public static final String RUNS = "runs";

  public static final String RUN_SCRIPTS = "run_scripts";

  /** Table names; every table is persisted, in the order it was added. */
  public static final String ACCOUNTS = "accounts";

  public static final String PROJECTS = "projects";
  public static final String ENVIRONMENTS = "environments";
  public static final String JOBS = "jobs";
  public static final String ENVIRONMENT_VARIABLES = "environment_variables";

  /**
   * Semantic Layer configuration, one row per environment id (the semantic package owns its shape).
   */
  public static final String SEMANTIC_LAYER = "semantic_layer";

  // Extension point: the run simulation (runs/) and the Semantic Layer (semantic/) add their own
  // tables with addTable(...) when they are constructed (e.g. "runs", "sl_metrics"); they need no
  // constant here, and a state file written with them loads them back (see loadFrom).

  private static final Set<String> RESERVED =
      Set.of("format", "next_id", "tokens", "token_projects");

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Long> tokens = new LinkedHashMap<>();
  private final Map<String, Set<Long>> tokenProjects = new LinkedHashMap<>();
  private final AtomicLong nextId = new AtomicLong(FIRST_ID);
  private final Object lock = new Object();
  private final Object saveLock = new Object();
  // Counts write(...) calls: whatever a write changed in place, an answer computed from the state
  // at
  // an older generation may no longer hold (see Listings).
  private long generation;

  public EmulatorState() {
    for (String name :
        new String[] {
          ACCOUNTS,
          PROJECTS,
          ENVIRONMENTS,
          JOBS,
          ENVIRONMENT_VARIABLES,
          SEMANTIC_LAYER,
          RUNS,
          RUN_SCRIPTS
        }) {
      tables.put(name, new Table());
    }
    tables.put(RUNS, new Table());
    tables.put(RUN_SCRIPTS, new Table());
  }

  /** A unit of work that reads the state. */
  @FunctionalInterface
  public interface Work<T> {
    T run(EmulatorState state);
  }

  /** Runs {@code work} under the state lock. */
  public <T> T read(Work<T> work) {
    synchronized (lock) {
      return work.run(this);
    }
  }

  /**
   * Runs {@code work} under the state lock; the same lock as reads, kept apart for clarity at call
   * sites.
   */
  public <T> T write(Work<T> work) {
    synchronized (lock) {
      generation++;
      return work.run(this);
    }
  }

  /**
   * How many writes the state has seen; with {@link Table#changes()} it tells whether something
   * computed from the state earlier is still true. Call it under the lock (in read or write work).
   */
  public long generation() {
    return generation;
  }

  /**
   * Adds a table for a feature package (idempotent: a table loaded from a state file is kept). This
   * is how the run simulation and the Semantic Layer keep their rows in the same persisted state.
   */
  public Table addTable(String name) {
    synchronized (lock) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException(
            "'" + name + "' is reserved in the state file; pick another table name");
      }
      return tables.computeIfAbsent(name, n -> new Table());
    }
  }

  /** Whether a table exists (feature tables exist only when their package is present). */
  public boolean hasTable(String name) {
    synchronized (lock) {
      return tables.containsKey(name);
    }
  }

  /** The table of a resource type. */
  public Table table(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no table " + name + "; tables are " + tables.keySet());
    }
    return table;
  }

  /**
   * A fresh id; ids are unique across resource types, which dbt Cloud does not promise but allows.
   */
  public long newId() {
    return nextId.getAndIncrement();
  }

  /** Makes sure ids handed out later never collide with an id a seed chose. */
  public void reserveId(long id) {
    nextId.accumulateAndGet(id + 1, Math::max);
  }

  /** Makes {@code token} valid for {@code accountId}, for every project of the account. */
  public void addToken(String token, long accountId) {
    tokens.put(token, accountId);
    tokenProjects.remove(token);
  }

  /**
   * Makes {@code token} valid for {@code accountId}, limited to these projects (others are "not
   * found").
   */
  public void addToken(String token, long accountId, Set<Long> projectIds) {
    tokens.put(token, accountId);
    tokenProjects.put(token, Set.copyOf(projectIds));
  }

  /** The account a token belongs to. */
  public Optional<Long> accountOfToken(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  /** The projects a token is limited to; empty when it may use every project of its account. */
  public Optional<Set<Long>> projectScopeOfToken(String token) {
    return Optional.ofNullable(tokenProjects.get(token));
  }

  /** Every token and its account, in seed order, for the standalone banner. */
  public Map<String, Long> tokens() {
    synchronized (lock) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
    }
  }

  /**
   * Writes the whole state to {@code file} so that a crash at any moment leaves either the old or
   * the new file: a uniquely named temporary file in the same directory, flushed to disk, then an
   * atomic rename (a plain replace where the file system cannot rename atomically).
   */
  public void saveTo(Path file) {
    synchronized (saveLock) {
      ObjectNode root = read(EmulatorState::toJson);
      Path target = file.toAbsolutePath();
      Path tmp = null;
      try {
        Files.createDirectories(target.getParent());
        tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try (FileChannel channel =
                FileChannel.open(
                    tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
          Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), root);
          channel.force(true);
        }
        try {
          Files.move(
              tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write emulator state to " + file, e);
      } finally {
        if (tmp != null) {
          try {
            Files.deleteIfExists(tmp);
          } catch (IOException ignored) {
            // the temporary file is only litter
          }
        }
      }
    }
  }

  /** Reads a state written by {@link #saveTo}; a damaged file is refused with the way out. */
  public static EmulatorState loadFrom(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(
          "the emulator state file "
              + file
              + " is not valid JSON ("
              + e.getMessage()
              + "); delete it to start again from the seed",
          e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException(
          "the emulator state file "
              + file
              + " holds no state object; delete it to start again from the seed");
    }
    EmulatorState state = new EmulatorState();
    state.nextId.set(root.path("next_id").asLong(FIRST_ID));
    root.path("tokens")
        .properties()
        .forEach(e -> state.tokens.put(e.getKey(), e.getValue().asLong()));
    root.path("token_projects")
        .properties()
        .forEach(
            e -> {
              Set<Long> ids = new LinkedHashSet<>();
              e.getValue().forEach(id -> ids.add(id.asLong()));
              state.tokenProjects.put(e.getKey(), Set.copyOf(ids));
            });
    root.properties()
        .forEach(
            e -> {
              if (!RESERVED.contains(e.getKey()) && e.getValue().isArray()) {
                Table table = state.tables.computeIfAbsent(e.getKey(), n -> new Table());
                for (JsonNode row : e.getValue()) {
                  table.put((ObjectNode) row);
                }
              }
            });
    return state;
  }

  private ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("next_id", nextId.get());
    ObjectNode tokenNode = root.putObject("tokens");
    tokens.forEach(tokenNode::put);
    ObjectNode scopes = root.putObject("token_projects");
    tokenProjects.forEach(
        (token, ids) -> {
          ArrayNode list = scopes.putArray(token);
          ids.stream().sorted().forEach(list::add);
        });
    for (Map.Entry<String, Table> t : tables.entrySet()) {
      ArrayNode rows = root.putArray(t.getKey());
      t.getValue().all().forEach(rows::add);
    }
    return root;
  }

  /** Lets Jackson close its generator without closing the channel before {@code force}. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
