#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make stress`: the long variants (VSW_STRESS=1) of the reliability
# selftests, those of selftests/vsw.sh's TESTS whose names say so (the
# netlink fuzzer with a random seed, MAC floods, malformed frames,
# allocation failures, permissions, teardown under traffic, churn; or
# VSW_TESTS's), in the UML debug kernel (KASAN, lockdep, kmemleak) and in
# qemu with two CPUs on Debian 12's 6.12 and 6.1 cloud kernels, with
# modules built against their headers.  Ends with "N passed, N failed, N
# skipped", as make check does; exits non-zero on any failure or kernel
# splat.  Nothing is built for, or loaded into, the running kernel.
# VSW_FUZZ_SEED and VSW_FUZZ_COUNT replay a fuzzer run.
set -uo pipefail
root=$(realpath "$(dirname "$0")/../..")
rig=$root/selftests/rig
logs=$root/build/logs/stress
mkdir -p "$logs"
# shellcheck source=selftests/rig/results.sh
. "$rig/results.sh"
began=$(date +%s)
step() { echo "### stress: $* ($(($(date +%s) - began)) s)"; }

# The reliability tests, by name, in TESTS's order.
tests=${VSW_TESTS:-$(sed -n '/^TESTS=(/,/)/p' "$root/selftests/vsw.sh" | tr -s ' ()\t' '\n' |
	grep -E '^t[0-9]+_(netlink_fuzz|mac_flood|malformed|teardown|churn|.*(failslab|fault|alloc_fail|fail_alloc|permission|unpriv|userns|privilege))' |
	tr '\n' ' ')}
tests=${tests% }
if [[ -z $tests ]]; then
	echo "stress: no reliability test in selftests/vsw.sh's TESTS"
	exit 1
fi
echo "### stress: $tests"

step "packages"
"$rig/install-deps.sh" || { echo "stress: installing packages failed"; exit 1; }

step "UML kernel, modules and vswctl"
kdir=$("$rig/build-uml.sh" "$rig/uml-debug.config") || { not_ok "UML kernel builds"; echo "$passed passed, $failed failed, $skipped skipped"; exit 1; }
if "$rig/build-module.sh" stress-uml "$kdir" um > "$logs/build-uml.log" 2>&1; then
	ok "module builds for UML"
else
	not_ok "module builds for UML" "see $logs/build-uml.log"
fi
if make -C "$root/tools/vswctl" > "$logs/build-vswctl.log" 2>&1 &&
   make -C "$root/selftests" lib/nlseq.so >> "$logs/build-vswctl.log" 2>&1; then
	ok "vswctl builds"
else
	not_ok "vswctl builds" "see $logs/build-vswctl.log"
fi
declare -A debkdir
for series in 6.12 6.1; do
	kd=$(ls -d /usr/src/linux-headers-"$series".[0-9]*-cloud-amd64 2>/dev/null | sort -V | tail -1)
	if [[ -n $kd ]] && "$rig/build-module.sh" "stress-debian-$series" "$kd" > "$logs/build-debian-$series.log" 2>&1; then
		ok "module builds for Debian's $series cloud kernel"
		debkdir[$series]=$kd
	else
		not_ok "module builds for Debian's $series cloud kernel" "see $logs/build-debian-$series.log"
	fi
done

step "UML: $tests"
src=$(readlink -f "$kdir/source")
echo "VSW_KSRC=$src" > "$root/build/stress-uml/rig.env"
log=$logs/uml.log
# The kernel's command line carries VSW_TESTS's spaces in its quotes.
VSW_UML_CMDLINE="panic_on_warn=1 oops=panic VSW_BUILD=$root/build/stress-uml VSW_STRESS=1 VSW_TESTS=\"$tests\" ${VSW_FUZZ_SEED:+VSW_FUZZ_SEED=$VSW_FUZZ_SEED} ${VSW_FUZZ_COUNT:+VSW_FUZZ_COUNT=$VSW_FUZZ_COUNT}" \
	timeout 7200 "$rig/boot-uml.sh" "$kdir" check > "$log" 2>&1
grep -E "^(ok|not ok) [0-9]+ - |^# \(|^# t[0-9]+_|^### vsw" "$log"
count_tap "$log" "selftests ran in UML"
has_line "$log" "### vsw: rmmod ok" "rmmod after the tests in UML"
has_line "$log" "### vsw: done" "the UML VM ran to the end"
leaks=$(sed -n '/^### vsw: kmemleak/,/^### vsw: done/p' "$log" | grep -c "unreferenced object")
[[ $leaks == 0 ]] && ok "kmemleak: no leaks in UML" || not_ok "kmemleak: no leaks in UML" "$leaks unreferenced objects"
no_splat "$log" "no kernel splat in UML"

for series in 6.12 6.1; do
	[[ -n ${debkdir[$series]:-} ]] || continue
	step "qemu on $series: $tests"
	log=$logs/qemu-$series.log
	qemu_boot "$log" env VSW_STRESS=1 VSW_TESTS="$tests" VSW_QEMU_TIMEOUT=7200 \
		"$rig/qemu.sh" "${debkdir[$series]}" "stress-debian-$series"
	grep -E "^(ok|not ok) [0-9]+ - |^# \(|^# t[0-9]+_|^### qemu" "$log"
	count_tap "$log" "selftests ran on $series"
	has_line "$log" "### qemu: rmmod ok" "rmmod after the tests on $series"
	no_splat "$log" "no kernel splat in qemu on $series"
done

step "done"
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
