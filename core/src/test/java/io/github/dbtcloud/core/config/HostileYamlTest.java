package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written to cost time or memory, each refused in well under a second with its line: the
 * limits count what aliases expand to, scalars included, so repetition cannot multiply a small file
 * into gigabytes.
 */
class HostileYamlTest {

  private static final Duration FAST = Duration.ofSeconds(1);
  private static final AtomicLong LONGEST = new AtomicLong();
  private static final AtomicLong CASES = new AtomicLong();

  @TempDir Path dir;

  @AfterAll
  static void report() {
    System.out.println("hostile YAML: " + CASES.get() + " files, longest " + LONGEST.get() + " ms");
  }

  private List<String> refused(Path file) {
    long started = System.nanoTime();
    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class, () -> ConfigFixtures.loader().load(file));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    CASES.incrementAndGet();
    LONGEST.accumulateAndGet(took.toMillis(), Math::max);
    assertThat(e).as("must be refused").isNotNull();
    assertThat(took).as("refused fast").isLessThan(FAST);
    return ConfigFixtures.lines(e.problems());
  }

  @Test
  void refusesAThreeMegabyteFileOfAliasesOfOneLongStringAtTheLineWhereItOverflows()
      throws IOException {
    Path file = dir.resolve("aliases.yml");
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("version: 1\ns: &ab \"" + "x".repeat(3000) + "\"\nl: [");
      for (int i = 0; i < 785_000; i++) {
        w.write(i == 0 ? "*ab" : ",*ab");
        if (i % 20 == 19) {
          w.write("\n");
        }
      }
      w.write("]\n");
    }
    assertThat(Files.size(file)).isGreaterThan(3_000_000L);

    List<String> problems = refused(file);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .matches("\\d+:\\d+: the file expands to more than 16777216 characters .*")
        .contains("*ab repeats &ab, 3000 characters, once more")
        .doesNotStartWith("0:");
  }

  @Test
  void refusesABillionLaughsOfScalarsAtItsLine() throws IOException {
    StringBuilder bomb = new StringBuilder("version: 1\na: &a \"" + "lol".repeat(1000) + "\"\n");
    bomb.append("b: &b [").append("*a, ".repeat(40)).append("*a]\n");
    for (int i = 0; i < 40; i++) {
      bomb.append("c").append(i).append(": [").append("*a, ".repeat(200)).append("*a]\n");
    }
    List<String> problems = refused(Files.writeString(dir.resolve("laughs.yml"), bomb));

    assertThat(problems.get(0)).matches("\\d+:\\d+: the file expands to more than .*");
  }

  @Test
  void refusesABillionLaughsOfListsAtItsLine() throws IOException {
    StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String prev = "*" + (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    List<String> problems = refused(Files.writeString(dir.resolve("bomb.yml"), bomb));

    assertThat(problems.get(0)).startsWith("7:").contains("this limit stops YAML bombs");
  }

  @Test
  void refusesDeepNestingAtItsLine() throws IOException {
    String deep = "version: 1\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    List<String> problems = refused(Files.writeString(dir.resolve("deep.yml"), deep));

    assertThat(problems.get(0)).startsWith("2:").contains("nested more than 40 levels deep");
  }

  @Test
  void refusesAHugeScalarAtItsLine() throws IOException {
    String huge = "version: 1\naccount:\n  id: 1\n  host: \"" + "y".repeat(3_000_000) + "\"\n";
    List<String> problems = refused(Files.writeString(dir.resolve("huge.yml"), huge));

    assertThat(problems.get(0)).startsWith("4:1: a line of more than 1048576 characters");
  }

  @Test
  void refusesAHugeValueOfShortLinesAtItsLineWithoutAnAnchorInTheFile() throws IOException {
    String huge =
        "version: 1\naccount:\n  id: 1\n  host: |\n"
            + "    a line of 34 characters, repeated\n".repeat(40_000);
    List<String> problems = refused(Files.writeString(dir.resolve("block.yml"), huge));

    assertThat(problems.get(0))
        .startsWith("4:9: a value of 1360000 characters; the limit is 1048576");
  }

  @Test
  void refusesAClassInstantiatingTagAtItsLine() throws IOException {
    String tagged =
        "version: 1\naccount: !!javax.script.ScriptEngineManager"
            + " [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n";
    List<String> problems = refused(Files.writeString(dir.resolve("tag.yml"), tagged));

    assertThat(problems.get(0))
        .startsWith("2:10: not valid YAML: the tag !!javax.script.ScriptEngineManager is");
  }

  @Test
  void refusesATagHiddenBehindAnAnchorAtItsLine() throws IOException {
    String tagged = "version: 1\nx: &x !!java.io.File [\"/etc/passwd\"]\naccount: *x\n";
    List<String> problems = refused(Files.writeString(dir.resolve("tag2.yml"), tagged));

    assertThat(problems.get(0)).startsWith("2:").contains("the tag !!java.io.File is not allowed");
  }
}
