package org.kttcp4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that is a throughput run: the run is made before the method's body, its figures published with
 * {@link org.junit.jupiter.api.TestReporter}'s entries, its JSON document written under {@code target/kttcp4j/},
 * and it is judged by the floors set here on the median of its repeats. The body may take the run's
 * {@link Measurement} or {@link org.kttcp4j.run.Results} as a parameter for checks of its own.
 *
 * <pre>{@code
 * @KttcpTest(engine = "nio", timeMillis = 500, repeat = 3, gbitsAtLeast = 1.0)
 * void loopbackMeetsItsFloor(Measurement m) {
 *     assertTrue(m.gbits() > 0);
 * }
 * }</pre>
 *
 * <p>Every floor, the time and the repeats can be overridden without editing the test, by system properties
 * ({@code -Dkttcp4j.gbitsAtLeast=0.5} for every test, {@code -Dkttcp4j.ClassName.method.gbitsAtLeast=0.5} for
 * one); the peer comes from {@link Peer}. A test whose engine this OS lacks, or whose peer is not configured, is
 * skipped with the reason and what to do.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@Tag("kttcp4j")
@ExtendWith(KttcpExtension.class)
public @interface KttcpTest {
    /**
     * The engine that moves the bytes: "kttcp" (NetBSD's /dev/kttcp), "splice" (Linux), "user" (read/write),
     * "nio" (the JDK's channels, any OS); empty for this OS's default (kttcp on NetBSD, splice on Linux).
     *
     * @return the engine's name, or empty for the default
     */
    String engine() default "";

    /**
     * How long each run sends, in milliseconds (property {@code kttcp4j.timeMillis}); ignored when
     * {@link #bytes()} is set.
     *
     * @return milliseconds per run
     */
    long timeMillis() default 1000;

    /**
     * A byte count per run instead of a time; 0 for a timed run.
     *
     * @return bytes per run, or 0
     */
    long bytes() default 0;

    /**
     * Parallel streams.
     *
     * @return the number of streams, 1 to 128
     */
    int parallel() default 1;

    /**
     * Runs in the series (property {@code kttcp4j.repeat}): the floors judge their median.
     *
     * @return the number of runs
     */
    int repeat() default 1;

    /**
     * Where the receiver is.
     *
     * @return the peer
     */
    Peer peer() default Peer.ANY;

    /**
     * The floor: the median Gbit/s at least this (property {@code kttcp4j.gbitsAtLeast}); NaN for none.
     *
     * @return Gbit/s, or NaN
     */
    double gbitsAtLeast() default Double.NaN;

    /**
     * The ceiling on CPU: the median CPU seconds per GB moved at most this (property
     * {@code kttcp4j.cpuSecondsPerGbAtMost}); NaN for none.
     *
     * @return CPU s/GB, or NaN
     */
    double cpuSecondsPerGbAtMost() default Double.NaN;

    /**
     * The senders' TCP retransmits, the median over the runs, at most this (property
     * {@code kttcp4j.retransmitsAtMost}); -1 for no limit. Where the kernel does not count them the test fails
     * with "not measured".
     *
     * @return retransmits, or -1
     */
    long retransmitsAtMost() default -1;
}
