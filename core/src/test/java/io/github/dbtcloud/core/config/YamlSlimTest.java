package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.config.YamlSlim.Slim;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

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

  /** Documents of plain nodes in every style the format meets. */
  static Stream<String> plainDocuments() {
    return Stream.of(
        "",
        "# only a comment\n",
        "---\n",
        "---\nversion: 1\n...\n",
        "plain\n",
        "version: 1\njobs:\n  nightly: { name: \"Nightly\", threads: 4, steps: [dbt build, 'dbt test'] }\n",
        "a:\n  - 1\n  - [x, {y: z}]\n  - ~\n  - true\n  - 0o17\n  - 2026-12-06\n  - 1.5\n",
        "text: |\n  two\n  lines\nfolded: >-\n  one\n  line\nlast: end\n",
        "quoted: \"a \\\"b\\\" c\"\nsingle: 'it''s'\nmulti: \"one\n  two\"\n",
        "? complex key\n: value\n? [a, b]\n: flow key\n",
        "empty_value:\nempty_flow: {}\nempty_list: []\nsales: \"Sales & Marketing\"\n",
        "- - - - deep\n  - back\n- {a: [1, {b: [2, {c: 3}]}]}\n",
        "key: !  not tagged by the bang alone\n",
        "cron: 0 6 * * 1-5\nsteps: [\"dbt run --select tag:nightly\"]\n");
  }

  @ParameterizedTest
  @MethodSource("plainDocuments")
  void buildsFromTheEventsTheTreeTheComposerAndTheCopyBuild(String text) {
    Slim direct = direct(text);

    assertThat(direct).as("read without the composer: %s", text).isNotNull();
    assertThat(dump(direct.root())).isEqualTo(dump(composed(text).root()));
  }

  @Test
  void keepsAValueThatRepeatsOnce() {
    MappingNode root =
        (MappingNode)
            direct(
                    "jobs:\n"
                        + "  a: { target_name: default, steps: [dbt build] }\n"
                        + "  b: { target_name: default, steps: [dbt build] }\n")
                .root();
    MappingNode jobs = (MappingNode) root.getValue().get(0).getValueNode();
    MappingNode a = (MappingNode) jobs.getValue().get(0).getValueNode();
    MappingNode b = (MappingNode) jobs.getValue().get(1).getValueNode();

    assertThat(value(b.getValue().get(0).getKeyNode()))
        .isEqualTo("target_name")
        .isSameAs(value(a.getValue().get(0).getKeyNode()));
    assertThat(value(((SequenceNode) b.getValue().get(1).getValueNode()).getValue().get(0)))
        .isEqualTo("dbt build")
        .isSameAs(value(((SequenceNode) a.getValue().get(1).getValueNode()).getValue().get(0)));
    assertThat(b.getValue().get(0).getKeyNode().getStartMark().getLine()).isEqualTo(2);
  }

  @Test
  void buildsTheSameTreeAsTheComposerForEveryYamlFileInTheRepository() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("..").toAbsolutePath().normalize())) {
      files =
          walk.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .toList();
    }
    List<Path> direct = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        continue; // not UTF-8 on purpose: the loader refuses it before it is parsed
      }
      if (readsAsTheComposerDoes(text, file.toString())) {
        direct.add(file);
      }
    }
    assertThat(files).hasSizeGreaterThan(100);
    assertThat(direct).hasSizeGreaterThan(files.size() / 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "base: &b { threads: 4 }\njob: *b\n",
        "job: *undefined\n",
        "value: !!str 4\n",
        "value: !!python/object:os.system x\n",
        "list: !custom [a]\n",
        "base: {a: 1}\njob:\n  <<: {b: 2}\n",
        "one: 1\n---\ntwo: 2\n"
      })
  void leavesToTheComposerWhatOnlyItReads(String text) {
    assertThat(direct(text)).isNull();
  }

  @Test
  void leavesDeepNestingToTheComposerWhichRefusesIt() {
    int levels = YamlSource.MAX_NESTING + 5;
    String nested = "[".repeat(levels) + "]".repeat(levels);

    assertThat(direct(nested)).isNull();
    assertThat(outcome(() -> composed(nested))).asString().contains("Nesting Depth");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jobs: [unclosed\n",
        "a:\n\tb: 1\n",
        "a: b: c\n",
        "a:\n  b: 1\n c: 2\n",
        "key: \"never closed\n"
      })
  void throwsTheParsersErrorAsTheComposerDoes(String text) {
    Object mine = outcome(() -> direct(text));

    assertThat(mine).isInstanceOf(String.class).isEqualTo(outcome(() -> composed(text)));
  }

  /**
   * Asserts that the tree built from the events, or the error thrown, is the composer's; true when
   * the document was built from the events (false: left to the composer).
   */
  static boolean readsAsTheComposerDoes(String text, String what) {
    Object mine = outcome(() -> direct(text));
    Object theirs = outcome(() -> composed(text));
    if (mine instanceof Slim slim) {
      assertThat(theirs).as(what).isInstanceOf(Slim.class);
      assertThat(dump(slim.root())).as(what).isEqualTo(dump(((Slim) theirs).root()));
      assertThat(slim.tooLong() == null).as(what).isEqualTo(((Slim) theirs).tooLong() == null);
      return true;
    }
    if (mine instanceof String error) {
      assertThat(theirs).as(what).isEqualTo(error);
    }
    return false;
  }

  private static String value(Node node) {
    return ((ScalarNode) node).getValue();
  }

  private static Slim direct(String text) {
    return YamlSlim.direct(
        new ParserImpl(new StreamReader(new StringReader(text)), YamlSource.options()),
        new YamlResolver());
  }

  private static Slim composed(String text) {
    LoaderOptions options = YamlSource.options();
    return YamlSlim.slim(
        new Composer(
                new ParserImpl(new StreamReader(new StringReader(text)), options),
                new YamlResolver(),
                options)
            .getSingleNode());
  }

  /** The tree read, or the class and message of what was thrown. */
  private static Object outcome(java.util.function.Supplier<Slim> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Everything the loader reads of a tree, one line a node, in document order. */
  private static String dump(Node root) {
    StringBuilder out = new StringBuilder();
    dump(root, out, 0);
    return out.toString();
  }

  private static void dump(Node node, StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
    if (node == null) {
      out.append("null\n");
      return;
    }
    out.append(node.getNodeId())
        .append(' ')
        .append(node.getTag())
        .append(' ')
        .append(at(node.getStartMark()))
        .append(" to ")
        .append(at(node.getEndMark()))
        .append(node.getAnchor() == null ? "" : " &" + node.getAnchor())
        .append(node.getBlockComments() == null ? "" : " comments");
    if (node instanceof ScalarNode s) {
      out.append(' ').append(s.getScalarStyle()).append(" [").append(s.getValue()).append(']');
    }
    if (node instanceof CollectionNode<?> c) {
      out.append(' ').append(c.getFlowStyle());
    }
    if (node instanceof MappingNode m) {
      out.append(m.isMerged() ? " merged" : "").append('\n');
      for (NodeTuple t : m.getValue()) {
        dump(t.getKeyNode(), out, depth + 1);
        dump(t.getValueNode(), out, depth + 2);
      }
    } else if (node instanceof SequenceNode s) {
      out.append('\n');
      s.getValue().forEach(n -> dump(n, out, depth + 1));
    } else {
      out.append('\n');
    }
  }

  private static String at(Mark mark) {
    return mark == null
        ? "-"
        : mark.getName()
            + "@"
            + mark.getIndex()
            + ":"
            + mark.getLine()
            + ":"
            + mark.getColumn()
            + "/"
            + mark.getBuffer().length;
  }
}
