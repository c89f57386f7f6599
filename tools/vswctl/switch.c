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

void cmd_switch_add(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_NEW, 0);

	vsw_put_switch(nlh, r);
	mnl_attr_put_u8(nlh, VSW_A_SWITCH_TYPE, r->o.type);
	if (r->set & F_UPLINK)
		mnl_attr_put_strz(nlh, VSW_A_UPLINK_IFNAME, r->o.uplink);
	if (r->set & F_HOST)
		mnl_attr_put_u8(nlh, VSW_A_HOST, r->host_on);
	put_fdb_settings(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
	if (opts.json || opts.stats)
		show_one_switch(nl, r->o.sw);
}

void cmd_switch_del(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_DEL, 0);

	vsw_put_switch(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_switch_set(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_SWITCH_SET, 0);

	vsw_put_switch(nlh, r);
	put_fdb_settings(nlh, r);
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
