package org.kttcp4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests read of kttcp4j's JSON (--json, --json-stream, --output FILE, `abi --json`), parsed with
 * Jackson's tree model in one place: text that is not what it should be fails the test with the text itself, so
 * a broken document is seen, not a parser's stack.
 */
public final class Json {
    /** The one mapper of the tests (thread-safe once configured; this one is never reconfigured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** One JSON document: what --json prints for a single run. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not one JSON document: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** A file holding one JSON document. */
    public static JsonNode parse(Path file) {
        return parse(read(file));
    }

    /** Every document of text, one after another (a `recv --serve --json`'s stdout, an --output file). */
    public static List<JsonNode> documents(String text) {
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            return it.readAll();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("not a sequence of JSON documents: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** Every document of a file, one after another. */
    public static List<JsonNode> documents(Path file) {
        return documents(read(file));
    }

    /**
     * The complete documents at the start of text, leaving out a last one still being written: for output read
     * while the process that writes it runs.
     */
    public static List<JsonNode> completeDocuments(String text) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        } catch (IOException | RuntimeException partial) {
            // the last document is still being written
        }
        return docs;
    }

    /** One event per line, as --json-stream prints them; every line must be one JSON value. */
    public static List<JsonNode> lines(String text) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty()) {
                events.add(parse(line));
            }
        }
        return events;
    }

    /** What a finished process printed on stdout, as one document. */
    public static JsonNode stdout(CliProcess p) {
        return parse(p.stdout());
    }

    /**
     * Runs kttcp4j with args as a separate process, waits at most seconds, asserts exit 0 (the message is its
     * stderr) and returns its stdout as one document.
     */
    public static JsonNode kttcp4j(int seconds, String... args) {
        try (CliProcess p = CliProcess.kttcp4j(args)) {
            assertEquals(0, p.waitFor(seconds), p.stderr());
            return stdout(p);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
