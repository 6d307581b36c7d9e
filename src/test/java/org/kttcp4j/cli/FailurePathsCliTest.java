package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * The command line in this JVM (Main.run, as main() runs it, without System.exit): every subcommand exits 2 when
 * its run fails and says why in one line; bad input exits 1 with the exact message naming the fix.
 */
class FailurePathsCliTest {

    record Outcome(int code, String out, String err) {}

    static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A port bound and never listened on: connects to it are refused for as long as the socket is held. */
    static Socket refusingPort() throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        return s;
    }

    @Test
    void loopbackOnABusyPortExitsTwoWithTheErrorInItsJson() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Outcome o = main("loopback", "--engine", "user", "-4", "--port", Integer.toString(port), "--json");
            String error = "bind 127.0.0.1 port " + port + ": EADDRINUSE (98) Address already in use: port " + port + " is in use: choose another --port (-p)";
            assertEquals(2, o.code(), o.err());
            assertEquals("kttcp4j: " + error + "\n", o.err());
            JsonNode doc = Json.parse(o.out());
            assertEquals(error, doc.get("error").asText());
            assertTrue(doc.get("stopped").isNull());
            assertEquals(0, doc.get("runs").size());
        }
    }

    @Test
    void sendToARefusingPortExitsTwoInTextAndJson() throws Exception {
        try (Socket held = refusingPort()) {
            String port = Integer.toString(held.getLocalPort());
            String error = "connect to 127.0.0.1 port " + port + ": ECONNREFUSED (111) Connection refused";
            Outcome text = main("send", "127.0.0.1", "--engine", "user", "--port", port);
            assertEquals(2, text.code(), text.err());
            assertEquals("kttcp4j: " + error + "\n", text.err());
            Outcome json = main("send", "127.0.0.1", "--engine", "user", "--port", port, "--json");
            assertEquals(2, json.code(), json.err());
            assertEquals(error, Json.parse(json.out()).get("error").asText());
            Outcome stream = main("send", "127.0.0.1", "--engine", "user", "--port", port, "--json-stream");
            assertEquals(2, stream.code());
            JsonNode last = Json.parse(stream.out().lines().reduce((a, b) -> b).orElseThrow());
            assertEquals("error", last.get("event").asText());
            assertEquals(error, last.get("data").asText());
        }
    }

    @Test
    void theCToolsTransmitterExitsTwoWhenRefused() throws Exception {
        try (Socket held = refusingPort()) {
            String port = Integer.toString(held.getLocalPort());
            Outcome o = main("--engine", "user", "-t", "-n", "3g", "-p", port, "127.0.0.1");
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().endsWith("kttcp4j: connect to 127.0.0.1 port " + port
                    + ": ECONNREFUSED (111) Connection refused\n"), o.err());
            assertEquals("kttcp: socket buffer size: 65536\n", o.out(), "no result lines for a run that never ran");
        }
    }

    @Test
    void recvWithNoSenderExitsTwoAtItsWait() throws Exception {
        Outcome o = main("recv", "--engine", "user", "-4", "--port", "0", "--time", "100ms", "--connect-timeout", "100ms",
                "--json");
        assertEquals(2, o.code(), o.err());
        List<String> err = o.err().lines().toList();
        assertTrue(err.get(0).matches("kttcp4j: listening on 0\\.0\\.0\\.0 port \\d+, engine user"), err.toString());
        String port = err.get(0).replaceAll(".* port (\\d+),.*", "$1");
        String error = "no connection from a sender in 200 ms on 0.0.0.0 port " + port
                + " (while waiting for a connection on port " + port + ")";
        assertEquals("kttcp4j: " + error, err.get(1));
        assertEquals(2, err.size(), o.err());
        assertEquals(error, Json.parse(o.out()).get("error").asText());
    }

    @Test
    void recvAndTheCToolsReceiverExitTwoWhenThePeerSendsNothing() throws Exception {
        for (boolean compat : new boolean[] {false, true}) {
            int port = CliProcess.freePort();
            String p = Integer.toString(port);
            String[] args = compat ? new String[] {"--engine", "user", "-r", "-4", "-p", p}
                    : new String[] {"recv", "--engine", "user", "-4", "--port", p, "--json"};
            FutureTask<Outcome> rx = new FutureTask<>(() -> main(args));
            Thread t = new Thread(rx);
            t.setDaemon(true);
            t.start();
            connectAndClose(port);
            Outcome o = rx.get(30, TimeUnit.SECONDS);
            assertEquals(2, o.code(), o.err());
            assertTrue(o.err().endsWith("kttcp4j: receiver failed: the peer closed the connection without sending"
                    + " anything: is it a sender (both ends given --reverse, or neither)?\n"), o.err());
            if (!compat) {
                JsonNode end = Json.parse(o.out()).at("/end/kttcp4j/0");
                assertEquals("the peer closed the connection without sending anything: is it a sender (both ends given"
                        + " --reverse, or neither)?", end.get("error").asText());
                assertTrue(end.get("partial").asBoolean());
                assertEquals(0, end.get("bytes").asLong());
            }
        }
    }

    /** Connects once the receiver listens (bounded), then closes without sending. */
    private static void connectAndClose(int port) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return;
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > end) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aListenersPortZeroIsAnyFreePortAsItsMessageSays() {
        Outcome o = main("loopback", "--engine", "user", "--bytes", "1m", "-q", "--one-process", "--port", "0");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().matches("(?s)kttcp4j loopback: peer 127\\.0\\.0\\.1 port [1-9][0-9]*,.*"), o.out());
    }

    @Test
    void badInputExitsOneWithTheMessageThatNamesTheFix() {
        String[][] cases = {
            {"loopback --engine warp", "unknown engine 'warp': choose one of kttcp, splice, user, nio (see: kttcp4j loopback --help)"},
            {"loopback --bytes lots", "Invalid value for option '--bytes': invalid byte count: lots (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j loopback --help)"},
            {"loopback --bytes 99999999999999999999", "Invalid value for option '--bytes': byte count too large: 99999999999999999999 (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j loopback --help)"},
            {"loopback --bytes 9999999999999g", "Invalid value for option '--bytes': byte count too large: 9999999999999g (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j loopback --help)"},
            {"loopback --time soon", "Invalid value for option '--time': invalid duration 'soon': use e.g. 10s, 500ms, 2m or 1h (see: kttcp4j loopback --help)"},
            {"loopback --time 1s --bytes 1m", "--time and --bytes are exclusive: give one (see: kttcp4j loopback --help)"},
            {"loopback --parallel 0", "--parallel must be from 1 to 128, got 0 (see: kttcp4j loopback --help)"},
            {"loopback --port 70000", "Invalid value for option '--port': '70000' is not a port to listen on: give 1 to 65535, or 0 for any free port (see: kttcp4j loopback --help)"},
            {"recv --port -1", "Invalid value for option '--port': '-1' is not a port to listen on: give 1 to 65535, or 0 for any free port (see: kttcp4j recv --help)"},
            {"send localhost --port 0", "Invalid value for option '--port': '0' is not a port to connect to: give the receiver's port, 1 to 65535 (see: kttcp4j send --help)"},
            {"send localhost --port x", "Invalid value for option '--port': 'x' is not a port to connect to: give the receiver's port, 1 to 65535 (see: kttcp4j send --help)"},
            {"send -4 ::1", "host ::1 is an IPv6 address and -4 asks for IPv4: drop -4 or give an IPv4 address (see: kttcp4j send --help)"},
            {"send -6 127.0.0.1", "host 127.0.0.1 is an IPv4 address and -6 asks for IPv6: drop -6 or give an IPv6 address (see: kttcp4j send --help)"},
            {"recv -6 --bind 127.0.0.1", "--bind 127.0.0.1 is an IPv4 address and -6 asks for IPv6: drop -6 or give an IPv6 address (see: kttcp4j recv --help)"},
            {"-t -4 ::1", "host ::1 is an IPv6 address and -4 asks for IPv4: drop -4 or give an IPv4 address (see: kttcp4j --help)"},
            {"loopback --sockbuf 64k,", "--sockbuf 64k, has an empty size: give sizes separated by single commas, e.g. 64k,256k,1m (see: kttcp4j loopback --help)"},
            {"loopback --sockbuf 64k,,1m", "--sockbuf 64k,,1m has an empty size: give sizes separated by single commas, e.g. 64k,256k,1m (see: kttcp4j loopback --help)"},
            {"loopback --sockbuf 64k,1m,65536", "--sockbuf gives 65536 bytes twice (64k and 65536): give each size once (--repeat N runs each size N times) (see: kttcp4j loopback --help)"},
            {"loopback --sockbuf 64k --sockbuf 64k", "--sockbuf gives 65536 bytes twice (64k and 64k): give each size once (--repeat N runs each size N times) (see: kttcp4j loopback --help)"},
            {"loopback --sockbuf 64q", "--sockbuf: invalid byte count modifier: 64q (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j loopback --help)"},
            {"loopback --interval 1ms", "--interval must be at least 10 ms (the timer's resolution), got 1 ms (see: kttcp4j loopback --help)"},
            {"loopback --engine nio --waitall", "--waitall is the user engine's (recv with MSG_WAITALL), and the receiving engine here is nio: add --engine user (loopback: --receiver-engine user) (see: kttcp4j loopback --help)"},
            {"loopback --engine splice --poll", "--poll is the user engine's (non-blocking calls and poll(2)), and the engine here is splice: add --engine user (see: kttcp4j loopback --help)"},
            {"loopback --engine user --poll --waitall", "--poll and --waitall are two ways for the user engine's receiver to wait (poll(2) when the socket has nothing, or one call for the whole buffer): give one of them (see: kttcp4j loopback --help)"},
            {"send", "Missing required parameter: 'HOST' (see: kttcp4j send --help)"},
            {"send localhost --buffer 0", "--buffer must be from 1 to 2147483647 bytes, got 0 (see: kttcp4j send --help)"},
            {"send localhost --engine user --waitall", "--waitall applies to the receiving end, and this one sends: give --waitall to the receiver, or add --reverse (see: kttcp4j send --help)"},
            {"-t -n 12x localhost", "Invalid value for option '-n': invalid byte count modifier: 12x (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j --help)"},
            {"-t -n 1kk localhost", "Invalid value for option '-n': invalid byte count: 1kk (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j --help)"},
            {"-t -n k localhost", "Invalid value for option '-n': invalid byte count: k (use digits with an optional k, m or g, e.g. 64k) (see: kttcp4j --help)"},
            {"-r -b 3g", "-b must be from 1 to 2147483647 bytes, got 3221225472 (see: kttcp4j --help)"},
            {"-r -t localhost", "-r and -t are exclusive: give one (see: kttcp4j --help)"},
            {"-t", "-t needs a host to send to: kttcp4j -t [options] host (see: kttcp4j --help)"},
            {"-t -n 0 localhost", "-n must be more than 0 bytes to transmit (see: kttcp4j --help)"},
            {"-r -4 -6", "-4 and -6 are exclusive: give one or neither (see: kttcp4j --help)"},
            {"-r -p 70000", "Invalid value for option '-p': '70000' is not a port: give 1 to 65535 (see: kttcp4j --help)"},
            {"-r -p 0", "Invalid value for option '-p': '0' is not a port: give 1 to 65535 (see: kttcp4j --help)"},
            {"", "nothing to do: give -r (receive), -t host (transmit) or a command such as loopback (see: kttcp4j --help)"},
            {"--no-such-flag", "Unknown option: '--no-such-flag' (see: kttcp4j --help)"},
            {"lopback", "unknown command 'lopback' (did you mean loopback?): give a command (loopback, send, recv, abi, compare, report, plan, generate-completion), or -t to send to a host (see: kttcp4j --help)"},
            {"reprot", "unknown command 'reprot' (did you mean report?): give a command (loopback, send, recv, abi, compare, report, plan, generate-completion), or -t to send to a host (see: kttcp4j --help)"},
            {"xyz", "unknown command 'xyz': give a command (loopback, send, recv, abi, compare, report, plan, generate-completion), or -t to send to a host (see: kttcp4j --help)"},
        };
        for (String[] c : cases) {
            String[] args = c[0].isEmpty() ? new String[0] : c[0].split(" ");
            Outcome o = main(args);
            assertEquals(1, o.code(), c[0] + ": " + o.err());
            assertEquals("kttcp4j: " + c[1] + "\n", o.err(), c[0]);
            assertEquals("", o.out(), c[0]);
        }
        Outcome host = main("send", "no-such-host.invalid", "--engine", "user");
        assertEquals(2, host.code(), "a name that does not resolve is a failed run: " + host.err());
        assertEquals("kttcp4j: cannot resolve host 'no-such-host.invalid': check the name or give an address\n", host.err());
    }
}
