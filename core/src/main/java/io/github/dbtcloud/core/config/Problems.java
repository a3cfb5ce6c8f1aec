package io.github.dbtcloud.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every error and warning of a load so the user sees all of them at once, in file order.
 */
final class Problems {

  private static final Comparator<Problem> FILE_ORDER =
      Comparator.comparing((Problem p) -> p.position().file().toString())
          .thenComparingInt(p -> p.position().line())
          .thenComparingInt(p -> p.position().column());

  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  void add(SourcePosition position, String path, String message) {
    errors.add(new Problem(position, path, message));
  }

  void warn(SourcePosition position, String path, String message) {
    warnings.add(new Problem(position, path, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The warnings, sorted by file, line and column. */
  List<Problem> warnings() {
    return sorted(warnings);
  }

  /** Throws when any error was found, sorted by file, line and column. */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new InvalidDesiredStateException(sorted(errors), sorted(warnings));
    }
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems);
    out.sort(FILE_ORDER);
    return out;
  }
}
