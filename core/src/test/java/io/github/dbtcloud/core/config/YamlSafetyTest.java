package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or damaged files are refused with one clear problem, never read at length, never
 * executed.
 */
class YamlSafetyTest {

  @TempDir Path dir;

  private List<String> problems(Path file) {
    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class, () -> ConfigFixtures.loader().load(file));
    assertThat(e).as("must be refused").isNotNull();
    return ConfigFixtures.lines(e.problems());
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("dbt-cloud.yml"), yaml);
  }

  @Test
  void refusesABillionLaughsBombAtTheAliasLimit() throws IOException {
    StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      String prev = "*" + (char) (c - 1);
      bomb.append(c)
          .append(": &")
          .append(c)
          .append(" [")
          .append(String.join(", ", List.of(prev, prev, prev, prev, prev, prev, prev, prev, prev)))
          .append("]\n");
    }

    assertThat(problems(write(bomb.toString())))
        .containsExactly(
            "7:16: the file expands to more than 2000000 values once its aliases are expanded"
                + " (here *f repeats &f, 1594323 characters, once more); a desired state is far"
                + " smaller: write values out or split the file (this limit stops YAML bombs)");
  }

  @Test
  void refusesAHundredMegabyteFileFromItsSizeAlone() throws IOException {
    Path huge = dir.resolve("huge.yml");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(100L * 1024 * 1024); // sparse: costs no disk and, refused by size, is never read
    }

    assertThat(problems(huge))
        .containsExactly(
            "0:0: the file is 104857600 bytes; the limit is 4194304 bytes"
                + " (a desired state is far smaller: split it into several files with dbt.files)");
  }

  @Test
  void refusesNestingDeeperThanTheFormatCouldNeed() throws IOException {
    String deep = "version: 1\nx-deep: " + "[".repeat(1000) + "]".repeat(1000) + "\n";

    assertThat(problems(write(deep)))
        .containsExactly(
            "2:48: not valid YAML: nested more than 40 levels deep; the format needs at most 7");
  }

  @Test
  void neverConstructsTypesNamedByTags() throws IOException {
    Path file =
        write(
            """
        version: 1
        account: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1/"]]]]
        projects: { shop: { id: 12 } }
        """);

    assertThat(problems(file))
        .containsExactly(
            "2:10: not valid YAML: the tag !!javax.script.ScriptEngineManager is"
                + " not allowed; the file holds plain values only");
  }

  @Test
  void readsARecursiveAliasWithoutLooping() throws IOException {
    Path file =
        write(
            """
        version: 1
        account: { id: 1 }
        projects:
          shop:
            id: 12
            environments: { prod: { name: Production } }
            jobs:
              nightly: &n
                <<: *n
                environment: prod
                execute_steps: &s [dbt build, *s]
        """);

    assertThat(problems(file)).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain("bug"));
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws IOException {
    Path file =
        Files.write(
            dir.resolve("latin1.yml"), new byte[] {'a', ':', ' ', (byte) 0xE9, (byte) 0xFF, '\n'});

    assertThat(problems(file)).containsExactly("0:0: the file is not UTF-8 text; save it as UTF-8");
  }

  @Test
  void refusesControlCharactersWithTheirOffset() throws IOException {
    Path file = Files.write(dir.resolve("nul.yml"), new byte[] {'a', ':', ' ', 'b', 0, '\n'});

    assertThat(problems(file))
        .containsExactly(
            "0:0: not valid YAML: character U+0000 at offset 4 is not allowed in YAML; remove it");
  }

  @Test
  void refusesSeveralDocumentsInOneFile() throws IOException {
    assertThat(problems(write("version: 1\n---\nversion: 1\n")))
        .containsExactly(
            "2:1: not valid YAML: a second"
                + " YAML document (---) starts here; keep one document per file (use dbt.files for several)");
  }

  @Test
  void refusesAnEmptyFileAMissingFileAndADirectory() throws IOException {
    assertThat(problems(write("# nothing yet\n")))
        .containsExactly("0:0: the file is empty; start it with 'version: 1'");
    assertThat(problems(dir.resolve("absent.yml")))
        .containsExactly("0:0: file not found; create it or point dbt.file at it");
    assertThat(problems(dir))
        .containsExactly(
            "0:0: is a directory, not a file; point dbt.file at the YAML file inside it");
  }
}
