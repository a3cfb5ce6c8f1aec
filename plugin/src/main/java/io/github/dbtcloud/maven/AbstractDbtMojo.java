package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.config.InvalidDesiredStateException;
import io.github.dbtcloud.core.config.Problem;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.Time;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * fails the build; an unreachable or broken service is a build error). {@link #execute()} is final:
 * it makes core's {@link Build}, opens a {@link GoalContext}, and hands it to the goal.
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

  /**
   * With {@code baseUrl=embedded}: the emulator's seed (docs/emulator.md) instead of the demo
   * account, read when its state file does not exist yet.
   */
  @Parameter(property = PropertyNames.EMBEDDED_SEED)
  protected File embeddedSeed;

  /** The id of the {@code <server>} in settings.xml whose password is the API token. */
  @Parameter(property = PropertyNames.SERVER_ID, defaultValue = "dbt-cloud")
  protected String serverId;

  /**
   * The longest one call to dbt Cloud may take, its retries and waits included (e.g. {@code 5m});
   * default 5 minutes.
   */
  @Parameter(property = PropertyNames.CALL_TIMEOUT)
  protected String callTimeout;

  /**
   * The longest {@code dbt:plan} and {@code dbt:apply} may spend reading dbt Cloud, all calls
   * together (e.g. {@code 10m}); default 10 minutes.
   */
  @Parameter(property = PropertyNames.READ_TIMEOUT)
  protected String readTimeout;

  /**
   * Not supported, and refused when set: the API token never goes in the POM or on the command line
   * (settings.xml or {@code DBT_CLOUD_API_TOKEN}, see docs/security.md).
   */
  @Deprecated
  @Parameter(property = PropertyNames.TOKEN)
  protected String token;

  /** Skip every dbt goal. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * Where the JUnit XML reports of the verification run and the Semantic Layer check go ({@code
   * TEST-dbt-verification.xml}, {@code TEST-dbt-metrics.xml}): by default where CI servers' test
   * reporters look for Surefire's.
   */
  @Parameter(
      property = PropertyNames.REPORTS_DIRECTORY,
      defaultValue = "${project.build.directory}/surefire-reports")
  protected File reportsDirectory;

  /** Where plan files and the embedded emulator's state go. */
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
    if (token != null) {
      throw new MojoFailureException(
          "a <token> is set in this plugin's <configuration> (or -D"
              + PropertyNames.TOKEN
              + " on the command line); the API token is never read from the POM or the command"
              + " line, where it would end up in version control and build logs. Remove it, revoke"
              + " that token in dbt Cloud if it was committed, and put the token in ~/.m2/settings.xml"
              + " (<server><id>"
              + serverId
              + "</id><password>...</password></server>) or in the environment variable "
              + PropertyNames.TOKEN_ENV
              + ".");
    }
    String skipReason = skipReason();
    if (skipReason != null) {
      getLog().info("Skipping dbt:" + goal + " because " + skipReason);
      return;
    }
    if (noDesiredStateInThisModule()) {
      getLog()
          .info(
              "Skipping dbt:"
                  + goal
                  + " in "
                  + project.getArtifactId()
                  + ": it has no "
                  + file.getName()
                  + " (set dbt.file to use one elsewhere)");
      return;
    }
    Console console = new MavenConsole(getLog(), MavenConsole.colourOf(session));
    try {
      if (PropertyNames.EMBEDDED.equalsIgnoreCase(baseUrl) && needsToken()) {
        runEmbedded(console);
      } else {
        if (PropertyNames.EMBEDDED.equalsIgnoreCase(baseUrl)) {
          getLog()
              .warn(
                  "baseUrl=embedded: the goals that talk to dbt Cloud use a LOCAL emulator, NOT"
                      + " dbt Cloud; dbt:"
                      + goal
                      + " itself works offline.");
        }
        ApiToken token =
            needsToken()
                ? new TokenSource(decrypter, System.getenv())
                    .resolve(session.getSettings(), serverId)
                : null;
        run(build(needsToken() ? baseUrl : null, token), console);
      }
    } catch (InvalidDesiredStateException e) {
      StringBuilder message =
          new StringBuilder(e.problems().size() + " problem(s) in " + describeFiles() + ":");
      for (Problem p : e.problems()) {
        message.append("\n  ").append(p);
        getLog().error(p.toString());
      }
      throw new MojoFailureException(message.toString());
    } catch (DbtCloudApiException e) {
      if (e.answered()
          && e.status() >= 400
          && e.status() < 500
          && e.status() != 408
          && e.status() != 429) {
        throw new MojoFailureException(e.getMessage(), e);
      }
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (DbtCloudException | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private void runEmbedded(Console console) throws MojoExecutionException, MojoFailureException {
    try {
      Class.forName(EmbeddedDbtCloud.EMULATOR_CLASS, false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new MojoFailureException(
          "baseUrl=embedded needs the local emulator on the plugin's classpath; add"
              + " inside this plugin's <plugin> element:\n  <dependencies>\n    <dependency>\n"
              + "      <groupId>io.github.dbtcloud</groupId>\n"
              + "      <artifactId>dbt-cloud-emulator</artifactId>\n"
              + "      <version>"
              + plugin.getVersion()
              + "</version>\n    </dependency>\n  </dependencies>");
    }
    Path state = outputDirectory.toPath().resolve("emulator-state.json");
    try (EmbeddedDbtCloud embedded =
        EmbeddedDbtCloud.start(state, embeddedSeed == null ? null : embeddedSeed.toPath())) {
      getLog()
          .warn(
              "baseUrl=embedded: talking to a LOCAL dbt Cloud emulator at "
                  + embedded.baseUrl()
                  + ", NOT to dbt Cloud. Its state is kept in "
                  + project.getBasedir().toPath().relativize(state)
                  + " ('mvn clean' resets it).");
      run(build(embedded.baseUrl(), embedded.token()), console);
    }
  }

  private void run(Build build, Console console)
      throws MojoExecutionException, MojoFailureException {
    if (!readsDesiredState()) {
      runWithoutDesiredState(build, console);
      return;
    }
    try (GoalContext context = GoalContext.open(build, console, Time.system())) {
      run(context);
    }
  }

  private Build build(String url, ApiToken token) {
    Map<String, String> properties = new HashMap<>();
    project.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    session
        .getUserProperties()
        .forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    configured(properties, PropertyNames.CALL_TIMEOUT, callTimeout);
    configured(properties, PropertyNames.READ_TIMEOUT, readTimeout);
    DesiredFiles desiredFiles =
        files == null || files.isEmpty()
            ? DesiredFiles.of(file.toPath())
            : new DesiredFiles(project.getBasedir().toPath(), files);
    Path out = outputDirectory.toPath();
    return new Build(
        desiredFiles,
        System.getenv(),
        properties,
        url,
        token,
        "dbt-maven-plugin/" + plugin.getVersion(),
        project.getGroupId() + ":" + project.getArtifactId() + " " + project.getVersion(),
        out,
        reportsDirectory.toPath().resolve("TEST-dbt-verification.xml"),
        reportsDirectory.toPath().resolve("TEST-dbt-metrics.xml"));
  }

  /** A POM setting core reads from the properties, unless -D gave it (the command line wins). */
  private void configured(Map<String, String> properties, String property, String value) {
    if (value != null && !session.getUserProperties().containsKey(property)) {
      properties.put(property, value);
    }
  }

  /**
   * In a build of several modules, a module without the desired-state file (the parent, the code
   * modules) is skipped rather than failed; a build of one module still fails on a missing file.
   */
  private boolean noDesiredStateInThisModule() {
    return readsDesiredState()
        && (files == null || files.isEmpty())
        && !file.exists()
        && session.getProjects() != null
        && session.getProjects().size() > 1;
  }

  private String describeFiles() {
    return files == null || files.isEmpty() ? file.toString() : String.join(", ", files);
  }

  /**
   * A setting's value with {@code -D} over the POM: Maven itself gives a {@code <configuration>}
   * value precedence over a user property, but for the verification and metrics settings the
   * command line wins, so that one run can override what the POM fixes (docs/verification.md).
   */
  protected <T> T commandLineOver(String property, T pomValue, Function<String, T> parse) {
    String given = session.getUserProperties().getProperty(property);
    return given != null ? parse.apply(given) : pomValue;
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

  /** Whether the goal starts from the desired-state file ({@code dbt:import} writes it instead). */
  protected boolean readsDesiredState() {
    return true;
  }

  /** The work of a goal that does not read the desired-state file. */
  protected void runWithoutDesiredState(Build build, Console console)
      throws MojoExecutionException, MojoFailureException {
    throw new IllegalStateException("dbt:" + goal() + " reads the desired-state file");
  }

  /** The goal's work: call core's goal with the context. */
  protected abstract void run(GoalContext context)
      throws MojoExecutionException, MojoFailureException;
}
