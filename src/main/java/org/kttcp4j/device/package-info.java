/**
 * NetBSD's kttcp(4) device: the library's first entry point, {@link org.kttcp4j.device.KttcpDevice} (with its
 * Direction and Chunking). Everything else here is internal.
 */
package org.kttcp4j.device;
