// SPDX-License-Identifier: GPL-2.0
/*
 * vsw_floor: the forwarding floor for the benchmark.  An rx_handler on one
 * device that sends every frame out of one other device with
 * dev_queue_xmit(): no lookup, no learning, no counters.  No switch on this
 * path can go faster; vsw is measured against it.
 *
 *   insmod vsw_floor.ko in=dummy0 out=dummy1
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static char *in = "dummy0";
static char *out = "dummy1";
module_param(in, charp, 0444);
module_param(out, charp, 0444);

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

static int __init floor_init(void)
{
	int err;

	rtnl_lock();
	in_dev = __dev_get_by_name(&init_net, in);
	out_dev = __dev_get_by_name(&init_net, out);
	if (!in_dev || !out_dev) {
		err = -ENODEV;
		goto out;
	}
	dev_hold(in_dev);
	dev_hold(out_dev);
	err = netdev_rx_handler_register(in_dev, floor_handle_frame, out_dev);
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
