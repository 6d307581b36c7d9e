package org.kttcp4j.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A report file that grows run by run and is whole after each: a head (rewritten when it changes: JUnit's
 * counts), a body that only grows (each run's part, appended), and a tail that closes the document after the
 * last part (JSON's "]}" and its statistics, JUnit's "&lt;/testsuite&gt;"). Each {@link #commit} writes the new
 * part and tail where the old tail began, in one write, and forces it to the disk; so between commits the file
 * is whole, and what it costs does not grow with the file (nothing of the file is kept in memory, nothing
 * copied). A head whose length changes (a count gains a digit) cannot be rewritten in place: then the whole
 * file is written anew under a temporary name and renamed over it ({@link AtomicFile}); that happens once per
 * digit, so rarely. The first commit, too, is written whole under a temporary name and renamed over the target,
 * so a file of that name from before stays as it was until there is a document to replace it. A write that fails
 * (a full disk) puts the old tail back, which needs no new space, so the file stays as the last commit left it,
 * and the error names the file and the cause in one line ({@link AtomicFile.Failed}).
 */
public final class CheckpointFile implements Closeable {
    private final Path path;
    private final String what;
    private FileChannel ch;
    private byte[] head = new byte[0];
    private long bodyEnd; // where the tail begins
    private byte[] tail = new byte[0];

    /** The file, written at the first commit; what names it in errors ("--output report.json"). */
    public CheckpointFile(Path path, String what) {
        this.path = path;
        this.what = what;
    }

    /** Appends part to the body, then the new tail; the head stays. */
    public synchronized void commit(String part, String newTail) {
        commit(null, part, newTail);
    }

    /** The same with a new head (null: the head stays). */
    public synchronized void commit(String newHead, String part, String newTail) {
        byte[] h = newHead == null ? head : newHead.getBytes(StandardCharsets.UTF_8);
        byte[] add = part.getBytes(StandardCharsets.UTF_8);
        byte[] t = newTail.getBytes(StandardCharsets.UTF_8);
        if (ch == null || h.length != head.length) {
            rewrite(h, add, t);
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.allocate(add.length + t.length).put(add).put(t).flip();
            write(b, bodyEnd);
            ch.truncate(bodyEnd + add.length + t.length);
            if (newHead != null) {
                write(ByteBuffer.wrap(h), 0);
            }
            ch.force(false);
        } catch (IOException e) {
            try { // the old tail where it was: those bytes' blocks are the file's already
                write(ByteBuffer.wrap(tail), bodyEnd);
                ch.truncate(bodyEnd + tail.length);
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw failure(e);
        }
        head = h;
        bodyEnd += add.length;
        tail = t;
    }

    /** The file anew: the new head, the body so far (copied from the file), the part and the tail. */
    private void rewrite(byte[] h, byte[] add, byte[] t) {
        long body = ch == null ? 0 : bodyEnd - head.length;
        long from = head.length;
        try {
            AtomicFile.writeBytes(path, stream -> {
                WritableByteChannel out = Channels.newChannel(stream);
                out.write(ByteBuffer.wrap(h));
                for (long done = 0; done < body;) {
                    done += ch.transferTo(from + done, body - done, out);
                }
                out.write(ByteBuffer.allocate(add.length + t.length).put(add).put(t).flip());
            });
        } catch (AtomicFile.Failed e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        try {
            if (ch != null) {
                ch.close();
            }
            ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw failure(e);
        }
        bodyEnd = h.length + body + add.length;
        head = h;
        tail = t;
    }

    private void write(ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private UncheckedIOException failure(IOException e) {
        AtomicFile.Failed f = new AtomicFile.Failed(path, AtomicFile.reason(path, e), e);
        return new UncheckedIOException("cannot write " + what + ": " + f.reason(), f);
    }

    @Override
    public synchronized void close() throws IOException {
        if (ch != null) {
            ch.close();
        }
    }
}
