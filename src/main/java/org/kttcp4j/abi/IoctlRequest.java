package org.kttcp4j.abi;

/**
 * NetBSD's ioctl request encoding, src: sys/sys/ioccom.h (NetBSD/src):
 * {@code _IOC(dir, group, num, len) = dir | ((len & IOCPARM_MASK) << 16) | (group << 8) | num}.
 * The kttcp requests are {@code _IOWR('K', 0|1, struct kttcp_io_args)}, src: sys/dev/kttcpio.h, so their value
 * depends on the struct's size on the target: computed here from it, never hard-coded.
 */
public final class IoctlRequest {
    /** src: sys/sys/ioccom.h */
    static final long IOCPARM_MASK = 0x1fff;
    static final long IOC_VOID = 0x20000000L;
    static final long IOC_OUT = 0x40000000L;
    static final long IOC_IN = 0x80000000L;
    static final long IOC_INOUT = IOC_IN | IOC_OUT;

    /** src: sys/dev/kttcpio.h: group 'K', SEND is number 0, RECV number 1. */
    static final char KTTCP_GROUP = 'K';
    static final int KTTCP_SEND_NUM = 0;
    static final int KTTCP_RECV_NUM = 1;

    private IoctlRequest() {}

    /** {@code _IOC(dir, group, num, len)} as an unsigned 32-bit value in a long. */
    public static long ioc(long dir, char group, int num, int len) {
        return dir | ((len & IOCPARM_MASK) << 16) | ((long) group << 8) | num;
    }

    /** {@code _IOWR(group, num, type)} for a type of the given size. */
    public static long iowr(char group, int num, int size) {
        return ioc(IOC_INOUT, group, num, size);
    }

    /** KTTCP_IO_SEND for a struct kttcp_io_args of this size. */
    public static long kttcpSend(int structSize) {
        return iowr(KTTCP_GROUP, KTTCP_SEND_NUM, structSize);
    }

    /** KTTCP_IO_RECV for a struct kttcp_io_args of this size. */
    public static long kttcpRecv(int structSize) {
        return iowr(KTTCP_GROUP, KTTCP_RECV_NUM, structSize);
    }

    public static String hex(long request) {
        return String.format("0x%08x", request);
    }
}
