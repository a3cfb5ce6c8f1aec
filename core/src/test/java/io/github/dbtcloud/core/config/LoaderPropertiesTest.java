package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * No input, however malformed, gets anything out of the loader but a {@link DesiredState} or an
 * {@link InvalidDesiredStateException} whose problems all have a place and a message. The loader
 * turns a crash into a "bug in the plugin" problem, so that message must never appear either.
 */
class LoaderPropertiesTest {

  private static final List<String> SEEDS = seeds();

  /** Values that stress types, interpolation, aliases and YAML syntax. */
  private static final List<String> NASTY =
      List.of(
          "~",
          "null",
          "[]",
          "{}",
          "''",
          "\"\"",
          "-1",
          "0",
          "1",
          "99999999999999999999",
          "1.5",
          "true",
          "yes",
          "*a",
          "&a x",
          "<<: *a",
          "${",
          "${env.X}",
          "${x:-}",
          "$${x}",
          "\"${env.NOT_SET}\"",
          "!!binary AAAA",
          "!custom x",
          "? complex",
          "|\n  block",
          ">-\n  folded",
          "\"unclosed",
          "'it''s'",
          "\t",
          "#",
          "- item",
          "a: b: c",
          "[1, [2, [3]]]",
          "{a: {b: {c: d}}}",
          "@daily",
          "0 5 * *",
          "*/0 * * * *",
          "dbt build",
          "DBT_X",
          "dbt_x",
          "self",
          "prod",
          "nightly",
          "all",
          "\u0000",
          "\uFEFF",
          "é",
          "[[key]]",
          "x [[a b]]",
          "project",
          "success",
          "canceled",
          "10",
          "45m",
          "0s");

  @Property(tries = 400)
  void mutatedValidFilesNeverEscapeAsAnythingButProblems(@ForAll("mutatedFiles") String yaml) {
    assertLoadsOrExplains(yaml);
  }

  @Property(tries = 300)
  void structuredRandomDocumentsNeverEscapeAsAnythingButProblems(
      @ForAll("randomDocuments") String yaml) {
    assertLoadsOrExplains(yaml);
  }

  @Property(tries = 300)
  void arbitraryTextNeverEscapesAsAnythingButProblems(@ForAll("yamlishText") String yaml) {
    assertLoadsOrExplains(yaml);
  }

  @Property(tries = 400)
  void mutatedValidFilesAreReadFromEventsAsTheComposerReadsThem(
      @ForAll("mutatedFiles") String yaml) {
    YamlSlimTest.readsAsTheComposerDoes(yaml, yaml);
  }

  @Property(tries = 300)
  void randomDocumentsAreReadFromEventsAsTheComposerReadsThem(
      @ForAll("randomDocuments") String yaml) {
    YamlSlimTest.readsAsTheComposerDoes(yaml, yaml);
  }

  @Property(tries = 300)
  void arbitraryTextIsReadFromEventsAsTheComposerReadsIt(@ForAll("yamlishText") String yaml) {
    YamlSlimTest.readsAsTheComposerDoes(yaml, yaml);
  }

  /** The same documents written in every style SnakeYAML's emitter has: flow, block, quoted. */
  @Property(tries = 300)
  void documentsInEveryStyleAreReadFromEventsAsTheComposerReadsThem(
      @ForAll("randomDocuments") String yaml,
      @ForAll DumperOptions.FlowStyle flow,
      @ForAll DumperOptions.ScalarStyle scalars,
      @ForAll boolean canonical) {
    Object tree;
    try {
      tree = new Yaml().load(yaml);
    } catch (RuntimeException e) {
      return; // not YAML: the properties above hold its errors
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(flow);
    options.setDefaultScalarStyle(scalars);
    options.setCanonical(canonical);
    String restyled = new Yaml(options).dump(texts(tree));
    boolean direct = YamlSlimTest.readsAsTheComposerDoes(restyled, restyled);
    // Texts only, no object twice: nothing the emitter must tag or alias, so the events build it.
    assertThat(direct).as(restyled).isEqualTo(!canonical);
  }

  /** A copy of a loaded tree with every value a text, each list and mapping a new one. */
  private static Object texts(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), texts(v)));
      return copy;
    }
    if (tree instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(texts(v)));
      return copy;
    }
    // Bytes (!!binary) as their Base64 text: a text of control characters would be written
    // !!binary.
    return tree instanceof byte[] bytes
        ? java.util.Base64.getEncoder().encodeToString(bytes)
        : String.valueOf(tree);
  }

  private static void assertLoadsOrExplains(String yaml) {
    Path file = write(yaml);
    try {
      DesiredState state = ConfigFixtures.loader().load(file);
      assertThat(state.account()).isNotNull();
      assertThat(state.warnings()).allSatisfy(LoaderPropertiesTest::wellFormed);
    } catch (InvalidDesiredStateException e) {
      assertThat(e.problems()).isNotEmpty().allSatisfy(LoaderPropertiesTest::wellFormed);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  private static void wellFormed(Problem p) {
    assertThat(p.position()).isNotNull();
    assertThat(p.position().file()).isNotNull();
    assertThat(p.path()).isNotNull();
    assertThat(p.message())
        .isNotBlank()
        .doesNotContain("bug in the plugin")
        .doesNotContain("null null");
  }

  @Provide
  Arbitrary<String> mutatedFiles() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 6);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 100_000);
    Arbitrary<String> insert =
        Arbitraries.oneOf(
            Arbitraries.of(NASTY),
            Arbitraries.strings().withChars(":-[]{}&*!|>'\"#%@`$ \n\t,?<").ofMaxLength(6));
    return Combinators.combine(seed, kind, where, insert)
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            steps -> {
              String text = steps.get(0).get1();
              for (Tuple.Tuple4<String, Integer, Integer, String> step : steps) {
                text = mutate(text, step.get2(), step.get3(), step.get4());
              }
              return text;
            });
  }

  /**
   * Structure-aware documents: keys the format knows, at the depths it has them, with nasty values.
   */
  @Provide
  Arbitrary<String> randomDocuments() {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(NASTY).map(s -> (Object) s),
            Arbitraries.integers().between(-5, 100).map(i -> (Object) i),
            Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(3).map(l -> (Object) l));
    Arbitrary<Object> job =
        mapOf(
            Keys.JOB,
            Arbitraries.oneOf(
                leaf,
                mapOf(
                    union(Keys.SCHEDULE, Keys.TRIGGERS, Keys.JOB_COMPLETION, Keys.DEFER_TO),
                    leaf)));
    Arbitrary<Object> environment = mapOf(Keys.ENVIRONMENT, leaf);
    Arbitrary<Object> project =
        Combinators.combine(
                mapOf(Set.of("id", "name"), leaf), named(environment), named(job), named(leaf))
            .as(
                (p, envs, jobs, vars) -> {
                  Map<String, Object> m = new LinkedHashMap<>(castMap(p));
                  m.put("environments", envs);
                  m.put("jobs", jobs);
                  m.put("env_vars", vars);
                  return (Object) m;
                });
    return Combinators.combine(
            named(project),
            mapOf(union(Keys.ACCOUNT, Keys.OWNERSHIP), leaf),
            mapOf(union(Keys.VERIFY, Keys.SEMANTIC_LAYER), leaf),
            Arbitraries.of(1, 1, 2, "x"))
        .as(
            (projects, account, checks, version) -> {
              Map<String, Object> root = new LinkedHashMap<>();
              root.put("version", version);
              root.put("account", account);
              root.put("projects", projects);
              root.put("verify", checks);
              root.put("semantic_layer", checks);
              DumperOptions options = new DumperOptions();
              options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
              return new Yaml(options).dump(root);
            });
  }

  @Provide
  Arbitrary<String> yamlishText() {
    return Arbitraries.strings()
        .withChars("abcdefgjkoprsvy019 :-[]{}&*!|>'\"#$\n\t,?<_.")
        .ofMaxLength(200)
        .map(s -> "version: 1\n" + s);
  }

  private static Arbitrary<Object> mapOf(Set<String> keys, Arbitrary<Object> values) {
    Arbitrary<String> key =
        Arbitraries.oneOf(Arbitraries.of(List.copyOf(keys)), Arbitraries.of("DBT_X", "typo", "<<"));
    return Arbitraries.maps(key, values).ofMaxSize(6).map(m -> (Object) m);
  }

  private static Arbitrary<Object> named(Arbitrary<Object> value) {
    return Arbitraries.maps(
            Arbitraries.of("prod", "ci", "dev", "nightly", "self", "project", "DBT_A", "a b"),
            value)
        .ofMaxSize(3)
        .map(m -> (Object) m);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b, Set<String> c, Set<String> d) {
    return union(union(a, b), union(c, d));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static String mutate(String text, int kind, int where, String insert) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int line = where % lines.size();
    switch (kind) {
      case 0 -> lines.remove(line);
      case 1 -> lines.add(line, lines.get(line));
      case 2 ->
          lines.set(
              line,
              lines
                  .get(line)
                  .replaceFirst(
                      ":\\s.*$", java.util.regex.Matcher.quoteReplacement(": " + insert)));
      case 3 -> lines.set(line, "  " + lines.get(line));
      case 4 -> lines.set(line, lines.get(line).replaceFirst("^ {2}", ""));
      case 5 -> {
        int at = where % (text.length() + 1);
        return text.substring(0, at) + insert + text.substring(at);
      }
      default -> java.util.Collections.swap(lines, line, (line + 1) % lines.size());
    }
    return String.join("\n", lines);
  }

  private static Path write(String yaml) {
    try {
      Path file = Files.createTempFile("dbt-cloud-prop", ".yml");
      return Files.write(file, yaml.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> seeds() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files =
        Stream.concat(
            Stream.concat(
                Files.list(ConfigFixtures.resource("valid")),
                Files.list(ConfigFixtures.resource("broken"))),
            Files.list(ConfigFixtures.resource("jobs-as-code")))) {
      files
          .filter(p -> p.toString().endsWith(".yml"))
          .sorted()
          .forEach(
              p -> {
                try {
                  out.add(Files.readString(p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
