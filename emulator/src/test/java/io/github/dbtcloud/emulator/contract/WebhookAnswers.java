package io.github.dbtcloud.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the v3 spec's {@code Subscription} schema and dbt Cloud's webhook answers differ, the
 * answers as https://docs.getdbt.com/docs/deploy/webhooks shows them win, and the contract check
 * reads them so:
 *
 * <ul>
 *   <li>the webhooks service writes 64-bit numbers as decimal strings (as the protobuf JSON mapping
 *       writes int64): {@code "account_id": "123"}, {@code "job_ids": ["123", "321"]} in every
 *       sample, and the Terraform provider reads {@code job_ids} into a list of strings ({@code
 *       pkg/dbt_cloud/webhook.go} of https://github.com/dbt-labs/terraform-provider-dbtcloud), so a
 *       number there would break it. The check requires the strings, then validates them as the
 *       numbers the spec names;
 *   <li>the create answer carries {@code hmac_secret} (the docs' create sample and response table),
 *       which the spec leaves out.
 * </ul>
 */
final class WebhookAnswers {

  /** Field names the docs show in webhook answers and neither the spec nor a recording has. */
  static final Set<String> DOCUMENTED_FIELDS = Set.of("hmac_secret");

  private static final Pattern SUBSCRIPTIONS =
      Pattern.compile("^/api/v3/accounts/\\d+/webhooks/subscription(s|/[^/]+)/?$");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookAnswers() {}

  /**
   * The body to validate against the spec: for a webhook subscription answer, with the decimal
   * strings turned into the numbers they stand for (and a problem for each 64-bit field not written
   * as a decimal string); any other body as it is.
   */
  static String asSpecified(String path, String body, List<String> problems) {
    if (!SUBSCRIPTIONS.matcher(path).matches() || body == null) {
      return body;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return body; // the checker reports a body that is not JSON on its own
    }
    JsonNode data = root.path("data");
    if (data.isArray()) {
      data.forEach(item -> numbers(item, problems));
    } else {
      numbers(data, problems);
    }
    return root.toString();
  }

  private static void numbers(JsonNode subscription, List<String> problems) {
    if (!(subscription instanceof ObjectNode object) || !object.has("client_url")) {
      return; // a delete or test answer holds no subscription
    }
    JsonNode account = object.get("account_id");
    if (account != null && !account.isNull()) {
      if (account.isTextual() && DECIMAL.matcher(account.asText()).matches()) {
        object.put("account_id", Long.parseLong(account.asText()));
      } else {
        problems.add(
            "account_id must be a decimal string as the webhook docs show, not " + account);
      }
    }
    JsonNode jobs = object.get("job_ids");
    if (jobs instanceof ArrayNode list) {
      for (int i = 0; i < list.size(); i++) {
        JsonNode id = list.get(i);
        if (id.isTextual() && DECIMAL.matcher(id.asText()).matches()) {
          list.set(i, JSON.getNodeFactory().numberNode(Long.parseLong(id.asText())));
        } else {
          problems.add(
              "job_ids items must be decimal strings as the webhook docs show (the Terraform"
                  + " provider reads strings), not "
                  + id);
        }
      }
    }
  }
}
