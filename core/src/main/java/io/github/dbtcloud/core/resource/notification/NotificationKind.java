package io.github.dbtcloud.core.resource.notification;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireMaps;
import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.AlertsSpec.NotificationSpec;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.Identity;
import io.github.dbtcloud.core.resource.KindPlan;
import io.github.dbtcloud.core.resource.PendingReference;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Rebase;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Unchanged;
import io.github.dbtcloud.core.resource.Unmanaged;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import io.github.dbtcloud.core.resource.job.AlertJobs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Job notifications (Admin API v2), account-level. The file names recipients; for each, the plugin
 * manages one notification (the recipient's oldest, created when there is none) and within it only
 * the ids of jobs the file manages: ids of other jobs are kept. The ids of managed jobs that left
 * the file are taken out of every notification. Read only when the file declares notifications
 * (docs/alerts.md).
 */
public final class NotificationKind implements ResourceKind<NotificationSnapshot> {

  /** The one instance. */
  public static final NotificationKind INSTANCE = new NotificationKind();

  private NotificationKind() {}

  @Override
  public String name() {
    return "notification";
  }

  @Override
  public Scope scope() {
    return Scope.ACCOUNT;
  }

  @Override
  public boolean nestedFields() {
    return false;
  }

  @Override
  public boolean declared(ReadContext context) {
    return !context.desired().alerts().notifications().isEmpty();
  }

  @Override
  public NotificationSnapshot read(ReadContext context) {
    NotificationApi api = new NotificationApi(context.api(), context.accountId());
    return NotificationSnapshot.of(api.list(), api.users());
  }

  @Override
  public int listed(NotificationSnapshot part) {
    return part.all().size();
  }

  @Override
  public Map<String, Identity> identities(NotificationSnapshot part) {
    Map<String, Identity> out = new LinkedHashMap<>();
    for (Notification n : part.all()) {
      String key = n.recipientKey(part.emails());
      if (key != null && !out.containsKey(key)) {
        out.put(key, new Identity(n.id(), n.describe(part.emails())));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------- plan

  @Override
  public KindPlan plan(PlanContext context) {
    KindPlan.Builder out = new KindPlan.Builder();
    NotificationSnapshot part = context.part(this);
    if (part == null || context.options().selectsJobs()) {
      return out.build();
    }
    AlertJobs jobs = AlertJobs.of(context);
    Set<Long> touched = new HashSet<>();
    List<String> refused = new ArrayList<>();
    for (NotificationSpec spec : context.desired().alerts().notifications().values()) {
      Notification current = part.primary(Notification.recipientKey(spec.recipient()));
      if (current != null) {
        touched.add(current.id());
      }
      plan(context, part, jobs, spec, current, out, refused);
    }
    if (!refused.isEmpty()) {
      throw new PlanRefusedException(refused);
    }
    for (Notification n : part.all()) {
      if (touched.contains(n.id())) {
        continue;
      }
      String name = n.describe(part.emails());
      if (!cleanUp(context, jobs, n, name, out)) {
        out.unmanaged(new Unmanaged(this, null, n.id(), name));
      }
    }
    return out.build();
  }

  private void plan(
      PlanContext context,
      NotificationSnapshot part,
      AlertJobs jobs,
      NotificationSpec spec,
      Notification current,
      KindPlan.Builder out,
      List<String> refused) {
    AlertsSpec.Recipient r = spec.recipient();
    ResourceAddress address = new ResourceAddress(this, null, r.text());
    Long userId;
    if (r.type() == AlertsSpec.RecipientType.USER) {
      userId = part.userId(r.address());
      if (userId == null) {
        refused.add(
            spec.position()
                + " notification for "
                + r.text()
                + ": account "
                + context.accountId()
                + " has no user with this email address (users: "
                + String.join(", ", part.emails().values())
                + "); invite the user, or write the address without user: to send to it as an"
                + " outside email");
        return;
      }
    } else {
      userId = part.owner();
      if (userId == null && current == null) {
        refused.add(
            spec.position()
                + " notification for "
                + r.text()
                + ": dbt Cloud needs a user of account "
                + context.accountId()
                + " to own it, and the users listing is empty; check the token's permissions");
        return;
      }
    }
    Notification after =
        current != null ? current : Notification.draft(context.accountId(), userId, r);
    List<PendingReference> pending = new ArrayList<>();
    List<FieldChange> fields = new ArrayList<>();
    boolean empty = true;
    for (String event : AlertsSpec.EVENTS) {
      List<Long> remote = current == null ? List.of() : current.jobs(event);
      TreeSet<Long> wanted = new TreeSet<>();
      remote.stream().filter(id -> !jobs.managed().contains(id)).forEach(wanted::add);
      List<ResourceAddress> waiting = new ArrayList<>();
      for (AlertsSpec.JobKey key : spec.jobs().get(event)) {
        if (!jobs.planned(key)) {
          // a project outside this plan: its jobs are not managed here, their ids are kept above
          continue;
        }
        Identities.Ref ref = jobs.ref(key);
        if (ref.pending()) {
          waiting.add(ref.target());
          pending.add(new PendingReference(event + Notification.ADD, ref.target()));
        } else {
          wanted.add(ref.id());
        }
      }
      empty &= wanted.isEmpty() && waiting.isEmpty();
      List<Long> ids = List.copyOf(wanted);
      after = after.withJobs(event, ids);
      if (!ids.equals(remote) || !waiting.isEmpty()) {
        fields.add(
            FieldChange.of(
                event,
                current == null ? null : jobs.labels(remote, List.of()),
                jobs.labels(ids, waiting)));
      }
    }
    if (current == null) {
      if (empty) {
        return;
      }
      List<FieldChange> created = new ArrayList<>();
      for (String path : destinationPaths(r)) {
        created.add(FieldChange.created(path, after.value(path), null));
      }
      for (FieldChange f : fields) {
        created.add(FieldChange.created(f.path(), f.after(), null));
      }
      out.change(new Change.Create(address, after, pending, created, null));
      return;
    }
    if (fields.isEmpty()) {
      out.unchanged(new Unchanged(address, current.id(), current.fingerprint()));
      return;
    }
    if (empty && context.desired().ownership().prune()) {
      out.change(new Change.Delete(address, current, null));
      return;
    }
    out.change(new Change.Update(address, current, after, pending, fields, null));
  }

  private static List<String> destinationPaths(AlertsSpec.Recipient r) {
    return switch (r.type()) {
      case USER -> List.of("type", "user_id");
      case EMAIL -> List.of("type", "external_email");
      case SLACK -> List.of("type", "slack_channel_name", "slack_channel_id");
    };
  }

  /**
   * A notification of no recipient of the file that still lists managed jobs the file no longer
   * declares: those ids are taken out. Returns whether it is planned.
   */
  private boolean cleanUp(
      PlanContext context, AlertJobs jobs, Notification n, String name, KindPlan.Builder out) {
    Notification after = n;
    List<FieldChange> fields = new ArrayList<>();
    for (String event : AlertsSpec.EVENTS) {
      List<Long> remote = n.jobs(event);
      List<Long> kept = remote.stream().filter(id -> !jobs.removed().contains(id)).toList();
      if (!kept.equals(remote)) {
        after = after.withJobs(event, kept);
        fields.add(
            FieldChange.of(event, jobs.labels(remote, List.of()), jobs.labels(kept, List.of())));
      }
    }
    if (fields.isEmpty()) {
      return false;
    }
    ResourceAddress address = new ResourceAddress(this, null, name + "#" + n.id());
    out.change(new Change.Update(address, n, after, List.of(), fields, null));
    return true;
  }

  // ------------------------------------------------------------------ apply

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    NotificationApi api = new NotificationApi(context.api(), context.accountId());
    if (change instanceof Change.Create c) {
      Notification body = context.resolve((Notification) c.after(), c.pending(), c.address());
      WriteContext.Sent<Notification> answer =
          context.sendOnce(
              () -> api.create(body),
              () ->
                  WriteContext.single(
                      api.list().stream().filter(n -> sameRecipient(n, body)).toList(),
                      "notifications for " + c.address().key()),
              "notification for " + c.address().key(),
              "the account's notifications were listed again");
      Long id = answer.object().id();
      context.created(c.address(), id);
      return new Written(Written.Effect.ADDED, id, answer.detail(id));
    }
    if (change instanceof Change.Update u) {
      Notification body = context.resolve((Notification) u.after(), u.pending(), u.address());
      Notification now = WriteContext.current(u, () -> api.get(u.id()));
      Notification rebased =
          new Notification(Rebase.onto(now.fields(), u.before().fields(), body.fields()));
      api.update(u.id(), rebased);
      return new Written(Written.Effect.CHANGED, u.id(), "updated (id " + u.id() + ")");
    }
    long id = change.id();
    try {
      api.delete(id);
      return new Written(Written.Effect.DESTROYED, id, "destroyed (id " + id + ")");
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        return new Written(
            Written.Effect.DESTROYED, id, "destroyed (id " + id + "; it was already gone)");
      }
      throw e;
    }
  }

  /**
   * Whether two notifications go to the same recipient (to find a create whose answer was lost).
   */
  static boolean sameRecipient(Notification a, Notification b) {
    long ta = a.type() == Notification.TYPE_SLACK_NEW ? Notification.TYPE_SLACK : a.type();
    long tb = b.type() == Notification.TYPE_SLACK_NEW ? Notification.TYPE_SLACK : b.type();
    if (ta != tb) {
      return false;
    }
    String field =
        ta == Notification.TYPE_USER
            ? "user_id"
            : ta == Notification.TYPE_EMAIL ? "external_email" : "slack_channel_id";
    Object va = a.fields().get(field);
    Object vb = b.fields().get(field);
    if (va instanceof String sa && vb instanceof String sb) {
      return sa.equalsIgnoreCase(sb);
    }
    return Objects.equals(WireMaps.asLong(va), WireMaps.asLong(vb)) && va != null;
  }
}
