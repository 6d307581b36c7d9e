package org.kttcp4j.document;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A series' document ({@link Document.Series}) written as it goes, one run at a time, so that no run is kept
 * once it is written: {@link #begin}, then {@link #run} per run, then {@link #end}; each returns the text its
 * part adds, and the parts put together are, byte for byte, what {@link Json#document} writes for the whole
 * series. One pretty-printing generator writes them all, so indentation and separators are its own.
 * {@link #between()} is the text that closes the document after any run (no statistics yet, no ending): a file
 * that ends with it after each run is a whole series document at every moment between runs.
 */
public final class SeriesStream {
    private final StringWriter buffer = new StringWriter();
    private final JsonGenerator g;
    private boolean begun;

    public SeriesStream() {
        try {
            g = Json.MAPPER.createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.useDefaultPrettyPrinter();
    }

    /** Whether {@link #begin} was called. */
    public boolean begun() {
        return begun;
    }

    /** The document's opening: up to its "runs" array's first element. */
    public String begin() {
        begun = true;
        return part(() -> {
            g.writeStartObject();
            g.writeFieldName("runs");
            g.writeStartArray();
        });
    }

    /** One run, as the next element of "runs". */
    public String run(Document run) {
        return part(() -> Json.MAPPER.writeValue(g, run));
    }

    /** The rest: the end of "runs", the statistics, how the whole thing ended (null: it did not end early). */
    public String end(List<Document.SummaryRow> summary, String stopped, String error) {
        return part(() -> {
            g.writeEndArray();
            g.writeFieldName("summary");
            Json.MAPPER.writeValue(g, summary);
            g.writeFieldName("stopped");
            g.writeString(stopped);
            g.writeFieldName("error");
            g.writeString(error);
            g.writeEndObject();
            g.close();
            buffer.write('\n');
        });
    }

    /** What closes the document after any run: no statistics, no ending (as {@link #end} with none). */
    public static String between() {
        String empty = Json.document(new Document.Series(List.of(), List.of(), null, null));
        String open = "\"runs\" : [";
        return empty.substring(empty.indexOf(open) + open.length());
    }

    private interface Part {
        void write() throws IOException;
    }

    private String part(Part p) {
        try {
            p.write();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuffer b = buffer.getBuffer();
        String s = b.toString();
        b.setLength(0);
        return s;
    }
}
