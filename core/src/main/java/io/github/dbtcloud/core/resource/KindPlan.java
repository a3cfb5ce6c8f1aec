package io.github.dbtcloud.core.resource;

import java.util.ArrayList;
import java.util.List;

/**
 * What one kind planned in one scope.
 *
 * @param changes the changes, in the order they may be applied within the kind (a job before the
 *     jobs that trigger on it), deletes included
 * @param unchanged managed objects that already match
 * @param unmanaged objects in scope this file does not manage
 * @param warnings what the user should know before applying (an update dbt Cloud will refuse...)
 */
public record KindPlan(
    List<Change> changes,
    List<Unchanged> unchanged,
    List<Unmanaged> unmanaged,
    List<String> warnings) {

  public KindPlan {
    changes = List.copyOf(changes);
    unchanged = List.copyOf(unchanged);
    unmanaged = List.copyOf(unmanaged);
    warnings = List.copyOf(warnings);
  }

  /** Collects a kind's plan while it is made. */
  public static final class Builder {
    private final List<Change> changes = new ArrayList<>();
    private final List<Unchanged> unchanged = new ArrayList<>();
    private final List<Unmanaged> unmanaged = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Adds a change. */
    public Builder change(Change change) {
      changes.add(change);
      return this;
    }

    /** Adds an object that needs no change. */
    public Builder unchanged(Unchanged object) {
      unchanged.add(object);
      return this;
    }

    /** Adds an object in scope that the file does not manage. */
    public Builder unmanaged(Unmanaged object) {
      unmanaged.add(object);
      return this;
    }

    /** Adds a warning. */
    public Builder warn(String warning) {
      warnings.add(warning);
      return this;
    }

    /** The plan. */
    public KindPlan build() {
      return new KindPlan(changes, unchanged, unmanaged, warnings);
    }
  }
}
