// SPDX-License-Identifier: GPL-2.0
/*
 * The host vNIC: a synthetic Ethernet device through which the host's stack
 * uses the switch.  What it sends enters the switch on the host port; what
 * the switch sends to the host port goes up the stack on it.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>
#include "vsw.h"

static void vsw_host_update_carrier(struct vsw_switch *sw)
{
	bool up = sw->type != VSW_TYPE_EXTERNAL ||
		  (sw->uplink && netif_carrier_ok(sw->uplink->dev));

	if (up)
		netif_carrier_on(sw->host);
	else
		netif_carrier_off(sw->host);
}

static int vsw_host_open(struct net_device *dev)
{
	struct vsw_host *h = netdev_priv(dev);

	vsw_host_update_carrier(h->sw);
	return 0;
}

static netdev_tx_t vsw_host_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vsw_host *h = netdev_priv(dev);
	struct vsw_port *port = READ_ONCE(h->sw->host_port);

	/*
	 * No skb_share_check() here: a transmitted skb is the driver's to
	 * re-point (dev, headers) even when its sender keeps a reference
	 * (pktgen does), as in every driver.  Its data is written only to
	 * push an 802.1ad tag into the frame (vlan.c), and no sender resends
	 * an skb here: IFF_TX_SKB_SHARING is off.
	 */
	if (unlikely(!port || !pskb_may_pull(skb, ETH_HLEN))) {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb(skb);
		return NETDEV_TX_OK;
	}
	dev_sw_netstats_tx_add(dev, 1, skb->len);
	/*
	 * A packet socket's send comes here under rcu_read_lock_bh() alone,
	 * which the data path's rcu_dereference()s do not count as RCU.
	 */
	rcu_read_lock();
	vsw_input(port, skb);
	rcu_read_unlock();
	return NETDEV_TX_OK;
}

/* skb->data is at the Ethernet header. */
void vsw_host_deliver(struct vsw_port *port, struct sk_buff *skb)
{
	struct net_device *dev = port->dev;

	vsw_stats_add(port->stats, false, skb->len);
	/* eth_type_trans() only ever demotes: undo the ingress device's verdict. */
	skb->pkt_type = PACKET_HOST;
	skb->protocol = eth_type_trans(skb, dev);
	dev_sw_netstats_rx_add(dev, skb->len + ETH_HLEN);
	netif_receive_skb(skb);
}

/* The local entry follows the address: all of it, or nothing. */
static int vsw_host_set_mac(struct net_device *dev, void *p)
{
	struct vsw_host *h = netdev_priv(dev);
	struct vsw_switch *sw = h->sw;
	struct sockaddr *addr = p;
	struct vsw_fdb_key old, new;
	int err;

	if (!is_valid_ether_addr(addr->sa_data))
		return -EADDRNOTAVAIL;
	if (ether_addr_equal(dev->dev_addr, addr->sa_data))
		return 0;
	err = vsw_fdb_set_local(&sw->fdb, sw->host_port, dev->dev_addr,
				addr->sa_data);
	if (err)
		return err;
	vsw_fdb_key_set(&old, dev->dev_addr, 0);
	vsw_fdb_key_set(&new, addr->sa_data, 0);
	eth_hw_addr_set(dev, addr->sa_data);
	vsw_notify_fdb(sw, VSW_EVENT_FDB_DEL, &old, sw->host_port,
		       VSW_FDB_LOCAL);
	vsw_notify_fdb(sw, VSW_EVENT_FDB_ADD, &new, sw->host_port,
		       VSW_FDB_LOCAL);
	return 0;
}

static int vsw_host_change_mtu(struct net_device *dev, int new_mtu)
{
	struct vsw_host *h = netdev_priv(dev);
	struct vsw_switch *sw = h->sw;

	if (sw->uplink && new_mtu > sw->uplink->dev->mtu) {
		netdev_err(dev, "MTU %d is above the uplink's %u\n", new_mtu,
			   sw->uplink->dev->mtu);
		return -EINVAL;
	}
	WRITE_ONCE(dev->mtu, new_mtu);
	return 0;
}

static const struct net_device_ops vsw_host_ops = {
	.ndo_open		= vsw_host_open,
	.ndo_start_xmit		= vsw_host_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= vsw_host_set_mac,
	.ndo_change_mtu		= vsw_host_change_mtu,
	.ndo_validate_addr	= eth_validate_addr,
};

bool vsw_is_host(const struct net_device *dev)
{
	return dev->netdev_ops == &vsw_host_ops;
}

static void vsw_host_get_drvinfo(struct net_device *dev,
				 struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, VSW_VERSION, sizeof(info->version));
}

/*
 * ethtool -S: the whole switch's counters, each summed over its ports as
 * `port show -s` gives them one by one, and then its drops by reason.
 */
static const char vsw_host_stat_names[][ETH_GSTRING_LEN] = {
	"fdb_entries", "ports", "rx_packets", "rx_bytes", "tx_packets",
	"tx_bytes", "flooded", "dropped",
};

static const char vsw_drop_names[VSW_DROPS_MAX + 1][ETH_GSTRING_LEN] = {
	[VSW_DROPS_VLAN]		= "dropped_vlan",
	[VSW_DROPS_SPOOF]		= "dropped_spoof",
	[VSW_DROPS_DHCP_GUARD]		= "dropped_dhcp_guard",
	[VSW_DROPS_ROUTER_GUARD]	= "dropped_router_guard",
	[VSW_DROPS_IP_GUARD]		= "dropped_ip_guard",
	[VSW_DROPS_ISOLATION]		= "dropped_isolation",
	[VSW_DROPS_STORM]		= "dropped_storm",
	[VSW_DROPS_RATE]		= "dropped_rate",
};

#define VSW_HOST_NSTATS (ARRAY_SIZE(vsw_host_stat_names) + VSW_DROPS_MAX)

static int vsw_host_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? VSW_HOST_NSTATS : -EOPNOTSUPP;
}

static void vsw_host_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	int i;

	if (sset != ETH_SS_STATS)
		return;
	memcpy(data, vsw_host_stat_names, sizeof(vsw_host_stat_names));
	data += sizeof(vsw_host_stat_names);
	for (i = 1; i <= VSW_DROPS_MAX; i++, data += ETH_GSTRING_LEN)
		memcpy(data, vsw_drop_names[i], ETH_GSTRING_LEN);
}

static void vsw_host_get_ethtool_stats(struct net_device *dev,
				       struct ethtool_stats *stats, u64 *data)
{
	struct vsw_host *h = netdev_priv(dev);
	struct vsw_switch *sw = h->sw;
	struct vsw_stats sum = {}, st;
	struct vsw_port *port;
	int i;

	ASSERT_RTNL();
	list_for_each_entry(port, &sw->ports, list) {
		vsw_port_get_stats(port, &st);
		sum.rx_packets += st.rx_packets;
		sum.rx_bytes += st.rx_bytes;
		sum.tx_packets += st.tx_packets;
		sum.tx_bytes += st.tx_bytes;
		sum.flooded += st.flooded;
		sum.dropped += st.dropped;
		for (i = 1; i <= VSW_DROPS_MAX; i++)
			sum.drops[i] += st.drops[i];
	}
	*data++ = READ_ONCE(sw->fdb.count);
	*data++ = sw->nports;
	*data++ = sum.rx_packets;
	*data++ = sum.rx_bytes;
	*data++ = sum.tx_packets;
	*data++ = sum.tx_bytes;
	*data++ = sum.flooded;
	*data++ = sum.dropped;
	for (i = 1; i <= VSW_DROPS_MAX; i++)
		*data++ = sum.drops[i];
}

static const struct ethtool_ops vsw_host_ethtool_ops = {
	.get_drvinfo		= vsw_host_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= vsw_host_get_sset_count,
	.get_strings		= vsw_host_get_strings,
	.get_ethtool_stats	= vsw_host_get_ethtool_stats,
};

/*
 * The host vNIC is of kind "vsw" (ip -d link), and `ip link del` of it
 * deletes its switch as SWITCH_DEL does.  Switches are made over genl
 * only: a vNIC without its switch would be half of one.
 */
static int vsw_host_validate(struct nlattr *tb[], struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	NL_SET_ERR_MSG(extack, "a vsw switch is made with vswctl switch add");
	return -EOPNOTSUPP;
}

/*
 * The vNIC is queued on @head as every dellink does, since the caller may
 * be walking the device list (ip link del group) and an upper of it (a
 * VLAN) goes at the same time.
 */
static void vsw_host_dellink(struct net_device *dev, struct list_head *head)
{
	struct vsw_host *h = netdev_priv(dev);

	vsw_switch_destroy(h->sw, head);
}

static struct rtnl_link_ops vsw_link_ops __read_mostly = {
	.kind		= KBUILD_MODNAME,
	.validate	= vsw_host_validate,
	.dellink	= vsw_host_dellink,
};

int vsw_host_init(void)
{
	return rtnl_link_register(&vsw_link_ops);
}

void vsw_host_exit(void)
{
	rtnl_link_unregister(&vsw_link_ops);
}

static void vsw_host_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &vsw_host_ops;
	dev->ethtool_ops = &vsw_host_ethtool_ops;
	dev->rtnl_link_ops = &vsw_link_ops;
	dev->needs_free_netdev = true;
	/*
	 * Its xmit hands the skb on to queueing devices: a sender may not
	 * resend it (pktgen's clone_skb), and netpoll's xmit with IRQs off
	 * would reach their BH-only locks.
	 */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->priv_flags |= IFF_NO_QUEUE | IFF_DISABLE_NETPOLL;
	/* The switch lives in its netns; its host vNIC cannot leave it. */
	vsw_dev_set_lltx_netns_local(dev);
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->features = NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HIGHDMA |
			NETIF_F_GSO_SOFTWARE | NETIF_F_HW_CSUM;
	/* What a VLAN or a tunnel over it may use, as veth gives its own. */
	dev->vlan_features = dev->features;
	dev->hw_enc_features = dev->features;
	/*
	 * A VLAN device on the host vNIC hands its tag over in the skb
	 * (txvlan), or in the frame when that is turned off: the switch
	 * takes both.
	 */
	dev->features |= NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX;
	dev->hw_features = dev->features;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
}

/*
 * The host's frames leave by the uplink: the vNIC takes its MTU (at most),
 * its limits on GSO and the headroom it needs.
 */
void vsw_host_uplink_changed(struct vsw_switch *sw)
{
	struct net_device *uplink;

	ASSERT_RTNL();
	if (!sw->host)
		return;
	if (sw->uplink) {
		uplink = sw->uplink->dev;
		if (sw->host->mtu > uplink->mtu)
			dev_set_mtu(sw->host, uplink->mtu);
		netif_inherit_tso_max(sw->host, uplink);
		sw->host->needed_headroom = uplink->needed_headroom;
	}
	vsw_host_update_carrier(sw);
}

int vsw_host_create(struct vsw_switch *sw, const u8 *mac, unsigned int mtu,
		    struct netlink_ext_ack *extack)
{
	struct vsw_fdb_key key;
	struct net_device *dev;
	struct vsw_host *h;
	int err;

	ASSERT_RTNL();
	dev = alloc_netdev(sizeof(*h), sw->name, NET_NAME_USER, vsw_host_setup);
	if (!dev)
		return -ENOMEM;
	dev_net_set(dev, sw->net);
	h = netdev_priv(dev);
	h->sw = sw;
	if (mac)
		eth_hw_addr_set(dev, mac);
	else
		eth_hw_addr_random(dev);
	dev->mtu = mtu;
	netif_carrier_off(dev);

	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG_FMT(extack, "cannot register host vNIC %s: %s",
				   sw->name, err == -EEXIST ?
				   "a device of that name exists" : "refused");
		free_netdev(dev);
		return err;
	}
	sw->host = dev;

	sw->host_port = vsw_port_add(sw, dev, VSW_ROLE_HOST, 0, NULL, extack);
	if (IS_ERR(sw->host_port)) {
		err = PTR_ERR(sw->host_port);
		goto err_unregister;
	}
	vsw_fdb_key_set(&key, dev->dev_addr, 0);
	err = vsw_fdb_add(&sw->fdb, sw->host_port, key.mac, 0, VSW_FDB_LOCAL);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot add the host vNIC's local entry");
		goto err_port;
	}
	vsw_notify_fdb(sw, VSW_EVENT_FDB_ADD, &key, sw->host_port,
		       VSW_FDB_LOCAL);
	return 0;

err_port:
	vsw_port_del(sw->host_port);
err_unregister:
	sw->host_port = NULL;
	sw->host = NULL;
	unregister_netdevice(dev);
	return err;
}

/*
 * Unregistering stops the xmit path: nothing enters by the host port.  With
 * @kill, the vNIC is queued there for the caller to unregister and is closed
 * now: once its last xmit is over (dev_close() waits for it), nothing can
 * reach the switch through it, which goes before it does.
 */
void vsw_host_unregister(struct vsw_switch *sw, struct list_head *kill)
{
	ASSERT_RTNL();
	if (!sw->host)
		return;
	if (kill) {
		dev_close(sw->host);
		unregister_netdevice_queue(sw->host, kill);
	} else {
		unregister_netdevice(sw->host);
		synchronize_net();
	}
	sw->host = NULL;
}

void vsw_host_destroy(struct vsw_switch *sw)
{
	struct vsw_port *port = sw->host_port;

	vsw_host_unregister(sw, NULL);
	if (port)
		vsw_port_del(port);
	sw->host_port = NULL;
}
