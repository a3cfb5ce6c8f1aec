package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.AccountSpec;
import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.OwnershipSpec;
import io.github.dbtcloud.core.config.SourcePosition;
import io.github.dbtcloud.core.report.TestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which notifications and webhooks watch the verified job, for the log and the JUnit report. */
class AlertWatchersTest {

  private static final long JOB = 101;

  /** Listings only: notifications, users, webhooks; anything else is a test mistake. */
  private static final class Listings implements WireApi {
    int requests;
    boolean fail;

    @Override
    public String baseUrl() {
      return "https://ab123.us1.dbt.com/";
    }

    @Override
    public int requestCount() {
      return requests;
    }

    @Override
    public List<Map<String, Object>> list(String path, Map<String, String> query) {
      requests++;
      if (fail) {
        throw new DbtCloudApiException(403, "GET", path, "Forbidden", (Throwable) null);
      }
      if (path.endsWith("/users/")) {
        return List.of(Map.of("id", 50L, "email", "jane@example.com"));
      }
      if (path.endsWith("/subscriptions")) {
        return List.of(
            Map.of(
                "id",
                "wsu_1",
                "name",
                "Pager",
                "event_types",
                List.of("job.run.errored"),
                "job_ids",
                List.of("101"),
                "active",
                true),
            Map.of(
                "id",
                "wsu_2",
                "name",
                "Audit",
                "event_types",
                List.of("job.run.completed"),
                "job_ids",
                List.of(),
                "active",
                true),
            Map.of(
                "id",
                "wsu_3",
                "name",
                "Off",
                "event_types",
                List.of("job.run.errored"),
                "job_ids",
                List.of("101"),
                "active",
                false),
            Map.of(
                "id",
                "wsu_4",
                "name",
                "Other",
                "event_types",
                List.of("job.run.errored"),
                "job_ids",
                List.of("999"),
                "active",
                true));
      }
      return List.of(
          Map.of(
              "id",
              1L,
              "type",
              4L,
              "user_id",
              50L,
              "external_email",
              "oncall@example.com",
              "on_failure",
              List.of(JOB, 7L),
              "on_cancel",
              List.of(JOB),
              "on_success",
              List.of(),
              "on_warning",
              List.of()),
          Map.of(
              "id",
              2L,
              "type",
              1L,
              "user_id",
              50L,
              "on_failure",
              List.of(7L),
              "on_cancel",
              List.of(),
              "on_success",
              List.of(),
              "on_warning",
              List.of()));
    }

    @Override
    public Map<String, Object> get(String path, Map<String, String> query) {
      throw new AssertionError(path);
    }

    @Override
    public Map<String, Object> create(String path, Map<String, Object> body) {
      throw new AssertionError(path);
    }

    @Override
    public Map<String, Object> update(String path, Map<String, Object> body) {
      throw new AssertionError(path);
    }

    @Override
    public Map<String, Object> replace(String path, Map<String, Object> body) {
      throw new AssertionError(path);
    }

    @Override
    public void delete(String path) {
      throw new AssertionError(path);
    }
  }

  private static DesiredState desired(AlertsSpec alerts) {
    return new DesiredState(
        1,
        new AccountSpec(1, null, SourcePosition.NONE),
        OwnershipSpec.defaults(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        "",
        alerts);
  }

  private static AlertsSpec both() {
    AlertsSpec.Recipient r =
        new AlertsSpec.Recipient(AlertsSpec.RecipientType.EMAIL, "oncall@example.com", null);
    AlertsSpec.JobKey key = new AlertsSpec.JobKey("shop", "nightly");
    return new AlertsSpec(
        Map.of(
            r.text(),
            new AlertsSpec.NotificationSpec(
                r, Map.of("on_failure", Set.of(key)), SourcePosition.NONE)),
        Map.of(
            "pager",
            new AlertsSpec.WebhookSpec(
                "pager",
                "Pager",
                null,
                "https://x.example.com",
                List.of("job.run.errored"),
                List.of(key),
                true,
                SourcePosition.NONE)));
  }

  @Test
  void namesEveryNotificationAndActiveWebhookThatWatchesTheJob() {
    List<String> watchers = AlertWatchers.of(new Listings(), desired(both()), JOB, w -> {});

    assertThat(watchers)
        .containsExactly(
            "notification oncall@example.com: on_failure, on_cancel",
            "webhook \"Pager\" (wsu_1): job.run.errored",
            "webhook \"Audit\" (wsu_2): job.run.completed (every job)");
    assertThat(AlertWatchers.cases("dbt.verification.alerts", watchers))
        .extracting(TestReport.TestCase::name)
        .first()
        .isEqualTo("Alerted by notification oncall@example.com: on_failure, on_cancel");
  }

  @Test
  void readsNothingWhenTheFileDeclaresNoAlerts() {
    Listings api = new Listings();

    assertThat(AlertWatchers.of(api, desired(AlertsSpec.NONE), JOB, w -> {})).isEmpty();
    assertThat(api.requests).isZero();
  }

  @Test
  void warnsAndGoesOnWhenTheAlertsCannotBeListed() {
    Listings api = new Listings();
    api.fail = true;
    List<String> warnings = new ArrayList<>();

    assertThat(AlertWatchers.of(api, desired(both()), JOB, warnings::add)).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("Could not list the alerts that watch job 101");
  }
}
