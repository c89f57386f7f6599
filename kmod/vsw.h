/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vsw private definitions.
 *
 * Locking: configuration runs under RTNL; the FDB is written under the
 * switch's fdb.lock (BH-safe, learning happens in softirq); the data path
 * reads ports and FDB entries under RCU only.
 */
#ifndef _VSW_H
#define _VSW_H

#include <linux/bitmap.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/llist.h>
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <linux/sizes.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/seqlock.h>
#include <net/genetlink.h>
#include "../uapi/linux/vsw.h"
#include "compat.h"

static_assert(VSW_VLAN_MAP_LEN * BITS_PER_BYTE == VLAN_N_VID);

/* The ranges are in Documentation/netlink/specs/vsw.yaml. */
#define VSW_DEFAULT_AGEING	300
#define VSW_DEFAULT_MAX_ENTRIES	SZ_1M

struct vsw_switch;

struct vsw_port_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t flooded;
	u64_stats_t dropped;
	u64_stats_t drops[VSW_DROPS_MAX + 1];	/* by enum vsw_drops_attr */
	struct u64_stats_sync syncp;
};

struct vsw_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes, flooded, dropped;
	u64 drops[VSW_DROPS_MAX + 1];
};

/*
 * A port's VLANs.  Untagged frames join pvid, and pvid's frames leave
 * untagged: VLAN 0 in untagged mode, the VID in access mode, the native
 * VLAN of a trunk.  A trunk also takes and sends frames tagged with the
 * VIDs of @trunk.
 */
struct vsw_vlan {
	u16 pvid;
	u8 mode;			/* enum vsw_vlan_mode */
	DECLARE_BITMAP(trunk, VLAN_N_VID);
};

#define VSW_ALLOW_MAC_MAX	16
#define VSW_ALLOW_IP_MAX	32
#define VSW_LEASES_MAX		16

/*
 * An IPv4 prefix is kept as its IPv4-mapped IPv6 one, its length + 96; the
 * mask makes a match a few word operations, where ipv6_prefix_equal() calls
 * memcmp() on CPUs without fast unaligned access (UML).
 */
struct vsw_prefix {
	struct in6_addr addr;
	struct in6_addr mask;
	u8 len;
	bool v4;
};

/* DHCP's UDP ports, and the one message type guard.c and snoop.c read. */
#define VSW_BOOTPS		67
#define VSW_BOOTPC		68
#define VSW_DHCPV6_CLIENT	546
#define VSW_DHCPV6_SERVER	547
#define VSW_DHCPV6_REPLY	7

/* The checks of a frame a port sends, a bit each in vsw_port_cfg.guards. */
enum {
	VSW_GUARD_MAC		= BIT(0),	/* mac-spoof off */
	VSW_GUARD_IP		= BIT(1),	/* ip-guard static or dhcp */
	VSW_GUARD_DHCP		= BIT(2),
	VSW_GUARD_ROUTER	= BIT(3),
};

/* The limits on what a port sends, a bit each in vsw_port_cfg.police. */
enum {
	VSW_POLICE_STORM	= BIT(0),
	VSW_POLICE_RATE		= BIT(1),
};

/*
 * A port's settings, read per frame: replaced whole under RTNL and freed
 * after a grace period, so a frame sees the old ones or the new ones.  What
 * every frame reads comes first: a feature that is off costs the test of
 * one of these bytes.
 */
struct vsw_port_cfg {
	u8 guards;			/* VSW_GUARD_* */
	u8 police;			/* VSW_POLICE_* */
	u8 isolation;			/* enum vsw_isolation */
	u8 mirror;			/* enum vsw_mirror */
	u8 ip_guard;			/* enum vsw_ip_guard */
	u8 n_allow_mac;
	u8 n_allow_ip;
	u32 community;
	u32 storm_limit;		/* frames/s */
	u64 max_rate;			/* bit/s */
	u64 storm_burst, rate_burst;	/* the buckets' sizes, in tokens */
	struct vsw_vlan vlan;
	u8 allow_mac[VSW_ALLOW_MAC_MAX][ETH_ALEN];
	struct vsw_prefix allow_ip[VSW_ALLOW_IP_MAX];
	struct rcu_head rcu;
};

/* An address DHCP leased to a port (snoop.c). */
struct vsw_lease {
	struct in6_addr addr;		/* IPv4: IPv4-mapped */
	u8 mac[ETH_ALEN];
	time64_t expires;		/* boot time, s; 0: a free slot */
};

/*
 * Written under lock when a port receives a DHCP reply, read per frame it
 * sends under the seqcount.
 */
struct vsw_leases {
	spinlock_t lock;		/* writers; BH-safe */
	seqcount_spinlock_t seq;
	struct vsw_lease e[VSW_LEASES_MAX];
};

/*
 * A token bucket: the tokens left, shared, and the time they were added up
 * to.  Each CPU takes a share at a time (struct vsw_police_cpu), so that a
 * frame touches the shared line only when its CPU's share runs out.
 */
struct vsw_bucket {
	atomic64_t tokens;
	atomic64_t stamp;		/* ns, ktime_get_ns() */
};

struct vsw_police_cpu {
	s64 storm;			/* tokens taken from port->storm */
	s64 rate;
};

struct vsw_port {
	struct list_head list;		/* sw->ports, RTNL writers, RCU readers */
	struct vsw_switch *sw;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct vsw_port_stats __percpu *stats;
	enum vsw_port_role role;
	struct vsw_port_cfg __rcu *cfg;
	/*
	 * The entry this port learned or was given last, under fdb.lock:
	 * a VM port has one MAC, whose frames then skip the hash lookup.
	 */
	struct vsw_fdb_entry __rcu *src_cache;
	u32 learn_limit;		/* 0: only the switch's limit */
	u32 learned;			/* dynamic entries, under fdb.lock */
	/* Those entries, oldest learned (or moved here) first; fdb.lock. */
	struct list_head fdb_learned;
	/* mac-spoof off without allow-mac: the first source (0: none yet). */
	atomic64_t spoof_mac;
	unsigned long logged;		/* drop reasons logged, a bit each */
	struct vsw_police_cpu __percpu *police;
	/* Written by every CPU that runs short: off the lines read per frame. */
	struct vsw_bucket storm ____cacheline_aligned_in_smp;
	struct vsw_bucket rate;
	struct vsw_leases leases;
	struct rcu_head rcu;
};

struct vsw_fdb_key {
	u8 mac[ETH_ALEN];
	u16 vlan;
};

/*
 * Read per packet: the key, the port and the type, on the first line.  The
 * only per-packet store, the last-seen time, is on a line of its own and
 * happens at most once per jiffy.
 */
struct vsw_fdb_entry {
	struct rhash_head node;
	struct vsw_fdb_key key;
	struct vsw_port *port;		/* READ_ONCE: changes on a move */
	u8 type;			/* enum vsw_fdb_type */
	u32 serial;			/* fdb.serial at its insert */
	struct hlist_node list;		/* fdb.entries, for walks */
	struct rcu_head rcu;

	unsigned long updated ____cacheline_aligned_in_smp;
	/*
	 * port->fdb_learned when dynamic, under fdb.lock: written when
	 * updated is, on its line, which has room for it and for @fdb.
	 */
	struct list_head port_node;
	struct vsw_fdb *fdb;		/* for the RCU callback's count */
};

struct vsw_fdb {
	struct rhashtable table;
	struct hlist_head entries;	/* every entry, under lock + RCU */
	spinlock_t lock;		/* writers; BH-safe */
	u32 count;			/* under lock */
	/*
	 * Entries unlinked and waiting for their grace period: evict fair
	 * frees one for each source it learns into a full table, and a
	 * flood of new sources would keep as many allocated as it sends in
	 * a grace period, were it not bounded by this.
	 */
	atomic_t freeing;
	u32 max_entries;
	u8 evict;			/* enum vsw_evict */
	unsigned long ageing;		/* jiffies */
	u32 serial;			/* under lock: one per insert */
	struct delayed_work gc;
	struct vsw_switch *sw;
};

/*
 * Events waiting to go out: several netlink messages in one skb (at most
 * NLMSG_GOODSIZE, what any reader's buffer takes), and full skbs held back
 * for a burst: all are sent a jiffy after the first event, when the burst
 * is VSW_EVQ_BURST skbs, or at once behind a port or switch event.  A
 * learning storm then wakes a listener once per burst, not once per skb.
 */
#define VSW_EVQ_BURST	32

struct vsw_evq {
	spinlock_t lock;		/* BH-safe: learning fills it */
	struct sk_buff *skb;		/* being filled */
	struct sk_buff_head full;	/* filled, in order */
	struct timer_list timer;
};

struct vsw_switch {
	struct list_head list;		/* per-netns list, RTNL */
	struct net *net;
	char name[IFNAMSIZ];
	enum vsw_switch_type type;
	/* Made with move-ip: only remembered, vswctl moves the addresses. */
	bool move_ip;
	struct net_device *host;	/* host vNIC or NULL */
	struct vsw_port *host_port;
	struct vsw_port *uplink;
	struct list_head ports;		/* RTNL writers, RCU readers */
	unsigned int nports;
	u32 id;				/* vsw_net.gen at its creation: a dump
					 * tells it from a new one of its name
					 */
	u32 gen;			/* vsw_net.gen at its last change */
	/* VIDs two ports or more carry, RTNL writers; VLAN 0 is always. */
	DECLARE_BITMAP(vlan_shared, VLAN_N_VID);
	/* Mirror destinations, when a source exists too (RTNL writers). */
	unsigned int mirrors;
	struct vsw_fdb fdb;
	struct vsw_evq evq;
	struct llist_node dead;		/* for vsw_switch_free() */
};

/* The host vNIC's private area. */
struct vsw_host {
	struct vsw_switch *sw;
};

/* main.c */
struct vsw_net {
	struct list_head switches;
	u32 gen;	/* bumped by every switch and port added or deleted, RTNL */
};

extern unsigned int vsw_net_id;
struct vsw_switch *vsw_switch_find(struct net *net, const char *name);
void vsw_changed(struct vsw_switch *sw);

/* device.c */
int vsw_host_init(void);
void vsw_host_exit(void);
int vsw_host_create(struct vsw_switch *sw, const u8 *mac, unsigned int mtu,
		    struct netlink_ext_ack *extack);
void vsw_host_unregister(struct vsw_switch *sw, struct list_head *kill);
void vsw_host_destroy(struct vsw_switch *sw);
bool vsw_is_host(const struct net_device *dev);
void vsw_host_uplink_changed(struct vsw_switch *sw);
void vsw_host_deliver(struct vsw_port *port, struct sk_buff *skb);

/* port.c */
void vsw_port_cfg_default(struct vsw_port_cfg *cfg, enum vsw_port_role role);
struct vsw_port *vsw_port_add(struct vsw_switch *sw, struct net_device *dev,
			      enum vsw_port_role role, u32 learn_limit,
			      const struct vsw_port_cfg *cfg,
			      struct netlink_ext_ack *extack);
void vsw_port_set_cfg(struct vsw_port *port, struct vsw_port_cfg *cfg);
int vsw_port_check(struct vsw_switch *sw, struct net_device *dev,
		   struct netlink_ext_ack *extack);
void vsw_port_del(struct vsw_port *port);
void vsw_port_unbind(struct vsw_port *port);
void vsw_port_release(struct vsw_port *port);
struct vsw_port *vsw_port_find(struct vsw_switch *sw,
			       const struct net_device *dev);
void vsw_port_get_stats(const struct vsw_port *port, struct vsw_stats *st);
int vsw_port_init(void);
void vsw_port_exit(void);

/* fdb.c */
int vsw_fdb_init(struct vsw_fdb *fdb, struct vsw_switch *sw);
void vsw_fdb_destroy(struct vsw_fdb *fdb);

/*
 * The key is 8 bytes: one compare, where rhashtable's default is memcmp(),
 * a byte loop on x86-64 and UML, run for every entry a lookup walks.
 */
static inline int vsw_fdb_key_cmp(struct rhashtable_compare_arg *arg,
				  const void *obj)
{
	const struct vsw_fdb_entry *f = obj;

	BUILD_BUG_ON(sizeof(struct vsw_fdb_key) != sizeof(u64));
	return get_unaligned((const u64 *)arg->key) !=
	       get_unaligned((const u64 *)&f->key);
}

/*
 * Murmur3's 64-bit finalizer of the key xor the table's random seed: two
 * multiplies where jhash2 is a chain of about twenty dependent steps that
 * each lookup waits for.  +2 % in (1) of make bench.  rhashtable still
 * picks a new seed and rehashes when a chain grows past 16.
 */
static inline u32 vsw_fdb_hashfn(const void *data, u32 len, u32 seed)
{
	u64 x = get_unaligned((const u64 *)data) ^ seed;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/*
 * A constant at every use, so that rhashtable's inline functions fold it;
 * here, not in fdb.c, for the data path's lookup inlined in forward.c.
 */
#define VSW_FDB_PARAMS ((const struct rhashtable_params) {		\
	.head_offset = offsetof(struct vsw_fdb_entry, node),		\
	.key_offset = offsetof(struct vsw_fdb_entry, key),		\
	.key_len = sizeof(struct vsw_fdb_key),				\
	.hashfn = vsw_fdb_hashfn,					\
	.obj_cmpfn = vsw_fdb_key_cmp,					\
	.automatic_shrinking = true,					\
})

/*
 * Fill @key in one 8-byte store.  Field by field, the key's second word
 * comes from two stores, and the hash's load of it waits until both reach
 * the cache (a load spanning two stores cannot be forwarded from them):
 * a fifth of vsw's time per frame in the profile of (1).
 */
static inline void vsw_fdb_key_set(struct vsw_fdb_key *key, const u8 *mac,
				   u16 vlan)
{
	u64 mac_lo = get_unaligned((const u32 *)mac);
	u64 mac_hi = get_unaligned((const u16 *)(mac + 4));

#ifdef __LITTLE_ENDIAN
	put_unaligned(mac_lo | mac_hi << 32 | (u64)vlan << 48, (u64 *)key);
#else
	put_unaligned(mac_lo << 32 | mac_hi << 16 | vlan, (u64 *)key);
#endif
}

/* Under RCU: the entry for {@mac, @vlan}, or NULL. */
static __always_inline struct vsw_fdb_entry *
vsw_fdb_lookup(struct vsw_fdb *fdb, const u8 *mac, u16 vlan)
{
	struct vsw_fdb_key key;

	vsw_fdb_key_set(&key, mac, vlan);
	return rhashtable_lookup(&fdb->table, &key, VSW_FDB_PARAMS);
}

struct vsw_fdb_entry *vsw_fdb_lookup_local(struct vsw_fdb *fdb,
					   const u8 *mac);
void __vsw_fdb_learn(struct vsw_fdb *fdb, struct vsw_port *port,
		     const u8 *mac, u16 vlan);
void __vsw_fdb_gc_arm(struct vsw_fdb *fdb);

/* A hit on its own port: store the time at most once a jiffy. */
static inline void vsw_fdb_seen(struct vsw_fdb_entry *f, unsigned long now)
{
	if (unlikely(READ_ONCE(f->updated) != now))
		WRITE_ONCE(f->updated, now);
}

/*
 * Learn @mac on @port; per frame, under RCU.  Inline for the frames that
 * come from the MAC their port learned last (a VM's all), which need no
 * lookup.
 */
static inline void vsw_fdb_learn(struct vsw_fdb *fdb, struct vsw_port *port,
				 const u8 *mac, u16 vlan)
{
	struct vsw_fdb_entry *f = rcu_dereference(port->src_cache);

	/* The host's local entry is its MAC's in every VLAN. */
	if (likely(f && (f->key.vlan == vlan || f->type == VSW_FDB_LOCAL) &&
		   ether_addr_equal(f->key.mac, mac)))
		vsw_fdb_seen(f, jiffies);
	else
		__vsw_fdb_learn(fdb, port, mac, vlan);
}

int vsw_fdb_add(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac,
		u16 vlan, enum vsw_fdb_type type);
int vsw_fdb_del(struct vsw_fdb *fdb, const u8 *mac, u16 vlan, bool local,
		struct vsw_port **port);
int vsw_fdb_set_local(struct vsw_fdb *fdb, struct vsw_port *port,
		      const u8 *old, const u8 *new);
/* What a flush removes; local entries go only with their port. */
enum vsw_flush_scope {
	VSW_FLUSH_LEARNED,	/* dynamic entries */
	VSW_FLUSH_USER,		/* dynamic and static: `fdb flush` */
	VSW_FLUSH_PORT_GONE,	/* all, local too: the port is deleted */
};

/*
 * Entries a flush walks with BH off before it lets softirqs run, and an
 * ageing walk before it lets the CPU go.
 */
#define VSW_FDB_BATCH	4096

/* Which entries a flush removes or a dump lists: those every field set matches. */
struct vsw_fdb_filter {
	const struct vsw_port *port;	/* NULL: every port's */
	const u8 *mac;			/* NULL: every MAC's */
	int vlan;			/* -1: every VLAN's */
	const struct vsw_vlan *left;	/* only of the VLANs this lacks */
	enum vsw_flush_scope scope;
};

bool vsw_fdb_filter_match(const struct vsw_fdb_entry *f,
			  const struct vsw_fdb_filter *filter);
unsigned int vsw_fdb_flush_filter(struct vsw_fdb *fdb,
				  const struct vsw_fdb_filter *filter);
unsigned int vsw_fdb_flush(struct vsw_fdb *fdb, const struct vsw_port *port,
			   enum vsw_flush_scope scope);

/*
 * Where a walk of fdb.entries stopped, kept between the parts of a dump: the
 * last entry passed, by key and serial (it may be gone by the next part),
 * how many entries were passed and how often the walk lost its place.
 */
struct vsw_fdb_cursor {
	struct vsw_fdb_key key;
	u32 serial;
	u32 lost;
	unsigned long passed;
};

static inline void vsw_fdb_cursor_pass(struct vsw_fdb_cursor *c,
				       const struct vsw_fdb_entry *f)
{
	c->key = f->key;
	c->serial = f->serial;
	c->passed++;
}

struct vsw_fdb_entry *vsw_fdb_resume(struct vsw_fdb *fdb,
				     struct vsw_fdb_cursor *c);
void vsw_fdb_set_ageing(struct vsw_fdb *fdb, unsigned long ageing);
unsigned int vsw_fdb_age(struct vsw_fdb *fdb, unsigned long now);
int vsw_fdb_cache_init(void);
void vsw_fdb_cache_exit(void);

/* vlan.c */
#define VSW_VLAN_DROP	(-1)

void vsw_vlan_default(struct vsw_vlan *v, enum vsw_port_role role);
void vsw_vlan_shared_update(struct vsw_switch *sw);
int vsw_vlan_ingress_tagged(const struct vsw_vlan *v, struct sk_buff **pskb);
int vsw_vlan_tag(struct sk_buff *skb, u16 vid);
int vsw_vlan_from_attrs(struct vsw_vlan *v, struct nlattr **attrs,
			struct netlink_ext_ack *extack);
int vsw_vlan_fill(struct sk_buff *skb, const struct vsw_vlan *v);

/*
 * The VLAN a frame entering by a port of @v joins, or VSW_VLAN_DROP (the
 * skb may then be freed: *@pskb is NULL).  skb->data is at the Ethernet
 * header.  An untagged frame only reads pvid.
 */
static __always_inline int vsw_vlan_ingress(const struct vsw_vlan *v,
					    struct sk_buff **pskb)
{
	const struct sk_buff *skb = *pskb;

	if (likely(!skb_vlan_tag_present(skb) &&
		   !eth_type_vlan(eth_hdr(skb)->h_proto)))
		return v->pvid;
	return vsw_vlan_ingress_tagged(v, pskb);
}

static inline bool vsw_vlan_equal(const struct vsw_vlan *a,
				  const struct vsw_vlan *b)
{
	return a->mode == b->mode && a->pvid == b->pvid &&
	       bitmap_equal(a->trunk, b->trunk, VLAN_N_VID);
}

static __always_inline bool vsw_vlan_carries(const struct vsw_vlan *v, u16 vid)
{
	return vid == v->pvid ||
	       (v->mode == VSW_VLAN_MODE_TRUNK && test_bit(vid, v->trunk));
}

/* A frame of @vid, which @v carries, leaves tagged or untagged. */
static __always_inline int vsw_vlan_egress(const struct vsw_vlan *v,
					   struct sk_buff *skb, u16 vid)
{
	if (likely(vid == v->pvid)) {
		if (unlikely(skb_vlan_tag_present(skb)) &&
		    skb->vlan_proto == htons(ETH_P_8021Q))
			__vlan_hwaccel_clear_tag(skb);
		return 0;
	}
	return vsw_vlan_tag(skb, vid);
}

/* guard.c */
/*
 * Where a frame's L3 and L4 headers start, from its Ethernet header, and
 * where its IP datagram ends; @l4 is NEXTHDR_NONE where there is none to
 * read.  @cut: the frame ends inside its tags, its L3 header or its IPv6
 * extension header chain.
 */
struct vsw_pkt {
	__be16 proto;
	u8 l4;
	bool cut;
	unsigned int l3, l4off, end;
};

/* @len bytes at @off of a parsed frame, or NULL past its datagram's end. */
static inline const void *vsw_pkt_read(const struct sk_buff *skb,
				       const struct vsw_pkt *pkt,
				       unsigned int off, unsigned int len,
				       void *buf)
{
	if (off + len > pkt->end)
		return NULL;
	return skb_header_pointer(skb, off, len, buf);
}

void vsw_pkt_parse(const struct sk_buff *skb, struct vsw_pkt *pkt);
enum vsw_drops_attr vsw_guard(struct vsw_port *port,
			      const struct vsw_port_cfg *cfg,
			      const struct sk_buff *skb);
int vsw_guard_from_attrs(struct vsw_port_cfg *cfg, enum vsw_port_role role,
			 const struct genl_info *info);
int vsw_guard_fill(struct sk_buff *skb, const struct vsw_port_cfg *cfg);

/* snoop.c */
void vsw_leases_init(struct vsw_leases *l);
bool vsw_lease_find(struct vsw_leases *l, const struct in6_addr *a,
		    const u8 *mac, time64_t now);
void vsw_lease_set(struct vsw_leases *l, const struct in6_addr *a,
		   const u8 *mac, u32 secs, time64_t now);
void vsw_leases_clear(struct vsw_leases *l);
void vsw_snoop(struct vsw_port *port, const struct sk_buff *skb, u16 vid);
int vsw_leases_fill(struct sk_buff *skb, struct vsw_leases *l);

/* police.c */
u64 vsw_bucket_burst(u64 rate, bool bits);
void vsw_bucket_reset(struct vsw_bucket *b, u64 burst, u64 now);
bool __vsw_bucket_take(struct vsw_bucket *b, s64 *local, u64 rate, u64 burst,
		       u64 cost, u64 now);
enum vsw_drops_attr vsw_police(struct vsw_port *port,
			       const struct vsw_port_cfg *cfg,
			       const struct sk_buff *skb, bool flood);
void vsw_police_from_attrs(struct vsw_port_cfg *cfg, struct nlattr **attrs);
void vsw_police_reset(struct vsw_port *port, const struct vsw_port_cfg *cfg);
int vsw_police_fill(struct sk_buff *skb, const struct vsw_port_cfg *cfg);

/*
 * Isolation: may a frame from a port of @a reach one of @b?  Isolated ports
 * reach only ports of isolation none, community ones those and their own
 * community.
 */
static inline bool vsw_may_reach(const struct vsw_port_cfg *a,
				 const struct vsw_port_cfg *b)
{
	if (a->isolation == VSW_ISOLATION_NONE ||
	    b->isolation == VSW_ISOLATION_NONE)
		return true;
	return a->isolation == VSW_ISOLATION_COMMUNITY &&
	       b->isolation == VSW_ISOLATION_COMMUNITY &&
	       a->community == b->community;
}

/* forward.c */
enum vsw_verdict {
	VSW_DROP,	/* bad source, PAUSE */
	VSW_PASS,	/* link-local: to the ingress device's own stack */
	VSW_UNICAST,	/* to *out only */
	VSW_FLOOD,	/* every port but the ingress one */
	VSW_DISCARD,	/* known, but its port is the ingress one */
};

enum vsw_verdict vsw_decide(struct vsw_switch *sw, struct vsw_port *in,
			    const struct ethhdr *eth, u16 vid,
			    struct vsw_port **out);
void vsw_input(struct vsw_port *in, struct sk_buff *skb);
rx_handler_result_t vsw_handle_frame(struct sk_buff **pskb);

/* netlink.c */
int vsw_genl_init(void);
void vsw_genl_exit(void);
int vsw_genl_events_group(void);
void vsw_notify_fdb(struct vsw_switch *sw, enum vsw_event ev,
		    const struct vsw_fdb_key *key, const struct vsw_port *port,
		    enum vsw_fdb_type type);
void vsw_notify_port(struct vsw_port *port, enum vsw_event ev);
void vsw_notify_switch(struct vsw_switch *sw, enum vsw_event ev);
void vsw_notify_flush(struct vsw_switch *sw, struct vsw_port *port, int vlan,
		      u32 flags);
void vsw_evq_init(struct vsw_switch *sw);
void vsw_evq_destroy(struct vsw_switch *sw);

/* main.c */
struct vsw_switch *vsw_switch_create(struct net *net, const char *name,
				     enum vsw_switch_type type,
				     struct net_device *uplink, bool host,
				     bool move_ip, unsigned long ageing,
				     u32 max_entries,
				     struct netlink_ext_ack *extack);
void vsw_switch_destroy(struct vsw_switch *sw, struct list_head *kill);

static inline void vsw_stats_add(struct vsw_port_stats __percpu *pstats,
				 bool rx, unsigned int len)
{
	struct vsw_port_stats *s = this_cpu_ptr(pstats);

	u64_stats_update_begin(&s->syncp);
	if (rx) {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	} else {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

static inline void vsw_stats_inc_flooded(struct vsw_port *port)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->flooded);
	u64_stats_update_end(&s->syncp);
}

static inline void vsw_stats_inc_dropped(struct vsw_port *port)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->dropped);
	u64_stats_update_end(&s->syncp);
}

/* A drop with a reason: counted in the total and by @why. */
static inline void vsw_stats_inc_drop(struct vsw_port *port,
				      enum vsw_drops_attr why)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->dropped);
	u64_stats_inc(&s->drops[why]);
	u64_stats_update_end(&s->syncp);
}

#endif /* _VSW_H */
