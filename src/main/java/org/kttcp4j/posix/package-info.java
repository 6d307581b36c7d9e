/**
 * The kernel seam: system calls behind {@link org.kttcp4j.posix.Syscalls} (the host's libc, a NetBSD rump
 * kernel), descriptors, errno exceptions, CPU time. API: {@link org.kttcp4j.posix.Kernel},
 * {@link org.kttcp4j.posix.ErrnoException}, {@link org.kttcp4j.posix.CpuTime}; everything else is internal (the
 * raw bindings, {@link org.kttcp4j.posix.Syscalls}, and {@link org.kttcp4j.posix.Kernels}, the Kernel's side for
 * kttcp4j's own packages) and may change in any release.
 */
package org.kttcp4j.posix;
