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
    return new EmbeddedDbtCloud(DbtCloudEmulator.builder().stateFile(stateFile).start());
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
