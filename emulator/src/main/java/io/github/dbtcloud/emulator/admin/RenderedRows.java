package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.dbtcloud.emulator.http.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The JSON text of each stored row's plain view, written once per stored row rather than once per
 * answer. Listing a 10,000-job account is 100 pages of 100 jobs; copying and serialising every job
 * on every page was most of the emulator's CPU, and the emulator shares the machine with the client
 * it serves (in tests and benchmarks), where dbt Cloud's servers would not. A text is reused only
 * for the very row object it was written from: stored rows are never changed after they are put (a
 * write puts a new row), so the same object means the same answer. Thread-safe: reads of the state
 * run at once.
 */
final class RenderedRows {

  private record Rendered(ObjectNode row, JsonNode text) {}

  private final Map<Long, Rendered> byId = new ConcurrentHashMap<>();

  /**
   * The row shown through {@code view}, as a node that writes the text kept for this row object, or
   * a new text when the row was put since.
   */
  @SuppressWarnings("ReferenceEquality") // the same row object, not an equal one: see above
  JsonNode of(ObjectNode row, Function<ObjectNode, ? extends JsonNode> view) {
    long id = row.get("id").asLong();
    Rendered kept = byId.get(id);
    if (kept != null && kept.row() == row) {
      return kept.text();
    }
    JsonNode text = Json.MAPPER.getNodeFactory().rawValueNode(new RawValue(write(view.apply(row))));
    byId.put(id, new Rendered(row, text));
    return text;
  }

  private static String write(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a stored row", e);
    }
  }
}
