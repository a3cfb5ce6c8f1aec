package io.github.dbtcloud.emulator.alerts;

import static io.github.dbtcloud.emulator.alerts.AlertBodies.DEMO_USER;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.NOTIFICATIONS;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.demoJob;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.externalEmail;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.notification;
import static io.github.dbtcloud.emulator.alerts.AlertBodies.slack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.EmulatorHttp;
import io.github.dbtcloud.emulator.RunningEmulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationsApiTest {

  @RegisterExtension final RunningEmulator running = RunningEmulator.demo();

  private EmulatorHttp http() {
    return running.http();
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asLong()));
    return out;
  }

  private JsonNode refused(ObjectNode body) {
    EmulatorHttp.Answer answer = http().post(NOTIFICATIONS, body.toString());
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    assertThat(answer.body().path("status").path("user_message").asText())
        .startsWith("The request was invalid.");
    return answer.data();
  }

  @Test
  void createsAnExternalEmailNotificationAndAnswersTheSpecShapeWithItsUser() {
    long job = demoJob(http(), "Nightly");

    EmulatorHttp.Answer created =
        http().post(NOTIFICATIONS, externalEmail("oncall@example.com", job).toString());

    assertThat(created.status()).isEqualTo(201);
    JsonNode n = created.data();
    assertThat(n.get("id").asLong()).isPositive();
    assertThat(n.get("account_id").asText()).isEqualTo(EmulatorHttp.ACCOUNT);
    assertThat(n.get("user_id").asLong()).isEqualTo(DEMO_USER);
    assertThat(n.get("type").asInt()).isEqualTo(4);
    assertThat(n.get("external_email").asText()).isEqualTo("oncall@example.com");
    assertThat(n.get("slack_channel_id").isNull()).isTrue();
    assertThat(ids(n.get("on_failure"))).containsExactly(job);
    assertThat(n.get("on_success")).isEmpty();
    assertThat(n.get("state").asInt()).isEqualTo(1);
    assertThat(n.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
    assertThat(n.get("user").get("first_name").asText()).isEqualTo("Demo");
    assertThat(n.get("user").get("last_name").asText()).isEqualTo("User");

    JsonNode read = http().get(NOTIFICATIONS + n.get("id").asLong() + "/").data();
    assertThat(read).isEqualTo(n);
  }

  @Test
  void createsAnInternalEmailAndASlackNotification() {
    long job = demoJob(http(), "Nightly");

    JsonNode email = http().post(NOTIFICATIONS, notification(1, job).toString()).data();
    JsonNode channel = http().post(NOTIFICATIONS, slack(job).toString()).data();
    JsonNode channelV2 = http().post(NOTIFICATIONS, slack(job).put("type", 5).toString()).data();

    assertThat(email.get("type").asInt()).isEqualTo(1);
    assertThat(email.get("external_email").isNull()).isTrue();
    assertThat(channel.get("slack_channel_id").asText()).isEqualTo("C0123");
    assertThat(channel.get("slack_channel_name").asText()).isEqualTo("#alerts");
    assertThat(channelV2.get("type").asInt()).isEqualTo(5);
  }

  @Test
  void answersJobListsAsSetsDeDuplicatedInAscendingOrder() {
    long first = demoJob(http(), "A");
    long second = demoJob(http(), "B");
    ObjectNode body = notification(1);
    body.putArray("on_success").add(second).add(first).add(second);

    JsonNode n = http().post(NOTIFICATIONS, body.toString()).data();

    assertThat(ids(n.get("on_success"))).containsExactly(first, second);
  }

  @Test
  void listsWithPagingAndEveryFilterOfTheSpec() {
    long job = demoJob(http(), "Nightly");
    long email =
        http().post(NOTIFICATIONS, notification(1, job).toString()).data().get("id").asLong();
    long external =
        http()
            .post(NOTIFICATIONS, externalEmail("a@example.com", job).toString())
            .data()
            .get("id")
            .asLong();
    long channel = http().post(NOTIFICATIONS, slack(job).toString()).data().get("id").asLong();
    http().delete(NOTIFICATIONS + email + "/");

    EmulatorHttp.Answer all = http().get(NOTIFICATIONS);
    assertThat(idsOf(all)).containsExactly(external, channel);
    assertThat(all.body().at("/extra/filters/account_id").asText()).isEqualTo(EmulatorHttp.ACCOUNT);
    assertThat(all.body().at("/extra/pagination/total_count").asInt()).isEqualTo(2);

    assertThat(idsOf(http().get(NOTIFICATIONS + "?type=4"))).containsExactly(external);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?external_email=a@example.com")))
        .containsExactly(external);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?slack_channel_id=C0123")))
        .containsExactly(channel);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?pk=" + channel))).containsExactly(channel);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?user_id=" + DEMO_USER)))
        .containsExactly(external, channel);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?user_id=1"))).isEmpty();
    assertThat(idsOf(http().get(NOTIFICATIONS + "?state=deleted"))).containsExactly(email);
    assertThat(idsOf(http().get(NOTIFICATIONS + "?state=all")))
        .containsExactly(email, external, channel);
    EmulatorHttp.Answer page = http().get(NOTIFICATIONS + "?limit=1&offset=1&order_by=-id");
    assertThat(idsOf(page)).containsExactly(external);
    assertThat(page.body().at("/extra/filters/limit").asInt()).isEqualTo(1);
    assertThat(page.body().at("/extra/pagination/count").asInt()).isEqualTo(1);
  }

  private static List<Long> idsOf(EmulatorHttp.Answer answer) {
    List<Long> out = new ArrayList<>();
    answer.data().forEach(n -> out.add(n.get("id").asLong()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"type=9", "type=email", "limit=101", "state=gone", "user_id=x"})
  void refusesAListFilterOutsideTheSpec(String query) {
    EmulatorHttp.Answer answer = http().get(NOTIFICATIONS + "?" + query);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().has(query.substring(0, query.indexOf('=')))).isTrue();
  }

  @Test
  void anUpdateReplacesTheWholeConfigurationAndKeepsTheCreationTime() {
    long first = demoJob(http(), "A");
    long second = demoJob(http(), "B");
    JsonNode created =
        http().post(NOTIFICATIONS, externalEmail("a@example.com", first).toString()).data();
    long id = created.get("id").asLong();
    ObjectNode replacement = slack();
    replacement.putArray("on_cancel").add(second);

    EmulatorHttp.Answer updated = http().post(NOTIFICATIONS + id + "/", replacement.toString());

    assertThat(updated.status()).isEqualTo(200);
    JsonNode n = updated.data();
    assertThat(n.get("id").asLong()).isEqualTo(id);
    assertThat(n.get("type").asInt()).isEqualTo(2);
    assertThat(n.get("external_email").isNull())
        .as("a full replace clears what is left out")
        .isTrue();
    assertThat(n.get("on_failure")).isEmpty();
    assertThat(ids(n.get("on_cancel"))).containsExactly(second);
    assertThat(n.get("created_at")).isEqualTo(created.get("created_at"));
  }

  @Test
  void anUpdateWithStateTwoDeletesItAsTerraformDeletes() {
    long id = http().post(NOTIFICATIONS, notification(1).toString()).data().get("id").asLong();

    EmulatorHttp.Answer deleted =
        http().post(NOTIFICATIONS + id + "/", notification(1).put("state", 2).toString());

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.data().get("state").asInt()).isEqualTo(2);
    assertThat(http().get(NOTIFICATIONS + id + "/").status()).isEqualTo(404);
  }

  @Test
  void deleteSoftDeletesAndAnswersTheObjectThenNotFound() {
    long id = http().post(NOTIFICATIONS, notification(1).toString()).data().get("id").asLong();

    EmulatorHttp.Answer deleted = http().delete(NOTIFICATIONS + id + "/");

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.data().get("state").asInt()).isEqualTo(2);
    assertThat(http().get(NOTIFICATIONS + id + "/").status()).isEqualTo(404);
    assertThat(http().delete(NOTIFICATIONS + id + "/").status()).isEqualTo(404);
    assertThat(http().post(NOTIFICATIONS + id + "/", notification(1).toString()).status())
        .isEqualTo(404);
  }

  @Test
  void deleteAnswersNoContentWhenTheEmulatorIsToldTo() {
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().deleteAnswersNoContent(true).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      long id = http.post(NOTIFICATIONS, notification(1).toString()).data().get("id").asLong();

      EmulatorHttp.Answer deleted = http.delete(NOTIFICATIONS + id + "/");

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isNull();
    }
  }

  @Test
  void refusesABodyWithoutTheKeysTheSpecRequiresNamingEachOne() {
    JsonNode errors = refused(new ObjectMapper().createObjectNode());

    assertThat(errors.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrderElementsOf(NotificationBody.REQUIRED);
    assertThat(errors.get("user_id").asText()).isEqualTo("This field is required.");
  }

  @Test
  void refusesNullForARequiredKey() {
    assertThat(refused(notification(1).putNull("on_success")).get("on_success").asText())
        .isEqualTo("This field may not be null.");
  }

  @Test
  void refusesABodyThatIsNotAnObject() {
    EmulatorHttp.Answer answer = http().post(NOTIFICATIONS, "[1]");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.data().get("non_field_errors").asText())
        .isEqualTo("Invalid data. Expected a dictionary, but got array.");
  }

  @Test
  void refusesAUserThatIsNotInTheAccount() {
    assertThat(refused(notification(1).put("user_id", 12345)).get("user_id").asText())
        .isEqualTo("Invalid pk \"12345\" - object does not exist.");
    assertThat(refused(notification(1).put("user_id", "me")).get("user_id").asText())
        .isEqualTo("Incorrect type. Expected pk value, received str.");
  }

  @Test
  void refusesAJobThatDoesNotExistOrWasDeleted() {
    long job = demoJob(http(), "Doomed");
    http().delete(EmulatorHttp.JOBS + job + "/");

    assertThat(refused(notification(1, job)).get("on_failure").asText())
        .isEqualTo("Invalid pk \"" + job + "\" - object does not exist.");
    assertThat(refused(notification(1, 42)).get("on_failure").asText())
        .isEqualTo("Invalid pk \"42\" - object does not exist.");
  }

  @Test
  void refusesAJobListThatIsNotAListOfIds() {
    assertThat(refused(notification(1).put("on_warning", "123")).get("on_warning").asText())
        .isEqualTo("Expected a list of items but got type \"str\".");
    ObjectNode body = notification(1);
    body.putArray("on_cancel").add("123");
    assertThat(refused(body).get("on_cancel").asText())
        .isEqualTo("Incorrect type. Expected pk value, received str.");
  }

  @Test
  void refusesAnExternalEmailNotificationWithoutAValidAddress() {
    assertThat(refused(notification(4)).get("external_email").asText())
        .isEqualTo("This field is required for an external email notification (type 4).");
    assertThat(refused(externalEmail("not-an-address")).get("external_email").asText())
        .isEqualTo("Enter a valid email address.");
    assertThat(refused(externalEmail("  ")).get("external_email").asText())
        .isEqualTo("This field may not be blank.");
    assertThat(refused(notification(4).put("external_email", 7)).get("external_email").asText())
        .isEqualTo("Not a valid string.");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5})
  void refusesASlackNotificationWithoutItsChannel(int type) {
    JsonNode errors = refused(notification(type));

    assertThat(errors.get("slack_channel_id").asText())
        .isEqualTo("This field is required for a Slack notification (type " + type + ").");
    assertThat(errors.get("slack_channel_name").asText())
        .isEqualTo("This field is required for a Slack notification (type " + type + ").");
  }

  @Test
  void refusesTheDeprecatedWebhookTypeAndTypesOutsideTheEnum() {
    assertThat(refused(notification(3)).get("type").asText())
        .startsWith("Notification type 3 (webhook) is deprecated; create a webhook subscription")
        .endsWith("/webhooks/subscriptions");
    assertThat(refused(notification(9)).get("type").asText())
        .isEqualTo("\"9\" is not a valid choice.");
  }

  @Test
  void refusesAStateOtherThanActiveOrDeleted() {
    assertThat(refused(notification(1).put("state", 3)).get("state").asText())
        .isEqualTo("\"3\" is not a valid choice.");
  }

  @Test
  void refusesAnAccountIdOtherThanThePathsNamingBoth() {
    assertThat(refused(notification(1).put("account_id", 5)).get("account_id").asText())
        .isEqualTo("Must be the account in the path (" + EmulatorHttp.ACCOUNT + "), not 5.");
  }

  @Test
  void answersEveryRefusalOfOneBodyAtOnce() {
    ObjectNode body = notification(4).put("user_id", 1).put("state", 7);

    JsonNode errors = refused(body);

    assertThat(errors.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("user_id", "state", "external_email");
  }

  @Test
  void anUnknownOrMalformedIdIsNotFound() {
    assertThat(http().get(NOTIFICATIONS + "123/").status()).isEqualTo(404);
    assertThat(http().get(NOTIFICATIONS + "abc/").status()).isEqualTo(404);
    assertThat(http().post(NOTIFICATIONS + "123/", notification(1).toString()).status())
        .isEqualTo(404);
    assertThat(http().delete(NOTIFICATIONS + "123/").status()).isEqualTo(404);
  }

  @Test
  void refusesARequestWithoutAToken() {
    EmulatorHttp anonymous = new EmulatorHttp(running.emulator(), null);

    assertThat(anonymous.get(NOTIFICATIONS).status()).isEqualTo(401);
    assertThat(anonymous.post(NOTIFICATIONS, notification(1).toString()).status()).isEqualTo(401);
  }
}
