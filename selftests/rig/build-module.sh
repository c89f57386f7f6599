#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the modules against one kernel in a copy of the sources of their own
# (build/NAME), so builds for several kernels do not clobber each other.
# usage: build-module.sh NAME KDIR [ARCH]
set -euo pipefail
root=$(realpath "$(dirname "$0")/../..")
name=$1 kdir=$2 arch=${3:-}
out=$root/build/$name
mkdir -p "$out"
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	--exclude='*.mod*' --exclude='modules.order' \
	"$root/kmod" "$root/uapi" "$root/Kbuild" "$root/dkms.conf" "$out/" 2>/dev/null ||
	{ rm -rf "${out:?}"/{kmod,uapi,Kbuild,dkms.conf}; cp -r "$root/kmod" "$root/uapi" "$root/Kbuild" "$root/dkms.conf" "$out/"; }
make -C "$kdir" ${arch:+ARCH=$arch} M="$out" W=1 modules
