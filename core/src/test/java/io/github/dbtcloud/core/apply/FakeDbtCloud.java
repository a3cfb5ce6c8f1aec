package io.github.dbtcloud.core.apply;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.Environment;
import io.github.dbtcloud.core.api.EnvironmentVariable;
import io.github.dbtcloud.core.api.EnvironmentVariables;
import io.github.dbtcloud.core.api.Job;
import io.github.dbtcloud.core.api.JobEnvironmentVariable;
import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.remote.RemoteProject;
import io.github.dbtcloud.core.remote.RemoteState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One in-memory dbt Cloud project for the applier's tests: objects get ids and {@code updated_at}
 * as dbt Cloud gives them, every call counts as a request, and faults can be queued per operation,
 * each either refusing the call or committing it and then losing the answer.
 */
final class FakeDbtCloud implements DbtCloudWrites {

  static final long ACCOUNT = 1L;
  static final long PROJECT = 2L;

  private final Map<Long, Environment> environments = new LinkedHashMap<>();
  private final Map<Long, Job> jobs = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> variables = new LinkedHashMap<>();
  private final Map<Long, Map<String, JobEnvironmentVariable>> overrides = new LinkedHashMap<>();
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

  /** What a plan reads: this project as the key {@code shop}. */
  synchronized RemoteState snapshot(DesiredState desired) {
    Map<Long, List<JobEnvironmentVariable>> jobVariables = new LinkedHashMap<>();
    jobs.keySet()
        .forEach(
            id -> jobVariables.put(id, List.copyOf(overrides.getOrDefault(id, Map.of()).values())));
    RemoteProject project =
        new RemoteProject(
            "shop",
            new Project(Map.of("id", PROJECT, "name", "Shop")),
            List.copyOf(environments.values()),
            List.copyOf(jobs.values()),
            variablesView(),
            jobVariables);
    return new RemoteState(ACCOUNT, "http://fake/", Map.of("shop", project));
  }

  // ------------------------------------------------------------------ DbtCloudWrites

  @Override
  public Environment getEnvironment(long projectId, long id) {
    call("getEnvironment");
    synchronized (this) {
      return found(environments.get(id), "GET", "/environments/" + id + "/");
    }
  }

  @Override
  public List<Environment> listEnvironments(long projectId) {
    call("listEnvironments");
    return environments();
  }

  @Override
  public Environment createEnvironment(long projectId, Environment environment) {
    return write("createEnvironment", "POST", "/environments/", () -> store(environment));
  }

  @Override
  public Environment updateEnvironment(long projectId, Environment environment) {
    return write(
        "updateEnvironment",
        "POST",
        "/environments/" + environment.id() + "/",
        () -> store(environment));
  }

  @Override
  public Job getJob(long id) {
    call("getJob");
    synchronized (this) {
      return found(jobs.get(id), "GET", "/jobs/" + id + "/");
    }
  }

  @Override
  public List<Job> listJobs(long projectId) {
    call("listJobs");
    return jobs();
  }

  @Override
  public Job createJob(Job job) {
    return write("createJob", "POST", "/jobs/", () -> store(job));
  }

  @Override
  public Job updateJob(Job job) {
    return write(
        "updateJob",
        "POST",
        "/jobs/" + job.id() + "/",
        () -> {
          found(jobs.get(job.id()), "POST", "/jobs/" + job.id() + "/");
          return store(job);
        });
  }

  @Override
  public void deleteJob(long id) {
    write(
        "deleteJob",
        "DELETE",
        "/jobs/" + id + "/",
        () -> found(jobs.remove(id), "DELETE", "/jobs/" + id + "/"));
  }

  @Override
  public EnvironmentVariables environmentVariables(long projectId) {
    call("environmentVariables");
    synchronized (this) {
      return variablesView();
    }
  }

  @Override
  public void createEnvironmentVariable(long projectId, EnvironmentVariable variable) {
    write(
        "createEnvironmentVariable",
        "POST",
        "/environment-variables/bulk/",
        () -> variables.put(variable.name(), new LinkedHashMap<>(variable.values())));
  }

  @Override
  public void updateEnvironmentVariable(
      long projectId, EnvironmentVariable before, EnvironmentVariable after) {
    write(
        "updateEnvironmentVariable",
        "PUT",
        "/environment-variables/bulk/",
        () -> {
          variables
              .computeIfAbsent(after.name(), k -> new LinkedHashMap<>())
              .putAll(after.values());
          return after;
        });
  }

  @Override
  public List<JobEnvironmentVariable> jobEnvironmentVariables(long projectId, long jobId) {
    call("jobEnvironmentVariables");
    synchronized (this) {
      return List.copyOf(overrides.getOrDefault(jobId, Map.of()).values());
    }
  }

  @Override
  public JobEnvironmentVariable createJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable) {
    return write(
        "createJobEnvironmentVariable",
        "POST",
        "/environment-variables/",
        () -> {
          JobEnvironmentVariable stored =
              new JobEnvironmentVariable(with(variable.fields(), "id", ids.incrementAndGet()));
          overrides
              .computeIfAbsent(variable.jobId(), k -> new LinkedHashMap<>())
              .put(variable.name(), stored);
          return stored;
        });
  }

  @Override
  public JobEnvironmentVariable updateJobEnvironmentVariable(
      long projectId, JobEnvironmentVariable variable) {
    return write(
        "updateJobEnvironmentVariable",
        "POST",
        "/environment-variables/" + variable.id() + "/",
        () -> {
          overrides
              .computeIfAbsent(variable.jobId(), k -> new LinkedHashMap<>())
              .put(variable.name(), variable);
          return variable;
        });
  }

  @Override
  public int requestCount() {
    return requests.get();
  }

  // ------------------------------------------------------------------ internals

  private void call(String operation) {
    requests.incrementAndGet();
    onCall.accept(operation);
  }

  private <T> T write(
      String operation, String method, String path, java.util.function.Supplier<T> commit) {
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
    writes.add(method + " " + path);
    if (fault != null) {
      throw error(fault.status(), method, path);
    }
    return result;
  }

  private static DbtCloudApiException error(int status, String method, String path) {
    String message =
        status == 0
            ? "SocketTimeoutException: timeout"
            : status >= 500
                ? "There was a server error. Please contact support!"
                : status == 429 ? "Request was throttled." : "The request was invalid.";
    return new DbtCloudApiException(status, method, path, message, null);
  }

  private static <T> T found(T object, String method, String path) {
    if (object == null) {
      throw new DbtCloudApiException(
          404, method, path, "The requested resource was not found.", null);
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

  private EnvironmentVariables variablesView() {
    List<String> scopes = new ArrayList<>(List.of(EnvironmentVariable.PROJECT));
    environments.values().forEach(e -> scopes.add(e.name()));
    Map<String, EnvironmentVariable> out = new LinkedHashMap<>();
    variables.forEach(
        (name, values) -> {
          Map<String, Object> f =
              new LinkedHashMap<>(EnvironmentVariable.draft(ACCOUNT, PROJECT, name).fields());
          f.put("values", values);
          Map<String, Object> scopeIds = new LinkedHashMap<>();
          values
              .keySet()
              .forEach(scope -> scopeIds.put(scope, (long) (name + scope).hashCode() & 0xffff));
          f.put("ids", scopeIds);
          out.put(name, new EnvironmentVariable(f));
        });
    return new EnvironmentVariables(scopes, out);
  }
}
