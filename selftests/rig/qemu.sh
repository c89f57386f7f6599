#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The selftests (selftests/vsw.sh) on one of Debian's stock cloud kernels
# under qemu (TCG, two CPUs: the SMP kernel UML is not), with the module
# built against that kernel's headers (build-module.sh NAME HEADERS_DIR put
# it in build/NAME).  The kernel package is downloaded and unpacked in the
# cache, not installed; the initramfs carries the host's bash, iproute2,
# ping, python3 and what else the tests run, and the kernel's own modules
# they use (mods_used below: bridge, veth, dummy, tun, 8021q, bonding,
# vxlan...).  With VSW_KSRC (a kernel source tree) the
# ynl test runs too.  The console is stdout.
# VSW_TESTS names the selftests' test functions to run (all by default);
# VSW_STRESS=1 runs their long variants (make stress), VSW_FUZZ_SEED and
# VSW_FUZZ_COUNT go to the netlink fuzzer.  VSW_QEMU_TIMEOUT:
# seconds before the VM is killed (1800).
# VSW_KO is the module to test instead of build/NAME's (make check's is the
# one DKMS installed, vsw.ko or vsw.ko.xz).
# usage: [VSW_KSRC=DIR] [VSW_TESTS=...] [VSW_STRESS=1] [VSW_KO=FILE] qemu.sh HEADERS_DIR NAME   (/usr/src/linux-headers-VER)
set -euo pipefail
hdr=$1 name=$2
ver=${hdr##*/linux-headers-}
root=$(realpath "$(dirname "$0")/../..")
cache=${VSW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vsw}
img=$cache/debimg/$ver
work=$root/build/qemu-$name

if [[ ! -f $img/.vsw-done ]]; then
	mkdir -p "$img"
	(cd "$img" && apt-get download "linux-image-$ver" 2>/dev/null ||
		apt-get download "linux-image-$ver-unsigned")
	dpkg-deb -x "$img"/linux-image-*.deb "$img/root"
	touch "$img/.vsw-done"
fi

# The userspace: these packages' files (no docs), the libraries their
# programs load, vswctl, and the tests.
pkgs=(bash dash coreutils grep sed mawk findutils iproute2 iputils-ping procps kmod
      util-linux mount ethtool python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
      python3-yaml python3-jsonschema python3-attr python3-pyrsistent tcpdump
      dnsmasq-base iperf3 libiperf0)
rm -rf "$work" && mkdir -p "$work/initrd"
cd "$work/initrd"
{
	dpkg -L "${pkgs[@]}" | grep -vE '^/usr/share/(doc|man|info|locale|lintian)/|/test/|/idlelib/|/tkinter/|/ensurepip/|/lib2to3/'
	find /usr/lib/python3.11/encodings -type f
	echo /usr/bin/python3
} | sort -u | while read -r f; do
	if [[ -f $f ]]; then echo "$f"; fi
done > "$work/files"
mkdir -p usr/bin usr/sbin usr/lib usr/lib64 tmp run proc sys dev etc
# tcpdump drops its privileges to the user tcpdump: it must exist.
printf 'root:x:0:0:root:/tmp:/bin/bash\ntcpdump:x:102:109::/nonexistent:/usr/sbin/nologin\n' > etc/passwd
printf 'root:x:0:\ntcpdump:x:109:\n' > etc/group
ln -s usr/bin bin && ln -s usr/sbin sbin && ln -s usr/lib lib && ln -s usr/lib64 lib64
cpio -pdm --quiet . < "$work/files" 2>/dev/null
cp /usr/bin/busybox usr/bin/busybox
# Debian's awk is mawk, by an alternatives link.
ln -sf mawk usr/bin/awk
for f in $(cat "$work/files") "$root/tools/vswctl/vswctl"; do
	file -b "$f" | grep -q "^ELF" || continue
	ldd "$f" 2>/dev/null | awk '$3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
done | sort -u | while read -r lib; do
	if [[ ! -e .$lib ]]; then cp -L --parents "$lib" .; fi
done
# The tree's pieces at /vsw and the kernel source's at /ksrc, not at their
# host paths: a checkout under /tmp would be hidden by the VM's /tmp.
mkdir -p vsw/tools/vswctl vsw/selftests vsw/Documentation/netlink/specs vsw/uapi/linux
cp "$root/tools/vswctl/vswctl" vsw/tools/vswctl/
cp "$root/tools/vsw-ifup" "$root/tools/vsw-ifdown" vsw/tools/
cp -r "$root/selftests/vsw.sh" "$root/selftests/lib" vsw/selftests/
cp "$root/Documentation/netlink/specs/vsw.yaml" vsw/Documentation/netlink/specs/
cp "$root"/uapi/linux/*.h vsw/uapi/linux/
ksrc=
if [[ -n ${VSW_KSRC:-} ]]; then
	ksrc=/ksrc
	mkdir -p ksrc/tools/net ksrc/Documentation/netlink
	cp -r "$VSW_KSRC/tools/net/ynl" ksrc/tools/net/
	cp "$VSW_KSRC/Documentation/netlink/genetlink-c.yaml" ksrc/Documentation/netlink/
fi
ko=${VSW_KO:-$root/build/$name/kmod/vsw.ko}
echo "### qemu: module $ko"
case $ko in
*.xz) xz -dc "$ko" > vsw.ko ;;
*) cp "$ko" vsw.ko ;;
esac
mods=$img/root/lib/modules/$ver/kernel
mods_used=(net/llc/llc net/802/stp net/bridge/bridge drivers/net/veth drivers/net/dummy
	   drivers/net/tun net/802/garp net/802/mrp net/8021q/8021q drivers/net/macvlan
	   net/sched/sch_fq fs/configfs/configfs drivers/net/netconsole net/core/pktgen
	   net/tls/tls drivers/net/bonding/bonding net/ipv4/udp_tunnel net/ipv6/ip6_udp_tunnel
	   drivers/net/vxlan/vxlan)
for m in "${mods_used[@]}"; do
	# 6.12's modules are xz-compressed, 6.1's are not.
	if [[ -f $mods/$m.ko.xz ]]; then
		xz -dc "$mods/$m.ko.xz" > "${m##*/}.ko"
	else
		cp "$mods/$m.ko" .
	fi
done
cat > init <<INIT
#!/bin/bash
export PATH=/usr/sbin:/usr/bin HOME=/tmp
mount -t proc proc /proc; mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev; mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
# The firmware's last words end without a newline: results start on a line.
echo
for m in ${mods_used[*]##*/}; do insmod /\$m.ko; done
mount -t configfs configfs /sys/kernel/config
ip link set lo up
# Under TCG a CPU can run code another has just patched as it was: the
# int3 of a static key's switch, an oops in netif_rx_internal() or
# __netif_receive_skb_core() when a ping starting or ending switched the
# timestamp key.  One socket holds that key on for the whole run
# (SO_TIMESTAMP, 29 on x86, which Python does not name).
python3 -c 'import socket, time; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.setsockopt(socket.SOL_SOCKET, 29, 1); time.sleep(1 << 30)' &
echo "### qemu: selftests on \$(uname -r)"
VSW_TESTS="${VSW_TESTS:-}" VSW_STRESS="${VSW_STRESS:-}" VSW_FUZZ_SEED="${VSW_FUZZ_SEED:-}" VSW_FUZZ_COUNT="${VSW_FUZZ_COUNT:-}" VSW_KSRC=$ksrc VSWCTL=/vsw/tools/vswctl/vswctl VSW_MODULE=/vsw.ko \
	/vsw/selftests/vsw.sh
echo "### qemu: rmmod"
rmmod vsw && echo "### qemu: rmmod ok"
echo "### qemu: done"
busybox poweroff -f
INIT
chmod +x init
find . | cpio -o -H newc --quiet | gzip -1 > "$work/initrd.gz"
cd "$work"
timeout "${VSW_QEMU_TIMEOUT:-1800}" qemu-system-x86_64 -accel tcg -m 2048 -smp 2 -nographic -no-reboot \
	-kernel "$img/root/boot/vmlinuz-$ver" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 panic_on_warn=1 quiet slab_nomerge" < /dev/null
