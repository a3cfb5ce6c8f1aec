package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The second line of defence against two applies creating the same object at the same time (the
 * first is the apply lease): right after a create, the object's identity (a job's marker, an
 * environment's name) is looked up again. When there are twins, the one with the lowest id
 * survives: every apply that checks picks the same one, whichever checks first, and an apply whose
 * own object is not the survivor deletes it and carries on with the survivor's id. An apply never
 * deletes a twin it did not create.
 */
public final class Twins {

  private Twins() {}

  /**
   * What the check found.
   *
   * @param survivor the id to carry on with
   * @param detail what to add to the create's line, empty when there was no twin
   */
  public record Outcome(long survivor, String detail) {}

  /**
   * Looks for twins of the object this apply just created as {@code made}.
   *
   * @param same the ids of every object with the same identity, as dbt Cloud lists them now
   * @param delete deletes one of them by id
   */
  public static Outcome resolve(long made, Supplier<List<Long>> same, LongConsumer delete) {
    List<Long> ids;
    try {
      ids = same.get().stream().distinct().sorted().toList();
    } catch (RuntimeException e) {
      // the create is done; a twin, if any, is named by the next plan
      return new Outcome(
          made,
          "; could not look for a twin made by another apply at the same time ("
              + e.getMessage()
              + ")");
    }
    List<Long> others = ids.stream().filter(id -> id != made).toList();
    if (others.isEmpty()) {
      return new Outcome(made, "");
    }
    long lowest = Math.min(made, others.get(0));
    if (lowest == made) {
      return new Outcome(
          made,
          "; another apply created a twin at the same time (id(s) "
              + others
              + "); the lowest id is kept, so that apply deletes its own");
    }
    try {
      delete.accept(made);
    } catch (DbtCloudApiException e) {
      if (e.status() != 404) {
        return new Outcome(
            lowest,
            "; another apply created the same object at the same time (id "
                + lowest
                + ", kept as the lowest id), and deleting this apply's twin (id "
                + made
                + ") failed ("
                + e.userMessage()
                + "): delete it by hand, the next plan names it");
      }
    }
    return new Outcome(
        lowest,
        "; another apply created the same object at the same time (id "
            + lowest
            + "): the lowest id is kept, so this apply deleted its own twin (id "
            + made
            + ") and uses id "
            + lowest);
  }
}
