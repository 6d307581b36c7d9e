package org.kttcp4j.report;

import java.io.PrintWriter;
import org.kttcp4j.bench.RunResult;
import org.kttcp4j.bench.SideResult;

/** The default output: a header naming the engines and buffers, then one line per end. */
public final class HumanReport {
    private HumanReport() {}

    public static void print(PrintWriter out, RunResult run) {
        SideResult first = run.sides().get(0);
        out.printf("kttcp4j %s: peer %s port %d, kernel %s%n", run.mode(),
                org.kttcp4j.net.Hosts.numeric(first.peer().getAddress()), first.peer().getPort(), run.kernel());
        for (SideResult r : run.sides()) {
            out.printf("%-9s engine %s (%s), socket buffers send %d receive %d%n", r.role().label(), r.engine(),
                    r.engineDescription(), r.sendBuffer(), r.receiveBuffer());
        }
        for (SideResult r : run.sides()) {
            out.println(Reports.line(r));
        }
        if (run.sides().size() > 1) {
            out.println("(CPU figures are the whole process's: both ends share it in this run)");
        }
    }
}
