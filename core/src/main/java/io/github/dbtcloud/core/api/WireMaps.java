package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
      String[] keys = new String[node.size()];
      Object[] values = new Object[keys.length];
      int i = 0;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        keys[i] = e.getKey();
        values[i++] = toJava(e.getValue());
      }
      return FrozenMap.of(keys, values);
    }
    if (node.isArray()) {
      Object[] values = new Object[node.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = toJava(node.get(i));
      }
      return FrozenList.of(values);
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
    return shared(node.asText());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> toMap(JsonNode node) {
    Object value = toJava(node);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /**
   * A deep, unmodifiable copy with integral numbers as Long; a value frozen already is returned as
   * it is (the wire objects of a large listing are frozen once, not once per view).
   */
  public static Object freeze(Object value) {
    if (value instanceof FrozenMap || value instanceof FrozenList) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      String[] keys = new String[m.size()];
      Object[] values = new Object[keys.length];
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        keys[i] = String.valueOf(e.getKey());
        values[i++] = freeze(e.getValue());
      }
      return FrozenMap.of(keys, values);
    }
    if (value instanceof List<?> l) {
      Object[] values = new Object[l.size()];
      int i = 0;
      for (Object v : l) {
        values[i++] = freeze(v);
      }
      return FrozenList.of(values);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return value;
  }

  /** The value at a dotted path, or null. */
  public static Object get(Map<String, Object> fields, String path) {
    // as path.split("\\.") walks it (trailing dots dropped), without the array and the regex check:
    // read for every field of every object planned
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '.') {
      end--;
    }
    if (end == 0 && !path.isEmpty()) {
      return fields;
    }
    Object cur = fields;
    int from = 0;
    while (true) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      int dot = path.indexOf('.', from);
      if (dot < 0 || dot >= end) {
        return m.get(from == 0 && end == path.length() ? path : path.substring(from, end));
      }
      cur = m.get(path.substring(from, dot));
      from = dot + 1;
    }
  }

  /**
   * A copy of {@code fields} with {@code value} at the dotted path, creating objects on the way.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> with(Map<String, Object> fields, String path, Object value) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    Object placed;
    if (dot < 0) {
      placed = freeze(value);
    } else {
      Object child = fields.get(head);
      Map<String, Object> childMap =
          child instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      placed = with(childMap, path.substring(dot + 1), value);
    }
    // a field the map has already (a job's description, stamped on every job planned): its
    // values copied, its shape kept, rather than a LinkedHashMap frozen again
    if (fields instanceof FrozenMap frozen) {
      FrozenMap replaced = frozen.replacing(head, placed);
      if (replaced != null) {
        return replaced;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.put(head, placed);
    return (Map<String, Object>) freeze(out);
  }

  /** Short texts repeated across a listing (crons, steps, target names), kept once. */
  private static final int SHARED_MAX_LENGTH = 64;

  private static final int SHARED_MAX_COUNT = 8192;

  private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

  private static String shared(String text) {
    if (text.length() > SHARED_MAX_LENGTH) {
      return text;
    }
    String known = SHARED.get(text);
    if (known != null) {
      return known;
    }
    if (SHARED.size() >= SHARED_MAX_COUNT) {
      return text;
    }
    known = SHARED.putIfAbsent(text, text);
    return known == null ? text : known;
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
