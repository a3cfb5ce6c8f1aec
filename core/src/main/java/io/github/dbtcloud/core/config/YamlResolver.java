package io.github.dbtcloud.core.config;

import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's resolver of plain values' types (YAML 1.1: bool, int, float, null, timestamp), with
 * the answer for the common values found without its regular expressions: a desired state of 10,000
 * jobs holds hundreds of thousands of plain values, and in a fresh JVM matching each against the
 * patterns for its first character was a seventh of reading the file. Every value gets the tag
 * SnakeYAML's own resolver gives it ({@code YamlResolverTest} compares them); anything not decided
 * here is left to it.
 */
final class YamlResolver extends Resolver {

  /** Every value {@link Resolver#BOOL} matches. */
  private static final Set<String> BOOL_WORDS =
      Set.of(
          "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
          "on", "On", "ON", "off", "Off", "OFF");

  /** Every value {@link Resolver#NULL} matches that starts with a letter. */
  private static final Set<String> NULL_WORDS = Set.of("null", "Null", "NULL");

  @Override
  public Tag resolve(NodeId kind, String value, boolean implicit) {
    if (kind == NodeId.scalar && implicit && !value.isEmpty()) {
      char first = value.charAt(0);
      if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
        // Of the implicit types only bool and null have values that start with a letter.
        return BOOL_WORDS.contains(value)
            ? Tag.BOOL
            : NULL_WORDS.contains(value) ? Tag.NULL : Tag.STR;
      }
      if (first >= '0' && first <= '9' && value.indexOf(' ') > 0 && !dated(value)) {
        // A cron: ints and floats hold no space; only a timestamp does, after its date.
        return Tag.STR;
      }
    }
    return super.resolve(kind, value, implicit);
  }

  /** Whether the value starts as a timestamp must: four digits and a dash. */
  private static boolean dated(String value) {
    return value.length() > 4 && value.charAt(4) == '-';
  }
}
