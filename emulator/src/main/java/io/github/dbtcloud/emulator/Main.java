package io.github.dbtcloud.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar dbt-cloud-emulator.jar [--host h] [--port p] [--seed seed.yml] [--state state.json]}. */
public final class Main {

  private Main() {}

  /** Starts a standalone emulator and serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    DbtCloudEmulator.Builder builder = DbtCloudEmulator.builder().port(8080);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--host" -> builder.host(require(arg, value));
        case "--port" -> builder.port(Integer.parseInt(require(arg, value)));
        case "--seed" -> builder.seed(Path.of(require(arg, value)));
        case "--state" -> builder.stateFile(Path.of(require(arg, value)));
        case "--help", "-h" -> {
          System.out.println("usage: java -jar dbt-cloud-emulator.jar [--host 127.0.0.1] [--port 8080] [--seed seed.yml] [--state state.json]");
          return;
        }
        default -> {
          System.err.println("unknown option " + arg + " (try --help)");
          System.exit(2);
        }
      }
      i++;
    }
    DbtCloudEmulator emulator = builder.start();
    System.out.println("dbt Cloud emulator (local, not dbt Cloud) listening on " + emulator.baseUrl());
    emulator.tokens().forEach((token, account) ->
        System.out.println("  token for account " + account + ": " + token));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stop.countDown();
    }));
    stop.await();
  }

  private static String require(String option, String value) {
    if (value == null) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return value;
  }
}
