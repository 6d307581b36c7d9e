package org.kttcp4j.run;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kttcp4j.PublicApi;

/**
 * The settings of a run, one per {@link Run.Builder} method and {@link RunSpec} component: what a failing rule
 * names ({@link InvalidSettingException#setting()}). The library calls each by its {@link #key()} (the
 * Builder's method, "parallel", "connectTimeout"); the command line maps each to its flag when it prints.
 *
 * <p>The library's messages (a stream's error, a run's failure, an engine that cannot run here) name a setting
 * by its {@link #ref()}, the key in backquotes ({@code `parallel`}, {@code `engine` user}); {@link #named} writes
 * such a text with other names for them, the command line's flags ({@code --parallel}, {@code --engine user}).
 * The packages below run/ (engine, net, device, posix) write the same backquoted keys.
 */
@PublicApi
public enum Setting {
    HOST, KERNEL, ENGINE, RECEIVER_ENGINE, BYTES, UP_TO, TIME, SOCKBUFS, REPEAT, INTERVAL, PARALLEL, REVERSE, BIDIR,
    BUFFER, WAIT_ALL, RCVLOWAT, SINK, SOURCE, FAMILY, PORT, BIND, BACKLOG, CONNECT_TIMEOUT, IDLE_TIMEOUT, SERVE,
    ALLOW, MAX_TIME, MAX_BYTES, CONGESTION, NO_DELAY, MSS, OMIT, AFFINITY, PROCESSES;

    /** The Builder's method for it: "parallel", "receiverEngine", "connectTimeout". */
    public String key() {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** How a library message names this setting: its key in backquotes, {@code `idleTimeout`}. */
    public String ref() {
        return "`" + key() + "`";
    }

    private static final Pattern REF = Pattern.compile("`([a-zA-Z]+)`");

    /**
     * A library message with each setting it names ({@link #ref()}) written by names: the command line's flags.
     * Backquoted words that are no setting's key stay as they are.
     */
    public static String named(String text, Function<Setting, String> names) {
        if (text == null || text.indexOf('`') < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Setting s = byKey(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(s == null ? m.group() : names.apply(s)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return key();
    }
}
