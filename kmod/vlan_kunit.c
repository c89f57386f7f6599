// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for vsw's VLANs: the ingress decision of every mode for
 * untagged, priority-tagged, tagged, double-tagged and 802.1ad frames with
 * the outer tag in the frame or in the skb, and runts; the tag each mode
 * gives a frame on its way out; and the FDB per VLAN, with the host's
 * local entry standing for its MAC in every VLAN.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include "vsw_kunit.h"

static const u8 vt_dst[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0d };
static const u8 vt_src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x05 };

/* The port settings the cases name. */
enum vt_mode { VT_UNTAGGED, VT_ACCESS10, VT_TRUNK, VT_TRUNK_NATIVE5 };

static void vt_vlan(struct vsw_vlan *v, enum vt_mode mode)
{
	vsw_vlan_default(v, VSW_ROLE_VM);
	switch (mode) {
	case VT_UNTAGGED:
		break;
	case VT_ACCESS10:
		v->mode = VSW_VLAN_MODE_ACCESS;
		v->pvid = 10;
		break;
	case VT_TRUNK_NATIVE5:
		v->pvid = 5;
		fallthrough;
	case VT_TRUNK:
		v->mode = VSW_VLAN_MODE_TRUNK;
		set_bit(10, v->trunk);
		set_bit(20, v->trunk);
		break;
	}
}

/* A frame's tags, outermost first: TPID and TCI; 0 TPID ends the list. */
struct vt_tag {
	u16 tpid, tci;
};

struct vt_ingress_case {
	const char *name;
	enum vt_mode mode;
	struct vt_tag tags[2];
	bool offloaded;		/* the outer tag in the skb */
	unsigned int len;	/* 0: a minimum-size frame */
	int vid;		/* the VLAN joined, or VSW_VLAN_DROP */
};

#define Q(tci)	{ ETH_P_8021Q, tci }
#define AD(tci)	{ ETH_P_8021AD, tci }

static const struct vt_ingress_case vt_ingress_cases[] = {
	{ "untagged: untagged joins 0", VT_UNTAGGED, {}, false, 0, 0 },
	{ "untagged: priority tag joins 0", VT_UNTAGGED, { Q(0x6000) }, false, 0, 0 },
	{ "untagged: offloaded priority tag joins 0", VT_UNTAGGED, { Q(0x6000) }, true, 0, 0 },
	{ "untagged: tag 10 dropped", VT_UNTAGGED, { Q(10) }, false, 0, VSW_VLAN_DROP },
	{ "untagged: offloaded tag 10 dropped", VT_UNTAGGED, { Q(10) }, true, 0, VSW_VLAN_DROP },
	{ "untagged: 802.1ad is payload", VT_UNTAGGED, { AD(100) }, false, 0, 0 },
	{ "untagged: offloaded 802.1ad is payload", VT_UNTAGGED, { AD(100) }, true, 0, 0 },
	{ "untagged: 802.1ad over 802.1Q is payload", VT_UNTAGGED, { AD(100), Q(20) }, true, 0, 0 },
	{ "untagged: priority tag over tag 20 dropped", VT_UNTAGGED, { Q(0), Q(20) }, false, 0,
	  VSW_VLAN_DROP },
	{ "untagged: offloaded priority tag over tag 20 dropped", VT_UNTAGGED, { Q(0), Q(20) },
	  true, 0, VSW_VLAN_DROP },
	{ "untagged: 802.1ad VID 0 over tag 20 dropped", VT_UNTAGGED, { AD(0), Q(20) }, false,
	  0, VSW_VLAN_DROP },
	{ "untagged: offloaded 802.1ad VID 0 over tag 20 dropped", VT_UNTAGGED,
	  { AD(0), Q(20) }, true, 0, VSW_VLAN_DROP },
	{ "untagged: 802.1ad VID 0 alone is payload", VT_UNTAGGED, { AD(0) }, true, 0, 0 },
	{ "access 10: untagged joins 10", VT_ACCESS10, {}, false, 0, 10 },
	{ "access 10: priority tag over 802.1ad dropped", VT_ACCESS10, { Q(0), AD(5) }, true, 0,
	  VSW_VLAN_DROP },
	{ "access 10: priority tag joins 10", VT_ACCESS10, { Q(0x2000) }, true, 0, 10 },
	{ "access 10: its own tag dropped", VT_ACCESS10, { Q(10) }, false, 0, VSW_VLAN_DROP },
	{ "access 10: offloaded own tag dropped", VT_ACCESS10, { Q(10) }, true, 0, VSW_VLAN_DROP },
	{ "access 10: tag 20 dropped", VT_ACCESS10, { Q(20) }, true, 0, VSW_VLAN_DROP },
	{ "access 10: double tag 10/20 dropped", VT_ACCESS10, { Q(10), Q(20) }, false, 0,
	  VSW_VLAN_DROP },
	{ "access 10: priority over tag 20 dropped", VT_ACCESS10, { Q(0), Q(20) }, true, 0,
	  VSW_VLAN_DROP },
	{ "access 10: 802.1ad joins 10", VT_ACCESS10, { AD(20) }, true, 0, 10 },
	{ "trunk: tag 10 joins 10", VT_TRUNK, { Q(10) }, false, 0, 10 },
	{ "trunk: offloaded tag 20 joins 20", VT_TRUNK, { Q(0xe014) }, true, 0, 20 },
	{ "trunk: tag 30 dropped", VT_TRUNK, { Q(30) }, false, 0, VSW_VLAN_DROP },
	{ "trunk: offloaded tag 30 dropped", VT_TRUNK, { Q(30) }, true, 0, VSW_VLAN_DROP },
	{ "trunk: tag 4095 dropped", VT_TRUNK, { Q(4095) }, true, 0, VSW_VLAN_DROP },
	{ "trunk: untagged joins native 0", VT_TRUNK, {}, false, 0, 0 },
	{ "trunk: priority tag joins native 0", VT_TRUNK, { Q(0) }, false, 0, 0 },
	{ "trunk: 802.1Q in 802.1Q joins the outer", VT_TRUNK, { Q(10), Q(30) }, false, 0, 10 },
	{ "trunk native 5: untagged joins 5", VT_TRUNK_NATIVE5, {}, false, 0, 5 },
	{ "trunk native 5: tag 5 is not a trunk VID", VT_TRUNK_NATIVE5, { Q(5) }, true, 0,
	  VSW_VLAN_DROP },
	{ "trunk native 5: 802.1ad joins 5", VT_TRUNK_NATIVE5, { AD(10) }, true, 0, 5 },
	{ "runt: a tag without its EtherType", VT_TRUNK, { Q(10) }, false, ETH_HLEN + 2,
	  VSW_VLAN_DROP },
	{ "runt: a tag and its EtherType, nothing after", VT_TRUNK, { Q(10) }, false,
	  VLAN_ETH_HLEN, VSW_VLAN_DROP },
	{ "runt: two bytes after the tag's EtherType", VT_TRUNK, { Q(10) }, false,
	  VLAN_ETH_HLEN + 2, 10 },
	{ "runt: an offloaded tag, the header alone", VT_TRUNK, { Q(10) }, true,
	  ETH_HLEN + VLAN_HLEN, 10 },
	{ "runt: the header alone, untagged", VT_UNTAGGED, {}, false, ETH_HLEN, 0 },
};

static void vt_ingress_desc(const struct vt_ingress_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vt_ingress, vt_ingress_cases, vt_ingress_desc);

/*
 * A frame to vt_dst with @tags (the outer one in the skb if @offloaded),
 * EtherType IPv4 after them, @len bytes long in all (0: 60), as vsw_input()
 * gets it: skb->data at the Ethernet header.
 */
static struct sk_buff *vt_frame(struct kunit *test, const struct vt_tag *tags,
				bool offloaded, unsigned int len)
{
	unsigned int i, n = 0, full;
	struct sk_buff *skb;
	u8 *p;

	while (n < 2 && tags[n].tpid)
		n++;
	full = len ?: ETH_ZLEN;
	skb = alloc_skb(NET_SKB_PAD + 128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_SKB_PAD);
	p = skb_put_zero(skb, 2 * ETH_ALEN);
	ether_addr_copy(p, vt_dst);
	ether_addr_copy(p + ETH_ALEN, vt_src);
	for (i = 0; i < n; i++) {
		if (i == 0 && offloaded) {
			__vlan_hwaccel_put_tag(skb, htons(tags[0].tpid), tags[0].tci);
			full -= VLAN_HLEN;
			continue;
		}
		put_unaligned_be16(tags[i].tpid, skb_put(skb, 2));
		put_unaligned_be16(tags[i].tci, skb_put(skb, 2));
	}
	put_unaligned_be16(ETH_P_IP, skb_put(skb, 2));
	if (full > skb->len)
		skb_put_zero(skb, full - skb->len);
	else
		skb_trim(skb, full);
	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	return skb;
}

static void vlan_ingress_decision(struct kunit *test)
{
	const struct vt_ingress_case *c = test->param_value;
	struct sk_buff *skb;
	struct vsw_vlan *v;
	int vid;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	vt_vlan(v, c->mode);
	skb = vt_frame(test, c->tags, c->offloaded, c->len);
	vid = vsw_vlan_ingress(v, &skb);
	KUNIT_EXPECT_EQ(test, vid, c->vid);
	if (vid == VSW_VLAN_DROP) {
		kfree_skb(skb);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, skb);
	/* What is left in the frame is the MAC header and what follows the tag. */
	KUNIT_EXPECT_PTR_EQ(test, (void *)skb->data, (void *)skb_mac_header(skb));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(eth_hdr(skb)->h_dest, vt_dst));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(eth_hdr(skb)->h_source, vt_src));
	if (c->tags[0].tpid == ETH_P_8021Q) {
		/* An 802.1Q tag taken in the frame is in the skb now. */
		KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
		KUNIT_EXPECT_EQ(test, ntohs(skb->vlan_proto), ETH_P_8021Q);
		KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(skb), c->tags[0].tci);
		KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(skb)->h_proto),
				c->tags[1].tpid ?: ETH_P_IP);
	}
	kfree_skb(skb);
}

struct vt_egress_case {
	const char *name;
	enum vt_mode mode;
	u16 vid;
	struct vt_tag in;	/* the tag in the skb, if any */
	bool carried;
	u16 out_tci;		/* 0: leaves without an 802.1Q tag */
	u16 inner_tpid;		/* in the frame after the MAC addresses */
};

static const struct vt_egress_case vt_egress_cases[] = {
	{ "untagged: 0 leaves untagged", VT_UNTAGGED, 0, {}, true, 0, ETH_P_IP },
	{ "untagged: 0 loses a priority tag", VT_UNTAGGED, 0, Q(0x6000), true, 0, ETH_P_IP },
	{ "untagged: 10 not carried", VT_UNTAGGED, 10, {}, false },
	{ "access 10: 10 leaves untagged", VT_ACCESS10, 10, Q(10), true, 0, ETH_P_IP },
	{ "access 10: 802.1ad stays payload", VT_ACCESS10, 10, AD(7), true, 0, ETH_P_IP },
	{ "access 10: 0 not carried", VT_ACCESS10, 0, {}, false },
	{ "access 10: 20 not carried", VT_ACCESS10, 20, {}, false },
	{ "trunk: 10 pushed", VT_TRUNK, 10, {}, true, 10, ETH_P_IP },
	{ "trunk: tag 20 kept", VT_TRUNK, 20, Q(20), true, 20, ETH_P_IP },
	{ "trunk: a priority tag gets VID 10, its priority kept", VT_TRUNK, 10, Q(0xa000),
	  true, 0xa00a, ETH_P_IP },
	{ "trunk: an access tag rewritten", VT_TRUNK, 20, Q(0x200a), true, 0x2014, ETH_P_IP },
	{ "trunk: 802.1ad goes in the frame under the tag", VT_TRUNK, 10, AD(7), true, 10,
	  ETH_P_8021AD },
	{ "trunk: native 0 untagged", VT_TRUNK, 0, Q(0), true, 0, ETH_P_IP },
	{ "trunk: 30 not carried", VT_TRUNK, 30, {}, false },
	{ "trunk native 5: 5 untagged", VT_TRUNK_NATIVE5, 5, Q(5), true, 0, ETH_P_IP },
	{ "trunk native 5: 0 not carried", VT_TRUNK_NATIVE5, 0, {}, false },
};

static void vt_egress_desc(const struct vt_egress_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vt_egress, vt_egress_cases, vt_egress_desc);

static void vlan_egress_tag(struct kunit *test)
{
	const struct vt_egress_case *c = test->param_value;
	struct vt_tag tags[2] = { c->in };
	struct sk_buff *skb, *clone;
	struct vsw_vlan *v;
	unsigned int len;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	vt_vlan(v, c->mode);
	KUNIT_EXPECT_EQ(test, vsw_vlan_carries(v, c->vid), c->carried);
	if (!c->carried)
		return;
	skb = vt_frame(test, tags, true, 0);
	len = skb->len;
	/* As a flood's copy: the original's data must stay as it was. */
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	KUNIT_ASSERT_EQ(test, vsw_vlan_egress(v, clone, c->vid), 0);
	if (c->out_tci) {
		KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(clone));
		KUNIT_EXPECT_EQ(test, ntohs(clone->vlan_proto), ETH_P_8021Q);
		KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(clone), c->out_tci);
	} else {
		KUNIT_EXPECT_FALSE(test, skb_vlan_tag_present(clone) &&
				   clone->vlan_proto == htons(ETH_P_8021Q));
	}
	KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(clone)->h_proto), c->inner_tpid);
	KUNIT_EXPECT_PTR_EQ(test, (void *)clone->data, (void *)skb_mac_header(clone));
	KUNIT_EXPECT_EQ(test, ntohs(eth_hdr(skb)->h_proto), ETH_P_IP);
	KUNIT_EXPECT_EQ(test, skb->len, len);
	kfree_skb(clone);
	kfree_skb(skb);
}

/*
 * The FDB per VLAN: p1 is a trunk of 10 and 20, p2 on access 10, the host
 * port a trunk of 10 and 20.
 */
static int vt_fdb_init(struct kunit *test)
{
	struct vsw_test_ctx *ctx;
	int err = vsw_test_init(test);

	if (err)
		return err;
	ctx = test->priv;
	vt_vlan(&ctx->c1.vlan, VT_TRUNK);
	vt_vlan(&ctx->c2.vlan, VT_ACCESS10);
	vt_vlan(&ctx->chost.vlan, VT_TRUNK);
	return 0;
}

static void vlan_fdb_one_mac_two_vlans(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	vsw_test_learn(fdb, &ctx->p1, vt_src, 20);
	vsw_test_learn(fdb, &ctx->p2, vt_src, 10);
	KUNIT_EXPECT_EQ(test, fdb->count, 2);
	KUNIT_ASSERT_NOT_NULL(test, vsw_test_lookup(fdb, vt_src, 20));
	KUNIT_ASSERT_NOT_NULL(test, vsw_test_lookup(fdb, vt_src, 10));
	KUNIT_EXPECT_PTR_EQ(test, vsw_test_lookup(fdb, vt_src, 20)->port, &ctx->p1);
	KUNIT_EXPECT_PTR_EQ(test, vsw_test_lookup(fdb, vt_src, 10)->port, &ctx->p2);
	KUNIT_EXPECT_NULL(test, vsw_test_lookup(fdb, vt_src, 0));
	/* Seen again in 20 on p1: no move of the VLAN 10 entry. */
	vsw_test_learn(fdb, &ctx->p1, vt_src, 20);
	KUNIT_EXPECT_PTR_EQ(test, vsw_test_lookup(fdb, vt_src, 10)->port, &ctx->p2);
}

static void vlan_fdb_local_in_every_vlan(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_port *out = NULL;
	struct ethhdr eth;

	KUNIT_ASSERT_EQ(test, vsw_fdb_add(fdb, &ctx->host, vt_dst, 0, VSW_FDB_LOCAL), 0);
	/* The host sends in VLAN 10, a VM claims its MAC in VLAN 20: no entry. */
	vsw_test_learn(fdb, &ctx->host, vt_dst, 10);
	vsw_test_learn(fdb, &ctx->p1, vt_dst, 20);
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
	KUNIT_EXPECT_NULL(test, vsw_test_lookup(fdb, vt_dst, 20));

	ether_addr_copy(eth.h_dest, vt_dst);
	ether_addr_copy(eth.h_source, vt_src);
	eth.h_proto = htons(ETH_P_IP);
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, vsw_decide(&ctx->sw, &ctx->p1, &eth, 20, &out),
			VSW_UNICAST);
	rcu_read_unlock();
	KUNIT_EXPECT_PTR_EQ(test, out, &ctx->host);
	/* Nor is it given to a VM port in any VLAN. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p2, vt_dst, 10, VSW_FDB_STATIC),
			-EADDRINUSE);
}

/* The host vNIC takes a MAC a VM had in VLAN 10: the VM loses it. */
static void vlan_fdb_host_mac_in_every_vlan(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	KUNIT_ASSERT_EQ(test, vsw_fdb_add(fdb, &ctx->host, vt_dst, 0, VSW_FDB_LOCAL), 0);
	vsw_test_learn(fdb, &ctx->p2, vt_src, 10);
	KUNIT_ASSERT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, vt_src, 20, VSW_FDB_STATIC), 0);
	KUNIT_ASSERT_EQ(test, vsw_fdb_set_local(fdb, &ctx->host, vt_dst, vt_src), 0);
	KUNIT_EXPECT_NULL(test, vsw_test_lookup(fdb, vt_src, 10));
	KUNIT_EXPECT_NULL(test, vsw_test_lookup(fdb, vt_src, 20));
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 0);
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, vt_src, 20, VSW_FDB_STATIC),
			-EADDRINUSE);
	vsw_test_learn(fdb, &ctx->p2, vt_src, 10);
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
}

static void vlan_fdb_flush_filters(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_filter by_vlan = {
		.vlan = 20, .scope = VSW_FLUSH_USER,
	};
	struct vsw_fdb_filter left = {
		.port = &ctx->p1, .vlan = -1, .left = &ctx->c2.vlan,
		.scope = VSW_FLUSH_LEARNED,
	};

	vsw_test_learn(fdb, &ctx->p1, vt_src, 10);
	vsw_test_learn(fdb, &ctx->p1, vt_src, 20);
	vsw_test_learn(fdb, &ctx->p2, vt_dst, 10);
	KUNIT_ASSERT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, vt_dst, 20, VSW_FDB_STATIC), 0);
	KUNIT_EXPECT_EQ(test, fdb->count, 4);
	/* p1 keeps VLAN 10 only (access 10): its dynamic 20 goes, static stays. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush_filter(fdb, &left), 1);
	KUNIT_EXPECT_NULL(test, vsw_test_lookup(fdb, vt_src, 20));
	KUNIT_EXPECT_NOT_NULL(test, vsw_test_lookup(fdb, vt_src, 10));
	KUNIT_EXPECT_NOT_NULL(test, vsw_test_lookup(fdb, vt_dst, 20));
	/* `fdb flush NAME vlan 20`: static ones too, only of VLAN 20. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush_filter(fdb, &by_vlan), 1);
	KUNIT_EXPECT_EQ(test, fdb->count, 2);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 1);
}

static struct kunit_case vsw_vlan_cases[] = {
	KUNIT_CASE_PARAM(vlan_ingress_decision, vt_ingress_gen_params),
	KUNIT_CASE_PARAM(vlan_egress_tag, vt_egress_gen_params),
	{}
};

static struct kunit_suite vsw_vlan_suite = {
	.name = "vsw_vlan",
	.test_cases = vsw_vlan_cases,
};

static struct kunit_case vsw_vlan_fdb_cases[] = {
	KUNIT_CASE(vlan_fdb_one_mac_two_vlans),
	KUNIT_CASE(vlan_fdb_local_in_every_vlan),
	KUNIT_CASE(vlan_fdb_host_mac_in_every_vlan),
	KUNIT_CASE(vlan_fdb_flush_filters),
	{}
};

static struct kunit_suite vsw_vlan_fdb_suite = {
	.name = "vsw_vlan_fdb",
	.init = vt_fdb_init,
	.exit = vsw_test_exit,
	.test_cases = vsw_vlan_fdb_cases,
};

kunit_test_suites(&vsw_vlan_suite, &vsw_vlan_fdb_suite);
