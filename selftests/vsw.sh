#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vsw selftests, in the style of wireguard's netns.sh: network namespaces are
# the hosts, veth pairs the wires.  The switch lives in the namespace "host";
# "srv" is a server behind the physical LAN; "vmN" are VMs or containers whose
# NIC's other end (vnetN) is plugged into the switch.  Each check is a named
# assertion; counters are read from the kernel's own interface statistics.
#
# Run as root inside a test VM, with vsw.ko loaded or VSW_MODULE naming it
# (selftests/rig/uml-init.sh does; in a VM of your own, `make -C selftests
# run_tests`).  Output is TAP; exit 0 when all passed, 1 on a failure, 4
# (kselftest's skip) when something the tests need is missing.  VSW_TESTS
# names the test functions to run (all by default, in the order of TESTS).
set -u

VSWCTL=${VSWCTL:-vswctl}
# Read on stdin (bash -s), $0 is "bash": a cwd its user cannot read must
# not make realpath complain before preflight says what is missing.
HERE=$(dirname "$(realpath "$0" 2> /dev/null || echo "$0")")
SENDETH=$HERE/lib/sendeth.py
DUMPINTR=$HERE/lib/dumpintr.py
IP=/usr/sbin/ip
PING=/usr/bin/ping
NSES=()
passed=0 failed=0 skipped=0 n=0
ksft_skip=4

preflight() {
	local tool

	if [[ $(id -u) != 0 ]]; then
		echo "1..0 # SKIP vsw.sh needs root"
		exit $ksft_skip
	fi
	for tool in "$IP" "$PING" python3 "$VSWCTL"; do
		if ! command -v "$tool" > /dev/null; then
			echo "1..0 # SKIP $tool not found"
			exit $ksft_skip
		fi
	done
	if [[ ! -d /sys/module/vsw ]]; then
		if [[ -n ${VSW_MODULE:-} ]]; then
			insmod "$VSW_MODULE"
		else
			modprobe vsw 2> /dev/null
		fi
	fi
	if [[ ! -d /sys/module/vsw ]]; then
		echo "1..0 # SKIP vsw is not loaded (insmod it, or set VSW_MODULE)"
		exit $ksft_skip
	fi
}

pretty() { echo "# [$1] ${*:2}" >&2; }
h() { pretty host "$*"; ip netns exec host "$@"; }
n() { local ns=$1; shift; pretty "$ns" "$*"; ip netns exec "$ns" "$@"; }
q() { local ns=$1; shift; ip netns exec "$ns" "$@" >/dev/null 2>&1; }
vsw() { pretty host "vswctl $*"; ip netns exec host "$VSWCTL" "$@"; }

ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1${2:+: $2}"; }
skip() { n=$((n + 1)); skipped=$((skipped + 1)); echo "ok $n - $1 # SKIP $2"; }

# check NAME CMD...: passes when CMD succeeds.
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi; }
# check_fail NAME CMD...: passes when CMD fails.
check_fail() { local name=$1; shift; if "$@"; then not_ok "$name" "succeeded: $*"; else ok "$name"; fi; }
check_eq() { if [[ $2 == "$3" ]]; then ok "$1"; else not_ok "$1" "expected '$2', got '$3'"; fi; }
check_ge() { if (($3 >= $2)); then ok "$1"; else not_ok "$1" "expected >= $2, got $3"; fi; }
check_le() { if (($3 <= $2)); then ok "$1"; else not_ok "$1" "expected <= $2, got $3"; fi; }

netns() {
	$IP netns add "$1"
	NSES+=("$1")
	q "$1" sysctl -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	q "$1" $IP link set lo up
}

cleanup() {
	local ns
	cap_stop
	dhcpd_stop
	for ns in "${NSES[@]}"; do $IP netns del "$ns" 2>/dev/null; done
	NSES=()
}
# Monitors' and pings' output, for the checks that read it afterwards.
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/vsw-selftests.XXXXXX")
trap 'cleanup; rm -rf "$LOGS"' EXIT

# A wire: veth A in namespace NA, B in namespace NB.
wire() { $IP link add "$2" netns "$1" type veth peer name "$4" netns "$3"; }
up() { q "$1" $IP link set "$2" up; }
addr() { q "$1" $IP addr add "$3" dev "$2"; up "$1" "$2"; }
stat() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }
syscw() { local k v; while read -r k v; do [[ $k == syscw: ]] && echo "$v"; done < "/proc/$1/io"; }
pings() { q "$1" $PING -c "${3:-1}" -W 2 -i 0.2 "$2"; }
no_ping() { ! q "$1" $PING -c 2 -W 1 -i 0.2 "$2"; }
jfield() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# Captures: cap NAME NS DEV [FILTER...] starts tcpdump on DEV in NS, one line
# a frame into $LOGS/NAME.cap, and returns once it listens; cap_stop ends
# them all; caught NAME counts the frames (the lines tcpdump starts with
# a frame's time).  Without tcpdump, cap fails and
# check_cap skips.
CAPS=()
cap() {
	local name=$1 ns=$2 dev=$3 i
	shift 3
	: > "$LOGS/$name.cap"
	command -v tcpdump > /dev/null || return 1
	ip netns exec "$ns" tcpdump -i "$dev" -nn -e -l -U "$@" \
		> "$LOGS/$name.cap" 2> "$LOGS/$name.err" &
	CAPS+=($!)
	for ((i = 0; i < 50; i++)); do
		grep -q "listening on" "$LOGS/$name.err" && return 0
		sleep 0.1
	done
	return 1
}
cap_stop() {
	((${#CAPS[@]})) || return 0
	sleep 0.3
	kill "${CAPS[@]}" 2> /dev/null
	wait "${CAPS[@]}" 2> /dev/null
	CAPS=()
}
caught() { grep -c "^[0-9]" "$LOGS/$1.cap"; }
# check_cap NAME WANT CAP: capture CAP caught WANT frames.
check_cap() {
	if command -v tcpdump > /dev/null; then
		check_eq "$1" "$2" "$(caught "$3")"
		[[ $2 == "$(caught "$3")" ]] || sed 's/^/#   /' "$LOGS/$3.cap"
	else
		skip "$1" "no tcpdump"
	fi
}

# The host and a server behind the "physical" LAN, one wire each: eth0 (and
# eth1 when asked) in the host, srv0 (srv1) in the server.
setup_lan() {
	cleanup
	netns host
	netns srv
	wire host eth0 srv srv0
	addr srv srv0 192.0.2.100/24
	up host eth0
	if [[ ${1:-} == two ]]; then
		wire host eth1 srv srv1
		addr srv srv1 198.51.100.100/24
	fi
}

# pin_neigh NS1 DEV1 ADDR1 NS2 DEV2 ADDR2: the two know each other's MAC for
# good, so that neither probes the other while a check counts frames.
pin_neigh() {
	q "$1" $IP neigh replace "$6" lladdr "$(mac "$4" "$5")" dev "$2" nud permanent
	q "$4" $IP neigh replace "$3" lladdr "$(mac "$1" "$2")" dev "$5" nud permanent
}

# A VM: namespace vmN, its eth0 wired to vnetN in the host, address ADDR.
vm() {
	netns "$1"
	wire "$1" eth0 host "vnet${1#vm}"
	addr "$1" eth0 "$2"
	up host "vnet${1#vm}"
}

t1_one_nic() {
	echo "# (1) one NIC: the host keeps the network through its vNIC"
	setup_lan
	addr host eth0 192.0.2.2/24
	# Linux answers ARP for any local address on any device (weak host);
	# arp_ignore=1 is the strong host of Windows that the check assumes.
	q host sysctl -w net.ipv4.conf.all.arp_ignore=1
	check "(1) before: the server reaches the uplink's address" pings srv 192.0.2.2
	local promisc_before
	promisc_before=$(h $IP -d -j link show eth0 | jfield 'd[0]["promiscuity"]')
	q host $IP addr flush dev eth0
	q host $IP addr add 192.0.2.2/24 dev eth0
	vsw switch add sw0 type external uplink eth0
	check_eq "(1) the host vNIC carries the uplink's MAC" "$(mac host eth0)" "$(mac host sw0)"
	check_eq "(1) the uplink is promiscuous" $((promisc_before + 1)) \
		"$(h $IP -d -j link show eth0 | jfield 'd[0]["promiscuity"]')"
	addr host sw0 192.0.2.1/24
	q host $IP route del 192.0.2.0/24 dev eth0
	local tx0; tx0=$(stat host sw0 tx_packets)
	check "(1) the host pings the server through its vNIC" pings host 192.0.2.100 3
	check_ge "(1) the vNIC's own tx counter moved" $((tx0 + 3)) "$(stat host sw0 tx_packets)"
	# The vNIC has the uplink's MAC: forget what the server cached before.
	q srv $IP neigh flush all
	check "(1) an address left on the uplink no longer answers" no_ping srv 192.0.2.2
	check "(1) the vNIC's address answers the server" pings srv 192.0.2.1
	check_eq "(1) switch show -j: type" external "$(vsw -j switch show sw0 | jfield 'd[0]["type"]')"
	check_eq "(1) switch show -j: uplink" eth0 "$(vsw -j switch show sw0 | jfield 'd[0]["uplink"]')"
	check_eq "(1) switch show -j: host" sw0 "$(vsw -j switch show sw0 | jfield 'd[0]["host"]')"
	check_eq "(1) the host vNIC's MAC is a local FDB entry" local \
		"$(vsw -j fdb show sw0 | jfield '[e["type"] for e in d if e["mac"]=="'"$(mac host sw0)"'"][0]')"
	check_fail "(1) the vNIC's MTU cannot exceed the uplink's" q host $IP link set sw0 mtu 1600
	q host $IP link set eth0 mtu 1400
	check_eq "(1) the vNIC's MTU follows a smaller uplink MTU" 1400 "$(h cat /sys/class/net/sw0/mtu)"
	q host $IP link set eth0 mtu 1500
	q srv $IP link set srv0 down
	sleep 0.2
	check_eq "(1) carrier follows the uplink: down" 0 "$(h cat /sys/class/net/sw0/carrier)"
	q srv $IP link set srv0 up
	sleep 0.2
	check_eq "(1) carrier follows the uplink: up" 1 "$(h cat /sys/class/net/sw0/carrier)"
	q host $IP link set sw0 address 02:00:00:00:0a:01
	check_eq "(1) the local entry follows the vNIC's MAC" "local 0" \
		"$(vsw -j fdb show sw0 | jfield '" ".join([e["type"] for e in d if e["mac"]=="02:00:00:00:0a:01"] + [str(len([e for e in d if e["type"]=="local"])-1)])')"
	vsw switch del sw0
	check_fail "(1) the host vNIC goes with the switch" q host $IP link show sw0
	check_eq "(1) unbinding restores promiscuity" "$promisc_before" \
		"$(h $IP -d -j link show eth0 | jfield 'd[0]["promiscuity"]')"
	q host $IP route add 192.0.2.0/24 dev eth0
	check "(1) unbound, the uplink's address answers again" pings srv 192.0.2.2
	check "(1) unbound, the uplink can join a bridge" \
		q host sh -c "$IP link add br9 type bridge && $IP link set eth0 master br9 && $IP link del br9"
}

t2_two_nics() {
	echo "# (2) two NICs: the host keeps eth0, the switch takes eth1 (host off)"
	cleanup
	netns host
	netns srv
	wire host eth0 srv srv0
	addr srv srv0 198.51.100.100/24
	addr host eth0 198.51.100.1/24
	wire host eth1 srv srv1
	addr srv srv1 192.0.2.100/24
	up host eth1
	vsw switch add sw1 type external uplink eth1 host off
	vm vm1 192.0.2.10/24
	vsw port add sw1 dev vnet1
	check_fail "(2) no host vNIC with host off" q host $IP link show sw1
	check "(2) the VM reaches the server through the switch" pings vm1 192.0.2.100 3
	# No neighbour probe between the VM and the server while the host pings:
	# a slow machine's pings outlast the entries' reachable time.
	pin_neigh vm1 eth0 192.0.2.10 srv srv1 192.0.2.100
	local up_tx sw_rx
	up_tx=$(stat host eth1 tx_packets)
	sw_rx=$(vsw -j -s port show sw1 | jfield 'sum(p["stats"]["rx_packets"] for p in d)')
	check "(2) the host reaches the server on its own NIC" pings host 198.51.100.100 3
	check_eq "(2) the host's traffic never crosses the uplink" "$up_tx" "$(stat host eth1 tx_packets)"
	check_eq "(2) the host's traffic never enters the switch" "$sw_rx" \
		"$(vsw -j -s port show sw1 | jfield 'sum(p["stats"]["rx_packets"] for p in d)')"
	vsw switch del sw1
}

t3_vm_to_host() {
	echo "# (3) a VM reaches the server and the host; host traffic stays inside"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	addr host sw0 192.0.2.1/24
	vm vm1 192.0.2.10/24
	vsw port add sw0 dev vnet1
	check "(3) the VM reaches the server" pings vm1 192.0.2.100 2
	check "(3) the VM reaches the host" pings vm1 192.0.2.1 2
	pin_neigh vm1 eth0 192.0.2.10 srv srv0 192.0.2.100
	local tx0; tx0=$(stat host eth0 tx_packets)
	check "(3) learned: the VM pings the host again" pings vm1 192.0.2.1 5
	check_eq "(3) VM-to-host traffic never leaves by the uplink" "$tx0" "$(stat host eth0 tx_packets)"
	check_eq "(3) the port shows as vm" vm \
		"$(vsw -j port show sw0 | jfield '[p["role"] for p in d if p["dev"]=="vnet1"][0]')"
	check_ge "(3) port stats count the VM's frames" 5 \
		"$(vsw -j -s port show sw0 | jfield '[p["stats"]["rx_packets"] for p in d if p["dev"]=="vnet1"][0]')"
	check_eq "(3) the VM's MAC is learned on its port" vnet1 \
		"$(vsw -j fdb show sw0 | jfield '[e["dev"] for e in d if e["mac"]=="'"$(mac vm1 eth0)"'"][0]')"
	vsw switch del sw0
}

t4_hub_until_learned() {
	echo "# (4) a hub until it has learned"
	cleanup
	netns host
	vsw switch add sw4 type private
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vm vm3 192.0.2.13/24
	local p; for p in 1 2 3; do vsw port add sw4 dev vnet$p; done
	local m1 m2 b2 b3
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
	b2=$(stat vm2 eth0 rx_packets) b3=$(stat vm3 eth0 rx_packets)
	n vm1 "$SENDETH" eth0 "$m2" "$m1" 10
	sleep 0.2
	check_eq "(4) unknown unicast reaches its target" $((b2 + 10)) "$(stat vm2 eth0 rx_packets)"
	check_eq "(4) unknown unicast is flooded to the other port" $((b3 + 10)) "$(stat vm3 eth0 rx_packets)"
	n vm2 "$SENDETH" eth0 "$m1" "$m2" 1
	sleep 0.2
	b2=$(stat vm2 eth0 rx_packets) b3=$(stat vm3 eth0 rx_packets)
	n vm1 "$SENDETH" eth0 "$m2" "$m1" 10
	sleep 0.2
	check_eq "(4) learned unicast reaches its port" $((b2 + 10)) "$(stat vm2 eth0 rx_packets)"
	check_eq "(4) learned unicast reaches no other port" "$b3" "$(stat vm3 eth0 rx_packets)"
	b2=$(stat vm2 eth0 rx_packets)
	n vm1 "$SENDETH" eth0 01:00:5e:00:00:01 "$m1" 4
	n vm1 "$SENDETH" eth0 01:80:c2:00:00:01 "$m1" 4
	n vm1 "$SENDETH" eth0 "$m2" 01:02:03:04:05:06 4
	n vm1 "$SENDETH" eth0 "$m2" 00:00:00:00:00:00 4
	sleep 0.2
	check_eq "(4) multicast floods; PAUSE and bad sources do not pass" \
		$((b2 + 4)) "$(stat vm2 eth0 rx_packets)"
	check_ge "(4) bad frames are counted as dropped" 12 \
		"$(vsw -j -s port show sw4 | jfield '[p["stats"]["dropped"] for p in d if p["dev"]=="vnet1"][0]')"
	check_ge "(4) flooded copies are counted" 10 \
		"$(vsw -j -s port show sw4 | jfield '[p["stats"]["flooded"] for p in d if p["dev"]=="vnet3"][0]')"
	vsw switch del sw4
}

t5_ageing_and_move() {
	echo "# (5) ageing and MAC move"
	cleanup
	netns host
	vsw switch add sw5 type private
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw5 dev vnet1
	vsw port add sw5 dev vnet2
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/monitor.log" &
	local mon=$! m1; m1=$(mac vm1 eth0)
	sleep 0.3
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 1
	sleep 0.2
	check_eq "(5) learned on vnet1" vnet1 \
		"$(vsw -j fdb show sw5 | jfield '[e["dev"] for e in d if e["mac"]=="'"$m1"'"][0]')"
	n vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 1
	sleep 0.2
	check_eq "(5) the MAC moves to vnet2" vnet2 \
		"$(vsw -j fdb show sw5 | jfield '[e["dev"] for e in d if e["mac"]=="'"$m1"'"][0]')"
	check_eq "(5) fdb show dev filters by port" 1 \
		"$(vsw -j fdb show sw5 dev vnet2 | jfield 'len(d)')"
	vsw switch set sw5 ageing 1
	check_eq "(5) switch set ageing" 1 "$(vsw -j switch show sw5 | jfield 'd[0]["ageing"]')"
	sleep 2.5
	check_eq "(5) the entry ages out" 0 "$(vsw -j fdb show sw5 | jfield 'len(d)')"
	vsw switch set sw5 ageing 300
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 1
	vsw fdb add sw5 02:00:00:00:00:55 dev vnet1
	check_eq "(5) a static entry" static \
		"$(vsw -j fdb show sw5 | jfield '[e["type"] for e in d if e["mac"]=="02:00:00:00:00:55"][0]')"
	vsw fdb flush sw5 dynamic
	check_eq "(5) flush dynamic keeps the static entry" 1 "$(vsw -j fdb show sw5 | jfield 'len(d)')"
	vsw fdb del sw5 02:00:00:00:00:55
	check_eq "(5) fdb del" 0 "$(vsw -j fdb show sw5 | jfield 'len(d)')"
	vsw port set sw5 dev vnet1 learn-limit 2
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:01:01 1
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:01:02 1
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:01:03 1
	sleep 0.2
	check_eq "(5) learn-limit holds on the port" "2 2" \
		"$(vsw -j port show sw5 | jfield '" ".join(str(p[k]) for p in d if p["dev"]=="vnet1" for k in ("learn_limit", "learned"))')"
	vsw switch set sw5 max-entries 3
	n vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:02:01 1
	n vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:00:02:02 1
	sleep 0.2
	check_eq "(5) max-entries holds on the switch" "3 3" \
		"$(vsw -j switch show sw5 | jfield '"%d %d" % (d[0]["max_entries"], d[0]["fdb_entries"])')"
	b2=$(stat vm2 eth0 rx_packets)
	n vm1 "$SENDETH" eth0 02:00:00:00:02:02 02:00:00:00:01:01 3
	sleep 0.2
	check_eq "(5) a MAC the full table did not learn is flooded" $((b2 + 3)) "$(stat vm2 eth0 rx_packets)"
	vsw fdb flush sw5
	sleep 0.3
	kill "$mon"; wait "$mon" 2>/dev/null
	local ev
	for ev in learn move age flush; do
		check "(5) monitor saw a $ev event" grep -q "\"event\":\"$ev\".*\"switch\":\"sw5\"" "$LOGS/monitor.log"
	done
	check "(5) monitor names the MAC of a learn" grep -q "\"event\":\"learn\".*\"mac\":\"$m1\"" "$LOGS/monitor.log"

	# A storm: far more learn events than one burst of datagrams holds,
	# every one delivered, and the port event that follows after them.
	# The monitor is stopped while the storm queues in its socket; then
	# it writes the lines of each read at once, not a few KiB at a time.
	local storm=3000 writes=
	vsw switch set sw5 max-entries 100000
	vsw port set sw5 dev vnet1 learn-limit 0
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/storm.log" &
	mon=$!
	sleep 0.3
	kill -STOP "$mon"
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:10:00:00 "$storm" distinct
	sleep 0.2
	[[ -r /proc/$mon/io ]] && writes=$(syscw "$mon")
	kill -CONT "$mon"
	sleep 0.3
	[[ -n $writes ]] && writes=$(($(syscw "$mon") - writes))
	vsw port del sw5 dev vnet1
	sleep 0.3
	kill "$mon"; wait "$mon" 2>/dev/null
	check_eq "(5) storm: every MAC learned once" "$storm" \
		"$(grep -c '"event":"learn".*"mac":"02:00:00:1' "$LOGS/storm.log")"
	check_eq "(5) storm: the port event comes after the learns" port-del \
		"$(tail -n 1 "$LOGS/storm.log" | jfield 'd["event"]')"
	# About 66 datagrams, 64 a read: two writes (in 4 KiB ones, 55).
	local what="(5) storm: the monitor writes each read's lines at once"
	if [[ -n $writes ]]; then
		check_le "$what" 3 "$writes"
	else
		skip "$what" "no /proc/PID/io"
	fi
	vsw switch del sw5
}

t6_internal_private() {
	echo "# (6) internal and private switches"
	cleanup
	netns host
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/life.log" &
	local mon=$!
	ip netns exec host "$VSWCTL" monitor > "$LOGS/life.txt" &
	local plain=$!
	sleep 0.3
	vsw switch add int0 type internal
	addr host int0 192.0.2.1/24
	vm vm1 192.0.2.10/24
	vsw port add int0 dev vnet1
	check "(6) internal: a VM reaches the host" pings vm1 192.0.2.1 2
	check_eq "(6) internal: no uplink" None "$(vsw -j switch show int0 | jfield 'd[0]["uplink"]')"
	vsw switch add priv0 type private
	vm vm2 198.51.100.2/24
	vm vm3 198.51.100.3/24
	vsw port add priv0 dev vnet2
	vsw port add priv0 dev vnet3
	check "(6) private: VMs reach each other" pings vm2 198.51.100.3 2
	check_fail "(6) private: no host vNIC" q host $IP link show priv0
	check_eq "(6) private: JSON host is null" None "$(vsw -j switch show priv0 | jfield 'd[0]["host"]')"
	check_eq "(6) switch show lists both" "int0 priv0" \
		"$(vsw -j switch show | jfield '" ".join(sorted(s["name"] for s in d))')"
	check "(6) plain switch show names the switch and its type" sh -c \
		"ip netns exec host $VSWCTL switch show int0 | grep -w int0 | grep -qw internal"
	check "(6) plain port show names the port" sh -c \
		"ip netns exec host $VSWCTL port show int0 | grep -qw vnet1"
	check "(6) plain fdb show lists the vNIC's local entry" sh -c \
		"ip netns exec host $VSWCTL fdb show int0 | grep -i '$(mac host int0)' | grep -qw local"
	vsw port del priv0 dev vnet3
	vsw switch del int0
	vsw switch del priv0
	sleep 0.3
	kill "$mon" "$plain"; wait "$mon" "$plain" 2>/dev/null
	local ev want sw dev line
	for line in "switch-add int0" "port-add int0 dev vnet1" "port-add priv0 dev vnet2" \
		    "learn int0 $(mac vm1 eth0) dev vnet1" "port-del priv0 dev vnet3" \
		    "switch-del int0" "switch-del priv0"; do
		check_eq "(6) monitor: $line" 1 "$(grep -cxF "$line" "$LOGS/life.txt")"
	done
	check "(6) monitor -j: a port event has its role" grep -qxF \
		'{"event":"port-add","switch":"int0","dev":"vnet1","role":"vm"}' "$LOGS/life.log"
	check "(6) monitor -j: a switch event has its type" grep -qxF \
		'{"event":"switch-add","switch":"int0","type":"internal"}' "$LOGS/life.log"
	for want in "switch-add int0 -" "port-add int0 vnet1" "port-add priv0 vnet2" \
		    "port-del priv0 vnet3" "switch-del int0 -" "switch-del priv0 -"; do
		read -r ev sw dev <<< "$want"
		check_eq "(6) monitor -j: $want" 1 "$(python3 -c '
import json, sys
ev, sw, dev, path = sys.argv[1:]
n = 0
for line in open(path):
    e = json.loads(line)
    n += e["event"] == ev and e["switch"] == sw and e.get("dev", "-") == dev
print(n)' "$ev" "$sw" "$dev" "$LOGS/life.log")"
	done
}

t7_ports_churn() {
	echo "# (7) ports added and deleted, and devices deleted, while a ping runs"
	cleanup
	netns host
	vsw switch add sw7 type private
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vm vm3 192.0.2.13/24
	vsw port add sw7 dev vnet1
	vsw port add sw7 dev vnet2
	ip netns exec vm1 $PING -i 0.05 -c 60 -W 1 192.0.2.12 > "$LOGS/ping.log" 2>&1 &
	local ping=$! i
	for i in 1 2 3 4 5; do
		q host "$VSWCTL" port add sw7 dev vnet3
		q host "$VSWCTL" port del sw7 dev vnet3
	done
	q host "$VSWCTL" port add sw7 dev vnet3
	q host $IP link del vnet3
	wait "$ping"
	check "(7) the ping ran through port churn" grep -q " 0% packet loss" "$LOGS/ping.log"
	check_eq "(7) a deleted device leaves the switch" "vnet1 vnet2" \
		"$(vsw -j port show sw7 | jfield '" ".join(sorted(p["dev"] for p in d))')"
	q host $IP link del vnet2
	check_eq "(7) the switch keeps its other ports" 1 "$(vsw -j port show sw7 | jfield 'len(d)')"
	check_eq "(7) the deleted port's MACs are gone" 0 \
		"$(vsw -j fdb show sw7 | jfield 'len([e for e in d if e["dev"]=="vnet2"])')"
	vsw switch del sw7
}

# (11) Everything at once, from as many CPUs as the VM has (UML has one, the
# qemu runs two): two VMs storm the same MACs, so entries move between their
# ports while they are learned, a third storms while its port comes and
# goes, one port's entries are flushed and all of them aged under them, a
# monitor listens.  Afterwards the counters must agree with the table, and
# the limits must have held.
# The churn stops at the end of a round, when $LOGS/stop11 appears: killed,
# it could leave a vswctl of its running, which may unplug vnet3 after the
# test has plugged it back.
churn11() {
	while [[ ! -e $LOGS/stop11 ]]; do
		q host "$VSWCTL" port del sw11 dev vnet3
		q host "$VSWCTL" switch set sw11 ageing 1
		q host "$VSWCTL" fdb flush sw11 dev vnet2 dynamic
		q host "$VSWCTL" port add sw11 dev vnet3
		q host "$VSWCTL" switch set sw11 ageing 300
	done
}

t11_concurrent() {
	echo "# (11) storms, moves, port churn and flushes at once"
	cleanup
	netns host
	vsw switch add sw11 type private
	vsw switch set sw11 max-entries 1500
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vm vm3 192.0.2.13/24
	local p pids=() i mon churn
	for p in 1 2 3; do vsw port add sw11 dev vnet$p; done
	vsw port set sw11 dev vnet1 learn-limit 1000
	ip netns exec host "$VSWCTL" -j monitor > /dev/null &
	mon=$!
	churn11 &
	churn=$!
	# vm1 and vm2 send the same 6,000 sources, three times over.
	for i in 0 1 2; do
		for p in vm1 vm2; do
			ip netns exec $p "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:2$i:00:00 6000 distinct &
			pids+=($!)
		done
	done
	ip netns exec vm3 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:23:00:00 6000 distinct &
	pids+=($!)
	wait "${pids[@]}"
	touch "$LOGS/stop11"
	kill "$mon"
	wait "$churn" "$mon" 2> /dev/null
	sleep 0.2
	local fdb sw ports
	fdb=$(vsw -j fdb show sw11)
	sw=$(vsw -j switch show sw11)
	ports=$(vsw -j port show sw11)
	echo "# (11) after: $(jfield 'd[0]["fdb_entries"]' <<< "$sw") entries; learned" \
		"$(jfield '" ".join("%s %d" % (p["dev"], p["learned"]) for p in d)' <<< "$ports")"
	check_eq "(11) fdb_entries counts the table" "$(jfield 'len(d)' <<< "$fdb")" \
		"$(jfield 'd[0]["fdb_entries"]' <<< "$sw")"
	for p in vnet1 vnet2 vnet3; do
		check_eq "(11) $p's learned count is its dynamic entries" \
			"$(jfield "len([e for e in d if e['dev'] == '$p' and e['type'] == 'dynamic'])" <<< "$fdb")" \
			"$(jfield "[p['learned'] for p in d if p['dev'] == '$p'][0]" <<< "$ports")"
	done
	check_eq "(11) the learn limit held" True \
		"$(jfield '[p["learned"] for p in d if p["dev"] == "vnet1"][0] <= 1000' <<< "$ports")"
	check_eq "(11) max-entries held" True "$(jfield 'd[0]["fdb_entries"] <= 1500' <<< "$sw")"
	check "(11) the switch still forwards" pings vm1 192.0.2.12
	check "(11) the switch goes, with all it learned" q host "$VSWCTL" switch del sw11
}

# (12) fdb show of a table of many dump parts while a VM storms: what was
# learned before is listed, each MAC once, and vswctl neither fails nor
# warns (nothing was removed, so the dump never lost its place).
t12_dump_while_learning() {
	echo "# (12) fdb show while the switch learns"
	cleanup
	netns host
	vsw switch add sw12 type private
	# Bounded, so that the dumps stay short under qemu's TCG.
	vsw switch set sw12 max-entries 20000
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw12 dev vnet1
	vsw port add sw12 dev vnet2
	q vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:30:00:00 3000 distinct
	ip netns exec vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:31:00:00 200000 distinct &
	local storm=$! errf=$LOGS/dump.err i fdb rc err before=0 during=0 dups=0 nfail=0 nwarn=0
	for i in 1 2 3 4; do
		fdb=$(ip netns exec host "$VSWCTL" -j fdb show sw12 2> "$errf")
		rc=$?
		err=$(< "$errf")
		((rc != 0)) && nfail=$((nfail + 1))
		[[ -n $err ]] && nwarn=$((nwarn + 1))
		before=$(jfield 'len([e for e in d if e["mac"].startswith("02:00:00:30:")])' <<< "$fdb")
		dups=$(jfield 'len(d) - len(set(e["mac"] for e in d))' <<< "$fdb")
		during=$(jfield 'len(d)' <<< "$fdb")
		((before == 3000 && dups == 0)) || break
	done
	check_eq "(12) fdb show dev lists that port's entries, not the storm's" 3000 \
		"$(vsw -j fdb show sw12 dev vnet1 | jfield 'len(d)')"
	kill "$storm" 2> /dev/null
	wait "$storm" 2> /dev/null
	echo "# (12) the last dump: $during entries${err:+; vswctl said: $err}"
	check_eq "(12) fdb show exits 0 while the switch learns" 0 "$nfail"
	check_eq "(12) and prints no warning" 0 "$nwarn"
	check_eq "(12) each MAC learned before is listed" 3000 "$before"
	check_eq "(12) no MAC is listed twice" 0 "$dups"
	check_ge "(12) the storm was learning during the dumps" 3001 "$during"
	vsw switch del sw12
}

# (13) A dump that loses its place: vswctl is held mid-dump (its stdout, a
# pipe, is full) while the table is flushed, so the entry the dump would go
# on after is gone.  The kernel marks the rest interrupted; vswctl prints
# what it got, says so on stderr and exits 0, as ip does.
t13_dump_interrupted() {
	echo "# (13) a dump that loses its place says so"
	cleanup
	netns host
	vsw switch add sw13 type private
	vm vm1 192.0.2.11/24
	vsw port add sw13 dev vnet1
	q vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:00:00:40:00:00 5000 distinct
	local out=$LOGS/dump13.json errf=$LOGS/dump13.err rcf=$LOGS/dump13.rc
	local go=$LOGS/dump13.go dump got
	# A pipe holds 64 KiB: about 800 of the 5000 entries' objects.
	{ ip netns exec host "$VSWCTL" -j fdb show sw13 2> "$errf"; echo $? > "$rcf"; } |
		{ while [[ ! -e $go ]]; do sleep 0.1; done; cat; } > "$out" &
	dump=$!
	sleep 1
	vsw fdb flush sw13
	touch "$go"
	wait "$dump"
	check_eq "(13) fdb show exits 0 when the table changed under it" 0 "$(< "$rcf")"
	check "(13) and says so on stderr" grep -q "the table changed under the dump" "$errf"
	got=$(jfield 'len(d)' < "$out")
	echo "# (13) printed ${got:-no JSON} of 5000 entries"
	check "(13) what it printed is a JSON array of some of the entries" \
		test "${got:-0}" -gt 0 -a "${got:-0}" -lt 5000
	check_eq "(13) and none of them twice" 0 \
		"$(jfield 'len(d) - len(set(e["mac"] for e in d))' < "$out")"
	vsw switch del sw13
}

# (14) The switch and port dumps resume by count: a switch or port that
# comes or goes between two parts marks the rest of the dump interrupted,
# and a dump that nothing changed under is not marked.  dumpintr.py reads
# one part (a page: a few dozen objects), runs a command, reads the rest.
# dump_marked WHAT CMD...: 1 if that dump was marked, else 0.
dump_marked() {
	local intr
	read -r _ _ intr <<< "$(ip netns exec host "$DUMPINTR" "$@")"
	echo "$intr"
}

t14_dump_marked() {
	echo "# (14) switch and port dumps that span a change are marked"
	cleanup
	netns host
	local i
	vsw switch add sw14 type private
	for ((i = 0; i <= 100; i++)); do echo "link add d$i type dummy"; done |
		q host $IP -batch -
	for ((i = 0; i < 100; i++)); do
		q host "$VSWCTL" port add sw14 dev d$i
	done
	for ((i = 0; i < 80; i++)); do
		q host "$VSWCTL" switch add s14-$i type private
	done
	check_eq "(14) a port dump of several parts with no change: all, once" \
		"100 100 0" "$(ip netns exec host "$DUMPINTR" ports:sw14)"
	check_eq "(14) a switch dump of several parts with no change: all, once" \
		"81 81 0" "$(ip netns exec host "$DUMPINTR" switches)"
	check_eq "(14) a port deleted during a port dump marks it" 1 \
		"$(dump_marked ports:sw14 "$VSWCTL" port del sw14 dev d50)"
	check_eq "(14) a port added during a port dump marks it" 1 \
		"$(dump_marked ports:sw14 "$VSWCTL" port add sw14 dev d100)"
	check_eq "(14) a switch added during a switch dump marks it" 1 \
		"$(dump_marked switches "$VSWCTL" switch add s14-x type private)"
	check_eq "(14) a switch deleted during its port dump ends it, marked" 1 \
		"$(dump_marked ports:sw14 "$VSWCTL" switch del sw14)"
}

# replay.py LOG: the FDB that the monitor's JSON events in LOG describe, as
# sorted "MAC VLAN DEV TYPE" lines; vswctl -j fdb show on stdin the same way.
REPLAY='
import json, sys
fdb = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    ev, key = e["event"], (e.get("mac"), e.get("vlan"))
    if ev in ("learn", "move"):
        fdb[key] = (e["dev"], "dynamic")
    elif ev == "fdb-add":
        fdb[key] = (e["dev"], e["type"])
    elif ev in ("age", "fdb-del"):
        fdb.pop(key, None)
    elif ev == "flush":
        for k, (dev, kind) in list(fdb.items()):
            if e.get("dev", dev) == dev and kind != "local" and \
               (kind == "dynamic" or not e["dynamic"]):
                del fdb[k]
    elif ev == "port-del":
        fdb = {k: v for k, v in fdb.items() if v[0] != e["dev"]}
    elif ev == "switch-del":
        fdb = {}
for (mac, vlan), (dev, kind) in sorted(fdb.items()):
    print(mac, vlan, dev, kind)
'
FDBLINES='
import json, sys
for e in sorted(json.load(sys.stdin), key=lambda e: (e["mac"], e["vlan"])):
    print(e["mac"], e["vlan"], e["dev"], e["type"])
'

t15_review_defects() {
	echo "# (15) what a review found: each shown fixed"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	addr host sw0 192.0.2.1/24
	vm vm1 192.0.2.10/24
	vm vm2 192.0.2.20/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet2
	pings vm1 192.0.2.20 1

	# A port that fails to be added after frames could reach it: a
	# macvlan on the host vNIC is refused by the upper-device loop check,
	# with frames for it flooding in all the while.
	q host $IP link add link sw0 name mv0 type macvlan mode bridge
	up host mv0
	ip netns exec vm1 python3 "$SENDETH" eth0 "$(mac host mv0)" 02:15:00:00:00:00 200000 &
	local flood=$! i refused=0
	for ((i = 0; i < 50; i++)); do
		ip netns exec host "$VSWCTL" port add sw0 dev mv0 2>/dev/null || refused=$((refused + 1))
	done
	kill "$flood"; wait "$flood" 2>/dev/null
	check_eq "(15) a device stacked on the host vNIC is refused, each time" 50 "$refused"
	expect_err "(15) ... with a reason" 1 "^vswctl: .*mv0 cannot be a port of sw0" \
		port add sw0 dev mv0
	check_eq "(15) a refused port learned nothing" 0 \
		"$(vsw -j fdb show sw0 | jfield 'len([e for e in d if e["dev"] == "mv0"])')"
	check_eq "(15) a refused port is not listed" 0 \
		"$(vsw -j port show sw0 | jfield 'len([p for p in d if p["dev"] == "mv0"])')"
	q host $IP link del mv0

	# fq drops what carries a CLOCK_REALTIME receive time; ping and this
	# socket ask for receive timestamps.
	if q host tc qdisc add dev vnet2 root fq; then
		python3 -c 'import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_TIMESTAMPNS", 35), 1)
time.sleep(30)' &
		local stamper=$!
		sleep 0.2
		check "(15) forwarded frames pass fq (no receive timestamp)" pings vm1 192.0.2.20 3
		check_eq "(15) fq on the egress port dropped nothing" 0 \
			"$(h tc -s -j qdisc show dev vnet2 | jfield 'd[0]["drops"]')"
		kill "$stamper"; wait "$stamper" 2>/dev/null
		q host tc qdisc del dev vnet2 root
	else
		skip "(15) forwarded frames pass fq" "no fq qdisc"
	fi

	# VLAN tags: every port is untagged; a priority tag is untagged.
	local rx0 drop0 bcast=ff:ff:ff:ff:ff:ff
	rx0=$(stat srv srv0 rx_packets)
	drop0=$(vsw -j -s port show sw0 | jfield '[p["stats"]["dropped"] for p in d if p["dev"] == "vnet1"][0]')
	n vm1 python3 "$SENDETH" --vlan 10 eth0 $bcast "$(mac vm1 eth0)" 5
	n vm1 python3 "$SENDETH" --vlan 4094 eth0 $bcast "$(mac vm1 eth0)" 5
	sleep 0.3
	check_eq "(15) a VM's 802.1Q-tagged frames never reach the LAN" "$rx0" "$(stat srv srv0 rx_packets)"
	check_eq "(15) ... and are counted as dropped" $((drop0 + 10)) \
		"$(vsw -j -s port show sw0 | jfield '[p["stats"]["dropped"] for p in d if p["dev"] == "vnet1"][0]')"
	n vm1 python3 "$SENDETH" --vlan 0 eth0 $bcast "$(mac vm1 eth0)" 5
	sleep 0.3
	check_eq "(15) a VM's priority-tagged frames are untagged ones: they do" \
		$((rx0 + 5)) "$(stat srv srv0 rx_packets)"
	n vm1 python3 "$SENDETH" --vlan 0,10 eth0 $bcast "$(mac vm1 eth0)" 5
	sleep 0.3
	check_eq "(15) a priority tag hiding an 802.1Q tag does not carry it to the LAN" \
		$((rx0 + 5)) "$(stat srv srv0 rx_packets)"
	n vm1 python3 "$SENDETH" --vlan ad:100 eth0 $bcast "$(mac vm1 eth0)" 5
	sleep 0.3
	check_eq "(15) an 802.1ad tag is payload: it passes" \
		$((rx0 + 10)) "$(stat srv srv0 rx_packets)"
	rx0=$(stat vm1 eth0 rx_packets)
	n srv python3 "$SENDETH" --vlan 10 srv0 $bcast "$(mac srv srv0)" 5
	sleep 0.3
	check_eq "(15) the LAN's VLAN 10 never reaches a VM" "$rx0" "$(stat vm1 eth0 rx_packets)"
	# A packet socket's send on the host vNIC (dhclient's, lldpd's): in,
	# under RCU as the data path needs; tagged, dropped.
	rx0=$(stat srv srv0 rx_packets)
	h python3 "$SENDETH" sw0 $bcast "$(mac host sw0)" 5
	h python3 "$SENDETH" --vlan 10 sw0 $bcast "$(mac host sw0)" 5
	sleep 0.3
	check_eq "(15) a packet socket's frames from the host vNIC reach the LAN, untagged only" \
		$((rx0 + 5)) "$(stat srv srv0 rx_packets)"

	# The host vNIC refuses netpoll (netconsole) and a resent skb (pktgen).
	modprobe netconsole 2>/dev/null
	mountpoint -q /sys/kernel/config || mount -t configfs configfs /sys/kernel/config 2>/dev/null
	local nc=/sys/kernel/config/netconsole
	if [[ -d $nc ]]; then
		# netconsole knows the initial netns alone.
		"$VSWCTL" switch add nc15 type internal
		$IP addr add 203.0.113.1/24 dev nc15
		$IP link set nc15 up
		mkdir $nc/vsw15
		echo nc15 > $nc/vsw15/dev_name
		echo 203.0.113.1 > $nc/vsw15/local_ip
		echo 203.0.113.2 > $nc/vsw15/remote_ip
		check_fail "(15) netconsole cannot use the host vNIC" sh -c "echo 1 > $nc/vsw15/enabled"
		echo 0 > $nc/vsw15/enabled 2>/dev/null
		rmdir $nc/vsw15
		"$VSWCTL" switch del nc15
	else
		skip "(15) netconsole cannot use the host vNIC" "no netconsole"
	fi
	modprobe pktgen 2>/dev/null
	if ip netns exec host test -e /proc/net/pktgen/kpktgend_0; then
		q host sh -c "echo 'add_device sw0' > /proc/net/pktgen/kpktgend_0"
		check_fail "(15) pktgen cannot resend an skb through the host vNIC (clone_skb)" \
			q host sh -c "echo 'clone_skb 10' > /proc/net/pktgen/sw0"
		q host sh -c "echo rem_device_all > /proc/net/pktgen/kpktgend_0"
	else
		skip "(15) pktgen cannot resend an skb through the host vNIC" "no pktgen"
	fi

	# Offloads for the host's upper devices.
	q host $IP link add link sw0 name sw0.10 type vlan id 10
	if command -v ethtool > /dev/null; then
		check "(15) a VLAN on the host vNIC gets scatter-gather" sh -c \
			"ip netns exec host ethtool -k sw0.10 | grep -q '^scatter-gather: on'"
		check "(15) a VLAN on the host vNIC gets TSO" sh -c \
			"ip netns exec host ethtool -k sw0.10 | grep -q '^tcp-segmentation-offload: on'"
	else
		skip "(15) a VLAN on the host vNIC gets offloads" "no ethtool"
	fi
	q host $IP link del sw0.10

	# The events group and the ops are for CAP_NET_ADMIN over the netns.
	local bin=$LOGS/bin out rc
	mkdir -p "$bin" && cp "$VSWCTL" "$bin/vswctl" && chmod 755 "$LOGS" "$bin"
	out=$(ip netns exec host timeout 3 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$bin/vswctl" monitor 2>&1)
	rc=$?
	check_eq "(15) a user without CAP_NET_ADMIN cannot join the events" \
		"1 yes" "$rc $(grep -q "not permitted" <<< "$out" && echo yes)"
	if unshare -Urn true 2> /dev/null; then
		out=$(unshare -Urn sh -c "'$VSWCTL' switch add u15 type internal &&
			'$VSWCTL' -j switch show u15 && timeout 1 '$VSWCTL' monitor; echo \$?" 2>&1)
		check_eq "(15) the admin of a user namespace's netns makes switches and joins the events" \
			"u15 124" "$(head -1 <<< "$out" | jfield 'd[0]["name"]') $(tail -1 <<< "$out")"
	else
		skip "(15) the admin of a user namespace's netns makes switches" "no user namespaces"
	fi

	# Replies are checked against their own request.
	if [[ -f $HERE/lib/nlseq.so ]]; then
		out=$(ip netns exec host env LD_PRELOAD="$HERE/lib/nlseq.so" "$VSWCTL" switch show 2>&1)
		rc=$?
		check_eq "(15) vswctl refuses a reply with another request's sequence number" 1 "$rc"
	else
		skip "(15) vswctl refuses a reply with another request's sequence number" \
			"no lib/nlseq.so (make -C selftests)"
	fi

	# A new uplink for a switch that lost its own.
	q host $IP link del eth0
	check_eq "(15) a switch whose uplink went has none" None \
		"$(vsw -j switch show sw0 | jfield 'd[0]["uplink"]')"
	wire host eth1 srv srv1
	addr srv srv1 192.0.2.100/24
	up host eth1
	q host $IP link add dummy15 type dummy
	check "(15) switch set uplink gives it a new one" q host "$VSWCTL" switch set sw0 uplink eth1
	check_eq "(15) ... shown" eth1 "$(vsw -j switch show sw0 | jfield 'd[0]["uplink"]')"
	check "(15) the host reaches the LAN through the new uplink" pings host 192.0.2.100 3
	expect_err "(15) a second uplink is refused" 1 "^vswctl: .*has an uplink" \
		switch set sw0 uplink dummy15
	vsw switch add int15 type internal
	expect_err "(15) an internal switch takes no uplink" 1 "^vswctl: .*only an external" \
		switch set int15 uplink dummy15
	vsw switch del int15
	vsw switch del sw0

	# Replaying the events from before a switch was made gives its FDB.
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/replay.log" &
	local mon=$! A=02:15:00:00:00:0a B=02:15:00:00:00:0b C=02:15:00:00:00:0c
	local D=02:15:00:00:00:0d F=02:15:00:00:00:0f odd='a"b\'
	sleep 0.3
	vsw switch add rp0 type internal ageing 100 max-entries 50
	vsw port add rp0 dev vnet1
	vsw port add rp0 dev vnet2 learn-limit 1
	q vm1 python3 "$SENDETH" eth0 $bcast $A
	q vm2 python3 "$SENDETH" eth0 $bcast $B
	q vm2 python3 "$SENDETH" eth0 $bcast $A
	vsw fdb add rp0 $C dev vnet1
	q vm1 python3 "$SENDETH" eth0 $bcast $D
	vsw fdb add rp0 $D dev vnet2
	vsw fdb del rp0 $C
	q host $IP link set rp0 address 02:15:00:00:00:0e
	q vm1 python3 "$SENDETH" eth0 $bcast $F
	vsw fdb flush rp0 dev vnet1 dynamic
	q host $IP link add "$odd" type dummy
	vsw port add rp0 dev "$odd"
	vsw switch set rp0 ageing 200
	sleep 0.5
	kill "$mon"; wait "$mon" 2>/dev/null
	check_eq "(15) the monitor's events replayed give the FDB" \
		"$(vsw -j fdb show rp0 | python3 -c "$FDBLINES")" "$(python3 -c "$REPLAY" "$LOGS/replay.log")"
	check_eq "(15) a move past the new port's limit is an fdb-del" 1 \
		"$(grep -c "\"event\":\"fdb-del\".*\"mac\":\"$A\"" "$LOGS/replay.log")"
	check "(15) switch set is an event" grep -q '"event":"switch-set","switch":"rp0"' "$LOGS/replay.log"
	check_eq "(15) switch-add comes before its ports and its local entry" \
		"switch-add port-add fdb-add port-add port-add" "$(head -5 "$LOGS/replay.log" |
			python3 -c 'import json, sys; print(" ".join(json.loads(l)["event"] for l in sys.stdin))')"
	check_eq "(15) JSON escapes a device name" "$odd" \
		"$(vsw -j port show rp0 | jfield '[p["dev"] for p in d if p["dev"].startswith("a")][0]')"
	check_eq "(15) monitor JSON escapes it too" "$odd" \
		"$(grep port-add "$LOGS/replay.log" | tail -1 | jfield 'd["dev"]')"

	# The host vNIC's MAC change: in a full table, and over a static entry.
	local count
	count=$(vsw -j switch show rp0 | jfield 'd[0]["fdb_entries"]')
	vsw switch set rp0 max-entries "$count"
	check "(15) the host vNIC's MAC changes in a full table" \
		q host $IP link set rp0 address 02:15:00:00:01:01
	vsw switch set rp0 max-entries 50
	vsw fdb add rp0 02:15:00:00:01:02 dev vnet1
	check "(15) the host vNIC takes a MAC that has a static entry" \
		q host $IP link set rp0 address 02:15:00:00:01:02
	check_eq "(15) ... which becomes its local entry" "rp0 local" \
		"$(vsw -j fdb show rp0 | jfield '" ".join([(e["dev"] + " " + e["type"]) for e in d if e["mac"] == "02:15:00:00:01:02"])')"
	check_eq "(15) ... and the old one goes" 0 \
		"$(vsw -j fdb show rp0 | jfield 'len([e for e in d if e["mac"] == "02:15:00:00:01:01"])')"

	# Policies: what a command does not take is refused; no '%' names.
	expect_err "(15) a switch name with % is refused" 1 "^vswctl: invalid switch name" \
		switch add 'sw%d' type internal
	check_eq "(15) ... and made nothing" rp0 \
		"$(vsw -j switch show | jfield '" ".join(s["name"] for s in d)')"
	vsw switch add 'q"15' type private
	check_eq "(15) JSON escapes a switch name" 'q"15' \
		"$(vsw -j switch show | jfield '[s["name"] for s in d if s["name"].startswith("q")][0]')"
	vsw switch del 'q"15'
	vsw switch del rp0

	# An FDB dump resumed in a switch made anew under its name: ended, marked.
	vsw switch add d17 type private
	q host $IP link add dd17 type dummy
	{
		echo "'$VSWCTL' switch del d17 2>/dev/null"
		echo "'$VSWCTL' switch add d17 type private && '$VSWCTL' port add d17 dev dd17"
		for ((i = 0; i < 120; i++)); do
			printf "'%s' fdb add d17 02:17:00:00:%02x:%02x dev dd17\n" "$VSWCTL" $((i / 256)) $((i % 256))
		done
	} > "$LOGS/d17.sh"
	q host bash "$LOGS/d17.sh"
	check_eq "(15) an FDB dump of several parts with no change: all, once" \
		"120 120 0" "$(ip netns exec host "$DUMPINTR" fdb:d17)"
	check_eq "(15) an FDB dump resumed in a switch made anew ends, marked" 1 \
		"$(dump_marked fdb:d17 bash "$LOGS/d17.sh")"
	vsw switch del d17
}

# expect_err NAME STATUS PATTERN CMD...: CMD exits STATUS and says PATTERN.
expect_err() {
	local name=$1 status=$2 pattern=$3 out rc
	shift 3
	out=$(ip netns exec host "$VSWCTL" "$@" 2>&1 >/dev/null)
	rc=$?
	if [[ $rc == "$status" ]] && grep -qE "$pattern" <<< "$out"; then
		ok "$name"
	else
		not_ok "$name" "exit $rc, said: $(head -1 <<< "$out")"
	fi
}

t8_bad_input() {
	echo "# (8) bad input: an error, and nothing half-made"
	setup_lan
	q host $IP link add br0 type bridge
	q host $IP link add dummy0 type dummy
	q host $IP link set dummy0 master br0
	check_eq "(8) no switches: the JSON show is []" "[]" "$(vsw -j switch show)"
	vsw switch add ok0 type internal
	vm vm1 192.0.2.10/24
	expect_err "(8) unknown switch" 1 "^vswctl: .*no switch named nosuch" switch del nosuch
	expect_err "(8) duplicate name" 1 "^vswctl: .*exists" switch add ok0 type private
	expect_err "(8) busy uplink (a bridge port)" 1 "^vswctl: .*dummy0 is already a port" \
		switch add bad0 type external uplink dummy0
	expect_err "(8) wrong uplink (loopback)" 1 "^vswctl: .*lo is not an Ethernet" \
		switch add bad0 type external uplink lo
	expect_err "(8) missing uplink device" 1 "^vswctl: .*no device named nosuch0" \
		switch add bad0 type external uplink nosuch0
	expect_err "(8) the host vNIC as an uplink" 1 "^vswctl: .*host vNIC" \
		switch add bad0 type external uplink ok0
	expect_err "(8) a name taken by another device" 1 "^vswctl: .*exists" \
		switch add eth0 type internal
	expect_err "(8) bad MAC" 2 "not a MAC" fdb add ok0 zz:zz dev vnet1
	expect_err "(8) unknown keyword" 2 "unknown keyword" switch add bad0 type private colour red
	expect_err "(8) unknown object" 2 "unknown object" frobnicate
	expect_err "(8) external without uplink" 2 "needs \"uplink" switch add bad0 type external
	expect_err "(8) ageing out of range, named, with its range" 1 \
		"^vswctl: ageing: .*out of range, 1 to " switch set ok0 ageing 0
	expect_err "(8) max-entries out of range, named" 1 "^vswctl: max-entries: .*range" \
		switch add bad0 type private max-entries 0
	expect_err "(8) learn-limit out of range, named" 1 "^vswctl: learn-limit: .*range" \
		port add ok0 dev vnet1 learn-limit 4000000000
	check_eq "(8) a refused JSON show prints nothing on stdout" "" \
		"$(ip netns exec host "$VSWCTL" -j switch show nosuch 2>/dev/null)"
	expect_err "(8) a port that is not a port" 1 "^vswctl: .*not a port of ok0" port del ok0 dev vnet1
	expect_err "(8) multicast static MAC" 1 "^vswctl: .*unicast" fdb add ok0 01:00:5e:00:00:01 dev ok0
	expect_err "(8) port show of an unknown switch" 1 "^vswctl: .*no switch named nosuch" port show nosuch
	expect_err "(8) fdb show of an unknown switch" 1 "^vswctl: .*no switch named nosuch" fdb show nosuch
	expect_err "(8) fdb del of an unknown MAC" 1 "^vswctl: .*no FDB entry" fdb del ok0 02:00:00:00:00:99
	expect_err "(8) the local entry cannot be deleted" 1 "^vswctl: .*local entry" \
		fdb del ok0 "$(mac host ok0)"
	expect_err "(8) learn-limit is a number" 2 "not a number" port add ok0 dev vnet1 learn-limit lots
	expect_err "(8) an ambiguous keyword" 2 "ambiguous" fdb flush ok0 d
	check "(8) OBJECT help exits 0" q host "$VSWCTL" fdb help
	check_eq "(8) fdb help lists the fdb commands alone" "show add del flush" \
		"$(ip netns exec host "$VSWCTL" fdb help 2>&1 | grep -o "vswctl [a-z]* [a-z]*" |
		   cut -d" " -f2- | tr "\n" " " | sed "s/fdb //g; s/ $//")"
	vsw port add ok0 dev vnet1
	expect_err "(8) a port twice" 1 "^vswctl: .*already a port" port add ok0 dev vnet1
	q host $IP tuntap add tap0 mode tap
	check "(8) a tap device is a port" q host "$VSWCTL" port add ok0 dev tap0
	check "(8) unique keyword prefixes: sw sh, p sh" sh -c \
		"ip netns exec host $VSWCTL -j sw sh ok0 && ip netns exec host $VSWCTL -j p sh ok0"
	expect_err "(8) a port of one switch into another" 1 "^vswctl: .*already a port" \
		switch add bad0 type external uplink vnet1
	expect_err "(8) the uplink cannot be unplugged alone" 1 "^vswctl: .*go only with the switch" \
		port del ok0 dev ok0
	check_eq "(8) nothing half-made: only ok0 exists" ok0 \
		"$(vsw -j switch show | jfield '" ".join(s["name"] for s in d)')"
	check_fail "(8) nothing half-made: no bad0 device" q host $IP link show bad0
	check_eq "(8) a refused uplink keeps its master" br0 \
		"$(h $IP -j link show dummy0 | jfield 'd[0]["master"]')"
	vsw switch del ok0
}

t9_lifetime() {
	echo "# (9) switches die with their netns and with the module"
	setup_lan
	vsw switch add sw9 type external uplink eth0
	vm vm1 192.0.2.10/24
	vsw port add sw9 dev vnet1
	$IP netns del host
	NSES=("${NSES[@]/host}")
	sleep 0.5
	check "(9) netns teardown: the server's peer is gone too" sh -c "! ip netns exec srv $IP link show srv0 2>/dev/null"
	netns host
	wire host eth0 srv srv1
	vsw switch add sw9 type external uplink eth0
	vm vm2 192.0.2.20/24
	vsw port add sw9 dev vnet2
	if [[ -n ${VSW_MODULE:-} ]]; then
		# Events are being built and queued as the module goes.
		ip netns exec host "$VSWCTL" monitor > /dev/null 2>&1 &
		local mon=$!
		ip netns exec vm2 python3 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:09:00:00:00:00 \
			1000000 distinct &
		local storm=$!
		sleep 1
		check "(9) rmmod with a live switch" rmmod vsw
		kill "$mon" "$storm" 2>/dev/null; wait "$mon" "$storm" 2>/dev/null
		check_eq "(9) rmmod gives the uplink back" 0 \
			"$(h $IP -d -j link show eth0 | jfield 'd[0]["promiscuity"]')"
		check_fail "(9) rmmod takes the host vNIC" q host $IP link show sw9
		check "(9) the module loads again" insmod "$VSW_MODULE"
	else
		skip "(9) rmmod with a live switch" "VSW_MODULE not set"
	fi
}

t10_ynl() {
	echo "# (10) the kernel's own ynl tool drives the family from the YAML spec"
	local cli=${VSW_KSRC:-}/tools/net/ynl/cli.py
	if [[ ! -f $cli ]]; then
		skip "(10) ynl" "VSW_KSRC not set"
		return
	fi
	cleanup
	netns host
	local ynl=(python3 "$cli" --spec "$HERE/../Documentation/netlink/specs/vsw.yaml"
		   --schema "$VSW_KSRC/Documentation/netlink/genetlink-c.yaml")
	check "(10) ynl: switch-new" q host "${ynl[@]}" --do switch-new \
		--json '{"switch-name": "y0", "switch-type": "internal"}'
	check_eq "(10) vswctl sees what ynl made" internal \
		"$(vsw -j switch show y0 | jfield 'd[0]["type"]')"
	check "(10) ynl: port-get dump with stats" sh -c \
		"ip netns exec host ${ynl[*]} --dump port-get --json '{\"switch-name\": \"y0\", \"stats\": true}' | grep -q rx-packets"
	check "(10) ynl: the extack names the attribute" sh -c \
		"ip netns exec host ${ynl[*]} --do switch-new --json '{\"switch-name\": \"y0\", \"switch-type\": \"private\"}' 2>&1 | grep -q \"bad-attr': '.switch-name\""
	check "(10) ynl: switch-set takes ageing" q host "${ynl[@]}" --do switch-set \
		--json '{"switch-name": "y0", "ageing": 77}'
	check_eq "(10) ... as vswctl shows" 77 "$(vsw -j switch show y0 | jfield 'd[0]["ageing"]')"
	q host $IP link add yd0 type dummy
	vsw port add y0 dev yd0
	check_fail "(10) ynl: port-del refuses an attribute it does not take" q host "${ynl[@]}" \
		--do port-del --json '{"switch-name": "y0", "port-ifname": "yd0", "port-learn-limit": 5}'
	check_eq "(10) ... and the port stays" 1 \
		"$(vsw -j port show y0 | jfield 'len([p for p in d if p["dev"] == "yd0"])')"
	check "(10) ynl: port-set takes an access VLAN" q host "${ynl[@]}" --do port-set \
		--json '{"switch-name": "y0", "port-ifname": "yd0", "port-vlan-mode": "access", "port-vlan-vid": 30}'
	check_eq "(10) ... as vswctl shows" "{'mode': 'access', 'vid': 30, 'allowed': None, 'native': None}" \
		"$(pvlan y0 yd0)"
	# The trunk's VID map: 128 u32 words in host order, VID N at bit N % 32 of word N / 32.
	local map
	map=$(python3 -c 'import struct
w = [0] * 128
for v in (10, 20, 21, 4094):
    w[v // 32] |= 1 << v % 32
print(struct.pack("=128I", *w).hex())')
	check "(10) ynl: port-set takes a trunk's VID map and native VLAN" q host "${ynl[@]}" --do port-set \
		--json '{"switch-name": "y0", "port-ifname": "yd0", "port-vlan-mode": "trunk", "port-vlan-trunk": "'"$map"'", "port-vlan-native": 5}'
	check_eq "(10) ... as vswctl shows" "{'mode': 'trunk', 'vid': None, 'allowed': '10,20-21,4094', 'native': 5}" \
		"$(pvlan y0 yd0)"
	check "(10) ynl: an out-of-range port-vlan-vid is refused, named" sh -c \
		"ip netns exec host ${ynl[*]} --do port-set --json '{\"switch-name\": \"y0\", \"port-ifname\": \"yd0\", \"port-vlan-mode\": \"access\", \"port-vlan-vid\": 4095}' 2>&1 | grep -q \"bad-attr': '.port-vlan-vid\""
	check_eq "(10) ... and changed nothing" "{'mode': 'trunk', 'vid': None, 'allowed': '10,20-21,4094', 'native': 5}" \
		"$(pvlan y0 yd0)"
	check "(10) ynl: port-set takes untagged" q host "${ynl[@]}" --do port-set \
		--json '{"switch-name": "y0", "port-ifname": "yd0", "port-vlan-mode": "untagged"}'
	check_eq "(10) ... as vswctl shows" "{'mode': 'untagged', 'vid': None, 'allowed': None, 'native': None}" \
		"$(pvlan y0 yd0)"
	check "(10) ynl: port-set takes port-dhcp-guard, and port-allow-ip with port-ip-guard static" \
		q host "${ynl[@]}" --do port-set --json '{"switch-name": "y0", "port-ifname": "yd0", "port-dhcp-guard": 1, "port-ip-guard": "static", "port-allow-ip": [{"addr": "c000020a", "len": 32}, {"addr": "20010db8000000000000000000000010"}]}'
	check_eq "(10) ... as vswctl shows" "True ['192.0.2.10/32', '2001:db8::10/128']" \
		"$(pget y0 yd0 dhcp_guard allow_ip)"
	check "(10) ynl: a port-allow-ip len past its family's is refused, named" sh -c \
		"ip netns exec host ${ynl[*]} --do port-set --json '{\"switch-name\": \"y0\", \"port-ifname\": \"yd0\", \"port-dhcp-guard\": 0, \"port-ip-guard\": \"static\", \"port-allow-ip\": [{\"addr\": \"c0000200\", \"len\": 33}]}' 2>&1 | grep -q \"bad-attr': '.port-allow-ip.len\""
	check_eq "(10) ... and changed nothing" "True ['192.0.2.10/32', '2001:db8::10/128']" \
		"$(pget y0 yd0 dhcp_guard allow_ip)"
	vsw fdb add y0 02:10:00:00:00:01 dev yd0
	check_fail "(10) ynl: fdb-del refuses an attribute it does not take" q host "${ynl[@]}" \
		--do fdb-del --json '{"switch-name": "y0", "fdb-mac": "021000000001", "port-ifname": "yd0"}'
	check "(10) ynl: fdb-del takes what it takes" q host "${ynl[@]}" \
		--do fdb-del --json '{"switch-name": "y0", "fdb-mac": "021000000001"}'
	check_eq "(10) ... and the entry goes" 0 \
		"$(vsw -j fdb show y0 | jfield 'len([e for e in d if e["mac"] == "02:10:00:00:00:01"])')"
	vsw switch del y0
}

# VLANs.  vlan_lan OFFLOADS: sw0 on eth0 (the uplink, trunk all); behind it
# the server's srv0 (192.0.2.100, VLAN 0) with srv0.10 (10.0.10.100) and
# srv0.20 (10.0.20.100).  VMs: vm1 and vm2 on access 10 (10.0.10.1, .2; vm1
# has 192.0.2.1 of the untagged network too), vm3 on access 20 (10.0.20.3,
# and 10.0.10.3: VLAN 10's addresses in the wrong VLAN, so that a leak would
# answer), vm4 a trunk of 10,20 (eth0 192.0.2.4 untagged, eth0.10 10.0.10.4,
# eth0.20 10.0.20.4), vm5 untagged (192.0.2.5).  Every host is strong
# (arp_ignore=1), or a trunk's other VLAN would answer for it.  The veths'
# rxvlan and txvlan offloads are OFFLOADS, both ends.
vlandev() {
	q "$1" $IP link add link "$2" name "$2.$3" type vlan id "$3"
	addr "$1" "$2.$3" "$4"
}
VLAN_VETHS="srv:srv0 host:eth0 vm1:eth0 host:vnet1 vm2:eth0 host:vnet2 vm3:eth0 host:vnet3
	    vm4:eth0 host:vnet4 vm5:eth0 host:vnet5"
offloads() {
	local o=$1 nd
	shift
	for nd in "$@"; do
		q "${nd%%:*}" ethtool -K "${nd#*:}" rxvlan "$o" txvlan "$o"
	done
}
vlan_lan() {
	local ns
	setup_lan
	vsw switch add sw0 type external uplink eth0
	up host sw0
	vm vm1 10.0.10.1/24
	addr vm1 eth0 192.0.2.1/24
	vm vm2 10.0.10.2/24
	vm vm3 10.0.20.3/24
	addr vm3 eth0 10.0.10.3/24
	vm vm4 192.0.2.4/24
	vm vm5 192.0.2.5/24
	# shellcheck disable=SC2086
	offloads "$1" $VLAN_VETHS
	vlandev srv srv0 10 10.0.10.100/24
	vlandev srv srv0 20 10.0.20.100/24
	vlandev vm4 eth0 10 10.0.10.4/24
	vlandev vm4 eth0 20 10.0.20.4/24
	for ns in host srv vm1 vm2 vm3 vm4 vm5; do
		q $ns sysctl -w net.ipv4.conf.all.arp_ignore=1
	done
	vsw port add sw0 dev vnet1 vlan access 10
	vsw port add sw0 dev vnet2 vlan access 10
	vsw port add sw0 dev vnet3 vlan access 20
	vsw port add sw0 dev vnet4 vlan trunk 10,20
	vsw port add sw0 dev vnet5
}
# The matrix: OFFLOADS on and off, or on alone without ethtool.
vlan_offload_modes() {
	if command -v ethtool > /dev/null; then
		echo on off
	else
		echo on
	fi
}
no_ethtool() {
	command -v ethtool > /dev/null || skip "($1) the tests with VLAN offloads off" "no ethtool"
}
# pstat SW DEV EXPR: a port's stats field, as p["stats"]EXPR.
pstat() {
	vsw -j -s port show "$1" | jfield "[p['stats']$3 for p in d if p['dev'] == '$2'][0]"
}
# plus "A B..." "X Y...": "A+X B+Y...".
plus() {
	local -a a=($1) b=($2) r=()
	local i
	for i in "${!a[@]}"; do r+=($((a[i] + b[i]))); done
	echo "${r[*]}"
}
# rx NS...: the rx_packets of each NS's eth0.
rx() { local ns out=(); for ns in "$@"; do out+=("$(stat "$ns" eth0 rx_packets)"); done; echo "${out[*]}"; }

t16_vlan_access() {
	echo "# (16) access ports: a VLAN's VMs talk; another VLAN hears nothing"
	local o t m1 m2 b
	for o in $(vlan_offload_modes); do
		t="(16, offloads $o)"
		vlan_lan "$o"
		m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
		cap c16 vm3 eth0 ether src "$m1" or ether src "$m2"
		b=$(rx vm2 vm3)
		n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 20
		sleep 0.2
		check_eq "$t a broadcast reaches the VLAN's other VM, not another VLAN's" \
			"$(plus "$b" "20 0")" "$(rx vm2 vm3)"
		b=$(rx vm2 vm3)
		n vm1 "$SENDETH" eth0 02:16:00:00:00:99 "$m1" 20
		sleep 0.2
		check_eq "$t unknown unicast floods in its VLAN alone" \
			"$(plus "$b" "20 0")" "$(rx vm2 vm3)"
		b=$(stat srv srv0.10 rx_packets)
		n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 5
		sleep 0.2
		check_eq "$t ... and leaves by the uplink tagged with it" $((b + 5)) \
			"$(stat srv srv0.10 rx_packets)"
		b=$(rx vm3)
		q vm1 $PING -c 3 -i 0.2 -W 1 10.0.10.77
		check_eq "$t ARP requests for a VLAN's address stay in it" "$b" "$(rx vm3)"
		check "$t access 10 to access 10" pings vm1 10.0.10.2 2
		check "$t access 10 to the server's srv0.10, through the uplink" pings vm1 10.0.10.100 2
		check "$t access 20 to the server's srv0.20" pings vm3 10.0.20.100 2
		check "$t access 20 does not reach a VLAN-10 VM at its address" no_ping vm3 10.0.10.1
		check "$t access 10 does not reach the VLAN-20 VM" no_ping vm1 10.0.10.3
		check "$t access 10 does not reach the untagged server" no_ping vm1 192.0.2.100
		cap_stop
		check_cap "$t the VLAN-20 VM captured nothing from VLAN 10's VMs, all along" 0 c16
		check_eq "$t a VLAN-10 VM learned in VLAN 10" "10 vnet1" \
			"$(vsw -j fdb show sw0 | jfield "' '.join('%d %s' % (e['vlan'], e['dev']) for e in d if e['mac'] == '$m1')")"
	done
	no_ethtool 16
	vsw switch del sw0
}

t17_vlan_trunk() {
	echo "# (17) trunks: a VM's and the uplink's VLAN devices, the native VLAN"
	local o t b
	for o in $(vlan_offload_modes); do
		t="(17, offloads $o)"
		vlan_lan "$o"
		check "$t the trunk VM's eth0.10 reaches access 10" pings vm4 10.0.10.1 2
		check "$t the trunk VM's eth0.20 reaches access 20" pings vm4 10.0.20.3 2
		check "$t the trunk VM's untagged eth0 is in VLAN 0: the untagged VM" pings vm4 192.0.2.5 2
		check "$t ... and the server's untagged srv0" pings vm4 192.0.2.100 2
		check "$t the server's srv0.10 reaches access 10" pings srv 10.0.10.2 2
		check "$t the server's srv0.20 reaches access 20" pings srv 10.0.20.3 2
		check "$t the server's srv0.10 reaches the trunk VM's eth0.10" pings srv 10.0.10.4 2
		check "$t the untagged VM reaches the server's srv0" pings vm5 192.0.2.100 2
		check "$t an access VM does not reach the untagged server" no_ping vm1 192.0.2.100
		check "$t nor the trunk VM's untagged address" no_ping vm1 192.0.2.4
		check "$t the untagged server does not reach the access VM" no_ping srv 192.0.2.1
		# A VID the trunk does not carry: dropped on the way in, counted.
		b=$(pstat sw0 vnet4 '["drops"]["vlan"]')
		cap c17 srv srv0 ether src 02:17:00:00:00:30
		n vm4 "$SENDETH" --vlan 30 eth0 ff:ff:ff:ff:ff:ff 02:17:00:00:00:30 7
		sleep 0.2
		cap_stop
		check_eq "$t a VID the trunk lacks is dropped, as drops.vlan counts" $((b + 7)) \
			"$(pstat sw0 vnet4 '["drops"]["vlan"]')"
		check_cap "$t ... and the LAN sees none of it" 0 c17
		# The native VLAN: 20's frames leave untagged, untagged ones join 20.
		q vm4 $IP link del eth0.20
		q vm4 $IP addr add 10.0.20.4/24 dev eth0
		vsw port set sw0 dev vnet4 vlan trunk 10,20 native 20
		check "$t native 20: the trunk VM's untagged eth0 reaches access 20" pings vm4 10.0.20.3 2
		check "$t native 20: ... and the server's srv0.20" pings vm4 10.0.20.100 2
		check "$t native 20: eth0.10 still reaches access 10" pings vm4 10.0.10.2 2
		q vm4 $IP neigh flush all
		check "$t native 20: the untagged server is not reached from the native VLAN" \
			no_ping vm4 192.0.2.100
		vsw port set sw0 dev vnet4 vlan trunk 10 native 20
		check "$t native 20 outside the trunk's VIDS: untagged still joins 20" pings vm4 10.0.20.3 2
	done
	no_ethtool 17
	vsw switch del sw0
}

t18_vlan_host() {
	echo "# (18) the host vNIC on access 10, and on a trunk with sw0.10 and sw0.20"
	local o t hm
	for o in $(vlan_offload_modes); do
		t="(18, offloads $o)"
		vlan_lan "$o"
		q host ethtool -K sw0 txvlan "$o"
		hm=$(mac host sw0)
		vsw port set sw0 dev sw0 vlan access 10
		check_eq "$t the host port shows access 10" "access 10" \
			"$(vsw -j port show sw0 | jfield "' '.join('%s %s' % (p['vlan']['mode'], p['vlan']['vid']) for p in d if p['dev'] == 'sw0')")"
		addr host sw0 10.0.10.254/24
		q host $IP addr add 10.0.20.254/24 dev sw0
		q host $IP addr add 192.0.2.254/24 dev sw0
		check "$t access 10: the host reaches a VLAN-10 VM" pings host 10.0.10.1 2
		check "$t access 10: ... the server's srv0.10, by the uplink" pings host 10.0.10.100 2
		check "$t access 10: ... the trunk VM's eth0.10" pings host 10.0.10.4 2
		check "$t access 10: a VLAN-10 VM reaches the host" pings vm2 10.0.10.254 2
		check "$t access 10: the host does not reach VLAN 20" no_ping host 10.0.20.3
		check "$t access 10: nor the untagged server" no_ping host 192.0.2.100
		check "$t access 10: nor the untagged VM" no_ping host 192.0.2.5
		check "$t access 10: the untagged server does not reach the host" no_ping srv 192.0.2.254
		check "$t access 10: VLAN 20 does not reach the host" no_ping vm3 10.0.20.254
		vsw port set sw0 dev sw0 vlan trunk 10,20
		q host $IP addr flush dev sw0
		q host $IP neigh flush all
		addr host sw0 192.0.2.254/24
		vlandev host sw0 10 10.0.10.254/24
		vlandev host sw0 20 10.0.20.254/24
		check "$t trunk: the host's sw0.10 reaches a VLAN-10 VM" pings host 10.0.10.1 2
		check "$t trunk: a VLAN-10 VM reaches the host's sw0.10" pings vm2 10.0.10.254 2
		check "$t trunk: the server's srv0.10 reaches the host's sw0.10" pings srv 10.0.10.254 2
		check "$t trunk: the host's sw0.20 reaches the VLAN-20 VM" pings host 10.0.20.3 2
		check "$t trunk: the host's untagged sw0 is on VLAN 0: the server" pings host 192.0.2.100 2
		check "$t trunk: ... and the untagged VM reaches it" pings vm5 192.0.2.254 2
		check "$t trunk: a VLAN-10 VM does not reach the host's untagged address" \
			no_ping vm1 192.0.2.254
		check_eq "$t the host's MAC is its local entry alone, in every VLAN" "local:0" \
			"$(vsw -j fdb show sw0 | jfield "' '.join('%s:%d' % (e['type'], e['vlan']) for e in d if e['mac'] == '$hm')")"
	done
	no_ethtool 18
	vsw switch del sw0
}

t19_vlan_attacks() {
	echo "# (19) double tags, foreign tags and 802.1ad tags from VMs"
	local o t b d x m1 m2 m3 m4 m5 bc=ff:ff:ff:ff:ff:ff
	for o in $(vlan_offload_modes); do
		t="(19, offloads $o)"
		vlan_lan "$o"
		m1=$(mac vm1 eth0) m2=$(mac vm2 eth0) m3=$(mac vm3 eth0)
		m4=$(mac vm4 eth0) m5=$(mac vm5 eth0)
		# vm3 is known in VLAN 20: unicast to it must not find it.
		n vm3 "$SENDETH" eth0 $bc "$m3" 1
		sleep 0.1
		cap a19 vm3 eth0 ether src "$m1"
		cap b19 srv srv0 ether src "$m1"
		b=$(rx vm3) d=$(pstat sw0 vnet1 '["drops"]["vlan"]') x=$(pstat sw0 vnet1 '["dropped"]')
		n vm1 "$SENDETH" --vlan 0,20 eth0 $bc "$m1" 5
		n vm1 "$SENDETH" --vlan 0,20 eth0 "$m3" "$m1" 5
		n vm1 "$SENDETH" --vlan 10,20 eth0 $bc "$m1" 5
		n vm1 "$SENDETH" --vlan 10,20 eth0 "$m3" "$m1" 5
		n vm1 "$SENDETH" --vlan 20 eth0 "$m3" "$m1" 5
		n vm1 "$SENDETH" --vlan 10 eth0 $bc "$m1" 5
		sleep 0.2
		cap_stop
		check_eq "$t VLAN 20's VM counted none of an access VM's tagged frames" "$b" "$(rx vm3)"
		check_cap "$t ... nor captured any" 0 a19
		check_cap "$t the uplink's far side captured none" 0 b19
		check_eq "$t drops.vlan counts them all" $((d + 30)) "$(pstat sw0 vnet1 '["drops"]["vlan"]')"
		check_eq "$t ... and so does dropped, the total" $((x + 30)) "$(pstat sw0 vnet1 '["dropped"]')"
		b=$(rx vm2)
		n vm1 "$SENDETH" --vlan 0 eth0 "$m2" "$m1" 5
		sleep 0.2
		check_eq "$t a priority tag alone is untagged: the frames reach VLAN 10" \
			$((b + 5)) "$(rx vm2)"
		# 802.1ad is payload: the frame is VLAN 10's, whatever it carries.
		b="$(rx vm2 vm3) $(stat srv srv0.10 rx_packets) $(stat srv srv0.20 rx_packets)"
		n vm1 "$SENDETH" --vlan ad:20 eth0 $bc "$m1" 5
		n vm1 "$SENDETH" --vlan ad:100,20 eth0 $bc "$m1" 5
		sleep 0.2
		check_eq "$t 802.1ad from access 10 stays in VLAN 10 (vm2 vm3 srv0.10 srv0.20)" \
			"$(plus "$b" "10 0 10 0")" \
			"$(rx vm2 vm3) $(stat srv srv0.10 rx_packets) $(stat srv srv0.20 rx_packets)"
		# An untagged port takes no tag.
		b="$(rx vm3) $(stat srv srv0.20 rx_packets)" d=$(pstat sw0 vnet5 '["drops"]["vlan"]')
		n vm5 "$SENDETH" --vlan 20 eth0 $bc "$m5" 5
		n vm5 "$SENDETH" --vlan 0,20 eth0 $bc "$m5" 5
		# An 802.1ad tag of VID 0 is stripped by a receiver as a priority tag is.
		n vm5 "$SENDETH" --vlan ad:0,20 eth0 $bc "$m5" 5
		sleep 0.2
		check_eq "$t an untagged VM's VLAN-20 frames, bare or under a VID-0 tag, reach neither vm3 nor srv0.20" \
			"$b" "$(rx vm3) $(stat srv srv0.20 rx_packets)"
		check_eq "$t ... dropped, as drops.vlan counts" $((d + 15)) "$(pstat sw0 vnet5 '["drops"]["vlan"]')"
		# A trunk's inner tag is its frame's payload; a priority tag over one is dropped.
		b="$(rx vm1 vm3) $(stat srv srv0.20 rx_packets)" d=$(pstat sw0 vnet4 '["drops"]["vlan"]')
		n vm4 "$SENDETH" --vlan 10,20 eth0 $bc "$m4" 5
		n vm4 "$SENDETH" --vlan 0,20 eth0 $bc "$m4" 5
		sleep 0.2
		check_eq "$t a trunk's 10-in-20 is VLAN 10's; 0-in-20 goes nowhere (vm1 vm3 srv0.20)" \
			"$(plus "$b" "5 0 0")" "$(rx vm1 vm3) $(stat srv srv0.20 rx_packets)"
		check_eq "$t ... the priority-tagged ones dropped, as drops.vlan counts" $((d + 5)) \
			"$(pstat sw0 vnet4 '["drops"]["vlan"]')"
		# From the LAN: a VID no port has goes nowhere; double tags stay in the outer VLAN.
		b=$(rx vm1 vm2 vm3 vm4 vm5) d=$(pstat sw0 eth0 '["drops"]["vlan"]')
		n srv "$SENDETH" --vlan 30 srv0 $bc 02:19:00:00:00:01 5
		n srv "$SENDETH" --vlan 0,20 srv0 $bc 02:19:00:00:00:01 5
		sleep 0.2
		check_eq "$t from the LAN, VLAN 30 and 0-in-20 reach no VM" "$b" "$(rx vm1 vm2 vm3 vm4 vm5)"
		check_eq "$t ... the uplink counts them in drops.vlan" $((d + 10)) \
			"$(pstat sw0 eth0 '["drops"]["vlan"]')"
		check_eq "$t ... and VLAN 30, which no other port carries, learned nothing" 0 \
			"$(vsw -j fdb show sw0 vlan 30 | jfield 'len(d)')"
	done
	no_ethtool 19
	vsw switch del sw0
}

# ipv6 NS DEV...: IPv6 on in NS, on its DEVs.
ipv6() {
	local ns=$1 dev
	shift
	q "$ns" sysctl -w net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0
	for dev in "$@"; do q "$ns" sysctl -w "net.ipv6.conf.$dev.disable_ipv6=0"; done
}
# DHCP: dnsmasq servers and busybox's udhcpc.
have_dhcp() {
	command -v dnsmasq > /dev/null && busybox udhcpc --help > /dev/null 2>&1 && return 0
	skip "($1) DHCP" "no dnsmasq or busybox udhcpc"
	return 1
}
# dhcpd NAME NS IFACE FIRST,LAST: dnsmasq in NS leasing FIRST to LAST for
# 2 minutes on IFACE; its log is $LOGS/NAME.log; dhcpd_stop ends them all.
DHCPDS=()
dhcpd() {
	: > "$LOGS/$1.leases"
	ip netns exec "$2" dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
		--user=root --group=root --interface="$3" --bind-interfaces \
		--dhcp-range="$4,255.255.255.0,2m" --dhcp-authoritative --no-ping \
		--dhcp-leasefile="$LOGS/$1.leases" --pid-file="$LOGS/$1.pid" \
		--log-dhcp --log-facility=- > "$LOGS/$1.log" 2>&1 &
	DHCPDS+=($!)
	sleep 0.5
}
dhcpd_stop() {
	((${#DHCPDS[@]})) || return 0
	kill "${DHCPDS[@]}" 2> /dev/null
	wait "${DHCPDS[@]}" 2> /dev/null
	DHCPDS=()
}
# lease NS [TRIES]: the address udhcpc in NS was leased on eth0, or nothing.
lease() {
	ip netns exec "$1" busybox udhcpc -i eth0 -n -q -f -s /bin/true -t "${2:-5}" -T 1 2>&1 |
		sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p'
}

t20_vlan_services() {
	echo "# (20) ARP, IPv6 ND and DHCP inside a VLAN"
	vlan_lan on
	local m1 m2
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
	check "(20) ARP: a VLAN-10 VM pings another" pings vm1 10.0.10.2 2
	check_eq "(20) ARP: ... and resolved its MAC" "$m2" \
		"$(ip netns exec vm1 $IP -j neigh show 10.0.10.2 dev eth0 | jfield 'd[0]["lladdr"]')"
	check "(20) ARP: VLAN 20 resolves nothing of VLAN 10" no_ping vm3 10.0.10.2
	check_eq "(20) ARP: ... no neighbour learned" "" \
		"$(ip netns exec vm3 $IP -j neigh show 10.0.10.2 | jfield "' '.join(e.get('lladdr', '') for e in d)")"
	ipv6 vm1 eth0
	ipv6 vm2 eth0
	ipv6 vm3 eth0
	ipv6 srv srv0 srv0.10
	q vm1 $IP addr add fd10::1/64 dev eth0 nodad
	q vm2 $IP addr add fd10::2/64 dev eth0 nodad
	q vm2 $IP addr add fe80::2/64 dev eth0 nodad
	q vm3 $IP addr add fd10::3/64 dev eth0 nodad
	q srv $IP addr add fd10::100/64 dev srv0.10 nodad
	check "(20) ND: access 10 to access 10 by a ULA" pings vm1 fd10::2 2
	check_eq "(20) ND: ... the neighbour is the VM's MAC" "$m2" \
		"$(ip netns exec vm1 $IP -j -6 neigh show fd10::2 dev eth0 | jfield 'd[0]["lladdr"]')"
	check "(20) ND: access 10 to the server's srv0.10 through the uplink" pings vm1 fd10::100 2
	check "(20) ND: access 10 to another's link-local address" pings vm1 fe80::2%eth0 2
	check "(20) ND: VLAN 20 does not reach a VLAN-10 VM" no_ping vm3 fd10::1
	check "(20) ND: nor its link-local address" no_ping vm3 fe80::2%eth0
	# DHCP: dnsmasq on srv0.10, logging to stderr; busybox's udhcpc asks.
	have_dhcp 20 || { vsw switch del sw0; return; }
	# Ten addresses: the checks match 10.0.10.5[0-9].
	dhcpd dnsmasq srv srv0.10 10.0.10.50,10.0.10.59
	check "(20) DHCP: an access-10 VM gets a lease from dnsmasq on srv0.10" sh -c \
		"ip netns exec vm1 busybox udhcpc -i eth0 -n -q -f -s /bin/true -t 5 -T 1 2>&1 |
		 tee '$LOGS/udhcpc1.log' | grep -q 'lease of 10.0.10.5[0-9] obtained'"
	check "(20) DHCP: ... dnsmasq acked it" grep -q "DHCPACK(srv0.10) 10.0.10.5[0-9] $m1" \
		"$LOGS/dnsmasq.log"
	check "(20) DHCP: ... and holds the lease" grep -q "$m1 10.0.10.5" "$LOGS/dnsmasq.leases"
	: > "$LOGS/dnsmasq.log"
	check_fail "(20) DHCP: a VM on access 20 gets none" sh -c \
		"ip netns exec vm3 busybox udhcpc -i eth0 -n -q -f -s /bin/true -t 2 -T 1 2>&1 |
		 grep -q 'lease of'"
	check_eq "(20) DHCP: ... dnsmasq heard nothing from it" 0 \
		"$(grep -ci "$(mac vm3 eth0)" "$LOGS/dnsmasq.log")"
	dhcpd_stop
	vsw switch del sw0
}

# fdbs SW MAC [ARGS]: "VLAN:DEV:TYPE" of MAC's entries in fdb show SW ARGS.
fdbs() {
	vsw -j fdb show "$1" "${@:3}" | jfield \
		"' '.join(sorted('%d:%s:%s' % (e['vlan'], e['dev'], e['type']) for e in d if e['mac'] == '$2'))"
}
# pvlan SW DEV: the port's "vlan" object of port show -j, as Python prints it.
pvlan() { vsw -j port show "$1" | jfield "[p['vlan'] for p in d if p['dev'] == '$2'][0]"; }

t21_vlan_fdb() {
	echo "# (21) the FDB is per VLAN; a mode change flushes the VLANs a port left"
	cleanup
	netns host
	vsw switch add sw21 type internal
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vm vm3 192.0.2.13/24
	vsw port add sw21 dev vnet1 vlan trunk 10,20
	vsw port add sw21 dev vnet2 vlan access 20
	vsw port add sw21 dev vnet3 vlan access 10
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/mon21.log" &
	local mon=$! M=02:21:00:00:00:01 S=02:21:00:00:00:02 X=02:21:00:00:00:03 b
	local bc=ff:ff:ff:ff:ff:ff
	sleep 0.3
	n vm1 "$SENDETH" --vlan 10 eth0 $bc $M 1
	n vm2 "$SENDETH" eth0 $bc $M 1
	n vm3 "$SENDETH" eth0 $bc $X 1
	sleep 0.2
	check_eq "(21) one MAC learned in two VLANs on two ports" "10:vnet1:dynamic 20:vnet2:dynamic" \
		"$(fdbs sw21 $M)"
	check_eq "(21) fdb show vlan 10 shows VLAN 10's alone" "10:vnet1:dynamic" "$(fdbs sw21 $M vlan 10)"
	check_eq "(21) ... all of them VLAN 10's" 0 \
		"$(vsw -j fdb show sw21 vlan 10 | jfield 'len([e for e in d if e["vlan"] != 10])')"
	check "(21) plain fdb show names the VLAN" sh -c \
		"ip netns exec host $VSWCTL fdb show sw21 | grep -i $M | grep -qw 'vlan 20'"
	check_eq "(21) fdb show dev vnet1 vlan 20: nothing" "" "$(fdbs sw21 $M dev vnet1 vlan 20)"
	# Unicast to M from VLAN 20 goes to vnet2's entry, not vnet1's.
	b=$(rx vm1 vm2)
	n vm1 "$SENDETH" --vlan 20 eth0 $M 02:21:00:00:00:0a 3
	sleep 0.2
	check_eq "(21) the VLAN-20 entry is the one VLAN 20 finds" "$(plus "$b" "0 3")" \
		"$(rx vm1 vm2)"
	vsw fdb add sw21 $S dev vnet3 vlan 10
	check_eq "(21) fdb add vlan 10" "10:vnet3:static" "$(fdbs sw21 $S)"
	b=$(rx vm2 vm3)
	n vm1 "$SENDETH" --vlan 20 eth0 $S 02:21:00:00:00:0a 3
	sleep 0.2
	check_eq "(21) a static entry of VLAN 10 is unknown in VLAN 20: flooded there, not to it" \
		"$(plus "$b" "3 0")" "$(rx vm2 vm3)"
	expect_err "(21) fdb del without vlan is VLAN 0's: no such entry" 1 "^vswctl: .*no FDB entry" \
		fdb del sw21 $S
	check_eq "(21) ... and the VLAN-10 entry stays" "10:vnet3:static" "$(fdbs sw21 $S)"
	vsw fdb add sw21 $S dev vnet2 vlan 20
	check_eq "(21) the same static MAC in VLAN 20 too" "10:vnet3:static 20:vnet2:static" "$(fdbs sw21 $S)"
	vsw fdb del sw21 $S vlan 10
	check_eq "(21) fdb del vlan 10 deletes VLAN 10's alone" "20:vnet2:static" "$(fdbs sw21 $S)"
	expect_err "(21) fdb add to a port without the VLAN is refused" 1 "^vswctl: .*does not carry VLAN 10" \
		fdb add sw21 02:21:00:00:00:04 dev vnet2 vlan 10
	check_eq "(21) ... and added nothing" "" "$(fdbs sw21 02:21:00:00:00:04)"
	n vm1 "$SENDETH" --vlan 10 eth0 $bc $S 1
	sleep 0.2
	vsw fdb flush sw21 vlan 10
	check_eq "(21) fdb flush vlan 10 removes VLAN 10's alone" "20:vnet2:dynamic" "$(fdbs sw21 $M)"
	check_eq "(21) ... static ones of other VLANs stay" "20:vnet2:static" "$(fdbs sw21 $S)"
	check_eq "(21) ... none of VLAN 10 is left" 0 \
		"$(vsw -j fdb show sw21 vlan 10 | jfield 'len(d)')"
	# Mode changes.
	n vm1 "$SENDETH" --vlan 10 eth0 $bc $M 1
	n vm1 "$SENDETH" --vlan 20 eth0 $bc 02:21:00:00:00:05 1
	n vm3 "$SENDETH" eth0 $bc $X 1
	vsw fdb add sw21 02:21:00:00:00:06 dev vnet3 vlan 10
	sleep 0.2
	vsw port set sw21 dev vnet3 vlan access 20
	check_eq "(21) access 10 -> 20 flushes the port's VLAN-10 entries" "" "$(fdbs sw21 $X)"
	check_eq "(21) ... keeps its static ones" "10:vnet3:static" "$(fdbs sw21 02:21:00:00:00:06)"
	check_eq "(21) ... and other ports' VLAN-10 entries" "10:vnet1:dynamic 20:vnet2:dynamic" \
		"$(fdbs sw21 $M)"
	vsw port set sw21 dev vnet1 vlan trunk 20,30
	check_eq "(21) trunk 10,20 -> 20,30 flushes the VLAN-10 entries" "20:vnet2:dynamic" "$(fdbs sw21 $M)"
	check_eq "(21) ... and keeps VLAN 20's" "20:vnet1:dynamic" "$(fdbs sw21 02:21:00:00:00:05)"
	# Shown as set.
	check_eq "(21) port show -j: access" "{'mode': 'access', 'vid': 20, 'allowed': None, 'native': None}" \
		"$(pvlan sw21 vnet3)"
	check_eq "(21) port show -j: trunk" "{'mode': 'trunk', 'vid': None, 'allowed': '20,30', 'native': 0}" \
		"$(pvlan sw21 vnet1)"
	vsw port set sw21 dev vnet1 vlan trunk 10,20-30,4094 native 5
	check_eq "(21) port show -j: trunk with ranges and native" \
		"{'mode': 'trunk', 'vid': None, 'allowed': '10,20-30,4094', 'native': 5}" "$(pvlan sw21 vnet1)"
	check_eq "(21) port show -j: the host port is untagged" \
		"{'mode': 'untagged', 'vid': None, 'allowed': None, 'native': None}" "$(pvlan sw21 sw21)"
	vsw port set sw21 dev vnet2 vlan trunk all
	check_eq "(21) port show -j: trunk all" "{'mode': 'trunk', 'vid': None, 'allowed': 'all', 'native': 0}" \
		"$(pvlan sw21 vnet2)"
	check "(21) port show: access" sh -c \
		"ip netns exec host $VSWCTL port show sw21 | grep -w '^vnet3:' | grep -q 'vlan access 20$'"
	check "(21) port show: trunk" sh -c \
		"ip netns exec host $VSWCTL port show sw21 | grep -w '^vnet1:' | grep -q 'vlan trunk 10,20-30,4094 native 5$'"
	check "(21) port show: untagged" sh -c \
		"ip netns exec host $VSWCTL port show sw21 | grep -w '^sw21:' | grep -q 'vlan untagged$'"
	vsw port set sw21 dev vnet2 vlan untagged
	check_eq "(21) back to untagged" "{'mode': 'untagged', 'vid': None, 'allowed': None, 'native': None}" \
		"$(pvlan sw21 vnet2)"
	check_eq "(21) port show -s -j: drops.vlan beside dropped" "True" \
		"$(vsw -j -s port show sw21 | jfield 'all(p["stats"]["drops"]["vlan"] <= p["stats"]["dropped"] for p in d)')"
	sleep 0.3
	kill "$mon"
	wait "$mon" 2> /dev/null
	check "(21) monitor -j: a learn names its VLAN" grep -q \
		"\"event\":\"learn\".*\"mac\":\"$M\".*\"vlan\":10" "$LOGS/mon21.log"
	check "(21) monitor -j: a port-set event" grep -q \
		'"event":"port-set","switch":"sw21","dev":"vnet3"' "$LOGS/mon21.log"
	check "(21) monitor -j: fdb-add names its VLAN" grep -q \
		"\"event\":\"fdb-add\".*\"mac\":\"$S\".*\"vlan\":20" "$LOGS/mon21.log"
	vsw switch del sw21
}

t22_vlan_bad_input() {
	echo "# (22) bad VLAN input: usage errors, refusals, nothing changed"
	cleanup
	netns host
	vsw switch add sw22 type internal
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw22 dev vnet1 vlan access 10 learn-limit 7
	local bad
	for bad in "access 0" "access 4095" "access" "access ten" "trunk 0" "trunk 4095" "trunk 5-3" \
		   "trunk 10,,20" "trunk 1-4095" "trunk ,10" "trunk 10," "trunk" "trunk 10 native 4095" \
		   "trunk 10 native" "bogus" "untagged 10"; do
		# shellcheck disable=SC2086
		expect_err "(22) vlan $bad: a usage error" 2 . port set sw22 dev vnet1 vlan $bad
	done
	expect_err "(22) fdb show vlan 4095: a usage error" 2 . fdb show sw22 vlan 4095
	expect_err "(22) fdb add vlan 4095: a usage error" 2 . fdb add sw22 02:22:00:00:00:01 dev vnet1 vlan 4095
	expect_err "(22) fdb flush vlan x: a usage error" 2 . fdb flush sw22 vlan x
	expect_err "(22) a VLAN for a device that is not a port" 1 "^vswctl: " \
		port set sw22 dev vnet2 vlan access 20
	expect_err "(22) a VLAN for no device" 1 "^vswctl: " port set sw22 dev nosuch0 vlan access 20
	expect_err "(22) a refused port set: learn-limit out of range" 1 "^vswctl: learn-limit" \
		port set sw22 dev vnet1 vlan access 20 learn-limit 4000000000
	check_eq "(22) ... changed nothing" "{'mode': 'access', 'vid': 10, 'allowed': None, 'native': None} 7" \
		"$(vsw -j port show sw22 | jfield "' '.join(str(x) for p in d if p['dev'] == 'vnet1' for x in (p['vlan'], p['learn_limit']))")"
	expect_err "(22) a refused port add" 1 "^vswctl: learn-limit" \
		port add sw22 dev vnet2 vlan trunk 10 learn-limit 4000000000
	check_eq "(22) ... added nothing" 0 \
		"$(vsw -j port show sw22 | jfield 'len([p for p in d if p["dev"] == "vnet2"])')"
	check_eq "(22) the access port works as before" "{'mode': 'access', 'vid': 10, 'allowed': None, 'native': None}" \
		"$(pvlan sw22 vnet1)"
	vsw switch del sw22
}

# Port security and traffic control (23-32): each feature judged by what
# the receivers got (their leases, routes, neighbours, captures, counters),
# and by vsw's drop counters beside; each also with the feature off.
CRAFT=$HERE/lib/craft.py
# drops SW DEV REASON: the port's drops.REASON.
drops() { pstat "$1" "$2" "['drops']['$3']"; }
# pget SW DEV KEY...: the KEYs of the port's port show -j object, as Python
# prints them, joined by spaces.
pget() {
	local sw=$1 dev=$2
	shift 2
	vsw -j port show "$sw" | jfield "' '.join(str(p.get(k)) for p in d if p['dev'] == '$dev' for k in '$*'.split())"
}
# logged SW DEV REASON: the kernel's "dropped a frame" lines for REASON of the port.
logged() { dmesg | grep -c "vsw: $1: port $2: dropped a frame: $3"; }
# neigh NS ADDR [DEV]: the MAC NS's neighbour table has for ADDR on DEV
# (eth0), or nothing.
neigh() {
	ip netns exec "$1" $IP -j neigh show "$2" dev "${3:-eth0}" |
		jfield "' '.join(e.get('lladdr', '') for e in d)"
}
# unresolve NS...: each NS forgets its neighbours, so that a ping after
# one that failed starts a resolution of its own, not one running out its
# probes.
unresolve() { local ns; for ns in "$@"; do q "$ns" $IP neigh flush all; done; }
# The EUI-64 link-local address of MAC.
lladdr() {
	python3 -c 'import ipaddress, sys
m = bytes(int(b, 16) for b in sys.argv[1].split(":"))
print(ipaddress.IPv6Address(b"\xfe\x80" + bytes(6) + bytes([m[0] ^ 2]) + m[1:3] + b"\xff\xfe" + m[3:]))' "$1"
}

t23_dhcp_guard() {
	echo "# (23) dhcp-guard: a VM's DHCP server never answers another VM"
	setup_lan
	have_dhcp 23 || return
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.10/24
	vm vm3 198.51.100.1/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet3 dhcp-guard on
	local m1 m3 i got l0 d0 dhcp6_servers
	m1=$(mac vm1 eth0) m3=$(mac vm3 eth0)
	dhcpd lan23 srv srv0 192.0.2.50,192.0.2.59
	dhcpd rogue23 vm3 eth0 198.51.100.50,198.51.100.59
	l0=$(logged sw0 vnet3 dhcp-guard)
	cap c23 vm1 eth0 udp src port 67 and ether src "$m3"
	for i in 1 2 3; do
		got=$(lease vm1)
		check "(23) guard on: the victim's lease comes from the LAN's server, try $i ($got)" \
			grep -q "^192\.0\.2\.5[0-9]$" <<< "$got"
	done
	cap_stop
	check_cap "(23) guard on: the victim received no reply of the rogue's" 0 c23
	check "(23) ... which did offer" grep -q "DHCPOFFER(eth0) 198\.51\.100\.5[0-9] $m1" \
		"$LOGS/rogue23.log"
	check_ge "(23) ... dropped, as drops.dhcp_guard counts" 3 "$(drops sw0 vnet3 dhcp_guard)"
	check_eq "(23) ... and logged once" $((l0 + 1)) "$(logged sw0 vnet3 dhcp-guard)"
	# DHCPv6: a server's messages from the guarded port go nowhere, a
	# client's pass.
	cap d23 vm1 eth0 ether src "$m3" and udp
	cap s23 srv srv0 ether src "$m3" and udp dst port 547
	d0=$(drops sw0 vnet3 dhcp_guard)
	dhcp6_servers="$m3 $m1 dhcp6 advertise -- $m3 $m1 dhcp6 reply -- $m3 $m1 dhcp6 reconfigure
		       -- $m3 $m1 dhcp6 relay-repl"
	# shellcheck disable=SC2086
	n vm3 "$CRAFT" eth0 $dhcp6_servers -- "$m3" "$m1" dhcp6 solicit
	sleep 0.2
	cap_stop
	check_eq "(23) guard on: DHCPv6 ADVERTISE, REPLY, RECONFIGURE, RELAY-REPL dropped" \
		$((d0 + 4)) "$(drops sw0 vnet3 dhcp_guard)"
	check_cap "(23) ... the victim received the SOLICIT alone" 1 d23
	check "(23) ... which is the SOLICIT" grep -q "dhcp6 solicit" "$LOGS/d23.cap"
	check_cap "(23) a SOLICIT from the guarded port reaches the LAN" 1 s23
	# The feature off: the rogue answers, and alone it leases its range.
	vsw port set sw0 dev vnet3 dhcp-guard off
	cap e23 vm1 eth0 ether src "$m3" and udp
	lease vm1 > /dev/null
	# shellcheck disable=SC2086
	n vm3 "$CRAFT" eth0 $dhcp6_servers
	sleep 0.2
	cap_stop
	check_ge "(23) guard off: the rogue's DHCPv4 and the four DHCPv6 replies reach the victim" 5 \
		"$(caught e23)"
	kill "${DHCPDS[0]}"
	got=$(lease vm1)
	check "(23) guard off, the LAN's server gone: the rogue leases the victim $got" \
		grep -q "^198\.51\.100\.5[0-9]$" <<< "$got"
	dhcpd_stop
	vsw switch del sw0
}

# ra6 NS: NS's IPv6 default routes and routes of 2001:db8::/32, one a line.
ra6() { ip netns exec "$1" $IP -6 route show | grep -E "^(default|2001:db8:)" | cut -d" " -f1-3; }

t24_router_guard() {
	echo "# (24) router-guard: a VM's router advertisements and redirects go nowhere"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.10/24
	vm vm3 192.0.2.30/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet3 router-guard on
	# The victim takes RAs, fragmented ones too (RFC 6980 off), so that
	# each one the guard let by would show in its routes.
	q vm1 sysctl -w net.ipv6.conf.eth0.accept_dad=0 net.ipv6.conf.eth0.accept_ra=2 \
		net.ipv6.conf.eth0.suppress_frag_ndisc=0
	ipv6 vm1 eth0
	local m1 m3 r0 all bc=ff:ff:ff:ff:ff:ff
	m1=$(mac vm1 eth0) m3=$(mac vm3 eth0)
	r0=$(drops sw0 vnet3 router_guard)
	all="$m3 $bc ra 2001:db8:1:: plain -- $m3 $bc ra 2001:db8:2:: dstopt
	     -- $m3 $bc ra 2001:db8:3:: frag-cut -- $m3 $bc ra 2001:db8:4:: frag-whole
	     -- $m3 $m1 redirect4 192.0.2.30 192.0.2.10 192.0.2.30
	     -- $m3 01:00:5e:00:00:01 rtadv4 192.0.2.30"
	cap r24 vm1 eth0 ether src "$m3"
	# shellcheck disable=SC2086
	n vm3 "$CRAFT" eth0 $all
	sleep 0.3
	cap_stop
	check_eq "(24) guard on: the victim has no default route nor prefix from the RAs" "" "$(ra6 vm1)"
	check_cap "(24) ... it received two frames" 2 r24
	check_eq "(24) ... both later fragments" 2 "$(grep -c 'frag ([1-9]' "$LOGS/r24.cap")"
	check_eq "(24) ... the RAs (plain, behind a header, two first fragments) and the ICMPv4 redirect and RA dropped" \
		$((r0 + 6)) "$(drops sw0 vnet3 router_guard)"
	# The feature off: each RA is the victim's router and prefix.
	vsw port set sw0 dev vnet3 router-guard off
	cap o24 vm1 eth0 ether src "$m3"
	n vm3 "$CRAFT" eth0 "$m3" $bc ra 2001:db8:1:: plain
	sleep 0.2
	check_eq "(24) guard off: the plain RA gives the victim a default route via the rogue" \
		"default via $(lladdr "$m3")" "$(ra6 vm1 | grep ^default)"
	check "(24) ... and its prefix" grep -q "^2001:db8:1::/64" <<< "$(ra6 vm1)"
	# Linux itself drops a first fragment whose header chain is cut
	# (RFC 8200, 4.5): that one is seen arriving, not taking effect.
	# shellcheck disable=SC2086
	n vm3 "$CRAFT" eth0 ${all#* -- }
	sleep 0.2
	cap_stop
	check "(24) guard off: the RA behind a Destination Options header gives its prefix" \
		grep -q "^2001:db8:2::/64" <<< "$(ra6 vm1)"
	check "(24) guard off: the RA in two fragments gives its prefix" \
		grep -q "^2001:db8:4::/64" <<< "$(ra6 vm1)"
	check_cap "(24) guard off: all 6 frames of the 4 RAs, the ICMPv4 redirect and RA reach the victim" 8 o24
	check_eq "(24) ... the cut first fragment among them" 1 "$(grep -c 'frag (0|16)' "$LOGS/o24.cap")"
	vsw switch del sw0
}

t25_mac_spoof() {
	echo "# (25) mac-spoof off: a VM sends from its own MAC, or those allowed"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.10/24
	vsw port add sw0 dev vnet1 mac-spoof off
	local m1 x1=02:25:00:00:00:01 x2=02:25:00:00:00:02 x3=02:25:00:00:00:03 s0 l0
	m1=$(mac vm1 eth0)
	l0=$(logged sw0 vnet1 mac-spoof)
	check_eq "(25) port show -j: mac_spoof false" False "$(pget sw0 vnet1 mac_spoof)"
	check "(25) the VM pings the LAN from its own MAC, the first it sent from" pings vm1 192.0.2.100
	s0=$(drops sw0 vnet1 spoof)
	cap c25 srv srv0 ether src $x1 or ether src $x2
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff $x1 5
	q vm1 $IP link set eth0 address $x2
	q srv $IP neigh flush all
	check "(25) from another MAC, its pings reach nobody" no_ping vm1 192.0.2.100
	cap_stop
	check_cap "(25) ... the LAN received nothing from the other MACs" 0 c25
	check_eq "(25) ... the server learned no neighbour at the other MAC" "" "$(neigh srv 192.0.2.10 srv0)"
	check_ge "(25) ... dropped, as drops.spoof counts" $((s0 + 6)) "$(drops sw0 vnet1 spoof)"
	check_eq "(25) ... and logged once" $((l0 + 1)) "$(logged sw0 vnet1 mac-spoof)"
	vsw port set sw0 dev vnet1 allow-mac $x2,$m1
	check_eq "(25) port show -j: allow_mac" "['$x2', '$m1']" "$(pget sw0 vnet1 allow_mac)"
	unresolve vm1 srv
	check "(25) allow-mac: the VM pings from an allowed MAC" pings vm1 192.0.2.100
	check_eq "(25) ... the server's neighbour is that MAC" $x2 "$(neigh srv 192.0.2.10 srv0)"
	q vm1 $IP link set eth0 address "$m1"
	q srv $IP neigh flush all
	check "(25) allow-mac: ... and from the other allowed MAC" pings vm1 192.0.2.100
	cap c25 srv srv0 ether src $x1 or ether src $x3
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff $x1 5
	# Set anew, the guard keeps the first MAC it sees: x2 this time.
	q vm1 $IP link set eth0 address $x2
	vsw port set sw0 dev vnet1 mac-spoof on
	vsw port set sw0 dev vnet1 mac-spoof off allow-mac none
	q srv $IP neigh flush all
	check "(25) set again: the first MAC sent from is the one kept" pings vm1 192.0.2.100
	q vm1 $IP link set eth0 address "$m1"
	q srv $IP neigh flush all
	check "(25) ... and the VM's old MAC reaches nobody" no_ping vm1 192.0.2.100
	# The feature off: any source MAC passes.
	vsw port set sw0 dev vnet1 mac-spoof on
	unresolve vm1 srv
	check "(25) mac-spoof on: the VM pings from its MAC" pings vm1 192.0.2.100
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff $x3 5
	cap_stop
	check_eq "(25) allow-mac: a MAC not in the list reached nobody" 0 "$(seen c25 " $x1 > ")"
	check_eq "(25) mac-spoof on: ... and from any other" 5 "$(seen c25 " $x3 > ")"
	vsw switch del sw0
}

# leases SW DEV [EXPR [COND]]: "IP MAC" and EXPR of each lease l (its JSON)
# of the port for which COND holds, joined by ", ".
leases() {
	vsw -j port show "$1" | jfield "', '.join(' '.join(str(x) for x in (l['ip'], l['mac'], ${3:-None}) if x is not None) for p in d if p['dev'] == '$2' for l in p.get('leases', []) if ${4:-True})"
}
# arpsrc ADDR: a capture filter's test of an ARP sender address.
arpsrc() { local IFS=.; printf 'arp[14:4] = 0x%02x%02x%02x%02x' $1; }
# ping_from NS SRC DST: NS pings DST from its address SRC; no_ping_from:
# its one ping is not answered within a second.
ping_from() { q "$1" $PING -c 1 -W 2 -I "$2" "$3"; }
no_ping_from() { ! q "$1" $PING -c 1 -W 1 -I "$2" "$3"; }
# no_pings "NAME|NS|DST"...: a check NAME for each, passes when NS does not
# reach DST (no_ping); the pings run at once.
no_pings() {
	local spec name ns dst i pids=() names=()
	for spec in "$@"; do
		IFS='|' read -r name ns dst <<< "$spec"
		pretty "$ns" "ping $dst"
		no_ping "$ns" "$dst" &
		pids+=($!) names+=("$name")
	done
	for i in "${!pids[@]}"; do
		if wait "${pids[i]}"; then ok "${names[i]}"; else not_ok "${names[i]}" "it did"; fi
	done
}

t26_allow_ip() {
	echo "# (26) allow-ip: a VM sends from its own addresses, static or leased"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.10/24
	vm vm2 192.0.2.20/24
	local ns m1 m2 ms g0 got spoof
	for ns in vm1:eth0 vm2:eth0 srv:srv0; do
		q ${ns%:*} sysctl -w net.ipv6.conf.${ns#*:}.accept_dad=0
		ipv6 ${ns%:*} ${ns#*:}
	done
	q vm1 $IP addr add 2001:db8::10/64 dev eth0
	q vm2 $IP addr add 2001:db8::20/64 dev eth0
	q srv $IP addr add 2001:db8::100/64 dev srv0
	# The victim's neighbour entries may be overridden at once.
	q vm2 sysctl -w net.ipv4.neigh.eth0.locktime=0
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0) ms=$(mac srv srv0)
	# The server never probes vm2: its probes would set vm2's entries for
	# the server right again, after a spoofing that worked.
	q srv $IP neigh replace 192.0.2.20 lladdr "$m2" dev srv0 nud permanent
	q srv $IP neigh replace 2001:db8::20 lladdr "$m2" dev srv0 nud permanent
	vsw port add sw0 dev vnet1 allow-ip 192.0.2.10,2001:db8::10
	vsw port add sw0 dev vnet2
	check_eq "(26) port show -j: allow_ip" "['192.0.2.10/32', '2001:db8::10/128']" \
		"$(pget sw0 vnet1 allow_ip)"
	check "(26) static: the VM pings the LAN from its allowed IPv4 address" pings vm1 192.0.2.100 2
	check "(26) static: ... and from its allowed IPv6 address" pings vm1 2001:db8::100 2
	q vm1 $IP addr add 192.0.2.99/24 dev eth0
	q vm1 $IP addr add 2001:db8::99/64 dev eth0
	g0=$(drops sw0 vnet1 ip_guard)
	cap c26 srv srv0 ether src "$m1" and \( src host 192.0.2.99 or src host 2001:db8::99 or \
		\( arp and "$(arpsrc 192.0.2.99)" \) \)
	check "(26) static: from another IPv4 address it reaches nobody" \
		no_ping_from vm1 192.0.2.99 192.0.2.100
	check "(26) static: nor from another IPv6 address" no_ping_from vm1 2001:db8::99 2001:db8::100
	cap_stop
	check_cap "(26) ... the LAN received nothing of it" 0 c26
	check_ge "(26) ... dropped, as drops.ip_guard counts" $((g0 + 2)) "$(drops sw0 vnet1 ip_guard)"
	# ARP and NA spoofing: vm1 claims the server's addresses to vm2.
	pings vm2 192.0.2.100
	pings vm2 2001:db8::100
	g0=$(drops sw0 vnet1 ip_guard)
	cap c26 vm2 eth0 ether src "$m1" and \( arp or \( icmp6 and ip6[40] == 136 \) \)
	# A gratuitous ARP overrides the entry whenever it comes; a reply, once
	# locktime has passed since the entry last changed.
	spoof="$m1 $m2 arp reply 192.0.2.100 192.0.2.20 $m2
	       -- $m1 ff:ff:ff:ff:ff:ff arp request 192.0.2.100 192.0.2.100 -- $m1 $m2 na 2001:db8::100"
	# shellcheck disable=SC2086
	n vm1 "$CRAFT" eth0 $spoof
	sleep 0.2
	cap_stop
	check_eq "(26) an ARP reply and a gratuitous ARP claiming the server: vm2 keeps its MAC" \
		"$ms" "$(neigh vm2 192.0.2.100)"
	check_eq "(26) an NA for the server's IPv6 address: vm2 keeps its MAC" "$ms" \
		"$(neigh vm2 2001:db8::100)"
	check_cap "(26) ... vm2 received none of them" 0 c26
	check_eq "(26) ... dropped, as drops.ip_guard counts" $((g0 + 3)) "$(drops sw0 vnet1 ip_guard)"
	# The feature off: the other addresses pass, and the spoofing works.
	vsw port set sw0 dev vnet1 allow-ip none
	check_eq "(26) allow-ip none: port show -j" "[]" "$(pget sw0 vnet1 allow_ip)"
	unresolve vm1
	check "(26) allow-ip none: the VM pings from another address" ping_from vm1 192.0.2.99 192.0.2.100
	# shellcheck disable=SC2086
	n vm1 "$CRAFT" eth0 $spoof
	sleep 0.2
	check_eq "(26) allow-ip none: the spoofed ARP takes vm2's entry for the server" \
		"$m1" "$(neigh vm2 192.0.2.100)"
	check_eq "(26) allow-ip none: so does the spoofed NA" "$m1" "$(neigh vm2 2001:db8::100)"
	q vm2 $IP neigh flush all

	# allow-ip dhcp: the addresses leased by the LAN's server.
	have_dhcp 26 || { vsw switch del sw0; return; }
	dhcpd lan26 srv srv0 192.0.2.50,192.0.2.59
	q vm1 $IP -4 addr flush dev eth0
	q vm1 $IP addr add 192.0.2.10/24 dev eth0
	vsw port set sw0 dev vnet1 allow-ip dhcp
	check_eq "(26) port show -j: allow_ip dhcp, no lease yet" "dhcp []" "$(pget sw0 vnet1 allow_ip leases)"
	check "(26) dhcp: before a lease, the VM reaches nobody" no_ping vm1 192.0.2.100
	got=$(lease vm1)
	check "(26) dhcp: the VM gets a lease from the LAN's server ($got)" \
		grep -q "^192\.0\.2\.5[0-9]$" <<< "$got"
	check_eq "(26) dhcp: port show -j lists the lease, its MAC, expires > 0" "$got $m1 True" \
		"$(leases sw0 vnet1 "0 < l['expires'] <= 120")"
	q vm1 $IP -4 addr flush dev eth0
	q vm1 $IP addr add "$got/24" dev eth0
	unresolve vm1
	check "(26) dhcp: from its leased address the VM reaches the LAN" pings vm1 192.0.2.100 2
	q vm1 $IP addr add 192.0.2.20/24 dev eth0
	cap c26 srv srv0 ether src "$m1" and \( src host 192.0.2.20 or \( arp and "$(arpsrc 192.0.2.20)" \) \)
	check "(26) dhcp: from the neighbour's address (stolen) it reaches nobody" \
		no_ping_from vm1 192.0.2.20 192.0.2.100
	cap_stop
	check_cap "(26) ... the LAN received nothing from the stolen address" 0 c26
	check "(26) ... and the neighbour still reaches the LAN" pings vm2 192.0.2.100
	# DHCPv6: a REPLY from the LAN leases an IPv6 address, one from a
	# guarded VM does not.
	check "(26) dhcp: before a DHCPv6 lease, the VM reaches nobody from it" \
		no_ping_from vm1 2001:db8::99 2001:db8::100
	vsw port set sw0 dev vnet2 dhcp-guard on
	n srv "$CRAFT" srv0 "$ms" "$m1" dhcp6 reply 2001:db8::99
	n vm2 "$CRAFT" eth0 "$m2" "$m1" dhcp6 reply 2001:db8::66
	sleep 0.2
	unresolve vm1
	check_eq "(26) dhcp: the LAN's DHCPv6 REPLY is listed as a lease, the guarded VM's is not" \
		"$got $m1, 2001:db8::99 $m1" "$(leases sw0 vnet1)"
	check "(26) dhcp: from its DHCPv6-leased address the VM reaches the LAN" \
		ping_from vm1 2001:db8::99 2001:db8::100
	# A DHCPACK cut inside its first option leases nothing, and harms
	# nothing; a whole one (crafted) leases for its time.
	n srv "$CRAFT" srv0 "$ms" "$m1" dhcp4 ack 192.0.2.100 192.0.2.77 cut
	sleep 0.2
	check_eq "(26) dhcp: an ACK that ends after its type option's code and length leases nothing" \
		"$got $m1, 2001:db8::99 $m1" "$(leases sw0 vnet1)"
	check "(26) ... and the switch still forwards" pings vm1 192.0.2.100
	n srv "$CRAFT" srv0 "$ms" "$m1" dhcp4 ack 192.0.2.100 192.0.2.77 30
	sleep 0.2
	check_eq "(26) dhcp: a crafted ACK of 30 s is a lease of 30 s at most" "192.0.2.77 $m1 True" \
		"$(leases sw0 vnet1 "0 < l['expires'] <= 30" "l['ip'] == '192.0.2.77'")"
	dhcpd_stop
	vsw switch del sw0
}

t27_isolation() {
	echo "# (27) isolation: isolated ports reach the LAN alone, communities their own"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	addr host sw0 192.0.2.1/24
	local i m1 m2 x0 ok
	for i in 1 2 3 4 5; do
		vm vm$i 192.0.2.1$i/24
	done
	vsw port add sw0 dev vnet1 isolation isolated
	vsw port add sw0 dev vnet2 isolation isolated
	vsw port add sw0 dev vnet3 isolation community 1
	vsw port add sw0 dev vnet4 isolation community 1
	vsw port add sw0 dev vnet5 isolation community 2
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
	check_eq "(27) port show -j: isolation and community" "isolated None community 1 community 2" \
		"$(vsw -j port show sw0 | jfield "' '.join('%s %s' % (p['isolation'], p['community']) for p in d if p['dev'] in ('vnet2', 'vnet3', 'vnet5'))")"
	check "(27) an isolated VM reaches the LAN" pings vm1 192.0.2.100
	check "(27) ... and the host vNIC" pings vm1 192.0.2.1
	check "(27) the LAN reaches an isolated VM" pings srv 192.0.2.12
	check "(27) a community VM reaches its community" pings vm3 192.0.2.14
	check "(27) ... the LAN" pings vm4 192.0.2.100
	check "(27) ... and the host" pings vm4 192.0.2.1
	# vm2's MAC known on its port, for vm1's unicast to it below.
	n vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m2" 1
	cap c27 vm2 eth0 ether src "$m1"
	no_pings "(27) an isolated VM does not reach another|vm1|192.0.2.12" \
		 "(27) ... nor the other way|vm2|192.0.2.11" \
		 "(27) an isolated VM does not reach a community|vm1|192.0.2.13" \
		 "(27) a community VM does not reach another community|vm3|192.0.2.15" \
		 "(27) ... nor the other way|vm5|192.0.2.14" \
		 "(27) ... nor an isolated VM|vm3|192.0.2.11"
	# Unicast to a MAC the switch knows on a port it may not reach.
	x0=$(drops sw0 vnet1 isolation)
	n vm1 "$SENDETH" eth0 "$m2" "$m1" 5
	cap_stop
	check_cap "(27) the isolated VM received nothing of the other's: its ARP broadcasts, its known unicast" \
		0 c27
	check_eq "(27) ... and learned no neighbour entry from them" "" "$(neigh vm2 192.0.2.11)"
	check_eq "(27) ... the unicast dropped, as drops.isolation counts" $((x0 + 5)) \
		"$(drops sw0 vnet1 isolation)"
	# The feature off: all reach all.
	for i in 1 2 3 4 5; do
		vsw port set sw0 dev vnet$i isolation none
	done
	unresolve vm1 vm2 vm3 vm5
	ok=0
	pings vm1 192.0.2.12 && pings vm2 192.0.2.11 && pings vm1 192.0.2.13 &&
		pings vm3 192.0.2.15 && pings vm5 192.0.2.11 && ok=1
	check_eq "(27) isolation none: isolated and community VMs reach each other" 1 "$ok"
	cap c27 vm2 eth0 ether src "$m1" and ether proto 0x88b5
	n vm1 "$SENDETH" eth0 "$m2" "$m1" 5
	cap_stop
	check_cap "(27) isolation none: the unicast arrives" 5 c27
	vsw switch del sw0
}

# icmps CAP: "REQUESTS REPLIES", the ICMP echoes capture CAP caught; seen
# CAP TEXT: how many of its frames' lines hold TEXT.
icmps() { echo "$(seen "$1" "ICMP echo request") $(seen "$1" "ICMP echo reply")"; }
seen() { grep -c "^[0-9].*$2" "$LOGS/$1.cap"; }

t28_mirror() {
	echo "# (28) mirror: a destination gets one copy of each frame a source sends or receives"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	local i m1
	for i in 1 2 3; do
		vm vm$i 192.0.2.1$i/24
	done
	vsw port add sw0 dev vnet1 mirror source
	vsw port add sw0 dev vnet2
	vsw port add sw0 dev vnet3 mirror destination
	m1=$(mac vm1 eth0)
	check_eq "(28) port show -j: mirror" "source none destination" \
		"$(vsw -j port show sw0 | jfield "' '.join(p['mirror'] for p in d if p['dev'].startswith('vnet'))")"
	pings vm1 192.0.2.100
	vsw port set sw0 dev vnet1 mac-spoof off allow-mac "$m1"
	# What the destination receives (not what it sends).
	cap c28 vm3 eth0 -Q in icmp or ether proto 0x88b5
	check "(28) the source pings the LAN" pings vm1 192.0.2.100 3
	check "(28) the destination's own ping works" pings vm3 192.0.2.100 2
	check "(28) the source pings the destination" pings vm1 192.0.2.13 2
	check "(28) a port that is not a source pings the LAN" pings vm2 192.0.2.100 2
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 5
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:28:00:00:00:01 5
	cap_stop
	check_eq "(28) the destination got each request and each reply of the source's ping, once" "3 3" \
		"$(seen c28 "192.0.2.11 > 192.0.2.100: ICMP echo request") $(seen c28 "192.0.2.100 > 192.0.2.11: ICMP echo reply")"
	check_eq "(28) ... its own replies, once" 2 "$(seen c28 "192.0.2.100 > 192.0.2.13: ICMP echo reply")"
	check_eq "(28) ... each request the source sent it, once (the frame itself)" 2 \
		"$(seen c28 "192.0.2.11 > 192.0.2.13: ICMP echo request")"
	check_eq "(28) ... nothing of the port that is not a source" 0 "$(seen c28 "192.0.2.12")"
	check_eq "(28) ... the source's broadcast once; what its guard dropped, never" "5 0" \
		"$(seen c28 " $m1 > ff:ff:ff:ff:ff:ff") $(seen c28 " 02:28:00:00:00:01 > ")"
	vsw port set sw0 dev vnet2 mirror destination
	cap c28 vm3 eth0 -Q in icmp
	cap d28 vm2 eth0 -Q in icmp
	check "(28) two destinations: the source pings the LAN" pings vm1 192.0.2.100 2
	cap_stop
	check_eq "(28) two destinations: one got one copy of each" "2 2" "$(icmps c28)"
	check_eq "(28) two destinations: ... the other too" "2 2" "$(icmps d28)"
	# A copy too big for one destination's MTU: dropped, counted as the
	# source's; the other destination and the frame itself go on.
	h $IP link set vnet3 mtu 1000
	local x
	x=$(pstat sw0 vnet1 '["dropped"]')
	cap c28 vm3 eth0 -Q in icmp
	cap d28 vm2 eth0 -Q in icmp
	check "(28) a destination of MTU 1000: the source pings the LAN with 1200 bytes" \
		q vm1 $PING -c 2 -W 2 -i 0.2 -s 1200 -M do 192.0.2.100
	cap_stop
	check_cap "(28) ... that destination got no copy" 0 c28
	check_eq "(28) ... the other one got each" "2 2" "$(icmps d28)"
	check_eq "(28) ... and the source port's dropped counts its requests' copies" \
		$((x + 2)) "$(pstat sw0 vnet1 '["dropped"]')"
	h $IP link set vnet3 mtu 1500
	# The feature off: nothing is copied.
	vsw port set sw0 dev vnet1 mirror none
	cap c28 vm3 eth0 -Q in icmp
	check "(28) mirror none: the VM pings the LAN" pings vm1 192.0.2.100 2
	cap_stop
	check_cap "(28) mirror none: the destination got nothing" 0 c28
	vsw switch del sw0
}

# storm29 WHAT SENT SECONDS PASSED LIMIT: the receiver's rate after the
# bucket's first burst (a tenth of a second of tokens) is LIMIT +- 10%.
storm29() {
	local rate burst=$(($5 / 10 > 1 ? $5 / 10 : 1))
	rate=$(awk "BEGIN { printf \"%d\", ($4 - $burst) / $3 + 0.5 }")
	echo "# (29) $1: sent $2 in $3 s ($(awk "BEGIN { printf \"%d\", $2 / $3 }")/s), $4 passed: $rate/s"
	check "(29) $1: the receiver got $rate/s, the limit of $5/s +- 10%" \
		test "$rate" -ge $(($5 * 9 / 10)) -a "$rate" -le $(($5 * 11 / 10))
}

t29_storm_limit() {
	echo "# (29) storm-limit: broadcast, multicast, unknown unicast cut to the limit"
	cleanup
	netns host
	vsw switch add sw29 type private
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw29 dev vnet1 storm-limit 200
	vsw port add sw29 dev vnet2
	check_eq "(29) port show -j: storm_limit" 200 "$(pget sw29 vnet1 storm_limit)"
	local m1 m2 b s0 out sent secs what dst
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
	b=$(rx vm2) s0=$(drops sw29 vnet1 storm)
	out=$(ip netns exec vm1 "$SENDETH" --pps 1000 eth0 ff:ff:ff:ff:ff:ff "$m1" 3000)
	read -r sent secs <<< "$out"
	sleep 0.2
	check "(29) the sender ran at three times the limit or more" awk "BEGIN { exit $sent / $secs < 600 }"
	storm29 "a broadcast flood at 1000/s" "$sent" "$secs" $(($(rx vm2) - b)) 200
	check_eq "(29) ... the rest dropped, as drops.storm counts" "$sent" \
		$(($(rx vm2) - b + $(drops sw29 vnet1 storm) - s0))
	for what in multicast:01:00:5e:00:00:29 "unknown unicast:02:29:00:00:00:99"; do
		dst=${what#*:}
		vsw port set sw29 dev vnet1 storm-limit 100
		vsw port set sw29 dev vnet1 storm-limit 200
		b=$(rx vm2)
		read -r sent secs <<< "$(ip netns exec vm1 "$SENDETH" --pps 1000 eth0 "$dst" "$m1" 1000)"
		sleep 0.2
		storm29 "${what%%:*} at 1000/s" "$sent" "$secs" $(($(rx vm2) - b)) 200
	done
	n vm2 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m2" 1
	sleep 0.1
	b=$(rx vm2) s0=$(drops sw29 vnet1 storm)
	n vm1 "$SENDETH" eth0 "$m2" "$m1" 1000
	sleep 0.2
	check_eq "(29) known unicast is not limited" $((b + 1000)) "$(rx vm2)"
	check_eq "(29) ... and none dropped" "$s0" "$(drops sw29 vnet1 storm)"
	# The feature off: the flood passes.
	vsw port set sw29 dev vnet1 storm-limit 0
	b=$(rx vm2)
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff "$m1" 1000
	sleep 0.2
	check_eq "(29) storm-limit 0: the whole broadcast flood arrives" $((b + 1000)) "$(rx vm2)"
	vsw switch del sw29
}

# iperf30 NS SERVER SECONDS: the Mbit/s iperf3's TCP stream from NS got to
# SERVER, after its first second (the bucket's first burst, and slow start).
iperf30() {
	ip netns exec srv iperf3 -s -1 > /dev/null 2>&1 &
	local srvpid=$!
	sleep 0.5
	ip netns exec "$1" iperf3 -c "$2" -O 1 -t "$3" -J 2> /dev/null |
		python3 -c 'import json, sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e6, 1))' 2> /dev/null
	kill "$srvpid" 2> /dev/null
	wait "$srvpid" 2> /dev/null
}

t30_max_rate() {
	echo "# (30) max-rate: a TCP stream through a policed port keeps to the rate"
	if ! command -v iperf3 > /dev/null; then
		skip "(30) max-rate" "no iperf3"
		return
	fi
	setup_lan
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.11/24
	vsw port add sw0 dev vnet1 max-rate 50m
	check_eq "(30) port show -j: max_rate in bit/s" 50000000 "$(pget sw0 vnet1 max_rate)"
	local got r0
	r0=$(drops sw0 vnet1 rate)
	got=$(iperf30 vm1 192.0.2.100 5)
	echo "# (30) max-rate 50m: ${got:-no} Mbit/s"
	check "(30) max-rate 50m: the stream got ${got:-nothing} Mbit/s, 50 +- 10%" \
		awk "BEGIN { exit !(45 <= ${got:-0} && ${got:-0} <= 55) }"
	check_ge "(30) ... the excess dropped, as drops.rate counts" $((r0 + 1)) "$(drops sw0 vnet1 rate)"
	# The feature off: faster.
	vsw port set sw0 dev vnet1 max-rate 0
	got=$(iperf30 vm1 192.0.2.100 2)
	echo "# (30) max-rate 0: ${got:-no} Mbit/s"
	check "(30) max-rate 0: the stream got ${got:-nothing} Mbit/s, more than 55" \
		awk "BEGIN { exit !(${got:-0} > 55) }"
	vsw switch del sw0
}

t31_cisco() {
	echo "# (31) Cisco's 01:00:0c:cc:cc:cc: never forwarded from a VM"
	setup_lan
	vsw switch add sw0 type external uplink eth0
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet2
	local m1 ms b
	m1=$(mac vm1 eth0) ms=$(mac srv srv0)
	b="$(rx vm2) $(stat srv srv0 rx_packets)"
	n vm1 "$SENDETH" eth0 01:00:0c:cc:cc:cc "$m1" 5
	n vm1 "$SENDETH" eth0 01:80:c2:00:00:0e "$m1" 5
	sleep 0.2
	check_eq "(31) a VM's CDP/DTP/VTP and LLDP frames reach neither a VM nor the LAN" "$b" \
		"$(rx vm2) $(stat srv srv0 rx_packets)"
	n vm1 "$SENDETH" eth0 01:00:0c:cc:cc:cd "$m1" 5
	sleep 0.2
	check_eq "(31) ... the next address (Cisco's SSTP) is multicast: flooded" "$(plus "$b" "5 5")" \
		"$(rx vm2) $(stat srv srv0 rx_packets)"
	b=$(rx vm1 vm2)
	n srv "$SENDETH" srv0 01:00:0c:cc:cc:cc "$ms" 5
	sleep 0.2
	check_eq "(31) the LAN's to 01:00:0c:cc:cc:cc reach the VMs (only VM ports are filtered)" \
		"$(plus "$b" "5 5")" "$(rx vm1 vm2)"
	vsw switch del sw0
}

# refused NAME EXIT CMD...: vswctl CMD exits EXIT (any non-zero: "any")
# with a message; unchanged NAME BEFORE: port show -j of sw32 is BEFORE.
refused() {
	local name=$1 want=$2 out rc
	shift 2
	out=$(ip netns exec host "$VSWCTL" "$@" 2>&1 >/dev/null)
	rc=$?
	if [[ $rc == 0 || ($want != any && $rc != "$want") || $out != vswctl:* ]]; then
		not_ok "$name" "exit $rc, said: $(head -1 <<< "$out")"
	else
		ok "$name"
	fi
}
unchanged() { check_eq "$1" "$2" "$(vsw -j port show sw32)"; }

t32_security_bad_input() {
	echo "# (32) port security settings: defaults, shown as set, bad ones refused, nothing changed"
	setup_lan
	vsw switch add sw32 type external uplink eth0
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw port add sw32 dev vnet1
	local keys="mac_spoof allow_mac allow_ip dhcp_guard router_guard isolation community mirror storm_limit max_rate leases"
	check_eq "(32) a new port's defaults" "True [] [] False False none None none 0 0 None" \
		"$(pget sw32 vnet1 $keys)"
	vsw port set sw32 dev vnet1 mac-spoof off allow-mac 02:32:00:00:00:01,02:32:00:00:00:02 \
		allow-ip 198.51.100.7/24,2001:db8::1/64,192.0.2.11 dhcp-guard on router-guard on \
		isolation community 4294967295 mirror destination storm-limit 4294967295 max-rate 50m
	check_eq "(32) port show -j as set (prefixes without host bits, the rate in bit/s)" \
		"False ['02:32:00:00:00:01', '02:32:00:00:00:02'] ['198.51.100.0/24', '2001:db8::/64', '192.0.2.11/32'] True True community 4294967295 destination 4294967295 50000000 None" \
		"$(pget sw32 vnet1 $keys)"
	check "(32) plain port show names them in the words that set them" sh -c \
		"ip netns exec host $VSWCTL port show sw32 | grep '^vnet1:' | grep -q 'mac-spoof off allow-mac 02:32:00:00:00:01,02:32:00:00:00:02 allow-ip 198.51.100.0/24,2001:db8::/64,192.0.2.11/32 dhcp-guard on router-guard on isolation community 4294967295 mirror destination storm-limit 4294967295 max-rate 50000000'"
	vsw port set sw32 dev vnet1 max-rate 1g
	check_eq "(32) max-rate 1g is 10^9 bit/s" 1000000000 "$(pget sw32 vnet1 max_rate)"
	vsw port set sw32 dev vnet1 max-rate 500k
	check_eq "(32) max-rate 500k is 500000 bit/s" 500000 "$(pget sw32 vnet1 max_rate)"
	vsw port set sw32 dev vnet1 max-rate 18446744073709551615
	check_eq "(32) max-rate takes 2^64-1" 18446744073709551615 "$(pget sw32 vnet1 max_rate)"
	local bad before
	before=$(vsw -j port show sw32)
	for bad in "allow-mac 01:00:5e:00:00:01" "allow-mac 00:00:00:00:00:00" "allow-mac 02:32::1" \
		   "allow-mac $(python3 -c 'print(",".join("02:32:00:00:00:%02x" % i for i in range(17)))')" \
		   "allow-ip 192.0.2.0/33" "allow-ip 2001:db8::/129" "allow-ip 192.0.2.1/-1" \
		   "allow-ip 300.1.1.1" "allow-ip dhcp,192.0.2.1" "allow-ip 192.0.2.1,none" \
		   "allow-ip $(python3 -c 'print(",".join("192.0.2.%d" % i for i in range(33)))')" \
		   "isolation community 0" "isolation community 4294967296" "isolation community" \
		   "isolation private" "mirror both" "mac-spoof maybe" "dhcp-guard yes" \
		   "storm-limit 4294967296" "storm-limit -1" "max-rate 18446744073709551616" \
		   "max-rate 18446744073709552k" "max-rate 20000000000g" "max-rate 5x" "max-rate -1" \
		   "dhcp-guard off allow-ip 192.0.2.0/33" "mirror none max-rate 20000000000g" \
		   "isolation none storm-limit 4294967296"; do
		# shellcheck disable=SC2086
		refused "(32) port set $bad: refused" any port set sw32 dev vnet1 $bad
	done
	unchanged "(32) ... and port show -j is as before, the valid settings beside the bad ones not applied" \
		"$before"
	refused "(32) port add with a bad setting: refused" any port add sw32 dev vnet2 dhcp-guard on \
		allow-ip 192.0.2.0/33
	unchanged "(32) ... and added nothing" "$before"
	for bad in "mac-spoof off" "allow-mac 02:32:00:00:00:01" "allow-ip 192.0.2.1" "allow-ip dhcp" \
		   "dhcp-guard on mac-spoof off" "router-guard on allow-ip 192.0.2.0/24"; do
		# shellcheck disable=SC2086
		refused "(32) uplink: port set $bad: exit 1" 1 port set sw32 dev eth0 $bad
	done
	unchanged "(32) ... and port show -j is as before, dhcp- and router-guard not applied" "$before"
	expect_err "(32) ... with the reason" 1 "^vswctl: the uplink sends from the LAN's addresses" \
		port set sw32 dev eth0 allow-ip 192.0.2.1
	check "(32) the uplink takes the guards it may have" \
		q host "$VSWCTL" port set sw32 dev eth0 mac-spoof on allow-ip none dhcp-guard on
	vsw switch del sw32
}

t40_host_netdev() {
	echo "# (40) the host vNIC is an ordinary netdev: ethtool, ip -d link, ip link del"
	setup_lan
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw switch add sw40 type external uplink eth0
	vsw port add sw40 dev vnet1
	vsw port add sw40 dev vnet2 vlan access 10
	addr host sw40 192.0.2.1/24
	check "(40) the host pings the server through sw40" pings host 192.0.2.100 3
	check "(40) vm1 pings the server" pings vm1 192.0.2.100 3
	check_eq "(40) ip -d link: the vNIC is of kind vsw" vsw \
		"$(h $IP -d -j link show sw40 | jfield 'd[0]["linkinfo"]["info_kind"]')"
	if command -v ethtool > /dev/null; then
		local ver out
		ver=$(cat /sys/module/vsw/version)
		out=$(ip netns exec host ethtool -i sw40)
		check_eq "(40) ethtool -i: driver vsw" vsw "$(sed -n 's/^driver: //p' <<< "$out")"
		check_eq "(40) ethtool -i: the module's version" "$ver" "$(sed -n 's/^version: //p' <<< "$out")"
		# vm2's frames are tagged: its access port drops them all.
		q vm2 $IP link add link eth0 name eth0.10 type vlan id 10
		addr vm2 eth0.10 198.51.100.12/24
		local sent0; sent0=$(stat vm2 eth0 tx_packets)
		pings vm2 198.51.100.1 3
		local sent=$(($(stat vm2 eth0 tx_packets) - sent0))
		# A snapshot: the ports' counters the same before and after
		# ethtool's read (a VM's IPv6 chatter may pass in between).
		local sj sj2 i
		t40_sums() { jfield 'sum(p["stats"]["rx_packets"] + p["stats"]["tx_bytes"] for p in d)' <<< "$1"; }
		for ((i = 0; i < 20; i++)); do
			sj=$(ip netns exec host "$VSWCTL" -j -s port show sw40)
			out=$(ip netns exec host ethtool -S sw40)
			sj2=$(ip netns exec host "$VSWCTL" -j -s port show sw40)
			[[ $(t40_sums "$sj") == "$(t40_sums "$sj2")" ]] && break
			sleep 0.2
		done
		es() { awk -v k="$1:" '$1 == k {print $2}' <<< "$out"; }
		check_eq "(40) ethtool -S: fdb_entries as switch show" \
			"$(vsw -j switch show sw40 | jfield 'd[0]["fdb_entries"]')" "$(es fdb_entries)"
		check_eq "(40) ethtool -S: ports as switch show" \
			"$(vsw -j switch show sw40 | jfield 'd[0]["ports"]')" "$(es ports)"
		check_eq "(40) ethtool -S: rx_packets, the sum over the ports" \
			"$(jfield 'sum(p["stats"]["rx_packets"] for p in d)' <<< "$sj")" "$(es rx_packets)"
		check_eq "(40) ethtool -S: tx_bytes, the sum over the ports" \
			"$(jfield 'sum(p["stats"]["tx_bytes"] for p in d)' <<< "$sj")" "$(es tx_bytes)"
		check_ge "(40) ethtool -S: dropped_vlan counts every frame vm2 tagged" "$sent" "$(es dropped_vlan)"
		check_eq "(40) ethtool -S: dropped_vlan as port show" \
			"$(jfield 'sum(p["stats"]["drops"]["vlan"] for p in d)' <<< "$sj")" "$(es dropped_vlan)"
		check_eq "(40) ethtool -S: a counter for each drop reason" \
			"$(jfield 'len(d[0]["stats"]["drops"])' <<< "$sj")" "$(grep -c '^ *dropped_' <<< "$out")"
	else
		skip "(40) ethtool -i and -S" "no ethtool"
	fi
	check_fail "(40) ip link add type vsw is refused" q host $IP link add sw41 type vsw
	out=$(ip netns exec host $IP link add sw41 type vsw 2>&1)
	check "(40) ... with a message that says how" grep -q "vswctl switch add" <<< "$out"
	check_fail "(40) ... and makes nothing" q host $IP link show sw41

	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/m40" 2>&1 &
	local mon=$!
	sleep 0.5
	check "(40) ip link del of the vNIC" q host $IP link del sw40
	sleep 0.3
	kill "$mon" 2> /dev/null; wait "$mon" 2> /dev/null
	check_fail "(40) ... deletes the switch" q host "$VSWCTL" switch show sw40
	check_fail "(40) ... and its vNIC" q host $IP link show sw40
	check "(40) ... with a switch-del event" grep -q '"event": *"switch-del"' "$LOGS/m40"
	check_eq "(40) the ports have no master any more" "" \
		"$(h $IP -j link show vnet1 | jfield 'd[0].get("master", "")')"
	check "(40) the uplink is free for a bridge" \
		q host sh -c "$IP link add br40 type bridge && $IP link set eth0 master br40 && $IP link set vnet1 master br40 && $IP link set br40 up"
	check "(40) ... and works in it" pings vm1 192.0.2.100 3
	q host $IP link del br40
	vsw switch add sw40 type external uplink eth0
	vsw port add sw40 dev vnet1
	check "(40) the same devices make a new switch" pings vm1 192.0.2.100 3
	vsw switch add sw42 type internal
	check "(40) ip link del of an internal switch's vNIC" q host $IP link del sw42
	check_fail "(40) ... deletes that switch" q host "$VSWCTL" switch show sw42
	check "(40) ... and no other" q host "$VSWCTL" switch show sw40
	# The kernel walks the group's devices: the vNIC and a VLAN on it go
	# together, the VLAN right after the vNIC in the list.
	vsw switch add sw43 type internal
	q host $IP link add link sw43 name sw43.5 type vlan id 5
	q host $IP link set sw43 group 43
	q host $IP link set sw43.5 group 43
	check "(40) ip link del group of a vNIC and a VLAN on it" q host $IP link del group 43
	check_fail "(40) ... deletes that switch" q host "$VSWCTL" switch show sw43
	check_fail "(40) ... and the VLAN" q host $IP link show sw43.5
	vsw switch del sw40
}

t36_ifup() {
	echo "# (36) vsw-ifup/vsw-ifdown: qemu's script= and downscript=, libvirt's <script>, a container's veth"
	local ifup=$HERE/../tools/vsw-ifup ifdown=$HERE/../tools/vsw-ifdown tapvm=$HERE/lib/tapvm.py
	local path line srvmac vm=02:00:00:00:36:01
	# The scripts find vswctl in PATH, as on a host.
	path=$(dirname "$(command -v "$VSWCTL")"):$PATH
	# t36_run [VAR=VALUE...] SCRIPT IFNAME: as qemu runs it, in its environment.
	t36_run() { ip netns exec host env PATH="$path" "$@" 2> "$LOGS/t36.err"; }
	# As libvirt runs it: with CAP_NET_ADMIN alone, and no VSW_* of anyone's.
	t36_libvirt() {
		ip netns exec host setpriv --bounding-set=-all,+net_admin --inh-caps=-all \
			env -i PATH="$path" "$@" 2> "$LOGS/t36.err"
	}
	# The stand-in for qemu (tapvm.py): start NAME IP; arp TARGET sets
	# line to its reply's sender or "none"; stop closes the tap.
	t36_start() {
		coproc TAPVM { ip netns exec host python3 "$tapvm" "$1" $vm "$2"; }
		read -r -t 10 line <&"${TAPVM[0]}"
	}
	t36_arp() { echo "arp $1" >&"${TAPVM[1]}"; read -r -t 10 line <&"${TAPVM[0]}"; }
	t36_stop() { local fd=${TAPVM[1]}; exec {fd}>&-; wait "$TAPVM_PID"; }
	# The VMs' ports of a switch; up or down, as set (a tap's operstate is
	# "unknown").
	t36_ports() { vsw -j port show "$1" | jfield '" ".join(p["dev"] for p in d if p["role"]=="vm")'; }
	t36_state() { h $IP -j link show "$1" | jfield '"up" if "UP" in d[0]["flags"] else "down"'; }

	setup_lan
	srvmac=$(mac srv srv0)
	# The server answers ARP only on the device that has the address: its
	# reply for 198.51.100.100 says the request came in VLAN 10.
	q srv sysctl -w net.ipv4.conf.all.arp_ignore=1
	q srv $IP link add link srv0 name srv0.10 type vlan id 10
	addr srv srv0.10 198.51.100.100/24
	vsw switch add sw0 type external uplink eth0
	# qemu opens the tap, then runs "SCRIPT IFNAME".
	t36_start tap0 192.0.2.36
	check_eq "(36) the stand-in for qemu holds tap0" ready "$line"
	check "(36) vsw-ifup with VSW_SWITCH succeeds" t36_run VSW_SWITCH=sw0 "$ifup" tap0
	check_eq "(36) tap0 is a port of sw0" tap0 "$(t36_ports sw0)"
	check_eq "(36) tap0 is up" up "$(t36_state tap0)"
	t36_arp 192.0.2.100
	check_eq "(36) the VM's ARP reaches the server, whose reply comes back" "reply $srvmac" "$line"
	check "(36) vsw-ifdown succeeds, finding tap0's switch" t36_run "$ifdown" tap0
	check_eq "(36) vsw-ifdown unplugs tap0" "" "$(t36_ports sw0)"
	check_eq "(36) vsw-ifdown brings tap0 down" down "$(t36_state tap0)"
	t36_arp 192.0.2.100
	check_eq "(36) unplugged, the VM reaches no one" none "$line"
	check "(36) as libvirt runs it, vsw-ifup takes the only switch" t36_libvirt "$ifup" tap0
	check_eq "(36) ... tap0 is a port of sw0 again" tap0 "$(t36_ports sw0)"
	t36_arp 192.0.2.100
	check_eq "(36) ... and the server answers the VM again" "reply $srvmac" "$line"
	t36_stop
	check_eq "(36) the tap closed, its port went with it" "" "$(t36_ports sw0)"
	check "(36) vsw-ifdown once the tap is gone, as libvirt runs it, succeeds" \
		t36_libvirt "$ifdown" tap0

	t36_start tap1 198.51.100.36
	check "(36) vsw-ifup with VSW_PORT_ARGS" \
		t36_run VSW_PORT_ARGS="vlan access 10 learn-limit 4" "$ifup" tap1
	check_eq "(36) VSW_PORT_ARGS set the port" "access 10 4" \
		"$(vsw -j port show sw0 | jfield '[" ".join(str(x) for x in (p["vlan"]["mode"], p["vlan"]["vid"], p["learn_limit"])) for p in d if p["dev"]=="tap1"][0]')"
	t36_arp 198.51.100.100
	check_eq "(36) the VM in VLAN 10 reaches the server's VLAN 10 address" "reply $srvmac" "$line"
	t36_arp 192.0.2.100
	check_eq "(36) ... and not its untagged one" none "$line"

	# A container: the host end of its veth plugs in as a tap does.
	netns ct1
	wire ct1 eth0 host vct1
	addr ct1 eth0 192.0.2.37/24
	check "(36) vsw-ifup plugs a container's veth" t36_run "$ifup" vct1
	check "(36) the container reaches the server" pings ct1 192.0.2.100 2
	check "(36) vsw-ifdown unplugs the veth" t36_run "$ifdown" vct1
	check "(36) unplugged, the container does not reach the server" no_ping ct1 192.0.2.100

	vsw switch add sw9 type private
	check "(36) vsw-ifdown finds tap1 on sw0 of two switches" t36_run "$ifdown" tap1
	check_eq "(36) ... and unplugs it" "" "$(t36_ports sw0)"
	check_fail "(36) vsw-ifup without VSW_SWITCH fails with two switches" t36_run "$ifup" tap1
	line=$(cat "$LOGS/t36.err")
	# The switches in either order.
	check_eq "(36) ... saying so, and what to set" \
		"vsw-ifup: several vsw switches (sw0 sw9): set VSW_SWITCH to the one for tap1" \
		"${line/sw9 sw0/sw0 sw9}"
	check_eq "(36) ... plugging tap1 nowhere" "" "$(t36_ports sw0)$(t36_ports sw9)"
	check_fail "(36) vsw-ifup into a switch that does not exist fails" \
		t36_run VSW_SWITCH=sw8 "$ifup" tap1
	check "(36) vsw-ifup into the one of two that VSW_SWITCH names" \
		t36_run VSW_SWITCH=sw9 "$ifup" tap1
	check_eq "(36) ... tap1 is a port of sw9" " tap1" "$(t36_ports sw0) $(t36_ports sw9)"
	check "(36) vsw-ifdown finds tap1 on sw9" t36_run "$ifdown" tap1
	check_eq "(36) ... and unplugs it" "" "$(t36_ports sw9)"
	vsw switch del sw9
	vsw switch del sw0
	check_fail "(36) vsw-ifup fails without a switch" t36_run "$ifup" tap1
	check_eq "(36) ... saying so" "vsw-ifup: no vsw switch to plug tap1 into (vswctl switch add ...)" \
		"$(cat "$LOGS/t36.err")"
	t36_stop
}

# monitor -t's time: RFC 3339, local, to the microsecond, with the offset.
TIME_RE='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}'
# age_of TIME: how many seconds ago TIME was (negative: ahead), or "bad".
age_of() {
	python3 -c 'import sys, time, datetime
try: print(round(time.time() - datetime.datetime.fromisoformat(sys.argv[1]).timestamp(), 1))
except ValueError: print("bad")' "$1"
}

t33_vswctl_habits() {
	echo "# (33) vswctl habits: -V, -p -j, -n NETNS, monitor -t, -s -s, move_ip"
	setup_lan
	vm vm1 192.0.2.11/24
	vsw switch add sw33 type external uplink eth0
	vsw port add sw33 dev vnet1
	check_eq "(33) -V: vswctl and the module's version" "vswctl $(cat /sys/module/vsw/version)" \
		"$("$VSWCTL" -V)"
	check_eq "(33) --version: the same" "vswctl $(cat /sys/module/vsw/version)" \
		"$("$VSWCTL" --version)"
	check_eq "(33) switch show -j: move_ip false without move-ip" False \
		"$(vsw -j switch show sw33 | jfield 'd[0]["move_ip"]')"
	check_fail "(33) ... and the text says nothing of it" sh -c \
		"ip netns exec host $VSWCTL switch show sw33 | grep -q move-ip"

	# -p: the same document, indented as ip -p -j indents.
	local what doc
	local noage='json.dumps([{k: v for k, v in o.items() if k != "age"} for o in d], sort_keys=True)'
	for what in "switch show" "-s port show sw33" "fdb show sw33"; do
		# shellcheck disable=SC2086
		doc=$(vsw -p -j $what)
		# shellcheck disable=SC2086
		check_eq "(33) -p -j $what: the document of -j (but the FDB's ages)" \
			"$(vsw -j $what | jfield "$noage" 2>&1)" "$(jfield "$noage" <<< "$doc" 2>&1)"
		check "(33) -p -j $what: opens as ip's, \"[ {\"" grep -qx '\[ {' <<< "$(head -n 1 <<< "$doc")"
		check_eq "(33) -p -j $what: ends as ip's, \"} ]\"" "    } ]" "$(tail -n 1 <<< "$doc")"
	done
	doc=$(vsw -p -j -s port show sw33)
	check "(33) -p -j: a member at the object's depth, 8 spaces" grep -qx '        "dev": "vnet1",' <<< "$doc"
	check "(33) -p -j: a nested member 4 more a level" grep -qx '                "vlan": 0,' <<< "$doc"
	check "(33) -p -j: an empty list as ip's" grep -qx '        "allow_mac": \[ \],' <<< "$doc"
	check_eq "(33) -p without -j: the text" "$(vsw switch show sw33)" "$(vsw -p switch show sw33)"

	# -n: from outside the namespace, into it, as ip -n.
	check "(33) -n host switch add, from outside" "$VSWCTL" -n host switch add sw33n type internal
	check "(33) ... made the vNIC in host" sh -c "$IP -n host link show sw33n > /dev/null"
	check_fail "(33) ... and not here" sh -c "$IP link show sw33n > /dev/null 2>&1"
	check_eq "(33) -n host switch show -j finds it" sw33n \
		"$("$VSWCTL" -n host -j switch show sw33n | jfield 'd[0]["name"]')"
	check_fail "(33) ... which this namespace has not" sh -c "'$VSWCTL' -j switch show | grep -q sw33n"
	check "(33) -n host switch del" "$VSWCTL" -n host switch del sw33n
	check_fail "(33) ... took it from host" sh -c "$IP -n host link show sw33n > /dev/null 2>&1"
	local out rc
	out=$("$VSWCTL" -n nosuch33 switch show 2>&1); rc=$?
	check_eq "(33) -n of no namespace: exit 1" 1 "$rc"
	check "(33) ... saying which" grep -q 'cannot open network namespace "nosuch33"' <<< "$out"

	# monitor -t, text and JSON: a time a line, RFC 3339, now.
	ip netns exec host "$VSWCTL" monitor -t > "$LOGS/m33" 2>&1 &
	local mon=$!
	ip netns exec host "$VSWCTL" -j monitor -t > "$LOGS/m33j" 2>&1 &
	local monj=$!
	sleep 0.5
	vsw port set sw33 dev vnet1 learn-limit 7
	pings vm1 192.0.2.100 1
	sleep 0.5
	kill "$mon" "$monj" 2> /dev/null; wait "$mon" "$monj" 2> /dev/null
	local line t age
	line=$(grep " port-set sw33 dev vnet1$" "$LOGS/m33")
	check "(33) monitor -t: the line starts with the time" grep -qE "^$TIME_RE port-set sw33 dev vnet1$" <<< "$line"
	check_eq "(33) ... every line does" "$(wc -l < "$LOGS/m33")" "$(grep -cE "^$TIME_RE " "$LOGS/m33")"
	check_ge "(33) ... and there was more than that line" 2 "$(wc -l < "$LOGS/m33")"
	age=$(age_of "${line%% *}")
	check "(33) ... a time of the last seconds ($age s ago)" python3 -c "import sys; sys.exit(not 0 <= float('$age') < 30)"
	line=$(grep '"event":"port-set"' "$LOGS/m33j")
	t=$(jfield 'd["time"]' <<< "$line")
	check "(33) monitor -j -t: \"time\" as RFC 3339" grep -qxE "$TIME_RE" <<< "$t"
	age=$(age_of "$t")
	check "(33) ... of the last seconds ($age s ago)" python3 -c "import sys; sys.exit(not 0 <= float('$age') < 30)"
	check_eq "(33) ... on every line" "$(wc -l < "$LOGS/m33j")" "$(grep -c '^{"time":"' "$LOGS/m33j")"
	check_eq "(33) ... the text's events" "$(sed 's/^[^ ]* //' "$LOGS/m33" | cut -d' ' -f1 | tr '\n' ' ')" \
		"$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["event"] for l in sys.stdin), end=" ")' < "$LOGS/m33j")"

	# -s -s: every counter, the drops by reason; -s the totals.  vm1's
	# tagged frames are dropped on its untagged port.
	q vm1 $IP link add link eth0 name eth0.5 type vlan id 5
	addr vm1 eth0.5 198.51.100.11/24
	local sent; sent=$(stat vm1 eth0.5 tx_packets)
	pings vm1 198.51.100.1 3
	sent=$(($(stat vm1 eth0.5 tx_packets) - sent))
	check_ge "(33) vm1 sent tagged frames" 1 "$sent"
	local js two one
	js=$(vsw -j -s port show sw33)
	two=$(vsw -s -s port show sw33 | sed -n '/^vnet1:/,/dropped/p' | tail -n 1)
	one=$(vsw -s port show sw33 | sed -n '/^vnet1:/,/dropped/p' | tail -n 1)
	local st='[p for p in d if p["dev"] == "vnet1"][0]["stats"]'
	check_eq "(33) -s -s: the total and each drop reason, as JSON's" \
		"$(jfield "'    dropped %d (%s)' % ($st['dropped'],
			', '.join('%s %d' % kv for kv in $st['drops'].items()))" <<< "$js")" "$two"
	check_ge "(33) -s -s: ... which counted vm1's $sent tagged frames" "$sent" \
		"$(grep -oE "\(vlan [0-9]+" <<< "$two" | awk '{print $2}')"
	check_eq "(33) -s: the total alone" "    dropped $(jfield "$st['dropped']" <<< "$js")" "$one"
	vsw switch del sw33
}

t34_save_batch() {
	echo "# (34) save, then -b of what it printed, on switches made anew"
	setup_lan two
	local i
	for i in 1 2 3 4 5 6; do vm "vm$i" "10.34.0.$i/24"; done
	# Made out of order: save sorts.
	vsw switch add swp34 type private
	vsw switch add sw34 type external uplink eth0 ageing 120
	vsw switch add swx34 type external uplink eth1 host off max-entries 5000
	vsw switch set swx34 evict fair
	vsw switch add swi34 type internal
	local m1; m1=$(mac vm1 eth0)
	vsw port add sw34 dev vnet4 vlan access 10
	vsw port add sw34 dev vnet1 vlan access 10 learn-limit 4 mac-spoof off allow-mac "$m1" \
		allow-ip 10.34.0.1,2001:db8::/64,198.51.100.0/24
	vsw port add sw34 dev vnet2 vlan access 20
	vsw port add sw34 dev vnet3 vlan trunk 10,20-30 native 5 dhcp-guard on router-guard on \
		isolation community 7 storm-limit 1000 max-rate 100m mirror source
	vsw port add swp34 dev vnet5 allow-ip dhcp isolation isolated mirror destination
	vsw port add swi34 dev vnet6 learn-limit 3 isolation community 4294967295
	vsw port set sw34 dev sw34 vlan trunk 10,20 native 10
	vsw port set sw34 dev eth0 vlan trunk 1-100
	vsw fdb add sw34 52:54:00:34:00:02 dev vnet3 vlan 25
	vsw fdb add sw34 52:54:00:34:00:02 dev vnet3 vlan 20
	vsw fdb add sw34 52:54:00:34:00:01 dev vnet1 vlan 10
	vsw fdb add sw34 52:54:00:34:00:03 dev eth0
	vsw fdb add swp34 52:54:00:34:00:05 dev vnet5
	# An entry of a VLAN its port left: saved, it is made again.
	vsw fdb add sw34 52:54:00:34:00:04 dev vnet3 vlan 30
	vsw port set sw34 dev vnet3 vlan trunk 10,20-25 native 5
	check "(34) before: vm1 reaches vm4, both in VLAN 10" pings vm1 10.34.0.4
	check "(34) before: not vm2, in VLAN 20" no_ping vm1 10.34.0.2

	local s1=$LOGS/save34a s2=$LOGS/save34b
	check "(34) save" q host "$VSWCTL" save
	ip netns exec host "$VSWCTL" save > "$s1"
	sed 's/^/#   /' "$s1"
	check_eq "(34) save: a comment first" "#" "$(head -c 1 "$s1")"
	check_eq "(34) save: switches by name" "sw34 swi34 swp34 swx34" \
		"$(awk '$1 == "switch" && $2 == "add" { printf "%s%s", s, $3; s = " " }' "$s1")"
	check_eq "(34) save: sw34's ports by device" "eth0 sw34 vnet1 vnet2 vnet3 vnet4" \
		"$(awk '$1 == "port" && $3 == "sw34" && !seen[$5]++ { printf "%s%s", s, $5; s = " " }' "$s1")"
	check_eq "(34) save: its entries by MAC, then VLAN" \
		"52:54:00:34:00:01/10 52:54:00:34:00:02/20 52:54:00:34:00:02/25 52:54:00:34:00:03/0 52:54:00:34:00:04/30" \
		"$(awk '$1 == "fdb" && $3 == "sw34" { printf "%s%s/%d", s, $4, $8; s = " " }' "$s1")"
	check "(34) save: the switch with host off" grep -qx "switch add swx34 type external uplink eth1 host off max-entries 5000" "$s1"
	check "(34) ... and evict fair, which switch set sets" grep -qx "switch set swx34 evict fair" "$s1"
	check "(34) save: a port of every setting" grep -qx \
		"port add sw34 dev vnet3 vlan trunk 20,25,30 dhcp-guard on router-guard on isolation community 7 mirror source storm-limit 1000 max-rate 100000000" "$s1"
	check "(34) ... made carrying its entries' VLANs, its mode after them" grep -qx "port set sw34 dev vnet3 vlan trunk 10,20-25 native 5" "$s1"
	check "(34) save: allow-ip dhcp" grep -qx "port add swp34 dev vnet5 allow-ip dhcp isolation isolated mirror destination" "$s1"
	check_fail "(34) save: no port set for the defaults of swi34's host port" grep -q "dev swi34" "$s1"
	check_eq "(34) save: the same again" "$(cat "$s1")" "$(ip netns exec host "$VSWCTL" save)"

	local s
	for s in sw34 swi34 swp34 swx34; do vsw switch del "$s"; done
	check_eq "(34) all deleted" "[]" "$(vsw -j switch show)"
	check_eq "(34) ... vnet1 is free" "" "$(h $IP -j link show vnet1 | jfield 'd[0].get("master", "")')"
	# As at boot: the file runs on a module that never had a switch.
	if [[ -n ${VSW_MODULE:-} ]]; then
		check "(34) the module loaded afresh" sh -c "rmmod vsw && insmod '$VSW_MODULE'"
	else
		skip "(34) the module loaded afresh" "VSW_MODULE not set"
	fi
	check "(34) -b of the saved file" q host "$VSWCTL" -b "$s1"
	ip netns exec host "$VSWCTL" save > "$s2"
	# No cmp in qemu's initramfs: cksum says the same.
	check_eq "(34) save after -b: the same bytes" "$(cksum < "$s1")" "$(cksum < "$s2")"
	[[ $(cksum < "$s1") == "$(cksum < "$s2")" ]] || sed 's/^/#   after: /' "$s2"
	check "(34) after: vm1 reaches vm4, both in VLAN 10" pings vm1 10.34.0.4
	check "(34) after: still not vm2, in VLAN 20" no_ping vm1 10.34.0.2
	check_eq "(34) after: the static entry is there" "static vnet1" \
		"$(vsw -j fdb show sw34 vlan 10 | jfield '" ".join(e["type"] + " " + e["dev"] for e in d if e["mac"] == "52:54:00:34:00:01")')"
	check_eq "(34) after: ... and the one of the VLAN its port left" "static vnet3" \
		"$(vsw -j fdb show sw34 vlan 30 | jfield '" ".join(e["type"] + " " + e["dev"] for e in d if e["mac"] == "52:54:00:34:00:04")')"
	check_eq "(34) after: allow-ip as it was" "10.34.0.1/32 2001:db8::/64 198.51.100.0/24" \
		"$(vsw -j port show sw34 | jfield '" ".join([p for p in d if p["dev"] == "vnet1"][0]["allow_ip"])')"
	check_eq "(34) after: swx34 has no host vNIC" None "$(vsw -j switch show swx34 | jfield 'd[0]["host"]')"
	check_eq "(34) after: swx34's max-entries and evict" "5000 fair" \
		"$(vsw -j switch show swx34 | jfield '"%d %s" % (d[0]["max_entries"], d[0]["evict"])')"
	check_eq "(34) after: sw34's evict, the default" none "$(vsw -j switch show sw34 | jfield 'd[0]["evict"]')"
	for s in sw34 swi34 swp34 swx34; do vsw switch del "$s"; done

	# Batch files: line numbers, exit statuses, -force, comments, stdin.
	local b=$LOGS/b34 out rc
	printf '%s\n' "# a comment" "" "switch add swb34 type private" "   " \
		"	# an indented comment" "port add swb34 dev nosuch34" "switch add swc34 type private" > "$b"
	out=$(ip netns exec host "$VSWCTL" -b "$b" 2>&1); rc=$?
	check_eq "(34) -b: a refused command's status, 1" 1 "$rc"
	check "(34) ... named by file and line" grep -q "^vswctl: $b:6: " <<< "$out"
	check "(34) ... what ran before it ran" q host "$VSWCTL" switch show swb34
	check_fail "(34) ... and nothing after it" q host "$VSWCTL" switch show swc34
	vsw switch del swb34
	out=$(ip netns exec host "$VSWCTL" -force -b "$b" 2>&1); rc=$?
	check_eq "(34) -force -b: 1, a command failed" 1 "$rc"
	check "(34) ... named too" grep -q "^vswctl: $b:6: " <<< "$out"
	check "(34) ... and the rest ran" q host "$VSWCTL" switch show swc34
	for s in swb34 swc34; do vsw switch del "$s"; done
	printf '%s\n' "switch add swb34 type private" "switch frobnicate swb34" "switch add swc34 type private" > "$b"
	out=$(ip netns exec host "$VSWCTL" -b "$b" 2>&1); rc=$?
	check_eq "(34) -b: a usage error's status, 2" 2 "$rc"
	check_eq "(34) ... its line, without the usage" "vswctl: $b:2: unknown command \"frobnicate\"" "$out"
	check_fail "(34) ... nothing after it" q host "$VSWCTL" switch show swc34
	vsw switch del swb34
	out=$(ip netns exec host "$VSWCTL" -force -b "$b" 2>&1); rc=$?
	check_eq "(34) -force -b: a usage error does not end the batch, exit 1" 1 "$rc"
	check "(34) ... the rest ran" q host "$VSWCTL" switch show swc34
	for s in swb34 swc34; do vsw switch del "$s"; done
	out=$(printf '%s\n' "switch add swd34 type private" "switch show swd34" "fdb flush swd34" |
		ip netns exec host "$VSWCTL" -b - 2>&1); rc=$?
	check_eq "(34) -b -: stdin's commands, exit 0" 0 "$rc"
	check "(34) ... each ran, its output printed" grep -q "^swd34: type private" <<< "$out"
	out=$(printf '%s\n' "" "switch del swd34" "switch del swd34" | ip netns exec host "$VSWCTL" -b - 2>&1); rc=$?
	check_eq "(34) -b -: an error names stdin \"-\"" "1 vswctl: -:3: no switch named swd34" "$rc $(cut -d'(' -f1 <<< "$out" | sed 's/ *$//')"
	check_fail "(34) ... after the line before it ran" q host "$VSWCTL" switch show swd34
}

# eventually TRIES CMD...: CMD until it succeeds, TRIES times a fifth of a
# second apart; its last status.
eventually() {
	local tries=$1 i
	shift
	for ((i = 1; ; i++)); do
		"$@" && return 0
		((i < tries)) || return 1
		sleep 0.2
	done
}
# bond NS NAME MODE MEMBER...: a bond over the MEMBERs, up; miimon sees a
# member's link go in a tenth of a second, LACP sends a PDU a second.
bond() {
	local ns=$1 b=$2 opts=(mode "$3" miimon 100) m
	shift 3
	[[ ${opts[1]} == 802.3ad ]] && opts+=(lacp_rate fast)
	q "$ns" $IP link add "$b" type bond "${opts[@]}"
	for m in "$@"; do q "$ns" $IP link set "$m" master "$b"; done
	up "$ns" "$b"
}
active() { ip netns exec host cat /sys/class/net/bond0/bonding/active_slave; }
# ping_bg NAME NS DST: 30 pings a tenth of a second apart in the background
# (ping_wait waits for them all); lost NAME: how many went unanswered,
# from ping's own summary.
BGPINGS=()
ping_bg() { ip netns exec "$2" $PING -c 30 -i 0.1 -W 1 "$3" > "$LOGS/$1.ping" 2>&1 & BGPINGS+=($!); }
ping_wait() { wait "${BGPINGS[@]}"; BGPINGS=(); }
lost() { awk '/packets transmitted/ {l = $1 - $4} END {print (l == "" ? 999 : l)}' "$LOGS/$1.ping"; }
# The LAN of (37): eth0 and eth1 in the host's bond0, the uplink of sw0,
# wired to srv0 and srv1 of the server, which joins them in lan0, a bridge
# (a LAN switch) or a bond of MODE; VMs vm1 and vm2.
bond_lan() {
	cleanup
	netns host
	netns srv
	wire host eth0 srv srv0
	wire host eth1 srv srv1
	bond host bond0 "$1" eth0 eth1
	if [[ $1 == 802.3ad ]]; then
		bond srv lan0 802.3ad srv0 srv1
	else
		q srv $IP link add lan0 type bridge
		q srv $IP link set srv0 master lan0
		q srv $IP link set srv1 master lan0
		up srv srv0
		up srv srv1
	fi
	addr srv lan0 192.0.2.100/24
	vsw switch add sw0 type external uplink bond0
	addr host sw0 192.0.2.1/24
	vm vm1 192.0.2.10/24
	vm vm2 192.0.2.20/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet2
}
# on_lan TAG: the VMs and the host vNIC reach the server.
on_lan() {
	check "(37) $1: vm1 reaches the server" pings vm1 192.0.2.100 3
	check "(37) $1: vm2 reaches the server" pings vm2 192.0.2.100 3
	check "(37) $1: the host vNIC reaches the server" pings host 192.0.2.100 3
}
# through TAG CMD...: CMD in the middle of pings from vm1 and the host to
# the server, which lose at most a few.
through() {
	local tag=$1
	shift
	ping_bg "vm1-$tag" vm1 192.0.2.100
	ping_bg "host-$tag" host 192.0.2.100
	sleep 1
	"$@"
	ping_wait
	echo "# $tag: vm1 $(grep transmitted "$LOGS/vm1-$tag.ping"); host $(grep transmitted "$LOGS/host-$tag.ping")"
	check_le "(37) $tag: vm1's pings through it, lost (of 30)" 3 "$(lost "vm1-$tag")"
	check_le "(37) $tag: the host vNIC's pings through it, lost (of 30)" 3 "$(lost "host-$tag")"
}
mii_up() { [[ $(ip netns exec "$1" $IP -d -j link show "$2" | jfield 'd[0]["linkinfo"]["info_slave_data"]["mii_status"]') == UP ]]; }
# bridge_port MAC: the port of the server's bridge that MAC is learned on.
bridge_port() {
	ip netns exec srv bridge -j fdb show br lan0 |
		jfield "' '.join(e['ifname'] for e in d if e['mac'] == '$1' and 'vlan' not in e)"
}

t37_ab() {
	local m1 mh rx
	bond_lan active-backup
	m1=$(mac vm1 eth0) mh=$(mac host sw0)
	check_eq "(37) active-backup: the host vNIC carries the bond's MAC" "$(mac host bond0)" "$mh"
	on_lan active-backup
	check_eq "(37) eth0 is the active member" eth0 "$(active)"
	check_eq "(37) the LAN's switch learned vm1 by srv0" srv0 "$(bridge_port "$m1")"
	# A failover the LAN's switch does not see (by hand here, a link lost
	# beyond the switch next to the host in a LAN of two switches): only
	# the switch's announcements move the MACs behind it on the LAN.
	cap a37 srv srv1 rarp or arp
	q host $IP link set bond0 type bond active_slave eth1
	sleep 0.5
	cap_stop
	check_eq "(37) by hand: eth1 is the active member" eth1 "$(active)"
	check_eq "(37) ... the LAN's switch moved vm1 to srv1" srv1 "$(bridge_port "$m1")"
	check_eq "(37) ... and the host vNIC" srv1 "$(bridge_port "$mh")"
	check "(37) ... the server reaches vm1 at once" pings srv 192.0.2.10
	check "(37) ... and the host vNIC" pings srv 192.0.2.1
	check_eq "(37) ... for the switch sent a RARP from each MAC behind it" 3 "$(seen a37 "Reverse Request")"
	check "(37) ... and the host vNIC a gratuitous ARP" grep -q "who-has 192.0.2.1 tell 192.0.2.1," "$LOGS/a37.cap"
	rx=$(stat srv srv0 rx_packets)
	through "eth1 down" q host $IP link set eth1 down
	check_eq "(37) eth1 down: eth0 is the active member" eth0 "$(active)"
	check_ge "(37) ... by which the server received them" $((rx + 30)) "$(stat srv srv0 rx_packets)"
	q host $IP link set eth1 up
	check "(37) eth1 up again" eventually 20 mii_up host eth1
	rx=$(stat srv srv1 rx_packets)
	through "the carrier of eth0 off" q srv $IP link set srv0 down
	check_eq "(37) carrier of eth0 off: eth1 is the active member" eth1 "$(active)"
	check_ge "(37) ... by which the server received them" $((rx + 30)) "$(stat srv srv1 rx_packets)"
	q srv $IP link set srv1 down
	sleep 0.5
	check_eq "(37) no member left: the host vNIC's carrier is off" 0 "$(h cat /sys/class/net/sw0/carrier)"
	q srv $IP link set srv0 up
	q srv $IP link set srv1 up
	check "(37) the members back: the host vNIC's carrier is on" \
		eventually 20 q host grep -qx 1 /sys/class/net/sw0/carrier
	# The bond may pick its active member again, and the LAN's bridge
	# learn it anew: a few seconds, more under load.
	eventually 25 pings vm1 192.0.2.100
	on_lan "members back"
	vsw switch del sw0
}

# lacp NS BOND: the bond's active aggregator as "PORTS PARTNER IN": its
# number of ports, the partner's system MAC, and how many members of the
# bond are in it and collecting and distributing, as their partners are.
lacp() {
	python3 -c 'import json, sys
a = json.loads(sys.argv[1])[0]["linkinfo"]["info_data"].get("ad_info", {})
m = [s["linkinfo"]["info_slave_data"] for s in json.loads(sys.argv[2])]
print(a.get("num_ports"), a.get("partner_mac"),
      sum(s.get("ad_aggregator_id") == a.get("aggregator") and
          s.get("ad_actor_oper_port_state", 0) & 0x30 == 0x30 and
          s.get("ad_partner_oper_port_state", 0) & 0x30 == 0x30 for s in m))' \
		"$(ip netns exec "$1" $IP -d -j link show "$2")" \
		"$(ip netns exec "$1" $IP -d -j link show master "$2")"
}
aggregated() { [[ $(lacp host bond0) == "$1 $(mac srv lan0) $1" && $(lacp srv lan0) == "$1 $(mac host bond0) $1" ]]; }

t37_lacp() {
	bond_lan 802.3ad
	cap l37 vm1 eth0 ether proto 0x8809
	check "(37) 802.3ad: both members in one aggregator, each bond the other's partner" \
		eventually 75 aggregated 2
	echo "# host: $(lacp host bond0); server: $(lacp srv lan0)"
	cap_stop
	check_cap "(37) ... the bond kept the LACPDUs: vm1 received none" 0 l37
	on_lan 802.3ad
	through "802.3ad, eth0 down" q host $IP link set eth0 down
	check "(37) ... the aggregator goes on with eth1 alone" eventually 25 aggregated 1
	q host $IP link set eth0 up
	check "(37) eth0 up: both members in the aggregator again" eventually 75 aggregated 2
	on_lan "802.3ad, eth0 back"
	vsw switch del sw0
}

t37_bond_uplink() {
	echo "# (37) a bond as the uplink: a member down, VMs and host stay on the LAN"
	t37_ab
	t37_lacp
}

t38_vlan_uplink() {
	echo "# (38) a VLAN device as the uplink: the switch is VLAN 100 of the LAN, untagged inside"
	local m1 ms rx
	cleanup
	netns host
	netns srv
	wire host eth0 srv srv0
	# The LAN's untagged network stays the host's own, on eth0.
	addr srv srv0 198.51.100.100/24
	addr host eth0 198.51.100.1/24
	vlandev srv srv0 100 192.0.2.100/24
	vlandev srv srv0.100 10 10.0.10.100/24
	q host $IP link add link eth0 name eth0.100 type vlan id 100
	up host eth0.100
	q host sysctl -w net.ipv4.conf.all.arp_ignore=1
	q srv sysctl -w net.ipv4.conf.all.arp_ignore=1
	vsw switch add sw0 type external uplink eth0.100
	addr host sw0 192.0.2.1/24
	vm vm1 192.0.2.10/24
	vm vm2 192.0.2.20/24
	vm vm3 10.0.10.3/24
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet2
	vsw port add sw0 dev vnet3 vlan access 10
	m1=$(mac vm1 eth0) ms=$(mac srv srv0)
	check_eq "(38) the host vNIC carries the VLAN device's MAC" "$(mac host eth0.100)" "$(mac host sw0)"
	rx=$(stat srv srv0.100 rx_packets)
	cap t38 srv srv0 vlan 100 and icmp and ether src "$m1"
	cap u38 srv srv0 not vlan and ether src "$m1"
	cap v38 vm1 eth0 vlan
	check "(38) vm1 reaches the server on VLAN 100" pings vm1 192.0.2.100 3
	cap_stop
	check_ge "(38) ... whose VLAN device received them" $((rx + 3)) "$(stat srv srv0.100 rx_packets)"
	check_ge "(38) ... tagged 100 on its parent" 3 "$(caught t38)"
	check_cap "(38) ... and nothing of vm1's untagged" 0 u38
	check_cap "(38) vm1 received no tagged frame" 0 v38
	check "(38) vm2 reaches the server" pings vm2 192.0.2.100 3
	check "(38) the host vNIC reaches the server" pings host 192.0.2.100 3
	check "(38) the host's own eth0 reaches the untagged LAN" pings host 198.51.100.100 3
	check "(38) a full-size frame of vm1's crosses (the tag takes none of the VM's MTU)" \
		q vm1 $PING -c 1 -W 2 -M "do" -s 1472 192.0.2.100
	# The server's broadcasts: those of VLAN 100 reach the VMs, the
	# untagged LAN's do not.
	unresolve srv
	cap b38 vm1 eth0 arp and ether src "$ms"
	pings srv 198.51.100.1
	pings srv 192.0.2.10
	cap_stop
	check_ge "(38) the server's ARP of VLAN 100 reached vm1" 1 "$(seen b38 "who-has 192.0.2.10 ")"
	check_eq "(38) ... its ARP of the untagged LAN did not" 0 "$(seen b38 "who-has 198.51.100.1 ")"
	# A VLAN of the switch's own rides inside VLAN 100 (802.1Q in 802.1Q).
	cap q38 srv srv0 vlan 100 and vlan 10 and icmp
	check "(38) vm3, access 10, reaches the server's VLAN 10 inside VLAN 100" pings vm3 10.0.10.100 3
	cap_stop
	check_ge "(38) ... by frames tagged 100 then 10" 6 "$(caught q38)"
	# With reorder_hdr off the VLAN device gives its frames back their
	# tag: the switch takes them so, in VLAN 100, for a VM of access 100.
	q host $IP link set eth0.100 type vlan reorder_hdr off
	vsw port set sw0 dev vnet1 vlan access 100
	check "(38) reorder_hdr off: vm1, access 100, reaches the server" pings vm1 192.0.2.100 3
	check_eq "(38) ... and the switch learned the server's MAC alone on the uplink" "$ms" \
		"$(vsw -j fdb show sw0 dev eth0.100 | jfield "' '.join(sorted({e['mac'] for e in d}))")"
	vsw switch del sw0
}

# vxlan_host NS LOCAL REMOTE: host NS wired to the other by the underlay ul0
# (its address LOCAL, the other's REMOTE), with a VXLAN over it, VNI 42 to
# REMOTE, the uplink of its switch sw0.
vxlan_host() {
	addr "$1" ul0 "$2/24"
	q "$1" $IP link add vxlan0 type vxlan id 42 local "$2" remote "$3" dstport 4789 dev ul0
	up "$1" vxlan0
	pretty "$1" "vswctl switch add sw0 type external uplink vxlan0"
	ip netns exec "$1" "$VSWCTL" switch add sw0 type external uplink vxlan0
}
# fdb_dev NS MAC: the port NS's sw0 learned MAC on.
fdb_dev() {
	ip netns exec "$1" "$VSWCTL" -j fdb show sw0 | jfield "' '.join(e['dev'] for e in d if e['mac'] == '$2')"
}

t39_vxlan_uplink() {
	echo "# (39) a VXLAN device as the uplink joins two hosts' switches"
	local m1 m2 rx
	cleanup
	netns host
	netns hostb
	wire host ul0 hostb ul0
	vxlan_host host 10.99.0.1 10.99.0.2
	vxlan_host hostb 10.99.0.2 10.99.0.1
	vm vm1 192.0.2.11/24
	vsw port add sw0 dev vnet1
	netns vm2
	wire vm2 eth0 hostb vnet2
	addr vm2 eth0 192.0.2.12/24
	up hostb vnet2
	pretty hostb "vswctl port add sw0 dev vnet2"
	ip netns exec hostb "$VSWCTL" port add sw0 dev vnet2
	addr host sw0 192.0.2.1/24
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0)
	check_eq "(39) the VXLAN's MTU leaves room for its header" 1450 "$(h cat /sys/class/net/vxlan0/mtu)"
	check_eq "(39) the host vNIC's MTU is the VXLAN's" 1450 "$(h cat /sys/class/net/sw0/mtu)"
	# What a user does: the VMs' MTU is the VXLAN's.
	q vm1 $IP link set eth0 mtu 1450
	q vm2 $IP link set eth0 mtu 1450
	rx=$(stat hostb ul0 rx_packets)
	cap t39 hostb ul0 udp dst port 4789
	check "(39) vm1 on host A reaches vm2 on host B" pings vm1 192.0.2.12 3
	cap_stop
	check "(39) vm2 reaches vm1" pings vm2 192.0.2.11 3
	check "(39) host A's vNIC reaches vm2" pings host 192.0.2.12 3
	check_ge "(39) ... over the underlay, in VXLAN (UDP 4789)" 3 "$(caught t39)"
	check_ge "(39) ... as host B's underlay counted" $((rx + 3)) "$(stat hostb ul0 rx_packets)"
	check_eq "(39) host A's switch learned vm2 behind vxlan0" vxlan0 "$(fdb_dev host "$m2")"
	check_eq "(39) host B's switch learned vm1 behind vxlan0" vxlan0 "$(fdb_dev hostb "$m1")"
	check_eq "(39) ... and host A's vNIC behind vxlan0" vxlan0 "$(fdb_dev hostb "$(mac host sw0)")"
	check "(39) a full-size frame of the VMs' MTU crosses" q vm1 $PING -c 1 -W 2 -M "do" -s 1422 192.0.2.12
	# A VM left at 1500 sends what the VXLAN cannot carry: the switch drops it.
	q vm1 $IP link set eth0 mtu 1500
	cap b39 vm2 eth0 icmp
	check_fail "(39) vm1 at MTU 1500: a 1500-byte packet does not cross" \
		q vm1 $PING -c 2 -W 1 -i 0.2 -M "do" -s 1472 192.0.2.12
	cap_stop
	check_cap "(39) ... vm2 received none" 0 b39
	# Or the underlay's MTU grows by the VXLAN's 50 bytes, for VMs at 1500.
	q host $IP link set ul0 mtu 1550
	q hostb $IP link set ul0 mtu 1550
	q host $IP link set vxlan0 mtu 1500
	q hostb $IP link set vxlan0 mtu 1500
	q vm2 $IP link set eth0 mtu 1500
	check "(39) an underlay of MTU 1550: VMs at 1500 send full-size frames across" \
		q vm1 $PING -c 1 -W 2 -M "do" -s 1472 192.0.2.12
	check_eq "(39) the host vNIC follows the VXLAN's MTU down, not up" 1450 "$(h cat /sys/class/net/sw0/mtu)"
	check "(39) ... and takes 1500 when set" q host $IP link set sw0 mtu 1500
	check "(39) ... with which host A's vNIC sends full-size frames across" \
		q host $PING -c 1 -W 2 -M "do" -s 1472 192.0.2.12
	vsw switch del sw0
	ip netns exec hostb "$VSWCTL" switch del sw0
}

# t35_state DEV: DEV's addresses, every route and every rule of the host,
# DEV read as DEV and the lifetimes' seconds, which tick, as N.
t35_state() {
	ip netns exec host sh -c "$IP addr show dev $1; $IP -4 route show table all;
		$IP -6 route show table all; $IP -4 rule; $IP -6 rule" 2> /dev/null |
		sed -E "s/\b$1\b/DEV/g; s/[0-9]+sec/Nsec/g"
}
# t35_addrs DEV: its global addresses; t35_routes DEV: the routes but the
# kernel's (they come and go with the addresses), DEV read as DEV.
t35_addrs() {
	ip netns exec host $IP -o addr show dev "$1" scope global |
		sed -E "s/^[0-9]+: //; s/\b$1\b/DEV/g; s/[0-9]+sec/Nsec/g"
}
t35_routes() {
	ip netns exec host sh -c "$IP -4 route show table all; $IP -6 route show table all" |
		grep -v "proto kernel" | sed -E "s/\b$1\b/DEV/g; s/[0-9]+sec/Nsec/g"
}
# t35_same NAME FILE CMD...: CMD says what FILE does, else the diff is shown.
t35_same() {
	local name=$1 file=$2
	shift 2
	"$@" > "$LOGS/t35.now"
	if [[ $(< "$file") == "$(< "$LOGS/t35.now")" ]]; then
		ok "$name"
	else
		not_ok "$name" "they differ"
		python3 -c 'import difflib, sys; sys.stdout.writelines(difflib.unified_diff(
			open(sys.argv[1]).readlines(), open(sys.argv[2]).readlines()))' \
			"$file" "$LOGS/t35.now" | sed 's/^/#   /'
	fi
}
# t35_lost NAME: the probes ping's summary in $LOGS/NAME counts lost.
t35_lost() { awk '/packets transmitted/ {l = $1 - $4} END {print (l == "" ? 999 : l)}' "$LOGS/$1"; }
# t35_fails NAME ARGS...: vswctl ARGS fails with status 1 and one line,
# $t35_err, leaving the host as $LOGS/t35.before says.
t35_fails() {
	local name=$1 rc
	shift
	pretty host "vswctl $*"
	t35_err=$(ip netns exec host "$VSWCTL" "$@" 2>&1)
	rc=$?
	echo "#   $t35_err"
	check_eq "$name: exit 1" 1 "$rc"
	check_eq "$name: one line" 1 "$(wc -l <<< "$t35_err")"
	t35_same "$name: nothing changed" "$LOGS/t35.before" t35_state eth0
}

t35_move_ip() {
	echo "# (35) move-ip: the uplink's addresses and routes go to the host vNIC, and back"
	setup_lan
	ipv6 host eth0
	ipv6 srv srv0
	# The server routes for the LAN: its networks are on its loopback.
	local a t rules4=0 rules6=0
	t35_ip() { q host $IP "$@" || not_ok "(35) setup: ip $*"; }
	q srv $IP addr add 2001:db8::100/64 dev srv0 nodad
	for a in 203.0.113.1/32 198.18.0.1/32 198.51.100.1/32 2001:db8:ff::1/128 \
		 2001:db8:18::1/128; do
		q srv $IP addr add $a dev lo
	done
	# The host's one NIC: a primary and its secondary, a labelled address,
	# a global IPv6 one through DAD and a deprecated one of a limited
	# lifetime; default routes, another table's with its rule, a source, a
	# metric and a protocol, multipath, a gateway another route reaches.
	t35_ip addr add 192.0.2.2/24 dev eth0
	t35_ip addr add 192.0.2.3/24 dev eth0
	t35_ip addr add 10.35.0.2/16 brd + dev eth0 label eth0:35
	t35_ip addr add 2001:db8::2/64 dev eth0
	t35_ip addr add 2001:db8:1::2/64 dev eth0 valid_lft 3000 preferred_lft 0
	for ((t = 0; t < 50; t++)); do
		[[ -z $(ip netns exec host $IP -6 addr show dev eth0 tentative) ]] && break
		sleep 0.1
	done
	t35_ip route add default via 192.0.2.100
	t35_ip route add 198.51.100.0/24 via 192.0.2.100 src 192.0.2.3 metric 50 proto static
	t35_ip route add 10.200.0.0/16 dev eth0 scope link proto boot
	t35_ip route add 10.36.0.0/16 via 10.200.0.1 metric 5
	t35_ip -6 route add default via 2001:db8::100
	t35_ip -6 route add 2001:db8:77::/48 nexthop via 2001:db8::100 nexthop via 2001:db8::101
	# Policy routing and IPv4 multipath where the kernel has them (UML's
	# has not): table 100 alone reaches 198.18.0.0/15 and 2001:db8:18::/48.
	if q host $IP -4 rule show; then
		rules4=1
		t35_ip route add 198.18.0.0/15 via 192.0.2.100 table 100
		t35_ip route add unreachable 198.18.0.0/15
		t35_ip rule add to 198.18.0.0/15 table 100 pref 100
	fi
	if q host $IP -6 rule show; then
		rules6=1
		t35_ip -6 route add 2001:db8:18::/48 via 2001:db8::100 table 100 metric 7
		t35_ip -6 route add unreachable 2001:db8:18::/48
		t35_ip -6 rule add to 2001:db8:18::/48 table 100 pref 100
	fi
	q host $IP route add 203.0.114.0/24 nexthop via 192.0.2.100 weight 2 nexthop via 192.0.2.101
	t35_state eth0 > "$LOGS/t35.before"
	t35_addrs eth0 > "$LOGS/t35.addrs"
	t35_routes eth0 > "$LOGS/t35.routes"
	check_eq "(35) before: 5 addresses to move" 5 "$(wc -l < "$LOGS/t35.addrs")"

	# Pings to the server's networks run through the move and back.
	ip netns exec host $PING -i 0.05 -W 1 203.0.113.1 > "$LOGS/t35.ping4" 2>&1 &
	local p4=$!
	ip netns exec host $PING -i 0.05 -W 1 2001:db8:ff::1 > "$LOGS/t35.ping6" 2>&1 &
	local p6=$!
	sleep 1
	vsw switch add sw0 type external uplink eth0 move-ip
	check_eq "(35) switch show -j: move_ip" True "$(vsw -j switch show sw0 | jfield 'd[0]["move_ip"]')"
	check_eq "(35) the vNIC is up" True "$(h $IP -j link show sw0 | jfield '"UP" in d[0]["flags"]')"
	t35_same "(35) the addresses are on sw0, with their flags, labels, lifetimes" \
		"$LOGS/t35.addrs" t35_addrs sw0
	check_eq "(35) ... and none on the uplink" "" "$(t35_addrs eth0)"
	t35_same "(35) every route goes through sw0, with its table, metric, protocol, source" \
		"$LOGS/t35.routes" t35_routes sw0
	check_eq "(35) ... and none through the uplink but its link-local ones" "" \
		"$(ip netns exec host sh -c "$IP -4 route show table all dev eth0
			$IP -6 route show table all dev eth0" | grep -v 'fe80::\|ff00::')"
	check "(35) the host reaches the server" pings host 192.0.2.100
	check "(35) ... the networks behind it, through the default route" pings host 203.0.113.1
	if ((rules4)); then
		check "(35) ... table 100's, by its rule" pings host 198.18.0.1
	else
		skip "(35) ... table 100's, by its rule" "no IPv4 policy routing"
	fi
	check "(35) ... IPv6's, through its default route" pings host 2001:db8:ff::1
	if ((rules6)); then
		check "(35) ... and IPv6's table 100" pings host 2001:db8:18::1
	else
		skip "(35) ... and IPv6's table 100" "no IPv6 policy routing"
	fi
	check_eq "(35) the route with a source keeps it" "dev sw0 src 192.0.2.3" \
		"$(ip netns exec host $IP route get 198.51.100.1 | grep -o 'dev [^ ]* src [^ ]*')"
	check "(35) ... which the server sees" pings host 198.51.100.1
	sleep 0.5
	# A neighbour entry the uplink got while the switch had it (as if a
	# probe's answer had gone to sw0): stale, and with a wrong MAC.  It
	# must not outlive the switch, or the pings through it stop.
	q host $IP neigh replace 192.0.2.100 dev eth0 lladdr 02:35:00:00:00:99 nud stale
	# vswctl -n opens its sockets in the namespace, rtnetlink's too.
	pretty root "vswctl -n host switch del sw0"
	"$VSWCTL" -n host switch del sw0
	check_eq "(35) after switch del: the uplink's neighbour entry from under the switch is gone" "" \
		"$(h $IP neigh show dev eth0 | grep 02:35:00:00:00:99)"
	sleep 0.5
	kill -INT "$p4" "$p6"
	wait "$p4" "$p6"
	t35_same "(35) after switch del: the uplink's addresses, all routes and rules as before" \
		"$LOGS/t35.before" t35_state eth0
	sed -n 's/^/#   /; /transmitted/p' "$LOGS/t35.ping4" "$LOGS/t35.ping6"
	check_le "(35) the IPv4 pings lost at most 3" 3 "$(t35_lost t35.ping4)"
	check_le "(35) the IPv6 pings lost at most 3" 3 "$(t35_lost t35.ping6)"
	local lft
	lft=$(h $IP -j addr show dev eth0 |
		jfield '[a["valid_life_time"] for a in d[0]["addr_info"] if a["local"] == "2001:db8:1::2"][0]')
	check "(35) the address of a limited lifetime keeps what was left of it ($lft s)" \
		test "$lft" -le 3000 -a "$lft" -gt 2900

	# Refused: what is moved comes back, the switch goes.
	q host sysctl -w net.ipv6.conf.default.disable_ipv6=1
	t35_fails "(35) a vNIC without IPv6, after its IPv4 addresses went" \
		switch add sw0 type external uplink eth0 move-ip
	check "(35) ... which says what failed" grep -q \
		"^vswctl: sw0: move-ip: adding 2001:db8:[0-9:]*/64 to sw0: .*; the switch is not made$" <<< "$t35_err"
	check_fail "(35) ... and no switch is left" q host "$VSWCTL" switch show sw0
	q host sysctl -w net.ipv6.conf.default.disable_ipv6=0
	t35_fails "(35) move-ip on an internal switch" switch add sw1 type internal move-ip
	t35_fails "(35) move-ip with host off" switch add sw1 type external uplink eth0 host off move-ip
	q host $IP link add sw35 type veth peer name sw35p
	t35_state eth0 > "$LOGS/t35.before"
	t35_fails "(35) a vNIC name taken" switch add sw35 type external uplink eth0 move-ip
	q host $IP link del sw35
	q host $IP nexthop add id 35 via 192.0.2.100 dev eth0
	q host $IP route add 203.0.115.0/24 nhid 35
	t35_state eth0 > "$LOGS/t35.before"
	t35_fails "(35) a route through a nexthop object" switch add sw0 type external uplink eth0 move-ip
	check "(35) ... which is named" grep -q "nexthop object 35" <<< "$t35_err"
	q host $IP nexthop del id 35

	# switch del moves them to the uplink the switch has then.
	vsw switch add sw0 type external uplink eth0 move-ip
	q host $IP link del eth0
	wire host eth1 srv srv1
	addr srv srv1 192.0.2.100/24
	q srv $IP addr add 2001:db8::100/64 dev srv1 nodad
	ipv6 host eth1
	up host eth1
	vsw switch set sw0 uplink eth1
	vsw switch del sw0
	check_eq "(35) a new uplink gets them" "$(wc -l < "$LOGS/t35.addrs") $(wc -l < "$LOGS/t35.routes")" \
		"$(t35_addrs eth1 | wc -l) $(t35_routes eth1 | wc -l)"
	check "(35) ... and reaches the server" pings host 203.0.113.1
	# Without an uplink they go with the switch, which says so.
	vsw switch add sw0 type external uplink eth1 move-ip
	q host $IP link del eth1
	pretty host "vswctl switch del sw0"
	t35_err=$(ip netns exec host "$VSWCTL" switch del sw0 2>&1)
	check_eq "(35) without an uplink switch del goes on" "0 vswctl: sw0 has no uplink: its addresses and routes go with it" \
		"$? $t35_err"
	check_fail "(35) ... and the switch is gone" q host $IP link show sw0
}

# (41) lib/nlfuzz.py in the host: requests built from the spec and broken,
# among valid configuration of its own switches and a flood of its own,
# while vm1 pings vm2 200 times a second through sw41, which it only reads.  Its
# seed is fixed (VSW_STRESS=1: random, and 10^5 messages; VSW_FUZZ_COUNT,
# VSW_FUZZ_SEED say).  Then sw41 still forwards, vswctl still works, and
# nothing of the fuzzer's is left.
t41_netlink_fuzz() {
	echo "# (41) netlink fuzzer: broken and valid requests, with traffic"
	setup_lan
	vm vm1 192.0.2.11/24
	vm vm2 192.0.2.12/24
	vsw switch add sw41 type external uplink eth0
	vsw switch add sw41i type internal
	vsw port add sw41 dev vnet1
	vsw port add sw41 dev vnet2
	local res=$LOGS/t41.res klines before rx0 rx1 flood rc name what
	t41_switches() { ip netns exec host "$VSWCTL" -j switch show | jfield '" ".join(sorted(s["name"] for s in d))'; }
	t41_vnics() { h $IP -d -j link show | jfield '" ".join(sorted(l["ifname"] for l in d if l.get("linkinfo", {}).get("info_kind") == "vsw"))'; }
	before=$(t41_switches)
	klines=$(dmesg | wc -l)
	rx0=$(stat vm2 eth0 rx_packets)
	ip netns exec vm1 $PING -i 0.005 -q -w 86400 192.0.2.12 > "$LOGS/t41.ping" 2>&1 &
	flood=$!
	ip netns exec host python3 "$HERE/lib/nlfuzz.py" --results "$res" > "$LOGS/t41.out" 2>&1
	rc=$?
	rx1=$(stat vm2 eth0 rx_packets)
	kill -INT "$flood" 2> /dev/null
	wait "$flood" 2> /dev/null
	grep -v "^nlfuzz: \(ok\|FAIL\) [a-z]*:" "$LOGS/t41.out" | sed 's/^/# /'
	while read -r name what; do
		[[ -n $name ]] || continue
		check_eq "(41) nlfuzz: $what" 0 "$(awk -v k="$name" '$1 == k {print $2}' "$res")"
	done <<< "$(sed -n 's/^nlfuzz: \(ok  \|FAIL\) \([a-z]*\): \(.*\)/\2 \3/p' "$LOGS/t41.out" | sed 's/ ([0-9]*)$//')"
	check_eq "(41) nlfuzz ran to its end, with every check passed (exit 0)" 0 "$rc"
	check_ge "(41) the pings reached vm2 all along the fuzz (frames vm2 received)" 1000 $((rx1 - rx0))
	check_eq "(41) the kernel logged no splat during the fuzz" "" \
		"$(splats_since "$klines")"
	rx0=$(stat vm2 eth0 rx_packets)
	check "(41) after the fuzz, vm1 pings vm2 through sw41" pings vm1 192.0.2.12 3
	check_ge "(41) ... and vm2 received them" $((rx0 + 3)) "$(stat vm2 eth0 rx_packets)"
	check "(41) ... and the server through the uplink" pings vm1 192.0.2.100 3
	check "(41) vswctl switch show still works" q host "$VSWCTL" switch show
	check_eq "(41) the switches are those of before: the fuzzer's are gone" "$before" "$(t41_switches)"
	check_eq "(41) no vsw vNIC but sw41's and sw41i's" "sw41 sw41i" "$(t41_vnics)"
	check_eq "(41) no device of the fuzzer's is left" "" \
		"$(h $IP -o link show | awk -F': ' '$2 ~ /^fz/ {print $2}')"
	vsw switch del sw41i
	vsw switch del sw41
}

# (42) MAC floods, macof's way: pktgen in a VM's namespace sends frames from
# random source MACs, half of them with the I/G (multicast) bit, to random
# unknown unicast destinations, so that each is flooded.  Each pktgen thread
# (one a CPU) has two devices on the VM's eth0 that take turns (delay 1 ns):
# random sources in 02:42:T0:00:00:00/24 and in 03:42:T1:00:00:00/24.
# The learn-limit phase sends 10^4 frames, 10^6 with VSW_STRESS=1; the
# switch-wide phases a fifth of that each.
# macof NS COUNT: floods about COUNT frames from NS's eth0, waits for
# pktgen and prints "SENT WANTED MS": the frames pktgen counted sent, the
# frames asked of it (COUNT rounded down to its devices), and the longest
# time a device of it sent for.  A thread takes rem_device_all, add_device
# and pgctrl's start when it gets to them (pktgen waits 125 ms, not always
# enough under qemu's TCG): each is waited for, a start by each device's
# result.  wait_for TRIES CMD...: CMD succeeds within TRIES tenths of a s.
macof() {
	# shellcheck disable=SC2016
	ip netns exec "$1" bash -c '
	wait_for() {
		local n=$1
		shift
		until "$@"; do ((n-- > 0)) || return 1; sleep 0.1; done
	}
	devices() { grep -qE "^(Running|Stopped):.*eth0@" $pg/kpktgend_$1; }
	done_or_gone() { ! test -e $pg/eth0@$1 || grep -q "^Result: OK: [0-9]*(c" $pg/eth0@$1; }
	unloaded() { for ((t = 0; t < nt; t++)); do echo rem_device_all > $pg/kpktgend_$t; done
		     for ((t = 0; t < nt; t++)); do wait_for 100 eval "! devices $t"; done; }
	pg=/proc/net/pktgen i=0 sent=0 us=0 threads=(/proc/net/pktgen/kpktgend_*)
	nt=${#threads[@]}
	each=$(($1 / (2 * nt)))
	unloaded
	for ((t = 0; t < nt; t++)); do
		for d in 0 1; do
			echo "add_device eth0@$i" > $pg/kpktgend_$t
			wait_for 100 test -e $pg/eth0@$i
			for cmd in "count $each" "pkt_size 60" "delay 1" \
				   "src_mac 0$((2 + d)):42:$t$d:00:00:00" "src_mac_count 16777216" \
				   "flag MACSRC_RND" "dst_mac 02:42:ff:00:00:00" \
				   "dst_mac_count 16777216" "flag MACDST_RND"; do
				echo "$cmd" > $pg/eth0@$i
			done
			i=$((i + 1))
		done
	done
	echo start > $pg/pgctrl
	for ((d = 0; d < i; d++)); do
		wait_for 36000 done_or_gone $d
		sofar=$(sed -n "s/.*pkts-sofar: \([0-9]*\).*/\1/p" $pg/eth0@$d 2> /dev/null)
		sent=$((sent + ${sofar:-0}))
		d_us=$(sed -n "s/^Result: OK: \([0-9]*\)(c.*/\1/p" $pg/eth0@$d 2> /dev/null)
		((${d_us:-0} > us)) && us=$d_us
	done
	unloaded
	echo "$sent $((each * i)) $((us / 1000))"' macof "$2"
}
# splats_since LINES: the kernel's reports of a bug logged after its first
# LINES lines (dmesg | wc -l before).
SPLATS='BUG:|WARNING:|Oops|Kernel panic|KASAN|UBSAN|suspicious RCU|circular locking|inconsistent lock|refcount_t:|list_add corruption|list_del corruption|unregister_netdevice: waiting'
splats_since() { dmesg | tail -n +$(($1 + 1)) | grep -E "$SPLATS"; }
# The FDB's slab cache: its objects in use, or nothing without SLUB's
# sysfs.  Shrunk first: KASAN's quarantine holds freed objects, which the
# count would take for used.
SLAB42=/sys/kernel/slab/vsw_fdb_entry
slab_objs() {
	local objs
	[[ -r $SLAB42/objects ]] || return 0
	echo 1 > "$SLAB42/shrink"
	read -r objs _ < "$SLAB42/objects" && echo "$objs"
}
# flood42 N: macof from vm1 while vm2 pings vm3 round after round (five
# echoes each, each round's summary a line of $LOGS/ping42), and switch
# show's fdb_entries and the slab are sampled every second (a shrink drains
# KASAN's quarantine: not too often) and once when the flood ends
# ($LOGS/sample42: "FDB_ENTRIES SLAB_OBJECTS" lines).  Sets sent, wanted
# and ms as macof prints them.
sample42() {
	echo "$(ip netns exec host "$VSWCTL" -j switch show sw42 |
		sed -n 's/.*"fdb_entries":\([0-9]*\).*/\1/p') $(slab_objs)" >> "$LOGS/sample42"
}
flood42() {
	local flood pinger sampler
	: > "$LOGS/ping42"
	: > "$LOGS/sample42"
	macof vm1 "$1" > "$LOGS/macof42" &
	flood=$!
	while kill -0 "$flood" 2> /dev/null; do
		ip netns exec vm2 $PING -c 5 -i 0.2 -W 5 192.0.2.13 | grep "packets transmitted" >> "$LOGS/ping42"
	done &
	pinger=$!
	while kill -0 "$flood" 2> /dev/null; do
		sample42
		sleep 1
	done &
	sampler=$!
	wait "$flood"
	sample42
	wait "$pinger" "$sampler"
	read -r sent wanted ms < "$LOGS/macof42"
}
# state42: the switch's state, read at once: fdb_entries, evict, mcast
# (entries with the I/G bit), vnet1's llimit, learned and dropped, and
# dev2, dev3, dev4: the ports of vm2's, vm3's and vm4's MACs, or -.
state42() {
	read -r fdb_entries evict mcast llimit learned dropped dev2 dev3 dev4 <<< "$(
		for cmd in "switch show" "-s port show" "fdb show"; do
			# shellcheck disable=SC2086
			ip netns exec host "$VSWCTL" -j $cmd sw42
		done | python3 -c '
import json, sys
text, dec, docs, i = sys.stdin.read(), json.JSONDecoder(), [], 0
while text[i:].strip():
    d, i = dec.raw_decode(text, len(text) - len(text[i:].lstrip()))
    docs.append(d)
sw, ports, fdb = docs
p = [p for p in ports if p["dev"] == "vnet1"][0]
print(sw[0]["fdb_entries"], sw[0]["evict"], sum(int(e["mac"][1], 16) & 1 for e in fdb),
      p["learn_limit"], p["learned"], p["stats"]["dropped"],
      *[([e["dev"] for e in fdb if e["mac"] == m] + ["-"])[0] for m in sys.argv[1:]])' "$m2" "$m3" "$m4")"
}
# mon42 EVENT [DEV]: the monitor's EVENT events so far, of DEV's.
mon42() { grep "\"event\":\"$1\"" "$LOGS/mon42" | grep -c "\"dev\":\"${2:-[^\"]*}\""; }
# check_flood42 WHAT BOUND [N]: the checks of every phase on the flood just
# run; the FDB's slab held N times max-entries' worth at most (1), which
# BOUND says in words, and after a grace period, the table's entries.
check_flood42() {
	local t="(42) $1:" peak spare
	echo "# $t $sent frames in $ms ms, $((sent * 1000 / (ms ? ms : 1))) pps"
	check_eq "$t pktgen sent the flood" "$wanted" "$sent"
	check_ge "$t vm2 pinged vm3 during the flood" 1 "$(grep -c . "$LOGS/ping42")"
	check_eq "$t ... without a loss (ping's summaries)" 0 "$(grep -vc " 0% packet loss" "$LOGS/ping42")"
	check "$t ... and after it" pings vm2 192.0.2.13 2
	peak=$(awk '$1 > m { m = $1 } END { print m + 0 }' "$LOGS/sample42")
	check_le "$t fdb_entries never exceeded max-entries (sampled)" "$max" "$peak"
	state42
	check_eq "$t no multicast source was learned" 0 "$mcast"
	check_eq "$t the other VMs keep their entries" "vnet2 vnet3" "$dev2 $dev3"
	if [[ -z $(slab_objs) || -L $SLAB42 ]]; then
		skip "$t its FDB's slab holds max-entries' worth" "no $SLAB42, or merged with other caches"
		return
	fi
	peak=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$LOGS/sample42")
	# Each CPU's slab, the next it takes and its partial ones (cpu_partial
	# objects, without CONFIG_SLUB_CPU_PARTIAL none) count as in use.
	spare=0
	[[ -r $SLAB42/cpu_partial ]] && spare=$(< "$SLAB42/cpu_partial")
	spare=$(((2 * $(< "$SLAB42/objs_per_slab") + spare) * $(nproc)))
	sleep 1
	echo "# $t the FDB's slab: $peak objects in use at most, $(slab_objs) a second after"
	check_le "$t the FDB's slab never held more than $2 (sampled)" \
		$((${3:-1} * max + spare)) "$peak"
	check_le "$t ... and a grace period after, no more than the table (and what CPUs cache)" \
		$((fdb_entries + spare)) "$(slab_objs)"
}

t42_mac_flood() {
	echo "# (42) MAC floods from one VM: random sources, half multicast"
	cleanup
	netns host
	modprobe pktgen 2> /dev/null
	if ! ip netns exec host test -d /proc/net/pktgen; then
		skip "(42) MAC floods" "no pktgen"
		return
	fi
	local frames=10000 limit=100 max=500 m2 m3 m4 sent wanted ms rx0 drop0 v mon hold first
	local fdb_entries evict mcast llimit learned dropped dev2 dev3 dev4 klines
	[[ ${VSW_STRESS:-} == 1 ]] && frames=1000000
	klines=$(dmesg | wc -l)
	vsw switch add sw42 type private
	# Nothing ages during a flood of minutes: every learn event counts.
	vsw switch set sw42 max-entries $max ageing 1000000
	for v in 1 2 3 4; do
		vm vm$v 192.0.2.1$v/24
		vsw port add sw42 dev vnet$v
	done
	vsw port set sw42 dev vnet1 learn-limit $limit
	m2=$(mac vm2 eth0) m3=$(mac vm3 eth0) m4=$(mac vm4 eth0)
	check "(42) before: vm2 pings vm3" pings vm2 192.0.2.13 2
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/mon42" &
	mon=$!
	# Each ping's timestamps switch a static key of netif_rx() on and
	# off; under qemu's TCG, code patched on one CPU while pktgen runs it
	# on the other oopses (int3).  A ping all along keeps the key on.
	ip netns exec vm2 $PING -q -i 1 192.0.2.13 > /dev/null 2>&1 &
	hold=$!
	state42
	rx0=$(stat host vnet1 rx_packets) drop0=$dropped
	flood42 $frames
	check_flood42 "learn-limit $limit" "max-entries' worth"
	check_eq "(42) the flooding VM's port received every frame (its rx_packets)" \
		$((rx0 + sent)) "$(stat host vnet1 rx_packets)"
	check_eq "(42) the learn-limit holds exactly: learn_limit, learned" "$limit $limit" "$llimit $learned"
	check_eq "(42) ... fdb show dev vnet1 lists that many" $limit \
		"$(vsw -j fdb show sw42 dev vnet1 | grep -o '"mac":' | grep -c .)"
	check_eq "(42) ... and the monitor saw that many learned there, no more" $limit "$(mon42 learn vnet1)"
	check_eq "(42) every frame from a multicast source was dropped, as dropped counts" \
		$((drop0 + sent / 2)) "$dropped"

	# The switch's limit alone; evict none, the default: the flood fills
	# the table and a new VM is not learned, but works by flooding.  A
	# frame from a MAC of its own first makes the flooding port's oldest
	# entry.
	vsw port set sw42 dev vnet1 learn-limit 0
	vsw fdb flush sw42 dev vnet1 dynamic
	first=02:42:99:00:00:01
	n vm1 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff $first 1
	flood42 $((frames / 5))
	check_flood42 "evict none" "max-entries' worth"
	check_eq "(42) evict none is the default" none "$evict"
	check_eq "(42) evict none: the flood filled the table" $max "$fdb_entries"
	cap c42 vm3 eth0 ether dst "$m4"
	check "(42) ... a new VM reaches another" pings vm4 192.0.2.12 3
	cap_stop
	state42
	check_eq "(42) ... but is not learned" - "$dev4"
	check_cap "(42) ... so the replies to it are flooded: a third VM got them, an ARP reply and 3 echo replies" 4 c42
	check_eq "(42) ... and nothing was evicted" 0 "$(mon42 evict)"

	# evict fair: the flooding port, holding the most, makes room.
	vsw switch set sw42 evict fair
	q vm4 $IP neigh flush all
	check "(42) evict fair: the new VM pings another" pings vm4 192.0.2.12 2
	state42
	check_eq "(42) ... switch show -j has evict fair" fair "$evict"
	check_eq "(42) ... the new VM is learned now" vnet4 "$dev4"
	check_eq "(42) ... in the room of the flooding port's oldest entry, its first" \
		"$first vnet1" "$(grep -m1 '"event":"evict"' "$LOGS/mon42" | jfield 'd["mac"] + " " + d["dev"]')"
	flood42 $((frames / 5))
	check_flood42 "evict fair" "twice max-entries' worth: the table and as many evicted entries waiting for their RCU grace period" 2
	check_eq "(42) evict fair: the table stays full" $max "$fdb_entries"
	check_eq "(42) ... the new VM keeps its entry" vnet4 "$dev4"
	check_ge "(42) ... the flood's new sources took the room of its old ones" $((max / 2)) "$(mon42 evict vnet1)"
	check_eq "(42) ... and no other port's" "$(mon42 evict vnet1)" "$(mon42 evict)"
	cap c42 vm3 eth0 ether dst "$m4"
	check "(42) ... the new VM still pings" pings vm4 192.0.2.12 3
	cap_stop
	check_cap "(42) ... by unicast: the third VM got none of its replies" 0 c42
	check_eq "(42) the kernel logged no splat during the floods" "" "$(splats_since "$klines")"
	kill "$mon" "$hold"
	wait "$mon" "$hold" 2> /dev/null
	vsw switch del sw42
}

# (43) Malformed frames from a VM, from the LAN and from the host, judged
# by what every other host captured (nothing, or the frame byte for byte:
# lib/badframes.py match) and by the sending port's counters.  The frames
# are lib/badframes.py's, grouped by what the switch must do with them:
# refused by the sender's own kernel (shorter than an Ethernet header);
B43_REFUSED="runt10 runt13"
# a tag without the type and 2 bytes after it (skb_vlan_untag()): a veth's
# receive path drops them before any rx_handler, vsw drops the host vNIC's
# (which it parses itself) in drops.vlan;
B43_SHORT="vlan14 vlan16 vlan17 vlan19 ad16"
# an 802.1Q outer tag: from an untagged port, drops.vlan; from the LAN,
# VLAN 10's, vm3's alone; tags6 is cut where a guard reads past its tags;
B43_TAGGED="dot1q2 tags5 tags6"
# sources no frame has: dropped (in drops.spoof with mac-spoof off);
B43_BADSRC="zero-src mcast-src"
# beyond a 1500 MTU: to the MTU-9000 ports only, a drop for each other one;
B43_BIG="big1519 big2000"
# cut where any of allow-ip, dhcp-guard and router-guard reads (counted in
# the first of router_guard, dhcp_guard, ip_guard that is on);
B43_CUT="ad-tags6 ip4-cut ip4-ihl4 ip4-ihl15 ip4-ihl15-long ip4-totlen-long
	 ip4-totlen-short ip4-ver6 ip6-cut ip6-ver4 ip6-plen-long ip6-hop-cut ip6-hop-long
	 ip6-frag-cut ip6-chain17 ip6-empty"
# cut, or a server's message, where dhcp-guard reads: it drops them;
B43_DHCP="ad-tags5 ip4-udp-cut ip4-udp-trailer ip6-udp-cut"
# where router-guard reads: it drops them;
B43_ROUTER="ip4-icmp-trailer ra-cut"
# where allow-ip reads (an NA's target, ARP's sender): it drops them;
B43_IP="na-cut arp-hlen5 arp-plen2 arp-cut arp-hdr-cut"
# well-formed (802.1ad over 802.1Q, 16 extension headers): they pass.
B43_GOOD="qinq ip6-chain16"
B43_ALL="$B43_REFUSED $B43_SHORT $B43_TAGGED $B43_BADSRC $B43_BIG $B43_CUT $B43_DHCP
	 $B43_ROUTER $B43_IP $B43_GOOD"
BADFRAMES=$HERE/lib/badframes.py

# in43 WORD LIST: whether WORD is in LIST.
in43() { [[ " ${2//[$'\n\t']/ } " == *" $1 "* ]]; }
# verdict43 ORIGIN GUARDS NAME: sets v to what the switch does with frame
# NAME from ORIGIN (vm, lan, host) with GUARDS (some of mac ip dhcp router)
# on at its port: refused (by the sender's kernel), core (dropped before
# vsw), vlan, dropped (a bad source), spoof, ip_guard, dhcp_guard,
# router_guard (the drop counter), big (to the jumbo ports only), vlan10
# (to vm3 alone), pass.
verdict43() {
	local o=$1 g=" $2 " f=$3
	if in43 "$f" "$B43_REFUSED"; then
		v=refused
	elif in43 "$f" "$B43_SHORT"; then
		v=core
		[[ $o == host ]] && v=vlan
	elif in43 "$f" "$B43_BADSRC"; then
		v=dropped
		[[ $g == *" mac "* ]] && v=spoof
	elif in43 "$f" "$B43_BIG"; then
		# The host vNIC's MTU is 1500: its socket refuses them.
		v=big
		[[ $o == host ]] && v=refused
	elif in43 "$f" "$B43_TAGGED" && [[ $o != lan ]]; then
		v=vlan
	elif in43 "$f" "$B43_CUT tags6" && [[ $g == *" router "* ]]; then
		v=router_guard
	elif in43 "$f" "$B43_CUT tags6" && [[ $g == *" dhcp "* ]]; then
		v=dhcp_guard
	elif in43 "$f" "$B43_CUT" && [[ $g == *" ip "* ]]; then
		v=ip_guard
	elif in43 "$f" "$B43_IP" && [[ $g == *" ip "* ]]; then
		v=ip_guard
	elif in43 "$f" "$B43_DHCP" && [[ $g == *" dhcp "* ]]; then
		v=dhcp_guard
	elif in43 "$f" "$B43_ROUTER" && [[ $g == *" router "* ]]; then
		v=router_guard
	elif in43 "$f" "$B43_TAGGED"; then
		v=vlan10
	else
		v=pass
	fi
}
# dstats43 DEV: the port's "rx_packets dropped vlan spoof ip_guard
# dhcp_guard router_guard" (by awk: a python a round is slow in UML).
dstats43() {
	ip netns exec host "$VSWCTL" -j -s port show sw0 | awk -v RS='[}],[{]"dev"' -v dev="\"$1\"" '
	index($0, dev ",") {
		n = split("rx_packets dropped vlan spoof ip_guard dhcp_guard router_guard", k, " ")
		for (i = 1; i <= n; i++) {
			match($0, "\"" k[i] "\":[0-9]+")
			printf "%s%s", substr($0, RSTART + length(k[i]) + 3, RLENGTH - length(k[i]) - 3),
				i < n ? " " : "\n"
		}
	}'
}
# round43 ORIGIN SENDER_NS DEV SRC_MAC PORT GUARDS RECEIVER...: the next
# round (rounds43): every frame from SRC_MAC out of SENDER_NS's DEV to the
# unknown 02:43:00:00:00:ROUND, then PORT's counters ($stats43 before)
# checked against the frames' verdicts.  A RECEIVER is "NS JUMBO VLAN10"
# (its port's MTU is 9000; its port carries VLAN 10): what it should catch
# is appended to $LOGS/want43.NS.
round43() {
	local o=$1 ns=$2 dev=$3 src=$4 port=$5 g=$6 t f v rx=0 dropped=0 small=0 dst rcv
	local rns jumbo vlan10 refused='' got='' out what
	local -A c=([vlan]=0 [spoof]=0 [ip_guard]=0 [dhcp_guard]=0 [router_guard]=0)
	shift 6
	for rcv in "$@"; do
		read -r _ jumbo _ <<< "$rcv"
		small=$((small + 1 - jumbo))
	done
	rounds43=$((rounds43 + 1))
	printf -v dst '02:43:00:00:00:%02x' "$rounds43"
	t="(43) from the $o, ${g:-no guards}:"
	for f in $B43_ALL; do
		verdict43 "$o" "$g" "$f"
		case $v in
		refused) refused+=" $f:" ;;
		core) ;;
		pass | vlan10) rx=$((rx + 1)) ;;
		big) rx=$((rx + 1)) dropped=$((dropped + small)) ;;
		dropped) rx=$((rx + 1)) dropped=$((dropped + 1)) ;;
		*) rx=$((rx + 1)) dropped=$((dropped + 1)) c[$v]=$((c[$v] + 1)) ;;
		esac
		for rcv in "$@"; do
			read -r rns jumbo vlan10 <<< "$rcv"
			if [[ $v == pass || ($v == big && $jumbo == 1) || ($v == vlan10 && $vlan10 == 1) ]]; then
				echo "$dst $f" >> "$LOGS/want43.$rns"
			fi
		done
	done
	# shellcheck disable=SC2086
	out=$(ip netns exec "$ns" "$BADFRAMES" send "$dev" "$src" $dst $B43_ALL)
	while read -r f _; do got+=" $f"; done <<< "$out"
	what="the runts"
	[[ $o == host ]] && what="the runts and the frames beyond its 1500 MTU"
	check_eq "$t the sender's kernel refused $what alone" "$refused" "$got"
	local before=$stats43
	stats43=$(dstats43 "$port")
	check_eq "$t $port's rx_packets, dropped, drops.vlan, spoof, ip_guard, dhcp_guard, router_guard" \
		"$(plus "$before" "$rx $dropped ${c[vlan]} ${c[spoof]} ${c[ip_guard]} ${c[dhcp_guard]} ${c[router_guard]}")" \
		"$stats43"
}
# caps43 NS:DEV...: a capture on each, into $LOGS/c43.NS.pcap, all started
# before waiting for them to listen; cap_stop ends them.
caps43() {
	local c i
	for c in "$@"; do
		: > "$LOGS/want43.${c%:*}"
		: > "$LOGS/c43.${c%:*}.err"
		ip netns exec "${c%:*}" tcpdump -i "${c#*:}" -Q in -U -w "$LOGS/c43.${c%:*}.pcap" \
			2> "$LOGS/c43.${c%:*}.err" &
		CAPS+=($!)
	done
	for c in "$@"; do
		for ((i = 0; i < 50; i++)); do
			grep -q "listening on" "$LOGS/c43.${c%:*}.err" && break
			sleep 0.1
		done
	done
}

t43_malformed_frames() {
	echo "# (43) malformed frames from a VM, the LAN and the host: dropped and counted, or passed whole"
	setup_lan
	if ! command -v tcpdump > /dev/null; then
		skip "(43) malformed frames" "no tcpdump"
		return
	fi
	local klines m1 m2 m3 ms mh g ns i args what rx0 drop0 rounds43=0 stats43 fake=02:43:00:00:01:00
	local snoop="ack-cut ack-nocookie ack-trailer ack-optlen reply6-ia-long reply6-iaaddr-long reply6-cut"
	klines=$(dmesg | wc -l)
	q srv $IP link set srv0 mtu 9000
	vsw switch add sw0 type external uplink eth0
	q host $IP link set sw0 up
	for i in 1 2 3; do
		vm vm$i 192.0.2.1$i/24
	done
	# vm2 alone is a 1500-byte VM, and the host vNIC keeps 1500.
	for ns in vm1 vm3; do
		q $ns $IP link set eth0 mtu 9000
		q host $IP link set vnet${ns#vm} mtu 9000
	done
	vsw port add sw0 dev vnet1
	vsw port add sw0 dev vnet2
	vsw port add sw0 dev vnet3 vlan trunk 10
	m1=$(mac vm1 eth0) m2=$(mac vm2 eth0) m3=$(mac vm3 eth0) ms=$(mac srv srv0) mh=$(mac host sw0)
	caps43 vm1:eth0 vm2:eth0 vm3:eth0 srv:srv0 host:sw0

	# From a VM: no guard, each guard that parses alone, then all of them
	# and mac-spoof off; the uplink is 1500 bytes.
	stats43=$(dstats43 vnet1)
	for g in "" ip dhcp router "mac ip dhcp router"; do
		args="mac-spoof on allow-ip none dhcp-guard off router-guard off"
		[[ $g == *mac* ]] && args=${args/mac-spoof on/mac-spoof off}
		[[ $g == *ip* ]] && args=${args/allow-ip none/allow-ip 192.0.2.11,2001:db8::11}
		[[ $g == *dhcp* ]] && args=${args/dhcp-guard off/dhcp-guard on}
		[[ $g == *router* ]] && args=${args/router-guard off/router-guard on}
		# shellcheck disable=SC2086
		vsw port set sw0 dev vnet1 $args
		round43 vm vm1 eth0 "$m1" vnet1 "$g" "vm2 0 0" "vm3 1 1" "srv 0 0" "host 0 0"
	done
	vsw port set sw0 dev vnet1 mac-spoof on allow-ip none dhcp-guard off router-guard off

	# From the LAN, with the guards the uplink takes; it is 9000 bytes.
	q host $IP link set eth0 mtu 9000
	stats43=$(dstats43 eth0)
	for g in "" dhcp router; do
		args="dhcp-guard off router-guard off"
		[[ $g == dhcp ]] && args="dhcp-guard on router-guard off"
		[[ $g == router ]] && args="dhcp-guard off router-guard on"
		# shellcheck disable=SC2086
		vsw port set sw0 dev eth0 $args
		round43 lan srv srv0 "$ms" eth0 "$g" "vm1 1 0" "vm2 0 0" "vm3 1 1" "host 0 0"
	done
	vsw port set sw0 dev eth0 dhcp-guard off router-guard off

	# From the host, whose port has no guards.
	stats43=$(dstats43 sw0)
	round43 host host sw0 "$mh" sw0 "" "vm1 1 0" "vm2 0 0" "vm3 1 1" "srv 1 0"

	# A port that tags a frame of 802.1ad makes it 4 bytes longer: with
	# 1504 bytes inside, too long for the 1500-byte uplink, which must not
	# send it (its LAN, 9000, would take it); 1500 pass.  vm3 sends them
	# from an access port of VLAN 10.
	q host $IP link set eth0 mtu 1500
	vsw port set sw0 dev vnet3 vlan access 10
	read -r rx0 drop0 _ <<< "$(dstats43 vnet3)"
	n vm3 "$BADFRAMES" send eth0 "$m3" 02:43:00:00:00:ff ad-1518 ad-1522
	echo "02:43:00:00:00:ff ad-1518+q10" >> "$LOGS/want43.srv"
	sleep 0.2
	check_eq "(43) tagged by the uplink, 1504 bytes in 802.1ad are too long: dropped (vnet3's rx_packets, dropped)" \
		"$((rx0 + 2)) $((drop0 + 1))" "$(dstats43 vnet3 | cut -d' ' -f1-2)"

	# DHCP snooping reads the replies to a port with allow-ip dhcp: those
	# cut where it reads lease nothing, and pass whole; the whole ones
	# lease.  vm2's MAC is learned first: a lease is for a port's client.
	pings vm2 192.0.2.100
	vsw port set sw0 dev vnet2 allow-ip dhcp
	# shellcheck disable=SC2086
	n srv "$BADFRAMES" send srv0 $fake "$m2" $snoop
	sleep 0.2
	check_eq "(43) DHCP replies cut where snooping reads lease nothing" "" "$(leases sw0 vnet2)"
	n srv "$BADFRAMES" send srv0 $fake "$m2" ack-ok reply6-ok
	sleep 0.2
	check_eq "(43) ... the whole ones lease theirs" "192.0.2.78 $m2, 2001:db8::78 $m2" "$(leases sw0 vnet2)"
	# Under load the captures may not have read the last frames yet.
	sleep 0.5
	cap_stop

	# shellcheck disable=SC2086
	"$BADFRAMES" match "$LOGS/c43.vm1.pcap,$LOGS/c43.vm2.pcap,$LOGS/c43.vm3.pcap,$LOGS/c43.srv.pcap,$LOGS/c43.host.pcap" \
		"$m1,$ms,$mh,$m3" 02:43 $B43_ALL ad-1518+q10 ad-1522+q10 |
		awk -v logs="$LOGS" '{ sub(".*/c43[.]", "", $1); sub("[.]pcap$", "", $1); print $2, $3 > (logs "/got43." $1) }'
	for ns in vm1 vm2 vm3 srv host; do
		what="(43) $ns caught the frames that pass, byte for byte, and nothing else"
		touch "$LOGS/got43.$ns"
		if [[ $(< "$LOGS/want43.$ns") == "$(< "$LOGS/got43.$ns")" ]]; then
			ok "$what"
		else
			not_ok "$what" "$(awk 'NR == FNR { want[$0]++; next } { got[$0]++ }
				END { for (f in want) if (want[f] > got[f]) printf "missing %s; ", f
				      for (f in got) if (got[f] > want[f]) printf "unexpected %s; ", f }' \
				"$LOGS/want43.$ns" "$LOGS/got43.$ns")"
		fi
	done
	# shellcheck disable=SC2086
	check_eq "(43) vm2 caught the DHCP replies byte for byte" "$snoop ack-ok reply6-ok" \
		"$("$BADFRAMES" match "$LOGS/c43.vm2.pcap" $fake "$m2" $snoop ack-ok reply6-ok | cut -d" " -f2 | xargs)"
	check_eq "(43) no bad source nor 02:43 destination was learned" 0 \
		"$(vsw -j fdb show sw0 | jfield 'len([e for e in d if e["mac"] == "00:00:00:00:00:00" or int(e["mac"][:2], 16) & 1 or e["mac"].startswith("02:43:00:00:00")])')"
	check_eq "(43) the kernel logged no splat (a read past a frame's end would be one)" "" \
		"$(splats_since "$klines")"
	vsw switch del sw0
}

# Every slab cache fails (failslab's cache-filter) or none, but kmemleak's
# own, whose failures it absorbs: each allocation would count twice.
t46_caches() {
	local c
	for c in /sys/kernel/slab/*/failslab; do
		[[ $c == */kmemleak_* ]] || echo "$1" > "$c"
	done
}

# The fault injection's settings, saved to be put back as they were.
t46_faults_save() {
	local f v
	for f in /sys/kernel/debug/{failslab,fail_page_alloc}/*; do
		[[ -f $f && -w $f ]] && read -r v < "$f" && echo "$f $v"
	done > "$LOGS/t46.faults"
	cat /proc/sys/kernel/printk > "$LOGS/t46.printk"
}
t46_faults_restore() {
	local f v
	[[ -f $LOGS/t46.faults ]] || return 0
	while read -r f v; do echo "$v" > "$f" 2>/dev/null; done < "$LOGS/t46.faults"
	cat "$LOGS/t46.printk" > /proc/sys/kernel/printk
	t46_caches 0 2>/dev/null
	rm -f "$LOGS/t46.faults"
}

# A sweep of lib/failnth.py: NAME OPTIONS COMMAND UNDO DEVICES FLAGS.
t46_sweep() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$LOGS/t46.spec"; }

# kmemleak's unreferenced objects allocated at jiffies $1 or later with a
# vsw frame in their backtrace, one line each: address and frames.
t46_leaks() {
	python3 -c 'import re, sys
for block in re.split(r"(?m)^(?=unreferenced object)", open("/sys/kernel/debug/kmemleak").read()):
    m = re.search(r"jiffies (\d+)", block)
    if "[vsw]" in block and m and int(m.group(1)) >= int(sys.argv[1]):
        print(block.split()[2], " ".join(re.findall(r"\] (\S+)\+0x", block)))' "$1"
}

# (46) Allocation failures, with the kernel's fault injection (the UML
# debug kernel has it; Debian's have no failslab and skip).  lib/failnth.py
# fails each allocation of a vswctl command in turn (fail-nth: the genl
# handler runs in vswctl's context), in a batch that takes a line at a time,
# and judges each by the netns's state (vsw's dumps, the links, their
# masters, promiscuity, addresses, routes): a refusal with a message leaves
# it as it was, and its devices can join a bridge; a success as the
# unfaulted run leaves it; the events replay to it.  Then failslab fails the
# FDB's own cache, and a share of every atomic allocation, in softirq while
# a VM learns new MACs: entries not learned, drops counted, frames
# delivered, the monitor's events true.  Nothing leaks (kmemleak), every
# device goes at once.  VSW_STRESS=1: every allocation of more commands.
t46_failslab() {
	echo "# (46) allocation failures: clean refusals, counted drops, nothing half-made"
	local dbg=/sys/kernel/debug P i mon rc klines jiffies0 name fails t0
	if [[ ! -f $dbg/failslab/cache-filter || ! -e /proc/self/fail-nth ||
	      ! -f $dbg/fail_page_alloc/min-order ]]; then
		skip "(46) allocation failures" \
			"no $dbg/failslab or fail-nth (CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC, CONFIG_FAULT_INJECTION_DEBUG_FS)"
		return
	fi
	setup_lan two
	klines=$(dmesg | wc -l)
	jiffies0=$(awk '/^jiffies:/ {print $2; exit}' /proc/timer_list 2>/dev/null)
	ip netns exec host $IP -batch - <<-EOF
		addr add 192.0.2.2/24 dev eth0
		link add fnbr0 type bridge
		link set fnbr0 up
		link add fd1 type dummy
		link set fd1 up
		link add fd2 type dummy
		link set fd2 up
		link add fd3 type dummy
		link set fd3 up
		link add fd4 type dummy
		link set fd4 up
		link add fu1 type dummy
		link set fu1 up
	EOF
	# fu: an external switch that lost its uplink, for switch set uplink.
	ip netns exec host "$VSWCTL" -b - <<-EOF
		switch add fs type external uplink eth1
		port add fs dev fd2 vlan trunk 30,40 native 30 storm-limit 100
		port add fs dev fd3
		fdb add fs 02:46:00:00:02:01 dev fd2 vlan 30
		fdb add fs 02:46:00:00:02:02 dev fd2 vlan 40
		switch add fq type private
		switch add fd type private
		port add fd dev fd4
		switch add fu type external uplink fu1 host off
	EOF
	ip netns exec host $IP -batch - <<-EOF
		link del fu1
		link add fu1 type dummy
		link set fu1 up
	EOF

	P="learn-limit 50 vlan trunk 10-20,100,4000-4094 native 5 mac-spoof off"
	P+=" allow-mac 02:46:00:00:00:01,02:46:00:00:00:02"
	P+=" allow-ip 192.0.2.0/24,198.51.100.7,2001:db8::/64 dhcp-guard on router-guard on"
	P+=" isolation community 7 mirror source storm-limit 1000 max-rate 10m"
	: > "$LOGS/t46.spec"
	t46_sweep "vswctl's socket and family" -j "switch show" "" "" dump,cold
	t46_sweep "switch add, private" "" "switch add fp type private ageing 100 max-entries 5000" \
		"switch del fp" "" ""
	t46_sweep "switch add, external with its host vNIC" "" \
		"switch add fx type external uplink eth0 max-entries 2000" "switch del fx" eth0 ""
	t46_sweep "switch add, external, host off" "" "switch add fh type external uplink eth0 host off" \
		"switch del fh" eth0 ""
	t46_sweep "switch add, internal" "" "switch add fi type internal ageing 60" "switch del fi" "" long
	t46_sweep "switch add, external, move-ip" "" "switch add fm type external uplink eth0 move-ip" \
		"switch del fm;!ip addr replace 192.0.2.2/24 dev eth0" eth0 long
	t46_sweep "port add, every setting" "" "port add fs dev fd1 $P" "port del fs dev fd1" fd1 ""
	t46_sweep "port add, private switch" "" "port add fq dev fd1 vlan access 30" "port del fq dev fd1" \
		fd1 long
	t46_sweep "port set" "" \
		"port set fs dev fd2 vlan access 30 allow-ip 10.0.0.0/8 isolation isolated max-rate 1m learn-limit 9" \
		"port set fs dev fd2 vlan trunk 30,40 native 30 allow-ip none isolation none max-rate 0 learn-limit 0" \
		"" ""
	t46_sweep "fdb add" "" "fdb add fs 02:46:00:00:01:01 dev fd2 vlan 30" \
		"fdb del fs 02:46:00:00:01:01 vlan 30" "" ""
	t46_sweep "switch set" "" "switch set fs ageing 200 max-entries 4000 evict fair" \
		"switch set fs ageing 300 max-entries 1048576 evict none" "" ""
	t46_sweep "switch set uplink" "" "switch set fu uplink fu1" "%dummy fu1" fu1 long
	t46_sweep "port del" "" "port del fs dev fd3" "port add fs dev fd3" "" long
	t46_sweep "fdb del" "" "fdb del fs 02:46:00:00:02:01 vlan 30" \
		"fdb add fs 02:46:00:00:02:01 dev fd2 vlan 30" "" long
	t46_sweep "fdb flush" "" "fdb flush fs dev fd2" \
		"fdb add fs 02:46:00:00:02:01 dev fd2 vlan 30;fdb add fs 02:46:00:00:02:02 dev fd2 vlan 40" \
		"" long
	t46_sweep "switch del" "" "switch del fd" "switch add fd type private;port add fd dev fd4" "" long
	# A table of several dump parts for the dumps.
	for ((i = 0; i < 600; i++)); do
		printf 'fdb add fs 02:46:01:00:%02x:%02x dev fd3\n' $((i / 256)) $((i % 256))
	done > "$LOGS/t46.fdb"
	echo "!'$VSWCTL' -b '$LOGS/t46.fdb'" >> "$LOGS/t46.spec"
	t46_sweep "switch show" -j "switch show" "" "" dump
	t46_sweep "port show -s" "-j -s" "port show fs" "" "" dump
	t46_sweep "fdb show, 600 entries" -j "fdb show fs" "" "" dump

	t46_faults_save
	for i in failslab fail_page_alloc; do
		echo N > $dbg/$i/ignore-gfp-wait
		echo 0 > $dbg/$i/probability
		echo -1 > $dbg/$i/times
		echo 2 > $dbg/$i/verbose
		echo 0 > $dbg/$i/verbose_ratelimit_interval_ms
	done
	t46_caches 1
	echo Y > $dbg/failslab/cache-filter
	echo 1 > $dbg/fail_page_alloc/min-order
	# The stacks of the faults to /dev/kmsg alone, the kernel's warnings
	# to the console still: default-level messages are logged at 6.
	echo "5 6 1 7" > /proc/sys/kernel/printk
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/t46.mon" 2> "$LOGS/t46.mon.err" &
	mon=$!
	ip netns exec host python3 "$HERE/lib/failnth.py" ${VSW_STRESS:+--stress} \
		--results "$LOGS/t46.json" "$VSWCTL" "$LOGS/t46.spec" > "$LOGS/t46.out" 2>&1
	rc=$?
	grep "^failnth: \(ok\|FAIL\) [^:]*: [0-9]* fault points" "$LOGS/t46.out" | sed 's/^/# /'
	grep -v "^failnth: ok" "$LOGS/t46.out" | grep -v "fault points" | head -40 | cut -c1-400 |
		sed 's/^/#   /'
	python3 -c 'import json, sys
for name, f in json.load(open(sys.argv[1]))["sweeps"].items():
    print(name + "|" + str(len(f["failures"])))' "$LOGS/t46.json" > "$LOGS/t46.checks" 2>/dev/null
	while IFS='|' read -r name fails; do
		check_eq "(46) fail-nth, $name: every fault refused cleanly or absorbed" 0 "$fails"
	done < "$LOGS/t46.checks"
	check_eq "(46) lib/failnth.py ran every sweep to its end (exit 0)" 0 "$rc"
	kill "$mon"; wait "$mon" 2>/dev/null
	check_eq "(46) the monitor's lines are all events (JSON)" "" "$(python3 -c 'import json, sys
for line in open(sys.argv[1]):
    try:
        if "event" not in json.loads(line):
            print(line.strip())
    except ValueError:
        print(line.strip())' "$LOGS/t46.mon" | head -3)"
	check_eq "(46) ... and it said nothing but that events were lost" "" \
		"$(grep -v "^vswctl: events lost (ENOBUFS)$" "$LOGS/t46.mon.err" | head -3)"

	t46_softirq
	t46_faults_restore

	# Nothing left referenced: every device goes at once.
	t0=$(date +%s)
	ip netns exec host "$VSWCTL" -force -b - <<-EOF
		switch del fs
		switch del fq
		switch del fd
		switch del fu
	EOF
	timeout 60 ip netns exec host $IP -force -batch - <<-EOF
		link del eth0
		link del eth1
		link del fd1
		link del fd2
		link del fd3
		link del fd4
		link del fu1
		link del fnbr0
		link del vnet1
		link del vnet2
		link del vnet3
	EOF
	check_le "(46) every device is deleted at once, none held (seconds)" 9 $(($(date +%s) - t0))
	check_eq "(46) the kernel waited for no device's references" "" \
		"$(dmesg | tail -n +$((klines + 1)) | grep "unregister_netdevice: waiting" | head -3)"
	if [[ -w $dbg/kmemleak && -n $jiffies0 ]]; then
		# kmemleak reports an object 5 s old at least.
		sleep 5
		echo scan > $dbg/kmemleak
		check_eq "(46) kmemleak: no object of vsw's unreferenced" "" "$(t46_leaks "$jiffies0" | head -5)"
	else
		skip "(46) kmemleak: no object of vsw's unreferenced" "no kmemleak or /proc/timer_list"
	fi
}

# (46) in softirq: the FDB's cache fails half its allocations while vm1
# learns 200 new MACs, then every atomic allocation fails 1 in 10 while it
# sends 300 more; vm2 and vm3 get what vsw did not count as dropped.
t46_softirq() {
	local dbg=/sys/kernel/debug rx2 rx3 rx1 d1 learned i mon out sent
	# VMs that send and count raw frames: no addresses.
	for i in 1 2 3; do
		netns vm$i
		wire vm$i eth0 host vnet$i
		up vm$i eth0
		up host vnet$i
	done
	ip netns exec host "$VSWCTL" -b - <<-EOF
		switch add fl type private
		port add fl dev vnet1
		port add fl dev vnet2
		port add fl dev vnet3
	EOF
	ip netns exec host "$VSWCTL" -j monitor > "$LOGS/t46s.mon" 2> "$LOGS/t46s.mon.err" &
	mon=$!
	t46_learned() {
		vsw -j fdb show fl dev vnet1 | jfield '" ".join(sorted(e["mac"] for e in d if e["type"] == "dynamic"))'
	}
	t46_dropped() { vsw -j -s port show fl | jfield '[p["stats"]["dropped"] for p in d if p["dev"] == "vnet1"][0]'; }

	# The FDB's own cache, its objects alone: the filter before the odds.
	echo 0 > $dbg/failslab/probability
	echo 0 > $dbg/failslab/verbose
	echo 1 > $dbg/failslab/interval
	echo -1 > $dbg/failslab/times
	echo N > $dbg/failslab/task-filter
	t46_caches 0
	echo Y > $dbg/failslab/cache-filter
	rx2=$(stat vm2 eth0 rx_packets)
	if echo 1 > /sys/kernel/slab/vsw_fdb_entry/failslab 2>/dev/null; then
		echo 50 > $dbg/failslab/probability
		q vm1 python3 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:46:10:00:00:00 200 distinct
		echo 0 > $dbg/failslab/probability
		echo 0 > /sys/kernel/slab/vsw_fdb_entry/failslab
		learned=$(t46_learned | wc -w)
		check "(46) the FDB's cache failing half its allocations, some MACs are learned, not all: $learned of 200" \
			test "$learned" -gt 0 -a "$learned" -lt 200
		check_eq "(46) ... and every frame was flooded all the same" $((rx2 + 200)) "$(stat vm2 eth0 rx_packets)"
		check_eq "(46) ... the port counts as learned what the FDB holds" "$learned" \
			"$(vsw -j port show fl | jfield '[p["learned"] for p in d if p["dev"] == "vnet1"][0]')"
	else
		skip "(46) the FDB's cache failing" "vsw_fdb_entry is merged with another cache"
	fi
	echo N > $dbg/failslab/cache-filter

	# Every atomic allocation anywhere, a tenth of them, for a moment.
	rx1=$(stat host vnet1 rx_packets)
	rx2=$(stat vm2 eth0 rx_packets)
	rx3=$(stat vm3 eth0 rx_packets)
	d1=$(t46_dropped)
	echo Y > $dbg/failslab/ignore-gfp-wait
	echo 10 > $dbg/failslab/probability
	q vm1 python3 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:46:20:00:00:00 300 distinct
	echo 0 > $dbg/failslab/probability
	sent=$(($(stat host vnet1 rx_packets) - rx1))
	d1=$(($(t46_dropped) - d1))
	check_eq "(46) atomic allocations failing: vm2 got what vsw did not count as dropped ($d1 of $sent)" \
		$((sent - d1)) $(($(stat vm2 eth0 rx_packets) - rx2))
	check_eq "(46) ... and so did vm3" $((sent - d1)) $(($(stat vm3 eth0 rx_packets) - rx3))
	check_ge "(46) ... all of vm1's 300 frames came in" 300 "$sent"

	# Injection over: all works again.
	rx2=$(stat vm2 eth0 rx_packets)
	q vm1 python3 "$SENDETH" eth0 ff:ff:ff:ff:ff:ff 02:46:30:00:00:01 1
	learned=$(t46_learned)
	check "(46) then a new MAC is learned" grep -q "02:46:30:00:00:01" <<< "$learned"
	check_eq "(46) ... and its frame flooded" $((rx2 + 1)) "$(stat vm2 eth0 rx_packets)"
	sleep 0.2
	kill "$mon"; wait "$mon" 2>/dev/null
	out=$(python3 -c 'import json, sys
learn, bad = set(), 0
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        bad += 1
        continue
    if e.get("event") == "learn" and e.get("dev") == "vnet1":
        learn.add(e["mac"])
print(bad, " ".join(sorted(learn)))' "$LOGS/t46s.mon")
	check_eq "(46) the monitor's lines are all events" 0 "${out%% *}"
	check "(46) ... it learned the new MAC" grep -q "02:46:30:00:00:01" <<< "$out"
	if grep -q "events lost (ENOBUFS)" "$LOGS/t46s.mon.err"; then
		check_eq "(46) ... events lost, it said so (ENOBUFS); those it got are all in the FDB" "" \
			"$(python3 -c 'import sys; print(" ".join(sorted(set(sys.argv[1].split()) - set(sys.argv[2].split()))))' \
				"${out#* }" "$learned")"
	else
		check_eq "(46) ... no event lost: its learns are the FDB's entries" "$learned" "${out#* }"
	fi
	vsw switch del fl
}

# (47) Permissions: every command, the dumps and the events group are for
# CAP_NET_ADMIN over the netns of the socket (uapi/linux/vsw.h).  Nobody,
# and root without CAP_NET_ADMIN, get EPERM and change nothing; root of a
# user namespace manages the switches of the netns it owns and sees,
# touches, nothing else; no request reaches across netns, by name or by
# ifindex (lib/vswnl.py sends the ifindex of a device of another netns,
# where vswctl would send a name).  Each outcome is read from the kernel,
# by lib/vswnl.py state: vsw's dumps as root, the links' masters and
# promiscuity.
t47_permissions() {
	echo "# (47) permissions: CAP_NET_ADMIN over the netns, and nothing across netns"
	local bin=$LOGS/bin vswnl="python3 $HERE/lib/vswnl.py" cmd out rc before
	setup_lan
	netns n47
	# Devices of one netns by ifindexes no other has, and a name both have.
	ip netns exec host $IP -batch - <<-EOF
		link add d47 type dummy
		link add e47 type dummy
		link add dupe type dummy
		link add h47 index 4748 type dummy
	EOF
	ip netns exec n47 $IP -batch - <<-EOF
		link add dupe type dummy
		link add x47 index 4747 type dummy
	EOF
	ip netns exec host "$VSWCTL" -b - <<-EOF
		switch add p47 type external uplink eth0
		port add p47 dev d47 vlan access 10
		fdb add p47 02:47:00:00:00:01 dev d47 vlan 10
		switch add q47 type private
	EOF
	"$VSWCTL" switch add i47 type private
	mkdir -p "$bin" && cp "$VSWCTL" "$bin/vswctl" && chmod 755 "$LOGS" "$bin"
	before=$(ip netns exec host $vswnl state)

	# Nobody: EPERM for each command, each run alone ("STATUS MESSAGE").
	cat > "$LOGS/t47.cmds" <<-EOF
		switch add u47 type private
		switch del q47
		switch set p47 ageing 7
		port add q47 dev e47
		port del p47 dev d47
		port set p47 dev d47 vlan access 11
		fdb add p47 02:47:00:00:00:02 dev d47 vlan 10
		fdb del p47 02:47:00:00:00:01 vlan 10
		fdb flush p47
		switch show
		switch show p47
		port show p47
		fdb show p47
		monitor
	EOF
	ip netns exec host setpriv --reuid=65534 --regid=65534 --clear-groups sh -c '
		while read -r cmd; do
			case $cmd in monitor) t="timeout 5";; *) t="";; esac
			out=$($t "$0" $cmd 2>&1 < /dev/null > /dev/null)
			echo "$? $out"
		done' "$bin/vswctl" < "$LOGS/t47.cmds" > "$LOGS/t47.nobody"
	while read -r cmd; do
		read -r rc out <&3
		check_eq "(47) nobody: vswctl $cmd: exit 1, EPERM, with a message" "1 yes" \
			"$rc $(grep -q "^vswctl: .*Operation not permitted" <<< "$out" && echo yes)"
	done < "$LOGS/t47.cmds" 3< "$LOGS/t47.nobody"
	# Root without CAP_NET_ADMIN: the same commands, as a batch.
	ip netns exec host setpriv --bounding-set=-net_admin --inh-caps=-all \
		timeout 10 "$bin/vswctl" -force -b - < "$LOGS/t47.cmds" > /dev/null 2> "$LOGS/t47.nocap"
	check_eq "(47) root without CAP_NET_ADMIN: each of the 14 lines refused, EPERM" 14 \
		"$(grep -c "^vswctl: -:[0-9]*: .*Operation not permitted" "$LOGS/t47.nocap")"
	out=$(ip netns exec host $vswnl state)
	check_eq "(47) ... and none of theirs changed a thing (vsw's dumps, the links)" "$before" "$out"
	check "(47) ... e47 is no port: not promiscuous, no master" grep -qx "link e47 dummy - 0" <<< "$out"

	# Root of a user namespace, in the netns it owns: u2 has host's h47's
	# ifindex there.
	if ! unshare -Urn true 2> /dev/null; then
		skip "(47) root of a user namespace" "no user namespaces"
	else
		cat > "$LOGS/t47u.sh" <<-'EOF'
			ip -batch - <<-EOB
				link set lo up
				link add u1 type dummy
				link add u2 index 4748 type dummy
				link set u1 up
				link set u2 up
			EOB
			"$VSWCTL" -b - <<-EOB || echo "made: no"
				switch add u47 type external uplink u1
				switch add i47 type private
				port add u47 dev u2 vlan access 20
				fdb add u47 02:47:00:00:00:03 dev u2 vlan 20
			EOB
			timeout 1 "$VSWCTL" monitor > /dev/null 2>&1
			echo "monitor: $?"
			"$VSWCTL" switch del p47 2>&1
			"$VSWCTL" -n host switch show 2>&1
			python3 "$HERE/lib/vswnl.py" state -- port-new switch-name=u47 port-ifindex=4748 -- \
				port-new switch-name=u47 port-ifindex=4747 -- \
				switch-new switch-name=v47 switch-type=0 uplink-ifindex=4747 -- state
			"$VSWCTL" -b - <<-EOB && echo deleted
				switch del u47
				switch del i47
			EOB
		EOF
		out=$(VSWCTL=$VSWCTL HERE=$HERE unshare -Urn bash "$LOGS/t47u.sh" 2>&1)
		echo "$out" | sed 's/^/#   /'
		check_eq "(47) userns root: makes switches, ports, entries in its netns" "" \
			"$(grep "^made: no" <<< "$out")"
		check_eq "(47) ... and sees its own alone, not the init netns's i47 or host's p47, q47" \
			"switch i47 switch u47 u1 u2 u47" "$(grep "^switch " <<< "$out" | sort -u | xargs)"
		check "(47) ... its entry" grep -q "^fdb u47 02470000000[3] 20 u2 1" <<< "$out"
		check "(47) ... its port promiscuous, its host vNIC the master, as rtnetlink says" \
			grep -q "^link u2 dummy u47 1$" <<< "$out"
		check_eq "(47) ... and it joins its events" "monitor: 124" "$(grep "^monitor:" <<< "$out")"
		check "(47) ... p47 of netns host is no switch of its" grep -q "no switch named p47" <<< "$out"
		check "(47) ... it cannot enter netns host" \
			grep -q "cannot enter network namespace \"host\": Operation not permitted" <<< "$out"
		check "(47) ... an ifindex of its netns is its device's (4748: its u2, already a port)" \
			grep -q "^-16 u2 is already a port" <<< "$out"
		check_eq "(47) ... one of another netns's is none: ENODEV, named (port, uplink)" 2 \
			"$(grep -c "^-19 no device with ifindex 4747$" <<< "$out")"
		check "(47) ... and it deletes what it made" grep -q "^deleted" <<< "$out"
		out=$(unshare -Ur sh -c "'$VSWCTL' switch show 2>&1; '$VSWCTL' switch del i47 2>&1")
		check_eq "(47) userns root in the init netns (not its own): EPERM for dumps and ops" 2 \
			"$(grep -c "^vswctl: .*Operation not permitted" <<< "$out")"
		check_eq "(47) ... and the init netns's i47 is still there" i47 \
			"$("$VSWCTL" -j switch show | jfield '" ".join(s["name"] for s in d)')"
	fi

	# Root in netns host: another netns's ifindex resolves to nothing.
	out=$(ip netns exec host $vswnl port-new switch-name=q47 port-ifindex=4747 -- \
		switch-new switch-name=y47 switch-type=0 uplink-ifindex=4747 -- \
		fdb-new switch-name=p47 fdb-mac=02:47:00:00:00:09 port-ifindex=4747 -- \
		port-set switch-name=p47 port-ifindex=4747 port-learn-limit=5 -- \
		port-del switch-name=p47 port-ifindex=4747 -- \
		fdb-flush switch-name=p47 port-ifindex=4747)
	check_eq "(47) port add, switch add (uplink), fdb add, port set, port del, fdb flush by an ifindex of another netns: ENODEV, named" \
		"6" "$(grep -c "^-19 no device with ifindex 4747$" <<< "$out")"
	check "(47) ... x47 is untouched: not promiscuous, no master" \
		grep -qx "link x47 dummy - 0" <<< "$(ip netns exec n47 $vswnl state)"
	check_eq "(47) ... and nothing changed in host (h47, u2's ifindex there, either)" "$before" \
		"$(ip netns exec host $vswnl state)"
	q host $IP link del eth0
	check_eq "(47) switch set uplink by an ifindex of another netns: ENODEV, and still no uplink" \
		"-19 no device with ifindex 4747 None" \
		"$(ip netns exec host $vswnl switch-set switch-name=p47 uplink-ifindex=4747) $(vsw -j switch show p47 | jfield 'd[0]["uplink"]')"

	# A switch of one netns's name in another is another switch; a device
	# name resolves in the request's netns.
	ip netns exec n47 "$VSWCTL" -b - <<-EOF
		switch add p47 type private
		port add p47 dev dupe
	EOF
	out=$(ip netns exec n47 $vswnl state)
	check "(47) netns n47 makes its own p47, its dupe the port" grep -qx "switch p47 dupe" <<< "$out"
	check "(47) ... promiscuous, as rtnetlink says" grep -qx "link dupe dummy - 1" <<< "$out"
	out=$(ip netns exec host $vswnl state)
	check "(47) ... host's dupe is untouched" grep -qx "link dupe dummy - 0" <<< "$out"
	check "(47) ... host's p47 has its d47 alone" grep -qx "switch p47 d47 p47" <<< "$out"
	ip netns exec n47 "$VSWCTL" switch del p47
	check "(47) deleting n47's p47 leaves host's" grep -q "^switch p47 " <<< "$(ip netns exec host $vswnl state)"
	"$VSWCTL" switch del i47
	vsw switch del p47
	vsw switch del q47
}

# (44), (45): teardown and configuration churn under floods.  The floods
# are ping -f (as fast as the answers come, both ways) from the VMs, the
# server and the host vNIC, and where the kernel has it pktgen, whose
# unknown unicast vsw floods to every port; all at nice 19 in (44), so
# that they take what the test leaves of the CPUs without slowing it down,
# and at nice 10 in (45), to have a share of UML's beside the churn.  Each step
# writes a mark to the kernel's log as it begins; after it, the log since
# the mark must hold no splat, and with kmemleak a scan no unreferenced
# object of vsw's allocated since (by its jiffies, as (46) does: clearing
# kmemleak would hide an earlier leak from the suite's check at its end).  VSW_STRESS=1: longer floods around each act, the
# teardowns three times over, kmemleak after each step (its scans must
# wait 5 s, kmemleak's minimum age: for make check, once a test), and a
# minute of churn instead of 12 s.
T44_SPLAT="$SPLATS|Slab cache still has objects|has [0-9]+/[0-9]+ users at"
KMEMLEAK=/sys/kernel/debug/kmemleak
# t44_rx NS DEV: DEV's rx_packets (0 when it is gone), by ip -n, which
# unlike ip netns exec mounts nothing.
t44_rx() { $IP -n "$1" -s -o link show dev "$2" 2> /dev/null | awk -F'\\' '{split($4, a, " "); n = a[2]} END {print n + 0}'; }
# t44_step TAG: the step TAG begins: a mark in the kernel's log and, under
# VSW_STRESS=1, kmemleak's (t44_leakmark); the floods run T44_PRE seconds
# before the act.
t44_step() {
	T44_TAG=$1 T44_MARK="vsw-selftests: $1 begins $RANDOM$RANDOM"
	echo "$T44_MARK" > /dev/kmsg
	[[ ${VSW_STRESS:-} == 1 ]] && t44_leakmark
	T44_T0=$(date +%s%N) T44_ACT=$(date +%s%N)
	sleep "$T44_PRE"
}
# t44_acted: the step's acts are done; the floods run T44_POST seconds
# more.
t44_acted() {
	sleep "$T44_POST"
	T44_NSTEPS=$((T44_NSTEPS + 1))
	echo "# $T44_TAG: $((($(date +%s%N) - T44_T0) / 1000000)) ms"
}
# t44_leakmark: t44_leaks counts the objects allocated from now on.
t44_leakmark() { T44_JIFFIES=$(awk '/^jiffies:/ {print $2; exit}' /proc/timer_list 2> /dev/null); }
# The kernel's log since the mark (all of it, if the ring lost the mark);
# pktgen's notice that a device it sends on goes is no splat.
t44_klog() {
	dmesg > "$LOGS/t44.klog"
	if grep -qF "$T44_MARK" "$LOGS/t44.klog"; then
		sed -n "/$T44_MARK/,\$p" "$LOGS/t44.klog"
	else
		cat "$LOGS/t44.klog"
	fi | grep -v "pktgen: WARNING: trying to remove a running interface"
}
# t44_leaks: kmemleak's unreferenced objects allocated by vsw (a frame of
# the module's, or an address no symbol names once it is unloaded) since
# t44_leakmark, scanned when the step's last act is 5 s old (kmemleak's
# minimum age).  They are printed as comments.
t44_leaks() {
	local ms=$((5500 - ($(date +%s%N) - T44_ACT) / 1000000))
	((ms > 0)) && sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	echo scan > "$KMEMLEAK"
	awk -v j0="$T44_JIFFIES" '
	function flush() { if (rec ~ /\[vsw\]|\] 0x[0-9a-f]+\n/ && jif >= j0) { n++; printf "%s", rec > "/dev/stderr" } rec = "" }
	/^unreferenced object/ { flush() } / comm ".*", pid [0-9]+, jiffies / { jif = $NF + 0 }
	{ rec = rec "#   " $0 "\n" } END { flush(); print n + 0 }' "$KMEMLEAK"
}
t44_leakcheck() {
	if [[ -e $KMEMLEAK && -n $T44_JIFFIES ]]; then
		check_eq "$1: kmemleak: no new unreferenced object of vsw's" 0 "$(t44_leaks)"
	else
		skip "$1: kmemleak: no new unreferenced object of vsw's" "no kmemleak or /proc/timer_list"
	fi
}
# t44_clean: after a step, the kernel's log, and kmemleak under VSW_STRESS=1.
t44_clean() {
	check_eq "$T44_TAG: the kernel logged no splat and no stuck unregister" "" \
		"$(t44_klog | grep -E "$T44_SPLAT")"
	[[ ${VSW_STRESS:-} == 1 ]] && t44_leakcheck "$T44_TAG"
}
# t44_do NAME SECONDS CMD...: CMD in the background, so that a stuck
# unregister (an uninterruptible wait) fails the check instead of hanging
# the test; it must exit 0 within SECONDS.
t44_do() {
	local name=$1 secs=$2 pid i rc
	shift 2
	"$@" > "$LOGS/t44.do" 2>&1 &
	pid=$!
	for ((i = 0; i < secs * 10; i++)); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2> /dev/null; then
		not_ok "$name" "still running after $secs s: $*"
		return 1
	fi
	wait "$pid"
	rc=$?
	T44_ACT=$(date +%s%N)
	if ((rc == 0)); then ok "$name"; else not_ok "$name" "exit $rc: $* ($(cat "$LOGS/t44.do"))"; fi
}
# t44_flood NS DST...: ping -f from NS to each DST until t44_unflood
# [NS...], which ends those from the NSes (all by default) and prints how
# many each sent and how many were answered, from ping's own summary, and
# adds them up in T44_TSENT and T44_TANSWERED.  They are all sent SIGINT
# at once: ping reads its socket until it is empty before it looks at
# SIGINT, and ping's filter lets other hosts' echo requests through, so a
# ping the flood of another fills never stops.  One that is still there
# after 10 s gets SIGKILL, and has no summary.
T44_FLOODS=()
t44_flood() {
	local ns=$1 dst
	shift
	for dst in "$@"; do
		ip netns exec "$ns" nice -n "$T44_NICE" $PING -f -q -W 1 "$dst" > "$LOGS/t44.flood.$ns-$dst" 2>&1 &
		T44_FLOODS+=("$! $ns-$dst")
	done
}
t44_unflood() {
	local f pid name sum i left=() stop=()
	for f in "${T44_FLOODS[@]}"; do
		read -r pid name <<< "$f"
		if (($#)) && [[ " $* " != *" ${name%%-*} "* ]]; then
			left+=("$f")
			continue
		fi
		stop+=("$f")
		kill -INT "$pid" 2> /dev/null
	done
	for f in "${stop[@]}"; do
		read -r pid name <<< "$f"
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2> /dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2> /dev/null && echo "#   ping -f $name: ended by SIGKILL"
		wait "$pid" 2> /dev/null
		sum=$(awk '/packets transmitted/ {print $1, $4}' "$LOGS/t44.flood.$name")
		sum=${sum:-0 0}
		T44_TSENT=$((T44_TSENT + ${sum% *})) T44_TANSWERED=$((T44_TANSWERED + ${sum#* }))
		echo "#   ping -f $name: ${sum% *} sent, ${sum#* } answered"
	done
	T44_FLOODS=("${left[@]}")
}
# t44_pktgen NS DEV: pktgen in NS sends up to 2,000 frames a second to an
# unknown MAC out of DEV until t44_unpktgen.
T44_PG=
t44_pktgen() {
	local pg=/proc/net/pktgen
	ip netns exec "$1" sh -c "test -e $pg/kpktgend_0 &&
		echo rem_device_all > $pg/kpktgend_0 && echo 'add_device $2' > $pg/kpktgend_0 &&
		for c in 'count 0' 'pkt_size 60' 'dst 192.0.2.250' 'dst_mac 02:44:ff:00:00:01' 'ratep 2000'; do
			echo \"\$c\" > $pg/$2; done" || return 0
	ip netns exec "$1" sh -c "echo start > $pg/pgctrl" 2> /dev/null &
	T44_PG="$1 $2 $!" T44_PGSENT=0
	renice -n "$T44_NICE" -p $(pgrep kpktgend) > /dev/null 2>&1 ||
		busybox renice -n "$T44_NICE" -p $(pgrep kpktgend) > /dev/null 2>&1
}
# t44_pgsent: what pktgen has sent so far, also kept in T44_PGSENT for
# when its device is gone.
t44_pgsent() {
	local ns dev pid
	[[ -n $T44_PG ]] || return 0
	read -r ns dev pid <<< "$T44_PG"
	T44_PGSENT=$(ip netns exec "$ns" cat "/proc/net/pktgen/$dev" 2> /dev/null |
		sed -n 's/.*pkts-sofar: \([0-9]*\).*/\1/p' | grep . || echo "$T44_PGSENT")
}
t44_unpktgen() {
	local ns dev pid
	[[ -n $T44_PG ]] || return 0
	read -r ns dev pid <<< "$T44_PG"
	t44_pgsent
	echo stop | ip netns exec "$ns" tee /proc/net/pktgen/pgctrl > /dev/null 2>&1
	wait "$pid" 2> /dev/null
	T44_PKTGEN=$((T44_PKTGEN + T44_PGSENT))
	echo "#   pktgen from $ns: $T44_PGSENT frames"
	T44_PG=
}
# t44_flows TAG NS DEV: frames keep reaching NS's DEV (a flood's target)
# after the act: at least 5 in the next half second.
t44_flows() {
	local rx0 rx1
	rx0=$(t44_rx "$2" "$3")
	sleep 0.5
	rx1=$(t44_rx "$2" "$3")
	check_ge "$1 ($((rx1 - rx0)) frames)" $((rx0 + 5)) "$rx1"
}
# t44_forwards TAG: sw44 forwards between VMs, to the server both ways and
# to and from the host vNIC: three pings each, at once, of which at most
# one may be lost, by ping's summary.
T44_FWD=("vm1 192.0.2.12 vm1 pings vm2 through sw44"
	 "vm3 192.0.2.100 vm3 pings the server through the uplink"
	 "srv 192.0.2.14 the server pings vm4"
	 "host 192.0.2.100 the host vNIC pings the server"
	 "vm4 192.0.2.1 vm4 pings the host vNIC")
t44_forwards() {
	local ns dst what pids=() i
	for ((i = 0; i < ${#T44_FWD[@]}; i++)); do
		read -r ns dst what <<< "${T44_FWD[i]}"
		ip netns exec "$ns" $PING -c 3 -i 0.2 -W 2 "$dst" > "$LOGS/t44.fwd$i" 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
	for ((i = 0; i < ${#T44_FWD[@]}; i++)); do
		read -r ns dst what <<< "${T44_FWD[i]}"
		check "$1: $what" t44_answered "$LOGS/t44.fwd$i"
	done
}
t44_answered() { [[ $(awk '/packets transmitted/ {print $1 - $4}' "$1") == [01] ]]; }
# t44_unresolve: the server and vm4 forget the host vNIC's MAC, a new
# vNIC's (the host's entries went with the old one).
t44_unresolve() {
	$IP -n srv neigh flush 192.0.2.1 2> /dev/null
	$IP -n vm4 neigh flush 192.0.2.1 2> /dev/null
}
# t44_busy NS DEV...: the DEVs that still have a master or are
# promiscuous, and those that are missing.
t44_busy() {
	local ns=$1
	shift
	$IP -n "$ns" -d -j link show | python3 -c '
import json, sys
links = {l["ifname"]: l for l in json.load(sys.stdin)}
print(" ".join(d + ("" if d in links else "(missing)") for d in sys.argv[1:]
	       if d not in links or links[d].get("master") or links[d].get("promiscuity", 0)))' "$@"
}
t44_vnics() {
	$IP -n "$1" -d -j link show |
		jfield '" ".join(sorted(l["ifname"] for l in d if l.get("linkinfo", {}).get("info_kind") == "vsw"))'
}
t44_ports() { "$VSWCTL" -n host -j port show "$1" | jfield '" ".join(sorted(p["dev"] for p in d))'; }
t44_entries() { "$VSWCTL" -n host -j fdb show "$1" | jfield "len([e for e in d if e['dev'] == '$2'])"; }
# t44_carrier NS DEV 0|1: DEV has its carrier, or not (ip's LOWER_UP).
t44_carrier() {
	local flags
	flags=$($IP -n "$1" -o link show dev "$2" | cut -d'<' -f2 | cut -d'>' -f1)
	[[ ,$flags, == *,LOWER_UP,* ]] && (($3)) || { [[ ,$flags, != *,LOWER_UP,* ]] && ((!$3)); }
}
# t44_jsonl FILE: "LINES BAD", the lines of FILE and those not JSON.
t44_jsonl() {
	python3 -c '
import json, sys
n = bad = 0
for line in open(sys.argv[1]):
	n += 1
	try:
		json.loads(line)
	except ValueError:
		bad += 1
print(n, bad)' "$1"
}
# The LAN of (44): the server's lan0 is a bridge (a LAN switch) with a MAC
# of its own, wired to the host's eth0 and eth1, so that the host can lose
# one NIC and take the other.
t44_lan() {
	cleanup
	t44_netns host
	t44_netns srv
	q srv $IP link add lan0 address 02:44:00:00:00:64 type bridge
	addr srv lan0 192.0.2.100/24
	t44_srvwire eth0 srv0
	t44_srvwire eth1 srv1
}
t44_srvwire() {
	wire host "$1" srv "$2"
	$IP -n srv link set "$2" master lan0 up
	$IP -n host link set "$1" up
}
# t44_netns NAME: a namespace, as netns makes them, by ip -n (IPv6 stays on).
t44_netns() {
	$IP netns add "$1"
	NSES+=("$1")
	$IP -n "$1" link set lo up
}
# t44_plug N: vmN's eth0 wired to the host's vnetN (again).
t44_plug() {
	wire "vm$1" eth0 host "vnet$1"
	$IP -n "vm$1" addr add "192.0.2.1$1/24" dev eth0
	$IP -n "vm$1" link set eth0 up
	$IP -n host link set "vnet$1" up
}
# t44_switch UPLINK N...: sw44 on UPLINK, the host vNIC at 192.0.2.1, vnetN
# its ports.
t44_switch() {
	local p
	vsw switch add sw44 type external uplink "$1"
	shift
	$IP -n host addr add 192.0.2.1/24 dev sw44
	$IP -n host link set sw44 up
	for p in "$@"; do "$VSWCTL" -n host port add sw44 dev "vnet$p"; done
	t44_unresolve
}
# t44_floods: every flood of T44_PLAN ("NS DST" a line), then pktgen from
# vm7 once the pings have set up their sockets (print their headline),
# their timestamps' static key switched on (see t44_unfloods).
t44_floods() {
	local ns dst i f line n
	while read -r ns dst; do
		[[ -n $ns ]] && t44_flood "$ns" "$dst"
	done <<< "$T44_PLAN"
	for ((i = 0; i < 100; i++)); do
		n=0
		for f in "${T44_FLOODS[@]}"; do
			line=
			{ read -r line < "$LOGS/t44.flood.${f#* }"; } 2> /dev/null
			[[ $line == PING* ]] && n=$((n + 1))
		done
		((n == ${#T44_FLOODS[@]})) && break
		sleep 0.1
	done
	t44_pktgen vm7 eth0
}
# t44_unfloods TAG: they end, pktgen first (under qemu's TCG, the
# timestamp static key that the last ping to end switches off, patched on
# one CPU as pktgen runs netif_rx() on the other, oopses); the figures.
t44_unfloods() {
	echo "# $1: the floods:"
	t44_unpktgen
	t44_unflood
}

# (44) Teardown under traffic: each of the ways a switch, a port or an
# uplink goes, while floods run through the switch between VMs, to and from
# the LAN and the host vNIC.  After each, what is left forwards, what went
# has let go of its devices (no master, promiscuity back), and nothing
# waits on a reference.  Last, rmmod with 100 switches of 10 ports.
t44_teardown_under_traffic() {
	echo "# (44) teardown under traffic"
	local rounds=1 round p mon tag t0
	t0=$(date +%s)
	T44_NICE=19 T44_PRE=0 T44_POST=0.5 T44_NSTEPS=0 T44_TSENT=0 T44_TANSWERED=0 T44_PKTGEN=0
	if [[ ${VSW_STRESS:-} == 1 ]]; then
		rounds=3 T44_PRE=5 T44_POST=5
	fi
	t44_leakmark
	for ((round = 1; round <= rounds; round++)); do
		tag="(44) round $round"
		t44_lan
		for p in 1 2 3 4 5 6 7; do
			t44_netns "vm$p"
			t44_plug $p
		done
		t44_switch eth0 1 2 3 4 5 6 7
		"$VSWCTL" -n host -j monitor > "$LOGS/t44.mon" 2> "$LOGS/t44.mon.err" &
		mon=$!
		T44_PLAN="vm1 192.0.2.12
vm3 192.0.2.100
srv 192.0.2.14
host 192.0.2.100
vm4 192.0.2.1
vm5 192.0.2.100
vm6 192.0.2.11"
		t44_floods

		t44_step "$tag, uplink deleted"
		t44_do "$T44_TAG: ip link del of the uplink" 30 $IP -n host link del eth0
		t44_flows "$T44_TAG: vm1's flood still reaches vm2" vm2 eth0
		check "$T44_TAG: sw44 has no uplink" grep -q '"uplink":null' \
			<<< "$("$VSWCTL" -n host -j switch show sw44)"
		t44_do "$T44_TAG: switch set uplink eth1, the host's other NIC" 10 \
			"$VSWCTL" -n host switch set sw44 uplink eth1
		t44_flows "$T44_TAG: vm3's flood reaches the server over eth1" srv lan0
		t44_acted
		check "$T44_TAG: eth1 is sw44's uplink" grep -q '"uplink":"eth1"' \
			<<< "$("$VSWCTL" -n host -j switch show sw44)"
		t44_forwards "$T44_TAG"
		t44_clean

		t44_step "$tag, port deleted"
		t44_do "$T44_TAG: ip link del vnet5 as vm5 floods the server" 30 $IP -n host link del vnet5
		t44_flows "$T44_TAG: vm1's flood still reaches vm2" vm2 eth0
		t44_acted
		check_eq "$T44_TAG: vnet5 left sw44" "eth1 sw44 vnet1 vnet2 vnet3 vnet4 vnet6 vnet7" "$(t44_ports sw44)"
		check_eq "$T44_TAG: ... with its entries" 0 "$(t44_entries sw44 vnet5)"
		t44_forwards "$T44_TAG"
		t44_clean

		t44_netns other
		t44_step "$tag, port's device moved to another netns"
		t44_do "$T44_TAG: ip link set vnet6 netns other as vm6 floods vm1" 30 \
			$IP -n host link set vnet6 netns other
		t44_flows "$T44_TAG: vm1's flood still reaches vm2" vm2 eth0
		t44_acted
		check_eq "$T44_TAG: vnet6 left sw44" "eth1 sw44 vnet1 vnet2 vnet3 vnet4 vnet7" "$(t44_ports sw44)"
		check_eq "$T44_TAG: ... with its entries" 0 "$(t44_entries sw44 vnet6)"
		check_eq "$T44_TAG: in netns other, vnet6 has no master and is not promiscuous" "" \
			"$(t44_busy other vnet6)"
		t44_do "$T44_TAG: ... and goes at once there" 30 $IP -n other link del vnet6
		t44_clean
		t44_unflood vm5 vm6

		t44_step "$tag, port's and uplink's MTU, MAC and carrier changed"
		t44_do "$T44_TAG: vnet1's MTU 1400 and back" 10 \
			sh -c "$IP -n host link set vnet1 mtu 1400 && $IP -n host link set vnet1 mtu 1500"
		t44_do "$T44_TAG: vnet1's MAC changed" 10 $IP -n host link set vnet1 address 02:44:00:00:01:01
		t44_do "$T44_TAG: vm2's NIC down, vnet2's carrier off" 10 $IP -n vm2 link set eth0 down
		check "$T44_TAG: ... vnet2 has no carrier" eventually 25 t44_carrier host vnet2 0
		t44_do "$T44_TAG: vm2's NIC up again" 10 $IP -n vm2 link set eth0 up
		t44_flows "$T44_TAG: vm1's flood reaches vm2 again" vm2 eth0
		t44_do "$T44_TAG: the uplink's MTU 1400" 10 $IP -n host link set eth1 mtu 1400
		check_eq "$T44_TAG: ... the host vNIC's follows" 1400 \
			"$($IP -n host -o link show dev sw44 | sed 's/.* mtu \([0-9]*\) .*/\1/')"
		t44_do "$T44_TAG: the uplink's MTU 1500, the host vNIC's too" 10 \
			sh -c "$IP -n host link set eth1 mtu 1500 && $IP -n host link set sw44 mtu 1500"
		t44_do "$T44_TAG: the uplink's MAC changed" 10 $IP -n host link set eth1 address 02:44:00:00:01:02
		t44_do "$T44_TAG: the server's end of the uplink down" 10 $IP -n srv link set srv1 down
		check "$T44_TAG: ... the host vNIC loses its carrier" eventually 25 t44_carrier host sw44 0
		t44_do "$T44_TAG: ... and up" 10 $IP -n srv link set srv1 up
		check "$T44_TAG: ... the host vNIC has its carrier back" eventually 25 t44_carrier host sw44 1
		t44_flows "$T44_TAG: vm3's flood reaches the server again" srv lan0
		t44_acted
		t44_forwards "$T44_TAG"
		t44_clean

		t44_step "$tag, switch del"
		t44_do "$T44_TAG: vswctl switch del sw44" 30 "$VSWCTL" -n host switch del sw44
		t44_acted
		check_eq "$T44_TAG: no switch is left" "[]" "$("$VSWCTL" -n host -j switch show)"
		check_eq "$T44_TAG: no vsw vNIC is left" "" "$(t44_vnics host)"
		check_eq "$T44_TAG: its devices have no master and are not promiscuous" "" \
			"$(t44_busy host eth1 vnet1 vnet2 vnet3 vnet4 vnet7)"
		t44_clean
		t44_switch eth1 1 2 3 4 7
		t44_forwards "$T44_TAG, the same devices in a new sw44"

		t44_step "$tag, ip link del of the host vNIC"
		t44_do "$T44_TAG: ip link del sw44" 30 $IP -n host link del sw44
		t44_acted
		check_eq "$T44_TAG: no switch is left" "[]" "$("$VSWCTL" -n host -j switch show)"
		check_eq "$T44_TAG: its devices have no master and are not promiscuous" "" \
			"$(t44_busy host eth1 vnet1 vnet2 vnet3 vnet4 vnet7)"
		t44_clean
		t44_switch eth1 1 2 3 4 7
		t44_forwards "$T44_TAG, the same devices in a new sw44"

		kill "$mon"
		wait "$mon" 2> /dev/null
		check_eq "$tag: the monitor's output is JSON lines" 0 "$(t44_jsonl "$LOGS/t44.mon" | cut -d' ' -f2)"
		check_eq "$tag: ... with the port-del of vnet5 and vnet6 and the two switch-dels" "vnet5 vnet6 2" \
			"$(python3 -c 'import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
print(" ".join(sorted(e["dev"] for e in ev if e["event"] == "port-del" and e["dev"] in ("vnet5", "vnet6"))),
      len([e for e in ev if e["event"] == "switch-del"]))' "$LOGS/t44.mon")"

		# A process in the netns keeps it: the host's flood ends first,
		# with vm4's, which would keep the host's ping reading.
		t44_unflood host vm4
		t44_step "$tag, netns deleted"
		# pktgen's device goes with the netns, and its count.
		t44_pgsent
		t44_do "$T44_TAG: ip netns del host, with sw44, its ports and floods" 30 $IP netns del host
		NSES=("${NSES[@]/host}")
		check "$T44_TAG: ... the netns goes, and its veths with it" eventually 150 t44_gone
		t44_acted
		t44_clean
		t44_unfloods "$tag"
	done

	t44_rmmod
	T44_ACT=$(date +%s%N)
	[[ ${VSW_STRESS:-} == 1 ]] || t44_leakcheck "(44) all steps"
	echo "# (44) in all: $T44_NSTEPS steps in $(($(date +%s) - t0)) s;" \
		"$T44_TSENT pings sent, $T44_TANSWERED answered; $T44_PKTGEN pktgen frames"
}
# The host's netns is gone when the server's ends of its wires and the
# VMs' NICs are.
t44_gone() {
	[[ -z $($IP -n srv -o link show master lan0) ]] || return 1
	local p
	for p in 1 2 3 4 7; do
		$IP -n "vm$p" link show eth0 > /dev/null 2>&1 && return 1
	done
	return 0
}
# t44_reader NAME ARGS...: vswctl -n host ARGS over and over until
# $LOGS/t44.stop appears, each run's exit status and first line of stderr
# a line of $LOGS/NAME.rc, its output a line of $LOGS/NAME.out.
t44_reader() {
	local name=$1 err rc
	shift
	while [[ ! -e $LOGS/t44.stop ]]; do
		err=$(timeout 10 "$VSWCTL" -n host "$@" 2>&1 >> "$LOGS/$name.out")
		rc=$?
		echo "$rc ${err%%$'\n'*} [$*]" >> "$LOGS/$name.rc"
	done
}
# t44_refusals NAME: "DONE REFUSED BAD", NAME.rc's runs that succeeded,
# that were refused cleanly (exit 1 with vswctl's message), and the others,
# which are printed.
t44_refusals() {
	awk '$1 == 0 {ok++; next} $1 == 1 && $2 == "vswctl:" {refused++; next} {bad++; print "#   " $0 > "/dev/stderr"}
	     END {printf "%d %d %d\n", ok, refused, bad}' "$LOGS/$1.rc"
}

# The last step: rmmod with 100 switches of 10 ports each (sw44 with the
# VMs, the uplink, its host vNIC and three dummies; 99 others on dummies),
# as the VMs, the server and the host vNIC flood through sw44 and a monitor
# and an fdb show loop read.  Then the module loads again.
t44_rmmod() {
	local tag="(44) rmmod" i j p l=$LOGS/t44.links b=$LOGS/t44.batch devs=(eth0) mon dump ok refused bad t0
	if [[ -z ${VSW_MODULE:-} ]]; then
		skip "$tag with 100 switches of 10 ports each" "VSW_MODULE not set"
		return
	fi
	t44_netns host
	t44_srvwire eth0 srv0
	for p in 1 2 3 4 7; do
		t44_plug $p
		devs+=("vnet$p")
	done
	: > "$l"
	: > "$b"
	for i in 1 2 3; do
		echo "link add d44_0_$i up type dummy" >> "$l"
		echo "port add sw44 dev d44_0_$i" >> "$b"
		devs+=("d44_0_$i")
	done
	for ((i = 1; i < 100; i++)); do
		echo "link add d44_${i}_u up type dummy" >> "$l"
		echo "switch add s44_$i type external uplink d44_${i}_u" >> "$b"
		devs+=("d44_${i}_u")
		for ((j = 1; j <= 8; j++)); do
			echo "link add d44_${i}_$j up type dummy" >> "$l"
			echo "port add s44_$i dev d44_${i}_$j" >> "$b"
			devs+=("d44_${i}_$j")
		done
	done
	t44_switch eth0 1 2 3 4 7
	T44_PLAN="vm1 192.0.2.12
vm3 192.0.2.100
srv 192.0.2.14
host 192.0.2.100
vm4 192.0.2.1"
	t44_floods
	t0=$(date +%s%N)
	$IP -n host -batch "$l"
	check "$tag: 99 switches more, by vswctl -b" timeout 300 "$VSWCTL" -n host -b "$b"
	echo "# $tag: 896 dummies and 99 switches of 10 ports made in $((($(date +%s%N) - t0) / 1000000)) ms"
	check_eq "$tag: 100 switches of 10 ports each" "100 1000" \
		"$("$VSWCTL" -n host -j switch show | jfield '"%d %d" % (len(d), sum(s["ports"] for s in d))')"
	rm -f "$LOGS/t44.stop" "$LOGS"/t44.dump.*
	"$VSWCTL" -n host -j monitor > "$LOGS/t44.mon" 2> "$LOGS/t44.mon.err" &
	mon=$!
	t44_reader t44.dump -j fdb show sw44 &
	dump=$!
	t44_step "$tag"
	t44_flows "$tag: before it, vm1's flood reaches vm2" vm2 eth0
	t0=$(date +%s%N)
	t44_do "$tag with 100 switches of 10 ports each, under floods" 300 rmmod vsw
	echo "# $tag took $((($(date +%s%N) - t0) / 1000000)) ms"
	t44_acted
	touch "$LOGS/t44.stop"
	wait "$dump"
	# The family went: the monitor ends, or is ended.
	kill "$mon" 2> /dev/null
	wait "$mon" 2> /dev/null
	t44_unfloods "$tag"
	check_eq "$tag: no vsw vNIC is left" "" "$(t44_vnics host)"
	check_eq "$tag: the ports' ${#devs[@]} devices have no master and are not promiscuous" "" \
		"$(t44_busy host "${devs[@]}")"
	check_eq "$tag: the monitor's output is JSON lines" 0 "$(t44_jsonl "$LOGS/t44.mon" | cut -d' ' -f2)"
	read -r ok refused bad <<< "$(t44_refusals t44.dump)"
	echo "# $tag: fdb show ran $((ok + refused + bad)) times: $ok listed, $refused refused"
	check_eq "$tag: every fdb show listed, or was refused with a message (exit 1)" 0 "$bad"
	check_eq "$tag: ... and what it listed is JSON" 0 "$(t44_jsonl "$LOGS/t44.dump.out" | cut -d' ' -f2)"
	t44_clean
	check "$tag: the module loads again" insmod "$VSW_MODULE"
	t44_switch eth0 1 2 3 4
	t44_forwards "$tag, then insmod: a new sw44 on the same devices"
	vsw switch del sw44
}

# (45) Configuration churn racing floods: processes loop switch add/del,
# port add/del/set with the security, VLAN and policing settings, fdb
# add/del/flush and switch set on a few switches, each vswctl under a
# timeout, while fdb show, port show and a monitor read all the while.
# Every vswctl must succeed or be refused cleanly (exit 1, a message);
# afterwards the switch forwards, its counts agree with its table, and
# everything goes.  12 s (VSW_STRESS=1: 60 s).
# t45_churn NAME CMD...: the vswctl commands CMDs (each a string of
# words) in batches of three rounds of them (vswctl -force -b: a process for
# each would make few of them, a fork costing milliseconds in UML and
# qemu) until $LOGS/t44.stop appears; each batch's exit status, commands
# and refusals a line of $LOGS/NAME.b, the refusals in $LOGS/NAME.refused,
# what else it printed on stderr in $LOGS/NAME.bad.
t45_churn() {
	local name=$1 b=$LOGS/$1.batch e=$LOGS/$1.err i
	shift
	for ((i = 0; i < 3; i++)); do printf '%s\n' "$@"; done > "$b"
	: > "$LOGS/$name.bad"
	while [[ ! -e $LOGS/t44.stop ]]; do
		timeout 60 "$VSWCTL" -force -n host -b "$b" > /dev/null 2> "$e"
		echo "$? $(($# * 3)) $(grep -c "^vswctl: $b:[0-9]*: ." "$e")" >> "$LOGS/$name.b"
		grep "^vswctl: $b:[0-9]*: ." "$e" >> "$LOGS/$name.refused"
		grep -v "^vswctl: $b:[0-9]*: ." "$e" >> "$LOGS/$name.bad"
	done
}
# t45_batches NAME: "COMMANDS REFUSED BAD" of NAME's batches: a batch is
# bad unless it exited 0 with no refusal or 1 with some; those are printed.
t45_batches() {
	awk '{n += $2; r += $3} !($1 == 0 && $3 == 0 || $1 == 1 && $3 > 0) {bad++; print "#   " $0 > "/dev/stderr"}
	     END {printf "%d %d %d\n", n, r, bad}' "$LOGS/$1.b"
}
t45_churn_race() {
	echo "# (45) vswctl churn racing floods, fdb show and a monitor"
	local secs=12 p pids=() mon ok refused bad name total=0 trefused=0 lines fdb sw
	[[ ${VSW_STRESS:-} == 1 ]] && secs=60
	T44_NICE=10 T44_PRE=0 T44_POST=0 T44_NSTEPS=0 T44_TSENT=0 T44_TANSWERED=0 T44_PKTGEN=0
	t44_lan
	for p in 1 2 3 4 5 6 7; do
		t44_netns "vm$p"
		t44_plug $p
	done
	for p in 1 2 3; do $IP -n host link add "d45_$p" up type dummy; done
	t44_switch eth0 1 2 3 4 7
	vsw switch add sw45i type internal
	vsw switch add sw45p type private
	vsw port add sw45p dev d45_3
	rm -f "$LOGS/t44.stop" "$LOGS"/t45.*
	t44_leakmark
	"$VSWCTL" -n host -j monitor > "$LOGS/t45.mon" 2> "$LOGS/t45.mon.err" &
	mon=$!
	T44_PLAN="vm1 192.0.2.12
vm3 192.0.2.100
srv 192.0.2.14
host 192.0.2.100
vm4 192.0.2.1
vm5 192.0.2.100
vm6 192.0.2.100"
	t44_floods
	t44_step "(45) churn for $secs s"
	# Switches come and go with ports and entries of their own; the
	# dummies race between them and sw45p.
	t45_churn t45.switches "switch add s45a type internal" "port add s45a dev d45_1 learn-limit 5" \
		"port add s45a dev d45_3" "fdb add s45a 02:45:00:00:00:01 dev d45_1" \
		"switch set s45a ageing 2 max-entries 100 evict fair" "switch del s45a" \
		"switch add s45b type private" "port add s45b dev d45_2 vlan trunk 10,20-30 native 5" \
		"fdb add s45b 02:45:00:00:00:02 dev d45_2 vlan 20" "switch del s45b" &
	pids+=($!)
	# vm5's and vm6's ports come and go, and change every setting, as
	# they flood.
	for p in 5 6; do
		t45_churn "t45.port$p" "port add sw44 dev vnet$p" \
			"port set sw44 dev vnet$p vlan access 10 mac-spoof off allow-mac 02:45:00:00:0$p:01" \
			"port set sw44 dev vnet$p vlan trunk 10,20-30 native 0 allow-ip 192.0.2.1$p/32 dhcp-guard on router-guard on" \
			"port set sw44 dev vnet$p isolation community $p storm-limit 1000 max-rate 10m mirror source" \
			"port set sw44 dev vnet$p vlan untagged mac-spoof on allow-mac none allow-ip none isolation isolated mirror none" \
			"port set sw44 dev vnet$p isolation none storm-limit 0 max-rate 0 learn-limit 3" \
			"port del sw44 dev vnet$p" &
		pids+=($!)
	done
	# Entries on ports that stay and on those that go, flushes of all kinds.
	t45_churn t45.fdb "fdb add sw44 02:45:00:00:01:01 dev vnet1" "fdb add sw44 02:45:00:00:01:05 dev vnet5" \
		"fdb add sw44 02:45:00:00:01:06 dev vnet6 vlan 10" "fdb del sw44 02:45:00:00:01:01" \
		"fdb flush sw44 dev vnet2 dynamic" "fdb flush sw44 vlan 10" "fdb del sw44 02:45:00:00:01:05" \
		"fdb flush sw44 dev vnet6" "fdb add sw45p 02:45:00:00:01:03 dev d45_3" "fdb flush sw45p" &
	pids+=($!)
	t45_churn t45.set "switch set sw44 ageing 1 max-entries 20" "switch set sw44 evict fair" \
		"switch set sw44 evict none max-entries 100000 ageing 300" "switch set sw45i ageing 10" &
	pids+=($!)
	t44_reader t45.fdbshow -j fdb show sw44 &
	pids+=($!)
	t44_reader t45.portshow -j -s port show sw44 &
	pids+=($!)
	t44_reader t45.switchshow -j switch show &
	pids+=($!)
	sleep "$secs"
	touch "$LOGS/t44.stop"
	wait "${pids[@]}"
	t44_acted
	check "(45) the monitor ran all along" kill -0 "$mon"
	kill "$mon" 2> /dev/null
	wait "$mon" 2> /dev/null
	t44_unfloods "(45)"
	for name in t45.switches t45.port5 t45.port6 t45.fdb t45.set; do
		read -r ok refused bad <<< "$(t45_batches "$name")"
		echo "# (45) ${name#t45.}: $(wc -l < "$LOGS/$name.b") batches of $ok commands, $refused refused:"
		sed 's/^vswctl: [^ ]*: //' "$LOGS/$name.refused" | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/#  /'
		check_eq "(45) ${name#t45.}: every batch exited 0, or 1 with a message a refusal" 0 "$bad"
		check_eq "(45) ${name#t45.}: ... and printed nothing else" "" "$(head -n 3 "$LOGS/$name.bad")"
		total=$((total + ok)) trefused=$((trefused + refused))
	done
	for name in t45.fdbshow t45.portshow t45.switchshow; do
		read -r ok refused bad <<< "$(t44_refusals "$name")"
		echo "# (45) ${name#t45.}: $((ok + refused + bad)) runs, $ok listed, $refused refused"
		check_eq "(45) ${name#t45.}: every vswctl exited 0, or 1 with a message" 0 "$bad"
		total=$((total + ok + refused + bad)) trefused=$((trefused + refused))
	done
	for name in t45.fdbshow t45.portshow t45.switchshow; do
		check_eq "(45) ${name#t45.}'s output is JSON" 0 "$(t44_jsonl "$LOGS/$name.out" | cut -d' ' -f2)"
	done
	lines=$(t44_jsonl "$LOGS/t45.mon")
	check_eq "(45) the monitor's output is JSON lines" 0 "${lines#* }"
	echo "# (45) in all: $total vswctl commands ($trefused refused), ${lines% *} events;" \
		"$T44_TSENT pings sent, $T44_TANSWERED answered; $T44_PKTGEN pktgen frames; $secs s"
	"$VSWCTL" -n host switch del s45a 2> /dev/null
	"$VSWCTL" -n host switch del s45b 2> /dev/null
	fdb=$("$VSWCTL" -n host -j fdb show sw44)
	sw=$("$VSWCTL" -n host -j switch show sw44)
	check_eq "(45) sw44's fdb_entries counts its table" "$(jfield 'len(d)' <<< "$fdb")" \
		"$(jfield 'd[0]["fdb_entries"]' <<< "$sw")"
	vsw switch set sw44 ageing 300 max-entries 100000 evict none
	t44_forwards "(45) after the churn"
	vsw switch del sw44
	vsw switch del sw45i
	vsw switch del sw45p
	check_eq "(45) no switch is left" "[]" "$("$VSWCTL" -n host -j switch show)"
	check_eq "(45) no vsw vNIC is left" "" "$(t44_vnics host)"
	check_eq "(45) the ports' devices have no master and are not promiscuous" "" \
		"$(t44_busy host eth0 vnet1 vnet2 vnet3 vnet4 vnet5 vnet6 vnet7 d45_1 d45_2 d45_3)"
	T44_ACT=$(date +%s%N)
	t44_clean
	[[ ${VSW_STRESS:-} == 1 ]] || t44_leakcheck "(45)"
}
TESTS=(t1_one_nic t10_ynl t2_two_nics t3_vm_to_host t4_hub_until_learned
       t5_ageing_and_move t6_internal_private t7_ports_churn t8_bad_input
       t11_concurrent t12_dump_while_learning t13_dump_interrupted
       t14_dump_marked t15_review_defects t16_vlan_access t17_vlan_trunk
       t18_vlan_host t19_vlan_attacks t20_vlan_services t21_vlan_fdb
       t22_vlan_bad_input t23_dhcp_guard t24_router_guard t25_mac_spoof
       t26_allow_ip t27_isolation t28_mirror t29_storm_limit t30_max_rate
       t31_cisco t32_security_bad_input t40_host_netdev t36_ifup
       t33_vswctl_habits t34_save_batch t37_bond_uplink t38_vlan_uplink
       t39_vxlan_uplink t35_move_ip t41_netlink_fuzz
       t42_mac_flood t43_malformed_frames t46_failslab t47_permissions
       t44_teardown_under_traffic t45_churn_race t9_lifetime)
preflight
echo "TAP version 13"
# VSW_TESTS="t15_review_defects t9_lifetime" runs those alone.
for t in ${VSW_TESTS:-${TESTS[*]}}; do
	began=$(date +%s%N)
	"$t"
	echo "# $t: $((($(date +%s%N) - began) / 1000000)) ms"
done
cleanup
echo "1..$n"
echo "# selftests: $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
