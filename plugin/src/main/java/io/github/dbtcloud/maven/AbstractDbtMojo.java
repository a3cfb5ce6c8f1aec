package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudFailure;
import io.github.dbtcloud.core.Target;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import io.github.dbtcloud.core.config.Problem;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the desired-state file, the connection, the token, skipping, and the
 * mapping of core's exceptions to Maven's contract (a mistake in the file or the account's state
 * fails the build; an unreachable or broken service is a build error). {@link #execute()} is final.
 */
public abstract class AbstractDbtMojo extends AbstractMojo {

  /** The desired-state file. */
  @Parameter(property = PropertyNames.FILE, defaultValue = "${project.basedir}/dbt-cloud.yml")
  protected File file;

  /**
   * Files or globs ({@code dbt/*.yml}) relative to the project, merged into one desired state;
   * replaces {@code file}.
   */
  @Parameter(property = PropertyNames.FILES)
  protected List<String> files;

  /**
   * The account's admin URL, e.g. {@code https://ab123.us1.dbt.com}; overrides {@code account.host}
   * in the file. {@code embedded} starts a local emulator instead of calling dbt Cloud.
   */
  @Parameter(property = PropertyNames.BASE_URL)
  protected String baseUrl;

  /** The id of the {@code <server>} in settings.xml whose password is the API token. */
  @Parameter(property = PropertyNames.SERVER_ID, defaultValue = "dbt-cloud")
  protected String serverId;

  /** Skip every dbt goal. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /** Where plan files, reports and the embedded emulator's state go. */
  @Parameter(
      property = PropertyNames.OUTPUT_DIRECTORY,
      defaultValue = "${project.build.directory}/dbt")
  protected File outputDirectory;

  /** The build session (settings, user properties). */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /** The project (its properties feed {@code ${name}} interpolation). */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** This plugin's descriptor (for the User-Agent version). */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  private final SettingsDecrypter decrypter;

  protected AbstractDbtMojo(SettingsDecrypter decrypter) {
    this.decrypter = decrypter;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    String goal = goal();
    if (skip) {
      getLog().info("Skipping dbt:" + goal + " because " + PropertyNames.SKIP + " = true");
      return;
    }
    String skipReason = skipReason();
    if (skipReason != null) {
      getLog().info("Skipping dbt:" + goal + " because " + skipReason);
      return;
    }
    Console console = new MavenConsole(getLog(), MavenConsole.colourOf(session));
    try {
      if (needsToken() && PropertyNames.EMBEDDED.equalsIgnoreCase(baseUrl)) {
        runEmbedded(console);
      } else {
        run(
            target(
                baseUrl,
                needsToken()
                    ? new TokenSource(decrypter, System.getenv())
                        .resolve(session.getSettings(), serverId)
                    : null),
            console);
      }
    } catch (InvalidDesiredStateException e) {
      StringBuilder message =
          new StringBuilder(
              e.problems().size()
                  + " problem(s) in "
                  + (files == null || files.isEmpty() ? file : String.join(", ", files))
                  + ":");
      for (Problem p : e.problems()) {
        message.append("\n  ").append(p);
        getLog().error(p.toString());
      }
      throw new MojoFailureException(message.toString());
    } catch (DbtCloudFailure | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (DbtCloudApiException e) {
      if (e.answered()
          && e.status() >= 400
          && e.status() < 500
          && e.status() != 408
          && e.status() != 429) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private void runEmbedded(Console console) throws MojoExecutionException, MojoFailureException {
    try {
      Class.forName(EmbeddedDbtCloud.EMULATOR_CLASS, false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new MojoFailureException(
          "baseUrl=embedded needs the local emulator on the plugin's classpath; add"
              + " inside this plugin's <plugin> element:\n  <dependencies>\n    <dependency>\n"
              + "      <groupId>io.github.dbtcloud</groupId>\n      <artifactId>dbt-cloud-emulator</artifactId>\n"
              + "      <version>"
              + plugin.getVersion()
              + "</version>\n    </dependency>\n  </dependencies>");
    }
    Path state = outputDirectory.toPath().resolve("emulator-state.json");
    try (EmbeddedDbtCloud embedded = EmbeddedDbtCloud.start(state)) {
      getLog()
          .warn(
              "baseUrl=embedded: talking to a LOCAL dbt Cloud emulator at "
                  + embedded.baseUrl()
                  + ", NOT to dbt Cloud. Its state is kept in "
                  + project.getBasedir().toPath().relativize(state)
                  + " ('mvn clean' resets it).");
      run(target(embedded.baseUrl(), embedded.token()), console);
    }
  }

  private Target target(String url, ApiToken token) {
    Map<String, String> properties = new HashMap<>();
    project.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    session
        .getUserProperties()
        .forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return new Target(
        file.toPath(),
        System.getenv(),
        properties,
        url,
        token,
        "dbt-maven-plugin/" + plugin.getVersion(),
        project.getBasedir().toPath(),
        files == null ? List.of() : files);
  }

  /** The goal name, for messages. */
  protected abstract String goal();

  /** Why this goal is skipped beyond {@code dbt.skip}, or null to run. */
  protected String skipReason() {
    return null;
  }

  /** Whether the goal talks to dbt Cloud (offline goals need no token). */
  protected boolean needsToken() {
    return true;
  }

  /** The goal's work: build a request from the target and call core. */
  protected abstract void run(Target target, Console console)
      throws MojoExecutionException, MojoFailureException;
}
