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
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    for (String scheme : new String[] {"token", "bearer"}) {
      if (lower.startsWith(scheme)
          && value.length() > scheme.length()
          && Character.isWhitespace(value.charAt(scheme.length()))) {
        throw new IllegalArgumentException(
            "the API token starts with '"
                + value.substring(0, scheme.length())
                + " ': give the token alone (e.g. dbtc_...), without an authorization scheme;"
                + " the plugin adds the right one itself");
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "the API token has "
                + (c == '\n' || c == '\r'
                    ? "a line break"
                    : c == ' ' ? "a space" : "a control character")
                + " inside it (character "
                + (i + 1)
                + " of "
                + value.length()
                + "): a token is one word; copy it again from dbt Cloud (Account settings -> API"
                + " tokens) and paste it on one line");
      }
    }
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
