package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.kttcp4j.engine.Engine;
import org.kttcp4j.engine.EngineConfig;
import org.kttcp4j.engine.Engines;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.ErrnoException;
import org.kttcp4j.report.JsonDocument;
import org.kttcp4j.formats.TextReporter;
import org.kttcp4j.testing.FakeNetBsdKernel;
import org.kttcp4j.testing.FakeNetBsdKernel.Reply;
import org.kttcp4j.testing.Json;

/**
 * The kttcp engine and whole runs on the fake NetBSD kernel: the run layer drives the kernel's device over
 * real loopback sockets made in NetBSD's ABI, and the reports say what a user would check.
 */
class KttcpRunFakeKernelTest {
    static final long MIB = 1L << 20;
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel();

    private Results loopback(long bytes, UnaryOperator<Run.Builder> more) throws Exception {
        return more.apply(Run.loopback().kernel(fake.kernel()).engine("kttcp").bytes(bytes).family(Family.V4))
                .build().execute(RunListener.NONE);
    }

    static JsonNode json(RunResult r) throws Exception {
        StringWriter w = new StringWriter();
        JsonDocument.run(w, r, "kttcp4j test");
        return Json.parse(w.toString());
    }

    static String text(RunResult r) {
        StringWriter w = new StringWriter();
        new TextReporter(new PrintWriter(w)).runEnded(r);
        return w.toString();
    }

    @Test
    void theEngineOpensTheDeviceBeforeAnySocketAndClosesIt() throws Exception {
        try (Engine<?> e = Engines.create("kttcp", new EngineConfig(fake.kernel(), EngineConfig.DEFAULT_BUFFER, false))) {
            assertEquals("kttcp", e.name());
            assertEquals("kernel source/sink, ioctls on /dev/kttcp of about 100 ms each", e.describe());
            assertEquals(0, fake.openDevices());
            e.prepare();
            e.prepare();
            assertEquals(1, fake.openDevices(), "opened once");
        }
        assertEquals(0, fake.openDevices(), "closed with the engine");
        fake.openFails("ENXIO");
        try (Engine<?> e = Engines.create("kttcp", new EngineConfig(fake.kernel(), EngineConfig.DEFAULT_BUFFER, false))) {
            ErrnoException x = assertThrows(ErrnoException.class, e::prepare);
            assertEquals("ENXIO", x.errnoName());
        }
        // a run fails before any socket is made (the CLI prints the error and exits 2)
        ErrnoException x = assertThrows(ErrnoException.class, () -> loopback(MIB, b -> b));
        assertTrue(x.getMessage().startsWith("open /dev/kttcp: ENXIO (6) Device not configured: "), x.getMessage());
        assertTrue(fake.calls().isEmpty(), "no ioctl without a device");
    }

    @Test
    void aLoopbackRunMovesEveryByteInTimedIoctlsOnTheKernelsClock() throws Exception {
        long t0 = System.currentTimeMillis() / 1000;
        Results results = loopback(64 * MIB, b -> b.sockbuf(65536).rcvlowat(32768).buffer(65536));
        long t1 = System.currentTimeMillis() / 1000;
        assertFalse(results.failed(), results.toString());
        RunResult r = results.last().orElseThrow();
        SideResult tx = r.of(Role.SENDER).get(0);
        SideResult rx = r.of(Role.RECEIVER).get(0);
        assertEquals(64 * MIB, tx.transfer().bytes());
        assertEquals(64 * MIB, rx.transfer().bytes());
        assertEquals(Transfer.Clock.KERNEL, tx.transfer().clock());
        assertEquals(Transfer.Clock.KERNEL, rx.transfer().clock());
        List<Long> sends = fake.calls(true).stream().map(FakeNetBsdKernel.IoctlCall::totalSize).toList();
        assertEquals(8 * MIB, sends.get(0), "TIMED: the first ioctl is 8 MiB");
        assertEquals(64 * MIB, sends.stream().mapToLong(Long::longValue).sum());
        assertEquals(sends.size(), tx.transfer().calls());
        assertEquals(fake.calls(false).size(), rx.transfer().calls());
        // the socket options went to the kernel in NetBSD's numbers: SOL_SOCKET 0xffff, SO_SNDBUF 0x1001, ...
        List<String> opts = fake.sockopts().stream().map(o -> Integer.toHexString(o[0]) + "/" + Integer.toHexString(o[1])
                + "=" + o[2]).toList();
        assertTrue(opts.contains("ffff/1001=65536"), opts.toString());
        assertTrue(opts.contains("ffff/1002=65536"), opts.toString());
        assertTrue(opts.contains("ffff/1004=32768"), "SO_RCVLOWAT on the receiving socket: " + opts);

        JsonNode doc = json(r);
        assertEquals("fake-netbsd", doc.at("/start/kernel").asText());
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), doc.at("/start/system_info").asText());
        assertEquals(65536, doc.at("/start/sock_bufsize").asInt());
        assertEquals(65536, doc.at("/start/test_start/sock_bufsize").asInt());
        assertEquals(65536, doc.at("/start/test_start/blksize").asInt(), "--buffer");
        assertEquals(r.rcvbufSet().intValue(), doc.at("/start/rcvbuf_actual").asInt());
        assertTrue(doc.at("/start/rcvbuf_actual").asInt() >= 65536, "the kernel's value: " + doc.at("/start/rcvbuf_actual"));
        long secs = doc.at("/start/timestamp/timesecs").asLong();
        assertTrue(secs >= t0 && secs <= t1, secs + " not in [" + t0 + ", " + t1 + "]");
        assertEquals(Instant.ofEpochSecond(secs), Instant.parse(doc.at("/start/timestamp/time").asText())
                .truncatedTo(ChronoUnit.SECONDS));
        // the connected stream's remote port is the listener's (the sender's peer)
        assertEquals(tx.peer().getPort(), doc.at("/start/connected/0/remote_port").asInt());
        JsonNode s = doc.at("/end/kttcp4j/0");
        JsonNode rcv = doc.at("/end/kttcp4j/1");
        assertEquals("sender", s.get("role").asText());
        assertEquals("kernel", s.get("clock").asText());
        assertEquals(64 * MIB, s.get("requested_bytes").asLong());
        assertEquals(-1, rcv.get("requested_bytes").asLong(), "a loopback receiver takes what comes until EOF");
        assertEquals(tx.peer().getPort(), s.get("remote_port").asInt());
        assertEquals(rx.peer().getPort(), rcv.get("remote_port").asInt());
        assertEquals(rx.receiveBuffer(), rcv.get("rcvbuf_actual").asInt());
        for (JsonNode e : List.of(s, rcv)) {
            double bps = e.get("bytes").asLong() * 8 / e.get("seconds").asDouble();
            assertEquals(bps, e.get("bits_per_second").asDouble(), bps * 1e-9, "bytes * 8 / seconds: " + e);
            double cpu = e.get("cpu_user_seconds").asDouble() + e.get("cpu_system_seconds").asDouble();
            if (e.get("seconds").asDouble() * 1e9 >= Figures.MIN_CPU_NANOS) {
                assertEquals(cpu / (e.get("bytes").asLong() / 1e9), e.get("cpu_seconds_per_gb").asDouble(), 1e-6,
                        "CPU s/GB from the CPU and the bytes: " + e);
            } else {
                assertTrue(e.get("cpu_seconds_per_gb").isNull(), "under 20 ms: not measured: " + e);
            }
            assertFalse(e.get("partial").asBoolean());
            assertTrue(e.get("error").isNull());
            assertTrue(e.get("stopped").isNull());
        }
        JsonNode run = doc.at("/end/kttcp4j_run");
        double wall = run.get("wall_seconds").asDouble();
        JsonNode cpuPercent = doc.at("/end/cpu_utilization_percent");
        if (wall * 1e9 >= Figures.MIN_CPU_NANOS) {
            assertEquals(run.get("cpu_user_seconds").asDouble() / wall * 100, cpuPercent.get("host_user").asDouble(), 1e-6);
            assertEquals(run.get("cpu_system_seconds").asDouble() / wall * 100, cpuPercent.get("host_system").asDouble(),
                    1e-6);
            assertEquals(cpuPercent.get("host_user").asDouble() + cpuPercent.get("host_system").asDouble(),
                    cpuPercent.get("host_total").asDouble(), 1e-6);
        } else { // a fast machine moves the 64 MiB in under two CPU ticks: the percentages are not measured
            for (String f : List.of("host_user", "host_system", "host_total")) {
                assertTrue(cpuPercent.get(f).isNull(), "a run of " + wall + " s: " + f + " not measured: " + cpuPercent);
            }
        }
        double rbps = rcv.get("bytes").asLong() * 8 / rcv.get("seconds").asDouble();
        assertEquals(rbps, run.get("bits_per_second").asDouble(), rbps * 1e-9, "the run is judged by its receiver");
        assertFalse(run.get("failed").asBoolean());
        assertTrue(text(r).contains("sender    67108864 bytes in "), text(r));
        assertTrue(text(r).contains(", kernel clock\n"), text(r));
    }

    @Test
    void aSendWhoseSecondIoctlFailsReportsItsFirstBytesAsPartialWithTheError() throws Exception {
        fake.script(c -> c.send() && c.nth() == 2 ? Reply.error("ECONNRESET") : Reply.wire());
        Results results = loopback(64 * MIB, b -> b);
        assertTrue(results.failed());
        RunResult r = results.last().orElseThrow();
        SideResult tx = r.of(Role.SENDER).get(0);
        long second = fake.calls(true).get(1).totalSize();
        String error = "ioctl KTTCP_IO_SEND (" + second + " bytes): ECONNRESET (54) Connection reset by peer: the peer"
                + " closed the connection after 8388608 bytes";
        assertEquals(8 * MIB, tx.transfer().bytes(), "the first ioctl's 8 MiB are kept");
        assertEquals(error, tx.error());
        assertTrue(tx.failed() && tx.partial());
        SideResult rx = r.of(Role.RECEIVER).get(0);
        // the abort that follows the sender's error may discard what the receiver had not read yet
        assertTrue(rx.transfer().bytes() <= 8 * MIB, "no more than was sent: " + rx.transfer().bytes());
        assertEquals("stream 1 ended by an error: " + error, rx.error());

        JsonNode doc = json(r);
        JsonNode s = doc.at("/end/kttcp4j/0");
        assertTrue(s.get("partial").asBoolean());
        assertEquals(error, s.get("error").asText());
        assertEquals(8 * MIB, s.get("bytes").asLong());
        assertEquals(64 * MIB, s.get("requested_bytes").asLong());
        assertEquals(1, s.get("calls").asLong());
        assertTrue(doc.at("/end/kttcp4j_run/failed").asBoolean());
        assertTrue(doc.at("/end/kttcp4j_run/stopped").isNull());
        String text = text(r);
        assertTrue(text.contains(" [partial: 8388608 of 67108864 bytes] [ended by error: " + error + "]\n"), text);
        assertTrue(text.contains(" [ended by error: stream 1 ended by an error: " + error + "]\n"), text);
    }

    @Test
    void aReceiverCappedByMaxTimeIsStoppedNotFailed() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Run run = Run.receive().kernel(fake.kernel()).engine("kttcp").port(0).family(Family.V4)
                .maxTime(Duration.ofMillis(300)).build();
        FutureTask<Results> rx = new FutureTask<>(() -> run.execute(new RunListener() {
            @Override
            public void listening(InetSocketAddress local) {
                port.complete(local.getPort());
            }
        }));
        Thread t = new Thread(rx);
        t.setDaemon(true);
        t.start();
        Results results;
        try (Socket sender = new Socket(InetAddress.getByName("127.0.0.1"), port.get(10, TimeUnit.SECONDS))) {
            Thread writer = new Thread(() -> {
                byte[] b = new byte[64 * 1024];
                try (OutputStream out = sender.getOutputStream()) {
                    for (int i = 0; i < 200_000; i++) { // bounded: at most about 13 GB, the cap ends it long before
                        out.write(b);
                    }
                } catch (Exception closed) {
                    // the receiver closed the connection at its cap
                }
            });
            writer.setDaemon(true);
            writer.start();
            results = rx.get(30, TimeUnit.SECONDS);
            writer.join(10_000);
        }
        assertFalse(results.failed(), results.toString());
        RunResult r = results.last().orElseThrow();
        SideResult end = r.sides().get(0);
        // the library names the setting; the command line prints it as --max-time (MaxTimeCliTest)
        assertEquals("`maxTime` 300 ms reached", end.stopped());
        assertTrue(end.partial());
        assertTrue(end.transfer().bytes() > 0);
        JsonNode doc = json(r);
        assertEquals("`maxTime` 300 ms reached", doc.at("/end/kttcp4j/0/stopped").asText());
        assertTrue(doc.at("/end/kttcp4j/0/partial").asBoolean());
        assertTrue(doc.at("/end/kttcp4j/0/error").isNull());
        assertEquals("`maxTime` 300 ms reached", doc.at("/end/kttcp4j_run/stopped").asText());
        assertFalse(doc.at("/end/kttcp4j_run/failed").asBoolean());
        assertEquals("recv", doc.at("/start/mode").asText());
        assertTrue(text(r).contains(" [stopped by `maxTime` 300 ms reached after " + end.transfer().bytes() + " bytes]"),
                text(r));
    }

    @Test
    void aSeriesThatEndedEarlyNamesItsErrorOrSignalInItsJson() throws Exception {
        Run run = Run.loopback().kernel(fake.kernel()).engine("kttcp").build();
        for (String[] c : new String[][] {{"SIGINT", null}, {null, "connect to 127.0.0.1 port 9: ECONNREFUSED"}}) {
            StringWriter w = new StringWriter();
            JsonDocument.series(w, new Results(run, List.of(), List.of(), c[0], c[1]), "v");
            JsonNode doc = Json.parse(w.toString());
            assertEquals(c[0] == null ? null : c[0], doc.get("stopped").isNull() ? null : doc.get("stopped").asText());
            assertEquals(c[1] == null ? null : c[1], doc.get("error").isNull() ? null : doc.get("error").asText());
            assertEquals(0, doc.get("runs").size());
        }
    }
}
