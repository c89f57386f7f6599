#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# init of the UML test VM (root is the host's / over hostfs).  Mounts private
# tmpfs over /tmp and /run so nothing is written to the host, loads the
# modules built for UML and runs the MODE given on the kernel command line:
#   check  KUnit suites, then the selftests
#   demo   the seed's story on screen
#   shell  a shell on the console
#   bench  the benchmark (selftests/bench)
# then powers off.  Output goes to the console, which is the caller's stdout.
mode=${1:-check}
rig=$(dirname "$(realpath "$0")")
root=$(realpath "$rig/../..")
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp VSW_ROOT=$root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm && mount -t devpts devpts /dev/pts
# The checkout may live under /tmp or /run (a CI clone): keep it reachable
# at its own path through the tmpfs mounted over them.
mkdir -p /dev/vsw-root && mount --bind "$root" /dev/vsw-root
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
if [[ ! -d $root/selftests ]]; then
	mkdir -p "$root"
	mount --bind /dev/vsw-root "$root"
fi
mount -t tmpfs tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
ip link set lo up
hostname vsw-uml

build=${VSW_BUILD:-$root/build/uml}
# Facts from the host side (the kernel source, for ynl) that the kernel
# command line cannot carry.
if [[ -f $build/rig.env ]]; then
	. "$build/rig.env"
	export VSW_KSRC
fi
case $mode in
check)
	# Before vsw is loaded: the selftests skip, and make does not fail.
	out=$(VSW_MODULE=/nonexistent.ko make -s --no-print-directory -C "$root/selftests" run_tests 2> /dev/null)
	echo "### vsw: run_tests without a module: exit $? \"$out\""
	echo "### vsw: KUnit"
	insmod "$build/kmod/vsw.ko" || echo "### vsw: insmod vsw.ko failed"
	insmod "$build/kmod/vsw_test.ko" || echo "### vsw: insmod vsw_test.ko failed"
	rmmod vsw_test
	echo "### vsw: selftests"
	VSWCTL=$root/tools/vswctl/vswctl VSW_MODULE=$build/kmod/vsw.ko \
		"$root/selftests/vsw.sh"
	echo "### vsw: rmmod"
	rmmod vsw && echo "### vsw: rmmod ok"
	if [[ -e /sys/kernel/debug/kmemleak ]]; then
		echo scan > /sys/kernel/debug/kmemleak
		sleep 1
		echo scan > /sys/kernel/debug/kmemleak
		echo "### vsw: kmemleak"
		cat /sys/kernel/debug/kmemleak
	fi
	echo "### vsw: done"
	;;
demo)
	insmod "$build/kmod/vsw.ko"
	VSWCTL=$root/tools/vswctl/vswctl "$root/selftests/demo.sh"
	;;
bench)
	"$root/selftests/bench/bench.sh" "${@:2}"
	;;
run)
	insmod "$build/kmod/vsw.ko"
	PATH=$root/tools/vswctl:$PATH bash -x "$2"
	;;
*)
	insmod "$build/kmod/vsw.ko"
	PATH=$root/tools/vswctl:$PATH /bin/bash -i
	;;
esac
sync
exec busybox poweroff -f
