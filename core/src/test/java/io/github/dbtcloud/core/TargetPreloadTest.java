package io.github.dbtcloud.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.config.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetPreloadTest {

  @Test
  void aPreloadedTargetReadsItsFileOnceForEveryStepOfTheGoal(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, "version: 1\naccount: { id: 1 }\nprojects:\n  shop: { id: 2 }\n");
    Target target = new Target(file, Map.of(), Map.of(), null, null, "test");

    Target loaded = target.preloaded(Console.silent());
    Files.delete(file);
    DesiredState first = loaded.load();

    assertThat(loaded.load(Console.silent())).isSameAs(first);
    assertThat(loaded.preloaded(Console.silent())).isSameAs(loaded);
    assertThat(first.projects()).containsKey("shop");
  }
}
