package io.github.dbtcloud.emulator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.SharedFixtures;
import io.github.dbtcloud.emulator.http.JournalEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract checker on the notification and webhook routes: it reads webhook answers as the docs
 * write them ({@link WebhookAnswers}) and stays strict on everything else.
 */
@NotContractChecked
class AlertsContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBSCRIPTIONS = "/api/v3/accounts/1/webhooks/subscriptions";
  private static final String SUBSCRIPTION = "/api/v3/accounts/1/webhooks/subscription/wsu_1";
  private static final String NOTIFICATION = "/api/v2/accounts/1/notifications/7/";

  private OpenApiContract contract;

  @BeforeEach
  void load() {
    SharedFixtures.dir();
    contract = OpenApiContract.shared().orElseThrow();
  }

  private static JournalEntry answer(String method, String path, int status, Object body) {
    return new JournalEntry(1, method, path, "", "", "Token", status, body.toString(), "");
  }

  /** A create answer in the docs' shape (https://docs.getdbt.com/docs/deploy/webhooks). */
  private static ObjectNode created() {
    ObjectNode data = JSON.createObjectNode();
    data.put("id", "wsu_1");
    data.put("account_identifier", "act_1");
    data.put("name", "On-call");
    data.put("description", "");
    data.putArray("job_ids").add("123").add("321");
    data.putArray("event_types").add("job.run.started");
    data.put("client_url", "https://hooks.example.com");
    data.put("hmac_secret", "abc123");
    data.put("active", true);
    data.put("created_at", "1675795644808877");
    data.put("updated_at", "1675795644808877");
    data.put("account_id", "1");
    data.put("http_status_code", "0");
    ObjectNode body = JSON.createObjectNode();
    body.set("data", data);
    body.putObject("status").put("code", 201);
    return body;
  }

  private static ObjectNode notification() {
    ObjectNode data = JSON.createObjectNode();
    data.put("id", 7);
    data.put("account_id", 1);
    data.put("user_id", 5);
    data.put("type", 4);
    data.put("external_email", "a@example.com");
    data.putNull("slack_channel_id");
    data.putNull("slack_channel_name");
    data.putArray("on_cancel");
    data.putArray("on_failure").add(3);
    data.putArray("on_success");
    data.putArray("on_warning");
    data.put("state", 1);
    data.put("created_at", "2026-03-01T10:00:00.000000+00:00");
    data.put("updated_at", "2026-03-01T10:00:00.000000+00:00");
    data.putObject("user").put("first_name", "Ada").put("last_name", "Lovelace");
    ObjectNode body = JSON.createObjectNode();
    body.putObject("status")
        .put("code", 200)
        .put("is_success", true)
        .put("user_message", "Success!")
        .put("developer_message", "");
    body.set("data", data);
    return body;
  }

  @Test
  void letsTheDocumentedCreateAnswerThroughAgainstTheSpecsDeclared201() {
    assertThat(contract.check(answer("POST", SUBSCRIPTIONS, 201, created()), "application/json"))
        .isEmpty();
  }

  @Test
  void catchesJobIdsAndAnAccountIdWrittenAsNumbers() {
    ObjectNode body = created();
    ((ObjectNode) body.get("data")).putArray("job_ids").add(123);
    ((ObjectNode) body.get("data")).put("account_id", 1);

    assertThat(contract.check(answer("POST", SUBSCRIPTIONS, 201, body), "application/json"))
        .anySatisfy(p -> assertThat(p).startsWith("job_ids items must be decimal strings"))
        .anySatisfy(p -> assertThat(p).startsWith("account_id must be a decimal string"));
  }

  @Test
  void catchesAFieldNeitherTheSpecNorTheDocsKnow() {
    ObjectNode body = created();
    ((ObjectNode) body.get("data")).put("signing_key", "x");

    assertThat(contract.check(answer("POST", SUBSCRIPTIONS, 201, body), "application/json"))
        .anySatisfy(p -> assertThat(p).contains("field 'signing_key'"));
  }

  @Test
  void checksTheDeleteAnswerAgainstItsOwnSchemaNotTheSubscriptions() {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put("id", "wsu_1");
    body.putObject("status").put("code", 200).put("is_success", true);
    ObjectNode wrong = body.deepCopy();
    ((ObjectNode) wrong.get("data")).put("id", 1);

    assertThat(contract.check(answer("DELETE", SUBSCRIPTION, 200, body), "application/json"))
        .isEmpty();
    assertThat(contract.check(answer("DELETE", SUBSCRIPTION, 200, wrong), "application/json"))
        .isNotEmpty();
  }

  @Test
  void checksATestAnswerAgainstTheSpecsEventId() {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").put("event_id", "wev_1");
    body.putObject("status").put("code", 200);
    ObjectNode docsForm = JSON.createObjectNode();
    docsForm.putObject("data").putNull("verification_error").put("verification_status_code", "200");
    docsForm.putObject("status").put("code", 200);

    assertThat(contract.check(answer("GET", SUBSCRIPTION + "/test", 200, body), "application/json"))
        .isEmpty();
    assertThat(
            contract.check(
                answer("GET", SUBSCRIPTION + "/test", 200, docsForm), "application/json"))
        .isNotEmpty();
  }

  @Test
  void holdsNotificationAnswersToTheSpecWithNullDestinationsAllowed() {
    ObjectNode wrongType = notification();
    ((ObjectNode) wrongType.get("data")).put("type", 9);

    assertThat(contract.check(answer("GET", NOTIFICATION, 200, notification()), "application/json"))
        .isEmpty();
    assertThat(contract.check(answer("GET", NOTIFICATION, 200, wrongType), "application/json"))
        .anySatisfy(p -> assertThat(p).contains("enum"));
  }
}
