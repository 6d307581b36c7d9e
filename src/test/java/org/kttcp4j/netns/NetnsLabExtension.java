package org.kttcp4j.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Brings up the lab a {@link WithNetnsLab} asks for, injects it, tears it down. A class's lab is made in
 * beforeAll and kept in the class's store, a method's in beforeEach in the method's; JUnit closes a store's
 * resources when its context ends, so the lab's processes are stopped and its namespaces removed after the last
 * test that could use it, whatever the tests did. Where namespaces cannot be made (not Linux, not root, no
 * iproute2, `ip netns add` refused) each test is skipped in beforeEach with the reason: a skip in beforeAll
 * would make surefire count no test at all. A lab whose `ci/netns.sh up` fails fails the tests, not skips them.
 */
public final class NetnsLabExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NetnsLabExtension.class);
    private static final String KEY = "lab";

    /** The lab of one context, or why there is none; closed with its context. */
    private record Held(NetnsLab lab, String unavailable) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        bringUp(context, context.getTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        bringUp(context, context.getTestMethod());
        Held held = context.getStore(NAMESPACE).get(KEY, Held.class); // the method's, else its class's
        if (held != null) {
            assumeTrue(held.lab() != null, held.unavailable());
        }
    }

    private static void bringUp(ExtensionContext context, Optional<? extends AnnotatedElement> element) {
        Optional<WithNetnsLab> asked = element.flatMap(e -> AnnotationSupport.findAnnotation(e, WithNetnsLab.class));
        if (asked.isEmpty()) {
            return;
        }
        String unavailable = NetnsLab.unavailable();
        // the store's own (not a parent's) entry, so a method's lab does not hide behind its class's
        context.getStore(NAMESPACE).put(KEY, unavailable != null ? new Held(null, unavailable)
                : new Held(NetnsLab.up(asked.get().value()), null));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NetnsLab.class;
    }

    /** The nearest context's lab; null where namespaces cannot be made (beforeEach then skips the test). */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).get(KEY, Held.class);
        if (held == null) {
            throw new ParameterResolutionException("no lab for " + parameter.getDeclaringExecutable()
                    + ": annotate its class (or, for a test method's own lab, the method) with @WithNetnsLab");
        }
        return held.lab();
    }
}
