package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kttcp4j.cli.KttcpCliFakeKernelTest.Outcome;
import org.kttcp4j.net.Family;
import org.kttcp4j.run.Run;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.FakeNetBsdKernel;

/**
 * The C tool's `kttcp -r` without -4 on a NetBSD kernel without IPv6 (the fake kernel refusing AF_INET6 sockets
 * with EAFNOSUPPORT): kttcp4j's receiver listens on 0.0.0.0 instead of failing, and takes a kttcp sender's bytes.
 */
class KttcpWithoutInet6FakeKernelTest {
    private final FakeNetBsdKernel fake = new FakeNetBsdKernel().withoutInet6();

    @Test
    void aReceiverGivenNoFamilyListensOnIpv4AndReceives() throws Exception {
        int port = CliProcess.freePort();
        Run receive = Run.receive().upTo(Main.DEFAULT_RECV).backlog(1).kernel(fake.kernel()).engine("kttcp").port(port)
                .family(Family.ANY).build();
        FutureTask<Outcome> rx = new FutureTask<>(() -> KttcpCliFakeKernelTest.execute(receive, true, false));
        Thread t = new Thread(rx);
        t.setDaemon(true);
        t.start();
        Run send = Run.send("127.0.0.1").bytes(4L << 20).kernel(fake.kernel()).engine("kttcp").port(port)
                .family(Family.ANY).build();
        Outcome tx = null;
        for (int i = 0; i < 100 && (tx == null || tx.code() != 0); i++) { // bounded: until the receiver listens
            tx = KttcpCliFakeKernelTest.execute(send, true, false);
            if (tx.code() != 0) {
                Thread.sleep(50);
            }
        }
        assertEquals(0, tx.code(), tx.err());
        Outcome r = rx.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertTrue(fake.refusedInet6() >= 1, "the receiver asked for IPv6 first");
        assertTrue(r.out().contains("kttcp: listening on port " + port + "\n"), r.out());
        assertTrue(r.out().contains("kttcp: connect from 127.0.0.1\n"), r.out());
        assertTrue(r.out().contains("kttcp: 4194304 bytes in "), r.out());
    }
}
