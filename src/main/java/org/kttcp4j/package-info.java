/**
 * kttcp4j: TCP throughput from Java, with NetBSD's in-kernel kttcp(4) benchmark where it exists. The library API
 * is the types marked {@link org.kttcp4j.PublicApi} (README.md, "Using kttcp4j from Java", lists them); every other
 * public type is internal.
 */
package org.kttcp4j;
