package io.github.dbtcloud.core.api;

import java.time.Instant;
import java.util.Map;

/**
 * A dbt Cloud object in wire form that the plugin manages: the server's JSON object kept whole (an
 * update sends every field back, known to this plugin or not), with typed views over it. Each
 * resource kind has its own.
 */
public interface WireObject {

  /** The object as the server sent it (or as it will be sent). */
  Map<String, Object> fields();

  /** The id, or null before creation (or for an object with one id per scope). */
  Long id();

  /** This object with a value at a dotted wire path (an id known only at apply time, say). */
  WireObject with(String path, Object value);

  /** The fields as a plan may show them: secrets replaced by {@code (sensitive)}. */
  default Map<String, Object> shown() {
    return fields();
  }

  /** The value at a dotted wire path ({@code settings.threads}), or null. */
  default Object value(String path) {
    return WireMaps.get(fields(), path);
  }

  /** When the server last changed the object, or null when unknown. */
  default Instant updatedAt() {
    return WireTimes.instant(fields().get("updated_at"));
  }

  /** What the object looked like when read: {@code updated_at} plus a content hash. */
  default Fingerprint fingerprint() {
    return Fingerprint.of(fields());
  }
}
