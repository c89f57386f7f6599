// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for vsw's token buckets and isolation: __vsw_bucket_take()
 * on a simulated clock (the rate over seconds in small, big and irregular
 * steps, on one CPU's share or two, a full bucket at the start and never
 * more than one after idling, rates near the limits of a u64), the burst
 * of a rate, and vsw_may_reach() for every pair of isolation settings.
 */
#include <kunit/test.h>
#include <linux/math64.h>
#include "vsw_kunit.h"

/* Any start: the clock is simulated. */
#define PT_T0		(1000 * NSEC_PER_SEC)

/* vsw_bucket_take(): the CPU's share first, the bucket when it runs short. */
static bool pt_take(struct vsw_bucket *b, s64 *local, u64 rate, u64 burst,
		    u64 cost, u64 now)
{
	if (*local >= (s64)cost) {
		*local -= cost;
		return true;
	}
	return __vsw_bucket_take(b, local, rate, burst, cost, now);
}

#define PT_CPUS		2

struct pt_rate_case {
	const char *name;
	u64 rate;
	bool bits;		/* max-rate, else storm-limit */
	u64 cost;		/* tokens a frame */
	u64 step;		/* ns between the clock's ticks */
	bool irregular;		/* steps of 1/8 to 2 @step */
	unsigned int secs;
	int cpus;		/* 0: 1 */
};

static const struct pt_rate_case pt_rate_cases[] = {
	{ "1000 frames/s, 1 us steps", 1000, false, 1, NSEC_PER_USEC, false, 2 },
	{ "1000 frames/s, 1 ms steps", 1000, false, 1, NSEC_PER_MSEC, false, 10 },
	{ "1000 frames/s, 37 ms steps", 1000, false, 1, 37 * NSEC_PER_MSEC, false, 10 },
	{ "1000 frames/s, 99 ms steps", 1000, false, 1, 99 * NSEC_PER_MSEC, false, 10 },
	{ "1000 frames/s, irregular steps", 1000, false, 1, 25 * NSEC_PER_MSEC, true, 10 },
	{ "7 frames/s (a burst of 1), 10 ms steps", 7, false, 1, 10 * NSEC_PER_MSEC, false,
	  100 },
	{ "1000 frames/s, two CPUs", 1000, false, 1, NSEC_PER_MSEC, false, 10, 2 },
	{ "1000 frames/s, two CPUs, irregular steps", 1000, false, 1, 10 * NSEC_PER_MSEC, true,
	  10, 2 },
	{ "1 Gbit/s of 1500 bytes, 10 us steps", 1000000000, true, 12000, 10 * NSEC_PER_USEC,
	  false, 2 },
	{ "1 Gbit/s of 64 bytes, 1 ms steps", 1000000000, true, 512, NSEC_PER_MSEC, false, 1 },
	{ "1 Gbit/s of 1500 bytes, two CPUs", 1000000000, true, 12000, 10 * NSEC_PER_USEC,
	  true, 5, 2 },
	{ "512 kbit/s of 1500 bytes, 10 ms steps", 512000, true, 12000, 10 * NSEC_PER_MSEC,
	  false, 20 },
	{ "512 kbit/s of 1500 bytes, 1 s steps", 512000, true, 12000, NSEC_PER_SEC, false, 20 },
	{ "512 kbit/s of 1500 bytes, 1.5 s steps", 512000, true, 12000, 1500 * NSEC_PER_MSEC,
	  false, 30 },
	{ "10 Tbit/s of 10^8 bits, 1 ms steps", 10000000000000ULL, true, 100000000,
	  NSEC_PER_MSEC, false, 10 },
	{ "10 Tbit/s of 10^8 bits, two CPUs, irregular steps", 10000000000000ULL, true,
	  100000000, 10 * NSEC_PER_MSEC, true, 10, 2 },
	{ "an odd 12345678901 bit/s, 7 ms steps", 12345678901ULL, true, 12000,
	  7 * NSEC_PER_MSEC, false, 5 },
};

static void pt_rate_desc(const struct pt_rate_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pt_rate, pt_rate_cases, pt_rate_desc);

/*
 * Frames of @c->cost offered at each tick for as long as one of the CPUs
 * takes them, the CPUs in turn: what passes over @c->secs seconds is the
 * burst the bucket starts with and the rate's tokens, to 1 %.
 */
static void police_rate(struct kunit *test)
{
	const struct pt_rate_case *c = test->param_value;
	u64 burst = vsw_bucket_burst(c->rate, c->bits);
	u64 end = PT_T0 + c->secs * NSEC_PER_SEC;
	u64 t, last = PT_T0, passed = 0, want, slack;
	int cpus = c->cpus ?: 1, i = 0;
	s64 local[PT_CPUS] = {};
	struct vsw_bucket b;
	unsigned long cap;

	/* More than a tick can pass: a limit that does not hold. */
	cap = 2 * div64_u64(burst + mul_u64_u64_div_u64(c->rate, 2 * c->step,
							NSEC_PER_SEC),
			    c->cost) + 2 * cpus + 2;
	vsw_bucket_reset(&b, burst, PT_T0);
	for (t = PT_T0; t <= end; i++) {
		unsigned long n = 0;
		int refused = 0, cpu = 0;

		while (refused < cpus) {
			if (pt_take(&b, &local[cpu], c->rate, burst, c->cost, t)) {
				passed += c->cost;
				refused = 0;
			} else {
				refused++;
			}
			cpu = (cpu + 1) % cpus;
			if (++n > cap) {
				KUNIT_FAIL(test, "more than %lu frames at %llu ns", cap,
					   t - PT_T0);
				return;
			}
		}
		last = t;
		t += c->irregular ? c->step * (i * 37 % 16 + 1) / 8 : c->step;
	}
	want = mul_u64_u64_div_u64(c->rate, last - PT_T0, NSEC_PER_SEC);
	slack = want / 100;
	KUNIT_EXPECT_GE_MSG(test, passed, burst + want - slack,
			    "burst %llu, the rate's %llu", burst, want);
	KUNIT_EXPECT_LE_MSG(test, passed, burst + want + slack,
			    "burst %llu, the rate's %llu", burst, want);
	/* What a CPU holds unspent is less than a share and a frame. */
	for (i = 0; i < cpus; i++) {
		KUNIT_EXPECT_GE(test, local[i], 0);
		KUNIT_EXPECT_LT(test, local[i], (s64)(burst / 16 + c->cost));
	}
}

/* Frames of @cost at @now on @cpus CPUs in turn until all are refused. */
static u64 pt_drain(struct vsw_bucket *b, s64 *local, int cpus, u64 rate,
		    u64 burst, u64 cost, u64 now)
{
	int refused = 0, cpu = 0;
	u64 passed = 0;

	while (refused < cpus && passed <= 4 * burst) {
		if (pt_take(b, &local[cpu], rate, burst, cost, now)) {
			passed += cost;
			refused = 0;
		} else {
			refused++;
		}
		cpu = (cpu + 1) % cpus;
	}
	return passed;
}

/* A new bucket holds its burst, and not a token more. */
static void police_starts_full(struct kunit *test)
{
	s64 local[PT_CPUS] = {};
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 100, PT_T0);
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 1, 1000, 100, 1, PT_T0), 100);
	vsw_bucket_reset(&b, 100000000, PT_T0);
	/* 8333 frames of 12000 bits; 4000 left, too few for one more. */
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 1, 1000000000, 100000000, 12000,
				       PT_T0), 8333 * 12000);
}

/* A full bucket, idle, holds its burst still. */
static void police_full_stays_full(struct kunit *test)
{
	static const u64 idle[] = {
		NSEC_PER_MSEC, 50 * NSEC_PER_MSEC, 500 * NSEC_PER_MSEC, 5 * NSEC_PER_SEC,
	};
	s64 local[PT_CPUS] = {};
	struct vsw_bucket b;
	int i;

	for (i = 0; i < ARRAY_SIZE(idle); i++) {
		vsw_bucket_reset(&b, 100, PT_T0);
		KUNIT_EXPECT_EQ_MSG(test, pt_drain(&b, local, 1, 1000, 100, 1,
						   PT_T0 + idle[i]), 100,
				    "after %llu ns", idle[i]);
	}
}

/* A CPU takes a sixteenth of the burst at a time, what it holds unspent. */
static void police_share_is_a_sixteenth(struct kunit *test)
{
	s64 local = 0;
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 1600, PT_T0);
	KUNIT_EXPECT_TRUE(test, pt_take(&b, &local, 1000, 1600, 1, PT_T0));
	KUNIT_EXPECT_EQ(test, local, 99);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.tokens), 1500);
	/* A frame bigger than a share takes what it needs. */
	KUNIT_EXPECT_TRUE(test, pt_take(&b, &local, 1000, 1600, 500, PT_T0));
	KUNIT_EXPECT_EQ(test, local, 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.tokens), 1099);
}

/* What the CPU holds and what the bucket has make a frame together. */
static void police_share_and_bucket_together(struct kunit *test)
{
	s64 local = 4000;
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 10000, PT_T0);
	KUNIT_EXPECT_TRUE(test, pt_take(&b, &local, 1000000, 100000, 12000, PT_T0));
	KUNIT_EXPECT_EQ(test, local, 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.tokens), 2000);
	KUNIT_EXPECT_FALSE(test, pt_take(&b, &local, 1000000, 100000, 12000, PT_T0));
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.tokens), 2000);
}

/* Two CPUs' shares at one time take the burst, and no more, together. */
static void police_two_cpus_share_the_burst(struct kunit *test)
{
	s64 local[PT_CPUS] = {};
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 100, PT_T0);
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 2, 1000, 100, 1, PT_T0), 100);
	KUNIT_EXPECT_EQ(test, local[0] + local[1], 0);
	/* 10 ms later: their 10 tokens, whichever CPU takes them. */
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 2, 1000, 100, 1,
				       PT_T0 + 10 * NSEC_PER_MSEC), 10);
}

struct pt_idle_case {
	const char *name;
	u64 rate;
	bool bits;
	u64 cost;
	u64 idle;		/* ns */
	u64 tokens;		/* in the bucket after it */
};

static const struct pt_idle_case pt_idle_cases[] = {
	{ "1000 frames/s, 50 ms: half its burst", 1000, false, 1, 50 * NSEC_PER_MSEC, 50 },
	{ "1000 frames/s, 100 ms: its burst", 1000, false, 1, 100 * NSEC_PER_MSEC, 100 },
	{ "1000 frames/s, 500 ms: its burst", 1000, false, 1, 500 * NSEC_PER_MSEC, 100 },
	{ "1000 frames/s, 999 ms: its burst", 1000, false, 1, 999 * NSEC_PER_MSEC, 100 },
	{ "1000 frames/s, 1 s: its burst", 1000, false, 1, NSEC_PER_SEC, 100 },
	{ "1000 frames/s, 1 h: its burst", 1000, false, 1, 3600 * NSEC_PER_SEC, 100 },
	{ "1 Gbit/s, 900 ms: 900 ms's, under its burst", 1000000000, true, 1000000,
	  900 * NSEC_PER_MSEC, 900000000 },
	{ "1 Gbit/s, 2 s: its burst, a second's", 1000000000, true, 1000000,
	  2 * NSEC_PER_SEC, 1000000000 },
	{ "512 kbit/s, 1 s: a second's, under its burst", 512000, true, 1000, NSEC_PER_SEC,
	  512000 },
	{ "512 kbit/s, 1.5 s: a second and a half's", 512000, true, 1000,
	  1500 * NSEC_PER_MSEC, 768000 },
	{ "512 kbit/s, 10 s: its burst", 512000, true, 1024, 10 * NSEC_PER_SEC, 1048576 },
	{ "1.5 Mbit/s, 500 ms: half a second's, under its burst", 1500000, true, 1000,
	  500 * NSEC_PER_MSEC, 750000 },
	{ "1 bit/s, 1 h: 3600 bits", 1, true, 1, 3600 * NSEC_PER_SEC, 3600 },
};

static void pt_idle_desc(const struct pt_idle_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pt_idle, pt_idle_cases, pt_idle_desc);

/*
 * Emptied, then idle: at one instant after, what passes is the tokens of
 * the idle time up to the burst, in frames or in one take.
 */
static void police_idle(struct kunit *test)
{
	const struct pt_idle_case *c = test->param_value;
	u64 burst = vsw_bucket_burst(c->rate, c->bits);
	u64 now = PT_T0 + c->idle;
	s64 local[PT_CPUS] = {};
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 0, PT_T0);
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 1, c->rate, burst, c->cost, now),
			c->tokens);
	/* Again at the same instant: nothing more. */
	KUNIT_EXPECT_EQ(test, pt_drain(&b, local, 1, c->rate, burst, c->cost, now), 0);
	/* In one take too: all of it, and not a token more. */
	local[0] = 0;
	vsw_bucket_reset(&b, 0, PT_T0);
	KUNIT_EXPECT_TRUE(test, pt_take(&b, local, c->rate, burst, c->tokens, now));
	KUNIT_EXPECT_FALSE(test, pt_take(&b, local, c->rate, burst, 1, now));
}

/*
 * The tokens of @dt ns at @rate in an empty bucket of @burst: dt * rate is
 * past 2^64 from 1.8 ms at 10 Tbit/s.  The time carried is rounded down
 * to the ns, so a ns's tokens may come again, and no more.
 */
static void pt_expect_fill(struct kunit *test, u64 rate, u64 burst, u64 dt,
			   u64 tokens)
{
	u64 ns = div64_u64(rate, NSEC_PER_SEC);
	s64 local = 0;
	struct vsw_bucket b;

	vsw_bucket_reset(&b, 0, PT_T0);
	KUNIT_EXPECT_TRUE_MSG(test, __vsw_bucket_take(&b, &local, rate, burst,
						      tokens, PT_T0 + dt),
			      "%llu ns at %llu bit/s: not %llu", dt, rate, tokens);
	KUNIT_EXPECT_FALSE_MSG(test, pt_take(&b, &local, rate, burst, ns + 1,
					     PT_T0 + dt),
			       "%llu ns at %llu bit/s: more than %llu", dt, rate,
			       tokens);
}

static void police_near_u64_limits(struct kunit *test)
{
	u64 r = 10000000000000ULL, max = vsw_bucket_burst(U64_MAX, true);

	pt_expect_fill(test, r, r, 1, 10000);
	pt_expect_fill(test, r, r, 2 * NSEC_PER_MSEC, 20000000000ULL);
	pt_expect_fill(test, r, r, 123456789, 1234567890000ULL);
	pt_expect_fill(test, r, r, NSEC_PER_SEC - 1, r - 10000);
	pt_expect_fill(test, r, r, NSEC_PER_SEC, r);
	pt_expect_fill(test, r, r, 100 * NSEC_PER_SEC, r);
	/* 2^64 - 1 bit/s: its burst, after a time that adds past 2^63. */
	KUNIT_EXPECT_EQ(test, max, S64_MAX / 2);
	pt_expect_fill(test, U64_MAX, max, 1000, 18446744073709ULL);
	pt_expect_fill(test, U64_MAX, max, 100 * NSEC_PER_MSEC, U64_MAX / 10);
	pt_expect_fill(test, U64_MAX, max, 600 * NSEC_PER_MSEC, max);
	pt_expect_fill(test, U64_MAX, max, 2 * NSEC_PER_SEC, max);
}

/* A full bucket at 2^64 - 1 bit/s stays full, whatever the time since. */
static void police_full_at_u64_max(struct kunit *test)
{
	u64 max = vsw_bucket_burst(U64_MAX, true);
	s64 local = 0;
	struct vsw_bucket b;

	vsw_bucket_reset(&b, max, PT_T0);
	KUNIT_EXPECT_TRUE(test, pt_take(&b, &local, U64_MAX, max, max / 2,
					PT_T0 + 600 * NSEC_PER_MSEC));
	KUNIT_EXPECT_TRUE(test, pt_take(&b, &local, U64_MAX, max, max,
					PT_T0 + 1200 * NSEC_PER_MSEC));
	KUNIT_EXPECT_GE(test, atomic64_read(&b.tokens), 0);
}

struct pt_burst_case {
	u64 rate;
	bool bits;
	u64 burst;
};

static const struct pt_burst_case pt_burst_cases[] = {
	{ 0, false, 1 },
	{ 9, false, 1 },
	{ 10, false, 1 },
	{ 1000, false, 100 },
	{ U32_MAX, false, U32_MAX / 10 },
	{ 1, true, 1048576 },
	{ 1000000, true, 1048576 },
	{ 1048576, true, 1048576 },
	{ 1048577, true, 1048577 },
	{ 1000000000, true, 1000000000 },
	{ S64_MAX / 2 + 1, true, S64_MAX / 2 },
	{ U64_MAX, true, S64_MAX / 2 },
};

static void pt_burst_desc(const struct pt_burst_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%llu %s", c->rate,
		 c->bits ? "bit/s" : "frames/s");
}

KUNIT_ARRAY_PARAM(pt_burst, pt_burst_cases, pt_burst_desc);

/* A tenth of a second, at least a frame or two 64 KiB GSO frames' bits. */
static void police_burst(struct kunit *test)
{
	const struct pt_burst_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, vsw_bucket_burst(c->rate, c->bits), c->burst);
}

/* The isolation settings, and whether a port of each reaches one of each. */
static const struct {
	const char *name;
	u8 isolation;
	u32 community;
} pt_iso[] = {
	{ "none", VSW_ISOLATION_NONE, 0 },
	{ "isolated", VSW_ISOLATION_ISOLATED, 0 },
	{ "isolated, community 1 left over", VSW_ISOLATION_ISOLATED, 1 },
	{ "community 1", VSW_ISOLATION_COMMUNITY, 1 },
	{ "community 2", VSW_ISOLATION_COMMUNITY, 2 },
};

static const bool pt_reaches[][ARRAY_SIZE(pt_iso)] = {
	/* to: none, isolated, isolated 1, community 1, community 2 */
	{ true, true, true, true, true },		/* from none */
	{ true, false, false, false, false },		/* isolated */
	{ true, false, false, false, false },		/* isolated 1 */
	{ true, false, false, true, false },		/* community 1 */
	{ true, false, false, false, true },		/* community 2 */
};

static void police_isolation_matrix(struct kunit *test)
{
	struct vsw_port_cfg *a, *b;
	int i, j;

	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < ARRAY_SIZE(pt_iso); i++) {
		for (j = 0; j < ARRAY_SIZE(pt_iso); j++) {
			a->isolation = pt_iso[i].isolation;
			a->community = pt_iso[i].community;
			b->isolation = pt_iso[j].isolation;
			b->community = pt_iso[j].community;
			KUNIT_EXPECT_EQ_MSG(test, vsw_may_reach(a, b), pt_reaches[i][j],
					    "%s -> %s", pt_iso[i].name, pt_iso[j].name);
		}
	}
}

static struct kunit_case vsw_police_cases[] = {
	KUNIT_CASE_PARAM(police_rate, pt_rate_gen_params),
	KUNIT_CASE(police_starts_full),
	KUNIT_CASE(police_full_stays_full),
	KUNIT_CASE(police_share_is_a_sixteenth),
	KUNIT_CASE(police_share_and_bucket_together),
	KUNIT_CASE(police_two_cpus_share_the_burst),
	KUNIT_CASE_PARAM(police_idle, pt_idle_gen_params),
	KUNIT_CASE(police_near_u64_limits),
	KUNIT_CASE(police_full_at_u64_max),
	KUNIT_CASE_PARAM(police_burst, pt_burst_gen_params),
	KUNIT_CASE(police_isolation_matrix),
	{}
};

static struct kunit_suite vsw_police_suite = {
	.name = "vsw_police",
	.test_cases = vsw_police_cases,
};

kunit_test_suite(vsw_police_suite);
