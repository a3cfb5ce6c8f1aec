package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

class YamlSlimTest {

  private static final String TEXT =
      "# a comment\n"
          + "base: &b { threads: 4 }\n"
          + "job: *b\n"
          + "steps:\n"
          + "  - dbt build\n"
          + "text: |\n"
          + "  two\n"
          + "  lines\n";

  private static Node compose() {
    return new Yaml(new SafeConstructor(new LoaderOptions()))
        .compose(new java.io.StringReader(TEXT));
  }

  @Test
  void keepsValuesPositionsAndAliasesAndDropsCommentsAndTheTextWindow() {
    MappingNode slim = (MappingNode) YamlSlim.of(compose());

    Node base = slim.getValue().get(0).getValueNode();
    Node job = slim.getValue().get(1).getValueNode();
    assertThat(job).isSameAs(base);
    ScalarNode step =
        (ScalarNode) ((SequenceNode) slim.getValue().get(2).getValueNode()).getValue().get(0);
    assertThat(step.getValue()).isEqualTo("dbt build");
    assertThat(step.getStartMark().getLine()).isEqualTo(4);
    assertThat(step.getStartMark().getColumn()).isEqualTo(4);
    assertThat(step.getStartMark().getBuffer()).isEmpty();
    assertThat(slim.getBlockComments()).isNull();
  }

  @Test
  void keepsTheEndLineOfAValueOverSeveralLines() {
    MappingNode slim = (MappingNode) YamlSlim.of(compose());

    ScalarNode text = (ScalarNode) slim.getValue().get(3).getValueNode();
    ScalarNode step =
        (ScalarNode) ((SequenceNode) slim.getValue().get(2).getValueNode()).getValue().get(0);
    assertThat(text.getValue()).isEqualTo("two\nlines\n");
    assertThat(text.getEndMark().getLine()).isGreaterThan(text.getStartMark().getLine());
    assertThat(step.getEndMark().getLine()).isEqualTo(step.getStartMark().getLine());
  }

  @Test
  void leavesNullAlone() {
    assertThat(YamlSlim.of(null)).isNull();
  }
}
