package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.plan.Plan;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan is cheap however large the account: for N jobs and E environments in one project it costs
 * at most ceil(N/100) + ceil(E/100) + a small constant requests, counted in the emulator's journal.
 */
class PlanRequestCountIT {

  private static final long ACCOUNT = 70403103900001L;
  private static final long PROJECT = 70403103900002L;
  private static final String TOKEN = "dbtc_count_token";
  private static final int JOBS = 250;
  private static final int ENVIRONMENTS = 130;

  private DbtCloudEmulator emulator;

  @BeforeEach
  void start() {
    emulator = DbtCloudEmulator.builder().seedText(seed()).start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aPlanOfManyJobsAndEnvironmentsCostsAHandfulOfRequests(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("dbt-cloud.yml");
    Files.writeString(file, desiredState());
    emulator.clearJournal();
    List<String> lines = new ArrayList<>();

    Plan plan =
        Goals.plan(
            Goals.build(file, emulator.baseUrl(), TOKEN, dir.resolve("out")), console(lines));

    List<JournalEntry> requests = emulator.journal();
    int bound = ceilDiv(JOBS, 100) + ceilDiv(ENVIRONMENTS, 100) + 2;
    assertThat(requests)
        .as(
            requests.stream()
                .map(r -> r.method() + " " + r.path() + "?" + r.query())
                .toList()
                .toString())
        .hasSizeLessThanOrEqualTo(bound)
        .allMatch(r -> !r.isWrite());
    // and the plan of a large account in sync with its file is exact: nothing to do
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.unchanged()).hasSize(JOBS + ENVIRONMENTS);
    assertThat(lines).contains("Read in " + requests.size() + " request(s).");
    assertThat(dir.resolve("out/plan.json")).exists();
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static String seed() {
    StringBuilder s =
        new StringBuilder(
            "{\"accounts\":[{\"id\":"
                + ACCOUNT
                + "}],\"tokens\":[{\"token\":\""
                + TOKEN
                + "\",\"account_id\":"
                + ACCOUNT
                + "}],\"projects\":[{\"id\":"
                + PROJECT
                + ",\"account_id\":"
                + ACCOUNT
                + ",\"name\":\"Big\"}],\"environments\":[");
    for (int e = 0; e < ENVIRONMENTS; e++) {
      s.append(e == 0 ? "" : ",")
          .append("{\"id\":")
          .append(envId(e))
          .append(",\"project_id\":")
          .append(PROJECT)
          .append(",\"name\":\"env ")
          .append(e)
          .append("\",\"type\":\"deployment\"}");
    }
    s.append("],\"jobs\":[");
    for (int j = 0; j < JOBS; j++) {
      s.append(j == 0 ? "" : ",")
          .append("{\"account_id\":")
          .append(ACCOUNT)
          .append(",\"project_id\":")
          .append(PROJECT)
          .append(",\"environment_id\":")
          .append(envId(j % ENVIRONMENTS))
          .append(",\"name\":\"job ")
          .append(j)
          .append("\",\"description\":\"[[job_")
          .append(j)
          .append("]]\",\"execute_steps\":[\"dbt build\"]}");
    }
    return s.append("]}").toString();
  }

  private static long envId(int e) {
    return 70403103910000L + e;
  }

  private static String desiredState() {
    StringBuilder y =
        new StringBuilder(
            "version: 1\naccount:\n  id: "
                + ACCOUNT
                + "\nprojects:\n  big:\n    id: "
                + PROJECT
                + "\n    environments:\n");
    for (int e = 0; e < ENVIRONMENTS; e++) {
      y.append("      e").append(e).append(": { name: \"env ").append(e).append("\" }\n");
    }
    y.append("    jobs:\n");
    for (int j = 0; j < JOBS; j++) {
      y.append("      job_")
          .append(j)
          .append(": { name: \"job ")
          .append(j)
          .append("\", environment: e")
          .append(j % ENVIRONMENTS)
          .append(", execute_steps: [dbt build] }\n");
    }
    return y.toString();
  }

  private static Console console(List<String> lines) {
    return new Console() {
      @Override
      public void info(String line) {
        lines.add(line);
      }

      @Override
      public void warn(String line) {
        lines.add(line);
      }

      @Override
      public void debug(String line) {}
    };
  }
}
