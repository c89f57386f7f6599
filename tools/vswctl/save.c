// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl save: the running configuration as the commands that make it, a
 * batch file for vswctl -b.  Switches by name, then each one's ports by
 * device and its static entries by MAC and VLAN: two saves of one state
 * are the same bytes.  What the switch learns (dynamic entries, leases,
 * the MAC a mac-spoof off port took) is not configuration, and not saved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vswctl.h"

/* The kernel's defaults, as uapi/linux/vsw.h gives them. */
#define AGEING_DEFAULT		300
#define MAX_ENTRIES_DEFAULT	1048576

struct list {
	void *v;
	size_t n, cap, size;
};

static void *list_add(struct list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = realloc(l->v, l->cap * l->size);
		if (!l->v)
			vsw_fatal("out of memory");
	}
	return (char *)l->v + l->n++ * l->size;
}

struct entry {
	uint8_t mac[6];
	uint16_t vlan;
	char dev[IF_NAMESIZE];
};

struct port {
	struct vsw_req r;
	/*
	 * The VLANs of its static entries.  If it does not carry one of them
	 * (a mode set after an entry keeps it), it is made carrying them all,
	 * and given its own mode after its entries.
	 */
	uint32_t entry_vids[VSW_VID_WORDS];
	bool has_orphans;
};

static void add_switch(const struct vsw_obj *o, void *arg)
{
	*(struct vsw_obj *)list_add(arg) = *o;
}

static void add_port(const struct vsw_obj *o, void *arg)
{
	struct port *p = list_add(arg);

	memset(p, 0, sizeof(*p));
	vsw_port_req(o, &p->r);
}

static void add_static(const struct vsw_obj *o, void *arg)
{
	struct entry *e;

	if (o->fdb_type != VSW_FDB_STATIC)
		return;
	e = list_add(arg);
	memcpy(e->mac, o->mac, 6);
	e->vlan = o->vlan;
	strcpy(e->dev, o->dev);
}

static int by_switch(const void *a, const void *b)
{
	return strcmp(((const struct vsw_obj *)a)->sw,
		      ((const struct vsw_obj *)b)->sw);
}

static int by_dev(const void *a, const void *b)
{
	return strcmp(((const struct port *)a)->r.o.dev,
		      ((const struct port *)b)->r.o.dev);
}

static int by_mac_vlan(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = memcmp(x->mac, y->mac, 6);

	return c ? c : x->vlan - y->vlan;
}

static bool vid_test(const uint32_t *map, unsigned int vid)
{
	return map[vid / 32] & (1u << (vid % 32));
}

static void vid_set(uint32_t *map, unsigned int vid)
{
	map[vid / 32] |= 1u << (vid % 32);
}

static bool trunk_all(const uint32_t *map)
{
	unsigned int v;

	for (v = 1; v <= VSW_VID_MAX; v++)
		if (!vid_test(map, v))
			return false;
	return true;
}

static bool any_vid(const uint32_t *map)
{
	unsigned int v;

	for (v = 1; v <= VSW_VID_MAX; v++)
		if (vid_test(map, v))
			return true;
	return false;
}

/* Whether port @r's VLAN settings take and send VLAN @vid. */
static bool carries(const struct vsw_req *r, unsigned int vid)
{
	switch (r->o.vlan_mode) {
	case VSW_VLAN_MODE_ACCESS:
		return vid == r->o.vlan_vid;
	case VSW_VLAN_MODE_TRUNK:
		return vid == r->o.vlan_native ||
		       (vid && vid_test(r->trunk, vid));
	default:
		return !vid;
	}
}

/* Which of port @p's settings differ from what it starts with. */
static void settings_set(struct port *p)
{
	struct vsw_req *r = &p->r;

	r->set = F_NAME | F_DEV;
	if (r->o.learn_limit)
		r->set |= F_LIMIT;
	if (r->o.role == VSW_ROLE_UPLINK ?
	    r->o.vlan_mode != VSW_VLAN_MODE_TRUNK || !trunk_all(r->trunk) ||
	    r->o.vlan_native :
	    r->o.vlan_mode != VSW_VLAN_MODE_UNTAGGED)
		r->set |= F_VLAN;
	if (!r->o.mac_spoof)
		r->set |= F_SPOOF;
	if (r->o.n_allow_mac)
		r->set |= F_ALLOW_MAC;
	if (r->o.ip_guard != VSW_IP_GUARD_OFF)
		r->set |= F_ALLOW_IP;
	if (r->o.dhcp_guard)
		r->set |= F_DHCP_GUARD;
	if (r->o.router_guard)
		r->set |= F_ROUTER_GUARD;
	if (r->o.isolation != VSW_ISOLATION_NONE)
		r->set |= F_ISOLATION;
	if (r->o.mirror != VSW_MIRROR_NONE)
		r->set |= F_MIRROR;
	if (r->o.storm_limit)
		r->set |= F_STORM;
	if (r->o.max_rate)
		r->set |= F_RATE;
}

static void print_port(const struct vsw_obj *sw, struct port *p)
{
	struct vsw_req made = p->r;
	bool vm = p->r.o.role == VSW_ROLE_VM;

	if (p->has_orphans) {
		/* A trunk of its entries' VLANs, native 0: VLAN 0 too. */
		made.set |= F_VLAN;
		made.o.vlan_mode = VSW_VLAN_MODE_TRUNK;
		made.o.vlan_native = 0;
		memcpy(made.trunk, p->entry_vids, sizeof(made.trunk));
		if (!any_vid(made.trunk))
			made.o.vlan_mode = VSW_VLAN_MODE_UNTAGGED;
	}
	/* The uplink and the host port come with the switch. */
	if (!vm && made.set == (F_NAME | F_DEV))
		return;
	printf("port %s %s dev %s", vm ? "add" : "set", sw->sw, made.o.dev);
	if (made.set & F_LIMIT)
		printf(" learn-limit %u", made.o.learn_limit);
	vsw_port_words(&made);
	putchar('\n');
}

static void save_switch(struct vsw_nl *nl, const struct vsw_obj *sw)
{
	struct list ports = { .size = sizeof(struct port) };
	struct list entries = { .size = sizeof(struct entry) };
	struct nlmsghdr *nlh;
	struct entry *e;
	struct port *p;
	size_t i, j;

	if (sw->type == VSW_TYPE_EXTERNAL && !*sw->uplink) {
		/* Its uplink was unregistered, its name is gone with it. */
		fprintf(stderr, "vswctl: %s has no uplink: not saved\n", sw->sw);
		printf("# %s: an external switch without an uplink, not saved\n",
		       sw->sw);
		return;
	}
	printf("switch add %s type %s", sw->sw,
	       vsw_word(vsw_type_names, sw->type));
	if (sw->type == VSW_TYPE_EXTERNAL)
		printf(" uplink %s%s", sw->uplink,
		       *sw->host ? "" : " host off");
	if (sw->move_ip)
		printf(" move-ip");
	if (sw->ageing != AGEING_DEFAULT)
		printf(" ageing %u", sw->ageing);
	if (sw->max_entries != MAX_ENTRIES_DEFAULT)
		printf(" max-entries %u", sw->max_entries);
	putchar('\n');
	/* Not a setting of switch add. */
	if (sw->evict > VSW_EVICT_NONE)
		printf("switch set %s evict %s\n", sw->sw,
		       vsw_word(vsw_evict_names, sw->evict));

	nlh = vsw_nl_req(nl, VSW_CMD_PORT_GET, NLM_F_DUMP);
	mnl_attr_put_strz(nlh, VSW_A_SWITCH_NAME, sw->sw);
	vsw_nl_run(nl, nlh, add_port, &ports);
	nlh = vsw_nl_req(nl, VSW_CMD_FDB_GET, NLM_F_DUMP);
	mnl_attr_put_strz(nlh, VSW_A_SWITCH_NAME, sw->sw);
	vsw_nl_run(nl, nlh, add_static, &entries);
	qsort(ports.v, ports.n, ports.size, by_dev);
	qsort(entries.v, entries.n, entries.size, by_mac_vlan);

	for (p = ports.v, i = 0; i < ports.n; i++, p++) {
		settings_set(p);
		for (e = entries.v, j = 0; j < entries.n; j++, e++) {
			if (strcmp(e->dev, p->r.o.dev))
				continue;
			if (e->vlan)	/* 0 is the trunk's native VLAN */
				vid_set(p->entry_vids, e->vlan);
			p->has_orphans |= !carries(&p->r, e->vlan);
		}
		print_port(sw, p);
	}
	for (e = entries.v, j = 0; j < entries.n; j++, e++) {
		printf("fdb add %s %02x:%02x:%02x:%02x:%02x:%02x dev %s",
		       sw->sw, e->mac[0], e->mac[1], e->mac[2], e->mac[3],
		       e->mac[4], e->mac[5], e->dev);
		if (e->vlan)
			printf(" vlan %u", e->vlan);
		putchar('\n');
	}
	for (p = ports.v, i = 0; i < ports.n; i++, p++) {
		if (!p->has_orphans)
			continue;
		p->r.set = F_VLAN;
		printf("port set %s dev %s", sw->sw, p->r.o.dev);
		vsw_port_words(&p->r);
		putchar('\n');
	}
	free(ports.v);
	free(entries.v);
}

void cmd_save(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct list switches = { .size = sizeof(struct vsw_obj) };
	struct nlmsghdr *nlh;
	size_t i;

	(void)r;
	nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_GET, NLM_F_DUMP);
	vsw_nl_run(nl, nlh, add_switch, &switches);
	qsort(switches.v, switches.n, switches.size, by_switch);
	printf("# vswctl save: the commands for vswctl -b\n");
	for (i = 0; i < switches.n; i++)
		save_switch(nl, (struct vsw_obj *)switches.v + i);
	free(switches.v);
}
