package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WireMapsTest {

  private static JsonNode json(String text) throws Exception {
    return Databind.MAPPER.readTree(text);
  }

  @Test
  void keepsFieldOrderNullsAndLongsAndEqualsAPlainMap() throws Exception {
    Map<String, Object> map =
        WireMaps.toMap(json("{\"id\":7,\"name\":\"a\",\"cron\":null,\"steps\":[\"x\",null]}"));

    Map<String, Object> plain = new LinkedHashMap<>();
    plain.put("id", 7L);
    plain.put("name", "a");
    plain.put("cron", null);
    plain.put("steps", Arrays.asList("x", null));
    assertThat(map).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(plain).isEqualTo(map);
    assertThat(new ArrayList<>(map.keySet())).containsExactly("id", "name", "cron", "steps");
    assertThat(map).containsKey("cron").doesNotContainKey("missing");
    assertThat(map.get("missing")).isNull();
  }

  @Test
  void refusesChangesToAWireMapOrItsLists() throws Exception {
    Map<String, Object> map = WireMaps.toMap(json("{\"id\":7,\"steps\":[\"x\"]}"));

    assertThatThrownBy(() -> map.put("id", 8L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.keySet().remove("id"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.keySet().iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> steps = (List<Object>) map.get("steps");
    assertThatThrownBy(() -> steps.add("y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void findsEveryFieldOfAWideObject() throws Exception {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      text.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
    }
    Map<String, Object> map = WireMaps.toMap(json(text.append('}').toString()));

    for (int i = 0; i < 40; i++) {
      assertThat(map.get("f" + i)).isEqualTo((long) i);
    }
    assertThat(map).hasSize(40).doesNotContainKey("f40");
  }

  @Test
  void freezesOnceAndCopiesWhatIsNotFrozen() throws Exception {
    Map<String, Object> read = WireMaps.toMap(json("{\"settings\":{\"threads\":4}}"));
    Map<String, Object> mutable = new LinkedHashMap<>(Map.of("threads", 4));

    assertThat(WireMaps.freeze(read)).isSameAs(read);
    Object frozen = WireMaps.freeze(mutable);
    mutable.put("threads", 5);
    assertThat(frozen).isEqualTo(Map.of("threads", 4L));
  }

  @Test
  void setsADottedPathWithoutTouchingTheOriginal() throws Exception {
    Map<String, Object> read = WireMaps.toMap(json("{\"id\":1,\"settings\":{\"threads\":4}}"));

    Map<String, Object> changed = WireMaps.with(read, "settings.threads", 8);

    assertThat(WireMaps.get(changed, "settings.threads")).isEqualTo(8L);
    assertThat(WireMaps.get(read, "settings.threads")).isEqualTo(4L);
    assertThat(WireMaps.with(read, "schedule.cron", "0 5 * * *"))
        .containsEntry("schedule", Map.of("cron", "0 5 * * *"));
  }

  @Test
  void settingAFieldKeepsItsPlaceAndANewFieldGoesLastAsALinkedHashMapDoes() throws Exception {
    Map<String, Object> read =
        WireMaps.toMap(json("{\"id\":1,\"description\":\"a\",\"settings\":{\"threads\":4}}"));

    for (String path : List.of("id", "description", "settings", "settings.threads", "new", "a.b")) {
      Map<String, Object> expected = new LinkedHashMap<>(read);
      int dot = path.indexOf('.');
      if (dot < 0) {
        expected.put(path, 9L);
      } else {
        Map<String, Object> child = new LinkedHashMap<>();
        if (read.get(path.substring(0, dot)) instanceof Map<?, ?> m) {
          m.forEach((k, v) -> child.put((String) k, v));
        }
        child.put(path.substring(dot + 1), 9L);
        expected.put(path.substring(0, dot), child);
      }

      Map<String, Object> changed = WireMaps.with(read, path, 9);

      assertThat(changed).as(path).isEqualTo(expected);
      assertThat(new ArrayList<>(changed.keySet()))
          .as(path)
          .isEqualTo(new ArrayList<>(expected.keySet()));
      assertThat(WireMaps.freeze(changed)).as("frozen already: " + path).isSameAs(changed);
    }
    assertThat(read)
        .isEqualTo(
            WireMaps.toMap(json("{\"id\":1,\"description\":\"a\",\"settings\":{\"threads\":4}}")));
  }

  @Test
  void aDottedPathIsWalkedAsSplittingItOnDotsWalksIt() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("b", "deep");
    inner.put("", "empty key");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("a", inner);
    fields.put("", Map.of("b", "under empty"));
    fields.put("s", "text");
    String[] pieces = {"a", "b", "", "s", "x"};
    Random random = new Random(41);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder path = new StringBuilder();
      for (int k = random.nextInt(5); k > 0; k--) {
        path.append(pieces[random.nextInt(pieces.length)]);
        if (random.nextInt(4) > 0) {
          path.append('.');
        }
      }
      String p = path.toString();
      assertThat(WireMaps.get(fields, p)).as(p).isEqualTo(bySplitting(fields, p));
    }
  }

  private static Object bySplitting(Map<String, Object> fields, String path) {
    Object cur = fields;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }
}
