package org.kttcp4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.engine.Source;
import org.kttcp4j.net.Cidr;

/** Each rule of {@link RunSpecRules}, in this process: the setting it names, its value, and its message. */
class RunSpecRulesTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                rule(() -> Run.loopback().parallel(500), Setting.PARALLEL, 500,
                        "parallel must be from 1 to 128, got 500"),
                rule(() -> Run.loopback().parallel(0), Setting.PARALLEL, 0, "parallel must be from 1 to 128, got 0"),
                rule(() -> Run.loopback().bidir(true).reverse(true), Setting.BIDIR, true,
                        "bidir sends both ways already: drop reverse"),
                rule(() -> Run.loopback().bidir(true).parallel(65), Setting.PARALLEL, 65,
                        "bidir opens two connections per parallel stream: parallel must be from 1 to 64 with it, got 65"),
                rule(() -> Run.loopback().repeat(10_001), Setting.REPEAT, 10_001,
                        "repeat must be from 1 to 10000, got 10001"),
                rule(() -> Run.loopback().processes(3), Setting.PROCESSES, 3, "processes must be 1 or 2, got 3"),
                rule(() -> Run.loopback().time(Duration.ofSeconds(1)).bytes(5), Setting.TIME, Duration.ofSeconds(1),
                        "time and bytes are exclusive: give one"),
                rule(() -> Run.loopback().bytes(0), Setting.BYTES, 0L, "bytes must be more than 0"),
                rule(() -> Run.loopback().time(Duration.ofNanos(5)), Setting.TIME, Duration.ofNanos(5),
                        "time must be at least 1 ms, got 5 ns"),
                rule(() -> Run.loopback().interval(Duration.ofMillis(1)), Setting.INTERVAL, Duration.ofMillis(1),
                        "interval must be at least 10 ms (the timer's resolution), got 1 ms"),
                rule(() -> Run.loopback().sockbufs(List.of()), Setting.SOCKBUFS, List.of(),
                        "sockbufs needs at least one size"),
                rule(() -> Run.loopback().sockbufs(List.of(0, -1)), Setting.SOCKBUFS, List.of(0, -1),
                        "sockbufs sizes must not be negative (0: the kernel's autotuning), got [0, -1]"),
                rule(() -> Run.loopback().buffer(0), Setting.BUFFER, 0, "buffer must be more than 0"),
                rule(() -> Run.loopback().rcvlowat(-1), Setting.RCVLOWAT, -1, "rcvlowat must not be negative"),
                rule(() -> Run.loopback().connectTimeout(Duration.ZERO), Setting.CONNECT_TIMEOUT, Duration.ZERO,
                        "connectTimeout must be at least 1 ms"),
                rule(() -> Run.loopback().idleTimeout(Duration.ofSeconds(-1)), Setting.IDLE_TIMEOUT,
                        Duration.ofSeconds(-1), "idleTimeout must not be negative"),
                rule(() -> Run.loopback().port(70000), Setting.PORT, 70000,
                        "port must be from 0 (any free port) to 65535, got 70000"),
                rule(() -> Run.receive().port(-1), Setting.PORT, -1,
                        "port must be from 0 (any free port) to 65535, got -1"),
                rule(() -> Run.send("127.0.0.1").port(0), Setting.PORT, 0,
                        "send needs the receiver's port: port 0 means any port, and only a listener can take any"),
                rule(() -> Run.send("127.0.0.1").port(65536), Setting.PORT, 65536,
                        "port must be from 1 to 65535, got 65536"),
                rule(() -> Run.send(""), Setting.HOST, "", "send needs a host to connect to"),
                rule(() -> Run.send("127.0.0.1").receiverEngine("user"), Setting.RECEIVER_ENGINE, EngineKind.USER,
                        "receiverEngine is loopback's: the other end of send/recv chooses its own engine"),
                rule(() -> Run.loopback().serve(true), Setting.SERVE, true, "serve is recv's"),
                rule(() -> Run.send("127.0.0.1").processes(2), Setting.PROCESSES, 2,
                        "processes(2) is loopback's: send and recv are one end each, in their own process"),
                rule(() -> Run.send("127.0.0.1").maxTime(Duration.ofSeconds(1)), Setting.MAX_TIME,
                        Duration.ofSeconds(1), "allow, maxTime and maxBytes are recv's"),
                rule(() -> Run.loopback().allow(List.of(Cidr.parse("10.0.0.0/8"))), Setting.ALLOW,
                        List.of(Cidr.parse("10.0.0.0/8")), "allow, maxTime and maxBytes are recv's"),
                rule(() -> Run.loopback().engine("warp"), Setting.ENGINE, "warp",
                        "unknown engine 'warp': choose one of kttcp, splice, user, nio"),
                rule(() -> Run.loopback().receiverEngine("warp"), Setting.RECEIVER_ENGINE, "warp",
                        "unknown engine 'warp': choose one of kttcp, splice, user, nio"),
                rule(() -> Run.loopback().omit(Duration.ofSeconds(-1)), Setting.OMIT, Duration.ofSeconds(-1),
                        "omit must not be negative"),
                rule(() -> Run.loopback().omit(Duration.ofSeconds(1)), Setting.OMIT, Duration.ofSeconds(1),
                        "omit leaves out the first part of a timed run: add time (the sender runs omit on top of it)"),
                rule(() -> Run.loopback().mss(87), Setting.MSS, 87,
                        "mss must be from 88 to 65535 bytes (Linux's TCP_MIN_MSS to the largest IP payload), got 87"),
                rule(() -> Run.loopback().congestion("a b"), Setting.CONGESTION, "a b",
                        "congestion takes an algorithm's name (reno, cubic, bbr), got 'a b'"),
                rule(() -> Run.loopback().engine("nio").mss(1400), Setting.MSS, 1400,
                        "mss needs TCP_MAXSEG, which the JDK's channels (the nio engine) cannot set: use engine user"
                        + " or splice"),
                rule(() -> Run.loopback().affinity(List.of()), Setting.AFFINITY, List.of(),
                        "affinity takes CPU numbers separated by commas, e.g. affinity 0,1; got none"),
                rule(() -> Run.loopback().affinity(List.of(5000)), Setting.AFFINITY, List.of(5000),
                        "affinity takes CPU numbers from 0 to 1023, got 5000"),
                rule(() -> Run.send("127.0.0.1").engine("user").waitAll(true), Setting.WAIT_ALL, true,
                        "waitAll applies to the receiving end, and this one sends: give waitAll to the receiver, or"
                        + " add reverse"),
                rule(() -> Run.loopback().engine("nio").waitAll(true), Setting.WAIT_ALL, true,
                        "waitAll is the user engine's (recv with MSG_WAITALL), and the receiving engine here is nio:"
                        + " add engine user (loopback: receiverEngine user)"),
                rule(() -> Run.receive().engine("user").sink(Sink.SPLICE), Setting.SINK, Sink.SPLICE,
                        "sink is the splice engine's receiver's, and the receiving engine here is user: add engine"
                        + " splice"),
                rule(() -> Run.receive().engine("splice").source(Source.SENDFILE), Setting.SOURCE, Source.SENDFILE,
                        "source is the splice engine's sender's, and the sending engine here is none (this end"
                        + " receives): add engine splice"),
                rule(() -> Run.send("127.0.0.1").engine("user").rcvlowat(4096), Setting.RCVLOWAT, 4096,
                        "rcvlowat applies to the receiving end, and this one sends: give rcvlowat to the receiver, or"
                        + " add reverse"),
                rule(() -> Run.loopback().engine("splice").poll(true), Setting.POLL, true,
                        "poll is the user engine's (non-blocking calls and poll(2)), and the engine here is splice:"
                        + " add engine user"),
                rule(() -> Run.loopback().engine("user").poll(true).waitAll(true), Setting.POLL, true,
                        "poll and waitAll are two ways for the user engine's receiver to wait (poll(2) when the"
                        + " socket has nothing, or one call for the whole buffer): give one of them"),
                rule(() -> Run.loopback().engine("nio").rcvlowat(4096), Setting.RCVLOWAT, 4096,
                        "rcvlowat needs SO_RCVLOWAT, which the JDK's channels (the nio engine) lack: receive with"
                        + " engine user or splice"));
    }

    private static Arguments rule(Supplier<Run.Builder> b, Setting setting, Object value, String message) {
        return Arguments.of(b, setting, value, message);
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("rules")
    void aRuleThatFailsNamesItsSettingAndValue(Supplier<Run.Builder> b, Setting setting, Object value,
            String message) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> b.get().build());
        assertEquals(message, e.getMessage());
        assertEquals(setting, e.setting());
        assertEquals(String.valueOf(value), String.valueOf(e.value()), "the value (Cidr compares as text)");
        assertTrue(e.named().contains(setting) || e.named().isEmpty(), "names its setting: " + e.named());
    }

    /** Every setting that has a rule is named by one, and each message has no command-line flag in it. */
    @Test
    void theLibrarysMessagesNameSettingsNotFlags() {
        List<Setting> covered = new ArrayList<>();
        rules().forEach(a -> {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ((Run.Builder) ((Supplier<?>) a.get()[0]).get()).build());
            covered.add(e.setting());
            assertTrue(!e.getMessage().contains("--") && !e.getMessage().matches(".*(^|\\s)-[A-Za-z]\\b.*"),
                    e.getMessage());
        });
        List<Setting> unchecked = new ArrayList<>(Arrays.asList(Setting.values()));
        unchecked.removeAll(covered);
        // settings no value of which is wrong on its own (a kernel, a family, a bind address are checked when used)
        assertEquals(List.of(Setting.KERNEL, Setting.UP_TO, Setting.REVERSE, Setting.FAMILY, Setting.BIND,
                Setting.BACKLOG, Setting.MAX_BYTES, Setting.NO_DELAY), unchecked);
    }

    /** A rule's message with other names for the settings: what the command line prints. */
    @Test
    void theMessageCanBeToldWithOtherNamesForTheSettings() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Run.loopback().engine("nio").congestion("reno").build());
        assertEquals("--congestion needs TCP_CONGESTION, which the JDK's channels (the nio engine) cannot set: use"
                + " --engine user or splice", e.message(s -> "--" + s.key()));
        assertEquals("-C/--congestion needs TCP_CONGESTION, which the JDK's channels (the nio engine) cannot set: use"
                + " --engine user or splice", e.message(s -> "--" + s.key(), s -> "-C/--" + s.key()));
    }

    /** build() copies the settings: what is done to the Builder afterwards reaches no run built before. */
    @Test
    void nothingDoneToTheBuilderAfterBuildReachesTheRun() {
        Run.Builder b = Run.loopback().parallel(2).engine("user").sockbufs(List.of(65536));
        Run run = b.build();
        b.parallel(500).engine("warp").sockbufs(List.of(1, 2, 3)).bidir(true).reverse(true);
        assertEquals(2, run.parallel());
        assertEquals(2, run.spec().parallel());
        assertEquals(2, run.streams());
        assertEquals("user", run.engine());
        assertEquals(List.of(65536), run.sockbufs());
        assertTrue(!run.bidir() && !run.reverse());
        assertEquals(2, run.builder().build().parallel(), "a copy of what was asked, for a child process");
        assertThrows(InvalidSettingException.class, b::build, "the Builder itself holds what was done to it");
        run.builder().parallel(7);
        assertEquals(2, run.parallel(), "the copy is not the run's");
    }

    /** The settings as asked, the defaults derived by the run. */
    @Test
    void theSpecHoldsWhatWasAskedAndTheRunItsPlan() {
        Run run = Run.send("127.0.0.1").engine(EngineKind.USER).build();
        assertEquals(null, run.spec().port(), "not asked");
        assertEquals(Run.DEFAULT_PORT, run.port());
        assertEquals(null, run.spec().bytes());
        assertEquals(Run.DEFAULT_BYTES, run.bytes());
        assertEquals(EngineKind.USER, run.spec().engine());
        assertEquals(EngineKind.USER, run.engineKind());
        assertEquals(0, Run.loopback().build().port(), "loopback listens on any free port");
        assertEquals(0, Run.receive().port(0).build().port(), "a listener may take any port");
    }
}
