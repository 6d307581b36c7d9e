package org.kttcp4j.posix;

import java.nio.file.Path;
import org.kttcp4j.PublicApi;
import org.kttcp4j.abi.Abi;
import org.kttcp4j.abi.Constant;

/**
 * A kernel to make system calls to: the host's ({@link #host()}), or NetBSD's own code in a rump kernel in this
 * process ({@link #rump}) or in a rump server ({@link #rumpClient}). The device, the sockets and the engines take
 * a Kernel, so another kernel can stand behind the same code; its calls and ABI table are internal
 * ({@link Kernels}). Descriptors are the kernel's own: a rump kernel's descriptors mean nothing to the host.
 */
@PublicApi
public final class Kernel {
    private static volatile Kernel host;

    private final String name;
    private final Abi abi;
    private final Syscalls sys;

    /** Made by the loaders here (host, rump, rump client) and {@link Kernels#of}. */
    Kernel(String name, Abi abi, Syscalls sys) {
        this.name = name;
        this.abi = abi;
        this.sys = sys;
    }

    /**
     * The kernel this JVM runs on, through its libc.
     * @return the host's kernel, made once
     */
    public static Kernel host() {
        Kernel k = host;
        if (k == null) {
            synchronized (Kernel.class) {
                if (host == null) {
                    host = new Kernel("host", Abi.host(), HostSyscalls.INSTANCE);
                }
                k = host;
            }
        }
        return k;
    }

    /**
     * NetBSD's kernel code as a rump kernel from dir, loaded into this process (once).
     * @param dir the folder that holds the rump kernel's libraries (librump*.so)
     * @return the rump kernel
     */
    public static Kernel rump(Path dir) {
        return RumpKernel.load(dir);
    }

    /**
     * True for the kernel this JVM runs on (its descriptors are the JDK's too).
     * @return true for the host's kernel
     */
    public boolean isHost() {
        return sys instanceof HostSyscalls;
    }


    /**
     * A NetBSD kernel in a running rump server at url (unix:///path/a.sock), as its client (once).
     * @param url the rump server's address, as RUMP_SERVER takes it
     * @return the rump server's kernel
     */
    public static Kernel rumpClient(String url) {
        return RumpClientKernel.rumpClient(url);
    }

    /**
     * "host", "rump:DIR", or "rumpclient:URL".
     * @return the kernel's name, as reports print it
     */
    public String name() {
        return name;
    }

    /** Its ABI table (internal: {@link Kernels#abi}). */
    Abi abi() {
        return abi;
    }

    /** Its system calls (internal: {@link Kernels#sys}). */
    Syscalls sys() {
        return sys;
    }

    /** Shorthand for abi().get(c) (internal: {@link Kernels#c}). */
    int c(Constant c) {
        return abi.get(c);
    }

    /**
     * The exception for a call that just failed on this thread.
     * @param call the call's name, as the message starts ("accept", "open /dev/kttcp")
     * @return the exception, with the errno from this kernel's table
     */
    public ErrnoException error(String call) {
        return new ErrnoException(call, abi.errno().lookup(sys.errno()), null);
    }

    /**
     * Returns r, or throws the call's error when r is -1.
     * @param call the call's name, for the message
     * @param r the call's return value
     * @return r, when it is not -1
     * @throws ErrnoException when r is -1, with this thread's errno
     */
    public int check(String call, int r) throws ErrnoException {
        if (r == -1) {
            throw error(call);
        }
        return r;
    }

    @Override
    public String toString() {
        return name + " (" + abi.name() + " ABI)";
    }
}
