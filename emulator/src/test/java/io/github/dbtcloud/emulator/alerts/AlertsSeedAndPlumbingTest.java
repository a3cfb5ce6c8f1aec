package io.github.dbtcloud.emulator.alerts;

import static io.github.dbtcloud.emulator.alerts.AlertBodies.NOTIFICATIONS;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.SUBSCRIPTION;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.EmulatorHttp;
import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.FaultRule;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's {@code users:}, {@code notifications:} and {@code webhooks:} sections, and the
 * emulator's plumbing on the new routes: persistence, the journal, faults and strict trailing
 * slashes.
 */
class AlertsSeedAndPlumbingTest {

  private static final String SEED =
      AlertBodies.TWO_ACCOUNTS
          + """
          notifications:
            - {id: 9001, account_id: 1, user_id: 501, on_failure: [1000]}
            - {account_id: 1, user_id: 501, type: 4, external_email: oncall@example.com}
          webhooks:
            - id: wsu_seeded1
              account_id: 1
              name: Seeded
              client_url: https://hooks.example.com/seeded
              event_types: [job.run.completed]
              job_ids: [1000]
              hmac_secret: not-so-secret
          """;

  private static DbtCloudEmulator start(String seed) {
    return DbtCloudEmulator.builder().seedText(seed).start();
  }

  @Test
  void seedsNotificationsAndWebhooksThroughTheApisChecks() {
    try (DbtCloudEmulator emulator = start(SEED)) {
      EmulatorHttp http = new EmulatorHttp(emulator, "Token one");

      JsonNode notifications = http.get("/api/v2/accounts/1/notifications/").data();
      assertThat(notifications).hasSize(2);
      JsonNode first = notifications.get(0);
      assertThat(first.get("id").asLong()).isEqualTo(9001);
      assertThat(first.get("type").asInt()).as("type defaults to internal email").isEqualTo(1);
      assertThat(first.get("on_failure").get(0).asLong()).isEqualTo(1000);
      assertThat(first.get("on_success")).isEmpty();
      assertThat(notifications.get(1).get("external_email").asText())
          .isEqualTo("oncall@example.com");

      JsonNode webhook = http.get("/api/v3/accounts/1/webhooks/subscription/wsu_seeded1").data();
      assertThat(webhook.get("name").asText()).isEqualTo("Seeded");
      assertThat(webhook.get("active").asBoolean()).as("active defaults to true in seeds").isTrue();
      assertThat(webhook.has("hmac_secret")).isFalse();
      String stored =
          emulator
              .state()
              .read(s -> s.table(WebhooksApi.TABLE).all().get(0).get("hmac_secret").asText());
      assertThat(stored).isEqualTo("not-so-secret");
    }
  }

  @Test
  void refusesASeedNotificationAsTheApiWouldNamingTheEntry() {
    String seed =
        AlertBodies.TWO_ACCOUNTS
            + "notifications:\n  - {account_id: 1, user_id: 502, on_failure: [1000]}\n";

    assertThatThrownBy(() -> start(seed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed notifications[0] is refused as the API would refuse it")
        .hasMessageContaining("Invalid pk \\\"502\\\"")
        .hasMessageContaining("users come from 'users:'");
  }

  @Test
  void refusesASeedNotificationWithoutAnAccount() {
    assertThatThrownBy(
            () -> start(AlertBodies.TWO_ACCOUNTS + "notifications:\n  - {user_id: 501}\n"))
        .hasMessageContaining("seed notifications[0]: 'account_id' is required");
  }

  @Test
  void refusesASeedWebhookAsTheApiWouldNamingTheEntry() {
    String seed =
        AlertBodies.TWO_ACCOUNTS
            + "webhooks:\n  - {account_id: 1, name: X, client_url: https://x.example.com,"
            + " event_types: [job.run.started], job_ids: [2000]}\n";

    assertThatThrownBy(() -> start(seed))
        .hasMessageContaining("seed webhooks[0] is refused as the API would refuse it")
        .hasMessageContaining("Job 2000 is not a job of account 1");
  }

  @Test
  void refusesASeedWebhookWithABadOrRepeatedIdOrAnUnknownAccount() {
    String hook = " name: X, client_url: https://x.example.com, event_types: [job.run.started]}\n";

    assertThatThrownBy(
            () -> start(AlertBodies.TWO_ACCOUNTS + "webhooks:\n  - {id: 42, account_id: 1," + hook))
        .hasMessageContaining("seed webhooks[0]: id '42' is not a subscription id");
    assertThatThrownBy(
            () ->
                start(
                    AlertBodies.TWO_ACCOUNTS
                        + "webhooks:\n  - {id: 'hook-1', account_id: 1,"
                        + hook))
        .hasMessageContaining("seed webhooks[0]: id 'hook-1' is not a subscription id");
    assertThatThrownBy(
            () ->
                start(
                    AlertBodies.TWO_ACCOUNTS
                        + "webhooks:\n  - {id: wsu_a, account_id: 1,"
                        + hook
                        + "  - {id: wsu_a, account_id: 1,"
                        + hook))
        .hasMessageContaining("seed webhooks[1]: id wsu_a is declared twice");
    assertThatThrownBy(
            () -> start(AlertBodies.TWO_ACCOUNTS + "webhooks:\n  - {account_id: 3," + hook))
        .hasMessageContaining("seed webhooks[0]: account_id 3 is not in 'accounts:'");
  }

  @Test
  void refusesASeedUserWithoutAnAccountOrAnAddressOrTwice() {
    String accounts = "accounts: [{id: 1}]\nusers:\n";

    assertThatThrownBy(() -> start(accounts + "  - {email: a@example.com}\n"))
        .hasMessageContaining("seed users[0]: 'account_id' is required");
    assertThatThrownBy(() -> start(accounts + "  - {account_id: 2, email: a@example.com}\n"))
        .hasMessageContaining("seed users[0]: account_id 2 is not in 'accounts:'");
    assertThatThrownBy(() -> start(accounts + "  - {account_id: 1, email: ada}\n"))
        .hasMessageContaining("seed users[0]: 'email' must be an email address")
        .hasMessageContaining("'ada'");
    assertThatThrownBy(
            () ->
                start(
                    accounts
                        + "  - {id: 5, account_id: 1, email: a@example.com}\n"
                        + "  - {id: 5, account_id: 1, email: b@example.com}\n"))
        .hasMessageContaining("seed users[1]: user id 5 is declared twice");
  }

  @Test
  void theDemoAccountHasAUserToNotify() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().start()) {
      JsonNode users =
          EmulatorHttp.demo(emulator)
              .get("/api/v2/accounts/" + EmulatorHttp.ACCOUNT + "/users/")
              .data();

      assertThat(users).hasSize(1);
      assertThat(users.get(0).get("id").asLong()).isEqualTo(AlertBodies.DEMO_USER);
    }
  }

  @Test
  void notificationsAndWebhooksSurviveARestartButTheSecretIsStillNotAnswered(@TempDir Path dir) {
    Path state = dir.resolve("state.json");
    long notification;
    String webhook;
    try (DbtCloudEmulator first = DbtCloudEmulator.builder().stateFile(state).start()) {
      EmulatorHttp http = EmulatorHttp.demo(first);
      notification =
          http.post(NOTIFICATIONS, AlertBodies.notification(1).toString())
              .data()
              .get("id")
              .asLong();
      webhook =
          http.post(SUBSCRIPTIONS, AlertBodies.webhook("Kept").toString())
              .data()
              .get("id")
              .asText();
    }

    try (DbtCloudEmulator second = DbtCloudEmulator.builder().stateFile(state).start()) {
      EmulatorHttp http = EmulatorHttp.demo(second);
      assertThat(http.get(NOTIFICATIONS + notification + "/").status()).isEqualTo(200);
      JsonNode kept = http.get(SUBSCRIPTION + webhook).data();
      assertThat(kept.get("name").asText()).isEqualTo("Kept");
      assertThat(kept.has("hmac_secret")).isFalse();
      assertThat(http.get("/api/v2/accounts/" + EmulatorHttp.ACCOUNT + "/users/").data())
          .hasSize(1);
    }
  }

  @Test
  void journalsTheNewRoutesLikeAnyOther() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().journalResponses(true).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      http.post(SUBSCRIPTIONS, AlertBodies.webhook("Logged").toString());
      http.post(NOTIFICATIONS, AlertBodies.notification(1).toString());

      List<JournalEntry> journal = emulator.journal();

      assertThat(journal)
          .extracting(JournalEntry::path)
          .containsExactly(SUBSCRIPTIONS, NOTIFICATIONS);
      assertThat(journal.get(0).body()).contains("\"name\":\"Logged\"");
      assertThat(journal.get(0).status()).isEqualTo(201);
      assertThat(journal.get(0).responseBody()).contains("hmac_secret");
      assertThat(journal.get(1).isWrite()).isTrue();
    }
  }

  @Test
  void aCommittedThenFailedWebhookCreateLeavesTheSubscriptionBehind() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().start()) {
      emulator
          .faults()
          .add(
              FaultRule.on("POST", "/api/v3/accounts/*/webhooks/subscriptions")
                  .nth(1)
                  .then(Fault.commitThenFail()));
      EmulatorHttp http = EmulatorHttp.demo(emulator);

      EmulatorHttp.Answer failed = http.post(SUBSCRIPTIONS, AlertBodies.webhook("Once").toString());

      assertThat(failed.status()).isEqualTo(500);
      assertThat(http.get(SUBSCRIPTIONS).data()).hasSize(1);
      assertThat(emulator.journal().get(0).fault()).isEqualTo("commit_then_fail");
    }
  }

  @Test
  void aStrictEmulatorRedirectsV2NotificationPathsButNotTheSlashlessWebhookPaths() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().strictTrailingSlash(true).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);

      assertThat(http.get(NOTIFICATIONS.substring(0, NOTIFICATIONS.length() - 1)).status())
          .isEqualTo(301);
      assertThat(http.get(SUBSCRIPTIONS).status()).isEqualTo(200);
      assertThat(http.post(SUBSCRIPTIONS, AlertBodies.webhook("Strict").toString()).status())
          .isEqualTo(201);
    }
  }
}
