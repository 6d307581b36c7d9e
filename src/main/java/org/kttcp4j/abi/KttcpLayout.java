package org.kttcp4j.abi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of struct kttcp_io_args as JNA computed it for this platform, checked against NetBSD's table
 * (docs/netbsd.md, "struct kttcp_io_args"): LP64 and earm are 40 bytes, i386 36. A layout that matches neither
 * would make the kernel read garbage, so it is refused with an error before any ioctl.
 */
public record KttcpLayout(int size, int timevalSize, Map<String, Integer> offsets) {

    /** docs/netbsd.md: sizeof(struct kttcp_io_args) on the ABIs NetBSD ships. */
    public static final int SIZE_LP64 = 40;
    public static final int SIZE_I386 = 36;

    static final String[] FIELDS = {"kio_totalsize", "kio_bytesdone", "kio_elapsed", "kio_socket", "kio_protovers"};

    public static KttcpLayout ofThisPlatform() {
        KttcpIoArgs args = new KttcpIoArgs();
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String field : FIELDS) {
            offsets.put(field, args.offsetOf(field));
        }
        return new KttcpLayout(args.size(), args.kio_elapsed.size(), Collections.unmodifiableMap(offsets));
    }

    /** The size NetBSD uses on this architecture (os.arch names as the JVM reports them). */
    public static int expectedSize(String osArch) {
        return switch (osArch) {
            case "x86", "i386", "i486", "i586", "i686" -> SIZE_I386;
            default -> SIZE_LP64; // amd64, aarch64, sparcv9, riscv64, arm (EABI aligns 64-bit members to 8)
        };
    }

    /** Throws when this layout is not the one NetBSD's kernel uses on this architecture. */
    public KttcpLayout checked(String osArch) {
        int expected = expectedSize(osArch);
        if (size != expected) {
            throw new IllegalStateException("struct kttcp_io_args is " + size + " bytes here but NetBSD's kernel on "
                    + osArch + " expects " + expected + ": refusing to issue ioctls with a mismatched struct;"
                    + " report this platform to kttcp4j");
        }
        return this;
    }

    public long sendRequest() {
        return IoctlRequest.kttcpSend(size);
    }

    public long recvRequest() {
        return IoctlRequest.kttcpRecv(size);
    }
}
