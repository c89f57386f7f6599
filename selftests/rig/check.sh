#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: build the UML test kernel (cached), the module for it,
# vswctl; build and install the module through Debian's DKMS for Debian 12's
# cloud kernels (6.12 and 6.1); check what make install lays out; boot UML
# once for KUnit and the selftests; run the selftests again on both Debian
# kernels in qemu (SMP, which UML is not), on the modules DKMS installed;
# count everything and end with "N passed, N failed, N skipped".  Exits
# non-zero on any failure or kernel splat.  Nothing is built for, or
# loaded into, the kernel the check runs on.
set -uo pipefail
root=$(realpath "$(dirname "$0")/../..")
rig=$root/selftests/rig
logs=$root/build/logs
mkdir -p "$logs"
# shellcheck source=selftests/rig/results.sh
. "$rig/results.sh"
began=$(date +%s)
step() { echo "### check: $* ($(($(date +%s) - began)) s)"; }

step "packages"
"$rig/install-deps.sh" || { echo "check: installing packages failed"; exit 1; }

step "UML kernel"
kdir=$("$rig/build-uml.sh" "$rig/uml-debug.config") || { not_ok "UML kernel builds"; echo "$passed passed, $failed failed, $skipped skipped"; exit 1; }
ok "UML kernel builds"

step "generated netlink code"
if "$root/kmod/gen.sh" "$(readlink -f "$kdir/source")" --check > "$logs/gen.log" 2>&1; then
	ok "netlink-gen.[ch] and vsw_genl.h are what the YAML spec generates"
else
	not_ok "netlink-gen.[ch] and vsw_genl.h are what the YAML spec generates" "see $logs/gen.log"
fi

step "modules and vswctl"
if "$rig/build-module.sh" uml "$kdir" um > "$logs/build-uml.log" 2>&1 &&
   ! grep -E "warning:|error:" "$logs/build-uml.log"; then
	ok "module builds for UML, W=1 clean"
else
	not_ok "module builds for UML, W=1 clean" "see $logs/build-uml.log"
fi
if make -C "$root/tools/vswctl" > "$logs/build-vswctl.log" 2>&1 &&
   make -C "$root/selftests" lib/nlseq.so >> "$logs/build-vswctl.log" 2>&1 &&
   ! grep -E "warning:|error:" "$logs/build-vswctl.log"; then
	ok "vswctl builds, -Wall -Wextra clean"
else
	not_ok "vswctl builds" "see $logs/build-vswctl.log"
fi
if ! out=$(make -s -C "$root" modules KDIR=/nonexistent 2>&1) &&
   grep -q "no kernel build tree at /nonexistent" <<< "$out"; then
	ok "make without a kernel tree says so"
else
	not_ok "make without a kernel tree says so" "$out"
fi
# On stdin: user nobody may not be able to read the checkout.  Run from a
# folder nobody cannot enter (mktemp -d's mode 700), as a clone under
# root's home would be.
private=$(mktemp -d)
out=$(cd "$private" && setpriv --reuid=65534 --regid=65534 --clear-groups bash -s < "$root/selftests/vsw.sh" 2>&1)
rc=$?
rmdir "$private"
if [[ $rc == 4 && $out == "1..0 # SKIP vsw.sh needs root" ]]; then
	ok "selftests skip (exit 4) without root"
else
	not_ok "selftests skip (exit 4) without root" "$out"
fi

step "DKMS: the module for Debian's stock kernels"
# Debian 12's kernels: 6.12 from backports and its default, the 6.1 LTS.
# make dkms-install as an administrator runs it, for each kernel by name
# (-k: never the running one), after make dkms-uninstall, so that every
# run builds afresh; W=1 by KBUILD_EXTRA_WARN, which DKMS's make inherits.
# The qemu runs load the modules DKMS installed.
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$root/dkms.conf")
declare -A debkdir debko
if make -C "$root" dkms-uninstall > "$logs/dkms-uninstall.log" 2>&1 &&
   [[ ! -e /usr/src/vsw-$version ]] && ! dkms status -m vsw 2> /dev/null | grep -q .; then
	ok "make dkms-uninstall leaves no vsw in DKMS"
else
	not_ok "make dkms-uninstall leaves no vsw in DKMS" "see $logs/dkms-uninstall.log"
fi
for series in 6.12 6.1; do
	kd=$(ls -d /usr/src/linux-headers-"$series".[0-9]*-cloud-amd64 2>/dev/null | sort -V | tail -1)
	debkdir[$series]=$kd
	kver=${kd##*/linux-headers-}
	log=$logs/dkms-debian-$series.log
	mlog=/var/lib/dkms/vsw/$version/$kver/$(uname -m)/log/make.log
	dkms0=$(date +%s)
	if [[ -n $kd && -e /lib/modules/$kver/build ]] &&
	   KBUILD_EXTRA_WARN=1 make -C "$root" dkms-install KVER="$kver" > "$log" 2>&1 &&
	   cat "$mlog" >> "$log" && ! grep -E "warning:|error:" "$mlog"; then
		ok "module builds and installs through DKMS for Debian $kver, W=1 clean"
		echo "# DKMS: $(($(date +%s) - dkms0)) s for $kver"
		debko[$series]=$(ls /lib/modules/"$kver"/updates/dkms/vsw.ko* 2>/dev/null)
	else
		not_ok "module builds and installs through DKMS for Debian's $series cloud kernel" "see $log"
		continue
	fi
	ko=${debko[$series]}
	if [[ -n $ko && $(modinfo -F version "$ko") == "$version" &&
	      $(modinfo -F vermagic "$ko") == "$kver "* ]] &&
	   dkms status -m vsw -v "$version" -k "$kver" 2> /dev/null | grep -q ": installed$"; then
		ok "DKMS installed vsw $version for $kver: $ko"
	else
		not_ok "DKMS installed vsw $version for $kver" "$ko: $(dkms status -m vsw 2>&1 | grep -v readelf)"
	fi
done
# The second kernel's install kept the first's (the same sources).
if ((${#debko[@]} == 2)) && [[ -e ${debko[6.12]} && -e ${debko[6.1]} ]]; then
	ok "DKMS keeps vsw installed for both kernels"
else
	not_ok "DKMS keeps vsw installed for both kernels" "$(dkms status -m vsw 2>&1 | grep -v readelf)"
fi

step "make install"
# Into a staging tree, for each kernel, with DKMS's module: every file in
# its place with its mode, and make uninstall takes every one away.
stage=$(mktemp -d "${TMPDIR:-/tmp}/vsw-install.XXXXXX")
check_unit() {
	if grep -qF "/usr/local/sbin/vswctl -force -b /etc/vsw/vsw.conf" "$1" && ! grep -q @ "$1"; then
		ok "vsw.service runs /etc/vsw/vsw.conf with the installed vswctl"
	else
		not_ok "vsw.service runs /etc/vsw/vsw.conf with the installed vswctl" "$(grep Exec "$1")"
	fi
	if ! command -v systemd-analyze > /dev/null; then
		echo "ok - systemd-analyze verify vsw.service # SKIP no systemd-analyze"
		skipped=$((skipped + 1))
	elif out=$(systemd-analyze verify --man=no "$1" 2>&1) && [[ -z $out ]]; then
		ok "systemd-analyze verify vsw.service"
	else
		not_ok "systemd-analyze verify vsw.service" "$out"
	fi
}
for series in 6.12 6.1; do
	[[ -n ${debko[$series]:-} ]] || continue
	kver=${debkdir[$series]##*/linux-headers-}
	dest=$stage/$series log=$logs/install-$series.log
	xz -dcf "${debko[$series]}" > "$stage/vsw-$series.ko"
	want="etc/vsw/vsw-ifdown l /usr/local/libexec/vsw/vsw-ifdown
etc/vsw/vsw-ifup l /usr/local/libexec/vsw/vsw-ifup
lib/modules/$kver/updates/vsw.ko f 644
usr/local/lib/systemd/system/vsw.service f 644
usr/local/libexec/vsw/vsw-ifdown f 755
usr/local/libexec/vsw/vsw-ifup f 755
usr/local/sbin/vswctl f 755
usr/local/share/bash-completion/completions/vswctl f 644
usr/local/share/man/man8/vswctl.8 f 644"
	laid() { (cd "$dest" && find . ! -type d -printf '%P %y %m %l\n' | sed 's/ l 777 / l /; s/ $//' | sort); }
	if make -C "$root" install DESTDIR="$dest" KVER="$kver" KO="$stage/vsw-$series.ko" > "$log" 2>&1; then
		got=$(laid)
		if [[ $got == "$want" ]]; then
			ok "make install DESTDIR KVER=$kver lays out every file"
		else
			not_ok "make install DESTDIR KVER=$kver lays out every file" \
				"$(diff <(echo "$want") <(echo "$got") | grep "^[<>]" | tr '\n' ' ')"
		fi
	else
		not_ok "make install DESTDIR KVER=$kver" "see $log"
	fi
	# The unit is the same for every kernel: checked once.
	[[ $series == 6.12 ]] && check_unit "$dest/usr/local/lib/systemd/system/vsw.service"
	if make -C "$root" uninstall DESTDIR="$dest" KVER="$kver" >> "$log" 2>&1 && [[ -z $(laid) ]]; then
		ok "make uninstall DESTDIR KVER=$kver takes every file away"
	else
		not_ok "make uninstall DESTDIR KVER=$kver takes every file away" "$(laid | tr '\n' ' ')"
	fi
done
other=${debkdir[6.1]##*/linux-headers-}
if [[ -e $stage/vsw-6.12.ko ]] &&
   ! out=$(make -s -C "$root" install-module DESTDIR="$stage/wrong" KVER="$other" KO="$stage/vsw-6.12.ko" 2>&1) &&
   grep -q "is built for .*, not $other" <<< "$out" && [[ ! -e $stage/wrong ]]; then
	ok "make install refuses a module built for another kernel"
else
	not_ok "make install refuses a module built for another kernel" "$out"
fi
rm -rf "$stage"

# UML runs on one CPU, and a qemu run keeps about one of its two busy
# (its tests wait as much as they compute): the UML run goes on beside the
# qemu runs, on the machine's other core.
step "UML: KUnit and selftests, beside the qemu runs"
src=$(readlink -f "$kdir/source")
echo "VSW_KSRC=$src" > "$root/build/uml/rig.env"
VSW_UML_CMDLINE="panic_on_warn=1 oops=panic" timeout 4800 \
	"$rig/boot-uml.sh" "$kdir" check > "$logs/uml-check.log" 2>&1 &
uml=$!

for series in 6.12 6.1; do
	step "qemu: the selftests on Debian's $series"
	if [[ -z ${debko[$series]:-} ]]; then
		not_ok "selftests ran on $series" "no module from DKMS"
		continue
	fi
	log=$logs/qemu-$series.log
	qemu_boot "$log" env VSW_KO="${debko[$series]}" VSW_KSRC="$src" VSW_QEMU_TIMEOUT=3600 \
		"$rig/qemu.sh" "${debkdir[$series]}" "debian-$series"
	grep -E "^(ok|not ok) [0-9]+ - |^### qemu" "$log"
	count_tap "$log" "selftests ran on $series"
	has_line "$log" "### qemu: rmmod ok" "rmmod after the tests on $series"
	no_splat "$log" "no kernel splat in qemu on $series"
done

step "UML: the results"
wait "$uml"
grep -E "^(ok|not ok) [0-9]+ - |^# \(|^### vsw" "$logs/uml-check.log"

# KUnit: the module's KTAP document, after the kernel's empty one.
awk '/^### vsw: KUnit/{f=1;next} /^### vsw: selftests/{f=0} f' "$logs/uml-check.log" |
	sed -n '/^KTAP version 1/,$p' > "$logs/kunit.ktap"
python3 "$src/tools/testing/kunit/kunit.py" parse "$logs/kunit.ktap" > "$logs/kunit.txt" 2>&1
cat "$logs/kunit.txt"
summary=$(grep -o "Ran [0-9]* tests.*" "$logs/kunit.txt" | tail -1)
kpass=$(grep -o "passed: [0-9]*" <<< "$summary" | grep -o "[0-9]*")
kfail=$(grep -o "failed: [0-9]*" <<< "$summary" | grep -o "[0-9]*")
kskip=$(grep -o "skipped: [0-9]*" <<< "$summary" | grep -o "[0-9]*")
kcrash=$(grep -o "crashed: [0-9]*" <<< "$summary" | grep -o "[0-9]*")
if [[ -z $kpass ]]; then
	not_ok "KUnit ran" "no KUnit results"
else
	passed=$((passed + kpass))
	failed=$((failed + ${kfail:-0} + ${kcrash:-0}))
	skipped=$((skipped + ${kskip:-0}))
fi

count_tap "$logs/uml-check.log" "selftests ran"
if grep -qF '### vsw: run_tests without a module: exit 0 "1..0 # SKIP vsw is not loaded' "$logs/uml-check.log"; then
	ok "make run_tests skips, and succeeds, when vsw cannot be loaded"
else
	not_ok "make run_tests skips, and succeeds, when vsw cannot be loaded" \
		"$(grep "run_tests without" "$logs/uml-check.log")"
fi

has_line "$logs/uml-check.log" "### vsw: rmmod ok" "rmmod after the tests"
has_line "$logs/uml-check.log" "### vsw: done" "the test VM ran to the end"
leaks=$(sed -n '/^### vsw: kmemleak/,/^### vsw: done/p' "$logs/uml-check.log" | grep -c "unreferenced object")
[[ $leaks == 0 ]] && ok "kmemleak: no leaks" || not_ok "kmemleak: no leaks" "$leaks unreferenced objects"
no_splat "$logs/uml-check.log" "no kernel splat in the UML run"

step "done"
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
