package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken files under config/broken: each file ends with {@code # expect:} comment
 * lines, one per problem, as {@code line:column path: message}; the loader must report exactly
 * those, in that order, and nothing else. Comments at the end keep the line numbers honest.
 */
class BrokenFilesTest {

  private static final String EXPECT = "# expect: ";

  static Stream<String> corpus() throws IOException {
    try (Stream<Path> files = Files.list(ConfigFixtures.resource("broken"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void theCorpusHasAtLeastFortyFiles() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void reportsExactlyTheExpectedProblems(String name) throws IOException {
    Path file = ConfigFixtures.resource("broken/" + name);
    List<String> expected =
        Files.readAllLines(file).stream()
            .filter(l -> l.startsWith(EXPECT))
            .map(l -> l.substring(EXPECT.length()))
            .toList();

    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class, () -> ConfigFixtures.loader().load(file));

    assertThat(e).as("%s must be refused", name).isNotNull();
    assertThat(e.problems()).allSatisfy(p -> assertThat(p.position().file()).isEqualTo(file));
    assertThat(ConfigFixtures.lines(e.problems())).as(name).containsExactlyElementsOf(expected);
  }
}
