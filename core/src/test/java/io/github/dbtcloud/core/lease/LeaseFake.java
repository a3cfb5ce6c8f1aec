package io.github.dbtcloud.core.lease;

import io.github.dbtcloud.core.api.DbtCloudApiException;
import io.github.dbtcloud.core.api.WireApi;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The environment-variable routes of projects as dbt Cloud answers them, for the lease's tests: the
 * environment view, the bulk create refusing a name that exists (under one lock, as dbt Cloud's
 * unique constraint does), the bulk update by value id and the delete by value id. Faults can be
 * queued per method: a refusal, or a create committed whose answer is lost.
 */
final class LeaseFake implements WireApi {

  /** One project value: its id and text. */
  record Value(long id, String text) {}

  private final Map<Long, Map<String, Value>> projects = new LinkedHashMap<>();
  private final Map<String, Deque<Integer>> faults = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(500);
  private final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger renewals = new AtomicInteger();

  /**
   * The next {@code method} call fails with {@code status}; 0 commits a create and loses its
   * answer.
   */
  synchronized LeaseFake fail(String method, int status) {
    faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(status);
    return this;
  }

  /** Sets a variable's project value as someone else would. */
  synchronized long put(long project, String name, String text) {
    long id = ids.incrementAndGet();
    projects.computeIfAbsent(project, p -> new LinkedHashMap<>()).put(name, new Value(id, text));
    return id;
  }

  /** The lease variable's value in {@code project}, or null. */
  synchronized Value lease(long project) {
    return projects.getOrDefault(project, Map.of()).get(LeaseApi.VARIABLE);
  }

  @Override
  public String baseUrl() {
    return "https://fake.dbt.com/";
  }

  @Override
  public int requestCount() {
    return requests.get();
  }

  private synchronized Integer fault(String method) {
    Deque<Integer> q = faults.get(method);
    return q == null ? null : q.poll();
  }

  private static long project(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("projects")) {
        return Long.parseLong(parts[i + 1]);
      }
    }
    throw new IllegalArgumentException(path);
  }

  @Override
  public synchronized Map<String, Object> get(String path, Map<String, String> query) {
    requests.incrementAndGet();
    Integer f = fault("GET");
    if (f != null) {
      throw new DbtCloudApiException(f, "GET", path, "fault", null);
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    projects
        .getOrDefault(project(path), Map.of())
        .forEach(
            (name, v) ->
                vars.put(name, Map.of("project", Map.of("id", v.id(), "value", v.text()))));
    return Map.of("environments", List.of("project"), "variables", vars);
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    throw new UnsupportedOperationException(path);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> create(String path, Map<String, Object> body) {
    requests.incrementAndGet();
    creates.incrementAndGet();
    Integer f = fault("POST");
    if (f != null && f != 0) {
      throw new DbtCloudApiException(f, "POST", path, "fault", null);
    }
    Map<String, Object> envVar = (Map<String, Object>) body.get("env_var");
    String name = (String) envVar.get("new_name");
    long project = project(path);
    if (projects.getOrDefault(project, Map.of()).containsKey(name)) {
      throw new DbtCloudApiException(
          400,
          "POST",
          path,
          "An environment variable by this name already exists in this project and account",
          null);
    }
    put(project, name, (String) envVar.get("project"));
    if (f != null) {
      throw new DbtCloudApiException(-1, "POST", path, "connection reset", null);
    }
    return Map.of();
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    throw new UnsupportedOperationException(path);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Map<String, Object> replace(String path, Map<String, Object> body) {
    requests.incrementAndGet();
    renewals.incrementAndGet();
    Map<String, Object> envVars = (Map<String, Object>) body.get("env_vars");
    String name = (String) envVars.get("name");
    Map<String, Value> vars = projects.getOrDefault(project(path), Map.of());
    Value v = vars.get(name);
    for (Map.Entry<String, Object> e : envVars.entrySet()) {
      if (v != null && e.getKey().equals(String.valueOf(v.id()))) {
        vars.put(name, new Value(v.id(), (String) e.getValue()));
        return Map.of();
      }
    }
    throw new DbtCloudApiException(400, "PUT", path, "no such value", null);
  }

  @Override
  public synchronized void delete(String path) {
    requests.incrementAndGet();
    Integer f = fault("DELETE");
    if (f != null) {
      throw new DbtCloudApiException(f, "DELETE", path, "fault", null);
    }
    String[] parts = path.split("/");
    long id = Long.parseLong(parts[parts.length - 1]);
    for (Map<String, Value> vars : projects.values()) {
      if (vars.values().removeIf(v -> v.id() == id)) {
        return;
      }
    }
    throw new DbtCloudApiException(404, "DELETE", path, "Not found.", null);
  }
}
