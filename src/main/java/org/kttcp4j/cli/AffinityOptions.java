package org.kttcp4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.run.Run;
import picocli.CommandLine.Option;

/** -A/--affinity, iperf3's letter: the CPUs this process's stream-end threads are pinned to. */
final class AffinityOptions {
    @Option(names = {"-A", "--affinity"}, paramLabel = "CPU[,CPU...]",
            description = "Pin this process's stream-end threads to these CPUs (the host's, also with a rump kernel):"
                    + " the ends take them in turn, stream 1's ends first (loopback: stream 1 sender, stream 1"
                    + " receiver, stream 2 sender, ...; send/recv: stream 1, stream 2, ...), round-robin over the"
                    + " list. loopback -A 0,1: sender on CPU 0, receiver on CPU 1 (iperf3's -A n,m); send -P 2 -A 0,1:"
                    + " one stream per CPU. The header says where each end was pinned and ran."
                    + " NetBSD: needs root (or security.models.extensions.user_set_cpu_affinity=1).")
    String affinity;

    void apply(Run.Builder b) {
        if (affinity != null) {
            b.affinity(parse(affinity));
        }
    }

    /** "0,1" -> [0, 1]; anything else is an IllegalArgumentException with the one line that says how. */
    static List<Integer> parse(String text) {
        List<Integer> cpus = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("-A takes CPU numbers separated by commas, e.g. -A 0,1; got '"
                        + text + "'");
            }
            cpus.add(Integer.parseInt(t));
        }
        return cpus;
    }
}
