package io.github.dbtcloud.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/goals.md} is what the plugin descriptor says today. When a mojo changes, the test
 * fails with the one command that refreshes the page; with {@code -Ddbt.docs.update=true} it writes
 * the page instead.
 */
class GoalsPageTest {

  private static final Path PAGE = Path.of("..", "docs", "goals.md");
  private static final Path FRESH = Path.of("target", "generated-docs", "goals.md");

  @Test
  void theGoalsPageMatchesThePluginDescriptor() throws Exception {
    String fresh = GoalsPage.render(PluginDescriptor.read());
    if (Boolean.getBoolean("dbt.docs.update")) {
      Files.writeString(PAGE, fresh, StandardCharsets.UTF_8);
      return;
    }
    Files.createDirectories(FRESH.getParent());
    Files.writeString(FRESH, fresh, StandardCharsets.UTF_8);
    String current = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
    assertThat(current)
        .withFailMessage(
            () ->
                "docs/goals.md does not match the plugin descriptor ("
                    + firstDifference(current, fresh)
                    + "). Refresh it with:\n  "
                    + GoalsPage.REFRESH_COMMAND
                    + "\nor, right after this test, with:\n  cp plugin/"
                    + FRESH
                    + " docs/goals.md")
        .isEqualTo(fresh);
  }

  @Test
  void thePageListsEveryGoalAndEveryProperty() throws Exception {
    PluginDescriptor descriptor = PluginDescriptor.read();
    String page = GoalsPage.render(descriptor);
    for (String goal : descriptor.goalNames()) {
      assertThat(page).contains("\n## dbt:" + goal + "\n");
    }
    for (String property : descriptor.properties()) {
      assertThat(page).contains("`" + property + "`");
    }
    assertThat(page).contains("Requires Maven 3.6.3 or newer and Java 17 or newer.");
  }

  @Test
  void tagLikeWordsInDescriptionsStayVisibleInMarkdown() throws Exception {
    String page = GoalsPage.render(PluginDescriptor.read());
    assertThat(page).contains("`<server>`").doesNotContain(" <server> ");
  }

  private static String firstDifference(String current, String fresh) {
    if (current.isEmpty()) {
      return "the file is missing or empty";
    }
    List<String> a = current.lines().toList();
    List<String> b = fresh.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String was = i < a.size() ? a.get(i) : "(end of file)";
      String now = i < b.size() ? b.get(i) : "(end of file)";
      if (!was.equals(now)) {
        return "line " + (i + 1) + " is \"" + was + "\" but should be \"" + now + "\"";
      }
    }
    return "they differ in line endings or a final newline";
  }
}
