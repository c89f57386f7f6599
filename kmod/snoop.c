// SPDX-License-Identifier: GPL-2.0
/*
 * DHCP snooping: the addresses a port with ip-guard dhcp may send from are
 * those the DHCPv4 ACK and DHCPv6 REPLY messages it receives lease to it,
 * each for its lease time.  Only replies from a port whose DHCP guard is
 * off count (forward.c), so a VM's rogue server grants nothing.  Every read
 * stops at the datagram's end (vsw_pkt_read()).
 */
#include <linux/etherdevice.h>
#include <linux/udp.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <kunit/visibility.h>
#include "vsw.h"

/* RFC 2131: the fixed part of a message, then the magic cookie. */
#define VSW_BOOTP_YIADDR	16
#define VSW_BOOTP_CHADDR	28
#define VSW_BOOTP_COOKIE	236
#define VSW_BOOTP_OPTIONS	240
#define VSW_DHCP_MAGIC		0x63825363
#define VSW_DHCP_OPT_PAD	0
#define VSW_DHCP_OPT_LEASE	51
#define VSW_DHCP_OPT_TYPE	53
#define VSW_DHCP_OPT_END	255
#define VSW_DHCPACK		5

/* RFC 8415. */
#define VSW_DHCPV6_OPT_IA_NA	3
#define VSW_DHCPV6_OPT_IA_TA	4
#define VSW_DHCPV6_OPT_IAADDR	5

/* Options walked in one message, so a crafted one cannot loop for long. */
#define VSW_DHCP_OPTS_MAX	64

void vsw_leases_init(struct vsw_leases *l)
{
	spin_lock_init(&l->lock);
	seqcount_spinlock_init(&l->seq, &l->lock);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_leases_init);

/* Under RCU, per frame: is @a leased to @mac at @now? */
bool vsw_lease_find(struct vsw_leases *l, const struct in6_addr *a,
		    const u8 *mac, time64_t now)
{
	unsigned int seq;
	bool found;
	int i;

	do {
		seq = read_seqcount_begin(&l->seq);
		found = false;
		for (i = 0; i < VSW_LEASES_MAX; i++)
			if (l->e[i].expires > now &&
			    ipv6_addr_equal(&l->e[i].addr, a) &&
			    ether_addr_equal(l->e[i].mac, mac)) {
				found = true;
				break;
			}
	} while (read_seqcount_retry(&l->seq, seq));
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_lease_find);

/*
 * @a leased to @mac for @secs from @now; 0 ends its lease.  A new address
 * takes a free or expired slot, or the one that expires first.
 */
void vsw_lease_set(struct vsw_leases *l, const struct in6_addr *a,
		   const u8 *mac, u32 secs, time64_t now)
{
	struct vsw_lease *e = NULL;
	int i;

	spin_lock_bh(&l->lock);
	for (i = 0; i < VSW_LEASES_MAX; i++)
		if (l->e[i].expires && ipv6_addr_equal(&l->e[i].addr, a)) {
			e = &l->e[i];
			break;
		}
	if (!e && !secs)
		goto out;
	if (!e) {
		e = &l->e[0];
		for (i = 1; i < VSW_LEASES_MAX && e->expires > now; i++)
			if (l->e[i].expires < e->expires)
				e = &l->e[i];
	}
	write_seqcount_begin(&l->seq);
	if (secs) {
		e->addr = *a;
		ether_addr_copy(e->mac, mac);
		e->expires = now + secs;
	} else {
		memset(e, 0, sizeof(*e));
	}
	write_seqcount_end(&l->seq);
out:
	spin_unlock_bh(&l->lock);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_lease_set);

void vsw_leases_clear(struct vsw_leases *l)
{
	spin_lock_bh(&l->lock);
	write_seqcount_begin(&l->seq);
	memset(l->e, 0, sizeof(l->e));
	write_seqcount_end(&l->seq);
	spin_unlock_bh(&l->lock);
}

/*
 * Is @mac, a reply's client, on @port in @vid?  A reply flooded (a DHCPv4
 * ACK to the broadcast address) reaches every port; only its client's
 * leases the address.  The client's request taught the FDB where it is.
 */
static bool vsw_snoop_client(struct vsw_port *port, const u8 *mac, u16 vid)
{
	struct vsw_fdb_entry *f = vsw_fdb_lookup(&port->sw->fdb, mac, vid);

	if (!f)
		f = vsw_fdb_lookup_local(&port->sw->fdb, mac);
	return f && READ_ONCE(f->port) == port;
}

/* The lease in a DHCPv4 ACK at @off (its BOOTP header). */
static void vsw_snoop_dhcp4(struct vsw_port *port, const struct sk_buff *skb,
			    const struct vsw_pkt *pkt, unsigned int off, u16 vid,
			    time64_t now)
{
	unsigned int opt = off + VSW_BOOTP_OPTIONS;
	__be32 _yiaddr, _cookie, _secs;
	const __be32 *yiaddr, *cookie, *secs;
	u8 type = 0, _h[2], _type, _mac[ETH_ALEN];
	const u8 *h, *t, *mac;
	u32 lease = 0;
	struct in6_addr a;
	int i;

	cookie = vsw_pkt_read(skb, pkt, off + VSW_BOOTP_COOKIE,
			      sizeof(_cookie), &_cookie);
	yiaddr = vsw_pkt_read(skb, pkt, off + VSW_BOOTP_YIADDR,
			      sizeof(_yiaddr), &_yiaddr);
	mac = vsw_pkt_read(skb, pkt, off + VSW_BOOTP_CHADDR, sizeof(_mac),
			   _mac);
	if (!cookie || *cookie != htonl(VSW_DHCP_MAGIC) || !yiaddr ||
	    !*yiaddr || !mac || !vsw_snoop_client(port, mac, vid))
		return;
	for (i = 0; i < VSW_DHCP_OPTS_MAX; i++) {
		unsigned int code, len;

		h = vsw_pkt_read(skb, pkt, opt, 1, _h);
		if (!h || h[0] == VSW_DHCP_OPT_END)
			break;
		if (h[0] == VSW_DHCP_OPT_PAD) {
			opt++;
			continue;
		}
		h = vsw_pkt_read(skb, pkt, opt, sizeof(_h), _h);
		if (!h)
			break;
		code = h[0];
		len = h[1];
		if (code == VSW_DHCP_OPT_TYPE && len == 1) {
			t = vsw_pkt_read(skb, pkt, opt + 2, 1, &_type);
			type = t ? *t : 0;
		} else if (code == VSW_DHCP_OPT_LEASE && len == 4) {
			secs = vsw_pkt_read(skb, pkt, opt + 2, sizeof(_secs),
					    &_secs);
			lease = secs ? ntohl(*secs) : 0;
		}
		opt += 2 + len;
	}
	if (type != VSW_DHCPACK || !lease)
		return;
	ipv6_addr_set_v4mapped(*yiaddr, &a);
	vsw_lease_set(&port->leases, &a, mac, lease, now);
}

/* The IAADDR options inside an IA_NA or IA_TA from @off to @end. */
static void vsw_snoop_ia(struct vsw_leases *l, const struct sk_buff *skb,
			 const struct vsw_pkt *pkt, unsigned int off,
			 unsigned int end, const u8 *mac, time64_t now)
{
	const __be16 *h;
	__be16 _h[2];
	int i;

	for (i = 0; i < VSW_DHCP_OPTS_MAX && off + 4 <= end; i++) {
		unsigned int len;

		h = vsw_pkt_read(skb, pkt, off, sizeof(_h), _h);
		if (!h)
			return;
		len = ntohs(h[1]);
		if (off + 4 + len > end)
			return;
		if (ntohs(h[0]) == VSW_DHCPV6_OPT_IAADDR && len >= 24) {
			struct {
				struct in6_addr addr;
				__be32 preferred, valid;
			} _ia;
			const typeof(_ia) *ia;

			ia = vsw_pkt_read(skb, pkt, off + 4, sizeof(_ia), &_ia);
			if (ia)
				vsw_lease_set(l, &ia->addr, mac,
					      ntohl(ia->valid), now);
		}
		off += 4 + len;
	}
}

/* The leases in a DHCPv6 REPLY at @off (its message) sent to @mac. */
static void vsw_snoop_dhcp6(struct vsw_port *port, const struct sk_buff *skb,
			    const struct vsw_pkt *pkt, unsigned int off,
			    const u8 *mac, u16 vid, time64_t now)
{
	unsigned int end = pkt->end;
	const __be16 *h;
	__be16 _h[2];
	const u8 *type;
	u8 _type;
	int i;

	type = vsw_pkt_read(skb, pkt, off, 1, &_type);
	if (!type || *type != VSW_DHCPV6_REPLY ||
	    !vsw_snoop_client(port, mac, vid))
		return;
	off += 4;
	for (i = 0; i < VSW_DHCP_OPTS_MAX && off + 4 <= end; i++) {
		unsigned int code, len;

		h = vsw_pkt_read(skb, pkt, off, sizeof(_h), _h);
		if (!h)
			return;
		code = ntohs(h[0]);
		len = ntohs(h[1]);
		if (off + 4 + len > end)
			return;
		/* IA_NA: IAID, T1, T2; IA_TA: IAID; then their options. */
		if (code == VSW_DHCPV6_OPT_IA_NA && len >= 12)
			vsw_snoop_ia(&port->leases, skb, pkt, off + 16,
				     off + 4 + len, mac, now);
		else if (code == VSW_DHCPV6_OPT_IA_TA && len >= 4)
			vsw_snoop_ia(&port->leases, skb, pkt, off + 8,
				     off + 4 + len, mac, now);
		off += 4 + len;
	}
}

/*
 * A frame of @vid @port receives, skb->data at its Ethernet header: a DHCP
 * server's reply leases the port its client's addresses.
 */
void vsw_snoop(struct vsw_port *port, const struct sk_buff *skb, u16 vid)
{
	time64_t now = ktime_get_boottime_seconds();
	const struct udphdr *uh;
	struct udphdr _uh;
	struct vsw_pkt pkt;

	vsw_pkt_parse(skb, &pkt);
	if (pkt.l4 != IPPROTO_UDP)
		return;
	uh = vsw_pkt_read(skb, &pkt, pkt.l4off, sizeof(_uh), &_uh);
	if (!uh)
		return;
	if (pkt.proto == htons(ETH_P_IP) && uh->source == htons(VSW_BOOTPS) &&
	    uh->dest == htons(VSW_BOOTPC))
		vsw_snoop_dhcp4(port, skb, &pkt, pkt.l4off + sizeof(*uh), vid,
				now);
	else if (pkt.proto == htons(ETH_P_IPV6) &&
		 uh->source == htons(VSW_DHCPV6_SERVER) &&
		 uh->dest == htons(VSW_DHCPV6_CLIENT))
		vsw_snoop_dhcp6(port, skb, &pkt, pkt.l4off + sizeof(*uh),
				eth_hdr(skb)->h_dest, vid, now);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_snoop);

int vsw_leases_fill(struct sk_buff *skb, struct vsw_leases *l)
{
	time64_t now = ktime_get_boottime_seconds();
	struct nlattr *nest;
	int i, err = 0;

	spin_lock_bh(&l->lock);
	for (i = 0; i < VSW_LEASES_MAX && !err; i++) {
		const struct vsw_lease *e = &l->e[i];

		if (e->expires <= now)
			continue;
		err = -EMSGSIZE;
		nest = nla_nest_start(skb, VSW_A_PORT_LEASES);
		if (!nest)
			break;
		if ((ipv6_addr_v4mapped(&e->addr) ?
		     nla_put_in_addr(skb, VSW_LEASE_ADDR, e->addr.s6_addr32[3]) :
		     nla_put_in6_addr(skb, VSW_LEASE_ADDR, &e->addr)) ||
		    nla_put(skb, VSW_LEASE_MAC, ETH_ALEN, e->mac) ||
		    nla_put_u32(skb, VSW_LEASE_EXPIRES,
				min_t(time64_t, e->expires - now, U32_MAX))) {
			nla_nest_cancel(skb, nest);
			break;
		}
		nla_nest_end(skb, nest);
		err = 0;
	}
	spin_unlock_bh(&l->lock);
	return err;
}
