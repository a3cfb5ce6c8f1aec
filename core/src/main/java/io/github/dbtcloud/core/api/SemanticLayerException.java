package io.github.dbtcloud.core.api;

import java.util.List;

/**
 * The Semantic Layer refused a GraphQL operation or could not be reached. GraphQL refusals come
 * with HTTP 200 and the server's messages in {@code errors[]} (docs/wire-format.md#semantic-layer);
 * {@link #messages()} holds them as sent, {@link #notAuthorized()} tells the token problem apart
 * from a metric problem.
 */
public class SemanticLayerException extends DbtCloudApiException {

  private static final long serialVersionUID = 1L;

  /** The text the service answers a token it does not accept with (F15). */
  public static final String NOT_AUTHORIZED = "User is not authorized";

  private final String url;
  private final long environmentId;
  private final String operation;
  private final List<String> messages;

  /**
   * @param status the HTTP status, 0 when no answer came
   * @param url the GraphQL endpoint
   * @param environmentId the environment the operation was about
   * @param operation the operation name, e.g. {@code compileSql}
   * @param messages the server's {@code errors[*].message}, or the transport failure's text
   * @param cause the transport failure, or null
   */
  public SemanticLayerException(
      int status,
      String url,
      long environmentId,
      String operation,
      List<String> messages,
      Throwable cause) {
    super(status, "POST", SemanticLayerUrls.PATH, String.join("\n", messages), cause);
    this.url = url;
    this.environmentId = environmentId;
    this.operation = operation;
    this.messages = List.copyOf(messages);
  }

  /** The server's error messages, in order (one for a transport failure). */
  public List<String> messages() {
    return messages;
  }

  /** The environment the refused operation was about. */
  public long environmentId() {
    return environmentId;
  }

  /** The operation that was refused, e.g. {@code compileSql}. */
  public String operation() {
    return operation;
  }

  /** Whether the service refused the token (or the token's access to the environment). */
  public boolean notAuthorized() {
    return !messages.isEmpty() && messages.get(0).strip().equals(NOT_AUTHORIZED);
  }

  /**
   * Whether the service answered with GraphQL errors (as opposed to a transport or HTTP failure).
   */
  public boolean graphQlErrors() {
    return status() >= 200 && status() < 300;
  }

  @Override
  public String getMessage() {
    if (notAuthorized()) {
      return "The Semantic Layer at "
          + url
          + " refused the token for environment "
          + environmentId
          + " ("
          + operation
          + "): "
          + NOT_AUTHORIZED
          + ". Use a service token with the 'Semantic Layer Only' and 'Metadata Only'"
          + " permissions on the account that owns environment "
          + environmentId
          + " (settings.xml <server>"
          + " 'dbt-cloud' or DBT_CLOUD_API_TOKEN), and check that semantic_layer.environment names an environment of"
          + " that account whose Semantic Layer is configured.";
    }
    String what =
        !answered()
            ? "No answer from the Semantic Layer at " + url + " to " + operation
            : graphQlErrors()
                ? "The Semantic Layer at "
                    + url
                    + " refused "
                    + operation
                    + " for environment "
                    + environmentId
                : "The Semantic Layer at "
                    + url
                    + " answered HTTP "
                    + status()
                    + " to "
                    + operation;
    String hint =
        answered()
            ? ""
            : ". Check the host (semanticLayerUrl / dbt.semanticLayerUrl overrides the one"
                + " derived from the admin host) and the network";
    return what + ": " + userMessage() + hint;
  }
}
