#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: build what is needed and boot the UML VM in demo mode.
set -euo pipefail
rig=$(realpath "$(dirname "$0")")
"$rig/install-deps.sh"
kdir=$("$rig/build-uml.sh" "$rig/uml-debug.config")
"$rig/build-module.sh" uml "$kdir" um > /dev/null
make -s -C "$rig/../../tools/vswctl"
VSW_UML_CMDLINE="loglevel=3" "$rig/boot-uml.sh" "$kdir" demo 2>/dev/null |
	sed -n "/^=== /,\$p" | grep -v "^reboot:"
