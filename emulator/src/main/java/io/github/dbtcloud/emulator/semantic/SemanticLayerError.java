package io.github.dbtcloud.emulator.semantic;

/**
 * A refusal the Semantic Layer reports in the GraphQL {@code errors[]} envelope (with HTTP 200):
 * the message is exactly what a client reads from {@code errors[0].message}.
 */
final class SemanticLayerError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * The text the Python SDK turns into its {@code AuthError}
   * (https://github.com/dbt-labs/semantic-layer-sdk-python, {@code
   * dbtsl/api/graphql/client/base.py}).
   */
  static final String NOT_AUTHORIZED = "User is not authorized";

  SemanticLayerError(String message) {
    super(message, null, false, false);
  }

  /** A bad token, or a token whose account does not own the environment. */
  static SemanticLayerError notAuthorized() {
    return new SemanticLayerError(NOT_AUTHORIZED);
  }
}
