package io.github.dbtcloud.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Core stays free of Maven, the emulator and console printing (design §2, §3). */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void coreImportsNothingFromMaven() throws IOException {
    assertThat(filesContaining("import org.apache.maven")).isEmpty();
  }

  @Test
  void coreImportsNothingFromTheEmulator() throws IOException {
    assertThat(filesContaining("import io.github.dbtcloud.emulator")).isEmpty();
  }

  @Test
  void corePrintsOnlyThroughTheConsolePort() throws IOException {
    assertThat(filesContaining("System.out.")).isEmpty();
    assertThat(filesContaining("System.err.")).isEmpty();
  }

  @Test
  void theScanSeesTheSources() throws IOException {
    assertThat(filesContaining("package io.github.dbtcloud.core")).hasSizeGreaterThan(10);
  }

  private static List<Path> filesContaining(String text) throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(
              p -> {
                try {
                  return Files.readString(p).contains(text);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
