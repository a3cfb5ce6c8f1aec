package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A position-aware view of one YAML node: every read knows its file, line, column and dotted path,
 * and a wrong type becomes a {@link Problem} rather than an exception.
 */
final class YamlCursor {

  private final Node node;
  private final Path file;
  private final ReadContext context;
  private final SourcePosition keyPosition;

  /**
   * The cursor this one was reached from and the step from it (a key, or {@code [i]}), or no parent
   * and the whole path: a large file has a cursor per value, and most paths are never shown, so
   * each is spelled out only when asked for.
   */
  private final YamlCursor parent;

  private final String step;

  private final boolean item;
  private String path;
  private Set<String> misspelled;

  YamlCursor(Node node, Path file, String path, ReadContext context) {
    this(node, file, null, path, false, context, null);
  }

  private YamlCursor(
      Node node,
      Path file,
      YamlCursor parent,
      String step,
      boolean item,
      ReadContext context,
      SourcePosition keyPosition) {
    this.node = node;
    this.file = file;
    this.parent = parent;
    this.step = step;
    this.item = item;
    this.path = parent == null ? step : null;
    this.context = context;
    this.keyPosition = keyPosition;
  }

  String path() {
    String p = path;
    if (p == null) {
      p = item ? parent.path() + step : parent.keyPath(step);
      path = p;
    }
    return p;
  }

  /** The dotted path of a key of this mapping. */
  private String keyPath(String key) {
    String here = path();
    return here.isEmpty() ? key : here + "." + key;
  }

  Path file() {
    return file;
  }

  ReadContext context() {
    return context;
  }

  /** Items of a list or entries of a mapping (before merge keys), 0 for a single value. */
  int size() {
    if (node instanceof SequenceNode seq) {
      return seq.getValue().size();
    }
    return node instanceof MappingNode m ? m.getValue().size() : 0;
  }

  /**
   * Where to point the user: at the value for a single value (the bad token), at the key for a
   * block (the line the block starts on).
   */
  SourcePosition position() {
    if (keyPosition != null && (!(node instanceof ScalarNode) || isNull())) {
      return keyPosition;
    }
    return valuePosition();
  }

  /**
   * Whether an unknown key of this mapping looked like a typo of {@code key} (so "missing key"
   * would be noise).
   */
  boolean misspelled(String key) {
    return misspelled != null && misspelled.contains(key);
  }

  /** The position of the key this value is written under, or of the value when it has no key. */
  SourcePosition keyPosition() {
    return keyPosition != null ? keyPosition : valuePosition();
  }

  private SourcePosition valuePosition() {
    return new SourcePosition(
        file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  /**
   * The position of the character at {@code offset} inside a one-line scalar, so that a message can
   * point at the bad part of a value (a cron field, a {@code ${}); the value's start otherwise.
   */
  SourcePosition positionAt(int offset) {
    if (!(node instanceof ScalarNode s)
        || offset <= 0
        || s.getStartMark().getLine() != s.getEndMark().getLine()) {
      return valuePosition();
    }
    ScalarStyle style = s.getScalarStyle();
    boolean quoted = style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
    boolean verbatim =
        style == ScalarStyle.PLAIN
            || (style == ScalarStyle.SINGLE_QUOTED && !s.getValue().contains("'"))
            || (style == ScalarStyle.DOUBLE_QUOTED
                && !s.getValue().contains("\\")
                && !s.getValue().contains("\""));
    if (!verbatim || offset > s.getValue().length()) {
      return valuePosition();
    }
    return new SourcePosition(
        file,
        s.getStartMark().getLine() + 1,
        s.getStartMark().getColumn() + 1 + (quoted ? 1 : 0) + offset);
  }

  void problem(String message) {
    context.problems().add(position(), path(), message);
  }

  void problemAt(int offset, String message) {
    context.problems().add(positionAt(offset), path(), message);
  }

  /** A problem with the key itself (its name), pointing at the key. */
  void keyProblem(String message) {
    context.problems().add(keyPosition(), path(), message);
  }

  void warn(String message) {
    context.problems().warn(position(), path(), message);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  /** The raw scalar text, before interpolation, or null for anything else. */
  String raw() {
    return node instanceof ScalarNode s && !isNull() ? s.getValue() : null;
  }

  /** The entries of a mapping, any key accepted. */
  Map<String, YamlCursor> entries() {
    return entries(null);
  }

  /**
   * The entries of a mapping, in file order, with YAML merge keys ({@code <<: *anchor}) expanded,
   * duplicate keys and keys outside {@code allowed} reported ({@code null} accepts any key). A
   * non-mapping is reported and gives no entries; so does a null value.
   */
  Map<String, YamlCursor> entries(Set<String> allowed) {
    Map<String, YamlCursor> out = new LinkedHashMap<>();
    if (isNull()) {
      return out;
    }
    if (!(node instanceof MappingNode mapping)) {
      problem("expected a mapping (key: value lines), found " + describe());
      return out;
    }
    List<NodeTuple> merged = new ArrayList<>();
    Map<String, SourcePosition> seen = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (isMergeKey(tuple.getKeyNode())) {
        flattenMerge(
            tuple.getValueNode(), merged, Collections.newSetFromMap(new IdentityHashMap<>()));
        continue;
      }
      add(tuple, allowed, seen, out, true);
    }
    for (NodeTuple tuple : merged) {
      add(tuple, allowed, seen, out, false);
    }
    return out;
  }

  private void add(
      NodeTuple tuple,
      Set<String> allowed,
      Map<String, SourcePosition> seen,
      Map<String, YamlCursor> out,
      boolean explicit) {
    Node keyNode = tuple.getKeyNode();
    Path keyFile = context.originOf(keyNode, file);
    SourcePosition keyPos =
        new SourcePosition(
            keyFile, keyNode.getStartMark().getLine() + 1, keyNode.getStartMark().getColumn() + 1);
    if (!(keyNode instanceof ScalarNode keyScalar)) {
      if (explicit) {
        context
            .problems()
            .add(keyPos, path(), "a key must be a plain name, not a " + kind(keyNode));
      }
      return;
    }
    String key = keyScalar.getValue();
    if (seen.containsKey(key)) {
      if (explicit) {
        context
            .problems()
            .add(
                keyPos,
                keyPath(key),
                "duplicate key '"
                    + key
                    + "' (first defined at line "
                    + seen.get(key).line()
                    + "); keep one of them");
      }
      return;
    }
    seen.put(key, keyPos);
    if (allowed != null && !allowed.contains(key)) {
      context.problems().add(keyPos, keyPath(key), unknownKey(key, allowed));
      Suggestions.closest(key, allowed)
          .ifPresent(
              k -> {
                if (misspelled == null) {
                  misspelled = new HashSet<>();
                }
                misspelled.add(k);
              });
      return;
    }
    Node value = tuple.getValueNode();
    out.put(
        key,
        new YamlCursor(value, context.originOf(value, keyFile), this, key, false, context, keyPos));
  }

  /** "unknown key 'x'; did you mean 'y'?" or, with no likely typo, the keys allowed here. */
  static String unknownKey(String key, Collection<String> allowed) {
    return "unknown key '"
        + key
        + "'; "
        + Suggestions.closest(key, allowed)
            .map(s -> "did you mean '" + s + "'?")
            .orElse("allowed here: " + String.join(", ", new TreeSet<>(allowed)));
  }

  private static boolean isMergeKey(Node key) {
    // Asked of every key of every mapping: a plain key's tag is the resolver's STR itself, which
    // spares comparing the tags' texts.
    return key instanceof ScalarNode s
        && ("<<".equals(s.getValue()) || (s.getTag() != Tag.STR && s.getTag().equals(Tag.MERGE)));
  }

  /**
   * YAML merge: the value is a mapping or a list of mappings; earlier ones win, explicit keys win
   * over all.
   */
  private void flattenMerge(Node value, List<NodeTuple> into, Set<Node> visiting) {
    if (!visiting.add(value)) {
      return;
    }
    if (value instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (isMergeKey(t.getKeyNode())) {
          flattenMerge(t.getValueNode(), into, visiting);
        } else {
          into.add(t);
        }
      }
    } else if (value instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        flattenMerge(item, into, visiting);
      }
    } else {
      context
          .problems()
          .add(
              new SourcePosition(
                  file, value.getStartMark().getLine() + 1, value.getStartMark().getColumn() + 1),
              path(),
              "'<<' merges a mapping (<<: *anchor), not a single value");
    }
  }

  /** The items of a sequence; a single scalar counts as a one-item list, null as none. */
  List<YamlCursor> items() {
    List<YamlCursor> out = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        out.add(
            new YamlCursor(
                item, context.originOf(item, file), this, "[" + i++ + "]", true, context, null));
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
      return context.interpolator().interpolate(s.getValue(), this);
    }
    problem("expected a single value, found " + describe());
    return null;
  }

  Boolean bool() {
    return convert(
        "true or false",
        v ->
            switch (v.strip().toLowerCase(Locale.ROOT)) {
              case "true", "yes", "on" -> Boolean.TRUE;
              case "false", "no", "off" -> Boolean.FALSE;
              default -> null;
            });
  }

  Integer integer() {
    return convert(
        "a whole number",
        v -> {
          try {
            return Integer.valueOf(v.strip().replace("_", ""));
          } catch (NumberFormatException e) {
            return null;
          }
        });
  }

  Long id() {
    return convert(
        "a numeric id",
        v -> {
          try {
            long id = Long.parseLong(v.strip().replace("_", ""));
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

  String describe() {
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
