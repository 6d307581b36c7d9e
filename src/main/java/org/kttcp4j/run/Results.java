package org.kttcp4j.run;

import java.util.List;
import java.util.Optional;
import org.kttcp4j.PublicApi;

/**
 * What {@link Run#execute} returns: the runs in order (a series has several: repeat, a socket-buffer sweep), the
 * statistics of each size when there was a series, and how the series ended ({@link Outcome}): completed,
 * stopped (the runs before the stop are kept), or failed (the runs before an error that ended it are kept).
 *
 * @param runs every run, or only the last when the listener took each as it ended ({@link RunListener#keepsRuns})
 * @param count how many runs ran (and were told to the listener), kept or not
 */
@PublicApi
public record Results(Run run, List<RunResult> runs, int count, List<SummaryRow> summary, Outcome outcome) {
    public Results {
        runs = List.copyOf(runs);
        summary = List.copyOf(summary);
        if (count < runs.size()) {
            throw new IllegalArgumentException("count " + count + " is less than the " + runs.size() + " runs kept");
        }
    }

    /** Every run kept. */
    public Results(Run run, List<RunResult> runs, List<SummaryRow> summary, Outcome outcome) {
        this(run, runs, runs.size(), summary, outcome);
    }

    /** From the words of a series' end: stopped by a signal or a cap, or ended early by an error (or neither). */
    Results(Run run, List<RunResult> runs, List<SummaryRow> summary, String stoppedBy, String error) {
        this(run, runs, summary, stoppedBy != null ? new Outcome.Stopped(Outcome.Stop.of(stoppedBy), stoppedBy)
                : error != null ? new Outcome.Failed(Outcome.Failure.ENDED, error) : Outcome.COMPLETED);
    }

    /** A run that could not start: no run, and why, as the failure. */
    public static Results notStarted(Run run, String cause) {
        return new Results(run, List.of(), List.of(), new Outcome.Failed(Outcome.Failure.START, cause));
    }

    /** A run failed or was partial, or an error ended the series. */
    public boolean failed() {
        return outcome instanceof Outcome.Failed || runs.stream().anyMatch(RunResult::failed);
    }

    /** The error that ended the series early (runs that failed on their own are told by {@link #failed()}). */
    public Optional<String> error() {
        return Optional.ofNullable(outcome.error());
    }

    /** What stopped the series ("SIGINT"), when something did. */
    public Optional<String> stopped() {
        return Optional.ofNullable(outcome.stopped());
    }

    /** What stopped the series, or null: what the result document's "stopped" says. */
    public String stoppedBy() {
        return outcome.stopped();
    }

    /** The last run (the only one without a series); empty when none ran. */
    public Optional<RunResult> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
