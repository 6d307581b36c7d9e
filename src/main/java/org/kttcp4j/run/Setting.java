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
    /** The host a connecting run connects to ({@link Run#send}). */
    HOST,
    /** The kernel the native engines use ({@link Run.Builder#kernel}). */
    KERNEL,
    /** The engine ({@link Run.Builder#engine(String)}). */
    ENGINE,
    /** Loopback's receiving engine ({@link Run.Builder#receiverEngine(String)}). */
    RECEIVER_ENGINE,
    /** The byte count ({@link Run.Builder#bytes}). */
    BYTES,
    /** A receiver's most bytes ({@link Run.Builder#upTo}). */
    UP_TO,
    /** A timed sender's duration ({@link Run.Builder#time}). */
    TIME,
    /** The socket buffer sizes ({@link Run.Builder#sockbufs}). */
    SOCKBUFS,
    /** The repeat count ({@link Run.Builder#repeat}). */
    REPEAT,
    /** The live intervals' period ({@link Run.Builder#interval}). */
    INTERVAL,
    /** The parallel stream count ({@link Run.Builder#parallel}). */
    PARALLEL,
    /** The reversed direction ({@link Run.Builder#reverse}). */
    REVERSE,
    /** Both directions at once ({@link Run.Builder#bidir}). */
    BIDIR,
    /** The engines' read and write size ({@link Run.Builder#buffer}). */
    BUFFER,
    /** The user engine's MSG_WAITALL ({@link Run.Builder#waitAll}). */
    WAIT_ALL,
    /** The user engine's poll loop ({@link Run.Builder#poll}). */
    POLL,
    /** The receiver's SO_RCVLOWAT ({@link Run.Builder#rcvlowat}). */
    RCVLOWAT,
    /** The splice engine's sink ({@link Run.Builder#sink}). */
    SINK,
    /** The splice engine's source ({@link Run.Builder#source}). */
    SOURCE,
    /** The address family ({@link Run.Builder#family}). */
    FAMILY,
    /** The TCP port ({@link Run.Builder#port}). */
    PORT,
    /** The local address ({@link Run.Builder#bind}). */
    BIND,
    /** The listen backlog ({@link Run.Builder#backlog}). */
    BACKLOG,
    /** The connect timeout ({@link Run.Builder#connectTimeout}). */
    CONNECT_TIMEOUT,
    /** The idle timeout ({@link Run.Builder#idleTimeout}). */
    IDLE_TIMEOUT,
    /** A server's runs one after another ({@link Run.Builder#serve}). */
    SERVE,
    /** A server's allowed peers ({@link Run.Builder#allow}). */
    ALLOW,
    /** A server's cap on one run's time ({@link Run.Builder#maxTime}). */
    MAX_TIME,
    /** A server's cap on one run's bytes ({@link Run.Builder#maxBytes}). */
    MAX_BYTES,
    /** The congestion control ({@link Run.Builder#congestion}). */
    CONGESTION,
    /** TCP_NODELAY ({@link Run.Builder#noDelay}). */
    NO_DELAY,
    /** TCP_MAXSEG ({@link Run.Builder#mss}). */
    MSS,
    /** The warm-up left out of the figures ({@link Run.Builder#omit}). */
    OMIT,
    /** The CPUs the stream ends are pinned to ({@link Run.Builder#affinity}). */
    AFFINITY,
    /** Loopback's process count ({@link Run.Builder#processes}). */
    PROCESSES;

    /**
     * The Builder's method for it: "parallel", "receiverEngine", "connectTimeout".
     * @return the key, in lower camel case
     */
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

    /**
     * How a library message names this setting: its key in backquotes, {@code `idleTimeout`}.
     * @return the backquoted key
     */
    public String ref() {
        return "`" + key() + "`";
    }

    private static final Pattern REF = Pattern.compile("`([a-zA-Z]+)`");

    /**
     * A library message with each setting it names ({@link #ref()}) written by names: the command line's flags.
     * Backquoted words that are no setting's key stay as they are.
     * @param text a library message, or null
     * @param names each setting's name in the caller's words (the command line: its flag)
     * @return the message with its settings renamed (null for null)
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
