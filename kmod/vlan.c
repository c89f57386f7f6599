// SPDX-License-Identifier: GPL-2.0
/*
 * VLANs: which VLAN a frame joins as it enters by a port, whether a port
 * carries a VLAN, and the tag a frame leaves with; and a port's VLAN
 * settings to and from netlink.
 *
 * A tag is the frame's outer 802.1Q tag, in the skb (skb_vlan_tag_present())
 * or in the frame; the receive path has already moved the one it found into
 * the skb, so only the host vNIC's xmit brings one in the frame.  A priority
 * tag (VID 0) is no VLAN's: the frame is untagged.  An 802.1ad or other
 * outer tag is payload.  Inside the switch a frame's tag is in the skb or
 * absent; on the way out it is rewritten, pushed or cleared with the
 * kernel's helpers, offloaded where the egress device takes it.
 */
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <kunit/visibility.h>
#include "vsw.h"

/* The uplink carries every VLAN tagged, the others VLAN 0 untagged. */
void vsw_vlan_default(struct vsw_vlan *v, enum vsw_port_role role)
{
	memset(v, 0, sizeof(*v));
	if (role == VSW_ROLE_UPLINK) {
		v->mode = VSW_VLAN_MODE_TRUNK;
		bitmap_set(v->trunk, 1, VLAN_N_VID - 2);
	}
}
EXPORT_SYMBOL_IF_KUNIT(vsw_vlan_default);

/*
 * Under RTNL, after a port came, went or changed its VLANs: the VIDs that
 * two ports or more carry.  A frame of another VLAN but 0 has nowhere to
 * go, and is dropped before it is learned: with the uplink a trunk of all
 * VIDs, the LAN's other VLANs would otherwise fill the table.  Word by
 * word, so that a frame never sees a VID that stays shared cleared.
 */
void vsw_vlan_shared_update(struct vsw_switch *sw)
{
	unsigned int w;

	ASSERT_RTNL();
	for (w = 0; w < BITS_TO_LONGS(VLAN_N_VID); w++) {
		unsigned long once = 0, twice = 0;
		struct vsw_port *port;

		list_for_each_entry(port, &sw->ports, list) {
			const struct vsw_vlan *v = &rtnl_dereference(port->cfg)->vlan;
			unsigned long carried = 0;

			if (v->mode == VSW_VLAN_MODE_TRUNK)
				carried = v->trunk[w];
			if (BIT_WORD(v->pvid) == w)
				carried |= BIT_MASK(v->pvid);
			twice |= once & carried;
			once |= carried;
		}
		WRITE_ONCE(sw->vlan_shared[w], twice);
	}
}

/*
 * vsw_vlan_ingress() for a frame with an outer tag, in the skb or in the
 * frame.  An 802.1Q tag in the frame moves into the skb, as the receive
 * path puts it; if that fails, the skb is freed and *@pskb is NULL.  A
 * frame too short for its tag is dropped, and so is a tag of VID 0 (of
 * either type) followed by another tag: a receiver strips the one and
 * takes the other (__netif_receive_skb_core()), the double-tag hop into a
 * VLAN.  An 802.1ad tag of another VID is payload, and stays where it is.
 */
int vsw_vlan_ingress_tagged(const struct vsw_vlan *v, struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	__be16 proto, next;
	u16 tci, vid;

	if (skb_vlan_tag_present(skb)) {
		proto = skb->vlan_proto;
		tci = skb_vlan_tag_get(skb);
		next = eth_hdr(skb)->h_proto;
	} else {
		if (!pskb_may_pull(skb, VLAN_ETH_HLEN))
			return VSW_VLAN_DROP;
		proto = vlan_eth_hdr(skb)->h_vlan_proto;
		tci = ntohs(vlan_eth_hdr(skb)->h_vlan_TCI);
		next = vlan_eth_hdr(skb)->h_vlan_encapsulated_proto;
	}
	vid = tci & VLAN_VID_MASK;
	if (!vid && eth_type_vlan(next))
		return VSW_VLAN_DROP;
	if (proto != htons(ETH_P_8021Q))
		return v->pvid;
	if (!vid)
		vid = v->pvid;
	else if (v->mode != VSW_VLAN_MODE_TRUNK || !test_bit(vid, v->trunk))
		return VSW_VLAN_DROP;
	if (!skb_vlan_tag_present(skb)) {
		/* skb_vlan_untag() wants skb->data past the MAC header. */
		__skb_pull(skb, ETH_HLEN);
		skb->protocol = htons(ETH_P_8021Q);
		skb = skb_vlan_untag(skb);
		*pskb = skb;
		if (!skb)
			return VSW_VLAN_DROP;
		skb_push(skb, ETH_HLEN);
	}
	return vid;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_vlan_ingress_tagged);

/*
 * vsw_vlan_egress() when @vid leaves tagged: the frame's priority tag or
 * 802.1Q tag gets @vid (its priority kept), or a tag is pushed, in the skb;
 * an 802.1ad tag there first goes into the frame, under the new one.
 */
int vsw_vlan_tag(struct sk_buff *skb, u16 vid)
{
	if (!skb_vlan_tag_present(skb))
		return skb_vlan_push(skb, htons(ETH_P_8021Q), vid);
	if (skb->vlan_proto == htons(ETH_P_8021Q)) {
		__vlan_hwaccel_put_tag(skb, skb->vlan_proto,
				       (skb->vlan_tci & ~VLAN_VID_MASK) | vid);
		return 0;
	}
	/*
	 * skb_vlan_push() corrects a complete checksum for the bytes it
	 * writes as if the sum began at skb->data (tc's frames); here it
	 * begins past the MAC header, as on receive.
	 */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return skb_vlan_push(skb, htons(ETH_P_8021Q), vid);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_vlan_tag);

/*
 * A port's VLAN settings from a request, into @v (which holds the current
 * ones): VSW_A_PORT_VLAN_MODE replaces them all, the attributes of another
 * mode are refused.  Nothing is applied here.
 */
int vsw_vlan_from_attrs(struct vsw_vlan *v, struct nlattr **attrs,
			struct netlink_ext_ack *extack)
{
	struct nlattr *mode = attrs[VSW_A_PORT_VLAN_MODE];
	struct nlattr *vid = attrs[VSW_A_PORT_VLAN_VID];
	struct nlattr *native = attrs[VSW_A_PORT_VLAN_NATIVE];
	struct nlattr *trunk = attrs[VSW_A_PORT_VLAN_TRUNK];

	if (!mode) {
		if (vid || native || trunk) {
			NL_SET_ERR_MSG_ATTR(extack, vid ?: native ?: trunk,
					    "a VLAN setting without the VLAN mode");
			return -EINVAL;
		}
		return 0;
	}
	memset(v, 0, sizeof(*v));
	v->mode = nla_get_u8(mode);
	switch (v->mode) {
	case VSW_VLAN_MODE_UNTAGGED:
		if (vid || native || trunk) {
			NL_SET_ERR_MSG_ATTR(extack, vid ?: native ?: trunk,
					    "an untagged port takes no VID");
			return -EINVAL;
		}
		break;
	case VSW_VLAN_MODE_ACCESS:
		if (!vid) {
			NL_SET_ERR_ATTR_MISS(extack, NULL, VSW_A_PORT_VLAN_VID);
			NL_SET_ERR_MSG(extack, "an access port needs its VID");
			return -EINVAL;
		}
		if (native || trunk) {
			NL_SET_ERR_MSG_ATTR(extack, native ?: trunk,
					    "an access port has one VID, no native VLAN or trunk VIDs");
			return -EINVAL;
		}
		v->pvid = nla_get_u16(vid);
		break;
	case VSW_VLAN_MODE_TRUNK:
		if (!trunk) {
			NL_SET_ERR_ATTR_MISS(extack, NULL, VSW_A_PORT_VLAN_TRUNK);
			NL_SET_ERR_MSG(extack, "a trunk needs its VIDs");
			return -EINVAL;
		}
		if (vid) {
			NL_SET_ERR_MSG_ATTR(extack, vid,
					    "a trunk takes native and trunk VIDs, not an access VID");
			return -EINVAL;
		}
		/* The policy checked its length; attributes are 4-aligned. */
		bitmap_from_arr32(v->trunk, nla_data(trunk), VLAN_N_VID);
		if (test_bit(0, v->trunk) || test_bit(VLAN_N_VID - 1, v->trunk)) {
			NL_SET_ERR_MSG_ATTR(extack, trunk,
					    "trunk VIDs are 1 to 4094");
			return -EINVAL;
		}
		if (bitmap_empty(v->trunk, VLAN_N_VID)) {
			NL_SET_ERR_MSG_ATTR(extack, trunk,
					    "a trunk needs at least one VID");
			return -EINVAL;
		}
		if (native)
			v->pvid = nla_get_u16(native);
		break;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_vlan_from_attrs);

int vsw_vlan_fill(struct sk_buff *skb, const struct vsw_vlan *v)
{
	struct nlattr *map;

	if (nla_put_u8(skb, VSW_A_PORT_VLAN_MODE, v->mode))
		return -EMSGSIZE;
	switch (v->mode) {
	case VSW_VLAN_MODE_ACCESS:
		return nla_put_u16(skb, VSW_A_PORT_VLAN_VID, v->pvid);
	case VSW_VLAN_MODE_TRUNK:
		if (nla_put_u16(skb, VSW_A_PORT_VLAN_NATIVE, v->pvid))
			return -EMSGSIZE;
		map = nla_reserve(skb, VSW_A_PORT_VLAN_TRUNK, VSW_VLAN_MAP_LEN);
		if (!map)
			return -EMSGSIZE;
		bitmap_to_arr32(nla_data(map), v->trunk, VLAN_N_VID);
	}
	return 0;
}
