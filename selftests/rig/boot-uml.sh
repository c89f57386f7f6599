#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a UML kernel with the host's root over hostfs and uml-init.sh as init.
# usage: boot-uml.sh KERNEL_BUILD_DIR MODE [ARGS...]
# Extra kernel parameters come from $VSW_UML_CMDLINE.
set -euo pipefail
kdir=$1
shift
rig=$(dirname "$(realpath "$0")")
exec "$kdir/linux" mem=2G rootfstype=hostfs rootflags=/ rw \
	con=null con0=fd:0,fd:1 \
	${VSW_UML_CMDLINE:-} \
	init="$rig/uml-init.sh" "$@" < /dev/null
