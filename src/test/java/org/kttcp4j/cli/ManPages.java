package org.kttcp4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc of kttcp4j(1) and each command's page (Asciidoctor makes target/man/*.1 of them; the pom
 * runs this after the test classes are compiled): picocli-codegen's ManPageGenerator on the command line that
 * main() runs (Main.commandLine(), so EXIT STATUS is the exit code list --help prints), with what a NetBSD man
 * page has and the generator does not do by itself: an option's names and its argument as "-b sockbufsize" or
 * "-p, --port=PORT" (the generator joins the option renderer's columns with ", ": "-r," and "-b, sockbufsize"),
 * the synopsis's forms on lines of their own, the footer under EXAMPLES, and SEE ALSO.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        CommandLine root = Main.commandLine();
        root.setHelpFactory(ManPages::help);
        root.setUsageHelpWidth(250); // lines as written: groff fills them to the reader's width, and a " +" stays last
        List<CommandSpec> all = new ArrayList<>();
        all.add(root.getCommandSpec());
        root.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(c -> !c.usageMessage().hidden()).forEach(all::add);
        for (CommandSpec c : all) {
            Files.writeString(dir.resolve(c.qualifiedName("-") + ".adoc"), page(c, all), StandardCharsets.UTF_8);
        }
    }

    /** One page's AsciiDoc. */
    static String page(CommandSpec c, List<CommandSpec> all) {
        String[] synopsis = c.usageMessage().customSynopsis();
        if (synopsis.length > 1) { // AsciiDoc joins lines into one paragraph; " +" ends a line where it is
            String[] lines = new String[synopsis.length];
            for (int i = 0; i < lines.length; i++) {
                // picocli's markup as AsciiDoc's: the generator renders a custom synopsis with ANSI escapes
                lines[i] = synopsis[i].strip().replaceAll("@\\|bold (.*?)\\|@", "*$1*")
                        .replaceAll("@\\|italic (.*?)\\|@", "_$1_") + (i < lines.length - 1 ? " +" : "");
            }
            c.usageMessage().customSynopsis(lines);
        }
        // headings as the man page's sections (--help's end in a colon)
        if (c.usageMessage().footer().length > 0) {
            c.usageMessage().footerHeading("Examples");
        }
        if (!c.usageMessage().exitCodeList().isEmpty()) {
            c.usageMessage().exitCodeListHeading("Exit status");
        }
        StringWriter text = new StringWriter();
        try (PrintWriter pw = new PrintWriter(text)) {
            ManPageGenerator.writeSingleManPage(pw, c);
        }
        String end = "// end::picocli-generated-full-manpage[]";
        // a split option's label, _CPU[,CPU...]_: AsciiDoc reads "[...]_]" as markup; italics per word instead
        String page = text.toString().replaceAll("_([A-Z]+)\\[,\\1\\.\\.\\.\\]_", "_$1_[,_$1_...]");
        return page.substring(0, page.lastIndexOf(end)) + seeAlso(c, all) + page.substring(page.lastIndexOf(end));
    }

    /**
     * The other pages, iperf3(1) (the other end kttcp4j speaks to) and kttcp(4) (NetBSD's device), by section and
     * then by name, as NetBSD's pages order them (mdoc(7), "SEE ALSO").
     */
    private static String seeAlso(CommandSpec c, List<CommandSpec> all) {
        List<String> ones = new ArrayList<>(List.of("iperf3"));
        for (CommandSpec o : all) {
            if (o != c) {
                ones.add(o.qualifiedName("-"));
            }
        }
        ones.sort(null);
        List<String> refs = new ArrayList<>();
        ones.forEach(n -> refs.add("*" + n + "*(1)"));
        refs.add("*kttcp*(4)");
        return "// tag::kttcp4j-man-section-see-also[]\n== See also\n\n" + String.join(", ", refs)
                + "\n\n// end::kttcp4j-man-section-see-also[]\n\n";
    }

    /** picocli's help, with an option renderer whose names and argument come in one column. */
    private static Help help(CommandSpec spec, ColorScheme scheme) {
        return new Help(spec, scheme) {
            @Override
            public IOptionRenderer createDefaultOptionRenderer() {
                IOptionRenderer plain = super.createDefaultOptionRenderer();
                return (option, labels, colors) -> {
                    Text[][] rows = plain.render(option, labels, colors);
                    rows[0][1] = colors.text("");
                    rows[0][3] = names(option, colors);
                    return rows;
                };
            }
        };
    }

    /** "-p, --port=PORT", "-b sockbufsize", "-r": the names, shortest first, then the argument once. */
    static Text names(OptionSpec o, ColorScheme colors) {
        List<String> names = new ArrayList<>(Arrays.asList(o.names()));
        names.sort((a, b) -> a.length() - b.length());
        Text t = colors.text("");
        for (int i = 0; i < names.size(); i++) {
            t = t.concat(i == 0 ? "" : ", ").concat(colors.optionText(names.get(i)));
        }
        if (o.arity().max() > 0) {
            boolean longName = names.get(names.size() - 1).startsWith("--");
            t = t.concat(longName ? "=" : " ").concat(colors.optionParamText(o.paramLabel()));
        }
        return t;
    }
}
