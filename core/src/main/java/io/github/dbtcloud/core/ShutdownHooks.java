package io.github.dbtcloud.core;

/**
 * Runs an action when the JVM shuts down (Ctrl-C on the build), so that a verification run does not
 * outlive the build that started it. Tests substitute one they trigger by hand.
 */
@FunctionalInterface
public interface ShutdownHooks {

  /**
   * Registers {@code action}; the returned handle removes it again (idempotent, safe during
   * shutdown).
   */
  Runnable register(Runnable action);

  /** Hooks on {@link Runtime#addShutdownHook}. */
  static ShutdownHooks runtime() {
    return action -> {
      Thread hook = new Thread(action, "dbt-on-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      return () -> {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run: nothing to remove
        }
      };
    };
  }
}
