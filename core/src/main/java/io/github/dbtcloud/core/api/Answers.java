package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a 2xx answer before anything reads it: dbt Cloud's envelope saying success with the same
 * code as the HTTP status, and {@code data} of the shape the call expects (a list for a listing, an
 * object with its id for a read or a create). A proxy's or an incident's answer that says otherwise
 * is a {@link MalformedAnswerException} naming the call, never an empty listing (which would plan a
 * duplicate) nor a {@code NullPointerException}.
 */
final class Answers {

  /** What the call expects in {@code data}. */
  enum Shape {
    /** One page of a listing: a list of objects, each with its id. */
    PAGE,
    /** One object read by its URL: an object, with the id of its URL when the URL ends in one. */
    OBJECT,
    /** A create: some data; an object carries its id (bulk routes answer a list). */
    CREATED,
    /** An update: some data. */
    WRITTEN,
    /** A delete: anything, an empty body included (204). */
    DELETED,
    /** Some data, not null. */
    ANY,
    /** Not enveloped (a run artifact): any JSON. */
    RAW
  }

  private static final Pattern OWN_ID = Pattern.compile(".*/(\\d+)/?$");

  private Answers() {}

  /**
   * The whole answer (envelope and data) when it holds together.
   *
   * @throws MalformedAnswerException saying what came back instead
   */
  static JsonNode checked(
      int http, String method, String path, JsonNode body, Shape shape, Redactor redactor) {
    String problem = problem(http, path, body, shape);
    if (problem != null) {
      throw new MalformedAnswerException(http, method, path, redactor.redact(problem), null);
    }
    return body == null ? JsonNodeFactory.instance.objectNode() : body;
  }

  private static String problem(int http, String path, JsonNode body, Shape shape) {
    if (body instanceof AnswerBodies.Unusable u) {
      return u.what;
    }
    if (body == null) {
      return shape == Shape.DELETED
          ? null
          : "an empty body where dbt Cloud's envelope {status, data} was expected";
    }
    if (shape == Shape.RAW) {
      return null;
    }
    if (!body.isObject()) {
      return "a JSON " + kind(body) + " where dbt Cloud's envelope {status, data} was expected";
    }
    JsonNode status = body.get("status");
    if (status == null || !status.isObject()) {
      return "a JSON object without dbt Cloud's envelope 'status' (keys: "
          + AnswerBodies.shown(String.join(", ", iterable(body)))
          + ")";
    }
    JsonNode success = status.get("is_success");
    JsonNode code = status.get("code");
    // the v3 webhook answers carry status {code} alone (WebhookResponseStatus in the official v3
    // OpenAPI spec, https://docs.getdbt.com/dbt-cloud/api-v3): there, the code must say it
    if (success != null && (!success.isBoolean() || !success.asBoolean())) {
      return "an envelope that says the call failed (status.code "
          + (code == null ? "missing" : code.toString())
          + ", is_success "
          + (success == null ? "missing" : success.toString())
          + userMessage(status)
          + ") although the HTTP status is "
          + http
          + "; a proxy or a dbt Cloud incident answered instead of the API";
    }
    if (code == null || !code.isIntegralNumber() || code.asInt() != http) {
      return "an envelope whose status.code ("
          + (code == null ? "missing" : code.toString())
          + ") differs from the HTTP status "
          + http;
    }
    JsonNode data = body.get("data");
    return switch (shape) {
      case PAGE -> page(body, data);
      case OBJECT -> object(path, data);
      case CREATED -> created(path, data);
      case WRITTEN, ANY -> absent(data) ? "an envelope with no data" : null;
      case DELETED, RAW -> null;
    };
  }

  private static String page(JsonNode body, JsonNode data) {
    if (data == null || !data.isArray()) {
      return "a listing whose data is " + (data == null ? "missing" : kind(data)) + ", not a list";
    }
    if (data.size() > AdminClient.PAGE_SIZE) {
      return "a page of "
          + data.size()
          + " objects, more than the "
          + AdminClient.PAGE_SIZE
          + " asked for";
    }
    JsonNode count = body.path("extra").path("pagination").path("count");
    if (count.isIntegralNumber() && count.asInt() != data.size()) {
      return "a page that says it holds "
          + count.asInt()
          + " objects (extra.pagination.count) but holds "
          + data.size();
    }
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      if (!item.isObject() || !isId(item.path("id"))) {
        return "a listing whose item "
            + (i + 1)
            + " is "
            + (item.isObject() ? "an object without its id" : "a JSON " + kind(item));
      }
    }
    return null;
  }

  private static String object(String path, JsonNode data) {
    if (data == null || !data.isObject()) {
      return "data "
          + (data == null ? "missing" : "that is a JSON " + kind(data))
          + ", not an object";
    }
    Matcher own = OWN_ID.matcher(path);
    if (own.matches()) {
      JsonNode id = data.get("id");
      if (id == null || !isId(id)) {
        return "an object without its id";
      }
      if (!id.asText().equals(own.group(1))) {
        return "the object with id " + id.asText() + ", not the id " + own.group(1) + " asked for";
      }
    }
    return null;
  }

  private static String created(String path, JsonNode data) {
    if (absent(data)) {
      return "an envelope with no data where the created object was expected";
    }
    if (data.isObject() && !path.endsWith("bulk/") && !isId(data.path("id"))) {
      return "a created object without its id";
    }
    return null;
  }

  /** A number, or a non-blank text: webhook subscriptions' ids are strings ({@code wsu_...}). */
  private static boolean isId(JsonNode id) {
    return id.isIntegralNumber() || (id.isTextual() && !id.asText().isBlank());
  }

  private static boolean absent(JsonNode data) {
    return data == null || data.isNull() || data.isMissingNode();
  }

  private static String userMessage(JsonNode status) {
    String m = status.path("user_message").asText("");
    return m.isEmpty() ? "" : ", user_message '" + AnswerBodies.shown(m) + "'";
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "list";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Iterable<String> iterable(JsonNode body) {
    java.util.List<String> names = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
