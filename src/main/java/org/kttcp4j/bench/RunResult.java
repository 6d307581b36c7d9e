package org.kttcp4j.bench;

import java.util.List;

/** A run: what was asked and what each end that this process ran got (one end for send/recv, two for loopback). */
public record RunResult(RunSettings settings, String mode, String kernel, List<SideResult> sides) {
    public boolean failed() {
        return sides.stream().anyMatch(SideResult::failed);
    }
}
