package org.kttcp4j.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The running kernel's system calls through the host libc. */
final class HostSyscalls implements Syscalls {
    static final HostSyscalls INSTANCE = new HostSyscalls();

    private HostSyscalls() {}

    @Override public int open(String path, int flags, int mode) { return HostLibc.open(path, flags, mode); }
    @Override public int close(int fd) { return HostLibc.close(fd); }
    @Override public int ioctl(int fd, NativeLong request, Pointer arg) { return HostLibc.ioctl(fd, request, arg); }
    @Override public int socket(int domain, int type, int protocol) { return HostLibc.socket(domain, type, protocol); }
    @Override public int bind(int fd, byte[] sa, int len) { return HostLibc.bind(fd, sa, len); }
    @Override public int listen(int fd, int backlog) { return HostLibc.listen(fd, backlog); }
    @Override public int accept(int fd, byte[] sa, int[] len) { return HostLibc.accept(fd, sa, len); }
    @Override public int connect(int fd, byte[] sa, int len) { return HostLibc.connect(fd, sa, len); }
    @Override public int getsockname(int fd, byte[] sa, int[] len) { return HostLibc.getsockname(fd, sa, len); }
    @Override public int setsockopt(int fd, int level, int name, int[] v, int len) { return HostLibc.setsockopt(fd, level, name, v, len); }
    @Override public int getsockopt(int fd, int level, int name, int[] v, int[] len) { return HostLibc.getsockopt(fd, level, name, v, len); }
    @Override public int setsockopt(int fd, int level, int name, byte[] v, int len) { return HostLibc.setsockopt(fd, level, name, v, len); }
    @Override public int getsockopt(int fd, int level, int name, byte[] v, int[] len) { return HostLibc.getsockopt(fd, level, name, v, len); }
    @Override public int shutdown(int fd, int how) { return HostLibc.shutdown(fd, how); }
    @Override public int read(int fd, Pointer b, int n) { return HostLibc.read(fd, b, n); }
    @Override public int write(int fd, Pointer b, int n) { return HostLibc.write(fd, b, n); }
    @Override public int recvfrom(int fd, Pointer b, int n, int flags, Pointer from, Pointer fromLen) {
        return HostLibc.recvfrom(fd, b, n, flags, from, fromLen);
    }
    @Override public int sendto(int fd, Pointer b, int n, int flags, Pointer to, int toLen) {
        return HostLibc.sendto(fd, b, n, flags, to, toLen);
    }
    @Override public int poll(Pointer fds, int nfds, int timeoutMillis) { return HostLibc.poll(fds, nfds, timeoutMillis); }
    @Override public int getifaddrs(Pointer list) { return HostLibc.getifaddrs(list); }
    @Override public void freeifaddrs(Pointer ifaddrs) { HostLibc.freeifaddrs(ifaddrs); }
    @Override public int errno() { return Native.getLastError(); }
}
