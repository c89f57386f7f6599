# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The counting make check (check.sh) and make stress (stress.sh) share,
# sourced by both: each result is a line "ok - NAME" or "not ok - NAME",
# counted in $passed and $failed; the selftests' TAP lines are added.

passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1${2:+: $2}"; }
# count_tap LOG NAME: add the selftests' TAP lines in LOG to the counts.
count_tap() {
	local sp ss sf
	sp=$(grep -cE "^ok [0-9]+ - " "$1" | tr -d ' ')
	ss=$(grep -cE "^ok [0-9]+ - .*# SKIP" "$1" | tr -d ' ')
	sf=$(grep -cE "^not ok [0-9]+ - " "$1" | tr -d ' ')
	passed=$((passed + sp - ss)) skipped=$((skipped + ss)) failed=$((failed + sf))
	((sp + sf > 0)) || not_ok "$2"
}
# has_line LOG REGEX NAME: passes when a line of LOG starts with REGEX.
has_line() { if grep -qE "^$2" "$1"; then ok "$3"; else not_ok "$3"; fi; }
splat='BUG:|WARNING:|Oops|Kernel panic|KASAN|UBSAN|suspicious RCU|circular locking|inconsistent lock|refcount_t:|list_add corruption|list_del corruption|unregister_netdevice: waiting|Slab cache still has objects'
# no_splat LOG NAME: passes when the kernel in LOG said nothing of the
# kind.  The selftests' own lines (TAP results and comments, which may
# name what they look for) are not the kernel's, nor is pktgen's notice
# that a device it sends on goes.
no_splat() {
	if grep -E "$splat" "$1" |
	   grep -vE "^(ok|not ok) [0-9]+ - |^# |pktgen: WARNING: trying to remove a running interface"; then
		not_ok "$2" "see $1"
	else
		ok "$2"
	fi
}
# qemu_boot LOG CMD...: CMD (a qemu.sh run) into LOG, its terminal escapes
# taken out.  A kernel that dies before init gets to the tests (TCG with
# two CPUs once hit an int3 of the kernel's own text patching at boot) has
# not loaded vsw yet: that is qemu's, so it boots once more.
qemu_boot() {
	local log=$1 try
	shift
	for try in 1 2; do
		"$@" 2>&1 | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g' > "$log"
		if grep -q "^### qemu: selftests on" "$log" || ((try == 2)); then
			break
		fi
		mv "$log" "$log.boot1"
		echo "# qemu died before the tests (see $log.boot1)"
	done
}
