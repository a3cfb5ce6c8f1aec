package io.github.dbtcloud.core;

/**
 * Everything core tells the user goes through this port: the plugin adapts it to Maven's log, tests
 * capture it. Core never prints on its own.
 */
public interface Console {

  /** A line the user reads as part of normal output (plan lines, progress). */
  void info(String line);

  /** Something the user should look at, though the build goes on. */
  void warn(String line);

  /** Diagnostics shown only when asked for (Maven's -X); HTTP traces go here, redacted. */
  void debug(String line);

  /** Whether output may use ANSI colours (Maven's own setting decides). */
  default boolean colour() {
    return false;
  }

  /** A console that drops everything. */
  static Console silent() {
    return new Console() {
      @Override
      public void info(String line) {}

      @Override
      public void warn(String line) {}

      @Override
      public void debug(String line) {}
    };
  }
}
