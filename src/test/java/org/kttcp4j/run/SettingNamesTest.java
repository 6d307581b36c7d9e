package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;

/** The library names settings in its messages; a caller (the command line) writes them with its own names. */
class SettingNamesTest {
    @Test
    void aMessageNamesSettingsByTheirKeysInBackquotes() {
        assertEquals("`idleTimeout`", Setting.IDLE_TIMEOUT.ref());
        assertEquals("no data for 2 s (--idle-timeout sets the wait); use --engine user",
                Setting.named("no data for 2 s (`idleTimeout` sets the wait); use `engine` user", s -> "--"
                        + s.key().replaceAll("([A-Z])", "-$1").toLowerCase()));
    }

    @Test
    void backquotedWordsThatAreNoSettingStayAsTheyAre() {
        assertEquals("run `modload kttcp` or `sh MAKEDEV`; `nosuch` too",
                Setting.named("run `modload kttcp` or `sh MAKEDEV`; `nosuch` too", s -> "X"));
        assertNull(Setting.named(null, s -> "X"));
    }

    @Test
    void aNamedListenerPassesEveryMessageOfARunOnWithTheCallersNames() {
        Run run = Run.receive().maxTime(Duration.ofSeconds(1)).build();
        SideResult side = new SideResult(Role.RECEIVER, 1, "user", "user", new Transfer(0, 10, 1, Transfer.Clock.WALL,
                CpuTime.ZERO, 1), 0, 0, null, null, "`maxTime` 1 s reached");
        RunResult r = new RunResult(run, 0, 1, Instant.EPOCH, List.of(side), List.of(), CpuTime.ZERO, 1);
        List<String> told = new ArrayList<>();
        RunListener named = RunListener.named(new RunListener() {
            @Override
            public void waiting(String what) {
                told.add(what);
            }

            @Override
            public void runEnded(RunResult result) {
                told.add(result.sides().get(0).stopped());
            }

            @Override
            public void finished(Results results) {
                told.add(results.error().orElseThrow());
                told.add(results.runs().get(0).stopped().orElseThrow());
            }
        }, s -> "--" + s.key());
        named.waiting("stream 2 (another `parallel`?)");
        named.runEnded(r);
        named.finished(new Results(run, List.of(r), List.of(), new Outcome.Failed(Outcome.Failure.ENDED,
                "`bidir` on one end only")));
        assertEquals(List.of("stream 2 (another --parallel?)", "--maxTime 1 s reached", "--bidir on one end only",
                "--maxTime 1 s reached"), told);
    }
}
