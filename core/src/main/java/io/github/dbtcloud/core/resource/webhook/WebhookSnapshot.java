package io.github.dbtcloud.core.resource.webhook;

import io.github.dbtcloud.core.identity.Marker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The account's webhook subscriptions, sorted once by marker.
 *
 * @param all every subscription
 * @param managed the file's subscriptions by key (the first of duplicates)
 * @param unmanaged subscriptions without a marker of this namespace
 * @param duplicates keys whose marker several subscriptions carry, with their ids
 */
public record WebhookSnapshot(
    List<Webhook> all,
    Map<String, Webhook> managed,
    List<Webhook> unmanaged,
    Map<String, List<String>> duplicates) {

  public WebhookSnapshot {
    all = List.copyOf(all);
    managed = Collections.unmodifiableMap(new LinkedHashMap<>(managed));
    unmanaged = List.copyOf(unmanaged);
    duplicates = Collections.unmodifiableMap(new LinkedHashMap<>(duplicates));
  }

  /** Sorts a listing by the markers of one namespace. */
  public static WebhookSnapshot of(List<Webhook> webhooks, String namespace) {
    Map<String, Webhook> managed = new LinkedHashMap<>();
    List<Webhook> unmanaged = new ArrayList<>();
    Map<String, List<String>> duplicates = new LinkedHashMap<>();
    for (Webhook w : webhooks) {
      Marker marker = w.marker().orElse(null);
      if (marker == null || !Objects.equals(marker.namespace(), namespace)) {
        unmanaged.add(w);
        continue;
      }
      Webhook first = managed.putIfAbsent(marker.key(), w);
      if (first != null) {
        duplicates
            .computeIfAbsent(marker.key(), k -> new ArrayList<>(List.of(first.subscriptionId())))
            .add(w.subscriptionId());
      }
    }
    return new WebhookSnapshot(webhooks, managed, unmanaged, duplicates);
  }
}
