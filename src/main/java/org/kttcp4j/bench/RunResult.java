package org.kttcp4j.bench;

import java.util.List;
import org.kttcp4j.measure.CpuTime;
import org.kttcp4j.measure.Transfer;

/**
 * A run: what was asked, what each stream's end that this process ran got, the intervals of the metered role,
 * and the process's CPU time and wall time over the whole run (per-stream CPU would count the process N times).
 */
public record RunResult(RunSettings settings, String mode, String kernel, List<SideResult> sides,
        Role metered, List<Interval> intervals, CpuTime cpu, long wallNanos) {

    public boolean failed() {
        return sides.stream().anyMatch(SideResult::failed);
    }

    public List<SideResult> of(Role role) {
        return sides.stream().filter(s -> s.role() == role).toList();
    }

    /**
     * One role's streams summed: bytes added, elapsed the longest stream's, CPU the run's. Null when this
     * process ran no end of that role (send mode has no receiver here).
     */
    public Transfer sum(Role role) {
        List<SideResult> ends = of(role);
        if (ends.isEmpty()) {
            return null;
        }
        if (ends.size() == 1) {
            return ends.get(0).transfer();
        }
        long requested = 0, bytes = 0, elapsed = 0, calls = 0;
        for (SideResult s : ends) {
            Transfer t = s.transfer();
            requested = requested == Long.MAX_VALUE || t.requested() == Long.MAX_VALUE ? Long.MAX_VALUE : requested + t.requested();
            bytes += t.bytes();
            elapsed = Math.max(elapsed, t.elapsedNanos());
            calls += t.calls();
        }
        return new Transfer(requested, bytes, elapsed, ends.get(0).transfer().clock(), cpu, calls);
    }

    /** The figure a run is judged by: what the receiver got when this process received, else what was sent. */
    public Transfer headline() {
        Transfer r = sum(Role.RECEIVER);
        return r != null ? r : sum(Role.SENDER);
    }
}
