package org.kttcp4j.run;

import static org.kttcp4j.run.Setting.AFFINITY;
import static org.kttcp4j.run.Setting.ALLOW;
import static org.kttcp4j.run.Setting.BIDIR;
import static org.kttcp4j.run.Setting.BUFFER;
import static org.kttcp4j.run.Setting.BYTES;
import static org.kttcp4j.run.Setting.CONGESTION;
import static org.kttcp4j.run.Setting.CONNECT_TIMEOUT;
import static org.kttcp4j.run.Setting.ENGINE;
import static org.kttcp4j.run.Setting.HOST;
import static org.kttcp4j.run.Setting.IDLE_TIMEOUT;
import static org.kttcp4j.run.Setting.INTERVAL;
import static org.kttcp4j.run.Setting.MAX_BYTES;
import static org.kttcp4j.run.Setting.MAX_TIME;
import static org.kttcp4j.run.Setting.MSS;
import static org.kttcp4j.run.Setting.OMIT;
import static org.kttcp4j.run.Setting.PARALLEL;
import static org.kttcp4j.run.Setting.POLL;
import static org.kttcp4j.run.Setting.PORT;
import static org.kttcp4j.run.Setting.PROCESSES;
import static org.kttcp4j.run.Setting.RCVLOWAT;
import static org.kttcp4j.run.Setting.RECEIVER_ENGINE;
import static org.kttcp4j.run.Setting.REPEAT;
import static org.kttcp4j.run.Setting.REVERSE;
import static org.kttcp4j.run.Setting.SERVE;
import static org.kttcp4j.run.Setting.SINK;
import static org.kttcp4j.run.Setting.SOCKBUFS;
import static org.kttcp4j.run.Setting.SOURCE;
import static org.kttcp4j.run.Setting.TIME;
import static org.kttcp4j.run.Setting.WAIT_ALL;
import org.kttcp4j.posix.Kernels;

import java.util.List;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.engine.EngineKind;
import org.kttcp4j.engine.Sink;
import org.kttcp4j.net.TcpOptions;
import org.kttcp4j.run.InvalidSettingException.Spelled;

/**
 * The rules a {@link RunSpec} must keep, each naming the setting it checks (and the value it got) and what to
 * change: {@link #check} throws the first that fails as an {@link InvalidSettingException}. The command line
 * prints the same message with its flags for the settings' names.
 */
final class RunSpecRules {
    /** The most streams one run opens (with bidir: the most per direction is half of it). */
    static final int MAX_PARALLEL = 128;
    static final int MAX_REPEAT = 10_000;
    /** Linux's TCP_MIN_MSS (include/net/tcp.h) to the largest IP payload. */
    static final int MIN_MSS = 88;
    static final int MAX_MSS = 65535;
    static final int MAX_PORT = 65535;

    private RunSpecRules() {}

    /** An engine's name as a setting: the engine, or the rule that lists the choices. */
    static EngineKind engine(Setting setting, String name) {
        if (name == null) {
            return null;
        }
        try {
            return EngineKind.of(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, name, e.getMessage());
        }
    }

    /** Every rule, in the order a user is best told them. */
    static void check(RunSpec s) {
        streams(s);
        size(s);
        timeouts(s);
        port(s);
        roles(s);
        omit(s);
        tcp(s);
        affinity(s);
        engineOptions(s);
    }

    static void streams(RunSpec s) {
        rule(s.parallel() >= 1 && s.parallel() <= MAX_PARALLEL, PARALLEL, s.parallel(),
                PARALLEL, " must be from 1 to " + MAX_PARALLEL + ", got ", s.parallel());
        rule(!s.bidir() || !s.reverse(), BIDIR, true, BIDIR, " sends both ways already: drop ", REVERSE);
        rule(!s.bidir() || s.parallel() <= MAX_PARALLEL / 2, PARALLEL, s.parallel(), BIDIR,
                " opens two connections per ", PARALLEL, " stream: ", PARALLEL, " must be from 1 to "
                + MAX_PARALLEL / 2 + " with it, got ", s.parallel());
        rule(s.repeat() >= 1 && s.repeat() <= MAX_REPEAT, REPEAT, s.repeat(),
                REPEAT, " must be from 1 to " + MAX_REPEAT + ", got ", s.repeat());
        rule(s.processes() == 1 || s.processes() == 2, PROCESSES, s.processes(),
                PROCESSES, " must be 1 or 2, got ", s.processes());
    }

    static void size(RunSpec s) {
        rule(s.time() == null || s.bytes() == null, TIME, s.time(), TIME, " and ", BYTES, " are exclusive: give one");
        rule(s.bytes() == null || s.bytes() > 0, BYTES, s.bytes(), BYTES, " must be more than 0");
        rule(s.time() == null || s.time().toMillis() >= 1, TIME, s.time(), TIME, " must be at least 1 ms, got ",
                s.time());
        rule(s.interval() == null || s.interval().toMillis() >= 10, INTERVAL, s.interval(),
                INTERVAL, " must be at least 10 ms (the timer's resolution), got ", s.interval());
        rule(s.sockbufs() != null && !s.sockbufs().isEmpty(), SOCKBUFS, s.sockbufs(), SOCKBUFS,
                " needs at least one size");
        rule(s.sockbufs().stream().allMatch(b -> b != null && b >= 0), SOCKBUFS, s.sockbufs(), SOCKBUFS,
                " sizes must not be negative (0: the kernel's autotuning), got ", s.sockbufs());
        rule(s.buffer() > 0, BUFFER, s.buffer(), BUFFER, " must be more than 0");
        rule(s.rcvlowat() == null || s.rcvlowat() >= 0, RCVLOWAT, s.rcvlowat(), RCVLOWAT, " must not be negative");
    }

    static void timeouts(RunSpec s) {
        rule(s.connectTimeout() != null && s.connectTimeout().toMillis() >= 1, CONNECT_TIMEOUT, s.connectTimeout(),
                CONNECT_TIMEOUT, " must be at least 1 ms");
        rule(s.idleTimeout() != null && !s.idleTimeout().isNegative(), IDLE_TIMEOUT, s.idleTimeout(),
                IDLE_TIMEOUT, " must not be negative");
    }

    /**
     * The one port rule: a listener (loopback, recv) takes 0 to 65535, 0 meaning any free port; send needs the
     * receiver's, 1 to 65535.
     */
    static void port(RunSpec s) {
        Integer p = s.port();
        if (p == null) {
            return;
        }
        if (s.mode() == Mode.CONNECT) {
            rule(p != 0, PORT, p, "send needs the receiver's port: ", PORT, " 0 means any port, and only a listener"
                    + " can take any");
            rule(p >= 1 && p <= MAX_PORT, PORT, p, PORT, " must be from 1 to " + MAX_PORT + ", got ", p);
        } else {
            rule(p >= 0 && p <= MAX_PORT, PORT, p, PORT, " must be from 0 (any free port) to " + MAX_PORT + ", got ",
                    p);
        }
    }

    /** The settings that belong to one kind of run. */
    static void roles(RunSpec s) {
        rule(s.mode() == Mode.CONNECT || s.host() == null, HOST, s.host(), "only send takes a ", HOST);
        rule(s.mode() != Mode.CONNECT || (s.host() != null && !s.host().isEmpty()), HOST, s.host(),
                "send needs a ", HOST, " to connect to");
        rule(s.mode() == Mode.LOOPBACK || s.receiverEngine() == null, RECEIVER_ENGINE, s.receiverEngine(),
                RECEIVER_ENGINE, " is loopback's: the other end of send/recv chooses its own engine");
        rule(s.mode() == Mode.ACCEPT || !s.serve(), SERVE, true, SERVE, " is recv's");
        rule(s.mode() == Mode.LOOPBACK || s.processes() == 1, PROCESSES, s.processes(),
                PROCESSES, "(2) is loopback's: send and recv are one end each, in their own process");
        Setting server = !s.allow().isEmpty() ? ALLOW : s.maxTime() != null ? MAX_TIME : MAX_BYTES;
        rule(s.mode() == Mode.ACCEPT || (s.allow().isEmpty() && s.maxTime() == null && s.maxBytes() == null),
                server, server == ALLOW ? s.allow() : server == MAX_TIME ? s.maxTime() : s.maxBytes(),
                ALLOW, ", ", MAX_TIME, " and ", MAX_BYTES, " are recv's");
    }

    static void omit(RunSpec s) {
        rule(s.omit() == null || !s.omit().isNegative(), OMIT, s.omit(), OMIT, " must not be negative");
        boolean sends = s.mode().roles(s.reverse()).contains(Role.SENDER);
        rule(s.omit() == null || s.omit().isZero() || !sends || s.time() != null, OMIT, s.omit(),
                OMIT, " leaves out the first part of a timed run: add ", TIME, " (the sender runs ", OMIT,
                " on top of it)");
    }

    static void tcp(RunSpec s) {
        rule(s.mss() == null || (s.mss() >= MIN_MSS && s.mss() <= MAX_MSS), MSS, s.mss(),
                MSS, " must be from " + MIN_MSS + " to " + MAX_MSS + " bytes (Linux's TCP_MIN_MSS to the largest IP"
                + " payload), got ", s.mss());
        String cc = s.congestion();
        if (cc != null) {
            rule(!cc.isEmpty() && cc.length() < TcpOptions.CA_NAME_MAX && cc.chars().allMatch(ch -> ch > ' ' && ch < 127),
                    CONGESTION, cc, CONGESTION, " takes an algorithm's name (reno, cubic, bbr), got '", cc, "'");
            Abi abi = s.kernel() != null ? Kernels.abi(s.kernel()) : hostAbi();
            rule(abi == null || abi != Abi.netbsd(), CONGESTION, cc, TcpOptions.NETBSD_CONGESTION);
            if (abi == Abi.linux() && s.kernel() == null) {
                List<String> offered = TcpOptions.linuxAvailable();
                rule(offered.isEmpty() || offered.contains(cc), CONGESTION, cc,
                        TcpOptions.unknownCongestion(cc, offered));
            }
        }
        if (cc != null || s.mss() != null) {
            boolean nio = s.engineOrDefault() == EngineKind.NIO
                    || (s.mode() == Mode.LOOPBACK && s.receiverEngineOrDefault() == EngineKind.NIO);
            Setting which = cc != null ? CONGESTION : MSS;
            rule(!nio, which, cc != null ? cc : s.mss(), new Spelled(which), " needs "
                    + (cc != null ? "TCP_CONGESTION" : "TCP_MAXSEG") + ", which the JDK's channels (the nio engine)"
                    + " cannot set: use ", ENGINE, " user or splice");
        }
    }

    static void affinity(RunSpec s) {
        if (s.affinity() != null) {
            InvalidSettingException wrong = Pinning.check(s.affinity());
            if (wrong != null) {
                throw wrong;
            }
        }
    }

    /** The options of one engine's end: given where this process plays that end with that engine. */
    static void engineOptions(RunSpec s) {
        List<EngineKind> receiving = s.receivingEngines();
        List<EngineKind> sending = s.sendingEngines();
        boolean loopback = s.mode() == Mode.LOOPBACK;
        if (s.waitAll()) {
            rule(!receiving.isEmpty(), WAIT_ALL, true, WAIT_ALL, " applies to the receiving end, and this one sends:"
                    + " give ", WAIT_ALL, " to the receiver, or add ", REVERSE);
            rule(receiving.contains(EngineKind.USER), WAIT_ALL, true, WAIT_ALL, " is the user engine's (recv with"
                    + " MSG_WAITALL), and the receiving engine here is ", receiving.get(0), ": add ", ENGINE, " user",
                    loopback ? " (loopback: " : "", loopback ? RECEIVER_ENGINE : "", loopback ? " user)" : "");
        }
        if (s.poll()) {
            rule(!s.waitAll(), POLL, true, POLL, " and ", WAIT_ALL, " are two ways for the user engine's receiver to"
                    + " wait (poll(2) when the socket has nothing, or one call for the whole buffer):"
                    + " give one of them");
            rule(receiving.contains(EngineKind.USER) || sending.contains(EngineKind.USER), POLL, true, POLL,
                    " is the user engine's (non-blocking calls and poll(2)), and the engine here is ",
                    sending.isEmpty() ? receiving.get(0) : sending.get(0), ": add ", ENGINE, " user");
        }
        if (s.sink() != Sink.DISCARD) {
            rule(receiving.contains(EngineKind.SPLICE), SINK, s.sink(), SINK, " is the splice engine's receiver's,"
                    + " and the receiving engine here is ", receiving.isEmpty() ? "none (this end sends)"
                    : receiving.get(0), ": add ", ENGINE, " splice", loopback ? " (loopback: " : "",
                    loopback ? RECEIVER_ENGINE : "", loopback ? " splice)" : "");
        }
        if (s.source() != null) {
            rule(sending.contains(EngineKind.SPLICE), SOURCE, s.source(), SOURCE, " is the splice engine's sender's,"
                    + " and the sending engine here is ", sending.isEmpty() ? "none (this end receives)"
                    : sending.get(0), ": add ", ENGINE, " splice");
        }
        if (s.rcvlowat() != null && s.rcvlowat() > 0) {
            rule(!receiving.isEmpty(), RCVLOWAT, s.rcvlowat(), RCVLOWAT, " applies to the receiving end, and this"
                    + " one sends: give ", RCVLOWAT, " to the receiver, or add ", REVERSE);
            rule(!receiving.contains(EngineKind.NIO), RCVLOWAT, s.rcvlowat(), RCVLOWAT, " needs SO_RCVLOWAT, which"
                    + " the JDK's channels (the nio engine) lack: receive with ", ENGINE, " user or splice");
        }
    }

    private static Abi hostAbi() {
        try {
            return Abi.host();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** Throws the rule's message when ok is false: setting and value are what it checked. */
    private static void rule(boolean ok, Setting setting, Object value, Object... message) {
        if (!ok) {
            throw new InvalidSettingException(setting, value, message);
        }
    }
}
