package org.kttcp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kttcp4j.net.Family;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;

/** The splice engine's discard sink (recv with MSG_TRUNC): counts every byte of any sender, with or without a low-water mark. */
@EnabledOnOs(OS.LINUX)
class DiscardSinkTest {
    static RunResult run(String tx, Long bytes, Duration time, int rcvlowat) throws Exception {
        Run.Builder b = Run.loopback().engine(tx).receiverEngine("splice").sink(Sink.DISCARD)
                .family(Family.V4).rcvlowat(rcvlowat);
        if (bytes != null) {
            b.bytes(bytes);
        }
        if (time != null) {
            b.time(time);
        }
        return b.build().execute(RunListener.NONE).last().orElseThrow();
    }

    @ParameterizedTest(name = "{0} -> splice discard")
    @ValueSource(strings = {"splice", "user", "nio"})
    void receivesExactlyWhatWasSent(String tx) throws Exception {
        long n = 40L * 1024 * 1024 + 4321; // not a multiple of the call size: the last call is short
        RunResult r = run(tx, n, null, 0);
        assertEquals(n, r.sides().get(0).transfer().bytes(), tx + " sent");
        assertEquals(n, r.sides().get(1).transfer().bytes(), "discarded");
        assertTrue(r.sides().get(1).transfer().calls() >= n / SpliceEngine.PIPE_SIZE, "1 MiB per call at most");
    }

    @Test
    void aLowWaterMarkStillEndsAtTheSendersEof() throws Exception {
        long n = 3L * 1024 * 1024 + 17; // the last 17 bytes stay below the 1 MiB mark until EOF
        RunResult r = run("user", n, null, 1 << 20);
        assertEquals(n, r.sides().get(1).transfer().bytes());
    }

    @Test
    void timedRunsEndWithBothSidesAgreeing() throws Exception {
        RunResult r = run("splice", null, Duration.ofMillis(400), 0);
        assertEquals(r.sides().get(0).transfer().bytes(), r.sides().get(1).transfer().bytes());
    }

    @Test
    void theHeaderSaysWhichSink() {
        try (Engine<?> e = Engines.create("splice", EngineConfig.defaults());
                Engine<?> d = Engines.create("splice", new EngineConfig(null, EngineConfig.DEFAULT_BUFFER, false,
                        Sink.SPLICE))) {
            assertTrue(e.describe().contains("recv(MSG_TRUNC) discard"), "the default: " + e.describe());
            assertTrue(d.describe().contains("splice to /dev/null"), d.describe());
            assertEquals(1 << 20, e.defaultReceiveLowWater(), "a 1 MiB low-water mark unless --rcvlowat says otherwise");
        }
    }

    @Test
    void anUnknownSinkIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sink.parse("pipe"));
        assertEquals("unknown sink 'pipe': choose discard or splice", e.getMessage());
    }

    @Test
    void aSinkForAnotherEngineIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Run.loopback().engine("user").sink(Sink.SPLICE).build());
        assertEquals("sink is the splice engine's receiver's, and the receiving engine here is user: add engine"
                + " splice (loopback: receiverEngine splice)", e.getMessage());
    }

    @Test
    void theSourceIsWriteByDefaultAndSendfileOnRequestAndBothMoveEveryByte() throws Exception {
        long n = 24L * 1024 * 1024 + 99;
        for (Source source : Source.values()) {
            RunResult r = Run.loopback().engine("splice").source(source).bytes(n).family(Family.V4).build()
                    .execute(RunListener.NONE).last().orElseThrow();
            assertEquals(n, r.sides().get(0).transfer().bytes(), source + " sent");
            assertEquals(n, r.sides().get(1).transfer().bytes(), source + " received");
            assertTrue(r.sides().get(0).engineDescription().startsWith(source == Source.WRITE
                    ? "write from a 128 KiB user buffer; kernel sink:" : "kernel source/sink: sendfile from a memfd"),
                    r.sides().get(0).engineDescription());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Run.loopback().engine("user").source(Source.SENDFILE).build());
        assertEquals("source is the splice engine's sender's, and the sending engine here is user: add engine"
                + " splice", e.getMessage());
        assertEquals("unknown source 'mmap': choose write or sendfile",
                assertThrows(IllegalArgumentException.class, () -> Source.parse("mmap")).getMessage());
    }
}
