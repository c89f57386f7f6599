/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vsw: the Hyper-V virtual switch for Linux, generic netlink interface.
 *
 * Family name "vsw" (VSW_GENL_NAME), version 1, multicast group "events"
 * (VSW_GENL_MCGRP_EVENTS).  Every command needs CAP_NET_ADMIN over the network
 * namespace of the socket (GENL_UNS_ADMIN_PERM) and acts on the switches of
 * that namespace; joining the events group needs CAP_NET_ADMIN too
 * (GENL_MCAST_CAP_NET_ADMIN: EPERM otherwise), as the dumps behind its
 * events do.  The enums are in vsw_genl.h, generated with the kernel's
 * ynl-gen-c.py from Documentation/netlink/specs/vsw.yaml, as are the
 * kernel's policies: this comment is the manual.
 *
 * Devices are named by ifindex or by name in requests (the ifindex wins
 * when both are given) and by ifindex and name in replies.
 * All attributes live in one space (enum vsw_attr); each command takes only
 * the attributes listed for it and refuses others (strict validation).
 *
 * Errors come back as a negative errno in the netlink ack with an extack
 * message, and where one attribute is at fault, the ack's
 * NLMSGERR_ATTR_OFFS points at it.  Common errors: ENODEV (no such switch or
 * device), EEXIST (name taken), EBUSY (device already a port of something or
 * upper-linked), EINVAL (a device that cannot be a port, or a bad value),
 * ELOOP (a vsw host vNIC offered as a port), ENOSPC (the FDB is full),
 * ENOENT (no such FDB entry or port).  A value outside the range given below
 * is refused by netlink's policy check before the command runs: ERANGE,
 * NLMSGERR_ATTR_OFFS at the attribute and NLMSGERR_ATTR_POLICY with the
 * range (vswctl names the argument and prints the range from these).
 *
 * VSW_CMD_SWITCH_NEW  doit, reply: the switch as SWITCH_GET prints it
 *	VSW_A_SWITCH_NAME	string, required, at most IFNAMSIZ - 1 bytes, a
 *				valid device name without '%' (EINVAL)
 *	VSW_A_SWITCH_TYPE	u8 enum vsw_switch_type, required
 *	VSW_A_UPLINK_IFINDEX	u32, required for external, refused otherwise
 *	VSW_A_HOST		u8 0|1, external only, default 1
 *	VSW_A_AGEING		u32 seconds, 1..1000000, default 300
 *	VSW_A_MAX_ENTRIES	u32, 1..16777216, default 1048576
 *	VSW_A_MOVE_IP		u8 0|1, default 0; 1 only for an external
 *				switch with its host vNIC (EINVAL).  The module
 *				only remembers it: vswctl moves the uplink's
 *				addresses and routes to the host vNIC after the
 *				switch is made, and back before SWITCH_DEL.
 *	An external or internal switch gets a host vNIC, a net_device named
 *	after the switch; an external one's carries the uplink's MAC.
 *
 * VSW_CMD_SWITCH_DEL  doit
 *	VSW_A_SWITCH_NAME	required
 *
 * VSW_CMD_SWITCH_SET  doit
 *	VSW_A_SWITCH_NAME	required
 *	VSW_A_AGEING, VSW_A_MAX_ENTRIES	optional; lowering max-entries below
 *				the current count stops learning, evicts nothing
 *	VSW_A_EVICT		u8 enum vsw_evict, optional (default NONE):
 *				with FAIR a learn into a full FDB first removes
 *				the oldest learned (or moved) entry of the port
 *				holding the most learned entries, with a
 *				VSW_EVENT_EVICT; static and local entries are
 *				never evicted, and a port's learn-limit holds
 *	VSW_A_UPLINK_IFINDEX or VSW_A_UPLINK_IFNAME	optional: a new uplink for
 *				an external switch whose uplink was unregistered
 *				(EINVAL for other types, EBUSY while it has one);
 *				it starts as a trunk of all VIDs, native 0
 *	A refused request changes nothing.
 *
 * VSW_CMD_SWITCH_GET  doit (VSW_A_SWITCH_NAME) or dumpit (all switches)
 *	reply: VSW_A_SWITCH_NAME, VSW_A_SWITCH_TYPE, VSW_A_UPLINK_IFINDEX and
 *	VSW_A_UPLINK_IFNAME (external, while bound), VSW_A_HOST_IFINDEX and
 *	VSW_A_HOST_IFNAME (when it has a host vNIC), VSW_A_AGEING,
 *	VSW_A_MAX_ENTRIES, VSW_A_FDB_ENTRIES, VSW_A_NPORTS (all ports,
 *	uplink and host included), VSW_A_MOVE_IP, VSW_A_EVICT.  A dump of
 *	more than one part resumes by count; if a switch or port was added or
 *	deleted in the namespace between two parts, a switch may be missed or
 *	repeated and the later parts set NLM_F_DUMP_INTR.
 *
 * VSW_CMD_PORT_NEW  doit: plug a device into a switch as a VM port
 *	VSW_A_SWITCH_NAME	required
 *	VSW_A_PORT_IFINDEX	u32, required
 *	VSW_A_PORT_LEARN_LIMIT	u32, MACs this port may have learned, 0 = no
 *				limit but the switch's (default 0)
 *	VSW_A_PORT_VLAN_MODE	u8 enum vsw_vlan_mode, optional (default
 *				untagged); with it, the mode's own settings:
 *	VSW_A_PORT_VLAN_VID	u16 1..4094, required for access
 *	VSW_A_PORT_VLAN_TRUNK	512 bytes, required for trunk: 128 u32 in host
 *				byte order, VID N at bit N % 32 of word N / 32;
 *				bits 0 and 4095 clear, at least one set
 *	VSW_A_PORT_VLAN_NATIVE	u16 0..4094, trunk only, default 0
 *	A setting of another mode than the one given, or one without a mode,
 *	is EINVAL and named.
 *	The port security and traffic control settings, optional, each
 *	described below: VSW_A_PORT_MAC_SPOOF, VSW_A_PORT_ALLOW_MAC,
 *	VSW_A_PORT_IP_GUARD, VSW_A_PORT_ALLOW_IP, VSW_A_PORT_DHCP_GUARD,
 *	VSW_A_PORT_ROUTER_GUARD, VSW_A_PORT_ISOLATION, VSW_A_PORT_COMMUNITY,
 *	VSW_A_PORT_MIRROR, VSW_A_PORT_STORM_LIMIT, VSW_A_PORT_MAX_RATE.
 *
 * Port security and traffic control.  Each check runs on the frames a port
 * sends into the switch: the guards after its VLAN is known and before its
 * source is learned (a frame they drop is never learned), the limits and
 * isolation after the lookup (a frame they drop was learned).  A frame a
 * check drops is counted by reason (enum vsw_drops_attr) and never
 * mirrored, and the first drop of each reason on a port is logged
 * (rate-limited) with the switch, the port and the setting.  The
 * classifiers read past 802.1Q and 802.1ad tags in the frame or offloaded
 * and past the whole IPv6 extension header chain, and never past the
 * frame's end.  All default to off.
 *	VSW_A_PORT_MAC_SPOOF	u8 0/1, default 1.  0: the port sends only
 *				from the MACs of VSW_A_PORT_ALLOW_MAC, or, with
 *				none, from the first MAC it sends from after
 *				the setting (kept until the MAC settings change)
 *	VSW_A_PORT_ALLOW_MAC	binary, 6 bytes per MAC, at most 16, unicast and
 *				not zero; empty: none
 *	VSW_A_PORT_IP_GUARD	u8 enum vsw_ip_guard.  STATIC: the source of
 *				IPv4 and IPv6 packets, the sender of ARP and
 *				the target of Neighbor Advertisements must be
 *				in a VSW_A_PORT_ALLOW_IP prefix; DHCP: must be
 *				leased to the port, as learned from the DHCPv4
 *				ACK and DHCPv6 REPLY (IA_NA, IA_TA) messages
 *				it receives from ports whose DHCP guard is off
 *				and whose client (the DHCPv4 chaddr, the DHCPv6
 *				reply's destination MAC) the FDB has on it,
 *				each for its lease time (at most 16 leases; a
 *				new one takes the place of the one that expires
 *				first), and only from its client's MAC.
 *				0.0.0.0, :: and fe80::/10 always pass.  An
 *				IPv4 address matches IPv4 prefixes only, an
 *				IPv6 one IPv6 prefixes.
 *				A change away from DHCP, or of the VLAN
 *				settings, forgets the leases.
 *	VSW_A_PORT_ALLOW_IP	nest, repeated, one per prefix, at most 32, with
 *				IP_GUARD STATIC only (which needs one):
 *				VSW_PREFIX_ADDR (4 or 16 bytes) and
 *				VSW_PREFIX_LEN (u8, at most 32 or 128, default
 *				the whole address); host bits are cleared.
 *				Given, they replace the whole list.
 *	VSW_A_PORT_DHCP_GUARD	u8 0/1: drop what servers and relays send
 *				(RFC 7610): UDP to port 68 or 546, and to or
 *				from port 67 or 547 what is not a client's
 *				message (a BOOTREQUEST; not an ADVERTISE,
 *				REPLY, RECONFIGURE, RELAY-REPL or
 *				DHCPV4-RESPONSE)
 *	VSW_A_PORT_ROUTER_GUARD	u8 0/1: drop ICMPv6 Router Advertisements and
 *				Redirects, ICMPv4 Redirects and Router
 *				Advertisements (RFC 7113)
 *	With any guard but the MAC one on, a frame cut inside its tags (more
 *	than 4 in the frame), its IPv4 header or its IPv6 header chain (a
 *	first fragment whose chain does not reach the upper layer, a chain of
 *	more than 16 headers), or shorter than its IP header says, is
 *	dropped; later fragments pass, their first one having been checked.
 *	Reads stop at the IP datagram's end: a trailer is not its data.
 *	VSW_A_PORT_ISOLATION	u8 enum vsw_isolation: ISOLATED ports reach
 *				only ports of NONE, COMMUNITY ports those and
 *				the ports of their VSW_A_PORT_COMMUNITY (u32
 *				1..4294967295, required with COMMUNITY only);
 *				unicast to a port out of reach is dropped
 *				(VSW_DROPS_ISOLATION), floods skip it
 *	VSW_A_PORT_MIRROR	u8 enum vsw_mirror: a copy of each frame a
 *				SOURCE port sends or receives goes to each
 *				DESTINATION port, as the source port sends or
 *				received it (its VLAN tagging), once per frame,
 *				but not to the frame's own ports or, for a
 *				flood, to those the flood reaches
 *	VSW_A_PORT_STORM_LIMIT	u32 broadcast, multicast and unknown unicast
 *				frames a second the port may send, 0: no limit
 *	VSW_A_PORT_MAX_RATE	u64 bit/s the port may send (frame length
 *				from the Ethernet header), 0: no limit
 *	The limits are token buckets, storm-limit's holding a tenth of a
 *	second of its rate, max-rate's a second (at least 1 Mbit); a frame
 *	above one is dropped.
 *	VSW_A_PORT_MAC_SPOOF 0, VSW_A_PORT_ALLOW_MAC and an IP guard other
 *	than OFF are EINVAL on the uplink.  Whatever the settings, frames to
 *	01:00:0c:cc:cc:cc (Cisco's DTP, CDP, VTP) from VM ports are dropped:
 *	a VM must not negotiate a trunk with the LAN's switch.
 *
 * VLANs.  VLAN 0 is the untagged network.  Untagged frames from a port
 * join its pvid (untagged: 0, access: its VID, trunk: its native VLAN) and
 * frames of the pvid leave it untagged; a trunk also takes and sends
 * frames tagged with its trunk VIDs.  A frame's tag is its outer 802.1Q
 * tag, in the frame or offloaded (both are the same); a priority tag (VID
 * 0) is no tag, an 802.1ad tag is payload, but a tag of either type with
 * VID 0 followed by another tag drops the frame (a receiver would strip
 * the one and take the other).  Any other tagged frame is dropped and counted
 * in VSW_DROPS_VLAN, and so is a frame of a VLAN other than 0 that no other
 * port carries (it is not learned).  Learning, lookups, floods and static entries are per
 * VLAN; the host vNIC's local entry (in VLAN 0) stands for its MAC in
 * every VLAN the host port carries, and that MAC is never learned in
 * another VLAN.  The uplink starts as a trunk of all VIDs (native 0).
 *
 * VSW_CMD_PORT_DEL  doit: unplug a VM port (the uplink and host port go with
 *	the switch): VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX required, nothing
 *	else accepted
 *
 * VSW_CMD_PORT_SET  doit: VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX required,
 *	VSW_A_PORT_LEARN_LIMIT, the VLAN and the port security settings (as
 *	PORT_NEW) optional, on any port: the host port is named by the host
 *	vNIC, the uplink by its device.  A VLAN mode replaces all the VLAN
 *	settings; the port's dynamic entries of the VLANs it no longer carries
 *	are removed.  Settings not given are kept.  A refused request changes
 *	nothing.  A PORT_SET event follows.
 *
 * VSW_CMD_PORT_GET  dumpit: VSW_A_SWITCH_NAME required, VSW_A_PORT_STATS
 *	requested by setting VSW_A_STATS.  One message per port:
 *	VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
 *	VSW_A_PORT_ROLE (u8 enum vsw_port_role), VSW_A_PORT_LEARN_LIMIT,
 *	VSW_A_PORT_LEARNED (u32), VSW_A_PORT_VLAN_MODE, and VSW_A_PORT_VLAN_VID
 *	(access) or VSW_A_PORT_VLAN_NATIVE and VSW_A_PORT_VLAN_TRUNK (trunk);
 *	VSW_A_PORT_MAC_SPOOF, VSW_A_PORT_ALLOW_MAC (empty when none),
 *	VSW_A_PORT_IP_GUARD, VSW_A_PORT_ALLOW_IP (one per prefix),
 *	VSW_A_PORT_DHCP_GUARD, VSW_A_PORT_ROUTER_GUARD, VSW_A_PORT_ISOLATION,
 *	VSW_A_PORT_COMMUNITY (community only), VSW_A_PORT_MIRROR,
 *	VSW_A_PORT_STORM_LIMIT, VSW_A_PORT_MAX_RATE (8 bytes, maybe not
 *	8-aligned: read it with a copy); with IP_GUARD DHCP,
 *	VSW_A_PORT_LEASES, one nest per lease in force: VSW_LEASE_ADDR (4 or
 *	16 bytes), VSW_LEASE_MAC (the client's), VSW_LEASE_EXPIRES (u32
 *	seconds left);
 *	VSW_A_PORT_STATS (nest of enum vsw_stats_attr, each an NLA_UINT: 4 or
 *	8 bytes, and VSW_STATS_DROPS, a nest of enum vsw_drops_attr: the
 *	dropped frames by reason, each also in VSW_STATS_DROPPED) when asked.
 *	As the switch dump, the later parts set NLM_F_DUMP_INTR if a port of
 *	the switch was added or deleted between two parts, and the dump ends,
 *	marked so, if the switch was deleted.
 *
 * VSW_CMD_FDB_NEW  doit: add a static entry
 *	VSW_A_SWITCH_NAME, VSW_A_FDB_MAC (6 bytes, unicast, not zero),
 *	VSW_A_PORT_IFINDEX required, VSW_A_FDB_VLAN (u16 0..4094, default 0)
 *	optional; EINVAL if the port does not carry the VLAN (a later mode
 *	change keeps the entry: frames it would send where the port no longer
 *	carries their VLAN are flooded in it).  An existing dynamic entry for
 *	the MAC in that VLAN becomes static on that port; a static or local
 *	one is EEXIST; the host vNIC's MAC in a VLAN other than 0 is
 *	EADDRINUSE (its local entry is its in every VLAN).
 *
 * VSW_CMD_FDB_DEL  doit: VSW_A_SWITCH_NAME, VSW_A_FDB_MAC required,
 *	VSW_A_FDB_VLAN optional (default 0), nothing else accepted; local
 *	entries cannot be deleted (EINVAL).
 *
 * VSW_CMD_FDB_GET  dumpit: VSW_A_SWITCH_NAME required, VSW_A_PORT_IFINDEX
 *	and VSW_A_FDB_VLAN optional filters.  One message per entry: VSW_A_SWITCH_NAME,
 *	VSW_A_FDB_MAC, VSW_A_FDB_VLAN (u16), VSW_A_PORT_IFINDEX,
 *	VSW_A_PORT_IFNAME, VSW_A_FDB_TYPE (u8 enum vsw_fdb_type), VSW_A_FDB_AGE
 *	(u32 seconds since the entry was last seen).  A dump spans several
 *	messages; it resumes after the last entry it sent.  An entry that
 *	stays in the table through the dump is listed once; one learned
 *	during the dump may or may not be.  If the entry a part stopped at is
 *	removed before the next part, the dump skips as many entries as it
 *	sent, may miss or repeat one, and sets NLM_F_DUMP_INTR.  It ends, so
 *	marked, if the switch or the filter port was deleted.
 *
 * VSW_CMD_FDB_FLUSH  doit: VSW_A_SWITCH_NAME required, VSW_A_PORT_IFINDEX
 *	optional (that port's entries only), VSW_A_FDB_VLAN optional (that
 *	VLAN's only), VSW_A_FLUSH_FLAGS u32 optional (VSW_FLUSH_F_DYNAMIC:
 *	dynamic entries only).  Local entries stay.
 *
 * VSW_CMD_EVENT  multicast on "events" only, one message per event; FDB
 *	events are batched, several messages to a datagram of at most
 *	NLMSG_GOODSIZE (a page-sized read buffer takes any), datagrams sent
 *	in bursts of up to 32 (about 140 KB, within the default receive
 *	buffer), and reach the group within a jiffy; a port or switch event
 *	flushes the batch before it, so the order is kept.  A listener too
 *	slow for a learning storm gets ENOBUFS on its socket, as with any
 *	netlink group, and so do all when an event cannot be built (no
 *	memory): what came before it is delivered first.  VSW_A_EVENT (u8
 *	enum vsw_event), VSW_A_SWITCH_NAME,
 *	and:
 *	- FDB events (LEARN, MOVE, AGE, FDB_ADD, FDB_DEL, EVICT): VSW_A_FDB_MAC,
 *	  VSW_A_FDB_VLAN, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME (the port the
 *	  entry is on, or was on), and for FDB_ADD VSW_A_FDB_TYPE (static or
 *	  local).  FDB_ADD: a static entry added, a learned one made static, or
 *	  the host vNIC's local entry made (its MAC set: the new MAC's entries
 *	  in other VLANs are removed with it, without events); FDB_DEL: an entry
 *	  removed by a request, by the host vNIC's MAC change, or because a
 *	  move would take its new port past its learn-limit; EVICT: a learned
 *	  entry removed (evict fair) to make room for a LEARN, which follows
 *	  unless the new entry could not be made after all (no memory).
 *	- FLUSH: VSW_A_PORT_IFINDEX and VSW_A_PORT_IFNAME if it was limited to
 *	  a port, VSW_A_FDB_VLAN if to a VLAN, VSW_A_FLUSH_FLAGS if to dynamic
 *	  entries.  A port's deletion removes its entries without a FLUSH:
 *	  PORT_DEL says it; so does PORT_SET for the entries of the VLANs a
 *	  port left.
 *	- PORT_ADD, PORT_SET, PORT_DEL: the port as PORT_GET gives it, without
 *	  stats or leases.
 *	- SWITCH_ADD, SWITCH_SET, SWITCH_DEL: the switch as SWITCH_GET gives
 *	  it at that moment.  SWITCH_ADD goes out with its settings applied,
 *	  before its ports are made; each port's PORT_ADD (the host port's
 *	  first, followed by FDB_ADD of the host vNIC's local entry, then the
 *	  uplink's) goes out before anything is learned on it.  If a port of
 *	  a new switch cannot be made, SWITCH_DEL follows.  A listener that
 *	  replays the events from before a switch was made holds what FDB_GET
 *	  dumps.
 */
#ifndef _UAPI_LINUX_VSW_H
#define _UAPI_LINUX_VSW_H

#include "vsw_genl.h"

/* VSW_A_PORT_VLAN_TRUNK's length: a bit for each of the 4096 VIDs. */
#define VSW_VLAN_MAP_LEN	512

#endif /* _UAPI_LINUX_VSW_H */
