package io.github.dbtcloud.core.api;

import java.util.concurrent.Semaphore;

/**
 * Turns at the processors for the work that makes values of answers (parsing a body, converting a
 * page's objects): at most one thread per processor at once. The pages of a large listing come back
 * together on up to 100 threads, and all of them parsing at once left the JIT's compiler threads a
 * hundredth of the CPU each, so a fresh JVM parsed most of the listing in the interpreter
 * (docs/benchmarks.md, "Pages in one round trip"). The network is not gated: bodies are read off
 * their connections in parallel, and only the CPU work waits. One set per process, since its
 * clients share its processors.
 */
final class CpuTurns {

  /** The process's turns: one per processor the JVM may use. */
  static final CpuTurns PROCESS = new CpuTurns(Runtime.getRuntime().availableProcessors());

  private final Semaphore turns;

  CpuTurns(int turns) {
    if (turns < 1) {
      throw new IllegalArgumentException("at least one turn, not " + turns);
    }
    this.turns = new Semaphore(turns);
  }

  /**
   * Runs {@code work} in a turn and gives the turn back however it ends. Waiting for a turn is not
   * interrupted: turns are held for CPU work alone, never across a call, so one comes within
   * milliseconds.
   */
  <T, E extends Exception> T run(Work<T, E> work) throws E {
    turns.acquireUninterruptibly();
    try {
      return work.get();
    } finally {
      turns.release();
    }
  }

  /** CPU work that may throw a checked exception. */
  @FunctionalInterface
  interface Work<T, E extends Exception> {
    T get() throws E;
  }
}
