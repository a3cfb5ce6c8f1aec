package io.github.dbtcloud.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/dbt-cloud-emulator.jar}, started as a user starts it, answers with its
 * demo account.
 */
class StandaloneJarIT {

  @Test
  void theRunnableJarPrintsItsUrlAndTokenAndServes() throws Exception {
    Path jar = Path.of("target", "dbt-cloud-emulator.jar");
    assertThat(jar).exists();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> banner = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String line = out.readLine();
        assertThat(line).as("banner so far: %s", banner).isNotNull();
        banner.add(line);
      }
      String first = banner.get(0);
      assertThat(first)
          .startsWith("dbt Cloud emulator (local, not dbt Cloud) listening on http://127.0.0.1:");
      assertThat(banner)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("token for account 70403103900001: dbtc_emulator_demo_token"));
      String baseUrl = first.substring(first.indexOf("http://"));

      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/accounts/"))
                      .header("Authorization", "Token dbtc_emulator_demo_token")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("Demo account (local emulator)");
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    assertThat(Files.size(jar)).isGreaterThan(100_000);
  }
}
