package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The one door to the dbt Cloud Admin API. Unwraps the response envelope, pages lists at 100,
 * and turns every refusal into a {@link DbtCloudApiException} naming the request.
 */
public final class AdminClient implements AutoCloseable {

  /** dbt Cloud's maximum page size (§B.2). */
  public static final int PAGE_SIZE = 100;

  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

  private final OkHttpClient http;
  private final Retrofit retrofit;
  private final AdminApi api;
  private final AtomicInteger requests = new AtomicInteger();

  private AdminClient(ClientSettings settings) {
    String token = settings.token().value();
    this.http = new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addInterceptor(chain -> {
          requests.incrementAndGet();
          Request request = chain.request().newBuilder()
              .header("Authorization", "Token " + token)
              .header("Accept", "application/json")
              .header("User-Agent", settings.userAgent())
              .build();
          return chain.proceed(request);
        })
        .build();
    this.retrofit = new Retrofit.Builder()
        .baseUrl(settings.baseUrl().toString())
        .client(http)
        .addConverterFactory(JacksonConverterFactory.create(MAPPER))
        .build();
    this.api = retrofit.create(AdminApi.class);
  }

  /** A client for the account's host. */
  public static AdminClient create(ClientSettings settings) {
    return new AdminClient(settings);
  }

  /** Requests sent so far (for the apply summary and request-count checks). */
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

  /** Executes an enveloped call and returns its {@code data}, mapping refusals to {@link DbtCloudApiException}. */
  JsonNode data(Call<JsonNode> call) {
    return execute(call);
  }

  /**
   * Executes a call whose answer is not enveloped (a raw run artifact such as {@code run_results.json})
   * and returns the whole body, mapping refusals to {@link DbtCloudApiException} as {@link #data} does.
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
    return pages(offset -> api.listProjects(accountId, PAGE_SIZE, offset), n -> new Project(WireMaps.toMap(n)));
  }

  public List<Environment> listEnvironments(long accountId, long projectId) {
    return pages(offset -> api.listEnvironments(accountId, projectId, PAGE_SIZE, offset),
        n -> new Environment(WireMaps.toMap(n)));
  }

  public Environment getEnvironment(long accountId, long projectId, long id) {
    return new Environment(WireMaps.toMap(execute(api.getEnvironment(accountId, projectId, id))));
  }

  public Environment createEnvironment(long accountId, long projectId, Environment environment) {
    return new Environment(WireMaps.toMap(execute(api.createEnvironment(accountId, projectId, environment.updateBody()))));
  }

  /** Full replace: the body carries every field (credentials_id and connection_id included). */
  public Environment updateEnvironment(long accountId, long projectId, Environment environment) {
    return new Environment(WireMaps.toMap(execute(
        api.updateEnvironment(accountId, projectId, environment.id(), environment.updateBody()))));
  }

  /** Active jobs of one project. */
  public List<Job> listJobs(long accountId, long projectId) {
    return pages(offset -> api.listJobs(accountId, projectId, PAGE_SIZE, offset), n -> new Job(WireMaps.toMap(n)));
  }

  public Job getJob(long accountId, long id) {
    return new Job(WireMaps.toMap(execute(api.getJob(accountId, id))));
  }

  public Job createJob(long accountId, Job job) {
    return new Job(WireMaps.toMap(execute(api.createJob(accountId, job.body()))));
  }

  /** Full-object update (a POST, not a PATCH: §B.5). */
  public Job updateJob(long accountId, Job job) {
    return new Job(WireMaps.toMap(execute(api.updateJob(accountId, job.id(), job.body()))));
  }

  /**
   * Reads every page: {@code offset += count} until {@code total_count} is reached, stopping early
   * on an empty page (objects can be deleted between pages, §B.2).
   */
  private <T> List<T> pages(Function<Integer, Call<JsonNode>> page, Function<JsonNode, T> convert) {
    List<T> out = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode envelope = executeEnvelope(page.apply(offset));
      JsonNode data = envelope.path("data");
      int count = data.size();
      data.forEach(n -> out.add(convert.apply(n)));
      long total = envelope.path("extra").path("pagination").path("total_count").asLong(count);
      offset += count;
      if (count == 0 || offset >= total) {
        return out;
      }
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
      throw new DbtCloudApiException(0, method, path, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
    if (response.isSuccessful()) {
      JsonNode body = response.body();
      return body == null ? MAPPER.createObjectNode() : body;
    }
    throw new DbtCloudApiException(response.code(), method, path, errorMessage(response), null);
  }

  private static String errorMessage(Response<?> response) {
    try (ResponseBody body = response.errorBody()) {
      if (body == null) {
        return response.message();
      }
      String text = body.string();
      try {
        JsonNode json = MAPPER.readTree(text);
        String userMessage = json.path("status").path("user_message").asText("");
        JsonNode data = json.path("data");
        if (!userMessage.isEmpty()) {
          return data.isObject() && !data.isEmpty() ? userMessage + " " + data : userMessage;
        }
        if (json.has("detail")) {
          return json.get("detail").asText();
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    } catch (IOException e) {
      return response.message();
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
