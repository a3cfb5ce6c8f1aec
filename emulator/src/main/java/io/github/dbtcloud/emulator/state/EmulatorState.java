package io.github.dbtcloud.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the emulated account holds: accounts, tokens, projects, environments, jobs. All
 * access goes through {@link #read} and {@link #write}, which serialise on one lock, so a handler
 * sees a consistent account, as a transactional database would give it.
 */
public final class EmulatorState {

  /** First id handed out; above 2^32 so that any client keeping ids in an int breaks here first (§E.8). */
  public static final long FIRST_ID = 70_403_104_191_314L;

  /** Runs and run scripts (the runs package owns their shape). */
  public static final String RUNS = "runs";
  public static final String RUN_SCRIPTS = "run_scripts";

  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, Long> tokens = new LinkedHashMap<>();
  private final AtomicLong nextId = new AtomicLong(FIRST_ID);
  private final Object lock = new Object();

  /** Table names, in the order they are persisted. */
  public static final String ACCOUNTS = "accounts";
  public static final String PROJECTS = "projects";
  public static final String ENVIRONMENTS = "environments";
  public static final String JOBS = "jobs";

  public EmulatorState() {
    for (String name : new String[] {ACCOUNTS, PROJECTS, ENVIRONMENTS, JOBS}) {
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

  /** Runs {@code work} under the state lock; the same lock as reads, kept apart for clarity at call sites. */
  public <T> T write(Work<T> work) {
    synchronized (lock) {
      return work.run(this);
    }
  }

  /** The table of a resource type. */
  public Table table(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException("no table " + name);
    }
    return table;
  }

  /** A fresh id; ids are unique across resource types, which dbt Cloud does not promise but allows. */
  public long newId() {
    return nextId.getAndIncrement();
  }

  /** Makes {@code token} valid for {@code accountId}. */
  public void addToken(String token, long accountId) {
    tokens.put(token, accountId);
  }

  /** The account a token belongs to. */
  public Optional<Long> accountOfToken(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  /** Every token and its account, for the standalone banner. */
  public Map<String, Long> tokens() {
    return Map.copyOf(tokens);
  }

  /** Writes the whole state to {@code file} atomically (temp file, then move). */
  public void saveTo(Path file) {
    ObjectNode root = read(s -> s.toJson());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write emulator state to " + file, e);
    }
  }

  /** Reads a state written by {@link #saveTo}. */
  public static EmulatorState loadFrom(Path file) {
    try {
      JsonNode root = Json.MAPPER.readTree(file.toFile());
      EmulatorState state = new EmulatorState();
      state.nextId.set(root.path("next_id").asLong(FIRST_ID));
      root.path("tokens").fields().forEachRemaining(e -> state.tokens.put(e.getKey(), e.getValue().asLong()));
      for (Map.Entry<String, Table> t : state.tables.entrySet()) {
        for (JsonNode row : root.path(t.getKey())) {
          t.getValue().put((ObjectNode) row);
        }
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read emulator state from " + file, e);
    }
  }

  private ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("next_id", nextId.get());
    ObjectNode tokenNode = root.putObject("tokens");
    tokens.forEach(tokenNode::put);
    for (Map.Entry<String, Table> t : tables.entrySet()) {
      ArrayNode rows = root.putArray(t.getKey());
      t.getValue().all().forEach(rows::add);
    }
    return root;
  }
}
