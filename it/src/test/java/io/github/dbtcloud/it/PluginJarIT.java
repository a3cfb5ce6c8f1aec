package io.github.dbtcloud.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin is one shaded jar holding core: its copy of every core class must be this build's. A
 * build without {@code clean} once kept the previous shaded jar as the plugin's own and shaded the
 * new core under it, so the old core classes won and the plugin ran stale code.
 */
class PluginJarIT {

  @Test
  void carriesThisBuildsCoreClassesByteForByte() throws Exception {
    Path jar = jarHolding("io/github/dbtcloud/maven/PlanMojo.class");
    Path coreClasses = Path.of(System.getProperty("it.core.classes", "../core/target/classes"));
    assertThat(coreClasses.resolve("io/github/dbtcloud/core")).isDirectory();

    List<String> differ = new ArrayList<>();
    int compared = 0;
    try (JarFile plugin = new JarFile(jar.toFile());
        Stream<Path> files = Files.walk(coreClasses)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = coreClasses.relativize(file).toString().replace('\\', '/');
        JarEntry entry = plugin.getJarEntry(name);
        byte[] inJar = entry == null ? null : plugin.getInputStream(entry).readAllBytes();
        if (inJar == null || !Arrays.equals(inJar, Files.readAllBytes(file))) {
          differ.add(name);
        }
        compared++;
      }
    }

    assertThat(compared).as("core classes compared").isGreaterThan(100);
    assertThat(differ)
        .as(
            "core classes the plugin jar %s lacks or holds in another version than %s (build"
                + " and install the plugin again: ./mvnw -B -ntp install -DskipTests)",
            jar, coreClasses)
        .isEmpty();
    assertThat(jarHolding("io/github/dbtcloud/core/Console.class"))
        .as("core is read from the plugin jar here")
        .isEqualTo(jar);
  }

  /**
   * The POM installed and deployed with the plugin stands alone: Maven reads a plugin's POM at
   * every start, and a parent (fetched, then merged) or dependencies (all of them shaded into the
   * jar) would only cost time there, and a download on a first run.
   */
  @Test
  void installsAPomWithoutParentOrDependenciesThatKeepsTheOldestMaven() throws Exception {
    Path pom = Path.of(System.getProperty("it.plugin.pom", "../plugin/target/standalone-pom.xml"));
    assertThat(pom)
        .as("the plugin's flattened POM (./mvnw -B -ntp install -DskipTests)")
        .isRegularFile();
    String text = Files.readString(pom);

    assertThat(text)
        .doesNotContain("<parent>")
        .doesNotContain("<dependencies>")
        .doesNotContain("<build>")
        .contains("<groupId>io.github.dbtcloud</groupId>")
        .contains("<artifactId>dbt-maven-plugin</artifactId>")
        .contains("<packaging>maven-plugin</packaging>")
        .contains("<url>https://github.com/dbtcloud/dbt-maven-plugin</url>")
        .containsPattern("<prerequisites>\\s*<maven>3\\.6\\.3</maven>\\s*</prerequisites>");
  }

  /**
   * The jar on this test's class path that holds {@code resource} (the mojos need Maven to load).
   */
  private static Path jarHolding(String resource) throws URISyntaxException, IOException {
    URL url = PluginJarIT.class.getClassLoader().getResource(resource);
    assertThat(url).as(resource).isNotNull();
    assertThat(url.getProtocol()).as("%s is read from a jar", resource).isEqualTo("jar");
    String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
    return Path.of(new URI(file)).toRealPath();
  }
}
