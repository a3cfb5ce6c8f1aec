package io.github.dbtcloud.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's scratch directories, outside the repository (a Maven project inside it would pick
 * up the repository's {@code .mvn}), deleted when the benchmark's JVM ends: a full run writes
 * hundreds of megabytes there (files of 50,000 jobs, class-data archives of 30 MB).
 */
final class Scratch {

  private static final List<Path> DIRS = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Scratch::deleteAll, "bench-scratch-cleanup"));
  }

  private Scratch() {}

  /**
   * A new empty directory under the system's temporary directory, its name starting {@code prefix}.
   */
  static Path dir(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    synchronized (DIRS) {
      DIRS.add(dir);
    }
    return dir;
  }

  private static void deleteAll() {
    synchronized (DIRS) {
      DIRS.forEach(Scratch::delete);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
