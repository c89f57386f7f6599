// SPDX-License-Identifier: GPL-2.0
/*
 * Storm control and policing: token buckets on what a port sends, frames
 * a second for broadcast, multicast and unknown unicast (storm-limit), bits
 * a second for all (max-rate).  A frame above the limit is dropped.
 *
 * A bucket's tokens are shared, in one atomic; each CPU takes a share of
 * them at a time and spends it without touching the shared line, so there
 * is no lock and, on most frames, no shared write.  What the CPUs hold
 * unspent is at most a share each, a sixteenth of the burst: the limit
 * holds to that over any second.  Tokens are added by whichever CPU runs
 * short, for the time since the last add, exactly (the time of the tokens
 * added is carried, not rounded away).
 */
#include <linux/math64.h>
#include <linux/netdevice.h>
#include <kunit/visibility.h>
#include "vsw.h"

/*
 * storm-limit's bucket holds a tenth of a second's frames.  max-rate's holds
 * a second's bits, as policers are sized: a TCP stream of 64 KiB GSO frames
 * through a tenth of a second's bucket keeps far below the rate.
 */
#define VSW_BURST_DIV		10
#define VSW_SHARE_DIV		16
/* At least two 64 KiB GSO frames' bits, so a slow rate passes them. */
#define VSW_RATE_BURST_MIN	(2 * 65536 * 8)

u64 vsw_bucket_burst(u64 rate, bool bits)
{
	u64 burst = bits ? rate : div_u64(rate, VSW_BURST_DIV);

	/* A full bucket and a refill's tokens must still fit an s64. */
	return clamp_t(u64, burst, bits ? VSW_RATE_BURST_MIN : 1, S64_MAX / 2);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_bucket_burst);

void vsw_bucket_reset(struct vsw_bucket *b, u64 burst, u64 now)
{
	atomic64_set(&b->tokens, burst);
	atomic64_set(&b->stamp, now);
}
EXPORT_SYMBOL_IF_KUNIT(vsw_bucket_reset);

/* Tokens for the time since the last add, up to @burst. */
static void vsw_bucket_fill(struct vsw_bucket *b, u64 rate, u64 burst, u64 now)
{
	s64 stamp = atomic64_read(&b->stamp), next, tokens;
	u64 dt = now - stamp, add;

	if ((s64)dt <= 0)
		return;
	/*
	 * A second or more fills a bucket of a second's tokens or fewer.
	 * max-rate's 1 Mbit bucket under 1 Mbit/s takes longer, counted:
	 * under 2^20 bit/s, years of ns times the rate fit a u64.
	 */
	if (dt >= NSEC_PER_SEC && burst <= rate) {
		add = burst;
		next = now;
	} else {
		add = mul_u64_u64_div_u64(dt, rate, NSEC_PER_SEC);
		if (!add)
			return;
		/* The time of all of them: what the burst cuts off is gone. */
		next = stamp + mul_u64_u64_div_u64(add, NSEC_PER_SEC, rate);
		/* At most a burst: a full bucket plus it still fits an s64. */
		add = min(add, burst);
	}
	/* One CPU adds for a given time; one that raced it adds nothing. */
	if (!atomic64_try_cmpxchg(&b->stamp, &stamp, next))
		return;
	tokens = atomic64_read(&b->tokens);
	while (!atomic64_try_cmpxchg(&b->tokens, &tokens,
				     min_t(s64, tokens + add, burst)))
		;
}

/*
 * Take @cost tokens, this CPU's share at @local having run short: false if
 * the bucket has too few (the frame is above the limit).
 */
bool __vsw_bucket_take(struct vsw_bucket *b, s64 *local, u64 rate, u64 burst,
		       u64 cost, u64 now)
{
	s64 want, have, got;

	vsw_bucket_fill(b, rate, burst, now);
	want = max_t(s64, cost - *local, div_u64(burst, VSW_SHARE_DIV));
	have = atomic64_read(&b->tokens);
	do {
		if (have + *local < (s64)cost)
			return false;
		got = min(have, want);
	} while (!atomic64_try_cmpxchg(&b->tokens, &have, have - got));
	*local += got - cost;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(__vsw_bucket_take);

static bool vsw_bucket_take(struct vsw_bucket *b, s64 *local, u64 rate,
			    u64 burst, u64 cost)
{
	if (likely(*local >= (s64)cost)) {
		*local -= cost;
		return true;
	}
	return __vsw_bucket_take(b, local, rate, burst, cost, ktime_get_ns());
}

/*
 * 0 if @port may send @skb, or the limit it is above; @flood: broadcast,
 * multicast or unknown unicast.  In softirq, or with BH off.
 */
enum vsw_drops_attr vsw_police(struct vsw_port *port,
			       const struct vsw_port_cfg *cfg,
			       const struct sk_buff *skb, bool flood)
{
	struct vsw_police_cpu *pc = this_cpu_ptr(port->police);

	if ((cfg->police & VSW_POLICE_STORM) && flood &&
	    !vsw_bucket_take(&port->storm, &pc->storm, cfg->storm_limit,
			     cfg->storm_burst, 1))
		return VSW_DROPS_STORM;
	if ((cfg->police & VSW_POLICE_RATE) &&
	    !vsw_bucket_take(&port->rate, &pc->rate, cfg->max_rate,
			     cfg->rate_burst, (u64)skb->len * BITS_PER_BYTE))
		return VSW_DROPS_RATE;
	return 0;
}

/* The limits of @info on @cfg, a copy of the port's. */
void vsw_police_from_attrs(struct vsw_port_cfg *cfg, struct nlattr **attrs)
{
	if (attrs[VSW_A_PORT_STORM_LIMIT])
		cfg->storm_limit = nla_get_u32(attrs[VSW_A_PORT_STORM_LIMIT]);
	if (attrs[VSW_A_PORT_MAX_RATE])
		cfg->max_rate = nla_get_u64(attrs[VSW_A_PORT_MAX_RATE]);
	cfg->police = (cfg->storm_limit ? VSW_POLICE_STORM : 0) |
		      (cfg->max_rate ? VSW_POLICE_RATE : 0);
	cfg->storm_burst = vsw_bucket_burst(cfg->storm_limit, false);
	cfg->rate_burst = vsw_bucket_burst(cfg->max_rate, true);
}

/* Full buckets for new limits, under RTNL. */
void vsw_police_reset(struct vsw_port *port, const struct vsw_port_cfg *cfg)
{
	u64 now = ktime_get_ns();
	int cpu;

	vsw_bucket_reset(&port->storm, cfg->storm_burst, now);
	vsw_bucket_reset(&port->rate, cfg->rate_burst, now);
	for_each_possible_cpu(cpu) {
		struct vsw_police_cpu *pc = per_cpu_ptr(port->police, cpu);

		WRITE_ONCE(pc->storm, 0);
		WRITE_ONCE(pc->rate, 0);
	}
}

/*
 * The u64 goes unaligned, without a pad attribute before it: readers copy
 * it out (nla_get_u64(), libmnl), and 6.12's ynl cannot decode a pad.
 */
int vsw_police_fill(struct sk_buff *skb, const struct vsw_port_cfg *cfg)
{
	if (nla_put_u32(skb, VSW_A_PORT_STORM_LIMIT, cfg->storm_limit) ||
	    nla_put(skb, VSW_A_PORT_MAX_RATE, sizeof(cfg->max_rate),
		    &cfg->max_rate))
		return -EMSGSIZE;
	return 0;
}
