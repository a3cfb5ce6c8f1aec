package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.core.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The client's tree reader gives what databind's {@code readTree} gives, node types included. */
class JsonTreesTest {

  private static final String[] NUMBERS = {
    "0",
    "-0",
    "7",
    "-7",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "0.0",
    "-0.0",
    "1.5",
    "1e3",
    "1E-3",
    "-2.5e+10",
    "1e400",
    "-1e400",
    "1e-400",
    "0.1000000000000000055511151231257827",
    "3.141592653589793238462643"
  };

  @Test
  void readsRandomDocumentsAsReadTreeDoes() throws IOException {
    Random random = new Random(11);
    for (int i = 0; i < 3_000; i++) {
      String json = randomJson(random, 0);
      assertSameTree(JsonTrees.read(json.getBytes(StandardCharsets.UTF_8)), readTree(json), json);
      assertSameTree(JsonTrees.read(json), readTree(json), json);
    }
  }

  @Test
  void aRepeatedKeyKeepsItsFirstPlaceAndItsLastValueAsReadTreeDoes() throws IOException {
    String json = "{\"a\":1,\"b\":2,\"a\":{\"c\":3}}";

    JsonNode tree = JsonTrees.read(json);

    assertSameTree(tree, readTree(json), json);
    assertThat(tree.fieldNames()).toIterable().containsExactly("a", "b");
    assertThat(tree.path("a").path("c").asInt()).isEqualTo(3);
  }

  @Test
  void anEmptyOrBlankTextIsTheMissingNodeAsReadTreeGives() throws IOException {
    for (String blank : List.of("", " ", "\n\t ")) {
      assertThat(JsonTrees.read(blank).isMissingNode()).isTrue();
      assertSameTree(JsonTrees.read(blank), readTree(blank), blank);
    }
  }

  @Test
  void whatFollowsTheFirstValueIsNotReadAsReadTreeDoesNotReadIt() throws IOException {
    for (String json : List.of("{} x", "[1] [2]", "{\"a\":1}}", "null null", "\"s\" <html>")) {
      assertSameTree(JsonTrees.read(json), readTree(json), json);
    }
  }

  @Test
  void everyTruncationOfADocumentFailsAsReadTreeFails() {
    String json =
        "{\"data\":[{\"id\":1,\"name\":\"n\\u00e9\",\"on\":true,\"x\":-1.5e3,\"l\":[null,{}]}],"
            + "\"extra\":{\"pagination\":{\"count\":1}}}";
    for (int end = 1; end < json.length(); end++) {
      String cut = json.substring(0, end);
      Throwable ours = catchThrowable(() -> JsonTrees.read(cut.getBytes(StandardCharsets.UTF_8)));
      Throwable theirs =
          catchThrowable(() -> Databind.MAPPER.readTree(cut.getBytes(StandardCharsets.UTF_8)));

      // the same exception and words: AnswerBodies tells a truncated body by them
      assertThat(ours).as(cut).isNotNull().hasSameClassAs(theirs).hasMessage(theirs.getMessage());
    }
  }

  @Test
  void damagedDocumentsFailOrReadAsReadTreeDoes() throws IOException {
    Random random = new Random(5);
    String damage = "{}[]:,\"\\ x0-.eE\u0000";
    for (int i = 0; i < 3_000; i++) {
      StringBuilder json = new StringBuilder(randomJson(random, 0));
      for (int k = 1 + random.nextInt(2); k > 0 && json.length() > 0; k--) {
        json.setCharAt(
            random.nextInt(json.length()), damage.charAt(random.nextInt(damage.length())));
      }
      String text = json.toString();
      Throwable theirs = catchThrowable(() -> readTree(text));
      if (theirs == null) {
        assertSameTree(JsonTrees.read(text), readTree(text), text);
      } else {
        assertThat(catchThrowable(() -> JsonTrees.read(text)))
            .as(text)
            .isInstanceOf(IOException.class)
            .hasSameClassAs(theirs)
            .hasMessage(theirs.getMessage());
      }
    }
  }

  @Test
  void everyRecordedDbtCloudAnswerReadsAsReadTreeReadsIt() throws IOException {
    Path dir = SharedFixtures.recorded("").normalize();
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      assertSameTree(
          JsonTrees.read(bytes), Databind.MAPPER.readTree(bytes), file.getFileName().toString());
    }
  }

  private static JsonNode readTree(String json) throws IOException {
    return Databind.MAPPER.readTree(json);
  }

  /** Equal, and equal node by node in class too: {@code IntNode(1)} is not {@code LongNode(1)}. */
  private static void assertSameTree(JsonNode ours, JsonNode theirs, String json) {
    assertThat(ours).as(json).isEqualTo(theirs);
    assertThat(ours.getClass()).as(json).isEqualTo(theirs.getClass());
    if (ours.isContainerNode()) {
      Iterator<Map.Entry<String, JsonNode>> theirFields = theirs.fields();
      if (ours.isObject()) {
        for (Map.Entry<String, JsonNode> field : ours.properties()) {
          Map.Entry<String, JsonNode> their = theirFields.next();
          assertThat(field.getKey()).as(json).isEqualTo(their.getKey());
          assertSameTree(field.getValue(), their.getValue(), json);
        }
      } else {
        for (int i = 0; i < ours.size(); i++) {
          assertSameTree(ours.get(i), theirs.get(i), json);
        }
      }
    }
  }

  private static String randomJson(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    String space = random.nextInt(5) == 0 ? " \n" : "";
    return space
        + switch (kind) {
          case 0 -> "null";
          case 1 -> random.nextBoolean() ? "true" : "false";
          case 2, 3 -> NUMBERS[random.nextInt(NUMBERS.length)];
          case 4 -> Long.toString(random.nextLong() >> random.nextInt(64));
          case 5 -> quoted(random);
          case 6 -> {
            List<String> items = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
              items.add(randomJson(random, depth + 1));
            }
            yield "[" + String.join(",", items) + "]";
          }
          default -> {
            List<String> fields = new ArrayList<>();
            for (int k = random.nextInt(5); k > 0; k--) {
              // few keys, so that some repeat
              fields.add("\"k" + random.nextInt(4) + "\":" + randomJson(random, depth + 1));
            }
            yield "{" + String.join(",", fields) + "}";
          }
        }
        + space;
  }

  private static String quoted(Random random) {
    String[] pieces = {"a", "Z9", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "✓", "\ud83d\ude80"};
    StringBuilder s = new StringBuilder("\"");
    for (int k = random.nextInt(6); k > 0; k--) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.append('"').toString();
  }
}
