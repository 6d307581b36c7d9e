/*
 * Linux has no <dev/kttcpio.h>. This mirrors NetBSD's sys/dev/kttcpio.h (NetBSD/src) and the _IOC encoding of
 * NetBSD's sys/sys/ioccom.h, so that native/kttcp_abi builds on Linux and prints what a NetBSD kernel of this
 * architecture expects (the struct's layout follows this compiler's alignment rules, as the kernel's does).
 * On NetBSD the system's own header is used instead; nothing here is a NetBSD number except the encoding.
 */
#ifndef KTTCP4J_LINUX_KTTCPIO_H
#define KTTCP4J_LINUX_KTTCPIO_H

#include <stdint.h>

/* NetBSD's struct timeval: time_t is 64-bit on every port, suseconds_t an int (sys/sys/types.h, sys/time.h). */
struct netbsd_timeval {
	int64_t	tv_sec;
	int	tv_usec;
};

struct kttcp_io_args {
	unsigned long long	kio_totalsize;	/* in */
	unsigned long long	kio_bytesdone;	/* out */
	struct netbsd_timeval	kio_elapsed;	/* out */
	int			kio_socket;	/* in */
	int			kio_protovers;	/* in: unused */
};

/* sys/sys/ioccom.h */
#define	NB_IOCPARM_MASK		0x1fff
#define	NB_IOC_OUT		((unsigned long)0x40000000)
#define	NB_IOC_IN		((unsigned long)0x80000000)
#define	NB_IOC_INOUT		(NB_IOC_IN | NB_IOC_OUT)
#define	NB_IOC(inout, group, num, len) \
	((inout) | (((len) & NB_IOCPARM_MASK) << 16) | ((group) << 8) | (num))
#define	NB_IOWR(g, n, t)	NB_IOC(NB_IOC_INOUT, (g), (n), sizeof(t))

/* sys/dev/kttcpio.h */
#define	KTTCP_IO_SEND	NB_IOWR('K', 0, struct kttcp_io_args)
#define	KTTCP_IO_RECV	NB_IOWR('K', 1, struct kttcp_io_args)

#endif
