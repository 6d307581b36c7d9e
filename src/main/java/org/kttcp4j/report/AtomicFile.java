package org.kttcp4j.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written whole or not at all: the body goes to a temporary name in the target's directory, is forced to
 * the disk, and is renamed over the target (rename(2) is atomic within one file system). A body or a disk that
 * fails (ENOSPC, EIO) leaves the old file as it was and no temporary behind, and the error names the file and the
 * cause in one line: {@code cannot write k.json: No space left on device}.
 */
public final class AtomicFile {
    /** What goes into the file, written to a UTF-8 writer; the writer is flushed and closed by {@link #write}. */
    @FunctionalInterface
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /** What goes into the file, written as bytes; the stream is flushed and closed by {@link #writeBytes}. */
    @FunctionalInterface
    public interface BytesBody {
        void write(OutputStream out) throws IOException;
    }

    /** A file that could not be written: {@link #getMessage()} is "cannot write FILE: REASON", one line. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final String reason;

        Failed(Path file, String reason, Throwable cause) {
            super("cannot write " + file + ": " + reason, cause);
            this.file = file;
            this.reason = reason;
        }

        /** The file as the caller named it. */
        public Path file() {
            return file;
        }

        /** Why, in words and without a class name: "No space left on device", "directory /x does not exist". */
        public String reason() {
            return reason;
        }
    }

    private static final int TRIES = 16;

    private AtomicFile() {}

    /** Writes text (UTF-8) to {@code target} whole, or leaves it as it was and throws {@link Failed}. */
    public static void write(Path target, Body body) throws Failed {
        writeBytes(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.write(w);
            w.flush();
        });
    }

    /** Writes {@code text} (UTF-8) to {@code target} whole, or leaves it as it was and throws {@link Failed}. */
    public static void writeString(Path target, String text) throws Failed {
        write(target, w -> w.write(text));
    }

    /** Writes bytes to {@code target} whole, or leaves it as it was and throws {@link Failed}. */
    public static void writeBytes(Path target, BytesBody body) throws Failed {
        Path real = resolve(target);
        Path tmp = create(target, real);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.write(out);
                out.flush();
                ch.force(true); // ENOSPC and EIO of a delayed write surface here, not after the rename
            }
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the first error is the one to report; a temporary that will not go is left to the user's eyes
            }
            throw e instanceof Failed f ? f : new Failed(target, reason(target, e), e);
        }
    }

    /**
     * Refuses, before anything is measured, a target that {@link #write} could not write: a directory that does
     * not exist or cannot be written, a target that is a directory. It creates and deletes a temporary file in
     * the directory and leaves the target itself untouched.
     */
    public static void checkWritable(Path target) throws Failed {
        Path real = resolve(target);
        Path tmp = create(target, real);
        try {
            Files.delete(tmp);
        } catch (IOException e) {
            throw new Failed(target, reason(target, e), e);
        }
    }

    /** The file a write lands in: a symbolic link's target (the link stays a link), else the path itself. */
    private static Path resolve(Path target) throws Failed {
        if (Files.isDirectory(target)) {
            throw new Failed(target, "it is a directory", null);
        }
        Path p = target.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            try {
                Path to = Files.readSymbolicLink(p);
                p = p.resolveSibling(to).normalize();
            } catch (IOException e) {
                throw new Failed(target, reason(target, e), e);
            }
        }
        return p;
    }

    /** A new, empty file beside {@code real} under a name no one else uses: .NAME.RANDOM.tmp. */
    private static Path create(Path target, Path real) throws Failed {
        Path dir = real.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Failed(target, "directory " + dir + " does not exist", null);
        }
        IOException last = null;
        for (int i = 0; i < TRIES; i++) {
            Path tmp = dir.resolve("." + real.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                // default permissions (0666 less the umask), as a plain create of the target would have
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                last = e;
            } catch (IOException e) {
                throw new Failed(target, reason(target, e), e);
            }
        }
        throw new Failed(target, "no free temporary name in " + dir, last);
    }

    /** The cause in words: the JDK's FileSystemException says the errno's text, other exceptions their message. */
    static String reason(Path target, Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (give a file in a directory that can be written)";
        }
        if (e instanceof NoSuchFileException) {
            Path dir = target.toAbsolutePath().getParent();
            return dir != null && Files.isDirectory(dir) ? "no file can be created in " + dir
                    : "directory " + dir + " does not exist";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "an I/O error" : t.getMessage().replace('\n', ' ');
    }
}
