package io.github.dbtcloud.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.identity.Marker;
import io.github.dbtcloud.core.lease.LeaseApi;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.http.JournalEntry;
import io.github.dbtcloud.emulator.runs.RunControl;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every invoker IT's {@code prebuild.groovy} and {@code verify.groovy} call: start an emulator
 * on a free loopback port, hand its URL to the IT's Maven runs as {@code dbt.baseUrl}, and stop it.
 */
public final class ItEmulator {

  /** The context key the running emulator is kept under between the IT's scripts. */
  public static final String CONTEXT_KEY = "emulator";

  private ItEmulator() {}

  /**
   * Starts an emulator seeded from the IT's own {@code seed.yml}, or the shared IT seed, and puts
   * {@code dbt.baseUrl} into the IT's user properties.
   */
  @SuppressWarnings("unchecked")
  public static DbtCloudEmulator start(File basedir, Map<String, Object> context) {
    Path own = basedir.toPath().resolve("seed.yml");
    DbtCloudEmulator.Builder builder = DbtCloudEmulator.builder();
    if (Files.exists(own)) {
      builder.seed(own);
    } else {
      builder.seedText(sharedSeed());
    }
    DbtCloudEmulator emulator = builder.start();
    context.put(CONTEXT_KEY, emulator);
    Object userProperties = context.get("userProperties");
    if (userProperties instanceof Properties p) {
      p.setProperty("dbt.baseUrl", emulator.baseUrl());
    } else if (userProperties instanceof Map<?, ?> m) {
      ((Map<Object, Object>) m).put("dbt.baseUrl", emulator.baseUrl());
    }
    return emulator;
  }

  /** The emulator the IT's prebuild script started. */
  public static DbtCloudEmulator of(Map<String, Object> context) {
    return (DbtCloudEmulator) context.get(CONTEXT_KEY);
  }

  /**
   * The writes the journal holds besides the apply lease's (its create, renewals and delete), which
   * every apply makes: what the ITs that count writes count.
   */
  public static List<JournalEntry> writes(DbtCloudEmulator emulator) {
    return emulator.journal().stream()
        .filter(JournalEntry::isWrite)
        .filter(e -> !isLease(emulator, e))
        .toList();
  }

  /**
   * Leaves an apply lease on {@code projectId}, as an apply killed a minute ago would have: held
   * for another hour by {@code build}.
   */
  public static void plantLease(
      DbtCloudEmulator emulator, long accountId, long projectId, String token, String build)
      throws IOException, InterruptedException {
    java.time.Instant now = java.time.Instant.now();
    String value =
        new io.github.dbtcloud.core.lease.LeaseHolder(
                "planted",
                now.plusSeconds(3600),
                now.minusSeconds(60),
                "ci@old-runner",
                4242,
                build)
            .value();
    String base = emulator.baseUrl().endsWith("/") ? emulator.baseUrl() : emulator.baseUrl() + "/";
    java.net.http.HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            base
                                + "api/v3/accounts/"
                                + accountId
                                + "/projects/"
                                + projectId
                                + "/environment-variables/bulk/"))
                    .header("Authorization", "Token " + token)
                    .header("Content-Type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"env_var\":{\"new_name\":\""
                                + LeaseApi.VARIABLE
                                + "\",\"project\":\""
                                + value
                                + "\"}}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "planting the lease: " + answer.statusCode() + " " + answer.body());
    }
    emulator.clearJournal();
  }

  /** Whether a journal entry is a write of the apply lease's variable. */
  public static boolean isLease(DbtCloudEmulator emulator, JournalEntry e) {
    if (!e.path().contains("/environment-variables/")) {
      return false;
    }
    if (e.body() != null && e.body().contains(LeaseApi.VARIABLE)) {
      return true;
    }
    java.util.regex.Matcher id =
        java.util.regex.Pattern.compile("/environment-variables/(\\d+)/?$").matcher(e.path());
    if (!e.method().equals("DELETE") || !id.find()) {
      return false;
    }
    long row = Long.parseLong(id.group(1));
    return emulator
        .state()
        .read(s -> s.table("environment_variables").get(row))
        .map(r -> r.path("name").asText().equals(LeaseApi.VARIABLE))
        .orElse(false);
  }

  /**
   * Makes the job named {@code jobName} busy: starts a long run of it now and, once another run of
   * the job has waited behind it in the queue for {@code holdQueued}, cancels it so the waiting run
   * can start. Lets an IT show a run queued behind a busy job without depending on how fast Maven
   * starts. Returns the busy run's id.
   */
  public static long startBusyRun(
      Map<String, Object> context, String jobName, Duration holdQueued) {
    RunControl runs = of(context).runs();
    long jobId = runs.jobNamed(jobName);
    long busy = runs.trigger(jobId, "busy: started by the IT before the build");
    Thread release =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  boolean waiting =
                      runs.runsOf(jobId).stream()
                          .anyMatch(
                              r ->
                                  r.get("status").asInt() == 1
                                      && r.get("blocked_by")
                                          .toString()
                                          .contains(Long.toString(busy)));
                  if (waiting) {
                    Thread.sleep(holdQueued.toMillis());
                    runs.cancel(busy);
                    return;
                  }
                  Thread.sleep(100);
                }
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException emulatorClosed) {
                // the IT is over
              }
            },
            "it-busy-run-" + busy);
    release.setDaemon(true);
    release.start();
    return busy;
  }

  /** Stops the IT's emulator. */
  public static void stop(Map<String, Object> context) {
    DbtCloudEmulator emulator = of(context);
    if (emulator != null) {
      emulator.close();
    }
  }

  private static String sharedSeed() {
    try (InputStream in = ItEmulator.class.getResourceAsStream("/it-seed.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every job without a marker of {@code namespace}, as the emulator holds it (JSON text by id):
   * what an apply of that namespace's file must leave exactly as it was.
   */
  public static Map<Long, String> jobsOutsideNamespace(
      DbtCloudEmulator emulator, String namespace) {
    List<ObjectNode> jobs = emulator.state().read(s -> s.table("jobs").all());
    return jobs.stream()
        .filter(
            j ->
                Marker.findIn(j.path("description").asText(""), j.path("name").asText(""))
                    .map(m -> !namespace.equals(m.namespace()))
                    .orElse(true))
        .collect(
            Collectors.toMap(
                j -> j.path("id").asLong(), ObjectNode::toString, (a, b) -> a, TreeMap::new));
  }
}
