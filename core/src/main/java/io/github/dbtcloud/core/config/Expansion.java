package io.github.dbtcloud.core.config;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Counts what a YAML document becomes once every alias is expanded, from its parser events, before
 * any node tree is built: nodes and characters, scalars included (SnakeYAML's own alias limit
 * counts only aliases of lists and mappings, so a few megabytes of aliases of one long string would
 * expand to gigabytes in every later step). Stops at the first alias, value or nesting level over a
 * limit, with its line and column.
 */
final class Expansion {

  /** Where the limit was crossed (1-based), and what to tell the user. */
  record Problem(int line, int column, String message) {}

  private record Frame(String anchor, long nodes, long chars) {}

  private Expansion() {}

  /** The first limit crossed, or null when the document stays within all of them. */
  static Problem check(Reader reader, LoaderOptions options) {
    long nodes = 0;
    long chars = 0;
    int collectionAliases = 0;
    Map<String, long[]> anchors = new HashMap<>();
    Deque<Frame> open = new ArrayDeque<>();
    for (Event e : new Yaml(new SafeConstructor(options)).parse(reader)) {
      String repeated = null;
      if (e instanceof ScalarEvent s) {
        int length = s.getValue().length();
        if (length > YamlSource.MAX_SCALAR_CHARS) {
          return at(e.getStartMark(), tooLong(length));
        }
        nodes++;
        chars += length;
        if (s.getAnchor() != null) {
          anchors.put(s.getAnchor(), new long[] {1, length});
        }
      } else if (e instanceof CollectionStartEvent c) {
        nodes++;
        open.push(new Frame(c.getAnchor(), nodes - 1, chars));
        if (open.size() > YamlSource.MAX_NESTING) {
          return at(
              e.getStartMark(),
              "not valid YAML: nested more than "
                  + YamlSource.MAX_NESTING
                  + " levels deep; the format needs at most 7");
        }
      } else if (e instanceof CollectionEndEvent && !open.isEmpty()) {
        Frame f = open.pop();
        if (f.anchor() != null) {
          anchors.put(f.anchor(), new long[] {nodes - f.nodes(), chars - f.chars()});
        }
      } else if (e instanceof AliasEvent a) {
        long[] size = anchors.get(a.getAnchor());
        if (size == null) {
          continue; // an undefined alias: the composer reports it with its own message
        }
        if (size[0] > 1 && ++collectionAliases > YamlSource.MAX_ALIASES) {
          return at(
              e.getStartMark(),
              "not valid YAML: more than "
                  + YamlSource.MAX_ALIASES
                  + " aliases (*name) of lists or mappings; a desired state needs far fewer (this"
                  + " limit stops YAML bombs)");
        }
        nodes += size[0];
        chars += size[1];
        repeated = a.getAnchor();
      }
      if (nodes > YamlSource.MAX_EXPANDED_NODES || chars > YamlSource.MAX_EXPANDED_CHARS) {
        return at(
            e.getStartMark(),
            "the file expands to more than "
                + (nodes > YamlSource.MAX_EXPANDED_NODES
                    ? YamlSource.MAX_EXPANDED_NODES + " values"
                    : YamlSource.MAX_EXPANDED_CHARS + " characters")
                + (repeated == null
                    ? ""
                    : " once its aliases are expanded (here *"
                        + repeated
                        + " repeats &"
                        + repeated
                        + ", "
                        + anchors.get(repeated)[1]
                        + " characters, once more)")
                + "; a desired state is far smaller: write values out or split the file"
                + " (this limit stops YAML bombs)");
      }
    }
    return null;
  }

  /** What is said of a value longer than {@link YamlSource#MAX_SCALAR_CHARS}. */
  static String tooLong(int length) {
    return "a value of "
        + length
        + " characters; the limit is "
        + YamlSource.MAX_SCALAR_CHARS
        + " (no dbt Cloud field holds that much)";
  }

  private static Problem at(Mark mark, String message) {
    return mark == null
        ? new Problem(0, 0, message)
        : new Problem(mark.getLine() + 1, mark.getColumn() + 1, message);
  }
}
