#!/bin/sh
# kttcp for the stock kernel of the box: kttcp4j's loadable module (native/module/kttcp-module.sh builds it
# against the release's syssrc, loads it, makes /dev/kttcp and checks that it opens), installed so that it
# autoloads after a reboot too. No kernel build, no reboot. For a kernel without options MODULAR, provision
# with KTTCP4J_KTTCP=kernel instead (provision/kernel.sh, then a reboot).
set -eu
sh "${KTTCP4J_TOP:-/vagrant}/native/module/kttcp-module.sh" --install
