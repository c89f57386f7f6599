/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vsw: the Hyper-V virtual switch for Linux, generic netlink interface.
 *
 * Family name "vsw" (VSW_GENL_NAME), version 1, multicast group "events"
 * (VSW_GENL_MCGRP_EVENTS).  Every command needs CAP_NET_ADMIN over the network
 * namespace of the socket (GENL_UNS_ADMIN_PERM) and acts on the switches of
 * that namespace.  Devices are named by ifindex or by name in requests (the
 * ifindex wins when both are given) and by ifindex and name in replies.
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
 *	VSW_A_SWITCH_NAME	string, required, at most IFNAMSIZ - 1 bytes
 *	VSW_A_SWITCH_TYPE	u8 enum vsw_switch_type, required
 *	VSW_A_UPLINK_IFINDEX	u32, required for external, refused otherwise
 *	VSW_A_HOST		u8 0|1, external only, default 1
 *	VSW_A_AGEING		u32 seconds, 1..1000000, default 300
 *	VSW_A_MAX_ENTRIES	u32, 1..16777216, default 1048576
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
 *
 * VSW_CMD_SWITCH_GET  doit (VSW_A_SWITCH_NAME) or dumpit (all switches)
 *	reply: VSW_A_SWITCH_NAME, VSW_A_SWITCH_TYPE, VSW_A_UPLINK_IFINDEX and
 *	VSW_A_UPLINK_IFNAME (external, while bound), VSW_A_HOST_IFINDEX and
 *	VSW_A_HOST_IFNAME (when it has a host vNIC), VSW_A_AGEING,
 *	VSW_A_MAX_ENTRIES, VSW_A_FDB_ENTRIES, VSW_A_NPORTS (all ports,
 *	uplink and host included).  A dump of more than one part resumes by
 *	count; if a switch or port was added or deleted in the namespace
 *	between two parts, a switch may be missed or repeated and the later
 *	parts set NLM_F_DUMP_INTR.
 *
 * VSW_CMD_PORT_NEW  doit: plug a device into a switch as a VM port
 *	VSW_A_SWITCH_NAME	required
 *	VSW_A_PORT_IFINDEX	u32, required
 *	VSW_A_PORT_LEARN_LIMIT	u32, MACs this port may have learned, 0 = no
 *				limit but the switch's (default 0)
 *
 * VSW_CMD_PORT_DEL  doit: unplug a VM port (the uplink and host port go with
 *	the switch): VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX required
 *
 * VSW_CMD_PORT_SET  doit: VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX required,
 *	VSW_A_PORT_LEARN_LIMIT optional
 *
 * VSW_CMD_PORT_GET  dumpit: VSW_A_SWITCH_NAME required, VSW_A_PORT_STATS
 *	requested by setting VSW_A_STATS.  One message per port:
 *	VSW_A_SWITCH_NAME, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
 *	VSW_A_PORT_ROLE (u8 enum vsw_port_role), VSW_A_PORT_LEARN_LIMIT,
 *	VSW_A_PORT_LEARNED (u32), and VSW_A_PORT_STATS (nest of
 *	enum vsw_stats_attr, each an NLA_UINT: 4 or 8 bytes) when asked.
 *	As the switch dump, the later parts set NLM_F_DUMP_INTR if a port of
 *	the switch was added or deleted between two parts, and the dump ends,
 *	marked so, if the switch was deleted.
 *
 * VSW_CMD_FDB_NEW  doit: add a static entry
 *	VSW_A_SWITCH_NAME, VSW_A_FDB_MAC (6 bytes, unicast, not zero),
 *	VSW_A_PORT_IFINDEX required.  An existing dynamic entry for the MAC
 *	becomes static on that port; a static or local one is EEXIST.
 *
 * VSW_CMD_FDB_DEL  doit: VSW_A_SWITCH_NAME, VSW_A_FDB_MAC required; local
 *	entries cannot be deleted (EINVAL).
 *
 * VSW_CMD_FDB_GET  dumpit: VSW_A_SWITCH_NAME required, VSW_A_PORT_IFINDEX
 *	optional filter.  One message per entry: VSW_A_SWITCH_NAME,
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
 *	optional (that port's entries only), VSW_A_FLUSH_FLAGS u32 optional
 *	(VSW_FLUSH_F_DYNAMIC: dynamic entries only).  Local entries stay.
 *
 * VSW_CMD_EVENT  multicast on "events" only, one message per event; FDB
 *	events are batched, several messages to a datagram of at most
 *	NLMSG_GOODSIZE (a page-sized read buffer takes any), datagrams sent
 *	in bursts of up to 32 (about 140 KB, within the default receive
 *	buffer), and reach the group within a jiffy; a port or switch event
 *	flushes the batch before it, so the order is kept.  A listener too
 *	slow for a learning storm gets ENOBUFS on its socket, as with any
 *	netlink group.  VSW_A_EVENT (u8 enum
 *	vsw_event), VSW_A_SWITCH_NAME, and for FDB events VSW_A_FDB_MAC,
 *	VSW_A_FDB_VLAN, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME; for port events
 *	VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME, VSW_A_PORT_ROLE; a flush names
 *	the port it was limited to, if any.
 */
#ifndef _UAPI_LINUX_VSW_H
#define _UAPI_LINUX_VSW_H

#define VSW_GENL_NAME		"vsw"
#define VSW_GENL_VERSION	1
#define VSW_GENL_MCGRP_EVENTS	"events"

enum vsw_cmd {
	VSW_CMD_UNSPEC,
	VSW_CMD_SWITCH_NEW,
	VSW_CMD_SWITCH_DEL,
	VSW_CMD_SWITCH_SET,
	VSW_CMD_SWITCH_GET,
	VSW_CMD_PORT_NEW,
	VSW_CMD_PORT_DEL,
	VSW_CMD_PORT_SET,
	VSW_CMD_PORT_GET,
	VSW_CMD_FDB_NEW,
	VSW_CMD_FDB_DEL,
	VSW_CMD_FDB_GET,
	VSW_CMD_FDB_FLUSH,
	VSW_CMD_EVENT,

	__VSW_CMD_LAST
};

#define VSW_CMD_MAX (__VSW_CMD_LAST - 1)

enum vsw_attr {
	VSW_A_UNSPEC,
	VSW_A_SWITCH_NAME,
	VSW_A_SWITCH_TYPE,
	VSW_A_UPLINK_IFINDEX,
	VSW_A_UPLINK_IFNAME,
	VSW_A_HOST,
	VSW_A_HOST_IFINDEX,
	VSW_A_HOST_IFNAME,
	VSW_A_AGEING,
	VSW_A_MAX_ENTRIES,
	VSW_A_FDB_ENTRIES,
	VSW_A_NPORTS,
	VSW_A_PORT_IFINDEX,
	VSW_A_PORT_IFNAME,
	VSW_A_PORT_ROLE,
	VSW_A_PORT_LEARN_LIMIT,
	VSW_A_PORT_LEARNED,
	VSW_A_STATS,
	VSW_A_PORT_STATS,
	VSW_A_FDB_MAC,
	VSW_A_FDB_VLAN,
	VSW_A_FDB_TYPE,
	VSW_A_FDB_AGE,
	VSW_A_FLUSH_FLAGS,
	VSW_A_EVENT,

	__VSW_A_LAST
};

#define VSW_A_MAX (__VSW_A_LAST - 1)

enum vsw_stats_attr {
	VSW_STATS_UNSPEC,
	VSW_STATS_RX_PACKETS,
	VSW_STATS_RX_BYTES,
	VSW_STATS_TX_PACKETS,
	VSW_STATS_TX_BYTES,
	VSW_STATS_FLOODED,
	VSW_STATS_DROPPED,

	__VSW_STATS_LAST
};

#define VSW_STATS_MAX (__VSW_STATS_LAST - 1)

enum vsw_switch_type {
	VSW_TYPE_EXTERNAL,
	VSW_TYPE_INTERNAL,
	VSW_TYPE_PRIVATE,

	__VSW_TYPE_LAST
};

#define VSW_TYPE_MAX (__VSW_TYPE_LAST - 1)

enum vsw_port_role {
	VSW_ROLE_UPLINK,
	VSW_ROLE_HOST,
	VSW_ROLE_VM,

	__VSW_ROLE_LAST
};

#define VSW_ROLE_MAX (__VSW_ROLE_LAST - 1)

enum vsw_fdb_type {
	VSW_FDB_DYNAMIC,
	VSW_FDB_STATIC,
	VSW_FDB_LOCAL,

	__VSW_FDB_LAST
};

#define VSW_FDB_MAX (__VSW_FDB_LAST - 1)

enum vsw_flush_flags {
	VSW_FLUSH_F_DYNAMIC = 1U << 0,

	__VSW_FLUSH_F_ALL = VSW_FLUSH_F_DYNAMIC
};

enum vsw_event {
	VSW_EVENT_LEARN,
	VSW_EVENT_MOVE,
	VSW_EVENT_AGE,
	VSW_EVENT_FLUSH,
	VSW_EVENT_PORT_ADD,
	VSW_EVENT_PORT_DEL,
	VSW_EVENT_SWITCH_ADD,
	VSW_EVENT_SWITCH_DEL,

	__VSW_EVENT_LAST
};

#define VSW_EVENT_MAX (__VSW_EVENT_LAST - 1)

#endif /* _UAPI_LINUX_VSW_H */
