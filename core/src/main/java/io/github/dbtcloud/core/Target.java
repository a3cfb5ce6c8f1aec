package io.github.dbtcloud.core;

import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a goal works on and how it reaches dbt Cloud: the desired-state file or files (with the
 * variables they may interpolate) and the connection. Every goal's request starts from one.
 *
 * @param desiredFile the {@code dbt-cloud.yml} (used when {@code filePatterns} is empty)
 * @param environment process environment for {@code ${env.NAME}}
 * @param properties build properties for {@code ${name}}
 * @param baseUrl the admin host from the build, or null to take {@code account.host} from the file
 * @param token the API token, or null for offline goals
 * @param userAgent the User-Agent to send
 * @param baseDirectory the directory {@code filePatterns} are relative to
 * @param filePatterns files or globs ({@code dbt/*.yml}) merged into one desired state, instead of
 *     {@code desiredFile}; empty to read {@code desiredFile}
 * @param loaded the desired state already loaded for this build (see {@link #preloaded}), or null
 */
public record Target(
    Path desiredFile,
    Map<String, String> environment,
    Map<String, String> properties,
    String baseUrl,
    ApiToken token,
    String userAgent,
    Path baseDirectory,
    List<String> filePatterns,
    DesiredState loaded) {

  public Target {
    environment = Map.copyOf(environment);
    properties = Map.copyOf(properties);
    filePatterns = List.copyOf(filePatterns);
  }

  /** A target that reads its files when asked. */
  public Target(
      Path desiredFile,
      Map<String, String> environment,
      Map<String, String> properties,
      String baseUrl,
      ApiToken token,
      String userAgent,
      Path baseDirectory,
      List<String> filePatterns) {
    this(
        desiredFile,
        environment,
        properties,
        baseUrl,
        token,
        userAgent,
        baseDirectory,
        filePatterns,
        null);
  }

  /** A target that reads one file. */
  public Target(
      Path desiredFile,
      Map<String, String> environment,
      Map<String, String> properties,
      String baseUrl,
      ApiToken token,
      String userAgent) {
    this(desiredFile, environment, properties, baseUrl, token, userAgent, null, List.of());
  }

  /** The files to read: the patterns when given, else the one desired file. */
  public DesiredFiles desiredFiles() {
    if (filePatterns.isEmpty()) {
      return DesiredFiles.of(desiredFile);
    }
    return new DesiredFiles(
        baseDirectory != null ? baseDirectory : Path.of("").toAbsolutePath(), filePatterns);
  }

  /** Loads and validates the desired state (or returns the one loaded already). */
  public DesiredState load() {
    return loaded != null
        ? loaded
        : new DesiredStateLoader(environment, properties).load(desiredFiles());
  }

  /**
   * Loads and validates the desired state, showing its warnings (a literal secret, a legacy
   * host...); a state loaded already was shown when it was loaded.
   */
  public DesiredState load(Console console) {
    if (loaded != null) {
      return loaded;
    }
    DesiredState state = load();
    state.warnings().forEach(w -> console.warn(w.toString()));
    return state;
  }

  /**
   * This target with its desired state loaded once (warnings shown once), so that the steps of one
   * goal (apply, verification, metrics check) share it instead of reading the files again.
   */
  public Target preloaded(Console console) {
    return loaded != null
        ? this
        : new Target(
            desiredFile,
            environment,
            properties,
            baseUrl,
            token,
            userAgent,
            baseDirectory,
            filePatterns,
            load(console));
  }

  /** Opens a client for the build's base URL, or else the file's {@code account.host}. */
  public AdminClient connect(DesiredState desired) {
    return AdminClient.create(settings(desired));
  }

  /** Opens a client whose HTTP traces (redacted) go to the console's debug level. */
  public AdminClient connect(DesiredState desired, Console console) {
    return AdminClient.create(settings(desired), console);
  }

  /**
   * How to reach the account: the build's base URL, or else the file's {@code account.host}, and
   * the token.
   */
  public ClientSettings settings(DesiredState desired) {
    String host = baseUrl != null && !baseUrl.isBlank() ? baseUrl : desired.account().host();
    if (token == null) {
      throw new IllegalStateException("no API token; the caller must supply one before connecting");
    }
    return ClientSettings.of(host, token, userAgent);
  }
}
