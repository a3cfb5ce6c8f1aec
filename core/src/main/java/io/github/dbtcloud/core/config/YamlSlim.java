package io.github.dbtcloud.core.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A composed tree made lighter to hold until every file is read: SnakeYAML gives each node empty
 * comment lists and two marks that keep the parser's text window alive (about 300 bytes a node, so
 * 50,000 jobs in five files would not fit a 256 MB heap). The copy keeps what the loader uses:
 * tags, values, styles, aliases (a node reached twice stays one node), each node's start line and
 * column, and its end line (an end on the start's line is the start mark itself).
 *
 * <p>A document of plain nodes (no anchor, alias, explicit tag or merge key: every generated file
 * and nearly every hand-written one) is built straight from the parser's events ({@link #direct}),
 * as the composer would build it and then this class copy it: a file of 10,000 jobs is 200,000
 * nodes, and in the fresh JVM of a plan the composer and the copy took longer than the parsing.
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

  /**
   * The lighter tree of the document {@code parser} reads, built from its events as SnakeYAML's
   * composer builds its tree ({@code Composer.getSingleNode}) and {@link #slim} copies it; or null
   * at the first thing only the composer handles (an anchor, an alias, an explicit tag, a merge key
   * {@code <<}, nesting near {@link YamlSource#MAX_NESTING}, a second document), for the caller to
   * compose the text instead, which applies its own checks and says what is wrong in its words. A
   * syntax error is thrown by the parser, as the composer would let it through.
   */
  static Slim direct(Parser parser, Resolver resolver) {
    parser.getEvent(); // the stream's start
    if (parser.checkEvent(Event.ID.StreamEnd)) {
      return new Slim(null, null);
    }
    parser.getEvent(); // the document's start
    Deque<Open> open = new ArrayDeque<>();
    Map<String, String> texts = new HashMap<>();
    ScalarNode tooLong = null;
    Node root = null;
    while (root == null) {
      Event event = parser.getEvent();
      Node done;
      if (event instanceof ScalarEvent s) {
        if (!plain(s)) {
          return null;
        }
        Mark start = mark(s.getStartMark());
        String value = s.getValue();
        ScalarNode scalar =
            new ScalarNode(
                resolver.resolve(NodeId.scalar, value, s.getImplicit().canOmitTagInPlainScalar()),
                true,
                // One text for each value however often it occurs: keys, environments, steps,
                // crons and targets repeat on every job (110,000 of the 130,000 values of a file
                // of 10,000 jobs), and the tree is held until every file is read.
                texts.computeIfAbsent(value, v -> v),
                start,
                end(start, s.getEndMark()),
                s.getScalarStyle());
        if (tooLong == null && s.getValue().length() > YamlSource.MAX_SCALAR_CHARS) {
          tooLong = scalar;
        }
        done = scalar;
      } else if (event instanceof CollectionStartEvent c) {
        if (!plain(c) || open.size() >= YamlSource.MAX_NESTING) {
          return null;
        }
        Mark start = mark(c.getStartMark());
        if (c instanceof SequenceStartEvent) {
          Tag tag = resolver.resolve(NodeId.sequence, null, c.getImplicit());
          open.push(
              new Open(
                  new SequenceNode(tag, true, new ArrayList<>(), start, null, c.getFlowStyle())));
        } else if (c instanceof MappingStartEvent) {
          Tag tag = resolver.resolve(NodeId.mapping, null, c.getImplicit());
          open.push(
              new Open(
                  new MappingNode(tag, true, new ArrayList<>(), start, null, c.getFlowStyle())));
        } else {
          return null;
        }
        continue;
      } else if (event instanceof CollectionEndEvent && !open.isEmpty()) {
        CollectionNode<?> collection = open.pop().node;
        collection.setEndMark(end(collection.getStartMark(), event.getEndMark()));
        done = collection;
      } else {
        return null; // an alias (comments are not parsed)
      }
      if (open.isEmpty()) {
        root = done;
      } else if (!open.peek().add(done)) {
        return null;
      }
    }
    parser.getEvent(); // the document's end
    return parser.checkEvent(Event.ID.StreamEnd) ? new Slim(root, tooLong) : null;
  }

  /** A list or mapping whose items are still being read; a mapping's key waits for its value. */
  private static final class Open {
    final CollectionNode<?> node;
    private Node key;

    Open(CollectionNode<?> node) {
      this.node = node;
    }

    /**
     * Adds an item, a key or a key's value; false for a merge key, which only the composer reads.
     */
    boolean add(Node item) {
      if (node instanceof SequenceNode sequence) {
        sequence.getValue().add(item);
      } else if (key == null) {
        if (item.getTag().equals(Tag.MERGE)) {
          return false;
        }
        key = item;
      } else {
        ((MappingNode) node).getValue().add(new NodeTuple(key, item));
        key = null;
      }
      return true;
    }
  }

  /** Neither anchored nor explicitly tagged: what the composer would resolve as this class does. */
  private static boolean plain(NodeEvent event) {
    String tag =
        event instanceof ScalarEvent s ? s.getTag() : ((CollectionStartEvent) event).getTag();
    return event.getAnchor() == null && (tag == null || tag.equals("!"));
  }

  /** The lighter end mark: the start mark itself when the node ends on its start's line. */
  private static Mark end(Mark start, Mark end) {
    return end == null || end.getLine() == start.getLine() ? start : mark(end);
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
    Mark end = end(start, node.getEndMark());
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
