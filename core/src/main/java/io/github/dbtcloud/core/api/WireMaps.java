package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON trees into plain, unmodifiable JDK values and back, with every integral number a
 * {@link Long} (ids are int64, docs/wire-format.md#ids) so that values compare equal however they
 * were parsed.
 */
public final class WireMaps {

  private WireMaps() {}

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      node.properties().forEach(e -> out.put(e.getKey(), toJava(e.getValue())));
      return Collections.unmodifiableMap(out);
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(n -> out.add(toJava(n)));
      return Collections.unmodifiableList(out);
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode node) {
    Object value = toJava(node);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** A deep, unmodifiable copy with integral numbers as Long. */
  @SuppressWarnings("unchecked")
  public static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(freeze(v)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }

  /** The value at a dotted path, or null. */
  public static Object get(Map<String, Object> fields, String path) {
    Object cur = fields;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }

  /**
   * A copy of {@code fields} with {@code value} at the dotted path, creating objects on the way.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> with(Map<String, Object> fields, String path, Object value) {
    int dot = path.indexOf('.');
    Map<String, Object> out = new LinkedHashMap<>(fields);
    if (dot < 0) {
      out.put(path, freeze(value));
    } else {
      String head = path.substring(0, dot);
      Object child = fields.get(head);
      Map<String, Object> childMap =
          child instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      out.put(head, with(childMap, path.substring(dot + 1), value));
    }
    return Collections.unmodifiableMap(out);
  }

  public static Long asLong(Object value) {
    return value instanceof Number n ? n.longValue() : null;
  }

  public static String asString(Object value) {
    return value instanceof String s ? s : null;
  }

  public static Boolean asBoolean(Object value) {
    return value instanceof Boolean b ? b : null;
  }
}
