// SPDX-License-Identifier: GPL-2.0
/*
 * Port guards: what a port may send.  MAC spoofing, the IP source guard
 * with ARP and Neighbor Advertisement inspection, the DHCP guard (RFC 7610
 * for DHCPv6) and the router guard (RFC 7113).  The classifier reads the
 * frame with skb_header_pointer() only, past in-band 802.1Q/802.1ad tags
 * (an offloaded one is not in the data) and the whole IPv6 extension
 * header chain, and never past the frame's end: a frame whose headers are
 * cut where a guard must read is dropped.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <kunit/visibility.h>
#include "vsw.h"
#include "netlink-gen.h"

/* fe80::/10. */
static bool vsw_ip6_linklocal(const struct in6_addr *a)
{
	return (a->s6_addr32[0] & htonl(0xffc00000)) == htonl(0xfe800000);
}

/* The extension headers a chain may hold before its upper-layer one. */
#define VSW_IPV6_CHAIN_MAX	16
/* Tags left in a frame a classifier reads past; more is a cut frame. */
#define VSW_TAGS_MAX		4

/* BOOTP's op, the first byte of a DHCPv4 message. */
#define VSW_BOOTREQUEST		1

/* Server message types (RFC 8415, RFC 7341), dropped by the DHCP guard. */
#define VSW_DHCPV6_ADVERTISE	2
#define VSW_DHCPV6_RECONFIGURE	10
#define VSW_DHCPV6_RELAY_REPL	13
#define VSW_DHCPV4_RESPONSE	21

/* ICMPv4 Router Advertisement (RFC 1256); linux/icmp.h has no name for it. */
#define VSW_ICMP_ROUTERADVERT	9

/*
 * Where the L3 and L4 headers of a frame start, from skb->data at its
 * Ethernet header, and where its IP datagram ends (the frame's end for
 * others): a trailer after the datagram is not its data, so a guard never
 * reads a message's type from it.  @l4 is NEXTHDR_NONE where there is none
 * to read: not IP, a later fragment, an IPv6 No Next Header.
 */
void vsw_pkt_parse(const struct sk_buff *skb, struct vsw_pkt *pkt)
{
	unsigned int off = ETH_HLEN;
	__be16 proto = eth_hdr(skb)->h_proto;
	int tags;

	memset(pkt, 0, sizeof(*pkt));
	pkt->l4 = NEXTHDR_NONE;
	pkt->end = skb->len;
	for (tags = 0; eth_type_vlan(proto); tags++) {
		const struct vlan_hdr *vh;
		struct vlan_hdr _vh;

		vh = vsw_pkt_read(skb, pkt, off, sizeof(_vh), &_vh);
		if (!vh || tags == VSW_TAGS_MAX)
			goto cut;
		proto = vh->h_vlan_encapsulated_proto;
		off += VLAN_HLEN;
	}
	pkt->proto = proto;
	pkt->l3 = off;

	if (proto == htons(ETH_P_IP)) {
		const struct iphdr *iph;
		struct iphdr _iph;

		unsigned int len;

		iph = vsw_pkt_read(skb, pkt, off, sizeof(_iph), &_iph);
		if (!iph || iph->version != 4 || iph->ihl < 5)
			goto cut;
		/* A BIG TCP GSO packet's length is its skb's (skb_ip_totlen()). */
		len = ntohs(iph->tot_len);
		if (!len && skb_is_gso(skb))
			len = skb->len - off;
		if (len < iph->ihl * 4 || pkt->end < off + len)
			goto cut;
		pkt->end = off + len;
		if (iph->frag_off & htons(IP_OFFSET))
			return;
		pkt->l4 = iph->protocol;
		pkt->l4off = off + iph->ihl * 4;
	} else if (proto == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6;
		struct ipv6hdr _ip6;
		u8 nexthdr;
		int i;

		ip6 = vsw_pkt_read(skb, pkt, off, sizeof(_ip6), &_ip6);
		if (!ip6 || ip6->version != 6)
			goto cut;
		/* A jumbogram's length is in an option: the frame's end. */
		if (ip6->payload_len) {
			if (pkt->end < off + sizeof(*ip6) +
				       ntohs(ip6->payload_len))
				goto cut;
			pkt->end = off + sizeof(*ip6) + ntohs(ip6->payload_len);
		}
		nexthdr = ip6->nexthdr;
		off += sizeof(*ip6);
		/* Each header a turn, the upper-layer one too. */
		for (i = 0; i <= VSW_IPV6_CHAIN_MAX; i++) {
			const struct frag_hdr *fh;
			struct frag_hdr _fh;
			const u8 *h;
			u8 _h[2];

			switch (nexthdr) {
			case NEXTHDR_HOP:
			case NEXTHDR_ROUTING:
			case NEXTHDR_DEST:
				h = vsw_pkt_read(skb, pkt, off, sizeof(_h), _h);
				if (!h)
					goto cut;
				nexthdr = h[0];
				off += (h[1] + 1) * 8;
				break;
			case NEXTHDR_AUTH:
				h = vsw_pkt_read(skb, pkt, off, sizeof(_h), _h);
				if (!h)
					goto cut;
				nexthdr = h[0];
				off += (h[1] + 2) * 4;
				break;
			case NEXTHDR_FRAGMENT:
				fh = vsw_pkt_read(skb, pkt, off, sizeof(_fh), &_fh);
				if (!fh)
					goto cut;
				/* A later fragment: the first one was read. */
				if (fh->frag_off & htons(IP6_OFFSET))
					return;
				nexthdr = fh->nexthdr;
				off += sizeof(*fh);
				break;
			case NEXTHDR_NONE:
				return;
			default:
				/* The upper layer: a guard reads at least a byte. */
				if (pkt->end <= off)
					goto cut;
				pkt->l4 = nexthdr;
				pkt->l4off = off;
				return;
			}
		}
		/* A chain longer than any real one (RFC 7112). */
		goto cut;
	}
	return;
cut:
	pkt->cut = true;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_pkt_parse);

static bool vsw_guard_mac(struct vsw_port *port,
			  const struct vsw_port_cfg *cfg, const u8 *src)
{
	u64 mac, seen;
	int i;

	if (!is_valid_ether_addr(src))
		return false;
	if (cfg->n_allow_mac) {
		for (i = 0; i < cfg->n_allow_mac; i++)
			if (ether_addr_equal(cfg->allow_mac[i], src))
				return true;
		return false;
	}
	/* The first source seen is the port's until the setting changes. */
	mac = ether_addr_to_u64(src);
	seen = atomic64_read(&port->spoof_mac);
	if (!seen) {
		seen = atomic64_cmpxchg(&port->spoof_mac, 0, mac);
		if (!seen)
			return true;
	}
	return seen == mac;
}

/*
 * Is @a (@v4: an IPv4 one, IPv4-mapped) one @port may send from, from @src?  The
 * unspecified address and link-local ones need no lease (tested inline:
 * ipv6_addr_type() is a call and classifies far more).  A lease is its
 * client's MAC's: a VM that took another's lease by sending its request
 * from that MAC must keep sending from it.
 */
static bool vsw_ip_allowed(struct vsw_port *port,
			   const struct vsw_port_cfg *cfg, const u8 *src,
			   const struct in6_addr *a, bool v4)
{
	int i;

	if (v4 ? !a->s6_addr32[3] :
	    (ipv6_addr_any(a) || vsw_ip6_linklocal(a)))
		return true;
	/* No IPv6 packet comes from one (RFC 4291 2.5.5.2). */
	if (!v4 && ipv6_addr_v4mapped(a))
		return false;
	if (cfg->ip_guard == VSW_IP_GUARD_DHCP)
		return vsw_lease_find(&port->leases, a, src,
				      ktime_get_boottime_seconds());
	/* A family's prefixes only: ::/0 must not let IPv4 through. */
	for (i = 0; i < cfg->n_allow_ip; i++)
		if (cfg->allow_ip[i].v4 == v4 &&
		    !ipv6_masked_addr_cmp(a, &cfg->allow_ip[i].mask,
					  &cfg->allow_ip[i].addr))
			return true;
	return false;
}

static bool vsw_ip4_allowed(struct vsw_port *port,
			    const struct vsw_port_cfg *cfg, const u8 *src,
			    __be32 addr)
{
	struct in6_addr a;

	ipv6_addr_set_v4mapped(addr, &a);
	return vsw_ip_allowed(port, cfg, src, &a, true);
}

/* The IPv4, IPv6 and ARP sender addresses, and an NA's target. */
static bool vsw_guard_ip(struct vsw_port *port, const struct vsw_port_cfg *cfg,
			 const struct sk_buff *skb, const struct vsw_pkt *pkt)
{
	const u8 *src = eth_hdr(skb)->h_source;

	if (pkt->proto == htons(ETH_P_IP)) {
		const __be32 *saddr;
		__be32 _saddr;

		saddr = vsw_pkt_read(skb, pkt,
				     pkt->l3 + offsetof(struct iphdr, saddr),
				     sizeof(_saddr), &_saddr);
		return saddr && vsw_ip4_allowed(port, cfg, src, *saddr);
	}
	if (pkt->proto == htons(ETH_P_ARP)) {
		const struct arphdr *arp;
		struct arphdr _arp;
		const __be32 *sip;
		__be32 _sip;

		arp = vsw_pkt_read(skb, pkt, pkt->l3, sizeof(_arp), &_arp);
		if (!arp || arp->ar_pro != htons(ETH_P_IP) ||
		    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4)
			return false;
		sip = vsw_pkt_read(skb, pkt, pkt->l3 + sizeof(*arp) + ETH_ALEN,
				   sizeof(_sip), &_sip);
		return sip && vsw_ip4_allowed(port, cfg, src, *sip);
	}
	if (pkt->proto == htons(ETH_P_IPV6)) {
		const struct in6_addr *a;
		struct in6_addr _a;
		const u8 *type;
		u8 _type;

		a = vsw_pkt_read(skb, pkt,
				 pkt->l3 + offsetof(struct ipv6hdr, saddr),
				 sizeof(_a), &_a);
		if (!a || !vsw_ip_allowed(port, cfg, src, a, false))
			return false;
		if (pkt->l4 != IPPROTO_ICMPV6)
			return true;
		type = vsw_pkt_read(skb, pkt, pkt->l4off, 1, &_type);
		if (!type)
			return false;
		if (*type != NDISC_NEIGHBOUR_ADVERTISEMENT)
			return true;
		a = vsw_pkt_read(skb, pkt, pkt->l4off + sizeof(struct icmp6hdr),
				 sizeof(_a), &_a);
		return a && vsw_ip_allowed(port, cfg, src, a, false);
	}
	return true;
}

/*
 * A DHCP server's or relay's message, RFC 7610's way: anything to a
 * client's port (68, 546), and to a server's port (67, 547) what is not a
 * client's message.  A type past the datagram's end is a server's too.
 */
static bool vsw_is_dhcp_server(const struct sk_buff *skb,
			       const struct vsw_pkt *pkt)
{
	const struct udphdr *uh;
	struct udphdr _uh;
	const u8 *op;
	u8 _op;

	if (pkt->l4 != IPPROTO_UDP)
		return false;
	uh = vsw_pkt_read(skb, pkt, pkt->l4off, sizeof(_uh), &_uh);
	if (!uh)
		return true;
	op = vsw_pkt_read(skb, pkt, pkt->l4off + sizeof(*uh), 1, &_op);
	if (pkt->proto == htons(ETH_P_IP)) {
		if (uh->dest == htons(VSW_BOOTPC))
			return true;
		if (uh->dest != htons(VSW_BOOTPS) &&
		    uh->source != htons(VSW_BOOTPS))
			return false;
		return !op || *op != VSW_BOOTREQUEST;
	}
	if (uh->dest == htons(VSW_DHCPV6_CLIENT))
		return true;
	if (uh->dest != htons(VSW_DHCPV6_SERVER) &&
	    uh->source != htons(VSW_DHCPV6_SERVER))
		return false;
	return !op || *op == VSW_DHCPV6_ADVERTISE || *op == VSW_DHCPV6_REPLY ||
	       *op == VSW_DHCPV6_RECONFIGURE || *op == VSW_DHCPV6_RELAY_REPL ||
	       *op == VSW_DHCPV4_RESPONSE;
}

/* ICMPv6 RA and Redirect, ICMPv4 Redirect and Router Advertisement. */
static bool vsw_is_router_msg(const struct sk_buff *skb,
			      const struct vsw_pkt *pkt)
{
	const u8 *type;
	u8 _type;

	if (pkt->l4 != (pkt->proto == htons(ETH_P_IP) ? IPPROTO_ICMP :
			IPPROTO_ICMPV6))
		return false;
	type = vsw_pkt_read(skb, pkt, pkt->l4off, 1, &_type);
	if (!type)
		return true;
	if (pkt->proto == htons(ETH_P_IP))
		return *type == ICMP_REDIRECT || *type == VSW_ICMP_ROUTERADVERT;
	return *type == NDISC_ROUTER_ADVERTISEMENT || *type == NDISC_REDIRECT;
}

/*
 * 0 if @port may send the frame at skb->data (its Ethernet header), or the
 * reason it may not.  Only called with a guard on.
 */
enum vsw_drops_attr vsw_guard(struct vsw_port *port,
			      const struct vsw_port_cfg *cfg,
			      const struct sk_buff *skb)
{
	u8 guards = cfg->guards;
	struct vsw_pkt pkt;

	if ((guards & VSW_GUARD_MAC) &&
	    !vsw_guard_mac(port, cfg, eth_hdr(skb)->h_source))
		return VSW_DROPS_SPOOF;
	if (!(guards & (VSW_GUARD_IP | VSW_GUARD_DHCP | VSW_GUARD_ROUTER)))
		return 0;
	vsw_pkt_parse(skb, &pkt);
	if (unlikely(pkt.cut)) {
		if (guards & VSW_GUARD_ROUTER)
			return VSW_DROPS_ROUTER_GUARD;
		if (guards & VSW_GUARD_DHCP)
			return VSW_DROPS_DHCP_GUARD;
		return VSW_DROPS_IP_GUARD;
	}
	if ((guards & VSW_GUARD_IP) && !vsw_guard_ip(port, cfg, skb, &pkt))
		return VSW_DROPS_IP_GUARD;
	if ((guards & VSW_GUARD_DHCP) && vsw_is_dhcp_server(skb, &pkt))
		return VSW_DROPS_DHCP_GUARD;
	if ((guards & VSW_GUARD_ROUTER) && vsw_is_router_msg(skb, &pkt))
		return VSW_DROPS_ROUTER_GUARD;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_guard);

static int vsw_prefix_from_attr(struct vsw_prefix *p, const struct nlattr *nest,
				struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VSW_PREFIX_MAX + 1];
	struct in6_addr addr;
	unsigned int max;
	int err;

	err = nla_parse_nested(tb, VSW_PREFIX_MAX, nest, vsw_prefix_nl_policy,
			       extack);
	if (err)
		return err;
	if (!tb[VSW_PREFIX_ADDR]) {
		NL_SET_ERR_ATTR_MISS(extack, nest, VSW_PREFIX_ADDR);
		NL_SET_ERR_MSG(extack, "port-allow-ip: a prefix needs its address");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	switch (nla_len(tb[VSW_PREFIX_ADDR])) {
	case 4:
		ipv6_addr_set_v4mapped(nla_get_in_addr(tb[VSW_PREFIX_ADDR]),
				       &p->addr);
		p->v4 = true;
		max = 32;
		break;
	case 16:
		p->addr = nla_get_in6_addr(tb[VSW_PREFIX_ADDR]);
		max = 128;
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, tb[VSW_PREFIX_ADDR],
				    "port-allow-ip: an address is 4 bytes (IPv4) or 16 (IPv6)");
		return -EINVAL;
	}
	p->len = max;
	if (tb[VSW_PREFIX_LEN]) {
		if (nla_get_u8(tb[VSW_PREFIX_LEN]) > max) {
			NL_SET_ERR_MSG_ATTR_FMT(extack, tb[VSW_PREFIX_LEN],
						"port-allow-ip: a prefix of this family is at most /%u",
						max);
			return -EINVAL;
		}
		p->len = nla_get_u8(tb[VSW_PREFIX_LEN]);
	}
	p->len += 128 - max;
	/* Host bits cleared; ipv6_addr_prefix() zeroes its output first. */
	addr = p->addr;
	ipv6_addr_prefix(&p->addr, &addr, p->len);
	memset(&addr, 0xff, sizeof(addr));
	ipv6_addr_prefix(&p->mask, &addr, p->len);
	return 0;
}

static int vsw_allow_ip_from_attrs(struct vsw_port_cfg *cfg,
				   const struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	const struct nlattr *a;
	int rem, err;

	cfg->n_allow_ip = 0;
	nla_for_each_attr(a, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != VSW_A_PORT_ALLOW_IP)
			continue;
		if (cfg->n_allow_ip == VSW_ALLOW_IP_MAX) {
			NL_SET_ERR_MSG_ATTR_FMT(extack, a,
						"port-allow-ip: at most %d prefixes",
						VSW_ALLOW_IP_MAX);
			return -E2BIG;
		}
		err = vsw_prefix_from_attr(&cfg->allow_ip[cfg->n_allow_ip], a,
					   extack);
		if (err)
			return err;
		cfg->n_allow_ip++;
	}
	return 0;
}

static void vsw_guard_flag(struct vsw_port_cfg *cfg, u8 guard, bool on)
{
	if (on)
		cfg->guards |= guard;
	else
		cfg->guards &= ~guard;
}

/*
 * The guard settings of @info on @cfg, a copy of the port's; @role is the
 * port's.  Nothing is applied to the port here: a refusal changes nothing.
 */
int vsw_guard_from_attrs(struct vsw_port_cfg *cfg, enum vsw_port_role role,
			 const struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct nlattr *a;
	int i, n, err;

	if (role == VSW_ROLE_UPLINK) {
		a = attrs[VSW_A_PORT_ALLOW_MAC] ?: attrs[VSW_A_PORT_ALLOW_IP];
		if (attrs[VSW_A_PORT_MAC_SPOOF] &&
		    !nla_get_u8(attrs[VSW_A_PORT_MAC_SPOOF]))
			a = attrs[VSW_A_PORT_MAC_SPOOF];
		if (attrs[VSW_A_PORT_IP_GUARD] &&
		    nla_get_u8(attrs[VSW_A_PORT_IP_GUARD]) != VSW_IP_GUARD_OFF)
			a = attrs[VSW_A_PORT_IP_GUARD];
		if (a) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "the uplink sends from the LAN's addresses: it takes no port-mac-spoof 0, port-allow-mac or port-ip-guard (allow-ip)");
			return -EINVAL;
		}
	}
	if (attrs[VSW_A_PORT_MAC_SPOOF])
		vsw_guard_flag(cfg, VSW_GUARD_MAC,
			       !nla_get_u8(attrs[VSW_A_PORT_MAC_SPOOF]));
	a = attrs[VSW_A_PORT_ALLOW_MAC];
	if (a) {
		n = nla_len(a) / ETH_ALEN;
		if (nla_len(a) % ETH_ALEN || n > VSW_ALLOW_MAC_MAX) {
			NL_SET_ERR_MSG_ATTR_FMT(extack, a,
						"port-allow-mac: at most %d MACs of 6 bytes each",
						VSW_ALLOW_MAC_MAX);
			return -EINVAL;
		}
		for (i = 0; i < n; i++) {
			const u8 *mac = (const u8 *)nla_data(a) + i * ETH_ALEN;

			if (!is_valid_ether_addr(mac)) {
				NL_SET_ERR_MSG_ATTR_FMT(extack, a,
							"port-allow-mac: %pM is %s",
							mac,
							is_zero_ether_addr(mac) ?
							"zero" : "multicast");
				return -EINVAL;
			}
			ether_addr_copy(cfg->allow_mac[i], mac);
		}
		cfg->n_allow_mac = n;
	}

	a = attrs[VSW_A_PORT_IP_GUARD];
	if (!a && attrs[VSW_A_PORT_ALLOW_IP]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_PORT_ALLOW_IP],
				    "port-allow-ip needs port-ip-guard static");
		return -EINVAL;
	}
	if (a) {
		cfg->ip_guard = nla_get_u8(a);
		err = vsw_allow_ip_from_attrs(cfg, info);
		if (err)
			return err;
		if (cfg->ip_guard == VSW_IP_GUARD_STATIC && !cfg->n_allow_ip) {
			NL_SET_ERR_ATTR_MISS(extack, NULL, VSW_A_PORT_ALLOW_IP);
			NL_SET_ERR_MSG(extack,
				       "port-ip-guard static needs port-allow-ip");
			return -EINVAL;
		}
		if (cfg->ip_guard != VSW_IP_GUARD_STATIC && cfg->n_allow_ip) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[VSW_A_PORT_ALLOW_IP],
					    "port-allow-ip goes with port-ip-guard static only");
			return -EINVAL;
		}
		vsw_guard_flag(cfg, VSW_GUARD_IP,
			       cfg->ip_guard != VSW_IP_GUARD_OFF);
	}
	if (attrs[VSW_A_PORT_DHCP_GUARD])
		vsw_guard_flag(cfg, VSW_GUARD_DHCP,
			       nla_get_u8(attrs[VSW_A_PORT_DHCP_GUARD]));
	if (attrs[VSW_A_PORT_ROUTER_GUARD])
		vsw_guard_flag(cfg, VSW_GUARD_ROUTER,
			       nla_get_u8(attrs[VSW_A_PORT_ROUTER_GUARD]));
	return 0;
}

static int vsw_prefix_fill(struct sk_buff *skb, const struct vsw_prefix *p)
{
	struct nlattr *nest = nla_nest_start(skb, VSW_A_PORT_ALLOW_IP);
	bool v4 = p->v4;

	if (!nest)
		return -EMSGSIZE;
	if ((v4 ? nla_put_in_addr(skb, VSW_PREFIX_ADDR, p->addr.s6_addr32[3]) :
	     nla_put_in6_addr(skb, VSW_PREFIX_ADDR, &p->addr)) ||
	    nla_put_u8(skb, VSW_PREFIX_LEN, v4 ? p->len - 96 : p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int vsw_guard_fill(struct sk_buff *skb, const struct vsw_port_cfg *cfg)
{
	int i;

	if (nla_put_u8(skb, VSW_A_PORT_MAC_SPOOF,
		       !(cfg->guards & VSW_GUARD_MAC)) ||
	    nla_put(skb, VSW_A_PORT_ALLOW_MAC, cfg->n_allow_mac * ETH_ALEN,
		    cfg->allow_mac) ||
	    nla_put_u8(skb, VSW_A_PORT_IP_GUARD, cfg->ip_guard) ||
	    nla_put_u8(skb, VSW_A_PORT_DHCP_GUARD,
		       !!(cfg->guards & VSW_GUARD_DHCP)) ||
	    nla_put_u8(skb, VSW_A_PORT_ROUTER_GUARD,
		       !!(cfg->guards & VSW_GUARD_ROUTER)))
		return -EMSGSIZE;
	for (i = 0; i < cfg->n_allow_ip; i++)
		if (vsw_prefix_fill(skb, &cfg->allow_ip[i]))
			return -EMSGSIZE;
	return 0;
}
