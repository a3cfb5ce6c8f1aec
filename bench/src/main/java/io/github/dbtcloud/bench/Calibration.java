package io.github.dbtcloud.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed piece of CPU work, timed at the start and at the end of a run: this machine's speed
 * drifts by a quarter from hour to hour, so two runs' figures compare only through how long the
 * same work took in each. Single-threaded, compiled before it is timed, touching a few megabytes of
 * memory the way parsing and hashing do.
 */
final class Calibration {

  private static final int WORDS = 1 << 20;
  private static final int PASSES = 160;
  private static final int WARM_UPS = 3;
  private static final int TIMED = 5;

  private static volatile long sink;

  private Calibration() {}

  /** The median of five timed runs of the work, in milliseconds, after three untimed ones. */
  static double medianMs() {
    int[] words = new int[WORDS];
    for (int i = 0; i < WARM_UPS; i++) {
      sink += work(words);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < TIMED; i++) {
      long start = System.nanoTime();
      sink += work(words);
      times.add((System.nanoTime() - start) / 1e6);
    }
    times.sort(null);
    return times.get(TIMED / 2);
  }

  /** Xorshift passes over the array, each word mixed with its neighbour. */
  private static long work(int[] words) {
    int x = 0x9E3779B9;
    long sum = 0;
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = 0; i < words.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        int j = (i + 1) & (words.length - 1);
        words[i] = words[i] * 31 + (x ^ words[j]);
        sum += words[i];
      }
    }
    return sum;
  }
}
