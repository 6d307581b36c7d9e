package org.kttcp4j.posix;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.Map;
import org.kttcp4j.abi.Abi;

/**
 * The host libc, direct-mapped (JNA's fastest path: a user engine makes one call per buffer). The function
 * mapper binds the current versions of NetBSD's renamed symbols (__socket30, __getrusage50).
 * Registered when first used, so a run that never touches native code never loads libc through JNA.
 */
final class HostLibc {
    private HostLibc() {}

    static {
        Abi abi = Abi.host();
        FunctionMapper mapper = (library, method) -> abi.symbol(method.getName());
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME,
                Map.of(Library.OPTION_FUNCTION_MAPPER, mapper));
        Native.register(HostLibc.class, libc);
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

    static native int getrusage(int who, Pointer usage);

    static native int getifaddrs(Pointer list);

    static native void freeifaddrs(Pointer ifaddrs);

    static native int isatty(int fd);
}
