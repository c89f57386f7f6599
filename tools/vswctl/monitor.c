// SPDX-License-Identifier: GPL-2.0
/* vswctl: monitor, the events as they come. */
#include <time.h>
#include "vswctl.h"

void cmd_monitor(struct vsw_nl *nl, const struct vsw_req *r)
{
	opts.timestamp = r->set & F_TIME;
	/* localtime_r() need not read the zone itself. */
	tzset();
	vsw_nl_monitor(nl, vsw_print_event, NULL);
}
