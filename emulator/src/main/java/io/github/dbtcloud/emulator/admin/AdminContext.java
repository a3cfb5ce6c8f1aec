package io.github.dbtcloud.emulator.admin;

import io.github.dbtcloud.emulator.state.EmulatorState;
import java.time.Clock;

/**
 * What every Admin API route needs.
 *
 * @param state the account's data
 * @param clock the emulator's clock (fast in tests, real for demos)
 * @param settings the behaviour switches where production is uncertain
 */
public record AdminContext(EmulatorState state, Clock clock, AdminSettings settings) {

  /** A context with the default (as recorded) behaviour. */
  public AdminContext(EmulatorState state, Clock clock) {
    this(state, clock, AdminSettings.DEFAULTS);
  }
}
