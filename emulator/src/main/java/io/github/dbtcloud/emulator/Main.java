package io.github.dbtcloud.emulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar dbt-cloud-emulator.jar [--host h] [--port p] [--seed seed.yml] [--state
 * state.json] [--strict-trailing-slash] [--delete-no-content] [--journal-responses] [--lenient]}: a
 * standalone emulator that prints its base URL and the tokens it accepts, and serves until stopped.
 */
public final class Main {

  static final String USAGE =
      "usage: java -jar dbt-cloud-emulator.jar [--host 127.0.0.1] [--port 8080]"
          + " [--seed seed.yml] [--state state.json] [--strict-trailing-slash] [--delete-no-content]"
          + " [--journal-responses] [--lenient]\n"
          + "  without --seed: a demo account (one project, a development and a deployment environment)\n"
          + "  --lenient: accept writes dbt Cloud refuses (wrong types, jobs without steps, unknown dbt\n"
          + "    versions, references across projects); by default they are refused as dbt Cloud does";

  private Main() {}

  /** Starts a standalone emulator and serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    DbtCloudEmulator emulator;
    try {
      emulator = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (emulator == null) {
      return;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stop.countDown();
                }));
    stop.await();
  }

  /**
   * Parses the options, starts the emulator and prints the banner; null after {@code --help}.
   *
   * @throws IllegalArgumentException for a bad option, naming it and the fix
   */
  static DbtCloudEmulator start(String[] args, PrintStream out) {
    DbtCloudEmulator.Builder builder = DbtCloudEmulator.builder().port(8080);
    String seed = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--host" -> builder.host(value(args, ++i, arg));
        case "--port" -> builder.port(port(value(args, ++i, arg)));
        case "--seed" -> {
          seed = value(args, ++i, arg);
          if (!Files.isRegularFile(Path.of(seed))) {
            throw new IllegalArgumentException("--seed " + seed + ": no such file");
          }
          builder.seed(Path.of(seed));
        }
        case "--state" -> builder.stateFile(Path.of(value(args, ++i, arg)));
        case "--strict-trailing-slash" -> builder.strictTrailingSlash(true);
        case "--delete-no-content" -> builder.deleteAnswersNoContent(true);
        case "--journal-responses" -> builder.journalResponses(true);
        case "--lenient" -> builder.lenient(true);
        case "--help", "-h" -> {
          out.println(USAGE);
          return null;
        }
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    DbtCloudEmulator emulator = builder.start();
    out.println("dbt Cloud emulator (local, not dbt Cloud) listening on " + emulator.baseUrl());
    out.println("  seed: " + (seed == null ? "built-in demo account" : seed));
    out.println(
        !emulator.settings().strict()
            ? "  writes: lenient (accepts what dbt Cloud refuses)"
            : "  writes: checked as dbt Cloud checks them (--lenient to relax)");
    emulator
        .tokens()
        .forEach((token, account) -> out.println("  token for account " + account + ": " + token));
    out.println(
        "  try: curl -H 'Authorization: Token "
            + emulator.tokens().keySet().stream().findFirst().orElse("<token>")
            + "' "
            + emulator.baseUrl()
            + "/api/v2/accounts/");
    out.flush();
    return emulator;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int port(String raw) {
    try {
      int port = Integer.parseInt(raw);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--port " + raw + ": use a number from 0 (any free port) to 65535");
    }
  }
}
