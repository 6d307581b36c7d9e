package org.kttcp4j.document;

import java.util.List;

/**
 * One line of --json-stream, {"event": ..., "data": ...}, as iperf3 3.17's --json-stream: "start" before each
 * run ({@link Document.Start} without what a connection tells), "interval" as each closes
 * ({@link Document.Interval}), "end" with the whole run ({@link Document} without its intervals); then kttcp4j's
 * "summary" after a series (a list of {@link Document.SummaryRow}), and "error" or "stopped" (a string) when the
 * whole thing ended early. {@link Json#event} reads a line back with its data typed so.
 */
public record Event(String event, Object data) {
    public static final String START = "start";
    public static final String INTERVAL = "interval";
    public static final String END = "end";
    public static final String SUMMARY = "summary";
    public static final String ERROR = "error";
    public static final String STOPPED = "stopped";

    public static Event start(Document.Start s) {
        return new Event(START, s);
    }

    public static Event interval(Document.Interval in) {
        return new Event(INTERVAL, in);
    }

    public static Event end(Document run) {
        return new Event(END, run);
    }

    public static Event summary(List<Document.SummaryRow> rows) {
        return new Event(SUMMARY, rows);
    }

    public static Event error(String message) {
        return new Event(ERROR, message);
    }

    public static Event stopped(String signal) {
        return new Event(STOPPED, signal);
    }
}
