package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.TwoRumpKernels;

/**
 * NetBSD kernels without IPv6 (rump kernels that load no librumpnet_netinet6, so socket(AF_INET6) fails with
 * EAFNOSUPPORT as on a kernel without options INET6): `recv` without -4 listens on 0.0.0.0, and `send` to a host
 * with an IPv6 and an IPv4 address goes on to the IPv4 one, as the C tool does.
 */
@Tag("rump")
@EnabledIfEnvironmentVariable(named = "KTTCP4J_RUMP_DIR", matches = ".+",
        disabledReason = "set KTTCP4J_RUMP_DIR to a NetBSD rump kernel built by native/rump/build.sh")
class RumpWithoutInet6Test {
    /** Ports inside the rump kernels: their own port space. */
    static final int PORT = 24100;

    @TempDir
    static Path state;
    static TwoRumpKernels kernels;

    @BeforeAll
    static void start() throws Exception {
        kernels = TwoRumpKernels.start(state.resolve("pair"), false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernels != null) {
            kernels.close();
        }
    }

    /** kttcp4j in a child JVM that resolves names from hostsFile, IPv6 addresses first. */
    static CliProcess kttcp4j(Path hostsFile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hostsFile, "-Djava.net.preferIPv6Addresses=true",
                "-cp", System.getProperty("java.class.path"), "org.kttcp4j.cli.Main"));
        cmd.addAll(List.of(args));
        return CliProcess.start(cmd, null);
    }

    @Test
    void recvWithoutMinusFourListensOnIpv4AndSendGoesOnToTheHostsIpv4Address() throws Exception {
        Path hosts = state.resolve("hosts");
        // 2001:db8::/32 is documentation only (RFC 3849): the sender's kernel cannot even make the socket
        Files.writeString(hosts, "2001:db8::1 receiver-a\n" + kernels.addrA() + " receiver-a\n2001:db8::1 only-six\n");
        String port = Integer.toString(PORT);
        try (CliProcess rx = kttcp4j(hosts, "recv", "--kernel", kernels.kernelA(), "--engine", "kttcp", "--port", port,
                "--json")) {
            rx.awaitOutput("listening on", 60);
            assertTrue(rx.stderr().contains("kttcp4j: listening on 0.0.0.0 port " + port), rx.stderr());

            try (CliProcess v6 = kttcp4j(hosts, "send", "only-six", "--kernel", kernels.kernelB(), "--engine", "kttcp",
                    "--port", port, "--bytes", "1m")) {
                assertEquals(2, v6.waitFor(60), v6.stderr());
                assertTrue(v6.stderr().contains("EAFNOSUPPORT (47)"), "kernel B has no IPv6: " + v6.stderr());
            }
            try (CliProcess tx = kttcp4j(hosts, "send", "receiver-a", "--kernel", kernels.kernelB(), "--engine",
                    "kttcp", "--port", port, "--bytes", "8m", "--json")) {
                assertEquals(0, tx.waitFor(120), "sender: " + tx.stderr() + tx.stdout());
                assertEquals(0, rx.waitFor(60), "receiver: " + rx.stderr() + rx.stdout());
                JsonNode r = new ObjectMapper().readTree(rx.stdout());
                JsonNode t = new ObjectMapper().readTree(tx.stdout());
                assertEquals(kernels.addrB(), r.at("/start/connected/0/remote_host").asText(), rx.stdout());
                assertEquals(8L << 20, t.at("/end/sum_sent/bytes").asLong(), tx.stdout());
                assertEquals(8L << 20, r.at("/end/sum_received/bytes").asLong(), rx.stdout());
            }
        }
    }

    @Test
    void anInProcessRumpKernelWithoutNetinet6ListensOnIpv4Too() throws Exception {
        // the same build with librumpnet_netinet6 left out: RumpKernel loads it only when present
        Path lib = Path.of(System.getenv("KTTCP4J_RUMP_DIR")).resolve("lib");
        Path dir = Files.createDirectories(state.resolve("no-inet6/lib"));
        try (Stream<Path> libs = Files.list(lib)) {
            for (Path l : libs.filter(p -> !p.getFileName().toString().startsWith("librumpnet_netinet6")).toList()) {
                Files.createSymbolicLink(dir.resolve(l.getFileName()), l);
            }
        }
        try (CliProcess rx = CliProcess.kttcp4j("recv", "--kernel", "rump:" + dir.getParent(), "--engine", "kttcp",
                "--port", Integer.toString(PORT + 1))) {
            rx.awaitOutput("listening on", 60);
            assertTrue(rx.stderr().contains("kttcp4j: listening on 0.0.0.0 port " + (PORT + 1)), rx.stderr());
        }
    }
}
