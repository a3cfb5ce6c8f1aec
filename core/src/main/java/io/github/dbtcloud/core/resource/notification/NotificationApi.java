package io.github.dbtcloud.core.resource.notification;

import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v2 routes of job notifications and of the account's users (whom notifications name) on one
 * account.
 *
 * @param api the Admin API
 * @param accountId the account
 */
public record NotificationApi(WireApi api, long accountId) {

  /** The active notifications of the account. */
  public List<Notification> list() {
    List<Notification> out = new ArrayList<>();
    api.list(notifications(), Map.of()).forEach(n -> out.add(new Notification(n)));
    return out;
  }

  /** The account's users, as the v2 users listing answers them. */
  public List<Map<String, Object>> users() {
    return api.list("api/v2/accounts/" + accountId + "/users/", Map.of());
  }

  /** One notification. */
  public Notification get(long id) {
    return new Notification(api.get(notification(id), Map.of()));
  }

  /** Sent once: never retried, since a lost answer does not mean it was not created. */
  public Notification create(Notification n) {
    return new Notification(api.create(notifications(), n.body()));
  }

  /** Full-object update: a POST to the notification's own URL. */
  public Notification update(long id, Notification n) {
    return new Notification(api.update(notification(id), n.body()));
  }

  /** Deletes a notification. */
  public void delete(long id) {
    api.delete(notification(id));
  }

  private String notifications() {
    return "api/v2/accounts/" + accountId + "/notifications/";
  }

  private String notification(long id) {
    return notifications() + id + "/";
  }
}
