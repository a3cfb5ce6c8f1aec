package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.nio.file.Path;

/**
 * The local emulator behind {@code baseUrl=embedded}: started for one goal, its state kept in a
 * file under {@code target/} so that a later goal sees what an earlier one created. Only loaded
 * after {@link AbstractDbtMojo} has checked the emulator is on the plugin's classpath.
 */
final class EmbeddedDbtCloud implements AutoCloseable {

  static final String EMULATOR_CLASS = "io.github.dbtcloud.emulator.DbtCloudEmulator";

  private final DbtCloudEmulator emulator;

  private EmbeddedDbtCloud(DbtCloudEmulator emulator) {
    this.emulator = emulator;
  }

  static EmbeddedDbtCloud start(Path stateFile) {
    return start(stateFile, null);
  }

  /**
   * Starts the emulator on its state file; a new state begins from {@code seed} (the demo account
   * when null). An existing state file is resumed and the seed is not read again.
   */
  static EmbeddedDbtCloud start(Path stateFile, Path seed) {
    DbtCloudEmulator.Builder builder = DbtCloudEmulator.builder().stateFile(stateFile);
    if (seed != null) {
      builder.seed(seed);
    }
    return new EmbeddedDbtCloud(builder.start());
  }

  String baseUrl() {
    return emulator.baseUrl();
  }

  /** The token of the emulator's (first) account. */
  ApiToken token() {
    return new ApiToken(emulator.tokens().keySet().iterator().next());
  }

  @Override
  public void close() {
    emulator.close();
  }
}
