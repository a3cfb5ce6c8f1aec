package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan in Terraform's vocabulary: {@code +} create, {@code ~} update in place, {@code -}
 * destroy; one line per field with {@code old -> new}, nested wire objects as nested blocks, lists
 * of more than one element diffed element by element; then {@code Plan: X to add, Y to change, Z to
 * destroy.} or {@code No changes.}. Differences made in dbt Cloud by hand (per the marker's
 * fingerprint) say so. Colours follow Terraform's when on.
 */
public final class TextPlanRenderer {

  static final String OUTSIDE_NOTE = "# changed outside ";

  private static final String GREEN = "\u001B[32m";
  private static final String YELLOW = "\u001B[33m";
  private static final String RED = "\u001B[31m";
  private static final String BOLD = "\u001B[1m";
  private static final String RESET = "\u001B[0m";

  private final String desiredName;
  private final boolean colour;

  /**
   * @param desiredName how the desired state is called in the output, e.g. {@code dbt-cloud.yml}
   */
  public TextPlanRenderer(String desiredName) {
    this(desiredName, false);
  }

  /**
   * @param desiredName how the desired state is called in the output, e.g. {@code dbt-cloud.yml}
   * @param colour whether to use ANSI colours (Maven's own setting decides)
   */
  public TextPlanRenderer(String desiredName, boolean colour) {
    this.desiredName = desiredName;
    this.colour = colour;
  }

  /** The plan as lines of text. */
  public List<String> render(Plan plan) {
    List<String> out = new ArrayList<>();
    if (!plan.isEmpty()) {
      out.add("");
      out.add(
          "dbt Cloud will change as follows ("
              + paint(GREEN, "+")
              + " create, "
              + paint(YELLOW, "~")
              + " update in place, "
              + paint(RED, "-")
              + " destroy):");
    }
    if (plan.hasDrift()) {
      out.add("");
      out.add(
          "Note: some objects were changed in dbt Cloud outside "
              + desiredName
              + "; the plan puts the file's values back (marked \""
              + OUTSIDE_NOTE
              + desiredName
              + "\").");
    }
    String scope = null;
    for (Change change : plan.changes()) {
      if (!change.address().scope().equals(scope)) {
        scope = change.address().scope();
        out.add("");
        out.add(
            paint(
                BOLD, change.address().project() == null ? "Account:" : "Project " + scope + ":"));
      }
      out.add("");
      out.addAll(renderChange(change));
    }
    if (!plan.unmanaged().isEmpty()) {
      out.add("");
      out.add(
          PlanValues.unmanaged(plan.unmanaged())
              + " in scope (no marker of this file; left untouched):");
      plan.unmanaged()
          .forEach(
              u ->
                  out.add(
                      "    "
                          + (u.project() == null ? "account" : u.project())
                          + ": \""
                          + u.name()
                          + "\" (id "
                          + u.id()
                          + ")"));
    }
    for (String warning : plan.warnings()) {
      out.add("");
      out.add(paint(YELLOW, "Warning: ") + warning);
    }
    out.add("");
    if (plan.isEmpty()) {
      out.add(paint(GREEN, "No changes.") + " dbt Cloud matches " + desiredName + ".");
    } else {
      out.add(paint(BOLD, plan.summary()));
    }
    return out;
  }

  private List<String> renderChange(Change change) {
    List<String> out = new ArrayList<>();
    String title = PlanValues.title(change);
    if (change instanceof Change.Create) {
      out.add("  # " + title + " will be created");
      out.add("  " + paint(GREEN, "+") + " " + title + " {");
    } else if (change instanceof Change.Update) {
      boolean drift =
          change.fields().stream().anyMatch(f -> f.origin() == FieldChange.Origin.OUTSIDE);
      out.add(
          "  # "
              + title
              + " will be updated in place"
              + (drift ? " (it was changed outside " + desiredName + ")" : ""));
      out.add("  " + paint(YELLOW, "~") + " " + title + " {");
    } else {
      out.add("  # " + title + " will be destroyed");
      out.add("  " + paint(RED, "-") + " " + title + " {");
      Object name = change.before().fields().get("name");
      out.add("      " + paint(RED, "-") + " name = " + PlanValues.value(name) + " -> null");
    }
    char op = change instanceof Change.Create ? '+' : '~';
    boolean nested = change.address().kind().nestedFields();
    block(tree(change.fields(), nested), op, "      ", change.address().project(), out);
    out.add("    }");
    return out;
  }

  /** Fields grouped into nested blocks by their dotted path, in first-seen order. */
  private static Map<String, Object> tree(List<FieldChange> fields, boolean nested) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (FieldChange f : fields) {
      String[] parts = nested ? f.path().split("\\.") : new String[] {f.path()};
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> child =
            (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
        node = child;
      }
      node.put(parts[parts.length - 1], f);
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private void block(
      Map<String, Object> node, char op, String indent, String project, List<String> out) {
    int width =
        node.entrySet().stream()
            .filter(e -> e.getValue() instanceof FieldChange)
            .mapToInt(e -> PlanValues.name(e.getKey()).length())
            .max()
            .orElse(0);
    for (Map.Entry<String, Object> e : node.entrySet()) {
      String name = PlanValues.name(e.getKey());
      if (e.getValue() instanceof FieldChange f) {
        field(f, String.format("%-" + width + "s", name), op, indent, project, out);
      } else {
        out.add(indent + symbol(op) + " " + name + " {");
        block((Map<String, Object>) e.getValue(), op, indent + "    ", project, out);
        out.add(indent + "  }");
      }
    }
  }

  private void field(
      FieldChange f, String name, char op, String indent, String project, List<String> out) {
    String note =
        (f.origin() == FieldChange.Origin.OUTSIDE ? " " + OUTSIDE_NOTE + desiredName : "")
            + (f.note() == null ? "" : " # " + f.note());
    if (PlanValues.listDiff(f)) {
      out.add(indent + symbol(op) + " " + name.strip() + " = [" + note);
      for (PlanValues.Element e : PlanValues.elements(op == '+' ? null : f.before(), f.after())) {
        String mark = e.op() == ' ' ? "  " : symbol(e.op()) + " ";
        out.add(indent + "    " + mark + PlanValues.value(e.value()) + ",");
      }
      out.add(indent + "  ]");
    } else if (op == '+') {
      out.add(indent + symbol(op) + " " + name + " = " + PlanValues.after(f, project));
    } else {
      out.add(
          indent
              + symbol(op)
              + " "
              + name
              + " = "
              + PlanValues.before(f)
              + " -> "
              + PlanValues.after(f, project)
              + note);
    }
  }

  private String symbol(char op) {
    return switch (op) {
      case '+' -> paint(GREEN, "+");
      case '-' -> paint(RED, "-");
      default -> paint(YELLOW, "~");
    };
  }

  private String paint(String colourCode, String text) {
    return colour ? colourCode + text + RESET : text;
  }
}
