#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test on Debian's stock cloud kernel under qemu (TCG): scenario (1)
# of the selftests with the module built against Debian's matching headers
# (build-module.sh NAME HEADERS_DIR put it in build/NAME).  The kernel
# package is downloaded and unpacked in the cache, not installed.
# usage: qemu-smoke.sh HEADERS_DIR NAME      (/usr/src/linux-headers-VER)
set -euo pipefail
hdr=$1 name=$2
ver=${hdr##*/linux-headers-}
root=$(realpath "$(dirname "$0")/../..")
cache=${VSW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vsw}
img=$cache/debimg/$ver
work=$root/build/qemu

if [[ ! -f $img/.vsw-done ]]; then
	mkdir -p "$img"
	(cd "$img" && apt-get download "linux-image-$ver" 2>/dev/null ||
		apt-get download "linux-image-$ver-unsigned")
	dpkg-deb -x "$img"/linux-image-*.deb "$img/root"
	touch "$img/.vsw-done"
fi

rm -rf "$work" && mkdir -p "$work/initrd"/{bin,sbin,usr/sbin,usr/bin,proc,sys,dev,run,tmp,lib64,lib/x86_64-linux-gnu}
cd "$work/initrd"
cp /bin/busybox bin/busybox
for a in sh mount mkdir sleep cat poweroff grep echo; do ln -s busybox "bin/$a"; done
copy_bin() {
	cp "$1" ".$2"
	ldd "$1" | awk '$3 ~ /^\// {print $3} $1 ~ /^\/lib64/ {print $1}' |
		while read -r lib; do cp -nL "$lib" ".$lib" 2>/dev/null || cp -L "$lib" ".$lib"; done
}
copy_bin /usr/sbin/ip /usr/sbin/ip
copy_bin /usr/bin/ping /usr/bin/ping
copy_bin "$root/tools/vswctl/vswctl" /usr/sbin/vswctl
cp "$root/build/$name/kmod/vsw.ko" vsw.ko
# 6.12's modules are xz-compressed, 6.1's are not.
veth=$img/root/lib/modules/$ver/kernel/drivers/net/veth.ko
if [[ -f $veth.xz ]]; then xz -dc "$veth.xz" > veth.ko; else cp "$veth" veth.ko; fi
cat > init <<'INIT'
#!/bin/sh
# Scenario (1) on the stock kernel: the host keeps the network through its
# vNIC and an address left on the uplink stops answering.
export PATH=/bin:/usr/sbin:/usr/bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t tmpfs tmpfs /run
mount -t devtmpfs devtmpfs /dev
# The firmware's last words end without a newline: results start on a line.
echo
n=0
ok() { n=$((n + 1)); echo "ok $n - qemu $(uname -r): $1"; }
nok() { n=$((n + 1)); echo "not ok $n - qemu $(uname -r): $1"; }
check() { d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else nok "$d"; fi; }
check_fail() { d=$1; shift; if "$@" >/dev/null 2>&1; then nok "$d"; else ok "$d"; fi; }
check "veth.ko loads" insmod /veth.ko
check "vsw.ko loads on Debian's kernel" insmod /vsw.ko
/usr/sbin/ip link set lo up
/usr/sbin/ip netns add srv
/usr/sbin/ip link add eth0 type veth peer name srv0 netns srv
/usr/sbin/ip -n srv addr add 192.0.2.100/24 dev srv0
/usr/sbin/ip -n srv link set srv0 up
/usr/sbin/ip -n srv link set lo up
/usr/sbin/ip addr add 192.0.2.2/24 dev eth0
/usr/sbin/ip link set eth0 up
echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore
check "before: the server reaches the uplink's address" /usr/sbin/ip netns exec srv /usr/bin/ping -c 1 -W 2 192.0.2.2
check "switch add external" vswctl switch add sw0 type external uplink eth0
/usr/sbin/ip addr add 192.0.2.1/24 dev sw0
/usr/sbin/ip link set sw0 up
/usr/sbin/ip route del 192.0.2.0/24 dev eth0
/usr/sbin/ip -n srv neigh flush all
check "the host pings the server through its vNIC" /usr/bin/ping -c 3 -W 2 192.0.2.100
check_fail "an address left on the uplink no longer answers" /usr/sbin/ip netns exec srv /usr/bin/ping -c 2 -W 1 192.0.2.2
check "switch del" vswctl switch del sw0
check "rmmod vsw" /bin/busybox rmmod vsw
echo "### qemu: done"
poweroff -f
INIT
chmod +x init
find . | cpio -o -H newc --quiet | gzip -1 > "$work/initrd.gz"
cd "$work"
timeout 600 qemu-system-x86_64 -accel tcg -m 1024 -smp 1 -nographic -no-reboot \
	-kernel "$img/root/boot/vmlinuz-$ver" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 panic_on_warn=1 quiet" < /dev/null
