package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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

  private static final ObjectWriter CANONICAL =
      AdminClient.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** Whether a field is one the server rewrites by itself (left out of the content hash). */
  public static boolean isVolatile(String field) {
    return VOLATILE.contains(field);
  }

  /** The fingerprint of a wire object. */
  public static Fingerprint of(Map<String, Object> fields) {
    Map<String, Object> content = new LinkedHashMap<>(fields);
    content.keySet().removeAll(VOLATILE);
    return new Fingerprint(
        WireTimes.instant(fields.get("updated_at")), "sha256:" + sha256(canonicalJson(content)));
  }

  /** A JSON text with map keys sorted, so equal content always gives the same text. */
  public static String canonicalJson(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("wire values are plain JSON values", e);
    }
  }

  /** Lower-case hex SHA-256 of a text. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
