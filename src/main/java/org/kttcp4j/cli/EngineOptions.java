package org.kttcp4j.cli;

import java.util.function.Function;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.posix.Kernel;
import org.kttcp4j.run.Run;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Which engine moves the bytes, on which kernel, with which buffer and receive options. */
final class EngineOptions {
    @Option(names = {"-e", "--engine"}, paramLabel = "ENGINE", completionCandidates = Candidates.EngineNames.class,
            description = "kttcp, splice, user or nio (default: kttcp on NetBSD, splice on Linux).")
    String engine;

    @Option(names = "--kernel", paramLabel = "KERNEL",
            description = "Kernel for the native engines: host (default), or rump:DIR (a NetBSD rump kernel in DIR).")
    String kernel;

    @Option(names = {"-l", "--buffer"}, paramLabel = "BYTES", converter = ByteCount.class,
            description = "Write/read size of the user and nio engines, bytes per sendfile of splice (default 128k).")
    Long buffer;

    @Option(names = "--waitall", description = "User engine receiver: recv(2) with MSG_WAITALL for the whole buffer.")
    boolean waitAll;

    @Option(names = "--poll", description = "User engine: non-blocking calls, and poll(2) when the socket is not"
            + " ready, as iperf3's loops (default: blocking write and read; bench/README.md has both).")
    boolean poll;

    @Option(names = "--rcvlowat", paramLabel = "BYTES", converter = ByteCount.class,
            description = "Receiving end: SO_RCVLOWAT, wake only once this many bytes are in (kttcp, splice, user;"
                    + " splice's default 1m, 0 for the kernel's).")
    Long rcvlowat;

    @Option(names = "--sink", paramLabel = "SINK", converter = SinkConverter.class,
            completionCandidates = Candidates.SinkNames.class,
            description = "The splice engine's receiver: discard (recv with MSG_TRUNC, default) or splice (into"
                    + " /dev/null).")
    Sink sink;

    @Option(names = "--source", paramLabel = "SOURCE", converter = SourceConverter.class,
            completionCandidates = Candidates.SourceNames.class,
            description = "The splice engine's sender: write (from a user buffer, default: the fastest with the"
                    + " receiver's low-water mark, bench/README.md) or sendfile (from a memfd, no byte in user space).")
    Source source;

    /** The kernel chosen, or null for the host's (bound only if a native engine needs it). */
    Kernel kernel() {
        return KernelOption.resolve(kernel);
    }

    void apply(Run.Builder b, Kernel k) {
        b.kernel(k).engine(engine).waitAll(waitAll).poll(poll);
        if (buffer != null) {
            b.buffer(Options.toInt(buffer, "--buffer"));
        }
        if (rcvlowat != null) {
            b.rcvlowat(rcvlowat == 0 ? 0 : Options.toInt(rcvlowat, "--rcvlowat"));
        }
        if (sink != null) {
            b.sink(sink);
        }
        if (source != null) {
            b.source(source);
        }
    }

    /** An enum option by name; a wrong name is a one-line usage error that lists the choices. */
    abstract static class ByName<E extends Enum<E>> implements ITypeConverter<E> {
        private final Function<String, E> parse;

        ByName(Function<String, E> parse) {
            this.parse = parse;
        }

        @Override
        public E convert(String v) {
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SinkConverter extends ByName<Sink> {
        SinkConverter() {
            super(Sink::parse);
        }
    }

    static final class SourceConverter extends ByName<Source> {
        SourceConverter() {
            super(Source::parse);
        }
    }
}
