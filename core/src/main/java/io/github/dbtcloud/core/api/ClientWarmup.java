package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Loads and initialises the client's libraries (Jackson, OkHttp with the Kotlin runtime, Retrofit
 * and its reflection over {@link AdminApi}) on two threads while the goal reads its files. In the
 * fresh JVM of a Maven build that class loading is about a third of a second, on the way to the
 * first request, and it needs nothing from the files; docs/architecture.md, "Start-up". Best
 * effort: whatever fails here is met, and reported, where the client is really built.
 */
public final class ClientWarmup {

  private ClientWarmup() {}

  /**
   * Starts the warm-up on daemon threads and returns at once. {@code tls}: whether the account is
   * reached over https (dbt Cloud itself), which makes the warm-up also load the trust store and
   * set up TLS; for an http URL (the emulator, a local proxy) the client never does, so neither
   * does the warm-up.
   */
  public static void start(boolean tls) {
    // Two threads: the JSON library and the HTTP stack need nothing from each other, and while the
    // main thread reads a small file the second core would otherwise wait with it.
    beside(ClientWarmup::json);
    beside(() -> http(tls));
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

  private static void json() {
    try {
      JsonNode page =
          JsonTrees.read(
              "{\"data\":[{\"id\":1,\"name\":\"n\",\"on\":true,\"x\":1.5}],\"extra\":{}}"
                  .getBytes(StandardCharsets.UTF_8));
      Fingerprint.of(WireMaps.toMap(page.path("data").path(0)));
    } catch (java.io.IOException e) {
      // The real client meets the same problem and reports it.
    }
  }

  /**
   * Builds the ObjectMapper that writes request bodies, and writes one: for a goal about to write,
   * on a thread of its own (see {@link #beside}) while it reads.
   */
  public static void writes() {
    try {
      Databind.MAPPER.writeValueAsBytes(Map.of("name", "n", "settings", Map.of("threads", 4)));
    } catch (java.io.IOException e) {
      // The real client meets the same problem and reports it.
    }
  }

  /**
   * OkHttp and Retrofit, its reflection over {@link AdminApi} included, with converters that are
   * never called: the real ones would wait for Jackson, which the other thread is loading.
   */
  private static void http(boolean tls) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (!tls) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    OkHttpClient http = builder.build();
    // Calls answered before they leave: OkHttp's and Retrofit's call paths, and OkHttp's one look
    // over the JVM's security providers, run here rather than in the goal's first request.
    OkHttpClient answered =
        http.newBuilder()
            .addInterceptor(
                chain ->
                    new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(ResponseBody.create("{}", MediaType.get("application/json")))
                        .build())
            .build();
    AdminApi api =
        new Retrofit.Builder()
            .baseUrl(tls ? "https://127.0.0.1/" : "http://127.0.0.1/")
            .client(answered)
            .addConverterFactory(NEVER_CALLED)
            .validateEagerly(true)
            .build()
            .create(AdminApi.class);
    try {
      api.get("api/v3/accounts/", Map.of("limit", "1")).execute();
    } catch (java.io.IOException e) {
      // as above
    }
    for (String name : CONNECTION_CLASSES) {
      try {
        Class.forName(name, true, ClientWarmup.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // another OkHttp: its first request loads its own
      }
    }
    // The JVM builds a record's equals and hashCode on their first call, from method handles it
    // assembles the first time any record needs them: that first time happens here, not in the
    // goal's first map of records.
    Probe probe = new Probe("a", 1, 2L, null);
    Probe same = new Probe("a", 1, 2L, null);
    if (probe.hashCode() != same.hashCode() || !probe.equals(same)) {
      throw new IllegalStateException("records compare by their components");
    }
  }

  /**
   * What OkHttp 4.12 loads for a call that really connects (connection, route, HTTP/1.1 codec,
   * socket streams), which no answered call reaches: loaded here, not in the first request.
   */
  private static final List<String> CONNECTION_CLASSES =
      List.of(
          "okhttp3.internal.connection.ExchangeFinder",
          "okhttp3.internal.cache.CacheStrategy$Factory",
          "okhttp3.internal.connection.RouteSelector",
          "okhttp3.internal.connection.RouteSelector$Selection",
          "okhttp3.Route",
          "okhttp3.internal.connection.RealConnection",
          "okhttp3.internal.connection.ConnectionSpecSelector",
          "okhttp3.internal.connection.RealConnection$WhenMappings",
          "okhttp3.internal.connection.RealCall$CallReference",
          "okhttp3.internal.connection.Exchange",
          "okhttp3.internal.connection.Exchange$ResponseBodySource",
          "okhttp3.internal.http1.Http1ExchangeCodec",
          "okhttp3.internal.http1.Http1ExchangeCodec$FixedLengthSource",
          "okhttp3.internal.http1.Http1ExchangeCodec$ChunkedSource",
          "okhttp3.internal.http1.HeadersReader",
          "okhttp3.internal.http.RequestLine",
          "okhttp3.internal.http.StatusLine",
          "okhttp3.internal.http.HttpHeaders",
          "okhttp3.internal.http.RealResponseBody",
          "okio.Okio",
          "okio.SocketAsyncTimeout",
          "okio.InputStreamSource",
          "okio.OutputStreamSink",
          "okio.AsyncTimeout$source$1",
          "okio.AsyncTimeout$sink$1",
          "okio.AsyncTimeout$Watchdog",
          "okio.RealBufferedSource",
          "okio.RealBufferedSink",
          "okio.ForwardingSource",
          "kotlin.ranges.IntRange");

  private record Probe(String text, int small, long large, Object other) {}

  private static final Converter.Factory NEVER_CALLED =
      new Converter.Factory() {
        @Override
        public Converter<ResponseBody, ?> responseBodyConverter(
            Type type, Annotation[] annotations, Retrofit retrofit) {
          return body -> null;
        }

        @Override
        public Converter<?, RequestBody> requestBodyConverter(
            Type type,
            Annotation[] parameterAnnotations,
            Annotation[] methodAnnotations,
            Retrofit retrofit) {
          return value -> RequestBody.create(new byte[0]);
        }
      };
}
