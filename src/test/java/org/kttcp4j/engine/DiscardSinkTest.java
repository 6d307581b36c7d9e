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
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.Runs;
import org.kttcp4j.net.Family;
import org.kttcp4j.posix.Kernel;

/** The splice engine's discard sink (recv with MSG_TRUNC): counts every byte of any sender, with or without a low-water mark. */
@EnabledOnOs(OS.LINUX)
class DiscardSinkTest {
    static final EngineConfig DISCARD = new EngineConfig(Kernel::host, EngineConfig.DEFAULT_BUFFER, false,
            EngineConfig.Sink.DISCARD);

    static RunResult run(String tx, long bytes, Duration time, int rcvlowat) throws Exception {
        RunSettings s = new RunSettings(tx, "splice", bytes, time, 0, EngineConfig.DEFAULT_BUFFER, false, Family.V4, 0,
                null, 1, false, null, rcvlowat);
        try (Engine t = Engines.create(tx, EngineConfig.defaults()); Engine r = Engines.create("splice", DISCARD)) {
            return Runs.loopback(s, t, r, "host");
        }
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
        RunResult r = run("splice", Long.MAX_VALUE, Duration.ofMillis(400), 0);
        assertEquals(r.sides().get(0).transfer().bytes(), r.sides().get(1).transfer().bytes());
    }

    @Test
    void theHeaderSaysWhichSink() {
        try (Engine e = Engines.create("splice", DISCARD); Engine d = Engines.create("splice", EngineConfig.defaults())) {
            assertTrue(e.describe().contains("MSG_TRUNC"), e.describe());
            assertTrue(d.describe().contains("splice to /dev/null"), d.describe());
        }
    }

    @Test
    void anUnknownSinkIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineConfig.Sink.parse("pipe"));
        assertTrue(e.getMessage().contains("splice or discard"), e.getMessage());
    }
}
