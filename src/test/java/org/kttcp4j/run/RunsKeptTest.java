package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.Family;

/** A listener that takes each run as it ends: the series keeps its last run and its statistics, not every run. */
class RunsKeptTest {
    @Test
    void aSeriesKeepsOnlyItsLastRunWhenTheListenerTookEachAsItEnded() throws Exception {
        List<RunResult> told = new ArrayList<>();
        Results r = Run.loopback().engine("user").bytes(64 << 10).repeat(40).sockbufs(List.of(0, 1 << 20))
                .family(Family.V4).build().execute(new RunListener() {
                    @Override
                    public void runEnded(RunResult result) {
                        told.add(result);
                    }

                    @Override
                    public boolean keepsRuns() {
                        return false;
                    }
                });
        assertEquals(80, told.size(), "every run told as it ended");
        assertEquals(80, r.count());
        assertEquals(List.of(told.get(79)), r.runs(), "the last run only");
        assertEquals(told.get(79), r.last().orElseThrow());
        assertEquals(2, r.summary().size());
        assertEquals(40, r.summary().get(0).runs());
        assertEquals(40, r.summary().get(1).runs());
        assertEquals(SummaryRow.of(0, told.subList(0, 40)), r.summary().get(0), "the same statistics as of every run");
        assertEquals(Outcome.COMPLETED, r.outcome());
    }

    @Test
    void byDefaultEveryRunIsKept() throws Exception {
        Results r = Run.loopback().engine("user").bytes(64 << 10).repeat(5).family(Family.V4).build()
                .execute(RunListener.NONE);
        assertEquals(5, r.runs().size());
        assertEquals(5, r.count());
        assertTrue(r.summary().get(0).gbits().median() > 0);
    }
}
