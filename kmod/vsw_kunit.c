// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for vsw: the FDB (learn, lookup, move, age, limits, flush,
 * static against dynamic) and the forwarding decision.  They drive the real
 * fdb.c and forward.c of vsw.ko on a switch that has no devices.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include "vsw.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };

struct vsw_test_ctx {
	struct vsw_switch sw;
	struct vsw_port p1, p2, host;
};

static int vsw_test_init(struct kunit *test)
{
	struct vsw_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	INIT_LIST_HEAD(&ctx->sw.ports);
	/* No switch behind the FDB: no events, no ageing work scheduled. */
	KUNIT_ASSERT_EQ(test, vsw_fdb_init(&ctx->sw.fdb, NULL), 0);
	ctx->p1.role = VSW_ROLE_VM;
	ctx->p2.role = VSW_ROLE_VM;
	ctx->host.role = VSW_ROLE_HOST;
	ctx->p1.sw = &ctx->sw;
	ctx->p2.sw = &ctx->sw;
	ctx->host.sw = &ctx->sw;
	test->priv = ctx;
	return 0;
}

static void vsw_test_exit(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	vsw_fdb_destroy(&ctx->sw.fdb);
}

static struct vsw_fdb_entry *lookup(struct vsw_fdb *fdb, const u8 *mac)
{
	struct vsw_fdb_entry *f;

	rcu_read_lock();
	f = vsw_fdb_lookup(fdb, mac, 0);
	rcu_read_unlock();
	return f;
}

static void learn(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac)
{
	rcu_read_lock();
	local_bh_disable();
	vsw_fdb_learn(fdb, port, mac, 0);
	local_bh_enable();
	rcu_read_unlock();
}

static void fdb_learn_then_lookup(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_entry *f;

	learn(fdb, &ctx->p1, mac_a);
	f = lookup(fdb, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->p1);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_DYNAMIC);
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
}

static void fdb_lookup_miss(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	KUNIT_EXPECT_NULL(test, lookup(&ctx->sw.fdb, mac_b));
}

static void fdb_learn_twice_is_one_entry(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	KUNIT_EXPECT_EQ(test, ctx->sw.fdb.count, 1);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
}

/* @mac, learned on @port and seen there again: its last-seen time is now. */
static void expect_seen_refreshes(struct kunit *test, struct vsw_fdb *fdb,
				  struct vsw_port *port, const u8 *mac)
{
	struct vsw_fdb_entry *f = lookup(fdb, mac);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->updated = jiffies - 10 * HZ;
	learn(fdb, port, mac);
	KUNIT_EXPECT_LE(test, jiffies - f->updated, (unsigned long)HZ);
}

/* Through the hash: the port's cache holds another MAC. */
static void fdb_hit_refreshes_last_seen(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	learn(&ctx->sw.fdb, &ctx->p1, mac_b);
	KUNIT_EXPECT_PTR_NE(test, rcu_access_pointer(ctx->p1.src_cache),
			    lookup(&ctx->sw.fdb, mac_a));
	expect_seen_refreshes(test, &ctx->sw.fdb, &ctx->p1, mac_a);
}

static void fdb_move_to_new_port(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb_entry *f;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	learn(&ctx->sw.fdb, &ctx->p2, mac_a);
	f = lookup(&ctx->sw.fdb, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->p2);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 0);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 1);
	KUNIT_EXPECT_EQ(test, ctx->sw.fdb.count, 1);
}

static void fdb_src_cache_follows_the_entry(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb_entry *f;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	f = lookup(&ctx->sw.fdb, mac_a);
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(ctx->p1.src_cache), f);
	learn(&ctx->sw.fdb, &ctx->p2, mac_a);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(ctx->p1.src_cache));
	KUNIT_EXPECT_PTR_EQ(test, rcu_access_pointer(ctx->p2.src_cache), f);
	/* A cached entry that goes leaves no pointer behind. */
	vsw_fdb_flush(&ctx->sw.fdb, &ctx->p2, VSW_FLUSH_USER);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(ctx->p2.src_cache));
	/* A hit through the cache still refreshes the last-seen time. */
	learn(&ctx->sw.fdb, &ctx->p1, mac_b);
	expect_seen_refreshes(test, &ctx->sw.fdb, &ctx->p1, mac_b);
}

static void fdb_move_respects_limit(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	ctx->p2.learn_limit = 1;
	learn(&ctx->sw.fdb, &ctx->p2, mac_b);
	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	learn(&ctx->sw.fdb, &ctx->p2, mac_a);
	/* p2 is full: the stale entry goes, the MAC is flooded until seen. */
	KUNIT_EXPECT_NULL(test, lookup(&ctx->sw.fdb, mac_a));
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 0);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 1);
}

static void fdb_static_never_moves(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb_entry *f;

	KUNIT_ASSERT_EQ(test, vsw_fdb_add(&ctx->sw.fdb, &ctx->p1, mac_a, 0,
					  VSW_FDB_STATIC), 0);
	learn(&ctx->sw.fdb, &ctx->p2, mac_a);
	f = lookup(&ctx->sw.fdb, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->p1);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_STATIC);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 0);
}

static void fdb_static_replaces_dynamic(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb_entry *f;

	learn(&ctx->sw.fdb, &ctx->p1, mac_a);
	KUNIT_ASSERT_EQ(test, vsw_fdb_add(&ctx->sw.fdb, &ctx->p2, mac_a, 0,
					  VSW_FDB_STATIC), 0);
	f = lookup(&ctx->sw.fdb, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->p2);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_STATIC);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 0);
	KUNIT_EXPECT_EQ(test, ctx->sw.fdb.count, 1);
}

static void fdb_static_twice_is_eexist(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, vsw_fdb_add(&ctx->sw.fdb, &ctx->p1, mac_a, 0,
					  VSW_FDB_STATIC), 0);
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(&ctx->sw.fdb, &ctx->p2, mac_a, 0,
					  VSW_FDB_STATIC), -EEXIST);
}

static void fdb_age_removes_only_stale_dynamic(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	unsigned long now = jiffies;
	struct vsw_fdb_entry *f;

	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	vsw_fdb_add(fdb, &ctx->p2, mac_c, 0, VSW_FDB_STATIC);
	f = lookup(fdb, mac_a);
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->updated = now - fdb->ageing - 1;
	lookup(fdb, mac_c)->updated = now - fdb->ageing - 1;

	KUNIT_EXPECT_EQ(test, vsw_fdb_age(fdb, now), 1);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
	KUNIT_EXPECT_EQ(test, fdb->count, 2);
}

static void fdb_max_entries_stops_learning(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 2;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p2, mac_b);
	learn(fdb, &ctx->p2, mac_c);
	KUNIT_EXPECT_EQ(test, fdb->count, 2);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_c));
	/* Nothing is evicted for a newcomer, static or not. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, mac_c, 0,
					  VSW_FDB_STATIC), -ENOSPC);
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_a));
}

static void fdb_learn_limit_per_port(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	ctx->p1.learn_limit = 1;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p2, mac_c);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_c));
	/* A static entry is the administrator's: the limit is for learning. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, mac_b, 0,
					  VSW_FDB_STATIC), 0);
}

static void fdb_flush_variants(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	vsw_fdb_add(fdb, &ctx->host, mac_a, 0, VSW_FDB_LOCAL);
	vsw_fdb_add(fdb, &ctx->p1, mac_b, 0, VSW_FDB_STATIC);
	learn(fdb, &ctx->p2, mac_c);

	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, NULL, VSW_FLUSH_LEARNED), 1);
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
	learn(fdb, &ctx->p2, mac_c);
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, &ctx->p2, VSW_FLUSH_USER), 1);
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, NULL, VSW_FLUSH_USER), 1);
	/* The local entry stays through a flush of everything. */
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 0);
}

static void fdb_flush_of_the_host_port(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	vsw_fdb_add(fdb, &ctx->host, mac_a, 0, VSW_FDB_LOCAL);
	vsw_fdb_add(fdb, &ctx->host, mac_b, 0, VSW_FDB_STATIC);
	/* A user's flush of the port takes its static entry, not its local. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, &ctx->host, VSW_FLUSH_USER), 1);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_a));
	/* The port going takes the local entry with it. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, &ctx->host, VSW_FLUSH_PORT_GONE), 1);
	KUNIT_EXPECT_EQ(test, fdb->count, 0);
}

static void fdb_del_rules(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	vsw_fdb_add(fdb, &ctx->host, mac_a, 0, VSW_FDB_LOCAL);
	vsw_fdb_add(fdb, &ctx->p1, mac_b, 0, VSW_FDB_STATIC);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_a, 0, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false), 0);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false), -ENOENT);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_a, 0, true), 0);
	KUNIT_EXPECT_EQ(test, fdb->count, 0);
}

static struct kunit_case vsw_fdb_cases[] = {
	KUNIT_CASE(fdb_learn_then_lookup),
	KUNIT_CASE(fdb_lookup_miss),
	KUNIT_CASE(fdb_learn_twice_is_one_entry),
	KUNIT_CASE(fdb_hit_refreshes_last_seen),
	KUNIT_CASE(fdb_move_to_new_port),
	KUNIT_CASE(fdb_src_cache_follows_the_entry),
	KUNIT_CASE(fdb_move_respects_limit),
	KUNIT_CASE(fdb_static_never_moves),
	KUNIT_CASE(fdb_static_replaces_dynamic),
	KUNIT_CASE(fdb_static_twice_is_eexist),
	KUNIT_CASE(fdb_age_removes_only_stale_dynamic),
	KUNIT_CASE(fdb_max_entries_stops_learning),
	KUNIT_CASE(fdb_learn_limit_per_port),
	KUNIT_CASE(fdb_flush_variants),
	KUNIT_CASE(fdb_flush_of_the_host_port),
	KUNIT_CASE(fdb_del_rules),
	{}
};

static struct kunit_suite vsw_fdb_suite = {
	.name = "vsw_fdb",
	.init = vsw_test_init,
	.exit = vsw_test_exit,
	.test_cases = vsw_fdb_cases,
};

/* The forwarding decision, table-driven.  p1 is the ingress port. */
struct vsw_decide_case {
	const char *name;
	u8 src[ETH_ALEN];
	u8 dst[ETH_ALEN];
	bool from_host;
	int dst_on;		/* 0: unknown, 1: on p1, 2: on p2 */
	enum vsw_verdict verdict;
};

static const struct vsw_decide_case vsw_decide_cases[] = {
	{ "broadcast floods", { 2, 0, 0, 0, 0, 1 }, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	  false, 0, VSW_FLOOD },
	{ "multicast floods", { 2, 0, 0, 0, 0, 1 }, { 0x01, 0x00, 0x5e, 0, 0, 1 },
	  false, 0, VSW_FLOOD },
	{ "unknown unicast floods", { 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 9 },
	  false, 0, VSW_FLOOD },
	{ "known unicast to its port", { 2, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 9 },
	  false, 2, VSW_UNICAST },
	{ "never back out of the ingress port", { 2, 0, 0, 0, 0, 1 },
	  { 2, 0, 0, 0, 0, 9 }, false, 1, VSW_DISCARD },
	{ "multicast source dropped", { 3, 0, 0, 0, 0, 1 }, { 2, 0, 0, 0, 0, 9 },
	  false, 2, VSW_DROP },
	{ "zero source dropped", { 0, 0, 0, 0, 0, 0 }, { 2, 0, 0, 0, 0, 9 },
	  false, 2, VSW_DROP },
	{ "PAUSE dropped", { 2, 0, 0, 0, 0, 1 }, { 0x01, 0x80, 0xc2, 0, 0, 0x01 },
	  false, 0, VSW_DROP },
	{ "LLDP stays with the device", { 2, 0, 0, 0, 0, 1 },
	  { 0x01, 0x80, 0xc2, 0, 0, 0x0e }, false, 0, VSW_PASS },
	{ "STP stays with the device", { 2, 0, 0, 0, 0, 1 },
	  { 0x01, 0x80, 0xc2, 0, 0, 0x00 }, false, 0, VSW_PASS },
	{ "link-local from the host dropped", { 2, 0, 0, 0, 0, 1 },
	  { 0x01, 0x80, 0xc2, 0, 0, 0x0e }, true, 0, VSW_DROP },
};

static void vsw_decide_desc(const struct vsw_decide_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(vsw_decide, vsw_decide_cases, vsw_decide_desc);

static void forward_decision(struct kunit *test)
{
	const struct vsw_decide_case *c = test->param_value;
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_port *in = c->from_host ? &ctx->host : &ctx->p1;
	struct vsw_port *out = NULL;
	enum vsw_verdict v;
	struct ethhdr eth;

	if (c->dst_on)
		KUNIT_ASSERT_EQ(test, vsw_fdb_add(&ctx->sw.fdb, c->dst_on == 1 ?
						  &ctx->p1 : &ctx->p2, c->dst, 0,
						  VSW_FDB_STATIC), 0);
	memcpy(eth.h_source, c->src, ETH_ALEN);
	memcpy(eth.h_dest, c->dst, ETH_ALEN);
	eth.h_proto = htons(ETH_P_IP);

	rcu_read_lock();
	v = vsw_decide(&ctx->sw, in, &eth, &out);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, v, c->verdict);
	if (c->verdict == VSW_UNICAST)
		KUNIT_EXPECT_PTR_EQ(test, out, &ctx->p2);
}

static struct kunit_case vsw_forward_cases[] = {
	KUNIT_CASE_PARAM(forward_decision, vsw_decide_gen_params),
	{}
};

static struct kunit_suite vsw_forward_suite = {
	.name = "vsw_forward",
	.init = vsw_test_init,
	.exit = vsw_test_exit,
	.test_cases = vsw_forward_cases,
};

kunit_test_suites(&vsw_fdb_suite, &vsw_forward_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for vsw");
