package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.Family;
import org.kttcp4j.formats.KttcpToolReporter;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.FakeNetBsdKernel;
import org.kttcp4j.testing.FakeNetBsdKernel.Reply;
import picocli.CommandLine;

/**
 * kttcp runs the way the command line runs them (Launch.execute: the reporter, the stderr lines, the exit status),
 * on the fake NetBSD kernel. Only the Run is built here rather than from options: the product has no way to name
 * a fake kernel, and should not.
 */
class KttcpCliFakeKernelTest {
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel();

    record Outcome(int code, String out, String err) {}

    static Outcome execute(Run run, boolean compat, boolean verbose) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        RunListener reporter = compat ? new KttcpToolReporter(cmd.getOut(), cmd.getErr(), false, verbose)
                : Launch.reporter(cmd, new OutputOptions());
        int code = Launch.execute(cmd, run, reporter);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aKttcpLoopbackRunThatFailsPartWayExitsTwoAndSaysWhy() throws Exception {
        fake.script(c -> c.send() && c.nth() == 2 ? Reply.error("EPIPE") : Reply.wire());
        Outcome o = execute(Run.loopback().kernel(fake.kernel()).engine("kttcp").bytes(32L << 20).family(Family.V4).build(),
                false, false);
        long second = fake.calls(true).get(1).totalSize();
        String error = "ioctl KTTCP_IO_SEND (" + second + " bytes): EPIPE (32) Broken pipe: the peer closed the"
                + " connection after 8388608 bytes";
        assertEquals(2, o.code(), o.err());
        assertEquals("kttcp4j: sender failed: " + error + "\n", o.err());
        assertTrue(o.out().contains("sender    8388608 bytes in "), o.out());
        assertTrue(o.out().contains("[partial: 8388608 of 33554432 bytes] [ended by error: " + error + "]"), o.out());
        assertTrue(o.out().startsWith("kttcp4j loopback: peer 127.0.0.1 port "), o.out());
        assertTrue(o.out().contains(", kernel fake-netbsd, one process (its kernel lives in this process)\n"), o.out());
    }

    @Test
    void theCToolsReceiverAndTransmitterOverKttcpPrintItsLines() throws Exception {
        int port = CliProcess.freePort();
        Run receive = Run.receive().upTo(Main.DEFAULT_RECV).backlog(1).kernel(fake.kernel()).engine("kttcp").port(port)
                .family(Family.V4).sockbuf(131072).build();
        FutureTask<Outcome> rx = new FutureTask<>(() -> execute(receive, true, true));
        Thread t = new Thread(rx);
        t.setDaemon(true);
        t.start();
        Run send = Run.send("127.0.0.1").bytes(20L << 20).kernel(fake.kernel()).engine("kttcp").port(port)
                .family(Family.V4).sockbuf(65536).build();
        Outcome tx = null;
        for (int i = 0; i < 100 && (tx == null || tx.code() != 0); i++) { // bounded: until the receiver listens
            tx = execute(send, true, false);
            if (tx.code() != 0) {
                Thread.sleep(50);
            }
        }
        assertEquals(0, tx.code(), tx.err());
        Outcome r = rx.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        List<String> tl = tx.out().lines().toList();
        assertEquals("kttcp: socket buffer size: 65536", tl.get(0));
        assertEquals("kttcp: connected to 127.0.0.1", tl.get(1));
        assertRates(tl.get(2), tl.get(3), 20L << 20);
        assertEquals(5, tl.size(), tx.out());
        assertTrue(tx.err().contains("kttcp4j: engine kttcp (kernel source/sink, ioctls on /dev/kttcp"), tx.err());
        List<String> rl = r.out().lines().toList();
        assertEquals("kttcp: socket buffer size: 131072", rl.get(0));
        assertEquals("kttcp: listening on port " + port, rl.get(1));
        assertEquals("kttcp: connect from 127.0.0.1", rl.get(2));
        assertRates(rl.get(3), rl.get(5), 20L << 20);
        assertTrue(rl.get(4).matches("kttcp: 20971520 bytes in \\d+\\.\\d{3} CPU seconds ==> \\d+ bytes/CPU sec"), rl.get(4));
        assertTrue(rl.get(6).matches("  \\d+\\.\\d{2}user \\d+\\.\\d{2}sys \\d+\\.\\d+real \\d+%"), rl.get(6));
    }

    /** The real-seconds line's bytes/sec is bytes / seconds; the Megabits line is that * 8 / 2^20 and / 10^6. */
    static void assertRates(String real, String mbit, long bytes) {
        Matcher m = Pattern.compile("kttcp: (\\d+) bytes in (\\d+)\\.(\\d{3}) real seconds ==> (\\d+) bytes/sec").matcher(real);
        assertTrue(m.matches(), real);
        assertEquals(bytes, Long.parseLong(m.group(1)));
        double seconds = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) / 1000.0;
        long perSec = Long.parseLong(m.group(4));
        // bytes/sec is computed from microseconds; the line shows milliseconds: agree within one millisecond
        assertTrue(Math.abs(bytes / (double) perSec - seconds) <= 0.0011, real);
        Matcher b = Pattern.compile(" {7}([0-9.e+]+) \\(([0-9.e+]+)\\) Megabits/sec").matcher(mbit);
        assertTrue(b.matches(), mbit);
        double bits = perSec * 8.0;
        assertEquals(bits / 1048576, Double.parseDouble(b.group(1)), bits / 1048576 * 1e-5, mbit);
        assertEquals(bits / 1e6, Double.parseDouble(b.group(2)), bits / 1e6 * 1e-5, mbit);
    }
}
