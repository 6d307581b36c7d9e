package org.kttcp4j.abi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A kernel's errno numbers with their names and strerror texts. Errors are named from the table of the kernel
 * that raised them, never from the host's strerror: a rump kernel on Linux returns NetBSD numbers, and on Linux
 * 38 is ENOSYS, not ENOTSOCK.
 */
public final class ErrnoTable {
    /** One errno: its number, C name and the target libc's strerror text. */
    public record Entry(int number, String name, String text) {}

    private final Map<Integer, Entry> byNumber = new LinkedHashMap<>();
    private final Map<String, Entry> byName = new LinkedHashMap<>();

    ErrnoTable add(String name, int number, String text) {
        Entry e = new Entry(number, name, text);
        byNumber.putIfAbsent(number, e);
        byName.put(name, e);
        return this;
    }

    /** The entry for a number, or a synthetic "E?" entry for one the table does not know. */
    public Entry lookup(int number) {
        Entry e = byNumber.get(number);
        return e != null ? e : new Entry(number, "errno " + number, "unknown error " + number);
    }

    public OptionalInt number(String name) {
        Entry e = byName.get(name);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.number());
    }

    /** The number of an errno every kernel kttcp4j knows has (EINTR, EPIPE, ...). */
    public int require(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalStateException(name + " is missing from this errno table");
        }
        return e.number();
    }

    /** Every name in the order the table was written. */
    public Map<String, Entry> byName() {
        return Collections.unmodifiableMap(byName);
    }
}
