package io.github.dbtcloud.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark account: {@code jobs} jobs spread over {@code environments} environments and a few
 * project environment variables, as an emulator seed (JSON) and as the desired-state files that
 * match it exactly (a plan of it has nothing to do). Jobs are written 10,000 to a file, as a large
 * team splits them, which also keeps every file under the loader's size limit.
 */
record Fixture(int jobs, int environments, int variables) {

  static final long ACCOUNT = 70403103900001L;
  static final long PROJECT = 70403103900002L;
  static final String TOKEN = "dbtc_bench_token_0123456789";
  static final String CRON = "0 5 * * *";
  private static final int JOBS_PER_FILE = 10_000;

  /** The environments the issue pairs with each account size. */
  static Fixture of(int jobs) {
    int environments = jobs <= 100 ? 5 : jobs <= 1_000 ? 20 : jobs <= 5_000 ? 50 : 100;
    return new Fixture(jobs, environments, 10);
  }

  static long envId(int e) {
    return 70403103910000L + e;
  }

  /** The emulator seed: the account, its token, the project, environments, variables and jobs. */
  String seed(int threads) {
    StringBuilder s = new StringBuilder(256 + jobs * 220);
    s.append("{\"accounts\":[{\"id\":").append(ACCOUNT).append(",\"name\":\"Bench\"}]");
    s.append(",\"tokens\":[{\"token\":\"").append(TOKEN).append("\",\"account_id\":");
    s.append(ACCOUNT).append("}]");
    s.append(",\"projects\":[{\"id\":").append(PROJECT).append(",\"account_id\":").append(ACCOUNT);
    s.append(",\"name\":\"Bench\"}],\"environments\":[");
    for (int e = 0; e < environments; e++) {
      s.append(e == 0 ? "" : ",").append("{\"id\":").append(envId(e));
      s.append(",\"project_id\":").append(PROJECT).append(",\"name\":\"env ").append(e);
      s.append("\",\"type\":\"deployment\"}");
    }
    s.append("],\"environment_variables\":[");
    for (int v = 0; v < variables; v++) {
      s.append(v == 0 ? "" : ",").append("{\"project_id\":").append(PROJECT);
      s.append(",\"name\":\"DBT_BENCH_").append(v).append("\",\"project\":\"dev\"");
      s.append(",\"environments\":{");
      for (int e = 0; e < Math.min(environments, 5); e++) {
        s.append(e == 0 ? "" : ",").append("\"env ").append(e).append("\":\"v").append(e);
        s.append('"');
      }
      s.append("}}");
    }
    s.append("],\"jobs\":[");
    for (int j = 0; j < jobs; j++) {
      s.append(j == 0 ? "" : ",").append("{\"account_id\":").append(ACCOUNT);
      s.append(",\"project_id\":").append(PROJECT);
      s.append(",\"environment_id\":").append(envId(j % environments));
      s.append(",\"name\":\"job ").append(j).append("\",\"description\":\"[[job_").append(j);
      s.append("]]\",\"execute_steps\":[\"dbt build --select tag:t").append(j % 17);
      s.append("\"],\"settings\":{\"threads\":").append(threads);
      s.append(",\"target_name\":\"default\"}");
      s.append(",\"triggers\":{\"schedule\":true},\"schedule\":{\"cron\":\"").append(CRON);
      s.append("\"}}");
    }
    return s.append("]}").toString();
  }

  /**
   * Writes {@code dbt-cloud.yml} (account, project, environments, variables) and {@code
   * jobs/jobs-NN.yml}, every job at {@code threads}; returns the patterns to load.
   */
  List<String> write(Path dir, int threads) throws IOException {
    Files.createDirectories(dir.resolve("jobs"));
    StringBuilder y = new StringBuilder();
    y.append("version: 1\naccount:\n  id: ").append(ACCOUNT).append('\n');
    y.append("projects:\n  bench:\n    id: ").append(PROJECT).append("\n    environments:\n");
    for (int e = 0; e < environments; e++) {
      y.append("      e").append(e).append(": { name: \"env ").append(e).append("\" }\n");
    }
    y.append("    env_vars:\n");
    for (int v = 0; v < variables; v++) {
      y.append("      DBT_BENCH_").append(v).append(": { project: dev");
      for (int e = 0; e < Math.min(environments, 5); e++) {
        y.append(", e").append(e).append(": v").append(e);
      }
      y.append(" }\n");
    }
    Files.writeString(dir.resolve("dbt-cloud.yml"), y.toString());
    List<String> patterns = new ArrayList<>(List.of("dbt-cloud.yml"));
    for (int file = 0; file * JOBS_PER_FILE < jobs; file++) {
      StringBuilder j = new StringBuilder(JOBS_PER_FILE * 140);
      j.append("version: 1\nprojects:\n  bench:\n    jobs:\n");
      for (int n = file * JOBS_PER_FILE; n < Math.min(jobs, (file + 1) * JOBS_PER_FILE); n++) {
        j.append("      job_").append(n).append(": { name: \"job ").append(n);
        j.append("\", environment: e").append(n % environments);
        j.append(", execute_steps: [\"dbt build --select tag:t").append(n % 17);
        j.append("\"], threads: ").append(threads);
        j.append(", target_name: default, schedule: \"").append(CRON).append("\" }\n");
      }
      Files.writeString(dir.resolve(String.format("jobs/jobs-%02d.yml", file)), j.toString());
    }
    if (jobs > JOBS_PER_FILE) {
      patterns.add("jobs/*.yml");
    } else {
      patterns.add("jobs/jobs-00.yml");
    }
    return patterns;
  }
}
