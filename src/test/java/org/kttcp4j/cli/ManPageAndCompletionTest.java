package org.kttcp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kttcp4j.net.TcpOptions;
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
        assertTrue(script.contains("(\"discard\" \"splice\") # --sink values"), "--sink in lower case, as typed");
        assertTrue(script.contains("(\"write\" \"sendfile\") # --source values"), "--source in lower case");
        assertTrue(script.contains("(\"gbits\" \"cpu\") # --metric values"), "compare --metric");
        List<String> congestion = TcpOptions.linuxAvailable();
        if (!congestion.isEmpty()) { // the host's own list: what TCP_CONGESTION takes here
            assertTrue(script.contains("(" + congestion.stream().map(n -> "\"" + n + "\"").collect(
                    Collectors.joining(" ")) + ") # --congestion values"), "--congestion: " + congestion);
        }
        assertFalse(script.contains("DISCARD") || script.contains("SENDFILE"), "no enum constant's upper case");
    }

    /** A page as man(1) shows it, 80 columns wide: the text a reader sees. */
    private static String render(Path page) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("man", "-l", page.toString()).redirectErrorStream(true);
        pb.environment().put("MANWIDTH", "80");
        pb.environment().put("MANPAGER", "cat");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Assumptions.abort("man(1) is not installed (apt-get install -y groff-base man-db): " + e.getMessage());
            return "";
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "man -l " + page + " did not end in 60 s");
        assertEquals(0, p.exitValue(), out);
        return out.replaceAll(".\b", ""); // overstrike bold and underline, should a man(1) keep them
    }

    @Test
    void everyManPageReadsLikeANetBsdPage() throws Exception {
        for (CommandSpec c : commands()) {
            String name = c.qualifiedName("-");
            String page = render(Path.of("target", "man", name + ".1"));
            List<String> lines = page.lines().toList();
            List<String> sections = lines.stream().filter(l -> l.matches("[A-Z][A-Z ]+")).toList();
            List<String> expected = new ArrayList<>(List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS"));
            if (!c.positionalParameters().isEmpty()) {
                expected.add("ARGUMENTS");
            }
            if (!c.subcommands().isEmpty()) {
                expected.add("COMMANDS");
            }
            expected.add("EXIT STATUS");
            if (c.usageMessage().footer().length > 0) {
                expected.add("EXAMPLES");
            }
            expected.add("SEE ALSO");
            assertEquals(expected, sections, name);
            assertFalse(page.contains("\u001b"), name + ": no terminal escapes");
            for (String l : lines) {
                assertFalse(l.matches("\\s+-[^\\s,]+,\\s*"), name + ": an option alone ends with a comma: " + l);
                assertFalse(l.matches("\\s+-[^\\s,]+, [^-\\s].*"), name + ": an argument after a comma: " + l);
            }
            String exits = "\n" + between(page, "EXIT STATUS", sections.get(sections.indexOf("EXIT STATUS") + 1));
            for (String code : c.usageMessage().exitCodeList().keySet()) {
                assertTrue(exits.contains("\n       " + code.strip() + "\n"), name + " explains exit " + code + ":\n" + exits);
            }
            String seeAlso = page.substring(page.indexOf("\nSEE ALSO\n"));
            assertTrue(seeAlso.contains("iperf3(1)") && seeAlso.contains("kttcp(4)"), name + ": " + seeAlso);
            assertTrue(seeAlso.indexOf("iperf3(1)") < seeAlso.indexOf("kttcp(4)"), "section 1 before 4: " + seeAlso);
            assertTrue(seeAlso.contains(c.parent() == null ? "kttcp4j-loopback(1)" : "kttcp4j(1)"), seeAlso);
        }
        String root = render(Path.of("target", "man", "kttcp4j.1"));
        String synopsis = between(root, "SYNOPSIS", "DESCRIPTION");
        assertEquals(List.of("kttcp4j -r [-46qv] [-b sockbufsize] [-e engine] [-n bytes] [-p port]",
                "kttcp4j -t [-46qv] [-b sockbufsize] [-n bytes] [-p port] host", "kttcp4j command [options]"),
                synopsis.lines().map(String::strip).filter(l -> !l.isEmpty()).toList(),
                "the C tool's two forms and the commands', a line each");
        assertTrue(root.contains("\n       -b sockbufsize\n"), "the C tool's flag as its page writes it");
        assertTrue(root.contains("\n       -r\n"), "a flag alone: " + root);
        assertTrue(between(root, "EXAMPLES", "SEE ALSO").contains("kttcp4j -t -n 1g rx.example.org"), root);
        String loopback = render(Path.of("target", "man", "kttcp4j-loopback.1"));
        assertTrue(loopback.contains("\n       -p, --port=PORT\n"), loopback);
    }

    private static String between(String text, String from, String to) {
        int a = text.indexOf("\n" + from + "\n");
        int b = text.indexOf("\n" + to + "\n", a + 1);
        assertTrue(a >= 0 && b > a, from + " then " + to + " in:\n" + text);
        return text.substring(a + from.length() + 2, b);
    }

    @Test
    void helpShowsTheExitTableInColumnsWithinEightyColumns() {
        for (CommandSpec c : commands()) {
            StringWriter out = new StringWriter();
            CommandLine cmd = Main.commandLine();
            CommandLine target = c.parent() == null ? cmd : cmd.getSubcommands().get(c.name());
            target.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
            String help = out.toString();
            for (String l : help.lines().toList()) {
                assertTrue(l.length() <= 80, c.name() + ": a line over 80 columns: " + l);
            }
            assertEquals(1, help.split("Exit status:", -1).length - 1, c.name() + " has one exit table");
            String table = help.substring(help.indexOf("Exit status:\n") + 13);
            table = table.substring(0, table.indexOf("\n\n") < 0 ? table.length() : table.indexOf("\n\n"));
            List<String> codes = new ArrayList<>();
            for (String l : table.lines().toList()) {
                if (l.matches(" {0,4}[0-9]{1,3}   \\S.*")) {
                    codes.add(l.strip().split(" ")[0]);
                } else {
                    assertTrue(l.startsWith("          "), c.name() + ": a wrapped line of the exit table stays in its"
                            + " column: '" + l + "'\n" + table);
                }
            }
            assertEquals(c.usageMessage().exitCodeList().keySet().stream().map(String::strip).toList(), codes, c.name());
        }
    }
}
