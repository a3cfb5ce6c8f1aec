package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads a JSON text into Jackson's tree with the streaming parser alone: the nodes {@code
 * ObjectMapper.readTree} gives (the same node types, numbers typed the same way, a repeated key's
 * last value, the missing node for an empty text, nothing read after the first value), without an
 * {@link com.fasterxml.jackson.databind.ObjectMapper}. Building one loads some 400 classes, most of
 * what Jackson costs a plan in a fresh JVM, and a plan only reads trees; docs/architecture.md,
 * "Start-up".
 */
final class JsonTrees {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The tree of a UTF-8 JSON text. */
  static JsonNode read(byte[] json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return root(parser);
    }
  }

  /** The tree of a JSON text. */
  static JsonNode read(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return root(parser);
    }
  }

  private static JsonNode root(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    return first == null ? NODES.missingNode() : value(parser, first);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonEOFException(parser, null, "Unexpected end-of-input within a value");
    }
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT -> integral(parser);
      case VALUE_NUMBER_FLOAT -> fractional(parser);
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
      default -> throw new JsonParseException(parser, "Unexpected token " + token + " for a value");
    };
  }

  private static ObjectNode object(JsonParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      // as readTree: a repeated key keeps its first place and its last value
      object.replace(key, value(parser, parser.nextToken()));
    }
    return object;
  }

  private static ArrayNode array(JsonParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      array.add(value(parser, token));
    }
    return array;
  }

  private static JsonNode integral(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> NODES.numberNode(parser.getIntValue());
      case LONG -> NODES.numberNode(parser.getLongValue());
      default -> NODES.numberNode(parser.getBigIntegerValue());
    };
  }

  private static JsonNode fractional(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
      case FLOAT -> NODES.numberNode(parser.getFloatValue());
      default -> NODES.numberNode(parser.getDoubleValue());
    };
  }
}
