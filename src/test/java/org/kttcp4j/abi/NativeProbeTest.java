package org.kttcp4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;
import org.kttcp4j.testing.Json;

/**
 * The binding's ABI against native/kttcp_abi, which prints what the target's own compiler and headers say
 * (NetBSD's <dev/kttcpio.h> and <sys/socket.h>; on Linux a mirror of kttcpio.h and glibc's headers). Every key
 * native prints must have the same value in `kttcp4j abi --json`. Runs here and in the NetBSD VMs.
 */
class NativeProbeTest {
    static final Path NATIVE = Path.of("native");

    static JsonNode nativeAbi() throws Exception {
        Path probe = NATIVE.resolve("kttcp_abi");
        // always make: a probe built before kttcp_abi.c changed would print the old sections (make does nothing
        // when the probe is newer than its source)
        try (CliProcess make = CliProcess.start(List.of("make", "-C", NATIVE.toString()), null)) {
            assertEquals(0, make.waitFor(120), "make -C native failed: " + make.stderr() + make.stdout());
        }
        try (CliProcess p = CliProcess.start(List.of(probe.toString()), null)) {
            assertEquals(0, p.waitFor(30), p.stderr());
            return Json.stdout(p);
        }
    }

    static JsonNode javaAbi() throws Exception {
        return Json.kttcp4j(30, "abi", "--json");
    }

    @Test
    void everyValueTheTargetsHeadersGiveIsTheBindings() throws Exception {
        JsonNode c = nativeAbi();
        JsonNode j = javaAbi();
        int compared = 0;
        for (String section : List.of("kttcp_io_args", "ioctl", "sizes", "constants", "errno",
                "interfaces")) {
            assertTrue(c.has(section), "native prints " + section);
            compared += compare(section, c.get(section), j.get(section));
        }
        assertTrue(compared >= 40, "compared " + compared + " values");
    }

    private static int compare(String path, JsonNode expected, JsonNode actual) {
        if (!expected.isObject()) {
            assertTrue(actual != null && !actual.isMissingNode(), path + " is missing from kttcp4j abi --json");
            if (expected.isTextual()) {
                assertEquals(Long.decode(expected.asText()), Long.decode(actual.asText()), path);
            } else {
                assertEquals(expected.asLong(), actual.asLong(), path);
            }
            return 1;
        }
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            n += compare(path + "." + e.getKey(), e.getValue(), actual == null ? null : actual.get(e.getKey()));
        }
        return n;
    }
}
