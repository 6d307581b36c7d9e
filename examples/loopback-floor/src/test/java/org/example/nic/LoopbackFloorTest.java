package org.example.nic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.kttcp4j.junit.KttcpTest;
import org.kttcp4j.junit.Measurement;

/** The loopback "NIC", with the receiver in a child JVM: a floor it meets, and one it misses. */
class LoopbackFloorTest {
    @Tag("meets-floor")
    @KttcpTest(engine = "nio", timeMillis = 300, gbitsAtLeast = 0.01)
    void meetsItsFloor(Measurement m) {
        assertTrue(m.cpuSecondsPerGb() > 0, m.settings());
    }

    @Tag("misses-floor")
    @KttcpTest(engine = "nio", timeMillis = 300, gbitsAtLeast = 10_000)
    void missesItsFloor() {}
}
