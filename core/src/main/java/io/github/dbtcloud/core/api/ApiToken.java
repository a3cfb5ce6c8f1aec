package io.github.dbtcloud.core.api;

/**
 * A dbt Cloud API token. Its {@code toString} never shows the value, so it cannot leak through a
 * log line or an exception message by accident.
 *
 * @param value the token itself; read it only to build the Authorization header
 */
public record ApiToken(String value) {

  public ApiToken {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an API token cannot be empty");
    }
    value = value.strip();
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
