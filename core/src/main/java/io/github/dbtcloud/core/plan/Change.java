package io.github.dbtcloud.core.plan;

import io.github.dbtcloud.core.api.WireObject;
import java.util.List;

/** One planned change to one managed object. */
public sealed interface Change permits Change.Create, Change.Update, Change.Delete {

  /** The object this change is about. */
  ResourceAddress address();

  /** The fields that differ, in display order. */
  List<FieldChange> fields();

  /**
   * Create an object that does not exist yet.
   *
   * @param address what is created
   * @param after the full body to send (pending ids are filled in at apply time)
   * @param pending ids to fill in once their targets exist
   * @param fields what the create sets, for display
   */
  record Create(ResourceAddress address, WireObject after, List<PendingReference> pending, List<FieldChange> fields)
      implements Change {
    public Create {
      pending = List.copyOf(pending);
      fields = List.copyOf(fields);
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
  record Update(ResourceAddress address, WireObject before, WireObject after, List<PendingReference> pending,
      List<FieldChange> fields) implements Change {
    public Update {
      pending = List.copyOf(pending);
      fields = List.copyOf(fields);
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
  }
}
