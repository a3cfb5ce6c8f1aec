package io.github.dbtcloud.core.importer;

import io.github.dbtcloud.core.api.WireApi;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only account of one project (id 2 in account 1) behind the Admin API's wire calls, the way
 * dbt Cloud answers them: what the importer and the planner read. Every write fails the test.
 */
final class FakeAccount implements WireApi {

  static final long ACCOUNT = 1L;
  static final long PROJECT = 2L;

  final List<Environment> environments = new ArrayList<>();
  final List<Job> jobs = new ArrayList<>();

  /** Variable name -> scope ({@code project} or an environment name) -> value. */
  final Map<String, Map<String, String>> variables = new LinkedHashMap<>();

  /** Job id -> variable name -> value. */
  final Map<Long, Map<String, String>> overrides = new LinkedHashMap<>();

  private int requests;
  private long nextId = 1000;

  Environment environment(String name, String type, Map<String, Object> more) {
    Map<String, Object> f =
        new LinkedHashMap<>(
            Environment.draft(ACCOUNT, PROJECT).withName(name).withType(type).fields());
    f.put("id", nextId++);
    f.putAll(more);
    Environment e = new Environment(f);
    environments.add(e);
    return e;
  }

  Job job(long environmentId, String name, Map<String, Object> more) {
    Map<String, Object> f =
        new LinkedHashMap<>(Job.draft(ACCOUNT, PROJECT, environmentId).withName(name).fields());
    f.put("id", nextId++);
    f.put("execute_steps", List.of("dbt build"));
    Job j = new Job(f);
    for (Map.Entry<String, Object> e : more.entrySet()) {
      j = j.with(e.getKey(), e.getValue());
    }
    jobs.add(j);
    return j;
  }

  @Override
  public String baseUrl() {
    return "https://ab123.us1.dbt.com/";
  }

  @Override
  public int requestCount() {
    return requests;
  }

  @Override
  public Map<String, Object> get(String path, Map<String, String> query) {
    requests++;
    String project = "api/v3/accounts/1/projects/2/";
    if (path.equals(project)) {
      return Map.of("id", PROJECT, "account_id", ACCOUNT, "name", "Jaffle Shop");
    }
    if (path.equals(project + "environment-variables/environment/")) {
      List<String> names = new ArrayList<>(List.of("project"));
      environments.forEach(e -> names.add(e.name()));
      Map<String, Object> byName = new LinkedHashMap<>();
      long[] id = {5000};
      variables.forEach(
          (name, scopes) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            scopes.forEach((scope, value) -> s.put(scope, Map.of("id", id[0]++, "value", value)));
            byName.put(name, s);
          });
      return Map.of("environments", names, "variables", byName);
    }
    if (path.equals(project + "environment-variables/job/")) {
      long job = Long.parseLong(query.get("job_definition_id"));
      Map<String, Object> out = new LinkedHashMap<>();
      overrides
          .getOrDefault(job, Map.of())
          .forEach(
              (name, value) ->
                  out.put(name, Map.of("job", Map.of("id", 7000 + job, "value", value))));
      return out;
    }
    throw new AssertionError("unexpected GET " + path + " " + query);
  }

  @Override
  public List<Map<String, Object>> list(String path, Map<String, String> query) {
    requests++;
    if (path.equals("api/v3/accounts/1/projects/")) {
      return List.of(Map.of("id", PROJECT, "account_id", ACCOUNT, "name", "Jaffle Shop"));
    }
    if (path.equals("api/v3/accounts/1/projects/2/environments/")) {
      return environments.stream().map(Environment::fields).toList();
    }
    if (path.equals("api/v2/accounts/1/jobs/")) {
      return jobs.stream().map(Job::fields).toList();
    }
    throw new AssertionError("unexpected list " + path + " " + query);
  }

  @Override
  public Map<String, Object> create(String path, Map<String, Object> body) {
    throw new AssertionError("an import never writes: POST " + path);
  }

  @Override
  public Map<String, Object> update(String path, Map<String, Object> body) {
    throw new AssertionError("an import never writes: POST " + path);
  }

  @Override
  public Map<String, Object> replace(String path, Map<String, Object> body) {
    throw new AssertionError("an import never writes: PUT " + path);
  }

  @Override
  public void delete(String path) {
    throw new AssertionError("an import never writes: DELETE " + path);
  }
}
