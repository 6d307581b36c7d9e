package org.kttcp4j.bench;

import java.time.Duration;
import org.kttcp4j.engine.Budget;
import org.kttcp4j.net.Family;

/**
 * What a run is asked to do. bytes is the sender's count (Long.MAX_VALUE with a duration); sockbuf 0 leaves the
 * kernel's autotuning alone; buffer is the user and nio engines' write size.
 */
public record RunSettings(String engine, String receiverEngine, long bytes, Duration time, int sockbuf,
        int buffer, boolean waitAll, Family family, int port, String bind) {

    public Budget senderBudget() {
        return time == null ? Budget.ofBytes(bytes) : Budget.of(time);
    }
}
