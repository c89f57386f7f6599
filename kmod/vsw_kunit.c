// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for vsw: the FDB (learn, lookup, move, age, limits, flush,
 * static against dynamic), the forwarding decision and the batching of
 * events.  They drive the real fdb.c, forward.c and netlink.c of vsw.ko on a
 * switch that has no devices.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include "vsw_kunit.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

static const u8 mac_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0b };
static const u8 mac_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0c };

int vsw_test_init(struct kunit *test)
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
	INIT_LIST_HEAD(&ctx->p1.fdb_learned);
	INIT_LIST_HEAD(&ctx->p2.fdb_learned);
	INIT_LIST_HEAD(&ctx->host.fdb_learned);
	RCU_INIT_POINTER(ctx->p1.cfg, &ctx->c1);
	RCU_INIT_POINTER(ctx->p2.cfg, &ctx->c2);
	RCU_INIT_POINTER(ctx->host.cfg, &ctx->chost);
	test->priv = ctx;
	return 0;
}

void vsw_test_exit(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	vsw_fdb_destroy(&ctx->sw.fdb);
	/* The entries' callbacks count them on the FDB, which KUnit frees. */
	rcu_barrier();
}

struct vsw_fdb_entry *vsw_test_lookup(struct vsw_fdb *fdb, const u8 *mac,
				      u16 vid)
{
	struct vsw_fdb_entry *f;

	rcu_read_lock();
	f = vsw_fdb_lookup(fdb, mac, vid);
	rcu_read_unlock();
	return f;
}

/* As the data path learns: under RCU, in softirq context. */
void vsw_test_learn(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac,
		    u16 vid)
{
	rcu_read_lock();
	local_bh_disable();
	vsw_fdb_learn(fdb, port, mac, vid);
	local_bh_enable();
	rcu_read_unlock();
}

/* The untagged network's, for the suites before VLANs. */
static struct vsw_fdb_entry *lookup(struct vsw_fdb *fdb, const u8 *mac)
{
	return vsw_test_lookup(fdb, mac, 0);
}

static void learn(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac)
{
	vsw_test_learn(fdb, port, mac, 0);
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

/* MAC number @i of the tests of many entries: 02:10:00:xx:xx:xx. */
static void nth_mac(u8 *mac, unsigned int i)
{
	const u8 m[ETH_ALEN] = { 0x02, 0x10, 0, i >> 16, i >> 8, i };

	memcpy(mac, m, ETH_ALEN);
}

/* More entries than a batch: the walk goes on where it let the lock go. */
static void fdb_flush_in_batches(struct kunit *test)
{
	enum { N = 3 * VSW_FDB_BATCH + 1 };
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	unsigned int i;

	for (i = 0; i < N; i++) {
		u8 mac[ETH_ALEN];

		nth_mac(mac, i);
		learn(fdb, i % 2 ? &ctx->p2 : &ctx->p1, mac);
	}
	KUNIT_ASSERT_EQ(test, fdb->count, N);
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, &ctx->p2, VSW_FLUSH_USER),
			N / 2);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 0);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, N - N / 2);
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, NULL, VSW_FLUSH_LEARNED),
			N - N / 2);
	KUNIT_EXPECT_EQ(test, fdb->count, 0);
	KUNIT_EXPECT_TRUE(test, hlist_empty(&fdb->entries));
}

/*
 * Deletes while a flush has let the lock go: of the entry the flush was to
 * go on at, and of the one after it, which a flush that went on from the
 * deleted entry would take a second time.  The flush lets the lock go with
 * spin_unlock_bh(), which runs pending softirqs: a BH work queued just
 * before the flush runs there.
 */
struct flush_race {
	struct work_struct work;
	struct vsw_fdb *fdb;
	u8 next[ETH_ALEN], after[ETH_ALEN];
	u32 count;		/* the FDB's when the work ran */
};

static void flush_race_del(struct work_struct *work)
{
	struct flush_race *race = container_of(work, struct flush_race, work);
	struct vsw_port *was;

	race->count = race->fdb->count;
	vsw_fdb_del(race->fdb, race->next, 0, false, &was);
	vsw_fdb_del(race->fdb, race->after, 0, false, &was);
}

static void fdb_flush_starts_over_when_its_next_goes(struct kunit *test)
{
	enum { N = 3 * VSW_FDB_BATCH + 1, TRIES = 5 };
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	unsigned int i, try, flushed = 0;
	struct flush_race *race;
	/* The list is newest first: the walk's next after a batch is this. */
	unsigned int next = N - 1 - VSW_FDB_BATCH, after = next - 1;

	KUNIT_ASSERT_EQ(test, next % 2, 0);
	race = kunit_kzalloc(test, sizeof(*race), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race);
	race->fdb = fdb;
	nth_mac(race->next, next);
	nth_mac(race->after, after);
	INIT_WORK(&race->work, flush_race_del);
	for (try = 0; try < TRIES; try++) {
		vsw_fdb_flush(fdb, NULL, VSW_FLUSH_PORT_GONE);
		for (i = 0; i < N; i++) {
			u8 mac[ETH_ALEN];

			nth_mac(mac, i);
			learn(fdb, i % 2 ? &ctx->p2 : &ctx->p1, mac);
		}
		KUNIT_ASSERT_EQ(test, fdb->count, N);
		queue_work(system_bh_wq, &race->work);
		flushed = vsw_fdb_flush(fdb, &ctx->p2, VSW_FLUSH_USER);
		flush_work(&race->work);
		/* Else a tick ran the work before the flush took the lock. */
		if (race->count < N)
			break;
	}
	KUNIT_ASSERT_LT_MSG(test, try, TRIES, "the delete never came mid-flush");
	/* The first batch had taken half its entries, p2's. */
	KUNIT_EXPECT_EQ(test, race->count, N - VSW_FDB_BATCH / 2);
	/* p2's entries but the one the work took; p1's stay but one. */
	KUNIT_EXPECT_EQ(test, flushed, N / 2 - 1);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 0);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, N - N / 2 - 1);
	KUNIT_EXPECT_EQ(test, fdb->count, N - N / 2 - 1);
	for (i = 0; i < N; i++) {
		u8 mac[ETH_ALEN];

		nth_mac(mac, i);
		KUNIT_EXPECT_EQ(test, !lookup(fdb, mac), i % 2 || i == next);
	}
}

/*
 * More entries than a batch, every other one stale: the walk goes on after
 * the last entry it kept, whether the entries before it went or stayed.
 */
static void fdb_age_in_batches(struct kunit *test)
{
	enum { N = 3 * VSW_FDB_BATCH + 1 };
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	unsigned long now = jiffies;
	unsigned int i;

	for (i = 0; i < N; i++) {
		u8 mac[ETH_ALEN];

		nth_mac(mac, i);
		learn(fdb, &ctx->p1, mac);
		if (i % 2)
			lookup(fdb, mac)->updated = now - fdb->ageing - 1;
	}
	KUNIT_ASSERT_EQ(test, fdb->count, N);
	KUNIT_EXPECT_EQ(test, vsw_fdb_age(fdb, now), N / 2);
	KUNIT_EXPECT_EQ(test, fdb->count, N - N / 2);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, N - N / 2);
	for (i = 0; i < N; i++) {
		u8 mac[ETH_ALEN];

		nth_mac(mac, i);
		KUNIT_EXPECT_EQ(test, !lookup(fdb, mac), i % 2);
	}
	/* Then all of them, a whole batch and more going at once. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_age(fdb, jiffies + fdb->ageing), N - N / 2);
	KUNIT_EXPECT_TRUE(test, hlist_empty(&fdb->entries));
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

	struct vsw_port *was = NULL;

	vsw_fdb_add(fdb, &ctx->host, mac_a, 0, VSW_FDB_LOCAL);
	vsw_fdb_add(fdb, &ctx->p1, mac_b, 0, VSW_FDB_STATIC);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_a, 0, false, &was), -EINVAL);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false, &was), 0);
	/* The event of the deletion names the port the entry was on. */
	KUNIT_EXPECT_PTR_EQ(test, was, &ctx->p1);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false, &was), -ENOENT);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_a, 0, true, &was), 0);
	KUNIT_EXPECT_EQ(test, fdb->count, 0);
}

/* The host vNIC's MAC changes while the table is full: it still can. */
static void fdb_local_moves_in_a_full_table(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_entry *f;

	fdb->max_entries = 2;
	KUNIT_ASSERT_EQ(test, vsw_fdb_add(fdb, &ctx->host, mac_a, 0,
					  VSW_FDB_LOCAL), 0);
	learn(fdb, &ctx->p1, mac_b);
	KUNIT_ASSERT_EQ(test, fdb->count, 2);
	KUNIT_EXPECT_EQ(test, vsw_fdb_set_local(fdb, &ctx->host, mac_a, mac_c), 0);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_a));
	f = lookup(fdb, mac_c);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_LOCAL);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->host);
	KUNIT_EXPECT_EQ(test, fdb->count, 2);
}

/* The new MAC was learned or static elsewhere: that entry becomes the local. */
static void fdb_local_takes_over_the_new_mac(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_entry *f;

	vsw_fdb_add(fdb, &ctx->host, mac_a, 0, VSW_FDB_LOCAL);
	learn(fdb, &ctx->p1, mac_b);
	vsw_fdb_add(fdb, &ctx->p2, mac_c, 0, VSW_FDB_STATIC);
	KUNIT_EXPECT_EQ(test, vsw_fdb_set_local(fdb, &ctx->host, mac_a, mac_b), 0);
	f = lookup(fdb, mac_b);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_LOCAL);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->host);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 0);
	KUNIT_EXPECT_EQ(test, vsw_fdb_set_local(fdb, &ctx->host, mac_b, mac_c), 0);
	f = lookup(fdb, mac_c);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, f->type, VSW_FDB_LOCAL);
	KUNIT_EXPECT_PTR_EQ(test, f->port, &ctx->host);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_EQ(test, fdb->count, 1);
}

/*
 * A learner that found the collector idle, arming it after the collector
 * re-armed itself for a run within a jiffy: the earlier run stays.
 */
static void fdb_learn_never_postpones_ageing(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	unsigned long expires;

	mod_delayed_work(system_long_wq, &fdb->gc, HZ);
	expires = fdb->gc.timer.expires;
	__vsw_fdb_gc_arm(fdb);
	KUNIT_EXPECT_EQ(test, fdb->gc.timer.expires, expires);
	cancel_delayed_work_sync(&fdb->gc);
}

static netdev_tx_t lro_test_xmit(struct sk_buff *skb, struct net_device *dev)
{
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops lro_test_ops = {
	.ndo_start_xmit = lro_test_xmit,
};

/*
 * A bound port's device that turns LRO on (ethtool -K lro on) gets it
 * turned off again: merged frames cannot be forwarded.
 */
static void port_lro_stays_off(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	netdev_features_t features = 0;
	struct net_device *dev;
	int err;

	dev = alloc_etherdev(0);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->netdev_ops = &lro_test_ops;
	dev->hw_features |= NETIF_F_LRO;
	eth_hw_addr_random(dev);
	rtnl_lock();
	err = register_netdevice(dev);
	if (err) {
		rtnl_unlock();
		free_netdev(dev);
		KUNIT_FAIL(test, "register_netdevice: %d", err);
		return;
	}
	err = netdev_rx_handler_register(dev, vsw_handle_frame, &ctx->p1);
	if (!err) {
		dev->wanted_features |= NETIF_F_LRO;
		netdev_update_features(dev);
		features = dev->features;
		netdev_rx_handler_unregister(dev);
	}
	unregister_netdevice(dev);
	rtnl_unlock();
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_FALSE(test, features & NETIF_F_LRO);
}

static struct net_device *veto_dev;
static bool veto_saw_handler;

/* Refuses to link veto_dev below anything; notes if it had an rx_handler. */
static int veto_upper(struct notifier_block *nb, unsigned long event,
		      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event != NETDEV_PRECHANGEUPPER || dev != veto_dev)
		return NOTIFY_DONE;
	veto_saw_handler = rcu_access_pointer(dev->rx_handler);
	return notifier_from_errno(-EBUSY);
}

static struct notifier_block veto_nb = {
	.notifier_call = veto_upper,
};

static struct net_device *test_netdev(void)
{
	struct net_device *dev = alloc_etherdev(0);

	if (dev) {
		dev->netdev_ops = &lro_test_ops;
		eth_hw_addr_random(dev);
	}
	return dev;
}

/*
 * A port whose link below the host vNIC is refused had no rx_handler yet:
 * no frame could be learned on a port that its error path then frees.
 */
static void port_add_fails_before_its_first_frame(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct net_device *host = test_netdev(), *dev = test_netdev();
	struct vsw_port *port = NULL;
	bool handler_after = true;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, host);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	veto_dev = dev;
	veto_saw_handler = false;
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&veto_nb), 0);
	rtnl_lock();
	err = register_netdevice(host);
	if (!err) {
		err = register_netdevice(dev);
		if (!err) {
			ctx->sw.host = host;
			port = vsw_port_add(&ctx->sw, dev, VSW_ROLE_VM, 0, NULL, NULL);
			ctx->sw.host = NULL;
			handler_after = rcu_access_pointer(dev->rx_handler);
			unregister_netdevice(dev);
		}
		unregister_netdevice(host);
	}
	rtnl_unlock();
	unregister_netdevice_notifier(&veto_nb);
	free_netdev(dev);
	free_netdev(host);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(port), -EBUSY);
	KUNIT_EXPECT_FALSE(test, veto_saw_handler);
	KUNIT_EXPECT_FALSE(test, handler_after);
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx->sw.ports));
	KUNIT_EXPECT_EQ(test, ctx->sw.fdb.count, 0);
}

/* What br_add_if() refuses: a Wi-Fi station's device, say. */
static void port_dont_bridge_is_refused(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(0);

	int plain, dont_bridge;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	eth_hw_addr_random(dev);
	rtnl_lock();
	plain = vsw_port_check(NULL, dev, NULL);
	dev->priv_flags |= IFF_DONT_BRIDGE;
	dont_bridge = vsw_port_check(NULL, dev, NULL);
	rtnl_unlock();
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, plain, 0);
	KUNIT_EXPECT_EQ(test, dont_bridge, -EOPNOTSUPP);
}

static struct vsw_fdb_entry *resume(struct vsw_fdb *fdb,
				    struct vsw_fdb_cursor *c)
{
	struct vsw_fdb_entry *f;

	rcu_read_lock();
	f = vsw_fdb_resume(fdb, c);
	rcu_read_unlock();
	return f;
}

/*
 * a, b and c learned on p1, so the list is newest first: c, b, a; the walk
 * starts at c and passes it.
 */
static void walk_past_c(struct kunit *test, struct vsw_fdb_cursor *c)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_entry *f;

	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p1, mac_c);
	f = resume(fdb, c);
	KUNIT_ASSERT_PTR_EQ(test, f, lookup(fdb, mac_c));
	vsw_fdb_cursor_pass(c, f);
}

static void fdb_walk_resumes_after_its_last(struct kunit *test)
{
	static const u8 mac_d[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0d };
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_cursor c = {};
	struct vsw_fdb_entry *f;

	walk_past_c(test, &c);
	/* d goes in before the cursor: the walk goes on at b, not c again. */
	learn(fdb, &ctx->p1, mac_d);
	f = resume(fdb, &c);
	KUNIT_ASSERT_PTR_EQ(test, f, lookup(fdb, mac_b));
	vsw_fdb_cursor_pass(&c, f);
	KUNIT_EXPECT_PTR_EQ(test, resume(fdb, &c), lookup(fdb, mac_a));
	KUNIT_EXPECT_EQ(test, c.lost, 0);
}

static void fdb_walk_lost_when_its_last_goes(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_fdb_cursor c = {};
	struct vsw_port *was;

	walk_past_c(test, &c);
	vsw_fdb_cursor_pass(&c, lookup(fdb, mac_b));
	/*
	 * b goes and comes back as a new entry at the head: b, c, a.  Going
	 * on after the new b would list c twice; the walk is lost instead,
	 * and skips the two entries it passed.
	 */
	KUNIT_ASSERT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false, &was), 0);
	learn(fdb, &ctx->p1, mac_b);
	KUNIT_EXPECT_PTR_EQ(test, resume(fdb, &c), lookup(fdb, mac_a));
	KUNIT_EXPECT_EQ(test, c.lost, 1);
}

/*
 * MACs that count up, as a VM farm's do, and that differ in the OUI only:
 * no bucket may hold more than rhashtable's chain limit (16), past which an
 * insert is refused until a rehash.  A uniform hash puts 4 in each, at
 * most about 12.  The seeds are fixed: with a random one, about one seed
 * in 300 makes a chain of 17 even for a uniform hash (rhashtable then
 * rehashes with another), and the case failed at random.
 */
static void fdb_hash_spreads_macs(struct kunit *test)
{
	enum { KEYS = 16384, BUCKETS = 4096 };
	u32 seeds[] = { 0, 0x9e3779b9, 0xdeadbeef, 0x5bd1e995 };
	struct vsw_fdb_key key = {};
	unsigned int i, s, most;
	u16 *load;

	load = kunit_kcalloc(test, BUCKETS, sizeof(*load), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, load);
	for (s = 0; s < ARRAY_SIZE(seeds); s++) {
		memset(load, 0, BUCKETS * sizeof(*load));
		for (i = 0; i < KEYS; i++) {
			u8 mac[ETH_ALEN] = { 0x02, 0, 0, i >> 16, i >> 8, i };

			if (i >= KEYS - 256) {	/* the OUI's last byte */
				mac[2] = i;
				mac[5] = 0;
			}
			vsw_fdb_key_set(&key, mac, 0);
			load[vsw_fdb_hashfn(&key, sizeof(key), seeds[s]) %
			     BUCKETS]++;
		}
		for (most = 0, i = 0; i < BUCKETS; i++)
			most = max_t(unsigned int, most, load[i]);
		KUNIT_EXPECT_LE_MSG(test, most, 16, "seed %u", seeds[s]);
	}
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
	KUNIT_CASE(fdb_flush_in_batches),
	KUNIT_CASE(fdb_flush_starts_over_when_its_next_goes),
	KUNIT_CASE(fdb_age_in_batches),
	KUNIT_CASE(fdb_flush_of_the_host_port),
	KUNIT_CASE(fdb_del_rules),
	KUNIT_CASE(fdb_local_moves_in_a_full_table),
	KUNIT_CASE(fdb_local_takes_over_the_new_mac),
	KUNIT_CASE(fdb_learn_never_postpones_ageing),
	KUNIT_CASE(port_dont_bridge_is_refused),
	KUNIT_CASE(port_lro_stays_off),
	KUNIT_CASE(port_add_fails_before_its_first_frame),
	KUNIT_CASE(fdb_walk_resumes_after_its_last),
	KUNIT_CASE(fdb_walk_lost_when_its_last_goes),
	KUNIT_CASE(fdb_hash_spreads_macs),
	{}
};

static struct kunit_suite vsw_fdb_suite = {
	.name = "vsw_fdb",
	.init = vsw_test_init,
	.exit = vsw_test_exit,
	.test_cases = vsw_fdb_cases,
};

static const u8 mac_d[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0d };
static const u8 mac_e[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x0e };

/*
 * evict fair looks for its victim among the switch's ports: the FDB has its
 * switch here, with the three ports listed, in init_net without listeners.
 */
static int vsw_evict_init(struct kunit *test)
{
	struct vsw_test_ctx *ctx;
	int err;

	err = vsw_test_init(test);
	if (err)
		return err;
	ctx = test->priv;
	ctx->sw.net = &init_net;
	vsw_evq_init(&ctx->sw);
	list_add_tail(&ctx->p1.list, &ctx->sw.ports);
	list_add_tail(&ctx->p2.list, &ctx->sw.ports);
	list_add_tail(&ctx->host.list, &ctx->sw.ports);
	ctx->sw.fdb.sw = &ctx->sw;
	ctx->sw.fdb.evict = VSW_EVICT_FAIR;
	return 0;
}

static void vsw_evict_exit(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;

	vsw_test_exit(test);
	vsw_evq_destroy(&ctx->sw);
}

static void evict_takes_from_the_port_with_most(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 3;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p2, mac_c);
	learn(fdb, &ctx->p2, mac_d);
	KUNIT_EXPECT_EQ(test, fdb->count, 3);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_d));
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 1);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 2);
}

static void evict_oldest_learned_first(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 3;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p1, mac_c);
	/* Being seen again does not make an entry younger: learning does. */
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_d);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_a));
	learn(fdb, &ctx->p1, mac_e);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_d));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_e));
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 3);
}

static void evict_a_move_is_the_newest_of_its_port(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 3;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p2, mac_b);
	learn(fdb, &ctx->p1, mac_c);
	learn(fdb, &ctx->p2, mac_a);
	/* p2 holds b, then a: b is its oldest. */
	learn(fdb, &ctx->p1, mac_d);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_b));
	KUNIT_ASSERT_NOT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_PTR_EQ(test, lookup(fdb, mac_a)->port, &ctx->p2);
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 2);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 1);
}

static void evict_never_static_or_local(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 3;
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->host, mac_a, 0,
					  VSW_FDB_LOCAL), 0);
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, mac_b, 0,
					  VSW_FDB_STATIC), 0);
	learn(fdb, &ctx->p1, mac_c);
	/* c, made static, is no longer p1's to give. */
	KUNIT_EXPECT_EQ(test, vsw_fdb_add(fdb, &ctx->p1, mac_c, 0,
					  VSW_FDB_STATIC), 0);
	learn(fdb, &ctx->p2, mac_d);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_d));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_EQ(test, fdb->count, 3);
}

static void evict_keeps_the_learn_limit(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->max_entries = 2;
	ctx->p1.learn_limit = 1;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p2, mac_b);
	learn(fdb, &ctx->p1, mac_c);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_a));
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac_b));
}

static void evict_none_keeps_the_table(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;

	fdb->evict = VSW_EVICT_NONE;
	fdb->max_entries = 2;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p2, mac_c);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac_c));
	KUNIT_EXPECT_EQ(test, ctx->p1.learned, 2);
}

/* The lists follow every way an entry leaves: age, flush, delete. */
static void evict_after_age_flush_and_del(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	struct vsw_port *was;

	fdb->max_entries = 3;
	learn(fdb, &ctx->p1, mac_a);
	learn(fdb, &ctx->p1, mac_b);
	learn(fdb, &ctx->p2, mac_c);
	lookup(fdb, mac_a)->updated = jiffies - fdb->ageing - 1;
	KUNIT_EXPECT_EQ(test, vsw_fdb_age(fdb, jiffies), 1);
	KUNIT_EXPECT_EQ(test, vsw_fdb_del(fdb, mac_b, 0, false, &was), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx->p1.fdb_learned));
	learn(fdb, &ctx->p1, mac_d);
	learn(fdb, &ctx->p1, mac_e);
	KUNIT_EXPECT_EQ(test, vsw_fdb_flush(fdb, NULL, VSW_FLUSH_LEARNED), 3);
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx->p1.fdb_learned));
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx->p2.fdb_learned));
	learn(fdb, &ctx->p2, mac_a);
	KUNIT_EXPECT_EQ(test, ctx->p2.learned, 1);
}

static void flood_mac(u8 *mac, u32 i)
{
	u8 m[ETH_ALEN] = { 0x02, 0xfd, 0, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff };

	ether_addr_copy(mac, m);
}

/*
 * An evicted entry stays allocated until its grace period ends: while a
 * table's worth waits, a full table evicts nothing more, so that a flood of
 * new sources cannot hold more than twice max-entries.  No grace period
 * ends inside the read-side section here.
 */
static void evict_waits_for_a_table_of_grace_periods(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb;
	bool in[8];
	u8 mac[ETH_ALEN];
	u32 i;

	fdb->max_entries = 4;
	rcu_barrier();
	rcu_read_lock();
	for (i = 0; i < 104; i++) {
		flood_mac(mac, i);
		learn(fdb, &ctx->p1, mac);
	}
	for (i = 0; i < ARRAY_SIZE(in); i++) {
		flood_mac(mac, i);
		in[i] = lookup(fdb, mac);
	}
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, fdb->count, 4);
	/* Sources 4 to 7 took the first four's places; then nothing went. */
	for (i = 0; i < ARRAY_SIZE(in); i++)
		KUNIT_EXPECT_EQ_MSG(test, in[i], i >= 4, "source %u", i);
	rcu_barrier();
	flood_mac(mac, 200);
	learn(fdb, &ctx->p1, mac);
	KUNIT_EXPECT_NOT_NULL(test, lookup(fdb, mac));
	flood_mac(mac, 4);
	KUNIT_EXPECT_NULL(test, lookup(fdb, mac));
}

/* Another FDB's entries waiting for their grace period are not this one's. */
static void evict_waits_only_for_its_own_table(struct kunit *test)
{
	struct vsw_test_ctx *ctx = test->priv;
	struct vsw_fdb *fdb = &ctx->sw.fdb, *other;
	int added = 0;
	bool in;
	u8 mac[ETH_ALEN];
	u32 i;

	other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_ASSERT_EQ(test, vsw_fdb_init(other, NULL), 0);
	fdb->max_entries = 4;
	for (i = 0; i < 4; i++) {
		flood_mac(mac, i);
		learn(fdb, &ctx->p1, mac);
	}
	rcu_barrier();
	rcu_read_lock();
	for (i = 100; i < 108; i++) {
		flood_mac(mac, i);
		added += !vsw_fdb_add(other, &ctx->p2, mac, 0, VSW_FDB_STATIC);
	}
	vsw_fdb_flush(other, NULL, VSW_FLUSH_USER);
	flood_mac(mac, 200);
	learn(fdb, &ctx->p1, mac);
	in = lookup(fdb, mac);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, added, 8);
	KUNIT_EXPECT_TRUE(test, in);
	vsw_fdb_destroy(other);
	rcu_barrier();
}

static struct kunit_case vsw_evict_cases[] = {
	KUNIT_CASE(evict_takes_from_the_port_with_most),
	KUNIT_CASE(evict_oldest_learned_first),
	KUNIT_CASE(evict_a_move_is_the_newest_of_its_port),
	KUNIT_CASE(evict_never_static_or_local),
	KUNIT_CASE(evict_keeps_the_learn_limit),
	KUNIT_CASE(evict_none_keeps_the_table),
	KUNIT_CASE(evict_after_age_flush_and_del),
	KUNIT_CASE(evict_waits_for_a_table_of_grace_periods),
	KUNIT_CASE(evict_waits_only_for_its_own_table),
	{}
};

static struct kunit_suite vsw_evict_suite = {
	.name = "vsw_fdb_evict",
	.init = vsw_evict_init,
	.exit = vsw_evict_exit,
	.test_cases = vsw_evict_cases,
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
	v = vsw_decide(&ctx->sw, in, &eth, 0, &out);
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

/*
 * Events, as a listener on the events group receives them.  With BH off the
 * batch's timer cannot run (UML has one CPU), so whatever reaches the
 * listener meanwhile was sent by a burst or by a port event.
 */
struct vsw_event_ctx {
	struct vsw_switch sw;
	struct vsw_port port;
	struct vsw_port_cfg cfg;
	struct socket *sock;
	u32 *seen;		/* what read_events() found, in order */
};

/* More messages than a burst of datagrams can hold: the smallest is a header. */
#define EVENTS_MAX	(VSW_EVQ_BURST * NLMSG_GOODSIZE / NLMSG_HDRLEN)
#define SEEN_PORT	U32_MAX

static int vsw_event_init(struct kunit *test)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK };
	struct vsw_event_ctx *ctx;
	int group;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->sw.net = &init_net;
	strscpy(ctx->sw.name, "kunit0");
	INIT_LIST_HEAD(&ctx->sw.ports);
	vsw_evq_init(&ctx->sw);
	test->priv = ctx;
	ctx->seen = kunit_kmalloc_array(test, EVENTS_MAX, sizeof(u32), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->seen);
	ctx->port.sw = &ctx->sw;
	ctx->port.role = VSW_ROLE_VM;
	RCU_INIT_POINTER(ctx->port.cfg, &ctx->cfg);
	ctx->port.dev = alloc_netdev(0, "kunit1", NET_NAME_USER, ether_setup);
	KUNIT_ASSERT_NOT_NULL(test, ctx->port.dev);

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_NETLINK, SOCK_RAW,
					       NETLINK_GENERIC, &ctx->sock), 0);
	/* Bound, so that it has a port id: broadcasts skip port id 0. */
	KUNIT_ASSERT_EQ(test, kernel_bind(ctx->sock, (struct sockaddr *)&addr,
					  sizeof(addr)), 0);
	group = vsw_genl_events_group();
	KUNIT_ASSERT_EQ(test, ctx->sock->ops->setsockopt(ctx->sock, SOL_NETLINK,
							 NETLINK_ADD_MEMBERSHIP,
							 KERNEL_SOCKPTR(&group),
							 sizeof(group)), 0);
	/* Room for a whole burst whatever the system's default. */
	sock_set_rcvbuf(ctx->sock->sk, SZ_1M);
	return 0;
}

static void vsw_event_exit(struct kunit *test)
{
	struct vsw_event_ctx *ctx = test->priv;

	if (!ctx)
		return;
	if (ctx->sock)
		sock_release(ctx->sock);
	vsw_evq_destroy(&ctx->sw);
	if (ctx->port.dev)
		free_netdev(ctx->port.dev);
}

/* A learn of MAC number @i: 02:00:00:xx:xx:xx. */
static void notify_learn(struct vsw_event_ctx *ctx, u32 i)
{
	struct vsw_fdb_key key = {
		.mac = { 0x02, 0, 0, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff },
	};

	vsw_notify_fdb(&ctx->sw, VSW_EVENT_LEARN, &key, &ctx->port,
		       VSW_FDB_DYNAMIC);
}

static u32 mac_number(const u8 *mac)
{
	return mac[3] << 16 | mac[4] << 8 | mac[5];
}

/*
 * Move @datagrams from the listener's queue to @got.  Called with BH off,
 * so no KUnit calls here: a failure report allocates and may sleep.
 */
static void take(struct vsw_event_ctx *ctx, struct sk_buff_head *got,
		 unsigned int datagrams)
{
	struct sk_buff *skb;

	while (datagrams-- && (skb = skb_dequeue(&ctx->sock->sk->sk_receive_queue)))
		__skb_queue_tail(got, skb);
}

/*
 * The events in @got into ctx->seen, in order: a learn as its MAC's number, a
 * port event as SEEN_PORT.  Frees @got; returns the events found.
 */
static unsigned int read_events(struct kunit *test, struct vsw_event_ctx *ctx,
				struct sk_buff_head *got)
{
	unsigned int n = 0, longest = 0;
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(got))) {
		struct nlmsghdr *nlh;
		int rem;

		longest = max(longest, skb->len);
		nlmsg_for_each_msg(nlh, nlmsg_hdr(skb), skb->len, rem) {
			struct nlattr *ev, *mac;

			ev = nlmsg_find_attr(nlh, GENL_HDRLEN, VSW_A_EVENT);
			mac = nlmsg_find_attr(nlh, GENL_HDRLEN, VSW_A_FDB_MAC);
			if (!ev) {
				KUNIT_FAIL(test, "a message without VSW_A_EVENT");
				break;
			}
			if (n == EVENTS_MAX)
				break;
			if (nla_get_u8(ev) == VSW_EVENT_LEARN && mac)
				ctx->seen[n++] = mac_number(nla_data(mac));
			else if (nla_get_u8(ev) == VSW_EVENT_PORT_ADD)
				ctx->seen[n++] = SEEN_PORT;
			else
				KUNIT_FAIL(test, "unexpected event %u", nla_get_u8(ev));
		}
		kfree_skb(skb);
	}
	/* What a reader's page-sized buffer takes. */
	KUNIT_EXPECT_LE(test, longest, NLMSG_GOODSIZE);
	return n;
}

static void expect_learns_in_order(struct kunit *test, const u32 *seen,
				   unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (seen[i] != i) {
			KUNIT_FAIL(test, "event %u is MAC %u", i, seen[i]);
			return;
		}
	}
}

static void events_burst_goes_before_the_timer(struct kunit *test)
{
	struct vsw_event_ctx *ctx = test->priv;
	struct sk_buff_head *queue = &ctx->sock->sk->sk_receive_queue;
	struct sk_buff_head got;
	unsigned int queued, n;
	u32 i;

	__skb_queue_head_init(&got);
	local_bh_disable();
	for (i = 0; i < EVENTS_MAX && skb_queue_empty(queue); i++)
		notify_learn(ctx, i);
	queued = skb_queue_len(queue);
	take(ctx, &got, queued);
	local_bh_enable();
	n = read_events(test, ctx, &got);

	/* The event that found the burst full went on into a new batch. */
	KUNIT_ASSERT_LT(test, i, EVENTS_MAX);
	KUNIT_EXPECT_EQ(test, queued, VSW_EVQ_BURST);
	KUNIT_EXPECT_EQ(test, n, i - 1);
	expect_learns_in_order(test, ctx->seen, n);
}

static void events_port_event_sends_the_batch(struct kunit *test)
{
	struct vsw_event_ctx *ctx = test->priv;
	struct sk_buff_head *queue = &ctx->sock->sk->sk_receive_queue;
	unsigned int waiting, queued, n;
	struct sk_buff_head got;
	u32 i;

	__skb_queue_head_init(&got);
	local_bh_disable();
	for (i = 0; i < 3; i++)
		notify_learn(ctx, i);
	waiting = skb_queue_len(queue);
	vsw_notify_port(&ctx->port, VSW_EVENT_PORT_ADD);
	queued = skb_queue_len(queue);
	take(ctx, &got, queued);
	local_bh_enable();
	n = read_events(test, ctx, &got);

	KUNIT_EXPECT_EQ(test, waiting, 0);
	KUNIT_EXPECT_EQ(test, queued, 1);
	KUNIT_ASSERT_EQ(test, n, 4);
	expect_learns_in_order(test, ctx->seen, 3);
	KUNIT_EXPECT_EQ(test, ctx->seen[3], SEEN_PORT);
}

static void events_timer_sends_the_batch(struct kunit *test)
{
	struct vsw_event_ctx *ctx = test->priv;
	unsigned long deadline = jiffies + HZ;
	struct sk_buff_head got;

	__skb_queue_head_init(&got);
	local_bh_disable();
	notify_learn(ctx, 0);
	local_bh_enable();
	while (skb_queue_empty(&ctx->sock->sk->sk_receive_queue) &&
	       time_before(jiffies, deadline))
		msleep(20);
	take(ctx, &got, 1);
	KUNIT_ASSERT_EQ(test, read_events(test, ctx, &got), 1);
	KUNIT_EXPECT_EQ(test, ctx->seen[0], 0);
}

static void events_built_only_for_listeners(struct kunit *test)
{
	struct vsw_event_ctx *ctx = test->priv;

	sock_release(ctx->sock);
	ctx->sock = NULL;
	if (netlink_has_listeners(init_net.genl_sock, vsw_genl_events_group()))
		kunit_skip(test, "another listener is on the events group");
	local_bh_disable();
	notify_learn(ctx, 0);
	local_bh_enable();
	KUNIT_EXPECT_NULL(test, ctx->sw.evq.skb);
	KUNIT_EXPECT_FALSE(test, timer_pending(&ctx->sw.evq.timer));
}

static struct kunit_case vsw_event_cases[] = {
	KUNIT_CASE(events_burst_goes_before_the_timer),
	KUNIT_CASE(events_port_event_sends_the_batch),
	KUNIT_CASE(events_timer_sends_the_batch),
	KUNIT_CASE(events_built_only_for_listeners),
	{}
};

static struct kunit_suite vsw_event_suite = {
	.name = "vsw_events",
	.init = vsw_event_init,
	.exit = vsw_event_exit,
	.test_cases = vsw_event_cases,
};

kunit_test_suites(&vsw_fdb_suite, &vsw_evict_suite, &vsw_forward_suite,
		  &vsw_event_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for vsw");
