package org.kttcp4j.posix;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.Map;
import org.kttcp4j.abi.Abi;

/**
 * A rump kernel's system calls, direct-mapped onto librump's exports. They are NetBSD's, whatever the host:
 * rump___sysimpl_NAME with NetBSD's current versions (rump___sysimpl_socket30), docs/netbsd.md, "rump kernels".
 * Registered once per process, when {@link RumpKernel} has loaded the libraries.
 */
final class RumpLibc {
    // The declarations repeat HostLibc's: JNA's direct mapping binds one class to one library, so each kernel
    // needs a class of its own; Syscalls is the one interface both stand behind.
    private RumpLibc() {}

    static void register(NativeLibrary librump) {
        Abi netbsd = Abi.netbsd();
        FunctionMapper mapper = (library, method) -> "rump___sysimpl_" + netbsd.symbol(method.getName()).replaceFirst("^__", "");
        Native.register(RumpLibc.class, NativeLibrary.getInstance(librump.getFile().getAbsolutePath(),
                Map.of(Library.OPTION_FUNCTION_MAPPER, mapper)));
    }

    static native int open(String path, int flags, int mode);

    static native int close(int fd);

    static native int ioctl(int fd, NativeLong request, Pointer arg);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] sockaddr, int length);

    static native int listen(int fd, int backlog);

    static native int accept(int fd, byte[] sockaddr, int[] length);

    static native int connect(int fd, byte[] sockaddr, int length);

    static native int getsockname(int fd, byte[] sockaddr, int[] length);

    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

    static native int setsockopt(int fd, int level, int name, byte[] value, int length);

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length);

    static native int shutdown(int fd, int how);

    static native int read(int fd, Pointer buffer, int count);

    static native int write(int fd, Pointer buffer, int count);

    static native int recvfrom(int fd, Pointer buffer, int count, int flags, Pointer from, Pointer fromLength);

    static native int sendto(int fd, Pointer buffer, int count, int flags, Pointer to, int toLength);

    static native int poll(Pointer fds, int nfds, int timeoutMillis);
}
