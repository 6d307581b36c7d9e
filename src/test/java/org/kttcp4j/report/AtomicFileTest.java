package org.kttcp4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written whole or not at all, in this JVM (OutputFilesCliTest fills a real file system). */
class AtomicFileTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBodyThatFailsHalfWayLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("k.json"), "old");
        AtomicFile.Failed e = assertThrows(AtomicFile.Failed.class, () -> AtomicFile.write(f, w -> {
            w.write("{\"half\": ");
            w.flush();
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + f + ": No space left on device", e.getMessage());
        assertEquals(f, e.file());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("k.json"), names(dir));
    }

    @Test
    void aWriteReplacesTheFileWholeAndAThroughALinkKeepsTheLink(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("k.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), f.getFileName());
        AtomicFile.writeString(link, "new é");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new é", Files.readString(f));
        assertEquals(List.of("k.json", "link.json"), names(dir));
    }

    @Test
    void aTargetThatCannotBeWrittenIsNamedWithItsReasonAndLeftAlone(@TempDir Path dir) throws Exception {
        AtomicFile.Failed notDir = assertThrows(AtomicFile.Failed.class,
                () -> AtomicFile.checkWritable(dir.resolve("no").resolve("k.json")));
        assertEquals("directory " + dir.resolve("no") + " does not exist", notDir.reason());
        AtomicFile.Failed isDir = assertThrows(AtomicFile.Failed.class, () -> AtomicFile.writeString(dir, "x"));
        assertEquals("it is a directory", isDir.reason());
        Path f = Files.writeString(dir.resolve("k.json"), "old");
        AtomicFile.checkWritable(f);
        assertEquals("old", Files.readString(f), "a check leaves the target as it was");
        assertEquals(List.of("k.json"), names(dir));
    }
}
