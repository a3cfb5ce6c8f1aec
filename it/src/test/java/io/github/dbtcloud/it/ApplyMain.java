package io.github.dbtcloud.it;

import io.github.dbtcloud.core.Console;
import io.github.dbtcloud.core.apply.ApplyOptions;
import io.github.dbtcloud.core.goal.Time;
import java.nio.file.Path;

/**
 * A {@code dbt:apply} in a JVM of its own, for {@link ApplyKillIT} to kill: {@code ApplyMain <file>
 * <baseUrl> <outDir> <leaseExpiryMillis>}, the token in {@code DBT_IT_TOKEN}.
 */
final class ApplyMain {

  private ApplyMain() {}

  public static void main(String[] args) {
    Goals.apply(
        Goals.build(Path.of(args[0]), args[1], System.getenv("DBT_IT_TOKEN"), Path.of(args[2])),
        Console.silent(),
        Time.system(),
        ApplyOptions.defaults(),
        ApplyKillIT.lease(Long.parseLong(args[3])));
  }
}
