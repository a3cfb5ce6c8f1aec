package io.github.dbtcloud.core.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.ConfigFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dbt:validate -Ddbt.convert: writes beside the original, never over a file without force, and
 * refuses a file already in the plugin's format.
 */
class ConvertTest {

  @TempDir Path dir;

  private final List<String> lines = new ArrayList<>();

  private Path convert(Path file, Path target, boolean force) {
    Build build = Builds.offline(file, Map.of(), Map.of());
    try (GoalContext context =
        GoalContext.open(build, new CapturingConsole(lines), Time.system())) {
      return new ValidateGoal().convert(context, target, force);
    }
  }

  private Path jobsFile() throws IOException {
    return Files.copy(
        ConfigFixtures.resource("jobs-as-code/corpus/every-field.yml"), dir.resolve("jobs.yml"));
  }

  @Test
  void writesTheConvertedFileBesideTheOriginal() throws IOException {
    Path written = convert(jobsFile(), null, false);

    assertThat(written).isEqualTo(dir.resolve("jobs.dbt-cloud.yml"));
    assertThat(Files.readString(written)).contains("version: 1", "marker: jobs-as-code");
    assertThat(String.join("\n", lines))
        .contains("Converted jobs.yml to")
        .contains("dbt:plan -Ddbt.file=jobs.dbt-cloud.yml");
  }

  @Test
  void neverOverwritesAFileWithoutForce() throws IOException {
    Path original = jobsFile();
    Path existing = Files.writeString(dir.resolve("jobs.dbt-cloud.yml"), "mine");

    assertThatThrownBy(() -> convert(original, null, false))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("jobs.dbt-cloud.yml already exists")
        .hasMessageContaining("-Ddbt.convert.force=true");
    assertThat(Files.readString(existing)).isEqualTo("mine");

    convert(original, null, true);
    assertThat(Files.readString(existing)).contains("marker: jobs-as-code");
  }

  @Test
  void writesWhereAsked() throws IOException {
    Path target = dir.resolve("sub/dbt-cloud.yml");

    assertThat(convert(jobsFile(), target, false)).isEqualTo(target);
    assertThat(target).exists();
  }

  @Test
  void refusesAFileAlreadyInThePluginsFormat() {
    Path complete = ConfigFixtures.resource("valid/complete.yml");
    Build build = Builds.offline(complete, ConfigFixtures.ENVIRONMENT, ConfigFixtures.PROPERTIES);

    assertThatThrownBy(
            () -> {
              try (GoalContext context =
                  GoalContext.open(build, new CapturingConsole(lines), Time.system())) {
                new ValidateGoal().convert(context, dir.resolve("out.yml"), false);
              }
            })
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("already in the plugin's format")
        .hasMessageContaining("drop -Ddbt.convert");
    assertThat(dir.resolve("out.yml")).doesNotExist();
  }
}
