package io.github.dbtcloud.core.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * The waits a call makes inside the client's interceptors (a retry's back-off, the rate limiter's
 * hold after a 429), each ended at once when the call is cancelled: OkHttp's cancel (a goal past
 * its read deadline cancels every call in flight) closes sockets but does not reach a thread that
 * sleeps in an interceptor, which would otherwise wait out seconds or minutes before it noticed.
 */
final class CallWaits {

  /** The calls waiting now, each with the latch its cancel opens; calls compare by identity. */
  private static final Map<Call, CountDownLatch> WAITING = new ConcurrentHashMap<>();

  /** Hears every cancel of a client's calls; set on each client. */
  static final EventListener LISTENER =
      new EventListener() {
        @Override
        public void canceled(Call call) {
          CountDownLatch latch = WAITING.get(call);
          if (latch != null) {
            latch.countDown();
          }
        }
      };

  private CallWaits() {}

  /**
   * Waits {@code wait} for {@code call}, or less if it is cancelled meanwhile, and then fails as
   * OkHttp does for a cancelled call.
   *
   * @param what what is waited for, for the exceptions' messages
   * @throws IOException when the call was cancelled, before or during the wait
   */
  static void sleep(Call call, Duration wait, Sleeper sleeper, String what) throws IOException {
    CountDownLatch wake = new CountDownLatch(1);
    WAITING.put(call, wake);
    try {
      // Checked once the latch is in place, so that a cancel is seen either here or by the latch.
      if (!call.isCanceled()) {
        sleeper.sleep(wait, wake);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted while waiting " + what);
      interrupted.initCause(e);
      throw interrupted;
    } finally {
      WAITING.remove(call);
    }
    if (call.isCanceled()) {
      throw new IOException("Canceled while waiting " + what);
    }
  }

  /** How many calls wait now (tests: none is left behind). */
  static int waiting() {
    return WAITING.size();
  }
}
