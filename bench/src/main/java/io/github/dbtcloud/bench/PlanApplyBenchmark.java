package io.github.dbtcloud.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.api.ApiToken;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.apply.ApplyResult;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.goal.ApplyGoal;
import io.github.dbtcloud.core.goal.Build;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.plan.Planner;
import io.github.dbtcloud.core.resource.PlanOptions;
import io.github.dbtcloud.emulator.DbtCloudEmulator;
import io.github.dbtcloud.emulator.faults.Fault;
import io.github.dbtcloud.emulator.faults.FaultRule;
import io.github.dbtcloud.emulator.http.ExchangeListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The performance harness of docs/benchmarks.md: drives core's goals, as the plugin's mojos do,
 * against the emulator with a latency injected into every answer, and prints one table and writes
 * {@code target/bench/results.json}. It asserts nothing; each figure is the min/median/max of the
 * repeats, and every ratio compares runs of the same process.
 *
 * <p>Settings (system properties): {@code bench.latencyMs} (50), {@code bench.repeats} (3), {@code
 * bench.planJobs} (100,1000,5000,10000), {@code bench.coldPlanJobs} (100,10000), {@code
 * bench.coldJvmOptions} (the fresh JVMs' options, space-separated), {@code bench.coldBaselineCore}
 * (another core jar, run alternately with this one), {@code bench.coldSampleJvmConfig} (true: the
 * fresh JVMs also run with the release pipeline sample's {@code .mvn/jvm.config}), {@code
 * bench.applyJobs} (10,100,500), {@code bench.parallelism} (1,4,8,16), {@code bench.memoryJobs}
 * (10000,50000), {@code bench.memoryHeap} (256m), {@code bench.verifyMinutes} (10), {@code
 * bench.processJobs} (100,10000), {@code bench.maven} (the wrapper's Maven, started without the
 * wrapper), {@code bench.mavenOpts} (the child Mavens' MAVEN_OPTS), {@code bench.javaHome} (the
 * child Mavens' JAVA_HOME), {@code bench.pluginVersion}, {@code bench.out} (target/bench).
 */
public final class PlanApplyBenchmark {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The release pipeline sample's JVM options, from the benchmark's directory. */
  static final String SAMPLE_JVM_CONFIG = "../samples/release-pipeline/.mvn/jvm.config";

  final int latency = Integer.getInteger("bench.latencyMs", 50);
  final int repeats = Integer.getInteger("bench.repeats", 3);
  private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
  final ObjectNode results = JSON.createObjectNode();
  private final List<String> table = new ArrayList<>();

  private PlanApplyBenchmark() {}

  /**
   * Runs every part; {@code args} may name a subset: plan, apply, noop, memory, verify, process.
   */
  public static void main(String[] args) throws Exception {
    List<String> parts = new ArrayList<>();
    for (String arg : args) {
      Arrays.stream(arg.split(","))
          .filter(a -> !a.isBlank())
          .map(String::strip)
          .forEach(parts::add);
    }
    new PlanApplyBenchmark().run(parts);
  }

  private void run(List<String> parts) throws Exception {
    Files.createDirectories(out);
    results.put("date", Instant.now().toString());
    results.put("latencyMs", latency);
    results.put("repeats", repeats);
    results.put("cores", Runtime.getRuntime().availableProcessors());
    results.put("java", System.getProperty("java.version"));
    results.put("loadAverageAtStart", load());
    double calibrationAtStart = Calibration.medianMs();
    results.put("calibrationMsAtStart", calibrationAtStart);
    line(
        String.format(
            Locale.ROOT,
            "dbt Cloud as code benchmark: latency %d ms per request, %d repeats, %d cores, load %.2f,"
                + " calibration %.0f ms",
            latency,
            repeats,
            Runtime.getRuntime().availableProcessors(),
            load(),
            calibrationAtStart));
    if (parts.isEmpty() || parts.contains("plan")) {
      plans();
      coldPlans();
    }
    if (parts.isEmpty() || parts.contains("apply")) {
      applies();
    }
    if (parts.isEmpty() || parts.contains("noop")) {
      noop();
    }
    if (parts.isEmpty() || parts.contains("memory")) {
      memory();
    }
    if (parts.isEmpty() || parts.contains("verify")) {
      new VerificationBenchmark(this).run();
    }
    if (parts.isEmpty() || parts.contains("process")) {
      new ProcessBenchmark(this).run();
    }
    results.put("loadAverageAtEnd", load());
    double calibrationAtEnd = Calibration.medianMs();
    results.put("calibrationMsAtEnd", calibrationAtEnd);
    line("");
    line(
        String.format(
            Locale.ROOT,
            "calibration (a fixed CPU loop, median of 5; compare runs by it): %.0f ms at the start,"
                + " %.0f ms at the end",
            calibrationAtStart,
            calibrationAtEnd));
    Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
    Files.write(out.resolve("results.txt"), table);
    System.out.println();
    table.forEach(System.out::println);
    System.out.println("written: " + out.resolve("results.json"));
  }

  // ---------------------------------------------------------------- plan

  private void plans() throws Exception {
    ArrayNode rows = results.putArray("plan");
    line("");
    line("plan (in sync: nothing to do), " + latency + " ms per request");
    line(
        String.format(
            Locale.ROOT,
            "%7s %5s %9s %26s %26s %26s %7s %9s %9s",
            "jobs",
            "envs",
            "requests",
            "start-up ms (min/med/max)",
            "read span ms",
            "post-read ms",
            "changes",
            "emu cpu",
            "all cpu"));
    for (int jobs : ints("bench.planJobs", "100,1000,5000,10000")) {
      Fixture fixture = Fixture.of(jobs);
      Path dir = Scratch.dir("dbt-bench-plan-");
      List<String> patterns = fixture.write(dir, 1);
      try (Server server = Server.start(fixture.seed(1), latency)) {
        List<Double> startup = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> post = new ArrayList<>();
        List<Double> emulatorCpu = new ArrayList<>();
        List<Double> allCpu = new ArrayList<>();
        int requests = 0;
        int changes = 0;
        for (int r = 0; r < repeats; r++) {
          PlanRun run = plan(server, new DesiredFiles(dir, patterns), dir.resolve("out"));
          startup.add(run.startupMs);
          read.add(run.readMs);
          post.add(run.postMs);
          emulatorCpu.add(run.emulatorCpuMs);
          allCpu.add(run.processCpuMs);
          requests = run.requests;
          changes = run.changes;
        }
        ObjectNode row = rows.addObject();
        row.put("jobs", jobs).put("environments", fixture.environments());
        row.put("variables", fixture.variables()).put("requests", requests);
        row.put("requestBound", ceil(jobs) + ceil(fixture.environments()) + 5);
        row.put("changes", changes);
        stats(row.putObject("startupMs"), startup);
        stats(row.putObject("readSpanMs"), read);
        stats(row.putObject("postReadMs"), post);
        stats(row.putObject("emulatorCpuMs"), emulatorCpu);
        stats(row.putObject("processCpuMs"), allCpu);
        line(
            String.format(
                Locale.ROOT,
                "%7d %5d %9d %26s %26s %26s %7d %9.0f %9.0f",
                jobs,
                fixture.environments(),
                requests,
                mmm(startup),
                mmm(read),
                mmm(post),
                changes,
                median(emulatorCpu),
                median(allCpu)));
      }
    }
  }

  /**
   * The plan as a user's {@code mvn dbt:plan} runs it: each repeat in a fresh JVM, whose JIT has
   * compiled nothing yet, where the rows above run in this warmed-up one. The same spans as above:
   * process start to the plan's {@code Reading dbt Cloud}, from there to the last answer, and from
   * the last answer to the plan's end (plan.json and plan.md written; the JVM's exit left out).
   * Beside the plan's own CPU: the emulator's request threads ({@code emu cpu}), and the whole
   * emulator process ({@code emu proc}: with its JIT's compilers and its collector) and its
   * collections ({@code emu gc}) while the plan ran: the share of two cores a real dbt Cloud would
   * not take from the plugin.
   */
  private void coldPlans() throws Exception {
    List<String> options =
        Arrays.stream(System.getProperty("bench.coldJvmOptions", "").split(" "))
            .filter(o -> !o.isBlank())
            .toList();
    List<ClassPath> classPaths = new ArrayList<>();
    classPaths.add(new ClassPath("this", System.getProperty("java.class.path")));
    String baseline = System.getProperty("bench.coldBaselineCore", "");
    if (!baseline.isBlank()) {
      classPaths.add(new ClassPath("baseline", withCore(baseline)));
    }
    List<Arm> arms = new ArrayList<>();
    for (ClassPath classPath : classPaths) {
      arms.add(new Arm(classPath.name(), classPath, options));
    }
    List<String> shipped = sampleJvmConfig();
    if (!shipped.isEmpty()) {
      for (ClassPath classPath : classPaths) {
        arms.add(new Arm(classPath.name() + ", jvm.config", classPath, shipped));
      }
    }
    ArrayNode rows = results.putArray("coldPlan");
    line("");
    line(
        "plan in a fresh JVM each time (in sync), "
            + latency
            + " ms per request"
            + (options.isEmpty() ? "" : ", JVM options: " + String.join(" ", options))
            + (baseline.isBlank() ? "" : ", alternating with the core jar " + baseline)
            + (shipped.isEmpty()
                ? ""
                : "; rows \"jvm.config\": with the options of "
                    + SAMPLE_JVM_CONFIG
                    + " instead ("
                    + String.join(" ", shipped)
                    + ")"));
    line(
        String.format(
            Locale.ROOT,
            "%7s %5s %9s %21s %26s %26s %26s %9s %9s %9s %9s",
            "jobs",
            "envs",
            "requests",
            "core, JVM",
            "start-up ms (min/med/max)",
            "read span ms",
            "post-read ms",
            "cpu ms",
            "emu cpu",
            "emu proc",
            "emu gc"));
    for (int jobs : ints("bench.coldPlanJobs", "100,10000")) {
      Fixture fixture = Fixture.of(jobs);
      Path dir = Scratch.dir("dbt-bench-cold-");
      List<String> patterns = fixture.write(dir, 1);
      try (Server server = Server.start(fixture.seed(1), latency)) {
        Map<Arm, List<double[]>> runs = new LinkedHashMap<>();
        // once untimed: the files in the page cache, the emulator's code compiled
        child(server, dir, patterns, options, classPaths.get(0).path(), 240);
        for (int r = 0; r < repeats; r++) {
          for (Arm arm : arms) {
            server.reset();
            long emulatorCpu = emulatorCpuNanos();
            long serverCpu = processCpuNanos();
            long serverGc = gcMillis();
            ChildRun run = child(server, dir, patterns, arm.options(), arm.classPath().path(), 240);
            double emulatorMs = (emulatorCpuNanos() - emulatorCpu) / 1e6;
            double serverMs = (processCpuNanos() - serverCpu) / 1e6;
            double serverGcMs = gcMillis() - serverGc;
            if (!run.pass()) {
              throw new IllegalStateException("a cold plan failed: " + run.tail());
            }
            long reading = Long.parseLong(value(run.output(), "READING_NANOS="));
            long last = server.lastAnswer.get();
            runs.computeIfAbsent(arm, k -> new ArrayList<>())
                .add(
                    new double[] {
                      (reading - run.startNanos()) / 1e6,
                      (last - reading) / 1e6,
                      (Long.parseLong(value(run.output(), "DONE_NANOS=")) - last) / 1e6,
                      Double.parseDouble(value(run.output(), "CPU_MS=")),
                      server.requests.get(),
                      emulatorMs,
                      serverMs,
                      serverGcMs
                    });
          }
        }
        for (Map.Entry<Arm, List<double[]>> e : runs.entrySet()) {
          Arm arm = e.getKey();
          List<Double> startup = column(e.getValue(), 0);
          List<Double> read = column(e.getValue(), 1);
          List<Double> post = column(e.getValue(), 2);
          List<Double> cpu = column(e.getValue(), 3);
          List<Double> emulatorCpu = column(e.getValue(), 5);
          List<Double> serverCpu = column(e.getValue(), 6);
          List<Double> serverGc = column(e.getValue(), 7);
          int requests = (int) e.getValue().get(0)[4];
          ObjectNode row = rows.addObject();
          row.put("jobs", jobs).put("environments", fixture.environments());
          row.put("requests", requests).put("core", arm.classPath().name());
          row.put("jvmOptions", String.join(" ", arm.options()));
          stats(row.putObject("startupMs"), startup);
          stats(row.putObject("readSpanMs"), read);
          stats(row.putObject("postReadMs"), post);
          stats(row.putObject("processCpuMs"), cpu);
          stats(row.putObject("emulatorCpuMs"), emulatorCpu);
          stats(row.putObject("emulatorProcessCpuMs"), serverCpu);
          stats(row.putObject("emulatorProcessGcMs"), serverGc);
          line(
              String.format(
                  Locale.ROOT,
                  "%7d %5d %9d %21s %26s %26s %26s %9.0f %9.0f %9.0f %9.0f",
                  jobs,
                  fixture.environments(),
                  requests,
                  arm.name(),
                  mmm(startup),
                  mmm(read),
                  mmm(post),
                  median(cpu),
                  median(emulatorCpu),
                  median(serverCpu),
                  median(serverGc)));
        }
      }
    }
  }

  /** A class path for the fresh JVMs, named in the table. */
  private record ClassPath(String name, String path) {}

  /** One kind of fresh JVM the repeats alternate between: a core jar and the JVM's options. */
  private record Arm(String name, ClassPath classPath, List<String> options) {}

  /**
   * The JVM options the release pipeline sample ships for its Maven runs, which the cold rows also
   * measure (none when {@code bench.coldSampleJvmConfig} is false).
   */
  private static List<String> sampleJvmConfig() {
    return Boolean.parseBoolean(System.getProperty("bench.coldSampleJvmConfig", "true"))
        ? sampleJvmOptions()
        : List.of();
  }

  /** The options in the release pipeline sample's {@code .mvn/jvm.config}. */
  static List<String> sampleJvmOptions() {
    try {
      return Arrays.stream(
              Files.readString(Path.of(SAMPLE_JVM_CONFIG), StandardCharsets.UTF_8)
                  .trim()
                  .split("\\s+"))
          .filter(o -> !o.isBlank())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + SAMPLE_JVM_CONFIG + " (run the benchmark from bench/)", e);
    }
  }

  /** This JVM's class path with core's classes or jar replaced by {@code jar}. */
  private static String withCore(String jar) {
    List<String> entries = new ArrayList<>();
    boolean replaced = false;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String normal = entry.replace('\\', '/');
      if (normal.contains("/core/target/") || normal.contains("/dbt-cloud-core-")) {
        entries.add(jar);
        replaced = true;
      } else {
        entries.add(entry);
      }
    }
    if (!replaced) {
      throw new IllegalStateException("no core entry to replace in the class path");
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static List<Double> column(List<double[]> rows, int i) {
    List<Double> out = new ArrayList<>();
    for (double[] row : rows) {
      out.add(row[i]);
    }
    return out;
  }

  /**
   * Times of one dbt:plan: file load, first request to last answer, last answer to done; and the
   * CPU the emulator's threads and the whole benchmark process used meanwhile, on the same cores.
   */
  private record PlanRun(
      double startupMs,
      double readMs,
      double postMs,
      int requests,
      int changes,
      double emulatorCpuMs,
      double processCpuMs) {}

  private PlanRun plan(Server server, DesiredFiles files, Path outDir) {
    server.reset();
    AtomicLong reading = new AtomicLong();
    Console console = marking(reading);
    long emulatorCpu = emulatorCpuNanos();
    long processCpu = processCpuNanos();
    long start = System.nanoTime();
    Build build = build(files, server.url(), outDir);
    Planner.Planned planned;
    try (GoalContext context = GoalContext.open(build, console, Time.system())) {
      planned = new PlanGoal(PlanOptions.defaults(), true).run(context);
    }
    long end = System.nanoTime();
    long last = server.lastAnswer.get();
    return new PlanRun(
        (reading.get() - start) / 1e6,
        (last - reading.get()) / 1e6,
        (end - last) / 1e6,
        server.requests.get(),
        planned.plan().changes().size(),
        (emulatorCpuNanos() - emulatorCpu) / 1e6,
        (processCpuNanos() - processCpu) / 1e6);
  }

  /**
   * CPU time so far of the emulator's threads: its HTTP pool and the JDK server's dispatcher. The
   * pool's threads live as long as the emulator, so a difference of two readings is what it used.
   */
  private static long emulatorCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null
          && (thread.getThreadName().startsWith("dbt-cloud-emulator-http")
              || thread.getThreadName().startsWith("HTTP-Dispatcher"))) {
        sum += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return sum;
  }

  /** Milliseconds this JVM's collectors report so far: the emulator's pauses, on the same cores. */
  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /** CPU time so far of this whole process, every thread, the JIT's and the collector's too. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  // ---------------------------------------------------------------- apply

  private void applies() throws Exception {
    ArrayNode rows = results.putArray("apply");
    line("");
    line("apply of K job updates (each: a re-read and a write), " + latency + " ms per request");
    line(
        String.format(
            Locale.ROOT,
            "%5s %4s %9s %26s %9s %8s",
            "K",
            "p",
            "requests",
            "wall ms (min/med/max)",
            "speedup",
            "req/min"));
    for (int k : ints("bench.applyJobs", "10,100,500")) {
      double serial = 0;
      for (int p : ints("bench.parallelism", "1,4,8,16")) {
        List<Double> wall = new ArrayList<>();
        int requests = 0;
        for (int r = 0; r < repeats; r++) {
          ApplyRun run = apply(k, p, latency);
          wall.add(run.wallMs);
          requests = run.requests;
        }
        double median = median(wall);
        if (p == 1) {
          serial = median;
        }
        double speedup = serial == 0 ? 1 : serial / median;
        double perMinute = requests / (median / 60_000);
        ObjectNode row = rows.addObject().put("updates", k).put("parallelism", p);
        row.put("requests", requests).put("speedup", round(speedup));
        row.put("requestsPerMinute", Math.round(perMinute));
        stats(row.putObject("wallMs"), wall);
        line(
            String.format(
                Locale.ROOT,
                "%5d %4d %9d %26s %8.2fx %8.0f",
                k,
                p,
                requests,
                mmm(wall),
                speedup,
                perMinute));
      }
    }
    // The same largest apply with no latency at all: what the client-side limiter alone costs.
    int k = ints("bench.applyJobs", "10,100,500").stream().mapToInt(i -> i).max().orElse(500);
    List<Double> wall = new ArrayList<>();
    int requests = 0;
    for (int r = 0; r < repeats; r++) {
      ApplyRun run = apply(k, 8, 0);
      wall.add(run.wallMs);
      requests = run.requests;
    }
    ObjectNode row = results.putObject("applyNoLatency").put("updates", k).put("parallelism", 8);
    row.put("requests", requests);
    row.put("requestsPerMinute", Math.round(requests / (median(wall) / 60_000)));
    stats(row.putObject("wallMs"), wall);
    line(String.format(Locale.ROOT, "%5d %4d %9d %26s  (no latency)", k, 8, requests, mmm(wall)));
  }

  private record ApplyRun(double wallMs, int requests) {}

  /** A fresh account of {@code k} jobs at one thread, and a file that wants them at two. */
  private ApplyRun apply(int k, int parallelism, int latencyMs) throws Exception {
    Fixture fixture = new Fixture(k, 2, 0);
    Path dir = Scratch.dir("dbt-bench-apply-");
    List<String> patterns = fixture.write(dir, 2);
    try (Server server = Server.start(fixture.seed(1), latencyMs)) {
      server.reset();
      Build build = build(new DesiredFiles(dir, patterns), server.url(), dir.resolve("out"));
      long start = System.nanoTime();
      ApplyResult result;
      try (GoalContext context = GoalContext.open(build, Console.silent(), Time.system())) {
        result =
            new ApplyGoal(
                    PlanOptions.defaults(), new ApplyOptions(parallelism, false), null, null, null)
                .run(context);
      }
      double ms = (System.nanoTime() - start) / 1e6;
      if (!result.complete() || result.changed() != k) {
        throw new IllegalStateException(
            "apply of " + k + " updates did not finish: " + result.summary());
      }
      return new ApplyRun(ms, server.requests.get());
    }
  }

  private void noop() throws Exception {
    Fixture fixture = Fixture.of(1_000);
    Path dir = Scratch.dir("dbt-bench-noop-");
    List<String> patterns = fixture.write(dir, 1);
    try (Server server = Server.start(fixture.seed(1), latency)) {
      List<Double> wall = new ArrayList<>();
      int requests = 0;
      int writes = 0;
      for (int r = 0; r < repeats; r++) {
        server.reset();
        Build build = build(new DesiredFiles(dir, patterns), server.url(), dir.resolve("out"));
        long start = System.nanoTime();
        try (GoalContext context = GoalContext.open(build, Console.silent(), Time.system())) {
          new ApplyGoal(PlanOptions.defaults(), ApplyOptions.defaults(), null, null, null)
              .run(context);
        }
        wall.add((System.nanoTime() - start) / 1e6);
        requests = server.requests.get();
        writes = server.writes.get();
      }
      ObjectNode row = results.putObject("applyNothingToDo").put("jobs", 1_000);
      row.put("requests", requests).put("writes", writes);
      stats(row.putObject("wallMs"), wall);
      line("");
      line(
          String.format(
              Locale.ROOT,
              "apply with nothing to do (1,000 jobs in sync): %d requests, %d writes, %s ms",
              requests,
              writes,
              mmm(wall)));
    }
  }

  // ---------------------------------------------------------------- memory

  /**
   * Plans at a small heap limit, with the JVM's defaults and, unless turned off, with the release
   * pipeline sample's {@code .mvn/jvm.config} as well: a user who copies that file and also sets
   * {@code -Xmx} gets both, so its young generation size must leave the largest accounts room.
   */
  private void memory() throws Exception {
    String heap = System.getProperty("bench.memoryHeap", "256m");
    List<String> limits = List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
    Map<String, List<String>> settings = new LinkedHashMap<>();
    settings.put("JVM defaults", limits);
    List<String> shipped = sampleJvmConfig();
    if (!shipped.isEmpty()) {
      List<String> both = new ArrayList<>(shipped);
      both.addAll(limits);
      settings.put("jvm.config", both);
    }
    ArrayNode rows = results.putArray("memory");
    line("");
    line(
        "plan in a child JVM at -Xmx"
            + heap
            + " (no latency)"
            + (shipped.isEmpty()
                ? ""
                : "; rows \"jvm.config\": with " + String.join(" ", shipped) + " too"));
    for (int jobs : ints("bench.memoryJobs", "10000,50000")) {
      Fixture fixture = Fixture.of(jobs);
      Path dir = Scratch.dir("dbt-bench-memory-");
      List<String> patterns = fixture.write(dir, 1);
      try (Server server = Server.start(fixture.seed(1), 0)) {
        for (Map.Entry<String, List<String>> setting : settings.entrySet()) {
          // A heap too small for the plan shows as minutes of back-to-back collections before
          // the OutOfMemoryError: past the limit it counts as a failure.
          ChildRun run =
              child(
                  server,
                  dir,
                  patterns,
                  setting.getValue(),
                  System.getProperty("java.class.path"),
                  Long.getLong("bench.memoryTimeoutSeconds", 240));
          double ms = (run.endNanos() - run.startNanos()) / 1e6;
          String peak = value(run.output(), "PEAK_LIVE_HEAP_MB=");
          String used = value(run.output(), "PEAK_USED_HEAP_MB=");
          ObjectNode row = rows.addObject().put("jobs", jobs).put("heap", heap);
          row.put("jvmOptions", String.join(" ", setting.getValue()));
          row.put("pass", run.pass()).put("exit", run.exit()).put("wallMs", Math.round(ms));
          row.put("peakLiveHeapMb", peak).put("peakUsedHeapMb", used);
          if (!run.pass()) {
            row.put("tail", run.tail());
          }
          line(
              String.format(
                  Locale.ROOT,
                  "%7d jobs, %-12s: %s, peak live heap %s MB (after GC), peak used %s MB, %.1f s",
                  jobs,
                  setting.getKey(),
                  run.pass()
                      ? "PASS"
                      : run.exit() != -1
                          ? "FAIL (exit " + run.exit() + ")"
                          : "FAIL (no result in the time limit)",
                  peak,
                  used,
                  ms / 1000));
        }
      }
    }
  }

  /** One {@link PlanChild} run: its exit (-1: killed at the limit), output and start and end. */
  private record ChildRun(int exit, List<String> output, long startNanos, long endNanos) {
    boolean pass() {
      return exit == 0 && output.contains("PLAN_DONE");
    }

    String tail() {
      return String.join("\n", output.subList(Math.max(0, output.size() - 5), output.size()));
    }
  }

  /** A plan of {@code patterns} in {@code dir} against {@code server}, in a JVM of its own. */
  private static ChildRun child(
      Server server,
      Path dir,
      List<String> patterns,
      List<String> jvmOptions,
      String classPath,
      long timeoutSeconds)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(PlanChild.class.getName());
    command.add(server.url());
    command.add(dir.toString());
    command.addAll(patterns);
    Path log = dir.resolve("child.log");
    long start = System.nanoTime();
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = child.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    long end = System.nanoTime();
    if (!done) {
      child.destroyForcibly().waitFor();
    }
    return new ChildRun(
        done ? child.exitValue() : -1, Files.readAllLines(log, StandardCharsets.UTF_8), start, end);
  }

  private static String value(List<String> output, String prefix) {
    return output.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .reduce((a, b) -> b)
        .orElse("?");
  }

  // ---------------------------------------------------------------- helpers

  static Build build(DesiredFiles files, String url, Path outDir) {
    return new Build(
        files,
        Map.of(),
        Map.of(),
        url,
        new ApiToken(Fixture.TOKEN),
        "dbt-cloud-bench",
        "io.github.dbtcloud:bench 1",
        outDir,
        outDir.resolve("verification/TEST-dbt-verification.xml"),
        outDir.resolve("semantic-layer/TEST-dbt-metrics.xml"));
  }

  /** A silent console that notes when the goal starts reading dbt Cloud. */
  static Console marking(AtomicLong reading) {
    return new Console() {
      @Override
      public void info(String line) {
        if (line.startsWith("Reading dbt Cloud at")) {
          reading.set(System.nanoTime());
        }
      }

      @Override
      public void warn(String line) {}

      @Override
      public void debug(String line) {}
    };
  }

  /** An emulator with a latency on every answer, counting requests and timing the last answer. */
  static final class Server implements AutoCloseable {
    final DbtCloudEmulator emulator;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicLong lastAnswer = new AtomicLong();

    private Server(String seed, int latencyMs, Clock clock, ExchangeListener also) {
      this.emulator =
          DbtCloudEmulator.builder()
              .seedText(seed)
              .clock(clock)
              .journalCapacity(16)
              .journalResponses(false)
              .listener(
                  (exchange, type) -> {
                    requests.incrementAndGet();
                    if (exchange.isWrite()) {
                      writes.incrementAndGet();
                    }
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                    also.exchanged(exchange, type);
                  })
              .start();
      if (latencyMs > 0) {
        emulator.faults().add(FaultRule.any().always().then(Fault.latency(latencyMs)));
      }
    }

    static Server start(String seed, int latencyMs) {
      return new Server(seed, latencyMs, Clock.systemUTC(), (exchange, type) -> {});
    }

    /** One whose runs and rate limiter read {@code clock}, telling {@code also} every exchange. */
    static Server start(String seed, int latencyMs, Clock clock, ExchangeListener also) {
      return new Server(seed, latencyMs, clock, also);
    }

    String url() {
      return emulator.baseUrl();
    }

    void reset() {
      requests.set(0);
      writes.set(0);
      lastAnswer.set(0);
    }

    @Override
    public void close() {
      emulator.close();
    }
  }

  void line(String s) {
    table.add(s);
    System.out.println(s);
  }

  static List<Integer> ints(String property, String fallback) {
    List<Integer> out = new ArrayList<>();
    for (String s : System.getProperty(property, fallback).split(",")) {
      if (!s.isBlank()) {
        out.add(Integer.parseInt(s.strip()));
      }
    }
    return out;
  }

  private static int ceil(int n) {
    return (n + 99) / 100;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static void stats(ObjectNode node, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    node.put("min", round(sorted.get(0)));
    node.put("median", round(median(sorted)));
    node.put("max", round(sorted.get(sorted.size() - 1)));
  }

  static String mmm(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%.0f / %.0f / %.0f",
        sorted.get(0),
        median(sorted),
        sorted.get(sorted.size() - 1));
  }

  static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
