package org.kttcp4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kttcp4j.PublicApi;
import org.kttcp4j.cli.Main;
import org.kttcp4j.junit.KttcpExtension;

/**
 * The three artifacts (docs/library.md, "Artifacts") share no package: a package in two jars (a split package)
 * cannot be on the module path, where each jar is the automatic module its manifest names.
 */
class ArtifactsTest {
    @Test
    void noPackageIsInTwoArtifactsAndTheLibraryHasNoneOfTheCommandLines() throws Exception {
        Map<String, Set<String>> where = new HashMap<>();
        for (Class<?> of : List.of(PublicApi.class, KttcpExtension.class, Main.class)) {
            for (String name : ApiSurfaceTest.classNames(of)) {
                String pkg = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
                where.computeIfAbsent(pkg, k -> new TreeSet<>()).add(of.getSimpleName());
            }
        }
        where.forEach((pkg, in) -> assertEquals(1, in.size(), pkg + " is in the artifacts of " + in));
        assertEquals(Set.of("PublicApi"), where.get("org.kttcp4j.report"), "report/ is the library's");
        assertEquals(Set.of("Main"), where.get("org.kttcp4j.formats"), "formats/ is the command line's");
        assertTrue(where.keySet().stream().noneMatch(p -> p.startsWith("picocli")), where.keySet().toString());
    }
}
