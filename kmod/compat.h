/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vsw uses of 6.12 that Debian 12's 6.1 LTS kernel spells otherwise.
 * The code is written for 6.12; each fallback here maps one newer API onto
 * the old one, chosen by the VSW_HAVE_* flags kmod/Kbuild finds in the
 * kernel's headers.  (6.1's policies point at their ranges without const:
 * Kbuild lets the generated ones, const, be taken so.)
 */
#ifndef _VSW_COMPAT_H
#define _VSW_COMPAT_H

#include <linux/atomic.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#ifdef VSW_HAVE_LINUX_UNALIGNED
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* The host vNIC: lockless xmit, and bound to the switch's netns. */
static inline void vsw_dev_set_lltx_netns_local(struct net_device *dev)
{
#ifdef VSW_HAVE_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
#if defined(VSW_HAVE_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(VSW_HAVE_NETNS_LOCAL)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/*
 * Before 6.2 an extack message had to be a string literal.  A formatted one
 * goes to one of a ring of static buffers instead: genetlink runs vsw's
 * requests one at a time and netlink copies the text into its ack right
 * after, so a buffer is reused only after seven more errors.  The last byte
 * stays NUL, so even a buffer being rewritten reads as a bounded string.
 */
#ifndef NL_SET_ERR_MSG_FMT
#define VSW_EXTACK_RING	8
#define VSW_EXTACK_LEN	80

static inline __printf(1, 2) const char *vsw_extack_fmt(const char *fmt, ...)
{
	static char ring[VSW_EXTACK_RING][VSW_EXTACK_LEN];
	static atomic_t next;
	char *buf = ring[atomic_inc_return(&next) % VSW_EXTACK_RING];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, VSW_EXTACK_LEN - 1, fmt, args);
	va_end(args);
	return buf;
}

#define NL_SET_ERR_MSG_FMT(extack, fmt, args...) do {			\
	struct netlink_ext_ack *__extack = (extack);			\
									\
	if (__extack)							\
		__extack->_msg = vsw_extack_fmt(fmt, ##args);		\
} while (0)

#define NL_SET_ERR_MSG_ATTR_FMT(extack, attr, fmt, args...) do {	\
	struct netlink_ext_ack *__extack = (extack);			\
									\
	if (__extack) {							\
		__extack->_msg = vsw_extack_fmt(fmt, ##args);		\
		__extack->bad_attr = (attr);				\
	}								\
} while (0)
#endif

#ifndef VSW_HAVE_NLA_PUT_UINT
/* A u64 counter as 4 bytes when it fits, as 6.7's NLA_UINT. */
static inline int nla_put_uint(struct sk_buff *skb, int attrtype, u64 value)
{
	u64 tmp64 = value;
	u32 tmp32 = value;

	if (tmp64 == tmp32)
		return nla_put_u32(skb, attrtype, tmp32);
	return nla_put(skb, attrtype, sizeof(u64), &tmp64);
}
#endif

/* A dump's parsed attributes. */
static inline struct nlattr **vsw_dump_attrs(struct netlink_callback *cb)
{
#ifdef VSW_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * Split ops (6.2) give a command's do and dump their own policies; before,
 * one struct genl_ops holds both.  The generated op table (netlink-gen.c)
 * is of split ops: here they are what it fills in, and netlink.c makes
 * 6.1's genl_ops of them.
 */
#ifndef VSW_HAVE_SPLIT_OPS
struct genl_split_ops {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	int (*dumpit)(struct sk_buff *skb, struct netlink_callback *cb);
	const struct nla_policy *policy;
	unsigned int maxattr;
	u8 cmd;
	u8 flags;
};
#endif

#endif /* _VSW_COMPAT_H */
