package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * kttcp4j(1) and the bash/zsh completion script are generated from the commands: each lists every command and
 * every option, so neither can fall behind the code.
 */
class ManPageAndCompletionTest {
    static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        CommandLine root = Main.commandLine();
        out.add(root.getCommandSpec());
        root.getSubcommands().values().forEach(c -> out.add(c.getCommandSpec()));
        return out;
    }

    @Test
    void everyCommandHasAManPageListingEveryOption() throws Exception {
        for (CommandSpec c : commands()) {
            String page = c.parent() == null ? "kttcp4j.1" : "kttcp4j-" + c.name() + ".1";
            Path p = Path.of("target", "man", page);
            assertTrue(Files.exists(p), p + " is built with the classes (mvn process-classes)");
            // roff escapes the hyphen of an option: \- or \-\- ; unescape for the check
            String man = Files.readString(p).replace("\\-", "-").replace("\\(em", "--");
            for (OptionSpec o : c.options()) {
                if (o.hidden()) {
                    continue;
                }
                for (String name : o.names()) {
                    assertTrue(man.contains(name), page + " lists " + name);
                }
            }
        }
    }

    @Test
    void theCompletionScriptKnowsEveryCommandAndOption() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("generate-completion"));
        String script = out.toString();
        assertTrue(script.contains("complete -F _complete_kttcp4j"), "a bash completion function (zsh: bashcompinit)");
        for (CommandSpec c : commands()) {
            assertTrue(c.parent() == null || script.contains(c.name()), "the script knows " + c.name());
            for (OptionSpec o : c.options()) {
                if (!o.hidden()) {
                    for (String name : o.names()) {
                        assertTrue(script.contains(name), c.name() + " " + name);
                    }
                }
            }
        }
        assertTrue(script.contains("(\"kttcp\" \"splice\" \"user\" \"nio\") # --engine values"),
                "--engine completes to the engine names");
    }
}
