/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/vsw.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_VSW_GEN_H
#define _LINUX_VSW_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/vsw_genl.h>

/* Common nested types */
extern const struct nla_policy vsw_prefix_nl_policy[VSW_PREFIX_LEN + 1];

/* Ops table for vsw */
extern const struct genl_split_ops vsw_nl_ops[13];

int vsw_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_switch_set_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_switch_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vsw_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vsw_nl_fdb_new_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_fdb_del_doit(struct sk_buff *skb, struct genl_info *info);
int vsw_nl_fdb_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int vsw_nl_fdb_flush_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	VSW_NLGRP_EVENTS,
};

extern const struct genl_multicast_group vsw_nl_mcgrps[VSW_NLGRP_EVENTS + 1];

#endif /* _LINUX_VSW_GEN_H */
