package io.github.dbtcloud.core.api;

import java.util.List;
import java.util.Map;
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

  /** Starts the warm-up on a daemon thread and returns at once. */
  public static void start() {
    Thread thread = new Thread(ClientWarmup::warm, "dbt-cloud-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.NORM_PRIORITY - 1);
    thread.start();
  }

  private static void warm() {
    try {
      AdminClient.MAPPER.readTree(
          "{\"data\":[{\"id\":1,\"name\":\"n\",\"on\":true}],\"extra\":{}}");
      AdminClient.MAPPER.writeValueAsString(Map.of("plan", List.of(1, "two", Map.of())));
      OkHttpClient http = new OkHttpClient.Builder().build();
      new Retrofit.Builder()
          .baseUrl("http://127.0.0.1/")
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
