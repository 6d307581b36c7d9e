package org.kttcp4j.posix;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;

/**
 * NetBSD's own kernel code, as a rump kernel loaded into this process: sys/dev/kttcp.c and NetBSD's TCP/IP stack
 * running on any host. Its calls take NetBSD's ABI and return NetBSD's errno numbers; its descriptors are its
 * own. One per process (rump_init runs once). Facts: docs/netbsd.md, "rump kernels".
 *
 * <p>What DIR must hold (a lib/ under it is looked in too): librumpuser, librump, librumpvfs, librumpdev,
 * librumpnet, librumpnet_net, librumpnet_netinet, and a component librumpdev_kttcp that attaches kttcp and creates
 * /dev/kttcp; librumpnet_netinet6 for IPv6. kttcp4j ships none of them.
 */
public final class RumpKernel {
    /** Loaded in this order, each RTLD_NOW|RTLD_GLOBAL so the later ones resolve against the earlier. */
    static final List<String> REQUIRED = List.of("rumpuser", "rump", "rumpvfs", "rumpdev", "rumpnet",
            "rumpnet_net", "rumpnet_netinet");
    static final List<String> OPTIONAL = List.of("rumpnet_netinet6", "rumpnet_local");
    static final String KTTCP = "rumpdev_kttcp";

    private static Kernel loaded;
    private static Path loadedFrom;
    private static final List<NativeLibrary> KEEP = new ArrayList<>();

    private RumpKernel() {}

    /** Loads the rump kernel in dir (once per process) and returns it as a Kernel. */
    public static synchronized Kernel load(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (loaded != null) {
            if (!d.equals(loadedFrom)) {
                throw new IllegalStateException("a rump kernel from " + loadedFrom + " is already loaded; one process"
                        + " holds one rump kernel: use " + loadedFrom + " or start another process");
            }
            return loaded;
        }
        NativeLibrary librump = null;
        List<String> order = new ArrayList<>(REQUIRED);
        for (String opt : OPTIONAL) {
            if (find(d, opt) != null) {
                order.add(opt);
            }
        }
        order.add(KTTCP);
        for (String name : order) {
            Path lib = find(d, name);
            if (lib == null) {
                throw new IllegalArgumentException("no lib" + name + ".so in " + d + (name.equals(KTTCP)
                        ? ": the rump kernel needs a kttcp component (see native/rump/README.md)"
                        : ": give the directory a rump kernel was installed into (its lib/)"));
            }
            NativeLibrary l;
            try {
                l = NativeLibrary.getInstance(lib.toString(), Map.of(Library.OPTION_OPEN_FLAGS,
                        Abi.host().get(Constant.RTLD_NOW) | Abi.host().get(Constant.RTLD_GLOBAL)));
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("cannot load " + lib + ": " + e.getMessage().replace('\n', ' ')
                        + " (the libraries must be built for this host and load in the order lib"
                        + String.join(", lib", order) + ")");
            }
            KEEP.add(l);
            if (name.equals("rump")) {
                librump = l;
            }
        }
        Function init = librump.getFunction("rump_init");
        int r = init.invokeInt(new Object[0]);
        if (r != 0) {
            throw new IllegalStateException("rump_init() returned " + r + " ("
                    + Abi.netbsd().errno().lookup(r).name() + "): the rump kernel in " + d + " did not boot");
        }
        RumpLibc.register(librump);
        loaded = new Kernel("rump:" + d, Abi.netbsd(), new RumpSyscalls());
        loadedFrom = d;
        return loaded;
    }

    static Path find(Path dir, String name) {
        for (Path base : new Path[] {dir, dir.resolve("lib")}) {
            Path p = base.resolve("lib" + name + ".so");
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /** The rump kernel's calls. */
    private static final class RumpSyscalls implements Syscalls {
        @Override public int open(String path, int flags, int mode) { return RumpLibc.open(path, flags, mode); }
        @Override public int close(int fd) { return RumpLibc.close(fd); }
        @Override public int ioctl(int fd, NativeLong request, Pointer arg) { return RumpLibc.ioctl(fd, request, arg); }
        @Override public int socket(int domain, int type, int protocol) { return RumpLibc.socket(domain, type, protocol); }
        @Override public int bind(int fd, byte[] sa, int len) { return RumpLibc.bind(fd, sa, len); }
        @Override public int listen(int fd, int backlog) { return RumpLibc.listen(fd, backlog); }
        @Override public int accept(int fd, byte[] sa, int[] len) { return RumpLibc.accept(fd, sa, len); }
        @Override public int connect(int fd, byte[] sa, int len) { return RumpLibc.connect(fd, sa, len); }
        @Override public int getsockname(int fd, byte[] sa, int[] len) { return RumpLibc.getsockname(fd, sa, len); }
        @Override public int setsockopt(int fd, int level, int name, int[] v, int len) { return RumpLibc.setsockopt(fd, level, name, v, len); }
        @Override public int getsockopt(int fd, int level, int name, int[] v, int[] len) { return RumpLibc.getsockopt(fd, level, name, v, len); }
        @Override public int setsockopt(int fd, int level, int name, byte[] v, int len) { return RumpLibc.setsockopt(fd, level, name, v, len); }
        @Override public int getsockopt(int fd, int level, int name, byte[] v, int[] len) { return RumpLibc.getsockopt(fd, level, name, v, len); }
        @Override public int shutdown(int fd, int how) { return RumpLibc.shutdown(fd, how); }
        @Override public int read(int fd, Pointer b, int n) { return RumpLibc.read(fd, b, n); }
        @Override public int write(int fd, Pointer b, int n) { return RumpLibc.write(fd, b, n); }
        @Override public int recvfrom(int fd, Pointer b, int n, int flags, Pointer from, Pointer fromLen) {
            return RumpLibc.recvfrom(fd, b, n, flags, from, fromLen);
        }
        @Override public int sendto(int fd, Pointer b, int n, int flags, Pointer to, int toLen) {
            return RumpLibc.sendto(fd, b, n, flags, to, toLen);
        }
        @Override public int poll(Pointer fds, int nfds, int timeoutMillis) { return RumpLibc.poll(fds, nfds, timeoutMillis); }
        @Override public int errno() { return Native.getLastError(); }
    }
}
