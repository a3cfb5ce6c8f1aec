package io.github.dbtcloud.core.api;

import java.time.Instant;
import java.util.Map;

/**
 * A dbt Cloud project as the v3 API returns it.
 *
 * @param fields the wire object
 */
public record Project(Map<String, Object> fields) {

  @SuppressWarnings("unchecked")
  public Project {
    fields = (Map<String, Object>) WireMaps.freeze(fields);
  }

  /** The project id. */
  public long id() {
    return WireMaps.asLong(fields.get("id"));
  }

  /** The project name. */
  public String name() {
    return WireMaps.asString(fields.get("name"));
  }

  /** When the server last changed the project; null when it sent no readable time. */
  public Instant updatedAt() {
    return WireTimes.instant(fields.get("updated_at"));
  }
}
