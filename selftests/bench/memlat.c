// SPDX-License-Identifier: GPL-2.0
/*
 * memlat MBYTES: the time of one dependent access to a random cache line
 * of an MBYTES buffer, in ns.  What a hash lookup over a table far larger
 * than the caches pays per miss (bucket or entry) on this machine, in this
 * boot: bench.sh runs it next to scenario (3), report.py turns it into the
 * most (3) can reach with one such miss per frame.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LINE	64
#define STEPS	(4u << 20)

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	size_t bytes = (argc > 1 ? strtoul(argv[1], NULL, 0) : 64) << 20;
	size_t lines = bytes / LINE, i;
	size_t *order;
	void **p;
	char *buf;
	double t;

	buf = aligned_alloc(LINE, bytes);
	order = malloc(lines * sizeof(*order));
	if (!buf || !order) {
		perror("memlat");
		return 1;
	}
	/* One cycle through every line in random order (Sattolo's shuffle). */
	for (i = 0; i < lines; i++)
		order[i] = i;
	for (i = lines - 1; i > 0; i--) {
		size_t j = next_rand() % i, tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < lines; i++)
		*(void **)(buf + order[i] * LINE) = buf + order[(i + 1) % lines] * LINE;
	free(order);

	p = (void **)buf;
	for (i = 0; i < STEPS; i++)	/* warm the TLB and page tables as a run would */
		p = *p;
	t = now_ns();
	for (i = 0; i < STEPS; i++)
		p = *p;
	t = now_ns() - t;
	printf("%.1f\n", p ? t / STEPS : 0);
	return 0;
}
