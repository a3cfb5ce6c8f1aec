package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.DbtCloudFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
public final class AdminClient implements AutoCloseable {

  /** dbt Cloud's maximum page size (§B.2). */
  public static final int PAGE_SIZE = 100;

  /** Pages read at the same time once the first page has told the total. */
  public static final int PAGE_PARALLELISM = 4;

  /** Times a listing is read again when it changed while being read, before giving up. */
  static final int LISTING_PASSES = 3;

  /**
   * The one ObjectMapper: unknown fields are ignored and unknown enum values read as their default
   * (§E.7).
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

  /** The host this client talks to, e.g. {@code https://ab123.us1.dbt.com/} (for messages). */
  public String baseUrl() {
    return baseUrl;
  }

  /** Requests sent so far, retries included (for the apply summary and request-count checks). */
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

  /** Checks the token can read the account; the cheapest call that proves host and token. */
  public void checkAccount(long accountId) {
    execute(api.getAccount(accountId));
  }

  public Project getProject(long accountId, long projectId) {
    return new Project(WireMaps.toMap(execute(api.getProject(accountId, projectId))));
  }

  public List<Project> listProjects(long accountId) {
    return pages(
        offset -> api.listProjects(accountId, PAGE_SIZE, offset),
        n -> new Project(WireMaps.toMap(n)));
  }

  /** Active environments of one project. */
  public List<Environment> listEnvironments(long accountId, long projectId) {
    return pages(
        offset -> api.listEnvironments(accountId, projectId, ORDER, PAGE_SIZE, offset),
        n -> new Environment(WireMaps.toMap(n)));
  }

  public Environment getEnvironment(long accountId, long projectId, long id) {
    return new Environment(WireMaps.toMap(execute(api.getEnvironment(accountId, projectId, id))));
  }

  /** Sent once: never retried, since a lost answer does not mean it was not created. */
  public Environment createEnvironment(long accountId, long projectId, Environment environment) {
    return new Environment(
        WireMaps.toMap(
            execute(api.createEnvironment(accountId, projectId, environment.updateBody()))));
  }

  /** Full replace: the body carries every field (credentials_id and connection_id included). */
  public Environment updateEnvironment(long accountId, long projectId, Environment environment) {
    return new Environment(
        WireMaps.toMap(
            execute(
                api.updateEnvironment(
                    accountId, projectId, environment.id(), environment.updateBody()))));
  }

  /** Active jobs of one project. */
  public List<Job> listJobs(long accountId, long projectId) {
    return pages(
        offset -> api.listJobs(accountId, projectId, ORDER, PAGE_SIZE, offset),
        n -> new Job(WireMaps.toMap(n)));
  }

  public Job getJob(long accountId, long id) {
    return new Job(WireMaps.toMap(execute(api.getJob(accountId, id))));
  }

  /** Sent once: never retried, since a lost answer does not mean it was not created. */
  public Job createJob(long accountId, Job job) {
    return new Job(WireMaps.toMap(execute(api.createJob(accountId, job.body()))));
  }

  /** Full-object update (a POST, not a PATCH: §B.5). */
  public Job updateJob(long accountId, Job job) {
    return new Job(WireMaps.toMap(execute(api.updateJob(accountId, job.id(), job.body()))));
  }

  /** Soft-deletes a job; dbt Cloud answers 200 with the job or 204 without a body (§F1). */
  public void deleteJob(long accountId, long id) {
    execute(api.deleteJob(accountId, id));
  }

  /**
   * The project's variables per scope, secrets masked ({@code environment-variables/environment/}).
   */
  public EnvironmentVariables environmentVariables(long accountId, long projectId) {
    return EnvironmentVariables.read(
        accountId, projectId, execute(api.environmentVariables(accountId, projectId)));
  }

  /**
   * A job's own overrides ({@code environment-variables/job/}); project and environment values are
   * left out.
   */
  public List<JobEnvironmentVariable> jobEnvironmentVariables(
      long accountId, long projectId, long jobId) {
    JsonNode data = execute(api.jobEnvironmentVariables(accountId, projectId, jobId));
    List<JobEnvironmentVariable> out = new ArrayList<>();
    data.properties()
        .forEach(
            v -> {
              JsonNode job = v.getValue().path("job");
              if (job.isObject()) {
                out.add(
                    JobEnvironmentVariable.read(
                        accountId,
                        projectId,
                        jobId,
                        v.getKey(),
                        job.path("id").isIntegralNumber() ? job.path("id").asLong() : null,
                        job.path("value").isNull() ? null : job.path("value").asText()));
              }
            });
    return out;
  }

  /** Creates a variable with its values in every scope; sent once. */
  public void createEnvironmentVariable(
      long accountId, long projectId, EnvironmentVariable variable) {
    execute(api.createEnvironmentVariable(accountId, projectId, variable.createBody()));
  }

  /**
   * Sets the scopes {@code after} holds, changing existing overrides by id and adding new ones by
   * name.
   */
  public void updateEnvironmentVariable(
      long accountId, long projectId, EnvironmentVariable before, EnvironmentVariable after) {
    execute(api.updateEnvironmentVariable(accountId, projectId, after.updateBody(before)));
  }

  /**
   * Creates a job override; sent once. Returns it with the id dbt Cloud gave it (when the answer
   * has one).
   */
  public JobEnvironmentVariable createJobEnvironmentVariable(
      long accountId, long projectId, JobEnvironmentVariable variable) {
    JsonNode answer =
        execute(api.createJobEnvironmentVariable(accountId, projectId, variable.body()));
    JsonNode id = answer.path("id");
    return id.isIntegralNumber()
        ? JobEnvironmentVariable.read(
            accountId, projectId, variable.jobId(), variable.name(), id.asLong(), variable.value())
        : variable;
  }

  public JobEnvironmentVariable updateJobEnvironmentVariable(
      long accountId, long projectId, JobEnvironmentVariable variable) {
    execute(api.updateJobEnvironmentVariable(accountId, projectId, variable.id(), variable.body()));
    return variable;
  }

  /**
   * Reads a whole listing. The first page tells the total; the others are read in parallel and
   * joined in offset order, stopping at the first empty one (objects can be deleted between pages,
   * §B.2). When the listing changed while it was read (the total moved, an object shifted to
   * another page, or a page came back empty too early) it is read again: a listing with a gap would
   * plan a duplicate of whatever fell into it.
   */
  private <T> List<T> pages(IntFunction<Call<JsonNode>> page, Function<JsonNode, T> convert) {
    Listing listing = null;
    for (int pass = 1; pass <= LISTING_PASSES; pass++) {
      listing = readListing(page);
      if (listing.consistent()) {
        List<T> out = new ArrayList<>();
        listing.items().forEach(n -> out.add(convert.apply(n)));
        return out;
      }
      console.debug(
          "the listing "
              + listing.path()
              + " changed while it was read ("
              + listing.problem()
              + "); reading it again");
    }
    throw new DbtCloudFailure(
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

  private Listing readListing(IntFunction<Call<JsonNode>> page) {
    Call<JsonNode> firstCall = page.apply(0);
    String path = firstCall.request().url().encodedPath();
    JsonNode first = executeEnvelope(firstCall);
    List<JsonNode> items = new ArrayList<>();
    first.path("data").forEach(items::add);
    long total = totalOf(first, items.size());
    int step = items.size();
    if (step == 0 || items.size() >= total) {
      return Listing.of(path, items, total, total, false);
    }
    List<Future<JsonNode>> rest = new ArrayList<>();
    for (long offset = step; offset < total; offset += step) {
      Call<JsonNode> call = page.apply((int) offset);
      rest.add(pageReader.submit(() -> executeEnvelope(call)));
    }
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
      data.forEach(items::add);
    }
    return Listing.of(path, items, total, lastTotal, emptyPage);
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
  private record Listing(String path, List<JsonNode> items, String problem) {

    static Listing of(
        String path, List<JsonNode> items, long firstTotal, long lastTotal, boolean emptyPage) {
      Set<Object> ids = new HashSet<>();
      boolean duplicates = false;
      for (JsonNode n : items) {
        duplicates |= n.has("id") && !ids.add(n.get("id").asText());
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
      return new Listing(path, items, problem);
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
