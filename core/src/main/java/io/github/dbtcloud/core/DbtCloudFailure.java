package io.github.dbtcloud.core;

/**
 * A reason the build must fail that the user can act on: the account or the file is not as it
 * should be (a missing project, a duplicate marker, a failed verification run, a metric that does
 * not compile, a stale plan). The message says what, where, the bad value and the fix; the plugin
 * shows it without a stack trace. Crashes and unreachable services are not this type.
 */
public class DbtCloudFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DbtCloudFailure(String message) {
    super(message);
  }

  public DbtCloudFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
