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

	/* private: */
	__VSW_EVENT_MAX,
	VSW_EVENT_MAX = (__VSW_EVENT_MAX - 1)
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

	__VSW_A_LAST,
	VSW_A_MAX = (__VSW_A_LAST - 1)
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
