/**
 * Internal: the target kernels' numbers (constants, errno tables, sockaddr and ioctl encoding, struct layouts),
 * each with its source in docs/netbsd.md. Not part of kttcp4j's API: it may change in any release.
 */
package org.kttcp4j.abi;
