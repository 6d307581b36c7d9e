package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.bench.IntervalMeter;
import org.kttcp4j.bench.Role;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.RunSettings;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.bench.Stats;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.report.HumanReport;
import org.kttcp4j.report.JsonReport;

/**
 * Runs one run, or a series of them (--repeat N, --sockbuf 64k,256k,...), with interval lines, a live progress
 * line, and the output format asked for; then the statistics. The same for loopback, send and recv.
 */
final class Series {
    /** One run of a subcommand with the given settings, metered by the given meter. */
    interface OneRun {
        RunResult run(RunSettings s, IntervalMeter meter) throws IOException;
    }

    private Series() {}

    static int execute(RunOptions o, RunSettings base, String mode, String kernel, OneRun body) throws IOException {
        PrintWriter out = o.out();
        List<Integer> sizes = o.sockbufs();
        int repeat = o.repeat();
        boolean series = sizes.size() > 1 || repeat > 1;
        List<RunResult> all = new ArrayList<>();
        List<JsonReport.SeriesRow> rows = new ArrayList<>();
        boolean headerShown = false;
        if (sizes.size() > 1 && !o.json && !o.jsonStream) {
            HumanReport.sweepHeader(out);
        }
        for (int size : sizes) {
            List<RunResult> runs = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                RunSettings s = base.withSockbuf(size);
                boolean metered = s.interval() != null;
                if (metered && !o.json && !o.jsonStream && !headerShown) {
                    HumanReport.intervalHeader(out);
                    headerShown = true;
                }
                ProgressLine progress = ProgressLine.wanted(o.quiet, o.json || o.jsonStream) ? new ProgressLine(o.err()) : null;
                IntervalMeter meter = new IntervalMeter(s.parallel(), metered ? s.interval().toNanos() : 0, in -> {
                    if (progress != null) {
                        progress.clear();
                    }
                    if (o.jsonStream) {
                        JsonReport.streamInterval(out, in, meteredRole(mode, s) == Role.SENDER);
                    } else if (!o.json) {
                        HumanReport.interval(out, in);
                    }
                }, progress);
                if (o.jsonStream) {
                    JsonReport.streamStart(out, s, mode, kernel, Version.line());
                }
                RunResult r;
                try {
                    r = body.run(s, meter);
                } finally {
                    if (progress != null) {
                        progress.clear();
                    }
                }
                runs.add(r);
                if (o.jsonStream) {
                    JsonReport.streamEnd(out, r, Version.line());
                } else if (!o.json) {
                    if (series) {
                        HumanReport.runLine(out, i, repeat, r);
                    } else {
                        HumanReport.print(out, r);
                    }
                } else if (!series) {
                    JsonReport.write(out, r, Version.line());
                }
            }
            all.addAll(runs);
            if (series) {
                rows.add(summarize(out, o, size, runs, sizes.size() > 1));
            }
        }
        if (series && o.json && !o.jsonStream) {
            JsonReport.writeSeries(out, all, rows, Version.line());
        }
        out.flush();
        return all.stream().anyMatch(RunResult::failed) ? Exits.RUNTIME : Exits.OK;
    }

    /** The end whose bytes the intervals count: loopback's sender, else the end this process plays. */
    static Role meteredRole(String mode, RunSettings s) {
        return switch (mode) {
            case "loopback" -> Role.SENDER;
            case "send" -> s.connectingRole();
            default -> s.acceptingRole();
        };
    }

    private static JsonReport.SeriesRow summarize(PrintWriter out, RunOptions o, int size, List<RunResult> runs,
            boolean sweep) {
        List<Double> gbits = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (RunResult r : runs) {
            Transfer t = r.headline();
            gbits.add(t.bitsPerSecond() / 1e9);
            cpu.add(t.bytes() == 0 ? 0 : r.cpu().totalMicros() / 1e6 / (t.bytes() / 1e9));
        }
        Stats g = Stats.of(gbits);
        Stats c = Stats.of(cpu);
        SideResult first = runs.get(0).sides().get(0);
        if (!o.json && !o.jsonStream) {
            if (sweep) {
                HumanReport.sweepRow(out, size, first.sendBuffer(), first.receiveBuffer(), g, c);
            } else {
                HumanReport.stats(out, "", g, c);
            }
        }
        return new JsonReport.SeriesRow(size, first.sendBuffer(), first.receiveBuffer(), g, c);
    }
}
