// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding database: {MAC, VLAN} -> port, an rhashtable read under RCU
 * without locks and written under the switch's fdb.lock.  Every entry is also
 * on a list, so ageing, flushing and dumps walk the entries, not the buckets.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <kunit/visibility.h>
#include "vsw.h"

static struct kmem_cache *vsw_fdb_cache __read_mostly;

static void vsw_fdb_gc_work(struct work_struct *work);

int vsw_fdb_init(struct vsw_fdb *fdb, struct vsw_switch *sw)
{
	spin_lock_init(&fdb->lock);
	INIT_HLIST_HEAD(&fdb->entries);
	INIT_DELAYED_WORK(&fdb->gc, vsw_fdb_gc_work);
	fdb->sw = sw;
	fdb->count = 0;
	atomic_set(&fdb->freeing, 0);
	fdb->max_entries = VSW_DEFAULT_MAX_ENTRIES;
	fdb->ageing = VSW_DEFAULT_AGEING * HZ;
	return rhashtable_init(&fdb->table, &VSW_FDB_PARAMS);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_init);

/* Before an entry leaves its port (move, unlink), the port forgets it. */
static void vsw_fdb_uncache(struct vsw_fdb_entry *f)
{
	if (rcu_access_pointer(f->port->src_cache) == f)
		RCU_INIT_POINTER(f->port->src_cache, NULL);
}

static void vsw_fdb_set_port(struct vsw_fdb_entry *f, struct vsw_port *port)
{
	vsw_fdb_uncache(f);
	WRITE_ONCE(f->port, port);
	rcu_assign_pointer(port->src_cache, f);
}

/*
 * call_rcu(), not kfree_rcu(): vsw_fdb_cache_exit()'s rcu_barrier() waits
 * for it, where before 6.12 nothing waits for a kfree_rcu() of a slab
 * object before kmem_cache_destroy().  The FDB outlives the callback: its
 * switch is freed after an rcu_barrier() (vsw_switch_free_work()).
 */
static void vsw_fdb_free_rcu(struct rcu_head *head)
{
	struct vsw_fdb_entry *f = container_of(head, struct vsw_fdb_entry, rcu);
	struct vsw_fdb *fdb = f->fdb;

	kmem_cache_free(vsw_fdb_cache, f);
	atomic_dec(&fdb->freeing);
}

static void vsw_fdb_unlink(struct vsw_fdb *fdb, struct vsw_fdb_entry *f)
{
	struct vsw_port *port = f->port;

	lockdep_assert_held(&fdb->lock);
	vsw_fdb_uncache(f);
	rhashtable_remove_fast(&fdb->table, &f->node, VSW_FDB_PARAMS);
	hlist_del_init_rcu(&f->list);
	if (f->type == VSW_FDB_DYNAMIC) {
		list_del(&f->port_node);
		port->learned--;
	}
	fdb->count--;
	atomic_inc(&fdb->freeing);
	call_rcu(&f->rcu, vsw_fdb_free_rcu);
}

void vsw_fdb_destroy(struct vsw_fdb *fdb)
{
	cancel_delayed_work_sync(&fdb->gc);
	vsw_fdb_flush(fdb, NULL, VSW_FLUSH_PORT_GONE);
	rhashtable_destroy(&fdb->table);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_destroy);

/* Under fdb->lock: fill @key and find its entry. */
static struct vsw_fdb_entry *vsw_fdb_find_locked(struct vsw_fdb *fdb,
						 struct vsw_fdb_key *key,
						 const u8 *mac, u16 vlan)
{
	lockdep_assert_held(&fdb->lock);
	vsw_fdb_key_set(key, mac, vlan);
	return rhashtable_lookup_fast(&fdb->table, key, VSW_FDB_PARAMS);
}

/* Under fdb->lock: whether @mac is the host vNIC's, whose in every VLAN it is. */
static bool vsw_fdb_local_locked(struct vsw_fdb *fdb, const u8 *mac)
{
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f = vsw_fdb_find_locked(fdb, &key, mac, 0);

	return f && f->type == VSW_FDB_LOCAL;
}

/*
 * evict fair, OVS's rule: the port holding the most learned entries gives
 * its oldest, so that one flooding the table cannot keep the others from
 * learning.  NULL when nothing learned is left (the rest is static).
 */
static struct vsw_fdb_entry *vsw_fdb_victim(struct vsw_fdb *fdb)
{
	struct vsw_port *port, *most = NULL;

	lockdep_assert_held(&fdb->lock);
	rcu_read_lock();
	list_for_each_entry_rcu(port, &fdb->sw->ports, list)
		if (port->learned && (!most || port->learned > most->learned))
			most = port;
	rcu_read_unlock();
	return most ? list_first_entry(&most->fdb_learned,
				       struct vsw_fdb_entry, port_node) : NULL;
}

static struct vsw_fdb_entry *vsw_fdb_insert(struct vsw_fdb *fdb,
					    struct vsw_port *port,
					    const struct vsw_fdb_key *key,
					    enum vsw_fdb_type type)
{
	struct vsw_fdb_entry *f;
	int err;

	lockdep_assert_held(&fdb->lock);
	f = kmem_cache_alloc(vsw_fdb_cache, GFP_ATOMIC);
	if (!f)
		return NULL;
	f->key = *key;
	f->fdb = fdb;
	f->port = port;
	f->type = type;
	f->serial = ++fdb->serial;
	f->updated = jiffies;
	err = rhashtable_lookup_insert_fast(&fdb->table, &f->node,
					    VSW_FDB_PARAMS);
	if (err) {
		kmem_cache_free(vsw_fdb_cache, f);
		return NULL;
	}
	hlist_add_head_rcu(&f->list, &fdb->entries);
	rcu_assign_pointer(port->src_cache, f);
	if (type == VSW_FDB_DYNAMIC) {
		list_add_tail(&f->port_node, &port->fdb_learned);
		port->learned++;
	} else {
		INIT_LIST_HEAD(&f->port_node);
	}
	fdb->count++;
	return f;
}

/*
 * The collector runs within the ageing time of a learn.  A learner never
 * moves a run the collector set earlier for itself: with
 * mod_delayed_work(), a collector re-arming between a learner's pending
 * test and its call was put off to a whole ageing time later.
 */
void __vsw_fdb_gc_arm(struct vsw_fdb *fdb)
{
	queue_delayed_work(system_long_wq, &fdb->gc, READ_ONCE(fdb->ageing));
}
EXPORT_SYMBOL_IF_KUNIT(__vsw_fdb_gc_arm);

/*
 * Under RCU: the host vNIC's local entry for @mac.  It is kept in VLAN 0
 * and stands for the host's MAC in every VLAN; whether the host port
 * carries the one asked about is for the data path to see.
 */
struct vsw_fdb_entry *vsw_fdb_lookup_local(struct vsw_fdb *fdb, const u8 *mac)
{
	struct vsw_fdb_entry *f = vsw_fdb_lookup(fdb, mac, 0);

	return f && f->type == VSW_FDB_LOCAL ? f : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_lookup_local);

/* vsw_fdb_learn() when the source is not the port's last: look it up. */
void __vsw_fdb_learn(struct vsw_fdb *fdb, struct vsw_port *port,
		     const u8 *mac, u16 vlan)
{
	struct vsw_port *old, *evicted_from = NULL;
	enum vsw_event ev = VSW_EVENT_LEARN;
	struct vsw_fdb_key key, evicted;
	struct vsw_fdb_entry *f, *victim;
	unsigned long now = jiffies;
	bool learned = true;

	vsw_fdb_key_set(&key, mac, vlan);
	f = rhashtable_lookup(&fdb->table, &key, VSW_FDB_PARAMS);
	if (likely(f)) {
		if (likely(READ_ONCE(f->port) == port)) {
			vsw_fdb_seen(f, now);
			return;
		}
		/* Static and local entries never move. */
		if (f->type != VSW_FDB_DYNAMIC)
			return;
	} else if (vlan && vsw_fdb_lookup_local(fdb, mac)) {
		/* The host's MAC is learned in no VLAN: its local entry is it. */
		return;
	}

	spin_lock(&fdb->lock);
	if (f) {
		/* Recheck under the lock: it may have aged, become static or moved. */
		if (hlist_unhashed(&f->list) || f->type != VSW_FDB_DYNAMIC ||
		    f->port == port)
			goto unlock;
		/* A move must respect the new port's limit like a learn. */
		if (port->learn_limit && port->learned >= port->learn_limit) {
			old = f->port;
			vsw_fdb_unlink(fdb, f);
			spin_unlock(&fdb->lock);
			vsw_notify_fdb(fdb->sw, VSW_EVENT_FDB_DEL, &key, old,
				       VSW_FDB_DYNAMIC);
			return;
		}
		f->port->learned--;
		port->learned++;
		list_move_tail(&f->port_node, &port->fdb_learned);
		vsw_fdb_set_port(f, port);
		WRITE_ONCE(f->updated, now);
		ev = VSW_EVENT_MOVE;
	} else {
		/*
		 * A racing learner of the same MAC makes the insert fail; the
		 * host vNIC's MAC may have just become this one.
		 */
		if ((port->learn_limit && port->learned >= port->learn_limit) ||
		    (vlan && vsw_fdb_local_locked(fdb, mac)))
			goto unlock;
		if (fdb->count >= READ_ONCE(fdb->max_entries)) {
			/*
			 * Nothing goes for a MAC a racing learner just made,
			 * nor while a table's worth waits for its grace
			 * period: the FDB holds twice max-entries at most.
			 */
			if (READ_ONCE(fdb->evict) != VSW_EVICT_FAIR ||
			    atomic_read(&fdb->freeing) >=
			    READ_ONCE(fdb->max_entries) ||
			    rhashtable_lookup_fast(&fdb->table, &key,
						   VSW_FDB_PARAMS))
				goto unlock;
			victim = vsw_fdb_victim(fdb);
			if (!victim)
				goto unlock;
			evicted = victim->key;
			evicted_from = victim->port;
			vsw_fdb_unlink(fdb, victim);
		}
		learned = vsw_fdb_insert(fdb, port, &key, VSW_FDB_DYNAMIC);
	}
	spin_unlock(&fdb->lock);
	if (evicted_from)
		vsw_notify_fdb(fdb->sw, VSW_EVENT_EVICT, &evicted,
			       evicted_from, VSW_FDB_DYNAMIC);
	if (!learned)
		return;
	if (!delayed_work_pending(&fdb->gc))
		__vsw_fdb_gc_arm(fdb);
	vsw_notify_fdb(fdb->sw, ev, &key, port, VSW_FDB_DYNAMIC);
	return;

unlock:
	spin_unlock(&fdb->lock);
}
EXPORT_SYMBOL_IF_KUNIT(__vsw_fdb_learn);

int vsw_fdb_add(struct vsw_fdb *fdb, struct vsw_port *port, const u8 *mac,
		u16 vlan, enum vsw_fdb_type type)
{
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f;
	int err = 0;

	spin_lock_bh(&fdb->lock);
	/* The host vNIC's MAC is its local entry's in every VLAN. */
	if (vlan && vsw_fdb_local_locked(fdb, mac)) {
		err = -EADDRINUSE;
		goto out;
	}
	f = vsw_fdb_find_locked(fdb, &key, mac, vlan);
	if (f) {
		if (f->type != VSW_FDB_DYNAMIC) {
			err = -EEXIST;
			goto out;
		}
		/* A learned entry becomes the static one asked for. */
		f->port->learned--;
		list_del_init(&f->port_node);
		vsw_fdb_set_port(f, port);
		f->type = type;
		f->updated = jiffies;
		goto out;
	}
	/* Local entries are the host's own: no table limit keeps them out. */
	if (type != VSW_FDB_LOCAL && fdb->count >= fdb->max_entries) {
		err = -ENOSPC;
		goto out;
	}
	if (!vsw_fdb_insert(fdb, port, &key, type))
		err = -ENOMEM;
out:
	spin_unlock_bh(&fdb->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_add);

/* Under RTNL, for the port it was on (*@port), as events name it. */
int vsw_fdb_del(struct vsw_fdb *fdb, const u8 *mac, u16 vlan, bool local,
		struct vsw_port **port)
{
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f;
	int err = 0;

	spin_lock_bh(&fdb->lock);
	f = vsw_fdb_find_locked(fdb, &key, mac, vlan);
	if (!f) {
		err = -ENOENT;
	} else if (f->type == VSW_FDB_LOCAL && !local) {
		err = -EINVAL;
	} else {
		*port = f->port;
		vsw_fdb_unlink(fdb, f);
	}
	spin_unlock_bh(&fdb->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_del);

/*
 * The host vNIC's MAC goes from @old to @new: its local entry follows, in
 * one step under the lock.  It takes over an entry for @new on any port (a
 * learned or static one would shadow it) and, being local, is held to no
 * table limit; if it cannot be made (-ENOMEM), nothing changed.  The
 * entries for @new in other VLANs go after it (a VM could otherwise keep
 * the host's MAC in one); none is learned or added once it is local.
 */
int vsw_fdb_set_local(struct vsw_fdb *fdb, struct vsw_port *port,
		      const u8 *old, const u8 *new)
{
	struct vsw_fdb_filter others = {
		.mac = new, .vlan = -1, .scope = VSW_FLUSH_USER,
	};
	struct vsw_fdb_key key;
	struct vsw_fdb_entry *f;
	int err = 0;

	spin_lock_bh(&fdb->lock);
	f = vsw_fdb_find_locked(fdb, &key, new, 0);
	if (f) {
		if (f->type == VSW_FDB_DYNAMIC) {
			f->port->learned--;
			list_del_init(&f->port_node);
		}
		vsw_fdb_set_port(f, port);
		f->type = VSW_FDB_LOCAL;
		f->updated = jiffies;
	} else if (!vsw_fdb_insert(fdb, port, &key, VSW_FDB_LOCAL)) {
		err = -ENOMEM;
		goto out;
	}
	f = vsw_fdb_find_locked(fdb, &key, old, 0);
	if (f && f->type == VSW_FDB_LOCAL)
		vsw_fdb_unlink(fdb, f);
	spin_unlock_bh(&fdb->lock);
	vsw_fdb_flush_filter(fdb, &others);
	return 0;
out:
	spin_unlock_bh(&fdb->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_set_local);

/* Whether @filter names @f, its scope aside; for flushes and dumps. */
bool vsw_fdb_filter_match(const struct vsw_fdb_entry *f,
			  const struct vsw_fdb_filter *filter)
{
	if (filter->port && READ_ONCE(f->port) != filter->port)
		return false;
	if (filter->vlan >= 0 && f->key.vlan != filter->vlan)
		return false;
	if (filter->mac && !ether_addr_equal(f->key.mac, filter->mac))
		return false;
	return !filter->left || !vsw_vlan_carries(filter->left, f->key.vlan);
}

static bool vsw_fdb_flushes(const struct vsw_fdb_entry *f,
			    const struct vsw_fdb_filter *filter)
{
	if (!vsw_fdb_filter_match(f, filter))
		return false;
	if (filter->scope == VSW_FLUSH_LEARNED && f->type != VSW_FDB_DYNAMIC)
		return false;
	return filter->scope == VSW_FLUSH_PORT_GONE || f->type != VSW_FDB_LOCAL;
}

/*
 * Remove the entries @filter names; in process context.  The lock is let
 * go every VSW_FDB_BATCH entries, and the CPU with it, so that softirqs run
 * and grace periods end: one walk of 632,000 took about 100 ms.  The walk
 * goes on at the next entry, found again by its key and serial; if someone
 * else removed it meanwhile, the walk starts over.
 */
unsigned int vsw_fdb_flush_filter(struct vsw_fdb *fdb,
				  const struct vsw_fdb_filter *filter)
{
	struct vsw_fdb_entry *f, *next;
	unsigned int n = 0, walked = 0;
	struct vsw_fdb_key key;
	u32 serial;

	spin_lock_bh(&fdb->lock);
	f = hlist_entry_safe(fdb->entries.first, struct vsw_fdb_entry, list);
	for (; f; f = next) {
		next = hlist_entry_safe(f->list.next, struct vsw_fdb_entry, list);
		if (vsw_fdb_flushes(f, filter)) {
			vsw_fdb_unlink(fdb, f);
			n++;
		}
		if (next && ++walked % VSW_FDB_BATCH == 0) {
			key = next->key;
			serial = next->serial;
			spin_unlock_bh(&fdb->lock);
			cond_resched();
			spin_lock_bh(&fdb->lock);
			next = rhashtable_lookup_fast(&fdb->table, &key,
						      VSW_FDB_PARAMS);
			if (!next || next->serial != serial)
				next = hlist_entry_safe(fdb->entries.first,
							struct vsw_fdb_entry,
							list);
		}
	}
	spin_unlock_bh(&fdb->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_flush_filter);

/* A port's entries (all ports' when @port is NULL) within @scope. */
unsigned int vsw_fdb_flush(struct vsw_fdb *fdb, const struct vsw_port *port,
			   enum vsw_flush_scope scope)
{
	struct vsw_fdb_filter filter = {
		.port = port, .vlan = -1, .scope = scope,
	};

	return vsw_fdb_flush_filter(fdb, &filter);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_flush);

/*
 * Under RCU: the entry a walk resumes at.  After the cursor's last entry if
 * it is still in the table, found by its key (its serial tells it from a
 * new entry for the same MAC); a dump of a big table would otherwise walk
 * the list from its head for every part.  Entries go in at the head, so
 * the walk neither repeats nor misses one that stayed.  If the last entry
 * is gone, the walk skips as many entries as it passed and counts itself
 * lost: one may now be missed or repeated.
 */
struct vsw_fdb_entry *vsw_fdb_resume(struct vsw_fdb *fdb,
				     struct vsw_fdb_cursor *c)
{
	unsigned long skip = c->passed;
	struct vsw_fdb_entry *f;

	if (skip) {
		f = rhashtable_lookup(&fdb->table, &c->key, VSW_FDB_PARAMS);
		if (f && f->serial == c->serial &&
		    !hlist_unhashed_lockless(&f->list))
			return hlist_entry_safe(rcu_dereference(hlist_next_rcu(&f->list)),
						struct vsw_fdb_entry, list);
		c->lost++;
	}
	hlist_for_each_entry_rcu(f, &fdb->entries, list)
		if (!skip--)
			break;
	return f;
}
EXPORT_SYMBOL_IF_KUNIT(vsw_fdb_resume);

/* Under RCU: unlink @f if it aged; else fold when it will into *next. */
static bool vsw_fdb_expire(struct vsw_fdb *fdb, struct vsw_fdb_entry *f,
			   unsigned long now, unsigned long ageing,
			   unsigned long *next)
{
	unsigned long expires = READ_ONCE(f->updated) + ageing;
	struct vsw_fdb_key key;
	struct vsw_port *port;

	if (f->type != VSW_FDB_DYNAMIC)
		return false;
	if (time_before(now, expires)) {
		if (time_before(expires, *next))
			*next = expires;
		return false;
	}
	spin_lock_bh(&fdb->lock);
	/* Recheck under the lock: the entry may be gone or seen again. */
	if (hlist_unhashed(&f->list) ||
	    time_before(now, READ_ONCE(f->updated) + ageing)) {
		spin_unlock_bh(&fdb->lock);
		return false;
	}
	key = f->key;
	port = f->port;
	vsw_fdb_unlink(fdb, f);
	spin_unlock_bh(&fdb->lock);
	vsw_notify_fdb(fdb->sw, VSW_EVENT_AGE, &key, port, VSW_FDB_DYNAMIC);
	return true;
}

/*
 * Remove dynamic entries not seen for the ageing time; returns how many.
 * The walk lets the CPU go every VSW_FDB_BATCH entries (one walk of
 * 632,000 held it for about 75 ms) and goes on after the last entry it
 * kept, as a dump does.  If that entry went meanwhile, the walk may pass
 * over some entries, so the next run comes at once.
 */
unsigned int vsw_fdb_age(struct vsw_fdb *fdb, unsigned long now)
{
	unsigned long ageing = READ_ONCE(fdb->ageing);
	unsigned long next = now + ageing;
	struct vsw_fdb_cursor kept = {};
	unsigned int n = 0, walked = 0;
	struct vsw_fdb_entry *f;

	rcu_read_lock();
	f = vsw_fdb_resume(fdb, &kept);
	while (f) {
		if (vsw_fdb_expire(fdb, f, now, ageing, &next))
			n++;
		else if (!hlist_unhashed_lockless(&f->list))
			vsw_fdb_cursor_pass(&kept, f);
		f = hlist_entry_safe(rcu_dereference(hlist_next_rcu(&f->list)),
				     struct vsw_fdb_entry, list);
		if (f && ++walked % VSW_FDB_BATCH == 0) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
			f = vsw_fdb_resume(fdb, &kept);
		}
	}
	rcu_read_unlock();
	if (kept.lost)
		next = now + 1;
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
	/* The entries still waiting for vsw_fdb_free_rcu(). */
	rcu_barrier();
	kmem_cache_destroy(vsw_fdb_cache);
}
