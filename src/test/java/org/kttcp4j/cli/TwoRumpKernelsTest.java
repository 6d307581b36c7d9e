package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;
import org.kttcp4j.testing.TwoRumpKernels;

/**
 * Two NetBSD kernels on one machine: two rump servers on one shmif Ethernet (native/rump/two-kernels.sh), kttcp4j
 * a client of each (--kernel rumpclient:URL), receiver in kernel A and sender in kernel B, as two processes.
 * NetBSD's TCP on both ends, NetBSD's kttcp.c as source and sink, an emulated Ethernet between.
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel built by native/rump/build.sh")
class TwoRumpKernelsTest {
    static final long MIB = 1L << 20;
    /** Ports inside the rump kernels (their own port space): one per run, so no run meets another's TIME_WAIT. */
    static final AtomicInteger PORT = new AtomicInteger(23000);

    @TempDir
    static Path state;
    static TwoRumpKernels kernels;

    @BeforeAll
    static void start() throws Exception {
        kernels = TwoRumpKernels.start(state.resolve("pair"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernels != null) {
            kernels.close();
        }
    }

    /** recv in A, send in B; returns {received, sent} from their JSON, after both exited 0. */
    static long[] run(String rxEngine, String txEngine, long bytes, int seconds, String... both) throws Exception {
        String port = Integer.toString(PORT.incrementAndGet());
        List<String> r0 = new ArrayList<>(List.of("recv", "--kernel", kernels.kernelA(), "--engine", rxEngine,
                "--port", port, "-4", "--json", "-q"));
        List<String> t0 = new ArrayList<>(List.of("send", kernels.addrA(), "--kernel", kernels.kernelB(),
                "--engine", txEngine, "--port", port, "-4", "--bytes", Long.toString(bytes), "--json", "-q"));
        r0.addAll(List.of(both));
        t0.addAll(List.of(both));
        try (CliProcess rx = CliProcess.kttcp4j(r0.toArray(String[]::new))) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j(t0.toArray(String[]::new))) {
                assertEquals(0, tx.waitFor(seconds), "sender: " + tx.stderr() + tx.stdout());
                assertEquals(0, rx.waitFor(60), "receiver: " + rx.stderr() + rx.stdout());
                JsonNode r = Json.stdout(rx);
                JsonNode t = Json.stdout(tx);
                assertEquals("recv", r.at("/start/mode").asText());
                assertEquals(kernels.kernelA(), r.at("/start/kernel").asText());
                assertEquals(kernels.kernelB(), t.at("/start/kernel").asText());
                // the receiver saw the sender's address in kernel B: the bytes crossed the shmif Ethernet
                assertEquals(kernels.addrB(), r.at("/start/connected/0/remote_host").asText(), rx.stdout());
                assertFalse(r.at("/end/kttcp4j/0/partial").asBoolean());
                assertFalse(t.at("/end/kttcp4j/0/partial").asBoolean());
                return new long[] {r.at("/end/sum_received/bytes").asLong(), t.at("/end/sum_sent/bytes").asLong()};
            }
        }
    }

    @ParameterizedTest(name = "kttcp to kttcp, {0} bytes")
    @ValueSource(longs = {MIB, 100 * MIB, 3L << 30})
    void kttcpInOneNetbsdKernelToKttcpInAnother(long bytes) throws Exception {
        // 3 GiB is two ioctls per side (the largest SEND is 2^31-2 bytes): about 30 s at the 1 Gbit/s measured here
        long[] moved = run("kttcp", "kttcp", bytes, 600);
        assertEquals(bytes, moved[1], "sent");
        assertEquals(bytes, moved[0], "received");
    }

    @Test
    void userEngineReceivingThroughKernelAsSocketsAgainstKttcpSending() throws Exception {
        long[] moved = run("user", "kttcp", 100 * MIB, 300);
        assertEquals(100 * MIB, moved[1]);
        assertEquals(100 * MIB, moved[0]);
    }

    @Test
    void kttcpReceivingAgainstTheUserEngineSendingThroughKernelBsSockets() throws Exception {
        long[] moved = run("kttcp", "user", 100 * MIB, 300);
        assertEquals(100 * MIB, moved[1]);
        assertEquals(100 * MIB, moved[0]);
    }

    /** --poll through librumpclient: each end's recvfrom/sendto and poll(2) are the remote NetBSD kernel's. */
    @Test
    void theUserEnginesPollLoopAcrossTheTwoKernels() throws Exception {
        long[] moved = run("user", "user", 100 * MIB, 300, "--poll");
        assertEquals(100 * MIB, moved[1]);
        assertEquals(100 * MIB, moved[0]);
    }

    /** --bidir with kttcp at both ends: each NetBSD kernel is the source on one connection and the sink on the other. */
    @Test
    void kttcpBothWaysAtOnceBetweenTheTwoKernels() throws Exception {
        String port = Integer.toString(PORT.incrementAndGet());
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", kernels.kernelA(), "--engine", "kttcp", "--bidir",
                "--port", port, "-4", "--bytes", "32m", "--json", "-q")) {
            rx.awaitOutput("listening on", 60);
            try (CliProcess tx = CliProcess.kttcp4j("send", kernels.addrA(), "--kernel", kernels.kernelB(), "--engine",
                    "kttcp", "--bidir", "--port", port, "-4", "--bytes", "32m", "--json", "-q")) {
                assertEquals(0, tx.waitFor(300), "sender: " + tx.stderr() + tx.stdout());
                assertEquals(0, rx.waitFor(60), "receiver: " + rx.stderr() + rx.stdout());
                JsonNode t = Json.stdout(tx).get("end");
                JsonNode r = Json.stdout(rx).get("end");
                assertEquals(32 * MIB, t.at("/sum_sent/bytes").asLong(), t.toString());
                assertEquals(32 * MIB, t.at("/sum_received_bidir_reverse/bytes").asLong(), t.toString());
                assertEquals(32 * MIB, r.at("/sum_received/bytes").asLong(), r.toString());
                assertEquals(32 * MIB, r.at("/sum_sent_bidir_reverse/bytes").asLong(), r.toString());
                for (JsonNode end : t.get("kttcp4j")) {
                    assertEquals("kernel", end.get("clock").asText(), "kttcp's own clock on both ends: " + end);
                }
            }
        }
    }

    static final Pattern C_TOOL_BYTES = Pattern.compile("kttcp: (\\d+) bytes in [0-9.]+ real seconds ==> \\d+ bytes/sec");

    static long cToolBytes(CliProcess p) {
        Matcher m = C_TOOL_BYTES.matcher(p.stdout());
        assertTrue(m.find(), "no C tool result line: " + p.stdout() + p.stderr());
        return Long.parseLong(m.group(1));
    }

    @Test
    void theCToolsModeAcrossTheTwoKernels() throws Exception {
        String port = Integer.toString(PORT.incrementAndGet());
        try (CliProcess rx = CliProcess.kttcp4j("--kernel", kernels.kernelA(), "--engine", "kttcp", "-r", "-p", port)) {
            rx.awaitOutput("kttcp: listening on port", 60);
            try (CliProcess tx = CliProcess.kttcp4j("--kernel", kernels.kernelB(), "--engine", "kttcp", "-t", "-n", "100m",
                    "-p", port, kernels.addrA())) {
                assertEquals(0, tx.waitFor(300), tx.stderr() + tx.stdout());
                assertEquals(0, rx.waitFor(60), rx.stderr() + rx.stdout());
                assertEquals(100 * MIB, cToolBytes(tx));
                assertEquals(100 * MIB, cToolBytes(rx));
            }
        }
    }

    @Test
    void enginesThatUseTheHostsSocketsAreRefusedInARumpServersKernel() {
        for (String engine : new String[] {"nio", "splice"}) {
            try (CliProcess p = CliProcess.kttcp4j("recv", "--kernel", kernels.kernelA(), "--engine", engine,
                    "--port", Integer.toString(PORT.incrementAndGet()))) {
                assertEquals(2, p.waitFor(60), p.stderr());
                assertTrue(p.stderr().contains("rumpclient:" + kernels.urlA()), p.stderr());
                assertTrue(p.stderr().contains("the " + engine + " engine"), p.stderr());
            }
        }
    }

    @Test
    void aUrlThatIsNoServerIsAUsageError() {
        try (CliProcess p = CliProcess.kttcp4j("recv", "--kernel", "rumpclient:unix://" + state.resolve("none.sock"),
                "--engine", "kttcp")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("no rump server at unix://"), p.stderr());
        }
        try (CliProcess p = CliProcess.kttcp4j("recv", "--kernel", "rumpclient:/tmp/a.sock", "--engine", "kttcp")) {
            assertEquals(1, p.waitFor(60), p.stderr());
            assertTrue(p.stderr().contains("use unix:///path/a.sock"), p.stderr());
        }
    }

    /**
     * Kernel A (the receiver's) is killed with SIGKILL mid-transfer, then started again on the same bus and
     * address, as a host that crashed and rebooted. The receiver, a client of the dead kernel, loses its kernel:
     * ENOTCONN. The sender's kernel B retransmits to 198.18.0.1 until the new kernel A answers with a reset, and
     * the next send fails (EPIPE or ECONNRESET). Both end with the bytes they had moved, the error, and exit 2.
     * Without the restart the sender's stream stalls and --idle-timeout ends it (the next test).
     */
    @Test
    void aKernelKilledMidTransferEndsBothRunsWithAPartialResult(@TempDir Path own) throws Exception {
        try (TwoRumpKernels pair = TwoRumpKernels.start(own.resolve("pair"))) {
            String port = Integer.toString(PORT.incrementAndGet());
            try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", pair.kernelA(), "--engine", "kttcp",
                    "--port", port, "-4", "--json", "-q")) {
                rx.awaitOutput("listening on", 60);
                // timed, so the kttcp engine moves about 100 ms per ioctl and a partial count means something
                try (CliProcess tx = CliProcess.kttcp4j("send", pair.addrA(), "--kernel", pair.kernelB(), "--engine",
                        "kttcp", "--port", port, "-4", "--time", "120s", "--json", "-q")) {
                    Thread.sleep(4000);
                    assertTrue(rx.alive() && tx.alive(), "the transfer ended before the kill: receiver "
                            + (rx.alive() ? "running" : "exited") + ": " + rx.stderr() + rx.stdout() + "; sender "
                            + (tx.alive() ? "running" : "exited") + ": " + tx.stderr() + tx.stdout());
                    ProcessHandle.of(pair.pidA()).orElseThrow().destroyForcibly(); // SIGKILL, by the PID the script printed
                    TwoRumpKernels.Result restart = pair.restart("a");
                    assertEquals(0, restart.status(), restart.err());

                    // the JSON document carries the error that ended the run and the bytes moved before it
                    assertEquals(2, rx.waitFor(60), "receiver: " + rx.stderr() + rx.stdout());
                    JsonNode r = Json.stdout(rx);
                    long received = r.at("/end/sum_received/bytes").asLong();
                    assertTrue(r.at("/end/kttcp4j/0/error").asText().contains("ENOTCONN (57)"), rx.stdout());
                    assertTrue(received > 0, rx.stdout());

                    // observed: EPIPE (NetBSD's sosend reports the reset as EPIPE once the socket cannot send),
                    // within about 10 s of the restart; ETIMEDOUT if kernel A never came back (minutes)
                    assertEquals(2, tx.waitFor(120), "sender: " + tx.stderr() + tx.stdout());
                    JsonNode t = Json.stdout(tx);
                    String error = t.at("/end/kttcp4j/0/error").asText();
                    assertTrue(error.contains("EPIPE (32)") || error.contains("ECONNRESET (54)")
                            || error.contains("ETIMEDOUT (60)"), tx.stdout());
                    // the sender keeps the bytes of its completed ioctls; the failed one's progress is lost (kttcp.c
                    // copies nothing out on an error), so the receiver may have seen more than the sender counts
                    long sent = t.at("/end/sum_sent/bytes").asLong();
                    assertTrue(sent > 0 && t.at("/end/kttcp4j/0/partial").asBoolean(), tx.stdout());
                }
            }
        }
    }

    /** The receiver's kernel is killed and stays dead: the sender's stream stalls, and --idle-timeout ends it. */
    @Test
    void aKernelThatStaysDeadEndsTheSendersRunByTheIdleTimeout(@TempDir Path own) throws Exception {
        try (TwoRumpKernels pair = TwoRumpKernels.start(own.resolve("pair"))) {
            String port = Integer.toString(PORT.incrementAndGet());
            try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", pair.kernelA(), "--engine", "kttcp",
                    "--port", port, "-4", "--json", "-q")) {
                rx.awaitOutput("listening on", 60);
                try (CliProcess tx = CliProcess.kttcp4j("send", pair.addrA(), "--kernel", pair.kernelB(), "--engine",
                        "kttcp", "--port", port, "-4", "--time", "120s", "--idle-timeout", "3s", "--json", "-q")) {
                    Thread.sleep(3000);
                    assertTrue(tx.alive(), tx.stderr());
                    ProcessHandle.of(pair.pidA()).orElseThrow().destroyForcibly();
                    long t0 = System.nanoTime();
                    assertEquals(2, tx.waitFor(60), "sender: " + tx.stderr() + tx.stdout());
                    assertTrue((System.nanoTime() - t0) / 1e9 < 30, "ended by the idle timeout, not TCP's minutes");
                    JsonNode t = Json.stdout(tx);
                    assertTrue(t.at("/end/kttcp4j/0/error").asText().contains("moved no data for 3 s"), tx.stdout());
                    // what it sent is the completed ioctls' count (it may be 0 on a slow link: the first 8 MiB ioctl
                    // can still be under way), reported as a partial run
                    assertTrue(t.at("/end/kttcp4j/0/partial").asBoolean(), tx.stdout());
                    assertEquals(2, rx.waitFor(60), "receiver: " + rx.stderr());
                }
            }
        }
    }
}
