package org.kttcp4j.posix;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Errno;

/**
 * A NetBSD kernel running in another process: a rump server (rump_server, NetBSD's kernel code as a program),
 * reached through librumpclient. Every call runs in that kernel: its sockets, its TCP/IP stack, its /dev/kttcp;
 * its ABI and errno numbers are NetBSD's on any host, and its descriptors mean nothing to this process. Two
 * such servers joined by a shmif Ethernet are two NetBSD hosts on one machine (native/rump/two-kernels.sh).
 * Facts: docs/netbsd.md, "rump kernels".
 *
 * <p>The URL is what RUMP_SERVER takes (lib/librumpclient/rumpclient.3): {@code unix:///path/a.sock} or
 * {@code tcp://host:port}. librumpclient comes from KTTCP4J_RUMP_DIR (the directory, or its lib/) when that is
 * set, else from the system's library path: NetBSD has librumpclient and rump_server in its base system.
 * One per process: rumpclient_init() connects the process to one server.
 */
public final class RumpClientKernel {
    /** The --kernel prefix. */
    public static final String PREFIX = "rumpclient:";
    static final String ENV_DIR = "KTTCP4J_RUMP_DIR";
    /** sys/sys/errno.h: ELAST, NetBSD's largest errno; ENOTCONN. */
    static final int NETBSD_ELAST = 96;
    static final int NETBSD_ENOTCONN = 57;

    private static Kernel connected;
    private static String connectedUrl;
    private static final List<NativeLibrary> KEEP = new ArrayList<>();

    private RumpClientKernel() {}

    /** The rump kernel served at url, with librumpclient found as the class comment says. */
    public static Kernel rumpClient(String url) {
        String dir = System.getenv(ENV_DIR);
        return connect(url, dir == null || dir.isEmpty() ? null : Path.of(dir));
    }

    /**
     * Connects this process to the rump server at url (once per process) and returns its kernel. libDir holds
     * librumpclient.so (or its lib/ does); null looks it up in the system's library path.
     */
    public static synchronized Kernel connect(String url, Path libDir) {
        check(url);
        if (connected != null) {
            if (!url.equals(connectedUrl)) {
                throw new IllegalStateException("this process is a client of the rump server at " + connectedUrl
                        + " already; one process talks to one rump server: start another process for " + url);
            }
            return connected;
        }
        if (url.startsWith("unix://")) {
            Path sock = Path.of(url.substring("unix://".length()));
            if (!Files.exists(sock)) {
                throw new IllegalArgumentException("no rump server at " + url + ": " + sock + " does not exist"
                        + " (start one, e.g. with native/rump/two-kernels.sh start)");
            }
        }
        NativeLibrary lib = load(libDir);
        KEEP.add(lib);
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        // rumpclient_init() reads RUMP_SERVER from the C environment (lib/librumpclient/rumpclient.c), which
        // System.getenv cannot change: setenv(3) through JNA, before the call.
        int r = libc.getFunction("setenv").invokeInt(new Object[] {"RUMP_SERVER", url, 1});
        if (r != 0) {
            throw new IllegalStateException("setenv(RUMP_SERVER) failed: " + hostError(libc, Native.getLastError()));
        }
        Function init = lib.getFunction("rumpclient_init");
        r = init.invokeInt(new Object[0]);
        if (r != 0) {
            // The error is the host's: connecting to the server's socket failed in this process.
            throw new IllegalStateException("cannot connect to the rump server at " + url + ": "
                    + hostError(libc, Native.getLastError()) + " (is its rump_server running? see native/rump/README.md)");
        }
        RumpClientLibc.register(lib);
        connected = new Kernel(PREFIX + url, Abi.netbsd(), new ClientSyscalls(hostEnotconn()));
        connectedUrl = url;
        return connected;
    }

    /** A URL as RUMP_SERVER takes it, or a usage error naming the fix. */
    static void check(String url) {
        if (url == null || !(url.startsWith("unix://") && url.length() > "unix://".length()
                || url.startsWith("tcp://") && url.length() > "tcp://".length())) {
            throw new IllegalArgumentException("rump server URL '" + url + "' is not one: use unix:///path/a.sock"
                    + " (or tcp://host:port), as RUMP_SERVER takes it");
        }
    }

    static NativeLibrary load(Path libDir) {
        if (libDir != null) {
            Path d = libDir.toAbsolutePath().normalize();
            Path so = RumpKernel.find(d, "rumpclient");
            if (so == null) {
                throw new IllegalArgumentException("no librumpclient.so in " + d + " or " + d.resolve("lib")
                        + ": set " + ENV_DIR + " to a rump kernel built by native/rump/build.sh, or unset it to use the"
                        + " system's librumpclient");
            }
            try {
                return NativeLibrary.getInstance(so.toString());
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("cannot load " + so + ": " + e.getMessage().replace('\n', ' '));
            }
        }
        try {
            return NativeLibrary.getInstance("rumpclient");
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalArgumentException("no librumpclient in the system's library path: set " + ENV_DIR
                    + " to a rump kernel built by native/rump/build.sh (NetBSD has librumpclient in its base system)");
        }
    }

    private static String hostError(NativeLibrary libc, int errno) {
        String text = libc.getFunction("strerror").invokeString(new Object[] {errno}, false);
        return text + " (host errno " + errno + ")";
    }

    /** The host's ENOTCONN, or -1 where kttcp4j has no table for the host. */
    private static int hostEnotconn() {
        try {
            return Abi.host().errno().number(Errno.ENOTCONN).orElse(-1);
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The rump server's calls. */
    private static final class ClientSyscalls implements Syscalls {
        private final int hostEnotconn;

        ClientSyscalls(int hostEnotconn) {
            this.hostEnotconn = hostEnotconn;
        }

        @Override public int open(String path, int flags, int mode) { return RumpClientLibc.open(path, flags, mode); }
        @Override public int close(int fd) { return RumpClientLibc.close(fd); }
        @Override public int ioctl(int fd, NativeLong request, Pointer arg) { return RumpClientLibc.ioctl(fd, request, arg); }
        @Override public int socket(int domain, int type, int protocol) { return RumpClientLibc.socket(domain, type, protocol); }
        @Override public int bind(int fd, byte[] sa, int len) { return RumpClientLibc.bind(fd, sa, len); }
        @Override public int listen(int fd, int backlog) { return RumpClientLibc.listen(fd, backlog); }
        @Override public int accept(int fd, byte[] sa, int[] len) { return RumpClientLibc.accept(fd, sa, len); }
        @Override public int connect(int fd, byte[] sa, int len) { return RumpClientLibc.connect(fd, sa, len); }
        @Override public int getsockname(int fd, byte[] sa, int[] len) { return RumpClientLibc.getsockname(fd, sa, len); }
        @Override public int setsockopt(int fd, int level, int name, int[] v, int len) { return RumpClientLibc.setsockopt(fd, level, name, v, len); }
        @Override public int getsockopt(int fd, int level, int name, int[] v, int[] len) { return RumpClientLibc.getsockopt(fd, level, name, v, len); }
        @Override public int setsockopt(int fd, int level, int name, byte[] v, int len) { return RumpClientLibc.setsockopt(fd, level, name, v, len); }
        @Override public int getsockopt(int fd, int level, int name, byte[] v, int[] len) { return RumpClientLibc.getsockopt(fd, level, name, v, len); }
        @Override public int shutdown(int fd, int how) { return RumpClientLibc.shutdown(fd, how); }
        @Override public int read(int fd, Pointer b, int n) { return RumpClientLibc.read(fd, b, n); }
        @Override public int write(int fd, Pointer b, int n) { return RumpClientLibc.write(fd, b, n); }
        @Override public int recvfrom(int fd, Pointer b, int n, int flags, Pointer from, Pointer fromLen) {
            return RumpClientLibc.recvfrom(fd, b, n, flags, from, fromLen);
        }
        @Override public int sendto(int fd, Pointer b, int n, int flags, Pointer to, int toLen) {
            return RumpClientLibc.sendto(fd, b, n, flags, to, toLen);
        }
        @Override public int poll(Pointer fds, int nfds, int timeoutMillis) { return RumpClientLibc.poll(fds, nfds, timeoutMillis); }

        /**
         * NetBSD's errno, as the server returned it; except that librumpclient itself reports a lost connection
         * to the server with the host's ENOTCONN (lib/librumpclient/rumpclient.c: send_with_recon, cliwaitresp;
         * 107 on Linux), which is no NetBSD number (they end at ELAST 96): it is given as NetBSD's ENOTCONN.
         */
        @Override public int errno() {
            int e = Native.getLastError();
            return e == hostEnotconn && e > NETBSD_ELAST ? NETBSD_ENOTCONN : e;
        }
    }
}
