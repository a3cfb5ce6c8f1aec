package io.github.dbtcloud.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes plan.json with Jackson's streaming generator, field by field, in the order and layout
 * Jackson's databind writer gives {@link PlanFile} (its indented output; PlanFileJsonTest compares
 * the two on plans that fill every field). Databind would first build an ObjectMapper and look at
 * every record, several hundred classes that a plan in a fresh JVM otherwise never loads;
 * docs/architecture.md, "Start-up".
 */
final class PlanFileJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private PlanFileJson() {}

  /**
   * A value this writer leaves to databind: {@link PlanFile#normal} makes bodies and field values
   * plain JSON values, but a type it lets through is written the way databind writes it.
   */
  static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlain(Object value) {
      super(value.getClass().getName(), null, false, false);
    }
  }

  /**
   * Writes {@code plan} to {@code out}, indented, without a final line break and without closing
   * {@code out}.
   *
   * @throws NotPlain when a body holds a value that is not a plain JSON value
   */
  static void write(PlanFile plan, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("format_version", plan.formatVersion());
      g.writeStringField("tool", plan.tool());
      g.writeStringField("created_at", plan.createdAt());
      g.writeNumberField("account_id", plan.accountId());
      g.writeStringField("host", plan.host());
      g.writeFieldName("desired_state");
      files(g, plan.desiredState());
      g.writeFieldName("scope");
      scope(g, plan.scope());
      g.writeFieldName("summary");
      summary(g, plan.summary());
      g.writeFieldName("resource_changes");
      array(g, plan.resources(), PlanFileJson::entry);
      g.writeFieldName("unmanaged_jobs");
      array(g, plan.unmanaged(), PlanFileJson::unmanaged);
      g.writeFieldName("warnings");
      strings(g, plan.warnings());
      g.writeEndObject();
      g.flush();
    }
  }

  private static void files(JsonGenerator g, PlanFile.DesiredFiles files) throws IOException {
    if (files == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName("files");
    strings(g, files.files());
    g.writeStringField("sha256", files.sha256());
    g.writeEndObject();
  }

  private static void scope(JsonGenerator g, PlanFile.ScopeEntry scope) throws IOException {
    if (scope == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName("projects");
    array(g, scope.projects(), PlanFileJson::project);
    g.writeStringField("namespace", scope.namespace());
    g.writeBooleanField("prune", scope.prune());
    g.writeNumberField("max_deletes", scope.maxDeletes());
    g.writeFieldName("selection");
    if (scope.selection() == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeFieldName("projects");
      strings(g, scope.selection().projects());
      g.writeFieldName("jobs");
      strings(g, scope.selection().jobs());
      g.writeEndObject();
    }
    g.writeStringField("marker_placement", scope.markerPlacement());
    g.writeEndObject();
  }

  private static void project(JsonGenerator g, PlanFile.ProjectEntry p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("key", p.key());
    g.writeNumberField("id", p.id());
    g.writeStringField("name", p.name());
    g.writeEndObject();
  }

  private static void summary(JsonGenerator g, PlanFile.Summary s) throws IOException {
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeNumberField("add", s.add());
    g.writeNumberField("change", s.change());
    g.writeNumberField("destroy", s.destroy());
    g.writeNumberField("no_op", s.noOp());
    g.writeBooleanField("drift", s.drift());
    g.writeEndObject();
  }

  /** As {@link PlanFile.Entry#json()}: a no-op is its header alone. */
  private static void entry(JsonGenerator g, PlanFile.Entry e) throws IOException {
    if (e == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("address", e.address());
    g.writeStringField("kind", e.kind());
    g.writeStringField("project", e.project());
    g.writeStringField("key", e.key());
    g.writeFieldName("id");
    if (e.id() == null) {
      g.writeNull();
    } else {
      g.writeNumber(e.id().longValue());
    }
    g.writeStringField("action", e.action());
    g.writeFieldName("remote_fingerprint");
    PlanFile.FingerprintEntry f = e.remoteFingerprint();
    if (f == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeStringField("updated_at", f.updatedAt());
      g.writeStringField("content_hash", f.contentHash());
      g.writeEndObject();
    }
    if (e.fields() != null) {
      g.writeFieldName("fields");
      array(g, e.fields(), PlanFileJson::field);
      g.writeFieldName("pending");
      array(g, e.pending(), PlanFileJson::pending);
      g.writeFieldName("before");
      value(g, e.before());
      g.writeFieldName("after");
      value(g, e.after());
    }
    g.writeEndObject();
  }

  private static void field(JsonGenerator g, PlanFile.FieldEntry f) throws IOException {
    if (f == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("path", f.path());
    g.writeFieldName("before");
    value(g, f.before());
    g.writeFieldName("after");
    value(g, f.after());
    g.writeStringField("known_after_apply", f.knownAfterApply());
    g.writeStringField("refers_to", f.refersTo());
    g.writeBooleanField("sensitive", f.sensitive());
    g.writeStringField("origin", f.origin());
    g.writeStringField("note", f.note());
    g.writeEndObject();
  }

  private static void pending(JsonGenerator g, PlanFile.PendingEntry p) throws IOException {
    if (p == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("field", p.field());
    g.writeStringField("target", p.target());
    g.writeEndObject();
  }

  private static void unmanaged(JsonGenerator g, PlanFile.UnmanagedEntry u) throws IOException {
    if (u == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("kind", u.kind());
    g.writeStringField("project", u.project());
    g.writeNumberField("id", u.id());
    g.writeStringField("name", u.name());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, List<String> texts) throws IOException {
    array(g, texts, JsonGenerator::writeString);
  }

  /** How one item of an array is written. */
  @FunctionalInterface
  private interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** A list as a JSON array, null as null. */
  private static <T> void array(JsonGenerator g, List<T> items, ItemWriter<T> item)
      throws IOException {
    if (items == null) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (T each : items) {
      item.write(g, each);
    }
    g.writeEndArray();
  }

  /**
   * A value as one line of JSON, as databind's {@code writeValueAsString} gives it: how the plan
   * renderers show a field's value.
   *
   * @throws NotPlain for a value other than a plain JSON value of the JDK's types
   */
  static String compact(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      value(g, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string", e);
    }
    return out.toString();
  }

  /** A body or a field's value: plain JSON values of the JDK's types. */
  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l.longValue());
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof Double d) {
      g.writeNumber(d.doubleValue());
    } else if (v instanceof Float f) {
      g.writeNumber(f.floatValue());
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof BigDecimal b) {
      g.writeNumber(b);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new NotPlain(v);
        }
        g.writeFieldName(key);
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object x : l) {
        value(g, x);
      }
      g.writeEndArray();
    } else {
      throw new NotPlain(v);
    }
  }
}
