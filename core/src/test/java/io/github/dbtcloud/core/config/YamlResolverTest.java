package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

class YamlResolverTest {

  private final Resolver snakeyaml = new Resolver();
  private final YamlResolver resolver = new YamlResolver();

  @Test
  void typesTheValuesOfADesiredStateAsSnakeYamlDoes() {
    List<String> values =
        List.of(
            "name",
            "Nightly build",
            "threads",
            "0 5 * * *",
            "*/15 * * * 1-5",
            "4",
            "-1",
            "0x1F",
            "0b101",
            "017",
            "1_000",
            "3.14",
            ".5",
            "1e3",
            ".inf",
            ".NaN",
            "1:30",
            "190:20:30",
            "yes",
            "No",
            "ON",
            "off",
            "true",
            "FALSE",
            "y",
            "n",
            "null",
            "Null",
            "NULL",
            "nil",
            "~",
            "",
            " ",
            "<<",
            "=",
            "!",
            "&",
            "*",
            "2001-12-14",
            "2001-12-14 21:59:43.10 -5",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43",
            "12 34",
            "2001 12 14",
            "no way",
            "true story",
            "on_merge",
            "off-peak",
            "Yes!",
            "TRUE.",
            "nullable",
            "dbt build");
    typesAsSnakeYaml(values);
  }

  @Test
  void agreesWithSnakeYamlOnRandomValues() {
    Random random = new Random(11);
    String alphabet = "yYnNtTfFoOaelsruxbB0123456789-+.:_ \t~<=!&*eEiIZ";
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      values.add(new String(chars));
    }
    typesAsSnakeYaml(values);
  }

  private void typesAsSnakeYaml(List<String> values) {
    for (String v : values) {
      assertThat(resolver.resolve(NodeId.scalar, v, true))
          .as("'%s'", v)
          .isEqualTo(snakeyaml.resolve(NodeId.scalar, v, true));
    }
  }

  @Test
  void leavesQuotedValuesAndCollectionsAsTheyAre() {
    assertThat(resolver.resolve(NodeId.scalar, "true", false)).isEqualTo(Tag.STR);
    assertThat(resolver.resolve(NodeId.sequence, null, true)).isEqualTo(Tag.SEQ);
    assertThat(resolver.resolve(NodeId.mapping, null, true)).isEqualTo(Tag.MAP);
  }
}
