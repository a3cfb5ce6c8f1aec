package io.github.dbtcloud.core.config;

/**
 * Which remote jobs this file owns and whether it may delete them (design §5).
 *
 * @param namespace optional namespace written into markers ({@code [[namespace/key]]}); null for none
 * @param prune delete managed jobs that left the file
 * @param maxDeletes the brake: never delete or recreate more managed objects than this in one apply
 */
public record OwnershipSpec(String namespace, boolean prune, int maxDeletes) {

  /** The default brake. */
  public static final int DEFAULT_MAX_DELETES = 10;

  /** No namespace, no pruning, the default brake. */
  public static OwnershipSpec defaults() {
    return new OwnershipSpec(null, false, DEFAULT_MAX_DELETES);
  }
}
