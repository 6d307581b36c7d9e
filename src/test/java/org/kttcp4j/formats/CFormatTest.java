package org.kttcp4j.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kttcp4j.testing.CliProcess;

/** C's %g, checked against a real C printf (coreutils printf(1) formats with the C library's). */
class CFormatTest {
    @Test
    void matchesPrintfOfTheCLibrary() throws Exception {
        double[] values = {0, 1, 80, 8.5, 123456, 1234567, 999999.5, 0.0001, 0.00001234, 76.2939,
            16781.3125, 1e-5, 4.7683715820312e-7, 3.0517578125e4, 100000, 1e15, 2.5, 0.5, 1.0e21, 65536.0 * 8 / 1048576};
        List<String> cmd = new ArrayList<>(List.of("printf", "%g\\n".repeat(values.length)));
        for (double v : values) {
            cmd.add(Double.toString(v));
        }
        try (CliProcess p = CliProcess.start(cmd, null)) {
            assertEquals(0, p.waitFor(10), p.stderr());
            String[] c = p.stdout().split("\n");
            for (int i = 0; i < values.length; i++) {
                assertEquals(c[i], CFormat.g(values[i]), "printf %g of " + values[i]);
            }
        }
    }
}
