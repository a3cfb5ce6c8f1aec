package io.github.dbtcloud.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the generated {@code plugin.xml}: the goals that share a group of parameters declare it
 * identically (Java has no mixins, so some goals repeat declarations), and every parameter a user
 * can set is documented.
 */
class PluginDescriptorTest {

  private static final List<String> PLAN_PARAMETERS =
      List.of("projects", "jobs", "markerPlacement", "rotateSecrets", "allowEmptyProject");
  private static final List<String> METRICS_PARAMETERS =
      List.of("semanticLayerUrl", "metricsQuery", "metricsSkip");

  private static Map<String, Map<String, String>> mojos;

  @BeforeAll
  static void readDescriptor() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
    mojos = new LinkedHashMap<>();
    NodeList mojoNodes = doc.getElementsByTagName("mojo");
    for (int i = 0; i < mojoNodes.getLength(); i++) {
      Element mojo = (Element) mojoNodes.item(i);
      String goal = text(mojo, "goal");
      Map<String, String> parameters = new LinkedHashMap<>();
      NodeList params =
          ((Element) mojo.getElementsByTagName("parameters").item(0))
              .getElementsByTagName("parameter");
      for (int j = 0; j < params.getLength(); j++) {
        Element p = (Element) params.item(j);
        parameters.put(text(p, "name"), text(p, "type") + "|" + text(p, "description"));
      }
      Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
      if (configuration != null) {
        NodeList configured = configuration.getChildNodes();
        for (int j = 0; j < configured.getLength(); j++) {
          if (configured.item(j) instanceof Element c && parameters.containsKey(c.getTagName())) {
            parameters.merge(
                c.getTagName(),
                "|" + c.getTextContent() + "|" + c.getAttribute("default-value"),
                String::concat);
          }
        }
      }
      mojos.put(goal, parameters);
    }
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
  }

  @Test
  void planAndApplyDeclareTheSamePlanParameters() {
    for (String name : PLAN_PARAMETERS) {
      assertThat(mojos.get("apply").get(name))
          .as(name)
          .isNotNull()
          .isEqualTo(mojos.get("plan").get(name));
    }
  }

  @Test
  void checkMetricsAndApplyDeclareTheSameMetricsParameters() {
    for (String name : METRICS_PARAMETERS) {
      String apply = mojos.get("apply").get(name);
      String check = mojos.get("check-metrics").get(name);
      assertThat(apply).as(name).isNotNull();
      // the descriptions may say "after apply"; type, property and default must agree
      assertThat(apply.split("\\|")[0]).isEqualTo(check.split("\\|")[0]);
      assertThat(apply.substring(apply.indexOf("|", apply.indexOf("|") + 1)))
          .isEqualTo(check.substring(check.indexOf("|", check.indexOf("|") + 1)));
    }
  }

  @Test
  void everyGoalExistsWithTheDbtPrefix() {
    assertThat(mojos.keySet())
        .contains("validate", "plan", "apply", "verify", "check-metrics", "unlock", "help");
  }

  @Test
  void everyParameterIsDocumented() {
    mojos.forEach(
        (goal, parameters) ->
            parameters.forEach(
                (name, typeAndDescription) ->
                    assertThat(typeAndDescription.split("\\|", 3)[1])
                        .as(goal + "." + name)
                        .isNotBlank()));
  }
}
