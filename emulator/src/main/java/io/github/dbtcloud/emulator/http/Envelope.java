package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** dbt Cloud's response envelope: {@code status}, {@code data} and, for lists, {@code extra}. */
public final class Envelope {

  private Envelope() {}

  /** A success envelope around one object (or null). */
  public static ObjectNode success(int code, JsonNode data) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("status", status(code, true, "Success!", ""));
    body.set("data", data == null ? NullNode.getInstance() : data);
    return body;
  }

  /**
   * A success envelope around one page of a list, with {@code extra.filters} echoing the filters
   * (including limit and offset, as recorded) and {@code extra.pagination}.
   */
  public static ObjectNode page(
      List<? extends JsonNode> items,
      Map<String, Object> filters,
      String orderBy,
      long totalCount) {
    ObjectNode body = success(200, Json.MAPPER.createArrayNode().addAll(List.copyOf(items)));
    ObjectNode extra = body.putObject("extra");
    extra.set("filters", Json.MAPPER.valueToTree(filters));
    extra.put("order_by", orderBy);
    ObjectNode pagination = extra.putObject("pagination");
    pagination.put("count", items.size());
    pagination.put("total_count", totalCount);
    return body;
  }

  /** An error envelope; {@code developerMessage} may be null (recorded on 401). */
  public static ObjectNode error(
      int code, String userMessage, String developerMessage, JsonNode data) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("status", status(code, false, userMessage, developerMessage));
    body.set("data", data == null ? NullNode.getInstance() : data);
    return body;
  }

  private static ObjectNode status(
      int code, boolean success, String userMessage, String developerMessage) {
    ObjectNode status = Json.MAPPER.createObjectNode();
    status.put("code", code);
    status.put("is_success", success);
    status.put("user_message", userMessage);
    if (developerMessage == null) {
      status.putNull("developer_message");
    } else {
      status.put("developer_message", developerMessage);
    }
    return status;
  }
}
