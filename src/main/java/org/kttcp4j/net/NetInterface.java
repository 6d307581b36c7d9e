package org.kttcp4j.net;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import org.kttcp4j.PublicApi;

/**
 * The network interface that holds a connection's local address, as its kernel describes it ({@link Interfaces}).
 * Every field is what the kernel said; one it would not say is null (an empty list for offloads it said nothing
 * of), and {@link #notes} says why, so nothing is guessed.
 *
 * @param name the interface's name (eth0, veth1, wm0, shmif0, lo)
 * @param driver Linux: the driver the device is bound to (its sysfs device/driver link, else ethtool's
 *     GDRVINFO); NetBSD: the name's prefix, the driver's name by NetBSD's convention (wm0: wm); null when unknown
 * @param loopback IFF_LOOPBACK: a loopback interface has no link and so no line
 * @param speedBitsPerSecond the link speed the kernel reports (Linux: ethtool's speed; NetBSD: SIOCGIFMEDIA's
 *     active medium), null when it reports none
 * @param mtu SIOCGIFMTU, null when the ioctl failed
 * @param media NetBSD: SIOCGIFMEDIA's active word in hex ("0x00100016"), null elsewhere or without media
 * @param offloadsEnabled the offloads switched on (Linux: ethtool -k's names; NetBSD: ifconfig's)
 * @param offloadsAvailable the offloads the interface can do (NetBSD's ifcr_capabilities); null where the
 *     kernel was not asked (Linux's legacy ethtool commands say only what is on)
 * @param notes why a field is absent: "loopback: no link speed", "SIOCGIFMEDIA: Inappropriate ioctl for device"
 */
@PublicApi
public record NetInterface(String name, String driver, boolean loopback, Long speedBitsPerSecond, Integer mtu,
        String media, List<String> offloadsEnabled, List<String> offloadsAvailable, List<String> notes) {

    /**
     * Copies the lists: an absent list of offloads enabled or of notes is empty, of offloads available null.
     *
     * @param name the interface's name
     * @param driver its driver, null when unknown
     * @param loopback whether it is a loopback interface
     * @param speedBitsPerSecond its link speed, null when the kernel reports none
     * @param mtu its MTU, null when SIOCGIFMTU failed
     * @param media NetBSD's active media word in hex, null elsewhere
     * @param offloadsEnabled the offloads switched on
     * @param offloadsAvailable the offloads it can do, null where the kernel was not asked
     * @param notes why a field is absent
     */
    public NetInterface {
        offloadsEnabled = offloadsEnabled == null ? List.of() : List.copyOf(offloadsEnabled);
        offloadsAvailable = offloadsAvailable == null ? null : List.copyOf(offloadsAvailable);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * The link speed in bits per second.
     *
     * @return the speed, or empty when the kernel reports none (loopback, a veth's peer, a link that is down)
     */
    public OptionalLong speed() {
        return speedBitsPerSecond == null ? OptionalLong.empty() : OptionalLong.of(speedBitsPerSecond);
    }

    /**
     * One line for people.
     *
     * @return "veth1 (driver veth), 10 Gbit/s, MTU 1500, offloads tso gso gro"; "speed unknown" and "MTU unknown"
     *     where the kernel did not say
     */
    public String describe() {
        StringBuilder b = new StringBuilder(name);
        b.append(driver != null ? " (driver " + driver + ")" : "");
        if (loopback) {
            b.append(", loopback");
        } else {
            b.append(speedBitsPerSecond != null ? ", " + speedText(speedBitsPerSecond) : ", speed unknown");
        }
        b.append(mtu != null ? ", MTU " + mtu : ", MTU unknown");
        if (!offloadsEnabled.isEmpty()) {
            b.append(", offloads ").append(String.join(" ", offloadsEnabled));
        }
        return b.toString();
    }

    /**
     * A link speed as people write it.
     *
     * @param bitsPerSecond the speed in bits per second
     * @return "10 Gbit/s", "100 Mbit/s", "2.5 Gbit/s"; under 1 Mbit/s in bit/s
     */
    public static String speedText(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000_000L) {
            return plain(bitsPerSecond / 1e9) + " Gbit/s";
        }
        if (bitsPerSecond >= 1_000_000L) {
            return plain(bitsPerSecond / 1e6) + " Mbit/s";
        }
        return bitsPerSecond + " bit/s";
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
