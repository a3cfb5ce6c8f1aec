package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;

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
   * a snapshot: the 99 pages after the first of a 10,000-job account go out in one round trip (two
   * in all, the read's floor), well within the rate limiter's burst; over HTTP/2 they share one
   * connection.
   */
  public static final int PAGE_PARALLELISM = 100;

  /** Times a listing is read again when it changed while being read, before giving up. */
  static final int LISTING_PASSES = 3;

  private static final String ORDER = "id";

  private final OkHttpClient http;
  private final Retrofit retrofit;
  private final AdminApi api;
  private final Console console;
  private final Redactor redactor;
  private final AtomicInteger requests = new AtomicInteger();
  private final ThreadPoolExecutor pageReader;
  private final String baseUrl;
  private final ClientSettings settings;
  private final Heartbeat heartbeat;
  private final CpuTurns turns;
  private volatile Duration readsExpired;

  private AdminClient(
      ClientSettings settings, Console console, Duration heartbeatPeriod, CpuTurns turns) {
    this.settings = settings;
    this.turns = turns;
    this.heartbeat = new Heartbeat(console, heartbeatPeriod, HttpStack.callTimeout(settings));
    this.console = console;
    this.redactor = new Redactor(settings.token());
    this.baseUrl = settings.baseUrl().toString();
    this.http =
        HttpStack.build(
            settings, console, "Token", HttpStack.limiter(settings), requests, settings.baseUrl());
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(settings.baseUrl().toString())
            .client(http)
            .addConverterFactory(new AnswerBodies(turns))
            .build();
    this.api = retrofit.create(AdminApi.class);
    // A page goes to an idle page thread if one waits, else to a new one, up to PAGE_PARALLELISM;
    // past that the submitting thread waits for one to be free. Threads started ahead of time
    // (expectPages) are the pool's core: they wait for pages rather than being started again.
    this.pageReader =
        new ThreadPoolExecutor(
            0,
            PAGE_PARALLELISM,
            30L,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "dbt-cloud-pages");
              t.setDaemon(true);
              return t;
            },
            AdminClient::waitForAPageThread);
  }

  /** Page threads alive now, idle or reading. */
  int pageThreads() {
    return pageReader.getPoolSize();
  }

  private static void waitForAPageThread(Runnable page, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      throw new DbtCloudApiException(
          0, "GET", "(page)", "the client was closed while reading a listing", null);
    }
    try {
      pool.getQueue().put(page);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DbtCloudApiException(0, "GET", "(page)", "interrupted while reading a listing", e);
    }
  }

  /**
   * Starts up to {@code pages} page threads on a thread of its own. Starting a thread costs about a
   * third of a millisecond of a fresh JVM's CPU, so the 99 a listing of 10,000 jobs needs would
   * hold its last page request back by 35 to 50 ms if they were started one by one as the pages are
   * sent; started here, they are ready while the first page is on its way.
   */
  @Override
  public synchronized void expectPages(int pages) {
    int wanted = Math.min(pages, PAGE_PARALLELISM);
    if (wanted <= pageReader.getCorePoolSize() || pageReader.isShutdown()) {
      return;
    }
    pageReader.setCorePoolSize(wanted);
    Thread starter = new Thread(pageReader::prestartAllCoreThreads, "dbt-cloud-pages-starter");
    starter.setDaemon(true);
    starter.start();
  }

  /** A client for the account's host that logs nothing. */
  public static AdminClient create(ClientSettings settings) {
    return new AdminClient(settings, Console.silent(), Heartbeat.PERIOD, CpuTurns.PROCESS);
  }

  /** A client for the account's host; HTTP traces (redacted) go to the console's debug level. */
  public static AdminClient create(ClientSettings settings, Console console) {
    return new AdminClient(settings, console, Heartbeat.PERIOD, CpuTurns.PROCESS);
  }

  /** A client whose "still waiting" lines come every {@code heartbeat} (tests: short). */
  static AdminClient create(ClientSettings settings, Console console, Duration heartbeat) {
    return new AdminClient(settings, console, heartbeat, CpuTurns.PROCESS);
  }

  /** A client that parses and converts answers in {@code turns} (tests: turns of their own). */
  static AdminClient create(ClientSettings settings, CpuTurns turns) {
    return new AdminClient(settings, Console.silent(), Heartbeat.PERIOD, turns);
  }

  /**
   * Runs {@code reads} within {@code limit}: when it is exceeded, every call in flight is cancelled
   * and no new one starts, and the reads fail saying so, however many calls and retries they were
   * made of (a slow server must not hold a pipeline for hours, one call deadline at a time). Null
   * or zero means no limit.
   *
   * @param setting the setting that gave the limit, for the message ({@code dbt.readTimeout})
   */
  public <T> T within(Duration limit, String setting, Supplier<T> reads) {
    if (limit == null || limit.isZero() || limit.isNegative()) {
      return reads.get();
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dbt-cloud-read-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.schedule(
        () -> {
          readsExpired = limit;
          http.dispatcher().cancelAll();
        },
        limit.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      T out = reads.get();
      if (readsExpired != null) {
        throw readsTookTooLong(setting, null);
      }
      return out;
    } catch (RuntimeException e) {
      if (readsExpired != null) {
        throw readsTookTooLong(setting, e);
      }
      throw e;
    } finally {
      timer.shutdownNow();
      readsExpired = null;
    }
  }

  private DbtCloudException readsTookTooLong(String setting, Throwable cause) {
    return new DbtCloudException(
        "reading dbt Cloud at "
            + baseUrl
            + " took longer than "
            + io.github.dbtcloud.core.Durations.format(readsExpired)
            + " ("
            + setting
            + "), so it was stopped and nothing was planned or applied. dbt Cloud (or a proxy"
            + " in the way) is answering very slowly; check its status page, or raise "
            + setting
            + " (e.g. -D"
            + setting
            + "=30m) for a very large account.",
        cause);
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
    return executeEnvelope(call, Answers.Shape.ANY).path("data");
  }

  /**
   * Executes a call whose answer is not enveloped (a raw run artifact such as {@code
   * run_results.json}) and returns the whole body, mapping refusals to {@link DbtCloudApiException}
   * as {@link #data} does.
   */
  JsonNode raw(Call<JsonNode> call) {
    return executeEnvelope(call, Answers.Shape.RAW);
  }

  @Override
  public Map<String, Object> get(String path, Map<String, String> query) {
    return WireMaps.toMap(execute(api.get(path, query), Answers.Shape.OBJECT));
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    return list(path, query, 0);
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query, int expected) {
    return pages(
        offset -> {
          Map<String, String> q = new LinkedHashMap<>(query);
          q.putIfAbsent("order_by", ORDER);
          q.put("limit", String.valueOf(PAGE_SIZE));
          q.put("offset", String.valueOf(offset));
          return api.get(path, q);
        },
        WireMaps::toMap,
        expected);
  }

  @Override
  public Map<String, Object> create(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.create(path, body), Answers.Shape.CREATED));
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.update(path, body), Answers.Shape.WRITTEN));
  }

  @Override
  public Map<String, Object> replace(String path, Map<String, Object> body) {
    return WireMaps.toMap(execute(api.replace(path, body), Answers.Shape.WRITTEN));
  }

  @Override
  public void delete(String path) {
    execute(api.delete(path), Answers.Shape.DELETED);
  }

  /**
   * Reads a whole listing. The first page tells the total (the pages {@code expected} objects fill
   * are asked for with it); the others are read in parallel and joined in offset order, stopping at
   * the first empty one (objects can be deleted between pages, docs/wire-format.md#pagination).
   * When the listing changed while it was read (the total moved, an object shifted to another page,
   * or a page came back empty too early) it is read again: a listing with a gap would plan a
   * duplicate of whatever fell into it.
   */
  private <T> List<T> pages(
      IntFunction<Call<JsonNode>> page, Function<JsonNode, T> convert, int expected) {
    Listing<T> listing = null;
    for (int pass = 1; pass <= LISTING_PASSES; pass++) {
      // Only the first pass guesses: a listing read again has just changed.
      listing = readListing(page, convert, pass == 1 ? expected : 0);
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
   * One pass over a listing. Each page is converted by the thread that read it and its JSON tree
   * dropped there, so pages answered before they are awaited wait as wire objects, not as trees,
   * and a listing of 50,000 jobs is never held twice; only the ids are kept to check it.
   */
  private <T> Listing<T> readListing(
      IntFunction<Call<JsonNode>> page, Function<JsonNode, T> convert, int expected) {
    Call<JsonNode> firstCall = page.apply(0);
    String path = firstCall.request().url().encodedPath();
    // The pages the expected objects fill go out with the first: one round trip, not two. They
    // are the very requests the total would call for, so a listing read with them is checked as
    // one read without them. A guessed page past the total is not used, but waited for: it went
    // out with the first, so it costs no round trip, and no request of a listing outlives it.
    Map<Long, Future<Page<T>>> guessed = new HashMap<>();
    long guessedEnd = Math.min((long) expected, (long) PAGE_SIZE * (PAGE_PARALLELISM + 1));
    JsonNode first;
    List<Future<Page<T>>> rest = new ArrayList<>();
    long total;
    try {
      for (long offset = PAGE_SIZE; offset < guessedEnd; offset += PAGE_SIZE) {
        guessed.put(offset, readPage(page, offset, convert));
      }
      first = executeEnvelope(firstCall, Answers.Shape.PAGE);
      int step = first.path("data").size();
      total = totalOf(first, step);
      if (step > 0 && step < total) {
        for (long offset = step; offset < total; offset += step) {
          // a server that pages by fewer than asked for cuts its pages elsewhere than guessed
          Future<Page<T>> read = step == PAGE_SIZE ? guessed.remove(offset) : null;
          rest.add(read != null ? read : readPage(page, offset, convert));
        }
      }
    } catch (RuntimeException e) {
      guessed.values().forEach(unused -> unused.cancel(false));
      throw e;
    }
    List<T> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    turns.run(() -> Page.of(first, convert)).addTo(items, ids);
    boolean emptyPage = false;
    long lastTotal = total;
    for (Future<Page<T>> f : rest) {
      Page<T> read = await(f);
      if (emptyPage) {
        continue;
      }
      if (read.items().isEmpty()) {
        emptyPage = true;
        continue;
      }
      lastTotal = read.total() < 0 ? lastTotal : read.total();
      read.addTo(items, ids);
    }
    guessed.values().forEach(AdminClient::settle);
    return Listing.of(path, items, ids, total, lastTotal, emptyPage);
  }

  private <T> Future<Page<T>> readPage(
      IntFunction<Call<JsonNode>> page, long offset, Function<JsonNode, T> convert) {
    Call<JsonNode> call = page.apply((int) offset);
    return pageReader.submit(
        () -> {
          JsonNode envelope = executeEnvelope(call, Answers.Shape.PAGE);
          return turns.run(() -> Page.of(envelope, convert));
        });
  }

  /** One page converted: its objects, their ids, and the total it gave (-1: none). */
  private record Page<T>(List<T> items, List<String> ids, long total) {

    static <T> Page<T> of(JsonNode envelope, Function<JsonNode, T> convert) {
      JsonNode data = envelope.path("data");
      List<T> items = new ArrayList<>(data.size());
      List<String> ids = new ArrayList<>(data.size());
      for (JsonNode n : data) {
        ids.add(n.has("id") ? n.get("id").asText() : null);
        items.add(convert.apply(n));
      }
      return new Page<>(items, ids, totalOf(envelope, -1));
    }

    void addTo(List<T> allItems, List<String> allIds) {
      allItems.addAll(items);
      allIds.addAll(ids);
    }
  }

  private static long totalOf(JsonNode envelope, long fallback) {
    JsonNode total = envelope.path("extra").path("pagination").path("total_count");
    return total.isIntegralNumber() ? total.asLong() : fallback;
  }

  /** Waits for a page that is not used, whatever its answer. */
  private static void settle(Future<?> unused) {
    try {
      unused.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      // not used: its answer, or its failure, changes nothing
    }
  }

  private static <T> T await(Future<T> f) {
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

  private JsonNode execute(Call<JsonNode> call, Answers.Shape shape) {
    return executeEnvelope(call, shape).path("data");
  }

  /**
   * Sends a call and checks its answer ({@link Answers}). An answer that cannot be used is asked
   * for again when the call may be repeated (a proxy's or an incident's answer is often brief), up
   * to three times in all; a create is never sent twice.
   */
  private JsonNode executeEnvelope(Call<JsonNode> call, Answers.Shape shape) {
    boolean repeatable = Idempotency.retryable(call.request());
    int attempts = repeatable ? Math.min(3, settings.retry().maxAttempts()) : 1;
    for (int attempt = 1; ; attempt++) {
      Call<JsonNode> sent = attempt == 1 ? call : call.clone();
      try {
        return executeOnce(sent, shape);
      } catch (MalformedAnswerException e) {
        if (attempt >= attempts) {
          throw e;
        }
        Duration wait = settings.retry().backoff(attempt, Math.random());
        console.warn(
            e.userMessage()
                + " (answer to "
                + e.method()
                + " "
                + e.path()
                + "); asking again in "
                + wait.toMillis()
                + " ms, attempt "
                + (attempt + 1)
                + " of "
                + attempts);
        try {
          settings.sleeper().sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private JsonNode executeOnce(Call<JsonNode> call, Answers.Shape shape) {
    String method = call.request().method();
    String path = call.request().url().encodedPath();
    if (readsExpired != null) {
      throw new DbtCloudApiException(
          0, method, path, "not sent: the time allowed for reading ran out", null);
    }
    Response<JsonNode> response;
    long started = System.nanoTime();
    try (AutoCloseable tracked = heartbeat.track(method + " " + path)) {
      response = call.execute();
    } catch (IOException e) {
      throw noAnswer(method, path, e, Duration.ofNanos(System.nanoTime() - started));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception closing) {
      throw new IllegalStateException(closing);
    }
    if (response.isSuccessful()) {
      return Answers.checked(response.code(), method, path, response.body(), shape, redactor);
    }
    String text = null;
    try (ResponseBody error = response.errorBody()) {
      text = error == null ? null : AnswerBodies.errorText(error);
    } catch (IOException unreadable) {
      // the status alone still says what happened
    }
    int code = response.code();
    if (code >= 300 && code < 400) {
      throw redirected(code, method, path, response.headers().get("Location"));
    }
    DbtCloudApiException refusal =
        Envelope.refusal(code, method, path, text, response.message(), redactor);
    String retryAfter = response.headers().get("Retry-After");
    if (retryAfter != null && (code == 429 || code == 503)) {
      throw withRetryAfter(refusal, retryAfter);
    }
    if (text != null && !text.isBlank() && AnswerBodies.isHtml(null, text)) {
      throw new DbtCloudApiException(code, method, path, AnswerBodies.html(text), null);
    }
    throw refusal;
  }

  private DbtCloudApiException withRetryAfter(DbtCloudApiException refusal, String retryAfter) {
    Duration cap = settings.retry().maxTotal();
    Duration asked =
        new RetryInterceptor(
                settings.retry(), settings.sleeper(), settings.clock(), () -> 0, console)
            .retryAfter(retryAfter);
    String note =
        " The server asked to wait (Retry-After: "
            + AnswerBodies.shown(redactor.redact(retryAfter))
            + ")"
            + (asked == null
                ? ""
                : asked.compareTo(cap) > 0
                    ? ", longer than the "
                        + io.github.dbtcloud.core.Durations.format(cap)
                        + " one call may wait in all (dbt.callTimeout), so the build did not wait."
                        + " Run again after "
                        + io.github.dbtcloud.core.Durations.format(asked)
                    : ", within the "
                        + io.github.dbtcloud.core.Durations.format(cap)
                        + " one call may wait (dbt.callTimeout), and the retries ran out")
            + ".";
    return new DbtCloudApiException(
        refusal.status(),
        refusal.method(),
        refusal.path(),
        refusal.userMessage() + note,
        refusal.fieldErrors(),
        null);
  }

  private DbtCloudApiException redirected(int code, String method, String path, String location) {
    return new DbtCloudApiException(
        code,
        method,
        path,
        "a redirect to "
            + (location == null ? "(no Location header)" : redactor.redact(location))
            + ", not followed: the token is only ever sent to "
            + baseUrl
            + ". If the account moved, set account.host (or dbt.baseUrl) to its new URL;"
            + " otherwise a proxy in the way is redirecting (to a login page?)",
        null);
  }

  private DbtCloudApiException noAnswer(String method, String path, IOException e, Duration took) {
    Duration deadline = HttpStack.callTimeout(settings);
    String what =
        redactor.redact(
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    if (readsExpired != null) {
      what = "stopped: the time allowed for reading ran out";
    } else if (e instanceof InterruptedIOException
        && !deadline.isZero()
        && took.compareTo(deadline.minusMillis(250)) >= 0) {
      what =
          "no complete answer within "
              + io.github.dbtcloud.core.Durations.format(deadline)
              + ", the deadline of one call with its retries (dbt.callTimeout); the server accepted"
              + " the connection but answered too slowly or not at all";
    }
    return new DbtCloudApiException(0, method, path, what, e);
  }

  @Override
  public void close() {
    heartbeat.close();
    pageReader.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
