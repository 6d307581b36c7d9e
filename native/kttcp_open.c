/*
 * kttcp_open: does /dev/kttcp open read-write here? Exit 0 if it does; 3 if the node exists but the kernel has no
 * kttcp (ENXIO/ENODEV: load kttcp4j's module, native/module/kttcp-module.sh, or build a kernel with
 * `pseudo-device kttcp`); 4 if there is no node (ENOENT: cd /dev && sh MAKEDEV kttcp); 2 for anything else.
 * native/module/kttcp-module.sh and vagrant/provision use it to decide whether kttcp is ready.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	int fd = open("/dev/kttcp", O_RDWR);

	if (fd != -1) {
		close(fd);
		printf("/dev/kttcp: opens\n");
		return 0;
	}
	printf("/dev/kttcp: %s\n", strerror(errno));
	if (errno == ENXIO || errno == ENODEV)
		return 3;
	if (errno == ENOENT)
		return 4;
	return 2;
}
