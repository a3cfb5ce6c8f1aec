package io.github.dbtcloud.core.resource.webhook;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.AlertsSpec.WebhookSpec;
import io.github.dbtcloud.core.identity.Marker;
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
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.Written;
import io.github.dbtcloud.core.resource.job.AlertJobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Webhook subscriptions (Admin API v3), account-level. A subscription is the file's when its
 * description ends with the file's marker ({@code [[key]]}, in its namespace); the others are never
 * touched. Every writable field of a managed subscription is compared: name, description (without
 * the marker), URL, event types and job ids as sets, active. Read only when the file declares
 * webhooks (docs/alerts.md).
 */
public final class WebhookKind implements ResourceKind<WebhookSnapshot> {

  /** The one instance. */
  public static final WebhookKind INSTANCE = new WebhookKind();

  private WebhookKind() {}

  @Override
  public String name() {
    return "webhook";
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
    return !context.desired().alerts().webhooks().isEmpty();
  }

  @Override
  public WebhookSnapshot read(ReadContext context) {
    return WebhookSnapshot.of(
        new WebhookApi(context.api(), context.accountId()).list(),
        context.desired().ownership().namespace());
  }

  @Override
  public int listed(WebhookSnapshot part) {
    return part.all().size();
  }

  @Override
  public Map<String, Identity> identities(WebhookSnapshot part) {
    Map<String, Identity> out = new LinkedHashMap<>();
    part.managed().forEach((key, w) -> out.put(key, new Identity(null, w.name())));
    return out;
  }

  // ------------------------------------------------------------------- plan

  @Override
  public KindPlan plan(PlanContext context) {
    KindPlan.Builder out = new KindPlan.Builder();
    WebhookSnapshot part = context.part(this);
    if (part == null || context.options().selectsJobs()) {
      return out.build();
    }
    if (!part.duplicates().isEmpty()) {
      List<String> refused = new ArrayList<>();
      part.duplicates()
          .forEach(
              (key, ids) ->
                  refused.add(
                      "webhook subscriptions "
                          + ids
                          + " all carry the marker "
                          + new Marker(context.namespace(), key).text()
                          + " in their description; keep it on one of them and remove it from"
                          + " the others in dbt Cloud (Account settings > Webhooks)"));
      throw new PlanRefusedException(refused);
    }
    AlertJobs jobs = AlertJobs.of(context);
    Map<String, WebhookSpec> specs = context.desired().alerts().webhooks();
    for (WebhookSpec spec : specs.values()) {
      plan(context, jobs, spec, part.managed().get(spec.key()), out);
    }
    if (!part.unmanaged().isEmpty()) {
      out.warn(
          part.unmanaged().size()
              + " webhook subscription(s) of the account carry no marker of this file and are"
              + " left untouched: "
              + part.unmanaged().stream()
                  .map(w -> "\"" + w.name() + "\" (" + w.subscriptionId() + ")")
                  .toList());
    }
    if (context.desired().ownership().prune()) {
      part.managed()
          .forEach(
              (key, w) -> {
                if (!specs.containsKey(key)) {
                  out.change(
                      new Change.Delete(
                          new ResourceAddress(this, null, key), w, w.marker().orElse(null)));
                }
              });
    }
    return out.build();
  }

  private void plan(
      PlanContext context,
      AlertJobs jobs,
      WebhookSpec spec,
      Webhook current,
      KindPlan.Builder out) {
    ResourceAddress address = new ResourceAddress(this, null, spec.key());
    Marker marker = new Marker(context.namespace(), spec.key());
    String description = spec.description() == null ? "" : spec.description();
    TreeSet<Long> ids = new TreeSet<>();
    List<ResourceAddress> waiting = new ArrayList<>();
    List<PendingReference> pending = new ArrayList<>();
    for (AlertsSpec.JobKey key : spec.jobs()) {
      if (!jobs.planned(key)) {
        // a project outside this plan: its ids cannot be known; keep the ones dbt Cloud lists
        if (current != null) {
          ids.addAll(current.jobIds().stream().filter(id -> !jobs.managed().contains(id)).toList());
        }
        continue;
      }
      List<AlertsSpec.JobKey> keys =
          key.allOfProject() ? jobs.fileJobsOf(key.project()) : List.of(key);
      if (key.allOfProject()) {
        ids.addAll(jobs.unmanagedOf(key.project()));
      }
      for (AlertsSpec.JobKey k : keys) {
        Identities.Ref ref = jobs.ref(k);
        if (ref.pending()) {
          waiting.add(ref.target());
          pending.add(new PendingReference(Webhook.JOB_IDS + Webhook.ADD, ref.target()));
        } else {
          ids.add(ref.id());
        }
      }
    }
    if (!spec.jobs().isEmpty() && ids.isEmpty() && waiting.isEmpty()) {
      // dbt Cloud reads an empty list as every job of the account: never send one by accident
      throw new PlanRefusedException(
          List.of(
              spec.position()
                  + " webhooks."
                  + spec.key()
                  + ".jobs: "
                  + spec.jobs()
                  + " names no job that exists or is planned, and dbt Cloud would read the empty"
                  + " list as every job of the account. Name a job, or leave 'jobs' out to mean"
                  + " every job."));
    }
    Webhook base = current == null ? Webhook.draft() : current;
    Webhook after =
        base.with(Webhook.NAME, spec.name())
            .with(Webhook.DESCRIPTION, marker.appendTo(description))
            .with(Webhook.CLIENT_URL, spec.url())
            .with(Webhook.EVENT_TYPES, spec.events())
            .with(Webhook.JOB_IDS, List.copyOf(ids))
            .with(Webhook.ACTIVE, spec.active());
    List<FieldChange> fields = new ArrayList<>();
    compare(fields, Webhook.NAME, current == null ? null : current.name(), spec.name());
    compare(
        fields,
        Webhook.DESCRIPTION,
        current == null ? null : Marker.strip(current.description()),
        description);
    compare(
        fields,
        Webhook.CLIENT_URL,
        current == null ? null : current.fields().get(Webhook.CLIENT_URL),
        spec.url());
    compare(
        fields, Webhook.EVENT_TYPES, current == null ? null : current.eventTypes(), spec.events());
    List<Long> wantedIds = List.copyOf(ids);
    if (current == null || !current.jobIds().equals(wantedIds) || !waiting.isEmpty()) {
      List<String> shownAfter =
          wantedIds.isEmpty() && waiting.isEmpty()
              ? List.of("(every job)")
              : jobs.labels(wantedIds, waiting);
      List<String> shownBefore =
          current == null
              ? null
              : current.jobIds().isEmpty()
                  ? List.of("(every job)")
                  : jobs.labels(current.jobIds(), List.of());
      fields.add(FieldChange.of(Webhook.JOB_IDS, shownBefore, shownAfter));
    }
    compare(fields, Webhook.ACTIVE, current == null ? null : current.active(), spec.active());
    if (current == null) {
      List<FieldChange> created =
          fields.stream().map(f -> FieldChange.created(f.path(), f.after(), null)).toList();
      out.change(new Change.Create(address, after, pending, created, marker));
      return;
    }
    if (fields.isEmpty()) {
      out.unchanged(new Unchanged(address, null, current.fingerprint()));
      return;
    }
    out.change(new Change.Update(address, current, after, pending, fields, marker));
  }

  private static void compare(List<FieldChange> fields, String path, Object before, Object after) {
    if (before == null || !Objects.equals(before, after)) {
      fields.add(FieldChange.of(path, before, after));
    }
  }

  // ------------------------------------------------------------------ apply

  @Override
  public Written write(Change change, WriteContext context) throws InterruptedException {
    WebhookApi api = new WebhookApi(context.api(), context.accountId());
    if (change instanceof Change.Create c) {
      Webhook body = context.resolve((Webhook) c.after(), c.pending(), c.address());
      Marker marker = c.marker();
      WriteContext.Sent<Webhook> answer =
          context.sendOnce(
              () -> api.create(body),
              () ->
                  WriteContext.single(
                      api.list().stream()
                          .filter(w -> w.marker().map(marker::sameIdentity).orElse(false))
                          .toList(),
                      "webhook subscriptions carrying " + marker.text()),
              "webhook subscription carrying " + marker.text(),
              "the account's webhook subscriptions were listed again");
      String id = answer.object().subscriptionId();
      return new Written(
          Written.Effect.ADDED,
          null,
          answer.detail(null)
              + " ("
              + id
              + "); dbt Cloud shows its HMAC signing secret only in the create answer, which"
              + " the plugin does not print: to check signatures, regenerate the secret in dbt"
              + " Cloud (Account settings > Webhooks) and store it where your endpoint reads it");
    }
    Webhook before = (Webhook) change.before();
    String id = before.subscriptionId();
    if (change instanceof Change.Update u) {
      Webhook body = context.resolve((Webhook) u.after(), u.pending(), u.address());
      Webhook now = WriteContext.current(u, () -> api.get(id));
      api.update(id, new Webhook(Rebase.onto(now.fields(), before.fields(), body.fields())));
      return new Written(Written.Effect.CHANGED, null, "updated (" + id + ")");
    }
    try {
      api.delete(id);
      return new Written(Written.Effect.DESTROYED, null, "destroyed (" + id + ")");
    } catch (DbtCloudApiException e) {
      if (e.status() == 404) {
        return new Written(
            Written.Effect.DESTROYED, null, "destroyed (" + id + "; it was already gone)");
      }
      throw e;
    }
  }
}
