// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: a frame enters from a port's rx_handler (uplink, VM) or from
 * the host vNIC's xmit, joins a VLAN (vlan.c), passes its port's guards
 * (guard.c), its source is learned in it, it passes its port's limits
 * (police.c) and isolation, and it leaves by one port or is flooded to the
 * others of its VLAN, with copies for mirror destinations.  Runs
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

/* Cisco's DTP, CDP and VTP. */
static const u8 vsw_cisco_dest[ETH_ALEN] __aligned(2) = {
	0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc
};

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
	if (is_multicast_ether_addr(eth->h_dest)) {
		/* A VM's DTP, CDP or VTP would negotiate with the LAN's switch. */
		if (unlikely(in->role == VSW_ROLE_VM &&
			     ether_addr_equal(eth->h_dest, vsw_cisco_dest)))
			return VSW_DROP;
		return VSW_FLOOD;
	}
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

/* VLAN drops are not logged: a trunk's LAN has VLANs no port carries. */
static const char * const vsw_drop_names[VSW_DROPS_MAX + 1] = {
	[VSW_DROPS_SPOOF] = "mac-spoof: a source MAC it may not use",
	[VSW_DROPS_DHCP_GUARD] = "dhcp-guard: a DHCP server message",
	[VSW_DROPS_ROUTER_GUARD] = "router-guard: a router advertisement or redirect",
	[VSW_DROPS_IP_GUARD] = "allow-ip: a source address it may not use",
	[VSW_DROPS_ISOLATION] = "isolation: to a port it may not reach",
	[VSW_DROPS_STORM] = "storm-limit: above it",
	[VSW_DROPS_RATE] = "max-rate: above it",
};

/*
 * Counted by reason; the first drop of each port feature is logged, so an
 * administrator learns which VM tried what.
 */
static void vsw_drop_why(struct vsw_port *in, struct sk_buff *skb,
			 enum vsw_drops_attr why)
{
	vsw_stats_inc_drop(in, why);
	/* Marked logged only once it was: the limit is shared by all. */
	if (why != VSW_DROPS_VLAN && !test_bit(why, &in->logged) &&
	    net_ratelimit() && !test_and_set_bit(why, &in->logged))
		pr_info("vsw: %s: port %s: dropped a frame: %s\n",
			in->sw->name, in->dev->name, vsw_drop_names[why]);
	kfree_skb(skb);
}

/* Out by @out's device, or to the host's stack for the host port. */
static void vsw_xmit(struct vsw_port *out, struct sk_buff *skb)
{
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

/* To @out, whose settings @ocfg carry @vid; @icfg are @in's. */
static __always_inline void vsw_output(struct vsw_port *in,
				       const struct vsw_port_cfg *icfg,
				       struct vsw_port *out,
				       const struct vsw_port_cfg *ocfg,
				       struct sk_buff *skb, u16 vid)
{
	/*
	 * Tagged for @out, then down or too big for its MTU (the host vNIC's
	 * too): a tag pushed into the frame (an 802.1ad one, under the new
	 * tag) makes it longer.  Inlined, where is_skb_forwardable() is a
	 * call per frame.  A tag that cannot be pushed (no memory for the
	 * header) drops the frame too.
	 */
	if (unlikely(vsw_vlan_egress(&ocfg->vlan, skb, vid) ||
		     !__is_skb_forwardable(out->dev, skb, true))) {
		vsw_drop(in, skb);
		return;
	}
	/* A DHCP reply leases @out an address, unless a guarded port sent it. */
	if (unlikely(ocfg->ip_guard == VSW_IP_GUARD_DHCP) &&
	    !(icfg->guards & VSW_GUARD_DHCP))
		vsw_snoop(out, skb, vid);
	vsw_xmit(out, skb);
}

static bool vsw_may_flood_to(const struct vsw_port *p, const struct vsw_port *in)
{
	return p != in && (READ_ONCE(p->dev->flags) & IFF_UP);
}

/* Does a flood of @vid from @in (settings @icfg) reach @p (@pcfg)? */
static bool vsw_flood_reaches(const struct vsw_port *in,
			      const struct vsw_port_cfg *icfg,
			      const struct vsw_port *p,
			      const struct vsw_port_cfg *pcfg, u16 vid)
{
	return vsw_may_flood_to(p, in) && vsw_vlan_carries(&pcfg->vlan, vid) &&
	       vsw_may_reach(icfg, pcfg);
}

/*
 * A copy of a frame of @vid, tagged as @v (its source port's) tags it, to
 * each mirror destination but @in, @out (which has the frame itself) and,
 * for a flood (@out NULL), the ports the flood reaches.  A copy that cannot
 * be made, tagged or sent (too big for the destination's MTU) is a drop of
 * @in's, as a flood's copy is.
 */
static void vsw_mirror(struct vsw_switch *sw, struct vsw_port *in,
		       const struct vsw_port_cfg *icfg,
		       const struct vsw_port *out, const struct vsw_vlan *v,
		       struct sk_buff *skb, u16 vid)
{
	struct vsw_port *p;

	list_for_each_entry_rcu(p, &sw->ports, list) {
		const struct vsw_port_cfg *pcfg = rcu_dereference(p->cfg);
		struct sk_buff *nskb;

		if (pcfg->mirror != VSW_MIRROR_DESTINATION || p == out ||
		    !vsw_may_flood_to(p, in) ||
		    (!out && vsw_flood_reaches(in, icfg, p, pcfg, vid)))
			continue;
		nskb = skb_clone(skb, GFP_ATOMIC);
		if (unlikely(!nskb)) {
			vsw_stats_inc_dropped(in);
			continue;
		}
		if (unlikely(vsw_vlan_egress(v, nskb, vid) ||
			     !__is_skb_forwardable(p->dev, nskb, true))) {
			vsw_drop(in, nskb);
			continue;
		}
		vsw_xmit(p, nskb);
	}
}

/*
 * The source port a frame from @in to @out (NULL: flooded) is mirrored
 * for: @in, else @out, else the first source port the flood reaches; with
 * its VLAN settings, or NULL if neither end is a source.
 */
static const struct vsw_vlan *
vsw_mirror_source(struct vsw_switch *sw, const struct vsw_port *in,
		  const struct vsw_port_cfg *icfg,
		  const struct vsw_port_cfg *ocfg, u16 vid)
{
	const struct vsw_port *p;

	if (icfg->mirror == VSW_MIRROR_SOURCE)
		return &icfg->vlan;
	if (ocfg)
		return ocfg->mirror == VSW_MIRROR_SOURCE ? &ocfg->vlan : NULL;
	list_for_each_entry_rcu(p, &sw->ports, list) {
		const struct vsw_port_cfg *pcfg = rcu_dereference(p->cfg);

		if (pcfg->mirror == VSW_MIRROR_SOURCE &&
		    vsw_flood_reaches(in, icfg, p, pcfg, vid))
			return &pcfg->vlan;
	}
	return NULL;
}

/*
 * To every port that carries @vid and that @in may reach, but @in: a clone
 * for each but the last, which gets the original.  Each copy is tagged for
 * its port.
 */
static void vsw_flood(struct vsw_switch *sw, struct vsw_port *in,
		      const struct vsw_port_cfg *icfg, struct sk_buff *skb,
		      u16 vid)
{
	const struct vsw_port_cfg *pcfg, *prev_cfg = NULL;
	struct vsw_port *p, *prev = NULL;

	list_for_each_entry_rcu(p, &sw->ports, list) {
		struct sk_buff *nskb;

		if (!vsw_may_flood_to(p, in))
			continue;
		pcfg = rcu_dereference(p->cfg);
		if (!vsw_vlan_carries(&pcfg->vlan, vid))
			continue;
		if (unlikely(icfg->isolation | pcfg->isolation) &&
		    !vsw_may_reach(icfg, pcfg))
			continue;
		if (prev) {
			nskb = skb_clone(skb, GFP_ATOMIC);
			if (unlikely(!nskb)) {
				vsw_drop(in, skb);
				return;
			}
			vsw_stats_inc_flooded(prev);
			vsw_output(in, icfg, prev, prev_cfg, nskb, vid);
		}
		prev = p;
		prev_cfg = pcfg;
	}
	if (!prev) {
		consume_skb(skb);
		return;
	}
	vsw_stats_inc_flooded(prev);
	vsw_output(in, icfg, prev, prev_cfg, skb, vid);
}

/*
 * skb->data is at the Ethernet header; the caller owns the skb alone.  The
 * stages, in order: VLAN ingress, the port's guards, learning, the lookup,
 * the port's limits, isolation, mirroring, the output.
 */
void __flatten vsw_input(struct vsw_port *in, struct sk_buff *skb)
{
	const struct vsw_port_cfg *icfg = rcu_dereference(in->cfg);
	const struct vsw_port_cfg *ocfg = NULL;
	struct vsw_switch *sw = in->sw;
	struct vsw_port *out = NULL;
	enum vsw_verdict verdict;
	enum vsw_drops_attr why;
	const struct ethhdr *eth;
	int vid;

	skb_reset_mac_header(skb);
	vsw_stats_add(in->stats, true, skb->len);
	vid = vsw_vlan_ingress(&icfg->vlan, &skb);
	/* Refused, or of a VLAN no other port carries; VLAN 0 tests once. */
	if (unlikely(vid) &&
	    (vid == VSW_VLAN_DROP || !test_bit(vid, sw->vlan_shared))) {
		vsw_drop_why(in, skb, VSW_DROPS_VLAN);
		return;
	}
	eth = eth_hdr(skb);
	if (unlikely(icfg->guards)) {
		why = vsw_guard(in, icfg, skb);
		if (why) {
			vsw_drop_why(in, skb, why);
			return;
		}
	}

	verdict = vsw_decide(sw, in, eth, vid, &out);
	if (unlikely(verdict == VSW_DROP || verdict == VSW_PASS)) {
		vsw_drop(in, skb);
		return;
	}
	vsw_fdb_learn(&sw->fdb, in, eth->h_source, vid);
	if (unlikely(verdict == VSW_DISCARD)) {
		/* Known, on the port it came in by. */
		vsw_drop(in, skb);
		return;
	}
	if (likely(verdict == VSW_UNICAST)) {
		ocfg = rcu_dereference(out->cfg);
		/*
		 * Known on a port that does not carry the VLAN (a static
		 * entry, the host's MAC outside its VLANs, an entry of a
		 * VLAN its port just left): as if unknown.
		 */
		if (unlikely(!vsw_vlan_carries(&ocfg->vlan, vid))) {
			verdict = VSW_FLOOD;
			ocfg = NULL;
		}
	}
	if (unlikely(icfg->police)) {
		why = vsw_police(in, icfg, skb, verdict == VSW_FLOOD);
		if (why) {
			vsw_drop_why(in, skb, why);
			return;
		}
	}
	if (ocfg && unlikely(icfg->isolation | ocfg->isolation) &&
	    !vsw_may_reach(icfg, ocfg)) {
		vsw_drop_why(in, skb, VSW_DROPS_ISOLATION);
		return;
	}
	if (unlikely(READ_ONCE(sw->mirrors))) {
		const struct vsw_vlan *v;

		v = vsw_mirror_source(sw, in, icfg, ocfg, vid);
		if (v)
			vsw_mirror(sw, in, icfg, ocfg ? out : NULL, v, skb, vid);
	}
	if (likely(ocfg))
		vsw_output(in, icfg, out, ocfg, skb, vid);
	else
		vsw_flood(sw, in, icfg, skb, vid);
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
	/*
	 * From its MAC header: ETH_HLEN back, or a tag's more on a VLAN
	 * device with reorder_hdr off, which gives a frame back its tag
	 * (vlan_do_receive() spares only a bridge's or macvlan's port).
	 */
	skb_push(skb, skb->data - skb_mac_header(skb));
	vsw_input(port, skb);
	return RX_HANDLER_CONSUMED;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_handle_frame);
