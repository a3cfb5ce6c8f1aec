package io.github.dbtcloud.emulator.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.emulator.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Recorded dbt Cloud responses from the read-only reference material, parsed: the test skips when
 * it is absent (see {@link SharedFixtures}).
 */
final class SharedRecordings {

  private SharedRecordings() {}

  /** A recorded response, e.g. {@code run_get_response.json}, parsed. */
  static JsonNode recorded(String name) {
    try {
      return new ObjectMapper().readTree(SharedFixtures.recorded(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
