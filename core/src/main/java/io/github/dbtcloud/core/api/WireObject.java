package io.github.dbtcloud.core.api;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A dbt Cloud object in wire form that the plugin manages: a job, an environment, or an environment
 * variable.
 */
public sealed interface WireObject
    permits Job, Environment, EnvironmentVariable, JobEnvironmentVariable {

  /** The object as the server sent it (or as it will be sent). */
  Map<String, Object> fields();

  /** The id, or null before creation (or, for a project variable, which has one id per scope). */
  Long id();

  /** Fields a plan never compares because the server owns them. */
  Set<String> readOnlyFields();

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
