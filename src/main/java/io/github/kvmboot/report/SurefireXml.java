package io.github.kvmboot.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link BootReport} in the Surefire XML format that Jenkins' junit step, GitLab's
 * {@code artifacts:reports:junit} and maven-surefire-report read: one {@code <testsuite>} with
 * {@code name tests failures errors skipped time}, {@code <properties>}, and {@code <testcase
 * classname name time>} elements holding at most one of {@code <failure>}, {@code <error>},
 * {@code <skipped>}, then {@code <system-out>} (Surefire's schema has no suite-level output, so
 * the console tail goes into the last boot stage's test case).
 */
public final class SurefireXml {

    private SurefireXml() {
    }

    public static void write(BootReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(report, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(BootReport report, XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        attribute(xml, "name", report.suiteName());
        attribute(xml, "time", time(report.seconds()));
        attribute(xml, "tests", Integer.toString(report.cases().size()));
        attribute(xml, "errors", Long.toString(report.count(ReportCase.Verdict.ERROR)));
        attribute(xml, "skipped", Long.toString(report.count(ReportCase.Verdict.SKIPPED)));
        attribute(xml, "failures", Long.toString(report.count(ReportCase.Verdict.FAILED)));
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        property(xml, "kvmboot.timestamp", report.timestamp().toString());
        property(xml, "kvmboot.outcome", report.end().outcome());
        property(xml, "kvmboot.ktap.documents", Integer.toString(report.ktap().documents()));
        for (Map.Entry<String, String> p : report.properties().entrySet()) {
            property(xml, p.getKey(), p.getValue());
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        for (ReportCase c : report.cases()) {
            testcase(xml, c);
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
    }

    private static void testcase(XMLStreamWriter xml, ReportCase c) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        boolean empty = c.verdict() == ReportCase.Verdict.PASSED && c.output().isEmpty();
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        attribute(xml, "name", c.name());
        attribute(xml, "classname", c.className());
        attribute(xml, "time", time(c.seconds()));
        if (empty) {
            return;
        }
        switch (c.verdict()) {
            case FAILED -> problem(xml, "failure", c);
            case ERROR -> problem(xml, "error", c);
            case SKIPPED -> {
                xml.writeCharacters("\n    ");
                xml.writeEmptyElement("skipped");
                if (!c.message().isEmpty()) {
                    attribute(xml, "message", c.message());
                }
            }
            case PASSED -> {
            }
        }
        if (!c.output().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            text(xml, c.output());
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, String element, ReportCase c) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement(element);
        attribute(xml, "message", c.message());
        attribute(xml, "type", c.type());
        text(xml, c.detail());
        xml.writeEndElement();
    }

    /** Attribute values are single-line: XML parsers turn tabs and line breaks in them into spaces anyway. */
    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, XmlText.clean(value).replaceAll("[\\t\\r\\n]", " "));
    }

    private static void text(XMLStreamWriter xml, String value) throws XMLStreamException {
        xml.writeCharacters(XmlText.clean(value));
    }

    /** Surefire's time: seconds with at most three decimals, no grouping, a dot. */
    static String time(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }
}
