package io.github.dbtcloud.core.importer;

import io.github.dbtcloud.core.resource.Exported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the imported document as the YAML a person would write: block mappings, lists of plain
 * values in flow style ({@code [dbt build]}), plain text where YAML reads it back as the same text
 * and double quotes elsewhere, a literal {@code ${} written {@code $${} (the loader would
 * interpolate it), comments above the entries. The output is a function of the document only, so
 * the same account gives the same bytes.
 */
final class YamlText {

  /** A mapping whose entries may carry comment lines. */
  static final class Block {
    final Map<String, Object> entries = new LinkedHashMap<>();
    final Map<String, List<String>> comments = new LinkedHashMap<>();

    /** The nested block under a key, made when missing. */
    Block block(String key) {
      Object v = entries.computeIfAbsent(key, k -> new Block());
      return (Block) v;
    }

    void comment(String key, List<String> lines) {
      if (!lines.isEmpty()) {
        comments.computeIfAbsent(key, k -> new ArrayList<>()).addAll(lines);
      }
    }
  }

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9 _./()+*=-]*");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile("[-+]?(\\.?[0-9][0-9_.eE+-]*|\\.inf|\\.nan|0x[0-9a-fA-F]+|0o[0-7]+)");
  private static final Set<String> WORDS =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

  private final StringBuilder out = new StringBuilder();

  private YamlText() {}

  /** The document: header comment lines, then the root block. */
  static String write(List<String> header, Block root) {
    YamlText y = new YamlText();
    header.forEach(h -> y.out.append(h.isEmpty() ? "#" : "# " + h).append('\n'));
    y.block(root, 0);
    return y.out.toString();
  }

  private void block(Block b, int indent) {
    for (Map.Entry<String, Object> e : b.entries.entrySet()) {
      for (String c : b.comments.getOrDefault(e.getKey(), List.of())) {
        out.append(" ".repeat(indent)).append("# ").append(c).append('\n');
      }
      out.append(" ".repeat(indent)).append(scalar(e.getKey())).append(':');
      value(e.getValue(), indent);
    }
  }

  @SuppressWarnings("unchecked")
  private void value(Object v, int indent) {
    if (v == null) {
      out.append(" null\n"); // an explicit null: "clear it" (a converted dbt-jobs-as-code file)
    } else if (v instanceof Block b) {
      if (b.entries.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        block(b, indent + 2);
      }
    } else if (v instanceof Map<?, ?> m) {
      Block b = new Block();
      ((Map<String, Object>) m).forEach(b.entries::put);
      value(b, indent);
    } else if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(x -> items.add(scalar(x)));
      out.append(" [").append(String.join(", ", items)).append("]\n");
    } else {
      out.append(' ').append(scalar(v)).append('\n');
    }
  }

  /** One value: a number, true/false, a placeholder as it is, or text plain or quoted. */
  static String scalar(Object v) {
    if (v instanceof Exported.Verbatim verbatim) {
      return quoted(verbatim.text());
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    String s = String.valueOf(v).replace("${", "$${");
    boolean plain =
        PLAIN.matcher(s).matches()
            && !s.endsWith(" ")
            && !WORDS.contains(s.toLowerCase(java.util.Locale.ROOT))
            && !NUMBER_LIKE.matcher(s).matches();
    return plain ? s : quoted(s);
  }

  private static String quoted(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
