package io.github.dbtcloud.emulator.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request the emulator answered, in order; thread-safe and bounded. It keeps at most {@code
 * capacity} entries (the oldest go first) and, when asked to keep response bodies, at most {@code
 * responseBudgetBytes} characters of them (older bodies are dropped first), so a long chaos run or
 * a benchmark cannot exhaust memory.
 */
public final class Journal {

  /** Default number of entries kept. */
  public static final int DEFAULT_CAPACITY = 100_000;

  /**
   * Default characters of response bodies kept when response bodies are on (about 64 MB of text).
   */
  public static final long DEFAULT_RESPONSE_BUDGET = 32L * 1024 * 1024;

  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private final AtomicLong sequence = new AtomicLong();
  private final int capacity;
  private final boolean keepResponses;
  private final long responseBudget;
  private long responseChars;

  /** A journal of {@link #DEFAULT_CAPACITY} entries without response bodies. */
  public Journal() {
    this(DEFAULT_CAPACITY, false, DEFAULT_RESPONSE_BUDGET);
  }

  /**
   * @param capacity entries kept (at least 1)
   * @param keepResponses whether entries keep the response body
   * @param responseBudget characters of response bodies kept in all
   */
  public Journal(int capacity, boolean keepResponses, long responseBudget) {
    if (capacity < 1) {
      throw new IllegalArgumentException("journal capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.keepResponses = keepResponses;
    this.responseBudget = responseBudget;
  }

  /** The next sequence number (1-based arrival order). */
  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Records a request without a response body or fault (kept for callers of the first version). */
  public void record(
      String method, String path, String query, String body, String authScheme, int status) {
    add(new JournalEntry(nextSequence(), method, path, query, body, authScheme, status, null, ""));
  }

  /** Records a complete exchange; the response body is dropped unless this journal keeps them. */
  void add(JournalEntry full) {
    JournalEntry entry = keepResponses ? full : full.withoutResponseBody();
    synchronized (entries) {
      entries.addLast(entry);
      responseChars += length(entry);
      while (entries.size() > capacity) {
        responseChars -= length(entries.removeFirst());
      }
      if (responseChars > responseBudget) {
        trimResponses();
      }
    }
  }

  private void trimResponses() {
    Deque<JournalEntry> kept = new ArrayDeque<>(entries.size());
    for (JournalEntry e : entries) {
      if (responseChars > responseBudget && e.responseBody() != null) {
        responseChars -= length(e);
        kept.addLast(e.withoutResponseBody());
      } else {
        kept.addLast(e);
      }
    }
    entries.clear();
    entries.addAll(kept);
  }

  private static long length(JournalEntry e) {
    return e.responseBody() == null ? 0 : e.responseBody().length();
  }

  /** A snapshot of every entry kept so far, oldest first. */
  public List<JournalEntry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** Forgets every entry (between phases of a test); sequence numbers keep counting. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
      responseChars = 0;
    }
  }
}
