package io.github.dbtcloud.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.remote.RemoteProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code plan.json}, the plan for machines (format in docs/plan.md): the format version, the
 * scope, the desired file's hash, and per object an action in Terraform's vocabulary ({@code
 * create}, {@code update}, {@code delete}, {@code no-op}), the fields, the full before and after
 * bodies with secrets replaced by {@code (sensitive)}, and the remote object's fingerprint.
 */
public final class JsonPlanWriter {

  /** Bumped on any change a reader of plan.json must know about. */
  public static final String FORMAT_VERSION = "1.0";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The plan.json text. */
  public String render(PlanReport report) {
    Plan plan = report.plan();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put("tool", report.tool());
    root.put("created_at", report.createdAt().toString());
    root.put("account_id", plan.accountId());
    root.put("host", report.remote().host());
    Map<String, Object> desired = new LinkedHashMap<>();
    List<Path> files = report.desired().files();
    Path base =
        files.isEmpty() || files.get(0).toAbsolutePath().getParent() == null
            ? Path.of("")
            : files.get(0).toAbsolutePath().getParent();
    desired.put(
        "files", files.stream().map(f -> base.relativize(f.toAbsolutePath()).toString()).toList());
    desired.put("sha256", report.desiredSha256());
    root.put("desired_state", desired);
    root.put("scope", scope(report));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("add", plan.toAdd());
    summary.put("change", plan.toChange());
    summary.put("destroy", plan.toDestroy());
    summary.put("no_op", plan.unchanged().size());
    summary.put("drift", plan.hasDrift());
    root.put("summary", summary);
    List<Object> changes = new ArrayList<>();
    plan.changes().forEach(c -> changes.add(change(c)));
    plan.unchanged().forEach(u -> changes.add(noOp(u)));
    root.put("resource_changes", changes);
    root.put(
        "unmanaged_jobs",
        plan.unmanaged().stream()
            .map(
                u ->
                    Map.of(
                        "project",
                        u.project(),
                        "id",
                        u.id(),
                        "name",
                        u.name() == null ? "" : u.name()))
            .toList());
    root.put("warnings", plan.warnings());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan is plain data", e);
    }
  }

  private static Map<String, Object> scope(PlanReport report) {
    Map<String, Object> scope = new LinkedHashMap<>();
    List<Object> projects = new ArrayList<>();
    for (RemoteProject rp : report.remote().projects().values()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("key", rp.key());
      p.put("id", rp.project().id());
      p.put("name", rp.project().name());
      projects.add(p);
    }
    scope.put("projects", projects);
    scope.put("namespace", report.desired().ownership().namespace());
    scope.put("prune", report.desired().ownership().prune());
    scope.put("max_deletes", report.desired().ownership().maxDeletes());
    Map<String, Object> selection = new LinkedHashMap<>();
    selection.put("projects", report.options().projects().stream().sorted().toList());
    selection.put("jobs", report.options().jobs().stream().sorted().toList());
    scope.put("selection", selection);
    scope.put(
        "marker_placement",
        report.options().placement(report.desired()).name().toLowerCase(java.util.Locale.ROOT));
    return scope;
  }

  private static Map<String, Object> change(Change c) {
    Map<String, Object> out =
        header(c.address(), c.before() == null ? null : c.before().id(), c.action());
    out.put("remote_fingerprint", fingerprint(c.remoteFingerprint()));
    List<Object> fields = new ArrayList<>();
    for (FieldChange f : c.fields()) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("path", f.path());
      field.put("before", f.sensitive() && f.before() != null ? PlanValues.SENSITIVE : f.before());
      field.put(
          "after", f.pending() != null ? null : f.sensitive() ? PlanValues.SENSITIVE : f.after());
      field.put("known_after_apply", f.pending() == null ? null : f.pending().target().id());
      field.put("refers_to", f.refersTo() == null ? null : f.refersTo().id());
      field.put("sensitive", f.sensitive());
      field.put("origin", f.origin().label());
      fields.add(field);
    }
    out.put("fields", fields);
    out.put(
        "pending",
        c.pending().stream()
            .map(p -> Map.of("field", p.field().path(), "target", p.target().id()))
            .toList());
    out.put("before", redacted(c.before()));
    WireObject after =
        c instanceof Change.Create cr
            ? cr.after()
            : c instanceof Change.Update u ? u.after() : null;
    out.put("after", redacted(after));
    return out;
  }

  private static Map<String, Object> noOp(Unchanged u) {
    Map<String, Object> out = header(u.address(), u.id(), "no-op");
    out.put("remote_fingerprint", fingerprint(u.fingerprint()));
    return out;
  }

  private static Map<String, Object> header(ResourceAddress address, Long id, String action) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", address.id());
    out.put("kind", address.kind().label());
    out.put("project", address.project());
    out.put("key", address.key());
    out.put("id", id);
    out.put("action", action);
    return out;
  }

  private static Map<String, Object> fingerprint(Fingerprint f) {
    if (f == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("updated_at", f.updatedAt() == null ? null : f.updatedAt().toString());
    out.put("content_hash", f.contentHash());
    return out;
  }

  /** The wire object, with the values of secret variables replaced. */
  private static Map<String, Object> redacted(WireObject o) {
    if (o == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>(o.fields());
    if (o instanceof EnvironmentVariable v && v.secret()) {
      Map<String, Object> values = new LinkedHashMap<>();
      v.values()
          .forEach(
              (scope, value) -> values.put(scope, value == null ? null : PlanValues.SENSITIVE));
      out.put("values", values);
    }
    if (o instanceof JobEnvironmentVariable v && v.secret() && v.value() != null) {
      out.put(JobEnvironmentVariable.VALUE, PlanValues.SENSITIVE);
    }
    return out;
  }
}
