package io.github.dbtcloud.emulator.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.EmulatorHttp;
import io.github.dbtcloud.emulator.RunningEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one account (or a token scoped to some projects) may not see or use of another: users, jobs,
 * notifications and webhooks are "not found", and lists hold only the token's account.
 */
class AlertsAcrossAccountsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTIFICATIONS_1 = "/api/v2/accounts/1/notifications/";
  private static final String NOTIFICATIONS_2 = "/api/v2/accounts/2/notifications/";
  private static final String WEBHOOKS_1 = "/api/v3/accounts/1/webhooks/subscriptions";

  @RegisterExtension
  final RunningEmulator running = RunningEmulator.seeded(AlertBodies.TWO_ACCOUNTS);

  private EmulatorHttp as(String token) {
    return new EmulatorHttp(running.emulator(), "Token " + token);
  }

  private static ObjectNode notification(long account, long user, long job) {
    ObjectNode n = JSON.createObjectNode();
    n.put("account_id", account);
    n.put("user_id", user);
    n.putArray("on_cancel");
    n.putArray("on_failure").add(job);
    n.putArray("on_warning");
    n.putArray("on_success");
    n.put("state", 1);
    n.put("type", 1);
    return n;
  }

  @Test
  void listsOnlyTheUsersOfTheTokensAccountInV2AndV3() {
    for (String path : new String[] {"/api/v2/accounts/1/users/", "/api/v3/accounts/1/users/"}) {
      EmulatorHttp.Answer users = as("one").get(path);

      assertThat(users.status()).isEqualTo(200);
      assertThat(users.data()).hasSize(1);
      JsonNode ada = users.data().get(0);
      assertThat(ada.get("id").asLong()).isEqualTo(501);
      assertThat(ada.get("email").asText()).isEqualTo("ada@example.com");
      assertThat(ada.get("first_name").asText()).isEqualTo("Ada");
      assertThat(ada.at("/permissions/0/license_type").asText()).isEqualTo("developer");
      assertThat(users.body().at("/extra/pagination/total_count").asInt()).isEqualTo(1);
    }
    assertThat(as("one").get("/api/v2/accounts/2/users/").status()).isEqualTo(404);
  }

  @Test
  void refusesAUserAndAJobOfAnotherAccount() {
    EmulatorHttp.Answer answer =
        as("one").post(NOTIFICATIONS_1, notification(1, 502, 2000).toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("user_id").asText())
        .isEqualTo("Invalid pk \"502\" - object does not exist.");
    assertThat(answer.data().get("on_failure").asText())
        .isEqualTo("Invalid pk \"2000\" - object does not exist.");
    ObjectNode hook = AlertBodies.webhook("X", 2000);
    assertThat(as("one").post(WEBHOOKS_1, hook.toString()).data().get("job_ids").asText())
        .startsWith("Job 2000 is not a job of account 1");
  }

  @Test
  void aTokenScopedToSomeProjectsCannotUseJobsOfOthers() {
    EmulatorHttp.Answer answer =
        as("one-scoped").post(NOTIFICATIONS_1, notification(1, 501, 1000).toString());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("on_failure").asText())
        .isEqualTo("Invalid pk \"1000\" - object does not exist.");
  }

  @Test
  void anotherAccountsNotificationsAndWebhooksAreNotFound() {
    long notification =
        as("one")
            .post(NOTIFICATIONS_1, notification(1, 501, 1000).toString())
            .data()
            .get("id")
            .asLong();
    String webhook =
        as("one")
            .post(WEBHOOKS_1, AlertBodies.webhook("A", 1000).toString())
            .data()
            .get("id")
            .asText();

    assertThat(as("two").get(NOTIFICATIONS_1).status()).isEqualTo(404);
    assertThat(as("two").get(NOTIFICATIONS_2 + notification + "/").status()).isEqualTo(404);
    assertThat(as("two").get(NOTIFICATIONS_2).data()).isEmpty();
    assertThat(as("two").get("/api/v3/accounts/2/webhooks/subscription/" + webhook).status())
        .isEqualTo(404);
    assertThat(as("two").get("/api/v3/accounts/1/webhooks/subscription/" + webhook).status())
        .isEqualTo(404);
    assertThat(as("two").get("/api/v3/accounts/2/webhooks/subscriptions").data()).isEmpty();
    assertThat(as("one").get(WEBHOOKS_1).data()).hasSize(1);
  }
}
