package io.github.dbtcloud.emulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Every request the emulator answered, in order; thread-safe. */
public final class Journal {

  private final List<JournalEntry> entries = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  /** Records a request. */
  public void record(String method, String path, String query, String body, String authScheme, int status) {
    JournalEntry entry =
        new JournalEntry(sequence.incrementAndGet(), method, path, query, body, authScheme, status);
    synchronized (entries) {
      entries.add(entry);
    }
  }

  /** A snapshot of every entry so far. */
  public List<JournalEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** Forgets every entry (between phases of a test). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
