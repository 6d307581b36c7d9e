package org.kttcp4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kttcp4j.PublicApi;
import org.kttcp4j.run.Interval;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;

/** The library API is what README.md says it is, and its example runs as written. */
class ApiSurfaceTest {
    static final Path CLASSES = Path.of("target", "classes");

    @Test
    void theTypesMarkedPublicApiAreTheReadmesList() throws Exception {
        Set<String> marked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (c.isAnnotationPresent(PublicApi.class)) {
                    marked.add(c.getCanonicalName());
                }
            }
        }
        assertEquals(readmeList(), marked, "README.md's API list and the @PublicApi types");
        assertTrue(marked.size() <= 25, "small enough to hold in one's head: " + marked.size());
    }

    /** The fully qualified names in backticks between README's api markers. */
    static Set<String> readmeList() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("<!-- api -->");
        int to = readme.indexOf("<!-- /api -->");
        assertTrue(from >= 0 && to > from, "README.md has the API list between <!-- api --> and <!-- /api -->");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("`(org\\.kttcp4j\\.[A-Za-z.]+)`").matcher(readme.substring(from, to));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** README.md, "Using kttcp4j from Java": the same lines, so the example cannot rot. */
    @Test
    void theReadmesExampleRuns() throws Exception {
        List<Interval> seen = new CopyOnWriteArrayList<>();
        // --- the README's example, from here ---
        Results r = Run.loopback()
                .engine("nio")                      // kttcp on NetBSD, splice/user/nio on Linux
                .time(Duration.ofSeconds(1))
                .parallel(2)
                .interval(Duration.ofMillis(250))
                .build()
                .execute(new RunListener() {
                    @Override
                    public void interval(Interval in) {
                        seen.add(in);                  // live, as the run goes
                    }
                });
        double gbits = r.last().orElseThrow().figures().gbits();
        // --- to here ---
        assertTrue(!r.failed() && gbits > 0, "a loopback run moves bytes: " + gbits);
        long sent = r.last().orElseThrow().sum(org.kttcp4j.run.Role.SENDER).bytes();
        assertEquals(sent, seen.stream().mapToLong(Interval::bytes).sum(), "the intervals add up to what was sent");
        assertEquals(2, seen.get(0).streamBytes().length);
    }
}
