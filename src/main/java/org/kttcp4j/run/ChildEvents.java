package org.kttcp4j.run;

import java.io.Writer;
import java.util.ServiceLoader;

/**
 * Internal: what writes a loopback child's events ({@link ChildEnd}): --json-stream's own writer, which lives above this
 * package (report/). The child finds it with the JDK's {@link ServiceLoader} (its provider is named in
 * META-INF/services/org.kttcp4j.run.ChildEvents), so the child tells its parent exactly what --json-stream prints
 * and every package arrow still points down.
 */
public interface ChildEvents {
    /** A listener that writes each run's events ("start", "end", "summary", "error", "stopped") to out, one a line. */
    RunListener listener(Writer out);

    /** The provider on the class path; an IllegalStateException says that there is none. */
    static ChildEvents load() {
        return ServiceLoader.load(ChildEvents.class, ChildEvents.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + ChildEvents.class.getName()
                        + " on the class path (META-INF/services): the child is started from kttcp4j's own jar"));
    }
}
