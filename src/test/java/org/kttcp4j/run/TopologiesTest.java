package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.Family;

/**
 * Each way a run is laid out, in this JVM with real sockets on 127.0.0.1: what each end of each stream moved and
 * how the series ended, as the result the topology returned.
 */
class TopologiesTest {
    private static final long BYTES = 3L << 20;

    @Test
    void aLoopbackInOneProcessPlaysBothEndsOfEveryStreamEachDirectionItsOwn() throws Exception {
        Results r = Run.loopback().engine("user").bytes(BYTES).parallel(2).bidir(true).family(Family.V4).build()
                .execute(RunListener.NONE);
        assertEquals(Outcome.COMPLETED, r.outcome(), r.toString());
        RunResult run = r.last().orElseThrow();
        assertEquals(8, run.sides().size(), "2 x 2 streams, two ends each");
        assertEquals(List.of(1, 2, 3, 4), run.of(Role.SENDER).stream().map(SideResult::stream).toList());
        for (SideResult s : run.sides()) {
            // each direction moves the whole count over its parallel streams (half each)
            assertEquals(BYTES / 2, s.transfer().bytes(), s.toString());
        }
    }

    @Test
    void aConnectingEndAndAnAcceptingEndMeetAndEachReturnsItsOwnEnds() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Run rx = Run.receive().engine("user").port(0).bytes(BYTES).parallel(2).family(Family.V4)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            Future<Results> accepting = pool.submit(() -> rx.execute(new RunListener() {
                @Override
                public void listening(InetSocketAddress local) {
                    port.complete(local.getPort());
                }
            }));
            Results tx = Run.send("127.0.0.1").engine("nio").port(port.get(20, TimeUnit.SECONDS)).bytes(BYTES)
                    .parallel(2).family(Family.V4).build().execute(RunListener.NONE);
            Results got = accepting.get(60, TimeUnit.SECONDS);
            assertEquals(Outcome.COMPLETED, tx.outcome(), tx.toString());
            assertEquals(Outcome.COMPLETED, got.outcome(), got.toString());
            RunResult sent = tx.last().orElseThrow();
            RunResult received = got.last().orElseThrow();
            assertEquals(List.of(Role.SENDER, Role.SENDER), sent.sides().stream().map(SideResult::role).toList());
            assertEquals(List.of(Role.RECEIVER, Role.RECEIVER), received.sides().stream().map(SideResult::role)
                    .toList());
            assertEquals(BYTES, sent.sum(Role.SENDER).bytes());
            assertEquals(BYTES, received.sum(Role.RECEIVER).bytes());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConnectThatIsRefusedEndsTheSeriesAsFailedWithTheErrnoAndNoRun() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // closed again: nothing listens there
        }
        Results r = Run.send("127.0.0.1").engine("user").port(closed).bytes(BYTES).repeat(3).family(Family.V4)
                .build().execute(RunListener.NONE);
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, r.outcome());
        assertTrue(f.cause().contains("ECONNREFUSED"), f.cause());
        assertEquals(0, r.count(), "the series ends at its first run's failure");
    }
}
