package io.github.dbtcloud.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies the emulator's tests send, complete as the Terraform provider and dbt-jobs-as-code
 * send them.
 */
public final class Bodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Bodies() {}

  /** A full job body in the demo project's Production environment. */
  public static ObjectNode job(String name) {
    ObjectNode j = JSON.createObjectNode();
    j.putNull("id");
    j.put("account_id", Long.parseLong(EmulatorHttp.ACCOUNT));
    j.put("project_id", Long.parseLong(EmulatorHttp.PROJECT));
    j.put("environment_id", EmulatorHttp.PRODUCTION);
    j.put("name", name);
    j.put("description", "");
    j.putArray("execute_steps").add("dbt build");
    j.putNull("dbt_version");
    ObjectNode triggers = j.putObject("triggers");
    triggers.put("github_webhook", false);
    triggers.put("schedule", false);
    triggers.put("git_provider_webhook", false);
    triggers.put("on_merge", false);
    ObjectNode settings = j.putObject("settings");
    settings.put("threads", 4);
    settings.put("target_name", "default");
    j.putObject("execution").put("timeout_seconds", 0);
    j.put("state", 1);
    j.put("generate_docs", false);
    j.put("run_generate_sources", false);
    j.put("run_compare_changes", false);
    j.put("run_lint", false);
    j.put("errors_on_lint_failure", true);
    return j;
  }

  /** A job body as JSON text. */
  public static String jobJson(String name) {
    return job(name).toString();
  }
}
