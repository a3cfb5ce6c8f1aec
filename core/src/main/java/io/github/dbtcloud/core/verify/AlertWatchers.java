package io.github.dbtcloud.core.verify;

import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.AlertsSpec;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.report.TestReport;
import io.github.dbtcloud.core.resource.notification.Notification;
import io.github.dbtcloud.core.resource.notification.NotificationApi;
import io.github.dbtcloud.core.resource.notification.NotificationSnapshot;
import io.github.dbtcloud.core.resource.webhook.Webhook;
import io.github.dbtcloud.core.resource.webhook.WebhookApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which notifications and webhooks watch the verified job, so that a release knows who will be
 * alerted: read only when the file declares alerts (others pay no extra request), every one of the
 * account's, managed or not.
 */
final class AlertWatchers {

  private AlertWatchers() {}

  /**
   * One line per watcher ({@code notification oncall@example.com: on_failure}); empty when the file
   * declares no alerts. A listing that fails is warned about, never fails the verification.
   */
  static List<String> of(WireApi api, DesiredState desired, long jobId, Consumer<String> warn) {
    if (!desired.alerts().declared()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    long account = desired.account().id();
    try {
      if (!desired.alerts().notifications().isEmpty()) {
        NotificationApi notifications = new NotificationApi(api, account);
        NotificationSnapshot read =
            NotificationSnapshot.of(notifications.list(), notifications.users());
        for (Notification n : read.all()) {
          List<String> events =
              AlertsSpec.EVENTS.stream().filter(e -> n.jobs(e).contains(jobId)).toList();
          if (!events.isEmpty()) {
            out.add("notification " + n.describe(read.emails()) + ": " + String.join(", ", events));
          }
        }
      }
      if (!desired.alerts().webhooks().isEmpty()) {
        for (Webhook w : new WebhookApi(api, account).list()) {
          boolean every = w.jobIds().isEmpty();
          if (w.active() && (every || w.jobIds().contains(jobId))) {
            out.add(
                "webhook \""
                    + w.name()
                    + "\" ("
                    + w.subscriptionId()
                    + "): "
                    + String.join(", ", w.eventTypes())
                    + (every ? " (every job)" : ""));
          }
        }
      }
    } catch (DbtCloudException e) {
      warn.accept(
          "Could not list the alerts that watch job "
              + jobId
              + " ("
              + e.getMessage()
              + "); the verification goes on without them.");
    }
    return out;
  }

  /** The watchers as passed test cases of the JUnit report, one each, under {@code className}. */
  static List<TestReport.TestCase> cases(String className, List<String> watchers) {
    return watchers.stream()
        .map(
            w ->
                new TestReport.TestCase(
                    className, "Alerted by " + w, Duration.ZERO, new TestReport.Passed()))
        .toList();
  }
}
