package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The one door to the dbt Cloud Admin API. Unwraps the response envelope, reads lists in 100-item
 * pages (the pages after the first in parallel), and turns every refusal into a {@link
 * DbtCloudApiException} naming the request. Reads and full-object updates are retried ({@link
 * RetryPolicy}); a create is sent exactly once, so a lost answer can never make a duplicate.
 */
public final class AdminClient implements WireApi, AutoCloseable {

  /** dbt Cloud's maximum page size (docs/wire-format.md#pagination). */
  public static final int PAGE_SIZE = 100;

  /**
   * Pages read at the same time once the first page has told the total, across all the listings of
   * a snapshot: 10,000 jobs (100 pages) in about four round trips after the first page, well within
   * the rate limiter's burst.
   */
  public static final int PAGE_PARALLELISM = 32;

  /** Times a listing is read again when it changed while being read, before giving up. */
  static final int LISTING_PASSES = 3;

  /**
   * The one ObjectMapper: unknown fields are ignored and unknown enum values read as their default,
   * because dbt Cloud adds fields and enum values without notice.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

  private static final String ORDER = "id";

  private final OkHttpClient http;
  private final Retrofit retrofit;
  private final AdminApi api;
  private final Console console;
  private final Redactor redactor;
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService pageReader;
  private final String baseUrl;

  private AdminClient(ClientSettings settings, Console console) {
    this.console = console;
    this.redactor = new Redactor(settings.token());
    this.baseUrl = settings.baseUrl().toString();
    this.http = HttpStack.build(settings, console, "Token", HttpStack.limiter(settings), requests);
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(settings.baseUrl().toString())
            .client(http)
            .addConverterFactory(JacksonConverterFactory.create(MAPPER))
            .build();
    this.api = retrofit.create(AdminApi.class);
    this.pageReader =
        Executors.newFixedThreadPool(
            PAGE_PARALLELISM,
            r -> {
              Thread t = new Thread(r, "dbt-cloud-pages");
              t.setDaemon(true);
              return t;
            });
  }

  /** A client for the account's host that logs nothing. */
  public static AdminClient create(ClientSettings settings) {
    return new AdminClient(settings, Console.silent());
  }

  /** A client for the account's host; HTTP traces (redacted) go to the console's debug level. */
  public static AdminClient create(ClientSettings settings, Console console) {
    return new AdminClient(settings, console);
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public int requestCount() {
    return requests.get();
  }

  /**
   * A Retrofit service on this client's connection (same host, token, limits and retries), for the
   * sibling facades of this package (runs, artifacts) that add their own package-private interface.
   */
  <T> T service(Class<T> type) {
    return retrofit.create(type);
  }

  /**
   * Executes an enveloped call and returns its {@code data}, mapping refusals to {@link
   * DbtCloudApiException}.
   */
  JsonNode data(Call<JsonNode> call) {
    return execute(call);
  }

  /**
   * Executes a call whose answer is not enveloped (a raw run artifact such as {@code
   * run_results.json}) and returns the whole body, mapping refusals to {@link DbtCloudApiException}
   * as {@link #data} does.
   */
  JsonNode raw(Call<JsonNode> call) {
    return executeEnvelope(call);
  }

  @Override
  public Map<String, Object> get(String path, Map<String, String> query) {
    return WireMaps.toMap(execute(api.get(path, query)));
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    return pages(
        offset -> {
          Map<String, String> q = new LinkedHashMap<>(query);
          q.putIfAbsent("order_by", ORDER);
          q.put("limit", String.valueOf(PAGE_SIZE));
          q.put("offset", String.valueOf(offset));
          return api.get(path, q);
        },
        WireMaps::toMap);
  }

  @Override
  public Map<String, Object> create(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.create(path, body)));
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.update(path, body)));
  }

  @Override
  public Map<String, Object> replace(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.replace(path, body)));
  }

  @Override
  public void delete(String path) {
    execute(api.delete(path));
  }

  /**
   * Reads a whole listing. The first page tells the total; the others are read in parallel and
   * joined in offset order, stopping at the first empty one (objects can be deleted between pages,
   * docs/wire-format.md#pagination). When the listing changed while it was read (the total moved,
   * an object shifted to another page, or a page came back empty too early) it is read again: a
   * listing with a gap would plan a duplicate of whatever fell into it.
   */
  private <T> List<T> pages(IntFunction<Call<JsonNode>> page, Function<JsonNode, T> convert) {
    Listing<T> listing = null;
    for (int pass = 1; pass <= LISTING_PASSES; pass++) {
      listing = readListing(page, convert);
      if (listing.consistent()) {
        return listing.items();
      }
      console.debug(
          "the listing "
              + listing.path()
              + " changed while it was read ("
              + listing.problem()
              + "); reading it again");
    }
    throw new DbtCloudException(
        "dbt Cloud's listing "
            + listing.path()
            + " kept changing while it was read ("
            + listing.problem()
            + ", "
            + LISTING_PASSES
            + " attempts). A plan from it could miss objects and"
            + " duplicate them, so none was made. Run again once the account is quiet (another apply or a"
            + " script may be creating or deleting objects right now).");
  }

  /**
   * One pass over a listing. Each page is converted as soon as it is awaited and its JSON tree
   * dropped, so a listing of 50,000 jobs is never held twice; only the ids are kept to check it.
   */
  private <T> Listing<T> readListing(
      IntFunction<Call<JsonNode>> page, Function<JsonNode, T> convert) {
    Call<JsonNode> firstCall = page.apply(0);
    String path = firstCall.request().url().encodedPath();
    JsonNode first = executeEnvelope(firstCall);
    List<T> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int step = first.path("data").size();
    long total = totalOf(first, step);
    List<Future<JsonNode>> rest = new ArrayList<>();
    if (step > 0 && step < total) {
      for (long offset = step; offset < total; offset += step) {
        Call<JsonNode> call = page.apply((int) offset);
        rest.add(pageReader.submit(() -> executeEnvelope(call)));
      }
    }
    take(first.path("data"), items, ids, convert);
    boolean emptyPage = false;
    long lastTotal = total;
    for (Future<JsonNode> f : rest) {
      JsonNode envelope = await(f);
      if (emptyPage) {
        continue;
      }
      JsonNode data = envelope.path("data");
      if (data.isEmpty()) {
        emptyPage = true;
        continue;
      }
      lastTotal = totalOf(envelope, lastTotal);
      take(data, items, ids, convert);
    }
    return Listing.of(path, items, ids, total, lastTotal, emptyPage);
  }

  private static <T> void take(
      JsonNode data, List<T> items, List<String> ids, Function<JsonNode, T> convert) {
    for (JsonNode n : data) {
      ids.add(n.has("id") ? n.get("id").asText() : null);
      items.add(convert.apply(n));
    }
  }

  private static long totalOf(JsonNode envelope, long fallback) {
    JsonNode total = envelope.path("extra").path("pagination").path("total_count");
    return total.isIntegralNumber() ? total.asLong() : fallback;
  }

  private static JsonNode await(Future<JsonNode> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DbtCloudApiException(0, "GET", "(page)", "interrupted while reading a listing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** One read of a listing, and whether it holds together. */
  private record Listing<T>(String path, List<T> items, String problem) {

    static <T> Listing<T> of(
        String path,
        List<T> items,
        List<String> ids,
        long firstTotal,
        long lastTotal,
        boolean emptyPage) {
      Set<String> seen = new HashSet<>();
      boolean duplicates = false;
      for (String id : ids) {
        duplicates |= id != null && !seen.add(id);
      }
      String problem = null;
      if (firstTotal != lastTotal) {
        problem = "total_count went from " + firstTotal + " to " + lastTotal;
      } else if (duplicates) {
        problem = "an object showed up on two pages";
      } else if (items.size() < firstTotal) {
        problem =
            "total_count "
                + firstTotal
                + " but "
                + items.size()
                + " objects"
                + (emptyPage ? " before an empty page" : "");
      }
      return new Listing<>(path, items, problem);
    }

    boolean consistent() {
      return problem == null;
    }
  }

  private JsonNode execute(Call<JsonNode> call) {
    return executeEnvelope(call).path("data");
  }

  private JsonNode executeEnvelope(Call<JsonNode> call) {
    String method = call.request().method();
    String path = call.request().url().encodedPath();
    Response<JsonNode> response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw new DbtCloudApiException(
          0,
          method,
          path,
          redactor.redact(
              e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())),
          e);
    }
    if (response.isSuccessful()) {
      JsonNode body = response.body();
      return body == null ? MAPPER.createObjectNode() : body;
    }
    String text = null;
    try (ResponseBody error = response.errorBody()) {
      text = error == null ? null : error.string();
    } catch (IOException unreadable) {
      // the status alone still says what happened
    }
    throw Envelope.refusal(response.code(), method, path, text, response.message(), redactor);
  }

  @Override
  public void close() {
    pageReader.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
