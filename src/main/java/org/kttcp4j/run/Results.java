package org.kttcp4j.run;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Run#execute} returns: every run in order (a series has several: --repeat, a socket-buffer sweep),
 * the statistics of each size when there was a series, the signal that stopped the whole thing, if one did, and
 * the error that ended it early, if one did (the runs before it are kept).
 */
@org.kttcp4j.PublicApi
public record Results(Run run, List<RunResult> runs, List<SummaryRow> summary, String stoppedBy, String errorMessage) {
    /** A run failed or was partial, or an error ended the series. */
    public boolean failed() {
        return errorMessage != null || runs.stream().anyMatch(RunResult::failed);
    }

    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }

    public Optional<String> stopped() {
        return Optional.ofNullable(stoppedBy);
    }

    /** The last run (the only one without a series); empty when none ran. */
    public Optional<RunResult> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
