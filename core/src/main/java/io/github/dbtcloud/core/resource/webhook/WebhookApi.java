package io.github.dbtcloud.core.resource.webhook;

import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v3 webhook subscription routes on one account (no trailing slash, as dbt Cloud spells them).
 *
 * @param api the Admin API
 * @param accountId the account
 */
public record WebhookApi(WireApi api, long accountId) {

  /** Every subscription of the account. */
  public List<Webhook> list() {
    List<Webhook> out = new ArrayList<>();
    api.list(base() + "subscriptions", Map.of()).forEach(w -> out.add(new Webhook(w)));
    return out;
  }

  /** One subscription. */
  public Webhook get(String id) {
    return new Webhook(api.get(one(id), Map.of()));
  }

  /**
   * Sent once. The answer carries the HMAC secret, which {@link Webhook} drops: it is never kept.
   */
  public Webhook create(Webhook w) {
    return new Webhook(api.create(base() + "subscriptions", w.body()));
  }

  /** Replaces every writable field (a PUT). */
  public Webhook update(String id, Webhook w) {
    return new Webhook(api.replace(one(id), w.body()));
  }

  /** Deletes a subscription. */
  public void delete(String id) {
    api.delete(one(id));
  }

  private String base() {
    return "api/v3/accounts/" + accountId + "/webhooks/";
  }

  private String one(String id) {
    return base() + "subscription/" + id;
  }
}
