package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A position-aware view of one YAML node: every read knows its file, line, column and dotted
 * path, and a wrong type becomes a {@link Problem} rather than an exception.
 */
final class YamlCursor {

  private final Node node;
  private final Path file;
  private final String path;
  private final Problems problems;
  private final Interpolator interpolator;
  private final SourcePosition keyPosition;

  YamlCursor(Node node, Path file, String path, Problems problems, Interpolator interpolator) {
    this(node, file, path, problems, interpolator, null);
  }

  private YamlCursor(Node node, Path file, String path, Problems problems, Interpolator interpolator,
      SourcePosition keyPosition) {
    this.node = node;
    this.file = file;
    this.path = path;
    this.problems = problems;
    this.interpolator = interpolator;
    this.keyPosition = keyPosition;
  }

  String path() {
    return path;
  }

  /**
   * Where to point the user: at the value for a single value (the bad token), at the key for a
   * block (the line the block starts on).
   */
  SourcePosition position() {
    if (keyPosition != null && !(node instanceof ScalarNode)) {
      return keyPosition;
    }
    return new SourcePosition(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  void problem(String message) {
    problems.add(position(), path, message);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /**
   * The entries of a mapping, in file order, with duplicate keys and keys outside {@code allowed}
   * reported (an empty {@code allowed} accepts any key). A non-mapping gives no entries.
   */
  Map<String, YamlCursor> entries(Set<String> allowed) {
    Map<String, YamlCursor> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      problem("expected a mapping (key: value lines), found " + describe());
      return out;
    }
    Map<String, SourcePosition> seen = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyPos = new SourcePosition(file, keyNode.getStartMark().getLine() + 1,
          keyNode.getStartMark().getColumn() + 1);
      String childPath = null;
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        problems.add(keyPos, path, "a key must be a plain name, not a " + kind(keyNode));
        continue;
      }
      String key = keyScalar.getValue();
      childPath = path.isEmpty() ? key : path + "." + key;
      if (seen.containsKey(key)) {
        problems.add(keyPos, childPath, "duplicate key '" + key + "' (first defined at line "
            + seen.get(key).line() + "); keep one of them");
        continue;
      }
      seen.put(key, keyPos);
      if (!allowed.isEmpty() && !allowed.contains(key)) {
        String hint = Suggestions.closest(key, allowed).map(s -> "did you mean '" + s + "'? ").orElse("");
        problems.add(keyPos, childPath, "unknown key '" + key + "'; " + hint
            + "allowed keys here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
        continue;
      }
      out.put(key, new YamlCursor(tuple.getValueNode(), file, childPath, problems, interpolator, keyPos));
    }
    return out;
  }

  /** The items of a sequence; a single scalar counts as a one-item list. */
  List<YamlCursor> items() {
    List<YamlCursor> out = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        out.add(new YamlCursor(item, file, path + "[" + i++ + "]", problems, interpolator));
      }
    } else if (node instanceof ScalarNode && !isNull()) {
      out.add(this);
    } else if (!isNull()) {
      problem("expected a list, found " + describe());
    }
    return out;
  }

  /** The scalar as interpolated text, or null (reported) when the node is not a scalar. */
  String text() {
    if (node instanceof ScalarNode s) {
      if (isNull()) {
        return null;
      }
      return interpolator.interpolate(s.getValue(), this);
    }
    problem("expected a single value, found " + describe());
    return null;
  }

  /** Whether the scalar was written as a literal (no {@code ${...}} interpolation). */
  boolean literal() {
    return node instanceof ScalarNode s && !s.getValue().contains("${");
  }

  Boolean bool() {
    return convert("true or false", v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> Boolean.TRUE;
      case "false", "no", "off" -> Boolean.FALSE;
      default -> null;
    });
  }

  Integer integer() {
    return convert("a whole number", v -> {
      try {
        return Integer.valueOf(v.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    });
  }

  Long id() {
    return convert("a numeric id", v -> {
      try {
        long id = Long.parseLong(v.trim());
        return id > 0 ? id : null;
      } catch (NumberFormatException e) {
        return null;
      }
    });
  }

  List<String> strings() {
    List<String> out = new ArrayList<>();
    for (YamlCursor item : items()) {
      String v = item.text();
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  List<Integer> integers() {
    List<Integer> out = new ArrayList<>();
    for (YamlCursor item : items()) {
      Integer v = item.integer();
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private <T> T convert(String expected, Function<String, T> parse) {
    String v = text();
    if (v == null) {
      return null;
    }
    T out = parse.apply(v);
    if (out == null) {
      problem("expected " + expected + ", found '" + v + "'");
    }
    return out;
  }

  private String describe() {
    if (node instanceof ScalarNode s) {
      return isNull() ? "nothing" : "'" + s.getValue() + "'";
    }
    return "a " + kind(node);
  }

  private static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "mapping";
    }
    return n instanceof SequenceNode ? "list" : "value";
  }
}
