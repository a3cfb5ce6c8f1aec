package io.github.dbtcloud.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The desired-state file has mistakes; carries all of them, not only the first. */
public final class InvalidDesiredStateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidDesiredStateException(List<Problem> problems) {
    super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the desired state:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
