package org.kttcp4j.cli;

import java.util.EnumMap;
import java.util.Map;
import org.kttcp4j.run.InvalidSettingException;
import org.kttcp4j.run.Setting;

/**
 * The command line's name for each setting of a run: the flag that sets it. A rule's message names settings
 * ({@code parallel must be from 1 to 128}), the run's own messages name them in backquotes ({@code `time`},
 * {@link Setting#ref()}); the CLI prints both with these ({@code --parallel must be ...}, {@code --time}).
 */
final class SettingFlags {
    private static final Map<Setting, String> FLAG = new EnumMap<>(Setting.class);
    /** Where a message gives every spelling of a flag. */
    private static final Map<Setting, String> SPELLED = new EnumMap<>(Setting.class);

    static {
        flag(Setting.HOST, "host");
        flag(Setting.KERNEL, "--kernel");
        flag(Setting.ENGINE, "--engine");
        flag(Setting.RECEIVER_ENGINE, "--receiver-engine");
        flag(Setting.BYTES, "--bytes");
        flag(Setting.UP_TO, "-r");
        flag(Setting.TIME, "--time");
        flag(Setting.SOCKBUFS, "--sockbuf");
        flag(Setting.REPEAT, "--repeat");
        flag(Setting.INTERVAL, "--interval");
        flag(Setting.PARALLEL, "--parallel");
        flag(Setting.REVERSE, "--reverse");
        flag(Setting.BIDIR, "--bidir");
        flag(Setting.BUFFER, "--buffer");
        flag(Setting.WAIT_ALL, "--waitall");
        flag(Setting.POLL, "--poll");
        flag(Setting.RCVLOWAT, "--rcvlowat");
        flag(Setting.SINK, "--sink");
        flag(Setting.SOURCE, "--source");
        flag(Setting.FAMILY, "-4/-6");
        flag(Setting.PORT, "--port");
        flag(Setting.BIND, "--bind");
        flag(Setting.BACKLOG, "backlog");
        flag(Setting.CONNECT_TIMEOUT, "--connect-timeout");
        flag(Setting.IDLE_TIMEOUT, "--idle-timeout");
        flag(Setting.SERVE, "--serve");
        flag(Setting.ALLOW, "--allow");
        flag(Setting.MAX_TIME, "--max-time");
        flag(Setting.MAX_BYTES, "--max-bytes");
        flag(Setting.CONGESTION, "--congestion", "-C/--congestion");
        flag(Setting.NO_DELAY, "--nodelay", "-N/--nodelay");
        flag(Setting.MSS, "--mss", "-M/--mss");
        flag(Setting.OMIT, "--omit", "-O/--omit");
        flag(Setting.AFFINITY, "-A", "-A/--affinity");
        flag(Setting.PROCESSES, "processes"); // no flag: loopback's --one-process asks 1, its default 2
    }

    private SettingFlags() {}

    private static void flag(Setting s, String flag) {
        flag(s, flag, flag);
    }

    private static void flag(Setting s, String flag, String spelled) {
        FLAG.put(s, flag);
        SPELLED.put(s, spelled);
    }

    /** The flag that sets s ("--parallel"). */
    static String of(Setting s) {
        return FLAG.get(s);
    }

    /** A rule's message as the command line says it: its flags for the settings. */
    static String message(IllegalArgumentException e) {
        return e instanceof InvalidSettingException x ? x.message(FLAG::get, SPELLED::get) : named(e.getMessage());
    }

    /** A library message as the command line says it: each setting it names ({@code `engine`}) by its flag. */
    static String named(String message) {
        // processes has no flag of its own: loopback's --one-process is processes 1
        String m = message == null ? null : message.replace(Setting.PROCESSES.ref() + " 1", "--one-process");
        return Setting.named(m, FLAG::get);
    }
}
