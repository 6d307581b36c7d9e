package org.kttcp4j.netns;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link NetnsLab} for a test class (brought up once before its first test, torn down after its last) or for
 * one test method, made by `ci/netns.sh up OPTIONS`: {@code @WithNetnsLab({"--rate", "1gbit"})}. The lab comes
 * as a parameter of type NetnsLab: of the constructor or any test method for a class's lab, of the method for a
 * method's. Where namespaces cannot be made every test that needs the lab is skipped with the reason (see
 * {@link NetnsLabExtension}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NetnsLabExtension.class)
public @interface WithNetnsLab {
    /** ci/netns.sh up's options: none for two namespaces and a veth, "--router", "--rate", "1gbit", ... */
    String[] value() default {};
}
