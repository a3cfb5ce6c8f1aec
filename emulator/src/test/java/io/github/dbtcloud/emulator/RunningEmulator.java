package io.github.dbtcloud.emulator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh emulator for each test, closed after it: {@code @RegisterExtension final RunningEmulator
 * running = RunningEmulator.demo();} then {@code running.http()}.
 */
public final class RunningEmulator implements BeforeEachCallback, AfterEachCallback {

  private final String seed;
  private DbtCloudEmulator emulator;
  private EmulatorHttp http;

  private RunningEmulator(String seed) {
    this.seed = seed;
  }

  /** The demo account, called with the demo token. */
  public static RunningEmulator demo() {
    return new RunningEmulator(null);
  }

  /** This seed, called with the demo token. */
  public static RunningEmulator seeded(String seed) {
    return new RunningEmulator(seed);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    DbtCloudEmulator.Builder builder = DbtCloudEmulator.builder();
    emulator = (seed == null ? builder : builder.seedText(seed)).start();
    http = EmulatorHttp.demo(emulator);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    emulator.close();
  }

  /** The running emulator. */
  public DbtCloudEmulator emulator() {
    return emulator;
  }

  /** A client with the demo token. */
  public EmulatorHttp http() {
    return http;
  }
}
