/**
 * NetBSD's kttcp(4) device: the library's first entry point, {@link org.kttcp4j.device.KttcpDevice}.
 */
package org.kttcp4j.device;
