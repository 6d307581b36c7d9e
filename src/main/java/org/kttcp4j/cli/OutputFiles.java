package org.kttcp4j.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.kttcp4j.report.AtomicFile;
import org.kttcp4j.run.Failures;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Role;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.SummaryRow;
import picocli.CommandLine;

/**
 * The files a command leaves (--output, --junit, report's -o): refused before anything runs when they cannot be
 * written or when two of them (or a file and an input) are the same file, and written whole (report.AtomicFile)
 * so that a full disk leaves the old file as it was. A file that fails after the run measured does not stop the
 * other reporters: its one line names it, and the exit status is 2.
 */
final class OutputFiles {
    private OutputFiles() {}

    /** A file option's name and value: "--output", k.json. */
    record Named(String option, Path file) {
        @Override
        public String toString() {
            return option + " " + file;
        }
    }

    /**
     * Refuses (exit 1, before anything runs) a file that cannot be written, and two names of one file (the same
     * path, or one reached through a symbolic link or another spelling): an output over an input would destroy it,
     * two outputs over one another would leave only the last.
     */
    static void check(CommandLine cmd, List<Named> outputs, List<Named> inputs) {
        List<Named> seen = new ArrayList<>(inputs);
        for (Named out : outputs) {
            for (Named other : seen) {
                if (same(out.file(), other.file())) {
                    throw new Launch.BadInput(cmd, out + " and " + other + " name the same file: give "
                            + out.option() + " a file of its own");
                }
            }
            try {
                AtomicFile.checkWritable(out.file());
            } catch (AtomicFile.Failed e) {
                throw new Launch.BadInput(cmd, "cannot write " + out + ": " + e.reason()
                        + " (give a file in a directory that exists and can be written)");
            }
            seen.add(out);
        }
    }

    /** Whether two paths name one file: the same file when both exist, else the same real path. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the paths
        }
        return real(a).equals(real(b));
    }

    /** The path with its symbolic links (its own, its directories') followed as far as they exist. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        for (int hops = 0; hops < 40; hops++) {
            try {
                if (Files.exists(abs)) {
                    return abs.toRealPath();
                }
                if (Files.isSymbolicLink(abs)) { // a link to a file not yet there
                    abs = abs.resolveSibling(Files.readSymbolicLink(abs)).normalize();
                    continue;
                }
                Path dir = abs.getParent();
                return dir == null || !Files.exists(dir) ? abs : dir.toRealPath().resolve(abs.getFileName());
            } catch (IOException e) {
                return abs;
            }
        }
        return abs;
    }

    /** "cannot write --output k.json: No space left on device": the file error's one line. */
    static String line(Named file, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AtomicFile.Failed f) {
                return "cannot write " + file + ": " + f.reason() + " (the file was left as it was)";
            }
        }
        return "cannot write " + file + ": " + Failures.oneLine(e);
    }

    /**
     * A file's reporter whose failure is its own: the first exception goes to {@code failed} as the file's one
     * line, and the reporter hears nothing more; the reporters beside it go on.
     */
    static RunListener guarded(Named file, RunListener inner, Consumer<String> failed) {
        return new RunListener() {
            private boolean broken;

            private void on(Runnable event) {
                if (broken) {
                    return;
                }
                try {
                    event.run();
                } catch (RuntimeException e) {
                    broken = true;
                    failed.accept(line(file, e));
                }
            }

            @Override public void started(Run run, String d) { on(() -> inner.started(run, d)); }
            @Override public void listening(InetSocketAddress local) { on(() -> inner.listening(local)); }
            @Override public void waiting(String what) { on(() -> inner.waiting(what)); }
            @Override public void connected(Role role, InetSocketAddress peer) { on(() -> inner.connected(role, peer)); }
            @Override public void runStarted(Run run, int sockbuf, int index) { on(() -> inner.runStarted(run, sockbuf, index)); }
            @Override public void interval(Interval in) { on(() -> inner.interval(in)); }
            @Override public void progress(long[] totals, double seconds) { on(() -> inner.progress(totals, seconds)); }
            @Override public void runEnded(RunResult r) { on(() -> inner.runEnded(r)); }
            @Override public void summary(List<SummaryRow> rows) { on(() -> inner.summary(rows)); }
            @Override public void refused(InetSocketAddress peer, String reason) { on(() -> inner.refused(peer, reason)); }
            @Override public void finished(Results results) { on(() -> inner.finished(results)); }
        };
    }
}
