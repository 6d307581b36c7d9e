package org.kttcp4j.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.kttcp4j.bench.Interval;
import org.kttcp4j.bench.Role;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.SideResult;
import org.kttcp4j.bench.Stats;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.net.Hosts;

/** The default output: engines and buffers, iperf3-style interval lines, then one line per end and the sums. */
public final class HumanReport {
    private HumanReport() {}

    public static void print(PrintWriter out, RunResult run) {
        SideResult first = run.sides().get(0);
        out.printf("kttcp4j %s: peer %s port %d, kernel %s%s%n", run.mode(),
                Hosts.numeric(first.peer().getAddress()), first.peer().getPort(), run.kernel(),
                run.settings().parallel() > 1 ? ", " + run.settings().parallel() + " streams" : "");
        for (Role role : Role.values()) {
            List<SideResult> ends = run.of(role);
            if (!ends.isEmpty()) {
                SideResult r = ends.get(0);
                out.printf("%-9s engine %s (%s), socket buffers send %d receive %d%n", role.label(), r.engine(),
                        r.engineDescription(), r.sendBuffer(), r.receiveBuffer());
            }
        }
        for (Role role : Role.values()) {
            List<SideResult> ends = run.of(role);
            if (ends.size() > 1) {
                for (int i = 0; i < ends.size(); i++) {
                    out.println(Reports.line(ends.get(i), "[" + (i + 1) + "]"));
                }
                Transfer sum = run.sum(role);
                out.println(Reports.line(new SideResult(role, ends.get(0).engine(), "", sum, 0, 0, null,
                        ends.stream().map(SideResult::error).filter(e -> e != null).findFirst().orElse(null)), "[SUM]"));
            } else if (ends.size() == 1) {
                out.println(Reports.line(ends.get(0)));
            }
        }
        if (run.sides().size() > 1) {
            out.println("(CPU figures are the whole process's: every stream and both ends share it in this run)");
        }
        out.flush();
    }

    public static void intervalHeader(PrintWriter out) {
        out.println("[ ID] Interval           Transfer     Bitrate");
        out.flush();
    }

    /** iperf3's interval lines: one per stream, and a [SUM] line when there are several. */
    public static void interval(PrintWriter out, Interval in) {
        long[] b = in.streamBytes();
        for (int i = 0; i < b.length; i++) {
            out.println(intervalLine(String.format(Locale.ROOT, "[%3d]", i + 1), in, b[i]));
        }
        if (b.length > 1) {
            out.println(intervalLine("[SUM]", in, in.bytes()));
        }
        out.flush();
    }

    static String intervalLine(String id, Interval in, long bytes) {
        return String.format(Locale.ROOT, "%s %6.2f-%-6.2f sec  %s  %s", id, in.start(), in.end(),
                Iperf3Units.bytes(bytes), Iperf3Units.bits(in.bitsPerSecond(bytes)));
    }

    /** One compact line for each of several runs. */
    public static void runLine(PrintWriter out, int i, int n, RunResult run) {
        Transfer t = run.headline();
        out.printf(Locale.ROOT, "run %d/%d: %s %d bytes in %.3f s = %s, %.2f CPU s/GB%s%n", i, n,
                run.sum(Role.RECEIVER) != null ? "received" : "sent", t.bytes(), t.seconds(),
                Reports.gbits(t.bitsPerSecond()), run.cpu().totalMicros() / 1e6 / Math.max(1e-9, t.bytes() / 1e9),
                run.failed() ? " [failed]" : "");
        out.flush();
    }

    /** The statistics over repeated runs. */
    public static void stats(PrintWriter out, String label, Stats gbits, Stats cpu) {
        out.printf(Locale.ROOT, "%s%d runs: Gbit/s min %.3f median %.3f max %.3f stddev %.3f;"
                + " CPU s/GB min %.3f median %.3f max %.3f stddev %.3f%n", label, gbits.n(), gbits.min(), gbits.median(),
                gbits.max(), gbits.stddev(), cpu.min(), cpu.median(), cpu.max(), cpu.stddev());
        out.flush();
    }

    public static void sweepHeader(PrintWriter out) {
        out.printf("%12s %12s %12s %10s %10s %5s%n", "sockbuf", "sndbuf set", "rcvbuf set", "Gbit/s", "CPU s/GB", "runs");
    }

    public static void sweepRow(PrintWriter out, int asked, int snd, int rcv, Stats gbits, Stats cpu) {
        out.printf(Locale.ROOT, "%12d %12d %12d %10.3f %10.3f %5d%n", asked, snd, rcv, gbits.median(), cpu.median(), gbits.n());
        out.flush();
    }
}
