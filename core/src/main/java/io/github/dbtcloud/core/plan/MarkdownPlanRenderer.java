package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code plan.md}, the plan as a pull-request comment: a summary table, then one {@code
 * <details>} block per object with its fields as a diff. Past GitHub's limit of 65,536 characters
 * per comment, blocks are left out from the end and the comment says how many.
 */
public final class MarkdownPlanRenderer {

  /** GitHub's limit for one comment. */
  public static final int GITHUB_COMMENT_LIMIT = 65_536;

  private final String desiredName;
  private final int limit;

  /** A renderer for GitHub's limit. */
  public MarkdownPlanRenderer(String desiredName) {
    this(desiredName, GITHUB_COMMENT_LIMIT);
  }

  /** A renderer for another size limit (GitLab, Bitbucket, tests). */
  public MarkdownPlanRenderer(String desiredName, int limit) {
    this.desiredName = desiredName;
    this.limit = limit;
  }

  /**
   * The plan.md text, never longer than the limit.
   *
   * @param plan the plan
   * @param host the host planned against, or null
   * @param desiredSha256 the desired state's hash
   */
  public String render(Plan plan, String host, String desiredSha256) {
    StringBuilder head = new StringBuilder();
    head.append("### dbt Cloud plan\n\n");
    if (plan.isEmpty()) {
      head.append("**No changes.** dbt Cloud matches `").append(desiredName).append("`.\n");
    } else {
      head.append("**").append(plan.summary()).append("**\n");
    }
    head.append("\nAccount ")
        .append(plan.accountId())
        .append(host == null ? "" : " at " + host)
        .append(", `")
        .append(desiredName)
        .append("` sha256 `")
        .append(desiredSha256, 0, Math.min(12, desiredSha256.length()))
        .append("`.\n");
    if (plan.hasDrift()) {
      head.append(
              "\n> [!WARNING]\n> Some objects were changed in dbt Cloud by hand; applying puts the file's values"
                  + " back (fields marked *changed outside `")
          .append(desiredName)
          .append("`*).\n");
    }
    for (String w : plan.warnings()) {
      head.append("\n> [!CAUTION]\n> ").append(escape(w)).append("\n");
    }
    List<String> rows = new ArrayList<>();
    List<String> blocks = new ArrayList<>();
    for (Change c : plan.changes()) {
      rows.add(
          "| `"
              + symbol(c)
              + "` "
              + c.action()
              + " | "
              + escape(c.address().toString())
              + " | "
              + c.address().scope()
              + " | "
              + (c.id() == null ? "" : c.id())
              + " | "
              + c.fields().size()
              + " |\n");
      blocks.add(block(c));
    }
    StringBuilder tail = new StringBuilder();
    if (!plan.unmanaged().isEmpty()) {
      tail.append("\n<details><summary>")
          .append(PlanValues.unmanaged(plan.unmanaged()))
          .append(" in scope, left untouched</summary>\n\n");
      plan.unmanaged()
          .forEach(
              u ->
                  tail.append("- ")
                      .append(u.project() == null ? "account" : u.project())
                      .append(": ")
                      .append(escape(u.name()))
                      .append(" (id ")
                      .append(u.id())
                      .append(")\n"));
      tail.append("\n</details>\n");
    }
    return assemble(head.toString(), rows, blocks, tail.toString());
  }

  /**
   * Fits the parts under the limit: whole blocks are dropped from the end, then table rows, and the
   * comment says so.
   */
  private String assemble(String head, List<String> rows, List<String> blocks, String tail) {
    String tableHead =
        rows.isEmpty()
            ? ""
            : "\n| Action | Object | Project | Id | Fields |\n|---|---|---|---|---|\n";
    StringBuilder out = new StringBuilder(head);
    int reserve = 300 + tail.length();
    int shownRows = 0;
    if (!rows.isEmpty()) {
      out.append(tableHead);
      for (String row : rows) {
        if (out.length() + row.length() + reserve > limit) {
          break;
        }
        out.append(row);
        shownRows++;
      }
      if (shownRows < rows.size()) {
        out.append("\n_")
            .append(rows.size() - shownRows)
            .append(" more change(s) not listed: the comment limit is ")
            .append(limit)
            .append(" characters. plan.json has them all._\n");
      }
    }
    int shownBlocks = 0;
    for (int i = 0; i < shownRows; i++) {
      String block = blocks.get(i);
      if (out.length() + block.length() + reserve > limit) {
        break;
      }
      out.append(block);
      shownBlocks++;
    }
    if (shownBlocks < rows.size()) {
      out.append("\n_Details of ")
          .append(rows.size() - shownBlocks)
          .append(" of ")
          .append(rows.size())
          .append(" change(s) left out: the comment limit is ")
          .append(limit)
          .append(" characters. plan.json has them all._\n");
    }
    if (out.length() + tail.length() <= limit) {
      out.append(tail);
    }
    return out.toString();
  }

  private String block(Change c) {
    StringBuilder b = new StringBuilder();
    b.append("\n<details><summary><code>")
        .append(symbol(c))
        .append(' ')
        .append(escapeHtml(PlanValues.title(c)))
        .append("</code> ")
        .append(c.action())
        .append("</summary>\n\n```diff\n");
    if (c instanceof Change.Delete) {
      b.append("- name = ").append(PlanValues.value(c.before().fields().get("name"))).append('\n');
    }
    for (FieldChange f : c.fields()) {
      String note =
          (f.origin() == FieldChange.Origin.OUTSIDE ? "   # changed outside " + desiredName : "")
              + (f.note() == null ? "" : "   # " + f.note());
      if (c instanceof Change.Create) {
        b.append("+ ")
            .append(f.path())
            .append(" = ")
            .append(PlanValues.after(f, c.address().project()))
            .append('\n');
      } else {
        b.append("- ")
            .append(f.path())
            .append(" = ")
            .append(PlanValues.before(f))
            .append(note)
            .append('\n');
        b.append("+ ")
            .append(f.path())
            .append(" = ")
            .append(PlanValues.after(f, c.address().project()))
            .append('\n');
      }
    }
    b.append("```\n\n</details>\n");
    return b.toString();
  }

  private static String symbol(Change c) {
    return c instanceof Change.Create ? "+" : c instanceof Change.Update ? "~" : "-";
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
