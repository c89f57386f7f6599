// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: a frame enters from a port's rx_handler (uplink, VM) or from
 * the host vNIC's xmit, joins a VLAN (vlan.c), its source is learned in it,
 * and it leaves by one port or is flooded to the others of its VLAN.  Runs
 * under RCU; writes packet data only to push an 802.1ad tag into the frame
 * under a new tag, with the kernel's helper, which unshares a clone's data
 * first.  Shared skbs are unshared at the rx_handler; the host vNIC's
 * xmit is not offered shared ones (no IFF_TX_SKB_SHARING).
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <kunit/visibility.h>
#include "vsw.h"

/* 01:80:c2:00:00:01, IEEE 802.3x PAUSE. */
static bool vsw_is_pause(const u8 *dest)
{
	return dest[5] == 0x01;
}

/*
 * The data path is one function for each way in: the rx_handler and
 * vsw_input() (the host vNIC's xmit) are __flatten, so the decision, the
 * output and rhashtable's lookup are inlined in them.  A call is a few ns
 * of a frame's budget, and UML builds modules with -mcmodel=large, where
 * each is an indirect call.  vsw_decide() is also exported for the KUnit
 * tests.
 */
__always_inline enum vsw_verdict vsw_decide(struct vsw_switch *sw,
					    struct vsw_port *in,
					    const struct ethhdr *eth, u16 vid,
					    struct vsw_port **out)
{
	struct vsw_fdb_entry *f;
	struct vsw_port *p;

	if (unlikely(!is_valid_ether_addr(eth->h_source)))
		return VSW_DROP;
	if (unlikely(is_link_local_ether_addr(eth->h_dest))) {
		/* Link-local is for the device that received it, never forwarded. */
		if (vsw_is_pause(eth->h_dest) || in->role == VSW_ROLE_HOST)
			return VSW_DROP;
		return VSW_PASS;
	}
	if (is_multicast_ether_addr(eth->h_dest))
		return VSW_FLOOD;
	f = vsw_fdb_lookup(&sw->fdb, eth->h_dest, vid);
	if (!f) {
		/* The host's MAC, in a VLAN other than 0: its local entry. */
		if (likely(!vid))
			return VSW_FLOOD;
		f = vsw_fdb_lookup_local(&sw->fdb, eth->h_dest);
		if (!f)
			return VSW_FLOOD;
	}
	p = READ_ONCE(f->port);
	if (p == in)
		return VSW_DISCARD;
	*out = p;
	return VSW_UNICAST;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_decide);

static void vsw_drop(struct vsw_port *in, struct sk_buff *skb)
{
	vsw_stats_inc_dropped(in);
	kfree_skb(skb);
}

static void vsw_drop_vlan(struct vsw_port *in, struct sk_buff *skb)
{
	vsw_stats_inc_drop(in, VSW_DROPS_VLAN);
	kfree_skb(skb);
}

/* To @out, whose VLAN settings @vout carry @vid. */
static __always_inline void vsw_output(struct vsw_port *in,
				       struct vsw_port *out,
				       const struct vsw_vlan *vout,
				       struct sk_buff *skb, u16 vid)
{
	/*
	 * Down, or too big for its MTU (the host vNIC's too); inlined, where
	 * is_skb_forwardable() is a call per frame.  A tag that cannot be
	 * pushed (no memory for the header) drops the frame too.
	 */
	if (unlikely(!__is_skb_forwardable(out->dev, skb, true))) {
		vsw_drop(in, skb);
		return;
	}
	if (unlikely(vsw_vlan_egress(vout, skb, vid))) {
		vsw_drop(in, skb);
		return;
	}
	if (out->role == VSW_ROLE_HOST) {
		vsw_host_deliver(out, skb);
		return;
	}
	vsw_stats_add(out->stats, false, skb->len);
	skb->dev = out->dev;
	skb_forward_csum(skb);
	/*
	 * A receive timestamp is CLOCK_REALTIME, which fq takes for a send
	 * time far beyond its horizon and drops; a sender's delivery time
	 * (mono) stays, as br_forward_finish() and ip_forward() do.
	 */
	skb_clear_tstamp(skb);
	dev_queue_xmit(skb);
}

static bool vsw_may_flood_to(const struct vsw_port *p, const struct vsw_port *in)
{
	return p != in && (READ_ONCE(p->dev->flags) & IFF_UP);
}

/*
 * To every port that carries @vid but the ingress one: a clone for each but
 * the last, which gets the original.  Each copy is tagged for its port.
 */
static void vsw_flood(struct vsw_switch *sw, struct vsw_port *in,
		      struct sk_buff *skb, u16 vid)
{
	const struct vsw_vlan *v, *prev_v = NULL;
	struct vsw_port *p, *prev = NULL;

	list_for_each_entry_rcu(p, &sw->ports, list) {
		struct sk_buff *nskb;

		if (!vsw_may_flood_to(p, in))
			continue;
		v = &rcu_dereference(p->cfg)->vlan;
		if (!vsw_vlan_carries(v, vid))
			continue;
		if (prev) {
			nskb = skb_clone(skb, GFP_ATOMIC);
			if (unlikely(!nskb)) {
				vsw_drop(in, skb);
				return;
			}
			vsw_stats_inc_flooded(prev);
			vsw_output(in, prev, prev_v, nskb, vid);
		}
		prev = p;
		prev_v = v;
	}
	if (!prev) {
		consume_skb(skb);
		return;
	}
	vsw_stats_inc_flooded(prev);
	vsw_output(in, prev, prev_v, skb, vid);
}

/* skb->data is at the Ethernet header; the caller owns the skb alone. */
void __flatten vsw_input(struct vsw_port *in, struct sk_buff *skb)
{
	struct vsw_switch *sw = in->sw;
	const struct vsw_vlan *vout;
	struct vsw_port *out = NULL;
	enum vsw_verdict verdict;
	const struct ethhdr *eth;
	int vid;

	skb_reset_mac_header(skb);
	vsw_stats_add(in->stats, true, skb->len);
	vid = vsw_vlan_ingress(&rcu_dereference(in->cfg)->vlan, &skb);
	/* Refused, or of a VLAN no other port carries; VLAN 0 tests once. */
	if (unlikely(vid) &&
	    (vid == VSW_VLAN_DROP || !test_bit(vid, sw->vlan_shared))) {
		vsw_drop_vlan(in, skb);
		return;
	}
	eth = eth_hdr(skb);

	verdict = vsw_decide(sw, in, eth, vid, &out);
	if (unlikely(verdict == VSW_DROP || verdict == VSW_PASS)) {
		vsw_drop(in, skb);
		return;
	}
	vsw_fdb_learn(&sw->fdb, in, eth->h_source, vid);
	if (likely(verdict == VSW_UNICAST)) {
		vout = &rcu_dereference(out->cfg)->vlan;
		/*
		 * Known on a port that does not carry the VLAN (a static
		 * entry, the host's MAC outside its VLANs, an entry of a
		 * VLAN its port just left): as if unknown.
		 */
		if (likely(vsw_vlan_carries(vout, vid)))
			vsw_output(in, out, vout, skb, vid);
		else
			vsw_flood(sw, in, skb, vid);
	} else if (verdict == VSW_FLOOD) {
		vsw_flood(sw, in, skb, vid);
	} else {	/* VSW_DISCARD: known, on the port it came in by */
		vsw_drop(in, skb);
	}
}

rx_handler_result_t __flatten vsw_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vsw_port *port;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	/* Link-local control frames (LLDP, LACP) stay with the device. */
	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest) &&
		     !vsw_is_pause(eth_hdr(skb)->h_dest)))
		return RX_HANDLER_PASS;

	port = rcu_dereference(skb->dev->rx_handler_data);
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		vsw_stats_inc_dropped(port);
		return RX_HANDLER_CONSUMED;
	}
	skb_push(skb, ETH_HLEN);
	vsw_input(port, skb);
	return RX_HANDLER_CONSUMED;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_handle_frame);
