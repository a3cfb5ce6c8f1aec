package io.github.dbtcloud.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.api.Project;
import io.github.dbtcloud.core.config.DesiredState;
import io.github.dbtcloud.core.config.DesiredStateLoader;
import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.JobSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import io.github.dbtcloud.core.importer.Converter;
import io.github.dbtcloud.core.resource.Change;
import io.github.dbtcloud.core.resource.environment.Environment;
import io.github.dbtcloud.core.resource.job.Job;
import io.github.dbtcloud.core.resource.job.JobEnvironmentVariable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every dbt-jobs-as-code file of the corpus (templated included), the plan on its conversion is
 * the plan on the original against the same snapshot: the same changes with the same bodies, when
 * every job is to be created and when every job exists and differs.
 */
class ConvertedPlanTest {

  @TempDir Path dir;

  private static Path resource(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(
                  ConvertedPlanTest.class.getResource("/config/jobs-as-code/" + name))
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> corpus() {
    return Stream.of(
        "jobs.yml", "corpus/every-field.yml", "corpus/anchors.yml", "corpus/templated.yml");
  }

  private static DesiredState original(String file) {
    Map<String, String> properties =
        file.contains("templated")
            ? Map.of(
                "dbt.vars",
                resource("corpus/vars-prod.yml") + "," + resource("corpus/vars-shared.yml"))
            : Map.of();
    return new DesiredStateLoader(Map.of(), properties).load(resource(file));
  }

  private DesiredState converted(DesiredState original) throws IOException {
    Path file =
        Files.writeString(dir.resolve("dbt-cloud.yml"), Converter.convert(original, "jobs.yml"));
    return new DesiredStateLoader(Map.of(), Map.of()).load(file);
  }

  /** The projects and environments the file names, and the given jobs in each project. */
  private static Remote snapshot(DesiredState desired, Map<String, List<Job>> jobs) {
    long account = desired.account().id();
    Map<String, Remote.Listing> listings = new LinkedHashMap<>();
    for (ProjectSpec p : desired.projects().values()) {
      List<Environment> environments = new ArrayList<>();
      for (EnvironmentSpec e : p.environments().values()) {
        Map<String, Object> fields =
            new LinkedHashMap<>(
                Environment.draft(account, p.id())
                    .withName("Environment " + e.id())
                    .withDeploymentType(environments.isEmpty() ? "production" : "staging")
                    .fields());
        fields.put("id", e.id());
        environments.add(new Environment(fields));
      }
      List<Job> projectJobs = new ArrayList<>(jobs.getOrDefault(p.key(), List.of()));
      // the jobs outside the file that its jobs name by id
      for (JobSpec j : p.jobs().values()) {
        List<Long> named = new ArrayList<>();
        if (j.triggers().onJobCompletion() != null) {
          named.add(j.triggers().onJobCompletion().jobId());
        }
        if (j.deferral() != null) {
          named.add(j.deferral().jobId());
        }
        for (Long outside : named) {
          if (outside == null || projectJobs.stream().anyMatch(x -> outside.equals(x.id()))) {
            continue;
          }
          Map<String, Object> fields =
              new LinkedHashMap<>(
                  Job.draft(account, p.id(), environments.get(0).id())
                      .withName("Outside")
                      .withExecuteSteps(List.of("dbt build"))
                      .fields());
          fields.put("id", outside);
          projectJobs.add(new Job(fields));
        }
      }
      listings.put(
          p.key(),
          new Remote.Listing(
              p.key(),
              new Project(Map.of("id", p.id(), "name", "Project " + p.id())),
              environments,
              projectJobs,
              null,
              overridesNone(projectJobs)));
    }
    return new Remote(account, "https://ab123.us1.dbt.com/", listings);
  }

  /** Each job read with no override of its own. */
  private static Map<Long, List<JobEnvironmentVariable>> overridesNone(List<Job> jobs) {
    Map<Long, List<JobEnvironmentVariable>> out = new LinkedHashMap<>();
    jobs.forEach(j -> out.put(j.id(), List.of()));
    return out;
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void theConvertedFilePlansTheSameCreates(String file) throws IOException {
    DesiredState original = original(file);
    DesiredState converted = converted(original);
    Remote remote = snapshot(original, Map.of());

    Plan before = Plans.diff(original, remote);
    Plan after = Plans.diff(converted, remote);

    assertThat(before.changes()).isNotEmpty().allMatch(c -> c instanceof Change.Create);
    assertThat(after.changes()).isEqualTo(before.changes());
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void theConvertedFilePlansTheSameUpdates(String file) throws IOException {
    DesiredState original = original(file);
    DesiredState converted = converted(original);
    // every job as the original creates it, then changed by hand in dbt Cloud
    Map<String, List<Job>> jobs = new LinkedHashMap<>();
    long id = 9000;
    for (Change c : Plans.diff(original, snapshot(original, Map.of())).changes()) {
      if (c.after() instanceof Job job) {
        Map<String, Object> fields = new LinkedHashMap<>(job.withThreads(17).fields());
        fields.put("id", id++);
        jobs.computeIfAbsent(c.address().project(), k -> new ArrayList<>()).add(new Job(fields));
      }
    }
    Remote remote = snapshot(original, jobs);

    Plan before = Plans.diff(original, remote);
    Plan after = Plans.diff(converted, remote);

    assertThat(after.changes()).isEqualTo(before.changes());
  }
}
