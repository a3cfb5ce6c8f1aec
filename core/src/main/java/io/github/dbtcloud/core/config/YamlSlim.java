package io.github.dbtcloud.core.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A composed tree made lighter to hold until every file is read: SnakeYAML gives each node empty
 * comment lists and two marks that keep the parser's text window alive (about 300 bytes a node, so
 * 50,000 jobs in five files would not fit a 256 MB heap). The copy keeps what the loader uses:
 * tags, values, styles, aliases (a node reached twice stays one node), each node's start line and
 * column, and its end line (an end on the start's line is the start mark itself).
 */
final class YamlSlim {

  private static final int[] NO_TEXT = new int[0];

  private final Map<Node, Node> copies = new IdentityHashMap<>();

  private ScalarNode tooLong;

  private YamlSlim() {}

  /**
   * A file's lighter tree, and its first value longer than any dbt Cloud field ({@link
   * YamlSource#MAX_SCALAR_CHARS}; a block scalar of many short lines), or null: found on the way,
   * so a large file is neither parsed nor walked twice for it.
   */
  record Slim(Node root, ScalarNode tooLong) {}

  /** The lighter copy of {@code root} (null for null), and its first value over the limit. */
  static Slim slim(Node root) {
    if (root == null) {
      return new Slim(null, null);
    }
    YamlSlim slim = new YamlSlim();
    Node copy = slim.copy(root);
    return new Slim(copy, slim.tooLong);
  }

  /** The lighter copy of {@code root}, or null for null. */
  static Node of(Node root) {
    return slim(root).root();
  }

  private Node copy(Node node) {
    // Only a node with an anchor can be reached twice (through its aliases), so only those are
    // looked up: a file of 10,000 jobs without anchors needs no identity map of 200,000 nodes.
    boolean anchored = node.getAnchor() != null;
    Node done = anchored ? copies.get(node) : null;
    if (done != null) {
      return done;
    }
    Mark start = mark(node.getStartMark());
    Mark end =
        node.getEndMark() == null || node.getEndMark().getLine() == start.getLine()
            ? start
            : mark(node.getEndMark());
    Node out;
    if (node instanceof ScalarNode s) {
      ScalarNode scalar =
          new ScalarNode(s.getTag(), true, s.getValue(), start, end, s.getScalarStyle());
      if (tooLong == null && s.getValue().length() > YamlSource.MAX_SCALAR_CHARS) {
        tooLong = scalar;
      }
      out = scalar;
      remember(anchored, node, out);
    } else if (node instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>(s.getValue().size());
      SequenceNode seq = new SequenceNode(s.getTag(), true, items, start, end, s.getFlowStyle());
      remember(anchored, node, seq);
      s.getValue().forEach(n -> items.add(copy(n)));
      out = seq;
    } else if (node instanceof MappingNode m) {
      List<NodeTuple> tuples = new ArrayList<>(m.getValue().size());
      MappingNode map = new MappingNode(m.getTag(), true, tuples, start, end, m.getFlowStyle());
      map.setMerged(m.isMerged());
      remember(anchored, node, map);
      m.getValue()
          .forEach(t -> tuples.add(new NodeTuple(copy(t.getKeyNode()), copy(t.getValueNode()))));
      out = map;
    } else {
      return node;
    }
    out.setAnchor(node.getAnchor());
    return out;
  }

  /** Before its children are copied, so that a collection holding an alias of itself resolves. */
  private void remember(boolean anchored, Node node, Node copy) {
    if (anchored) {
      copies.put(node, copy);
    }
  }

  private static Mark mark(Mark m) {
    return m == null
        ? null
        : new Mark(m.getName(), m.getIndex(), m.getLine(), m.getColumn(), NO_TEXT, 0);
  }
}
