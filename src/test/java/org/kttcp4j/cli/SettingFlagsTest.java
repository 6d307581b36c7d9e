package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kttcp4j.run.InvalidSettingException;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's names for the settings are flags its commands have, and a rule is printed with them. */
class SettingFlagsTest {
    /** Settings the commands set without a flag of that name (a positional host, loopback's --one-process, -4/-6). */
    private static final Set<Setting> NO_FLAG = Set.of(Setting.HOST, Setting.UP_TO, Setting.FAMILY, Setting.BACKLOG,
            Setting.PROCESSES);

    @Test
    void everySettingsFlagIsAnOptionOfARunCommand() {
        Set<String> names = new HashSet<>();
        CommandLine main = Main.commandLine();
        for (String command : List.of("loopback", "send", "recv")) {
            for (OptionSpec o : main.getSubcommands().get(command).getCommandSpec().options()) {
                names.addAll(List.of(o.names()));
            }
        }
        for (Setting s : Setting.values()) {
            String flag = SettingFlags.of(s);
            assertNotNull(flag, s + " has a name on the command line");
            if (!NO_FLAG.contains(s)) {
                assertTrue(names.contains(flag), s + "'s flag " + flag + " is an option of loopback, send or recv");
            }
        }
    }

    @Test
    void aRuleIsPrintedWithTheFlagsOfTheSettingsItNames() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Run.loopback().parallel(500).build());
        assertEquals("parallel must be from 1 to 128, got 500", e.getMessage(), "the library's words");
        assertEquals("--parallel must be from 1 to 128, got 500", SettingFlags.message(e), "the command line's");
        InvalidSettingException cc = assertThrows(InvalidSettingException.class,
                () -> Run.loopback().engine("nio").congestion("reno").build());
        assertEquals("-C/--congestion needs TCP_CONGESTION, which the JDK's channels (the nio engine) cannot set: use"
                + " --engine user or splice", SettingFlags.message(cc));
        assertEquals("-4 and -6 are exclusive", SettingFlags.message(new IllegalArgumentException(
                "-4 and -6 are exclusive")), "any other message as it is");
    }

    @Test
    void theCommandLinePrintsTheFlags() {
        FailurePathsCliTest.Outcome o = FailurePathsCliTest.main("loopback", "--parallel", "500");
        assertEquals(1, o.code());
        assertEquals("kttcp4j: --parallel must be from 1 to 128, got 500 (see: kttcp4j loopback --help)\n", o.err());
    }
}
