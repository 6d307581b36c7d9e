package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.measure.Transfer;

/**
 * A receiver's figures when its calls gather: the splice engine's 1 MiB low-water mark, or MSG_WAITALL for a whole
 * buffer, return a call only once it has everything. Its clock must start at the first byte, not when that first
 * call returns (those bytes would count without their time: a shaped 1 Gbit/s link read 0.44 % fast in 2 s), and
 * its intervals must count the bytes as they arrived, not all in the interval the call returned in. A real receiver
 * on 127.0.0.1 and a plain Java socket as the sender, pausing between two writes.
 */
@EnabledOnOs(OS.LINUX)
class ReceiverClockTest {
    static final int FIRST = 64 * 1024;
    static final int REST = 1 << 20;
    static final long PAUSE_MS = 500;

    /** Receives until EOF with the builder's engine while a Java socket writes FIRST, pauses, writes REST. */
    static RunResult receive(Run.Builder b) throws Exception {
        int port = UserEngineTest.freePort();
        Run run = b.bind("127.0.0.1").port(port).build();
        FutureTask<Results> rx = new FutureTask<>(() -> run.execute(RunListener.NONE));
        Thread t = new Thread(rx, "receiver");
        t.start();
        try (Socket s = UserEngineTest.connectWithin(InetAddress.getByName("127.0.0.1"), port, 10)) {
            OutputStream out = s.getOutputStream();
            Thread.sleep(PAUSE_MS); // the receiver accepts and waits for its first byte meanwhile
            out.write(new byte[FIRST]);
            out.flush();
            Thread.sleep(PAUSE_MS);
            out.write(new byte[REST]);
        }
        Results res = rx.get(30, TimeUnit.SECONDS);
        return res.last().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"splice", "user --waitall"})
    void theClockStartsAtTheFirstByteNotWhenTheFirstCallReturns(String engine) throws Exception {
        Run.Builder b = Run.receive().engine(engine.split(" ")[0]);
        if (engine.endsWith("--waitall")) {
            b.waitAll(true).buffer(REST + FIRST);
        }
        Transfer got = receive(b).sides().get(0).transfer();
        assertEquals(FIRST + REST, got.bytes(), engine);
        // the first call returns only after the pause; the first byte came before it
        assertTrue(got.seconds() >= (PAUSE_MS - 100) / 1e3, engine + ": the clock ran " + got.seconds()
                + " s of a transfer whose first byte came " + PAUSE_MS + " ms before its last");
    }

    @Test
    void theIntervalsCountTheBytesTheKernelHoldsForACallStillGathering() throws Exception {
        RunResult r = receive(Run.receive().engine("splice").interval(Duration.ofMillis(100)));
        long all = r.intervals().stream().mapToLong(Interval::bytes).sum();
        assertEquals(FIRST + REST, all, "the intervals add up to the transfer");
        // the splice engine's first call waits for 1 MiB, which comes PAUSE_MS after the first 64 KiB: those
        // were in the kernel from the first interval on, and that interval counts them
        assertEquals(FIRST, r.intervals().get(0).bytes(), "the first interval holds the bytes that came in it"
                + " (of " + r.intervals().size() + " intervals, the first ending at " + r.intervals().get(0).end()
                + " s)");
    }
}
