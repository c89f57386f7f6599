// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: taking a device into a switch (the "switch protocol" binding: an
 * rx_handler that consumes its frames), giving it back exactly as it was, and
 * following what happens to it (unregister, carrier, MTU).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/arp.h>
#include <kunit/visibility.h>
#include "vsw.h"

struct vsw_port *vsw_port_find(struct vsw_switch *sw,
			       const struct net_device *dev)
{
	struct vsw_port *port;

	list_for_each_entry_rcu(port, &sw->ports, list, lockdep_rtnl_is_held())
		if (port->dev == dev)
			return port;
	return NULL;
}

static struct vsw_port *vsw_port_of(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != vsw_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* What br_add_if() refuses, in the same order, with a reason. */
int vsw_port_check(struct vsw_switch *sw, struct net_device *dev,
		   struct netlink_ext_ack *extack)
{
	if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER ||
	    dev->addr_len != ETH_ALEN || !is_valid_ether_addr(dev->dev_addr)) {
		NL_SET_ERR_MSG_FMT(extack, "%s is not an Ethernet device",
				   dev->name);
		return -EINVAL;
	}
	if (dev->priv_flags & IFF_DONT_BRIDGE) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s cannot be a port (a Wi-Fi station without 4-address mode?)",
				   dev->name);
		return -EOPNOTSUPP;
	}
	if (dev->priv_flags & IFF_NO_RX_HANDLER) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s cannot be a port: it takes no rx_handler (a VRF?)",
				   dev->name);
		return -EOPNOTSUPP;
	}
	if (vsw_is_host(dev)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is a vsw host vNIC and cannot be a port",
				   dev->name);
		return -ELOOP;
	}
	if (netdev_is_rx_handler_busy(dev) || netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG_FMT(extack,
				   "%s is already a port of a bridge, bond, team or switch",
				   dev->name);
		return -EBUSY;
	}
	if (netdev_has_any_upper_dev(dev)) {
		NL_SET_ERR_MSG_FMT(extack, "%s has upper devices (vlan, macvlan)",
				   dev->name);
		return -EBUSY;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_port_check);

static void vsw_port_free_rcu(struct rcu_head *head)
{
	struct vsw_port *port = container_of(head, struct vsw_port, rcu);

	kfree(rcu_dereference_protected(port->cfg, 1));
	free_percpu(port->police);
	free_percpu(port->stats);
	kfree(port);
}

/* A port's settings before any are given: only the VLANs depend on @role. */
void vsw_port_cfg_default(struct vsw_port_cfg *cfg, enum vsw_port_role role)
{
	memset(cfg, 0, sizeof(*cfg));
	vsw_vlan_default(&cfg->vlan, role);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_port_cfg_default);

/*
 * Under RTNL: the number of mirror destinations the data path copies to,
 * 0 unless a source exists too.
 */
static void vsw_mirror_update(struct vsw_switch *sw)
{
	unsigned int dests = 0, sources = 0;
	const struct vsw_port_cfg *cfg;
	struct vsw_port *port;

	list_for_each_entry(port, &sw->ports, list) {
		cfg = rtnl_dereference(port->cfg);
		dests += cfg->mirror == VSW_MIRROR_DESTINATION;
		sources += cfg->mirror == VSW_MIRROR_SOURCE;
	}
	WRITE_ONCE(sw->mirrors, sources ? dests : 0);
}

/*
 * Plug @dev in, with the settings @cfg (NULL: its role's default).
 * The host port is only a list member: its frames come from
 * the host vNIC's xmit.  Any other device is bound: promiscuous, the host
 * vNIC as its master so `ip link` shows whose it is, and our rx_handler,
 * last: a port is complete before its first frame comes in, and a failed
 * add never learned anything.
 */
struct vsw_port *vsw_port_add(struct vsw_switch *sw, struct net_device *dev,
			      enum vsw_port_role role, u32 learn_limit,
			      const struct vsw_port_cfg *cfg,
			      struct netlink_ext_ack *extack)
{
	struct vsw_port_cfg *pcfg;
	struct vsw_port *port;
	int err;

	ASSERT_RTNL();
	if (role != VSW_ROLE_HOST) {
		err = vsw_port_check(sw, dev, extack);
		if (err)
			return ERR_PTR(err);
	}

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	pcfg = kmalloc(sizeof(*pcfg), GFP_KERNEL);
	if (!pcfg) {
		err = -ENOMEM;
		goto err_free;
	}
	if (cfg)
		*pcfg = *cfg;
	else
		vsw_port_cfg_default(pcfg, role);
	RCU_INIT_POINTER(port->cfg, pcfg);
	port->stats = netdev_alloc_pcpu_stats(struct vsw_port_stats);
	if (!port->stats) {
		err = -ENOMEM;
		goto err_cfg;
	}
	port->police = alloc_percpu(struct vsw_police_cpu);
	if (!port->police) {
		err = -ENOMEM;
		goto err_stats;
	}
	vsw_police_reset(port, pcfg);
	vsw_leases_init(&port->leases);
	port->sw = sw;
	port->dev = dev;
	port->role = role;
	port->learn_limit = learn_limit;
	INIT_LIST_HEAD(&port->fdb_learned);
	netdev_hold(dev, &port->dev_tracker, GFP_KERNEL);

	if (role != VSW_ROLE_HOST) {
		err = dev_set_promiscuity(dev, 1);
		if (err)
			goto err_put;
		if (sw->host) {
			err = netdev_master_upper_dev_link(dev, sw->host, NULL,
							   NULL, extack);
			if (err) {
				if (extack && !extack->_msg)
					NL_SET_ERR_MSG_FMT(extack,
							   "%s cannot be a port of %s: it is stacked on it",
							   dev->name, sw->name);
				goto err_promisc;
			}
		}
		dev_disable_lro(dev);
	}

	list_add_tail_rcu(&port->list, &sw->ports);
	sw->nports++;
	vsw_vlan_shared_update(sw);
	vsw_mirror_update(sw);
	/* Before anything it learns, for a listener that mirrors the FDB. */
	vsw_notify_port(port, VSW_EVENT_PORT_ADD);
	if (role != VSW_ROLE_HOST) {
		err = netdev_rx_handler_register(dev, vsw_handle_frame, port);
		if (err) {
			NL_SET_ERR_MSG_FMT(extack, "%s is busy", dev->name);
			goto err_list;
		}
	}
	vsw_changed(sw);
	return port;

err_list:
	/* A flood may be sending to it: it goes after a grace period. */
	vsw_notify_port(port, VSW_EVENT_PORT_DEL);
	vsw_port_unbind(port);
	vsw_port_release(port);
	return ERR_PTR(err);
err_promisc:
	dev_set_promiscuity(dev, -1);
err_put:
	netdev_put(dev, &port->dev_tracker);
	free_percpu(port->police);
err_stats:
	free_percpu(port->stats);
err_cfg:
	kfree(pcfg);
err_free:
	kfree(port);
	return ERR_PTR(err);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_port_add);

/*
 * The device gets back exactly what it had before vsw_port_add(), and sends
 * nothing more into the switch; the port stays listed (floods may still
 * send to it) until vsw_port_release().
 */
void vsw_port_unbind(struct vsw_port *port)
{
	struct vsw_switch *sw = port->sw;
	struct net_device *dev = port->dev;

	ASSERT_RTNL();
	if (port->role == VSW_ROLE_HOST)
		return;
	if (sw->host)
		netdev_upper_dev_unlink(dev, sw->host);
	/* Waits for the frames in flight from this port. */
	if (rtnl_dereference(dev->rx_handler_data) == port)
		netdev_rx_handler_unregister(dev);
	dev_set_promiscuity(dev, -1);
}

/* After unbinding and with no FDB entry left on it: the port goes. */
void vsw_port_release(struct vsw_port *port)
{
	struct vsw_switch *sw = port->sw;

	ASSERT_RTNL();
	list_del_rcu(&port->list);
	sw->nports--;
	vsw_vlan_shared_update(sw);
	vsw_mirror_update(sw);
	vsw_changed(sw);
	netdev_put(port->dev, &port->dev_tracker);
	call_rcu(&port->rcu, vsw_port_free_rcu);
}

/*
 * New settings for @port, under RTNL, which takes @cfg.  The entries it
 * learned in the VLANs it no longer carries go: they would never be seen
 * again on it, and would keep their MACs from being learned elsewhere
 * until they aged.  What the data path kept for the old settings (the MAC
 * a spoof guard took, the leases, the buckets' tokens, the drops logged)
 * starts again where they changed.
 */
void vsw_port_set_cfg(struct vsw_port *port, struct vsw_port_cfg *cfg)
{
	bool vlan_changed, clear_leases;
	struct vsw_port_cfg *old;
	struct vsw_fdb_filter left = {
		.port = port, .vlan = -1, .left = &cfg->vlan,
		.scope = VSW_FLUSH_LEARNED,
	};

	ASSERT_RTNL();
	old = rcu_replace_pointer(port->cfg, cfg, lockdep_rtnl_is_held());
	vsw_vlan_shared_update(port->sw);
	vsw_mirror_update(port->sw);
	if ((old->guards ^ cfg->guards) & VSW_GUARD_MAC ||
	    old->n_allow_mac != cfg->n_allow_mac ||
	    memcmp(old->allow_mac, cfg->allow_mac, sizeof(cfg->allow_mac)))
		atomic64_set(&port->spoof_mac, 0);
	if (old->storm_limit != cfg->storm_limit ||
	    old->max_rate != cfg->max_rate)
		vsw_police_reset(port, cfg);
	WRITE_ONCE(port->logged, 0);
	vlan_changed = !vsw_vlan_equal(&old->vlan, &cfg->vlan);
	/* Leases are of the VLAN they were given in, and of the DHCP mode. */
	clear_leases = old->ip_guard == VSW_IP_GUARD_DHCP &&
		       (cfg->ip_guard != VSW_IP_GUARD_DHCP || vlan_changed);
	if (!vlan_changed && !clear_leases) {
		kfree_rcu(old, rcu);
		return;
	}
	/*
	 * No frame that saw the old settings learns, or snoops a lease,
	 * after the flush.
	 */
	synchronize_net();
	if (vlan_changed)
		vsw_fdb_flush_filter(&port->sw->fdb, &left);
	if (clear_leases)
		vsw_leases_clear(&port->leases);
	kfree(old);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_port_set_cfg);

/* Unplug one port. */
void vsw_port_del(struct vsw_port *port)
{
	struct vsw_switch *sw = port->sw;

	vsw_port_unbind(port);
	if (sw->uplink == port) {
		sw->uplink = NULL;
		vsw_host_uplink_changed(sw);
	}
	vsw_fdb_flush(&sw->fdb, port, VSW_FLUSH_PORT_GONE);
	vsw_port_release(port);
}

void vsw_port_get_stats(const struct vsw_port *port, struct vsw_stats *st)
{
	int cpu;

	memset(st, 0, sizeof(*st));
	for_each_possible_cpu(cpu) {
		const struct vsw_port_stats *s = per_cpu_ptr(port->stats, cpu);
		u64 rxp, rxb, txp, txb, fl, dr, why[VSW_DROPS_MAX + 1];
		unsigned int start;
		int i;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			fl = u64_stats_read(&s->flooded);
			dr = u64_stats_read(&s->dropped);
			for (i = 1; i <= VSW_DROPS_MAX; i++)
				why[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));
		st->rx_packets += rxp;
		st->rx_bytes += rxb;
		st->tx_packets += txp;
		st->tx_bytes += txb;
		st->flooded += fl;
		st->dropped += dr;
		for (i = 1; i <= VSW_DROPS_MAX; i++)
			st->drops[i] += why[i];
	}
}

/*
 * Every MAC behind the switch, in a RARP out of the uplink as a frame of its
 * VLAN leaves by it, when the uplink asks its peers to be told it moved (a
 * bond's failover, the host migrated): the LAN's switches learn their new
 * way at once, not when each next sends, as qemu announces a migrated VM
 * and Open vSwitch the MACs behind a bond.  Under RTNL.  At most a batch of
 * them, the newest first: a full table would hold the RCU read lock and
 * queue a million frames; the rest are learned from their next frame.
 */
static void vsw_announce(struct vsw_switch *sw)
{
	struct vsw_port *up = sw->uplink;
	const struct vsw_port_cfg *ucfg;
	unsigned int sent = 0;
	struct vsw_fdb_entry *f;
	struct sk_buff *skb;

	rcu_read_lock();
	ucfg = rcu_dereference(up->cfg);
	hlist_for_each_entry_rcu(f, &sw->fdb.entries, list) {
		if (READ_ONCE(f->port) == up ||
		    !vsw_vlan_carries(&ucfg->vlan, f->key.vlan))
			continue;
		if (++sent > VSW_FDB_BATCH)
			break;
		skb = arp_create(ARPOP_RREQUEST, ETH_P_RARP, 0, up->dev, 0, NULL,
				 f->key.mac, f->key.mac);
		if (!skb)
			break;
		skb->protocol = htons(ETH_P_RARP);
		if (vsw_vlan_egress(&ucfg->vlan, skb, f->key.vlan)) {
			kfree_skb(skb);
			continue;
		}
		dev_queue_xmit(skb);
	}
	rcu_read_unlock();
}

static int vsw_port_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vsw_port *port = vsw_port_of(dev);
	struct vsw_switch *sw;

	if (!port)
		return NOTIFY_DONE;
	sw = port->sw;

	switch (event) {
	case NETDEV_UNREGISTER:
		/* The device goes (or leaves the netns); the switch stays. */
		vsw_notify_port(port, VSW_EVENT_PORT_DEL);
		vsw_port_del(port);
		break;
	case NETDEV_CHANGE:
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGEMTU:
		if (port == sw->uplink)
			vsw_host_uplink_changed(sw);
		break;
	case NETDEV_FEAT_CHANGE:
		/* Merged frames cannot be forwarded: LRO stays off, as at add. */
		if (dev->features & NETIF_F_LRO)
			dev_disable_lro(dev);
		break;
	case NETDEV_NOTIFY_PEERS:
		if (port != sw->uplink)
			break;
		vsw_announce(sw);
		fallthrough;
	case NETDEV_RESEND_IGMP:
		/*
		 * The host's addresses (gratuitous ARP, unsolicited NA) and
		 * groups are announced anew on the uplink's new way, as a
		 * VLAN or macvlan device over it announces its own.
		 */
		if (port == sw->uplink && sw->host)
			call_netdevice_notifiers(event, sw->host);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port must stay Ethernet. */
		return notifier_from_errno(-EBUSY);
	}
	return NOTIFY_DONE;
}

static struct notifier_block vsw_port_notifier = {
	.notifier_call = vsw_port_event,
};

int vsw_port_init(void)
{
	return register_netdevice_notifier(&vsw_port_notifier);
}

void vsw_port_exit(void)
{
	unregister_netdevice_notifier(&vsw_port_notifier);
}
