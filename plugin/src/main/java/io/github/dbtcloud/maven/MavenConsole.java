package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;

/** Core's console on Maven's log: plan lines at INFO, HTTP traces at DEBUG. */
final class MavenConsole implements Console {

  private final Log log;
  private final boolean colour;

  MavenConsole(Log log, boolean colour) {
    this.log = log;
    this.colour = colour;
  }

  /**
   * Whether Maven itself would colour its output: {@code -Dstyle.color=always|never|auto}, and in
   * {@code auto} only on a terminal outside batch mode ({@code -B}). Maven's own MessageUtils is
   * not visible to plugins, so its rule is applied here.
   */
  static boolean colourOf(MavenSession session) {
    String style =
        session
            .getUserProperties()
            .getProperty(
                "style.color", session.getSystemProperties().getProperty("style.color", "auto"))
            .toLowerCase(Locale.ROOT);
    return switch (style) {
      case "always", "force" -> true;
      case "never", "false" -> false;
      default -> session.getRequest().isInteractiveMode() && System.console() != null;
    };
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
    return colour;
  }
}
