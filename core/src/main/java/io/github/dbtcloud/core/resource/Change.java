package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.api.WireObject;
import io.github.dbtcloud.core.identity.Marker;
import java.util.List;

/**
 * One planned change to one managed object. An applier needs, per change: the full body to send
 * ({@link #after()}), the ids to fill in first ({@link #pending()}), the marker that identifies the
 * object (to find a create whose answer was lost), and, to refuse a stale plan, the fingerprint of
 * the object as it was read ({@link #remoteFingerprint()}).
 */
public sealed interface Change permits Change.Create, Change.Update, Change.Delete {

  /** The object this change is about. */
  ResourceAddress address();

  /** The fields that differ, in display order. */
  List<FieldChange> fields();

  /** The ids this change waits for (none for a delete). */
  default List<PendingReference> pending() {
    return List.of();
  }

  /** The remote object as read (null for a create). */
  default WireObject before() {
    return null;
  }

  /** The full body to send (null for a delete). */
  default WireObject after() {
    return null;
  }

  /**
   * The marker identifying the object: the one a create or update writes, the one a delete found;
   * null for kinds matched by name.
   */
  Marker marker();

  /**
   * What the remote object looked like when planned ({@code updated_at} + content hash); null for a
   * create.
   */
  default Fingerprint remoteFingerprint() {
    return before() == null ? null : before().fingerprint();
  }

  /** The id of the object in dbt Cloud, when it has one and exists. */
  default Long id() {
    return before() == null ? null : before().id();
  }

  /** The action word plan.json uses, as Terraform's plan does. */
  String action();

  /**
   * Create an object that does not exist yet.
   *
   * @param address what is created
   * @param after the full body to send (pending ids are filled in at apply time)
   * @param pending ids to fill in once their targets exist
   * @param fields what the create sets (every field the file sets), for display
   * @param marker the marker the body carries, or null
   */
  record Create(
      ResourceAddress address,
      WireObject after,
      List<PendingReference> pending,
      List<FieldChange> fields,
      Marker marker)
      implements Change {
    public Create {
      pending = List.copyOf(pending);
      fields = List.copyOf(fields);
    }

    @Override
    public String action() {
      return "create";
    }
  }

  /**
   * Update an existing object in place with a full-object write.
   *
   * @param address what is updated
   * @param before the object as read
   * @param after the full body to send
   * @param pending ids to fill in once their targets exist
   * @param fields the fields that differ
   * @param marker the marker the body carries, or null
   */
  record Update(
      ResourceAddress address,
      WireObject before,
      WireObject after,
      List<PendingReference> pending,
      List<FieldChange> fields,
      Marker marker)
      implements Change {
    public Update {
      pending = List.copyOf(pending);
      fields = List.copyOf(fields);
    }

    @Override
    public String action() {
      return "update";
    }
  }

  /**
   * Delete a managed object that left the desired state (only with pruning on).
   *
   * @param address what is deleted
   * @param before the object as read
   * @param marker the marker it carries (whether it is protected, say)
   */
  record Delete(ResourceAddress address, WireObject before, Marker marker) implements Change {
    @Override
    public List<FieldChange> fields() {
      return List.of();
    }

    @Override
    public String action() {
      return "delete";
    }
  }
}
