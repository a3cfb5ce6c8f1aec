package io.github.dbtcloud.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link TestReport} in the JUnit XML format that Jenkins, GitLab and GitHub test
 * reporters read ({@code testsuite} / {@code testcase} / {@code failure} / {@code skipped}).
 */
public final class JUnitXmlWriter {

  private JUnitXmlWriter() {}

  /** Writes {@code report} to {@code file}, creating its directory. */
  public static void write(TestReport report, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", report.suite());
        xml.writeAttribute("tests", Integer.toString(report.cases().size()));
        xml.writeAttribute("failures", Long.toString(report.failures()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(report.skipped()));
        xml.writeAttribute(
            "time", seconds(report.cases().stream().mapToLong(c -> c.time().toMillis()).sum()));
        for (TestReport.TestCase c : report.cases()) {
          xml.writeCharacters("\n  ");
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", c.className());
          xml.writeAttribute("name", c.name());
          xml.writeAttribute("time", seconds(c.time().toMillis()));
          if (c.outcome() instanceof TestReport.Failed f) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("failure");
            xml.writeAttribute("message", clean(f.message()));
            xml.writeAttribute("type", "failure");
            xml.writeCharacters(clean(f.details()));
            xml.writeEndElement();
            xml.writeCharacters("\n  ");
          } else if (c.outcome() instanceof TestReport.Skipped s) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", clean(s.reason()));
            xml.writeEndElement();
          }
          xml.writeEndElement();
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test report " + file, e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the test report " + file, e);
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /** XML 1.0 cannot hold most control characters (dbt logs carry ANSI colour codes): drop them. */
  private static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '\t'
                  || cp == '\n'
                  || cp == '\r'
                  || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF)) {
                out.appendCodePoint(cp);
              }
            });
    return out.toString().replaceAll("\\[[0-9;]*m", "");
  }
}
