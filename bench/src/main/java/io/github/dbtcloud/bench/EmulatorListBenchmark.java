package io.github.dbtcloud.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.AdminClient;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.api.ClientSettings;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Seeds an emulator with {@code jobs} jobs across {@code environments} environments and lists all
 * of them through 100-item pages, as a client paginates (docs/wire-format.md#pagination), with a
 * plain JDK HttpClient on loopback. Prints figures: requests, wall time, jobs/s, page latencies. It
 * asserts nothing.
 */
public final class EmulatorListBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ACCOUNT = 70403103900001L;
  private static final long PROJECT = 70403103900002L;
  private static final String TOKEN = "dbtc_bench_token";

  private EmulatorListBenchmark() {}

  /** {@code jobs environments rounds}. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int environments = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;

    long seedStart = System.nanoTime();
    String seed = seed(jobs, environments);
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().seedText(seed).journalCapacity(10_000).start()) {
      double seedMs = (System.nanoTime() - seedStart) / 1e6;
      System.out.printf(
          Locale.ROOT,
          "seeded %d jobs across %d environments in %.0f ms (through the API's create code)%n",
          jobs,
          environments,
          seedMs);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String list =
          emulator.baseUrl()
              + "/api/v2/accounts/"
              + ACCOUNT
              + "/jobs/?project_id="
              + PROJECT
              + "&limit=100&offset=";
      System.out.println("warm-up: 2 full listings (JIT)");
      for (int i = 0; i < 2; i++) {
        listAll(client, list);
      }
      List<Double> wall = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Result r = listAll(client, list);
        wall.add(r.wallMs);
        List<Double> pages = new ArrayList<>(r.pageMs);
        Collections.sort(pages);
        System.out.printf(
            Locale.ROOT,
            "round %d: %d jobs in %d requests, %.0f ms wall, %.0f jobs/s, page p50 %.2f ms, p99 %.2f ms%n",
            round,
            r.jobs,
            r.requests,
            r.wallMs,
            r.jobs / (r.wallMs / 1000),
            pages.get(pages.size() / 2),
            pages.get(Math.min(pages.size() - 1, (int) Math.ceil(pages.size() * 0.99) - 1)));
        if (r.jobs != jobs) {
          throw new IllegalStateException("listed " + r.jobs + " jobs, seeded " + jobs);
        }
      }
      Collections.sort(wall);
      double sequential = wall.get(wall.size() / 2);
      System.out.printf(
          Locale.ROOT,
          "median of %d rounds: %.0f ms for %d jobs (%.0f jobs/s); best %.0f ms%n",
          rounds,
          sequential,
          jobs,
          jobs / (sequential / 1000),
          wall.get(0));
      ClientSettings settings =
          ClientSettings.of(emulator.baseUrl(), new ApiToken(TOKEN), "dbt-cloud-bench");
      double unlimited =
          pluginReadPath(
              "without the rate limiter", settings.withRequestsPerMinute(1_000_000), jobs, rounds);
      System.out.printf(
          Locale.ROOT,
          "plugin read path (parallel pages) vs one page at a time: %.2fx the time%n",
          unlimited / sequential);
      pluginReadPath(
          "with the default limiter (" + ClientSettings.DEFAULT_REQUESTS_PER_MINUTE + "/min)",
          settings,
          jobs,
          rounds);
      System.out.printf(
          Locale.ROOT,
          "machine: %d cores, Java %s%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
    }
  }

  /**
   * The same listing through core's {@link AdminClient}: the first page, then the others in
   * parallel, with the client's rate limiter and retries in the way, as {@code dbt:plan} reads.
   */
  private static double pluginReadPath(
      String label, ClientSettings settings, int jobs, int rounds) {
    List<Double> wall = new ArrayList<>();
    try (AdminClient client = AdminClient.create(settings, Console.silent())) {
      listJobs(client); // warm-up
      for (int round = 1; round <= rounds; round++) {
        int before = client.requestCount();
        long start = System.nanoTime();
        int listed = listJobs(client).size();
        double ms = (System.nanoTime() - start) / 1e6;
        if (listed != jobs) {
          throw new IllegalStateException("the client listed " + listed + " jobs, seeded " + jobs);
        }
        wall.add(ms);
        System.out.printf(
            Locale.ROOT,
            "plugin %s, round %d: %d jobs in %d requests, %.0f ms wall%n",
            label,
            round,
            listed,
            client.requestCount() - before,
            ms);
      }
    }
    Collections.sort(wall);
    System.out.printf(
        Locale.ROOT,
        "plugin read path %s, median of %d rounds: %.0f ms for %d jobs; best %.0f ms%n",
        label,
        rounds,
        wall.get(wall.size() / 2),
        jobs,
        wall.get(0));
    return wall.get(wall.size() / 2);
  }

  private static List<java.util.Map<String, Object>> listJobs(AdminClient client) {
    return client.list(
        "api/v2/accounts/" + ACCOUNT + "/jobs/",
        java.util.Map.of("project_id", String.valueOf(PROJECT)));
  }

  private record Result(int jobs, int requests, double wallMs, List<Double> pageMs) {}

  private static Result listAll(HttpClient client, String list)
      throws IOException, InterruptedException {
    int offset = 0;
    int requests = 0;
    int seen = 0;
    List<Double> pageMs = new ArrayList<>();
    long start = System.nanoTime();
    while (true) {
      long pageStart = System.nanoTime();
      HttpResponse<byte[]> answer =
          client.send(
              HttpRequest.newBuilder(URI.create(list + offset))
                  .header("Authorization", "Token " + TOKEN)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = JSON.readTree(answer.body());
      pageMs.add((System.nanoTime() - pageStart) / 1e6);
      requests++;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "HTTP " + answer.statusCode() + ": " + new String(answer.body()));
      }
      int count = body.at("/extra/pagination/count").asInt();
      int total = body.at("/extra/pagination/total_count").asInt();
      seen += count;
      offset += count;
      if (count == 0 || offset >= total) {
        break;
      }
    }
    return new Result(seen, requests, (System.nanoTime() - start) / 1e6, pageMs);
  }

  private static String seed(int jobs, int environments) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("accounts").addObject().put("id", ACCOUNT).put("name", "Bench");
    root.putArray("tokens").addObject().put("token", TOKEN).put("account_id", ACCOUNT);
    root.putArray("projects")
        .addObject()
        .put("id", PROJECT)
        .put("account_id", ACCOUNT)
        .put("name", "Bench project");
    ArrayNode envs = root.putArray("environments");
    for (int e = 0; e < environments; e++) {
      envs.addObject()
          .put("id", PROJECT + 100 + e)
          .put("project_id", PROJECT)
          .put("name", "Environment " + e)
          .put("type", "deployment");
    }
    ArrayNode jobList = root.putArray("jobs");
    for (int j = 0; j < jobs; j++) {
      ObjectNode job = jobList.addObject();
      job.put("project_id", PROJECT);
      job.put("environment_id", PROJECT + 100 + (j % environments));
      job.put("name", "Job " + j);
      job.put("description", "benchmark job [[job-" + j + "]]");
      job.putArray("execute_steps").add("dbt build --select tag:" + (j % 17));
      job.putObject("triggers").put("schedule", j % 2 == 0);
    }
    return JSON.writeValueAsString(root);
  }
}
