/**
 * Internal: the target kernels' numbers (constants, errno tables, sockaddr and ioctl encoding, struct layouts),
 * each with its source in docs/netbsd.md; not part of kttcp4j's API, it may change in any release. The two
 * exceptions are values a caller reads: {@link org.kttcp4j.abi.Errno} (a failed call's errno, by name) and
 * {@link org.kttcp4j.abi.TcpInfo} (what a connection's TCP_INFO said).
 */
package org.kttcp4j.abi;
