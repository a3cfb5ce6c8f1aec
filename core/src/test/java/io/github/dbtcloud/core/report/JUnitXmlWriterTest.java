package io.github.dbtcloud.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlWriterTest {

  @TempDir Path dir;

  @Test
  void writesAValidSuiteWithAFailureAndASkip() throws Exception {
    TestReport report =
        new TestReport(
            "dbt-verification",
            List.of(
                new TestReport.TestCase(
                    "dbt.run.1",
                    "Clone git repository",
                    Duration.ofMillis(1500),
                    new TestReport.Passed()),
                new TestReport.TestCase(
                    "dbt.run.1",
                    "Invoke dbt with `dbt build`",
                    Duration.ofSeconds(42),
                    new TestReport.Failed(
                        "model.shop.orders failed",
                        "\u001b[31mDatabase Error\u001b[0m <in> & \u0001out")),
                new TestReport.TestCase(
                    "dbt.run.1",
                    "Generate docs",
                    Duration.ZERO,
                    new TestReport.Skipped("not reached"))));
    Path file = dir.resolve("sub/TEST-dbt-verification.xml");

    JUnitXmlWriter.write(report, file);

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = doc.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("model.shop.orders failed");
    assertThat(failure.getTextContent()).isEqualTo("Database Error <in> & out");
    assertThat(((Element) failure.getParentNode()).getAttribute("name"))
        .isEqualTo("Invoke dbt with `dbt build`");
  }
}
