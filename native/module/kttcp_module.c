/*
 * kttcp4j: NetBSD's kttcp(4) (NetBSD/src sys/dev/kttcp.c, compiled unchanged next to this file) as a
 * loadable kernel module, kttcp.kmod. NetBSD ships no kttcp module (NetBSD/src sys/modules/Makefile has no
 * kttcp entry); amd64 GENERIC has no `pseudo-device kttcp`. See docs/netbsd.md, "kttcp as a module".
 *
 * The glue follows NetBSD's own small pseudo-device modules, clockctl above all (NetBSD/src
 * sys/dev/clockctl.c clockctl_modcmd, sys/modules/clockctl):
 *   - MODULE(MODULE_CLASS_DRIVER, kttcp, NULL): a driver-class module named like the device, so that
 *     opening /dev/kttcp autoloads it (NetBSD/src sys/miscfs/specfs/spec_vnops.c spec_open calls
 *     module_autoload(cdevsw_getname(major), MODULE_CLASS_DRIVER) when the node's driver is absent);
 *   - MODULE_CMD_INIT: devsw_attach("kttcp", ...) with both majors -1, which takes the major the port's
 *     majors file reserves by name (NetBSD/src sys/arch/amd64/conf/majors.amd64: `device-major kttcp char
 *     92`; sys/kern/subr_devsw.c devsw_attach looks the name up in devsw_conv);
 *   - MODULE_CMD_FINI: EBUSY while /dev/kttcp is open, else devsw_detach.
 *
 * kttcp.c keeps no open count: its cdevsw's d_open and d_close are nullopen and nullclose. So this file
 * attaches a cdevsw of its own that counts and calls through to kttcp_cdevsw's entries. specfs calls d_open on
 * every open(2) of the node but d_close only on the last close of the device (NetBSD/src
 * sys/miscfs/specfs/spec_vnops.c spec_close: `count = --sd->sd_opencnt; ... if (count != 0) return 0;`, then
 * cdev_close), so the count is of opens since the device was last wholly closed, and d_close sets it to 0.
 *
 * The same file builds the rump kernel's librumpdev_kttcp (native/rump/Makefile): a rump kernel runs the
 * MODULE_CMD_INIT of the modules linked into it at rump_init (NetBSD/src sys/rump/librump/rumpkern/rump.c,
 * module_init_class), with _MODULE defined (sys/rump/include/opt/opt_rumpkernel.h). Only the device node
 * is rump's own: a rump kernel has no MAKEDEV, so with KTTCP_RUMP_DEVNODE (set by native/rump/Makefile) INIT
 * also makes /dev/kttcp with rump_vfs_makeonedevnode (sys/rump/include/rump-sys/vfs.h), as
 * sys/rump/librump/rumpvfs/devnull.c does for /dev/null.
 */

#include <sys/param.h>
#include <sys/conf.h>
#include <sys/errno.h>
#include <sys/module.h>
#include <sys/mutex.h>
#include <sys/systm.h>

#ifdef KTTCP_RUMP_DEVNODE
#include <sys/stat.h>
#include <rump-sys/vfs.h>
#endif

/* kttcpattach's prototype: config(1) writes it from kttcp.ioconf, as for kttcp.c itself. */
#include "ioconf.h"

/* Defined in sys/dev/kttcp.c. */
extern const struct cdevsw kttcp_cdevsw;

MODULE(MODULE_CLASS_DRIVER, kttcp, NULL);

static kmutex_t kttcp_module_lock;
/* Opens of /dev/kttcp since its last close; under kttcp_module_lock. */
static unsigned int kttcp_module_opens;

static dev_type_open(kttcp_module_open);
static dev_type_close(kttcp_module_close);
static dev_type_ioctl(kttcp_module_ioctl);

/* kttcp_cdevsw's entries (sys/dev/kttcp.c), with open and close counting. */
static const struct cdevsw kttcp_module_cdevsw = {
	.d_open = kttcp_module_open,
	.d_close = kttcp_module_close,
	.d_read = noread,
	.d_write = nowrite,
	.d_ioctl = kttcp_module_ioctl,
	.d_stop = nostop,
	.d_tty = notty,
	.d_poll = nopoll,
	.d_mmap = nommap,
	.d_kqfilter = nokqfilter,
	.d_discard = nodiscard,
	.d_flag = D_OTHER
};

static int
kttcp_module_open(dev_t dev, int flag, int mode, struct lwp *l)
{
	int error;

	mutex_enter(&kttcp_module_lock);
	error = (*kttcp_cdevsw.d_open)(dev, flag, mode, l);
	if (error == 0)
		kttcp_module_opens++;
	mutex_exit(&kttcp_module_lock);
	return error;
}

static int
kttcp_module_close(dev_t dev, int flag, int mode, struct lwp *l)
{
	int error;

	/* The device's last close (spec_close, above): no descriptor is left. */
	mutex_enter(&kttcp_module_lock);
	error = (*kttcp_cdevsw.d_close)(dev, flag, mode, l);
	kttcp_module_opens = 0;
	mutex_exit(&kttcp_module_lock);
	return error;
}

static int
kttcp_module_ioctl(dev_t dev, u_long cmd, void *data, int flag, struct lwp *l)
{

	/* Not under the lock: KTTCP_IO_SEND and KTTCP_IO_RECV run for as long as the transfer. */
	return (*kttcp_cdevsw.d_ioctl)(dev, cmd, data, flag, l);
}

static int
kttcp_modcmd(modcmd_t cmd, void *arg)
{
	int error = 0;
#ifdef _MODULE
	/* -1 (NODEVMAJOR): the major reserved for "kttcp" in the port's majors file, as clockctl_modcmd. */
	devmajor_t bmajor = -1, cmajor = -1;
#endif

	switch (cmd) {
	case MODULE_CMD_INIT:
		mutex_init(&kttcp_module_lock, MUTEX_DEFAULT, IPL_NONE);
		kttcp_module_opens = 0;
#ifdef _MODULE
		error = devsw_attach("kttcp", NULL, &bmajor, &kttcp_module_cdevsw, &cmajor);
		if (error != 0) {
			mutex_destroy(&kttcp_module_lock);
			return error;
		}
#ifdef KTTCP_RUMP_DEVNODE
		/* EEXIST: the node of an earlier load of this module (a rump kernel keeps its /dev). */
		error = rump_vfs_makeonedevnode(S_IFCHR, "/dev/kttcp", cmajor, 0);
		if (error != 0 && error != EEXIST) {
			devsw_detach(NULL, &kttcp_module_cdevsw);
			mutex_destroy(&kttcp_module_lock);
			return error;
		}
		error = 0;
#endif
#endif
		/* As for `pseudo-device kttcp` in a kernel config; kttcp.c's kttcpattach does nothing. */
		kttcpattach(1);
		break;

	case MODULE_CMD_FINI:
		mutex_enter(&kttcp_module_lock);
		if (kttcp_module_opens != 0) {
			mutex_exit(&kttcp_module_lock);
			return EBUSY;
		}
#ifdef _MODULE
		/*
		 * Its result is not used: devsw_detach returned int, always 0, up to NetBSD 9 (sys/kern/subr_devsw.c),
		 * and returns void since (sys/sys/conf.h rev 1.162: `void devsw_detach(...)`).
		 */
		devsw_detach(NULL, &kttcp_module_cdevsw);
#endif
		mutex_exit(&kttcp_module_lock);
		mutex_destroy(&kttcp_module_lock);
		break;

	default:
		error = ENOTTY;
		break;
	}
	return error;
}
