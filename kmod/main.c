// SPDX-License-Identifier: GPL-2.0
/*
 * vsw: the Hyper-V virtual switch for Linux.  Switch lifetime and module
 * init; the switches of a netns live in its vsw_net and die with it.
 */
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include "vsw.h"

unsigned int vsw_net_id __read_mostly;

struct vsw_switch *vsw_switch_find(struct net *net, const char *name)
{
	struct vsw_net *vn = net_generic(net, vsw_net_id);
	struct vsw_switch *sw;

	ASSERT_RTNL();
	list_for_each_entry(sw, &vn->switches, list)
		if (!strcmp(sw->name, name))
			return sw;
	return NULL;
}

/*
 * A switch is freed after a grace period, for its readers, and after the
 * RCU callbacks of its FDB's entries, which count them on it: one work
 * frees the dead switches a batch at a time, off RTNL.
 */
static LLIST_HEAD(vsw_dead_switches);

static void vsw_switch_free_work(struct work_struct *work)
{
	struct llist_node *batch = llist_del_all(&vsw_dead_switches);
	struct vsw_switch *sw, *tmp;

	synchronize_rcu();
	rcu_barrier();
	llist_for_each_entry_safe(sw, tmp, batch, dead)
		kfree(sw);
}

static DECLARE_WORK(vsw_switch_free_batch, vsw_switch_free_work);

static void vsw_switch_free(struct vsw_switch *sw)
{
	llist_add(&sw->dead, &vsw_dead_switches);
	queue_work(system_unbound_wq, &vsw_switch_free_batch);
}

/*
 * @ageing (jiffies) and @max_entries are the FDB's settings, 0 for the
 * defaults.  The switch is listed and announced before its ports are made,
 * so that a listener sees it, then each port, before anything is learned;
 * if a port cannot be made, it goes again, with its event.
 */
struct vsw_switch *vsw_switch_create(struct net *net, const char *name,
				     enum vsw_switch_type type,
				     struct net_device *uplink, bool host,
				     bool move_ip, unsigned long ageing,
				     u32 max_entries,
				     struct netlink_ext_ack *extack)
{
	struct vsw_net *vn = net_generic(net, vsw_net_id);
	struct vsw_switch *sw;
	struct vsw_port *port;
	int err;

	ASSERT_RTNL();
	sw = kzalloc(sizeof(*sw), GFP_KERNEL);
	if (!sw)
		return ERR_PTR(-ENOMEM);
	strscpy(sw->name, name, sizeof(sw->name));
	sw->net = net;
	sw->type = type;
	sw->move_ip = move_ip;
	INIT_LIST_HEAD(&sw->ports);
	vsw_evq_init(sw);
	err = vsw_fdb_init(&sw->fdb, sw);
	if (err)
		goto err_free;
	if (ageing)
		sw->fdb.ageing = ageing;
	if (max_entries)
		sw->fdb.max_entries = max_entries;

	/* Refuse a wrong uplink before anything is visible. */
	if (uplink) {
		err = vsw_port_check(sw, uplink, extack);
		if (err)
			goto err_fdb;
	}
	list_add_tail(&sw->list, &vn->switches);
	vsw_changed(sw);
	sw->id = sw->gen;
	vsw_notify_switch(sw, VSW_EVENT_SWITCH_ADD);
	if (host) {
		err = vsw_host_create(sw, uplink ? uplink->dev_addr : NULL,
				      uplink ? uplink->mtu : ETH_DATA_LEN,
				      extack);
		if (err)
			goto err_list;
	}
	if (uplink) {
		port = vsw_port_add(sw, uplink, VSW_ROLE_UPLINK, 0, NULL, extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto err_host;
		}
		sw->uplink = port;
		vsw_host_uplink_changed(sw);
	}
	return sw;

err_host:
	vsw_host_destroy(sw);
err_list:
	list_del(&sw->list);
	vsw_changed(sw);
	vsw_notify_switch(sw, VSW_EVENT_SWITCH_DEL);
err_fdb:
	vsw_fdb_destroy(&sw->fdb);
err_free:
	vsw_evq_destroy(sw);
	vsw_switch_free(sw);
	return ERR_PTR(err);
}

/*
 * Every port is unbound first (bound ones before the host vNIC, their
 * master), so that nothing learns any more; then one walk of the FDB
 * removes every entry, where a flush per port walked the whole table once
 * for each.  A dellink's @kill takes the host vNIC, NULL unregisters it now.
 */
void vsw_switch_destroy(struct vsw_switch *sw, struct list_head *kill)
{
	struct vsw_port *port, *tmp;

	ASSERT_RTNL();
	list_del(&sw->list);
	vsw_changed(sw);
	vsw_notify_switch(sw, VSW_EVENT_SWITCH_DEL);
	list_for_each_entry(port, &sw->ports, list)
		if (port->role != VSW_ROLE_HOST)
			vsw_port_unbind(port);
	vsw_host_unregister(sw, kill);
	vsw_fdb_destroy(&sw->fdb);
	list_for_each_entry_safe(port, tmp, &sw->ports, list)
		vsw_port_release(port);
	vsw_evq_destroy(sw);
	vsw_switch_free(sw);
}

/*
 * A switch, or one of its ports, came or went: a dump of the switches, or of
 * this switch's ports, that spans the change is marked interrupted.
 */
void vsw_changed(struct vsw_switch *sw)
{
	struct vsw_net *vn = net_generic(sw->net, vsw_net_id);

	ASSERT_RTNL();
	sw->gen = ++vn->gen;
}

static int __net_init vsw_net_init(struct net *net)
{
	struct vsw_net *vn = net_generic(net, vsw_net_id);

	INIT_LIST_HEAD(&vn->switches);
	return 0;
}

static void __net_exit vsw_net_exit_rtnl(struct net *net,
					 struct list_head *dev_kill_list)
{
	struct vsw_net *vn = net_generic(net, vsw_net_id);
	struct vsw_switch *sw, *tmp;

	list_for_each_entry_safe(sw, tmp, &vn->switches, list)
		vsw_switch_destroy(sw, NULL);
}

#ifndef VSW_HAVE_EXIT_RTNL
/* Before 6.12 a pernet exit under RTNL takes the whole batch of netns. */
static void __net_exit vsw_net_exit_batch_rtnl(struct list_head *net_list,
					       struct list_head *dev_kill_list)
{
	struct net *net;

	list_for_each_entry(net, net_list, exit_list)
		vsw_net_exit_rtnl(net, dev_kill_list);
}
#endif

static struct pernet_operations vsw_net_ops = {
	.init = vsw_net_init,
#ifdef VSW_HAVE_EXIT_RTNL
	.exit_rtnl = vsw_net_exit_rtnl,
#else
	.exit_batch_rtnl = vsw_net_exit_batch_rtnl,
#endif
	.id = &vsw_net_id,
	.size = sizeof(struct vsw_net),
};

static int __init vsw_init(void)
{
	int err;

	err = vsw_fdb_cache_init();
	if (err)
		return err;
	/* The link ops outlive every vNIC: the pernet exit deletes them all. */
	err = vsw_host_init();
	if (err)
		goto err_cache;
	err = register_pernet_device(&vsw_net_ops);
	if (err)
		goto err_host;
	err = vsw_port_init();
	if (err)
		goto err_pernet;
	err = vsw_genl_init();
	if (err)
		goto err_port;
	return 0;

err_port:
	vsw_port_exit();
err_pernet:
	unregister_pernet_device(&vsw_net_ops);
err_host:
	vsw_host_exit();
err_cache:
	vsw_fdb_cache_exit();
	return err;
}

static void __exit vsw_exit(void)
{
	vsw_genl_exit();
	vsw_port_exit();
	unregister_pernet_device(&vsw_net_ops);
	vsw_host_exit();
	/* After the last that may destroy a switch (a dellink). */
	flush_work(&vsw_switch_free_batch);
	WARN_ON_ONCE(!llist_empty(&vsw_dead_switches));
	vsw_fdb_cache_exit();
}

module_init(vsw_init);
module_exit(vsw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vsw: the Hyper-V virtual switch for Linux");
MODULE_AUTHOR("The vsw developers");
MODULE_VERSION(VSW_VERSION);
MODULE_ALIAS_GENL_FAMILY(VSW_GENL_NAME);
