package io.github.dbtcloud.core.resource.notification;

import io.github.dbtcloud.core.api.WireMaps;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account's notifications and users as read, with each notification's recipient worked out
 * once.
 *
 * @param all the active notifications, ascending by id
 * @param emails the users' email addresses (lower case) by user id, ascending by id
 */
public record NotificationSnapshot(List<Notification> all, Map<Long, String> emails) {

  public NotificationSnapshot {
    all =
        all.stream()
            .sorted(java.util.Comparator.comparing(n -> n.id() == null ? 0L : n.id()))
            .toList();
    emails = Collections.unmodifiableMap(new TreeMap<>(emails));
  }

  /** From the listings. */
  public static NotificationSnapshot of(
      List<Notification> notifications, List<Map<String, Object>> users) {
    Map<Long, String> emails = new LinkedHashMap<>();
    for (Map<String, Object> u : users) {
      Long id = WireMaps.asLong(u.get("id"));
      String email = WireMaps.asString(u.get("email"));
      if (id != null && email != null) {
        emails.put(id, email.toLowerCase(Locale.ROOT));
      }
    }
    return new NotificationSnapshot(notifications, emails);
  }

  /**
   * The notification the plugin manages for a recipient: the oldest of those that go to it (any
   * other is left as it is), or null.
   */
  public Notification primary(String recipientKey) {
    return all.stream()
        .filter(n -> recipientKey.equals(n.recipientKey(emails)))
        .findFirst()
        .orElse(null);
  }

  /** The user with this email address, or null. */
  public Long userId(String email) {
    return emails.entrySet().stream()
        .filter(e -> e.getValue().equals(email.toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  /**
   * The user outside-email and Slack notifications are created for: dbt Cloud requires an existing
   * user on every notification, and the account's oldest user (the lowest id) is the one that is
   * always there; null when the listing has none.
   */
  public Long owner() {
    return emails.isEmpty() ? null : emails.keySet().iterator().next();
  }
}
