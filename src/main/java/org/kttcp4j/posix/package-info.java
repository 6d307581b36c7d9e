/**
 * The kernel seam: system calls behind {@link org.kttcp4j.posix.Syscalls} (the host's libc, a NetBSD rump
 * kernel), descriptors, errno exceptions, CPU time. API: {@link org.kttcp4j.posix.Kernel},
 * {@link org.kttcp4j.posix.ErrnoException}, {@link org.kttcp4j.posix.CpuTime}; everything else is internal.
 */
package org.kttcp4j.posix;
