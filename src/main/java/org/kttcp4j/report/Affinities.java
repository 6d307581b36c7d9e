package org.kttcp4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kttcp4j.document.Document;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;

/** -A/--affinity in the reports: where each stream end was pinned and where it ran (SideResult's CPUs). */
public final class Affinities {
    private Affinities() {}

    /** The pinned ends in the order they took their CPUs: stream 1's ends first, a sender before its receiver. */
    public static List<SideResult> pinned(RunResult run) {
        List<SideResult> ends = new ArrayList<>();
        for (SideResult e : run.sides()) {
            if (e.pinned().isPresent()) {
                ends.add(e);
            }
        }
        ends.sort(Comparator.comparingInt(SideResult::stream).thenComparing(SideResult::role));
        return ends;
    }

    /** "affinity: stream 1 sender CPU 0 (ran on 0), stream 1 receiver CPU 1 (ran on 1)", or null without -A. */
    public static String line(RunResult run) {
        List<SideResult> ends = pinned(run);
        if (ends.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (SideResult e : ends) {
            parts.add("stream " + e.stream() + " " + e.role().label() + " CPU " + e.pinned().getAsInt()
                    + (e.ranOn().isPresent() ? " (ran on " + e.ranOn().getAsInt() + ")" : ""));
        }
        return "affinity: " + String.join(", ", parts);
    }

    /** JSON "cpu_affinity" in "start": one object per pinned end; null (left out) without -A. */
    public static List<Document.Affinity> json(RunResult run) {
        List<SideResult> ends = pinned(run);
        if (ends.isEmpty()) {
            return null;
        }
        return ends.stream().map(e -> new Document.Affinity(e.stream(), e.role() == Role.SENDER ? "sender" : "receiver",
                e.pinned().getAsInt(), e.ranOn().isPresent() ? (Integer) e.ranOn().getAsInt() : null)).toList();
    }
}
