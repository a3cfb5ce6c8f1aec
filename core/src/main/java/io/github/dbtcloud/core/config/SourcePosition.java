package io.github.dbtcloud.core.config;

import java.nio.file.Path;

/**
 * Where something was written in a desired-state file; lines and columns are 1-based.
 *
 * @param file the file
 * @param line 1-based line, or 0 when the problem concerns the file as a whole
 * @param column 1-based column, or 0
 */
public record SourcePosition(Path file, int line, int column) {

  /** A position for objects built in code rather than read from a file. */
  public static final SourcePosition NONE = new SourcePosition(Path.of("<none>"), 0, 0);

  @Override
  public String toString() {
    Path name = file.getFileName() == null ? file : file.getFileName();
    return line <= 0 ? name.toString() : name + ":" + line + ":" + column;
  }
}
