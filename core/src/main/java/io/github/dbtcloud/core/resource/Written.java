package io.github.dbtcloud.core.resource;

/**
 * What writing one change did.
 *
 * @param effect what it counts as in the summary
 * @param id the object's id, when it has one
 * @param detail what was done, e.g. {@code created (id 123)}
 */
public record Written(Effect effect, Long id, String detail) {

  /** What one change counts as in the apply's summary. */
  public enum Effect {
    ADDED,
    CHANGED,
    DESTROYED
  }
}
