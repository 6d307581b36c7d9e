/*
 * kttcp_abi: prints, as one JSON object, the ABI kttcp4j's binding must match, as this machine's own compiler
 * and headers see it: sizeof and offsetof of struct kttcp_io_args, KTTCP_IO_SEND and KTTCP_IO_RECV, and the
 * socket, open and errno constants the binding passes or reads. The keys are those of `kttcp4j abi --json`, and
 * src/test/java/org/kttcp4j/abi/NativeProbeTest.java compares the two.
 *
 * On NetBSD it uses <dev/kttcpio.h> and <sys/socket.h> themselves; on Linux a mirror of kttcpio.h
 * (linux/dev/kttcpio.h) and glibc's headers, so the Linux side of the binding is checked too.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <net/if.h>
#ifdef __NetBSD__
#include <net/if_media.h>
#include <sys/sockio.h>
#else
#include <linux/ethtool.h>
#include <linux/sockios.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __NetBSD__
#include <dev/kttcpio.h>
#else
#include "linux/dev/kttcpio.h"
#endif

static int first;

static void
begin(const char *name)
{
	printf("%s\"%s\":{", first ? "" : ",", name);
	first = 1;
}

static void
end(void)
{
	printf("}");
	first = 0;
}

static void
num(const char *name, long long value)
{
	printf("%s\"%s\":%lld", first ? "" : ",", name, value);
	first = 0;
}

#define	C(x)	num(#x, (long long)(x))

int
main(void)
{
	struct kttcp_io_args kio;
	struct utsname u;

	printf("{");
	first = 1;
	begin("kttcp_io_args");
	first = 1;
	num("size", (long long)sizeof(struct kttcp_io_args));
	num("timeval_size", (long long)sizeof(kio.kio_elapsed));
	begin("offsets");
	first = 1;
	num("kio_totalsize", (long long)offsetof(struct kttcp_io_args, kio_totalsize));
	num("kio_bytesdone", (long long)offsetof(struct kttcp_io_args, kio_bytesdone));
	num("kio_elapsed", (long long)offsetof(struct kttcp_io_args, kio_elapsed));
	num("kio_socket", (long long)offsetof(struct kttcp_io_args, kio_socket));
	num("kio_protovers", (long long)offsetof(struct kttcp_io_args, kio_protovers));
	end();
	end();

	printf(",\"ioctl\":{\"KTTCP_IO_SEND\":\"0x%08lx\",\"KTTCP_IO_RECV\":\"0x%08lx\"}",
	    (unsigned long)KTTCP_IO_SEND, (unsigned long)KTTCP_IO_RECV);

	begin("sizes");
	first = 1;
	num("sockaddr_in", (long long)sizeof(struct sockaddr_in));
	num("sockaddr_in6", (long long)sizeof(struct sockaddr_in6));
	num("pollfd", (long long)sizeof(struct pollfd));
	num("pollfd_events", (long long)offsetof(struct pollfd, events));
	num("pollfd_revents", (long long)offsetof(struct pollfd, revents));
	end();

	begin("constants");
	first = 1;
	C(AF_INET); C(AF_INET6); C(SOCK_STREAM);
	C(SOL_SOCKET); C(SO_REUSEADDR); C(SO_SNDBUF); C(SO_RCVBUF); C(SO_RCVLOWAT);
#ifdef SO_NOSIGPIPE
	C(SO_NOSIGPIPE);
#endif
	C(IPPROTO_TCP); C(TCP_NODELAY); C(IPPROTO_IPV6); C(IPV6_V6ONLY);
	C(O_RDONLY); C(O_WRONLY); C(O_RDWR); C(O_NONBLOCK); C(O_CLOEXEC);
	C(SHUT_RD); C(SHUT_WR); C(SHUT_RDWR);
	C(MSG_PEEK); C(MSG_WAITALL); C(MSG_TRUNC); C(MSG_DONTWAIT);
	C(POLLIN); C(POLLOUT);
#ifdef MSG_NOSIGNAL
	C(MSG_NOSIGNAL);
#endif
	end();

	begin("errno");
	first = 1;
	C(EPERM); C(ENOENT); C(EINTR); C(EIO); C(ENXIO); C(EBADF); C(ENOMEM); C(EACCES); C(EFAULT);
	C(EBUSY); C(ENODEV); C(EINVAL); C(EMFILE); C(ENOTTY); C(EPIPE); C(EAGAIN); C(EINPROGRESS);
	C(ENOTSOCK); C(EMSGSIZE); C(EOPNOTSUPP); C(EAFNOSUPPORT); C(EADDRINUSE); C(EADDRNOTAVAIL);
	C(ENETUNREACH); C(ECONNRESET); C(ENOBUFS); C(EISCONN); C(ENOTCONN); C(ETIMEDOUT);
	C(ECONNREFUSED); C(EHOSTUNREACH); C(ENOSYS);
	end();

	/* the interface ioctls and their structs (src/main/java/org/kttcp4j/abi/InterfaceAbi.java, docs/nic.md) */
	begin("interfaces");
	first = 1;
	C(IFNAMSIZ);
	num("sizeof_ifreq", (long long)sizeof(struct ifreq));
	num("sizeof_ifconf", (long long)sizeof(struct ifconf));
	num("SIOCGIFCONF", (long long)(unsigned long)SIOCGIFCONF);
	num("SIOCGIFMTU", (long long)(unsigned long)SIOCGIFMTU);
	num("SIOCGIFFLAGS", (long long)(unsigned long)SIOCGIFFLAGS);
	C(IFF_LOOPBACK);
#ifdef __NetBSD__
	num("sizeof_ifmediareq", (long long)sizeof(struct ifmediareq));
	num("offsetof_ifm_status", (long long)offsetof(struct ifmediareq, ifm_status));
	num("offsetof_ifm_active", (long long)offsetof(struct ifmediareq, ifm_active));
	num("sizeof_ifcapreq", (long long)sizeof(struct ifcapreq));
	num("SIOCGIFMEDIA", (long long)(unsigned long)SIOCGIFMEDIA);
	num("SIOCGIFCAP", (long long)(unsigned long)SIOCGIFCAP);
	C(IFM_NMASK); C(IFM_TMASK); C(IFM_ETHER); C(IFM_AVALID); C(IFM_ACTIVE); C(IFM_1000_T); C(IFM_10G_T);
	C(IFCAP_TSOv4); C(IFCAP_TSOv6); C(IFCAP_LRO); C(IFCAP_CSUM_IPv4_Rx); C(IFCAP_CSUM_IPv4_Tx);
	C(IFCAP_CSUM_TCPv4_Rx); C(IFCAP_CSUM_TCPv4_Tx); C(IFCAP_CSUM_TCPv6_Rx); C(IFCAP_CSUM_TCPv6_Tx);
#else
	C(SIOCETHTOOL);
	num("sizeof_ethtool_cmd", (long long)sizeof(struct ethtool_cmd));
	num("offsetof_ethtool_cmd_speed", (long long)offsetof(struct ethtool_cmd, speed));
	num("offsetof_ethtool_cmd_speed_hi", (long long)offsetof(struct ethtool_cmd, speed_hi));
	num("sizeof_ethtool_drvinfo", (long long)sizeof(struct ethtool_drvinfo));
	num("offsetof_ethtool_drvinfo_driver", (long long)offsetof(struct ethtool_drvinfo, driver));
	num("sizeof_ethtool_value", (long long)sizeof(struct ethtool_value));
	C(ETHTOOL_GSET); C(ETHTOOL_GDRVINFO); C(ETHTOOL_GRXCSUM); C(ETHTOOL_GTXCSUM); C(ETHTOOL_GTSO);
	C(ETHTOOL_GGSO); C(ETHTOOL_GFLAGS); C(ETHTOOL_GGRO); C(ETH_FLAG_LRO);
#endif
	end();

	if (uname(&u) == 0)
		printf(",\"os\":\"%s\",\"arch\":\"%s\"", u.sysname, u.machine);
	printf("}\n");
	return 0;
}
