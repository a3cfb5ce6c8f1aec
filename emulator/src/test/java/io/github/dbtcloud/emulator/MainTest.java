package io.github.dbtcloud.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startsTheDemoAccountAndPrintsTheUrlAndTheToken() {
    try (DbtCloudEmulator emulator = Main.start(new String[] {"--port", "0"}, print)) {
      assertThat(printed())
          .contains("listening on " + emulator.baseUrl())
          .contains("token for account 70403103900001: dbtc_emulator_demo_token")
          .contains("built-in demo account");
      assertThat(EmulatorHttp.demo(emulator).get("/api/v2/accounts/").status()).isEqualTo(200);
    }
  }

  @Test
  void startsFromASeedWithAStateFileAndSwitches(@TempDir Path dir) throws IOException {
    Path seed = dir.resolve("seed.yml");
    Files.writeString(seed, "accounts: [{id: 7}]\ntokens: [{token: mine, account_id: 7}]\n");
    Path state = dir.resolve("state.json");

    try (DbtCloudEmulator emulator =
        Main.start(
            new String[] {
              "--port",
              "0",
              "--seed",
              seed.toString(),
              "--state",
              state.toString(),
              "--strict-trailing-slash",
              "--delete-no-content",
              "--journal-responses"
            },
            print)) {
      assertThat(printed()).contains("token for account 7: mine");
      assertThat(new EmulatorHttp(emulator, "Token mine").get("/api/v2/accounts/7").status())
          .isEqualTo(301);
      assertThat(Files.exists(state)).isTrue();
    }
  }

  @Test
  void checksWritesStrictlyUnlessToldLenient() {
    try (DbtCloudEmulator strict = Main.start(new String[] {"--port", "0"}, print)) {
      assertThat(printed()).contains("writes: checked as dbt Cloud checks them");
      assertThat(strict.settings().strict()).isTrue();
    }
    out.reset();
    try (DbtCloudEmulator lenient = Main.start(new String[] {"--port", "0", "--lenient"}, print)) {
      assertThat(printed()).contains("writes: lenient");
      assertThat(
              EmulatorHttp.demo(lenient)
                  .post(EmulatorHttp.JOBS, BadWrite.job(j -> j.remove("execute_steps")))
                  .status())
          .isEqualTo(201);
    }
  }

  @Test
  void printsTheUsageForHelp() {
    assertThat(Main.start(new String[] {"--help"}, print)).isNull();
    assertThat(printed()).contains("usage: java -jar dbt-cloud-emulator.jar").contains("--lenient");
  }

  @Test
  void refusesBadOptionsNamingThem() {
    assertThatThrownBy(() -> Main.start(new String[] {"--bogus"}, print))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> Main.start(new String[] {"--port"}, print))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> Main.start(new String[] {"--port", "http"}, print))
        .hasMessageContaining("use a number");
    assertThatThrownBy(() -> Main.start(new String[] {"--seed", "/no/such/seed.yml"}, print))
        .hasMessageContaining("no such file");
  }
}
