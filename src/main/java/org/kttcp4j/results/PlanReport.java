package org.kttcp4j.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What a plan's page and JUnit file show: the N x N matrix (senders by receivers; Gbit/s, each end's CPU s/GB,
 * a failed pair's reason) as JSON for the page (matrix.js draws it above report.js's per-pair charts), and a
 * JUnit testsuite with a testcase per pair (failed and missed pairs as failures, with the reason).
 */
public final class PlanReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Ansible's start and end ("2026-12-02 00:12:34.567890"). */
    private static final DateTimeFormatter ANSIBLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private PlanReport() {}

    /** The page's "matrix" object. */
    public static ObjectNode matrix(PlanResults plan) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("name", plan.name());
        ArrayNode hosts = m.putArray("hosts");
        plan.schedule().hosts().forEach(hosts::add);
        m.put("rounds", plan.schedule().rounds().size());
        ObjectNode options = m.putObject("options");
        plan.options().forEach(options::put);
        ObjectNode facts = m.putObject("facts");
        for (PlanResults.Host h : plan.hosts().values()) {
            ObjectNode f = facts.putObject(h.name());
            h.facts().forEach(f::put);
            if (h.down() != null) {
                f.put("down", h.down());
            }
        }
        ArrayNode cells = m.putArray("cells");
        for (PlanResults.Pair p : plan.pairs()) {
            ObjectNode c = cells.addObject();
            c.put("sender", p.pair().sender());
            c.put("receiver", p.pair().receiver());
            c.put("round", p.round());
            c.put("status", p.status().name().toLowerCase(Locale.ROOT));
            if (p.reason() != null) {
                c.put("reason", p.reason());
            }
            num(c, "gbits", p.gbits());
            num(c, "cpuSender", p.cpuSender());
            num(c, "cpuReceiver", p.cpuReceiver());
            for (PlanResults.End e : new PlanResults.End[] {p.send(), p.recv()}) {
                if (e != null && e.note() != null && !e.note().isBlank()) {
                    c.put("note", e.note());
                }
            }
        }
        return m;
    }

    /** A JUnit testsuite: one testcase per pair, its time the sender's run (Ansible's start to end). */
    public static String junit(PlanResults plan, String generator) {
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "kttcp4j plan " + plan.name());
            x.writeAttribute("tests", Integer.toString(plan.pairs().size()));
            x.writeAttribute("failures", Integer.toString(plan.failed().size() + plan.missed().size()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "generator", generator);
            property(x, "hosts", String.join(",", plan.schedule().hosts()));
            for (Map.Entry<String, String> e : plan.options().entrySet()) {
                property(x, e.getKey(), e.getValue());
            }
            x.writeEndElement();
            for (PlanResults.Pair p : plan.pairs()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "kttcp4j.plan.round" + p.round());
                x.writeAttribute("name", p.label());
                x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds(p.send())));
                String figures = String.format(Locale.ROOT, "%s Gbit/s, CPU s/GB sender %s receiver %s",
                        Metric.GBITS.format(p.gbits()), Metric.CPU.format(p.cpuSender()), Metric.CPU.format(p.cpuReceiver()));
                if (p.status() != PlanResults.Status.OK) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("failure");
                    x.writeAttribute("type", p.status() == PlanResults.Status.MISSED ? "threshold" : "failed");
                    x.writeAttribute("message", p.reason());
                    x.writeCharacters(p.reason());
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(figures);
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** An end's wall time from Ansible's start and end, 0 when either is missing. */
    static double seconds(PlanResults.End e) {
        if (e == null || e.start() == null || e.end() == null) {
            return 0;
        }
        try {
            return Duration.between(LocalDateTime.parse(e.start(), ANSIBLE), LocalDateTime.parse(e.end(), ANSIBLE)).toNanos() / 1e9;
        } catch (DateTimeParseException ex) {
            return 0;
        }
    }

    /** Ansible's time stamp, or null. */
    public static LocalDateTime time(String ansible) {
        try {
            return ansible == null ? null : LocalDateTime.parse(ansible, ANSIBLE);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
