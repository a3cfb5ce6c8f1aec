package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a remote object looked like when it was read: its {@code updated_at} and a hash of its
 * content. A saved plan keeps it per change, so apply can refuse to write over an object that
 * changed since the plan was made.
 *
 * @param updatedAt the server's {@code updated_at}, or null when it sent none
 * @param contentHash {@code sha256:<hex>} of the object's canonical JSON, minus fields that change
 *     on their own
 */
public record Fingerprint(Instant updatedAt, String contentHash) {

  /** Fields the server rewrites without anyone editing the object (next run, run counters). */
  static final Set<String> VOLATILE =
      Set.of(
          "updated_at",
          "next_run",
          "next_run_humanized",
          "most_recent_run",
          "most_recent_completed_run",
          "run_failure_count",
          "cron_humanized",
          "fusion_readiness");

  /**
   * Writes the plain values wire objects hold; Jackson's own generator, so the text is the one its
   * databind writer gives ({@link #databindJson}), without databind's per-call set-up: fingerprints
   * are taken of every object read, mostly in a JVM that has not compiled that code yet.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          // a character outside the BMP as one 4-byte sequence, as String.getBytes(UTF_8) has it
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  /** Whether a field is one the server rewrites by itself (left out of the content hash). */
  public static boolean isVolatile(String field) {
    return VOLATILE.contains(field);
  }

  /** The fingerprint of a wire object. */
  public static Fingerprint of(Map<String, Object> fields) {
    return new Fingerprint(WireTimes.instant(fields.get("updated_at")), contentHash(fields));
  }

  /**
   * {@code sha256:} and the hash of the canonical JSON of the fields other than the volatile ones.
   */
  static String contentHash(Map<String, Object> fields) {
    if (fields instanceof FrozenMap frozen) {
      return frozen.contentHash(Fingerprint::hashOfContent);
    }
    return hashOfContent(fields);
  }

  private static String hashOfContent(Map<String, Object> fields) {
    return "sha256:" + hash(fields, true);
  }

  /**
   * Takes the content hashes of many objects read, on every core at once, so that planning them one
   * by one finds each hash taken: a listing of 10,000 jobs is hashed in a quarter of a second by
   * one thread of a fresh JVM. Objects read are frozen and keep their hash; a few are left to be
   * hashed when asked.
   */
  public static void prefetch(Collection<? extends WireObject> objects) {
    if (objects.size() >= PREFETCHED_FROM) {
      objects.parallelStream().forEach(o -> contentHash(o.fields()));
    }
  }

  /** Below this many objects hashing them is quicker than handing them to other threads. */
  private static final int PREFETCHED_FROM = 1_000;

  /**
   * Lower-case hex SHA-256 of {@code canonicalJson(value).getBytes(UTF_8)}: the same bytes, written
   * straight into the digest without the text or the bytes in memory.
   */
  public static String canonicalHash(Object value) {
    return hash(value, false);
  }

  private static String hash(Object value, boolean skipVolatile) {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    try (JsonGenerator generator =
        JSON.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), digest))) {
      if (skipVolatile) {
        writeMap(generator, (Map<?, ?>) value, true);
      } else {
        write(generator, value);
      }
    } catch (NotPlain | IOException e) {
      // A value databind writes its own way, or a lone surrogate, which Jackson refuses as UTF-8
      // while getBytes replaces it: the text's way gives the hash it always gave.
      digest.reset();
      Object content = value;
      if (skipVolatile) {
        Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) value);
        copy.keySet().removeAll(VOLATILE);
        content = copy;
      }
      return sha256(canonicalJson(content));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A JSON text with map keys sorted, so equal content always gives the same text. */
  public static String canonicalJson(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      write(generator, value);
      generator.flush();
      return out.toString();
    } catch (NotPlain e) {
      return databindJson(value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string", e);
    }
  }

  /** The same text written by Jackson's databind: for values other than plain JSON ones. */
  static String databindJson(Object value) {
    try {
      return Canonical.WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire values are plain JSON values", e);
    }
  }

  /** Loaded only when a value is not plain, which wire objects and forms never are. */
  private static final class Canonical {
    static final ObjectWriter WRITER =
        Databind.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  }

  /**
   * A value {@link #write} does not write as databind would: only maps with text keys, lists, texts
   * (without a lone surrogate), the JDK's numbers, booleans and nulls are written here, all the way
   * down.
   */
  private static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super(null, null, false, false);
    }
  }

  private static void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      out.writeString(whole(s));
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Long l) {
      out.writeNumber(l);
    } else if (value instanceof Integer i) {
      out.writeNumber(i);
    } else if (value instanceof Double d) {
      out.writeNumber(d);
    } else if (value instanceof BigDecimal d) {
      out.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      out.writeNumber(i);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(out, map, false);
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object item : list) {
        write(out, item);
      }
      out.writeEndArray();
    } else {
      throw NotPlain.INSTANCE;
    }
  }

  /**
   * A map, keys sorted (databind's ORDER_MAP_ENTRIES_BY_KEYS); without the volatile ones if asked.
   */
  private static void writeMap(JsonGenerator out, Map<?, ?> map, boolean skipVolatile)
      throws IOException {
    String[] keys;
    if (map instanceof FrozenMap frozen) {
      // the objects of a listing share their keys: sorted once for all of them
      keys = frozen.keysIn(skipVolatile ? SORTED_CONTENT_KEYS : SORTED_KEYS);
    } else {
      keys = new String[map.size()];
      int i = 0;
      for (Object key : map.keySet()) {
        if (!(key instanceof String text)) {
          throw NotPlain.INSTANCE;
        }
        keys[i++] = text;
      }
      keys = sorted(keys, skipVolatile);
    }
    out.writeStartObject();
    for (String key : keys) {
      out.writeFieldName(key);
      write(out, map.get(key));
    }
    out.writeEndObject();
  }

  private static final Function<String[], String[]> SORTED_KEYS = keys -> sorted(keys, false);
  private static final Function<String[], String[]> SORTED_CONTENT_KEYS =
      keys -> sorted(keys, true);

  /** The keys checked whole, without the volatile ones if asked, in sorted order. */
  private static String[] sorted(String[] keys, boolean skipVolatile) {
    String[] out = new String[keys.length];
    int n = 0;
    for (String key : keys) {
      if (!skipVolatile || !VOLATILE.contains(key)) {
        out[n++] = whole(key);
      }
    }
    Arrays.sort(out, 0, n);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * The text, if every surrogate in it is half of a pair: a lone one is written by Jackson as UTF-8
   * bytes where {@code getBytes} writes {@code ?}, so such a text takes the text's way.
   */
  private static String whole(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw NotPlain.INSTANCE;
        }
      }
    }
    return s;
  }

  /** Lower-case hex SHA-256 of a text. */
  public static String sha256(String text) {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** One digest per thread: looking one up among the security providers costs more than a hash. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has SHA-256", e);
            }
          });
}
