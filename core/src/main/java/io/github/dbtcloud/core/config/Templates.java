package io.github.dbtcloud.core.config;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Jinja templates, as dbt-jobs-as-code renders them with {@code --vars-yml}: a file holding {@code
 * {{ ... }}} or {@code {% ... %}} is rendered from the vars files given with {@code -Ddbt.vars}
 * (several, comma-separated; a variable defined twice is refused) before it is read as YAML, a
 * variable without a value is refused rather than left empty, and without vars the file is refused
 * with the flag to use. Rendering is by Jinjava, a Jinja engine for the JVM.
 */
final class Templates {

  /** The build property that names the vars files. */
  static final String VARS = "dbt.vars";

  private static final Pattern TAG = Pattern.compile("\\{\\{|\\{%");
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{-?\\s*([A-Za-z_][A-Za-z0-9_]*)");

  private final List<Path> varsFiles;

  private Templates(List<Path> varsFiles) {
    this.varsFiles = List.copyOf(varsFiles);
  }

  /** The vars files a build names ({@code dbt.vars}), none when it names none. */
  static Templates of(Map<String, String> properties) {
    String names = properties.get(VARS);
    List<Path> files = new ArrayList<>();
    if (names != null) {
      for (String name : names.split(",")) {
        if (!name.isBlank()) {
          files.add(Path.of(name.strip()));
        }
      }
    }
    return new Templates(files);
  }

  /** Whether {@code text} is a template. */
  static boolean isTemplate(String text) {
    // indexOf, not TAG: an intrinsic scan, where the regex walks a 1.5 MB file of 10,000 jobs
    // character by character in a JVM that has not compiled it yet.
    return text.contains("{{") || text.contains("{%");
  }

  /**
   * The rendered text, or null with every reason in {@code problems} (each at the template's line).
   */
  String render(Path file, String text, Problems problems) {
    if (varsFiles.isEmpty()) {
      Matcher m = TAG.matcher(text);
      m.find();
      Set<String> names = new LinkedHashSet<>();
      Matcher v = VARIABLE.matcher(text);
      while (v.find()) {
        names.add(v.group(1));
      }
      problems.add(
          new SourcePosition(file, line(text, m.start()), column(text, m.start())),
          "",
          "this file is a Jinja template"
              + (names.isEmpty() ? "" : " (variables " + String.join(", ", names) + ")")
              + ", as dbt-jobs-as-code's --vars-yml renders; give the variables' values with"
              + " -Ddbt.vars=vars.yml (several files: -Ddbt.vars=a.yml,b.yml)");
      return null;
    }
    Map<String, Object> vars = vars(file, problems);
    if (vars == null) {
      return null;
    }
    Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());
    RenderResult result = jinja.renderForResult(text, vars);
    boolean failed = false;
    for (TemplateError e : result.getErrors()) {
      failed = true;
      int line = Math.max(e.getLineno(), 1);
      problems.add(
          new SourcePosition(file, line, Math.max(e.getStartPosition(), 1)),
          "",
          "cannot render the template: "
              + e.getMessage()
              + (e.getFieldName() == null || e.getFieldName().isBlank()
                  ? ""
                  : " ('" + e.getFieldName() + "')")
              + "; define it in "
              + String.join(", ", varsFiles.stream().map(String::valueOf).toList()));
    }
    return failed ? null : result.getOutput();
  }

  private Map<String, Object> vars(Path file, Problems problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Path> from = new LinkedHashMap<>();
    boolean ok = true;
    for (Path varsFile : varsFiles) {
      Path resolved =
          varsFile.isAbsolute() || Files.exists(varsFile) || file.getParent() == null
              ? varsFile
              : file.getParent().resolve(varsFile);
      SourcePosition at = new SourcePosition(resolved, 0, 0);
      Object loaded;
      try {
        loaded =
            new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(resolved));
      } catch (IOException | RuntimeException e) {
        problems.add(
            at,
            "",
            "cannot read the vars file given with -Ddbt.vars: "
                + e.getMessage()
                + "; it must be a YAML mapping of variable names to values");
        ok = false;
        continue;
      }
      if (loaded == null) {
        continue;
      }
      if (!(loaded instanceof Map<?, ?> map)) {
        problems.add(at, "", "a vars file is a YAML mapping of variable names to values");
        ok = false;
        continue;
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (from.containsKey(name)) {
          problems.add(
              at,
              name,
              "variable '"
                  + name
                  + "' is also defined in "
                  + from.get(name)
                  + "; define each variable once");
          ok = false;
        }
        from.put(name, resolved);
        // dbt-jobs-as-code renders a missing value as the word null, so YAML reads it as null
        out.put(name, e.getValue() == null ? "null" : e.getValue());
      }
    }
    return ok ? out : null;
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int column(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - start + 1;
  }
}
