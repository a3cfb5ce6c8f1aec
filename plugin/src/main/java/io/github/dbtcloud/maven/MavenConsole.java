package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.shared.utils.logging.MessageUtils;

/** Core's console on Maven's log: plan lines at INFO, HTTP traces at DEBUG. */
final class MavenConsole implements Console {

  private final Log log;

  MavenConsole(Log log) {
    this.log = log;
  }

  @Override
  public void info(String line) {
    log.info(line);
  }

  @Override
  public void warn(String line) {
    log.warn(line);
  }

  @Override
  public void debug(String line) {
    log.debug(line);
  }

  @Override
  public boolean colour() {
    return MessageUtils.isColorEnabled();
  }
}
