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
 * The release pipelines of {@code samples/release-pipeline/ci/} parse, run only goals and {@code
 * -Ddbt.*} properties the built plugin has, and do what docs/release-pipelines.md promises: plan
 * both stages on review, apply staging (verified on the release's commit) before a gate and then
 * production, the token from the secret store, the reports published, a scheduled drift check.
 */
class ReleasePipelinesTest {

  private static final Path PIPELINES = Path.of("..", "samples", "release-pipeline", "ci");
  private static final Pattern GOAL = Pattern.compile("\\bdbt:([a-z][a-z-]*)");
  private static final Pattern PROPERTY = Pattern.compile("-D(dbt\\.[A-Za-z0-9.]*[A-Za-z0-9])");
  private static final Pattern MAVEN = Pattern.compile("(?:\\./mvnw|\\bmvn)(?: [^\\n'\"]*)?");

  private static PluginDescriptor descriptor;

  @BeforeAll
  static void readDescriptor() throws Exception {
    descriptor = PluginDescriptor.read();
  }

  static Stream<String> pipelines() {
    return Stream.of("github-actions.yml", "gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml", "azure-pipelines.yml"})
  void everyYamlPipelineParses(String name) throws IOException {
    assertThat(yaml(name)).as(name).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void everyGoalAndPropertyAPipelineUsesExistsInThePlugin(String name) throws IOException {
    String text = read(name);
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
    assertThat(unknown).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void everyMavenCommandIsBatchModeWithoutDownloadProgressAndNamesItsStage(String name)
      throws IOException {
    List<String> commands = mavenCommands(read(name));
    assertThat(commands).as(name).hasSizeGreaterThanOrEqualTo(5);
    for (String command : commands) {
      assertThat(command).as(name).contains(" -B ").contains(" -ntp ").contains(" -pl ");
    }
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void everyPipelinePlansBothStagesThenPromotesStagingBeforeProductionOnTheReleasesCommit(
      String name) throws IOException {
    String text = read(name);
    assertThat(text)
        .as(name)
        .contains("DBT_CLOUD_API_TOKEN")
        .contains("-pl staging dbt:validate dbt:plan")
        .contains("-pl production dbt:validate dbt:plan")
        .contains("plan.md")
        .contains("TEST-dbt-*.xml")
        .contains("-pl staging,production dbt:plan")
        .contains("-Ddbt.failOnChanges=true")
        .doesNotContain("dbtc_");
    int staging = text.indexOf("-pl staging dbt:apply");
    int production = text.indexOf("-pl production dbt:apply");
    assertThat(staging).as("%s applies staging", name).isPositive();
    assertThat(production).as("%s applies production after staging", name).isGreaterThan(staging);
    assertThat(text.substring(staging)).contains("-Drelease.sha=");
  }

  @Test
  @SuppressWarnings("unchecked")
  void githubActionsPromotesOnlyAfterStagingThroughAProtectedEnvironment() throws IOException {
    Map<Object, Object> workflow = yaml("github-actions.yml");
    Map<String, Object> on = (Map<String, Object>) workflow.getOrDefault("on", workflow.get(true));
    assertThat(on).containsKeys("pull_request", "push", "schedule");
    Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
    assertThat(jobs.get("plan").get("if")).asString().contains("pull_request");
    assertThat(jobs.get("staging").get("if")).asString().contains("push");
    assertThat(jobs.get("production").get("needs")).isEqualTo("staging");
    assertThat(jobs.get("production").get("environment")).isEqualTo("production");
    assertThat(jobs.get("drift").get("if")).asString().contains("schedule");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gitlabPromotesByAManualProtectedJobAfterStaging() throws IOException {
    Map<Object, Object> pipeline = yaml("gitlab-ci.yml");
    Map<String, Object> production = (Map<String, Object>) pipeline.get("dbt-production");
    assertThat(production.get("needs")).isEqualTo(List.of("dbt-staging"));
    assertThat(production.get("rules")).asString().contains("when=manual");
    assertThat(production.get("artifacts")).asString().contains("junit=");
    assertThat(((Map<String, Object>) pipeline.get("dbt-drift")).get("rules"))
        .asString()
        .contains("schedule");
  }

  @Test
  @SuppressWarnings("unchecked")
  void azurePromotesThroughTheProductionEnvironmentAfterStaging() throws IOException {
    Map<Object, Object> pipeline = yaml("azure-pipelines.yml");
    assertThat(pipeline).containsKeys("trigger", "pr", "schedules");
    List<Map<String, Object>> stages = (List<Map<String, Object>>) pipeline.get("stages");
    Map<String, Object> production =
        stages.stream().filter(s -> "Production".equals(s.get("stage"))).findFirst().orElseThrow();
    assertThat(production.get("dependsOn")).isEqualTo("Staging");
    assertThat(production.get("jobs")).asString().contains("environment=production");
  }

  @Test
  void theJenkinsfileAsksAPersonBeforeProduction() throws IOException {
    String jenkinsfile = read("Jenkinsfile");
    assertThat(jenkinsfile)
        .contains("pipeline {")
        .contains("credentials('dbt-cloud-api-token')")
        .contains("when { changeRequest() }")
        .contains("junit ");
    assertThat(jenkinsfile.indexOf("input message"))
        .isGreaterThan(jenkinsfile.indexOf("-pl staging dbt:apply"))
        .isLessThan(jenkinsfile.indexOf("-pl production dbt:apply"));
    String code = jenkinsfile.replaceAll("(?m)//.*$", "").replaceAll("'[^'\\n]*'", "''");
    assertThat(code.chars().filter(c -> c == '{').count())
        .as("braces balance")
        .isEqualTo(code.chars().filter(c -> c == '}').count());
  }

  /**
   * The sample's {@code .mvn/jvm.config} is read by every Maven run of a repository made from it:
   * an option this JVM does not take would fail every pipeline step before the plugin starts. The
   * young generation is fixed small (32 MB): a fresh JVM touches fewer new pages before its first
   * collection, and a heap limit a user adds beside it keeps the rest for the plan's objects. Maven
   * 3.9's Guice injects by reflection instead of generating a class per component, as Maven 3.8's
   * Guice without AOP always did. One compiler thread (the JVM refuses it unless the JIT stops at
   * its quick compiler) and objects promoted at their first collection: less work beside the goal's
   * own on a runner of two cores.
   */
  @Test
  void theSamplesJvmConfigStartsAJvmWithTheQuickJitTheSerialCollectorAndASmallYoungGeneration()
      throws Exception {
    Path config = PIPELINES.resolveSibling(".mvn").resolve("jvm.config");
    List<String> options =
        List.of(Files.readString(config, StandardCharsets.UTF_8).trim().split("\\s+"));
    assertThat(options)
        .containsExactly(
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC",
            "-Xmn32m",
            "-XX:MaxTenuringThreshold=0",
            "-Dguice_bytecode_gen_option=DISABLED");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-XX:+PrintFlagsFinal");
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor()).as(out).isZero();
    assertThat(out)
        .containsPattern("TieredStopAtLevel\\s+= 1 ")
        .containsPattern("CICompilerCount\\s+= 1 ")
        .containsPattern("UseSerialGC\\s+= true ")
        .containsPattern("MaxNewSize\\s+= 33554432 ")
        .containsPattern("MaxTenuringThreshold\\s+= 0 ");
  }

  private static List<String> mavenCommands(String text) {
    List<String> commands = new ArrayList<>();
    Matcher m = MAVEN.matcher(text);
    while (m.find()) {
      commands.add(m.group() + " ");
    }
    return commands;
  }

  private static Map<Object, Object> yaml(String name) throws IOException {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(name));
  }

  private static String read(String name) throws IOException {
    return Files.readString(PIPELINES.resolve(name), StandardCharsets.UTF_8);
  }
}
