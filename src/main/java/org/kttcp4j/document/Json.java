package org.kttcp4j.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes and reads the result document ({@link Document}, {@link Document.Series}) and the event lines
 * ({@link Event}) with one Jackson mapper: documents pretty-printed (Jackson's default printer), events one per
 * line; each value followed by a newline and flushed. Reading ignores fields it does not know and takes NaN and
 * Infinity where a writer put them (iperf3 has).
 */
public final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET) // stdout and the caller's files stay open
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter LINE = MAPPER.writer();
    private static final ObjectWriter SETTINGS_LINE = MAPPER.writerWithView(Document.Views.Settings.class);

    private Json() {}

    /** The mapper, for readers that walk a file's tree first (several documents, an array of them). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A document (one run, or a series) as --json prints it: pretty, then a newline. */
    public static void document(Writer out, Object document) {
        write(out, PRETTY, document);
    }

    /** The same as a string, newline included. */
    public static String document(Object document) {
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An event as --json-stream prints it: one line. The "start" event is written without what only a
     * connection tells ({@link Document.Views.Settings}).
     */
    public static void event(Writer out, Event e) {
        write(out, Event.START.equals(e.event()) ? SETTINGS_LINE : LINE, e);
    }

    private static void write(Writer out, ObjectWriter writer, Object value) {
        try {
            writer.writeValue(out, value);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run's document from its tree (one element of a file). */
    public static Document run(JsonNode tree) throws JsonProcessingException {
        return MAPPER.treeToValue(tree, Document.class);
    }

    /** A series' document from its tree. */
    public static Document.Series series(JsonNode tree) throws JsonProcessingException {
        return MAPPER.treeToValue(tree, Document.Series.class);
    }

    /** One --json-stream line back, its data typed by its event's name (a JsonNode for a name not known here). */
    public static Event event(String line) throws JsonProcessingException {
        JsonNode tree = MAPPER.readTree(line);
        String name = tree.path("event").asText(null);
        if (name == null) {
            throw new IllegalArgumentException("not a --json-stream event (no \"event\"): " + line);
        }
        JsonNode data = tree.path("data");
        Object typed = switch (name) {
            case Event.START -> MAPPER.treeToValue(data, Document.Start.class);
            case Event.INTERVAL -> MAPPER.treeToValue(data, Document.Interval.class);
            case Event.END -> MAPPER.treeToValue(data, Document.class);
            case Event.SUMMARY -> MAPPER.convertValue(data, new TypeReference<List<Document.SummaryRow>>() {});
            case Event.ERROR, Event.STOPPED -> data.asText();
            default -> data;
        };
        return new Event(name, typed);
    }
}
