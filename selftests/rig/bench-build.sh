#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What `make bench` and `make profile` boot: the non-debug UML kernel
# (cached), vsw and the floor module built for it, vswctl and memlat.
# Prints the kernel's build directory.  Arguments: more packages for
# install-deps.sh.
set -euo pipefail
root=$(realpath "$(dirname "$0")/../..")
rig=$root/selftests/rig
"$rig/install-deps.sh" "$@" >&2
kdir=$("$rig/build-uml.sh" "$rig/uml-bench.config")
"$rig/build-module.sh" uml-bench "$kdir" um > /dev/null
# VSW_BENCH_BASE=REV: that revision's module too, from its own tree.
if [[ -n ${VSW_BENCH_BASE:-} ]]; then
	base=$root/build/uml-bench-base
	rm -rf "$base" && mkdir -p "$base"
	git -C "$root" archive "$VSW_BENCH_BASE" kmod uapi Kbuild | tar -x -C "$base"
	make -s -C "$kdir" ARCH=um M="$base" modules > /dev/null
fi
mkdir -p "$root/build/uml-bench-floor"
cp "$root/selftests/bench/floor.c" "$root/selftests/bench/Kbuild" "$root/build/uml-bench-floor/"
make -s -C "$kdir" ARCH=um M="$root/build/uml-bench-floor" modules > /dev/null
make -s -C "$root/tools/vswctl" >&2
mkdir -p "$root/build/bench"
cc -O2 -Wall -Wextra -std=gnu11 -o "$root/build/bench/memlat" "$root/selftests/bench/memlat.c"
echo "$kdir"
