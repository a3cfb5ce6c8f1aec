package io.github.dbtcloud.core.api;

import java.util.List;
import java.util.Map;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * Loads and initialises the client's libraries (Jackson, OkHttp with the Kotlin runtime, Retrofit
 * and its reflection over {@link AdminApi}) on a second thread while the goal reads its files. In
 * the fresh JVM of a Maven build that class loading is about a third of a second, on the way to the
 * first request, and it needs nothing from the files; docs/architecture.md, "Start-up". Best
 * effort: whatever fails here is met, and reported, where the client is really built.
 */
public final class ClientWarmup {

  private ClientWarmup() {}

  /**
   * Starts the warm-up on a daemon thread and returns at once. {@code tls}: whether the account is
   * reached over https (dbt Cloud itself), which makes the warm-up also load the trust store and
   * set up TLS; for an http URL (the emulator, a local proxy) the client never does, so neither
   * does the warm-up.
   */
  public static void start(boolean tls) {
    beside(() -> warm(tls));
  }

  /**
   * Runs {@code work} on a daemon thread and returns at once: work the goal needs later (writing
   * the plan, say), done while the main thread waits for dbt Cloud's answers or works through them.
   * Best effort: whatever fails here fails again, and is reported, where the goal does it.
   */
  public static void beside(Runnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (RuntimeException | LinkageError e) {
                // met and reported where the goal does the same
              }
            },
            "dbt-cloud-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.NORM_PRIORITY - 1);
    thread.start();
  }

  private static void warm(boolean tls) {
    try {
      AdminClient.MAPPER.readTree(
          "{\"data\":[{\"id\":1,\"name\":\"n\",\"on\":true}],\"extra\":{}}");
      AdminClient.MAPPER.writeValueAsString(Map.of("plan", List.of(1, "two", Map.of())));
      OkHttpClient.Builder builder = new OkHttpClient.Builder();
      if (!tls) {
        builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
      OkHttpClient http = builder.build();
      new Retrofit.Builder()
          .baseUrl(tls ? "https://127.0.0.1/" : "http://127.0.0.1/")
          .client(http)
          .addConverterFactory(new AnswerBodies(AdminClient.MAPPER))
          .validateEagerly(true)
          .build()
          .create(AdminApi.class);
    } catch (RuntimeException | LinkageError | java.io.IOException e) {
      // The real client meets the same problem and reports it.
    }
  }
}
