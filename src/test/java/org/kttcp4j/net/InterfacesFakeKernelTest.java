package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.InterfaceAbi;
import org.kttcp4j.measure.Line;
import org.kttcp4j.report.JsonDocument;
import org.kttcp4j.report.LineFigure;
import org.kttcp4j.formats.TextReporter;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SideResult;
import org.kttcp4j.testing.FakeNetBsdKernel;
import org.kttcp4j.testing.Json;

/**
 * A kernel that refuses the interface ioctls (the fake NetBSD kernel answers every ioctl on a socket with ENOTTY):
 * the interface's fields are absent, the run moves every byte, and nothing is guessed in its place.
 */
class InterfacesFakeKernelTest {
    static final long MIB = 1L << 20;
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel();

    @Test
    void refusedIoctlsLeaveTheFieldsAbsentAndTheRunUnharmed() throws Exception {
        Results results = Run.loopback().kernel(fake.kernel()).engine("kttcp").bytes(16 * MIB).family(Family.V4)
                .build().execute(RunListener.NONE);
        assertFalse(results.failed(), results.toString());
        RunResult r = results.last().orElseThrow();
        for (SideResult e : r.sides()) {
            assertEquals(16 * MIB, e.transfer().bytes(), "every byte moved: " + e);
            assertNull(e.localInterface(), "no interface where the kernel said none: " + e);
        }
        // it was asked, in NetBSD's numbers, through the seam: SIOCGIFCONF on the connection's own socket
        assertTrue(fake.refusedRequests().contains(InterfaceAbi.of(Abi.netbsd()).siocgifconf()),
                "SIOCGIFCONF asked: " + fake.refusedRequests());

        StringWriter w = new StringWriter();
        JsonDocument.run(w, r, "kttcp4j test");
        JsonNode doc = Json.parse(w.toString());
        assertTrue(doc.at("/start/interface").isMissingNode(), doc.at("/start").toString());
        assertTrue(doc.at("/end/kttcp4j_run/line").isMissingNode());
        assertTrue(doc.at("/end/kttcp4j_run/line_none").isMissingNode(), "no interface, nothing said");
        StringWriter t = new StringWriter();
        new TextReporter(new PrintWriter(t)).runEnded(r);
        assertFalse(t.toString().contains("interface"), t.toString());
        assertFalse(t.toString().contains("of the line"), t.toString());

        // --line-rate without an interface: still no line (the MTU is the interface's), and it says why
        LineFigure f = LineFigure.of(r, Line.Rate.parse("10gbit"));
        assertNull(f.line());
        assertTrue(f.none().startsWith("no interface"), f.none());
    }
}
