package io.github.dbtcloud.emulator.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SeedLoaderTest {

  @Test
  void readsASeedLargerThanSnakeYamlsDefaultThreeMebibytes() {
    StringBuilder seed = new StringBuilder("{\"jobs\":[");
    int jobs = 40_000;
    for (int j = 0; j < jobs; j++) {
      seed.append(j == 0 ? "" : ",")
          .append("{\"name\":\"job ")
          .append(j)
          .append("\",\"description\":\"a job of a large benchmark account, padded out\"}");
    }
    seed.append("]}");
    assertThat(seed.length()).isGreaterThan(3 * 1024 * 1024);

    JsonNode parsed = SeedLoader.parse(seed.toString());

    assertThat(parsed.path("jobs").size()).isEqualTo(jobs);
  }
}
