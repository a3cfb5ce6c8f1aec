package io.github.dbtcloud.core;

/**
 * The root of every exception core throws on purpose: its message is written for the user (what,
 * where, the bad value and the fix), so the plugin shows it without a stack trace. The API's own
 * subclass, {@code DbtCloudApiException}, means dbt Cloud refused a request or could not be
 * reached; any other means the file or the account is not as it should be (a missing project, a
 * duplicate marker, a failed verification run, a stale plan) and the build fails. Anything else is
 * a bug.
 */
public class DbtCloudException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DbtCloudException(String message) {
    super(message);
  }

  public DbtCloudException(String message, Throwable cause) {
    super(message, cause);
  }
}
