package io.github.kvmboot.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a kvmboot report back the way CI servers do: validates it against the Surefire
 * constraints schema (src/test/resources/report/surefire-constraints.xsd), parses it with a DOM
 * parser and checks that the suite's counts agree with its test cases. Also used by the invoker
 * ITs' verify scripts.
 */
public final class ReportXmlCheck {

    public record Case(String className, String name, String verdict, String message, String body) {
    }

    public record Suite(String name, int tests, int failures, int errors, int skipped, List<Case> cases,
            String systemOut, Map<String, String> properties) {

        public long count(String className, String verdict) {
            return cases.stream().filter(c -> c.className().equals(className) && c.verdict().equals(verdict)).count();
        }

        public Case find(String name) {
            return cases.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no test case " + name + " in " + cases));
        }
    }

    private ReportXmlCheck() {
    }

    public static void validate(Path xml) throws Exception {
        try (InputStream xsd = ReportXmlCheck.class.getResourceAsStream("/report/surefire-constraints.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(xsd))
                    .newValidator().validate(new StreamSource(xml.toFile()));
        }
    }

    public static Suite read(Path xml) throws Exception {
        validate(xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        check(suite.getTagName().equals("testsuite"), "root element is " + suite.getTagName());
        List<Case> cases = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        NodeList testcases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < testcases.getLength(); i++) {
            Element tc = (Element) testcases.item(i);
            String verdict = "passed";
            String message = "";
            String body = "";
            for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    switch (e.getTagName()) {
                        case "failure", "error", "skipped" -> {
                            check(verdict.equals("passed"), tc.getAttribute("name") + " has two verdicts");
                            verdict = e.getTagName();
                            message = e.getAttribute("message");
                            body = e.getTextContent();
                        }
                        case "system-out" -> out.append(e.getTextContent());
                        default -> throw new AssertionError("unexpected element " + e.getTagName());
                    }
                }
            }
            cases.add(new Case(tc.getAttribute("classname"), tc.getAttribute("name"), verdict, message, body));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList props = suite.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            check(properties.put(p.getAttribute("name"), p.getAttribute("value")) == null,
                    "property " + p.getAttribute("name") + " twice");
        }
        Suite s = new Suite(suite.getAttribute("name"), Integer.parseInt(suite.getAttribute("tests")),
                Integer.parseInt(suite.getAttribute("failures")), Integer.parseInt(suite.getAttribute("errors")),
                Integer.parseInt(suite.getAttribute("skipped")), cases, out.toString(), properties);
        check(s.tests() == cases.size(), "tests=" + s.tests() + " but " + cases.size() + " test cases");
        check(s.failures() == cases.stream().filter(c -> c.verdict().equals("failure")).count(), "failures count");
        check(s.errors() == cases.stream().filter(c -> c.verdict().equals("error")).count(), "errors count");
        check(s.skipped() == cases.stream().filter(c -> c.verdict().equals("skipped")).count(), "skipped count");
        for (Case c : cases) {
            check(!c.name().isEmpty() && !c.className().isEmpty(), "test case without name or classname: " + c);
        }
        return s;
    }

    private static void check(boolean ok, String problem) throws IOException {
        if (!ok) {
            throw new AssertionError(problem);
        }
    }
}
