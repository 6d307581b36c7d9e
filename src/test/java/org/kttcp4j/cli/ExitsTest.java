package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.run.Outcome;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;

/** The exit status derives from the outcome alone (README.md, "Exit status"). */
class ExitsTest {
    private static int exit(Outcome o, boolean thresholdMissed) {
        return Exits.of(new Results(Run.loopback().build(), List.of(), List.of(), o), thresholdMissed);
    }

    @Test
    void eachOutcomeHasItsStatus() {
        assertEquals(0, exit(Outcome.COMPLETED, false));
        assertEquals(3, exit(Outcome.COMPLETED, true), "a missed threshold, when nothing else ended it");
        assertEquals(130, exit(new Outcome.Stopped(Outcome.Stop.SIGINT, "SIGINT"), true), "a stop comes first");
        assertEquals(143, exit(new Outcome.Stopped(Outcome.Stop.SIGTERM, "SIGTERM while connecting"), false));
        assertEquals(0, exit(new Outcome.Stopped(Outcome.Stop.CAP, "max time reached"), false));
        for (Outcome.Failure kind : Outcome.Failure.values()) {
            assertEquals(2, exit(new Outcome.Failed(kind, "why"), true), kind + ": a failure comes first");
        }
    }
}
