package io.github.dbtcloud.emulator.contract;

import io.github.dbtcloud.emulator.http.ExchangeListener;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every exchange of every emulator started in the test JVM (registered through {@code
 * META-INF/services}), so that {@link ContractExtension} can check each test's answers.
 */
public final class ContractRecorder implements ExchangeListener {

  /** One exchange as recorded. */
  public record Exchange(JournalEntry entry, String contentType) {}

  private static final List<Exchange> EXCHANGES = new ArrayList<>();
  private static final int CAP = 50_000;

  @Override
  public void exchanged(JournalEntry exchange, String contentType) {
    synchronized (EXCHANGES) {
      if (EXCHANGES.size() < CAP) {
        EXCHANGES.add(new Exchange(exchange, contentType));
      }
    }
  }

  /** The exchanges since the last drain, oldest first. */
  public static List<Exchange> drain() {
    synchronized (EXCHANGES) {
      List<Exchange> out = new ArrayList<>(EXCHANGES);
      EXCHANGES.clear();
      return out;
    }
  }
}
