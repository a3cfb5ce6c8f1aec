package io.github.dbtcloud.core.config;

import io.github.dbtcloud.core.identity.MarkerPlacement;

/**
 * Which remote jobs this file owns and whether it may delete them
 * (docs/desired-state.md#ownership).
 *
 * @param namespace optional namespace written into markers ({@code [[namespace/key]]}); null for
 *     none
 * @param prune delete managed jobs that left the file
 * @param maxDeletes the brake: never delete or recreate more managed objects than this in one apply
 * @param marker where job markers are written (the build's {@code dbt.markerPlacement} overrides
 *     it)
 */
public record OwnershipSpec(
    String namespace, boolean prune, int maxDeletes, MarkerPlacement marker) {

  /** The default brake. */
  public static final int DEFAULT_MAX_DELETES = 10;

  public OwnershipSpec {
    marker = marker == null ? MarkerPlacement.DESCRIPTION : marker;
  }

  /** Markers in descriptions. */
  public OwnershipSpec(String namespace, boolean prune, int maxDeletes) {
    this(namespace, prune, maxDeletes, MarkerPlacement.DESCRIPTION);
  }

  /** No namespace, no pruning, the default brake, markers in descriptions. */
  public static OwnershipSpec defaults() {
    return new OwnershipSpec(null, false, DEFAULT_MAX_DELETES);
  }
}
