package org.kttcp4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/**
 * The JDK without IPv6 (java.net.preferIPv4Stack=true: it makes IPv4 sockets only, as where the kernel refuses
 * AF_INET6): `recv --engine nio` without -4 listens on 0.0.0.0 and receives from an IPv4 sender; a connect to an
 * IPv6 address says the host has no IPv6.
 */
class JdkWithoutIpv6Test {
    static CliProcess ipv4OnlyKttcp4j(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
                "org.kttcp4j.cli.Main"));
        cmd.addAll(List.of(args));
        return CliProcess.start(cmd, null);
    }

    @Test
    void recvWithoutMinusFourListensOnIpv4() throws Exception {
        int port = CliProcess.freePort();
        try (CliProcess rx = ipv4OnlyKttcp4j("recv", "--engine", "nio", "--port", Integer.toString(port))) {
            rx.awaitOutput("listening on", 60);
            assertTrue(rx.stderr().contains("kttcp4j: listening on 0.0.0.0 port " + port + ", engine nio"), rx.stderr());
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                OutputStream out = s.getOutputStream();
                out.write(new byte[1 << 20]);
            }
            assertEquals(0, rx.waitFor(60), rx.stderr() + rx.stdout());
            assertTrue(rx.stdout().contains("1048576 bytes"), rx.stdout());
        }
    }

    @Test
    void aSendToAnIpv6AddressSaysThereIsNoIpv6() throws Exception {
        try (CliProcess tx = ipv4OnlyKttcp4j("send", "::1", "--engine", "nio", "--port", "9", "--bytes", "1k")) {
            assertEquals(2, tx.waitFor(60), tx.stderr());
            assertTrue(tx.stderr().contains("connect to ::1 port 9: this host has no IPv6 (the JDK makes IPv4 sockets"
                    + " only): use an IPv4 address, or -4"), tx.stderr());
        }
    }
}
