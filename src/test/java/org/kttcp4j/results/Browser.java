package org.kttcp4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.testing.CliProcess;

/**
 * Debian's chromium-headless-shell (apt-get install chromium-headless-shell), run on a local file: its DOM after
 * the scripts ran (--dump-dom), a screenshot, and the console messages it logs to stderr
 * (--enable-logging=stderr --v=0 prints each as "INFO:CONSOLE(line)"). Host names resolve to nothing, so a page
 * that tried to fetch anything would log a failed load.
 */
public final class Browser {
    static final String CONSOLE = ":CONSOLE";
    private final Path binary;

    private Browser(Path binary) {
        this.binary = binary;
    }

    /** The headless shell, or null: $KTTCP4J_HEADLESS_SHELL, then where Debian's package puts it. */
    public static Browser find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("KTTCP4J_HEADLESS_SHELL");
        if (env != null && !env.isEmpty()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/headless_shell",
                "/usr/bin/chromium-headless-shell"));
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return new Browser(Path.of(c));
            }
        }
        Path onPath = CliProcess.which("chromium-headless-shell");
        return onPath == null ? null : new Browser(onPath);
    }

    public record Result(String stdout, String stderr) {
        public List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(CONSOLE)).toList();
        }
    }

    /** Opens the page and returns the DOM once its scripts have run. */
    public Result dumpDom(Path page, Path profile) {
        return run(profile, "--dump-dom", page.toUri().toString());
    }

    /** Opens the page and writes a PNG of the first height pixels at 1280 wide. */
    Result screenshot(Path page, Path png, int height, Path profile) {
        return run(profile, "--hide-scrollbars", "--window-size=1280," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString());
    }

    private Result run(Path profile, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=10000"));
        cmd.addAll(List.of(args));
        try (CliProcess p = CliProcess.start(cmd, null)) {
            try {
                int code = p.waitFor(120);
                assertEquals(0, code, "headless shell exited " + code + ": " + p.stderr());
                return new Result(p.stdout(), p.stderr());
            } finally {
                // the shell's own helpers (zygote, renderer, GPU process), by their PIDs, before the shell itself
                ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroy));
            }
        }
    }

    static void assertPng(Path png) {
        assertTrue(Files.isRegularFile(png), "no screenshot at " + png);
        try {
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 10_000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G',
                    png + " is not a PNG of a drawn page (" + head.length + " bytes)");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
