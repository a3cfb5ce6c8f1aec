package io.github.dbtcloud.core;

import java.util.List;

/**
 * A console for tests that appends every line to a list, prefixed with its level ({@code INFO x}).
 */
public final class CapturingConsole implements Console {

  private final List<String> lines;

  /** Appends to {@code lines} (pass a thread-safe list when the code under test is parallel). */
  public CapturingConsole(List<String> lines) {
    this.lines = lines;
  }

  @Override
  public void info(String line) {
    lines.add("INFO " + line);
  }

  @Override
  public void warn(String line) {
    lines.add("WARN " + line);
  }

  @Override
  public void debug(String line) {
    lines.add("DEBUG " + line);
  }
}
