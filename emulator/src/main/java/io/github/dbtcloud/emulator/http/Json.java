package io.github.dbtcloud.emulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The emulator's one ObjectMapper; it works on trees so that answers keep the recorded field order.
 */
public final class Json {

  /** Shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}
}
