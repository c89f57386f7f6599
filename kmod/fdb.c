// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding database: {MAC, VLAN} -> port.  Every entry is on a list,
 * so ageing, flushing and dumps walk the entries, and in an index read under
 * RCU without locks and written under the switch's fdb.lock.
 *
 * The index is an open-addressed table of slots holding the key and the
 * port inline: a lookup reads one cache line (or the next few, probing
 * linearly), where a chained hash reads a bucket and then the entry, two
 * dependent misses once the table outgrows the cache.  A slot's key is
 * written once: a removed entry leaves its slot dead (never reused, so a
 * reader that matched the key reads that entry's port), and dead slots go
 * when the table is rebuilt into a new one, which a worker does when live
 * and dead slots pass 3/4 of it; readers switch tables under RCU.
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>
#include "vsw.h"

/* Never a key: VLAN 0xffff/0xfffe are out of range. */
#define VSW_SLOT_EMPTY	(~0ULL)
#define VSW_SLOT_DEAD	(~0ULL - 1)

#define VSW_FDB_MIN_SLOTS	64

struct vsw_fdb_slot {
	u64 key;			/* written last; then only to DEAD */
	struct vsw_port *port;		/* WRITE_ONCE: changes on a move */
	struct vsw_fdb_entry *entry;
};

struct vsw_fdb_table {
	struct rcu_head rcu;
	u32 mask;			/* slots - 1 */
	u32 used;			/* live and dead slots, under fdb.lock */
	u32 seed;
	struct vsw_fdb_slot slots[];
};

static struct kmem_cache *vsw_fdb_cache __read_mostly;

static void vsw_fdb_gc_work(struct work_struct *work);
static void vsw_fdb_rebuild_work(struct work_struct *work);

static u64 vsw_fdb_key_val(const struct vsw_fdb_key *key)
{
	BUILD_BUG_ON(sizeof(struct vsw_fdb_key) != sizeof(u64));
	return get_unaligned((const u64 *)key);
}

/* Rebuilt past 3/4; inserts refused past 7/8 until it is. */
static bool vsw_fdb_table_crowded(const struct vsw_fdb_table *t)
{
	return t->used >= (t->mask + 1) / 4 * 3;
}

static bool vsw_fdb_table_full(const struct vsw_fdb_table *t)
{
	return t->used >= (t->mask + 1) / 8 * 7;
}

/* Room for @count entries at most half full: a crowded table doubles. */
static struct vsw_fdb_table *vsw_fdb_table_alloc(u32 count)
{
	unsigned long n = max_t(unsigned long, VSW_FDB_MIN_SLOTS,
				roundup_pow_of_two((unsigned long)count * 2));
	struct vsw_fdb_table *t;
	unsigned long i;

	t = kvmalloc(struct_size(t, slots, n), GFP_KERNEL);
	if (!t)
		return NULL;
	t->mask = n - 1;
	t->used = 0;
	t->seed = get_random_u32();
	for (i = 0; i < n; i++)
		t->slots[i].key = VSW_SLOT_EMPTY;
	return t;
}

static u32 vsw_fdb_hash(const struct vsw_fdb_table *t, u64 key)
{
	return jhash_2words((u32)key, (u32)(key >> 32), t->seed) & t->mask;
}

/* The slot holding @key, or NULL.  Under RCU or fdb.lock. */
static struct vsw_fdb_slot *vsw_fdb_slot_find(struct vsw_fdb_table *t,
					      u64 key)
{
	u32 i;

	for (i = vsw_fdb_hash(t, key);; i = (i + 1) & t->mask) {
		/* Pairs with vsw_fdb_slot_fill(): the key, then what it holds. */
		u64 k = smp_load_acquire(&t->slots[i].key);

		if (k == key)
			return &t->slots[i];
		if (k == VSW_SLOT_EMPTY)
			return NULL;
	}
}

/* Under fdb.lock, or into a table nobody reads yet. */
static void vsw_fdb_slot_fill(struct vsw_fdb_table *t, u64 key,
			      struct vsw_port *port, struct vsw_fdb_entry *f)
{
	u32 i = vsw_fdb_hash(t, key);

	while (t->slots[i].key != VSW_SLOT_EMPTY)
		i = (i + 1) & t->mask;
	t->slots[i].port = port;
	t->slots[i].entry = f;
	/* Readers that see the key see the port and the entry. */
	smp_store_release(&t->slots[i].key, key);
	t->used++;
}

static struct vsw_fdb_table *vsw_fdb_table_locked(struct vsw_fdb *fdb)
{
	return rcu_dereference_protected(fdb->table,
					 lockdep_is_held(&fdb->lock));
}

static struct vsw_fdb_slot *vsw_fdb_slot_of(struct vsw_fdb *fdb,
					    const struct vsw_fdb_entry *f)
{
	return vsw_fdb_slot_find(vsw_fdb_table_locked(fdb),
				 vsw_fdb_key_val(&f->key));
}

/*
 * Into a new table.  The copy runs unlocked, with BH on: fdb->rebuilding,
 * set and cleared under fdb.lock, keeps the writers out meanwhile (the
 * learn path skips, learning that MAC on a later frame; the others wait in
 * vsw_fdb_lock()), and readers keep the old table until the pointer moves.
 */
static int vsw_fdb_rebuild(struct vsw_fdb *fdb)
{
	struct vsw_fdb_table *old, *t;
	u32 i;

	t = vsw_fdb_table_alloc(READ_ONCE(fdb->count));
	if (!t)
		return -ENOMEM;
	spin_lock_bh(&fdb->lock);
	/* Entries came since the size was taken: the copy must still fit. */
	if (fdb->count > (t->mask + 1) / 8 * 5) {
		spin_unlock_bh(&fdb->lock);
		kvfree(t);
		return -EAGAIN;
	}
	fdb->rebuilding = true;
	old = vsw_fdb_table_locked(fdb);
	spin_unlock_bh(&fdb->lock);

	for (i = 0; i <= old->mask; i++) {
		struct vsw_fdb_slot *s = &old->slots[i];

		if (s->key != VSW_SLOT_EMPTY && s->key != VSW_SLOT_DEAD)
			vsw_fdb_slot_fill(t, s->key, s->port, s->entry);
		if (!(i & 4095))
			cond_resched();
	}

	spin_lock_bh(&fdb->lock);
	rcu_assign_pointer(fdb->table, t);
	fdb->rebuilding = false;
	spin_unlock_bh(&fdb->lock);
	kvfree_rcu(old, rcu);
	return 0;
}

static void vsw_fdb_rebuild_work(struct work_struct *work)
{
	struct vsw_fdb *fdb = container_of(work, struct vsw_fdb, rebuild);

	while (vsw_fdb_rebuild(fdb) == -EAGAIN)
		cond_resched();
}

/* Process-context writers: the lock, once no rebuild is copying. */
static void vsw_fdb_lock(struct vsw_fdb *fdb)
{
	for (;;) {
		spin_lock_bh(&fdb->lock);
		if (!fdb->rebuilding)
			return;
		spin_unlock_bh(&fdb->lock);
		flush_work(&fdb->rebuild);
	}
}

int vsw_fdb_init(struct vsw_fdb *fdb, struct vsw_switch *sw)
{
	struct vsw_fdb_table *t = vsw_fdb_table_alloc(0);

	if (!t)
		return -ENOMEM;
	RCU_INIT_POINTER(fdb->table, t);
	spin_lock_init(&fdb->lock);
	INIT_HLIST_HEAD(&fdb->entries);
	INIT_DELAYED_WORK(&fdb->gc, vsw_fdb_gc_work);
	INIT_WORK(&fdb->rebuild, vsw_fdb_rebuild_work);
	fdb->rebuilding = false;
	fdb->sw = sw;
	fdb->count = 0;
	fdb->max_entries = VSW_DEFAULT_MAX_ENTRIES;
	fdb->ageing = VSW_DEFAULT_AGEING * HZ;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_init);

/* Before an entry leaves its port (move, unlink), the port forgets it. */
static void vsw_fdb_uncache(struct vsw_fdb_entry *f)
{
	if (rcu_access_pointer(f->port->src_cache) == f)
		RCU_INIT_POINTER(f->port->src_cache, NULL);
}

static void vsw_fdb_set_port(struct vsw_fdb *fdb, struct vsw_fdb_entry *f,
			     struct vsw_port *port)
{
	vsw_fdb_uncache(f);
	WRITE_ONCE(vsw_fdb_slot_of(fdb, f)->port, port);
	WRITE_ONCE(f->port, port);
	rcu_assign_pointer(port->src_cache, f);
}

static void vsw_fdb_unlink(struct vsw_fdb *fdb, struct vsw_fdb_entry *f)
{
	struct vsw_port *port = f->port;

	lockdep_assert_held(&fdb->lock);
	vsw_fdb_uncache(f);
	WRITE_ONCE(vsw_fdb_slot_of(fdb, f)->key, VSW_SLOT_DEAD);
	hlist_del_init_rcu(&f->list);
	if (f->type == VSW_FDB_DYNAMIC)
		port->learned--;
	fdb->count--;
	fdb->generation++;
	kfree_rcu(f, rcu);
}

void vsw_fdb_destroy(struct vsw_fdb *fdb)
{
	struct vsw_fdb_entry *f;
	struct hlist_node *tmp;

	cancel_delayed_work_sync(&fdb->gc);
	cancel_work_sync(&fdb->rebuild);
	spin_lock_bh(&fdb->lock);
	hlist_for_each_entry_safe(f, tmp, &fdb->entries, list)
		vsw_fdb_unlink(fdb, f);
	spin_unlock_bh(&fdb->lock);
	/* No reader is left: the switch's ports are gone. */
	kvfree(rcu_dereference_protected(fdb->table, true));
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_destroy);

/* The data path: the port alone, read from the slot.  Under RCU. */
struct vsw_port *vsw_fdb_lookup_port(struct vsw_fdb *fdb, const u8 *mac,
				     u16 vlan)
{
	struct vsw_fdb_key key = { .vlan = vlan };
	struct vsw_fdb_slot *s;

	ether_addr_copy(key.mac, mac);
	s = vsw_fdb_slot_find(rcu_dereference(fdb->table),
			      vsw_fdb_key_val(&key));
	return s ? READ_ONCE(s->port) : NULL;
}

struct vsw_fdb_entry *vsw_fdb_lookup(struct vsw_fdb *fdb, const u8 *mac,
				     u16 vlan)
{
	struct vsw_fdb_key key = { .vlan = vlan };
	struct vsw_fdb_slot *s;

	ether_addr_copy(key.mac, mac);
	s = vsw_fdb_slot_find(rcu_dereference_check(fdb->table,
						    lockdep_is_held(&fdb->lock)),
			      vsw_fdb_key_val(&key));
	return s ? READ_ONCE(s->entry) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_lookup);

/* Under fdb->lock: fill @key and find its entry. */
static struct vsw_fdb_entry *vsw_fdb_find_locked(struct vsw_fdb *fdb,
						 struct vsw_fdb_key *key,
						 const u8 *mac, u16 vlan)
{
	struct vsw_fdb_slot *s;

	key->vlan = vlan;
	ether_addr_copy(key->mac, mac);
	s = vsw_fdb_slot_find(vsw_fdb_table_locked(fdb), vsw_fdb_key_val(key));
	return s ? s->entry : NULL;
}

static bool vsw_fdb_may_learn(struct vsw_fdb *fdb, struct vsw_port *port)
{
	if (fdb->count >= READ_ONCE(fdb->max_entries))
		return false;
	return !port->learn_limit || port->learned < port->learn_limit;
}

/* Under fdb->lock. */
static struct vsw_fdb_entry *vsw_fdb_insert(struct vsw_fdb *fdb,
					    struct vsw_port *port,
					    const struct vsw_fdb_key *key,
					    enum vsw_fdb_type type)
{
	struct vsw_fdb_table *t = vsw_fdb_table_locked(fdb);
	struct vsw_fdb_entry *f;

	/* A racing learner of the same MAC makes the insert fail. */
	if (vsw_fdb_table_full(t) ||
	    vsw_fdb_slot_find(t, vsw_fdb_key_val(key)))
		return NULL;
	f = kmem_cache_alloc(vsw_fdb_cache, GFP_ATOMIC);
	if (!f)
		return NULL;
	f->key = *key;
	f->port = port;
	f->type = type;
	f->updated = jiffies;
	vsw_fdb_slot_fill(t, vsw_fdb_key_val(key), port, f);
	if (vsw_fdb_table_crowded(t))
		schedule_work(&fdb->rebuild);
	hlist_add_head_rcu(&f->list, &fdb->entries);
	rcu_assign_pointer(port->src_cache, f);
	if (type == VSW_FDB_DYNAMIC)
		port->learned++;
	fdb->count++;
	fdb->generation++;
	return f;
}

/* A hit on its own port: store the time at most once a jiffy. */
static void vsw_fdb_seen(struct vsw_fdb_entry *f, unsigned long now)
{
	if (unlikely(READ_ONCE(f->updated) != now))
		WRITE_ONCE(f->updated, now);
}

void vsw_fdb_learn(struct vsw_fdb *fdb, struct vsw_port *port,
		   const u8 *mac, u16 vlan)
{
	struct vsw_fdb_key key = { .vlan = vlan };
	enum vsw_event ev = VSW_EVENT_LEARN;
	struct vsw_fdb_entry *f;
	struct vsw_fdb_slot *s;
	unsigned long now = jiffies;

	f = rcu_dereference(port->src_cache);
	if (likely(f && f->key.vlan == vlan &&
		   ether_addr_equal(f->key.mac, mac))) {
		vsw_fdb_seen(f, now);
		return;
	}

	ether_addr_copy(key.mac, mac);
	s = vsw_fdb_slot_find(rcu_dereference(fdb->table),
			      vsw_fdb_key_val(&key));
	f = s ? READ_ONCE(s->entry) : NULL;
	if (likely(f)) {
		if (likely(READ_ONCE(s->port) == port)) {
			vsw_fdb_seen(f, now);
			return;
		}
		/* Static and local entries never move. */
		if (f->type != VSW_FDB_DYNAMIC)
			return;
	}

	spin_lock(&fdb->lock);
	/* A rebuild is copying the table: this MAC is learned on a later frame. */
	if (fdb->rebuilding)
		goto unlock;
	if (f) {
		/* Recheck under the lock: it may have aged, become static or moved. */
		if (hlist_unhashed(&f->list) || f->type != VSW_FDB_DYNAMIC ||
		    f->port == port)
			goto unlock;
		/* A move must respect the new port's limit like a learn. */
		if (port->learn_limit && port->learned >= port->learn_limit) {
			vsw_fdb_unlink(fdb, f);
			goto unlock;
		}
		f->port->learned--;
		port->learned++;
		vsw_fdb_set_port(fdb, f, port);
		WRITE_ONCE(f->updated, now);
		fdb->generation++;
		ev = VSW_EVENT_MOVE;
	} else {
		if (!vsw_fdb_may_learn(fdb, port) ||
		    !vsw_fdb_insert(fdb, port, &key, VSW_FDB_DYNAMIC))
			goto unlock;
	}
	spin_unlock(&fdb->lock);
	if (!delayed_work_pending(&fdb->gc))
		mod_delayed_work(system_long_wq, &fdb->gc, fdb->ageing);
	vsw_notify_fdb(fdb->sw, ev, &key, port);
	return;

unlock:
	spin_unlock(&fdb->lock);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_learn);

int vsw_fdb_add(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac,
		u16 vlan, enum vsw_fdb_type type)
{
	bool rebuilt = false;
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f;
	int err = 0;

again:
	vsw_fdb_lock(fdb);
	f = vsw_fdb_find_locked(fdb, &key, mac, vlan);
	if (f) {
		if (f->type != VSW_FDB_DYNAMIC) {
			err = -EEXIST;
			goto out;
		}
		/* A learned entry becomes the static one asked for. */
		f->port->learned--;
		vsw_fdb_set_port(fdb, f, port);
		f->type = type;
		f->updated = jiffies;
		fdb->generation++;
		goto out;
	}
	if (fdb->count >= fdb->max_entries) {
		err = -ENOSPC;
		goto out;
	}
	/* A table too full for the insert is rebuilt now, not refused. */
	if (vsw_fdb_table_full(vsw_fdb_table_locked(fdb)) && !rebuilt) {
		spin_unlock_bh(&fdb->lock);
		rebuilt = true;
		schedule_work(&fdb->rebuild);
		flush_work(&fdb->rebuild);
		goto again;
	}
	if (!vsw_fdb_insert(fdb, port, &key, type))
		err = -ENOMEM;
out:
	spin_unlock_bh(&fdb->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_add);

int vsw_fdb_del(struct vsw_fdb *fdb, const u8 *mac, u16 vlan, bool local)
{
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f;
	int err = 0;

	vsw_fdb_lock(fdb);
	f = vsw_fdb_find_locked(fdb, &key, mac, vlan);
	if (!f)
		err = -ENOENT;
	else if (f->type == VSW_FDB_LOCAL && !local)
		err = -EINVAL;
	else
		vsw_fdb_unlink(fdb, f);
	spin_unlock_bh(&fdb->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_del);

/* After removals: a table that has become mostly empty is rebuilt smaller. */
static void vsw_fdb_maybe_shrink(struct vsw_fdb *fdb)
{
	u32 slots;

	rcu_read_lock();
	slots = rcu_dereference(fdb->table)->mask + 1;
	rcu_read_unlock();
	if (slots > VSW_FDB_MIN_SLOTS && READ_ONCE(fdb->count) < slots / 16)
		schedule_work(&fdb->rebuild);
}

/* Remove a port's entries (all ports' when port is NULL) within @scope. */
unsigned int vsw_fdb_flush(struct vsw_fdb *fdb, const struct vsw_port *port,
			   enum vsw_flush_scope scope)
{
	struct vsw_fdb_entry *f;
	struct hlist_node *tmp;
	unsigned int n = 0;

	vsw_fdb_lock(fdb);
	hlist_for_each_entry_safe(f, tmp, &fdb->entries, list) {
		if (port && f->port != port)
			continue;
		if (scope == VSW_FLUSH_LEARNED && f->type != VSW_FDB_DYNAMIC)
			continue;
		if (scope != VSW_FLUSH_PORT_GONE && f->type == VSW_FDB_LOCAL)
			continue;
		vsw_fdb_unlink(fdb, f);
		n++;
	}
	spin_unlock_bh(&fdb->lock);
	vsw_fdb_maybe_shrink(fdb);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_flush);

/* Remove dynamic entries not seen for the ageing time; returns how many. */
unsigned int vsw_fdb_age(struct vsw_fdb *fdb, unsigned long now)
{
	unsigned long ageing = READ_ONCE(fdb->ageing);
	unsigned long next = now + ageing;
	struct vsw_fdb_entry *f;
	unsigned int n = 0;

	rcu_read_lock();
	hlist_for_each_entry_rcu(f, &fdb->entries, list) {
		unsigned long expires = READ_ONCE(f->updated) + ageing;
		struct vsw_fdb_key key;
		struct vsw_port *port;

		if (f->type != VSW_FDB_DYNAMIC)
			continue;
		if (time_before(now, expires)) {
			if (time_before(expires, next))
				next = expires;
			continue;
		}
		spin_lock_bh(&fdb->lock);
		/* Recheck under the lock: the entry may be gone or seen again. */
		if (hlist_unhashed(&f->list) ||
		    time_before(now, READ_ONCE(f->updated) + ageing)) {
			spin_unlock_bh(&fdb->lock);
			continue;
		}
		/* A rebuild is copying the table: age it on the next pass. */
		if (fdb->rebuilding) {
			spin_unlock_bh(&fdb->lock);
			next = now + 1;
			continue;
		}
		key = f->key;
		port = f->port;
		vsw_fdb_unlink(fdb, f);
		spin_unlock_bh(&fdb->lock);
		vsw_notify_fdb(fdb->sw, VSW_EVENT_AGE, &key, port);
		n++;
	}
	rcu_read_unlock();
	if (n)
		vsw_fdb_maybe_shrink(fdb);
	if (fdb->sw && !hlist_empty(&fdb->entries))
		mod_delayed_work(system_long_wq, &fdb->gc,
				 time_after(next, now) ? next - now : 1);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_age);

static void vsw_fdb_gc_work(struct work_struct *work)
{
	struct vsw_fdb *fdb = container_of(work, struct vsw_fdb, gc.work);

	vsw_fdb_age(fdb, jiffies);
}

void vsw_fdb_set_ageing(struct vsw_fdb *fdb, unsigned long ageing)
{
	WRITE_ONCE(fdb->ageing, ageing);
	mod_delayed_work(system_long_wq, &fdb->gc, 0);
}

int vsw_fdb_cache_init(void)
{
	vsw_fdb_cache = KMEM_CACHE(vsw_fdb_entry, 0);
	return vsw_fdb_cache ? 0 : -ENOMEM;
}

void vsw_fdb_cache_exit(void)
{
	/* kmem_cache_destroy() waits for the entries still in kfree_rcu. */
	kmem_cache_destroy(vsw_fdb_cache);
}
