package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiError;
import io.github.dbtcloud.emulator.http.Json;
import java.util.List;
import java.util.Set;

/**
 * Checks a request body field by field against the JSON types the OpenAPI spec declares, collecting
 * every problem under the field's dotted path ({@code settings.threads}) so that one 400 names them
 * all, with the Django REST framework messages dbt Cloud answers ({@code "A valid integer is
 * required."}, {@code "This field may not be blank."}, ...). A value is never coerced: {@code "4"}
 * is not an integer and {@code "yes"} is not a boolean.
 */
final class FieldChecks {

  static final String REQUIRED = "This field is required.";
  static final String NOT_NULL = "This field may not be null.";
  static final String BLANK = "This field may not be blank.";
  static final String INTEGER = "A valid integer is required.";
  static final String BOOLEAN = "Must be a valid boolean.";
  static final String STRING = "Not a valid string.";

  private final ObjectNode errors = Json.MAPPER.createObjectNode();

  /** Whether a value is absent: missing or JSON null. */
  static boolean absent(JsonNode v) {
    return v == null || v.isMissingNode() || v.isNull();
  }

  /** Records a problem of {@code path}; the first one of a path wins. */
  void problem(String path, String message) {
    if (!errors.has(path)) {
      errors.put(path, message);
    }
  }

  /** Whether {@code path} already has a problem. */
  boolean failed(String path) {
    return errors.has(path);
  }

  /** Whether any problem was found. */
  boolean any() {
    return !errors.isEmpty();
  }

  /** Throws the 400 naming every problem found, if any. */
  void throwIfAny() {
    if (any()) {
      throw ApiError.invalid(errors.deepCopy());
    }
  }

  /** An integer or absent; {@code required} refuses absent and null. */
  void integer(JsonNode v, String path, boolean required) {
    if (absent(v)) {
      if (required) {
        problem(path, v == null || v.isMissingNode() ? REQUIRED : NOT_NULL);
      }
      return;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(path, INTEGER);
    }
  }

  /** An integer of at least {@code min}, or absent. */
  void integerAtLeast(JsonNode v, String path, boolean required, long min) {
    integer(v, path, required);
    if (!failed(path) && !absent(v) && v.asLong() < min) {
      problem(path, "Ensure this value is greater than or equal to " + min + ".");
    }
  }

  /** A boolean, or absent (null is "use the default"). */
  void bool(JsonNode v, String path) {
    if (!absent(v) && !v.isBoolean()) {
      problem(path, BOOLEAN);
    }
  }

  /** A string that is not blank, or absent when {@code required} is false. */
  void text(JsonNode v, String path, boolean required) {
    if (absent(v)) {
      if (required) {
        problem(path, v == null || v.isMissingNode() ? REQUIRED : NOT_NULL);
      }
      return;
    }
    if (!v.isTextual()) {
      problem(path, STRING);
    } else if (v.asText().isBlank()) {
      problem(path, BLANK);
    }
  }

  /** A string (possibly empty), or absent. */
  void textOrEmpty(JsonNode v, String path) {
    if (!absent(v) && !v.isTextual()) {
      problem(path, STRING);
    }
  }

  /** One of {@code choices}, or absent. */
  void choice(JsonNode v, String path, List<String> choices) {
    if (absent(v)) {
      return;
    }
    if (!v.isTextual()) {
      problem(path, STRING);
    } else if (!choices.contains(v.asText())) {
      problem(path, "\"" + v.asText() + "\" is not a valid choice.");
    }
  }

  /** An integer among {@code choices}, or absent. */
  void intChoice(JsonNode v, String path, Set<Integer> choices) {
    integer(v, path, false);
    if (!failed(path) && !absent(v) && !choices.contains(v.asInt())) {
      problem(path, "\"" + v.asText() + "\" is not a valid choice.");
    }
  }

  /** A JSON object, or absent; true when it is an object whose fields may be checked. */
  boolean object(JsonNode v, String path, boolean required) {
    if (absent(v)) {
      if (required) {
        problem(path, v == null || v.isMissingNode() ? REQUIRED : NOT_NULL);
      }
      return false;
    }
    if (!v.isObject()) {
      problem(path, "Invalid data. Expected a dictionary, but got " + typeName(v) + ".");
      return false;
    }
    return true;
  }

  /**
   * A list of non-blank strings, or absent; {@code nonEmpty} refuses an empty list. True when it is
   * a list.
   */
  boolean textList(JsonNode v, String path, boolean required, boolean nonEmpty) {
    if (absent(v)) {
      if (required) {
        problem(path, v == null || v.isMissingNode() ? REQUIRED : NOT_NULL);
      }
      return false;
    }
    if (!v.isArray()) {
      problem(path, "Expected a list of items but got type \"" + typeName(v) + "\".");
      return false;
    }
    if (nonEmpty && v.isEmpty()) {
      problem(path, "This list may not be empty.");
    }
    for (int i = 0; i < v.size(); i++) {
      text(v.get(i), path + "." + i, true);
    }
    return true;
  }

  /** A list of integers from {@code min} to {@code max}, not empty; true when it passed. */
  boolean intList(JsonNode v, String path, int min, int max) {
    if (absent(v)) {
      problem(path, v == null || v.isMissingNode() ? REQUIRED : NOT_NULL);
      return false;
    }
    if (!v.isArray()) {
      problem(path, "Expected a list of items but got type \"" + typeName(v) + "\".");
      return false;
    }
    if (v.isEmpty()) {
      problem(path, "This list may not be empty.");
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < v.size(); i++) {
      JsonNode n = v.get(i);
      String at = path + "." + i;
      integer(n, at, true);
      if (!failed(at) && (n.asInt() < min || n.asInt() > max)) {
        problem(at, "Ensure this value is between " + min + " and " + max + ".");
      }
      ok &= !failed(at);
    }
    return ok;
  }

  /** The Python type name Django REST framework puts in its messages. */
  static String typeName(JsonNode node) {
    if (node.isTextual()) {
      return "str";
    }
    if (node.isObject()) {
      return "dict";
    }
    if (node.isArray()) {
      return "list";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float";
    }
    return node.isNull() ? "NoneType" : "str";
  }
}
