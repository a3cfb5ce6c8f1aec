package io.github.dbtcloud.emulator.faults;

import java.time.Duration;

/**
 * What a {@link FaultRule} does to a request it catches. Only {@link CommitThenFail} lets the
 * request change state; every other fault answers (or drops the connection) before the route runs,
 * except {@link Latency}, which delays a normal answer.
 */
public sealed interface Fault
    permits Fault.Latency,
        Fault.Status,
        Fault.TooManyRequests,
        Fault.ConnectionReset,
        Fault.Hang,
        Fault.CommitThenFail,
        Fault.FailureEnvelope {

  /** A short name, recorded in {@code JournalEntry.fault()} (e.g. {@code status_503}). */
  String name();

  /** Answers normally after {@code delay}. */
  record Latency(Duration delay) implements Fault {
    public Latency {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + delay);
      }
    }

    @Override
    public String name() {
      return "latency_" + delay.toMillis() + "ms";
    }
  }

  /**
   * Answers {@code status} (500, 502, 503, ...) with dbt Cloud's error envelope; nothing is
   * written.
   */
  record Status(int status) implements Fault {
    public Status {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a status fault needs a 4xx or 5xx code, not " + status);
      }
    }

    @Override
    public String name() {
      return "status_" + status;
    }
  }

  /** Answers 429, with {@code Retry-After: retryAfterSeconds} when that is not null. */
  record TooManyRequests(Integer retryAfterSeconds) implements Fault {
    @Override
    public String name() {
      return retryAfterSeconds == null
          ? "status_429"
          : "status_429_retry_after_" + retryAfterSeconds;
    }
  }

  /** Closes the connection without answering: the client sees an I/O error, as on a reset. */
  record ConnectionReset() implements Fault {
    @Override
    public String name() {
      return "connection_reset";
    }
  }

  /**
   * Holds the connection open without answering for {@code duration} (or until the emulator stops),
   * then drops it: what a client with a shorter read timeout sees as a timeout.
   */
  record Hang(Duration duration) implements Fault {
    @Override
    public String name() {
      return "hang";
    }
  }

  /**
   * Runs the request (the write happens and is persisted), then answers 500 as if it had failed.
   */
  record CommitThenFail() implements Fault {
    @Override
    public String name() {
      return "commit_then_fail";
    }
  }

  /**
   * Answers HTTP 200 with dbt Cloud's envelope saying failure ({@code status.code 500}, {@code
   * is_success false}, {@code data null}), as a proxy or an incident may: a client that looks only
   * at the HTTP status reads a listing as empty. Nothing is written.
   */
  record FailureEnvelope() implements Fault {
    @Override
    public String name() {
      return "status_200_failure_envelope";
    }
  }

  /** Answers 200 with an envelope saying failure. */
  static Fault failureEnvelope() {
    return new FailureEnvelope();
  }

  /** Answers normally after {@code millis} milliseconds. */
  static Fault latency(long millis) {
    return new Latency(Duration.ofMillis(millis));
  }

  /** Answers this 4xx/5xx status with the error envelope. */
  static Fault status(int status) {
    return status == 429 ? new TooManyRequests(null) : new Status(status);
  }

  /** Answers 429 without {@code Retry-After}. */
  static Fault tooManyRequests() {
    return new TooManyRequests(null);
  }

  /** Answers 429 with {@code Retry-After: seconds}. */
  static Fault tooManyRequests(int retryAfterSeconds) {
    return new TooManyRequests(retryAfterSeconds);
  }

  /** Drops the connection without an answer. */
  static Fault connectionReset() {
    return new ConnectionReset();
  }

  /** Hangs for ten minutes (past any sane client timeout) or until the emulator stops. */
  static Fault hang() {
    return new Hang(Duration.ofMinutes(10));
  }

  /** Hangs for {@code duration}, then drops the connection. */
  static Fault hang(Duration duration) {
    return new Hang(duration);
  }

  /** Writes, then answers 500. */
  static Fault commitThenFail() {
    return new CommitThenFail();
  }
}
