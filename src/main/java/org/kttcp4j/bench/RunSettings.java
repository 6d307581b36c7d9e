package org.kttcp4j.bench;

import java.time.Duration;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.net.Family;

/**
 * What a run is asked to do. bytes is the sender's total over all streams (Long.MAX_VALUE with a duration);
 * sockbuf 0 leaves the kernel's autotuning alone; buffer is the user and nio engines' write size; parallel is the
 * number of TCP streams; reverse swaps which end sends (the connecting end receives); interval null means none;
 * rcvlowat, when not 0, is the receiving end's SO_RCVLOWAT.
 */
public record RunSettings(String engine, String receiverEngine, long bytes, Duration time, int sockbuf,
        int buffer, boolean waitAll, Family family, int port, String bind, int parallel, boolean reverse,
        Duration interval, int rcvlowat) {

    public RunSettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
    }

    /** One stream, forward, no intervals. */
    public RunSettings(String engine, String receiverEngine, long bytes, Duration time, int sockbuf, int buffer,
            boolean waitAll, Family family, int port, String bind) {
        this(engine, receiverEngine, bytes, time, sockbuf, buffer, waitAll, family, port, bind, 1, false, null, 0);
    }

    /** The sender's budget for stream i of parallel: a duration for each, or the byte count split between them. */
    public Budget senderBudget(int stream) {
        if (time != null) {
            return Budget.of(time);
        }
        long share = bytes / parallel + (stream < bytes % parallel ? 1 : 0);
        return Budget.ofBytes(share);
    }

    public Budget senderBudget() {
        return senderBudget(0);
    }

    public RunSettings withSockbuf(int size) {
        return new RunSettings(engine, receiverEngine, bytes, time, size, buffer, waitAll, family, port, bind,
                parallel, reverse, interval, rcvlowat);
    }

    /** The end a connecting process (send, or the connecting half of loopback) plays. */
    public Role connectingRole() {
        return reverse ? Role.RECEIVER : Role.SENDER;
    }

    /** The end an accepting process (recv, or the accepting half of loopback) plays. */
    public Role acceptingRole() {
        return reverse ? Role.SENDER : Role.RECEIVER;
    }
}
