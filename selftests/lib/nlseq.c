// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim for the selftests: every netlink message a process
 * receives on a socket of the protocol NLSEQ_PROTO gets a sequence number
 * one off from the one it had, as a stale reply would have.  A tool that
 * checks its replies against its request must refuse them.
 *
 * Built by selftests/Makefile (and the rig) as lib/nlseq.so.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <sys/socket.h>

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	static ssize_t (*real)(int, struct msghdr *, int);
	struct nlmsghdr *nlh;
	socklen_t optlen = sizeof(int);
	int proto, len;
	ssize_t ret;

	if (!real)
		real = (ssize_t (*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
	ret = real(fd, msg, flags);
	if (ret <= 0 || msg->msg_iovlen != 1 ||
	    getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &proto, &optlen) ||
	    proto != NETLINK_GENERIC)
		return ret;
	len = ret;
	for (nlh = msg->msg_iov[0].iov_base; NLMSG_OK(nlh, len);
	     nlh = NLMSG_NEXT(nlh, len))
		if (nlh->nlmsg_seq)
			nlh->nlmsg_seq++;
	return ret;
}
