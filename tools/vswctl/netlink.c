// SPDX-License-Identifier: GPL-2.0
/* vswctl: talking to the vsw generic netlink family with libmnl. */
#define _GNU_SOURCE	/* recvmmsg */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "vswctl.h"

struct vsw_nl {
	struct mnl_socket *sock;
	uint16_t family;
	uint32_t mcgrp;
	uint32_t seq;
	/*
	 * The request, kept apart from the replies that follow it: their
	 * sequence numbers are checked against its own.
	 */
	char req[4096];
	/* A dump's datagram, at most 32 KB (MNL's size is not a constant). */
	char buf[32768];
};

struct nlmsghdr *vsw_nl_req(struct vsw_nl *nl, int cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->req);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = VSW_GENL_VERSION;
	return nlh;
}

/* ", MIN to MAX" from the policy netlink sends back with a rejected value. */
static void vsw_nl_policy_range(const struct nlattr *policy, char *buf,
				size_t len)
{
	unsigned long long min = 0, max = 0;
	bool has_min = false, has_max = false;
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, policy) {
		switch (mnl_attr_get_type(a)) {
		case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
			min = mnl_attr_get_u64(a);
			has_min = true;
			break;
		case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
			max = mnl_attr_get_u64(a);
			has_max = true;
			break;
		}
	}
	if (has_min && has_max)
		snprintf(buf, len, ", %llu to %llu", min, max);
}

/*
 * A refusal, from an error ack or a dump's DONE: print the extack message
 * (the TLVs from @off on), or strerror.  Netlink's own policy checks say
 * only what is wrong ("integer out of range"): with @req, the request as the
 * ack echoes it, the argument is named from the attribute they point at,
 * and the range is taken from the policy that comes back.
 */
static void __attribute__((noreturn))
vsw_nl_refused(const struct nlmsghdr *nlh, unsigned int off, int error,
	       const struct nlmsghdr *req)
{
	const struct nlattr *policy = NULL, *attr;
	const char *msg = NULL, *word = NULL;
	char range[64] = "";
	uint32_t bad = 0;

	mnl_attr_for_each(attr, nlh, off) {
		switch (mnl_attr_get_type(attr)) {
		case NLMSGERR_ATTR_MSG:
			msg = mnl_attr_get_str(attr);
			break;
		case NLMSGERR_ATTR_OFFS:
			bad = mnl_attr_get_u32(attr);
			break;
		case NLMSGERR_ATTR_POLICY:
			policy = attr;
			break;
		}
	}
	if (req && policy && bad &&
	    bad + sizeof(struct nlattr) <= req->nlmsg_len) {
		const struct nlattr *a = (const void *)((const char *)req + bad);
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= VSW_A_MAX)
			word = vsw_attr_words[type];
		vsw_nl_policy_range(policy, range, sizeof(range));
	}
	if (msg && word)
		vsw_fatal("%s: %s%s (%s)", word, msg, range, strerror(-error));
	if (msg)
		vsw_fatal("%s (%s)", msg, strerror(-error));
	vsw_fatal("%s", strerror(-error));
}

static int vsw_nl_error(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	bool capped = nlh->nlmsg_flags & NLM_F_CAPPED;
	unsigned int off = sizeof(*err);

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err)))
		vsw_fatal("truncated netlink error");
	if (!err->error)
		return MNL_CB_STOP;
	if (!capped)
		off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
	vsw_nl_refused(nlh, off, err->error, capped ? NULL : &err->msg);
}

struct vsw_cb_ctx {
	void (*cb)(const struct vsw_obj *o, void *arg);
	void *arg;
};

static int vsw_nl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vsw_cb_ctx *ctx = data;
	struct vsw_obj o;

	vsw_obj_parse(nlh, &o);
	if (ctx->cb)
		ctx->cb(&o, ctx->arg);
	return MNL_CB_OK;
}

static int vsw_nl_err_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	return vsw_nl_error(nlh);
}

static int vsw_nl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	const int *err = mnl_nlmsg_get_payload(nlh);

	(void)data;
	/* A dump refused at its start ends with an error in DONE. */
	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(int)) && *err < 0)
		vsw_nl_refused(nlh, sizeof(int), *err, NULL);
	return MNL_CB_STOP;
}

static mnl_cb_t vsw_nl_ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = vsw_nl_err_cb,
	[NLMSG_DONE] = vsw_nl_done_cb,
};

/*
 * libmnl stops a dump at a message marked NLM_F_DUMP_INTR, with EINTR.  Its
 * entries are still the table's, but for one that may be missing or listed
 * twice: take the mark off, print them all and say so, as ip does.
 */
static bool vsw_nl_take_intr(void *buf, int len)
{
	struct nlmsghdr *nlh = buf;
	bool intr = false;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
			nlh->nlmsg_flags &= ~NLM_F_DUMP_INTR;
			intr = true;
		}
	}
	return intr;
}

static void vsw_nl_send_recv(struct vsw_nl *nl, struct nlmsghdr *req,
			     mnl_cb_t data_cb, void *data)
{
	uint32_t portid = mnl_socket_get_portid(nl->sock);
	bool dump = (req->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	bool intr = false, replied = false, lost = false;
	int ret;

	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		vsw_fatal("netlink send: %s", strerror(errno));
	do {
		ret = lost ? recv(mnl_socket_get_fd(nl->sock), nl->buf,
				  sizeof(nl->buf), MSG_DONTWAIT) :
			     mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		/*
		 * The kernel could not allocate its ack.  The socket says so
		 * before what it queued earlier: a doit's reply, still to
		 * read, says the command was done.
		 */
		if (ret < 0 && errno == ENOBUFS && !dump && !lost) {
			lost = true;
			ret = 1;
			continue;
		}
		if (ret < 0 && lost && errno == EAGAIN) {
			if (replied)
				return;
			vsw_fatal("netlink receive: %s: the kernel's answer was lost, and the command may have been done",
				  strerror(ENOBUFS));
		}
		if (ret < 0)
			vsw_fatal("netlink receive: %s", strerror(errno));
		replied |= ((struct nlmsghdr *)nl->buf)->nlmsg_type >= NLMSG_MIN_TYPE;
		intr |= vsw_nl_take_intr(nl->buf, ret);
		ret = mnl_cb_run2(nl->buf, ret, req->nlmsg_seq, portid,
				  data_cb, data, vsw_nl_ctl_cbs,
				  MNL_ARRAY_SIZE(vsw_nl_ctl_cbs));
	} while (ret > 0);
	if (ret < 0)
		vsw_fatal("netlink: %s", strerror(errno));
	if (intr)
		fprintf(stderr,
			"vswctl: the table changed under the dump: an entry may be missing or listed twice\n");
}

void vsw_nl_run(struct vsw_nl *nl, struct nlmsghdr *req,
		void (*cb)(const struct vsw_obj *o, void *arg), void *arg)
{
	struct vsw_cb_ctx ctx = { cb, arg };

	vsw_nl_send_recv(nl, req, vsw_nl_data_cb, &ctx);
}

static int vsw_nl_grp_cb(const struct nlattr *attr, void *data)
{
	struct vsw_nl *nl = data;
	struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, attr)
		if (mnl_attr_get_type(a) <= CTRL_ATTR_MCAST_GRP_MAX)
			tb[mnl_attr_get_type(a)] = (struct nlattr *)a;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
		    VSW_GENL_MCGRP_EVENTS))
		nl->mcgrp = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int vsw_nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vsw_nl *nl = data;
	struct nlattr *attr, *grp;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID)
			nl->family = mnl_attr_get_u16(attr);
		if (mnl_attr_get_type(attr) == CTRL_ATTR_MCAST_GROUPS)
			mnl_attr_for_each_nested(grp, attr)
				vsw_nl_grp_cb(grp, nl);
	}
	return MNL_CB_OK;
}

struct vsw_nl *vsw_nl_open(void)
{
	struct vsw_nl *nl = calloc(1, sizeof(*nl));
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;
	int one = 1;

	if (!nl)
		vsw_fatal("out of memory");
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock || mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		vsw_fatal("netlink socket: %s", strerror(errno));
	/* Errors echo the request: vsw_nl_error() names the attribute in it. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	nl->seq = time(NULL);

	nlh = mnl_nlmsg_put_header(nl->req);
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_GETFAMILY;
	genl->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VSW_GENL_NAME);
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		vsw_fatal("netlink send: %s", strerror(errno));
	for (;;) {
		int ret = mnl_socket_recvfrom(nl->sock, nl->buf, sizeof(nl->buf));
		const struct nlmsghdr *r = (struct nlmsghdr *)nl->buf;

		if (ret < 0)
			vsw_fatal("netlink receive: %s", strerror(errno));
		if (r->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(r);

			if (e->error == -ENOENT)
				vsw_fatal("the vsw module is not loaded (modprobe vsw)");
			if (e->error)
				vsw_fatal("%s", strerror(-e->error));
			break;
		}
		mnl_cb_run(nl->buf, ret, 0, 0, vsw_nl_family_cb, nl);
	}
	if (!nl->family)
		vsw_fatal("the vsw module is not loaded (modprobe vsw)");
	return nl;
}

/*
 * A learning storm is hundreds of thousands of events a second: read every
 * queued datagram in one recvmmsg() and write the lines once per read, and
 * ask for a receive queue deep enough to ride out a burst (as `ip monitor`).
 */
#define VSW_MON_MSGS	64
#define VSW_MON_MSGLEN	32768
#define VSW_MON_RCVBUF	(4 << 20)
#define VSW_MON_OUTBUF	(1 << 20)

void vsw_nl_monitor(struct vsw_nl *nl,
		    void (*cb)(const struct vsw_obj *o, void *arg), void *arg)
{
	struct vsw_cb_ctx ctx = { cb, arg };
	struct mmsghdr msgs[VSW_MON_MSGS];
	struct iovec iov[VSW_MON_MSGS];
	int fd = mnl_socket_get_fd(nl->sock);
	int rcvbuf = VSW_MON_RCVBUF;
	int grp = nl->mcgrp;
	char *bufs, *outbuf;
	int i;

	/* glibc takes setvbuf()'s size only with a buffer: NULL gets 4 KiB. */
	bufs = malloc((size_t)VSW_MON_MSGS * VSW_MON_MSGLEN);
	outbuf = malloc(VSW_MON_OUTBUF);
	if (!bufs || !outbuf || setvbuf(stdout, outbuf, _IOFBF, VSW_MON_OUTBUF))
		vsw_fatal("out of memory");
	/* FORCE passes rmem_max for root; others get what rmem_max allows. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &grp,
				  sizeof(grp)) < 0)
		vsw_fatal("joining the events group: %s%s", strerror(errno),
			  errno == EPERM ? " (it needs CAP_NET_ADMIN)" : "");
	for (i = 0; i < VSW_MON_MSGS; i++) {
		iov[i].iov_base = bufs + (size_t)i * VSW_MON_MSGLEN;
		iov[i].iov_len = VSW_MON_MSGLEN;
		msgs[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i],
						   .msg_iovlen = 1 };
	}
	for (;;) {
		int n = recvmmsg(fd, msgs, VSW_MON_MSGS, MSG_WAITFORONE, NULL);

		if (n < 0) {
			if (errno == ENOBUFS) {
				fprintf(stderr, "vswctl: events lost (ENOBUFS)\n");
				continue;
			}
			if (errno == EINTR)
				continue;
			vsw_fatal("netlink receive: %s", strerror(errno));
		}
		for (i = 0; i < n; i++)
			mnl_cb_run(iov[i].iov_base, msgs[i].msg_len, 0, 0,
				   vsw_nl_data_cb, &ctx);
		fflush(stdout);
	}
}

void vsw_nl_close(struct vsw_nl *nl)
{
	mnl_socket_close(nl->sock);
	free(nl);
}
