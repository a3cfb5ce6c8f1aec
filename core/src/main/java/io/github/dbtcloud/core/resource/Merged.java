package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.WireObject;
import java.util.List;

/**
 * A remote (or draft) object with the file's fields merged in, and which fields the file manages.
 *
 * @param after the full body to send
 * @param paths the wire paths the file manages, in display order; only these are compared
 * @param pending ids of objects this apply creates first
 * @param <T> the wire type
 */
public record Merged<T extends WireObject>(
    T after, List<String> paths, List<PendingReference> pending) {

  public Merged {
    paths = List.copyOf(paths);
    pending = List.copyOf(pending);
  }

  /** The pending reference that fills {@code path}, or null. */
  public PendingReference pendingAt(String path) {
    return pending.stream().filter(p -> p.path().equals(path)).findFirst().orElse(null);
  }
}
