// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for vsw's port guards: where vsw_pkt_parse() finds the L3 and
 * L4 headers of crafted frames (tags in the frame or in the skb, IPv4
 * options and fragments, the IPv6 extension header chain, frames cut
 * anywhere), and what vsw_guard() drops for each guard.  A frame cut short
 * keeps its bytes past the end in the buffer, so that a read past skb->len
 * finds a valid header there and shows.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include "vsw_kunit.h"

static const u8 gt_dst[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0d };
static const u8 gt_src[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x05 };
static const u8 gt_src2[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x06 };
static const u8 gt_src3[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x07 };
static const u8 gt_mcast[ETH_ALEN] = { 0x03, 0, 0, 0, 0, 0x05 };
static const u8 gt_zero[ETH_ALEN];

/* What follows the Ethernet header and its tags. */
enum gt_l3 { GT_RAW, GT_IP4, GT_IP6, GT_ARP };

/* One more than the classifier reads past. */
#define GT_TAGS_MAX	5

/*
 * A frame to craft; what a case leaves 0 takes a default.  The IPv6
 * extension headers are a letter each: H Hop-by-Hop (8 bytes), D
 * Destination Options (16), R Routing (24), A AH (24), F a first fragment's
 * Fragment header, f a later fragment's.
 */
struct gt_frame {
	const u8 *smac;			/* NULL: gt_src */
	u16 tags[GT_TAGS_MAX];		/* in-band tags' TPIDs, outermost first */
	bool hwtag;			/* and an 802.1Q tag in the skb, outside */
	enum gt_l3 l3;
	u16 type;			/* the EtherType; 0: the one of l3 */
	const char *src;		/* IP source, ARP sender; NULL: a default */
	u8 ihl;				/* IPv4; 0: 5 */
	u16 frag;			/* IPv4 frag_off, host order */
	const char *ext;		/* IPv6 extension headers */
	u8 l4;				/* the upper-layer protocol */
	u16 sport, dport;		/* UDP */
	u8 msg;				/* ICMP type; UDP: its data's first byte */
	u8 dhcp;			/* UDP: a BOOTP message, option 53 this */
	const char *target;		/* ICMPv6: an NS's or NA's target */
	u16 arp_pro;			/* ARP: ar_pro; 0: IPv4 */
	u8 version;			/* IP: 0: the one of l3 */
	unsigned int ipend;		/* nonzero: the datagram ends here, and
					 * the rest is a trailer after it
					 */
	unsigned int len;		/* 0: as built; else cut or padded to */
};

static unsigned int gt_ext_put(struct sk_buff *skb, char c, u8 next)
{
	struct frag_hdr *fh;
	u8 *h;

	switch (c) {
	case 'H':
		h = skb_put_zero(skb, 8);
		h[2] = IPV6_TLV_PADN;
		h[3] = 4;
		break;
	case 'D':
		h = skb_put_zero(skb, 16);
		h[1] = 1;
		h[2] = IPV6_TLV_PADN;
		h[3] = 12;
		break;
	case 'R':
		h = skb_put_zero(skb, 24);
		h[1] = 2;
		h[2] = IPV6_SRCRT_TYPE_4;
		break;
	case 'A':
		/* AH counts its length in 4-byte words, less 2. */
		h = skb_put_zero(skb, 24);
		h[1] = 4;
		break;
	default:
		fh = skb_put_zero(skb, sizeof(*fh));
		/* A later one at offset 8; a first one with more to come. */
		fh->frag_off = htons(c == 'f' ? 8 : IP6_MF);
		fh->identification = htonl(1);
		h = (u8 *)fh;
		break;
	}
	h[0] = next;
	return skb->len;
}

static u8 gt_ext_type(char c)
{
	switch (c) {
	case 'H':
		return NEXTHDR_HOP;
	case 'D':
		return NEXTHDR_DEST;
	case 'R':
		return NEXTHDR_ROUTING;
	case 'A':
		return NEXTHDR_AUTH;
	default:
		return NEXTHDR_FRAGMENT;
	}
}

/* The L4 header and a little data, or a BOOTP message. */
static void gt_l4_put(struct kunit *test, struct sk_buff *skb,
		      const struct gt_frame *f)
{
	struct udphdr *uh;
	u8 *p;

	switch (f->l4) {
	case IPPROTO_UDP:
		uh = skb_put_zero(skb, sizeof(*uh));
		uh->source = htons(f->sport);
		uh->dest = htons(f->dport);
		if (f->dhcp) {
			/* op, htype, hlen; the magic cookie; 53, END. */
			p = skb_put_zero(skb, 244);
			p[1] = ARPHRD_ETHER;
			p[2] = ETH_ALEN;
			put_unaligned_be32(0x63825363, p + 236);
			p[240] = 53;
			p[241] = 1;
			p[242] = f->dhcp;
			p[243] = 255;
		} else {
			p = skb_put_zero(skb, 8);
		}
		p[0] = f->msg;
		uh->len = htons(skb_tail_pointer(skb) - (u8 *)uh);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		p = skb_put_zero(skb, 8);
		p[0] = f->msg;
		if (f->target)
			KUNIT_ASSERT_EQ(test, in6_pton(f->target, -1,
						       skb_put(skb, 16), -1,
						       NULL), 1);
		break;
	case NEXTHDR_NONE:
		break;
	default:
		/* TCP's ports where UDP's are. */
		p = skb_put_zero(skb, 20);
		put_unaligned_be16(f->sport, p);
		put_unaligned_be16(f->dport, p + 2);
		break;
	}
}

static void gt_ip4_put(struct kunit *test, struct sk_buff *skb,
		       const struct gt_frame *f)
{
	unsigned int ihl = f->ihl ?: 5;
	struct iphdr *iph;

	/* A header of ihl under 5 still has its 20 bytes; options: no-ops. */
	iph = skb_put_zero(skb, max(ihl, 5U) * 4);
	memset(iph + 1, IPOPT_NOOP, max(ihl, 5U) * 4 - sizeof(*iph));
	iph->version = f->version ?: 4;
	iph->ihl = ihl;
	iph->ttl = 64;
	iph->protocol = f->l4;
	iph->frag_off = htons(f->frag);
	KUNIT_ASSERT_EQ(test, in4_pton(f->src ?: "192.0.2.5", -1,
				       (u8 *)&iph->saddr, -1, NULL), 1);
	iph->daddr = htonl(0xc0000201);
	gt_l4_put(test, skb, f);
	iph->tot_len = htons((f->ipend ?: skb->len) - ((u8 *)iph - skb->data));
}

static void gt_ip6_put(struct kunit *test, struct sk_buff *skb,
		       const struct gt_frame *f)
{
	const char *ext = f->ext ?: "";
	struct ipv6hdr *ip6;
	size_t i, n = strlen(ext);

	ip6 = skb_put_zero(skb, sizeof(*ip6));
	ip6->version = f->version ?: 6;
	ip6->hop_limit = 255;
	ip6->nexthdr = n ? gt_ext_type(ext[0]) : f->l4;
	KUNIT_ASSERT_EQ(test, in6_pton(f->src ?: "2001:db8::5", -1,
				       ip6->saddr.s6_addr, -1, NULL), 1);
	ipv6_addr_set(&ip6->daddr, htonl(0xff020000), 0, 0, htonl(1));
	for (i = 0; i < n; i++)
		gt_ext_put(skb, ext[i], i + 1 < n ? gt_ext_type(ext[i + 1]) : f->l4);
	gt_l4_put(test, skb, f);
	ip6->payload_len = htons((f->ipend ?: skb->len) -
				 ((u8 *)(ip6 + 1) - skb->data));
}

static void gt_arp_put(struct kunit *test, struct sk_buff *skb,
		       const struct gt_frame *f)
{
	struct arphdr *arp = skb_put_zero(skb, sizeof(*arp));
	u8 *p = skb_put_zero(skb, 2 * (ETH_ALEN + 4));

	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(f->arp_pro ?: ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(ARPOP_REQUEST);
	ether_addr_copy(p, f->smac ?: gt_src);
	KUNIT_ASSERT_EQ(test, in4_pton(f->src ?: "192.0.2.5", -1, p + ETH_ALEN,
				       -1, NULL), 1);
	put_unaligned_be32(0xc0000201, p + 2 * ETH_ALEN + 4);
}

static const u16 gt_l3_type[] = {
	[GT_IP4] = ETH_P_IP, [GT_IP6] = ETH_P_IPV6, [GT_ARP] = ETH_P_ARP,
};

/*
 * @f as vsw_input() has it: skb->data at the Ethernet header.  A frame cut
 * short is trimmed, its headers' lengths those of the whole frame, so what
 * followed stays in the buffer past its end; a datagram cut short
 * (@ipend) has what followed in a trailer.
 */
static struct sk_buff *gt_skb(struct kunit *test, const struct gt_frame *f)
{
	struct sk_buff *skb;
	unsigned int i;
	u8 *p;

	skb = alloc_skb(NET_SKB_PAD + 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, NET_SKB_PAD);
	p = skb_put(skb, 2 * ETH_ALEN);
	ether_addr_copy(p, gt_dst);
	ether_addr_copy(p + ETH_ALEN, f->smac ?: gt_src);
	for (i = 0; i < GT_TAGS_MAX && f->tags[i]; i++) {
		put_unaligned_be16(f->tags[i], skb_put(skb, 2));
		put_unaligned_be16(10 + i, skb_put(skb, 2));
	}
	put_unaligned_be16(f->type ?: gt_l3_type[f->l3], skb_put(skb, 2));
	switch (f->l3) {
	case GT_IP4:
		gt_ip4_put(test, skb, f);
		break;
	case GT_IP6:
		gt_ip6_put(test, skb, f);
		break;
	case GT_ARP:
		gt_arp_put(test, skb, f);
		break;
	case GT_RAW:
		skb_put_zero(skb, 46);
		break;
	}
	if (f->len > skb->len)
		skb_put_zero(skb, f->len - skb->len);
	else if (f->len)
		skb_trim(skb, f->len);
	if (f->hwtag)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 5);
	skb_reset_mac_header(skb);
	skb->protocol = eth_hdr(skb)->h_proto;
	return skb;
}

/* What vsw_pkt_parse() finds; l3 and proto only where it is not cut. */
struct gt_parsed {
	u16 proto;
	unsigned int l3;
	u8 l4;
	unsigned int l4off;
	unsigned int end;	/* 0: the frame's */
	bool cut;
};

struct gt_parse_case {
	const char *name;
	struct gt_frame f;
	struct gt_parsed want;
};

#define Q	ETH_P_8021Q
#define AD	ETH_P_8021AD
#define IP4	.l3 = GT_IP4
#define IP6	.l3 = GT_IP6
#define UDP	.l4 = IPPROTO_UDP
#define NONE	NEXTHDR_NONE
#define CUT	{ .l4 = NONE, .cut = true }
/* 16 and 17 Hop-by-Hop headers (the parser does not insist on one). */
#define H16	"HHHHHHHHHHHHHHHH"

static const struct gt_parse_case gt_parse_cases[] = {
	{ "untagged IPv4", { IP4, UDP }, { ETH_P_IP, 14, IPPROTO_UDP, 34 } },
	{ "802.1Q IPv4", { .tags = { Q }, IP4, UDP }, { ETH_P_IP, 18, IPPROTO_UDP, 38 } },
	{ "802.1ad over 802.1Q IPv4", { .tags = { AD, Q }, IP4, UDP },
	  { ETH_P_IP, 22, IPPROTO_UDP, 42 } },
	{ "three tags", { .tags = { AD, Q, Q }, IP4, UDP }, { ETH_P_IP, 26, IPPROTO_UDP, 46 } },
	{ "four tags", { .tags = { AD, Q, Q, Q }, IP4, UDP }, { ETH_P_IP, 30, IPPROTO_UDP, 50 } },
	{ "five tags are a cut frame", { .tags = { AD, Q, Q, Q, Q }, IP4, UDP }, CUT },
	{ "an offloaded tag and four", { .hwtag = true, .tags = { AD, Q, Q, Q }, IP4, UDP },
	  { ETH_P_IP, 30, IPPROTO_UDP, 50 } },
	{ "offloaded tag, IPv4", { .hwtag = true, IP4, UDP }, { ETH_P_IP, 14, IPPROTO_UDP, 34 } },
	{ "offloaded tag over 802.1Q in the frame", { .hwtag = true, .tags = { Q }, IP4, UDP },
	  { ETH_P_IP, 18, IPPROTO_UDP, 38 } },
	{ "IPv4 with options (ihl 6)", { IP4, UDP, .ihl = 6 }, { ETH_P_IP, 14, IPPROTO_UDP, 38 } },
	{ "IPv4 with 40 bytes of options (ihl 15)", { IP4, UDP, .ihl = 15 },
	  { ETH_P_IP, 14, IPPROTO_UDP, 74 } },
	{ "IPv4 options behind two tags", { .tags = { AD, Q }, IP4, UDP, .ihl = 7 },
	  { ETH_P_IP, 22, IPPROTO_UDP, 50 } },
	{ "IPv4 header cut at 19 bytes", { IP4, UDP, .len = 14 + 19 }, CUT },
	{ "IPv4 options cut (ihl 6, 22 bytes)", { IP4, UDP, .ihl = 6, .len = 14 + 22 }, CUT },
	{ "IPv4 options cut behind a tag", { .tags = { Q }, IP4, UDP, .ihl = 6, .len = 18 + 23 },
	  CUT },
	{ "IPv4 length under its header's", { IP4, UDP, .ihl = 6, .ipend = 14 + 22 }, CUT },
	{ "IPv4 length 0 outside GSO", { IP4, UDP, .ipend = 14 }, CUT },
	{ "IPv4 with a trailer: the datagram's end", { IP4, UDP, .len = 14 + 36 + 10 },
	  { ETH_P_IP, 14, IPPROTO_UDP, 34, 14 + 36 } },
	{ "IPv4 ihl 4", { IP4, UDP, .ihl = 4 }, CUT },
	{ "IPv4 of version 6", { IP4, UDP, .version = 6 }, CUT },
	{ "IPv4 first fragment", { IP4, UDP, .frag = IP_MF }, { ETH_P_IP, 14, IPPROTO_UDP, 34 } },
	{ "IPv4 later fragment", { IP4, UDP, .frag = 1 }, { ETH_P_IP, 14, NONE, 0 } },
	{ "IPv4 last fragment", { IP4, UDP, .frag = 0x1fff }, { ETH_P_IP, 14, NONE, 0 } },
	{ "IPv6", { IP6, UDP }, { ETH_P_IPV6, 14, IPPROTO_UDP, 54 } },
	{ "IPv6 behind 802.1ad and 802.1Q", { .tags = { AD, Q }, IP6, UDP },
	  { ETH_P_IPV6, 22, IPPROTO_UDP, 62 } },
	{ "IPv6 behind an offloaded tag", { .hwtag = true, IP6, UDP },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 54 } },
	{ "IPv6 Hop-by-Hop", { IP6, UDP, .ext = "H" }, { ETH_P_IPV6, 14, IPPROTO_UDP, 62 } },
	{ "IPv6 Destination Options of 16 bytes", { IP6, UDP, .ext = "D" },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 70 } },
	{ "IPv6 Routing of 24 bytes", { IP6, UDP, .ext = "R" },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 78 } },
	{ "IPv6 first fragment", { IP6, UDP, .ext = "F" }, { ETH_P_IPV6, 14, IPPROTO_UDP, 62 } },
	{ "IPv6 later fragment", { IP6, UDP, .ext = "f" }, { ETH_P_IPV6, 14, NONE, 0 } },
	{ "IPv6 later fragment behind Hop-by-Hop", { IP6, UDP, .ext = "Hf" },
	  { ETH_P_IPV6, 14, NONE, 0 } },
	{ "IPv6 AH of 24 bytes", { IP6, UDP, .ext = "A" }, { ETH_P_IPV6, 14, IPPROTO_UDP, 78 } },
	{ "IPv6 every kind in one chain", { IP6, UDP, .ext = "HDRFAD" },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 150 } },
	{ "IPv6 No Next Header", { IP6, .l4 = NONE }, { ETH_P_IPV6, 14, NONE, 0 } },
	{ "IPv6 Hop-by-Hop then No Next Header", { IP6, .l4 = NONE, .ext = "H" },
	  { ETH_P_IPV6, 14, NONE, 0 } },
	{ "IPv6 chain of 16 headers", { IP6, UDP, .ext = H16 },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 54 + 16 * 8 } },
	{ "IPv6 chain of 17 headers is cut", { IP6, UDP, .ext = H16 "H" }, CUT },
	{ "IPv6 header cut at 39 bytes", { IP6, UDP, .len = 14 + 39 }, CUT },
	{ "IPv6 payload length past the frame's end", { IP6, UDP, .len = 14 + 40 + 15 },
	  CUT },
	{ "IPv6 with a trailer: the datagram's end", { IP6, UDP, .len = 14 + 56 + 6 },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 54, 14 + 56 } },
	{ "IPv6 jumbogram: the frame's end", { IP6, UDP, .ipend = 14 + 40 },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 54 } },
	{ "IPv6 chain cut in a header's first 2 bytes", { IP6, UDP, .ext = "D", .ipend = 14 + 41 },
	  CUT },
	{ "IPv6 chain cut inside a header", { IP6, UDP, .ext = "HD", .ipend = 14 + 56 }, CUT },
	{ "IPv6 chain cut inside a Fragment header", { IP6, UDP, .ext = "F", .ipend = 14 + 44 },
	  CUT },
	{ "IPv6 chain ends where the upper layer starts", { IP6, UDP, .ext = "H",
	  .ipend = 14 + 48 }, CUT },
	{ "IPv6 one byte of the upper layer", { IP6, UDP, .ext = "H", .ipend = 14 + 49 },
	  { ETH_P_IPV6, 14, IPPROTO_UDP, 62, 14 + 49 } },
	{ "IPv6 of version 4", { IP6, UDP, .version = 4 }, CUT },
	{ "ARP", { .l3 = GT_ARP }, { ETH_P_ARP, 14, NONE, 0 } },
	{ "ARP behind 802.1Q", { .l3 = GT_ARP, .tags = { Q } }, { ETH_P_ARP, 18, NONE, 0 } },
	{ "LLDP", { .type = ETH_P_LLDP }, { ETH_P_LLDP, 14, NONE, 0 } },
	{ "runt: the Ethernet header alone, IPv4", { IP4, UDP, .len = 14 }, CUT },
	{ "runt: the Ethernet header alone, LLDP", { .type = ETH_P_LLDP, .len = 14 },
	  { ETH_P_LLDP, 14, NONE, 0 } },
	{ "runt: an 802.1Q TPID alone", { .tags = { Q }, IP4, UDP, .len = 14 }, CUT },
	{ "runt: a tag without its EtherType", { .tags = { Q }, IP4, UDP, .len = 16 }, CUT },
	{ "runt: a tag, then nothing", { .tags = { Q }, IP4, UDP, .len = 18 }, CUT },
	{ "runt: the inner tag cut", { .tags = { AD, Q }, IP4, UDP, .len = 20 }, CUT },
};

static void gt_parse_desc(const struct gt_parse_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gt_parse, gt_parse_cases, gt_parse_desc);

static void guard_parse(struct kunit *test)
{
	const struct gt_parse_case *c = test->param_value;
	const struct gt_parsed *want = &c->want;
	struct sk_buff *skb = gt_skb(test, &c->f);
	struct vsw_pkt pkt;

	vsw_pkt_parse(skb, &pkt);
	KUNIT_EXPECT_EQ(test, pkt.cut, want->cut);
	KUNIT_EXPECT_EQ(test, pkt.l4, want->l4);
	if (want->l4 != NONE)
		KUNIT_EXPECT_EQ(test, pkt.l4off, want->l4off);
	if (!want->cut) {
		KUNIT_EXPECT_EQ(test, ntohs(pkt.proto), want->proto);
		KUNIT_EXPECT_EQ(test, pkt.l3, want->l3);
		KUNIT_EXPECT_EQ(test, pkt.end, want->end ?: skb->len);
	}
	kfree_skb(skb);
}

/* A zeroed port and settings, as vsw_port_add() leaves them for the guards. */
struct gt_port {
	struct vsw_port port;
	struct vsw_port_cfg cfg;
};

static struct gt_port *gt_port(struct kunit *test, u8 guards)
{
	struct gt_port *gp = kunit_kzalloc(test, sizeof(*gp), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, gp);
	atomic64_set(&gp->port.spoof_mac, 0);
	vsw_leases_init(&gp->port.leases);
	gp->cfg.guards = guards;
	return gp;
}

/* The first @n bytes of @text (-1: all) as vsw keeps it: true for IPv4. */
static bool gt_addr(struct kunit *test, const char *text, int n,
		    struct in6_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (strnchr(text, n < 0 ? strlen(text) : n, ':')) {
		KUNIT_ASSERT_EQ(test, in6_pton(text, n, a->s6_addr, -1, NULL), 1);
		return false;
	}
	KUNIT_ASSERT_EQ(test, in4_pton(text, n, a->s6_addr + 12, -1, NULL), 1);
	ipv6_addr_set_v4mapped(a->s6_addr32[3], a);
	return true;
}

/* "ADDR[/LEN]" as vsw_guard_from_attrs() keeps it. */
static void gt_allow(struct kunit *test, struct vsw_port_cfg *cfg,
		     const char *text)
{
	struct vsw_prefix *p = &cfg->allow_ip[cfg->n_allow_ip++];
	const char *slash = strchr(text, '/');
	struct in6_addr a;
	bool v4;
	u8 len;

	v4 = gt_addr(test, text, slash ? slash - text : -1, &a);
	len = v4 ? 32 : 128;
	if (slash)
		KUNIT_ASSERT_EQ(test, kstrtou8(slash + 1, 10, &len), 0);
	p->v4 = v4;
	p->len = len + (v4 ? 96 : 0);
	ipv6_addr_prefix(&p->addr, &a, p->len);
	memset(&a, 0xff, sizeof(a));
	ipv6_addr_prefix(&p->mask, &a, p->len);
}

static void gt_lease(struct kunit *test, struct vsw_port *port,
		     const char *text, time64_t now, u32 secs)
{
	struct in6_addr a;

	gt_addr(test, text, -1, &a);
	vsw_lease_set(&port->leases, &a, gt_src, secs, now);
}

/* The guard settings the cases name. */
enum gt_cfg {
	GC_STATIC,	/* ip-guard static, the prefixes of gt_allow_static */
	GC_ANY4,	/* ip-guard static 0.0.0.0/0 */
	GC_ANY6,	/* ip-guard static ::/0 */
	GC_DHCP,	/* ip-guard dhcp, gt_leased leased, 192.0.2.8 expired */
	GC_DHCPG,	/* dhcp-guard */
	GC_ROUTER,	/* router-guard */
	GC_IP_DHCPG,	/* ip-guard static and dhcp-guard */
	GC_MAC,		/* mac-spoof off */
	GC_ALL,		/* all four, ip-guard static */
};

static const char * const gt_allow_static[] = {
	"192.0.2.0/24", "198.51.100.7", "2001:db8:1::/64", "2001:db8:2::7/128",
};

static const char * const gt_leased[] = { "192.0.2.7", "2001:db8:1::7" };

static const u8 gt_cfg_guards[] = {
	[GC_STATIC] = VSW_GUARD_IP,
	[GC_ANY4] = VSW_GUARD_IP,
	[GC_ANY6] = VSW_GUARD_IP,
	[GC_DHCP] = VSW_GUARD_IP,
	[GC_DHCPG] = VSW_GUARD_DHCP,
	[GC_ROUTER] = VSW_GUARD_ROUTER,
	[GC_IP_DHCPG] = VSW_GUARD_IP | VSW_GUARD_DHCP,
	[GC_MAC] = VSW_GUARD_MAC,
	[GC_ALL] = VSW_GUARD_MAC | VSW_GUARD_IP | VSW_GUARD_DHCP |
		   VSW_GUARD_ROUTER,
};

static struct gt_port *gt_port_cfg(struct kunit *test, enum gt_cfg which)
{
	struct gt_port *gp = gt_port(test, gt_cfg_guards[which]);
	time64_t now = ktime_get_boottime_seconds();
	unsigned int i;

	if (!(gp->cfg.guards & VSW_GUARD_IP))
		return gp;
	gp->cfg.ip_guard = VSW_IP_GUARD_STATIC;
	switch (which) {
	case GC_ANY4:
		gt_allow(test, &gp->cfg, "0.0.0.0/0");
		break;
	case GC_ANY6:
		gt_allow(test, &gp->cfg, "::/0");
		break;
	case GC_DHCP:
		gp->cfg.ip_guard = VSW_IP_GUARD_DHCP;
		for (i = 0; i < ARRAY_SIZE(gt_leased); i++)
			gt_lease(test, &gp->port, gt_leased[i], now, 600);
		gt_lease(test, &gp->port, "192.0.2.8", now - 120, 60);
		break;
	default:
		for (i = 0; i < ARRAY_SIZE(gt_allow_static); i++)
			gt_allow(test, &gp->cfg, gt_allow_static[i]);
		break;
	}
	return gp;
}

struct gt_guard_case {
	const char *name;
	enum gt_cfg cfg;
	struct gt_frame f;
	enum vsw_drops_attr drop;	/* 0: passes */
};

#define ICMP	.l4 = IPPROTO_ICMP
#define ICMP6	.l4 = IPPROTO_ICMPV6
#define ARP	.l3 = GT_ARP
#define NA	ICMP6, .msg = NDISC_NEIGHBOUR_ADVERTISEMENT
#define NS	ICMP6, .msg = NDISC_NEIGHBOUR_SOLICITATION
#define RA	ICMP6, .msg = NDISC_ROUTER_ADVERTISEMENT
#define UDPP(s, d)	UDP, .sport = s, .dport = d
#define IPG	VSW_DROPS_IP_GUARD
#define DHG	VSW_DROPS_DHCP_GUARD
#define RG	VSW_DROPS_ROUTER_GUARD

static const struct gt_guard_case gt_guard_cases[] = {
	/* ip-guard static */
	{ "static: IPv4 in a /24", GC_STATIC, { IP4, UDP, .src = "192.0.2.200" }, 0 },
	{ "static: IPv4 outside the /24", GC_STATIC, { IP4, UDP, .src = "192.0.3.200" }, IPG },
	{ "static: IPv4 of a /32", GC_STATIC, { IP4, UDP, .src = "198.51.100.7" }, 0 },
	{ "static: IPv4 beside a /32", GC_STATIC, { IP4, UDP, .src = "198.51.100.6" }, IPG },
	{ "static: 0.0.0.0 passes", GC_STATIC, { IP4, UDP, .src = "0.0.0.0" }, 0 },
	{ "static: IPv4 behind 802.1Q", GC_STATIC, { .tags = { Q }, IP4, UDP,
	  .src = "192.0.3.1" }, IPG },
	{ "static: IPv4 behind 802.1ad and 802.1Q", GC_STATIC, { .tags = { AD, Q }, IP4, UDP,
	  .src = "192.0.3.1" }, IPG },
	{ "static: IPv4 behind four tags", GC_STATIC, { .tags = { AD, Q, Q, Q }, IP4, UDP,
	  .src = "192.0.3.1" }, IPG },
	{ "static: five tags: cut", GC_STATIC, { .tags = { AD, Q, Q, Q, Q }, IP4, UDP,
	  .src = "192.0.2.1" }, IPG },
	{ "static: IPv4 behind an offloaded tag", GC_STATIC, { .hwtag = true, IP4, UDP,
	  .src = "192.0.3.1" }, IPG },
	{ "static: IPv4 with options", GC_STATIC, { IP4, UDP, .ihl = 8, .src = "192.0.3.1" },
	  IPG },
	{ "static: IPv4 later fragment, source checked", GC_STATIC, { IP4, UDP, .frag = 1,
	  .src = "192.0.3.1" }, IPG },
	{ "static: IPv4 header cut", GC_STATIC, { IP4, UDP, .src = "192.0.2.1",
	  .len = 14 + 16 }, IPG },
	{ "static: IPv6 in a /64", GC_STATIC, { IP6, UDP, .src = "2001:db8:1::ffff:1" }, 0 },
	{ "static: IPv6 outside the /64", GC_STATIC, { IP6, UDP, .src = "2001:db8:1:1::1" },
	  IPG },
	{ "static: IPv6 of a /128", GC_STATIC, { IP6, UDP, .src = "2001:db8:2::7" }, 0 },
	{ "static: IPv6 beside a /128", GC_STATIC, { IP6, UDP, .src = "2001:db8:2::6" }, IPG },
	{ "static: :: passes", GC_STATIC, { IP6, ICMP6, .msg = 135, .src = "::" }, 0 },
	{ "static: IPv6 from an IPv4-mapped address", GC_STATIC, { IP6, UDP,
	  .src = "::ffff:192.0.2.9" }, IPG },
	{ "static: fe80::1 passes", GC_STATIC, { IP6, UDP, .src = "fe80::1" }, 0 },
	{ "static: febf::1 passes (fe80::/10)", GC_STATIC, { IP6, UDP, .src = "febf::1" }, 0 },
	{ "static: fec0::1 is not link-local", GC_STATIC, { IP6, UDP, .src = "fec0::1" },
	  IPG },
	{ "static: IPv6 behind a chain, source checked", GC_STATIC, { IP6, UDP, .ext = "HDf",
	  .src = "2001:db8:3::1" }, IPG },
	{ "static: IPv6 chain cut", GC_STATIC, { IP6, UDP, .ext = "D",
	  .src = "2001:db8:1::1", .len = 14 + 50 }, IPG },
	{ "static: ARP sender allowed", GC_STATIC, { ARP, .src = "192.0.2.9" }, 0 },
	{ "static: ARP sender not allowed", GC_STATIC, { ARP, .src = "192.0.3.9" }, IPG },
	{ "static: ARP probe from 0.0.0.0", GC_STATIC, { ARP, .src = "0.0.0.0" }, 0 },
	{ "static: ARP behind 802.1Q", GC_STATIC, { .tags = { Q }, ARP, .src = "192.0.3.9" },
	  IPG },
	{ "static: ARP cut in its sender address", GC_STATIC, { ARP, .src = "192.0.2.9",
	  .len = 14 + 8 + 6 + 3 }, IPG },
	{ "static: ARP cut in its header", GC_STATIC, { ARP, .src = "192.0.2.9",
	  .len = 14 + 7 }, IPG },
	{ "static: ARP for a protocol other than IPv4", GC_STATIC, { ARP, .src = "192.0.2.9",
	  .arp_pro = ETH_P_IPV6 }, IPG },
	{ "static: NA of an allowed target", GC_STATIC, { IP6, NA, .src = "fe80::1",
	  .target = "2001:db8:1::5" }, 0 },
	{ "static: NA of another target", GC_STATIC, { IP6, NA, .src = "fe80::1",
	  .target = "2001:db8:3::5" }, IPG },
	{ "static: NA from an unallowed source", GC_STATIC, { IP6, NA, .src = "2001:db8:3::5",
	  .target = "2001:db8:1::5" }, IPG },
	{ "static: NA behind Destination Options", GC_STATIC, { IP6, NA, .ext = "D",
	  .src = "fe80::1", .target = "2001:db8:3::5" }, IPG },
	{ "static: NA cut before its target", GC_STATIC, { IP6, NA, .src = "fe80::1",
	  .target = "2001:db8:1::5", .ipend = 14 + 40 + 8 + 15 }, IPG },
	{ "static: NS of another target passes (only NA)", GC_STATIC, { IP6, NS,
	  .src = "fe80::1", .target = "2001:db8:3::5" }, 0 },
	{ "static: LLDP passes", GC_STATIC, { .type = ETH_P_LLDP }, 0 },
	{ "static: 0.0.0.0/0 allows any IPv4", GC_ANY4, { IP4, UDP, .src = "203.0.113.9" }, 0 },
	{ "static: 0.0.0.0/0 allows no IPv6", GC_ANY4, { IP6, UDP, .src = "2001:db8::9" },
	  IPG },
	{ "static: ::/0 allows any IPv6", GC_ANY6, { IP6, UDP, .src = "2001:db8:9::9" }, 0 },
	{ "static: ::/0 allows no IPv4", GC_ANY6, { IP4, UDP, .src = "192.0.2.9" }, IPG },
	{ "static: ::/0 allows no IPv4-mapped IPv6 source", GC_ANY6, { IP6, UDP,
	  .src = "::ffff:192.0.2.9" }, IPG },
	/* ip-guard dhcp */
	{ "dhcp: IPv4 leased", GC_DHCP, { IP4, UDP, .src = "192.0.2.7" }, 0 },
	{ "dhcp: IPv4 leased to another MAC", GC_DHCP, { IP4, UDP, .src = "192.0.2.7",
	  .smac = gt_src2 }, IPG },
	{ "dhcp: ARP sender leased to another MAC", GC_DHCP, { ARP, .src = "192.0.2.7",
	  .smac = gt_src2 }, IPG },
	{ "dhcp: IPv4 not leased", GC_DHCP, { IP4, UDP, .src = "192.0.2.9" }, IPG },
	{ "dhcp: IPv4 of an expired lease", GC_DHCP, { IP4, UDP, .src = "192.0.2.8" }, IPG },
	{ "dhcp: DISCOVER from 0.0.0.0", GC_DHCP, { IP4, UDPP(68, 67), .msg = 1,
	  .src = "0.0.0.0" }, 0 },
	{ "dhcp: ARP sender leased", GC_DHCP, { ARP, .src = "192.0.2.7" }, 0 },
	{ "dhcp: ARP sender not leased", GC_DHCP, { ARP, .src = "192.0.2.9" }, IPG },
	{ "dhcp: IPv6 from the IPv4-mapped leased IPv4", GC_DHCP, { IP6, UDP,
	  .src = "::ffff:192.0.2.7" }, IPG },
	{ "dhcp: IPv6 leased", GC_DHCP, { IP6, UDP, .src = "2001:db8:1::7" }, 0 },
	{ "dhcp: IPv6 not leased", GC_DHCP, { IP6, UDP, .src = "2001:db8:1::9" }, IPG },
	{ "dhcp: fe80::1 passes", GC_DHCP, { IP6, UDP, .src = "fe80::1" }, 0 },
	{ "dhcp: NA of a target not leased", GC_DHCP, { IP6, NA, .src = "fe80::1",
	  .target = "2001:db8:1::9" }, IPG },
	{ "dhcp: NA of a leased target", GC_DHCP, { IP6, NA, .src = "fe80::1",
	  .target = "2001:db8:1::7" }, 0 },
	/* dhcp-guard */
	{ "dhcp-guard: OFFER from 67", GC_DHCPG, { IP4, UDPP(67, 68), .msg = 2, .dhcp = 2 },
	  DHG },
	{ "dhcp-guard: ACK from 67", GC_DHCPG, { IP4, UDPP(67, 68), .msg = 2, .dhcp = 5 },
	  DHG },
	{ "dhcp-guard: NAK from 67", GC_DHCPG, { IP4, UDPP(67, 68), .msg = 2, .dhcp = 6 },
	  DHG },
	{ "dhcp-guard: BOOTREPLY from 67 to a relay's 67", GC_DHCPG, { IP4, UDPP(67, 67),
	  .msg = 2 }, DHG },
	{ "dhcp-guard: BOOTREPLY to 68 from another port", GC_DHCPG, { IP4,
	  UDPP(1067, 68), .msg = 2 }, DHG },
	{ "dhcp-guard: BOOTREPLY behind two tags", GC_DHCPG, { .tags = { AD, Q }, IP4,
	  UDPP(67, 68), .msg = 2, .dhcp = 5 }, DHG },
	{ "dhcp-guard: BOOTREPLY behind IPv4 options", GC_DHCPG, { IP4, .ihl = 6,
	  UDPP(67, 68), .msg = 2, .dhcp = 5 }, DHG },
	{ "dhcp-guard: DISCOVER from 68 to 67", GC_DHCPG, { IP4, UDPP(68, 67), .msg = 1,
	  .dhcp = 1 }, 0 },
	{ "dhcp-guard: REQUEST from 68 to 67", GC_DHCPG, { IP4, UDPP(68, 67), .msg = 1,
	  .dhcp = 3 }, 0 },
	{ "dhcp-guard: a relay's BOOTREQUEST from 67", GC_DHCPG, { IP4, UDPP(67, 67),
	  .msg = 1 }, 0 },
	{ "dhcp-guard: to 67, its op in a trailer", GC_DHCPG, { IP4, UDPP(68, 67), .msg = 1,
	  .ipend = 14 + 20 + 8 }, DHG },
	{ "dhcp-guard: UDP header cut", GC_DHCPG, { IP4, UDPP(68, 67), .msg = 1,
	  .ipend = 14 + 20 + 7 }, DHG },
	{ "dhcp-guard: a BOOTREQUEST to 68", GC_DHCPG, { IP4, UDPP(68, 68), .msg = 1 }, DHG },
	{ "dhcp-guard: other UDP", GC_DHCPG, { IP4, UDPP(53, 1053), .msg = 2 }, 0 },
	{ "dhcp-guard: TCP from 67", GC_DHCPG, { IP4, .l4 = IPPROTO_TCP, .sport = 67 }, 0 },
	{ "dhcp-guard: ADVERTISE from 547", GC_DHCPG, { IP6, UDPP(547, 546), .msg = 2 }, DHG },
	{ "dhcp-guard: REPLY from 547", GC_DHCPG, { IP6, UDPP(547, 546), .msg = 7 }, DHG },
	{ "dhcp-guard: RECONFIGURE from 547", GC_DHCPG, { IP6, UDPP(547, 546), .msg = 10 },
	  DHG },
	{ "dhcp-guard: RELAY-REPL from 547 to 547", GC_DHCPG, { IP6, UDPP(547, 547),
	  .msg = 13 }, DHG },
	{ "dhcp-guard: REPLY to 546 from another port", GC_DHCPG, { IP6, UDPP(5547, 546),
	  .msg = 7 }, DHG },
	{ "dhcp-guard: REPLY behind an extension chain", GC_DHCPG, { IP6, UDPP(547, 546),
	  .msg = 7, .ext = "HDR" }, DHG },
	{ "dhcp-guard: REPLY in a first fragment", GC_DHCPG, { IP6, UDPP(547, 546),
	  .msg = 7, .ext = "F" }, DHG },
	{ "dhcp-guard: SOLICIT from 546 to 547", GC_DHCPG, { IP6, UDPP(546, 547), .msg = 1 },
	  0 },
	{ "dhcp-guard: REQUEST from 546 to 547", GC_DHCPG, { IP6, UDPP(546, 547), .msg = 3 },
	  0 },
	{ "dhcp-guard: RELAY-FORW from 547 to 547", GC_DHCPG, { IP6, UDPP(547, 547),
	  .msg = 12 }, 0 },
	{ "dhcp-guard: DHCPV4-RESPONSE from 547 to 547", GC_DHCPG, { IP6, UDPP(547, 547),
	  .msg = 21 }, DHG },
	{ "dhcp-guard: a SOLICIT to 546", GC_DHCPG, { IP6, UDPP(546, 546), .msg = 1 }, DHG },
	{ "dhcp-guard: to 547, its type in a trailer", GC_DHCPG, { IP6, UDPP(546, 547),
	  .msg = 1, .ipend = 14 + 40 + 8 }, DHG },
	{ "dhcp-guard: first fragment of 8 UDP bytes", GC_DHCPG, { IP6, UDPP(546, 547),
	  .msg = 1, .ext = "F", .ipend = 14 + 40 + 8 + 8 }, DHG },
	{ "dhcp-guard: to 547, UDP header cut", GC_DHCPG, { IP6, UDPP(546, 547), .msg = 1,
	  .ipend = 14 + 40 + 4 }, DHG },
	{ "dhcp-guard: first fragment, chain cut", GC_DHCPG, { IP6, UDPP(546, 547),
	  .msg = 1, .ext = "FD", .ipend = 14 + 40 + 8 + 8 }, DHG },
	{ "dhcp-guard: later fragment passes", GC_DHCPG, { IP6, UDPP(547, 546), .msg = 7,
	  .ext = "f" }, 0 },
	/* router-guard */
	{ "router-guard: RA", GC_ROUTER, { IP6, RA, .src = "fe80::1" }, RG },
	{ "router-guard: Redirect", GC_ROUTER, { IP6, ICMP6, .msg = NDISC_REDIRECT }, RG },
	{ "router-guard: RA behind Destination Options", GC_ROUTER, { IP6, RA, .ext = "D" },
	  RG },
	{ "router-guard: RA behind Hop-by-Hop, Routing, AH", GC_ROUTER, { IP6, RA,
	  .ext = "HRA" }, RG },
	{ "router-guard: RA in a first fragment", GC_ROUTER, { IP6, RA, .ext = "F" }, RG },
	{ "router-guard: RA behind a chain of 16", GC_ROUTER, { IP6, RA, .ext = H16 }, RG },
	{ "router-guard: first fragment, chain cut", GC_ROUTER, { IP6, ICMP6, .msg = 128,
	  .ext = "FD", .ipend = 14 + 40 + 8 + 10 }, RG },
	{ "router-guard: first fragment ends at the chain's end", GC_ROUTER, { IP6, ICMP6,
	  .msg = 128, .ext = "F", .ipend = 14 + 40 + 8 }, RG },
	{ "router-guard: chain of 17 is dropped", GC_ROUTER, { IP6, ICMP6, .msg = 128,
	  .ext = H16 "H" }, RG },
	{ "router-guard: echo behind a chain of 16", GC_ROUTER, { IP6, ICMP6, .msg = 128,
	  .ext = H16 }, 0 },
	{ "router-guard: later fragment passes", GC_ROUTER, { IP6, RA, .ext = "f" }, 0 },
	{ "router-guard: IPv6 header cut", GC_ROUTER, { IP6, RA, .len = 14 + 30 }, RG },
	{ "router-guard: RS passes", GC_ROUTER, { IP6, ICMP6,
	  .msg = NDISC_ROUTER_SOLICITATION }, 0 },
	{ "router-guard: NA passes", GC_ROUTER, { IP6, NA, .target = "2001:db8::1" }, 0 },
	{ "router-guard: echo request passes", GC_ROUTER, { IP6, ICMP6, .msg = 128 }, 0 },
	{ "router-guard: No Next Header passes", GC_ROUTER, { IP6, .l4 = NONE, .ext = "D" },
	  0 },
	{ "router-guard: UDP with RA's type byte passes", GC_ROUTER, { IP6, UDP, .msg = 134 },
	  0 },
	{ "router-guard: ICMPv4 Redirect", GC_ROUTER, { IP4, ICMP, .msg = ICMP_REDIRECT }, RG },
	{ "router-guard: ICMPv4 Router Advertisement", GC_ROUTER, { IP4, ICMP, .msg = 9 }, RG },
	{ "router-guard: ICMPv4 Redirect behind options and tags", GC_ROUTER,
	  { .tags = { AD, Q }, IP4, ICMP, .ihl = 9, .msg = ICMP_REDIRECT }, RG },
	{ "router-guard: ICMPv4, its type in a trailer", GC_ROUTER, { IP4, ICMP,
	  .msg = ICMP_ECHO, .ipend = 14 + 20 }, RG },
	{ "router-guard: ICMPv4 echo passes", GC_ROUTER, { IP4, ICMP, .msg = ICMP_ECHO }, 0 },
	{ "router-guard: ICMPv4 Router Solicitation passes", GC_ROUTER, { IP4, ICMP,
	  .msg = 10 }, 0 },
	{ "router-guard: ICMPv4 later fragment passes", GC_ROUTER, { IP4, ICMP, .frag = 1,
	  .msg = ICMP_REDIRECT }, 0 },
	{ "router-guard: ICMPv6 type in ICMPv4 passes", GC_ROUTER, { IP4, ICMP, .msg = 134 },
	  0 },
	{ "router-guard: ARP passes", GC_ROUTER, { ARP }, 0 },
	{ "router-guard: IPv4 header cut", GC_ROUTER, { IP4, ICMP, .msg = ICMP_ECHO,
	  .len = 14 + 10 }, RG },
	/* Which reason a frame several guards drop counts under. */
	{ "all: a multicast source is a spoof", GC_ALL, { IP4, UDP, .smac = gt_mcast,
	  .src = "192.0.3.1" }, VSW_DROPS_SPOOF },
	{ "all: a zero source is a spoof", GC_ALL, { IP6, RA, .smac = gt_zero }, VSW_DROPS_SPOOF },
	{ "all: a cut frame is router-guard's", GC_ALL, { IP6, RA, .ext = "F",
	  .len = 14 + 40 + 4 }, RG },
	{ "ip and dhcp-guard: a cut frame is dhcp-guard's", GC_IP_DHCPG, { IP4, UDP,
	  .len = 14 + 12 }, DHG },
	{ "mac-spoof alone: a cut frame passes", GC_MAC, { IP4, UDP, .len = 14 + 12 }, 0 },
	{ "all: an unallowed source before a server message", GC_ALL, { IP4, UDPP(67, 68),
	  .msg = 2, .src = "192.0.3.1" }, IPG },
	{ "all: an allowed server message", GC_ALL, { IP4, UDPP(67, 68), .msg = 2,
	  .src = "192.0.2.1" }, DHG },
	{ "all: an allowed RA", GC_ALL, { IP6, RA, .src = "fe80::1" }, RG },
	{ "all: an allowed echo passes", GC_ALL, { IP6, ICMP6, .msg = 128, .src = "fe80::1" },
	  0 },
};

static void gt_guard_desc(const struct gt_guard_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(gt_guard, gt_guard_cases, gt_guard_desc);

/* As vsw_input() calls it: under RCU, in softirq. */
static enum vsw_drops_attr gt_check(struct gt_port *gp, struct sk_buff *skb)
{
	enum vsw_drops_attr why;

	rcu_read_lock();
	local_bh_disable();
	why = vsw_guard(&gp->port, &gp->cfg, skb);
	local_bh_enable();
	rcu_read_unlock();
	return why;
}

static void guard_verdict(struct kunit *test)
{
	const struct gt_guard_case *c = test->param_value;
	struct gt_port *gp = gt_port_cfg(test, c->cfg);
	struct sk_buff *skb = gt_skb(test, &c->f);

	KUNIT_EXPECT_EQ(test, gt_check(gp, skb), c->drop);
	kfree_skb(skb);
}

/* One frame from @smac, checked by @gp's guards. */
static enum vsw_drops_attr gt_send(struct kunit *test, struct gt_port *gp,
				   const u8 *smac)
{
	struct gt_frame f = { .smac = smac, IP4, UDP };
	struct sk_buff *skb = gt_skb(test, &f);
	enum vsw_drops_attr why = gt_check(gp, skb);

	kfree_skb(skb);
	return why;
}

static void guard_mac_first_source_kept(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_MAC);

	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&gp->port.spoof_mac),
			ether_addr_to_u64(gt_src));
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src2), VSW_DROPS_SPOOF);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&gp->port.spoof_mac),
			ether_addr_to_u64(gt_src));
}

static void guard_mac_invalid_source_not_kept(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_MAC);

	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_mcast), VSW_DROPS_SPOOF);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_zero), VSW_DROPS_SPOOF);
	KUNIT_EXPECT_EQ(test, atomic64_read(&gp->port.spoof_mac), 0);
	/* The first valid source is still to come. */
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src2), 0);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), VSW_DROPS_SPOOF);
}

static void guard_mac_allow_list(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_MAC);

	ether_addr_copy(gp->cfg.allow_mac[0], gt_src);
	ether_addr_copy(gp->cfg.allow_mac[1], gt_src2);
	gp->cfg.n_allow_mac = 2;
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src2), 0);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), 0);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src3), VSW_DROPS_SPOOF);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_mcast), VSW_DROPS_SPOOF);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_zero), VSW_DROPS_SPOOF);
	/* A list is not the first source seen: nothing is kept. */
	KUNIT_EXPECT_EQ(test, atomic64_read(&gp->port.spoof_mac), 0);
}

/* The last of a full list counts (a loop one short would miss it). */
static void guard_mac_allow_list_full(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_MAC);
	int i;

	for (i = 0; i < VSW_ALLOW_MAC_MAX; i++) {
		ether_addr_copy(gp->cfg.allow_mac[i], gt_src3);
		gp->cfg.allow_mac[i][4] = i + 1;
	}
	ether_addr_copy(gp->cfg.allow_mac[VSW_ALLOW_MAC_MAX - 1], gt_src);
	gp->cfg.n_allow_mac = VSW_ALLOW_MAC_MAX;
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), 0);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src3), VSW_DROPS_SPOOF);
}

/* mac-spoof on (the default): another guard does not look at the MAC. */
static void guard_mac_spoof_on_any_source(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_ROUTER);

	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src), 0);
	KUNIT_EXPECT_EQ(test, gt_send(test, gp, gt_src2), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&gp->port.spoof_mac), 0);
}

/* The last of a full prefix list counts too. */
static void guard_ip_allow_list_full(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_IP);
	struct gt_frame f = { IP4, UDP, .src = "203.0.113.9" };
	struct sk_buff *skb;
	int i;

	gp->cfg.ip_guard = VSW_IP_GUARD_STATIC;
	for (i = 0; i < VSW_ALLOW_IP_MAX - 1; i++)
		gt_allow(test, &gp->cfg, "2001:db8:5::/48");
	gt_allow(test, &gp->cfg, "203.0.113.9");
	skb = gt_skb(test, &f);
	KUNIT_EXPECT_EQ(test, gt_check(gp, skb), 0);
	kfree_skb(skb);
}

/* A lease found at the time of the frame: one that ran out no longer. */
static void guard_ip_dhcp_lease_runs_out(struct kunit *test)
{
	struct gt_port *gp = gt_port(test, VSW_GUARD_IP);
	struct gt_frame f = { IP4, UDP, .src = "192.0.2.7" };
	time64_t now = ktime_get_boottime_seconds();
	struct sk_buff *skb;

	gp->cfg.ip_guard = VSW_IP_GUARD_DHCP;
	skb = gt_skb(test, &f);
	KUNIT_EXPECT_EQ(test, gt_check(gp, skb), VSW_DROPS_IP_GUARD);
	gt_lease(test, &gp->port, "192.0.2.7", now, 600);
	KUNIT_EXPECT_EQ(test, gt_check(gp, skb), 0);
	/* Leased 600 s ago for 600 s: over now. */
	gt_lease(test, &gp->port, "192.0.2.7", now - 600, 600);
	KUNIT_EXPECT_EQ(test, gt_check(gp, skb), VSW_DROPS_IP_GUARD);
	kfree_skb(skb);
}

static struct kunit_case vsw_guard_cases[] = {
	KUNIT_CASE_PARAM(guard_parse, gt_parse_gen_params),
	KUNIT_CASE_PARAM(guard_verdict, gt_guard_gen_params),
	KUNIT_CASE(guard_mac_first_source_kept),
	KUNIT_CASE(guard_mac_invalid_source_not_kept),
	KUNIT_CASE(guard_mac_allow_list),
	KUNIT_CASE(guard_mac_allow_list_full),
	KUNIT_CASE(guard_mac_spoof_on_any_source),
	KUNIT_CASE(guard_ip_allow_list_full),
	KUNIT_CASE(guard_ip_dhcp_lease_runs_out),
	{}
};

static struct kunit_suite vsw_guard_suite = {
	.name = "vsw_guard",
	.test_cases = vsw_guard_cases,
};

kunit_test_suite(vsw_guard_suite);
