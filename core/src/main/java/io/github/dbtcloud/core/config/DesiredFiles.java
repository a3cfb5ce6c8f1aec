package io.github.dbtcloud.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files make up the desired state: paths or glob patterns ({@code dbt/*.yml}, {@code
 * teams/**}{@code /jobs.yml}) relative to a base directory, with {@code /} as separator. Each
 * pattern's matches are sorted, so the merge order never depends on the file system.
 *
 * @param baseDirectory the directory patterns are relative to (the project's base directory)
 * @param patterns files or glob patterns, in the order given
 */
public record DesiredFiles(Path baseDirectory, List<String> patterns) {

  public DesiredFiles {
    patterns = List.copyOf(patterns);
  }

  /** One file. */
  public static DesiredFiles of(Path file) {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
    return new DesiredFiles(parent, List.of(absolute.getFileName().toString()));
  }

  /** The files, de-duplicated; a pattern that matches nothing is a problem. */
  List<Path> resolve(Problems problems) {
    Set<Path> out = new LinkedHashSet<>();
    for (String pattern : patterns) {
      String p = pattern.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (!isGlob(p)) {
        out.add(baseDirectory.resolve(p).normalize());
        continue;
      }
      List<Path> matches = matches(p, problems);
      if (matches.isEmpty()) {
        problems.add(
            new SourcePosition(baseDirectory, 0, 0),
            "",
            "no file matches '" + p + "' in " + baseDirectory + "; check the pattern in dbt.files");
      }
      out.addAll(matches);
    }
    if (out.isEmpty() && problems.isEmpty()) {
      problems.add(
          new SourcePosition(baseDirectory, 0, 0),
          "",
          "no desired-state file is given; set dbt.file or dbt.files");
    }
    return new ArrayList<>(out);
  }

  private static boolean isGlob(String pattern) {
    return pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /** Walks only below the pattern's fixed leading directories. */
  private List<Path> matches(String pattern, Problems problems) {
    String[] parts = pattern.split("/");
    int fixed = 0;
    while (fixed < parts.length - 1 && !isGlob(parts[fixed])) {
      fixed++;
    }
    Path root = baseDirectory;
    for (int i = 0; i < fixed; i++) {
      root = root.resolve(parts[i]);
    }
    String rest = String.join("/", List.of(parts).subList(fixed, parts.length));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - fixed;
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    Path start = root;
    try (Stream<Path> walk = Files.walk(root, depth)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> matcher.matches(start.relativize(f)))
          .map(Path::normalize)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add(
          new SourcePosition(root, 0, 0),
          "",
          "cannot list the directory for '" + pattern + "': " + e.getMessage());
      return List.of();
    }
  }
}
