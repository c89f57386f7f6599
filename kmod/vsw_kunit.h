/* SPDX-License-Identifier: GPL-2.0 */
/* What the KUnit suites of the vsw_test module share: a switch without devices. */
#ifndef _VSW_KUNIT_H
#define _VSW_KUNIT_H

#include <kunit/test.h>
#include "vsw.h"

/* Two VM ports and a host port, each with settings of its own (untagged). */
struct vsw_test_ctx {
	struct vsw_switch sw;
	struct vsw_port p1, p2, host;
	struct vsw_port_cfg c1, c2, chost;
};

int vsw_test_init(struct kunit *test);
void vsw_test_exit(struct kunit *test);
struct vsw_fdb_entry *vsw_test_lookup(struct vsw_fdb *fdb, const u8 *mac,
				      u16 vid);
void vsw_test_learn(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac,
		    u16 vid);

#endif /* _VSW_KUNIT_H */
