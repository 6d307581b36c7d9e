package org.kttcp4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
import org.kttcp4j.run.Role;
import org.kttcp4j.testing.Repo;

/** The library API is what docs/library.md says it is, and its example runs as written. */
class ApiSurfaceTest {
    /**
     * The library's class names: kttcp4j-core's classes (its target/classes, or its jar where Maven's reactor
     * hands over the packaged module), wherever PublicApi was loaded from.
     */
    static List<String> libraryClasses() throws Exception {
        return classNames(PublicApi.class);
    }

    /** The names of the classes in the class folder or jar that {@code of} was loaded from. */
    static List<String> classNames(Class<?> of) throws Exception {
        Path where = Path.of(of.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(where)) {
            return classNames(where);
        }
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(where)) {
            return classNames(jar.getPath("/"));
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> !n.endsWith("package-info")).toList();
        }
    }

    @Test
    void theTypesMarkedPublicApiAreTheLibraryPagesList() throws Exception {
        Set<String> marked = new TreeSet<>();
        for (String name : libraryClasses()) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (c.isAnnotationPresent(PublicApi.class)) {
                marked.add(c.getCanonicalName());
            }
        }
        assertEquals(readmeList(), marked, "docs/library.md's API list and the @PublicApi types");
        // a nested type (Run.Builder, Outcome.Failed) is part of its outer one: the top-level types are what to hold
        long topLevel = apiTypes().stream().filter(c -> c.getEnclosingClass() == null).count();
        assertTrue(topLevel <= 32, "small enough to hold in one's head: " + topLevel + " top-level types");
    }

    /**
     * Every public or protected signature of an @PublicApi type (constructor and method parameters, returns and
     * throws, fields, supertypes, generic arguments and bounds) names only @PublicApi types and the JDK's: a type
     * the README calls internal cannot be reached through the API.
     */
    @Test
    void theApiNamesOnlyApiTypesAndTheJdks() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : apiTypes()) {
            for (Type t : supertypes(c)) {
                leaks(t, c.getName() + " extends/implements", leaks);
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers()) && !k.isSynthetic() && !c.isEnum()) {
                    String where = c.getName() + "(" + k.getParameterCount() + " parameters)";
                    for (Type t : k.getGenericParameterTypes()) {
                        leaks(t, where, leaks);
                    }
                    for (Type t : k.getGenericExceptionTypes()) {
                        leaks(t, where + " throws", leaks);
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    String where = c.getName() + "." + m.getName();
                    leaks(m.getGenericReturnType(), where + " returns", leaks);
                    for (Type t : m.getGenericParameterTypes()) {
                        leaks(t, where + " takes", leaks);
                    }
                    for (Type t : m.getGenericExceptionTypes()) {
                        leaks(t, where + " throws", leaks);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
                    leaks(f.getGenericType(), c.getName() + "." + f.getName(), leaks);
                }
            }
        }
        assertEquals(List.of(), leaks, "public signatures of @PublicApi types that name internal types");
    }

    /** A signature that names an internal type is found, so the test above can fail. */
    /**
     * The library's javadoc (modules/core/pom.xml) leaves the internal types out by file; a type marked @PublicApi,
     * or a nested one of it, in that list would drop out of the javadoc without a word.
     */
    @Test
    void theJavadocLeavesOutNoApiType() throws Exception {
        String pom = Files.readString(Repo.path("modules/core/pom.xml"));
        int from = pom.indexOf("<sourceFileExcludes>");
        int to = pom.indexOf("</sourceFileExcludes>");
        assertTrue(from > 0 && to > from, "modules/core/pom.xml's javadoc has its sourceFileExcludes");
        Matcher m = Pattern.compile("<exclude>(org/kttcp4j/[\\w/]+)\\.java</exclude>").matcher(pom.substring(from, to));
        List<String> api = new ArrayList<>();
        int excluded = 0;
        while (m.find()) {
            excluded++;
            Class<?> c = Class.forName(m.group(1).replace('/', '.'));
            Stream.concat(Stream.of(c), Stream.of(c.getDeclaredClasses()))
                    .filter(x -> x.isAnnotationPresent(PublicApi.class)).forEach(x -> api.add(x.getName()));
        }
        assertTrue(excluded > 10, "the excludes were read: " + excluded);
        assertEquals(List.of(), api, "@PublicApi types left out of the javadoc (modules/core/pom.xml)");
    }

    @Test
    void anInternalTypeInASignatureIsFound() throws Exception {
        List<String> leaks = new ArrayList<>();
        leaks(Leaky.class.getDeclaredMethod("internal").getGenericReturnType(), "Leaky.internal", leaks);
        leaks(Leaky.class.getDeclaredMethod("generic").getGenericReturnType(), "Leaky.generic", leaks);
        leaks(Leaky.class.getDeclaredMethod("fine").getGenericReturnType(), "Leaky.fine", leaks);
        assertEquals(List.of("Leaky.internal names org.kttcp4j.api.ApiSurfaceTest$Leaky",
                "Leaky.generic names org.kttcp4j.api.ApiSurfaceTest$Leaky"), leaks);
    }

    interface Leaky {
        Leaky internal();

        Optional<List<? extends Leaky>> generic();

        Optional<Run> fine();
    }

    static List<Class<?>> apiTypes() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        for (String name : libraryClasses()) {
            Class<?> c = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
            if (c.isAnnotationPresent(PublicApi.class)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Type> supertypes(Class<?> c) {
        List<Type> out = new ArrayList<>(List.of(c.getGenericInterfaces()));
        if (c.getGenericSuperclass() != null) {
            out.add(c.getGenericSuperclass());
        }
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void leaks(Type t, String where, List<String> out) {
        leaks(t, where, out, new HashSet<>());
    }

    private static void leaks(Type t, String where, List<String> out, Set<Type> seen) {
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive() && !c.getName().startsWith("java.") && !c.isAnnotationPresent(PublicApi.class)) {
                String leak = where + " names " + c.getName();
                if (!out.contains(leak)) {
                    out.add(leak);
                }
            }
        } else if (t instanceof ParameterizedType p) {
            leaks(p.getRawType(), where, out, seen);
            for (Type a : p.getActualTypeArguments()) {
                leaks(a, where, out, seen);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                leaks(b, where, out, seen);
            }
            for (Type b : w.getLowerBounds()) {
                leaks(b, where, out, seen);
            }
        } else if (t instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                leaks(b, where, out, seen);
            }
        } else if (t instanceof GenericArrayType g) {
            leaks(g.getGenericComponentType(), where, out, seen);
        }
    }

    /** The fully qualified names in backticks between docs/library.md's api markers. */
    static Set<String> readmeList() throws IOException {
        String readme = Files.readString(Path.of("docs", "library.md"));
        int from = readme.indexOf("<!-- api -->");
        int to = readme.indexOf("<!-- /api -->");
        assertTrue(from >= 0 && to > from, "docs/library.md has the API list between <!-- api --> and <!-- /api -->");
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("`(org\\.kttcp4j\\.[A-Za-z.]+)`").matcher(readme.substring(from, to));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** docs/library.md's example (and the README's): the same lines, so the example cannot rot. */
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
        long sent = r.last().orElseThrow().sum(Role.SENDER).bytes();
        assertEquals(sent, seen.stream().mapToLong(Interval::bytes).sum(), "the intervals add up to what was sent");
        assertEquals(2, seen.get(0).streamBytes().length);
    }
}
