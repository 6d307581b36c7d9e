package org.kttcp4j.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user meets it (README, "Install"): unpacked in a temporary folder, far from the
 * sources, with a PATH that has no Maven (only the few tools bin/kttcp4j uses) and JAVA_HOME naming this JDK,
 * bin/kttcp4j runs a loopback, also through a symbolic link. Failsafe runs it after `package` made the archive
 * (modules/cli/pom.xml names it in kttcp4j.archive).
 */
@EnabledOnOs({OS.LINUX, OS.OTHER})
class ReleaseArchiveIT {
    static final Path ARCHIVE = Path.of(System.getProperty("kttcp4j.archive", "target/kttcp4j-0.1.0-dist.tar.gz"));

    @Test
    @Timeout(180)
    void unpackedAnywhereItRunsALoopbackWithoutMavenOrTheSources(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), ARCHIVE + " is missing: `mvn package` makes it");
        assertEquals(0, run(dir, List.of("tar", "xzf", ARCHIVE.toAbsolutePath().toString()), null).exit);
        Path top;
        try (Stream<Path> s = Files.list(dir)) {
            top = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(top.getFileName().toString().matches("kttcp4j-[0-9][0-9.]*"), top.toString());
        for (String f : List.of("bin/kttcp4j", "lib/kttcp4j.jar", "man/man1/kttcp4j.1", "man/man1/kttcp4j-loopback.1",
                "completion/kttcp4j", "LICENSE", "NOTICE", "README.md",
                "licenses/jna-5.13.0-jar/META-INF/LICENSE", "licenses/commons-statistics-descriptive-1.2-jar/META-INF/NOTICE",
                "licenses/chart.js-4.5.1-jar/META-INF/resources/webjars/chart.js/4.5.1/LICENSE.md")) {
            assertTrue(Files.isRegularFile(top.resolve(f)), f + " is in the archive");
        }
        try (Stream<Path> s = Files.list(top.resolve("lib"))) {
            assertEquals(List.of("kttcp4j-core-", "kttcp4j-junit-", "kttcp4j.jar"),
                    s.map(p -> p.getFileName().toString().replaceAll("[0-9][0-9.]*\\.jar$", "")).sorted().toList());
        }
        assertTrue(Files.isExecutable(top.resolve("bin/kttcp4j")));
        assertTrue(Files.readString(top.resolve("LICENSE")).startsWith("BSD 2-Clause License"));
        assertTrue(Files.readString(top.resolve("completion/kttcp4j")).contains("complete -F"), "a bash completion");
        assertTrue(Files.readString(top.resolve("licenses/commons-statistics-descriptive-1.2-jar/META-INF/LICENSE"))
                .contains("Apache License\n                           Version 2.0, January 2004"), "Apache-2.0's text");
        try (Stream<Path> s = Files.walk(top)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("pom.xml")
                    || p.toString().endsWith(".java")), "no sources, nothing to build");
        }

        // a PATH with the tools bin/kttcp4j and a loopback use, and no mvn; a link to the script from elsewhere
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String t : List.of("sh", "dirname", "readlink", "uname")) {
            Path where = Stream.of("/bin", "/usr/bin").map(d -> Path.of(d, t)).filter(Files::isExecutable).findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(tools.resolve(t), where);
        }
        Path link = Files.createSymbolicLink(tools.resolve("kttcp4j"), top.resolve("bin/kttcp4j"));

        Result version = run(dir, List.of(link.toString(), "--version"), tools);
        assertEquals(0, version.exit, version.output);
        assertTrue(version.output.contains(top.getFileName().toString().substring("kttcp4j-".length())), version.output);

        Result loop = run(dir, List.of(link.toString(), "loopback", "-e", "nio", "--bytes", "16m"), tools);
        assertEquals(0, loop.exit, loop.output);
        assertTrue(loop.output.contains("receiver  16777216 bytes in"), loop.output);

        Result mvn = run(dir, List.of("sh", "-c", "command -v mvn || echo none"), tools);
        assertEquals("none", mvn.output.strip(), "no Maven on this PATH");
    }

    record Result(int exit, String output) {}

    /** Runs a command in dir (PATH only the given folder and JAVA_HOME this JDK when tools is given), 120 s at most. */
    static Result run(Path dir, List<String> cmd, Path tools) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true);
        File out = dir.resolve("out-" + System.nanoTime() + ".txt").toFile();
        pb.redirectOutput(out);
        if (tools != null) {
            pb.environment().put("PATH", tools.toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(cmd + " did not end within 120 s: " + Files.readString(out.toPath()));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath()));
        } finally {
            p.destroyForcibly();
        }
    }
}
