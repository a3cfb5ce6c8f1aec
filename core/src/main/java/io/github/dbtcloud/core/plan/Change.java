package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.Fingerprint;
import io.github.dbtcloud.core.api.WireObject;
import java.util.List;

/**
 * One planned change to one managed object. An executor needs, per change: the full body to send
 * ({@code after}), the ids to fill in first ({@code pending}), and, to refuse a stale plan, the
 * fingerprint of the object as it was read ({@link #remoteFingerprint()}).
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

  /**
   * What the remote object looked like when planned ({@code updated_at} + content hash); null for a
   * create.
   */
  default Fingerprint remoteFingerprint() {
    return before() == null ? null : before().fingerprint();
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
   */
  record Create(
      ResourceAddress address,
      WireObject after,
      List<PendingReference> pending,
      List<FieldChange> fields)
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
   */
  record Update(
      ResourceAddress address,
      WireObject before,
      WireObject after,
      List<PendingReference> pending,
      List<FieldChange> fields)
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
   */
  record Delete(ResourceAddress address, WireObject before) implements Change {
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
