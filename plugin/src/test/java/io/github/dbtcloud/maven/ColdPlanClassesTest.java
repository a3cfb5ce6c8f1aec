package io.github.dbtcloud.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.emulator.DbtCloudEmulator;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps a plan's start-up lean: every goal is a fresh JVM, where each library class loaded costs
 * time on the clock (docs/benchmarks.md, "Where the time goes"). A plan runs in a class loader of
 * its own, as in a Maven process, and must not have loaded what only writing, odd crons or
 * templates need.
 */
class ColdPlanClassesTest {

  private static final String FILE =
      """
      version: 1
      account:
        id: 70403103900001
      projects:
        jaffle_shop:
          id: 70403103900002
          environments:
            prod:
              name: Production
              type: deployment
              deployment_type: production
              dbt_version: latest
          jobs:
            nightly:
              name: Nightly build
              environment: prod
              execute_steps: [dbt source freshness, dbt build]
              schedule:
                cron: "0 5 * * 1-5"
              threads: %d
            hourly:
              name: Hourly refresh
              environment: prod
              execute_steps: [dbt build --select tag:hourly]
              schedule:
                cron: "*/15 * * * *"
      """;

  @Test
  void aPlanWithUpdatesLoadsNoObjectMapperNoCronParserAndNoTemplateEngine(@TempDir Path dir)
      throws Exception {
    try (DbtCloudEmulator emulator =
        DbtCloudEmulator.builder().stateFile(dir.resolve("state.json")).start()) {
      String url = emulator.baseUrl();
      String token = emulator.tokens().keySet().iterator().next();
      Files.writeString(dir.resolve("dbt-cloud.yml"), FILE.formatted(4));
      ColdPlan.apply(url, token, dir.toString());
      Files.writeString(dir.resolve("dbt-cloud.yml"), FILE.formatted(8));

      try (Isolated loader = Isolated.ofTestClassPath()) {
        Method plan =
            loader
                .loadClass(ColdPlan.class.getName())
                .getMethod("plan", String.class, String.class, String.class);
        String printed;
        try {
          printed = (String) plan.invoke(null, url, token, dir.toString());
        } catch (InvocationTargetException e) {
          throw new AssertionError("the isolated plan failed", e.getCause());
        }

        assertThat(printed).contains("~ update").contains("1 to change");
        assertThat(loader.loaded("io.github.dbtcloud.core.goal.PlanGoal")).isTrue();
        assertThat(loader.loaded("com.fasterxml.jackson.databind.ObjectMapper"))
            .as("Jackson's ObjectMapper (only writes need it)")
            .isFalse();
        assertThat(loader.getDefinedPackage("com.cronutils.parser"))
            .as("cron-utils (only crons beyond numbers, lists, ranges and steps need it)")
            .isNull();
        assertThat(loader.getDefinedPackage("com.hubspot.jinjava"))
            .as("Jinjava (only templated files need it)")
            .isNull();
      }
    }
  }

  /** The test class path in a loader whose parent knows only the JDK. */
  private static final class Isolated extends URLClassLoader {

    private Isolated(URL[] urls) {
      super("cold-plan", urls, ClassLoader.getPlatformClassLoader());
    }

    static Isolated ofTestClassPath() throws MalformedURLException {
      List<URL> urls = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      return new Isolated(urls.toArray(URL[]::new));
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }
}
