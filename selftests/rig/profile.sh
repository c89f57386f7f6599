#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make profile S=4 K=vsw`: where a benchmark scenario's time goes.  UML has
# no perf of its own, but it is a host process: perf on the host samples it
# while each of the scenario's pktgen runs lasts (bench.sh marks them on the
# console), and selftests/bench/profile.py names the samples, the module's
# from its load address.  One boot, one run of scenario S for kind K.
set -euo pipefail
root=$(realpath "$(dirname "$0")/../..")
rig=$root/selftests/rig
scenario=${1:?usage: profile.sh SCENARIO [vsw|bridge|floor]}
kind=${2:-vsw}
out=$root/build/profile
kdir=$("$rig/bench-build.sh" linux-perf)
rm -rf "$out"
mkdir -p "$out" "$root/build/bench"
printf 'VSW_BENCH_%s=%q\n' SCENARIOS "$scenario" KINDS "$kind" RUNS 1 \
	PROFILE 1 OUT "$out/runs.jsonl" > "$root/build/bench/env"
"$rig/boot-uml.sh" "$kdir" bench > "$out/boot.log" 2>&1 &
uml=$!
trap 'kill $uml 2> /dev/null || true; rm -f "$root/build/bench/env"' EXIT

# Sample from each "profile: start" to its "profile: end"; name the samples
# once the boot is over.
n=0
count() { grep -c "^profile: $1" "$out/boot.log" || true; }
while kill -0 $uml 2> /dev/null; do
	if (($(count start) > n)); then
		n=$((n + 1))
		perf record -a -q -o "$out/$n.data" &
		perf=$!
		while (($(count end) < n)) && kill -0 $uml 2> /dev/null; do
			sleep 0.05
		done
		# A background job starts with SIGINT ignored: a perf still setting up
		# when the run ends misses it, so send it until perf is gone.
		while [[ $(ps -o stat= -p $perf) == [^Z]* ]]; do
			kill -INT $perf
			sleep 0.2
		done
		wait $perf || true
	fi
	sleep 0.05
done
grep "^bench:" "$out/boot.log" || true
for ((i = 1; i <= n; i++)); do
	read -r _ _ mod text < <(grep "^profile: start" "$out/boot.log" | sed -n "${i}p")
	echo "### pktgen run $i of scenario $scenario, $kind"
	python3 "$root/selftests/bench/profile.py" "$out/$i.data" $uml "$mod" "$text" \
		"$root/build/uml-bench/kmod/vsw.ko" "$root/build/uml-bench-floor/vsw_floor.ko"
done
