package io.github.dbtcloud.core.apply;

/** How one step of an apply ended. */
public sealed interface StepOutcome
    permits StepOutcome.Done, StepOutcome.Failed, StepOutcome.Skipped {

  /** The step's id. */
  String id();

  /**
   * The step did its work.
   *
   * @param id the step
   * @param detail what was done, e.g. {@code created (id 123)}
   */
  record Done(String id, String detail) implements StepOutcome {}

  /**
   * The step's work failed.
   *
   * @param id the step
   * @param message why, with the API's message
   * @param cause the exception, for the log at debug level
   */
  record Failed(String id, String message, Throwable cause) implements StepOutcome {}

  /**
   * The step was not attempted.
   *
   * @param id the step
   * @param reason why, e.g. {@code waits for environment "ci", which failed}
   */
  record Skipped(String id, String reason) implements StepOutcome {}
}
