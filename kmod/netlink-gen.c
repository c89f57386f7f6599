// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vsw.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/vsw_genl.h>

/* Integer value ranges */
static const struct netlink_range_validation vsw_a_ageing_range = {
	.min	= 1ULL,
	.max	= 1000000ULL,
};

static const struct netlink_range_validation vsw_a_max_entries_range = {
	.min	= 1ULL,
	.max	= 16777216ULL,
};

static const struct netlink_range_validation vsw_a_port_learn_limit_range = {
	.max	= 16777216ULL,
};

/* Common nested types */
const struct nla_policy vsw_prefix_nl_policy[VSW_PREFIX_LEN + 1] = {
	[VSW_PREFIX_ADDR] = { .type = NLA_BINARY, },
	[VSW_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

/* VSW_CMD_SWITCH_NEW - do */
static const struct nla_policy vsw_switch_new_nl_policy[VSW_A_MOVE_IP + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_SWITCH_TYPE] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_UPLINK_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_UPLINK_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_HOST] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_AGEING] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_ageing_range),
	[VSW_A_MAX_ENTRIES] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_max_entries_range),
	[VSW_A_MOVE_IP] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* VSW_CMD_SWITCH_DEL - do */
static const struct nla_policy vsw_switch_del_nl_policy[VSW_A_SWITCH_NAME + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VSW_CMD_SWITCH_SET - do */
static const struct nla_policy vsw_switch_set_nl_policy[VSW_A_EVICT + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_AGEING] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_ageing_range),
	[VSW_A_MAX_ENTRIES] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_max_entries_range),
	[VSW_A_UPLINK_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_UPLINK_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_EVICT] = NLA_POLICY_MAX(NLA_U8, 1),
};

/* VSW_CMD_SWITCH_GET - do */
static const struct nla_policy vsw_switch_get_nl_policy[VSW_A_SWITCH_NAME + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VSW_CMD_PORT_NEW - do */
static const struct nla_policy vsw_port_new_nl_policy[VSW_A_PORT_MAX_RATE + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_LEARN_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_port_learn_limit_range),
	[VSW_A_PORT_VLAN_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_VLAN_VID] = NLA_POLICY_RANGE(NLA_U16, 1, 4094),
	[VSW_A_PORT_VLAN_NATIVE] = NLA_POLICY_MAX(NLA_U16, 4094),
	[VSW_A_PORT_VLAN_TRUNK] = NLA_POLICY_EXACT_LEN(512),
	[VSW_A_PORT_MAC_SPOOF] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ALLOW_MAC] = { .type = NLA_BINARY, },
	[VSW_A_PORT_IP_GUARD] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_ALLOW_IP] = NLA_POLICY_NESTED(vsw_prefix_nl_policy),
	[VSW_A_PORT_DHCP_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ROUTER_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ISOLATION] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_COMMUNITY] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_MIRROR] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_STORM_LIMIT] = { .type = NLA_U32, },
	[VSW_A_PORT_MAX_RATE] = { .type = NLA_U64, },
};

/* VSW_CMD_PORT_DEL - do */
static const struct nla_policy vsw_port_del_nl_policy[VSW_A_PORT_IFNAME + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VSW_CMD_PORT_SET - do */
static const struct nla_policy vsw_port_set_nl_policy[VSW_A_PORT_MAX_RATE + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_LEARN_LIMIT] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_a_port_learn_limit_range),
	[VSW_A_PORT_VLAN_MODE] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_VLAN_VID] = NLA_POLICY_RANGE(NLA_U16, 1, 4094),
	[VSW_A_PORT_VLAN_NATIVE] = NLA_POLICY_MAX(NLA_U16, 4094),
	[VSW_A_PORT_VLAN_TRUNK] = NLA_POLICY_EXACT_LEN(512),
	[VSW_A_PORT_MAC_SPOOF] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ALLOW_MAC] = { .type = NLA_BINARY, },
	[VSW_A_PORT_IP_GUARD] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_ALLOW_IP] = NLA_POLICY_NESTED(vsw_prefix_nl_policy),
	[VSW_A_PORT_DHCP_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ROUTER_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PORT_ISOLATION] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_COMMUNITY] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_MIRROR] = NLA_POLICY_MAX(NLA_U8, 2),
	[VSW_A_PORT_STORM_LIMIT] = { .type = NLA_U32, },
	[VSW_A_PORT_MAX_RATE] = { .type = NLA_U64, },
};

/* VSW_CMD_PORT_GET - dump */
static const struct nla_policy vsw_port_get_nl_policy[VSW_A_STATS + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_STATS] = { .type = NLA_FLAG, },
};

/* VSW_CMD_FDB_NEW - do */
static const struct nla_policy vsw_fdb_new_nl_policy[VSW_A_FDB_VLAN + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_FDB_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VSW_A_FDB_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
};

/* VSW_CMD_FDB_DEL - do */
static const struct nla_policy vsw_fdb_del_nl_policy[VSW_A_FDB_VLAN + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_FDB_MAC] = NLA_POLICY_EXACT_LEN(6),
	[VSW_A_FDB_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
};

/* VSW_CMD_FDB_GET - dump */
static const struct nla_policy vsw_fdb_get_nl_policy[VSW_A_FDB_VLAN + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_FDB_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
};

/* VSW_CMD_FDB_FLUSH - do */
static const struct nla_policy vsw_fdb_flush_nl_policy[VSW_A_FLUSH_FLAGS + 1] = {
	[VSW_A_SWITCH_NAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_PORT_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[VSW_A_FDB_VLAN] = NLA_POLICY_MAX(NLA_U16, 4094),
	[VSW_A_FLUSH_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0x1),
};

/* Ops table for vsw */
const struct genl_split_ops vsw_nl_ops[13] = {
	{
		.cmd		= VSW_CMD_SWITCH_NEW,
		.doit		= vsw_nl_switch_new_doit,
		.policy		= vsw_switch_new_nl_policy,
		.maxattr	= VSW_A_MOVE_IP,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_SWITCH_DEL,
		.doit		= vsw_nl_switch_del_doit,
		.policy		= vsw_switch_del_nl_policy,
		.maxattr	= VSW_A_SWITCH_NAME,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_SWITCH_SET,
		.doit		= vsw_nl_switch_set_doit,
		.policy		= vsw_switch_set_nl_policy,
		.maxattr	= VSW_A_EVICT,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_SWITCH_GET,
		.doit		= vsw_nl_switch_get_doit,
		.policy		= vsw_switch_get_nl_policy,
		.maxattr	= VSW_A_SWITCH_NAME,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd	= VSW_CMD_SWITCH_GET,
		.dumpit	= vsw_nl_switch_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VSW_CMD_PORT_NEW,
		.doit		= vsw_nl_port_new_doit,
		.policy		= vsw_port_new_nl_policy,
		.maxattr	= VSW_A_PORT_MAX_RATE,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_PORT_DEL,
		.doit		= vsw_nl_port_del_doit,
		.policy		= vsw_port_del_nl_policy,
		.maxattr	= VSW_A_PORT_IFNAME,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_PORT_SET,
		.doit		= vsw_nl_port_set_doit,
		.policy		= vsw_port_set_nl_policy,
		.maxattr	= VSW_A_PORT_MAX_RATE,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_PORT_GET,
		.dumpit		= vsw_nl_port_get_dumpit,
		.policy		= vsw_port_get_nl_policy,
		.maxattr	= VSW_A_STATS,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VSW_CMD_FDB_NEW,
		.doit		= vsw_nl_fdb_new_doit,
		.policy		= vsw_fdb_new_nl_policy,
		.maxattr	= VSW_A_FDB_VLAN,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_FDB_DEL,
		.doit		= vsw_nl_fdb_del_doit,
		.policy		= vsw_fdb_del_nl_policy,
		.maxattr	= VSW_A_FDB_VLAN,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
	{
		.cmd		= VSW_CMD_FDB_GET,
		.dumpit		= vsw_nl_fdb_get_dumpit,
		.policy		= vsw_fdb_get_nl_policy,
		.maxattr	= VSW_A_FDB_VLAN,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DUMP,
	},
	{
		.cmd		= VSW_CMD_FDB_FLUSH,
		.doit		= vsw_nl_fdb_flush_doit,
		.policy		= vsw_fdb_flush_nl_policy,
		.maxattr	= VSW_A_FLUSH_FLAGS,
		.flags		= GENL_UNS_ADMIN_PERM | GENL_CMD_CAP_DO,
	},
};

const struct genl_multicast_group vsw_nl_mcgrps[VSW_NLGRP_EVENTS + 1] = {
	[VSW_NLGRP_EVENTS] = { "events", .flags = GENL_MCAST_CAP_NET_ADMIN, },
};
