package io.github.dbtcloud.emulator.alerts;

import static io.github.dbtcloud.emulator.alerts.AlertBodies.SUBSCRIPTION;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.SUBSCRIPTIONS;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.demoJob;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.EmulatorHttp;
import io.github.dbtcloud.emulator.MutableClock;
import io.github.dbtcloud.emulator.RunningEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhooksApiTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  private EmulatorHttp http() {
    return running.http();
  }

  private JsonNode create(ObjectNode body) {
    EmulatorHttp.Answer answer = http().post(SUBSCRIPTIONS, body.toString());
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(201);
    return answer.data();
  }

  private JsonNode refused(ObjectNode body) {
    EmulatorHttp.Answer answer = http().post(SUBSCRIPTIONS, body.toString());
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
    return answer.data();
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void createsAndAnswersTheDocumentedShapeWithTheSecretThisOnce() {
    long job = demoJob(http(), "Nightly");

    EmulatorHttp.Answer answer = http().post(SUBSCRIPTIONS, webhook("On-call", job).toString());

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body().get("status").toString()).isEqualTo("{\"code\":201}");
    JsonNode w = answer.data();
    assertThat(w.get("id").asText()).matches("wsu_[0-9A-Za-z]+");
    assertThat(w.get("account_identifier").asText()).isEqualTo("act_" + EmulatorHttp.ACCOUNT);
    assertThat(w.get("name").asText()).isEqualTo("On-call");
    assertThat(w.get("description").asText()).isEqualTo("Tell the on-call channel");
    assertThat(w.get("job_ids").get(0).isTextual()).as("64-bit ids as decimal strings").isTrue();
    assertThat(texts(w.get("job_ids"))).containsExactly(String.valueOf(job));
    assertThat(texts(w.get("event_types")))
        .as("sorted, not in the order sent")
        .containsExactly("job.run.completed", "job.run.errored");
    assertThat(w.get("client_url").asText()).isEqualTo("https://hooks.example.com/dbt");
    assertThat(w.get("hmac_secret").asText()).matches("[0-9a-f]{64}");
    assertThat(w.get("active").asBoolean()).isTrue();
    assertThat(w.get("created_at").asText()).matches("\\d{16}");
    assertThat(w.get("updated_at")).isEqualTo(w.get("created_at"));
    assertThat(w.get("account_id").asText()).isEqualTo(EmulatorHttp.ACCOUNT);
    assertThat(w.get("account_id").isTextual()).isTrue();
    assertThat(w.get("http_status_code").asText()).isEqualTo("0");
    assertThat(w.has("dispatched_at")).as("never dispatched").isFalse();

    String id = w.get("id").asText();
    JsonNode read = http().get(SUBSCRIPTION + id).data();
    assertThat(read.has("hmac_secret")).isFalse();
    ObjectNode withoutSecret = ((ObjectNode) w.deepCopy());
    withoutSecret.remove("hmac_secret");
    assertThat(read).isEqualTo(withoutSecret);
    assertThat(http().get(SUBSCRIPTIONS).data().get(0).has("hmac_secret")).isFalse();
    assertThat(
            http().put(SUBSCRIPTION + id, webhook("Renamed").toString()).data().has("hmac_secret"))
        .isFalse();
  }

  @Test
  void givesEachSubscriptionItsOwnIdAndSecret() {
    JsonNode first = create(webhook("A"));
    JsonNode second = create(webhook("B"));

    assertThat(first.get("id")).isNotEqualTo(second.get("id"));
    assertThat(first.get("hmac_secret")).isNotEqualTo(second.get("hmac_secret"));
  }

  @Test
  void firesForEveryJobWhenJobIdsAreEmptyOrLeftOut() {
    ObjectNode body = webhook("All jobs");
    body.remove("job_ids");

    assertThat(create(body).get("job_ids")).isEmpty();
    assertThat(create(webhook("All jobs too").putNull("job_ids")).get("job_ids")).isEmpty();
  }

  @Test
  void readsJobIdsSentAsDecimalStringsAsTheServiceDoes() {
    long job = demoJob(http(), "Nightly");
    ObjectNode body = webhook("Strings");
    body.putArray("job_ids").add(String.valueOf(job));

    assertThat(texts(create(body).get("job_ids"))).containsExactly(String.valueOf(job));
  }

  @Test
  void leavesItInactiveWhenActiveIsLeftOutAsTerraformSendsFalse() {
    ObjectNode body = webhook("Quiet");
    body.remove("active");

    assertThat(create(body).get("active").asBoolean()).isFalse();
  }

  @Test
  void listsTenAtATimeUnlessAskedAndEchoesOffsetAndLimit() {
    for (int i = 0; i < 12; i++) {
      create(webhook("Hook " + i));
    }

    EmulatorHttp.Answer first = http().get(SUBSCRIPTIONS);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("status").toString()).isEqualTo("{\"code\":200}");
    assertThat(first.data()).hasSize(10);
    assertThat(first.body().at("/extra/pagination/total_count").asInt()).isEqualTo(12);
    assertThat(first.body().at("/extra/pagination/count").asInt()).isEqualTo(10);
    assertThat(first.body().at("/extra/filters").toString())
        .isEqualTo("{\"offset\":0,\"limit\":10}");
    assertThat(first.data().get(0).get("name").asText()).isEqualTo("Hook 0");

    EmulatorHttp.Answer rest = http().get(SUBSCRIPTIONS + "?offset=10&limit=5");
    assertThat(rest.data()).hasSize(2);
    assertThat(rest.data().get(1).get("name").asText()).isEqualTo("Hook 11");
    assertThat(rest.body().at("/extra/filters").toString())
        .isEqualTo("{\"offset\":10,\"limit\":5}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "offset=-1"})
  void refusesAPageOutsideTheLimits(String query) {
    EmulatorHttp.Answer answer = http().get(SUBSCRIPTIONS + "?" + query);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().has(query.substring(0, query.indexOf('=')))).isTrue();
  }

  @Test
  void anUpdateReplacesTheFieldsKeepsTheIdAndMovesUpdatedAt() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().clock(clock).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      long job = demoJob(http, "Nightly");
      JsonNode created = http.post(SUBSCRIPTIONS, webhook("Before", job).toString()).data();
      String id = created.get("id").asText();
      clock.advance(Duration.ofSeconds(5));
      ObjectNode replacement = webhook("After");
      replacement.put("client_url", "http://127.0.0.1:9/hook");
      replacement.putArray("event_types").add("job.run.started");
      replacement.put("active", false);
      replacement.put("id", id);

      EmulatorHttp.Answer updated = http.put(SUBSCRIPTION + id, replacement.toString());

      assertThat(updated.status()).isEqualTo(200);
      assertThat(updated.body().get("status").toString()).isEqualTo("{\"code\":200}");
      JsonNode w = updated.data();
      assertThat(w.get("id").asText()).isEqualTo(id);
      assertThat(w.get("name").asText()).isEqualTo("After");
      assertThat(w.get("client_url").asText()).isEqualTo("http://127.0.0.1:9/hook");
      assertThat(texts(w.get("event_types"))).containsExactly("job.run.started");
      assertThat(w.get("job_ids")).isEmpty();
      assertThat(w.get("active").asBoolean()).isFalse();
      assertThat(w.get("created_at").asText()).isEqualTo("1772359200000000");
      assertThat(w.get("updated_at").asText()).isEqualTo("1772359205000000");
      assertThat(http.get(SUBSCRIPTION + id).data()).isEqualTo(w);
    }
  }

  @Test
  void deleteAnswersTheIdThenTheSubscriptionIsGone() {
    String id = create(webhook("Doomed")).get("id").asText();

    EmulatorHttp.Answer deleted = http().delete(SUBSCRIPTION + id);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body().toString())
        .isEqualTo(
            "{\"data\":{\"id\":\"" + id + "\"},\"status\":{\"code\":200,\"is_success\":true}}");
    assertThat(http().get(SUBSCRIPTION + id).status()).isEqualTo(404);
    assertThat(http().delete(SUBSCRIPTION + id).status()).isEqualTo(404);
    assertThat(http().get(SUBSCRIPTIONS).data()).isEmpty();
  }

  @Test
  void theTestEndpointAnswersTheIdOfTheTestEvent() {
    String id = create(webhook("Ping")).get("id").asText();

    EmulatorHttp.Answer tested = http().get(SUBSCRIPTION + id + "/test");

    assertThat(tested.status()).isEqualTo(200);
    assertThat(tested.data().get("event_id").asText()).matches("wev_[0-9A-Za-z]+");
    assertThat(http().get(SUBSCRIPTION + id).data().get("http_status_code").asText())
        .as("the emulator sends nothing, so nothing was received")
        .isEqualTo("0");
  }

  @Test
  void anUnknownSubscriptionIsNotFoundOnEveryRoute() {
    for (EmulatorHttp.Answer answer :
        List.of(
            http().get(SUBSCRIPTION + "wsu_nope"),
            http().put(SUBSCRIPTION + "wsu_nope", webhook("X").toString()),
            http().delete(SUBSCRIPTION + "wsu_nope"),
            http().get(SUBSCRIPTION + "wsu_nope/test"))) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.body().at("/status/user_message").asText())
          .startsWith("The requested resource was not found.");
    }
  }

  @Test
  void refusesAMissingBlankOrNonTextName() {
    ObjectNode missing = webhook("X");
    missing.remove("name");

    assertThat(refused(missing).get("name").asText()).isEqualTo("This field is required.");
    assertThat(refused(webhook(" ")).get("name").asText())
        .isEqualTo("This field may not be blank.");
    assertThat(refused(webhook("X").putNull("name")).get("name").asText())
        .isEqualTo("This field may not be null.");
    assertThat(refused(webhook("X").put("name", 3)).get("name").asText())
        .isEqualTo("Not a valid string.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"not a url", "hooks.example.com/dbt", "ftp://hooks.example.com/", "https://"})
  void refusesAClientUrlThatIsNotAnHttpAddress(String url) {
    assertThat(refused(webhook("X").put("client_url", url)).get("client_url").asText())
        .startsWith("Enter a valid URL")
        .contains(url);
  }

  @Test
  void refusesAMissingClientUrl() {
    ObjectNode body = webhook("X");
    body.remove("client_url");

    assertThat(refused(body).get("client_url").asText()).isEqualTo("This field is required.");
  }

  @Test
  void refusesNoEventTypesOrAnUnknownOne() {
    ObjectNode none = webhook("X");
    none.putArray("event_types");
    ObjectNode missing = webhook("X");
    missing.remove("event_types");
    ObjectNode unknown = webhook("X");
    unknown.putArray("event_types").add("job.run.finished");

    assertThat(refused(none).get("event_types").asText()).startsWith("Must not be empty");
    assertThat(refused(missing).get("event_types").asText()).startsWith("Must not be empty");
    assertThat(refused(unknown).get("event_types").asText())
        .isEqualTo(
            "\"job.run.finished\" is not a valid event type; use job.run.started,"
                + " job.run.completed, job.run.errored.");
    assertThat(
            refused(webhook("X").put("event_types", "job.run.started")).get("event_types").asText())
        .isEqualTo("Expected a list of items but got type \"str\".");
  }

  @Test
  void refusesJobIdsThatAreNotJobsOfTheAccount() {
    long job = demoJob(http(), "Doomed");
    http().delete(EmulatorHttp.JOBS + job + "/");

    assertThat(refused(webhook("X", job)).get("job_ids").asText())
        .isEqualTo(
            "Job "
                + job
                + " is not a job of account "
                + EmulatorHttp.ACCOUNT
                + "; leave job_ids empty to fire for every job.");
    ObjectNode words = webhook("X");
    words.putArray("job_ids").add("first");
    assertThat(refused(words).get("job_ids").asText())
        .isEqualTo("A valid integer is required, not \"first\".");
    assertThat(refused(webhook("X").put("job_ids", 5)).get("job_ids").asText())
        .isEqualTo("Expected a list of items but got type \"int\".");
  }

  @Test
  void refusesAnActiveFlagThatIsNotABooleanAndADescriptionThatIsNotText() {
    JsonNode errors = refused(webhook("X").put("active", "yes").put("description", 1));

    assertThat(errors.get("active").asText()).isEqualTo("Must be a valid boolean.");
    assertThat(errors.get("description").asText()).isEqualTo("Not a valid string.");
  }

  @Test
  void refusesABodyThatIsNotAnObjectAndAnUpdateThatBreaksTheRules() {
    EmulatorHttp.Answer array = http().post(SUBSCRIPTIONS, "[]");
    assertThat(array.status()).isEqualTo(400);
    assertThat(array.data().get("non_field_errors").asText())
        .isEqualTo("Invalid data. Expected a dictionary, but got array.");

    String id = create(webhook("Fine")).get("id").asText();
    EmulatorHttp.Answer update = http().put(SUBSCRIPTION + id, webhook("").toString());
    assertThat(update.status()).isEqualTo(400);
    assertThat(http().get(SUBSCRIPTION + id).data().get("name").asText())
        .as("a refused update changes nothing")
        .isEqualTo("Fine");
  }

  @Test
  void answersEveryRefusalOfOneBodyAtOnce() {
    ObjectNode body = webhook("").put("client_url", "nowhere");
    body.putArray("event_types");

    assertThat(refused(body).fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("name", "client_url", "event_types");
  }
}
