package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dbtcloud.core.config.AlertsSpec.JobKey;
import io.github.dbtcloud.core.config.AlertsSpec.NotificationSpec;
import io.github.dbtcloud.core.config.AlertsSpec.Recipient;
import io.github.dbtcloud.core.config.AlertsSpec.RecipientType;
import io.github.dbtcloud.core.config.AlertsSpec.WebhookSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file's alerts: jobs' notify blocks, the notifications and webhooks sections, their checks.
 */
class AlertsConfigTest {

  private static final String HEAD =
      """
      version: 1
      account: { id: 1 }
      projects:
        shop:
          id: 12
          environments: { prod: { name: Production } }
          jobs:
            nightly:
              environment: prod
              execute_steps: [dbt build]
              notify:
                on_failure: [OnCall@Example.com, "slack:#data-alerts/C0123ABC"]
            hourly: { environment: prod, execute_steps: [dbt run] }
      """;

  @TempDir Path dir;

  private DesiredState load(String yaml) throws IOException {
    return ConfigFixtures.loader().load(Files.writeString(dir.resolve("dbt-cloud.yml"), yaml));
  }

  private List<String> problems(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("dbt-cloud.yml"), yaml);
    InvalidDesiredStateException e =
        catchThrowableOfType(
            InvalidDesiredStateException.class, () -> ConfigFixtures.loader().load(file));
    return e == null ? List.of() : ConfigFixtures.lines(e.problems());
  }

  @Test
  void mergesTheJobsNotifyBlocksWithTheNotificationsSectionByRecipient() throws IOException {
    AlertsSpec alerts =
        load(HEAD
                + """
                notifications:
                  oncall@example.com:
                    on_failure: [hourly]
                    on_cancel: [shop/nightly]
                  "user:jane@example.com":
                    on_success: [nightly]
                """)
            .alerts();

    assertThat(alerts.notifications())
        .containsOnlyKeys(
            "oncall@example.com", "slack:#data-alerts/C0123ABC", "user:jane@example.com");
    NotificationSpec oncall = alerts.notifications().get("oncall@example.com");
    assertThat(oncall.recipient())
        .isEqualTo(new Recipient(RecipientType.EMAIL, "oncall@example.com", null));
    assertThat(oncall.jobs().get("on_failure"))
        .containsExactly(new JobKey("shop", "nightly"), new JobKey("shop", "hourly"));
    assertThat(oncall.jobs().get("on_cancel")).containsExactly(new JobKey("shop", "nightly"));
    assertThat(oncall.jobs().get("on_success")).isEmpty();
    assertThat(alerts.notifications().get("slack:#data-alerts/C0123ABC").recipient())
        .isEqualTo(new Recipient(RecipientType.SLACK, "#data-alerts", "C0123ABC"));
    assertThat(alerts.notifications().get("user:jane@example.com").recipient().type())
        .isEqualTo(RecipientType.USER);
  }

  @Test
  void readsWebhooksWithInterpolatedUrlsProjectWildcardsAndDefaults() throws IOException {
    AlertsSpec alerts =
        load(HEAD
                + """
                webhooks:
                  pager:
                    url: https://hooks.example.com/${env.THREADS}
                    events: [job.run.errored, job.run.completed]
                    jobs: [nightly, shop/*]
                """)
            .alerts();

    WebhookSpec pager = alerts.webhooks().get("pager");
    assertThat(pager.name()).isEqualTo("pager");
    assertThat(pager.url()).isEqualTo("https://hooks.example.com/6");
    assertThat(pager.events()).containsExactly("job.run.completed", "job.run.errored");
    assertThat(pager.jobs())
        .containsExactly(new JobKey("shop", "nightly"), new JobKey("shop", "*"));
    assertThat(pager.active()).isTrue();
  }

  @Test
  void aFileWithoutAlertsDeclaresNone() throws IOException {
    assertThat(
            load(HEAD.substring(0, HEAD.indexOf("      notify:"))
                    + "    hourly: { environment: prod, execute_steps: [dbt run] }\n")
                .alerts()
                .declared())
        .isFalse();
  }

  @Test
  void refusesAnUnknownEventAMalformedRecipientAnUnknownJobAndABadUrl() throws IOException {
    assertThat(
            problems(
                HEAD
                    + """
                notifications:
                  "not-an-address":
                    on_failure: [nightly]
                  oncall@example.com:
                    on_failur: [nightly]
                    on_success: [weekly, other/nightly]
                  "slack:data-alerts":
                    on_cancel: [nightly]
                webhooks:
                  pager:
                    url: hooks.example.com/dbt
                    events: [job.run.failed]
                    jobs: [weekly]
                """))
        .containsExactlyInAnyOrder(
            "15:3 notifications.not-an-address: 'not-an-address' is not a recipient; write an"
                + " email address (oncall@example.com), user:<email of an account user> or"
                + " slack:#<channel>/<channel id>",
            "18:5 notifications.oncall@example.com.on_failur: unknown key 'on_failur'; did you mean"
                + " 'on_failure'?",
            "20:3 notifications.slack:data-alerts: 'slack:data-alerts' is not a Slack channel;"
                + " write slack:#<channel name>/<channel id>, e.g. slack:#data-alerts/C0123ABC (the"
                + " id is in the channel's details in Slack)",
            "24:10 webhooks.pager.url: 'hooks.example.com/dbt' is not an absolute http(s) URL with"
                + " a host; write e.g. https://hooks.example.com/dbt (${env.NAME} for a secret"
                + " part)",
            "25:14 webhooks.pager.events[0]: 'job.run.failed' is not a webhook event; did you mean 'job.run.started'? use"
                + " job.run.started, job.run.completed, job.run.errored",
            "19:18 notifications.oncall@example.com.on_success[0]: job 'weekly' is not declared in"
                + " this file; declared: nightly, hourly (write <project>/<job> for a job of"
                + " another project)",
            "19:26 notifications.oncall@example.com.on_success[1]: project 'other' is not declared"
                + " in this file; declared: shop",
            "26:12 webhooks.pager.jobs[0]: job 'weekly' is not declared in this file; declared:"
                + " nightly, hourly (write <project>/<job> for a job of another project)");
  }

  @Test
  void refusesAMalformedRecipientInAJobsNotifyBlock() throws IOException {
    assertThat(problems(HEAD.replace("OnCall@Example.com", "user:jane")))
        .containsExactly(
            "12:24 projects.shop.jobs.nightly.notify.on_failure[0]: 'jane' is not an email"
                + " address; write user:<the user's email in dbt Cloud>");
  }
}
