package io.github.dbtcloud.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  @Test
  void startsQuickAndBacksOffByHalfUpToTheLongestInterval() {
    PollSchedule schedule = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(30));

    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      seconds.add(schedule.next().toMillis());
    }

    assertThat(seconds)
        .containsExactly(
            2000L, 3000L, 4500L, 6750L, 10125L, 15188L, 22782L, 30000L, 30000L, 30000L);
  }

  @Test
  void aStatusChangeMakesItQuickAgain() {
    PollSchedule schedule = new PollSchedule(Duration.ofMillis(100), Duration.ofSeconds(1));
    schedule.next();
    schedule.next();

    schedule.reset();

    assertThat(schedule.next()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void equalBoundsPollAtOneSteadyInterval() {
    PollSchedule schedule = new PollSchedule(Duration.ofSeconds(5), Duration.ofSeconds(5));

    assertThat(List.of(schedule.next(), schedule.next(), schedule.next()))
        .containsOnly(Duration.ofSeconds(5));
  }
}
