package org.kttcp4j.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.kttcp4j.PublicApi;

/**
 * TCP options every socket of a run gets (iperf3's -C, -N, -M): the congestion control by name (Linux's
 * TCP_CONGESTION), TCP_NODELAY, and TCP_MAXSEG. Null and false leave the kernel's defaults.
 *
 * @param congestion the congestion control's name (-C), or null for the kernel's
 * @param noDelay TCP_NODELAY (-N): Nagle's algorithm off
 * @param mss TCP_MAXSEG in bytes (-M), or null for the kernel's
 */
@PublicApi
public record TcpOptions(String congestion, boolean noDelay, Integer mss) {
    /** No option: every socket keeps the kernel's defaults. */
    public static final TcpOptions NONE = new TcpOptions(null, false, null);

    /** Linux: the names a process may choose (include/net/tcp.h TCP_CA_NAME_MAX 16 bounds each). */
    public static final Path LINUX_AVAILABLE = Path.of("/proc/sys/net/ipv4/tcp_available_congestion_control");
    /** TCP_CA_NAME_MAX, include/net/tcp.h (Linux). */
    public static final int CA_NAME_MAX = 16;

    /**
     * Whether no option is set.
     * @return true for {@link #NONE}
     */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * The congestion controls this Linux host offers, from {@link #LINUX_AVAILABLE}; empty when unreadable.
     * @return the names, or empty
     */
    public static List<String> linuxAvailable() {
        try {
            return Arrays.stream(Files.readString(LINUX_AVAILABLE).trim().split("\\s+")).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The one-line error for a name the kernel does not offer.
     * @param name the name asked
     * @param available the names the kernel offers (from {@link #linuxAvailable()})
     * @return the message, naming what to choose instead
     */
    public static String unknownCongestion(String name, List<String> available) {
        return "unknown congestion control '" + name + "': this kernel offers " + (available.isEmpty()
                ? "none that could be read from " + LINUX_AVAILABLE : String.join(" ", available) + " (" + LINUX_AVAILABLE
                + "; modprobe tcp_NAME adds one)");
    }

    /** NetBSD has no per-socket choice: what to do instead. docs/netbsd.md. */
    public static final String NETBSD_CONGESTION = "NetBSD chooses the congestion control for the whole system, not"
            + " per socket (TCP_CONGCTL is declared but not implemented in sys/netinet/tcp_usrreq.c): run sysctl -w"
            + " net.inet.tcp.congctl.selected=NAME on that host (sysctl net.inet.tcp.congctl.available lists the"
            + " names) and leave out -C";
}
