// SPDX-License-Identifier: GPL-2.0
/*
 * vsw_floor: the forwarding floor for the benchmark.  An rx_handler on one
 * device that sends every frame out of one other device with
 * dev_queue_xmit(): no lookup, no learning, no counters.  No switch on this
 * path can go faster; vsw is measured against it.
 *
 *   insmod vsw_floor.ko in=dummy0 out=dummy1 [vlan=VID]
 *
 * vlan=VID (1-4094) gives every frame that 802.1Q tag, in the skb, and
 * vlan=0 clears the tag the receive path put there: the least a switch does
 * to push or pop a tag.  The egress device's xmit writes a tag in the skb
 * into the frame unless it offloads it, as for any switch.  Without vlan=
 * the frames go as they came, by a handler with no VLAN code at all.
 */
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static char *in = "dummy0";
static char *out = "dummy1";
module_param(in, charp, 0444);
module_param(out, charp, 0444);
static int vlan = -1;
module_param(vlan, int, 0444);

static struct net_device *in_dev, *out_dev;

static rx_handler_result_t floor_handle_frame(struct sk_buff **pskb)
{
	struct net_device *egress = rcu_dereference((*pskb)->dev->rx_handler_data);
	struct sk_buff *skb = skb_share_check(*pskb, GFP_ATOMIC);

	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	skb_push(skb, ETH_HLEN);
	skb->dev = egress;
	dev_queue_xmit(skb);
	return RX_HANDLER_CONSUMED;
}

static rx_handler_result_t floor_handle_vlan(struct sk_buff **pskb)
{
	struct net_device *egress = rcu_dereference((*pskb)->dev->rx_handler_data);
	struct sk_buff *skb = skb_share_check(*pskb, GFP_ATOMIC);

	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	if (vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vlan);
	else
		__vlan_hwaccel_clear_tag(skb);
	skb_push(skb, ETH_HLEN);
	skb->dev = egress;
	dev_queue_xmit(skb);
	return RX_HANDLER_CONSUMED;
}

static int __init floor_init(void)
{
	int err;

	if (vlan >= VLAN_N_VID - 1)
		return -EINVAL;
	rtnl_lock();
	in_dev = __dev_get_by_name(&init_net, in);
	out_dev = __dev_get_by_name(&init_net, out);
	if (!in_dev || !out_dev) {
		err = -ENODEV;
		goto out;
	}
	dev_hold(in_dev);
	dev_hold(out_dev);
	err = netdev_rx_handler_register(in_dev, vlan < 0 ? floor_handle_frame :
					 floor_handle_vlan, out_dev);
	if (err) {
		dev_put(in_dev);
		dev_put(out_dev);
	}
out:
	rtnl_unlock();
	return err;
}

static void __exit floor_exit(void)
{
	rtnl_lock();
	netdev_rx_handler_unregister(in_dev);
	rtnl_unlock();
	dev_put(in_dev);
	dev_put(out_dev);
}

module_init(floor_init);
module_exit(floor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vsw benchmark: the forwarding floor");
