package io.github.dbtcloud.emulator;

import static io.github.dbtcloud.emulator.EmulatorHttp.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.emulator.http.Journal;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void recordsMethodPathQueryBodySchemeAndStatusButNeverTheCredential() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().start()) {
      EmulatorHttp.demo(emulator).post(JOBS + "?x=1", Bodies.jobJson("journalled"));
      new EmulatorHttp(emulator, "Bearer dbtc_emulator_demo_token").get(JOBS + "?limit=5");

      List<JournalEntry> journal = emulator.journal();

      assertThat(journal).hasSize(2);
      JournalEntry post = journal.get(0);
      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.path()).isEqualTo(JOBS);
      assertThat(post.query()).isEqualTo("x=1");
      assertThat(post.body()).contains("journalled");
      assertThat(post.authScheme()).isEqualTo("Token");
      assertThat(post.status()).isEqualTo(201);
      assertThat(post.isWrite()).isTrue();
      assertThat(post.responseBody()).as("off by default").isNull();
      assertThat(journal.get(1).authScheme()).isEqualTo("Bearer");
      assertThat(journal.get(1).isWrite()).isFalse();
      assertThat(journal.toString()).doesNotContain(EmulatorHttp.DEMO_TOKEN);
      assertThat(journal.get(1).sequence()).isGreaterThan(post.sequence());
    }
  }

  @Test
  void keepsResponseBodiesWhenAsked() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().journalResponses(true).start()) {
      EmulatorHttp.demo(emulator).get(JOBS);

      assertThat(emulator.journal().get(0).responseBody()).contains("\"is_success\":true");
    }
  }

  @Test
  void clearsOnRequest() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().start()) {
      EmulatorHttp.demo(emulator).get(JOBS);
      emulator.clearJournal();

      assertThat(emulator.journal()).isEmpty();
    }
  }

  @Test
  void keepsAtMostItsCapacityDroppingTheOldest() {
    Journal journal = new Journal(3, false, 0);
    for (int i = 0; i < 5; i++) {
      journal.record("GET", "/" + i, "", "", "Token", 200);
    }

    assertThat(journal.entries()).extracting(JournalEntry::path).containsExactly("/2", "/3", "/4");
  }

  @Test
  void dropsTheOldestResponseBodiesBeyondItsBudget() {
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().journalResponses(true).journalResponseBudget(3_000).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      for (int i = 0; i < 5; i++) {
        http.post(JOBS, Bodies.jobJson("job " + i));
      }

      List<String> bodies = new ArrayList<>();
      emulator.journal().forEach(e -> bodies.add(e.responseBody()));

      assertThat(bodies).hasSize(5);
      assertThat(bodies.get(0)).isNull();
      assertThat(bodies.get(4)).isNotNull();
      assertThat(bodies.stream().filter(b -> b != null).mapToInt(String::length).sum())
          .isLessThanOrEqualTo(3_000);
    }
  }

  @Test
  void hasACapacityThatIsBoundedFromTheBuilder() {
    try (DbtCloudEmulator emulator = DbtCloudEmulator.builder().journalCapacity(2).start()) {
      EmulatorHttp http = EmulatorHttp.demo(emulator);
      for (int i = 0; i < 4; i++) {
        http.get(JOBS + "?offset=" + i);
      }

      assertThat(emulator.journal())
          .extracting(JournalEntry::query)
          .containsExactly("offset=2", "offset=3");
    }
  }

  @Test
  void aListenerSeesEveryExchangeWithItsResponse() {
    List<JournalEntry> seen = new ArrayList<>();
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().listener((e, type) -> seen.add(e)).start()) {
      EmulatorHttp.demo(emulator).get(JOBS);
    }

    assertThat(seen)
        .singleElement()
        .satisfies(e -> assertThat(e.responseBody()).contains("Success!"));
  }
}
