package org.kttcp4j.run;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.kttcp4j.abi.TcpInfo;
import org.kttcp4j.measure.Transfer;
import org.kttcp4j.posix.CpuTime;

/**
 * What a loopback run's child process ({@link ChildEnd}) tells its parent on its standard output, one line each:
 *
 * <pre>
 * kttcp4j-child listening pid=PID host=ADDRESS port=PORT     first, once it listens
 * kttcp4j-child run pid=.. cpu_user=.. cpu_sys=.. wall=.. sides=N s0.role=.. s0.bytes=.. ...   each run's end
 * kttcp4j-child end error=.. stopped=..                      the child's series is over
 * kttcp4j-child error message=..                             the child's run could not start (a busy port)
 * </pre>
 *
 * Values are URL-encoded (no space, no newline), a null is left out. Other lines (a JVM's warnings on stdout)
 * do not start with {@link #PREFIX} and are skipped by the parent.
 */
final class ChildLines {
    static final String PREFIX = "kttcp4j-child ";

    private ChildLines() {}

    /** A child's run as its parent reads it: its PID, its CPU and wall time over the run, its ends. */
    record Report(long pid, CpuTime cpu, long wallNanos, List<SideResult> sides) {}

    static String listening(long pid, InetSocketAddress local) {
        return PREFIX + "listening pid=" + pid + " host=" + enc(local.getAddress().getHostAddress()) + " port="
                + local.getPort();
    }

    static String end(Results r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("error", r.error().orElse(null));
        m.put("stopped", r.stopped().orElse(null));
        return PREFIX + "end" + pairs(m);
    }

    static String error(String message) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("message", message);
        return PREFIX + "error" + pairs(m);
    }

    static String run(long pid, RunResult r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pid", pid);
        m.put("cpu_user", r.cpu().userMicros());
        m.put("cpu_sys", r.cpu().sysMicros());
        m.put("wall", r.wallNanos());
        m.put("sides", r.sides().size());
        for (int i = 0; i < r.sides().size(); i++) {
            side(m, "s" + i + ".", r.sides().get(i));
        }
        return PREFIX + "run" + pairs(m);
    }

    private static void side(Map<String, Object> m, String p, SideResult s) {
        m.put(p + "role", s.role().name());
        m.put(p + "stream", s.stream());
        m.put(p + "engine", s.engine());
        m.put(p + "description", s.engineDescription());
        Transfer t = s.transfer();
        m.put(p + "requested", t.requested());
        m.put(p + "bytes", t.bytes());
        m.put(p + "elapsed", t.elapsedNanos());
        m.put(p + "clock", t.clock().name());
        m.put(p + "cpu_user", t.cpu().userMicros());
        m.put(p + "cpu_sys", t.cpu().sysMicros());
        m.put(p + "calls", t.calls());
        m.put(p + "sndbuf", s.sendBuffer());
        m.put(p + "rcvbuf", s.receiveBuffer());
        if (s.peer() != null) {
            m.put(p + "peer_host", s.peer().getAddress().getHostAddress());
            m.put(p + "peer_port", s.peer().getPort());
        }
        m.put(p + "error", s.error());
        m.put(p + "stopped", s.stopped());
        m.put(p + "congestion", s.congestion());
        m.put(p + "pinned", s.pinnedCpu());
        m.put(p + "ran_on", s.ranOnCpu());
        TcpInfo i = s.tcpInfo();
        if (i != null) {
            m.put(p + "tcp", 1);
            optional(m, p + "tcp_retransmits", i.retransmits());
            optional(m, p + "tcp_rtt", i.rttMicros());
            optional(m, p + "tcp_rttvar", i.rttvarMicros());
            optional(m, p + "tcp_cwnd", i.sndCwndSegments());
            optional(m, p + "tcp_mss", i.sndMss());
            optional(m, p + "tcp_rcv_rtt", i.rcvRttMicros());
            optional(m, p + "tcp_ooo", i.rcvOutOfOrder());
        }
    }

    private static void optional(Map<String, Object> m, String key, OptionalLong v) {
        if (v.isPresent()) {
            m.put(key, v.getAsLong());
        }
    }

    private static String pairs(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> {
            if (v != null) {
                b.append(' ').append(k).append('=').append(enc(v.toString()));
            }
        });
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The kind of a child's line ("listening", "run", "end"), or null for a line that is not the child's. */
    static String kind(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return null;
        }
        String rest = line.substring(PREFIX.length());
        int sp = rest.indexOf(' ');
        return sp < 0 ? rest : rest.substring(0, sp);
    }

    /** The name=value pairs of a child's line, decoded. */
    static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        String[] parts = line.substring(PREFIX.length()).split(" ");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                out.put(parts[i].substring(0, eq), URLDecoder.decode(parts[i].substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The address a "listening" line names. */
    static InetSocketAddress listeningAt(String line) {
        Map<String, String> m = fields(line);
        return new InetSocketAddress(numeric(m.get("host")), Integer.parseInt(m.get("port")));
    }

    /** A "run" line read back; an IllegalArgumentException names what is missing or wrong. */
    static Report parseRun(String line) {
        if (!"run".equals(kind(line))) {
            throw new IllegalArgumentException("not a run line: " + line);
        }
        Map<String, String> m = fields(line);
        try {
            int n = Integer.parseInt(need(m, "sides"));
            List<SideResult> sides = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sides.add(side(m, "s" + i + "."));
            }
            return new Report(Long.parseLong(need(m, "pid")), new CpuTime(Long.parseLong(need(m, "cpu_user")),
                    Long.parseLong(need(m, "cpu_sys"))), Long.parseLong(need(m, "wall")), List.copyOf(sides));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bad number in the child's line: " + e.getMessage(), e);
        }
    }

    private static SideResult side(Map<String, String> m, String p) {
        Transfer t = new Transfer(Long.parseLong(need(m, p + "requested")), Long.parseLong(need(m, p + "bytes")),
                Long.parseLong(need(m, p + "elapsed")), Transfer.Clock.valueOf(need(m, p + "clock")),
                new CpuTime(Long.parseLong(need(m, p + "cpu_user")), Long.parseLong(need(m, p + "cpu_sys"))),
                Long.parseLong(need(m, p + "calls")));
        InetSocketAddress peer = m.containsKey(p + "peer_host")
                ? new InetSocketAddress(numeric(m.get(p + "peer_host")), Integer.parseInt(need(m, p + "peer_port")))
                : null;
        TcpInfo info = m.containsKey(p + "tcp") ? new TcpInfo(opt(m, p + "tcp_retransmits"), opt(m, p + "tcp_rtt"),
                opt(m, p + "tcp_rttvar"), opt(m, p + "tcp_cwnd"), opt(m, p + "tcp_mss"), opt(m, p + "tcp_rcv_rtt"),
                opt(m, p + "tcp_ooo")) : null;
        return new SideResult(Role.valueOf(need(m, p + "role")), Integer.parseInt(need(m, p + "stream")),
                need(m, p + "engine"), need(m, p + "description"), t, Integer.parseInt(need(m, p + "sndbuf")),
                Integer.parseInt(need(m, p + "rcvbuf")), peer, m.get(p + "error"), m.get(p + "stopped"), info,
                m.get(p + "congestion"), integer(m, p + "pinned"), integer(m, p + "ran_on"));
    }

    private static Integer integer(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? null : Integer.valueOf(v);
    }

    private static OptionalLong opt(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    private static String need(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the child's line has no " + key);
        }
        return v;
    }

    /** A numeric address as written by getHostAddress: parsed, never looked up. */
    private static InetAddress numeric(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address: " + host, e);
        }
    }
}
