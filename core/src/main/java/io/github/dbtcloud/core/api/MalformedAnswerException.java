package io.github.dbtcloud.core.api;

/**
 * dbt Cloud (or something between it and the build) answered, but the answer cannot be trusted: a
 * 2xx whose envelope says it failed, a listing whose {@code data} is not a list, an object without
 * its id, an HTML page, a truncated body. Never read as "empty": a plan made from it could create
 * duplicates. A create that got such an answer may still have been committed, so the apply looks
 * for it before reporting it missing.
 */
public final class MalformedAnswerException extends DbtCloudApiException {

  private static final long serialVersionUID = 1L;

  /**
   * @param status the HTTP status the answer came with
   * @param what what came back, e.g. {@code an HTML page (a proxy or login page?)}
   */
  public MalformedAnswerException(
      int status, String method, String path, String what, Throwable cause) {
    super(
        "dbt Cloud's answer to "
            + method
            + " "
            + path
            + " (HTTP "
            + status
            + ") cannot be used: "
            + what
            + ". Nothing was read from it as empty or guessed. If this repeats, check for a proxy"
            + " between the build and dbt Cloud, and dbt Cloud's status page.",
        status,
        method,
        path,
        what,
        cause);
  }
}
