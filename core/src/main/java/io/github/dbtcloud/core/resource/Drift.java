package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.Fingerprint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells, from a job marker's fingerprint, which differences were made in the file and which in dbt
 * Cloud by hand (like kubectl's last-applied configuration, in six hex digits).
 *
 * <p>The fingerprint hashes the compared form of every field the file managed at the last apply.
 * For each differing field, the last applied value was either today's file value (then dbt Cloud
 * changed: drift) or today's server value (then the file changed). The one assignment whose hash
 * matches the marker says which; with n differing fields that is at most 2^n hashes, and n is
 * small. When none matches (both sides changed one field, or the file started managing a new
 * field), the origin stays unknown rather than guessed.
 */
public final class Drift {

  /** Differing fields beyond which no attribution is tried (2^12 hashes). */
  public static final int MAX_FIELDS = 12;

  private Drift() {}

  /** The fingerprint of a set of compared field values. */
  public static String fingerprint(Map<String, Object> forms) {
    return Fingerprint.canonicalHash(forms).substring(0, 6);
  }

  /**
   * The fields with their origin set.
   *
   * @param desired the compared form of every managed field as the file wants it
   * @param remote the compared form of the same fields as dbt Cloud has them
   * @param marker the fingerprint in the remote marker, or null
   */
  public static List<FieldChange> attribute(
      List<FieldChange> fields,
      Map<String, Object> desired,
      Map<String, Object> remote,
      String marker) {
    if (marker == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
      return fields;
    }
    List<String> differing = fields.stream().map(FieldChange::path).toList();
    int n = differing.size();
    for (int mask = 0; mask < (1 << n); mask++) {
      // bit set: the last applied value is today's server value, so the file changed that field
      Map<String, Object> lastApplied = new LinkedHashMap<>(desired);
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          lastApplied.put(differing.get(i), remote.get(differing.get(i)));
        }
      }
      if (fingerprint(lastApplied).equals(marker)) {
        List<FieldChange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(
              fields
                  .get(i)
                  .withOrigin(
                      (mask & (1 << i)) != 0
                          ? FieldChange.Origin.FILE
                          : FieldChange.Origin.OUTSIDE));
        }
        return out;
      }
    }
    return fields;
  }
}
