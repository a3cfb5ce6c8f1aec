package io.github.dbtcloud.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-references inside a desired state that can only be checked once the whole file is read:
 * keys that name jobs and environments (possibly in another project), and job-completion triggers
 * that would chain into a cycle.
 */
final class References {

  /** A job by project key and job key. */
  record JobRef(String project, String job) {
    @Override
    public String toString() {
      return project + "." + job;
    }
  }

  private record Edge(JobRef target, YamlCursor at) {}

  private final List<Runnable> checks = new ArrayList<>();
  private final Map<JobRef, Edge> completions = new LinkedHashMap<>();

  /** A check to run once every project is read. */
  void later(Runnable check) {
    checks.add(check);
  }

  /** {@code from} runs when {@code to} completes; written at {@code at}. */
  void completion(JobRef from, JobRef to, YamlCursor at) {
    completions.put(from, new Edge(to, at));
  }

  /** Runs the deferred checks, then reports each job-completion cycle once. */
  void check(Map<String, ProjectSpec> projects) {
    checks.forEach(Runnable::run);
    Set<JobRef> reported = new HashSet<>();
    for (JobRef start : completions.keySet()) {
      List<JobRef> chain = new ArrayList<>();
      JobRef current = start;
      while (current != null && !chain.contains(current) && exists(projects, current)) {
        chain.add(current);
        Edge edge = completions.get(current);
        current = edge == null ? null : edge.target();
      }
      if (current == null || !current.equals(start) || !reported.add(start)) {
        continue;
      }
      reported.addAll(chain);
      StringBuilder cycle = new StringBuilder();
      chain.forEach(j -> cycle.append(j).append(" -> "));
      cycle.append(start);
      completions
          .get(start)
          .at()
          .problem(
              "job-completion triggers form a cycle: "
                  + cycle
                  + "; each run would trigger the next forever. Remove one of these triggers");
    }
  }

  private static boolean exists(Map<String, ProjectSpec> projects, JobRef ref) {
    ProjectSpec p = projects.get(ref.project());
    return p != null && p.jobs().containsKey(ref.job());
  }

  /** "; did you mean 'x'? declared: a, b" for a key that is not among {@code known}. */
  static String known(String key, Collection<String> known) {
    return Suggestions.didYouMean(key, known)
        + "declared: "
        + (known.isEmpty() ? "(none)" : String.join(", ", known));
  }
}
