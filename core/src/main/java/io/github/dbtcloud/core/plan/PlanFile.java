package io.github.dbtcloud.core.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.identity.MarkerPlacement;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.Unmanaged;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code plan.json}, the plan for machines (format in docs/plan.md), as a value: what {@code
 * dbt:plan} writes and {@code dbt:apply -Ddbt.planFile=...} reads back. It records the format
 * version, the scope, the desired state's hash, and per object an action in Terraform's vocabulary
 * ({@code create}, {@code update}, {@code delete}, {@code no-op}), the fields, the full before and
 * after bodies with secrets replaced by {@code (sensitive)}, and the remote object's fingerprint;
 * and it decides whether a plan made now is still the one it describes.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written
 * @param tool the plugin and its version, e.g. {@code dbt-maven-plugin/0.1.0}
 * @param createdAt when the plan was made, ISO-8601
 * @param accountId the account planned against
 * @param host the host planned against
 * @param desiredState the desired state's files and hash
 * @param scope the projects, ownership and the build's selection
 * @param summary the counts
 * @param resources every managed object: the changes in apply order, then the no-ops
 * @param unmanaged the objects in scope without this file's marker
 * @param warnings what the user should know before applying
 */
public record PlanFile(
    @JsonProperty("format_version") String formatVersion,
    String tool,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("account_id") long accountId,
    String host,
    @JsonProperty("desired_state") DesiredFiles desiredState,
    ScopeEntry scope,
    Summary summary,
    @JsonProperty("resource_changes") List<Entry> resources,
    @JsonProperty("unmanaged_jobs") List<UnmanagedEntry> unmanaged,
    List<String> warnings) {

  /** Bumped on any change a reader of plan.json must know about. */
  public static final String FORMAT_VERSION = "1.0";

  /** The file's name in the output directory. */
  public static final String FILE_NAME = "plan.json";

  private static final int MAX_LISTED = 20;

  public PlanFile {
    resources = resources == null ? List.of() : List.copyOf(resources);
    unmanaged = unmanaged == null ? List.of() : List.copyOf(unmanaged);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * The desired state a plan was made from.
   *
   * @param files the files, relative to the first one's directory
   * @param sha256 their hash
   */
  public record DesiredFiles(List<String> files, String sha256) {}

  /**
   * What the plan covered.
   *
   * @param projects the projects planned
   * @param namespace the file's namespace
   * @param prune whether pruning was on
   * @param maxDeletes the brake's limit
   * @param selection the build's selection
   * @param markerPlacement {@code description} or {@code name}
   */
  public record ScopeEntry(
      List<ProjectEntry> projects,
      String namespace,
      boolean prune,
      @JsonProperty("max_deletes") int maxDeletes,
      Selection selection,
      @JsonProperty("marker_placement") String markerPlacement) {}

  /**
   * A project planned.
   *
   * @param key its key in the file
   * @param id its id
   * @param name its name in dbt Cloud
   */
  public record ProjectEntry(String key, long id, String name) {}

  /**
   * The build's selection.
   *
   * @param projects project keys (empty: all)
   * @param jobs job patterns (empty: all)
   */
  public record Selection(List<String> projects, List<String> jobs) {}

  /**
   * The counts.
   *
   * @param add creates
   * @param change updates
   * @param destroy deletes
   * @param noOp objects that match
   * @param drift whether something was changed in dbt Cloud by hand
   */
  public record Summary(
      long add, long change, long destroy, @JsonProperty("no_op") long noOp, boolean drift) {}

  /**
   * One object of the plan. A no-op carries only its address, id, action and fingerprint.
   *
   * @param address its stable id, {@code jaffle_shop.job.nightly}
   * @param kind its kind
   * @param project its project key, or null for an account-level object
   * @param key its key
   * @param id its id in dbt Cloud, or null
   * @param action create, update, delete or no-op
   * @param remoteFingerprint what it looked like when planned, or null for a create
   * @param fields the fields that differ (absent for a no-op)
   * @param pending the ids it waits for (absent for a no-op)
   * @param before the object as read, secrets hidden (absent for a no-op)
   * @param after the body to send, secrets hidden (absent for a no-op)
   */
  public record Entry(
      String address,
      String kind,
      String project,
      String key,
      Long id,
      String action,
      @JsonProperty("remote_fingerprint") FingerprintEntry remoteFingerprint,
      List<FieldEntry> fields,
      List<PendingEntry> pending,
      Map<String, Object> before,
      Map<String, Object> after) {

    public Entry {
      before = before == null ? null : normal(before);
      after = after == null ? null : normal(after);
    }

    /**
     * The entry as written: a change carries its fields, pending ids and bodies (a null body
     * included), a no-op only its header.
     */
    @JsonValue
    Map<String, Object> json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("address", address);
      out.put("kind", kind);
      out.put("project", project);
      out.put("key", key);
      out.put("id", id);
      out.put("action", action);
      out.put("remote_fingerprint", remoteFingerprint);
      if (fields != null) {
        out.put("fields", fields);
        out.put("pending", pending);
        out.put("before", before);
        out.put("after", after);
      }
      return out;
    }
  }

  /**
   * A remote object's fingerprint.
   *
   * @param updatedAt its {@code updated_at}
   * @param contentHash the hash of its content
   */
  public record FingerprintEntry(
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("content_hash") String contentHash) {}

  /**
   * One field that differs.
   *
   * @param path its wire path (or scope)
   * @param before the value now, or {@code (sensitive)}
   * @param after the planned value, null while pending, or {@code (sensitive)}
   * @param knownAfterApply the address of the object whose id it waits for, or null
   * @param refersTo the address of the object the planned id points to, or null
   * @param sensitive whether the values are secrets
   * @param origin file, outside or unknown
   * @param note why the field changes when its values alone do not say (a job marker), or null
   */
  public record FieldEntry(
      String path,
      Object before,
      Object after,
      @JsonProperty("known_after_apply") String knownAfterApply,
      @JsonProperty("refers_to") String refersTo,
      boolean sensitive,
      String origin,
      String note) {

    public FieldEntry {
      before = normal(before);
      after = normal(after);
    }
  }

  /**
   * An id a change waits for.
   *
   * @param field the wire path that receives it
   * @param target the address of the object whose id it is
   */
  public record PendingEntry(String field, String target) {}

  /**
   * An object in scope the file does not manage.
   *
   * @param kind its kind
   * @param project its project key, or null
   * @param id its id
   * @param name its name
   */
  public record UnmanagedEntry(String kind, String project, long id, String name) {}

  // ----------------------------------------------------------------- making

  /**
   * The plan.json of a plan.
   *
   * @param plan the plan
   * @param snapshot what it was planned against
   * @param desired the desired state it was planned from
   * @param options the build's selection and options
   * @param tool the plugin and its version
   * @param createdAt when the plan was made
   */
  public static PlanFile of(
      Plan plan,
      Snapshot snapshot,
      DesiredState desired,
      PlanOptions options,
      String tool,
      Instant createdAt) {
    List<Path> paths = desired.files();
    Path base =
        paths.isEmpty() || paths.get(0).toAbsolutePath().getParent() == null
            ? Path.of("")
            : paths.get(0).toAbsolutePath().getParent();
    DesiredFiles files =
        new DesiredFiles(
            paths.stream().map(f -> base.relativize(f.toAbsolutePath()).toString()).toList(),
            desired.sha256());
    List<ProjectEntry> projects = new ArrayList<>();
    snapshot.projects().forEach((key, p) -> projects.add(new ProjectEntry(key, p.id(), p.name())));
    ScopeEntry scope =
        new ScopeEntry(
            projects,
            desired.ownership().namespace(),
            desired.ownership().prune(),
            desired.ownership().maxDeletes(),
            new Selection(
                options.projects().stream().sorted().toList(),
                options.jobs().stream().sorted().toList()),
            options.placement(desired).name().toLowerCase(Locale.ROOT));
    Summary summary =
        new Summary(
            plan.toAdd(),
            plan.toChange(),
            plan.toDestroy(),
            plan.unchanged().size(),
            plan.hasDrift());
    List<Entry> resources = new ArrayList<>();
    plan.changes().forEach(c -> resources.add(entry(c)));
    plan.unchanged().forEach(u -> resources.add(entry(u)));
    List<UnmanagedEntry> unmanaged = new ArrayList<>();
    for (Unmanaged u : plan.unmanaged()) {
      unmanaged.add(
          new UnmanagedEntry(
              u.kind().name(), u.project(), u.id(), u.name() == null ? "" : u.name()));
    }
    return new PlanFile(
        FORMAT_VERSION,
        tool,
        createdAt.toString(),
        plan.accountId(),
        snapshot.host(),
        files,
        scope,
        summary,
        resources,
        unmanaged,
        plan.warnings());
  }

  private static Entry entry(Change c) {
    List<FieldEntry> fields = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      fields.add(
          new FieldEntry(
              f.path(),
              f.sensitive() && f.before() != null ? PlanValues.SENSITIVE : f.before(),
              f.pending() != null ? null : f.sensitive() ? PlanValues.SENSITIVE : f.after(),
              f.pending() == null ? null : f.pending().target().id(),
              f.refersTo() == null ? null : f.refersTo().id(),
              f.sensitive(),
              f.origin().label(),
              f.note()));
    }
    List<PendingEntry> pending =
        c.pending().stream().map(p -> new PendingEntry(p.path(), p.target().id())).toList();
    return new Entry(
        c.address().id(),
        c.address().kind().name(),
        c.address().project(),
        c.address().key(),
        c.id(),
        c.action(),
        fingerprint(c.remoteFingerprint()),
        fields,
        pending,
        c.before() == null ? null : c.before().shown(),
        c.after() == null ? null : c.after().shown());
  }

  private static Entry entry(Unchanged u) {
    ResourceAddress a = u.address();
    return new Entry(
        a.id(),
        a.kind().name(),
        a.project(),
        a.key(),
        u.id(),
        "no-op",
        fingerprint(u.fingerprint()),
        null,
        null,
        null,
        null);
  }

  private static FingerprintEntry fingerprint(Fingerprint f) {
    return f == null
        ? null
        : new FingerprintEntry(
            f.updatedAt() == null ? null : f.updatedAt().toString(), f.contentHash());
  }

  // ------------------------------------------------------ writing, reading

  /** The text of the file. */
  public String text() {
    StringWriter out = new StringWriter();
    try {
      PlanFileJson.write(this, out);
      return out + "\n";
    } catch (PlanFileJson.NotPlain e) {
      try {
        StringWriter again = new StringWriter();
        writeWithDatabind(again);
        return again.toString();
      } catch (IOException notPlain) {
        throw new IllegalStateException("a plan is plain data", notPlain);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string", e);
    }
  }

  /**
   * Writes the file (creating its directory), streamed: the plan of a large account never exists as
   * one string. The bytes are those of {@link #text()}.
   */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        PlanFileJson.write(this, out);
        out.write("\n");
      } catch (PlanFileJson.NotPlain e) {
        // written again from its start, by databind
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          writeWithDatabind(out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void writeWithDatabind(Writer out) throws IOException {
    try (JsonGenerator generator = Databind.JSON.getFactory().createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      Databind.JSON.writeValue(generator, this);
      generator.flush();
      out.write("\n");
    }
  }

  /**
   * Loads the streaming writer's classes by writing a plan of every record kind to nowhere. Best
   * effort, for a thread that has nothing else to do while the goal reads.
   */
  public static void warm() {
    Map<String, Object> body = Map.of("name", "n", "settings", Map.of("threads", 4L));
    Entry change =
        new Entry(
            "job.p.k",
            "job",
            "p",
            "k",
            1L,
            "update",
            new FingerprintEntry("2021-11-18T15:19:03Z", "sha256:0"),
            List.of(new FieldEntry("name", "a", "b", null, null, false, null, null)),
            List.of(new PendingEntry("environment_id", "environment.p.e")),
            body,
            body);
    PlanFile sample =
        new PlanFile(
            FORMAT_VERSION,
            "warm-up",
            "2021-11-18T15:19:03Z",
            1L,
            "localhost",
            new DesiredFiles(List.of("dbt-cloud.yml"), "0"),
            new ScopeEntry(
                List.of(new ProjectEntry("p", 1L, "P")),
                "ns",
                false,
                0,
                new Selection(List.of(), List.of()),
                "description"),
            new Summary(0, 1, 0, 0, false),
            List.of(change),
            List.of(new UnmanagedEntry("job", "p", 2L, "j")),
            List.of("w"));
    try {
      PlanFileJson.write(sample, Writer.nullWriter());
    } catch (IOException | RuntimeException e) {
      // the real write meets the same problem and reports it
    }
  }

  /** Databind, for reading plan.json back (apply) and for values the streaming writer leaves. */
  static final class Databind {
    static final ObjectMapper JSON =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Databind() {}
  }

  /** Reads a plan.json written by {@code dbt:plan}. */
  public static PlanFile read(Path file) {
    PlanFile read;
    try {
      read = Databind.JSON.readValue(Files.readString(file), PlanFile.class);
    } catch (NoSuchFileException e) {
      throw new DbtCloudException(
          "dbt.planFile: "
              + file
              + " does not exist. Make it with 'mvn dbt:plan' (it writes"
              + " target/dbt/plan.json), or apply without -Ddbt.planFile to plan and apply in one"
              + " go.");
    } catch (IOException e) {
      throw new DbtCloudException(
          "dbt.planFile: "
              + file
              + " cannot be read as a plan ("
              + e.getMessage()
              + "). Make it again with 'mvn dbt:plan'.",
          e);
    }
    String version = read.formatVersion() == null ? "" : read.formatVersion();
    if (!version.startsWith("1.")) {
      throw new DbtCloudException(
          "dbt.planFile: "
              + file
              + " has format_version '"
              + version
              + "'; this plugin applies format 1.x. Make the plan again with this plugin's"
              + " dbt:plan.");
    }
    return read;
  }

  // -------------------------------------------------------------- staleness

  /**
   * The options this plan was made with: its selection and marker placement, the build's secrets to
   * rotate and empty-project permission.
   */
  public PlanOptions options(PlanOptions build) {
    return new PlanOptions(
        Set.copyOf(scope.selection().projects()),
        Set.copyOf(scope.selection().jobs()),
        MarkerPlacement.parse(scope.markerPlacement()),
        build.rotateSecrets(),
        build.allowEmptyProject());
  }

  /**
   * Refuses a plan made for another account or host, or from another version of the desired state
   * (before dbt Cloud is read).
   *
   * @param source where this plan was read from, for messages
   */
  public void requireSameDesiredState(Path source, DesiredState desired, String host) {
    String fix =
        " Nothing was written. Run 'mvn dbt:plan' again, review it, and apply the new plan.";
    if (accountId != desired.account().id()) {
      throw new StalePlanException(
          "The saved plan "
              + source
              + " was made for account "
              + accountId
              + ", but the file names account "
              + desired.account().id()
              + "."
              + fix);
    }
    if (this.host != null && !this.host.isEmpty() && !Objects.equals(this.host, host)) {
      throw new StalePlanException(
          "The saved plan "
              + source
              + " was made against "
              + this.host
              + ", but this apply talks to "
              + host
              + "."
              + fix);
    }
    if (!desired.sha256().equals(desiredState.sha256())) {
      throw new StalePlanException(
          "The desired state changed since the plan was made: "
              + desired.files().stream().map(f -> f.getFileName().toString()).toList()
              + " hash to sha256 "
              + abbreviate(desired.sha256())
              + " now, the saved plan "
              + source
              + " (made "
              + createdAt
              + ") was made from sha256 "
              + abbreviate(desiredState.sha256())
              + "."
              + fix);
    }
  }

  /**
   * Refuses this plan when a plan made now differs from it: an object changed in dbt Cloud, or the
   * same file and account no longer produce it, entry for entry.
   *
   * @param source where this plan was read from, for messages
   * @param now the plan.json of a plan made now
   */
  public void requireSameObjects(Path source, PlanFile now) {
    Map<String, Entry> saved = byAddress(resources);
    Map<String, Entry> fresh = byAddress(now.resources());
    List<String> problems = new ArrayList<>();
    saved.forEach(
        (address, was) -> {
          Entry is = fresh.get(address);
          if (is == null) {
            problems.add(
                address + ": in the saved plan (" + was.action() + "), but no longer planned");
          } else if (!was.equals(is)) {
            problems.add(difference(address, was, is));
          }
        });
    fresh.forEach(
        (address, is) -> {
          if (!saved.containsKey(address)) {
            problems.add(
                address + ": not in the saved plan; a plan made now would " + is.action() + " it");
          }
        });
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(
            "The saved plan "
                + source
                + " (made "
                + createdAt
                + ") is stale: "
                + problems.size()
                + " object(s) differ from what it was made from:");
    problems.stream().limit(MAX_LISTED).forEach(p -> message.append("\n  ").append(p));
    if (problems.size() > MAX_LISTED) {
      message.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
    }
    message.append(
        "\nNothing was written. Run 'mvn dbt:plan' again, review it, and apply the new plan.");
    throw new StalePlanException(message.toString());
  }

  private static Map<String, Entry> byAddress(List<Entry> entries) {
    Map<String, Entry> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.address(), e));
    return out;
  }

  private static String difference(String address, Entry was, Entry is) {
    Long id = is.id() != null ? is.id() : was.id();
    String name = address + (id == null ? "" : " (id " + id + ")");
    FingerprintEntry before = was.remoteFingerprint();
    FingerprintEntry after = is.remoteFingerprint();
    if (before == null && after != null) {
      return name + ": now exists in dbt Cloud; it was created after the plan was made";
    }
    if (before != null && after == null) {
      return name + ": was deleted in dbt Cloud after the plan was made";
    }
    if (before != null && !Objects.equals(before.contentHash(), after.contentHash())) {
      Set<String> fields = new TreeSet<>();
      leafDifferences("", was.before(), is.before(), fields);
      return name
          + ": changed in dbt Cloud after the plan was made (updated_at "
          + before.updatedAt()
          + " -> "
          + after.updatedAt()
          + ")"
          + (fields.isEmpty() ? "" : ": " + String.join(", ", fields));
    }
    if (!Objects.equals(was.action(), is.action())) {
      return name
          + ": the saved plan says "
          + was.action()
          + ", a plan made now says "
          + is.action()
          + " (was the plan made with other options or another plugin version?)";
    }
    return name
        + ": a plan made now from the same file and the same object differs from the saved one"
        + " (was it made with other options, e.g. -Ddbt.rotateSecrets, or another plugin"
        + " version?)";
  }

  /** Dotted paths whose values differ, ignoring fields dbt Cloud rewrites by itself. */
  private static void leafDifferences(String prefix, Object a, Object b, Set<String> out) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<String> keys = new TreeSet<>();
      ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
      mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String key : keys) {
        if (prefix.isEmpty() && Fingerprint.isVolatile(key)) {
          continue;
        }
        leafDifferences(prefix.isEmpty() ? key : prefix + "." + key, ma.get(key), mb.get(key), out);
      }
    } else if (!Objects.equals(a, b)) {
      out.add(prefix);
    }
  }

  /**
   * A JSON value with every integral number as Long and every other number as Double, so that a
   * value written and read back equals the value written.
   */
  static Object normal(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), normal(x)));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normal(x)));
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (v instanceof Float || v instanceof BigDecimal) {
      return ((Number) v).doubleValue();
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> normal(Map<String, Object> m) {
    return (Map<String, Object>) normal((Object) m);
  }

  private static String abbreviate(String sha) {
    return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12) + "...";
  }
}
