package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.DbtCloudException;
import java.util.List;
import java.util.stream.Collectors;

/** The desired-state file has mistakes; carries all of them, not only the first. */
public final class InvalidDesiredStateException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;
  private final transient List<Problem> warnings;

  public InvalidDesiredStateException(List<Problem> problems) {
    this(problems, List.of());
  }

  /**
   * The problems, and the warnings found on the way (shown too, so the user fixes everything in one
   * go).
   */
  public InvalidDesiredStateException(List<Problem> problems, List<Problem> warnings) {
    super(
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " in the desired state:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  /** Every problem found, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  /** Warnings found before the load failed, in file order. */
  public List<Problem> warnings() {
    return warnings;
  }
}
