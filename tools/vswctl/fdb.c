// SPDX-License-Identifier: GPL-2.0
/* vswctl: the fdb commands. */
#include "vswctl.h"

/* fdb commands' "vlan VID"; VLAN 0 is the kernel's default. */
static void put_vid(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	if (r->set & F_VID)
		mnl_attr_put_u16(nlh, VSW_A_FDB_VLAN, r->o.vlan);
}

void cmd_fdb_show(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_FDB_GET, NLM_F_DUMP);

	vsw_put_switch(nlh, r);
	vsw_put_dev(nlh, r);
	put_vid(nlh, r);
	vsw_json_begin();
	vsw_nl_run(nl, nlh, vsw_print_fdb, NULL);
	vsw_json_end();
}

void cmd_fdb_add(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_FDB_NEW, 0);

	vsw_put_switch(nlh, r);
	mnl_attr_put(nlh, VSW_A_FDB_MAC, 6, r->o.mac);
	put_vid(nlh, r);
	vsw_put_dev(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_fdb_del(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_FDB_DEL, 0);

	vsw_put_switch(nlh, r);
	mnl_attr_put(nlh, VSW_A_FDB_MAC, 6, r->o.mac);
	put_vid(nlh, r);
	vsw_nl_run(nl, nlh, NULL, NULL);
}

void cmd_fdb_flush(struct vsw_nl *nl, const struct vsw_req *r)
{
	struct nlmsghdr *nlh = vsw_nl_req(nl, VSW_CMD_FDB_FLUSH, 0);

	vsw_put_switch(nlh, r);
	vsw_put_dev(nlh, r);
	put_vid(nlh, r);
	if (r->set & F_DYNAMIC)
		mnl_attr_put_u32(nlh, VSW_A_FLUSH_FLAGS, VSW_FLUSH_F_DYNAMIC);
	vsw_nl_run(nl, nlh, NULL, NULL);
}
