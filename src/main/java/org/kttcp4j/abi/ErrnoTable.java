package org.kttcp4j.abi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A kernel's errno numbers with their names and strerror texts. Errors are named from the table of the kernel
 * that raised them, never from the host's strerror: a rump kernel on Linux returns NetBSD numbers, and on Linux
 * 38 is ENOSYS, not ENOTSOCK.
 */
public final class ErrnoTable {
    /**
     * One errno: its number, its name ({@link Errno}; null for a number the table does not know) and the target
     * libc's strerror text.
     */
    public record Entry(int number, Errno code, String text) {
        /** The C name, "ENOTSOCK"; "errno N" for a number the table does not know. */
        public String name() {
            return code != null ? code.name() : "errno " + number;
        }
    }

    private final Map<Integer, Entry> byNumber = new LinkedHashMap<>();
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<Errno, Entry> byCode = new EnumMap<>(Errno.class);

    /** name: an {@link Errno}'s (a name that is not one fails the table's class at once, and its test). */
    ErrnoTable add(String name, int number, String text) {
        Entry e = new Entry(number, Errno.valueOf(name), text);
        byNumber.putIfAbsent(number, e);
        byName.put(name, e);
        byCode.put(e.code(), e);
        return this;
    }

    /** The entry for a number, or one without a name ("errno N") for a number the table does not know. */
    public Entry lookup(int number) {
        Entry e = byNumber.get(number);
        return e != null ? e : new Entry(number, null, "unknown error " + number);
    }

    public OptionalInt number(Errno code) {
        Entry e = byCode.get(code);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.number());
    }

    public OptionalInt number(String name) {
        Entry e = byName.get(name);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.number());
    }

    /** The number of an errno every kernel kttcp4j knows has (EINTR, EPIPE, ...). */
    public int require(Errno code) {
        Entry e = byCode.get(code);
        if (e == null) {
            throw new IllegalStateException(code + " is missing from this errno table");
        }
        return e.number();
    }

    /** The same by name ("EINTR"). */
    public int require(String name) {
        return require(Errno.valueOf(name));
    }

    /** Every name in the order the table was written. */
    public Map<String, Entry> byName() {
        return Collections.unmodifiableMap(byName);
    }
}
