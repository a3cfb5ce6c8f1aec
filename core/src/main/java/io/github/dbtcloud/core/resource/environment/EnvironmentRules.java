package io.github.dbtcloud.core.resource.environment;

import io.github.dbtcloud.core.config.EnvironmentSpec;
import io.github.dbtcloud.core.config.ProjectSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * dbt Cloud's rules for the environments of one project, checked on what the project will hold
 * after the plan (the file's environments as planned, and the ones dbt Cloud has that the file does
 * not name): at most one production and one development environment, and one environment per name
 * (https://docs.getdbt.com/docs/deploy/deploy-environments). The loader checks the file on its own;
 * this catches what only the snapshot shows, such as a second production environment next to one
 * made in the UI.
 */
final class EnvironmentRules {

  private EnvironmentRules() {}

  /**
   * The refusals, each naming where.
   *
   * @param project the project spec
   * @param planned the file's environments as the plan leaves them, by key
   * @param others the environments dbt Cloud has that the file does not name
   */
  static List<String> check(
      ProjectSpec project, Map<String, Environment> planned, List<Environment> others) {
    List<Member> members = new ArrayList<>();
    planned.forEach(
        (key, e) -> members.add(new Member(e, project.environments().get(key), project)));
    others.forEach(e -> members.add(new Member(e, null, project)));
    List<String> problems = new ArrayList<>();
    only(
        members.stream()
            .filter(m -> "production".equals(m.environment().deploymentType()))
            .toList(),
        "a production environment",
        "give all but one another deployment_type (staging), or remove the extra one in dbt Cloud",
        problems);
    only(
        members.stream().filter(m -> "development".equals(m.environment().type())).toList(),
        "a development environment",
        "keep one development environment: remove the extra one from the file or from dbt Cloud",
        problems);
    Map<String, List<Member>> byName = new LinkedHashMap<>();
    members.forEach(
        m -> byName.computeIfAbsent(m.environment().name(), n -> new ArrayList<>()).add(m));
    byName.forEach(
        (name, same) -> {
          if (name != null && same.size() > 1) {
            problems.add(
                "project "
                    + project.describe()
                    + " would have "
                    + same.size()
                    + " environments named \""
                    + name
                    + "\": "
                    + describe(same)
                    + ". dbt Cloud matches environments by name; rename one.");
          }
        });
    return problems;
  }

  private static void only(List<Member> members, String what, String fix, List<String> problems) {
    if (members.size() > 1 && members.stream().anyMatch(m -> m.spec() != null)) {
      problems.add(
          "project "
              + members.get(0).project().describe()
              + " can have only one "
              + what.substring(2)
              + ", but would have "
              + members.size()
              + ": "
              + describe(members)
              + ". "
              + Character.toUpperCase(fix.charAt(0))
              + fix.substring(1)
              + ".");
    }
  }

  private static String describe(List<Member> members) {
    return String.join(", ", members.stream().map(Member::describe).toList());
  }

  /** An environment the project will hold, and the file's entry for it (null: not in the file). */
  private record Member(Environment environment, EnvironmentSpec spec, ProjectSpec project) {
    String describe() {
      if (spec != null) {
        return spec.key()
            + " at "
            + spec.position()
            + (environment.id() == null
                ? " (created by this plan)"
                : " (id " + environment.id() + ")");
      }
      return "\""
          + environment.name()
          + "\" (id "
          + environment.id()
          + ", in dbt Cloud, not in the file)";
    }

    Member {
      Objects.requireNonNull(environment);
    }
  }
}
