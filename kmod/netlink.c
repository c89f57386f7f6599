// SPDX-License-Identifier: GPL-2.0
/*
 * The "vsw" generic netlink family: split ops with strict per-op policies,
 * resumable dumps and an "events" multicast group.  uapi/linux/vsw.h is the
 * manual.  Configuration runs under RTNL.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/netns/generic.h>
#include <net/sock.h>
#include <kunit/visibility.h>
#include "vsw.h"
#include "netlink-gen.h"

static struct genl_family vsw_genl_family;

#ifndef VSW_HAVE_GENLMSG_IPUT
/* compat.h's kernels: a reply's header for the request @info carries. */
static void *genlmsg_iput(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_put_reply(skb, info, &vsw_genl_family, 0,
				 info->genlhdr->cmd);
}
#endif

/*
 * Events are built and sent under RCU, so that module exit can stop them
 * all (and the timers' sends of queued ones) with one grace period before
 * the family goes.
 */
static bool vsw_genl_registered;

/* Message builders, shared by replies, dumps and events. */

static int vsw_put_dev(struct sk_buff *skb, int idx_attr, int name_attr,
		       const struct net_device *dev)
{
	if (nla_put_u32(skb, idx_attr, dev->ifindex) ||
	    nla_put_string(skb, name_attr, dev->name))
		return -EMSGSIZE;
	return 0;
}

static int vsw_fill_switch(struct sk_buff *skb, struct vsw_switch *sw)
{
	if (nla_put_string(skb, VSW_A_SWITCH_NAME, sw->name) ||
	    nla_put_u8(skb, VSW_A_SWITCH_TYPE, sw->type) ||
	    nla_put_u32(skb, VSW_A_AGEING,
			jiffies_to_msecs(READ_ONCE(sw->fdb.ageing)) / 1000) ||
	    nla_put_u32(skb, VSW_A_MAX_ENTRIES, READ_ONCE(sw->fdb.max_entries)) ||
	    nla_put_u32(skb, VSW_A_FDB_ENTRIES, READ_ONCE(sw->fdb.count)) ||
	    nla_put_u32(skb, VSW_A_NPORTS, sw->nports) ||
	    nla_put_u8(skb, VSW_A_MOVE_IP, sw->move_ip) ||
	    nla_put_u8(skb, VSW_A_EVICT, READ_ONCE(sw->fdb.evict)))
		return -EMSGSIZE;
	if (sw->uplink && vsw_put_dev(skb, VSW_A_UPLINK_IFINDEX,
				      VSW_A_UPLINK_IFNAME, sw->uplink->dev))
		return -EMSGSIZE;
	if (sw->host && vsw_put_dev(skb, VSW_A_HOST_IFINDEX,
				    VSW_A_HOST_IFNAME, sw->host))
		return -EMSGSIZE;
	return 0;
}

static int vsw_fill_stats(struct sk_buff *skb, const struct vsw_port *port)
{
	struct nlattr *nest, *drops;
	struct vsw_stats st;
	int i;

	vsw_port_get_stats(port, &st);
	nest = nla_nest_start(skb, VSW_A_PORT_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_uint(skb, VSW_STATS_RX_PACKETS, st.rx_packets) ||
	    nla_put_uint(skb, VSW_STATS_RX_BYTES, st.rx_bytes) ||
	    nla_put_uint(skb, VSW_STATS_TX_PACKETS, st.tx_packets) ||
	    nla_put_uint(skb, VSW_STATS_TX_BYTES, st.tx_bytes) ||
	    nla_put_uint(skb, VSW_STATS_FLOODED, st.flooded) ||
	    nla_put_uint(skb, VSW_STATS_DROPPED, st.dropped))
		goto err;
	drops = nla_nest_start(skb, VSW_STATS_DROPS);
	if (!drops)
		goto err;
	for (i = 1; i <= VSW_DROPS_MAX; i++)
		if (nla_put_uint(skb, i, st.drops[i]))
			goto err;
	nla_nest_end(skb, drops);
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* A port, for a dump (@dump: its leases too, and @stats) or an event. */
static int vsw_fill_port(struct sk_buff *skb, struct vsw_port *port,
			 bool dump, bool stats)
{
	const struct vsw_port_cfg *cfg = rcu_dereference_rtnl(port->cfg);

	if (nla_put_string(skb, VSW_A_SWITCH_NAME, port->sw->name) ||
	    vsw_put_dev(skb, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME, port->dev) ||
	    nla_put_u8(skb, VSW_A_PORT_ROLE, port->role) ||
	    nla_put_u32(skb, VSW_A_PORT_LEARN_LIMIT, port->learn_limit) ||
	    nla_put_u32(skb, VSW_A_PORT_LEARNED, READ_ONCE(port->learned)) ||
	    vsw_vlan_fill(skb, &cfg->vlan) || vsw_guard_fill(skb, cfg) ||
	    nla_put_u8(skb, VSW_A_PORT_ISOLATION, cfg->isolation) ||
	    (cfg->isolation == VSW_ISOLATION_COMMUNITY &&
	     nla_put_u32(skb, VSW_A_PORT_COMMUNITY, cfg->community)) ||
	    nla_put_u8(skb, VSW_A_PORT_MIRROR, cfg->mirror) ||
	    vsw_police_fill(skb, cfg))
		return -EMSGSIZE;
	if (dump && cfg->ip_guard == VSW_IP_GUARD_DHCP &&
	    vsw_leases_fill(skb, &port->leases))
		return -EMSGSIZE;
	if (stats && vsw_fill_stats(skb, port))
		return -EMSGSIZE;
	return 0;
}

static int vsw_fill_fdb(struct sk_buff *skb, struct vsw_switch *sw,
			const struct vsw_fdb_key *key, const struct vsw_port *port)
{
	if (nla_put_string(skb, VSW_A_SWITCH_NAME, sw->name) ||
	    nla_put(skb, VSW_A_FDB_MAC, ETH_ALEN, key->mac) ||
	    nla_put_u16(skb, VSW_A_FDB_VLAN, key->vlan) ||
	    vsw_put_dev(skb, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME, port->dev))
		return -EMSGSIZE;
	return 0;
}

/*
 * Events: built only when someone listens, from any context, appended to the
 * switch's queue (struct vsw_evq).  Room is kept for the largest event of
 * its kind: a switch (two names, two ifindexes, a few u32s), or a port (a
 * trunk's VID map too).
 */
#define VSW_EVENT_SIZE		512
#define VSW_PORT_EVENT_SIZE	(VSW_EVENT_SIZE + VSW_VLAN_MAP_LEN + \
				 VSW_ALLOW_MAC_MAX * ETH_ALEN + \
				 VSW_ALLOW_IP_MAX * 32)

/* The skb being filled joins the full ones, to go out with them. */
static void vsw_evq_seal(struct vsw_evq *q)
{
	__skb_queue_tail(&q->full, q->skb);
	q->skb = NULL;
}

static void vsw_evq_send_locked(struct vsw_switch *sw)
{
	struct vsw_evq *q = &sw->evq;
	struct sk_buff *skb;

	lockdep_assert_held(&q->lock);
	if (q->skb)
		vsw_evq_seal(q);
	while ((skb = __skb_dequeue(&q->full)))
		genlmsg_multicast_netns(&vsw_genl_family, sw->net, skb, 0,
					VSW_NLGRP_EVENTS, GFP_ATOMIC);
}

/* What is queued has no reader left: the switch or the family goes. */
static void vsw_evq_purge(struct vsw_evq *q)
{
	nlmsg_free(q->skb);
	q->skb = NULL;
	__skb_queue_purge(&q->full);
}

static void vsw_evq_timer(struct timer_list *t)
{
	struct vsw_switch *sw = from_timer(sw, t, evq.timer);

	rcu_read_lock();
	spin_lock_bh(&sw->evq.lock);
	if (READ_ONCE(vsw_genl_registered))
		vsw_evq_send_locked(sw);
	else
		vsw_evq_purge(&sw->evq);
	spin_unlock_bh(&sw->evq.lock);
	rcu_read_unlock();
}

void vsw_evq_init(struct vsw_switch *sw)
{
	spin_lock_init(&sw->evq.lock);
	__skb_queue_head_init(&sw->evq.full);
	timer_setup(&sw->evq.timer, vsw_evq_timer, 0);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_evq_init);

/* After the switch's last event. */
void vsw_evq_destroy(struct vsw_switch *sw)
{
	timer_shutdown_sync(&sw->evq.timer);
	vsw_evq_purge(&sw->evq);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_evq_destroy);

/*
 * Start an event message in the queue; on success RCU is held, the queue is
 * locked and vsw_event_end() must follow.
 */
static void *vsw_event_begin(struct vsw_switch *sw, enum vsw_event ev)
{
	int size = ev == VSW_EVENT_PORT_ADD || ev == VSW_EVENT_PORT_SET ||
		   ev == VSW_EVENT_PORT_DEL ? VSW_PORT_EVENT_SIZE : VSW_EVENT_SIZE;
	struct vsw_evq *q = &sw->evq;
	void *hdr;

	rcu_read_lock();
	if (!READ_ONCE(vsw_genl_registered) ||
	    !genl_has_listeners(&vsw_genl_family, sw->net, VSW_NLGRP_EVENTS)) {
		rcu_read_unlock();
		return NULL;
	}
	spin_lock_bh(&q->lock);
	if (q->skb && skb_tailroom(q->skb) < size) {
		vsw_evq_seal(q);
		if (skb_queue_len(&q->full) >= VSW_EVQ_BURST)
			vsw_evq_send_locked(sw);
	}
	if (!q->skb) {
		if (skb_queue_empty(&q->full))
			mod_timer(&q->timer, jiffies + 1);
		/* One page; NLMSG_GOODSIZE plus the headers would take two. */
		q->skb = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_ATOMIC);
		if (!q->skb)
			goto err;
	}
	hdr = genlmsg_put(q->skb, 0, 0, &vsw_genl_family, 0, VSW_CMD_EVENT);
	if (!hdr)
		goto err;
	if (nla_put_u8(q->skb, VSW_A_EVENT, ev)) {
		genlmsg_cancel(q->skb, hdr);
		goto err;
	}
	return hdr;
err:
	/*
	 * The event is lost: after the events before it, the listeners get
	 * ENOBUFS, as from a broadcast that overran them, and dump anew.
	 */
	vsw_evq_send_locked(sw);
	genl_set_err(&vsw_genl_family, sw->net, 0, VSW_NLGRP_EVENTS, -ENOBUFS);
	spin_unlock_bh(&q->lock);
	rcu_read_unlock();
	return NULL;
}

/* FDB events wait for their batch; others go at once with it, in order. */
static void vsw_event_end(struct vsw_switch *sw, void *hdr, int err,
			  bool batch)
{
	struct vsw_evq *q = &sw->evq;

	if (err)
		genlmsg_cancel(q->skb, hdr);
	else
		genlmsg_end(q->skb, hdr);
	if (!batch)
		vsw_evq_send_locked(sw);
	spin_unlock_bh(&q->lock);
	rcu_read_unlock();
}

/* @type goes out with FDB_ADD only: every other FDB event is of one type. */
void vsw_notify_fdb(struct vsw_switch *sw, enum vsw_event ev,
		    const struct vsw_fdb_key *key, const struct vsw_port *port,
		    enum vsw_fdb_type type)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	if (!sw)
		return;
	hdr = vsw_event_begin(sw, ev);
	if (!hdr)
		return;
	skb = sw->evq.skb;
	err = vsw_fill_fdb(skb, sw, key, port);
	if (!err && ev == VSW_EVENT_FDB_ADD)
		err = nla_put_u8(skb, VSW_A_FDB_TYPE, type);
	vsw_event_end(sw, hdr, err, true);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_notify_fdb);

void vsw_notify_port(struct vsw_port *port, enum vsw_event ev)
{
	struct vsw_switch *sw = port->sw;
	void *hdr;

	hdr = vsw_event_begin(sw, ev);
	if (hdr)
		vsw_event_end(sw, hdr,
			      vsw_fill_port(sw->evq.skb, port, false, false),
		      false);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_notify_port);

void vsw_notify_switch(struct vsw_switch *sw, enum vsw_event ev)
{
	void *hdr;

	hdr = vsw_event_begin(sw, ev);
	if (hdr)
		vsw_event_end(sw, hdr, vsw_fill_switch(sw->evq.skb, sw), false);
}

/* @vlan: the VLAN the flush was limited to, or -1. */
void vsw_notify_flush(struct vsw_switch *sw, struct vsw_port *port, int vlan,
		      u32 flags)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	hdr = vsw_event_begin(sw, VSW_EVENT_FLUSH);
	if (!hdr)
		return;
	skb = sw->evq.skb;
	err = nla_put_string(skb, VSW_A_SWITCH_NAME, sw->name);
	if (!err && port)
		err = vsw_put_dev(skb, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
				  port->dev);
	if (!err && vlan >= 0)
		err = nla_put_u16(skb, VSW_A_FDB_VLAN, vlan);
	if (!err && flags)
		err = nla_put_u32(skb, VSW_A_FLUSH_FLAGS, flags);
	vsw_event_end(sw, hdr, err, false);
}

/* Request helpers: each failure names the attribute at fault. */

/* A required attribute: the missing marker, and a message naming it. */
static bool vsw_nl_missing(struct genl_info *info, int attr, const char *what)
{
	if (!GENL_REQ_ATTR_CHECK(info, attr))
		return false;
	NL_SET_ERR_MSG_FMT(info->extack, "%s missing", what);
	return true;
}

static struct vsw_switch *vsw_nl_switch(struct net *net, struct nlattr **attrs,
					struct netlink_ext_ack *extack)
{
	struct nlattr *attr = attrs[VSW_A_SWITCH_NAME];
	struct vsw_switch *sw;

	if (!attr) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, VSW_A_SWITCH_NAME);
		NL_SET_ERR_MSG(extack, "switch name missing");
		return ERR_PTR(-EINVAL);
	}
	sw = vsw_switch_find(net, nla_data(attr));
	if (!sw) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, attr, "no switch named %s",
					(char *)nla_data(attr));
		return ERR_PTR(-ENODEV);
	}
	return sw;
}

static struct net_device *vsw_nl_dev(struct net *net, struct nlattr **attrs,
				     int idx_attr, int name_attr,
				     struct netlink_ext_ack *extack,
				     struct nlattr **which)
{
	struct net_device *dev;

	*which = attrs[idx_attr] ?: attrs[name_attr];
	if (!*which) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, idx_attr);
		NL_SET_ERR_MSG(extack, "device missing");
		return ERR_PTR(-EINVAL);
	}
	if (attrs[idx_attr])
		dev = __dev_get_by_index(net, nla_get_u32(*which));
	else
		dev = __dev_get_by_name(net, nla_data(*which));
	if (!dev) {
		if (attrs[idx_attr])
			NL_SET_ERR_MSG_ATTR_FMT(extack, *which,
						"no device with ifindex %u",
						nla_get_u32(*which));
		else
			NL_SET_ERR_MSG_ATTR_FMT(extack, *which,
						"no device named %s",
						(char *)nla_data(*which));
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

static struct vsw_port *vsw_nl_port(struct vsw_switch *sw, struct net *net,
				    struct nlattr **attrs,
				    struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct vsw_port *port;
	struct nlattr *which;

	dev = vsw_nl_dev(net, attrs, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
			 extack, &which);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	port = vsw_port_find(sw, dev);
	if (!port) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, which, "%s is not a port of %s",
					dev->name, sw->name);
		return ERR_PTR(-ENOENT);
	}
	return port;
}

/* The switch named in the request and its port named by the device. */
static struct vsw_port *vsw_nl_switch_port(struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vsw_switch *sw;

	sw = vsw_nl_switch(net, info->attrs, info->extack);
	if (IS_ERR(sw))
		return ERR_CAST(sw);
	return vsw_nl_port(sw, net, info->attrs, info->extack);
}

static void vsw_nl_fdb_settings(struct vsw_switch *sw, struct nlattr **attrs)
{
	if (attrs[VSW_A_AGEING])
		vsw_fdb_set_ageing(&sw->fdb,
				   nla_get_u32(attrs[VSW_A_AGEING]) * HZ);
	if (attrs[VSW_A_MAX_ENTRIES])
		WRITE_ONCE(sw->fdb.max_entries,
			   nla_get_u32(attrs[VSW_A_MAX_ENTRIES]));
	if (attrs[VSW_A_EVICT])
		WRITE_ONCE(sw->fdb.evict, nla_get_u8(attrs[VSW_A_EVICT]));
}

/* The switch into @msg, a genlmsg_new() of NLMSG_DEFAULT_SIZE, and back. */
static int vsw_nl_fill_reply(struct genl_info *info, struct vsw_switch *sw,
			     struct sk_buff *msg)
{
	void *hdr = genlmsg_iput(msg, info);

	if (!hdr || vsw_fill_switch(msg, sw)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int vsw_nl_reply_switch(struct genl_info *info, struct vsw_switch *sw)
{
	struct sk_buff *msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);

	if (!msg)
		return -ENOMEM;
	return vsw_nl_fill_reply(info, sw, msg);
}

/* Switch commands. */

int vsw_nl_switch_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct net_device *uplink = NULL;
	enum vsw_switch_type type;
	struct vsw_switch *sw;
	struct nlattr *which;
	struct sk_buff *msg;
	const char *name;
	bool host, move_ip;
	int err;

	if (vsw_nl_missing(info, VSW_A_SWITCH_NAME, "switch name") ||
	    vsw_nl_missing(info, VSW_A_SWITCH_TYPE, "switch type"))
		return -EINVAL;
	name = nla_data(attrs[VSW_A_SWITCH_NAME]);
	/* register_netdevice() would make a template of a '%' in the vNIC's. */
	if (!dev_valid_name(name) || strchr(name, '%')) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_SWITCH_NAME],
				    "invalid switch name (a device name, without '%')");
		return -EINVAL;
	}
	type = nla_get_u8(attrs[VSW_A_SWITCH_TYPE]);
	host = type != VSW_TYPE_PRIVATE;
	if (attrs[VSW_A_HOST]) {
		if (type != VSW_TYPE_EXTERNAL) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_HOST],
					    "host on|off is for external switches");
			return -EINVAL;
		}
		host = nla_get_u8(attrs[VSW_A_HOST]);
	}
	move_ip = attrs[VSW_A_MOVE_IP] && nla_get_u8(attrs[VSW_A_MOVE_IP]);
	if (move_ip && !(type == VSW_TYPE_EXTERNAL && host)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_MOVE_IP],
				    "move-ip needs an external switch with its host vNIC");
		return -EINVAL;
	}
	if (type != VSW_TYPE_EXTERNAL &&
	    (attrs[VSW_A_UPLINK_IFINDEX] || attrs[VSW_A_UPLINK_IFNAME])) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_UPLINK_IFINDEX] ?:
				    attrs[VSW_A_UPLINK_IFNAME],
				    "only an external switch has an uplink");
		return -EINVAL;
	}

	/* Once the switch is made, the request cannot fail for its reply. */
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	if (vsw_switch_find(net, name)) {
		NL_SET_ERR_MSG_ATTR_FMT(extack, attrs[VSW_A_SWITCH_NAME],
					"switch %s exists", name);
		err = -EEXIST;
		goto out;
	}
	if (type == VSW_TYPE_EXTERNAL) {
		uplink = vsw_nl_dev(net, attrs, VSW_A_UPLINK_IFINDEX,
				    VSW_A_UPLINK_IFNAME, extack, &which);
		if (IS_ERR(uplink)) {
			if (!which)
				NL_SET_ERR_MSG(extack,
					       "an external switch needs an uplink");
			err = PTR_ERR(uplink);
			goto out;
		}
		err = vsw_port_check(NULL, uplink, extack);
		if (err) {
			NL_SET_BAD_ATTR(extack, which);
			goto out;
		}
	}
	sw = vsw_switch_create(net, name, type, uplink, host, move_ip,
			       attrs[VSW_A_AGEING] ?
			       nla_get_u32(attrs[VSW_A_AGEING]) * HZ : 0,
			       attrs[VSW_A_MAX_ENTRIES] ?
			       nla_get_u32(attrs[VSW_A_MAX_ENTRIES]) : 0, extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		NL_SET_BAD_ATTR(extack, attrs[VSW_A_SWITCH_NAME]);
		goto out;
	}
	err = vsw_nl_fill_reply(info, sw, msg);
	rtnl_unlock();
	return err;
out:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

int vsw_nl_switch_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw))
		err = PTR_ERR(sw);
	else
		vsw_switch_destroy(sw, NULL);
	rtnl_unlock();
	return err;
}

/*
 * A new uplink for an external switch whose uplink was unregistered: checked
 * before anything of the request is applied, plugged in after.
 */
static struct net_device *vsw_nl_new_uplink(struct vsw_switch *sw,
					    struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *which = attrs[VSW_A_UPLINK_IFINDEX] ?:
			       attrs[VSW_A_UPLINK_IFNAME];
	struct net_device *dev;
	int err;

	if (sw->type != VSW_TYPE_EXTERNAL) {
		NL_SET_ERR_MSG_ATTR(info->extack, which,
				    "only an external switch has an uplink");
		return ERR_PTR(-EINVAL);
	}
	if (sw->uplink) {
		NL_SET_ERR_MSG_ATTR_FMT(info->extack, which,
					"%s has an uplink, %s", sw->name,
					sw->uplink->dev->name);
		return ERR_PTR(-EBUSY);
	}
	dev = vsw_nl_dev(genl_info_net(info), attrs, VSW_A_UPLINK_IFINDEX,
			 VSW_A_UPLINK_IFNAME, info->extack, &which);
	if (IS_ERR(dev))
		return dev;
	err = vsw_port_check(sw, dev, info->extack);
	if (err) {
		NL_SET_BAD_ATTR(info->extack, which);
		return ERR_PTR(err);
	}
	return dev;
}

int vsw_nl_switch_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net_device *uplink = NULL;
	struct vsw_switch *sw;
	struct vsw_port *port;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[VSW_A_UPLINK_IFINDEX] || attrs[VSW_A_UPLINK_IFNAME]) {
		uplink = vsw_nl_new_uplink(sw, info);
		if (IS_ERR(uplink)) {
			err = PTR_ERR(uplink);
			goto out;
		}
		port = vsw_port_add(sw, uplink, VSW_ROLE_UPLINK, 0, NULL,
				    info->extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto out;
		}
		sw->uplink = port;
		vsw_host_uplink_changed(sw);
	}
	vsw_nl_fdb_settings(sw, attrs);
	vsw_notify_switch(sw, VSW_EVENT_SWITCH_SET);
out:
	rtnl_unlock();
	return err;
}

int vsw_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_switch *sw;
	int err;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	err = IS_ERR(sw) ? PTR_ERR(sw) : vsw_nl_reply_switch(info, sw);
	rtnl_unlock();
	return err;
}

/* A message of a dump, marked NLM_F_DUMP_INTR if cb->seq changed. */
static void *vsw_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			  u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &vsw_genl_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

/*
 * A later part of a dump whose switch (or port filter) went since the last
 * part, or was made anew under its name: the dump ends there, marked
 * interrupted.
 */
static int vsw_dump_gone(struct netlink_callback *cb)
{
	cb->seq = cb->prev_seq + 1;
	return 0;
}

/*
 * cb->args[0]: how many switches were sent.  A part after a switch or port
 * came or went is marked interrupted: the count may now skip or repeat one.
 */
int vsw_nl_switch_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vsw_net *vn = net_generic(sock_net(skb->sk), vsw_net_id);
	struct vsw_switch *sw;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	cb->seq = vn->gen;
	list_for_each_entry(sw, &vn->switches, list) {
		void *hdr;

		if (idx++ < cb->args[0])
			continue;
		hdr = vsw_dump_put(skb, cb, VSW_CMD_SWITCH_GET);
		if (!hdr || vsw_fill_switch(skb, sw)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			err = skb->len ? skb->len : -EMSGSIZE;
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = idx;
	rtnl_unlock();
	return err ?: skb->len;
}

/* Port commands. */

/*
 * The port settings of @info on @cfg, a copy of a port's of @role, all
 * checked before the caller applies any.
 */
static int vsw_port_cfg_from_attrs(struct vsw_port_cfg *cfg,
				   enum vsw_port_role role,
				   const struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct nlattr *community = attrs[VSW_A_PORT_COMMUNITY];
	int err;

	err = vsw_vlan_from_attrs(&cfg->vlan, attrs, extack);
	if (err)
		return err;
	err = vsw_guard_from_attrs(cfg, role, info);
	if (err)
		return err;
	if (attrs[VSW_A_PORT_ISOLATION]) {
		cfg->isolation = nla_get_u8(attrs[VSW_A_PORT_ISOLATION]);
		cfg->community = 0;
	}
	if (community) {
		if (cfg->isolation != VSW_ISOLATION_COMMUNITY) {
			NL_SET_ERR_MSG_ATTR(extack, community,
					    "port-community goes with port-isolation community only");
			return -EINVAL;
		}
		cfg->community = nla_get_u32(community);
	}
	if (cfg->isolation == VSW_ISOLATION_COMMUNITY && !cfg->community) {
		NL_SET_ERR_ATTR_MISS(extack, NULL, VSW_A_PORT_COMMUNITY);
		NL_SET_ERR_MSG(extack,
			       "port-isolation community needs port-community");
		return -EINVAL;
	}
	if (attrs[VSW_A_PORT_MIRROR])
		cfg->mirror = nla_get_u8(attrs[VSW_A_PORT_MIRROR]);
	vsw_police_from_attrs(cfg, attrs);
	return 0;
}

int vsw_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	struct vsw_port_cfg *cfg;
	struct net_device *dev;
	struct vsw_switch *sw;
	struct vsw_port *port;
	struct nlattr *which;
	u32 limit = 0;
	int err = 0;

	if (attrs[VSW_A_PORT_LEARN_LIMIT])
		limit = nla_get_u32(attrs[VSW_A_PORT_LEARN_LIMIT]);
	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	vsw_port_cfg_default(cfg, VSW_ROLE_VM);
	err = vsw_port_cfg_from_attrs(cfg, VSW_ROLE_VM, info);
	if (err)
		goto out_free;
	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	dev = vsw_nl_dev(net, attrs, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
			 info->extack, &which);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	port = vsw_port_add(sw, dev, VSW_ROLE_VM, limit, cfg, info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		NL_SET_BAD_ATTR(info->extack, which);
	}
out:
	rtnl_unlock();
out_free:
	kfree(cfg);
	return err;
}

int vsw_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_port *port;
	int err = 0;

	rtnl_lock();
	port = vsw_nl_switch_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	if (port->role != VSW_ROLE_VM) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VSW_A_PORT_IFINDEX] ?:
				    info->attrs[VSW_A_PORT_IFNAME],
				    "the uplink and the host port go only with the switch");
		err = -EINVAL;
		goto out;
	}
	vsw_notify_port(port, VSW_EVENT_PORT_DEL);
	vsw_port_del(port);
out:
	rtnl_unlock();
	return err;
}

/* Everything is checked before anything changes. */
int vsw_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_port_cfg *cfg;
	struct vsw_port *port;
	int err = 0;

	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	rtnl_lock();
	port = vsw_nl_switch_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	/* A copy with its padding, for the comparison below. */
	memcpy(cfg, rtnl_dereference(port->cfg), sizeof(*cfg));
	err = vsw_port_cfg_from_attrs(cfg, port->role, info);
	if (err)
		goto out;
	/* Under the FDB lock, so learning sees the old or the new limit. */
	if (attrs[VSW_A_PORT_LEARN_LIMIT]) {
		spin_lock_bh(&port->sw->fdb.lock);
		port->learn_limit = nla_get_u32(attrs[VSW_A_PORT_LEARN_LIMIT]);
		spin_unlock_bh(&port->sw->fdb.lock);
	}
	/* The same settings again: no grace period, nothing starts again. */
	if (memcmp(cfg, rtnl_dereference(port->cfg),
		   offsetof(struct vsw_port_cfg, rcu))) {
		vsw_port_set_cfg(port, cfg);
		cfg = NULL;
	}
	vsw_notify_port(port, VSW_EVENT_PORT_SET);
out:
	rtnl_unlock();
	kfree(cfg);
	return err;
}

/*
 * cb->args[0]: how many ports were sent, cb->args[1]: the switch's id; as
 * the switch dump, for its ports.
 */
int vsw_nl_port_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vsw_dump_attrs(cb);
	bool stats = nla_get_flag(attrs[VSW_A_STATS]);
	struct vsw_switch *sw;
	struct vsw_port *port;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(sw) || (cb->args[0] && cb->args[1] != sw->id)) {
		err = cb->args[0] ? vsw_dump_gone(cb) : PTR_ERR(sw);
		goto out;
	}
	cb->args[1] = sw->id;
	cb->seq = sw->gen;
	list_for_each_entry(port, &sw->ports, list) {
		void *hdr;

		if (idx++ < cb->args[0])
			continue;
		hdr = vsw_dump_put(skb, cb, VSW_CMD_PORT_GET);
		if (!hdr || vsw_fill_port(skb, port, true, stats)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			err = skb->len ? skb->len : -EMSGSIZE;
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = idx;
	if (!err)
		err = skb->len;
out:
	rtnl_unlock();
	return err;
}

/* FDB commands. */

int vsw_nl_fdb_new_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_fdb_key key;
	struct vsw_port *port;
	const u8 *mac;
	u16 vlan = 0;
	int err;

	if (vsw_nl_missing(info, VSW_A_FDB_MAC, "MAC"))
		return -EINVAL;
	if (attrs[VSW_A_FDB_VLAN])
		vlan = nla_get_u16(attrs[VSW_A_FDB_VLAN]);
	mac = nla_data(attrs[VSW_A_FDB_MAC]);
	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "a static entry needs a unicast, non-zero MAC");
		return -EINVAL;
	}
	rtnl_lock();
	port = vsw_nl_switch_port(info);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	/* As the bridge: an entry its port could never use is a mistake. */
	if (!vsw_vlan_carries(&rtnl_dereference(port->cfg)->vlan, vlan)) {
		NL_SET_ERR_MSG_ATTR_FMT(info->extack, attrs[VSW_A_FDB_VLAN] ?:
					attrs[VSW_A_PORT_IFINDEX] ?:
					attrs[VSW_A_PORT_IFNAME],
					"%s does not carry VLAN %u",
					port->dev->name, vlan);
		err = -EINVAL;
		goto out;
	}
	err = vsw_fdb_add(&port->sw->fdb, port, mac, vlan, VSW_FDB_STATIC);
	if (err == -EEXIST)
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "a static or local entry for this MAC and VLAN exists");
	else if (err == -EADDRINUSE)
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "the host vNIC's MAC is its own in every VLAN");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "the FDB is full (max-entries)");
	if (!err) {
		vsw_fdb_key_set(&key, mac, vlan);
		vsw_notify_fdb(port->sw, VSW_EVENT_FDB_ADD, &key, port,
			       VSW_FDB_STATIC);
	}
out:
	rtnl_unlock();
	return err;
}

int vsw_nl_fdb_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_port *port = NULL;
	struct vsw_fdb_key key;
	struct vsw_switch *sw;
	int err;

	if (vsw_nl_missing(info, VSW_A_FDB_MAC, "MAC"))
		return -EINVAL;
	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vsw_fdb_key_set(&key, nla_data(attrs[VSW_A_FDB_MAC]),
			attrs[VSW_A_FDB_VLAN] ?
			nla_get_u16(attrs[VSW_A_FDB_VLAN]) : 0);
	err = vsw_fdb_del(&sw->fdb, key.mac, key.vlan, false, &port);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "no FDB entry for this MAC in this VLAN");
	else if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VSW_A_FDB_MAC],
				    "the host vNIC's local entry cannot be deleted");
	else
		vsw_notify_fdb(sw, VSW_EVENT_FDB_DEL, &key, port,
			       VSW_FDB_DYNAMIC);
out:
	rtnl_unlock();
	return err;
}

int vsw_nl_fdb_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nlattr **attrs = info->attrs;
	struct vsw_fdb_filter filter = { .vlan = -1 };
	struct vsw_port *port = NULL;
	struct vsw_switch *sw;
	u32 flags = 0;
	int err = 0;

	if (attrs[VSW_A_FLUSH_FLAGS])
		flags = nla_get_u32(attrs[VSW_A_FLUSH_FLAGS]);
	if (attrs[VSW_A_FDB_VLAN])
		filter.vlan = nla_get_u16(attrs[VSW_A_FDB_VLAN]);
	filter.scope = flags & VSW_FLUSH_F_DYNAMIC ? VSW_FLUSH_LEARNED :
		       VSW_FLUSH_USER;
	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[VSW_A_PORT_IFINDEX] || attrs[VSW_A_PORT_IFNAME]) {
		port = vsw_nl_port(sw, net, attrs, info->extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto out;
		}
	}
	filter.port = port;
	vsw_fdb_flush_filter(&sw->fdb, &filter);
	vsw_notify_flush(sw, port, filter.vlan, flags);
out:
	rtnl_unlock();
	return err;
}

static int vsw_fill_fdb_entry(struct sk_buff *skb, struct vsw_switch *sw,
			      struct vsw_fdb_entry *f, unsigned long now)
{
	unsigned long age = now - READ_ONCE(f->updated);

	if (vsw_fill_fdb(skb, sw, &f->key, READ_ONCE(f->port)) ||
	    nla_put_u8(skb, VSW_A_FDB_TYPE, f->type) ||
	    nla_put_u32(skb, VSW_A_FDB_AGE, jiffies_to_msecs(age) / 1000))
		return -EMSGSIZE;
	return 0;
}

/*
 * cb->ctx: a struct vsw_fdb_dump, where the last part stopped and in which
 * switch.  A part that lost the walk's place sets NLM_F_DUMP_INTR; entries
 * learned during the dump may or may not be in it, as with any dump.
 */
struct vsw_fdb_dump {
	struct vsw_fdb_cursor cursor;
	u32 sw_id;
};

int vsw_nl_fdb_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vsw_fdb_dump *dump = (struct vsw_fdb_dump *)cb->ctx;
	struct vsw_fdb_cursor *cursor = &dump->cursor;
	struct nlattr **attrs = vsw_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct vsw_fdb_filter filter = { .vlan = -1 };
	unsigned long now = jiffies;
	struct vsw_fdb_entry *f;
	struct vsw_port *port;
	struct vsw_switch *sw;
	int err = 0;

	BUILD_BUG_ON(sizeof(*dump) > sizeof(cb->ctx));
	if (attrs[VSW_A_FDB_VLAN])
		filter.vlan = nla_get_u16(attrs[VSW_A_FDB_VLAN]);
	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, cb->extack);
	if (IS_ERR(sw) || (cursor->passed && dump->sw_id != sw->id)) {
		err = cursor->passed ? vsw_dump_gone(cb) : PTR_ERR(sw);
		goto out;
	}
	dump->sw_id = sw->id;
	if (attrs[VSW_A_PORT_IFINDEX] || attrs[VSW_A_PORT_IFNAME]) {
		port = vsw_nl_port(sw, net, attrs, cb->extack);
		if (IS_ERR(port)) {
			err = cursor->passed ? vsw_dump_gone(cb) : PTR_ERR(port);
			goto out;
		}
		filter.port = port;
	}
	rcu_read_lock();
	f = vsw_fdb_resume(&sw->fdb, cursor);
	cb->seq = cursor->lost + 1;
	hlist_for_each_entry_from_rcu(f, list) {
		void *hdr;

		if (vsw_fdb_filter_match(f, &filter)) {
			hdr = vsw_dump_put(skb, cb, VSW_CMD_FDB_GET);
			if (!hdr)
				break;
			if (vsw_fill_fdb_entry(skb, sw, f, now)) {
				genlmsg_cancel(skb, hdr);
				break;
			}
			genlmsg_end(skb, hdr);
		}
		vsw_fdb_cursor_pass(cursor, f);
	}
	rcu_read_unlock();
	err = skb->len;
out:
	rtnl_unlock();
	return err;
}

#ifndef VSW_HAVE_SPLIT_OPS
/*
 * 6.1 has one struct genl_ops a command: the generated do and dump of one
 * command become one op, with the do's policy (so SWITCH_GET's dump takes
 * and ignores a switch name there).
 */
static struct genl_ops vsw_genl_ops[ARRAY_SIZE(vsw_nl_ops)] __ro_after_init;

static unsigned int __init vsw_genl_ops_init(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(vsw_nl_ops); i++) {
		const struct genl_split_ops *s = &vsw_nl_ops[i];
		struct genl_ops *o = &vsw_genl_ops[n];

		if (n && vsw_genl_ops[n - 1].cmd == s->cmd)
			o = &vsw_genl_ops[n - 1];
		else
			n++;
		o->cmd = s->cmd;
		o->flags = s->flags & ~(GENL_CMD_CAP_DO | GENL_CMD_CAP_DUMP);
		if (s->doit)
			o->doit = s->doit;
		if (s->dumpit)
			o->dumpit = s->dumpit;
		if (!o->policy) {
			o->policy = s->policy;
			o->maxattr = s->maxattr;
		}
	}
	return n;
}
#endif

static struct genl_family vsw_genl_family __ro_after_init = {
	.name		= VSW_GENL_NAME,
	.version	= VSW_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
#ifdef VSW_HAVE_SPLIT_OPS
	.split_ops	= vsw_nl_ops,
	.n_split_ops	= ARRAY_SIZE(vsw_nl_ops),
#else
	.ops		= vsw_genl_ops,
#endif
	.mcgrps		= vsw_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(vsw_nl_mcgrps),
};

int __init vsw_genl_init(void)
{
	int err;

#ifndef VSW_HAVE_SPLIT_OPS
	vsw_genl_family.n_ops = vsw_genl_ops_init();
#endif
	err = genl_register_family(&vsw_genl_family);
	if (!err)
		WRITE_ONCE(vsw_genl_registered, true);
	return err;
}

/* For a listener in the KUnit tests: the events group's number. */
int vsw_genl_events_group(void)
{
	return vsw_genl_family.mcgrp_offset + VSW_NLGRP_EVENTS;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_genl_events_group);

/* No event is built or sent once this returns: the family can go. */
void vsw_genl_exit(void)
{
	WRITE_ONCE(vsw_genl_registered, false);
	synchronize_rcu();
	genl_unregister_family(&vsw_genl_family);
}
