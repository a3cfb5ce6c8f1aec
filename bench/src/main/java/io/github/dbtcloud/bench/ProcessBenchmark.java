package io.github.dbtcloud.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole-process part of {@link PlanApplyBenchmark}: what a user waits for at the command line.
 * In a scratch project outside this repository whose POM names no plugin (so {@code mvn validate}
 * is Maven's own start-up and project model, nothing of ours), it times {@code mvn validate} and
 * {@code mvn dbt:plan} against an emulator in this JVM (no latency), alternating them in every
 * repeat so both see the same machine, and the time from the plan's process start to the first
 * request the emulator answered. Each with the JVM's defaults and with the {@code .mvn/jvm.config}
 * settings the docs recommend ({@link #jvms}), taking turns in every repeat. It runs the plugin
 * installed in the local repository: install this checkout first ({@code ./mvnw -B -ntp install
 * -DskipTests}).
 */
final class ProcessBenchmark {

  private static final long TIMEOUT_SECONDS = 600;

  private final PlanApplyBenchmark bench;
  private final String maven = System.getProperty("bench.maven", "");
  private final Path wrapper = Path.of("..", "mvnw").toAbsolutePath().normalize();
  private final String mavenOpts = System.getProperty("bench.mavenOpts", "");
  private final String javaHome = System.getProperty("bench.javaHome", "");
  private final String plugin =
      "io.github.dbtcloud:dbt-maven-plugin:"
          + System.getProperty("bench.pluginVersion", "0.1.0-SNAPSHOT")
          + ":plan";

  ProcessBenchmark(PlanApplyBenchmark bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    Path launcher = launcher();
    List<String> version = version(launcher);
    List<Jvm> jvms = jvms(javaFeature(version));
    ArrayNode rows = bench.results.putArray("process");
    bench.line("");
    wrapperScript(launcher);
    bench.line(
        "whole process, no latency: `mvn validate` (a project without the plugin) and `mvn"
            + " dbt:plan` ("
            + launcher
            + " "
            + String.join(", ", version)
            + (mavenOpts.isBlank() ? "" : ", MAVEN_OPTS=" + mavenOpts)
            + (javaHome.isBlank() ? "" : ", JAVA_HOME=" + javaHome)
            + "), with the JVM's defaults and with each .mvn/jvm.config docs/benchmarks.md"
            + " recommends:");
    for (Jvm jvm : jvms) {
      bench.line(
          "  "
              + jvm.name()
              + ": "
              + (jvm.options().isEmpty() ? "(no jvm.config)" : String.join(" ", jvm.options())));
    }
    bench.line(
        String.format(
            Locale.ROOT,
            "%7s %8s %26s %26s %9s %26s %12s",
            "jobs",
            "jvm",
            "validate ms (min/med/max)",
            "dbt:plan ms",
            "plan-val",
            "start to 1st request ms",
            "1st-val"));
    for (int jobs : PlanApplyBenchmark.ints("bench.processJobs", "100,10000")) {
      Fixture fixture = Fixture.of(jobs);
      Path dir = Scratch.dir("dbt-bench-process-");
      List<String> patterns = fixture.write(dir, 1);
      Files.writeString(dir.resolve("pom.xml"), POM);
      AtomicLong first = new AtomicLong();
      try (PlanApplyBenchmark.Server server =
          PlanApplyBenchmark.Server.start(
              fixture.seed(1),
              0,
              java.time.Clock.systemUTC(),
              (exchange, type) -> first.compareAndSet(0, System.nanoTime()))) {
        List<String> validate = command(launcher, "validate");
        List<String> plan =
            command(
                launcher,
                plugin,
                "-Ddbt.baseUrl=" + server.url(),
                "-Ddbt.files=" + String.join(",", patterns));
        // Once each untimed: the file cache, a clear message when the plugin is not installed,
        // and where the setup has one its class-data archive or AOT cache, written by a plan as a
        // user would (each setup its own file, so that the setups can take turns).
        List<Jvm> ready = new ArrayList<>();
        for (Jvm setup : jvms) {
          try {
            if (!setup.training().isEmpty()) {
              jvmConfig(dir, setup.training());
              time(dir, plan, null);
            }
            jvmConfig(dir, setup.options());
            time(dir, validate, null);
            time(dir, plan, null);
            ready.add(setup);
          } catch (IllegalStateException e) {
            rows.addObject()
                .put("jobs", jobs)
                .put("jvm", setup.name())
                .put("skipped", e.getMessage());
            bench.line(
                String.format(
                    Locale.ROOT, "%7d %8s skipped: %s", jobs, setup.name(), e.getMessage()));
          }
        }
        // The setups take turns in every repeat, each starting a repeat in its turn, so that an
        // hour's drift in the machine's speed falls on all of them alike.
        Map<Jvm, List<double[]>> runs = new LinkedHashMap<>();
        int requests = 0;
        for (int r = 0; r < bench.repeats; r++) {
          for (int i = 0; i < ready.size(); i++) {
            Jvm setup = ready.get((r + i) % ready.size());
            jvmConfig(dir, setup.options());
            double validated = time(dir, validate, null);
            server.reset();
            first.set(0);
            long[] started = new long[1];
            double planned = time(dir, plan, started);
            runs.computeIfAbsent(setup, k -> new ArrayList<>())
                .add(new double[] {validated, planned, (first.get() - started[0]) / 1e6});
            requests = server.requests.get();
          }
        }
        for (Jvm setup : ready) {
          List<double[]> timed = runs.get(setup);
          List<Double> validates = timed.stream().map(t -> t[0]).toList();
          List<Double> plans = timed.stream().map(t -> t[1]).toList();
          List<Double> firsts = timed.stream().map(t -> t[2]).toList();
          double minus = PlanApplyBenchmark.median(plans) - PlanApplyBenchmark.median(validates);
          double firstMinus =
              PlanApplyBenchmark.median(firsts) - PlanApplyBenchmark.median(validates);
          ObjectNode row =
              rows.addObject().put("jobs", jobs).put("jvm", setup.name()).put("requests", requests);
          row.put("launcher", launcher.toString());
          row.put("jvmConfig", String.join(" ", setup.options()));
          PlanApplyBenchmark.stats(row.putObject("validateMs"), validates);
          PlanApplyBenchmark.stats(row.putObject("planMs"), plans);
          PlanApplyBenchmark.stats(row.putObject("startToFirstRequestMs"), firsts);
          row.put("planMinusValidateMedianMs", Math.round(minus));
          row.put("firstRequestMinusValidateMedianMs", Math.round(firstMinus));
          bench.line(
              String.format(
                  Locale.ROOT,
                  "%7d %8s %26s %26s %+9.0f %26s %+12.0f",
                  jobs,
                  setup.name(),
                  PlanApplyBenchmark.mmm(validates),
                  PlanApplyBenchmark.mmm(plans),
                  minus,
                  PlanApplyBenchmark.mmm(firsts),
                  firstMinus));
        }
      }
    }
  }

  /**
   * A project's {@code .mvn/jvm.config}: {@code options} in it while timed, {@code training} in it
   * for one untimed plan before (the class-data archive's dump run), when not empty.
   */
  record Jvm(String name, List<String> options, List<String> training) {}

  /** Row {@code c1}: the options of the release pipeline sample's {@code .mvn/jvm.config}. */
  private static final List<String> SAMPLE_OPTIONS = PlanApplyBenchmark.sampleJvmOptions();

  /**
   * The JVM's defaults, then the settings docs/benchmarks.md recommends for a project that runs the
   * goals: C1 only and the serial collector (a short process never reaches the code C2 would
   * compile, nor needs a parallel collector), then also a class-data archive of what a plan loads;
   * from Java 25 on also the ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked, and
   * method profiles, from a training run), with the JIT's defaults and with C1 alone.
   */
  static List<Jvm> jvms(int javaFeature) {
    List<Jvm> jvms = new ArrayList<>();
    jvms.add(new Jvm("default", List.of(), List.of()));
    jvms.add(new Jvm("c1", SAMPLE_OPTIONS, List.of()));
    jvms.add(
        new Jvm(
            "c1+cds",
            concat(SAMPLE_OPTIONS, "-XX:SharedArchiveFile=.mvn/dbt-c1.jsa"),
            concat(SAMPLE_OPTIONS, "-XX:ArchiveClassesAtExit=.mvn/dbt-c1.jsa")));
    if (javaFeature >= 25) {
      jvms.add(
          new Jvm(
              "aot",
              List.of("-XX:AOTCache=.mvn/dbt-default.aot"),
              List.of(
                  "-XX:AOTCacheOutput=.mvn/dbt-default.aot", "-Xlog:aot=off", "-Xlog:cds=off")));
      jvms.add(
          new Jvm(
              "c1+aot",
              concat(SAMPLE_OPTIONS, "-XX:AOTCache=.mvn/dbt-c1.aot"),
              concat(
                  SAMPLE_OPTIONS,
                  "-XX:AOTCacheOutput=.mvn/dbt-c1.aot",
                  "-Xlog:aot=off",
                  "-Xlog:cds=off")));
    }
    return List.copyOf(jvms);
  }

  private static List<String> concat(List<String> options, String... more) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }

  /**
   * Writes the project's {@code .mvn/jvm.config}, or removes it when empty; the setups' archives
   * stay, each in its own file.
   */
  private static void jvmConfig(Path dir, List<String> options) throws IOException {
    Path mvn = dir.resolve(".mvn");
    if (options.isEmpty()) {
      Files.deleteIfExists(mvn.resolve("jvm.config"));
      return;
    }
    Files.createDirectories(mvn);
    Files.writeString(mvn.resolve("jvm.config"), String.join(" ", options) + "\n");
  }

  /**
   * The Maven launcher: {@code bench.maven} (relative to the benchmark's directory when not
   * absolute or on the path), else the {@code bin/mvn} of the Maven this repository's wrapper
   * installed, so that the rows time {@code mvn} as a user with that Maven installed runs it;
   * {@link #wrapperScript} gives what the wrapper's own script adds.
   */
  private Path launcher() {
    if (!maven.isBlank()) {
      Path path = Path.of(maven);
      return maven.contains("/") ? path.toAbsolutePath().normalize() : path;
    }
    String home =
        line(versionText(wrapper), "Maven home:").replaceFirst("^Maven home:", "").strip();
    Path mvn = Path.of(home, "bin", "mvn");
    return Files.isExecutable(mvn) ? mvn : wrapper;
  }

  /**
   * The time the wrapper's script adds to every Maven run of a project that starts Maven with
   * {@code ./mvnw} (version 3.3.4 hashes its distribution's URL in shell, a process per character):
   * {@code ./mvnw -v} minus {@code mvn -v} of the same Maven, alternating, min/median/max.
   */
  private void wrapperScript(Path launcher) throws IOException {
    if (launcher.equals(wrapper)) {
      return;
    }
    List<Double> added = new ArrayList<>();
    for (int r = 0; r < bench.repeats; r++) {
      long a = System.nanoTime();
      versionText(wrapper);
      long b = System.nanoTime();
      versionText(launcher);
      long c = System.nanoTime();
      added.add(((b - a) - (c - b)) / 1e6);
    }
    PlanApplyBenchmark.stats(bench.results.putObject("processWrapperScriptMs"), added);
    bench.line(
        "the wrapper's script (./mvnw -v minus mvn -v, ms min/med/max): "
            + PlanApplyBenchmark.mmm(added)
            + "; add it to every figure below for a project that runs ./mvnw");
  }

  /** Maven's and Java's versions as {@code mvn -v} prints them, or {@code ?} for each. */
  private List<String> version(Path launcher) {
    String out = versionText(launcher);
    return List.of(line(out, "Apache Maven").replaceAll(" \\(.*", ""), line(out, "Java version:"));
  }

  /** What {@code launcher -v} prints; empty when it cannot run. */
  private String versionText(Path launcher) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString(), "-v").redirectErrorStream(true);
      environment(builder);
      Process p = builder.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static String line(String out, String start) {
    return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("?").strip();
  }

  /** The feature release of {@code Java version: 25.0.3, vendor: ...}; 0 when unknown. */
  static int javaFeature(List<String> version) {
    Matcher m = Pattern.compile("Java version: (\\d+)").matcher(version.get(1));
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private void environment(ProcessBuilder builder) {
    if (!mavenOpts.isBlank()) {
      builder.environment().put("MAVEN_OPTS", mavenOpts);
    }
    if (!javaHome.isBlank()) {
      builder.environment().put("JAVA_HOME", javaHome);
    }
  }

  private static List<String> command(Path launcher, String... goals) {
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "-B", "-ntp", "-o", "-q"));
    command.addAll(List.of(goals));
    return command;
  }

  /** The wall time of one Maven process in ms; {@code started}, if given, gets its start. */
  private double time(Path dir, List<String> command, long[] started) throws Exception {
    Path log = dir.resolve("maven.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("DBT_CLOUD_API_TOKEN", Fixture.TOKEN);
    environment(builder);
    long start = System.nanoTime();
    Process process = builder.start();
    if (started != null) {
      started[0] = start;
    }
    boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    long end = System.nanoTime();
    if (!done || process.exitValue() != 0) {
      process.destroyForcibly();
      List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IllegalStateException(
          String.join(" ", command)
              + " in "
              + dir
              + (done ? " exited " + process.exitValue() : " did not finish")
              + " (is the plugin installed? ./mvnw -B -ntp install -DskipTests):\n"
              + String.join("\n", out.subList(Math.max(0, out.size() - 15), out.size())));
    }
    return (end - start) / 1e6;
  }

  /** A project that names no plugin: {@code mvn validate} in it is Maven and nothing else. */
  private static final String POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>bench</groupId>
        <artifactId>process-bench</artifactId>
        <version>1</version>
        <packaging>pom</packaging>
      </project>
      """;
}
