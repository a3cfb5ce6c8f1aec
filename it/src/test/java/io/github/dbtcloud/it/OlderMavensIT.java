package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invoker executions for older Mavens (it/pom.xml) really ran on those Mavens, and ran every
 * goal there: the plugin declares Maven 3.6.3 as its minimum, and this is the proof.
 */
class OlderMavensIT {

  private static final List<String> GOALS =
      List.of("validate", "plan", "apply", "verify", "check-metrics", "unlock", "import");

  static Stream<String> olderMavens() {
    return Stream.of(System.getProperty("it.maven.versions", "").split(","))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  @ParameterizedTest(name = "Maven {0}")
  @MethodSource("olderMavens")
  void everyGoalRanOnThatMaven(String version) throws IOException {
    assumeFalse(
        Boolean.getBoolean("invoker.skip"), "invoker ITs skipped (invoker.skip or skipTests)");
    Path runs = Path.of("target", "it-maven-" + version);
    assertThat(runs)
        .as("the invoker execution for Maven %s wrote no projects", version)
        .isDirectory();

    List<Path> logs = new ArrayList<>();
    try (Stream<Path> projects = Files.list(runs)) {
      projects.map(p -> p.resolve("build.log")).filter(Files::isRegularFile).forEach(logs::add);
    }
    assertThat(logs).as("build logs under %s", runs).isNotEmpty();

    StringBuilder all = new StringBuilder();
    for (Path log : logs) {
      String text = Files.readString(log);
      assertThat(text).as("%s ran on", log).contains("Apache Maven " + version + " (");
      all.append(text);
    }
    String plugin = "dbt-maven-plugin:" + System.getProperty("it.plugin.version") + ":";
    for (String goal : GOALS) {
      assertThat(all).as("dbt:%s ran on Maven %s", goal, version).contains(plugin + goal + " ");
    }
  }
}
