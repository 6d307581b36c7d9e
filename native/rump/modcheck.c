/*
 * kttcp4j-rumpmodcheck: the kttcp module's unload and reload, in a running rump kernel (a rump_server), through
 * the module system's own calls: what `modunload kttcp` and `modload -f kttcp` do on NetBSD, on the same
 * module glue (native/module/kttcp_module.c) that librumpdev_kttcp is built from.
 *
 *   RUMP_SERVER=unix:///path/a.sock kttcp4j-rumpmodcheck
 *
 * Steps, each checked (a rump client: every call is a system call in that rump kernel, numbers are NetBSD's):
 *   1. open /dev/kttcp O_RDWR                       works (the module's INIT attached the device at rump_init)
 *   2. modctl(MODCTL_UNLOAD, "kttcp") while open    EBUSY (16): the module's FINI refuses while a descriptor is open
 *   3. close; modctl(MODCTL_UNLOAD, "kttcp")        0: FINI detached the device
 *   4. open /dev/kttcp                              ENXIO (6): the node is there, the driver is not
 *   5. modctl(MODCTL_LOAD, {"kttcp", MODCTL_LOAD_FORCE})  0: a builtin module unloaded once needs the force flag
 *                                                   to come back (sys/kern/kern_module.c module_do_load)
 *   6. open /dev/kttcp                              works again (INIT ran again; the node of step 1 was kept)
 * Constants: NetBSD sys/sys/module.h (enum modctl: MODCTL_LOAD 0, MODCTL_UNLOAD 1; MODCTL_LOAD_FORCE 0x1; struct
 * modctl_load), sys/sys/fcntl.h (O_RDWR 2), sys/sys/errno.h. Exit 0 when every step gave what it should; 2 and a
 * line naming the step otherwise.
 */

#include <stddef.h>
#include <stdio.h>
#include <errno.h>

#include <rump/rumpclient.h>
#include <rump/rump_syscalls.h>

#define NB_O_RDWR		2
#define NB_MODCTL_LOAD		0
#define NB_MODCTL_UNLOAD	1
#define NB_MODCTL_LOAD_FORCE	0x1
#define NB_EBUSY		16
#define NB_ENXIO		6

/* sys/sys/module.h: modctl_load_t */
struct nb_modctl_load {
	const char *ml_filename;
	int ml_flags;
	const char *ml_props;
	size_t ml_propslen;
};

static int
fail(const char *step, int got)
{
	fprintf(stderr, "kttcp4j-rumpmodcheck: %s: got %s %d\n", step, got < 0 ? "success" : "errno", got);
	return 2;
}

/* -1 for success, else the errno of the failed call. */
static int
result(int r)
{
	return r == -1 ? errno : -1;
}

int
main(void)
{
	struct nb_modctl_load ml = { "kttcp", NB_MODCTL_LOAD_FORCE, NULL, 0 };
	int fd, r;

	if (rumpclient_init() != 0) {
		perror("kttcp4j-rumpmodcheck: rumpclient_init (is RUMP_SERVER set to a running rump_server?)");
		return 2;
	}
	if ((fd = rump_sys_open("/dev/kttcp", NB_O_RDWR)) == -1)
		return fail("1. open /dev/kttcp", errno);
	if ((r = result(rump_sys_modctl(NB_MODCTL_UNLOAD, (void *)"kttcp"))) != NB_EBUSY)
		return fail("2. unload while open (want EBUSY 16)", r);
	printf("unload while /dev/kttcp is open: EBUSY\n");
	rump_sys_close(fd);
	if ((r = result(rump_sys_modctl(NB_MODCTL_UNLOAD, (void *)"kttcp"))) != -1)
		return fail("3. unload once closed (want success)", r);
	printf("unload once closed: ok\n");
	if ((r = result(fd = rump_sys_open("/dev/kttcp", NB_O_RDWR))) != NB_ENXIO)
		return fail("4. open after unload (want ENXIO 6)", r);
	printf("open after unload: ENXIO\n");
	if ((r = result(rump_sys_modctl(NB_MODCTL_LOAD, &ml))) != -1)
		return fail("5. load -f (want success)", r);
	printf("load again: ok\n");
	if ((fd = rump_sys_open("/dev/kttcp", NB_O_RDWR)) == -1)
		return fail("6. open after the load", errno);
	rump_sys_close(fd);
	printf("open after the load: ok\n");
	return 0;
}
