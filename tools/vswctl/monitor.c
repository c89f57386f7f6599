// SPDX-License-Identifier: GPL-2.0
/* vswctl: monitor, the events as they come. */
#include "vswctl.h"

void cmd_monitor(struct vsw_nl *nl, const struct vsw_req *r)
{
	(void)r;
	vsw_nl_monitor(nl, vsw_print_event, NULL);
}
