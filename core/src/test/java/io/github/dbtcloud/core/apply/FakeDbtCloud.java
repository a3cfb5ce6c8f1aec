package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.plan.ResourceKinds;
import io.github.dbtcloud.core.remote.SnapshotReader;
import io.github.dbtcloud.core.resource.Snapshot;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import io.github.dbtcloud.core.resource.job.JobVariableApi;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariable;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariableApi;
import io.github.dbtcloud.core.resource.variable.EnvironmentVariables;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-memory dbt Cloud project for the applier's tests, behind the Admin API's wire calls:
 * objects get ids and {@code updated_at} as dbt Cloud gives them, every call counts as a request,
 * and faults can be queued per operation, each either refusing the call or committing it and then
 * losing the answer.
 */
final class FakeDbtCloud implements WireApi {

  static final long ACCOUNT = 1L;
  static final long PROJECT = 2L;

  private static final Pattern ROUTE =
      Pattern.compile(
          "api/v[23]/accounts/\\d+/(?:projects/(\\d+)/)?"
              + "(environments|jobs|environment-variables)?/?(.*?)/?$");

  private final Map<Long, Environment> environments = new LinkedHashMap<>();
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> variables = new LinkedHashMap<>();
  private final Map<Long, Map<String, Map<String, Object>>> overrides = new LinkedHashMap<>();
  private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(100);
  private final AtomicLong clock = new AtomicLong(1);
  private final AtomicInteger requests = new AtomicInteger();
  final List<String> writes = new CopyOnWriteArrayList<>();
  private Consumer<String> onCall = op -> {};

  /** A fault on the next call of {@code operation} (e.g. {@code createJob}). */
  record Fault(int status, boolean commit) {}

  FakeDbtCloud() {
    environment("Development", "development");
  }

  /** Queues a fault for the next call of an operation. */
  synchronized FakeDbtCloud fail(String operation, int status, boolean commit) {
    faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Fault(status, commit));
    return this;
  }

  /** Runs before every call, with the operation's name (to raise a stop, or wait for a peer). */
  FakeDbtCloud onCall(Consumer<String> action) {
    this.onCall = action;
    return this;
  }

  synchronized Environment environment(String name, String type) {
    Map<String, Object> f =
        new LinkedHashMap<>(
            Environment.draft(ACCOUNT, PROJECT).withName(name).withType(type).fields());
    return store(new Environment(f));
  }

  /** An environment changed in the UI. */
  synchronized Environment byHand(Environment environment) {
    return store(environment);
  }

  synchronized Job job(Job job) {
    return store(job);
  }

  synchronized List<Job> jobs() {
    return List.copyOf(jobs.values());
  }

  synchronized List<Environment> environments() {
    return List.copyOf(environments.values());
  }

  /** A job deleted by hand in dbt Cloud. */
  synchronized void deleteJob(long id) {
    jobs.remove(id);
  }

  /** A job's overrides, read through the wire as the plugin reads them. */
  List<JobEnvironmentVariable> jobEnvironmentVariables(long projectId, long jobId) {
    return new JobVariableApi(this, ACCOUNT, projectId).list(jobId);
  }

  /** The project's variables, read through the wire as the plugin reads them. */
  EnvironmentVariables environmentVariables(long projectId) {
    return new EnvironmentVariableApi(this, ACCOUNT, projectId).read();
  }

  /** What a plan reads: this project as the key {@code shop} (reads count as requests). */
  Snapshot snapshot(DesiredState desired) {
    return new SnapshotReader(this, ResourceKinds.all()).read(desired, Set.of());
  }

  // ------------------------------------------------------------------ WireApi

  @Override
  public String baseUrl() {
    return "http://fake/";
  }

  @Override
  public int requestCount() {
    return requests.get();
  }

  @Override
  public Map<String, Object> get(String path, Map<String, String> query) {
    Route r = route(path);
    if (r.collection() == null && r.project() != null) {
      call("getProject");
      return Map.of("id", PROJECT, "name", "Shop");
    }
    switch (r.collection()) {
      case "environments" -> {
        call("getEnvironment");
        synchronized (this) {
          return found(environments.get(r.id()), "GET", path).fields();
        }
      }
      case "jobs" -> {
        call("getJob");
        synchronized (this) {
          return found(jobs.get(r.id()), "GET", path).fields();
        }
      }
      default -> {
        if (r.rest().equals("environment")) {
          call("environmentVariables");
          synchronized (this) {
            return variablesView();
          }
        }
        call("jobEnvironmentVariables");
        synchronized (this) {
          Map<String, Object> out = new LinkedHashMap<>();
          overrides
              .getOrDefault(Long.parseLong(query.get("job_definition_id")), Map.of())
              .forEach(
                  (name, o) ->
                      out.put(
                          name,
                          Map.of("job", Map.of("id", o.get("id"), "value", o.get("raw_value")))));
          return out;
        }
      }
    }
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    Route r = route(path);
    if (r.collection() == null) {
      call("listProjects");
      return List.of(Map.of("id", PROJECT, "name", "Shop"));
    }
    if (r.collection().equals("environments")) {
      call("listEnvironments");
      return environments().stream().map(Environment::fields).toList();
    }
    call("listJobs");
    return jobs().stream().map(Job::fields).toList();
  }

  @Override
  public Map<String, Object> create(String path, Map<String, Object> body) {
    Route r = route(path);
    switch (r.collection()) {
      case "environments" -> {
        return write("createEnvironment", "POST", path, () -> store(new Environment(body)))
            .fields();
      }
      case "jobs" -> {
        return write("createJob", "POST", path, () -> store(new Job(body))).fields();
      }
      default -> {
        if (r.rest().equals("bulk")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> envVar = (Map<String, Object>) body.get("env_var");
          return write(
              "createEnvironmentVariable",
              "POST",
              path,
              () -> {
                Map<String, String> values = new LinkedHashMap<>();
                envVar.forEach(
                    (k, v) -> {
                      if (!k.equals("new_name")) {
                        values.put(k, String.valueOf(v));
                      }
                    });
                variables.put((String) envVar.get("new_name"), values);
                return Map.of("message", "ok");
              });
        }
        return write(
            "createJobEnvironmentVariable",
            "POST",
            path,
            () -> {
              Map<String, Object> stored = new LinkedHashMap<>(body);
              stored.put("id", ids.incrementAndGet());
              overrides
                  .computeIfAbsent(
                      ((Number) body.get("job_definition_id")).longValue(),
                      k -> new LinkedHashMap<>())
                  .put((String) body.get("name"), stored);
              return Map.copyOf(stored);
            });
      }
    }
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    Route r = route(path);
    switch (r.collection()) {
      case "environments" -> {
        return write("updateEnvironment", "POST", path, () -> store(new Environment(body)))
            .fields();
      }
      case "jobs" -> {
        return write(
                "updateJob",
                "POST",
                path,
                () -> {
                  found(jobs.get(r.id()), "POST", path);
                  return store(new Job(body));
                })
            .fields();
      }
      default -> {
        return write(
            "updateJobEnvironmentVariable",
            "POST",
            path,
            () -> {
              Map<String, Object> stored = new LinkedHashMap<>(body);
              stored.put("id", r.id());
              overrides
                  .computeIfAbsent(
                      ((Number) body.get("job_definition_id")).longValue(),
                      k -> new LinkedHashMap<>())
                  .put((String) body.get("name"), stored);
              return Map.copyOf(stored);
            });
      }
    }
  }

  @Override
  public Map<String, Object> replace(String path, Map<String, Object> body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> envVars = (Map<String, Object>) body.get("env_vars");
    return write(
        "updateEnvironmentVariable",
        "PUT",
        path,
        () -> {
          String name = (String) envVars.get("name");
          Map<String, String> values = variables.computeIfAbsent(name, k -> new LinkedHashMap<>());
          envVars.forEach(
              (key, value) -> {
                if (key.equals("name")) {
                  return;
                }
                String scope =
                    values.keySet().stream()
                        .filter(s -> String.valueOf(scopeId(name, s)).equals(key))
                        .findFirst()
                        .orElse(key);
                values.put(scope, String.valueOf(value));
              });
          return Map.of("message", "ok");
        });
  }

  @Override
  public void delete(String path) {
    Route r = route(path);
    write("deleteJob", "DELETE", path, () -> found(jobs.remove(r.id()), "DELETE", path));
  }

  // ------------------------------------------------------------------ internals

  /** A path's parts: the project, the collection, and what follows it (an id, or a view name). */
  private record Route(Long project, String collection, String rest) {
    long id() {
      return Long.parseLong(rest);
    }
  }

  private static Route route(String path) {
    Matcher m = ROUTE.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException("the fake has no route for " + path);
    }
    return new Route(
        m.group(1) == null ? null : Long.parseLong(m.group(1)), m.group(2), m.group(3));
  }

  private void call(String operation) {
    requests.incrementAndGet();
    onCall.accept(operation);
  }

  private <T> T write(String operation, String method, String path, Supplier<T> commit) {
    call(operation);
    Fault fault;
    synchronized (this) {
      Deque<Fault> queued = faults.get(operation);
      fault = queued == null ? null : queued.poll();
    }
    if (fault != null && !fault.commit()) {
      throw error(fault.status(), method, path);
    }
    T result;
    synchronized (this) {
      result = commit.get();
    }
    writes.add(method + " " + shortPath(path));
    if (fault != null) {
      throw error(fault.status(), method, path);
    }
    return result;
  }

  /** {@code /jobs/101/} for {@code api/v2/accounts/1/jobs/101/}: what the tests assert on. */
  private static String shortPath(String path) {
    Route r = route(path);
    return "/" + r.collection() + "/" + (r.rest().isEmpty() ? "" : r.rest() + "/");
  }

  private static DbtCloudApiException error(int status, String method, String path) {
    String message =
        status == 0
            ? "SocketTimeoutException: timeout"
            : status >= 500
                ? "There was a server error. Please contact support!"
                : status == 429 ? "Request was throttled." : "The request was invalid.";
    return new DbtCloudApiException(status, method, "/" + path, message, null);
  }

  private static <T> T found(T object, String method, String path) {
    if (object == null) {
      throw new DbtCloudApiException(
          404, method, "/" + path, "The requested resource was not found.", null);
    }
    return object;
  }

  @SuppressWarnings("unchecked")
  private <T> T store(T object) {
    if (object instanceof Environment e) {
      Environment stored = new Environment(stamp(e.fields(), e.id()));
      environments.put(stored.id(), stored);
      return (T) stored;
    }
    Job j = (Job) object;
    Job stored = new Job(stamp(j.fields(), j.id()));
    jobs.put(stored.id(), stored);
    return (T) stored;
  }

  private Map<String, Object> stamp(Map<String, Object> fields, Long id) {
    Map<String, Object> f = with(fields, "id", id == null ? ids.incrementAndGet() : id);
    return with(
        f,
        "updated_at",
        "2024-01-01T00:00:" + String.format("%02d", clock.incrementAndGet() % 60) + "Z");
  }

  private static Map<String, Object> with(Map<String, Object> fields, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(fields);
    out.put(key, value);
    return out;
  }

  private static long scopeId(String name, String scope) {
    return (long) (name + scope).hashCode() & 0xffff;
  }

  /**
   * The environment view's {@code data}: the scopes, and each variable's id and value per scope.
   */
  private Map<String, Object> variablesView() {
    List<String> scopes = new ArrayList<>(List.of(EnvironmentVariable.PROJECT));
    environments.values().forEach(e -> scopes.add(e.name()));
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach(
        (name, values) -> {
          Map<String, Object> perScope = new LinkedHashMap<>();
          values.forEach(
              (scope, value) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", scopeId(name, scope));
                entry.put(
                    "value",
                    name.startsWith(EnvironmentVariable.SECRET_PREFIX)
                        ? EnvironmentVariable.MASKED
                        : value);
                perScope.put(scope, entry);
              });
          vars.put(name, perScope);
        });
    return Map.of("environments", scopes, "variables", vars);
  }
}
