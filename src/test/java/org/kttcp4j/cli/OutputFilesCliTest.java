package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kttcp4j.cli.FailurePathsCliTest.Outcome;

/**
 * The files a run leaves, on real file systems: a full one (a 64 KiB tmpfs this test mounts) keeps the old file
 * whole and the run still prints what it measured; a read-only one and a missing directory are refused before the
 * run; two names of one file (an output over an input, --output over --junit, through a symlink) are refused.
 */
class OutputFilesCliTest {
    private static final String OLD_JSON = "{\"old\": \"the last good run\"}\n";
    private static final String OLD_XML = "<testsuite name=\"the last good run\"/>\n";

    private static Outcome main(String... args) {
        return FailurePathsCliTest.main(args);
    }

    /** A small tmpfs on {@code dir} (root only: skipped, saying so, elsewhere); unmount with {@link #unmount}. */
    private static void mount(Path dir, String options) throws Exception {
        int code = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        Assumptions.assumeTrue(code == 0, "mount -t tmpfs failed (exit " + code + "): this test needs root");
    }

    private static void unmount(Path dir) throws Exception {
        assertEquals(0, run("umount", dir.toString()), "umount " + dir);
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not end in 30 s");
        }
        return p.exitValue();
    }

    /** Fills the file system of {@code dir} to its last byte: writes until ENOSPC, at most 64 MiB. */
    private static void fill(Path dir) throws IOException {
        byte[] block = new byte[1024];
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
            return;
        }
        throw new AssertionError("64 MiB written to " + dir + " without ENOSPC: not the small tmpfs");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFullDiskKeepsTheOldFilesNamesThemAndStillPrintsTheRun(@TempDir Path dir) throws Exception {
        Outcome r = main("loopback", "--engine", "user", "--bytes", "4m", "-q", "--json");
        assertEquals(0, r.code(), r.err());
        Path input = Files.writeString(dir.resolve("in.json"), r.out());
        Path mnt = Files.createDirectory(dir.resolve("full"));
        mount(mnt, "size=64k");
        try {
            Path json = Files.writeString(mnt.resolve("k.json"), OLD_JSON);
            Path xml = Files.writeString(mnt.resolve("k.xml"), OLD_XML);
            Path html = Files.writeString(mnt.resolve("k.html"), "old page");
            fill(mnt);
            Outcome o = main("loopback", "--engine", "user", "--bytes", "8m", "-q", "--output", json.toString(),
                    "--junit", xml.toString());
            assertEquals(2, o.code(), "a file not written fails the run's artifacts: " + o.err());
            assertTrue(o.out().contains("receiver  8388608 bytes in "), "the measurement is printed: " + o.out());
            assertEquals(List.of(
                    "kttcp4j: cannot write --output " + json + ": No space left on device (the file was left as it was)",
                    "kttcp4j: cannot write --junit " + xml + ": No space left on device (the file was left as it was)"),
                    o.err().lines().toList());
            assertEquals(OLD_JSON, Files.readString(json));
            assertEquals(OLD_XML, Files.readString(xml));
            assertEquals(List.of("filler", "k.html", "k.json", "k.xml"), names(mnt), "no temporary file is left");

            // report -o on the same full disk: the old page stays, exit 2, one line without a class name
            Outcome rep = main("report", input.toString(), "-o", html.toString());
            assertEquals(2, rep.code(), rep.err() + rep.out());
            assertEquals(List.of("kttcp4j: cannot write -o " + html + ": No space left on device (the file was left"
                    + " as it was)"), rep.err().lines().toList());
            assertEquals("old page", Files.readString(html));
            assertEquals(List.of("filler", "k.html", "k.json", "k.xml"), names(mnt));
        } finally {
            unmount(mnt);
        }
    }

    @Test
    void aReadOnlyFileSystemOrAMissingDirectoryIsRefusedBeforeTheRunWithExitOne(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in.json"), "{}");
        Path missing = dir.resolve("no-such-dir").resolve("r.html");
        Outcome r = main("report", input.toString(), "-o", missing.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals("kttcp4j: cannot write -o " + missing + ": directory " + missing.getParent() + " does not exist"
                + " (give a file in a directory that exists and can be written)\n", r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        Path mnt = Files.createDirectory(dir.resolve("ro"));
        mount(mnt, "size=64k,ro");
        try {
            Path json = mnt.resolve("k.json");
            Outcome o = main("loopback", "--engine", "user", "--bytes", "8m", "--output", json.toString());
            assertEquals(1, o.code(), o.err());
            assertEquals("", o.out(), "nothing ran");
            assertEquals("kttcp4j: cannot write --output " + json + ": Read-only file system (give a file in a"
                    + " directory that exists and can be written)\n", o.err());
            Outcome rep = main("report", input.toString(), "-o", mnt.resolve("r.html").toString());
            assertEquals(1, rep.code(), rep.err());
            assertTrue(rep.err().startsWith("kttcp4j: cannot write -o " + mnt.resolve("r.html")
                    + ": Read-only file system"), rep.err());
        } finally {
            unmount(mnt);
        }
    }

    @Test
    void twoNamesOfOneFileAreRefusedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path json = Files.writeString(dir.resolve("k.json"), OLD_JSON);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), json.getFileName());
        String[][] cases = {
            {"report " + json + " -o " + json,
                "-o " + json + " and RESULT " + json + " name the same file: give -o a file of its own"},
            {"report " + json + " -o " + link,
                "-o " + link + " and RESULT " + json + " name the same file: give -o a file of its own"},
            {"report " + dir.resolve("x.json") + " " + json + " -o " + dir + "/./k.json",
                "-o " + dir + "/./k.json and RESULT " + json + " name the same file: give -o a file of its own"},
            {"loopback --engine user --output " + json + " --junit " + link,
                "--junit " + link + " and --output " + json + " name the same file: give --junit a file of its own"},
            {"loopback --engine user --output " + dir.resolve("new.json") + " --junit " + dir + "/../"
                    + dir.getFileName() + "/new.json",
                "--junit " + dir + "/../" + dir.getFileName() + "/new.json and --output " + dir.resolve("new.json")
                    + " name the same file: give --junit a file of its own"},
        };
        for (String[] c : cases) {
            Outcome o = main(c[0].split(" "));
            assertEquals(1, o.code(), c[0] + ": " + o.err());
            assertEquals("kttcp4j: " + c[1] + "\n", o.err(), c[0]);
            assertEquals("", o.out(), c[0]);
            assertEquals(OLD_JSON, Files.readString(json), c[0]);
        }
        assertEquals(List.of("k.json", "link.json"), names(dir), "nothing was created");
        String written = Files.readString(json, StandardCharsets.UTF_8);
        assertEquals(OLD_JSON, written);
    }
}
