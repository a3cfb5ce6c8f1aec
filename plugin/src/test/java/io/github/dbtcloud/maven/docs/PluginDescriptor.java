package io.github.dbtcloud.maven.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The built plugin's descriptor ({@code target/classes/META-INF/maven/plugin.xml}) as the docs see
 * it: the goals, and the parameters a user can set with their properties and defaults.
 */
record PluginDescriptor(
    String goalPrefix, String requiredMavenVersion, String requiredJavaVersion, List<Goal> goals) {

  /** Where the maven-plugin-plugin writes the descriptor, relative to the plugin module. */
  static final Path LOCATION = Path.of("target/classes/META-INF/maven/plugin.xml");

  /** One goal ({@code dbt:plan}) with the lifecycle phase it binds to by default, if any. */
  record Goal(String name, String phase, String description, List<Parameter> parameters) {}

  /** One user-settable parameter; {@code property} and {@code defaultValue} may be null. */
  record Parameter(
      String name,
      String type,
      boolean required,
      String property,
      String defaultValue,
      String description) {}

  static PluginDescriptor read() throws Exception {
    if (!Files.isRegularFile(LOCATION)) {
      throw new IllegalStateException(
          LOCATION.toAbsolutePath()
              + " does not exist: run the plugin module's build (process-classes) first");
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(LOCATION.toFile());
    Element root = doc.getDocumentElement();
    List<Goal> goals = new ArrayList<>();
    for (Element mojo : children(child(root, "mojos"), "mojo")) {
      Element configuration = child(mojo, "configuration");
      List<Parameter> parameters = new ArrayList<>();
      for (Element p : children(child(mojo, "parameters"), "parameter")) {
        if (!"true".equals(text(p, "editable"))) {
          continue;
        }
        String name = text(p, "name");
        Element configured = configuration == null ? null : child(configuration, name);
        String expression = configured == null ? "" : configured.getTextContent().strip();
        String property =
            expression.startsWith("${") && expression.endsWith("}")
                ? expression.substring(2, expression.length() - 1)
                : null;
        String defaultValue =
            configured == null || !configured.hasAttribute("default-value")
                ? null
                : configured.getAttribute("default-value");
        parameters.add(
            new Parameter(
                name,
                text(p, "type"),
                "true".equals(text(p, "required")),
                property,
                defaultValue,
                text(p, "description")));
      }
      parameters.sort(Comparator.comparing(Parameter::name));
      goals.add(
          new Goal(
              text(mojo, "goal"),
              text(mojo, "phase"),
              text(mojo, "description"),
              List.copyOf(parameters)));
    }
    goals.sort(Comparator.comparing(Goal::name));
    return new PluginDescriptor(
        text(root, "goalPrefix"),
        text(root, "requiredMavenVersion"),
        text(root, "requiredJavaVersion"),
        List.copyOf(goals));
  }

  /** Every goal's name, e.g. {@code plan}. */
  Set<String> goalNames() {
    Set<String> names = new TreeSet<>();
    goals.forEach(g -> names.add(g.name()));
    return names;
  }

  /** Every user property some goal reads, e.g. {@code dbt.failOnChanges}. */
  Set<String> properties() {
    Set<String> properties = new TreeSet<>();
    goals.forEach(
        g ->
            g.parameters().stream()
                .filter(p -> p.property() != null)
                .forEach(p -> properties.add(p.property())));
    return properties;
  }

  private static Element child(Element parent, String tag) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    if (parent != null) {
      NodeList nodes = parent.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
          found.add(e);
        }
      }
    }
    return found;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? "" : e.getTextContent().strip();
  }
}
