package org.kttcp4j.report;

import java.io.Writer;
import org.kttcp4j.run.ChildEvents;
import org.kttcp4j.run.RunListener;

/**
 * A loopback child's events are --json-stream's ({@link JsonStreamReporter}): the provider of {@link ChildEvents},
 * named in META-INF/services. The parent reads the ends, not the version, from them.
 */
public final class ChildEventWriter implements ChildEvents {
    @Override
    public RunListener listener(Writer out) {
        return new JsonStreamReporter(out, "kttcp4j (a loopback run's receiving process)");
    }
}
