package io.github.dbtcloud.core.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.CapturingConsole;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.importer.ImportSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportGoalTest {

  @TempDir Path dir;

  @Test
  void neverOverwritesAnExistingFileAndAsksNothingOfDbtCloud() throws Exception {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, "version: 1\n");
    // nothing listens on port 1: a request would fail with another message
    Build build = Builds.of(DesiredFiles.of(file), Map.of(), Map.of(), "http://127.0.0.1:1", null);
    List<String> lines = new ArrayList<>();

    assertThatThrownBy(
            () ->
                new ImportGoal(1L, ImportSelection.all(), file, false, false)
                    .run(build, new CapturingConsole(lines), Time.system()))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("already exists, and dbt:import never overwrites a file")
        .hasMessageContaining("-Ddbt.import.force=true");
    assertThat(Files.readString(file)).isEqualTo("version: 1\n");
  }

  @Test
  void asksForTheHostWhenTheBuildGivesNone() {
    Path file = dir.resolve("dbt-cloud.yml");
    Build build = Builds.of(DesiredFiles.of(file), Map.of(), Map.of(), null, null);

    assertThatThrownBy(
            () ->
                new ImportGoal(1L, ImportSelection.all(), file, false, false)
                    .run(build, new CapturingConsole(new ArrayList<>()), Time.system()))
        .isInstanceOf(DbtCloudException.class)
        .hasMessageContaining("-Ddbt.baseUrl=");
    assertThat(file).doesNotExist();
  }
}
