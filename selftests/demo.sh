#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The seed's story, on screen: a host with one NIC (eth0, wired to a LAN
# where a server lives) hands it to an external switch, keeps the network
# through its host vNIC, and a VM plugs in and reaches both.
set -u
VSWCTL=${VSWCTL:-vswctl}
say() { printf '\n=== %s\n' "$*"; }
run() { echo "host# $*"; "$@"; }
in_ns() { local ns=$1; shift; echo "$ns# $*"; ip netns exec "$ns" "$@"; }

for ns in srv vm1; do ip netns add $ns; ip -n $ns link set lo up; done
ip link add eth0 type veth peer name lan0 netns srv
ip -n srv addr add 192.0.2.100/24 dev lan0 && ip -n srv link set lan0 up
ip link set eth0 up
ip link add vnet1 type veth peer name eth0 netns vm1
ip -n vm1 addr add 192.0.2.10/24 dev eth0 && ip -n vm1 link set eth0 up
ip link set vnet1 up

say "An external switch takes eth0; the host gets a vNIC named sw0"
run "$VSWCTL" switch add sw0 type external uplink eth0
run ip addr add 192.0.2.1/24 dev sw0
run ip link set sw0 up
run "$VSWCTL" switch show
say "The host pings the server on the LAN through its vNIC"
run ping -c 2 192.0.2.100
say "A VM plugs in"
run "$VSWCTL" port add sw0 dev vnet1
in_ns vm1 ping -c 2 192.0.2.100
in_ns vm1 ping -c 2 192.0.2.1
say "What the switch learned"
run "$VSWCTL" fdb show sw0
say "Port counters"
run "$VSWCTL" -s port show sw0
say "The host vNIC's own counters"
run ip -s link show sw0
run "$VSWCTL" switch del sw0
