package io.github.dbtcloud.emulator.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.Bodies;
import io.github.dbtcloud.emulator.EmulatorHttp;

/**
 * Paths and request bodies of the alert tests, complete as the Terraform provider sends them, plus
 * a two-account seed for the tests about what one account may not see of another.
 */
final class AlertBodies {

  static final long DEMO_USER = 70403103900050L;
  static final String NOTIFICATIONS =
      "/api/v2/accounts/" + EmulatorHttp.ACCOUNT + "/notifications/";
  static final String SUBSCRIPTIONS =
      "/api/v3/accounts/" + EmulatorHttp.ACCOUNT + "/webhooks/subscriptions";
  static final String SUBSCRIPTION =
      "/api/v3/accounts/" + EmulatorHttp.ACCOUNT + "/webhooks/subscription/";

  /** Account 1 (token {@code one}) and account 2 (token {@code two}), a user and a job each. */
  static final String TWO_ACCOUNTS =
      """
      accounts: [{id: 1}, {id: 2}]
      tokens:
        - {token: one, account_id: 1}
        - {token: two, account_id: 2}
        - {token: one-scoped, account_id: 1, project_ids: [11]}
      projects:
        - {id: 10, account_id: 1, name: A}
        - {id: 11, account_id: 1, name: A2}
        - {id: 20, account_id: 2, name: B}
      environments:
        - {id: 100, project_id: 10, name: Prod, type: deployment}
        - {id: 200, project_id: 20, name: Prod, type: deployment}
      jobs:
        - {id: 1000, project_id: 10, environment: Prod, name: Nightly A, execute_steps: [dbt build]}
        - {id: 2000, project_id: 20, environment: Prod, name: Nightly B, execute_steps: [dbt build]}
      users:
        - {id: 501, account_id: 1, email: ada@example.com, first_name: Ada, last_name: Lovelace}
        - {id: 502, account_id: 2, email: bob@example.com, first_name: Bob, last_name: B}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertBodies() {}

  /** A job in the demo account's Production environment; its id. */
  static long demoJob(EmulatorHttp http, String name) {
    return http.post(EmulatorHttp.JOBS, Bodies.jobJson(name)).data().get("id").asLong();
  }

  /**
   * A notification body as the Terraform provider sends it: every key, nulls for the destinations
   * the type does not use.
   */
  static ObjectNode notification(int type, long... onFailure) {
    ObjectNode n = JSON.createObjectNode();
    n.put("account_id", Long.parseLong(EmulatorHttp.ACCOUNT));
    n.put("user_id", DEMO_USER);
    n.putArray("on_cancel");
    var failure = n.putArray("on_failure");
    for (long id : onFailure) {
      failure.add(id);
    }
    n.putArray("on_warning");
    n.putArray("on_success");
    n.put("state", 1);
    n.put("type", type);
    n.putNull("external_email");
    n.putNull("slack_channel_id");
    n.putNull("slack_channel_name");
    return n;
  }

  /** An external email notification to {@code address}. */
  static ObjectNode externalEmail(String address, long... onFailure) {
    return notification(4, onFailure).put("external_email", address);
  }

  /** A Slack notification to channel {@code C0123} ({@code #alerts}). */
  static ObjectNode slack(long... onFailure) {
    return notification(2, onFailure)
        .put("slack_channel_id", "C0123")
        .put("slack_channel_name", "#alerts");
  }

  /** A webhook body as the Terraform provider sends it on create. */
  static ObjectNode webhook(String name, long... jobIds) {
    ObjectNode w = JSON.createObjectNode();
    w.put("id", "");
    w.put("name", name);
    w.put("description", "Tell the on-call channel");
    w.put("client_url", "https://hooks.example.com/dbt");
    w.putArray("event_types").add("job.run.errored").add("job.run.completed");
    var jobs = w.putArray("job_ids");
    for (long id : jobIds) {
      jobs.add(id);
    }
    w.put("active", true);
    return w;
  }
}
