// SPDX-License-Identifier: GPL-2.0
/* vswctl: netlink attributes into struct vsw_obj, and vsw_obj out as text. */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>
#include "vswctl.h"

const char *const vsw_type_names[] = {
	[VSW_TYPE_EXTERNAL] = "external",
	[VSW_TYPE_INTERNAL] = "internal",
	[VSW_TYPE_PRIVATE] = "private",
	NULL,
};

const char *const vsw_role_names[] = {
	[VSW_ROLE_UPLINK] = "uplink",
	[VSW_ROLE_HOST] = "host",
	[VSW_ROLE_VM] = "vm",
	NULL,
};

const char *const vsw_fdb_type_names[] = {
	[VSW_FDB_DYNAMIC] = "dynamic",
	[VSW_FDB_STATIC] = "static",
	[VSW_FDB_LOCAL] = "local",
	NULL,
};

/* The words a request's attributes come from, for errors that point at one. */
const char *const vsw_attr_words[VSW_A_MAX + 1] = {
	[VSW_A_SWITCH_NAME] = "switch name",
	[VSW_A_SWITCH_TYPE] = "type",
	[VSW_A_UPLINK_IFNAME] = "uplink",
	[VSW_A_HOST] = "host",
	[VSW_A_AGEING] = "ageing",
	[VSW_A_MAX_ENTRIES] = "max-entries",
	[VSW_A_PORT_IFNAME] = "dev",
	[VSW_A_PORT_LEARN_LIMIT] = "learn-limit",
	[VSW_A_FDB_MAC] = "MAC",
	[VSW_A_FLUSH_FLAGS] = "dynamic",
	[VSW_A_UPLINK_IFINDEX] = "uplink",
	[VSW_A_PORT_IFINDEX] = "dev",
	[VSW_A_FDB_VLAN] = "vlan",
	[VSW_A_PORT_VLAN_MODE] = "vlan",
	[VSW_A_PORT_VLAN_VID] = "access",
	[VSW_A_PORT_VLAN_NATIVE] = "native",
	[VSW_A_PORT_VLAN_TRUNK] = "trunk",
	[VSW_A_PORT_MAC_SPOOF] = "mac-spoof",
	[VSW_A_PORT_ALLOW_MAC] = "allow-mac",
	[VSW_A_PORT_IP_GUARD] = "allow-ip",
	[VSW_A_PORT_ALLOW_IP] = "allow-ip",
	[VSW_A_PORT_DHCP_GUARD] = "dhcp-guard",
	[VSW_A_PORT_ROUTER_GUARD] = "router-guard",
	[VSW_A_PORT_ISOLATION] = "isolation",
	[VSW_A_PORT_COMMUNITY] = "community",
	[VSW_A_PORT_MIRROR] = "mirror",
	[VSW_A_PORT_STORM_LIMIT] = "storm-limit",
	[VSW_A_PORT_MAX_RATE] = "max-rate",
	[VSW_A_EVICT] = "evict",
};

const char *const vsw_event_names[] = {
	[VSW_EVENT_LEARN] = "learn",
	[VSW_EVENT_MOVE] = "move",
	[VSW_EVENT_AGE] = "age",
	[VSW_EVENT_FLUSH] = "flush",
	[VSW_EVENT_PORT_ADD] = "port-add",
	[VSW_EVENT_PORT_DEL] = "port-del",
	[VSW_EVENT_SWITCH_ADD] = "switch-add",
	[VSW_EVENT_SWITCH_DEL] = "switch-del",
	[VSW_EVENT_FDB_ADD] = "fdb-add",
	[VSW_EVENT_FDB_DEL] = "fdb-del",
	[VSW_EVENT_SWITCH_SET] = "switch-set",
	[VSW_EVENT_PORT_SET] = "port-set",
	[VSW_EVENT_EVICT] = "evict",
	NULL,
};

const char *const vsw_stats_names[] = {
	[VSW_STATS_RX_PACKETS] = "rx_packets",
	[VSW_STATS_RX_BYTES] = "rx_bytes",
	[VSW_STATS_TX_PACKETS] = "tx_packets",
	[VSW_STATS_TX_BYTES] = "tx_bytes",
	[VSW_STATS_FLOODED] = "flooded",
	[VSW_STATS_DROPPED] = "dropped",
};

const char *const vsw_vlan_mode_names[] = {
	[VSW_VLAN_MODE_UNTAGGED] = "untagged",
	[VSW_VLAN_MODE_ACCESS] = "access",
	[VSW_VLAN_MODE_TRUNK] = "trunk",
	NULL,
};

const char *const vsw_onoff_names[] = { "off", "on", NULL };

const char *const vsw_evict_names[] = {
	[VSW_EVICT_NONE] = "none",
	[VSW_EVICT_FAIR] = "fair",
	NULL,
};

const char *const vsw_isolation_names[] = {
	[VSW_ISOLATION_NONE] = "none",
	[VSW_ISOLATION_ISOLATED] = "isolated",
	[VSW_ISOLATION_COMMUNITY] = "community",
	NULL,
};

const char *const vsw_mirror_names[] = {
	[VSW_MIRROR_NONE] = "none",
	[VSW_MIRROR_SOURCE] = "source",
	[VSW_MIRROR_DESTINATION] = "destination",
	NULL,
};

/* The printers name every reason up to VSW_DROPS_MAX, 0 when none. */
const char *const vsw_drops_names[] = {
	[VSW_DROPS_VLAN] = "vlan",
	[VSW_DROPS_SPOOF] = "spoof",
	[VSW_DROPS_DHCP_GUARD] = "dhcp_guard",
	[VSW_DROPS_ROUTER_GUARD] = "router_guard",
	[VSW_DROPS_IP_GUARD] = "ip_guard",
	[VSW_DROPS_ISOLATION] = "isolation",
	[VSW_DROPS_STORM] = "storm",
	[VSW_DROPS_RATE] = "rate",
};
_Static_assert(sizeof(vsw_drops_names) / sizeof(vsw_drops_names[0]) ==
	       VSW_DROPS_MAX + 1, "a drop reason without a name");

static const char *name_of(const char *const *names, int n, int v)
{
	return v >= 0 && v < n && names[v] ? names[v] : "unknown";
}

#define NAME(tbl, v) name_of(tbl, (int)(sizeof(tbl) / sizeof(tbl[0])), v)

const char *vsw_word(const char *const *words, int v)
{
	int n = 0;

	while (words[n])
		n++;
	return name_of(words, n, v);
}

/*
 * libmnl's getters, inline: each is a library call, and a monitor parses
 * hundreds of thousands of events a second.
 */
static inline const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + MNL_ATTR_HDRLEN;
}

static inline uint8_t attr_u8(const struct nlattr *a)
{
	return *(const uint8_t *)attr_data(a);
}

static inline uint16_t attr_u16(const struct nlattr *a)
{
	return *(const uint16_t *)attr_data(a);
}

static inline uint32_t attr_u32(const struct nlattr *a)
{
	return *(const uint32_t *)attr_data(a);
}

static inline size_t attr_len(const struct nlattr *a)
{
	return a->nla_len - MNL_ATTR_HDRLEN;
}

/* NLA_UINT: as small as the value allows, 4 or 8 bytes. */
static uint64_t get_uint(const struct nlattr *a)
{
	if (attr_len(a) == sizeof(uint32_t))
		return attr_u32(a);
	return mnl_attr_get_u64(a);
}

static void copy_str(char *dst, const struct nlattr *a)
{
	const char *src = attr_data(a);
	size_t n = strnlen(src, IF_NAMESIZE - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * mnl_attr_for_each()'s checks, inline: libmnl's are four calls an
 * attribute, and a monitor parses hundreds of thousands of events a second
 * (a quarter of its time per event).
 */
static inline bool attr_ok(const struct nlattr *a, int len)
{
	return len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       (int)a->nla_len <= len;
}

#define attr_for_each(a, first, len)					\
	for ((a) = (first); attr_ok(a, len);				\
	     (len) -= MNL_ALIGN((a)->nla_len),				\
	     (a) = (const void *)((const char *)(a) + MNL_ALIGN((a)->nla_len)))

/* @a, with @len bytes from it to the message's end, is one of @at's. */
static void attrs_add(struct vsw_attrs *at, const struct nlattr *a, int len)
{
	if (!at->n++) {
		at->first = a;
		at->len = len;
	}
}

/* Each of @at's attributes (of @type), as @a; @len is the loop's. */
#define attrs_for_each(a, at, type, len)				\
	for ((len) = (at)->len, (a) = (at)->first; attr_ok(a, len);	\
	     (len) -= MNL_ALIGN((a)->nla_len),				\
	     (a) = (const void *)((const char *)(a) + MNL_ALIGN((a)->nla_len))) \
		if (((a)->nla_type & NLA_TYPE_MASK) != (type)) {} else

void vsw_obj_parse(const struct nlmsghdr *nlh, struct vsw_obj *o)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	int len = (int)nlh->nlmsg_len - MNL_NLMSG_HDRLEN - MNL_ALIGN(sizeof(*genl));
	const struct nlattr *a, *s;

	memset(o, 0, sizeof(*o));
	o->cmd = genl->cmd;
	o->event = o->type = o->role = o->fdb_type = o->vlan_mode = -1;
	o->evict = -1;
	o->mac_spoof = true;
	attr_for_each(a, mnl_nlmsg_get_payload_offset(nlh, sizeof(*genl)), len) {
		switch (a->nla_type & NLA_TYPE_MASK) {
		case VSW_A_SWITCH_NAME: copy_str(o->sw, a); break;
		case VSW_A_SWITCH_TYPE: o->type = attr_u8(a); break;
		case VSW_A_UPLINK_IFNAME: copy_str(o->uplink, a); break;
		case VSW_A_HOST_IFNAME: copy_str(o->host, a); break;
		case VSW_A_MOVE_IP: o->move_ip = attr_u8(a); break;
		case VSW_A_EVICT: o->evict = attr_u8(a); break;
		case VSW_A_AGEING: o->ageing = attr_u32(a); break;
		case VSW_A_MAX_ENTRIES: o->max_entries = attr_u32(a); break;
		case VSW_A_FDB_ENTRIES: o->fdb_entries = attr_u32(a); break;
		case VSW_A_NPORTS: o->nports = attr_u32(a); break;
		case VSW_A_PORT_IFNAME: copy_str(o->dev, a); break;
		case VSW_A_PORT_ROLE: o->role = attr_u8(a); break;
		case VSW_A_PORT_LEARN_LIMIT: o->learn_limit = attr_u32(a); break;
		case VSW_A_PORT_LEARNED: o->learned = attr_u32(a); break;
		case VSW_A_PORT_STATS:
			o->has_stats = true;
			mnl_attr_for_each_nested(s, a) {
				const struct nlattr *d;
				int t = mnl_attr_get_type(s);

				if (t == VSW_STATS_DROPS) {
					mnl_attr_for_each_nested(d, s)
						if (mnl_attr_get_type(d) <= VSW_DROPS_MAX)
							o->drops[mnl_attr_get_type(d)] =
								get_uint(d);
				} else if (t <= VSW_STATS_MAX) {
					o->stats[t] = get_uint(s);
				}
			}
			break;
		case VSW_A_FDB_MAC:
			if (attr_len(a) == 6) {
				memcpy(o->mac, attr_data(a), 6);
				o->has_mac = true;
			}
			break;
		case VSW_A_FDB_VLAN:
			o->vlan = attr_u16(a);
			o->has_vlan = true;
			break;
		case VSW_A_PORT_VLAN_MODE: o->vlan_mode = attr_u8(a); break;
		case VSW_A_PORT_VLAN_VID: o->vlan_vid = attr_u16(a); break;
		case VSW_A_PORT_VLAN_NATIVE: o->vlan_native = attr_u16(a); break;
		case VSW_A_PORT_VLAN_TRUNK:
			if (attr_len(a) == VSW_VID_WORDS * sizeof(uint32_t))
				o->trunk = attr_data(a);
			break;
		case VSW_A_PORT_MAC_SPOOF: o->mac_spoof = attr_u8(a); break;
		case VSW_A_PORT_ALLOW_MAC:
			o->allow_mac = attr_data(a);
			o->n_allow_mac = attr_len(a) / 6;
			break;
		case VSW_A_PORT_IP_GUARD: o->ip_guard = attr_u8(a); break;
		case VSW_A_PORT_ALLOW_IP: attrs_add(&o->allow_ip, a, len); break;
		case VSW_A_PORT_DHCP_GUARD: o->dhcp_guard = attr_u8(a); break;
		case VSW_A_PORT_ROUTER_GUARD: o->router_guard = attr_u8(a); break;
		case VSW_A_PORT_ISOLATION: o->isolation = attr_u8(a); break;
		case VSW_A_PORT_COMMUNITY: o->community = attr_u32(a); break;
		case VSW_A_PORT_MIRROR: o->mirror = attr_u8(a); break;
		case VSW_A_PORT_STORM_LIMIT: o->storm_limit = attr_u32(a); break;
		case VSW_A_PORT_MAX_RATE: o->max_rate = mnl_attr_get_u64(a); break;
		case VSW_A_PORT_LEASES: attrs_add(&o->leases, a, len); break;
		case VSW_A_FDB_TYPE: o->fdb_type = attr_u8(a); break;
		case VSW_A_FDB_AGE: o->age = attr_u32(a); break;
		case VSW_A_FLUSH_FLAGS: o->flush_flags = attr_u32(a); break;
		case VSW_A_EVENT: o->event = attr_u8(a); break;
		}
	}
}

void vsw_port_req(const struct vsw_obj *o, struct vsw_req *r)
{
	const struct nlattr *a, *p;
	int len;

	memset(r, 0, sizeof(*r));
	r->o = *o;
	/* What pointed into the message is copied into @r. */
	r->o.trunk = NULL;
	r->o.allow_mac = NULL;
	memset(&r->o.allow_ip, 0, sizeof(r->o.allow_ip));
	memset(&r->o.leases, 0, sizeof(r->o.leases));
	if (o->trunk) {
		memcpy(r->trunk, o->trunk, sizeof(r->trunk));
		r->has_native = true;
	}
	if (r->o.n_allow_mac > VSW_ALLOW_MAC_MAX)
		r->o.n_allow_mac = VSW_ALLOW_MAC_MAX;
	memcpy(r->allow_mac, o->allow_mac, 6 * r->o.n_allow_mac);
	attrs_for_each(a, &o->allow_ip, VSW_A_PORT_ALLOW_IP, len) {
		struct vsw_prefix *pfx;

		if (r->n_allow_ip == VSW_ALLOW_IP_MAX)
			break;
		pfx = &r->allow_ip[r->n_allow_ip];
		pfx->len = 0xff;
		mnl_attr_for_each_nested(p, a) {
			size_t n = attr_len(p);

			if (mnl_attr_get_type(p) == VSW_PREFIX_ADDR &&
			    (n == 4 || n == 16)) {
				memcpy(pfx->addr, attr_data(p), n);
				pfx->addr_len = n;
			} else if (mnl_attr_get_type(p) == VSW_PREFIX_LEN) {
				pfx->len = attr_u8(p);
			}
		}
		if (!pfx->addr_len)
			continue;
		if (pfx->len > 8 * pfx->addr_len)	/* the whole address */
			pfx->len = 8 * pfx->addr_len;
		r->n_allow_ip++;
	}
}

/* By hand: a monitor formats one per event, hundreds of thousands a second. */
char *vsw_mac_str(const uint8_t *m, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 6; i++) {
		buf[3 * i] = hex[m[i] >> 4];
		buf[3 * i + 1] = hex[m[i] & 15];
		buf[3 * i + 2] = i < 5 ? ':' : '\0';
	}
	return buf;
}

void vsw_print_switch(const struct vsw_obj *o, void *arg)
{
	const char *type = NAME(vsw_type_names, o->type);
	const char *evict = NAME(vsw_evict_names, o->evict);

	(void)arg;
	if (opts.json) {
		vsw_json_sep();
		vsw_jprintf("{");
		vsw_json_str("name", o->sw);
		vsw_jprintf(",\"type\":\"%s\",", type);
		vsw_json_str_or_null("uplink", o->uplink, true);
		vsw_json_str_or_null("host", o->host, true);
		vsw_jprintf("\"ageing\":%u,\"max_entries\":%u,\"fdb_entries\":%u,\"ports\":%u,\"move_ip\":%s,\"evict\":\"%s\"}",
			    o->ageing, o->max_entries, o->fdb_entries, o->nports,
			    vsw_json_bool(o->move_ip), evict);
		return;
	}
	printf("%s: type %s", o->sw, type);
	if (*o->uplink)
		printf(" uplink %s", o->uplink);
	if (*o->host)
		printf(" host %s", o->host);
	if (o->move_ip)
		printf(" move-ip");
	printf(" ageing %u max-entries %u evict %s fdb-entries %u ports %u\n",
	       o->ageing, o->max_entries, evict, o->fdb_entries, o->nports);
}

/* " vlan MODE ..." (text) or ,"vlan":{...} (JSON) of a port. */
static void print_port_vlan(const struct vsw_obj *o)
{
	static char vids[VSW_VIDS_LEN];
	const char *mode = NAME(vsw_vlan_mode_names, o->vlan_mode);
	bool trunk = o->vlan_mode == VSW_VLAN_MODE_TRUNK && o->trunk;

	if (o->vlan_mode < 0)
		return;
	if (trunk)
		vsw_vids_format(o->trunk, vids);
	if (opts.json) {
		vsw_jprintf(",\"vlan\":{\"mode\":\"%s\",\"vid\":", mode);
		if (o->vlan_mode == VSW_VLAN_MODE_ACCESS)
			vsw_jprintf("%u", o->vlan_vid);
		else
			vsw_jprintf("null");
		if (trunk)
			vsw_jprintf(",\"allowed\":\"%s\",\"native\":%u}", vids,
				    o->vlan_native);
		else
			vsw_jprintf(",\"allowed\":null,\"native\":null}");
		return;
	}
	printf(" vlan %s", mode);
	if (o->vlan_mode == VSW_VLAN_MODE_ACCESS)
		printf(" %u", o->vlan_vid);
	else if (trunk)
		printf(" %s native %u", vids, o->vlan_native);
}

/* A 4- or 16-byte address attribute as text, into @buf. */
static const char *addr_str(const struct nlattr *a, char *buf)
{
	size_t n = attr_len(a);

	if ((n == 4 || n == 16) &&
	    inet_ntop(n == 4 ? AF_INET : AF_INET6, attr_data(a), buf,
		      INET6_ADDRSTRLEN))
		return buf;
	return "unknown";
}

#define PREFIX_STRLEN	(INET6_ADDRSTRLEN + sizeof("/128"))

/* A VSW_A_PORT_ALLOW_IP nest as ADDR/LEN, into @buf (PREFIX_STRLEN). */
static const char *prefix_str(const struct nlattr *nest, char *buf)
{
	const struct nlattr *a, *addr = NULL;
	char ip[INET6_ADDRSTRLEN];
	int len = -1;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == VSW_PREFIX_ADDR)
			addr = a;
		else if (mnl_attr_get_type(a) == VSW_PREFIX_LEN)
			len = attr_u8(a);
	}
	if (!addr)
		return "unknown";
	if (len < 0)	/* the whole address */
		len = attr_len(addr) == 4 ? 32 : 128;
	snprintf(buf, PREFIX_STRLEN, "%s/%d", addr_str(addr, ip), len);
	return buf;
}

/* Item @i of a list: joined by commas, and quoted in JSON. */
static void print_item(int i, const char *s)
{
	const char *q = opts.json ? "\"" : "";

	vsw_jprintf("%s%s%s%s", i ? "," : "", q, s, q);
}

static void print_allow_mac(const struct vsw_obj *o)
{
	unsigned int i;
	char mac[18];

	for (i = 0; i < o->n_allow_mac; i++)
		print_item(i, vsw_mac_str(o->allow_mac + 6 * i, mac));
}

static void print_allow_ip(const struct vsw_obj *o)
{
	char buf[PREFIX_STRLEN];
	const struct nlattr *a;
	int len, i = 0;

	attrs_for_each(a, &o->allow_ip, VSW_A_PORT_ALLOW_IP, len)
		print_item(i++, prefix_str(a, buf));
}

/*
 * A port's security and traffic control: in JSON all of it, in text what
 * is not the default (in the words that set it), so that a port of
 * defaults reads as before.
 */
static void print_port_security(const struct vsw_obj *o)
{
	const char *isolation = NAME(vsw_isolation_names, o->isolation);
	const char *mirror = NAME(vsw_mirror_names, o->mirror);
	bool community = o->isolation == VSW_ISOLATION_COMMUNITY;

	if (opts.json) {
		vsw_jprintf(",\"mac_spoof\":%s,\"allow_mac\":[", vsw_json_bool(o->mac_spoof));
		print_allow_mac(o);
		vsw_jprintf("],\"allow_ip\":");
		if (o->ip_guard == VSW_IP_GUARD_DHCP) {
			vsw_jprintf("\"dhcp\"");
		} else {
			vsw_jprintf("[");
			print_allow_ip(o);
			vsw_jprintf("]");
		}
		vsw_jprintf(",\"dhcp_guard\":%s,\"router_guard\":%s,\"isolation\":\"%s\",\"community\":",
			    vsw_json_bool(o->dhcp_guard), vsw_json_bool(o->router_guard),
			    isolation);
		if (community)
			vsw_jprintf("%u", o->community);
		else
			vsw_jprintf("null");
		vsw_jprintf(",\"mirror\":\"%s\",\"storm_limit\":%u,\"max_rate\":%llu",
			    mirror, o->storm_limit, (unsigned long long)o->max_rate);
		return;
	}
	if (!o->mac_spoof)
		printf(" mac-spoof off");
	if (o->n_allow_mac) {
		printf(" allow-mac ");
		print_allow_mac(o);
	}
	if (o->ip_guard == VSW_IP_GUARD_DHCP) {
		printf(" allow-ip dhcp");
	} else if (o->allow_ip.n) {
		printf(" allow-ip ");
		print_allow_ip(o);
	}
	if (o->dhcp_guard)
		printf(" dhcp-guard on");
	if (o->router_guard)
		printf(" router-guard on");
	if (o->isolation != VSW_ISOLATION_NONE)
		printf(" isolation %s", isolation);
	if (community)
		printf(" %u", o->community);
	if (o->mirror != VSW_MIRROR_NONE)
		printf(" mirror %s", mirror);
	if (o->storm_limit)
		printf(" storm-limit %u", o->storm_limit);
	if (o->max_rate)
		printf(" max-rate %llu", (unsigned long long)o->max_rate);
}

/* With allow-ip dhcp: ,"leases":[...] (JSON), or a line a lease. */
static void print_port_leases(const struct vsw_obj *o)
{
	const struct nlattr *a, *l;
	int len, i = 0;

	if (o->ip_guard != VSW_IP_GUARD_DHCP)
		return;
	if (opts.json)
		vsw_jprintf(",\"leases\":[");
	attrs_for_each(a, &o->leases, VSW_A_PORT_LEASES, len) {
		char ipbuf[INET6_ADDRSTRLEN], macbuf[18];
		const char *ip = "unknown", *mac = "unknown";
		uint32_t expires = 0;

		mnl_attr_for_each_nested(l, a) {
			switch (mnl_attr_get_type(l)) {
			case VSW_LEASE_ADDR:
				ip = addr_str(l, ipbuf);
				break;
			case VSW_LEASE_MAC:
				if (attr_len(l) == 6)
					mac = vsw_mac_str(attr_data(l), macbuf);
				break;
			case VSW_LEASE_EXPIRES:
				expires = attr_u32(l);
				break;
			}
		}
		if (opts.json)
			vsw_jprintf("%s{\"ip\":\"%s\",\"mac\":\"%s\",\"expires\":%u}",
				    i++ ? "," : "", ip, mac, expires);
		else
			printf("    lease %s mac %s expires %u\n", ip, mac, expires);
	}
	if (opts.json)
		vsw_jprintf("]");
}

void vsw_print_port(const struct vsw_obj *o, void *arg)
{
	const char *role = NAME(vsw_role_names, o->role);
	int i;

	(void)arg;
	if (opts.json) {
		vsw_json_sep();
		vsw_jprintf("{");
		vsw_json_str("dev", o->dev);
		vsw_jprintf(",\"role\":\"%s\",\"learn_limit\":%u,\"learned\":%u",
			    role, o->learn_limit, o->learned);
		print_port_vlan(o);
		print_port_security(o);
		print_port_leases(o);
		if (o->has_stats) {
			vsw_jprintf(",\"stats\":{");
			for (i = VSW_STATS_RX_PACKETS; i <= VSW_STATS_DROPPED; i++)
				vsw_jprintf("%s\"%s\":%llu", i > 1 ? "," : "",
					    vsw_stats_names[i],
					    (unsigned long long)o->stats[i]);
			vsw_jprintf(",\"drops\":{");
			for (i = 1; i <= VSW_DROPS_MAX; i++)
				vsw_jprintf("%s\"%s\":%llu", i > 1 ? "," : "",
					    vsw_drops_names[i],
					    (unsigned long long)o->drops[i]);
			vsw_jprintf("}}");
		}
		vsw_jprintf("}");
		return;
	}
	printf("%s: role %s learn-limit %u learned %u", o->dev, role,
	       o->learn_limit, o->learned);
	print_port_vlan(o);
	print_port_security(o);
	putchar('\n');
	print_port_leases(o);
	if (o->has_stats) {
		printf("    RX: packets %llu bytes %llu\n"
		       "    TX: packets %llu bytes %llu flooded %llu\n"
		       "    dropped %llu",
		       (unsigned long long)o->stats[VSW_STATS_RX_PACKETS],
		       (unsigned long long)o->stats[VSW_STATS_RX_BYTES],
		       (unsigned long long)o->stats[VSW_STATS_TX_PACKETS],
		       (unsigned long long)o->stats[VSW_STATS_TX_BYTES],
		       (unsigned long long)o->stats[VSW_STATS_FLOODED],
		       (unsigned long long)o->stats[VSW_STATS_DROPPED]);
		/* -s -s: every counter, each drop reason too. */
		for (i = 1; opts.stats > 1 && i <= VSW_DROPS_MAX; i++)
			printf("%s%s %llu", i > 1 ? ", " : " (", vsw_drops_names[i],
			       (unsigned long long)o->drops[i]);
		printf("%s\n", opts.stats > 1 ? ")" : "");
	}
}

void vsw_print_fdb(const struct vsw_obj *o, void *arg)
{
	const char *type = NAME(vsw_fdb_type_names, o->fdb_type);
	char mac[18];

	(void)arg;
	vsw_mac_str(o->mac, mac);
	if (opts.json) {
		vsw_json_sep();
		vsw_jprintf("{\"mac\":\"%s\",", mac);
		vsw_json_str("dev", o->dev);
		vsw_jprintf(",\"vlan\":%u,\"type\":\"%s\",\"age\":%u}",
			    o->vlan, type, o->age);
		return;
	}
	printf("%s dev %s vlan %u %s age %u\n", mac, o->dev, o->vlan, type,
	       o->age);
}
