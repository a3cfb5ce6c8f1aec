package io.github.dbtcloud.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a load so the user sees all of them at once. */
final class Problems {

  private final List<Problem> problems = new ArrayList<>();

  void add(SourcePosition position, String path, String message) {
    problems.add(new Problem(position, path, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws when anything was found, sorted by file, line and column. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing((Problem p) -> p.position().file().toString())
          .thenComparingInt(p -> p.position().line())
          .thenComparingInt(p -> p.position().column()));
      throw new InvalidDesiredStateException(sorted);
    }
  }
}
