package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.Family;

/** How a series ended, as its Results say it: typed, with the runs that finished kept. */
class OutcomeTest {
    @Test
    void aLoopbackRunThatMovesEveryByteCompleted() throws Exception {
        Results r = Run.loopback().engine("nio").bytes(1 << 20).family(Family.V4).build().execute(RunListener.NONE);
        assertEquals(Outcome.COMPLETED, r.outcome());
        assertFalse(r.failed());
        assertTrue(r.error().isEmpty() && r.stopped().isEmpty());
    }

    @Test
    void aRefusedConnectEndsTheSeriesAsFailedWithItsCause() throws Exception {
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)); // bound, never listening
            Results r = Run.send("127.0.0.1").port(bound.getLocalPort()).engine("user").repeat(3)
                    .connectTimeout(Duration.ofSeconds(5)).build().execute(RunListener.NONE);
            Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, r.outcome());
            assertEquals(Outcome.Failure.ENDED, f.kind());
            assertTrue(f.cause().contains("ECONNREFUSED"), f.cause());
            assertEquals(f.cause(), r.error().orElseThrow(), "the error that ended the series");
            assertTrue(r.runs().isEmpty());
            assertFalse(r.outcome().listenerFailed());
        }
    }

    /** A receiver given fewer bytes than it expects: the series ran, and its run failed as partial. */
    @Test
    void aPartialRunFailsTheSeriesThatRanToItsEnd() throws Exception {
        CompletableFuture<InetSocketAddress> at = new CompletableFuture<>();
        CompletableFuture<Results> done = CompletableFuture.supplyAsync(() -> {
            try {
                return Run.receive().engine("user").bytes(1000).family(Family.V4).bind("127.0.0.1")
                        .connectTimeout(Duration.ofSeconds(5)).idleTimeout(Duration.ofSeconds(10)).build()
                        .execute(new RunListener() {
                            @Override
                            public void listening(InetSocketAddress local) {
                                at.complete(local);
                            }
                        });
            } catch (Exception e) {
                at.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
        try (Socket s = new Socket()) {
            s.connect(at.get(20, TimeUnit.SECONDS), 5000);
            OutputStream out = s.getOutputStream();
            out.write(new byte[10]);
            out.flush();
        }
        Results r = done.get(30, TimeUnit.SECONDS);
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, r.outcome());
        assertEquals(Outcome.Failure.RUN, f.kind());
        assertTrue(f.cause().startsWith("receiver failed: "), f.cause());
        assertTrue(r.error().isEmpty(), "no error ended the series early: " + r.error());
        assertTrue(r.failed());
        assertEquals(1, r.runs().size(), "the run is kept");
        assertEquals(10, r.last().orElseThrow().sum(Role.RECEIVER).bytes());
    }

    @Test
    void aStopByASignalNamesTheSignal() {
        assertEquals(Outcome.Stop.SIGINT, Outcome.Stop.of("SIGINT"));
        assertEquals(Outcome.Stop.SIGTERM, Outcome.Stop.of("SIGTERM"));
        assertEquals(Outcome.Stop.CAP, Outcome.Stop.of(null));
        Results r = new Results(Run.loopback().build(), List.of(), List.of(),
                new Outcome.Stopped(Outcome.Stop.SIGTERM, "SIGTERM while waiting for a connection on port 22222"));
        assertEquals("SIGTERM while waiting for a connection on port 22222", r.stopped().orElseThrow());
        assertTrue(r.error().isEmpty());
    }
}
