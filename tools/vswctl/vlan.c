// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl: VLAN settings, between their words (`vlan trunk 10,20-30 native
 * 5`) and the kernel's attributes: a trunk's VIDs travel as a map of
 * VSW_VID_WORDS u32 words, VID N at bit N % 32 of word N / 32.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vswctl.h"

static bool vid_test(const uint32_t *map, unsigned int vid)
{
	return map[vid / 32] & (1u << (vid % 32));
}

/* @s: a VID of @min to VSW_VID_MAX, the whole of it; else -1. */
static long parse_vid(const char *s, const char **end, long min)
{
	char *e;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &e, 10);
	if (errno || v < min || v > VSW_VID_MAX)
		return -1;
	*end = e;
	return v;
}

long vsw_vid_parse(const char *kw, const char *s, long min)
{
	const char *end;
	long v = parse_vid(s, &end, min);

	if (v < 0 || *end)
		vsw_usage_error("%s: \"%s\" is not a VID (%ld to %d)", kw, s, min,
				VSW_VID_MAX);
	return v;
}

/* "all", or VIDs and ranges joined by commas: "10,20-30". */
void vsw_vids_parse(const char *s, uint32_t *map)
{
	const char *p = s;

	memset(map, 0, VSW_VID_WORDS * sizeof(*map));
	if (!strcmp(s, "all")) {
		for (long v = 1; v <= VSW_VID_MAX; v++)
			map[v / 32] |= 1u << (v % 32);
		return;
	}
	for (;;) {
		long first = parse_vid(p, &p, 1), last = first;

		if (first >= 0 && *p == '-')
			last = parse_vid(p + 1, &p, first);
		if (first < 0 || last < 0 || (*p && *p != ','))
			vsw_usage_error("trunk: \"%s\" is not \"all\" or a list of VIDs 1 to %d, as 10,20-30",
					s, VSW_VID_MAX);
		for (long v = first; v <= last; v++)
			map[v / 32] |= 1u << (v % 32);
		if (!*p)
			return;
		p++;
	}
}

/* @map as vsw_vids_parse() takes it, into @buf (VSW_VIDS_LEN bytes). */
const char *vsw_vids_format(const uint32_t *map, char *buf)
{
	unsigned int v, first, n = 0;
	size_t len = 0;

	buf[0] = '\0';
	for (v = 1; v <= VSW_VID_MAX; v++)
		n += vid_test(map, v);
	if (n == VSW_VID_MAX)
		return strcpy(buf, "all");
	for (v = 1; v <= VSW_VID_MAX; v++) {
		if (!vid_test(map, v))
			continue;
		first = v;
		while (v < VSW_VID_MAX && vid_test(map, v + 1))
			v++;
		len += snprintf(buf + len, VSW_VIDS_LEN - len, len ? ",%u" : "%u",
				first);
		if (v > first)
			len += snprintf(buf + len, VSW_VIDS_LEN - len, "-%u", v);
	}
	return buf;
}
