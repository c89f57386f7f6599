#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: the non-debug UML kernel, vsw and the floor module built for
# it (bench-build.sh), one boot running selftests/bench/bench.sh, then the
# table (stdout) and build/bench/bench.json from selftests/bench/report.py,
# and Documentation/performance.rst regenerated with that table.
set -euo pipefail
root=$(realpath "$(dirname "$0")/../..")
rig=$root/selftests/rig
kdir=$("$rig/bench-build.sh")
mkdir -p "$root/build/bench"
rm -f "$root/build/bench/runs.jsonl"
for v in ${!VSW_BENCH_*}; do
	printf '%s=%q\n' "$v" "${!v}"
done > "$root/build/bench/env"
"$rig/boot-uml.sh" "$kdir" bench | tee "$root/build/bench.log" | grep "^bench:" || true
python3 "$root/selftests/bench/report.py" "$root/build/bench/runs.jsonl" \
	"$root/build/bench/bench.json" | tee "$root/build/bench/report.txt"
# Documentation/performance.rst: the method, and this run's table (the tree
# is described before the file is rewritten, or it would read as dirty).
rev=$(git -C "$root" describe --always --dirty 2>/dev/null || echo "this tree")
{
	sed '/^@TABLE@/,$d' "$root/selftests/bench/performance.rst.in"
	echo "Measured $(date -u +%F) with $rev,"
	echo "${VSW_BENCH_RUNS:-5} runs of each; pps are medians (min-max), ratios are"
	echo "of medians (range of per-run ratios)::"
	echo
	sed 's/^/    /' "$root/build/bench/report.txt"
} > "$root/Documentation/performance.rst"
