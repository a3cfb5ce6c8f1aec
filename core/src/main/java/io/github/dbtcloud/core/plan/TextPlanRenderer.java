package io.github.dbtcloud.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan in Terraform's vocabulary: {@code +} create, {@code ~} update, {@code -} destroy,
 * one line per field with {@code old -> new}, then {@code Plan: X to add, Y to change, Z to destroy.}
 */
public final class TextPlanRenderer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String desiredName;

  /** @param desiredName how the desired state is called in the "No changes." line, e.g. {@code dbt-cloud.yml} */
  public TextPlanRenderer(String desiredName) {
    this.desiredName = desiredName;
  }

  /** The plan as lines of text. */
  public List<String> render(Plan plan) {
    List<String> out = new ArrayList<>();
    String project = null;
    for (Change change : plan.changes()) {
      if (!change.address().project().equals(project)) {
        project = change.address().project();
        out.add("");
        out.add("Project " + project + ":");
      }
      out.add("");
      out.addAll(renderChange(change));
    }
    if (!plan.unmanaged().isEmpty()) {
      out.add("");
      out.add(plan.unmanaged().size() + " unmanaged job(s) in scope (no marker of this file; left untouched):");
      plan.unmanaged().forEach(u -> out.add("    " + u.project() + ": \"" + u.name() + "\" (id " + u.id() + ")"));
    }
    out.add("");
    if (plan.isEmpty()) {
      out.add("No changes. dbt Cloud matches " + desiredName + ".");
    } else {
      out.add(plan.summary());
    }
    return out;
  }

  private static List<String> renderChange(Change change) {
    List<String> out = new ArrayList<>();
    if (change instanceof Change.Update u) {
      out.add("  ~ " + u.address() + " (id " + u.before().id() + ") {");
    } else if (change instanceof Change.Delete d) {
      out.add("  - " + d.address() + " (id " + d.before().id() + ") {");
    } else {
      out.add("  + " + change.address() + " {");
    }
    int width = change.fields().stream().mapToInt(f -> f.path().length()).max().orElse(0);
    for (FieldChange f : change.fields()) {
      String name = String.format("%-" + width + "s", f.path());
      if (change instanceof Change.Create) {
        out.add("      + " + name + " = " + after(f));
      } else {
        out.add("      ~ " + name + " = " + value(f.before()) + " -> " + after(f));
      }
    }
    out.add("    }");
    return out;
  }

  private static String after(FieldChange f) {
    return f.pending() != null ? "(known after apply: " + f.pending().target() + ")" : value(f.after());
  }

  /** A value as the user would write it: strings quoted, lists and objects as JSON. */
  static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String || v instanceof List<?> || v instanceof Map<?, ?>) {
      try {
        return JSON.writeValueAsString(v);
      } catch (JsonProcessingException e) {
        return String.valueOf(v);
      }
    }
    return String.valueOf(v);
  }
}
