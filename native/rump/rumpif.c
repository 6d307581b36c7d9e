/*
 * kttcp4j-rumpif: give a running rump kernel (a rump_server) a shmif Ethernet interface with an IPv4 address.
 * buildrump.sh builds no rump.ifconfig, so kttcp4j's topology script (two-kernels.sh) uses this instead.
 *
 *   RUMP_SERVER=unix:///path/a.sock kttcp4j-rumpif IFNAME BUSFILE ADDRESS/PREFIXLEN
 *   e.g.                              kttcp4j-rumpif shmif0 /tmp/bus 198.18.0.1/24
 *
 * It is a rump client (librumpclient): every call below is a system call in the rump kernel named by
 * RUMP_SERVER, so every structure and number is NetBSD's, whatever the host is. Steps, as NetBSD's own
 * ifconfig(8) would make them:
 *   SIOCIFCREATE  IFNAME               create the interface (the shmif clone: sys/rump/net/lib/libshmif/if_shmem.c)
 *   SIOCSLINKSTR  BUSFILE              attach it to the bus file (if_shmem.c shmif_ioctl: ifd_cmd 0, ifd_len
 *                                      includes the terminating NUL, the file is created if missing)
 *   SIOCAIFADDR   ADDRESS/PREFIXLEN    address and netmask (sys/netinet/in.c)
 *   SIOCGIFFLAGS + SIOCSIFFLAGS IFF_UP bring it up
 * Structures and ioctl numbers: NetBSD sys/net/if.h (struct ifreq, ifaliasreq, ifdrv), sys/sys/sockio.h,
 * sys/sys/ioccom.h, sys/sys/socket.h (struct sockaddr with sa_len), sys/netinet/in.h (struct sockaddr_in).
 * They are declared here because a Linux host has no NetBSD headers; on NetBSD the compiler checks them
 * against the system's own.
 *
 * Exit 0 when the interface is up with the address; 1 for a usage error; 2 when a call fails (the message names
 * the call and NetBSD's errno number).
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rump/rumpclient.h>
#include <rump/rump_syscalls.h>

#define NB_IFNAMSIZ	16		/* sys/net/if.h: IFNAMSIZ = IF_NAMESIZE 16 */
#define NB_AF_INET	2		/* sys/sys/socket.h */
#define NB_SOCK_DGRAM	2		/* sys/sys/socket.h */
#define NB_IFF_UP	0x0001		/* sys/net/if.h */

/* sys/sys/ioccom.h */
#define NB_IOC_OUT	0x40000000UL
#define NB_IOC_IN	0x80000000UL
#define NB_IOC_INOUT	(NB_IOC_IN | NB_IOC_OUT)
#define NB_IOC(dir, group, num, len) \
	((unsigned long)(dir) | (((unsigned long)(len) & 0x1fffUL) << 16) | ((unsigned long)(group) << 8) | (num))

/* sys/sys/socket.h: struct sockaddr, BSD layout with sa_len. */
struct nb_sockaddr {
	uint8_t sa_len;
	uint8_t sa_family;
	char sa_data[14];
};

/* sys/netinet/in.h: struct sockaddr_in. */
struct nb_sockaddr_in {
	uint8_t sin_len;
	uint8_t sin_family;
	uint16_t sin_port;
	uint32_t sin_addr;
	char sin_zero[8];
};

/* sys/sys/socket.h: struct sockaddr_storage (_SS_MAXSIZE 128, aligned to int64). */
struct nb_sockaddr_storage {
	uint8_t ss_len;
	uint8_t ss_family;
	char ss_pad1[6];
	int64_t ss_align;
	char ss_pad2[112];
};

/* sys/net/if.h: struct ifreq (only the members used here, plus the union's largest and pointer members). */
struct nb_ifreq {
	char ifr_name[NB_IFNAMSIZ];
	union {
		struct nb_sockaddr_storage ifru_space;
		short ifru_flags;
		void *ifru_data;
	} ifr_ifru;
};

/* sys/net/if.h: struct ifaliasreq. */
struct nb_ifaliasreq {
	char ifra_name[NB_IFNAMSIZ];
	struct nb_sockaddr ifra_addr;
	struct nb_sockaddr ifra_dstaddr;	/* ifra_broadaddr */
	struct nb_sockaddr ifra_mask;
};

/* sys/net/if.h: struct ifdrv. */
struct nb_ifdrv {
	char ifd_name[NB_IFNAMSIZ];
	unsigned long ifd_cmd;
	size_t ifd_len;
	void *ifd_data;
};

/* sys/sys/sockio.h */
#define NB_SIOCSIFFLAGS		NB_IOC(NB_IOC_IN, 'i', 16, sizeof(struct nb_ifreq))
#define NB_SIOCGIFFLAGS		NB_IOC(NB_IOC_INOUT, 'i', 17, sizeof(struct nb_ifreq))
#define NB_SIOCAIFADDR		NB_IOC(NB_IOC_IN, 'i', 26, sizeof(struct nb_ifaliasreq))
#define NB_SIOCIFCREATE		NB_IOC(NB_IOC_IN, 'i', 122, sizeof(struct nb_ifreq))
#define NB_SIOCSLINKSTR		NB_IOC(NB_IOC_IN, 'i', 136, sizeof(struct nb_ifdrv))

#ifdef __NetBSD__
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>
_Static_assert(sizeof(struct nb_ifreq) == sizeof(struct ifreq), "struct ifreq");
_Static_assert(sizeof(struct nb_ifaliasreq) == sizeof(struct ifaliasreq), "struct ifaliasreq");
_Static_assert(sizeof(struct nb_ifdrv) == sizeof(struct ifdrv), "struct ifdrv");
_Static_assert(NB_SIOCSIFFLAGS == SIOCSIFFLAGS, "SIOCSIFFLAGS");
_Static_assert(NB_SIOCGIFFLAGS == SIOCGIFFLAGS, "SIOCGIFFLAGS");
_Static_assert(NB_SIOCAIFADDR == SIOCAIFADDR, "SIOCAIFADDR");
_Static_assert(NB_SIOCIFCREATE == SIOCIFCREATE, "SIOCIFCREATE");
_Static_assert(NB_SIOCSLINKSTR == SIOCSLINKSTR, "SIOCSLINKSTR");
#endif

/* NetBSD's names for the numbers these calls give most often (sys/sys/errno.h). */
static const char *
nb_errname(int e)
{
	switch (e) {
	case 1: return "EPERM";
	case 2: return "ENOENT";
	case 6: return "ENXIO";
	case 13: return "EACCES";
	case 16: return "EBUSY";
	case 17: return "EEXIST";
	case 22: return "EINVAL";
	case 45: return "EOPNOTSUPP";
	case 47: return "EAFNOSUPPORT";
	case 49: return "EADDRNOTAVAIL";
	case 61: return "ECONNREFUSED";
	case 63: return "ENAMETOOLONG";
	default: return "";
	}
}

static int
fail(const char *call, const char *what, const char *hint)
{
	int e = errno;

	fprintf(stderr, "kttcp4j-rumpif: %s %s in the rump kernel at %s failed: NetBSD errno %d %s%s%s\n",
	    call, what, getenv("RUMP_SERVER"), e, nb_errname(e), hint[0] ? ": " : "", hint);
	return 2;
}

static void
set_sin(struct nb_sockaddr *sa, uint32_t addr_be)
{
	struct nb_sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_len = sizeof(sin);
	sin.sin_family = NB_AF_INET;
	sin.sin_addr = addr_be;
	memcpy(sa, &sin, sizeof(sin));
}

static int
usage(const char *why)
{
	fprintf(stderr, "kttcp4j-rumpif: %s\n"
	    "usage: RUMP_SERVER=unix:///path/a.sock kttcp4j-rumpif IFNAME BUSFILE ADDRESS/PREFIXLEN\n"
	    "   e.g. RUMP_SERVER=unix:///tmp/a.sock kttcp4j-rumpif shmif0 /tmp/bus 198.18.0.1/24\n", why);
	return 1;
}

int
main(int argc, char **argv)
{
	struct nb_ifreq ifr;
	struct nb_ifdrv ifd;
	struct nb_ifaliasreq ifra;
	struct in_addr addr;
	char addrbuf[64], *slash, *end;
	const char *ifname, *bus;
	long plen;
	uint32_t mask;
	int s;

	if (argc != 4)
		return usage("three arguments needed");
	ifname = argv[1];
	bus = argv[2];
	if (strlen(ifname) == 0 || strlen(ifname) >= NB_IFNAMSIZ)
		return usage("IFNAME must be 1 to 15 characters (e.g. shmif0)");
	if (strlen(bus) == 0 || strlen(bus) >= 1024)	/* MAXPATHLEN, sys/sys/param.h */
		return usage("BUSFILE must be a path shorter than 1024 bytes");
	if (strlen(argv[3]) >= sizeof(addrbuf))
		return usage("ADDRESS/PREFIXLEN is too long");
	strcpy(addrbuf, argv[3]);
	slash = strchr(addrbuf, '/');
	if (slash == NULL)
		return usage("ADDRESS needs a /PREFIXLEN (e.g. 198.18.0.1/24)");
	*slash = '\0';
	errno = 0;
	plen = strtol(slash + 1, &end, 10);
	if (errno != 0 || *end != '\0' || end == slash + 1 || plen < 1 || plen > 32)
		return usage("PREFIXLEN must be 1 to 32");
	if (inet_pton(AF_INET, addrbuf, &addr) != 1)
		return usage("ADDRESS must be an IPv4 address in dotted form");
	if (getenv("RUMP_SERVER") == NULL)
		return usage("RUMP_SERVER is not set: set it to the rump server's URL (unix:///path/a.sock)");
	mask = plen == 32 ? 0xffffffffU : ~(0xffffffffU >> plen);

	if (rumpclient_init() != 0) {
		fprintf(stderr, "kttcp4j-rumpif: cannot connect to the rump server at %s (%s): is it running?\n",
		    getenv("RUMP_SERVER"), strerror(errno));
		return 2;
	}
	s = rump_sys_socket(NB_AF_INET, NB_SOCK_DGRAM, 0);
	if (s == -1)
		return fail("socket", "(AF_INET)", "the server needs -lrumpnet_netinet");

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name) - 1);
	if (rump_sys_ioctl(s, NB_SIOCIFCREATE, &ifr) == -1)
		return fail("SIOCIFCREATE", ifname, errno == 17 ? "the interface exists already"
		    : "the server needs -lrumpnet_shmif for shmif interfaces");

	memset(&ifd, 0, sizeof(ifd));
	strncpy(ifd.ifd_name, ifname, sizeof(ifd.ifd_name) - 1);
	ifd.ifd_cmd = 0;
	ifd.ifd_len = strlen(bus) + 1;
	ifd.ifd_data = (void *)(uintptr_t)bus;
	if (rump_sys_ioctl(s, NB_SIOCSLINKSTR, &ifd) == -1)
		return fail("SIOCSLINKSTR", bus, "the rump server must be able to create and map that file");

	memset(&ifra, 0, sizeof(ifra));
	strncpy(ifra.ifra_name, ifname, sizeof(ifra.ifra_name) - 1);
	set_sin(&ifra.ifra_addr, addr.s_addr);
	set_sin(&ifra.ifra_mask, htonl(mask));
	set_sin(&ifra.ifra_dstaddr, (addr.s_addr & htonl(mask)) | htonl(~mask));
	if (rump_sys_ioctl(s, NB_SIOCAIFADDR, &ifra) == -1)
		return fail("SIOCAIFADDR", argv[3], "");

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name) - 1);
	if (rump_sys_ioctl(s, NB_SIOCGIFFLAGS, &ifr) == -1)
		return fail("SIOCGIFFLAGS", ifname, "");
	ifr.ifr_ifru.ifru_flags |= NB_IFF_UP;
	if (rump_sys_ioctl(s, NB_SIOCSIFFLAGS, &ifr) == -1)
		return fail("SIOCSIFFLAGS", "IFF_UP", "");

	rump_sys_close(s);
	printf("%s %s up, bus %s, in %s\n", ifname, argv[3], bus, getenv("RUMP_SERVER"));
	return 0;
}
