/*
 * kttcp4j: attach NetBSD's kttcp(4) (sys/dev/kttcp.c) to a rump kernel as a character device and create
 * /dev/kttcp in the rump kernel's file system, so that open("/dev/kttcp") and KTTCP_IO_SEND/RECV work there.
 *
 * Written for kttcp4j. The calls are the rump kernel's own interfaces:
 *   RUMP_COMPONENT()            sys/rump/include/rump-sys/kern.h (runs at rump_init, device phase)
 *   devsw_attach()              sys/kern/subr_devsw.c (NODEVMAJOR asks for a free major)
 *   rump_vfs_makeonedevnode()   sys/rump/include/rump-sys/vfs.h
 *   kttcpattach()               sys/dev/kttcp.c (declared in the ioconf.h config(1) makes from KTTCP.ioconf)
 * NetBSD has a fixed major for kttcp (92 on amd64, sys/arch/amd64/conf/majors.amd64); a rump kernel has no
 * majors table for it, so the device takes whatever major devsw_attach gives and the node is made with it.
 */

#include <sys/param.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/stat.h>

#include <rump-sys/kern.h>
#include <rump-sys/vfs.h>

#include "ioconf.h"

/* Defined in sys/dev/kttcp.c. */
extern const struct cdevsw kttcp_cdevsw;

RUMP_COMPONENT(RUMP_COMPONENT_DEV)
{
	devmajor_t bmaj = NODEVMAJOR, cmaj = NODEVMAJOR;
	int error;

	if ((error = devsw_attach("kttcp", NULL, &bmaj, &kttcp_cdevsw, &cmaj)) != 0)
		panic("kttcp4j: cannot attach kttcp: %d", error);
	if ((error = rump_vfs_makeonedevnode(S_IFCHR, "/dev/kttcp", cmaj, 0)) != 0)
		panic("kttcp4j: cannot create /dev/kttcp: %d", error);
	kttcpattach(0);
}
