#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vsw benchmark, run inside the non-debug UML kernel (selftests/rig/bench.sh
# boots it).  Each scenario runs for vsw, for the Linux bridge (stp off;
# vlan_filtering on in the VLAN scenarios v1..v3) and for the floor (vsw_floor.ko: every frame
# to one port with dev_queue_xmit), alternating, RUNS times each.  Traffic is pktgen in
# xmit_mode netif_receive on a dummy ingress port, minimum-size frames, a new
# skb per frame (clone_skb 0, as a NIC gives), into dummy egress ports.
# Writes one JSON object per run to $1 (build/bench/runs.jsonl) and prints
# progress; report.py turns them into the table.
set -u
# Settings from the host side (make bench VSW_BENCH_RUNS=...).
[[ -f $VSW_ROOT/build/bench/env ]] && . "$VSW_ROOT/build/bench/env"
out=${1:-${VSW_BENCH_OUT:-$VSW_ROOT/build/bench/runs.jsonl}}
mkdir -p "$(dirname "$out")"
RUNS=${VSW_BENCH_RUNS:-5}
VSWCTL=$VSW_ROOT/tools/vswctl/vswctl
VSWKO=$VSW_ROOT/build/uml-bench/kmod/vsw.ko
# VSW_BENCH_BASE=REV: that revision's module (bench-build.sh builds it)
# runs too, as kind "base", in the same boot: the cost of a change.
BASEKO=$VSW_ROOT/build/uml-bench-base/kmod/vsw.ko
FLOORKO=$VSW_ROOT/build/uml-bench-floor/vsw_floor.ko
MEMLAT=$VSW_ROOT/build/bench/memlat
PG=/proc/net/pktgen
: > "$out"

DST=02:00:00:00:01:01 SRC=02:00:00:00:00:01
NMACS=${VSW_BENCH_MACS:-1000000}
# Frames of a timed run that only forwards: ten times more when profiled,
# since perf starts some time after the run does.
FWD=2000000
[[ -n ${VSW_BENCH_PROFILE:-} ]] && FWD=$((FWD * 10))

pg() { echo "$2" > "$PG/$1" || echo "pktgen: '$2' refused by $1" >&2; }

# For selftests/rig/profile.sh on the host, which samples the UML process
# with perf between the marks: where the module under test is loaded.
profile_mark() {
	local mod=- text=0 m
	for m in vsw vsw_floor; do
		if [[ -e /sys/module/$m/sections/.text ]]; then
			mod=$m
			text=$(< "/sys/module/$m/sections/.text")
		fi
	done
	echo "profile: $1 $mod $text" >&2
}

# pktgen DEV COUNT MODE [key value]...: run and print the pps.
pktgen() {
	local dev=$1 count=$2 mode=$3
	shift 3
	pg kpktgend_0 "rem_device_all"
	pg kpktgend_0 "add_device $dev"
	pg "$dev" "count $count"
	pg "$dev" "pkt_size 60"
	pg "$dev" "clone_skb 0"
	pg "$dev" "delay 0"
	pg "$dev" "dst_mac $DST"
	pg "$dev" "src_mac $SRC"
	[[ $mode == rx ]] && pg "$dev" "xmit_mode netif_receive"
	while (($#)); do pg "$dev" "$1 $2"; shift 2; done
	[[ -n ${VSW_BENCH_PROFILE:-} ]] && profile_mark start
	pg pgctrl start
	[[ -n ${VSW_BENCH_PROFILE:-} ]] && profile_mark end
	grep -o "[0-9]*pps" "$PG/$dev" | head -1 | tr -d 'ps'
	pg kpktgend_0 "rem_device_all"
}

dummies() {
	local i
	for ((i = 0; i < $1; i++)); do
		ip link add "d$i" type dummy
		ip link set "d$i" up
	done
}

undummies() { local i; for ((i = 0; i < $1; i++)); do ip link del "d$i"; done; }

# setup KIND NPORTS: d0..d(N-1) into a switch "b" of that kind.
setup() {
	local kind=$1 n=$2 i
	dummies "$n"
	case $kind in
	vsw)
		insmod "$VSWKO"
		"$VSWCTL" switch add sw0 type private
		for ((i = 0; i < n; i++)); do "$VSWCTL" port add sw0 dev "d$i"; done
		;;
	bridge)
		ip link add br0 type bridge stp_state 0
		for ((i = 0; i < n; i++)); do ip link set "d$i" master br0; done
		ip link set br0 up
		;;
	floor)
		insmod "$FLOORKO" in=d0 out=d1
		;;
	esac
}

teardown() {
	local kind=$1 n=$2
	case $kind in
	vsw) rmmod vsw ;;
	bridge) ip link del br0 ;;
	floor) rmmod vsw_floor ;;
	esac
	undummies "$n"
}

static_on() {	# KIND MAC DEV
	case $1 in
	vsw) "$VSWCTL" fdb add sw0 "$2" dev "$3" ;;
	bridge) bridge fdb add "$2" dev "$3" master static ;;
	esac
}

fdb_count() {
	case $1 in
	vsw) "$VSWCTL" -j switch show sw0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["fdb_entries"])' ;;
	bridge) bridge fdb show br br0 | grep -c "dev d" ;;
	*) echo 0 ;;
	esac
}

# The CPU seconds process PID has used (user and system).
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }

meminfo_kb() { awk -v k="$1:" '$1 == k {print $2}' /proc/meminfo; }
mem_kb() { echo $(($(meminfo_kb Slab) + $(meminfo_kb VmallocUsed))); }

record() {
	local line=$1

	[[ ${KIND:-} == base ]] && line=${line/'"kind": "vsw"'/'"kind": "base"'}
	echo "$line" >> "$out"
	echo "bench: $line"
}

# The VLAN scenarios' VLAN.
VID=10

# vlan_setup KIND IN OUT [FLOOR_VLAN]: d0 and d1 in VLAN $VID, d0's port an
# IN port of it (access or trunk), d1's an OUT port, $DST static on d1 in
# the VLAN; the bridge with vlan_filtering, its ports in VLAN $VID alone.
# The floor gets vlan=FLOOR_VLAN (floor.c: 0 clears the tag, a VID sets it).
vlan_setup() {
	local kind=$1 i
	local -a modes=("$2" "$3")
	dummies 2
	case $kind in
	vsw)
		insmod "$VSWKO"
		"$VSWCTL" switch add sw0 type private
		for i in 0 1; do "$VSWCTL" port add sw0 dev "d$i" vlan "${modes[i]}" "$VID"; done
		"$VSWCTL" fdb add sw0 "$DST" dev d1 vlan "$VID"
		;;
	bridge)
		ip link add br0 type bridge stp_state 0 vlan_filtering 1
		for i in 0 1; do
			ip link set "d$i" master br0
			bridge vlan del dev "d$i" vid 1
			if [[ ${modes[i]} == access ]]; then
				bridge vlan add dev "d$i" vid "$VID" pvid untagged
			else
				bridge vlan add dev "d$i" vid "$VID"
			fi
		done
		bridge fdb add "$DST" dev d1 master static vlan "$VID"
		ip link set br0 up
		;;
	floor)
		insmod "$FLOORKO" in=d0 out=d1 ${4:+vlan=$4}
		;;
	esac
}

txstat() { cat "/sys/class/net/$1/statistics/tx_$2"; }

# vlan_run NAME KIND [pktgen key value]...: one timed run of known unicast
# d0 -> d1, recorded with what left d1: a switch that drops the frames
# would look fast, and the bytes a frame tell whether its tag was pushed
# (64: the 60 sent and a tag), kept off (60) or popped (58 of v3's 62:
# pktgen's header does not fit in 60 bytes with a tag).
vlan_run() {
	local name=$1 kind=$2 pps p0 b0 p1 b1
	shift 2
	p0=$(txstat d1 packets) b0=$(txstat d1 bytes)
	pps=$(pktgen d0 "$FWD" rx "$@")
	p1=$(txstat d1 packets) b1=$(txstat d1 bytes)
	record "{\"scenario\": \"$name\", \"kind\": \"$kind\", \"pps\": $pps, \"frames\": $FWD, \"tx_packets\": $((p1 - p0)), \"tx_bytes\": $((b1 - b0))}"
}

# (v1) known unicast access to access, one flow, both ports in VLAN $VID:
# untagged in, untagged out.
sv1() {
	vlan_setup "$1" access access
	vlan_run v1 "$1"
	teardown "$1" 2
}

# (v2) access to trunk: untagged in, the tag pushed.
sv2() {
	vlan_setup "$1" access trunk "$VID"
	vlan_run v2 "$1"
	teardown "$1" 2
}

# (v3) trunk to access: tagged in (pktgen's vlan_id, in the frame; the
# receive path moves it into the skb before the rx_handler), the tag popped.
sv3() {
	vlan_setup "$1" trunk access 0
	vlan_run v3 "$1" vlan_id "$VID"
	teardown "$1" 2
}

# (1) known unicast, one flow.
s1() {
	setup "$1" 2
	static_on "$1" "$DST" d1
	local pps; pps=$(pktgen d0 "$FWD" rx)
	record "{\"scenario\": 1, \"kind\": \"$1\", \"pps\": $pps}"
	teardown "$1" 2
}

# (2) broadcast flooded to 8 ports.
s2() {
	setup "$1" 9
	local pps; pps=$(pktgen d0 $((FWD / 4)) rx dst_mac ff:ff:ff:ff:ff:ff)
	record "{\"scenario\": 2, \"kind\": \"$1\", \"pps\": $pps}"
	teardown "$1" 9
}

# (3) NMACS learned MACs on d1, destinations spread over all of them; (6)
# the memory the learning took, per entry.
s3() {
	setup "$1" 2
	[[ $1 == vsw ]] && "$VSWCTL" switch set sw0 max-entries $((NMACS + 16))
	sync; echo 2 > /proc/sys/vm/drop_caches
	local m0 m1 n pps
	m0=$(mem_kb)
	pktgen d1 "$NMACS" rx src_mac 02:01:00:00:00:00 src_mac_count "$NMACS" dst_mac ff:ff:ff:ff:ff:fe > /dev/null
	m1=$(mem_kb)
	n=$(fdb_count "$1")
	pps=$(pktgen d0 "$FWD" rx dst_mac 02:01:00:00:00:00 dst_mac_count "$NMACS")
	record "{\"scenario\": 3, \"kind\": \"$1\", \"pps\": $pps, \"entries\": $n, \"mem_kb\": $((m1 - m0))}"
	teardown "$1" 2
	# What one cache miss costs here: a lookup among 1M entries pays one or
	# more, and the frame waits for it.
	[[ $1 == vsw ]] && record "{\"scenario\": \"3-memlat\", \"mbytes\": 64, \"ns\": $("$MEMLAT" 64)}"
}

# monitor KIND &: the kind's FDB monitor, its lines to stdout; exec, so
# that $! is the monitor's own PID to kill.
monitor() {
	case $1 in
	vsw) exec "$VSWCTL" monitor 2> /dev/null ;;
	bridge) exec bridge monitor fdb 2> /dev/null ;;
	esac
}

# (4) a learning storm: NMACS random sources from one port, a monitor
# listening; MACs learned per second over the storm as pktgen timed it
# (frames / pps: the shell's own forks are not learning).  Then the limits:
# learn-limit and max-entries hold exactly.  On UML's one CPU the monitor
# takes its time from the storm: its CPU seconds are recorded.  In the
# first run only, an untimed storm of NMACS/10 counts the events the
# monitor got: a monitor that falls behind loses them (ENOBUFS), which also
# makes it cheaper.
s4() {
	local mon pps n m0 m1 events limit=100000 max=150000 learned entries cpu=0
	if ((RUN == 0)) && [[ $1 != floor ]]; then
		setup "$1" 2
		monitor "$1" > /tmp/events & mon=$!
		sleep 0.2
		pktgen d0 $((NMACS / 10)) rx src_mac_count "$NMACS" flag MACSRC_RND > /dev/null
		n=$(fdb_count "$1")
		sleep 0.2	# the last batch
		kill "$mon" && wait "$mon" 2> /dev/null
		events=$(grep -c . /tmp/events)
		rm -f /tmp/events
		record "{\"scenario\": \"4-events\", \"kind\": \"$1\", \"entries\": $n, \"monitor_events\": $events}"
		teardown "$1" 2
	fi
	setup "$1" 2
	static_on "$1" "$DST" d1
	mon=
	[[ $1 != floor ]] && { monitor "$1" > /dev/null & mon=$!; }
	sleep 0.2
	sync; echo 2 > /proc/sys/vm/drop_caches
	m0=$(mem_kb)
	pps=$(pktgen d0 "$NMACS" rx src_mac_count "$NMACS" flag MACSRC_RND)
	[[ -n $mon ]] && cpu=$(cpu_s "$mon")
	n=$(fdb_count "$1")
	[[ -n $mon ]] && kill "$mon" && wait "$mon" 2> /dev/null
	m1=$(mem_kb)
	record "{\"scenario\": 4, \"kind\": \"$1\", \"pps\": $pps, \"entries\": $n, \"learn_per_s\": $((n * pps / NMACS)), \"mem_kb\": $((m1 - m0)), \"frames\": $NMACS, \"monitor_cpu_s\": $cpu}"
	teardown "$1" 2
	[[ $1 == vsw ]] || return 0
	# The limits, on a new switch: d0 storms up to its learn-limit, then d1
	# (no limit of its own) until max-entries stops it; the FDB's memory
	# is that of max-entries entries, not of the MACs seen.
	setup vsw 2
	"$VSWCTL" port set sw0 dev d0 learn-limit "$limit"
	"$VSWCTL" switch set sw0 max-entries "$max"
	sync; echo 2 > /proc/sys/vm/drop_caches
	m0=$(mem_kb)
	pktgen d0 $((3 * limit)) rx src_mac_count $((3 * limit)) flag MACSRC_RND > /dev/null
	learned=$("$VSWCTL" -j port show sw0 | python3 -c 'import json,sys; print([p["learned"] for p in json.load(sys.stdin) if p["dev"]=="d0"][0])')
	pktgen d1 $((3 * max)) rx src_mac 02:02:00:00:00:00 src_mac_count $((3 * max)) flag MACSRC_RND > /dev/null
	entries=$(fdb_count vsw)
	m1=$(mem_kb)
	record "{\"scenario\": \"4-limit\", \"kind\": \"vsw\", \"learn_limit\": $limit, \"learned\": $learned, \"max_entries\": $max, \"entries\": $entries, \"macs_sent\": $((3 * limit + 3 * max)), \"mem_kb\": $((m1 - m0))}"
	teardown vsw 2
}

# (5) the host vNIC's xmit path: pktgen (queue_xmit) on vsw's host vNIC, on
# the bridge device, and (floor) straight on the egress dummy.
s5() {
	local dev pps
	dummies 2
	case $1 in
	vsw)
		insmod "$VSWKO"
		"$VSWCTL" switch add hv0 type internal
		"$VSWCTL" port add hv0 dev d1
		ip link set hv0 up
		"$VSWCTL" fdb add hv0 "$DST" dev d1
		dev=hv0
		;;
	bridge)
		ip link add hv0 type bridge stp_state 0
		ip link set d1 master hv0
		ip link set hv0 up
		bridge fdb add "$DST" dev d1 master static
		dev=hv0
		;;
	floor) dev=d1 ;;
	esac
	pps=$(pktgen "$dev" "$FWD" tx src_mac "$(cat /sys/class/net/$dev/address)")
	record "{\"scenario\": 5, \"kind\": \"$1\", \"pps\": $pps}"
	case $1 in
	vsw) rmmod vsw ;;
	bridge) ip link del hv0 ;;
	esac
	undummies 2
}

# (g1..g3) known unicast as (1), IPv4 from 10.0.0.1, from a port with a
# guard on and, alternated with it, the same port with all off: the cost of
# mac-spoof off, of the DHCP and router guards (the frames are UDP, read to
# the port numbers), of allow-ip.  vsw only, kinds "on" and "off".
guard_run() {
	local name=$1 settings=$2 kind pps

	for kind in off on; do
		setup vsw 2
		static_on vsw "$DST" d1
		# shellcheck disable=SC2086 # the settings are several words
		[[ $kind == on ]] && "$VSWCTL" port set sw0 dev d0 $settings
		pps=$(pktgen d0 "$FWD" rx src_min 10.0.0.1 src_max 10.0.0.1 \
			     dst_min 10.0.0.2 dst_max 10.0.0.2)
		record "{\"scenario\": \"$name\", \"kind\": \"$kind\", \"pps\": $pps}"
		teardown vsw 2
	done
}

sg1() { [[ $1 == vsw ]] && guard_run g1 "mac-spoof off"; }
sg2() { [[ $1 == vsw ]] && guard_run g2 "dhcp-guard on router-guard on"; }
sg3() { [[ $1 == vsw ]] && guard_run g3 "allow-ip 10.0.0.1/32"; }

ip link set lo up
modprobe pktgen 2>/dev/null
kinds=${VSW_BENCH_KINDS:-vsw bridge floor${VSW_BENCH_BASE:+ base}}
# The scenarios: 1 to 5, v1 to v3 and g1 to g3 (functions sv1.., sg1..).
for s in ${VSW_BENCH_SCENARIOS:-1 2 3 4 5 v1 v2 v3 g1 g2 g3}; do
	for ((RUN = 0; RUN < RUNS; RUN++)); do
		for kind in $kinds; do
			if [[ $kind == base ]]; then
				# The module before a change may lack the settings.
				[[ $s == [vg]* ]] && continue
				KIND=base VSWKO=$BASEKO "s$s" vsw
			else
				"s$s" "$kind"
			fi
		done
	done
done
grep -E "^(vsw_fdb_entry|bridge_fdb_cache) " /proc/slabinfo
echo "bench: done"
