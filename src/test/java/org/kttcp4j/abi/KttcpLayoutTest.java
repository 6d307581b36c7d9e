package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The struct as JNA lays it out on this machine, against NetBSD's table. */
class KttcpLayoutTest {
    @Test
    void layoutOnThisMachineIsNetbsdsForThisArchitecture() {
        KttcpLayout l = KttcpLayout.ofThisPlatform();
        String arch = System.getProperty("os.arch");
        if (Native.POINTER_SIZE == 8) {
            assertEquals(40, l.size());
            assertEquals(16, l.timevalSize());
            assertEquals(Map.of("kio_totalsize", 0, "kio_bytesdone", 8, "kio_elapsed", 16, "kio_socket", 32,
                    "kio_protovers", 36), l.offsets());
        }
        assertEquals(KttcpLayout.expectedSize(arch), l.checked(arch).size());
        assertEquals(List.of("kio_totalsize", "kio_bytesdone", "kio_elapsed", "kio_socket", "kio_protovers"),
                List.copyOf(l.offsets().keySet()), "offsets in declaration order");
    }

    @Test
    void aMismatchIsRefusedWithAClearError() {
        KttcpLayout l = KttcpLayout.ofThisPlatform();
        String otherArch = l.size() == 40 ? "i386" : "amd64";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.checked(otherArch));
        assertTrue(e.getMessage().contains("refusing to issue ioctls"), e.getMessage());
    }

    @Test
    void requestsAreComputedFromTheLayoutsSize() {
        KttcpLayout l = KttcpLayout.ofThisPlatform();
        assertEquals(IoctlRequest.kttcpSend(l.size()), l.sendRequest());
        assertEquals(IoctlRequest.kttcpRecv(l.size()), l.recvRequest());
    }

    @Test
    void structRoundTripsThroughNativeMemory() {
        KttcpIoArgs a = new KttcpIoArgs();
        a.kio_totalsize = 0x7ffffffeL;
        a.kio_socket = 7;
        a.write();
        // what the kernel would write back: bytes done, elapsed 2.5 s
        a.getPointer().setLong(8, 12345);
        a.getPointer().setLong(16, 2);
        a.getPointer().setInt(24, 500_000);
        a.read();
        assertEquals(0x7ffffffeL, a.getPointer().getLong(0));
        assertEquals(7, a.getPointer().getInt(a.offsetOf("kio_socket")));
        assertEquals(12345, a.kio_bytesdone);
        assertEquals(2_500_000_000L, a.elapsedNanos());
    }
}
