#!/bin/sh
# After the reboot into the kttcp kernel: make the device node and check that it opens. The VM is ready only
# if it does; otherwise this fails with the reason.
set -eu

[ -c /dev/kttcp ] || (cd /dev && sh MAKEDEV kttcp)
cc -o /tmp/kttcp_open /vagrant/native/kttcp_open.c
status=0
/tmp/kttcp_open || status=$?
case "${status}" in
0)  echo "ready: /dev/kttcp opens on $(uname -sr)" ;;
3)  echo "ready: /dev/kttcp gives ENXIO: the running kernel lacks pseudo-device kttcp (did the reboot pick /netbsd?)" >&2
    exit 1 ;;
*)  echo "ready: /dev/kttcp does not open (kttcp_open exit ${status})" >&2
    exit 1 ;;
esac
