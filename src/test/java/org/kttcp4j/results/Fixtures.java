package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * Result files for the tests: real ones, made by running kttcp4j (and iperf3) as a user does, and variants of a
 * real one whose headline figure is set to chosen values (a regression, noise), made with Jackson's tree model.
 */
final class Fixtures {
    static final ObjectMapper MAPPER = Json.MAPPER;

    private Fixtures() {}

    /** Runs kttcp4j with the arguments and writes its stdout (a --json document) to dir/name. */
    static Path kttcp4j(Path dir, String name, String... args) {
        try (CliProcess p = CliProcess.kttcp4j(args)) {
            int code = p.waitFor(120);
            assertEquals(0, code, "kttcp4j " + String.join(" ", args) + ": " + p.stderr());
            return write(dir.resolve(name), p.stdout());
        }
    }

    /**
     * A real iperf3 -J result over 127.0.0.1 (server -1: one test, then it exits), or the test is skipped when
     * iperf3 is not installed. --forceflush: the server's "Server listening" line reaches its file at once.
     */
    static Path iperf3(Path dir, String name, String... clientArgs) {
        assumeTrue(CliProcess.which("iperf3") != null, "iperf3 is not installed (apt-get install iperf3)");
        int port = CliProcess.freePort();
        try (CliProcess server = CliProcess.start(List.of("iperf3", "-s", "-1", "--forceflush", "-B", "127.0.0.1", "-p",
                Integer.toString(port)), null)) {
            server.awaitOutput("Server listening", 10);
            List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", "127.0.0.1", "-p", Integer.toString(port), "-J"));
            cmd.addAll(List.of(clientArgs));
            try (CliProcess client = CliProcess.start(cmd, null)) {
                assertEquals(0, client.waitFor(60), "iperf3 client: " + client.stdout() + client.stderr());
                server.waitFor(10);
                return write(dir.resolve(name), client.stdout());
            }
        }
    }

    /**
     * A real iperf3 server's -J result (the server's own file: the receiving end, unless the client ran -R): the
     * server with -J (which prints nothing until its test ends, so the client retries its connect, at most 50
     * times 100 ms apart, until the server listens), the client without.
     */
    static Path iperf3Server(Path dir, String name, String... clientArgs) throws InterruptedException {
        assumeTrue(CliProcess.which("iperf3") != null, "iperf3 is not installed (apt-get install iperf3)");
        int port = CliProcess.freePort();
        try (CliProcess server = CliProcess.start(List.of("iperf3", "-s", "-1", "-J", "-B", "127.0.0.1", "-p",
                Integer.toString(port)), null)) {
            List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", "127.0.0.1", "-p", Integer.toString(port)));
            cmd.addAll(List.of(clientArgs));
            for (int attempt = 1; ; attempt++) {
                try (CliProcess client = CliProcess.start(cmd, null)) {
                    int code = client.waitFor(60);
                    if (code == 0) {
                        break;
                    }
                    assertTrue(attempt < 50 && client.stderr().contains("refused"), "iperf3 client: " + client.stderr());
                }
                Thread.sleep(100);
            }
            assertEquals(0, server.waitFor(20), "iperf3 server: " + server.stderr());
            return write(dir.resolve(name), server.stdout());
        }
    }

    /** Runs kttcp4j with the arguments and --output dir/name, as a user keeps a run's JSON beside its text. */
    static Path kttcp4jOutput(Path dir, String name, String... args) {
        Path out = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output", out.toString()));
        try (CliProcess p = CliProcess.kttcp4j(all.toArray(String[]::new))) {
            assertEquals(0, p.waitFor(120), "kttcp4j " + String.join(" ", all) + ": " + p.stderr());
        }
        return out;
    }

    /**
     * A receiver's real result: `kttcp4j recv` on 127.0.0.1 (its --output is dir/name) fed for a second by
     * `kttcp4j send`, both stopped by their PIDs when done (CliProcess.close). Its intervals are the receiving
     * end's, so it carries no sender's TCP_INFO.
     */
    static Path kttcp4jReceiver(Path dir, String name) {
        Path out = dir.resolve(name);
        try (CliProcess rx = CliProcess.kttcp4j("recv", "-B", "127.0.0.1", "--port", "0", "--interval", "0.25s",
                "--idle-timeout", "20s", "--output", out.toString())) {
            String port = Integer.toString(rx.awaitListeningPort(60)); // a clean-clone run lost a freePort to another
            try (CliProcess tx = CliProcess.kttcp4j("send", "127.0.0.1", "--port", port, "--time", "1s", "-q")) {
                assertEquals(0, tx.waitFor(60), "kttcp4j send: " + tx.stderr());
            }
            assertEquals(0, rx.waitFor(60), "kttcp4j recv: " + rx.stderr());
        }
        return out;
    }

    static Path write(Path p, String text) {
        try {
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path p) {
        return Json.parse(p);
    }

    static Path write(Path p, JsonNode doc) {
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(p.toFile(), doc);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a single-run document with every field of that name multiplied by factor. */
    static JsonNode scaled(JsonNode doc, String field, double factor) {
        JsonNode copy = doc.deepCopy();
        scale(copy, field, factor);
        return copy;
    }

    private static void scale(JsonNode n, String field, double factor) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                if (e.getKey().equals(field) && e.getValue().isNumber()) {
                    o.put(field, e.getValue().asDouble() * factor);
                } else {
                    scale(e.getValue(), field, factor);
                }
            }
        } else if (n.isArray()) {
            n.forEach(c -> scale(c, field, factor));
        }
    }

    /** The headline Gbit/s of a single-run document, as compare reads it. */
    static double gbits(JsonNode doc) {
        JsonNode end = doc.path("end");
        JsonNode h = end.has("sum_received") ? end.get("sum_received") : end.get("sum_sent");
        return h.get("bits_per_second").asDouble() / 1e9;
    }

    /** A series document ({"runs": [...]}) of copies of a real run whose headline is each of the given Gbit/s. */
    static JsonNode series(JsonNode run, double... gbits) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode runs = root.putArray("runs");
        for (double g : gbits) {
            runs.add(scaled(run, "bits_per_second", g / gbits(run)));
        }
        root.putArray("summary");
        return root;
    }
}
