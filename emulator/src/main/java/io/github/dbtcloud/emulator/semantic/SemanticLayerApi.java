package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.http.ApiResponse;
import io.github.dbtcloud.emulator.http.Json;
import io.github.dbtcloud.emulator.http.Router;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Semantic Layer GraphQL endpoint, {@code POST /api/graphql}
 * (https://docs.getdbt.com/docs/dbt-cloud-apis/sl-graphql): {@code Authorization: Bearer} matched
 * case-insensitively (the SDK sends {@code authorization: bearer ...}), the environment as the
 * {@code environmentId} argument, and every refusal in the standard {@code errors[]} envelope with
 * HTTP 200 ({@code "User is not authorized"} for a bad token: the SDK reads only that text, and
 * nobody has recorded the HTTP status of a refused token).
 */
public final class SemanticLayerApi {

  /** The path clients post to, on the Semantic Layer host. */
  public static final String PATH = "/api/graphql";

  private final EmulatorState state;
  private final Clock clock;
  // Built on the first query: parsing the schema loads about 700 classes (0.5 s of a goal's
  // start-up),
  // and most emulator sessions (every plan, most applies) never ask the Semantic Layer anything.
  private GraphQL graphql;

  public SemanticLayerApi(EmulatorState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  private synchronized GraphQL graphql() {
    if (graphql == null) {
      graphql = new SemanticLayerSchema(state, clock).build();
    }
    return graphql;
  }

  /** Adds the route. */
  public void register(Router router) {
    router.add("POST", PATH, this::execute);
  }

  private ApiResponse execute(ApiRequest request) {
    JsonNode body = request.body();
    if (!body.isObject() || !body.path("query").isTextual()) {
      return new ApiResponse(
          400, errors("The request body must be a JSON object with a \"query\" string."));
    }
    SemanticLayerSchema.Caller caller = caller(request.authorization());
    if (caller == null) {
      return ApiResponse.ok(errors(SemanticLayerError.NOT_AUTHORIZED));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    if (body.path("variables").isObject()) {
      variables =
          Json.MAPPER.convertValue(
              body.get("variables"),
              Json.MAPPER
                  .getTypeFactory()
                  .constructMapType(LinkedHashMap.class, String.class, Object.class));
    }
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(body.get("query").asText())
            .operationName(
                body.path("operationName").isTextual() ? body.get("operationName").asText() : null)
            .variables(variables)
            .graphQLContext(Map.of(SemanticLayerSchema.CALLER, caller))
            .build();
    ExecutionResult result = graphql().execute(input);
    return ApiResponse.ok(Json.MAPPER.valueToTree(result.toSpecification()));
  }

  /** Who a {@code Bearer} token (scheme in any case) is, or null for no or an unknown token. */
  private SemanticLayerSchema.Caller caller(String authorization) {
    if (authorization == null) {
      return null;
    }
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    return state.read(
        s ->
            s.accountOfToken(parts[1])
                .map(
                    account ->
                        new SemanticLayerSchema.Caller(
                            account, s.projectScopeOfToken(parts[1]).orElse(null)))
                .orElse(null));
  }

  private static ObjectNode errors(String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putNull("data");
    ArrayNode errors = body.putArray("errors");
    errors.addObject().put("message", message);
    return body;
  }
}
