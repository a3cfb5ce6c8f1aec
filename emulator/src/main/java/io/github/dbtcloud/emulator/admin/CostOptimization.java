package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the server rewrites {@code cost_optimization_features} (the Terraform provider's job client
 * warns that "the API may rewrite the set", e.g. collapse it to ["dbt_state"]). The emulator's
 * rule, stated so clients can be tested against it: unknown values are a 400; a set containing
 * {@code dbt_state} collapses to {@code ["dbt_state"]} (state-aware orchestration without Fusion
 * supersedes the Fusion-only features); otherwise the features are de-duplicated and listed in the
 * spec's order ({@code state_aware_orchestration}, {@code efficient_testing}); null or absent is
 * {@code []}.
 */
final class CostOptimization {

  /** The spec's valid values, in the spec's order. */
  static final List<String> FEATURES =
      List.of("state_aware_orchestration", "efficient_testing", "dbt_state");

  private CostOptimization() {}

  static ArrayNode normalise(JsonNode in) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (in.isMissingNode() || in.isNull()) {
      return out;
    }
    if (!in.isArray()) {
      throw ApiError.invalidField(
          "cost_optimization_features",
          "Expected a list of items but got type \""
              + in.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
              + "\".");
    }
    Set<String> asked = new LinkedHashSet<>();
    for (JsonNode f : in) {
      if (!f.isTextual() || !FEATURES.contains(f.asText())) {
        throw ApiError.invalidField(
            "cost_optimization_features", "\"" + f.asText() + "\" is not a valid choice.");
      }
      asked.add(f.asText());
    }
    if (asked.contains("dbt_state")) {
      out.add("dbt_state");
      return out;
    }
    for (String f : FEATURES) {
      if (asked.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }
}
