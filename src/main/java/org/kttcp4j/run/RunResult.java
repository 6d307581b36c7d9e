package org.kttcp4j.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kttcp4j.PublicApi;
import org.kttcp4j.measure.Figures;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;

/**
 * One run: the Run it belongs to (what was asked), the socket buffer it asked for and its place in a series,
 * each stream end played, the intervals of the metered end, and the CPU and wall time over the whole run
 * (per-stream CPU would count the process N times).
 *
 * @param run the run this belongs to: every setting it was asked
 * @param sockbuf the socket buffer size this run asked for, in bytes (0: the kernel's autotuning)
 * @param index its place in the series, from 1
 * @param started when it started (wall clock)
 * @param sides every stream end this process played, stream 1 first
 * @param intervals the metered end's intervals, in order (empty without {@link Run#interval()})
 * @param cpu the run's CPU: this process's; a loopback run in two processes adds the child's ({@link #peerCpu})
 * @param wallNanos this process's wall time over the run (its meter's)
 * @param peerPid the child process that played the accepting end (loopback in two processes), else 0
 * @param peerCpu that process's CPU over its run (part of cpu), else null
 */
@PublicApi
public record RunResult(Run run, int sockbuf, int index, Instant started, List<SideResult> sides,
        List<Interval> intervals, CpuTime cpu, long wallNanos, long peerPid, CpuTime peerCpu) {

    /**
     * Every end in this process.
     * @param run the run this belongs to
     * @param sockbuf the socket buffer size asked, in bytes
     * @param index its place in the series, from 1
     * @param started when it started
     * @param sides every stream end played
     * @param intervals the metered end's intervals
     * @param cpu this process's CPU over the run
     * @param wallNanos this process's wall time over the run, in nanoseconds
     */
    public RunResult(Run run, int sockbuf, int index, Instant started, List<SideResult> sides,
            List<Interval> intervals, CpuTime cpu, long wallNanos) {
        this(run, sockbuf, index, started, sides, intervals, cpu, wallNanos, 0, null);
    }

    /**
     * The end whose bytes the intervals count (this process's, in a loopback run in two processes).
     * @return the metered role
     */
    public Role metered() {
        return run.metered();
    }

    /**
     * The accepting end ran in a child process (loopback in two processes), with its own CPU.
     * @return true when a child process played the accepting end
     */
    public boolean twoProcesses() {
        return peerPid != 0;
    }


    /**
     * An end failed: an error, a stalled peer, or fewer bytes than expected.
     * @return true when any end failed
     */
    public boolean failed() {
        return sides.stream().anyMatch(SideResult::failed);
    }

    /**
     * Why the run was stopped (SIGINT, SIGTERM, a server's cap), when it was.
     * @return the first end's reason for stopping, or empty when none was stopped
     */
    public Optional<String> stopped() {
        return sides.stream().map(SideResult::stopped).filter(s -> s != null).findFirst();
    }

    /**
     * Every end of one role, stream 1 first.
     * @param role the role
     * @return the ends, possibly empty
     */
    public List<SideResult> of(Role role) {
        return sides.stream().filter(s -> s.role() == role).toList();
    }

    /**
     * One role's streams summed: bytes added, elapsed the longest stream's, CPU the run's. Null when this
     * process played no end of that role (a sender's process has no receiver).
     * @param role the role
     * @return the sum, or null
     */
    public Transfer sum(Role role) {
        return sum(of(role));
    }

    /**
     * One role's streams of one direction summed (reverse: --bidir's reverse direction); null when none.
     * @param role the role
     * @param reverse true for the bidir reverse direction's streams
     * @return the sum, or null
     */
    public Transfer sum(Role role, boolean reverse) {
        return sum(of(role).stream().filter(s -> run.reverseDirection(s.stream()) == reverse).toList());
    }

    /**
     * One direction's transfer, the way a run is judged: what its receivers got when this process received on
     * it, else what its senders sent; null when this process played no end of it (the reverse one without
     * --bidir).
     * @param reverse true for the bidir reverse direction
     * @return that direction's transfer, or null
     */
    public Transfer direction(boolean reverse) {
        Transfer r = sum(Role.RECEIVER, reverse);
        return r != null ? r : sum(Role.SENDER, reverse);
    }

    private Transfer sum(List<SideResult> ends) {
        if (ends.isEmpty()) {
            return null;
        }
        if (ends.size() == 1) {
            return ends.get(0).transfer();
        }
        Transfer sum = null;
        long elapsed = 0;
        for (SideResult s : ends) {
            sum = sum == null ? s.transfer() : sum.plus(s.transfer());
            elapsed = Math.max(elapsed, s.transfer().elapsedNanos());
        }
        return new Transfer(sum.requested(), sum.bytes(), elapsed, sum.clock(), cpuOf(ends), sum.calls());
    }

    /** The CPU of the process that played these ends; the run's when they span both processes. */
    private CpuTime cpuOf(List<SideResult> ends) {
        if (!twoProcesses() || peerCpu == null) {
            return cpu;
        }
        boolean here = ends.stream().allMatch(e -> e.role() == run.meteredRole(e.stream()));
        boolean child = ends.stream().noneMatch(e -> e.role() == run.meteredRole(e.stream()));
        return here ? cpu.minus(peerCpu) : child ? peerCpu : cpu;
    }

    /**
     * The transfer a run is judged by: what the receiver got when this process received, else what was sent;
     * with --bidir both directions' added (each judged that way), over the longer one's time.
     * @return the headline transfer (null only when this process played no end)
     */
    public Transfer headline() {
        Transfer forward = direction(false);
        Transfer reverse = direction(true);
        if (reverse == null) {
            return forward;
        }
        Transfer both = forward.plus(reverse);
        return new Transfer(both.requested(), both.bytes(), Math.max(forward.elapsedNanos(), reverse.elapsedNanos()),
                both.clock(), cpu, both.calls());
    }

    /**
     * The run's figures: the headline's throughput; CPU as the whole process's over the run's wall time and per
     * GB of the headline's bytes (so in a loopback run it covers both ends: {@link #cpuCovers()}).
     * @return the throughput and CPU figures
     */
    public Figures figures() {
        Transfer h = headline();
        return new Figures(Figures.bitsPerSecond(h.bytes(), h.elapsedNanos()), Figures.cpuPercent(cpu, wallNanos),
                Figures.cpuSecondsPerGB(cpu, h.bytes(), wallNanos));
    }

    /**
     * Which work the CPU figures cover: "both ends" in a loopback run ("both ends (two processes)" when the
     * accepting end ran in a child process, its CPU added; the connecting end's alone when that process died
     * before it reported), else the one end this process played.
     * @return the words, for a report's CPU column
     */
    public String cpuCovers() {
        return run.mode() != Mode.LOOPBACK ? "the " + metered().label()
                : twoProcesses() && peerCpu == null ? "the connecting end (two processes; the receiving process's CPU"
                        + " was not reported)"
                : twoProcesses() ? "both ends (two processes)" : "both ends";
    }

    /**
     * The socket buffer sizes the kernel set: SO_SNDBUF of a sending socket, SO_RCVBUF of a receiving one.
     * @return SO_SNDBUF as the kernel set it, in bytes, or null when this process sent on no stream
     */
    public Integer sndbufSet() {
        List<SideResult> s = of(Role.SENDER);
        return s.isEmpty() ? null : s.get(0).sendBuffer();
    }

    /**
     * The receive buffer size the kernel set: SO_RCVBUF of stream 1's receiving socket.
     * @return the size in bytes, or null when this process received on no stream
     */
    public Integer rcvbufSet() {
        List<SideResult> r = of(Role.RECEIVER);
        return r.isEmpty() ? null : r.get(0).receiveBuffer();
    }
}
