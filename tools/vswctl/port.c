// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl: the port commands, and a port's settings (VLAN mode, security,
 * traffic control) from their words on the command line to the kernel's
 * attributes.  Values the kernel would refuse anyway are refused here, as
 * usage errors that name the word at fault.
 */
#define _GNU_SOURCE	/* strsep */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vswctl.h"

/* After "vlan": untagged | access VID | trunk VIDS [native VID]. */
static void parse_vlan(int *i, int argc, char **argv, struct vsw_req *r)
{
	r->o.vlan_mode = vsw_keyword(vsw_need_value(i, argc, argv),
				     vsw_vlan_mode_names, "VLAN mode");
	switch (r->o.vlan_mode) {
	case VSW_VLAN_MODE_ACCESS:
		r->o.vlan_vid = vsw_vid_parse("access",
					      vsw_need_value(i, argc, argv), 1);
		break;
	case VSW_VLAN_MODE_TRUNK:
		vsw_vids_parse(vsw_need_value(i, argc, argv), r->trunk);
		if (*i + 1 < argc && vsw_matches(argv[*i + 1], "native")) {
			++*i;
			r->o.vlan_native = vsw_vid_parse("native",
							 vsw_need_value(i, argc, argv), 0);
			r->has_native = true;
		}
		break;
	}
}

/*
 * @s split at its commas, each piece (empty ones too) to @piece; @alone
 * ("none", "dhcp") may only be the whole of @s.  A copy: argv stays whole
 * for the messages.
 */
static void for_each_piece(const char *kw, const char *s,
			   const char *const *alone,
			   void (*piece)(const char *p, struct vsw_req *r),
			   struct vsw_req *r)
{
	char *copy = strdup(s), *rest = copy, *p;
	int i;

	if (!copy)
		vsw_fatal("out of memory");
	while ((p = strsep(&rest, ","))) {
		for (i = 0; alone[i]; i++)
			if (!strcmp(p, alone[i]))
				vsw_usage_error("%s: \"%s\" stands alone, not in a list",
						kw, p);
		piece(p, r);
	}
	free(copy);
}

static void allow_mac_piece(const char *p, struct vsw_req *r)
{
	static const uint8_t zero[6];
	uint8_t *mac;

	if (r->o.n_allow_mac == VSW_ALLOW_MAC_MAX)
		vsw_usage_error("allow-mac: at most %d MACs", VSW_ALLOW_MAC_MAX);
	mac = r->allow_mac[r->o.n_allow_mac];
	vsw_parse_mac(p, mac);
	/* The kernel matches sources, and a source is never either. */
	if ((mac[0] & 1) || !memcmp(mac, zero, 6))
		vsw_usage_error("allow-mac: %s is not a unicast MAC", p);
	r->o.n_allow_mac++;
}

/* "none", or unicast MACs joined by commas. */
static void parse_allow_mac(const char *s, struct vsw_req *r)
{
	static const char *const alone[] = { "none", NULL };

	if (strcmp(s, "none"))
		for_each_piece("allow-mac", s, alone, allow_mac_piece, r);
}

/* ADDR[/LEN], IPv4 or IPv6; no LEN is the whole address. */
static void allow_ip_piece(const char *p, struct vsw_req *r)
{
	const char *slash = strchr(p, '/');
	size_t n = slash ? (size_t)(slash - p) : strlen(p);
	char addr[INET6_ADDRSTRLEN];
	struct vsw_prefix *pfx;
	unsigned long long len;
	char *end;

	if (r->n_allow_ip == VSW_ALLOW_IP_MAX)
		vsw_usage_error("allow-ip: at most %d prefixes", VSW_ALLOW_IP_MAX);
	pfx = &r->allow_ip[r->n_allow_ip];
	if (n < sizeof(addr)) {
		memcpy(addr, p, n);
		addr[n] = '\0';
		if (inet_pton(AF_INET, addr, pfx->addr) == 1)
			pfx->addr_len = 4;
		else if (inet_pton(AF_INET6, addr, pfx->addr) == 1)
			pfx->addr_len = 16;
	}
	if (!pfx->addr_len)
		vsw_usage_error("allow-ip: \"%s\" is not an address, ADDR or ADDR/LEN",
				p);
	pfx->len = 8 * pfx->addr_len;
	if (slash) {
		if (!vsw_parse_digits(slash + 1, &end, &len) || *end)
			vsw_usage_error("allow-ip: \"%s\": \"%s\" is not a prefix length",
					p, slash + 1);
		if (len > pfx->len)
			vsw_usage_error("allow-ip: \"%s\": an IPv%d prefix is at most /%u",
					p, pfx->addr_len == 4 ? 4 : 6, pfx->len);
		pfx->len = len;
	}
	r->n_allow_ip++;
}

/* "none" (no check), "dhcp", or prefixes joined by commas. */
static void parse_allow_ip(const char *s, struct vsw_req *r)
{
	static const char *const alone[] = { "none", "dhcp", NULL };

	if (!strcmp(s, "none")) {
		r->o.ip_guard = VSW_IP_GUARD_OFF;
	} else if (!strcmp(s, "dhcp")) {
		r->o.ip_guard = VSW_IP_GUARD_DHCP;
	} else {
		r->o.ip_guard = VSW_IP_GUARD_STATIC;
		for_each_piece("allow-ip", s, alone, allow_ip_piece, r);
	}
}

static uint32_t parse_community(const char *s)
{
	unsigned long long v;
	char *end;

	if (!vsw_parse_digits(s, &end, &v) || *end || !v || v > UINT32_MAX)
		vsw_usage_error("community: \"%s\" is not an ID (1 to %u)", s,
				UINT32_MAX);
	return v;
}

/* bit/s, with a k, m or g for 10^3, 10^6 or 10^9. */
static uint64_t parse_rate(const char *s)
{
	static const char units[] = "kmg";
	unsigned long long v, scale = 1;
	const char *u;
	char *end;
	int n;

	if (!vsw_parse_digits(s, &end, &v)) {
		if (errno == ERANGE)
			goto big;
		goto bad;
	}
	if (*end) {
		u = strchr(units, *end);
		if (!u || end[1])
			goto bad;
		for (n = u - units + 1; n; n--)
			scale *= 1000;
	}
	if (v > UINT64_MAX / scale)
		goto big;
	return v * scale;
bad:
	vsw_usage_error("max-rate: \"%s\" is not a rate in bit/s (as 500000, 500k, 10m, 1g)",
			s);
big:
	vsw_usage_error("max-rate: \"%s\" is more than %llu bit/s", s,
			(unsigned long long)UINT64_MAX);
}

void vsw_port_parse(unsigned int f, int *i, int argc, char **argv,
		    struct vsw_req *r)
{
	const char *v;

	if (f == F_VLAN) {
		parse_vlan(i, argc, argv, r);
		return;
	}
	v = vsw_need_value(i, argc, argv);
	switch (f) {
	case F_SPOOF:
		r->o.mac_spoof = vsw_keyword(v, vsw_onoff_names, "mac-spoof setting");
		break;
	case F_ALLOW_MAC:
		parse_allow_mac(v, r);
		break;
	case F_ALLOW_IP:
		parse_allow_ip(v, r);
		break;
	case F_DHCP_GUARD:
		r->o.dhcp_guard = vsw_keyword(v, vsw_onoff_names,
					      "dhcp-guard setting");
		break;
	case F_ROUTER_GUARD:
		r->o.router_guard = vsw_keyword(v, vsw_onoff_names,
						"router-guard setting");
		break;
	case F_ISOLATION:
		r->o.isolation = vsw_keyword(v, vsw_isolation_names, "isolation");
		if (r->o.isolation == VSW_ISOLATION_COMMUNITY)
			r->o.community = parse_community(vsw_need_value(i, argc,
									argv));
		break;
	case F_MIRROR:
		r->o.mirror = vsw_keyword(v, vsw_mirror_names, "mirror setting");
		break;
	case F_STORM:
		r->o.storm_limit = vsw_parse_u32("storm-limit", v);
		break;
	case F_RATE:
		r->o.max_rate = parse_rate(v);
		break;
	}
}

static void put_vlan(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	if (!(r->set & F_VLAN))
		return;
	mnl_attr_put_u8(nlh, VSW_A_PORT_VLAN_MODE, r->o.vlan_mode);
	if (r->o.vlan_mode == VSW_VLAN_MODE_ACCESS)
		mnl_attr_put_u16(nlh, VSW_A_PORT_VLAN_VID, r->o.vlan_vid);
	if (r->o.vlan_mode == VSW_VLAN_MODE_TRUNK) {
		mnl_attr_put(nlh, VSW_A_PORT_VLAN_TRUNK, sizeof(r->trunk),
			     r->trunk);
		if (r->has_native)
			mnl_attr_put_u16(nlh, VSW_A_PORT_VLAN_NATIVE,
					 r->o.vlan_native);
	}
}

/* allow-ip: the guard, and with static a nest a prefix. */
static void put_allow_ip(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	const struct vsw_prefix *p;
	struct nlattr *nest;

	mnl_attr_put_u8(nlh, VSW_A_PORT_IP_GUARD, r->o.ip_guard);
	for (p = r->allow_ip; p < r->allow_ip + r->n_allow_ip; p++) {
		nest = mnl_attr_nest_start(nlh, VSW_A_PORT_ALLOW_IP);
		mnl_attr_put(nlh, VSW_PREFIX_ADDR, p->addr_len, p->addr);
		mnl_attr_put_u8(nlh, VSW_PREFIX_LEN, p->len);
		mnl_attr_nest_end(nlh, nest);
	}
}

void vsw_port_put(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	put_vlan(nlh, r);
	if (r->set & F_SPOOF)
		mnl_attr_put_u8(nlh, VSW_A_PORT_MAC_SPOOF, r->o.mac_spoof);
	/* none: an empty attribute. */
	if (r->set & F_ALLOW_MAC)
		mnl_attr_put(nlh, VSW_A_PORT_ALLOW_MAC, 6 * r->o.n_allow_mac,
			     r->allow_mac);
	if (r->set & F_ALLOW_IP)
		put_allow_ip(nlh, r);
	if (r->set & F_DHCP_GUARD)
		mnl_attr_put_u8(nlh, VSW_A_PORT_DHCP_GUARD, r->o.dhcp_guard);
	if (r->set & F_ROUTER_GUARD)
		mnl_attr_put_u8(nlh, VSW_A_PORT_ROUTER_GUARD, r->o.router_guard);
	if (r->set & F_ISOLATION) {
		mnl_attr_put_u8(nlh, VSW_A_PORT_ISOLATION, r->o.isolation);
		if (r->o.isolation == VSW_ISOLATION_COMMUNITY)
			mnl_attr_put_u32(nlh, VSW_A_PORT_COMMUNITY, r->o.community);
	}
	if (r->set & F_MIRROR)
		mnl_attr_put_u8(nlh, VSW_A_PORT_MIRROR, r->o.mirror);
	if (r->set & F_STORM)
		mnl_attr_put_u32(nlh, VSW_A_PORT_STORM_LIMIT, r->o.storm_limit);
	if (r->set & F_RATE)
		mnl_attr_put_u64(nlh, VSW_A_PORT_MAX_RATE, r->o.max_rate);
}

/* vsw_port_parse() backwards: the words of each F_PORT keyword @r set. */
void vsw_port_words(const struct vsw_req *r)
{
	static char vids[VSW_VIDS_LEN];
	unsigned int i;

	if (r->set & F_VLAN) {
		printf(" vlan %s",
		       vsw_word(vsw_vlan_mode_names, r->o.vlan_mode));
		if (r->o.vlan_mode == VSW_VLAN_MODE_ACCESS)
			printf(" %u", r->o.vlan_vid);
		if (r->o.vlan_mode == VSW_VLAN_MODE_TRUNK)
			printf(" %s", vsw_vids_format(r->trunk, vids));
		if (r->o.vlan_mode == VSW_VLAN_MODE_TRUNK && r->o.vlan_native)
			printf(" native %u", r->o.vlan_native);
	}
	if (r->set & F_SPOOF)
		printf(" mac-spoof %s",
		       vsw_word(vsw_onoff_names, r->o.mac_spoof));
	if (r->set & F_ALLOW_MAC) {
		printf(" allow-mac");
		for (i = 0; i < r->o.n_allow_mac; i++) {
			const uint8_t *m = r->allow_mac[i];

			printf("%c%02x:%02x:%02x:%02x:%02x:%02x", i ? ',' : ' ',
			       m[0], m[1], m[2], m[3], m[4], m[5]);
		}
		if (!r->o.n_allow_mac)
			printf(" none");
	}
	if (r->set & F_ALLOW_IP) {
		printf(" allow-ip");
		if (r->o.ip_guard == VSW_IP_GUARD_DHCP)
			printf(" dhcp");
		else if (r->o.ip_guard == VSW_IP_GUARD_OFF)
			printf(" none");
		for (i = 0; r->o.ip_guard == VSW_IP_GUARD_STATIC &&
			    i < r->n_allow_ip; i++) {
			const struct vsw_prefix *p = &r->allow_ip[i];
			char addr[INET6_ADDRSTRLEN];

			inet_ntop(p->addr_len == 4 ? AF_INET : AF_INET6,
				  p->addr, addr, sizeof(addr));
			printf("%c%s/%u", i ? ',' : ' ', addr, p->len);
		}
	}
	if (r->set & F_DHCP_GUARD)
		printf(" dhcp-guard %s",
		       vsw_word(vsw_onoff_names, r->o.dhcp_guard));
	if (r->set & F_ROUTER_GUARD)
		printf(" router-guard %s",
		       vsw_word(vsw_onoff_names, r->o.router_guard));
	if (r->set & F_ISOLATION) {
		printf(" isolation %s",
		       vsw_word(vsw_isolation_names, r->o.isolation));
		if (r->o.isolation == VSW_ISOLATION_COMMUNITY)
			printf(" %u", r->o.community);
	}
	if (r->set & F_MIRROR)
		printf(" mirror %s", vsw_word(vsw_mirror_names, r->o.mirror));
	if (r->set & F_STORM)
		printf(" storm-limit %u", r->o.storm_limit);
	if (r->set & F_RATE)
		printf(" max-rate %llu", (unsigned long long)r->o.max_rate);
}

static void cmd_port_addset(struct vsw_nl *nl, const struct vsw_req *r, int cmd)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, cmd, 0);

	vsw_put_switch(nlh, r);
	vsw_put_dev(nlh, r);
	if (r->set & F_LIMIT)
		mnl_attr_put_u32(nlh, VSW_A_PORT_LEARN_LIMIT, r->o.learn_limit);
	vsw_port_put(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_port_add(struct vsw_nl *nl, const struct vsw_req *r)
{
	cmd_port_addset(nl, r, VSW_CMD_PORT_NEW);
}

void cmd_port_del(struct vsw_nl *nl, const struct vsw_req *r)
{
	cmd_port_addset(nl, r, VSW_CMD_PORT_DEL);
}

void cmd_port_set(struct vsw_nl *nl, const struct vsw_req *r)
{
	cmd_port_addset(nl, r, VSW_CMD_PORT_SET);
}

void cmd_port_show(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_PORT_GET, NLM_F_DUMP);

	vsw_put_switch(nlh, r);
	if (opts.stats)
		mnl_attr_put(nlh, VSW_A_STATS, 0, NULL);
	vsw_json_begin();
	vsw_nl_run(nl, nlh, vsw_print_port, NULL);
	vsw_json_end();
}
