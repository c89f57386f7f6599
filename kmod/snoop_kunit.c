// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for vsw's DHCP snooping: the lease table at explicit times
 * (expiry, removal, which slot a new lease takes), and the leases
 * vsw_snoop() takes from crafted DHCPv4 ACK and DHCPv6 REPLY messages,
 * well formed or not.  A message cut short has the rest of it in a trailer
 * after its datagram: a parser that reads past the datagram's end finds a
 * lease there, and the case fails.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ipv6.h>
#include "vsw_kunit.h"

static const u8 st_client[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };
static const u8 st_server[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x5e };
static const u8 st_other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0e };

/* An address as vsw keeps it (IPv4: IPv4-mapped). */
static struct in6_addr st_addr(struct kunit *test, const char *text)
{
	struct in6_addr a = {};

	if (strchr(text, ':')) {
		KUNIT_ASSERT_EQ(test, in6_pton(text, -1, a.s6_addr, -1, NULL), 1);
	} else {
		KUNIT_ASSERT_EQ(test, in4_pton(text, -1, a.s6_addr + 12, -1, NULL), 1);
		ipv6_addr_set_v4mapped(a.s6_addr32[3], &a);
	}
	return a;
}

/* The slots in use, whatever their expiry. */
static int st_used(const struct vsw_leases *l)
{
	int i, n = 0;

	for (i = 0; i < VSW_LEASES_MAX; i++)
		n += l->e[i].expires != 0;
	return n;
}

static struct vsw_leases *st_leases(struct kunit *test)
{
	struct vsw_leases *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	vsw_leases_init(l);
	return l;
}

static void snoop_lease_expiry(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a = st_addr(test, "192.0.2.7");
	struct in6_addr b = st_addr(test, "192.0.2.8");

	vsw_lease_set(l, &a, st_client, 60, 1000);
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &a, st_client, 1000));
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &a, st_client, 1059));
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_client, 1060));
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_client, 100000));
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &b, st_client, 1000));
	/* A lease is its client's MAC's. */
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_other, 1000));
}

/* IPv4 10.0.0.7 is not IPv6 ::10.0.0.7: all 16 bytes are compared. */
static void snoop_lease_whole_address(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr v4 = st_addr(test, "10.0.0.7");
	struct in6_addr v6 = st_addr(test, "::10.0.0.7");
	struct in6_addr hi = st_addr(test, "2001:db8::7");
	struct in6_addr hi2 = st_addr(test, "2001:db9::7");

	vsw_lease_set(l, &v4, st_client, 60, 1000);
	vsw_lease_set(l, &hi, st_client, 60, 1000);
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &v6, st_client, 1000));
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &hi2, st_client, 1000));
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &v4, st_client, 1000));
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &hi, st_client, 1000));
}

static void snoop_lease_zero_removes(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a = st_addr(test, "2001:db8:1::7");
	struct in6_addr b = st_addr(test, "2001:db8:1::8");

	vsw_lease_set(l, &a, st_client, 600, 1000);
	vsw_lease_set(l, &a, st_client, 0, 1010);
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_client, 1010));
	KUNIT_EXPECT_EQ(test, st_used(l), 0);
	/* Ending a lease that is not there takes no slot. */
	vsw_lease_set(l, &b, st_client, 0, 1010);
	KUNIT_EXPECT_EQ(test, st_used(l), 0);
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &b, st_client, 1010));
}

/* A renewal moves the expiry of the lease's slot, and takes no other. */
static void snoop_lease_renewal_in_place(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a = st_addr(test, "192.0.2.7");

	/* Renewed for another MAC: the address moved. */
	vsw_lease_set(l, &a, st_other, 60, 1000);
	vsw_lease_set(l, &a, st_client, 60, 1050);
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &a, st_client, 1100));
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_client, 1110));
	KUNIT_EXPECT_EQ(test, st_used(l), 1);
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_other, 1100));
	/* A shorter lease shortens it too: the server's word is the last. */
	vsw_lease_set(l, &a, st_client, 5, 1060);
	KUNIT_EXPECT_FALSE(test, vsw_lease_find(l, &a, st_client, 1065));
	/* Expired, then leased again: the same slot. */
	vsw_lease_set(l, &a, st_client, 60, 2000);
	KUNIT_EXPECT_TRUE(test, vsw_lease_find(l, &a, st_client, 2000));
	KUNIT_EXPECT_EQ(test, st_used(l), 1);
}

static struct in6_addr st_nth(int i)
{
	struct in6_addr a;

	ipv6_addr_set_v4mapped(htonl(0xc0000200 + i), &a);
	return a;
}

/* Which leases of st_nth(0..n-1) are there at @now: a bit each. */
static unsigned long st_found(struct vsw_leases *l, int n, time64_t now)
{
	unsigned long found = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct in6_addr a = st_nth(i);

		if (vsw_lease_find(l, &a, st_client, now))
			found |= BIT(i);
	}
	return found;
}

/*
 * A full table: a new lease takes an expired slot first, then the one
 * that expires first, never one that outlives it.
 */
static void snoop_lease_full_table(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a;
	int i;

	/* Slot i until 2000 - i, but for 7, over at 1010. */
	for (i = 0; i < VSW_LEASES_MAX; i++) {
		a = st_nth(i);
		vsw_lease_set(l, &a, st_client, i == 7 ? 10 : 1000 - i, 1000);
	}
	KUNIT_ASSERT_EQ(test, st_used(l), VSW_LEASES_MAX);
	KUNIT_ASSERT_EQ(test, st_found(l, VSW_LEASES_MAX, 1500),
			GENMASK(VSW_LEASES_MAX - 1, 0) & ~BIT(7));

	a = st_nth(16);
	vsw_lease_set(l, &a, st_client, 600, 1500);
	KUNIT_EXPECT_EQ(test, st_found(l, 17, 1500),
			GENMASK(16, 0) & ~BIT(7));
	/* None expired: the one of slot 15 ends first, at 1985. */
	a = st_nth(17);
	vsw_lease_set(l, &a, st_client, 600, 1500);
	KUNIT_EXPECT_EQ(test, st_found(l, 18, 1500),
			GENMASK(17, 0) & ~BIT(7) & ~BIT(15));
	/* Then slot 14's, at 1986; the new ones end at 2100. */
	a = st_nth(18);
	vsw_lease_set(l, &a, st_client, 600, 1500);
	KUNIT_EXPECT_EQ(test, st_found(l, 19, 1500),
			GENMASK(18, 0) & ~BIT(7) & ~BIT(14) & ~BIT(15));
	KUNIT_EXPECT_EQ(test, st_used(l), VSW_LEASES_MAX);
}

/* Ending the lease of an address not in a full table ends no other. */
static void snoop_lease_zero_unknown_full(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a;
	int i;

	for (i = 0; i < VSW_LEASES_MAX; i++) {
		a = st_nth(i);
		vsw_lease_set(l, &a, st_client, 100 + i, 1000);
	}
	a = st_nth(16);
	vsw_lease_set(l, &a, st_client, 0, 1000);
	KUNIT_EXPECT_EQ(test, st_found(l, 17, 1000), GENMASK(15, 0));
}

/* A slot freed by a lifetime of 0 is taken before any leased one. */
static void snoop_lease_free_slot_first(struct kunit *test)
{
	struct vsw_leases *l = st_leases(test);
	struct in6_addr a;
	int i;

	for (i = 0; i < VSW_LEASES_MAX; i++) {
		a = st_nth(i);
		vsw_lease_set(l, &a, st_client, 100 + i, 1000);
	}
	a = st_nth(9);
	vsw_lease_set(l, &a, st_client, 0, 1000);
	a = st_nth(16);
	vsw_lease_set(l, &a, st_client, 600, 1000);
	KUNIT_EXPECT_EQ(test, st_found(l, 17, 1000), GENMASK(16, 0) & ~BIT(9));
}

/*
 * DHCP messages: from the server to the client on p1, whose requests
 * taught the FDB where it is.
 */
static int st_init(struct kunit *test)
{
	struct vsw_test_ctx *ctx;
	int err = vsw_test_init(test);

	if (err)
		return err;
	ctx = test->priv;
	vsw_leases_init(&ctx->p1.leases);
	vsw_leases_init(&ctx->p2.leases);
	vsw_test_learn(&ctx->sw.fdb, &ctx->p1, st_client, 0);
	return 0;
}

/* A reply's frame and what it leases. */
struct st_msg {
	bool v6;
	bool hwtag;			/* an 802.1Q tag in the skb */
	u16 sport, dport;		/* 0: the server's to the client's */
	u8 data[512];			/* the DHCP message */
	unsigned int len;		/* its length */
	unsigned int cut;		/* 0: all of it; else this much in the datagram */
};

/*
 * The frame of @m, skb->data at its Ethernet header.  A message cut short
 * ends its datagram (the IP and UDP lengths), and the rest of it follows
 * in a trailer.
 */
static struct sk_buff *st_skb(struct kunit *test, const struct st_msg *m)
{
	unsigned int in = m->cut ?: m->len;
	struct sk_buff *skb;
	struct udphdr *uh;
	struct ethhdr *eth;

	skb = alloc_skb(NET_SKB_PAD + 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_SKB_PAD);
	eth = skb_put(skb, ETH_HLEN);
	/* A DHCPv4 ACK may be broadcast; DHCPv6 goes to the client's MAC. */
	if (m->v6)
		ether_addr_copy(eth->h_dest, st_client);
	else
		eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, st_server);
	if (m->v6) {
		struct ipv6hdr *ip6 = skb_put_zero(skb, sizeof(*ip6));

		eth->h_proto = htons(ETH_P_IPV6);
		ip6->version = 6;
		ip6->nexthdr = IPPROTO_UDP;
		ip6->hop_limit = 255;
		ip6->payload_len = htons(sizeof(*uh) + in);
		ip6->saddr = st_addr(test, "fe80::1");
		ip6->daddr = st_addr(test, "fe80::c");
	} else {
		struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

		eth->h_proto = htons(ETH_P_IP);
		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->protocol = IPPROTO_UDP;
		iph->tot_len = htons(sizeof(*iph) + sizeof(*uh) + in);
		iph->saddr = htonl(0xc0000201);
		iph->daddr = htonl(0xffffffff);
	}
	uh = skb_put_zero(skb, sizeof(*uh));
	uh->source = htons(m->sport ?: m->v6 ? 547 : 67);
	uh->dest = htons(m->dport ?: m->v6 ? 546 : 68);
	uh->len = htons(sizeof(*uh) + in);
	skb_put_data(skb, m->data, m->len);
	if (m->hwtag)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	skb_reset_mac_header(skb);
	skb->protocol = eth->h_proto;
	return skb;
}

/* @m to @port, as vsw_output() gives it: under RCU, in softirq. */
static void st_snoop(struct kunit *test, struct vsw_port *port,
		     const struct st_msg *m)
{
	struct sk_buff *skb = st_skb(test, m);

	rcu_read_lock();
	local_bh_disable();
	vsw_snoop(port, skb, 0);
	local_bh_enable();
	rcu_read_unlock();
	kfree_skb(skb);
}

/*
 * Is @text leased to @port's client for @secs from the snoop between @t0
 * and @t1 (vsw_snoop() reads the boot time itself)?
 */
static void st_expect_lease(struct kunit *test, struct vsw_port *port,
			    const char *text, u32 secs, time64_t t0,
			    time64_t t1)
{
	struct in6_addr a = st_addr(test, text);

	KUNIT_EXPECT_TRUE_MSG(test, vsw_lease_find(&port->leases, &a, st_client,
						   t0 + secs - 1),
			      "%s not leased", text);
	KUNIT_EXPECT_FALSE_MSG(test, vsw_lease_find(&port->leases, &a, st_client,
						    t1 + secs),
			       "%s leased past %u s", text, secs);
}

/* RFC 2131's fixed fields, the magic cookie, then the options at 240. */
#define ST_YIADDR	16
#define ST_CHADDR	28
#define ST_COOKIE	236
#define ST_OPTIONS	240

struct st_dhcp4_case {
	const char *name;
	u8 opts[48];		/* after @pads pad options */
	unsigned int cut;	/* nonzero: the datagram ends after so much of @opts */
	unsigned int pads;
	unsigned int bootp;	/* nonzero: the datagram ends after so much BOOTP */
	u32 cookie;		/* 0: RFC 2131's */
	bool no_yiaddr;
	u16 sport, dport;
	bool hwtag;
	u32 lease;		/* the lease of 192.0.2.50; 0: none */
};

/* Options: 53, 1, 5 an ACK; 51, 4, 0, 0, 14, 16 a lease of 3600 s; 255 END. */
static const struct st_dhcp4_case st_dhcp4_cases[] = {
	{ "ACK: type then lease time", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .lease = 3600 },
	{ "ACK: lease time then type", { 51, 4, 0, 0, 14, 16, 53, 1, 5, 255 }, .lease = 3600 },
	{ "ACK: among other options", { 1, 4, 255, 255, 255, 0, 53, 1, 5, 54, 4, 192, 0, 2, 1,
	  51, 4, 0, 0, 1, 0, 3, 4, 192, 0, 2, 1, 255 }, .lease = 256 },
	{ "ACK: pads between options", { 0, 0, 53, 1, 5, 0, 51, 4, 0, 0, 14, 16, 0, 255 },
	  .lease = 3600 },
	{ "ACK: no END, the frame ends", { 53, 1, 5, 51, 4, 0, 0, 14, 16 }, .cut = 9,
	  .lease = 3600 },
	{ "ACK: behind an offloaded tag", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .hwtag = true, .lease = 3600 },
	{ "ACK: the longest lease", { 53, 1, 5, 51, 4, 255, 255, 255, 255, 255 },
	  .lease = U32_MAX },
	{ "ACK: 60 pads, then the options", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .pads = 60, .lease = 3600 },
	{ "ACK: 64 pads, the walk stops before the options",
	  { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .pads = 64 },
	{ "OFFER adds nothing", { 53, 1, 2, 51, 4, 0, 0, 14, 16, 255 } },
	{ "NAK adds nothing", { 53, 1, 6, 51, 4, 0, 0, 14, 16, 255 } },
	{ "ACK without a lease time", { 53, 1, 5, 255 } },
	{ "ACK with a lease time of 0", { 53, 1, 5, 51, 4, 0, 0, 0, 0, 255 } },
	{ "ACK with a lease time of 2 bytes", { 53, 1, 5, 51, 2, 14, 16, 255 } },
	{ "ACK with a type of 2 bytes", { 53, 2, 5, 0, 51, 4, 0, 0, 14, 16, 255 } },
	{ "ACK with yiaddr 0 (an INFORM's)", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .no_yiaddr = true },
	{ "ACK: options after END", { 255, 0, 53, 1, 5, 51, 4, 0, 0, 14, 16 } },
	{ "no magic cookie", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .cookie = 0x63825364 },
	{ "BOOTP cut before the cookie", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .bootp = ST_COOKIE + 2 },
	{ "the type's value cut off", { 51, 4, 0, 0, 14, 16, 53, 1, 5, 255 }, .cut = 8 },
	{ "the lease time's value cut off", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .cut = 7 },
	{ "the lease time's length cut off", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .cut = 4 },
	{ "an option running past the end", { 53, 1, 5, 12, 3, 'v', 'm', '1',
	  51, 4, 0, 0, 14, 16, 255 }, .cut = 6 },
	{ "from 68 to 67: a request", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 }, .sport = 68,
	  .dport = 67 },
	{ "from 1067 to 68: no server's", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .sport = 1067 },
	{ "from 67 to 1068: no client's", { 53, 1, 5, 51, 4, 0, 0, 14, 16, 255 },
	  .dport = 1068 },
};

static void st_dhcp4_desc(const struct st_dhcp4_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(st_dhcp4, st_dhcp4_cases, st_dhcp4_desc);

/* The BOOTREPLY of @c, leasing 192.0.2.50 to st_client. */
static struct st_msg *st_dhcp4(struct kunit *test, const struct st_dhcp4_case *c)
{
	struct st_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->hwtag = c->hwtag;
	m->sport = c->sport;
	m->dport = c->dport;
	m->data[0] = 2;			/* BOOTREPLY */
	m->data[1] = 1;			/* Ethernet */
	m->data[2] = ETH_ALEN;
	if (!c->no_yiaddr)
		put_unaligned_be32(0xc0000232, m->data + ST_YIADDR);
	ether_addr_copy(m->data + ST_CHADDR, st_client);
	put_unaligned_be32(c->cookie ?: 0x63825363, m->data + ST_COOKIE);
	memcpy(m->data + ST_OPTIONS + c->pads, c->opts, sizeof(c->opts));
	m->len = ST_OPTIONS + c->pads + sizeof(c->opts);
	if (c->cut)
		m->cut = ST_OPTIONS + c->pads + c->cut;
	else
		m->cut = c->bootp;
	return m;
}

static void snoop_dhcp4(struct kunit *test)
{
	const struct st_dhcp4_case *c = test->param_value;
	struct vsw_test_ctx *ctx = test->priv;
	struct st_msg *m = st_dhcp4(test, c);
	time64_t t0, t1;

	t0 = ktime_get_boottime_seconds();
	st_snoop(test, &ctx->p1, m);
	t1 = ktime_get_boottime_seconds();
	if (c->lease)
		st_expect_lease(test, &ctx->p1, "192.0.2.50", c->lease, t0, t1);
	KUNIT_EXPECT_EQ(test, st_used(&ctx->p1.leases), c->lease ? 1 : 0);
}

/* A flooded ACK leases its address to its client's port alone. */
static void snoop_dhcp4_client_elsewhere(struct kunit *test)
{
	struct st_msg *m = st_dhcp4(test, &st_dhcp4_cases[0]);
	struct vsw_test_ctx *ctx = test->priv;

	st_snoop(test, &ctx->p2, m);
	KUNIT_EXPECT_EQ(test, st_used(&ctx->p2.leases), 0);
	st_snoop(test, &ctx->p1, m);
	KUNIT_EXPECT_EQ(test, st_used(&ctx->p1.leases), 1);
}

/* DHCPv6 (RFC 8415): a message type, a transaction ID, then options. */
#define ST6_IA_NA	3
#define ST6_IA_TA	4
#define ST6_IAADDR	5
#define ST6_STATUS	13

static void st6_start(struct st_msg *m, u8 type)
{
	m->v6 = true;
	m->data[0] = type;
	m->data[3] = 0x42;		/* transaction ID */
	m->len = 4;
}

/* An option of @len data bytes: where its data goes. */
static u8 *st6_opt(struct st_msg *m, u16 code, u16 len)
{
	u8 *p = m->data + m->len;

	put_unaligned_be16(code, p);
	put_unaligned_be16(len, p + 2);
	m->len += 4 + len;
	return p + 4;
}

/*
 * An IA_NA (IAID, T1, T2) or IA_TA (IAID) to be filled: its header.  T1
 * and T2 not 0, so a walk of its options from either shows.
 */
static u8 *st6_ia(struct st_msg *m, u16 code)
{
	u8 *h = m->data + m->len;
	u8 *p = st6_opt(m, code, code == ST6_IA_NA ? 12 : 4);

	put_unaligned_be32(1, p);
	if (code == ST6_IA_NA) {
		put_unaligned_be32(1800, p + 4);
		put_unaligned_be32(2880, p + 8);
	}
	return h;
}

/* The IA at @h ends here. */
static void st6_ia_end(struct st_msg *m, u8 *h)
{
	put_unaligned_be16(m->data + m->len - h - 4, h + 2);
}

static void st6_iaaddr(struct kunit *test, struct st_msg *m,
		       const char *text, u32 valid)
{
	u8 *p = st6_opt(m, ST6_IAADDR, 24);
	struct in6_addr a = st_addr(test, text);

	memcpy(p, &a, sizeof(a));
	put_unaligned_be32(valid / 2, p + 16);		/* preferred */
	put_unaligned_be32(valid, p + 20);
}

/* A REPLY with one IA of @code leasing @text for @valid seconds. */
static struct st_msg *st6_reply(struct kunit *test, u8 type, u16 code,
				const char *text, u32 valid)
{
	struct st_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	u8 *ia;

	KUNIT_ASSERT_NOT_NULL(test, m);
	st6_start(m, type);
	ia = st6_ia(m, code);
	st6_iaaddr(test, m, text, valid);
	st6_ia_end(m, ia);
	return m;
}

static void st6_check(struct kunit *test, struct st_msg *m, int used)
{
	struct vsw_test_ctx *ctx = test->priv;

	st_snoop(test, &ctx->p1, m);
	KUNIT_EXPECT_EQ(test, st_used(&ctx->p1.leases), used);
}

static void snoop_dhcp6_ia_na(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 7200);
	struct vsw_test_ctx *ctx = test->priv;
	time64_t t0 = ktime_get_boottime_seconds(), t1;

	st6_check(test, m, 1);
	t1 = ktime_get_boottime_seconds();
	st_expect_lease(test, &ctx->p1, "2001:db8:1::7", 7200, t0, t1);
}

static void snoop_dhcp6_ia_ta(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_TA, "2001:db8:1::7", 300);
	struct vsw_test_ctx *ctx = test->priv;
	time64_t t0 = ktime_get_boottime_seconds(), t1;

	st6_check(test, m, 1);
	t1 = ktime_get_boottime_seconds();
	st_expect_lease(test, &ctx->p1, "2001:db8:1::7", 300, t0, t1);
}

/* Options before the IA, two addresses in it, one with a status inside. */
static void snoop_dhcp6_two_addresses(struct kunit *test)
{
	struct st_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct vsw_test_ctx *ctx = test->priv;
	time64_t t0, t1;
	u8 *ia;

	KUNIT_ASSERT_NOT_NULL(test, m);
	st6_start(m, 7);
	memset(st6_opt(m, 2, 14), 0x11, 14);		/* a server ID */
	ia = st6_ia(m, ST6_IA_NA);
	st6_iaaddr(test, m, "2001:db8:1::7", 600);
	/* Its status inside it: an IAADDR of 24 + 6 bytes. */
	st6_opt(m, ST6_STATUS, 2);
	put_unaligned_be16(24 + 6, m->data + m->len - 6 - 28 + 2);
	st6_iaaddr(test, m, "2001:db8:1::8", 900);
	st6_ia_end(m, ia);
	t0 = ktime_get_boottime_seconds();
	st6_check(test, m, 2);
	t1 = ktime_get_boottime_seconds();
	st_expect_lease(test, &ctx->p1, "2001:db8:1::7", 600, t0, t1);
	st_expect_lease(test, &ctx->p1, "2001:db8:1::8", 900, t0, t1);
}

/* A valid lifetime of 0: the server takes the address back. */
static void snoop_dhcp6_valid_zero_removes(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 0);
	struct vsw_test_ctx *ctx = test->priv;
	struct in6_addr a = st_addr(test, "2001:db8:1::7");

	vsw_lease_set(&ctx->p1.leases, &a, st_client, 600,
		      ktime_get_boottime_seconds());
	st6_check(test, m, 0);
}

static void snoop_dhcp6_not_a_reply(struct kunit *test)
{
	/* ADVERTISE, a client's REQUEST, a RELAY-REPL. */
	st6_check(test, st6_reply(test, 2, ST6_IA_NA, "2001:db8:1::7", 600), 0);
	st6_check(test, st6_reply(test, 3, ST6_IA_NA, "2001:db8:1::7", 600), 0);
	st6_check(test, st6_reply(test, 13, ST6_IA_NA, "2001:db8:1::7", 600), 0);
}

/* Only from the server's port to the client's. */
static void snoop_dhcp6_ports(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 600);

	m->sport = 546;
	m->dport = 547;
	st6_check(test, m, 0);
	m->sport = 5547;
	m->dport = 546;
	st6_check(test, m, 0);
	m->sport = 547;
	m->dport = 5546;
	st6_check(test, m, 0);
}

/* A REPLY to a MAC the FDB has on another port leases nothing here. */
static void snoop_dhcp6_client_elsewhere(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 600);
	struct vsw_test_ctx *ctx = test->priv;

	st_snoop(test, &ctx->p2, m);
	KUNIT_EXPECT_EQ(test, st_used(&ctx->p2.leases), 0);
}

/* An IAADDR outside any IA, or in an IA_PD (25), leases nothing. */
static void snoop_dhcp6_iaaddr_outside_ia(struct kunit *test)
{
	struct st_msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	u8 *ia;

	KUNIT_ASSERT_NOT_NULL(test, m);
	st6_start(m, 7);
	st6_iaaddr(test, m, "2001:db8:1::7", 600);
	ia = st6_ia(m, 25);
	st6_iaaddr(test, m, "2001:db8:1::8", 600);
	st6_ia_end(m, ia);
	st6_check(test, m, 0);
}

/* An IAADDR shorter than its address and lifetimes. */
static void snoop_dhcp6_iaaddr_short(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 600);
	u8 *ia = m->data + 4;

	/* 20 bytes, then a status: its header would be the valid lifetime. */
	put_unaligned_be16(20, ia + 16 + 2);
	m->len -= 4;
	st6_opt(m, ST6_STATUS, 2);
	st6_ia_end(m, ia);
	st6_check(test, m, 0);
}

/* An IAADDR running 2 bytes past its IA, not past the datagram. */
static void snoop_dhcp6_iaaddr_past_its_ia(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 600);

	put_unaligned_be16(12 + 28 - 2, m->data + 6);
	st6_check(test, m, 0);
}

/*
 * Cut in the IA's header; an IA running a byte past the datagram, into a
 * trailer; an IAADDR cut in its valid lifetime.
 */
static void snoop_dhcp6_cut_in_ia(struct kunit *test)
{
	struct st_msg *m = st6_reply(test, 7, ST6_IA_NA, "2001:db8:1::7", 600);

	m->cut = 4 + 3;
	st6_check(test, m, 0);
	put_unaligned_be16(12 + 28 + 1, m->data + 6);
	m->cut = m->len++;
	st6_check(test, m, 0);
	put_unaligned_be16(12 + 28, m->data + 6);
	m->cut = m->len - 3;
	st6_check(test, m, 0);
}

static struct kunit_case vsw_snoop_cases[] = {
	KUNIT_CASE(snoop_lease_expiry),
	KUNIT_CASE(snoop_lease_whole_address),
	KUNIT_CASE(snoop_lease_zero_removes),
	KUNIT_CASE(snoop_lease_renewal_in_place),
	KUNIT_CASE(snoop_lease_full_table),
	KUNIT_CASE(snoop_lease_zero_unknown_full),
	KUNIT_CASE(snoop_lease_free_slot_first),
	KUNIT_CASE_PARAM(snoop_dhcp4, st_dhcp4_gen_params),
	KUNIT_CASE(snoop_dhcp4_client_elsewhere),
	KUNIT_CASE(snoop_dhcp6_ia_na),
	KUNIT_CASE(snoop_dhcp6_ia_ta),
	KUNIT_CASE(snoop_dhcp6_two_addresses),
	KUNIT_CASE(snoop_dhcp6_valid_zero_removes),
	KUNIT_CASE(snoop_dhcp6_not_a_reply),
	KUNIT_CASE(snoop_dhcp6_ports),
	KUNIT_CASE(snoop_dhcp6_client_elsewhere),
	KUNIT_CASE(snoop_dhcp6_iaaddr_outside_ia),
	KUNIT_CASE(snoop_dhcp6_iaaddr_short),
	KUNIT_CASE(snoop_dhcp6_iaaddr_past_its_ia),
	KUNIT_CASE(snoop_dhcp6_cut_in_ia),
	{}
};

static struct kunit_suite vsw_snoop_suite = {
	.name = "vsw_snoop",
	.init = st_init,
	.exit = vsw_test_exit,
	.test_cases = vsw_snoop_cases,
};

kunit_test_suite(vsw_snoop_suite);
