/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vsw.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_VSW_GENL_H
#define _UAPI_LINUX_VSW_GENL_H

#define VSW_GENL_NAME		"vsw"
#define VSW_GENL_VERSION	1

enum vsw_switch_type {
	VSW_TYPE_EXTERNAL,
	VSW_TYPE_INTERNAL,
	VSW_TYPE_PRIVATE,

	/* private: */
	__VSW_TYPE_MAX,
	VSW_TYPE_MAX = (__VSW_TYPE_MAX - 1)
};

enum vsw_port_role {
	VSW_ROLE_UPLINK,
	VSW_ROLE_HOST,
	VSW_ROLE_VM,

	/* private: */
	__VSW_ROLE_MAX,
	VSW_ROLE_MAX = (__VSW_ROLE_MAX - 1)
};

enum vsw_fdb_type {
	VSW_FDB_DYNAMIC,
	VSW_FDB_STATIC,
	VSW_FDB_LOCAL,

	/* private: */
	__VSW_FDB_MAX,
	VSW_FDB_MAX = (__VSW_FDB_MAX - 1)
};

enum vsw_flush_flags {
	VSW_FLUSH_F_DYNAMIC = 1,

	/* private: */
	VSW_FLUSH_F_MASK = 1,
};

/**
 * enum vsw_event
 * @VSW_EVENT_FDB_ADD: a static entry added, a learned one made static, a local
 *   one made
 * @VSW_EVENT_FDB_DEL: an entry removed other than by ageing or a flush
 * @VSW_EVENT_PORT_SET: a port's settings changed
 * @VSW_EVENT_EVICT: a learned entry removed to make room for another (evict
 *   fair)
 */
enum vsw_event {
	VSW_EVENT_LEARN,
	VSW_EVENT_MOVE,
	VSW_EVENT_AGE,
	VSW_EVENT_FLUSH,
	VSW_EVENT_PORT_ADD,
	VSW_EVENT_PORT_DEL,
	VSW_EVENT_SWITCH_ADD,
	VSW_EVENT_SWITCH_DEL,
	VSW_EVENT_FDB_ADD,
	VSW_EVENT_FDB_DEL,
	VSW_EVENT_SWITCH_SET,
	VSW_EVENT_PORT_SET,
	VSW_EVENT_EVICT,

	/* private: */
	__VSW_EVENT_MAX,
	VSW_EVENT_MAX = (__VSW_EVENT_MAX - 1)
};

/**
 * enum vsw_evict - what learning does when the FDB is full
 * @VSW_EVICT_NONE: nothing is learned until an entry ages or is removed
 * @VSW_EVICT_FAIR: the oldest learned entry of the port that holds the most
 *   learned entries makes room
 */
enum vsw_evict {
	VSW_EVICT_NONE,
	VSW_EVICT_FAIR,

	/* private: */
	__VSW_EVICT_MAX,
	VSW_EVICT_MAX = (__VSW_EVICT_MAX - 1)
};

/**
 * enum vsw_vlan_mode - what a port does with VLANs
 * @VSW_VLAN_MODE_UNTAGGED: untagged frames are VLAN 0; tagged ones are dropped
 * @VSW_VLAN_MODE_ACCESS: untagged frames join port-vlan-vid; tagged ones are
 *   dropped
 * @VSW_VLAN_MODE_TRUNK: frames tagged with a VID of port-vlan-trunk join it
 *   and leave tagged; untagged frames join port-vlan-native and its frames
 *   leave untagged
 */
enum vsw_vlan_mode {
	VSW_VLAN_MODE_UNTAGGED,
	VSW_VLAN_MODE_ACCESS,
	VSW_VLAN_MODE_TRUNK,

	/* private: */
	__VSW_VLAN_MODE_MAX,
	VSW_VLAN_MODE_MAX = (__VSW_VLAN_MODE_MAX - 1)
};

/**
 * enum vsw_ip_guard - which source addresses a port may send from
 * @VSW_IP_GUARD_OFF: any
 * @VSW_IP_GUARD_STATIC: those of port-allow-ip
 * @VSW_IP_GUARD_DHCP: those leased to the port by DHCP, learned from the
 *   replies it receives
 */
enum vsw_ip_guard {
	VSW_IP_GUARD_OFF,
	VSW_IP_GUARD_STATIC,
	VSW_IP_GUARD_DHCP,

	/* private: */
	__VSW_IP_GUARD_MAX,
	VSW_IP_GUARD_MAX = (__VSW_IP_GUARD_MAX - 1)
};

/**
 * enum vsw_isolation - which ports a port's frames may reach (private VLAN
 *   modes, without VLAN IDs)
 * @VSW_ISOLATION_NONE: every port
 * @VSW_ISOLATION_ISOLATED: only ports of isolation none
 * @VSW_ISOLATION_COMMUNITY: ports of isolation none and of its own
 *   port-community
 */
enum vsw_isolation {
	VSW_ISOLATION_NONE,
	VSW_ISOLATION_ISOLATED,
	VSW_ISOLATION_COMMUNITY,

	/* private: */
	__VSW_ISOLATION_MAX,
	VSW_ISOLATION_MAX = (__VSW_ISOLATION_MAX - 1)
};

/**
 * enum vsw_mirror - a port's part in port mirroring
 * @VSW_MIRROR_SOURCE: each frame it sends or receives is copied to every
 *   destination
 * @VSW_MIRROR_DESTINATION: receives the copies, and its own traffic
 */
enum vsw_mirror {
	VSW_MIRROR_NONE,
	VSW_MIRROR_SOURCE,
	VSW_MIRROR_DESTINATION,

	/* private: */
	__VSW_MIRROR_MAX,
	VSW_MIRROR_MAX = (__VSW_MIRROR_MAX - 1)
};

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
	VSW_A_PORT_VLAN_MODE,
	VSW_A_PORT_VLAN_VID,
	VSW_A_PORT_VLAN_NATIVE,
	VSW_A_PORT_VLAN_TRUNK,
	VSW_A_PORT_MAC_SPOOF,
	VSW_A_PORT_ALLOW_MAC,
	VSW_A_PORT_IP_GUARD,
	VSW_A_PORT_ALLOW_IP,
	VSW_A_PORT_DHCP_GUARD,
	VSW_A_PORT_ROUTER_GUARD,
	VSW_A_PORT_ISOLATION,
	VSW_A_PORT_COMMUNITY,
	VSW_A_PORT_MIRROR,
	VSW_A_PORT_STORM_LIMIT,
	VSW_A_PORT_MAX_RATE,
	VSW_A_PORT_LEASES,
	VSW_A_MOVE_IP,
	VSW_A_EVICT,

	__VSW_A_LAST,
	VSW_A_MAX = (__VSW_A_LAST - 1)
};

enum vsw_prefix_attr {
	VSW_PREFIX_UNSPEC,
	VSW_PREFIX_ADDR,
	VSW_PREFIX_LEN,

	__VSW_PREFIX_LAST,
	VSW_PREFIX_MAX = (__VSW_PREFIX_LAST - 1)
};

enum vsw_lease_attr {
	VSW_LEASE_UNSPEC,
	VSW_LEASE_ADDR,
	VSW_LEASE_MAC,
	VSW_LEASE_EXPIRES,

	__VSW_LEASE_LAST,
	VSW_LEASE_MAX = (__VSW_LEASE_LAST - 1)
};

enum vsw_stats_attr {
	VSW_STATS_UNSPEC,
	VSW_STATS_RX_PACKETS,
	VSW_STATS_RX_BYTES,
	VSW_STATS_TX_PACKETS,
	VSW_STATS_TX_BYTES,
	VSW_STATS_FLOODED,
	VSW_STATS_DROPPED,
	VSW_STATS_DROPS,

	__VSW_STATS_LAST,
	VSW_STATS_MAX = (__VSW_STATS_LAST - 1)
};

enum vsw_drops_attr {
	VSW_DROPS_UNSPEC,
	VSW_DROPS_VLAN,
	VSW_DROPS_SPOOF,
	VSW_DROPS_DHCP_GUARD,
	VSW_DROPS_ROUTER_GUARD,
	VSW_DROPS_IP_GUARD,
	VSW_DROPS_ISOLATION,
	VSW_DROPS_STORM,
	VSW_DROPS_RATE,

	__VSW_DROPS_LAST,
	VSW_DROPS_MAX = (__VSW_DROPS_LAST - 1)
};

enum vsw_cmd {
	VSW_CMD_SWITCH_NEW = 1,
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

	__VSW_CMD_LAST,
	VSW_CMD_MAX = (__VSW_CMD_LAST - 1)
};

#define VSW_GENL_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_VSW_GENL_H */
