package org.kttcp4j.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.kttcp4j.PublicApi;
import org.kttcp4j.net.Durations;

/**
 * A run's settings break a rule ({@link Run.Builder#build()}): the setting the rule checks, and a message that
 * names settings, not flags ({@code parallel must be from 1 to 128, got 500}). {@link #message(Function)} writes
 * it with other names for the settings: the command line's flags ({@code --parallel must be ...}).
 */
@PublicApi
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A setting named with every spelling the caller has for it ("-C/--congestion"), in a message's parts. */
    record Spelled(Setting setting) {}

    /** The setting whose rule failed, as {@link #setting()}. */
    private final Setting setting;
    private final transient Object value;
    private final transient List<Object> parts;

    /** parts: strings and values as they are, a {@link Setting} (or {@link Spelled}) by its name. */
    InvalidSettingException(Setting setting, Object value, Object... parts) {
        super(render(List.of(parts), Setting::key, Setting::key));
        this.setting = setting;
        this.value = value;
        this.parts = List.of(parts);
    }

    /**
     * The setting whose rule failed (of a rule over several, the one to change).
     * @return the setting
     */
    public Setting setting() {
        return setting;
    }

    /**
     * The value the rule refused (null where the rule is about a combination or a missing value).
     * @return the value, or null
     */
    public Object value() {
        return value;
    }

    /**
     * The message with each setting named by names (the command line: its flag).
     * @param names each setting's name in the caller's words
     * @return the message
     */
    public String message(Function<Setting, String> names) {
        return message(names, names);
    }

    /**
     * The same, with spelled naming a setting where the message gives all its spellings ("-C/--congestion").
     * @param names each setting's name in the caller's words
     * @param spelled each setting's every spelling, for messages that list them
     * @return the message
     */
    public String message(Function<Setting, String> names, Function<Setting, String> spelled) {
        return parts == null ? getMessage() : render(parts, names, spelled);
    }

    private static String render(List<Object> parts, Function<Setting, String> names,
            Function<Setting, String> spelled) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(p instanceof Setting s ? names.apply(s) : p instanceof Spelled s ? spelled.apply(s.setting())
                    : p instanceof Duration d ? Durations.text(d) : String.valueOf(p));
        }
        return b.toString();
    }

    /** The settings a message names, in order (for a caller's table of names). */
    List<Setting> named() {
        List<Setting> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Setting s) {
                out.add(s);
            } else if (p instanceof Spelled s) {
                out.add(s.setting());
            }
        }
        return out;
    }
}
