package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test and IT of the build (its own failsafe execution, in
 * post-integration-test) and fails when a token the tests use shows up in what the build wrote:
 * test reports (surefire, failsafe, invoker), invoker build logs, plan.json and plan.md, journals,
 * the emulator's state files (their own token table aside: that is the server's side). Inputs the
 * tests read (seed files, settings, compiled classes) are not scanned.
 */
class TokenLeakIT {

  /**
   * Every token the tests and ITs give the plugin or the client. Tokens a test uses must start with
   * {@code dbtc_} and be listed here; a one-letter token would match everything and prove nothing.
   */
  static final List<String> TEST_TOKENS =
      List.of(
          "dbtc_it_token_0123456789",
          "dbtc_emulator_demo_token",
          "dbtc_sl_token",
          "dbtc_secret_sl_token",
          "dbtc_check_metrics_token",
          "dbtc_secret_token_value",
          "dbtc_runs_test_token",
          "dbtc_retry_token",
          "dbtc_count_token",
          "dbtc_bench_token",
          "dbtc_other_project_token",
          "dbtc_other_account_token",
          "dbtc_test_hostile_4c1d2e",
          "dbtc_elsewhere",
          "dbtc_scoped",
          "dbtc_second");

  private static final Set<String> SKIPPED_DIRS =
      Set.of(
          "classes", "test-classes", "generated-sources", "generated-test-sources", "local-repo");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noTestTokenAppearsInAnythingTheBuildWrote() throws IOException {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    List<Path> scanned = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path target = module.resolve("target");
        if (Files.isDirectory(target)) {
          scan(target, scanned, leaks);
        }
      }
    }
    System.out.println(
        "token scan: "
            + scanned.size()
            + " files scanned under "
            + root
            + ", "
            + leaks.size()
            + " token occurrence(s)");
    assertThat(scanned).as("files the build wrote").isNotEmpty();
    assertThat(leaks).as("test tokens in build output").isEmpty();
  }

  private static void scan(Path target, List<Path> scanned, List<String> leaks) throws IOException {
    try (Stream<Path> files = Files.walk(target)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !inSkippedDir(target, f))
              .filter(TokenLeakIT::isOutput)
              .toList()) {
        scanned.add(file);
        String text = text(file);
        for (String token : TEST_TOKENS) {
          int at = text.indexOf(token);
          while (at >= 0) {
            leaks.add(file + ": " + token);
            at = text.indexOf(token, at + token.length());
          }
        }
      }
    }
  }

  private static boolean inSkippedDir(Path target, Path file) {
    for (Path part : target.relativize(file)) {
      if (SKIPPED_DIRS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** What the build wrote, as opposed to what the tests read. */
  static boolean isOutput(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String path = file.toString().replace('\\', '/');
    return name.endsWith(".log")
        || name.equals("plan.json")
        || name.equals("plan.md")
        || name.contains("journal")
        || name.startsWith("emulator-state")
        || name.endsWith(".dumpstream")
        || name.endsWith(".dump")
        || (path.contains("-reports/") && (name.endsWith(".xml") || name.endsWith(".txt")));
  }

  /** The file's text; an emulator state file without its token table (the server's own). */
  private static String text(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    if (file.getFileName().toString().startsWith("emulator-state")) {
      try {
        JsonNode state = JSON.readTree(text);
        if (state instanceof ObjectNode o) {
          o.remove("tokens");
          o.remove("token_projects");
          return o.toString();
        }
      } catch (IOException notJson) {
        return text;
      }
    }
    return text;
  }
}
