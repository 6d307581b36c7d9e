package org.kttcp4j.run;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kttcp4j.net.Cidr;

/**
 * What a loopback run in two processes tells its child ({@link ChildEnd}): the child's whole {@link Run.Builder},
 * every field of it, on one line. The fields are found by reflection, so a field added to the Builder is carried
 * without a change here; a field of a type this codec does not know fails every encode (and its unit test) with a
 * message naming it, instead of being left out silently.
 *
 * <p>The child's builder is the loopback's with the accepting end's settings ({@link #receiverOf}): exactly the
 * {@code recv} run a user would start by hand with the same options, bound to the loopback address.
 */
final class ChildSettings {
    /** Fixed by the kind of run (Run.receive()), not carried. */
    private static final List<String> NOT_CARRIED = List.of("mode", "host");

    private ChildSettings() {}

    /**
     * The accepting end of a loopback run as a recv run: the engine of the role it plays (the receiver's, or with
     * --reverse the sender's), the bytes only when it sends (a receiver takes what comes until EOF, as loopback's
     * receiver in one process does), bound to the loopback address (or --bind) on --port (0: any), no intervals
     * (the connecting process meters), and the options of the other role left to the connecting process.
     */
    static Run.Builder receiverOf(Run loopback) {
        Run.Builder from = loopback.builder();
        Run.Builder to = Run.receive();
        copy(from, to);
        // the accepting end sends with --reverse, and on --bidir's reverse streams; it receives unless --reverse
        boolean childSends = loopback.reverse() || loopback.bidir();
        boolean childReceives = !loopback.reverse();
        set(to, "engine", loopback.reverse() ? loopback.engine() : loopback.receiverEngine());
        if (!loopback.affinity().isEmpty()) { // -A: the CPUs the accepting ends take in the loopback's order
            set(to, "affinity", Pinning.acceptingEnds(loopback));
        }
        set(to, "receiverEngine", null);
        set(to, "processes", 1);
        set(to, "interval", null);
        set(to, "port", loopback.port());
        set(to, "bind", bindOf(loopback));
        set(to, "backlog", loopback.backlog());
        if (!childReceives) { // the receiving options are the connecting process's
            set(to, "waitAll", false);
            set(to, "rcvlowat", null);
            set(to, "sink", org.kttcp4j.engine.Sink.DISCARD);
        }
        if (!childSends) {
            set(to, "bytes", null);
            set(to, "upTo", false);
            set(to, "source", null);
        }
        return to;
    }

    /** The loopback address (or --bind) the child listens on. */
    static String bindOf(Run loopback) {
        try {
            return loopback.bind() != null ? loopback.bind()
                    : loopback.family().loopback(0).getAddress().getHostAddress();
        } catch (java.net.UnknownHostException e) { // a numeric literal: never looked up
            throw new IllegalStateException(e);
        }
    }

    /** Every field of the builder on one line: name=value pairs, space-separated, values URL-encoded. */
    static String encode(Run.Builder b) {
        StringBuilder out = new StringBuilder();
        for (Field f : fields()) {
            Object v = get(b, f);
            if (v == null) {
                continue;
            }
            out.append(out.length() == 0 ? "" : " ").append(f.getName()).append('=')
                    .append(URLEncoder.encode(text(f, v), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** A receiving run's builder from {@link #encode}'s line; an unknown name or a bad value is an error. */
    static Run.Builder decode(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.trim().split(" ")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not name=value: " + pair);
            }
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Run.Builder b = Run.receive();
        for (Field f : fields()) {
            String v = values.remove(f.getName());
            put(b, f, v == null ? null : value(f, v));
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + values.keySet()
                    + ": the child runs another kttcp4j build than its parent");
        }
        return b;
    }

    private static void copy(Run.Builder from, Run.Builder to) {
        for (Field f : fields()) {
            put(to, f, get(from, f));
        }
    }

    static List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (Field f : Run.Builder.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || NOT_CARRIED.contains(f.getName())) {
                continue;
            }
            f.setAccessible(true);
            out.add(f);
        }
        return out;
    }

    private static void set(Run.Builder b, String name, Object v) {
        try {
            Field f = Run.Builder.class.getDeclaredField(name);
            f.setAccessible(true);
            put(b, f, v);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Run.Builder has no field " + name, e);
        }
    }

    private static Object get(Run.Builder b, Field f) {
        try {
            return f.get(b);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Run.Builder b, Field f, Object v) {
        try {
            if (v == null && f.getType().isPrimitive()) {
                return; // absent: the builder's default
            }
            f.set(b, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Field f, Object v) {
        Class<?> t = f.getType();
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Duration d) {
            return Long.toString(d.toNanos());
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof List<?> list && (element(f) == Integer.class || element(f) == Cidr.class)) {
            List<String> parts = new ArrayList<>();
            list.forEach(x -> parts.add(x.toString()));
            return String.join(",", parts);
        }
        throw new IllegalStateException("ChildSettings cannot carry Run.Builder." + f.getName() + " (" + t.getName()
                + ") to a loopback run's child process: add its type to ChildSettings");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Field f, String v) {
        Class<?> t = f.getType();
        if (t == String.class) {
            return v;
        }
        if (t == int.class || t == Integer.class) {
            return Integer.valueOf(v);
        }
        if (t == long.class || t == Long.class) {
            return Long.valueOf(v);
        }
        if (t == boolean.class || t == Boolean.class) {
            return Boolean.valueOf(v);
        }
        if (t == Duration.class) {
            return Duration.ofNanos(Long.parseLong(v));
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class) t, v);
        }
        if (t == List.class) {
            List<Object> out = new ArrayList<>();
            for (String part : v.isEmpty() ? new String[0] : v.split(",")) {
                out.add(element(f) == Integer.class ? Integer.valueOf(part) : Cidr.parse(part));
            }
            return List.copyOf(out);
        }
        throw new IllegalStateException("ChildSettings cannot read Run.Builder." + f.getName() + " (" + t.getName() + ")");
    }

    private static Class<?> element(Field f) {
        if (f.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
