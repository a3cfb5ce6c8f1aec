package io.github.dbtcloud.core.api;

import io.github.dbtcloud.core.DbtCloudException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dbt Cloud refused a request or could not be reached. Carries what the user needs to act: the HTTP
 * status (0 when no answer came), the method and path, dbt Cloud's own {@code user_message}, and
 * for a 400 the field -> message map dbt Cloud puts in {@code data}.
 */
public class DbtCloudApiException extends DbtCloudException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String method;
  private final String path;
  private final String userMessage;
  private final Map<String, String> fieldErrors;

  public DbtCloudApiException(
      int status, String method, String path, String userMessage, Throwable cause) {
    this(status, method, path, userMessage, Map.of(), cause);
  }

  /**
   * @param fieldErrors for a 400, each rejected field with dbt Cloud's message (empty otherwise)
   */
  public DbtCloudApiException(
      int status,
      String method,
      String path,
      String userMessage,
      Map<String, String> fieldErrors,
      Throwable cause) {
    super(describe(status, method, path, userMessage, fieldErrors), cause);
    this.status = status;
    this.method = method;
    this.path = path;
    this.userMessage = userMessage;
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
  }

  /**
   * An exception whose whole message the caller wrote (an answer that came but could not be used:
   * see {@link MalformedAnswerException}).
   */
  protected DbtCloudApiException(
      String message, int status, String method, String path, String userMessage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.method = method;
    this.path = path;
    this.userMessage = userMessage;
    this.fieldErrors = Map.of();
  }

  /** The HTTP status, or 0 when the request got no answer (timeout, refused connection). */
  public int status() {
    return status;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The request path, without host or query. */
  public String path() {
    return path;
  }

  /** dbt Cloud's {@code status.user_message}, or the transport error's text. */
  public String userMessage() {
    return userMessage;
  }

  /** For a 400, each rejected field with dbt Cloud's message, in the order dbt Cloud gave them. */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** Whether dbt Cloud answered at all. */
  public boolean answered() {
    return status > 0;
  }

  private static String describe(
      int status, String method, String path, String userMessage, Map<String, String> fieldErrors) {
    String what = status > 0 ? "dbt Cloud answered HTTP " + status : "no answer from dbt Cloud";
    StringBuilder fields = new StringBuilder();
    fieldErrors.forEach(
        (field, message) ->
            fields
                .append(fields.length() == 0 ? " Fields: " : "; ")
                .append(field)
                .append(": ")
                .append(message));
    String hint =
        switch (status) {
          case 401 ->
              " Check the token (settings.xml <server> 'dbt-cloud' or DBT_CLOUD_API_TOKEN) and that the"
                  + " host is your account's own URL (e.g. https://ab123.us1.dbt.com), not a retired shared host.";
          case 404 -> " The object does not exist, or the token's permissions do not cover it.";
          case 429 -> " The account's API rate limit was hit; retry later.";
          default -> "";
        };
    return what + " to " + method + " " + path + ": " + userMessage + fields + hint;
  }
}
