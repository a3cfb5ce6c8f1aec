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
    // asked for every field of every job planned, with nothing pending almost always: a loop
    // allocates nothing where a stream built its pipeline each time
    for (PendingReference p : pending) {
      if (p.path().equals(path)) {
        return p;
      }
    }
    return null;
  }
}
