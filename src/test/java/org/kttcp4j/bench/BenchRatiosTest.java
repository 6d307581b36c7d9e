package org.kttcp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench scripts' statistics (bench/Ratios.java: a ratio of paired rounds, its 95 % interval, a goal's verdict)
 * hold their own checks: a worked example computed apart, the verdicts at their edges, and the interval's coverage
 * on seeded simulated rounds. Compiled here from the repository with the test class path (Commons Statistics,
 * Jackson) and its self-test run in this JVM, so that the interval every benchmark prints is tested with the
 * project (about a second; the benchmarks themselves stay out of the test suite).
 */
class BenchRatiosTest {
    @Test
    void theIntervalsOfTheBenchScriptsPassTheirSelfTest(@TempDir Path classes) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-nowarn", "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), Path.of("bench", "Ratios.java").toString());
        assertEquals(0, compiled, "bench/Ratios.java does not compile: " + diagnostics.toString(StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method selfTest = loader.loadClass("Ratios").getDeclaredMethod("selfTest");
            selfTest.setAccessible(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            int failures;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                failures = (int) selfTest.invoke(null);
            } finally {
                System.setOut(saved);
            }
            String report = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, failures, report);
            List<String> lines = report.lines().toList();
            assertTrue(lines.stream().filter(l -> l.startsWith("ok ")).count() >= 14, report);
            assertTrue(report.contains("self-test: all checks hold"), report);
            assertTrue(Files.exists(classes.resolve("Ratios.class")));
        }
    }
}
