package org.kttcp4j.run;

import static org.kttcp4j.run.Setting.AFFINITY;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.posix.Affinity;
import org.kttcp4j.posix.ErrnoException;

/**
 * -A/--affinity: which CPU each stream end of this process takes, and pinning the end's own thread to it before
 * its transfer starts. The ends take the listed CPUs in turn, stream 1's ends first (loopback: stream 1 sender,
 * stream 1 receiver, stream 2 sender, ...; send and recv: stream 1, stream 2, ...), round-robin over the list.
 */
final class Pinning {
    private Pinning() {}

    /** The CPU this end takes, or null when the run pins nothing. */
    static Integer cpu(Run run, Role role, int stream) {
        List<Integer> cpus = run.affinity();
        if (cpus.isEmpty()) {
            return null;
        }
        List<Role> roles = run.mode().roles(run.reverse());
        int slot = stream * roles.size() + Math.max(0, roles.indexOf(role));
        return cpus.get(slot % cpus.size());
    }

    /**
     * Loopback in two processes: the CPUs of the accepting ends (the child's), one per stream, so that the child,
     * a recv run that takes its list in stream order, pins each end where one process would have.
     */
    static List<Integer> acceptingEnds(Run loopback) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < loopback.streams(); s++) {
            boolean acceptingSends = loopback.reverse() || loopback.reverseDirection(s + 1);
            out.add(cpu(loopback, acceptingSends ? Role.SENDER : Role.RECEIVER, s));
        }
        return out;
    }

    /**
     * Pins the calling thread (the end's own) to its CPU; null when the run pins nothing. A failure fails the run,
     * so the other ends stop too, and is thrown as one line.
     */
    static Integer pin(Run run, Role role, int stream, Control control) throws IOException {
        Integer cpu = cpu(run, role, stream);
        if (cpu == null) {
            return null;
        }
        try {
            Affinity.pin(cpu);
            return cpu;
        } catch (ErrnoException | RuntimeException e) {
            String message = failure(cpu, e, "stream " + (stream + 1) + " " + role.label());
            control.fail(message);
            throw new IOException(message, e);
        }
    }

    /** The result with the CPU it was pinned to and the one it runs on now, as its transfer ended. */
    static SideResult ranOn(SideResult r, Integer cpu) {
        if (cpu == null) {
            return r;
        }
        OptionalInt now = Affinity.current();
        return r.withAffinity(cpu, now.isPresent() ? now.getAsInt() : null);
    }

    /**
     * The rule {@link RunSpecRules} keeps for the affinity list: not empty, CPUs from 0 to CPU_SETSIZE - 1, and on
     * this host each one this process may use. Returns the rule that fails, or null.
     */
    static InvalidSettingException check(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            return wrong(cpus, AFFINITY, " takes CPU numbers separated by commas, e.g. ", AFFINITY, " 0,1; got none");
        }
        if (cpus.size() > Abi.LINUX_CPU_SETSIZE) {
            return wrong(cpus, AFFINITY, " takes at most " + Abi.LINUX_CPU_SETSIZE + " CPUs, got " + cpus.size());
        }
        for (Integer cpu : cpus) {
            if (cpu == null || cpu < 0 || cpu >= Abi.LINUX_CPU_SETSIZE) {
                return wrong(cpus, AFFINITY, " takes CPU numbers from 0 to " + (Abi.LINUX_CPU_SETSIZE - 1) + ", got "
                        + cpu);
            }
        }
        if (!Affinity.supported()) {
            return wrong(cpus, new InvalidSettingException.Spelled(AFFINITY), " pins threads on Linux and NetBSD;"
                    + " this is " + System.getProperty("os.name") + ": run without ", AFFINITY);
        }
        List<Integer> allowed;
        try {
            allowed = Affinity.allowed();
        } catch (ErrnoException | RuntimeException | LinkageError e) {
            return wrong(cpus, AFFINITY, ": cannot read the CPUs this process may use: " + e.getMessage());
        }
        for (int cpu : cpus) {
            if (!allowed.contains(cpu)) {
                return wrong(cpu, AFFINITY, ": " + notAllowed(cpu, allowed));
            }
        }
        return null;
    }

    private static InvalidSettingException wrong(Object value, Object... message) {
        return new InvalidSettingException(AFFINITY, value, message);
    }

    private static String notAllowed(int cpu, List<Integer> allowed) {
        return "CPU " + cpu + " is not one this process may use (allowed: " + Affinity.ranges(allowed)
                + "): give CPUs from that list";
    }

    private static String failure(int cpu, Exception e, String end) {
        try {
            List<Integer> allowed = Affinity.allowed();
            if (!allowed.contains(cpu)) {
                return Setting.AFFINITY.ref() + ": " + notAllowed(cpu, allowed);
            }
        } catch (ErrnoException | RuntimeException ignored) {
            // the pinning's own error says enough
        }
        return Setting.AFFINITY.ref() + ": cannot pin " + end + " to CPU " + cpu + ": " + Failures.oneLine(e);
    }
}
