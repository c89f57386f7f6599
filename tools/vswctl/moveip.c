// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl: move-ip, Hyper-V's IP move.  A device's addresses and the routes
 * through it go to another device over rtnetlink: the uplink's to the host
 * vNIC on switch add, back on switch del.
 *
 * The order is the kernel's: routes are read before any address goes (an
 * IPv4 device that loses its last address loses its routes), addresses are
 * added before routes (a route's gateway and source must be reachable and
 * local), and an old route goes before its copy comes (IPv4 keys a route by
 * prefix, TOS and metric, not by device).  What the kernel makes by itself
 * stays where it is: link-local and temporary IPv6 addresses, prefix routes
 * (protocol kernel) and the local table, which the addresses bring along.
 * Each step is noted in the state of the address or route it took, so that
 * a failure undoes exactly what was done, in reverse.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include "vswctl.h"

#define MIP_TRIES	5	/* dumps a change interrupted */
#define MIP_SETTLE	200	/* 10 ms waits for DAD's work to run */

/* What has been done with an address or a route. */
enum {
	A_TO = 1 << 0,		/* added to the destination */
	A_NODAD = 1 << 1,	/* ... with an IFA_F_NODAD of ours, to be cleared */
	A_READY = 1 << 2,	/* seen there out of tentative */
	A_GONE = 1 << 3,	/* deleted from the source */
	R_GONE = 1 << 0,	/* deleted from the source */
	R_TO = 1 << 1,		/* added to the destination */
	R_THERE = 1 << 2,	/* the destination had it already */
	R_BACK = 1 << 3,	/* back on the source (undo) */
};

struct mip_item {
	struct nlmsghdr *nlh;	/* as the dump gave it */
	unsigned int state;
};

struct mip_list {
	struct mip_item *v;
	unsigned int n;
};

struct mip {
	struct mnl_socket *sock;
	uint32_t seq, portid;
	const char *name[2];	/* [0] the source, [1] the destination */
	int ifindex[2];
	bool was_up;
	struct mip_list addrs, routes;
	uint32_t nh_id;		/* a route through a nexthop object */
	char ext[256];		/* the last refusal's extack message */
	char *err;
	size_t errlen;
	bool undoing;		/* failures are noted, the rest goes on */
	char undo_err[256];
	char req[8192];
	char buf[32768];
};

/* Each attribute of @nlh after its @hdrlen-byte header, by type. */
static void mip_attrs(const struct nlmsghdr *nlh, size_t hdrlen,
		      const struct nlattr **tb, unsigned int max)
{
	const struct nlattr *a;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_for_each(a, nlh, hdrlen)
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
}

/* The failure the user reads; the undo's first goes apart. */
static int __attribute__((format(printf, 3, 4)))
mip_fail(struct mip *m, int error, const char *fmt, ...)
{
	char *buf = m->undoing ? m->undo_err : m->err;
	size_t len = m->undoing ? sizeof(m->undo_err) : m->errlen;
	va_list ap;
	int n;

	if (m->undoing && *m->undo_err)
		return error;
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - n, *m->ext ? ": %s (%s)" : ": %s%s",
			 *m->ext ? m->ext : strerror(-error),
			 *m->ext ? strerror(-error) : "");
	return error;
}

/* Talking to rtnetlink. */

/* m->sock, a new one: 0, or -1 with errno. */
static int mip_socket(struct mip *m)
{
	int one = 1;

	if (m->sock)
		mnl_socket_close(m->sock);
	m->sock = mnl_socket_open(NETLINK_ROUTE);
	if (m->sock && mnl_socket_bind(m->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno;

		mnl_socket_close(m->sock);
		m->sock = NULL;
		errno = err;
	}
	if (!m->sock)
		return -1;
	mnl_socket_setsockopt(m->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(m->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	m->portid = mnl_socket_get_portid(m->sock);
	return 0;
}

struct mip_call {
	struct mip *m;
	mnl_cb_t cb;
	void *arg;
	int error;
};

static int mip_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mip_call *c = data;

	return c->cb ? c->cb(nlh, c->arg) : MNL_CB_OK;
}

static void mip_extack(struct mip *m, const struct nlmsghdr *nlh,
		       unsigned int off)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, off)
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    !mnl_attr_validate(a, MNL_TYPE_NUL_STRING))
			snprintf(m->ext, sizeof(m->ext), "%s",
				 mnl_attr_get_str(a));
}

static int mip_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct mip_call *c = data;
	unsigned int off = sizeof(*e);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		c->error = -EBADMSG;
		return MNL_CB_STOP;
	}
	c->error = e->error;
	if (e->error && (nlh->nlmsg_flags & NLM_F_ACK_TLVS)) {
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		mip_extack(c->m, nlh, off);
	}
	return MNL_CB_STOP;
}

static int mip_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mip_call *c = data;

	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(int)))
		c->error = *(const int *)mnl_nlmsg_get_payload(nlh);
	if (c->error && (nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		mip_extack(c->m, nlh, sizeof(int));
	return MNL_CB_STOP;
}

static struct nlmsghdr *mip_req(struct mip *m, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(m->req);

	m->ext[0] = '\0';
	nlh->nlmsg_type = type;
	/* A dump ends with DONE, anything else with its ack (DUMP is EXCL|REPLACE). */
	nlh->nlmsg_flags = NLM_F_REQUEST | flags |
			   (flags == NLM_F_DUMP ? 0 : NLM_F_ACK);
	nlh->nlmsg_seq = ++m->seq;
	return nlh;
}

/*
 * What a request answers when what it asks is so already, for those that
 * name exactly one object; 0 for the others.  A route's deletion is not
 * one: the kernel takes its unset fields (metric 0, no gateway) for "any",
 * and sent again it would delete another route; mip_routes_del() looks.
 */
static int mip_done_already(uint16_t type)
{
	switch (type) {
	case RTM_NEWADDR:
	case RTM_NEWROUTE:
		return -EEXIST;
	case RTM_DELADDR:
		return -EADDRNOTAVAIL;
	case RTM_DELNEIGH:
		return -ENOENT;
	default:
		return 0;
	}
}

/*
 * Sends the request in m->req and hands each reply to @cb: 0, or a
 * negative errno, -EINTR for a dump that a change interrupted (it is read
 * to its end all the same, so that the next request starts clean).
 */
static int mip_call(struct mip *m, mnl_cb_t cb, void *arg)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = mip_error_cb,
		[NLMSG_DONE] = mip_done_cb,
	};
	struct nlmsghdr *req = (struct nlmsghdr *)m->req;
	struct mip_call c = { m, cb, arg, 0 };
	bool intr = false, resent = false;
	int ret;

	if (!m->sock)
		return -EBADF;
	if (mnl_socket_sendto(m->sock, req, req->nlmsg_len) < 0)
		return -errno;
	do {
		struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
		int len;

		ret = mnl_socket_recvfrom(m->sock, m->buf, sizeof(m->buf));
		if (ret < 0 && errno == ENOBUFS && !resent &&
		    mip_done_already(req->nlmsg_type) &&
		    (req->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP) {
			/*
			 * The kernel did the request but could not allocate
			 * its ack: it is sent again, and "already so" is
			 * the first one's success.  What the first one
			 * queued before (the socket says ENOBUFS first) is
			 * read away, lest it be taken for the answer.
			 */
			resent = true;
			while (recv(mnl_socket_get_fd(m->sock), m->buf,
				    sizeof(m->buf), MSG_DONTWAIT) > 0)
				;
			req->nlmsg_seq = ++m->seq;
			if (mnl_socket_sendto(m->sock, req, req->nlmsg_len) < 0)
				return -errno;
			ret = 1;
			continue;
		}
		if (ret < 0) {
			c.error = -errno;
			break;
		}
		/* libmnl would stop at the mark, the dump's rest unread. */
		for (len = ret; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			intr |= nlh->nlmsg_flags & NLM_F_DUMP_INTR;
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
		}
		ret = mnl_cb_run2(m->buf, ret, req->nlmsg_seq, m->portid,
				  mip_data_cb, &c, ctl, NLMSG_MIN_TYPE);
	} while (ret > 0);
	if (ret < 0 && !c.error)
		c.error = -errno;
	if (!c.error && intr)
		c.error = -EINTR;
	if (resent && c.error && c.error == mip_done_already(req->nlmsg_type))
		c.error = 0;
	/*
	 * A dump the kernel could not allocate a part of stays running on
	 * the socket, which then refuses every dump (EBUSY): a new socket,
	 * and the dump is to be read again.
	 */
	if (c.error == -ENOBUFS && (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP)
		c.error = mip_socket(m) ? -errno : -EINTR;
	return c.error;
}

struct mip_link {
	int ifindex;
	unsigned int flags;
};

static int mip_link_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct mip_link *l = arg;

	if (nlh->nlmsg_type == RTM_NEWLINK) {
		l->ifindex = ifi->ifi_index;
		l->flags = ifi->ifi_flags;
	}
	return MNL_CB_OK;
}

static int mip_link(struct mip *m, const char *name, struct mip_link *l)
{
	struct nlmsghdr *nlh = mip_req(m, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	l->ifindex = 0;
	return mip_call(m, mip_link_cb, l);
}

static int mip_set_up(struct mip *m, int ifindex, bool up)
{
	struct nlmsghdr *nlh = mip_req(m, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return mip_call(m, NULL, NULL);
}

static int mip_keep(struct mip_list *l, const struct nlmsghdr *nlh)
{
	struct mip_item *v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		return MNL_CB_ERROR;
	l->v = v;
	v[l->n].nlh = malloc(nlh->nlmsg_len);
	if (!v[l->n].nlh)
		return MNL_CB_ERROR;
	memcpy(v[l->n].nlh, nlh, nlh->nlmsg_len);
	v[l->n++].state = 0;
	return MNL_CB_OK;
}

static void mip_forget(struct mip_list *l)
{
	while (l->n)
		free(l->v[--l->n].nlh);
	free(l->v);
	l->v = NULL;
}

/* Addresses. */

static const struct ifaddrmsg *ifa_of(const struct mip_item *a)
{
	return mnl_nlmsg_get_payload(a->nlh);
}

/* The address itself: IFA_LOCAL, or IFA_ADDRESS without a peer. */
static const struct nlattr *mip_addr_local(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFA_MAX + 1];

	mip_attrs(nlh, sizeof(struct ifaddrmsg), tb, IFA_MAX);
	return tb[IFA_LOCAL] ?: tb[IFA_ADDRESS];
}

static uint32_t mip_addr_flags(const struct nlmsghdr *nlh)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1];

	mip_attrs(nlh, sizeof(*ifa), tb, IFA_MAX);
	return tb[IFA_FLAGS] ? mnl_attr_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
}

static const char *mip_addr_name(const struct mip_item *a, char *buf,
				 size_t len)
{
	const struct nlattr *l = mip_addr_local(a->nlh);
	char s[INET6_ADDRSTRLEN] = "?";

	if (l)
		inet_ntop(ifa_of(a)->ifa_family, mnl_attr_get_payload(l), s,
			  sizeof(s));
	snprintf(buf, len, "%s/%u", s, ifa_of(a)->ifa_prefixlen);
	return buf;
}

static int mip_addr_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *local = mip_addr_local(nlh);
	struct mip *m = arg;

	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    ifa->ifa_index != (unsigned int)m->ifindex[0] || !local ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6))
		return MNL_CB_OK;
	if (ifa->ifa_family == AF_INET6) {
		const uint8_t *p = mnl_attr_get_payload(local);

		/* fe80::/10 comes with the device, temporary ones with their mngtmpaddr. */
		if ((p[0] == 0xfe && (p[1] & 0xc0) == 0x80) ||
		    (mip_addr_flags(nlh) & IFA_F_TEMPORARY))
			return MNL_CB_OK;
	}
	return mip_keep(&m->addrs, nlh);
}

/* An IPv4 label "eth0" or "eth0:1" follows its device's name: "sw0:1". */
static int mip_label(const struct mip *m, const char *label, int side,
		     char *out)
{
	size_t n = strlen(m->name[0]);

	if (!side || strncmp(label, m->name[0], n) ||
	    (label[n] && label[n] != ':')) {
		snprintf(out, IFNAMSIZ, "%s", label);
		return 0;
	}
	if (strlen(m->name[1]) + strlen(label + n) >= IFNAMSIZ)
		return -ENAMETOOLONG;
	sprintf(out, "%s%s", m->name[1], label + n);
	return 0;
}

/* Address @a as @cmd on @side's device, with @flags. */
static int mip_addr_send(struct mip *m, const struct mip_item *a, uint16_t cmd,
			 uint16_t nlflags, int side, uint32_t flags)
{
	struct nlmsghdr *nlh = mip_req(m, cmd, nlflags);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	const struct nlattr *tb[IFA_MAX + 1];
	char label[IFNAMSIZ];
	int type;

	*ifa = *ifa_of(a);
	ifa->ifa_index = m->ifindex[side];
	ifa->ifa_flags = flags & 0xff;
	mip_attrs(a->nlh, sizeof(*ifa), tb, IFA_MAX);
	for (type = 0; type <= IFA_MAX; type++) {
		if (!tb[type])
			continue;
		switch (type) {
		case IFA_ADDRESS:
		case IFA_LOCAL:
		case IFA_BROADCAST:
		case IFA_ANYCAST:
		case IFA_RT_PRIORITY:
		case IFA_PROTO:
			mnl_attr_put(nlh, type, mnl_attr_get_payload_len(tb[type]),
				     mnl_attr_get_payload(tb[type]));
			break;
		case IFA_LABEL:
			if (mip_label(m, mnl_attr_get_str(tb[type]), side, label))
				return -ENAMETOOLONG;
			mnl_attr_put_strz(nlh, IFA_LABEL, label);
			break;
		case IFA_CACHEINFO: {
			/* What is left of the lifetimes: they go on ticking. */
			const struct ifa_cacheinfo *ci = mnl_attr_get_payload(tb[type]);
			struct ifa_cacheinfo lft = {
				.ifa_prefered = ci->ifa_prefered,
				.ifa_valid = ci->ifa_valid,
			};

			mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(lft), &lft);
			break;
		}
		}
	}
	mnl_attr_put_u32(nlh, IFA_FLAGS, flags);
	return mip_call(m, NULL, NULL);
}

/*
 * Adds @a to @side's device.  An IPv6 address that passed DAD is added with
 * IFA_F_NODAD, so that it is usable at once: it has just been in use on the
 * same link with the same MAC.  mip_settle() then gives it its own flags
 * back.  A tentative or dadfailed one goes through DAD again.
 */
static int mip_addr_add(struct mip *m, struct mip_item *a, int side)
{
	uint32_t flags = mip_addr_flags(a->nlh);
	int err;

	if (ifa_of(a)->ifa_family == AF_INET6 &&
	    !(flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED | IFA_F_NODAD))) {
		flags = (flags | IFA_F_NODAD) & ~IFA_F_OPTIMISTIC;
		a->state |= A_NODAD;
	}
	err = mip_addr_send(m, a, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, side,
			    flags);
	if (err)
		a->state &= ~A_NODAD;
	return err;
}

struct mip_seen {
	struct mip *m;
	int ifindex;
};

/* Marks A_READY each A_NODAD address that the dump shows out of tentative. */
static int mip_ready_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *l = mip_addr_local(nlh);
	struct mip_seen *s = arg;
	struct mip_list *al = &s->m->addrs;
	unsigned int i;

	if (nlh->nlmsg_type != RTM_NEWADDR || !l ||
	    ifa->ifa_index != (unsigned int)s->ifindex ||
	    (mip_addr_flags(nlh) & IFA_F_TENTATIVE))
		return MNL_CB_OK;
	for (i = 0; i < al->n; i++) {
		const struct nlattr *al_l = mip_addr_local(al->v[i].nlh);

		if ((al->v[i].state & A_NODAD) &&
		    ifa_of(&al->v[i])->ifa_family == ifa->ifa_family &&
		    mnl_attr_get_payload_len(al_l) == mnl_attr_get_payload_len(l) &&
		    !memcmp(mnl_attr_get_payload(al_l), mnl_attr_get_payload(l),
			    mnl_attr_get_payload_len(l)))
			al->v[i].state |= A_READY;
	}
	return MNL_CB_OK;
}

static int mip_dump_addrs(struct mip *m, mnl_cb_t cb, void *arg)
{
	int err, tries;

	for (tries = 0; tries < MIP_TRIES; tries++) {
		struct nlmsghdr *nlh = mip_req(m, RTM_GETADDR, NLM_F_DUMP);
		struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

		ifa->ifa_family = AF_UNSPEC;
		if (cb == mip_addr_cb)
			mip_forget(&m->addrs);
		err = mip_call(m, cb, arg);
		if (err != -EINTR)
			break;
	}
	return err;
}

/*
 * The kernel's DAD work takes the NODAD addresses out of tentative at once,
 * but after the request's ack; a route whose source is one of them is
 * refused until then.  Then each gets its own flags back (a replace clears
 * IFA_F_NODAD without starting DAD).
 */
static int mip_settle(struct mip *m, int side)
{
	struct mip_seen s = { m, m->ifindex[side] };
	unsigned int i, waiting;
	char name[64];
	int err, t;

	for (t = 0;; t++) {
		for (waiting = i = 0; i < m->addrs.n; i++)
			if ((m->addrs.v[i].state & (A_NODAD | A_READY)) == A_NODAD)
				waiting = i + 1;
		if (!waiting)
			break;
		if (t == MIP_SETTLE)
			return mip_fail(m, -ETIMEDOUT, "%s stays tentative on %s",
					mip_addr_name(&m->addrs.v[waiting - 1],
						      name, sizeof(name)),
					m->name[side]);
		if (t)
			usleep(10000);
		err = mip_dump_addrs(m, mip_ready_cb, &s);
		if (err)
			return mip_fail(m, err, "reading %s's addresses",
					m->name[side]);
	}
	for (i = 0; i < m->addrs.n; i++) {
		struct mip_item *a = &m->addrs.v[i];

		if (!(a->state & A_NODAD))
			continue;
		a->state &= ~(A_NODAD | A_READY);
		err = mip_addr_send(m, a, RTM_NEWADDR, NLM_F_REPLACE, side,
				    mip_addr_flags(a->nlh));
		if (err) {
			mip_fail(m, err, "setting the flags of %s on %s",
				 mip_addr_name(a, name, sizeof(name)),
				 m->name[side]);
			if (!m->undoing)
				return err;
		}
	}
	return 0;
}

/*
 * Adds the addresses marked @need to @side, marking them @done: IPv4 ones
 * in their order (a primary before its secondaries), IPv6 ones in reverse
 * (the kernel puts each new address first of its scope).
 */
static int mip_addrs_add(struct mip *m, int side, unsigned int need,
			 unsigned int done)
{
	unsigned int k, n = m->addrs.n;
	char name[64];
	int err;

	for (k = 0; k < 2 * n; k++) {
		struct mip_item *a = &m->addrs.v[k < n ? k : 2 * n - 1 - k];

		if ((ifa_of(a)->ifa_family == AF_INET) != (k < n) ||
		    (need && !(a->state & need)))
			continue;
		err = mip_addr_add(m, a, side);
		if (err) {
			mip_fail(m, err, "adding %s to %s",
				 mip_addr_name(a, name, sizeof(name)),
				 m->name[side]);
			if (!m->undoing)
				return err;
			continue;
		}
		a->state |= done;
	}
	return mip_settle(m, side);
}

/* Deletes from @side the addresses marked @need, secondaries first. */
static int mip_addrs_del(struct mip *m, int side, unsigned int need,
			 unsigned int done)
{
	char name[64];
	unsigned int i;
	int err;

	for (i = m->addrs.n; i--;) {
		struct mip_item *a = &m->addrs.v[i];

		if (need && !(a->state & need))
			continue;
		err = mip_addr_send(m, a, RTM_DELADDR, 0, side,
				    mip_addr_flags(a->nlh));
		if (err) {
			mip_fail(m, err, "deleting %s from %s",
				 mip_addr_name(a, name, sizeof(name)),
				 m->name[side]);
			if (!m->undoing)
				return err;
			continue;
		}
		a->state = (a->state & ~need) | done;
	}
	return 0;
}

/* Routes. */

static const struct rtmsg *rtm_of(const struct mip_item *r)
{
	return mnl_nlmsg_get_payload(r->nlh);
}

static bool mip_route_via(const struct nlattr **tb, int ifindex)
{
	const struct rtnexthop *nh;
	int len;

	if (tb[RTA_OIF] && mnl_attr_get_u32(tb[RTA_OIF]) == (uint32_t)ifindex)
		return true;
	if (!tb[RTA_MULTIPATH])
		return false;
	nh = mnl_attr_get_payload(tb[RTA_MULTIPATH]);
	len = mnl_attr_get_payload_len(tb[RTA_MULTIPATH]);
	for (; RTNH_OK(nh, len); len -= RTNH_ALIGN(nh->rtnh_len), nh = RTNH_NEXT(nh))
		if (nh->rtnh_ifindex == ifindex)
			return true;
	return false;
}

static uint32_t mip_route_table(const struct nlmsghdr *nlh)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];

	mip_attrs(nlh, sizeof(*rtm), tb, RTA_MAX);
	return tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
}

static int mip_route_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];
	struct mip *m = arg;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	mip_attrs(nlh, sizeof(*rtm), tb, RTA_MAX);
	if (!mip_route_via(tb, m->ifindex[0]) ||
	    mip_route_table(nlh) == RT_TABLE_LOCAL || (rtm->rtm_flags & RTM_F_CLONED))
		return MNL_CB_OK;
	/*
	 * The kernel's own come back with the addresses, but for the prefix
	 * routes of IPv6 addresses of a limited lifetime: those stay behind
	 * with the prefix's lifetime when their address goes.
	 */
	if (rtm->rtm_protocol == RTPROT_KERNEL &&
	    !(rtm->rtm_family == AF_INET6 && tb[RTA_CACHEINFO] &&
	      ((const struct rta_cacheinfo *)
	       mnl_attr_get_payload(tb[RTA_CACHEINFO]))->rta_expires))
		return MNL_CB_OK;
	if (tb[RTA_NH_ID] && !m->nh_id)
		m->nh_id = mnl_attr_get_u32(tb[RTA_NH_ID]);
	return mip_keep(&m->routes, nlh);
}

static const char *mip_route_name(const struct mip_item *r, char *buf,
				  size_t len)
{
	const struct rtmsg *rtm = rtm_of(r);
	const struct nlattr *tb[RTA_MAX + 1];
	uint8_t any[16] = { 0 };
	char s[INET6_ADDRSTRLEN] = "?", table[32] = "";
	uint32_t t = mip_route_table(r->nlh);

	mip_attrs(r->nlh, sizeof(*rtm), tb, RTA_MAX);
	inet_ntop(rtm->rtm_family,
		  tb[RTA_DST] ? mnl_attr_get_payload(tb[RTA_DST]) : any, s,
		  sizeof(s));
	if (t != RT_TABLE_MAIN)
		snprintf(table, sizeof(table), " table %u", t);
	snprintf(buf, len, "route %s/%u%s", s, rtm->rtm_dst_len, table);
	return buf;
}

/*
 * Route @r as @cmd, its hops through @from going through @to instead.  Only
 * what a request takes is copied; the state flags (linkdown, offload) are
 * the kernel's to set, an IPv6 route's expiry goes from its cacheinfo's
 * clock ticks to RTA_EXPIRES's seconds.
 */
static int mip_route_send(struct mip *m, const struct mip_item *r,
			  uint16_t cmd, uint16_t nlflags, int from, int to)
{
	struct nlmsghdr *nlh = mip_req(m, cmd, nlflags);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	const struct nlattr *a;

	if (r->nlh->nlmsg_len + 64 > sizeof(m->req))
		return -EMSGSIZE;
	*rtm = *rtm_of(r);
	rtm->rtm_flags &= RTNH_F_ONLINK;
	mnl_attr_for_each(a, r->nlh, sizeof(*rtm)) {
		uint16_t type = mnl_attr_get_type(a);

		switch (type) {
		case RTA_DST:
		case RTA_SRC:
		case RTA_GATEWAY:
		case RTA_PRIORITY:
		case RTA_PREFSRC:
		case RTA_METRICS:
		case RTA_FLOW:
		case RTA_TABLE:
		case RTA_VIA:
		case RTA_NEWDST:
		case RTA_PREF:
		case RTA_ENCAP_TYPE:
		case RTA_ENCAP:
			mnl_attr_put(nlh, type, mnl_attr_get_payload_len(a),
				     mnl_attr_get_payload(a));
			break;
		case RTA_OIF:
			mnl_attr_put_u32(nlh, RTA_OIF,
					 mnl_attr_get_u32(a) == (uint32_t)from ?
					 (uint32_t)to : mnl_attr_get_u32(a));
			break;
		case RTA_MULTIPATH: {
			const struct rtnexthop *nh = mnl_attr_get_payload(a);
			int len = mnl_attr_get_payload_len(a);
			struct nlattr *mp = mnl_nlmsg_get_payload_tail(nlh);

			/* Not mnl_attr_nest_start(): not NLA_F_NESTED. */
			mp->nla_type = RTA_MULTIPATH;
			nlh->nlmsg_len += MNL_ATTR_HDRLEN;
			for (; RTNH_OK(nh, len);
			     len -= RTNH_ALIGN(nh->rtnh_len), nh = RTNH_NEXT(nh)) {
				struct rtnexthop *c = mnl_nlmsg_get_payload_tail(nlh);

				memcpy(c, nh, nh->rtnh_len);
				if (c->rtnh_ifindex == from)
					c->rtnh_ifindex = to;
				c->rtnh_flags &= RTNH_F_ONLINK;
				nlh->nlmsg_len += RTNH_ALIGN(nh->rtnh_len);
			}
			mp->nla_len = (char *)mnl_nlmsg_get_payload_tail(nlh) -
				      (char *)mp;
			break;
		}
		case RTA_CACHEINFO: {
			const struct rta_cacheinfo *ci = mnl_attr_get_payload(a);
			long hz = sysconf(_SC_CLK_TCK);

			if (rtm->rtm_family == AF_INET6 && ci->rta_expires > 0)
				mnl_attr_put_u32(nlh, RTA_EXPIRES,
						 (ci->rta_expires + hz - 1) / hz);
			break;
		}
		}
	}
	return mip_call(m, NULL, NULL);
}

/*
 * Adds the routes marked @need, with their hops through @from going through
 * @to, marking them @done, or @there where the same route is there already.
 * A gateway may be reachable only by another of them: what is refused is
 * tried again while the others make progress.  IPv4 appends, as IPv4 routes
 * of the same key may stand one after another.
 */
static int mip_routes_add(struct mip *m, int from, int to, unsigned int need,
			  unsigned int done, unsigned int there)
{
	struct mip_item *bad;
	char name[80], ext[sizeof(m->ext)];
	bool progress;
	int err, bad_err = 0;

	do {
		unsigned int i;

		bad = NULL;
		progress = false;
		for (i = 0; i < m->routes.n; i++) {
			struct mip_item *r = &m->routes.v[i];

			if (!(r->state & need) || (r->state & (done | there)))
				continue;
			err = mip_route_send(m, r, RTM_NEWROUTE, NLM_F_CREATE |
					     (rtm_of(r)->rtm_family == AF_INET ?
					      NLM_F_APPEND : 0), from, to);
			if (err && err != -EEXIST) {
				bad = r;
				bad_err = err;
				memcpy(ext, m->ext, sizeof(ext));
				continue;
			}
			r->state |= err ? there : done;
			progress = true;
		}
	} while (bad && progress);
	if (!bad)
		return 0;
	memcpy(m->ext, ext, sizeof(ext));
	return mip_fail(m, bad_err, "adding %s via %s",
			mip_route_name(bad, name, sizeof(name)),
			m->name[to == m->ifindex[1]]);
}

/* Are attribute @type's of @a and of @b the same, or both absent? */
static bool mip_attr_same(const struct nlattr **a, const struct nlattr **b,
			  int type)
{
	if (!a[type] || !b[type])
		return !a[type] && !b[type];
	return mnl_attr_get_payload_len(a[type]) == mnl_attr_get_payload_len(b[type]) &&
	       !memcmp(mnl_attr_get_payload(a[type]), mnl_attr_get_payload(b[type]),
		       mnl_attr_get_payload_len(a[type]));
}

/* A hop's device as mip_route_send() gives it: @from's as @to's. */
static uint32_t mip_hop_dev(uint32_t ifindex, int from, int to)
{
	return ifindex == (uint32_t)from ? (uint32_t)to : ifindex;
}

/* Is the dumped @nlh route @r, its hops through @from going through @to? */
static bool mip_route_same(const struct nlmsghdr *nlh, const struct mip_item *r,
			   int from, int to)
{
	static const int keys[] = { RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PRIORITY,
				    RTA_PREFSRC, RTA_VIA, RTA_PREF };
	const struct rtmsg *a = mnl_nlmsg_get_payload(nlh), *b = rtm_of(r);
	const struct nlattr *ta[RTA_MAX + 1], *tb[RTA_MAX + 1];
	const struct rtnexthop *ha, *hb;
	int la, lb;
	unsigned int k;

	if (a->rtm_family != b->rtm_family || a->rtm_dst_len != b->rtm_dst_len ||
	    a->rtm_src_len != b->rtm_src_len || a->rtm_tos != b->rtm_tos ||
	    a->rtm_type != b->rtm_type || a->rtm_scope != b->rtm_scope ||
	    a->rtm_protocol != b->rtm_protocol ||
	    mip_route_table(nlh) != mip_route_table(r->nlh))
		return false;
	mip_attrs(nlh, sizeof(*a), ta, RTA_MAX);
	mip_attrs(r->nlh, sizeof(*b), tb, RTA_MAX);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (!mip_attr_same(ta, tb, keys[k]))
			return false;
	if (!ta[RTA_OIF] != !tb[RTA_OIF] ||
	    (ta[RTA_OIF] && mnl_attr_get_u32(ta[RTA_OIF]) !=
	     mip_hop_dev(mnl_attr_get_u32(tb[RTA_OIF]), from, to)))
		return false;
	if (!ta[RTA_MULTIPATH] || !tb[RTA_MULTIPATH])
		return !ta[RTA_MULTIPATH] && !tb[RTA_MULTIPATH];
	ha = mnl_attr_get_payload(ta[RTA_MULTIPATH]);
	la = mnl_attr_get_payload_len(ta[RTA_MULTIPATH]);
	hb = mnl_attr_get_payload(tb[RTA_MULTIPATH]);
	lb = mnl_attr_get_payload_len(tb[RTA_MULTIPATH]);
	for (; RTNH_OK(ha, la) && RTNH_OK(hb, lb);
	     la -= RTNH_ALIGN(ha->rtnh_len), ha = RTNH_NEXT(ha),
	     lb -= RTNH_ALIGN(hb->rtnh_len), hb = RTNH_NEXT(hb))
		if (ha->rtnh_len != hb->rtnh_len || ha->rtnh_hops != hb->rtnh_hops ||
		    (uint32_t)ha->rtnh_ifindex != mip_hop_dev(hb->rtnh_ifindex, from, to) ||
		    memcmp(RTNH_DATA(ha), RTNH_DATA(hb), ha->rtnh_len - sizeof(*ha)))
			return false;
	return !RTNH_OK(ha, la) && !RTNH_OK(hb, lb);
}

struct mip_find {
	const struct mip_item *r;
	int from, to;
	bool found;
};

static int mip_find_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct mip_find *f = arg;

	if (nlh->nlmsg_type == RTM_NEWROUTE && mip_route_same(nlh, f->r, f->from, f->to))
		f->found = true;
	return MNL_CB_OK;
}

/*
 * Whether route @r, its hops through @from going through @to, is there:
 * 1 or 0, or a negative errno when the dumps fail.
 */
static int mip_route_there(struct mip *m, const struct mip_item *r, int from,
			   int to)
{
	struct mip_find f = { r, from, to, false };
	int err = -EINTR, tries;

	for (tries = 0; tries < MIP_TRIES && err == -EINTR; tries++) {
		struct nlmsghdr *nlh = mip_req(m, RTM_GETROUTE, NLM_F_DUMP);
		struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

		rtm->rtm_family = rtm_of(r)->rtm_family;
		f.found = false;
		err = mip_call(m, mip_find_cb, &f);
	}
	return err ? err : f.found;
}

static int mip_routes_del(struct mip *m, int from, int to, int side,
			  unsigned int need, unsigned int done)
{
	char name[80];
	unsigned int i;
	int err;

	for (i = 0; i < m->routes.n; i++) {
		struct mip_item *r = &m->routes.v[i];

		if (need && !(r->state & need))
			continue;
		err = mip_route_send(m, r, RTM_DELROUTE, 0, from, to);
		/* Its ack lost: whether it went, the table says. */
		if (err == -ENOBUFS) {
			err = mip_route_there(m, r, from, to);
			err = err > 0 ? -ENOBUFS : err;
		}
		if (err) {
			mip_fail(m, err, "deleting %s via %s",
				 mip_route_name(r, name, sizeof(name)),
				 m->name[side]);
			if (!m->undoing)
				return err;
			continue;
		}
		r->state = (r->state & ~need) | done;
	}
	return 0;
}

static int mip_dump_routes(struct mip *m)
{
	static const uint8_t families[] = { AF_INET, AF_INET6 };
	int err = 0, tries;
	unsigned int f;

	for (tries = 0; tries < MIP_TRIES; tries++) {
		mip_forget(&m->routes);
		m->nh_id = 0;
		for (f = 0; f < sizeof(families); f++) {
			struct nlmsghdr *nlh = mip_req(m, RTM_GETROUTE, NLM_F_DUMP);
			struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

			rtm->rtm_family = families[f];
			err = mip_call(m, mip_route_cb, m);
			/* A host without IPv6 has no IPv6 routes. */
			if (err == -EAFNOSUPPORT)
				err = 0;
			if (err)
				break;
		}
		if (err != -EINTR)
			break;
	}
	return err;
}

/* Neighbours. */

/* Keeps the dynamic neighbour entries of m->ifindex[0] in m->addrs. */
static int mip_neigh_cb(const struct nlmsghdr *nlh, void *arg)
{
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1];
	struct mip *m = arg;

	if (nlh->nlmsg_type != RTM_NEWNEIGH ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ndm)) ||
	    ndm->ndm_ifindex != m->ifindex[0] ||
	    (ndm->ndm_state & (NUD_PERMANENT | NUD_NOARP)) ||
	    (ndm->ndm_flags & (NTF_PROXY | NTF_EXT_LEARNED)))
		return MNL_CB_OK;
	/* Nor those another owner keeps: managed ones are the user's. */
	mip_attrs(nlh, sizeof(*ndm), tb, NDA_MAX);
	if (tb[NDA_FLAGS_EXT] && (mnl_attr_get_u32(tb[NDA_FLAGS_EXT]) & NTF_EXT_MANAGED))
		return MNL_CB_OK;
	return mip_keep(&m->addrs, nlh);
}

static void mip_close(struct mip *m)
{
	mip_forget(&m->addrs);
	mip_forget(&m->routes);
	if (m->sock)
		mnl_socket_close(m->sock);
	free(m);
}

/* The move, and its undo. */

static int mip_forward(struct mip *m)
{
	const int from = m->ifindex[0], to = m->ifindex[1];
	int err;

	if (!m->was_up) {
		err = mip_set_up(m, to, true);
		if (err)
			return mip_fail(m, err, "setting %s up", m->name[1]);
	}
	err = mip_addrs_add(m, 1, 0, A_TO);
	if (!err)
		err = mip_routes_del(m, from, from, 0, 0, R_GONE);
	if (!err)
		err = mip_routes_add(m, from, to, R_GONE, R_TO, R_THERE);
	if (!err)
		err = mip_addrs_del(m, 0, 0, A_GONE);
	return err;
}

/* In reverse, what mip_forward() did; a failure is noted and the rest goes on. */
static void mip_undo(struct mip *m)
{
	const int from = m->ifindex[0], to = m->ifindex[1];
	unsigned int i;
	int err;

	m->undoing = true;
	for (i = 0; i < m->addrs.n; i++)
		m->addrs.v[i].state &= ~(A_NODAD | A_READY);
	mip_routes_del(m, from, to, 1, R_TO, 0);
	mip_addrs_add(m, 0, A_GONE, 0);
	mip_routes_add(m, from, from, R_GONE, R_BACK, R_BACK);
	mip_addrs_del(m, 1, A_TO, 0);
	err = m->was_up ? 0 : mip_set_up(m, to, false);
	if (err)
		mip_fail(m, err, "setting %s down", m->name[1]);
}

/* A struct mip with its rtnetlink socket, or NULL with @err said. */
static struct mip *mip_open(const char *from, const char *to, char *err,
			    size_t errlen)
{
	struct mip *m = calloc(1, sizeof(*m));

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->name[0] = from;
	m->name[1] = to;
	m->err = err;
	m->errlen = errlen;
	m->seq = time(NULL);
	if (mip_socket(m)) {
		mip_fail(m, -errno, "rtnetlink socket");
		mip_close(m);
		return NULL;
	}
	return m;
}

/*
 * While a switch had the uplink, what the uplink received went to the
 * switch: an ARP reply or neighbour advertisement to a resolution the
 * uplink started after its addresses came back reached the host vNIC, and
 * the uplink's entry waits out its retransmit timer.  Its dynamic entries
 * are deleted, so that the next packet resolves afresh.
 */
int vsw_neigh_flush(const char *dev, char *err, size_t errlen)
{
	struct mip *m = mip_open(dev, dev, err, errlen);
	struct mip_link l;
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	unsigned int i;
	int ret;

	if (!m)
		return -1;
	ret = mip_link(m, dev, &l);
	if (ret) {
		mip_fail(m, ret, "%s", dev);
		goto out;
	}
	m->ifindex[0] = l.ifindex;
	ret = -EINTR;
	for (i = 0; i < MIP_TRIES && ret == -EINTR; i++) {
		nlh = mip_req(m, RTM_GETNEIGH, NLM_F_DUMP);
		ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
		ndm->ndm_family = AF_UNSPEC;
		mip_forget(&m->addrs);
		ret = mip_call(m, mip_neigh_cb, m);
	}
	if (ret) {
		mip_fail(m, ret, "reading %s's neighbours", dev);
		goto out;
	}
	for (i = 0; i < m->addrs.n; i++) {
		const struct nlmsghdr *n = m->addrs.v[i].nlh;
		const struct nlattr *tb[NDA_MAX + 1];

		mip_attrs(n, sizeof(*ndm), tb, NDA_MAX);
		if (!tb[NDA_DST])
			continue;
		nlh = mip_req(m, RTM_DELNEIGH, 0);
		ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
		ndm->ndm_family = ((const struct ndmsg *)mnl_nlmsg_get_payload(n))->ndm_family;
		ndm->ndm_ifindex = l.ifindex;
		mnl_attr_put(nlh, NDA_DST, mnl_attr_get_payload_len(tb[NDA_DST]),
			     mnl_attr_get_payload(tb[NDA_DST]));
		ret = mip_call(m, NULL, NULL);
		/* One that went by itself meanwhile is no failure. */
		if (ret && ret != -ENOENT) {
			mip_fail(m, ret, "deleting a neighbour of %s", dev);
			goto out;
		}
		ret = 0;
	}
out:
	mip_close(m);
	return ret ? -1 : 0;
}

int vsw_move_ip(const char *from, const char *to, char *err, size_t errlen)
{
	struct mip *m = mip_open(from, to, err, errlen);
	struct mip_link l[2];
	bool undone = true;
	char name[64];
	unsigned int i;
	int ret;

	if (!m)
		return -1;
	for (i = 0; i < 2; i++) {
		ret = mip_link(m, m->name[i], &l[i]);
		if (ret) {
			mip_fail(m, ret, "%s", m->name[i]);
			goto out;
		}
		m->ifindex[i] = l[i].ifindex;
	}
	m->was_up = l[1].flags & IFF_UP;
	ret = mip_dump_routes(m);
	if (ret) {
		mip_fail(m, ret, "reading the routes");
		goto out;
	}
	ret = mip_dump_addrs(m, mip_addr_cb, m);
	if (ret) {
		mip_fail(m, ret, "reading %s's addresses", from);
		goto out;
	}
	/* What cannot be moved is refused before anything changes. */
	if (m->nh_id) {
		ret = -EOPNOTSUPP;
		snprintf(err, errlen,
			 "a route through %s uses nexthop object %u, which move-ip does not move",
			 from, m->nh_id);
		goto out;
	}
	for (i = 0; i < m->addrs.n; i++) {
		const struct nlattr *tb[IFA_MAX + 1];
		char label[IFNAMSIZ];

		mip_attrs(m->addrs.v[i].nlh, sizeof(struct ifaddrmsg), tb, IFA_MAX);
		if (tb[IFA_LABEL] &&
		    mip_label(m, mnl_attr_get_str(tb[IFA_LABEL]), 1, label)) {
			ret = -ENAMETOOLONG;
			snprintf(err, errlen,
				 "the label %s of %s would not fit %s's name",
				 mnl_attr_get_str(tb[IFA_LABEL]),
				 mip_addr_name(&m->addrs.v[i], name, sizeof(name)), to);
			goto out;
		}
	}
	ret = mip_forward(m);
	if (ret) {
		mip_undo(m);
		if (*m->undo_err) {
			size_t n = strlen(err);

			snprintf(err + n, errlen - n, "; undoing it failed too: %s",
				 m->undo_err);
			undone = false;
		}
	}
out:
	mip_close(m);
	return ret ? (undone ? -1 : -2) : 0;
}
