package org.kttcp4j.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.kttcp4j.report.JsonReporter;
import org.kttcp4j.run.Results;
import org.kttcp4j.run.Run;
import org.kttcp4j.run.RunListener;
import org.kttcp4j.run.RunResult;
import org.kttcp4j.run.Tee;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link KttcpTest}, in JUnit's own model: an {@link ExecutionCondition} (skips a test this
 * OS or this configuration cannot run, with the reason), a {@link BeforeTestExecutionCallback} (makes the run,
 * publishes its figures with the report entries that TestReporter also writes, writes its JSON, judges its
 * floors; the same figures go to standard output in one line, which Surefire's XML keeps) and a
 * {@link ParameterResolver} (gives the body the run's {@link Measurement} or {@link Results}).
 * The JSON documents go to {@code target/kttcp4j/CLASS/METHOD.json}, or under the folder the system property
 * {@code kttcp4j.results} names; {@code kttcp4j report target/kttcp4j/*}{@code /*.json} charts a suite's runs.
 */
public final class KttcpExtension implements ExecutionCondition, BeforeTestExecutionCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KttcpExtension.class);

    /** The extension, as JUnit creates it. */
    public KttcpExtension() {}

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> m = context.getTestMethod();
        Optional<KttcpTest> a = m.flatMap(x -> AnnotationSupport.findAnnotation(x, KttcpTest.class));
        if (a.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a @KttcpTest");
        }
        Settings s = Settings.of(m.get(), a.get());
        if (a.get().peer() == Peer.REMOTE && !s.remote()) {
            return ConditionEvaluationResult.disabled("no peer configured: start `kttcp4j recv --serve` on the other"
                    + " host and name it with -D" + Settings.PREFIX + "peer.host=HOST (and -D" + Settings.PREFIX
                    + "peer.port=PORT) or KTTCP4J_PEER_HOST (and KTTCP4J_PEER_PORT)");
        }
        Optional<String> missing = Settings.missing(s.engine());
        return missing.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("engine " + s.engine() + " runs here"));
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        Method m = context.getRequiredTestMethod();
        Optional<KttcpTest> a = AnnotationSupport.findAnnotation(m, KttcpTest.class);
        if (a.isEmpty()) {
            return;
        }
        Settings s = Settings.of(m, a.get());
        Run run = s.run();
        Path dir = Path.of(System.getProperty(Settings.PREFIX + "results", "target/kttcp4j"));
        Path json = dir.resolve(m.getDeclaringClass().getName()).resolve(m.getName() + ".json");
        Files.createDirectories(json.getParent());
        List<RunResult> runs = new ArrayList<>();
        Results results;
        try (JsonReporter file = JsonReporter.toFile(json, "the run's JSON document " + json
                + " (-D" + Settings.PREFIX + "results sets its folder)", version())) {
            results = run.execute(keeping(file, runs));
        }
        Measurement measured = new Measurement(s, results, runs, json);
        context.getStore(NAMESPACE).put(Measurement.class, measured);
        context.publishReportEntry(measured.entries());
        // Surefire (3.5) keeps no report entries in its XML, but it keeps a test's standard output there
        System.out.println("kttcp4j: " + s.test() + ": " + measured.entries());
        if (results.failed() || results.stopped().isPresent()) {
            throw new AssertionFailedError(s.test() + ": the run " + (results.failed() ? "failed: "
                    + results.error().orElse("?") : "was stopped: " + results.stopped().orElse("?")) + " ["
                    + s.describe() + "; JSON: " + json + "]");
        }
        measured.judge();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == Measurement.class || type == Results.class)
                && context.getTestMethod().flatMap(x -> AnnotationSupport.findAnnotation(x, KttcpTest.class)).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Measurement m = context.getStore(NAMESPACE).get(Measurement.class, Measurement.class);
        if (m == null) {
            throw new ParameterResolutionException("no kttcp4j run was made for " + context.getDisplayName());
        }
        return parameter.getParameter().getType() == Results.class ? m.results() : m;
    }

    /** kttcp4j's version, as the JSON documents carry it (kttcp4j-junit.properties, written by the build). */
    static String version() {
        try (InputStream in = KttcpExtension.class.getResourceAsStream("kttcp4j-junit.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON file's listener, and every run kept (the JSON writer forgets each run once it is written). */
    private static RunListener keeping(JsonReporter file, List<RunResult> runs) {
        return new Tee(List.of(file, new RunListener() {
            @Override
            public void runEnded(RunResult result) {
                runs.add(result);
            }
        }));
    }
}
