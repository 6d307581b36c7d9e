package org.kttcp4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of kttcp4j's library API: the types a Java program may build on, which change only with a new
 * major version. Every other type is internal, public only because Java packages cannot share otherwise, and
 * may change at any release. README.md, "Using kttcp4j from Java", lists the same types, and a test holds the
 * two lists together.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicApi {}
