package io.github.dbtcloud.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI recipes under {@code docs/ci/} parse, run only goals and {@code -Ddbt.*} properties the
 * built plugin has, do what {@code docs/ci.md} promises (token from the secret store, plan on
 * review, apply on merge, reports published), and are quoted in ci.md exactly as they are.
 */
class CiRecipesTest {

  private static final Path RECIPES = Path.of("..", "docs", "ci");
  private static final Path PAGE = Path.of("..", "docs", "ci.md");
  private static final Pattern GOAL = Pattern.compile("\\bdbt:([a-z][a-z-]*)");
  private static final Pattern PROPERTY = Pattern.compile("-D(dbt\\.[A-Za-z0-9.]*[A-Za-z0-9])");
  private static final Pattern MAVEN = Pattern.compile("(?:\\./mvnw|\\bmvn)(?: [^\\n'\"]*)?");
  private static final String REPORTS = "target/surefire-reports/TEST-dbt-*.xml";

  private static PluginDescriptor descriptor;

  @BeforeAll
  static void readDescriptor() throws Exception {
    descriptor = PluginDescriptor.read();
  }

  static Stream<String> recipes() {
    return Stream.of("github-actions.yml", "gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml", "azure-pipelines.yml"})
  void everyYamlRecipeParses(String name) throws IOException {
    assertThat(yaml(name)).as(name).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void everyGoalAndPropertyARecipeUsesExistsInThePlugin(String name) throws IOException {
    String text = read(name);
    assertThat(GOAL.matcher(text).find()).as("%s runs a dbt goal", name).isTrue();
    assertThat(unknownGoalsAndProperties(text)).as(name).isEmpty();
  }

  @Test
  void aGoalOrPropertyThePluginLacksIsFound() {
    assertThat(unknownGoalsAndProperties("./mvnw -B -ntp dbt:deploy -Ddbt.nonsense=1 dbt:plan"))
        .containsExactly("-Ddbt.nonsense", "dbt:deploy");
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void everyMavenCommandIsBatchModeWithoutDownloadProgress(String name) throws IOException {
    List<String> commands = mavenCommands(read(name));
    assertThat(commands).as("%s runs Maven", name).isNotEmpty();
    for (String command : commands) {
      assertThat(command).as(name).contains(" -B ").contains(" -ntp ");
    }
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void everyRecipePlansAppliesAndPublishesTheReportsWithTheTokenFromTheSecretStore(String name)
      throws IOException {
    String text = read(name);
    assertThat(text)
        .as(name)
        .contains("DBT_CLOUD_API_TOKEN")
        .contains("dbt:plan")
        .contains("dbt:apply")
        .contains("target/dbt/plan.md")
        .contains(REPORTS)
        .doesNotContain("dbtc_");
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void theCiPageQuotesEveryRecipeExactly(String name) throws IOException {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    assertThat(page).as("docs/ci.md quotes docs/ci/%s", name).contains(read(name));
  }

  @Test
  @SuppressWarnings("unchecked")
  void githubActionsPlansPullRequestsAndAppliesPushesToMain() throws IOException {
    Map<Object, Object> workflow = yaml("github-actions.yml");
    // YAML 1.1 reads the key "on" as true
    Map<String, Object> on = (Map<String, Object>) workflow.getOrDefault("on", workflow.get(true));
    assertThat(on).containsKeys("pull_request", "push");
    Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
    assertThat(jobs.get("plan").get("if")).asString().contains("pull_request");
    assertThat(jobs.get("apply").get("if")).asString().contains("push");
    assertThat(commandsOf(jobs.get("plan"))).anyMatch(c -> c.contains("dbt:plan"));
    assertThat(commandsOf(jobs.get("apply"))).anyMatch(c -> c.contains("dbt:apply"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitlabPlansMergeRequestsAndAppliesTheDefaultBranch() throws IOException {
    Map<Object, Object> pipeline = yaml("gitlab-ci.yml");
    Map<String, Object> plan = (Map<String, Object>) pipeline.get("dbt-plan");
    Map<String, Object> apply = (Map<String, Object>) pipeline.get("dbt-apply");
    assertThat(plan.get("rules")).asString().contains("merge_request_event");
    assertThat(apply.get("rules")).asString().contains("$CI_DEFAULT_BRANCH");
    assertThat(commandsOf(plan)).anyMatch(c -> c.contains("dbt:plan"));
    assertThat(commandsOf(apply)).anyMatch(c -> c.contains("dbt:apply"));
    assertThat(apply.get("artifacts")).asString().contains("junit=" + REPORTS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void azurePlansPullRequestsAndAppliesMain() throws IOException {
    Map<Object, Object> pipeline = yaml("azure-pipelines.yml");
    assertThat(pipeline).containsKeys("trigger", "pr");
    List<Map<String, Object>> jobs = (List<Map<String, Object>>) pipeline.get("jobs");
    Map<String, Object> plan = jobs.get(0);
    Map<String, Object> apply = jobs.get(1);
    assertThat(plan.get("condition")).asString().contains("PullRequest");
    assertThat(apply.get("condition")).asString().contains("refs/heads/main");
    assertThat(commandsOf(plan)).anyMatch(c -> c.contains("dbt:plan"));
    assertThat(commandsOf(apply)).anyMatch(c -> c.contains("dbt:apply"));
  }

  @Test
  void theJenkinsfileIsADeclarativePipelineThatPlansChangeRequestsAndAppliesMain()
      throws IOException {
    String jenkinsfile = read("Jenkinsfile");
    assertThat(jenkinsfile)
        .contains("pipeline {")
        .contains("credentials('dbt-cloud-api-token')")
        .contains("when { changeRequest() }")
        .contains("when { branch 'main' }")
        .contains("junit ");
    String code = jenkinsfile.replaceAll("(?m)//.*$", "").replaceAll("'[^'\\n]*'", "''");
    assertThat(code.chars().filter(c -> c == '{').count())
        .as("braces balance")
        .isEqualTo(code.chars().filter(c -> c == '}').count());
  }

  /** The {@code dbt:goal}s and {@code -Ddbt.x} properties of {@code text} the plugin lacks. */
  private static Set<String> unknownGoalsAndProperties(String text) {
    Set<String> unknown = new TreeSet<>();
    Matcher goal = GOAL.matcher(text);
    while (goal.find()) {
      if (!descriptor.goalNames().contains(goal.group(1))) {
        unknown.add(goal.group());
      }
    }
    Matcher property = PROPERTY.matcher(text);
    while (property.find()) {
      if (!descriptor.properties().contains(property.group(1))) {
        unknown.add("-D" + property.group(1));
      }
    }
    return unknown;
  }

  private static List<String> mavenCommands(String text) {
    List<String> commands = new ArrayList<>();
    Matcher m = MAVEN.matcher(text);
    while (m.find()) {
      commands.add(m.group() + " ");
    }
    return commands;
  }

  /** Every Maven command anywhere under a parsed YAML node. */
  private static List<String> commandsOf(Object node) {
    List<String> commands = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(v -> commands.addAll(commandsOf(v)));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> commands.addAll(commandsOf(v)));
    } else if (node instanceof String s) {
      commands.addAll(mavenCommands(s));
    }
    return commands;
  }

  private static Map<Object, Object> yaml(String name) throws IOException {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(name));
  }

  private static String read(String name) throws IOException {
    return Files.readString(RECIPES.resolve(name), StandardCharsets.UTF_8);
  }
}
