package io.github.dbtcloud.core.api;

/** Removes the token from any text before it reaches a log line or a message. */
final class Redactor {

  static final String MASK = "[redacted]";

  private final String secret;

  Redactor(ApiToken token) {
    this.secret = token == null ? null : token.value();
  }

  String redact(String text) {
    if (text == null || secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, MASK);
  }

  /** A header value fit for a log: credentials never shown, only their scheme. */
  static String header(String name, String value) {
    if (name.equalsIgnoreCase("Authorization")
        || name.equalsIgnoreCase("Proxy-Authorization")
        || name.equalsIgnoreCase("Cookie")
        || name.equalsIgnoreCase("Set-Cookie")) {
      int space = value.indexOf(' ');
      return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
    }
    return value;
  }
}
