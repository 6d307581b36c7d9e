/**
 * Internal: TCP connections (native sockets on a kernel, the JDK's channels), name resolution and address
 * formatting. API: {@link org.kttcp4j.net.Family} and {@link org.kttcp4j.net.Cidr}, which a Run is built with.
 */
package org.kttcp4j.net;
