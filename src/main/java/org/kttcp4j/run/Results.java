package org.kttcp4j.run;

import java.util.List;
import java.util.Optional;
import org.kttcp4j.PublicApi;

/**
 * What {@link Run#execute} returns: the runs in order (a series has several: repeat, a socket-buffer sweep), the
 * statistics of each size when there was a series, and how the series ended ({@link Outcome}): completed,
 * stopped (the runs before the stop are kept), or failed (the runs before an error that ended it are kept).
 *
 * @param run the run that was executed: every setting it was asked
 * @param runs every run, or only the last when the listener took each as it ended ({@link RunListener#keepsRuns})
 * @param count how many runs ran (and were told to the listener), kept or not
 * @param summary one row per socket-buffer size with the series' statistics (empty without a series)
 * @param outcome how the series ended: completed, stopped or failed
 */
@PublicApi
public record Results(Run run, List<RunResult> runs, int count, List<SummaryRow> summary, Outcome outcome) {
    /**
     * Copies the lists; count must be at least the runs kept.
     * @param run the run that was executed
     * @param runs the runs kept
     * @param count how many runs ran
     * @param summary the series' rows
     * @param outcome how the series ended
     */
    public Results {
        runs = List.copyOf(runs);
        summary = List.copyOf(summary);
        if (count < runs.size()) {
            throw new IllegalArgumentException("count " + count + " is less than the " + runs.size() + " runs kept");
        }
    }

    /**
     * Every run kept.
     * @param run the run that was executed
     * @param runs every run, in order
     * @param summary one row per socket-buffer size (empty without a series)
     * @param outcome how the series ended
     */
    public Results(Run run, List<RunResult> runs, List<SummaryRow> summary, Outcome outcome) {
        this(run, runs, runs.size(), summary, outcome);
    }

    /** From the words of a series' end: stopped by a signal or a cap, or ended early by an error (or neither). */
    Results(Run run, List<RunResult> runs, List<SummaryRow> summary, String stoppedBy, String error) {
        this(run, runs, summary, stoppedBy != null ? new Outcome.Stopped(Outcome.Stop.of(stoppedBy), stoppedBy)
                : error != null ? new Outcome.Failed(Outcome.Failure.ENDED, error) : Outcome.COMPLETED);
    }

    /**
     * A run that could not start: no run, and why, as the failure.
     * @param run the run that could not start
     * @param cause why, in one line
     * @return results with no run and a {@link Outcome.Failed} of kind START
     */
    public static Results notStarted(Run run, String cause) {
        return new Results(run, List.of(), List.of(), new Outcome.Failed(Outcome.Failure.START, cause));
    }

    /**
     * A run failed or was partial, or an error ended the series.
     * @return true when anything failed
     */
    public boolean failed() {
        return outcome instanceof Outcome.Failed || runs.stream().anyMatch(RunResult::failed);
    }

    /**
     * The error that ended the series early (runs that failed on their own are told by {@link #failed()}).
     * @return the error, or empty
     */
    public Optional<String> error() {
        return Optional.ofNullable(outcome.error());
    }

    /**
     * What stopped the series ("SIGINT"), when something did.
     * @return the signal's or cap's name, or empty
     */
    public Optional<String> stopped() {
        return Optional.ofNullable(outcome.stopped());
    }

    /**
     * What stopped the series, or null: what the result document's "stopped" says.
     * @return the signal's or cap's name, or null
     */
    public String stoppedBy() {
        return outcome.stopped();
    }

    /**
     * The last run (the only one without a series); empty when none ran.
     * @return the last run, or empty
     */
    public Optional<RunResult> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
