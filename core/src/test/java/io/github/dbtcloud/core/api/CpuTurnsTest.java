package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuTurnsTest {

  @Test
  void noMoreWorkRunsAtOnceThanThereAreTurns() throws Exception {
    CpuTurns turns = new CpuTurns(2);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        done.add(
            pool.submit(
                () ->
                    turns.run(
                        () -> {
                          most.accumulateAndGet(now.incrementAndGet(), Math::max);
                          // stay until a second one is in too (the guard only avoids a hang)
                          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                          while (now.get() < 2 && System.nanoTime() < until) {
                            Thread.onSpinWait();
                          }
                          Thread.sleep(20);
                          now.decrementAndGet();
                          return 1;
                        })));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void aTurnWhoseWorkFailsIsGivenBack() {
    CpuTurns turns = new CpuTurns(1);
    IOException broken = new IOException("not JSON");

    assertThatThrownBy(
            () ->
                turns.run(
                    () -> {
                      throw broken;
                    }))
        .isSameAs(broken);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(turns.run(() -> 42)).isEqualTo(42));
  }

  @Test
  void refusesFewerThanOneTurn() {
    assertThatThrownBy(() -> new CpuTurns(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one turn, not 0");
  }
}
