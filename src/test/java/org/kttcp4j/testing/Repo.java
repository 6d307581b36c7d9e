package org.kttcp4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's top folder, for a test that reads a file of the repository (a script a message names, a page
 * of docs/). Surefire runs the tests there (modules/cli/pom.xml, workingDirectory), but mutation testing's
 * minions run in modules/cli: so the top is the nearest folder upwards that holds pom.xml and native/.
 */
public final class Repo {
    private Repo() {
    }

    /** A path of the repository, such as "native/module/kttcp-module.sh". */
    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("native"))) {
                return p;
            }
        }
        throw new IllegalStateException("no kttcp4j repository (pom.xml and native/) at or above " + here
                + ": run the tests from the repository's checkout");
    }
}
