package io.github.dbtcloud.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules written down in docs/architecture.md ("Package dependencies"), enforced: each
 * package of core and of the plugin uses only the packages the table allows (no arrow runs up), the
 * table and this test agree, every package says in its package-info what lives there; and core
 * stays free of Maven, the emulator and console printing. The repository's comments and docs cite
 * only what a reader of the repository can open.
 */
class ArchitectureTest {

  private static final Path CORE = Path.of("src/main/java");
  private static final Path PLUGIN = Path.of("../plugin/src/main/java");
  private static final Path REPOSITORY = Path.of("..");
  private static final String PREFIX = "io.github.dbtcloud.";

  /**
   * Package (short name) -> the project packages it may use. The same table, in words, is in
   * docs/architecture.md; {@link #theDocumentedTableIsTheEnforcedOne} keeps them equal.
   */
  static final Map<String, Set<String>> MAY_USE = rules();

  private static Map<String, Set<String>> rules() {
    Map<String, Set<String>> r = new LinkedHashMap<>();
    r.put("core", Set.of());
    r.put("core.api", Set.of("core"));
    r.put("core.identity", Set.of("core"));
    r.put("core.report", Set.of("core"));
    r.put("core.lease", Set.of("core", "core.api"));
    r.put("core.config", Set.of("core", "core.identity", "core.api"));
    r.put("core.resource", Set.of("core", "core.identity", "core.api", "core.config"));
    r.put(
        "core.resource.environment",
        Set.of("core", "core.identity", "core.api", "core.config", "core.resource"));
    r.put(
        "core.resource.variable",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.resource",
            "core.resource.environment",
            "core.lease"));
    r.put(
        "core.resource.job",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.resource",
            "core.resource.environment",
            "core.resource.variable"));
    r.put(
        "core.resource.notification",
        Set.of("core", "core.api", "core.config", "core.resource", "core.resource.job"));
    r.put(
        "core.resource.webhook",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.resource",
            "core.resource.job"));
    r.put("core.remote", Set.of("core", "core.api", "core.config", "core.resource"));
    r.put(
        "core.plan",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.resource",
            "core.resource.environment",
            "core.resource.variable",
            "core.resource.job",
            "core.resource.notification",
            "core.resource.webhook",
            "core.remote"));
    r.put("core.apply", Set.of("core", "core.api", "core.resource", "core.plan"));
    r.put(
        "core.importer",
        Set.of("core", "core.identity", "core.api", "core.config", "core.resource"));
    r.put(
        "core.verify",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.report",
            "core.resource",
            "core.resource.job",
            "core.resource.notification",
            "core.resource.webhook",
            "core.remote"));
    r.put(
        "core.semantic",
        Set.of(
            "core",
            "core.api",
            "core.config",
            "core.report",
            "core.resource",
            "core.resource.environment",
            "core.remote"));
    r.put(
        "core.goal",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.report",
            "core.resource",
            "core.remote",
            "core.plan",
            "core.apply",
            "core.verify",
            "core.semantic",
            "core.lease",
            "core.importer"));
    r.put(
        "maven",
        Set.of(
            "core",
            "core.identity",
            "core.api",
            "core.config",
            "core.resource",
            "core.plan",
            "core.apply",
            "core.goal",
            "core.lease",
            "core.importer",
            "emulator"));
    return r;
  }

  @Test
  void everyPackageUsesOnlyThePackagesItMay() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path root : List.of(CORE, PLUGIN)) {
      for (Path file : javaFiles(root)) {
        String source = Files.readString(file);
        String own = shortName(packageOf(source));
        Set<String> allowed = MAY_USE.get(own);
        assertThat(allowed).as("a rule for the package of %s", file).isNotNull();
        for (String used : projectPackagesUsed(source)) {
          if (!used.equals(own) && !allowed.contains(used)) {
            violations.add(file.getFileName() + " (" + own + ") uses " + used);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theDocumentedTableIsTheEnforcedOne() throws IOException {
    String doc = Files.readString(REPOSITORY.resolve("docs/architecture.md")).replace("\r", "");
    int start = doc.indexOf("## Package dependencies");
    assertThat(start)
        .as("the section 'Package dependencies' of docs/architecture.md")
        .isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z.]+)` \\| ([^|]*) \\|.*$").matcher(section);
    while (row.find()) {
      Set<String> uses = new TreeSet<>();
      Matcher name = Pattern.compile("`([a-z.]+)`").matcher(row.group(2));
      while (name.find()) {
        uses.add(name.group(1));
      }
      documented.put(row.group(1), uses);
    }
    Map<String, Set<String>> enforced = new TreeMap<>();
    MAY_USE.forEach((k, v) -> enforced.put(k, new TreeSet<>(v)));
    assertThat(documented).isEqualTo(enforced);
  }

  @Test
  void everyPackageSaysWhatLivesThere() throws IOException {
    for (Path root : List.of(CORE, PLUGIN)) {
      try (Stream<Path> dirs = Files.walk(root)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          boolean hasJava;
          try (Stream<Path> files = Files.list(dir)) {
            hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
          }
          if (hasJava) {
            assertThat(dir.resolve("package-info.java")).as("package-info of %s", dir).exists();
          }
        }
      }
    }
  }

  @Test
  void coreImportsNothingFromMaven() throws IOException {
    assertThat(filesContaining(CORE, "import org.apache.maven")).isEmpty();
  }

  @Test
  void coreImportsNothingFromTheEmulator() throws IOException {
    assertThat(filesContaining(CORE, "import io.github.dbtcloud.emulator")).isEmpty();
  }

  @Test
  void corePrintsOnlyThroughTheConsolePort() throws IOException {
    assertThat(filesContaining(CORE, "System.out.")).isEmpty();
    assertThat(filesContaining(CORE, "System.err.")).isEmpty();
  }

  @Test
  void theScanSeesTheSources() throws IOException {
    assertThat(javaFiles(CORE)).hasSizeGreaterThan(100);
    assertThat(javaFiles(PLUGIN)).hasSizeGreaterThan(10);
  }

  /**
   * Comments and docs cite files of the repository or public URLs: never a document a reader of the
   * repository cannot open, a section number of one, or an issue number.
   */
  @Test
  void commentsAndDocsCiteOnlyWhatAReaderOfTheRepositoryCanOpen() throws IOException {
    Pattern outside =
        Pattern.compile(
            "§|\\.\\./shared/(?:design|api)|shared api doc|design\\.md|[Ii]ssue #?\\d+|\\(issue \\d");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().matches(".*\\.(java|groovy|md)$"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .filter(p -> !p.toString().contains("/.mvn/"))
              // the two tests that look for such citations name them
              .filter(
                  p ->
                      !p.getFileName()
                          .toString()
                          .matches("(ArchitectureTest|DocsLinksTest)\\.java"))
              .toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (outside.matcher(lines.get(i)).find() && !lines.get(i).contains("github.com/")) {
            found.add(REPOSITORY.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  private static String packageOf(String source) {
    Matcher m = Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
    return m.find() ? m.group(1) : "";
  }

  /** {@code core.resource.job} for {@code io.github.dbtcloud.core.resource.job}. */
  private static String shortName(String pkg) {
    return pkg.startsWith(PREFIX) ? pkg.substring(PREFIX.length()) : pkg;
  }

  /** The project packages a source file names, in imports and in fully qualified references. */
  private static Set<String> projectPackagesUsed(String source) {
    Set<String> out = new TreeSet<>();
    Matcher m =
        Pattern.compile("io\\.github\\.dbtcloud\\.((?:[a-z]+\\.)*)([A-Z]\\w*)").matcher(source);
    while (m.find()) {
      String pkg = m.group(1);
      out.add(pkg.substring(0, pkg.length() - 1));
    }
    return out;
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static List<Path> filesContaining(Path root, String text) throws IOException {
    return javaFiles(root).stream()
        .filter(
            p -> {
              try {
                return Files.readString(p).contains(text);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }
}
