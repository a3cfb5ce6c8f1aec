package io.github.dbtcloud.core.plan;

import static io.github.dbtcloud.core.plan.Specs.job;
import static io.github.dbtcloud.core.plan.Specs.prod;
import static io.github.dbtcloud.core.plan.Specs.remoteJob;
import static io.github.dbtcloud.core.plan.Specs.remoteProd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.AlertsSpec.JobKey;
import io.github.dbtcloud.core.config.AlertsSpec.NotificationSpec;
import io.github.dbtcloud.core.config.AlertsSpec.Recipient;
import io.github.dbtcloud.core.config.AlertsSpec.WebhookSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.FieldChange;
import io.github.dbtcloud.core.resource.Identities;
import io.github.dbtcloud.core.resource.PlanContext;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.core.resource.PlanRefusedException;
import io.github.dbtcloud.core.resource.ReadContext;
import io.github.dbtcloud.core.resource.Reference;
import io.github.dbtcloud.core.resource.ResourceAddress;
import io.github.dbtcloud.core.resource.ResourceKind;
import io.github.dbtcloud.core.resource.Scope;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.WriteContext;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobKind;
import io.github.dbtcloud.core.resource.notification.NotificationKind;
import io.github.dbtcloud.core.resource.webhook.WebhookKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Notifications and webhooks planned against jobs of the file, written to an in-memory account,
 * read back and planned again: no changes. Ids of jobs the file does not manage are kept; ids of
 * managed jobs that left the file are taken out.
 */
class AlertsPlanTest {

  private static final Project PROJECT_OBJECT =
      new Project(Map.of("id", Specs.PROJECT, "name", "Shop"));
  private static final Recipient ONCALL =
      new Recipient(AlertsSpec.RecipientType.EMAIL, "oncall@example.com", null);
  private static final Recipient SLACK =
      new Recipient(AlertsSpec.RecipientType.SLACK, "#data-alerts", "C0123ABC");
  private static final Recipient JANE =
      new Recipient(AlertsSpec.RecipientType.USER, "jane@example.com", null);

  private static final long NIGHTLY = 101;
  private static final long HOURLY = 102;
  private static final long WEEKLY = 103;
  private static final long HAND_MADE = 104;

  private static JobKey key(String job) {
    return new JobKey("shop", job);
  }

  private static NotificationSpec notification(Recipient r, String event, String... jobs) {
    Map<String, Set<JobKey>> byEvent = new LinkedHashMap<>();
    Set<JobKey> keys = new LinkedHashSet<>();
    for (String j : jobs) {
      keys.add(key(j));
    }
    byEvent.put(event, keys);
    return new NotificationSpec(r, byEvent, SourcePosition.NONE);
  }

  private static DesiredState desired(
      List<NotificationSpec> notifications, List<WebhookSpec> webhooks) {
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    jobs.put("nightly", job("nightly", j -> j));
    jobs.put("hourly", job("hourly", j -> j));
    ProjectSpec project =
        new ProjectSpec(
            "shop",
            Specs.PROJECT,
            null,
            Map.of("prod", prod()),
            Map.of(),
            jobs,
            SourcePosition.NONE);
    Map<String, NotificationSpec> n = new LinkedHashMap<>();
    notifications.forEach(s -> n.put(s.recipient().text(), s));
    Map<String, WebhookSpec> w = new LinkedHashMap<>();
    webhooks.forEach(s -> w.put(s.key(), s));
    return new DesiredState(
        1,
        new io.github.dbtcloud.core.config.AccountSpec(Specs.ACCOUNT, null, SourcePosition.NONE),
        new OwnershipSpec(null, true, OwnershipSpec.defaults().maxDeletes(), null),
        Map.of("shop", project),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        List.of(),
        List.of(),
        "",
        new AlertsSpec(n, w));
  }

  private static WebhookSpec webhook(String key, List<JobKey> jobs, boolean active) {
    return new WebhookSpec(
        key,
        "Hook " + key,
        null,
        "https://hooks.example.com/" + key,
        List.of("job.run.errored"),
        jobs,
        active,
        SourcePosition.NONE);
  }

  /** What a read would find: the jobs from {@link Remote}, the alerts from the fake account. */
  private static Snapshot snapshot(DesiredState desired, AlertsFake account, Job... jobs) {
    Remote remote =
        new Remote(
            Specs.ACCOUNT,
            null,
            Map.of(
                "shop",
                new Remote.Listing("shop", PROJECT_OBJECT, List.of(remoteProd()), List.of(jobs))));
    Snapshot base = remote.snapshot(desired);
    Map<String, Map<ResourceKind<?>, Object>> parts = new LinkedHashMap<>();
    Map<ResourceKind<?>, Object> project = new LinkedHashMap<>();
    for (ResourceKind<?> kind : ResourceKinds.all()) {
      if (kind.scope() == Scope.PROJECT && base.part(kind, "shop") != null) {
        project.put(kind, base.part(kind, "shop"));
      }
    }
    parts.put("shop", project);
    ReadContext read = readContext(desired, account);
    Map<ResourceKind<?>, Object> acct = new LinkedHashMap<>();
    for (ResourceKind<?> kind : List.of(NotificationKind.INSTANCE, WebhookKind.INSTANCE)) {
      if (kind.declared(read)) {
        acct.put(kind, kind.read(read));
      }
    }
    parts.put(ResourceAddress.ACCOUNT, acct);
    return new Snapshot(Specs.ACCOUNT, null, base.projects(), parts);
  }

  private static ReadContext readContext(DesiredState desired, WireApi api) {
    return new ReadContext() {
      @Override
      public WireApi api() {
        return api;
      }

      @Override
      public DesiredState desired() {
        return desired;
      }

      @Override
      public ProjectSpec project() {
        return null;
      }

      @Override
      public Project remoteProject() {
        return null;
      }

      @Override
      public <S> S part(ResourceKind<S> kind) {
        return null;
      }

      @Override
      public List<Reference> referencesTo(ResourceKind<?> kind) {
        return List.of();
      }
    };
  }

  private static Plan plan(DesiredState desired, Snapshot snapshot) {
    return new Planner().plan(desired, snapshot, PlanOptions.defaults());
  }

  private static Job managed(long id, String key) {
    return remoteJob(id, "[[" + key + "]]", j -> j.withName(key));
  }

  private static Job handMade() {
    return remoteJob(HAND_MADE, "made by hand", j -> j);
  }

  private static Map<String, Object> remoteNotification(
      long id, long type, String email, List<Long> onFailure) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("id", id);
    n.put("account_id", Specs.ACCOUNT);
    n.put("user_id", 50L);
    n.put("type", type);
    n.put("external_email", email);
    n.put("state", 1L);
    n.put("on_failure", onFailure);
    n.put("on_success", List.of());
    n.put("on_cancel", List.of());
    n.put("on_warning", List.of());
    return n;
  }

  private static AlertsFake account() {
    return new AlertsFake()
        .user(50, "demo@example.com")
        .user(51, "Jane@Example.com")
        // made by hand for the file's recipient: a job outside the file and a job leaving it
        .notification(remoteNotification(300, 4, "OnCall@example.com", List.of(HAND_MADE, WEEKLY)))
        // made by hand for another recipient, watching the job that leaves the file
        .notification(remoteNotification(301, 4, "boss@example.com", List.of(WEEKLY, HAND_MADE)));
  }

  private static Change change(Plan plan, String kind, String key) {
    return plan.changes().stream()
        .filter(c -> c.address().kind().name().equals(kind) && c.address().key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + key + " not in " + plan.changes()));
  }

  private static Object after(Change c, String path) {
    return c.fields().stream()
        .filter(f -> f.path().equals(path))
        .map(FieldChange::after)
        .findFirst()
        .orElse(null);
  }

  @Test
  void keepsOtherJobsOfARecipientWaitsForNewJobsAndTakesOutJobsThatLeftTheFile()
      throws InterruptedException {
    AlertsFake account = account();
    DesiredState desired =
        desired(
            List.of(
                notification(ONCALL, "on_failure", "nightly", "hourly"),
                notification(SLACK, "on_cancel", "nightly"),
                notification(JANE, "on_success", "nightly")),
            List.of(
                webhook("pager", List.of(key("nightly"), key("hourly")), true),
                webhook("audit", List.of(new JobKey("shop", "*")), false)));

    Plan plan =
        plan(
            desired,
            snapshot(
                desired,
                account,
                managed(NIGHTLY, "nightly"),
                managed(WEEKLY, "weekly"),
                handMade()));

    Change oncall = change(plan, "notification", "oncall@example.com");
    assertThat(oncall).isInstanceOf(Change.Update.class);
    assertThat(after(oncall, "on_failure"))
        .isEqualTo(List.of("shop/nightly (id 101)", "id 104", "shop/hourly (known after apply)"));
    assertThat(oncall.pending()).extracting(p -> p.target().key()).containsExactly("hourly");
    Change slack = change(plan, "notification", "slack:#data-alerts/C0123ABC");
    assertThat(slack).isInstanceOf(Change.Create.class);
    assertThat(slack.after().value("type")).isEqualTo(2L);
    assertThat(slack.after().value("user_id")).isEqualTo(50L);
    Change jane = change(plan, "notification", "user:jane@example.com");
    assertThat(jane.after().value("user_id")).isEqualTo(51L);
    assertThat(jane.after().value("type")).isEqualTo(1L);
    Change boss = change(plan, "notification", "boss@example.com#301");
    assertThat(after(boss, "on_failure")).isEqualTo(List.of("id 104"));
    assertThat(after(change(plan, "webhook", "audit"), "job_ids"))
        .isEqualTo(List.of("shop/nightly (id 101)", "id 104", "shop/hourly (known after apply)"));
    assertThat(after(change(plan, "webhook", "pager"), "description")).isEqualTo("");
    // the alerts come after the jobs whose ids they need
    List<String> order = plan.changes().stream().map(c -> c.address().id()).toList();
    assertThat(order.indexOf("shop.job.hourly"))
        .isLessThan(order.indexOf("account.notification.oncall@example.com"));

    // apply: the job hourly is created first (id 102), then the alerts
    WriteContext write = new WriteContext(account, Specs.ACCOUNT, d -> {});
    write.created(new ResourceAddress(JobKind.INSTANCE, "shop", "hourly"), HOURLY);
    for (Change c : plan.changes()) {
      if (c.address().kind().scope() == Scope.ACCOUNT) {
        c.address().kind().write(c, write);
      }
    }
    assertThat(account.notifications.get(300L).get("on_failure"))
        .isEqualTo(List.of(NIGHTLY, HOURLY, HAND_MADE));
    assertThat(account.notifications.get(301L).get("on_failure")).isEqualTo(List.of(HAND_MADE));
    assertThat(account.webhooks.values())
        .extracting(w -> w.get("description"))
        .containsExactlyInAnyOrder("[[pager]]", "[[audit]]");
    assertThat(account.webhooks.values()).noneMatch(w -> w.containsKey("hmac_secret"));

    // read back (the weekly job pruned, hourly created): nothing left to do
    Plan again =
        plan(
            desired,
            snapshot(
                desired,
                account,
                managed(NIGHTLY, "nightly"),
                managed(HOURLY, "hourly"),
                handMade()));
    assertThat(again.changes()).isEmpty();
    assertThat(again.unmanaged())
        .extracting(u -> u.kind().name() + " " + u.name())
        .containsExactly("job n", "notification boss@example.com");
  }

  @Test
  void changesEveryWebhookFieldAndPlansNothingAfterwards() throws InterruptedException {
    AlertsFake account = account();
    DesiredState first =
        desired(List.of(), List.of(webhook("pager", List.of(key("nightly")), true)));
    Job[] jobs = {managed(NIGHTLY, "nightly"), managed(HOURLY, "hourly"), handMade()};
    WriteContext write = new WriteContext(account, Specs.ACCOUNT, d -> {});
    for (Change c : plan(first, snapshot(first, account, jobs)).changes()) {
      if (c.address().kind().scope() == Scope.ACCOUNT) {
        c.address().kind().write(c, write);
      }
    }
    WebhookSpec changed =
        new WebhookSpec(
            "pager",
            "Pager",
            "For the on-call",
            "https://other.example.com/x",
            List.of("job.run.completed", "job.run.started"),
            List.of(),
            false,
            SourcePosition.NONE);
    DesiredState second = desired(List.of(), List.of(changed));

    Plan plan = plan(second, snapshot(second, account, jobs));

    Change update = change(plan, "webhook", "pager");
    assertThat(update.fields())
        .extracting(FieldChange::path)
        .containsExactly("name", "description", "client_url", "event_types", "job_ids", "active");
    assertThat(after(update, "job_ids")).isEqualTo(List.of("(every job)"));
    write = new WriteContext(account, Specs.ACCOUNT, d -> {});
    update.address().kind().write(update, write);
    assertThat(account.writes)
        .last()
        .asString()
        .startsWith("PUT api/v3/accounts/1/webhooks/subscription/wsu_");
    assertThat(plan(second, snapshot(second, account, jobs)).changes()).isEmpty();
  }

  @Test
  void prunesAManagedWebhookThatLeftTheFileAndLeavesOthersAlone() throws InterruptedException {
    AlertsFake account = account();
    account.webhooks.put(
        "wsu_hand",
        new LinkedHashMap<>(
            Map.of(
                "id",
                "wsu_hand",
                "name",
                "Hand made",
                "client_url",
                "https://x.example.com",
                "event_types",
                List.of("job.run.errored"),
                "job_ids",
                List.of(),
                "active",
                true)));
    account.webhooks.put(
        "wsu_old",
        new LinkedHashMap<>(
            Map.of(
                "id",
                "wsu_old",
                "name",
                "Old",
                "description",
                "[[old]]",
                "client_url",
                "https://x.example.com",
                "event_types",
                List.of("job.run.errored"),
                "job_ids",
                List.of(),
                "active",
                true)));
    DesiredState desired =
        desired(List.of(), List.of(webhook("pager", List.of(key("nightly")), true)));

    Plan plan = plan(desired, snapshot(desired, account, managed(NIGHTLY, "nightly"), handMade()));

    assertThat(plan.changes())
        .extracting(c -> c.action() + " " + c.address().id())
        .containsExactlyInAnyOrder(
            "create account.webhook.pager", "create shop.job.hourly", "delete account.webhook.old");
    assertThat(plan.warnings()).anyMatch(w -> w.contains("\"Hand made\" (wsu_hand)"));
  }

  @Test
  void refusesAUserRecipientTheAccountDoesNotHave() {
    AlertsFake account = account();
    Recipient nobody = new Recipient(AlertsSpec.RecipientType.USER, "nobody@example.com", null);
    DesiredState desired =
        desired(List.of(notification(nobody, "on_failure", "nightly")), List.of());

    assertThatThrownBy(() -> plan(desired, snapshot(desired, account, managed(NIGHTLY, "nightly"))))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining(
            "notification for user:nobody@example.com: account 1 has no user with this email address (users: demo@example.com, jane@example.com)");
  }

  @Test
  void refusesAWebhookWhoseJobsResolveToNoneRatherThanFiringForEveryJob() {
    AlertsFake account = account();
    DesiredState desired =
        desired(List.of(), List.of(webhook("pager", List.of(new JobKey("other", "*")), true)));
    Map<String, ProjectSpec> projects = new LinkedHashMap<>(desired.projects());
    projects.put(
        "other",
        new ProjectSpec("other", 8L, null, Map.of(), Map.of(), Map.of(), SourcePosition.NONE));
    DesiredState withEmptyProject =
        new DesiredState(
            1,
            desired.account(),
            desired.ownership(),
            projects,
            desired.verify(),
            desired.semanticLayer(),
            List.of(),
            List.of(),
            "",
            desired.alerts());
    Remote remote =
        new Remote(
            Specs.ACCOUNT,
            null,
            Map.of(
                "shop",
                new Remote.Listing(
                    "shop", PROJECT_OBJECT, List.of(remoteProd()), List.of(handMade())),
                "other",
                new Remote.Listing(
                    "other",
                    new Project(Map.of("id", 8L, "name", "Other")),
                    List.of(),
                    List.of())));
    Snapshot jobsOnly = remote.snapshot(withEmptyProject);
    Map<String, Map<ResourceKind<?>, Object>> parts = new LinkedHashMap<>();
    for (String p : List.of("shop", "other")) {
      Map<ResourceKind<?>, Object> byKind = new LinkedHashMap<>();
      byKind.put(JobKind.INSTANCE, jobsOnly.part(JobKind.INSTANCE, p));
      parts.put(p, byKind);
    }
    parts.put(
        ResourceAddress.ACCOUNT,
        Map.of(
            WebhookKind.INSTANCE,
            WebhookKind.INSTANCE.read(readContext(withEmptyProject, account))));
    Snapshot snapshot = new Snapshot(Specs.ACCOUNT, null, jobsOnly.projects(), parts);

    assertThatThrownBy(
            () ->
                WebhookKind.INSTANCE.plan(
                    new PlanContext(
                        withEmptyProject,
                        null,
                        snapshot,
                        new Identities(Map.of()),
                        PlanOptions.defaults())))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessageContaining(
            "webhooks.pager.jobs: [other/*] names no job that exists or is planned, and dbt Cloud"
                + " would read the empty list as every job of the account");
  }

  @Test
  void readsNothingWhenTheFileDeclaresNoAlerts() {
    AlertsFake account = account();
    DesiredState desired = desired(List.of(), List.of());

    Plan plan = plan(desired, snapshot(desired, account, managed(NIGHTLY, "nightly")));

    assertThat(account.requestCount()).isZero();
    assertThat(plan.unmanaged()).isEmpty();
    assertThat(new ArrayList<>(plan.changes()))
        .extracting(c -> c.address().kind().name())
        .containsOnly("job");
  }
}
