package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void writesWireValuesExactlyAsJacksonsDatabindDid() {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("name", "Nightly \"build\" \\ naïve ✓ 🚀 \u0000\u001f\t\n\r\b\f\u2028 </script>");
    job.put("id", Long.MIN_VALUE);
    job.put("threads", 4);
    job.put("ratio", -0.0);
    job.put("huge", 1e300);
    job.put("nan", Double.NaN);
    job.put("exact", new BigDecimal("1.10"));
    job.put("wide", new BigInteger("123456789012345678901234567890"));
    job.put("on", true);
    job.put("none", null);
    job.put("empty", Map.of());
    job.put("nothing", List.of());
    job.put("Zebra", List.of(1L, "two", Map.of("b", 2L, "a", List.of(false))));
    job.put("ünïcode", "key sorted by UTF-16 unit");
    assertThat(Fingerprint.canonicalJson(job)).isEqualTo(Fingerprint.databindJson(job));
    Object frozen = WireMaps.freeze(job);
    assertThat(Fingerprint.canonicalJson(frozen)).isEqualTo(Fingerprint.databindJson(job));
  }

  @Test
  void sortsKeysAtEveryDepth() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", 2L);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("b", inner);
    outer.put("a", List.of(inner));
    assertThat(Fingerprint.canonicalJson(outer))
        .isEqualTo("{\"a\":[{\"a\":2,\"z\":1}],\"b\":{\"a\":2,\"z\":1}}");
  }

  @Test
  void leavesValuesThatAreNotPlainJsonToDatabind() {
    Map<Object, Object> odd = new HashMap<>();
    odd.put(2, DayOfWeek.MONDAY);
    odd.put(10, (short) 3);
    assertThat(Fingerprint.canonicalJson(odd)).isEqualTo("{\"2\":\"MONDAY\",\"10\":3}");
    assertThat(Fingerprint.canonicalJson(new TreeMap<>(Map.of("x", 1.5f))))
        .isEqualTo(Fingerprint.databindJson(Map.of("x", 1.5f)));
  }

  @Test
  void agreesWithDatabindOnRandomWireObjects() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      Object value = randomValue(random, 0);
      assertThat(Fingerprint.canonicalJson(value)).isEqualTo(Fingerprint.databindJson(value));
      assertThat(Fingerprint.canonicalHash(value))
          .isEqualTo(Fingerprint.sha256(Fingerprint.databindJson(value)));
    }
  }

  @Test
  void hashesTheCanonicalTextAndLeavesVolatileFieldsOut() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", "x");
    a.put("updated_at", "2021-11-18T15:19:03.185668+00:00");
    a.put("next_run", "soon");
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("next_run", "later");
    b.put("name", "x");
    b.put("updated_at", "2022-01-01T00:00:00+00:00");
    Fingerprint fa = Fingerprint.of(a);
    assertThat(fa.contentHash()).isEqualTo(Fingerprint.of(b).contentHash());
    // sha256sum of the bytes {"name":"x"}: saved plans compare these, so the text must not move
    assertThat(fa.contentHash())
        .isEqualTo("sha256:0229d37e33daae149bf40543a5ce1db4459d10f830d5139279aa2bfd5f6485a1");
    assertThat(fa.updatedAt()).hasToString("2021-11-18T15:19:03.185668Z");
  }

  @Test
  void hashesWhatTheCanonicalTextHashesWhateverTheValues() {
    Random random = new Random(3);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("updated_at", "2021-11-18T15:19:03.185668+00:00");
      map.put("next_run", randomText(random));
      for (int k = random.nextInt(6); k > 0; k--) {
        map.put(randomText(random), randomValue(random, 1));
      }
      objects.add(map);
    }
    Map<String, Object> notPlain = new LinkedHashMap<>();
    notPlain.put("day", DayOfWeek.MONDAY);
    notPlain.put("most_recent_run", 1L);
    objects.add(notPlain);
    objects.add(Map.of("nested", List.of(Map.of("odd", 1.5f))));
    objects.add(Map.of("lone", "half a pair \ud83d here"));
    objects.add(Map.of("pair", "whole \ud83d\ude80 pair"));
    for (Map<String, Object> object : objects) {
      Map<String, Object> content = new TreeMap<>(object);
      content.keySet().removeAll(Fingerprint.VOLATILE);
      String expected =
          "sha256:" + Fingerprint.sha256(Fingerprint.databindJson(new LinkedHashMap<>(content)));
      assertThat(Fingerprint.of(object).contentHash()).as(object.toString()).isEqualTo(expected);
    }
    // the fallback leaves nothing behind in the thread's digest
    assertThat(Fingerprint.of(Map.of("name", "x")).contentHash())
        .isEqualTo("sha256:0229d37e33daae149bf40543a5ce1db4459d10f830d5139279aa2bfd5f6485a1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFrozenMapHashesAsItsPlainCopyWithItsShapesKeysSortedOnce() {
    Random random = new Random(11);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("updated_at", "2021-11-18T15:19:03.185668+00:00");
      map.put("name", randomText(random));
      map.put("settings", Map.of("threads", random.nextInt(8), "target_name", randomText(random)));
      if (random.nextBoolean()) {
        map.put(randomText(random), randomValue(random, 1));
      }
      objects.add(map);
    }
    Map<String, Object> loneKey = new LinkedHashMap<>();
    loneKey.put("half \ud83d key", 1L);
    loneKey.put("name", "x");
    objects.add(loneKey);
    objects.add(new LinkedHashMap<>(loneKey));
    for (Map<String, Object> object : objects) {
      Map<String, Object> frozen = (Map<String, Object>) WireMaps.freeze(object);
      // most share a shape: all but the first of a shape read the keys it sorted once
      assertThat(Fingerprint.canonicalHash(frozen))
          .as(object.toString())
          .isEqualTo(Fingerprint.canonicalHash(object));
      assertThat(Fingerprint.contentHash(frozen))
          .as(object.toString())
          .isEqualTo(Fingerprint.contentHash(object));
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 7 : 9);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> random.nextInt();
      case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 5, 6 -> randomText(random);
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = random.nextInt(5); k > 0; k--) {
          map.put(randomText(random), randomValue(random, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomText(Random random) {
    char[] chars = new char[random.nextInt(8)];
    char[] pool = "aZ9 _-\"\\/\u0001\n\té✓\ud83d\ude80".toCharArray();
    for (int k = 0; k < chars.length; k++) {
      chars[k] = pool[random.nextInt(pool.length)];
    }
    // keep surrogate pairs whole
    String s = new String(chars).replaceAll("[\ud83d](?![\ude80])|(?<![\ud83d])[\ude80]", "x");
    return s + Arrays.hashCode(chars) % 3;
  }

  /** A wire object over a map, as the resource kinds are. */
  private record Wire(Map<String, Object> fields) implements WireObject {
    @Override
    public Long id() {
      return (Long) fields.get("id");
    }

    @Override
    public WireObject with(String path, Object value) {
      return new Wire(WireMaps.with(fields, path, value));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void hashesTakenOnManyThreadsAheadAreTheHashesOfTheContent() {
    Random random = new Random(43);
    List<Wire> read = new ArrayList<>();
    List<Map<String, Object>> plain = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", (long) i);
      fields.put("updated_at", "2021-11-18T15:19:03.185687+00:00");
      fields.put("name", randomText(random));
      fields.put("settings", randomValue(random, 2));
      plain.add(fields);
      read.add(new Wire((Map<String, Object>) WireMaps.freeze(fields)));
    }

    Fingerprint.prefetch(read);

    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).fingerprint()).isEqualTo(Fingerprint.of(plain.get(i)));
      // kept: asked again, the same text, not a new one
      assertThat(read.get(i).fingerprint().contentHash())
          .isSameAs(read.get(i).fingerprint().contentHash());
    }
  }
}
