package io.github.dbtcloud.maven;

import io.github.dbtcloud.core.api.ApiToken;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Finds the API token: the {@code <server>} of {@code settings.xml} with the configured id (its
 * password, decrypted), else the {@code DBT_CLOUD_API_TOKEN} environment variable. Never the POM.
 */
final class TokenSource {

  private final SettingsDecrypter decrypter;
  private final Map<String, String> environment;

  TokenSource(SettingsDecrypter decrypter, Map<String, String> environment) {
    this.decrypter = decrypter;
    this.environment = environment;
  }

  private static ApiToken token(String value, String where) throws MojoFailureException {
    try {
      return new ApiToken(value);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(where + ": " + e.getMessage());
    }
  }

  ApiToken resolve(Settings settings, String serverId) throws MojoFailureException {
    Server server = settings == null ? null : settings.getServer(serverId);
    if (server != null) {
      SettingsDecryptionResult result =
          decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity().ordinal() <= SettingsProblem.Severity.ERROR.ordinal()) {
          throw new MojoFailureException(
              "cannot decrypt the password of <server> '"
                  + serverId
                  + "' in settings.xml: "
                  + problem.getMessage()
                  + ". Re-encrypt it with 'mvn --encrypt-password'.");
        }
      }
      String password = result.getServer().getPassword();
      if (password != null && !password.isBlank()) {
        return token(password, "the <password> of <server> '" + serverId + "' in settings.xml");
      }
      throw new MojoFailureException(
          "<server> '"
              + serverId
              + "' in settings.xml has no <password>; put the dbt"
              + " Cloud API token there.");
    }
    String fromEnv = environment.get(PropertyNames.TOKEN_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return token(fromEnv, "the environment variable " + PropertyNames.TOKEN_ENV);
    }
    throw new MojoFailureException(
        "no dbt Cloud API token found. Add to ~/.m2/settings.xml:\n"
            + "  <servers>\n    <server>\n      <id>"
            + serverId
            + "</id>\n"
            + "      <password>{encrypted token, see mvn --encrypt-password}</password>\n    </server>\n  </servers>\n"
            + "or set the environment variable "
            + PropertyNames.TOKEN_ENV
            + " (in CI, from a secret).");
  }
}
