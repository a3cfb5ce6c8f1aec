package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The client's one ObjectMapper, for request bodies and the run and Semantic Layer clients. Apart
 * from {@link AdminClient} so that it is built the first time a goal writes, not when a plan reads:
 * answers are read with {@link JsonTrees}.
 */
final class Databind {

  /**
   * Unknown fields are ignored and unknown enum values read as their default, because dbt Cloud
   * adds fields and enum values without notice.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

  private Databind() {}
}
