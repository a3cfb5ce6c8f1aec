package io.github.dbtcloud.core.api;

import java.util.Map;
import java.util.Set;

/** A dbt Cloud object in wire form that the plugin manages: a job or an environment. */
public sealed interface WireObject permits Job, Environment {

  /** The object as the server sent it (or as it will be sent). */
  Map<String, Object> fields();

  /** The id, or null before creation. */
  Long id();

  /** Fields a plan never compares because the server owns them. */
  default Set<String> readOnlyFields() {
    return this instanceof Job ? Job.READ_ONLY : Environment.READ_ONLY;
  }
}
