package io.github.dbtcloud.core.config;

/**
 * One mistake in a desired-state file: where, which key, what is wrong and how to fix it.
 *
 * @param position file, line and column
 * @param path the dotted key path, e.g. {@code projects.jaffle_shop.jobs.nightly.schedule.cron}
 * @param message what is wrong, with the bad value and the fix
 */
public record Problem(SourcePosition position, String path, String message) {

  @Override
  public String toString() {
    return position + (path.isEmpty() ? "" : " " + path) + ": " + message;
  }
}
