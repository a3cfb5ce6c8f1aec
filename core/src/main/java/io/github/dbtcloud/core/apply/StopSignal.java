package io.github.dbtcloud.core.apply;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a running apply to stop scheduling new work (Ctrl-C, a deadline). Work already sent is
 * allowed to finish so that the summary tells exactly what happened.
 */
public final class StopSignal {

  private final AtomicReference<String> reason = new AtomicReference<>();

  /** Requests a stop; the first reason wins. */
  public void request(String why) {
    reason.compareAndSet(null, why);
  }

  /** Whether a stop was requested. */
  public boolean requested() {
    return reason.get() != null;
  }

  /** Why the stop was requested, or null. */
  public String reason() {
    return reason.get();
  }
}
