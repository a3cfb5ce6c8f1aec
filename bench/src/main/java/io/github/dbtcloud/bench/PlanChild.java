package io.github.dbtcloud.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.dbtcloud.core.config.DesiredFiles;
import io.github.dbtcloud.core.goal.GoalContext;
import io.github.dbtcloud.core.goal.PlanGoal;
import io.github.dbtcloud.core.goal.Time;
import io.github.dbtcloud.core.resource.PlanOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * One {@code dbt:plan} in its own JVM (the benchmark starts it with a small {@code -Xmx}, or for a
 * cold plan with the JVM's defaults): prints {@code PLAN_DONE}, the largest heap left live after a
 * collection, the largest heap in use, the process's CPU time, and when it began reading dbt Cloud
 * and when the plan was done ({@link System#nanoTime()}, which on Linux every process reads from
 * the same monotonic clock).
 */
public final class PlanChild {

  private PlanChild() {}

  /** {@code url directory pattern...}. */
  public static void main(String[] args) {
    AtomicLong live = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType())) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  long after =
                      info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                          .mapToLong(MemoryUsage::getUsed)
                          .sum();
                  live.accumulateAndGet(after, Math::max);
                }
              },
              null,
              null);
    }
    AtomicLong reading = new AtomicLong();
    Path dir = Path.of(args[1]);
    List<String> patterns = Arrays.asList(args).subList(2, args.length);
    try (GoalContext context =
        GoalContext.open(
            PlanApplyBenchmark.build(new DesiredFiles(dir, patterns), args[0], dir.resolve("out")),
            PlanApplyBenchmark.marking(reading),
            Time.system())) {
      new PlanGoal(PlanOptions.defaults(), true).run(context);
    }
    long done = System.nanoTime();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getPeakUsage().getUsed();
      }
    }
    long cpu = PlanApplyBenchmark.processCpuNanos();
    System.out.println("PLAN_DONE");
    System.out.println("READING_NANOS=" + reading.get());
    System.out.println("DONE_NANOS=" + done);
    System.out.printf(Locale.ROOT, "CPU_MS=%.0f%n", cpu / 1e6);
    System.out.printf(Locale.ROOT, "PEAK_LIVE_HEAP_MB=%.0f%n", live.get() / 1048576.0);
    System.out.printf(Locale.ROOT, "PEAK_USED_HEAP_MB=%.0f%n", used / 1048576.0);
  }
}
