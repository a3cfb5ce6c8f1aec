package io.github.dbtcloud.maven.docs;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/goals.md} from the plugin descriptor: one table of goals, then one table of
 * parameters per goal. The text depends on the descriptor only, so it can be checked in CI.
 */
final class GoalsPage {

  /** The one command that rewrites docs/goals.md from the current mojos. */
  static final String REFRESH_COMMAND =
      "./mvnw -B -ntp -pl plugin -am test -Dtest=GoalsPageTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Ddbt.docs.update=true";

  private static final Map<String, String> TYPES =
      Map.of(
          "java.lang.String", "text",
          "boolean", "true/false",
          "java.lang.Boolean", "true/false",
          "int", "number",
          "java.lang.Integer", "number",
          "java.io.File", "path",
          "java.util.List", "list");

  private static final Pattern TAG = Pattern.compile("<[A-Za-z/][^>]*>");

  private GoalsPage() {}

  static String render(PluginDescriptor descriptor) {
    String prefix = descriptor.goalPrefix();
    StringBuilder md = new StringBuilder();
    md.append("# Goals and parameters\n\n")
        .append("<!-- Generated from the plugin descriptor by GoalsPageTest. Do not edit: refresh")
        .append(" with the command below. -->\n\n")
        .append("Every goal of `io.github.dbtcloud:dbt-maven-plugin` (prefix `")
        .append(prefix)
        .append("`) and every parameter you can set, generated from the built plugin's descriptor")
        .append(" (`plugin/target/classes/META-INF/maven/plugin.xml`), so it matches the code. ")
        .append("Requires Maven ")
        .append(descriptor.requiredMavenVersion())
        .append(" or newer and Java ")
        .append(descriptor.requiredJavaVersion())
        .append(" or newer. `mvn ")
        .append(prefix)
        .append(":help -Ddetail` prints the same in a terminal; `./mvnw -B -ntp site -pl plugin`")
        .append(" renders it as HTML pages (`plugin/target/site/plugin-info.html`).\n\n")
        .append("A parameter is set in the plugin's `<configuration>` (`<failOnChanges>true")
        .append("</failOnChanges>`) or, where it has a property, on the command line")
        .append(" (`-Ddbt.failOnChanges=true`). After changing a mojo, refresh this page with:\n\n")
        .append("```bash\n")
        .append(REFRESH_COMMAND)
        .append("\n```\n\n")
        .append("| Goal | Bound by default to | What it does |\n|---|---|---|\n");
    for (PluginDescriptor.Goal goal : descriptor.goals()) {
      String full = prefix + ":" + goal.name();
      md.append("| [`")
          .append(full)
          .append("`](#")
          .append(full.replace(":", ""))
          .append(") | ")
          .append(goal.phase().isEmpty() ? "no phase" : "`" + goal.phase() + "`")
          .append(" | ")
          .append(cell(firstSentence(goal.description())))
          .append(" |\n");
    }
    for (PluginDescriptor.Goal goal : descriptor.goals()) {
      md.append("\n## ").append(prefix).append(':').append(goal.name()).append("\n\n");
      md.append(prose(goal.description())).append("\n\n");
      md.append(
          goal.phase().isEmpty()
              ? "Binds to no phase by default: run it on the command line, or give an"
                  + " `<execution>` a `<phase>`.\n\n"
              : "Binds by default to the `"
                  + goal.phase()
                  + "` phase when declared in an `<execution>` without a `<phase>`.\n\n");
      if (goal.parameters().isEmpty()) {
        md.append("No parameters.\n");
        continue;
      }
      md.append("| Parameter | Property | Default | Type | Description |\n|---|---|---|---|---|\n");
      for (PluginDescriptor.Parameter p : goal.parameters()) {
        md.append("| `")
            .append(p.name())
            .append("`")
            .append(p.required() ? " (required)" : "")
            .append(" | ")
            .append(p.property() == null ? "" : "`" + p.property() + "`")
            .append(" | ")
            .append(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`")
            .append(" | ")
            .append(TYPES.getOrDefault(p.type(), p.type()))
            .append(" | ")
            .append(cell(p.description()))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  private static String firstSentence(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    int end = flat.indexOf(". ");
    return end < 0 ? flat : flat.substring(0, end + 1);
  }

  /** Descriptor text made safe for Markdown: tag-like words ({@code <server>}) in backticks. */
  private static String prose(String text) {
    Matcher m = TAG.matcher(text.replaceAll("\\s+", " ").strip());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("`" + m.group() + "`"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String cell(String text) {
    return prose(text).replace("|", "\\|");
  }
}
