// SPDX-License-Identifier: GPL-2.0
/* vswctl: the switch commands. */
#include "vswctl.h"

static void put_fdb_settings(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	if (r->set & F_AGEING)
		mnl_attr_put_u32(nlh, VSW_A_AGEING, r->o.ageing);
	if (r->set & F_MAX)
		mnl_attr_put_u32(nlh, VSW_A_MAX_ENTRIES, r->o.max_entries);
}

static void show_one_switch(struct vsw_nl *nl, const char *name)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_GET, 0);

	mnl_attr_put_strz(nlh, VSW_A_SWITCH_NAME, name);
	vsw_json_begin();
	vsw_nl_run(nl, nlh, vsw_print_switch, NULL);
	vsw_json_end();
}

/* The switch a reply describes; only its names and settings are kept. */
static void copy_switch(const struct vsw_obj *o, void *arg)
{
	*(struct vsw_obj *)arg = *o;
}

static void del_switch(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_DEL, 0);

	vsw_put_switch(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_switch_add(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_NEW, 0);
	struct vsw_obj sw = { 0 };
	char err[1024];

	vsw_put_switch(nlh, r);
	mnl_attr_put_u8(nlh, VSW_A_SWITCH_TYPE, r->o.type);
	if (r->set & F_UPLINK)
		mnl_attr_put_strz(nlh, VSW_A_UPLINK_IFNAME, r->o.uplink);
	if (r->set & F_HOST)
		mnl_attr_put_u8(nlh, VSW_A_HOST, r->host_on);
	if (r->set & F_MOVE_IP)
		mnl_attr_put_u8(nlh, VSW_A_MOVE_IP, 1);
	put_fdb_settings(nlh, r);
	vsw_nl_run(nl, nlh, copy_switch, &sw);
	/* Hyper-V's IP move; a switch without it is not what was asked for. */
	if ((r->set & F_MOVE_IP) &&
	    vsw_move_ip(sw.uplink, sw.host, err, sizeof(err))) {
		del_switch(nl, r);
		vsw_fatal("%s: move-ip: %s; the switch is not made", r->o.sw, err);
	}
	if (opts.json || opts.stats)
		show_one_switch(nl, r->o.sw);
}

/*
 * A move-ip switch's addresses go back to its uplink first, the one it has
 * now (switch set may have given it another).  If they cannot, the switch
 * stays, with them: deleting it would take a one-NIC host off the network.
 * ip link del deletes it without moving them.  Once the switch is gone, the
 * uplink's neighbour entries are flushed (vsw_neigh_flush() says why).
 */
void cmd_switch_del(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_GET, 0);
	struct vsw_obj sw = { 0 };
	char err[1024];

	vsw_put_switch(nlh, r);
	vsw_nl_run(nl, nlh, copy_switch, &sw);
	if (sw.move_ip && !*sw.uplink)
		fprintf(stderr, "vswctl: %s has no uplink: its addresses and routes go with it\n",
			r->o.sw);
	else if (sw.move_ip && vsw_move_ip(sw.host, sw.uplink, err, sizeof(err)))
		vsw_fatal("%s: moving the addresses back to %s: %s; the switch stays (ip link del %s deletes it without)",
			  r->o.sw, sw.uplink, err, sw.host);
	del_switch(nl, r);
	if (sw.move_ip && *sw.uplink && vsw_neigh_flush(sw.uplink, err, sizeof(err)))
		fprintf(stderr, "vswctl: %s: flushing %s's neighbours: %s\n",
			r->o.sw, sw.uplink, err);
}

void cmd_switch_set(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_SET, 0);

	vsw_put_switch(nlh, r);
	put_fdb_settings(nlh, r);
	if (r->set & F_EVICT)
		mnl_attr_put_u8(nlh, VSW_A_EVICT, r->o.evict);
	if (r->set & F_UPLINK)
		mnl_attr_put_strz(nlh, VSW_A_UPLINK_IFNAME, r->o.uplink);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_switch_show(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh;

	if (r->set & F_NAME) {
		show_one_switch(nl, r->o.sw);
		return;
	}
	nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_GET, NLM_F_DUMP);
	vsw_json_begin();
	vsw_nl_run(nl, nlh, vsw_print_switch, NULL);
	vsw_json_end();
}
