// SPDX-License-Identifier: GPL-2.0
/* vswctl: monitor, the events as they come, a line each. */
#define _GNU_SOURCE	/* fwrite_unlocked */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "vswctl.h"

/*
 * An event line is built in place and written with one stdio call: a
 * monitor prints hundreds of thousands a second, and a call a field was
 * half its time per event.
 */
struct line {
	char buf[512];	/* the longest: JSON, a time, two escaped names, a MAC */
	size_t len;
};

static void line_put(struct line *l, const char *s, size_t n)
{
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

#define line_lit(l, s) line_put(l, s, sizeof(s) - 1)

static void line_str(struct line *l, const char *s)
{
	line_put(l, s, strlen(s));
}

/* JSON ,"key":"value", the value escaped. */
static void line_json(struct line *l, const char *key, const char *val)
{
	char buf[JSON_ESCAPED(IF_NAMESIZE)];

	line_lit(l, ",\"");
	line_str(l, key);
	line_lit(l, "\":\"");
	line_str(l, vsw_json_escape(val, buf));
	line_lit(l, "\"");
}

static void line_u32(struct line *l, uint32_t v)
{
	char buf[11];
	int i = sizeof(buf);

	do {
		buf[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	line_put(l, buf + i, sizeof(buf) - i);
}

/*
 * monitor -t: the time now, RFC 3339 in local time to the microsecond with
 * its offset (2026-12-01T19:40:00.123456+01:00).  The second and the
 * offset are formatted once a second.
 */
static void line_time(struct line *l)
{
	/* Room for what the compiler cannot tell is out of range. */
	static char date[32], zone[24];
	static time_t sec = -1;
	struct timespec ts;
	char us[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != sec) {
		struct tm tm;
		long off;

		localtime_r(&ts.tv_sec, &tm);
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		off = labs(tm.tm_gmtoff) / 60;
		snprintf(zone, sizeof(zone), "%c%02ld:%02ld",
			 tm.tm_gmtoff < 0 ? '-' : '+', off / 60, off % 60);
		sec = ts.tv_sec;
	}
	snprintf(us, sizeof(us), ".%06ld", ts.tv_nsec / 1000);
	line_str(l, date);
	line_str(l, us);
	line_str(l, zone);
}

static void print_event(const struct vsw_obj *o, void *arg)
{
	const char *ev = vsw_word(vsw_event_names, o->event);
	struct line l;	/* not zeroed: that would be a memset an event */
	char mac[18];

	(void)arg;
	if (o->cmd != VSW_CMD_EVENT)
		return;
	l.len = 0;
	if (opts.json) {
		line_lit(&l, "{");
		if (opts.timestamp) {
			line_lit(&l, "\"time\":\"");
			line_time(&l);
			line_lit(&l, "\",");
		}
		line_lit(&l, "\"event\":\"");
		line_str(&l, ev);
		line_lit(&l, "\"");
		line_json(&l, "switch", o->sw);
		if (o->has_mac)
			line_json(&l, "mac", vsw_mac_str(o->mac, mac));
		if (*o->dev)
			line_json(&l, "dev", o->dev);
		if (o->has_vlan) {
			line_lit(&l, ",\"vlan\":");
			line_u32(&l, o->vlan);
		}
		if (o->fdb_type >= 0)
			line_json(&l, "type", vsw_word(vsw_fdb_type_names, o->fdb_type));
		if (o->event == VSW_EVENT_FLUSH) {
			if (o->flush_flags & VSW_FLUSH_F_DYNAMIC)
				line_lit(&l, ",\"dynamic\":true");
			else
				line_lit(&l, ",\"dynamic\":false");
		}
		if (o->role >= 0)
			line_json(&l, "role", vsw_word(vsw_role_names, o->role));
		if (o->type >= 0)
			line_json(&l, "type", vsw_word(vsw_type_names, o->type));
		line_lit(&l, "}\n");
	} else {
		if (opts.timestamp) {
			line_time(&l);
			line_lit(&l, " ");
		}
		line_str(&l, ev);
		line_lit(&l, " ");
		line_str(&l, o->sw);
		if (o->has_mac) {
			line_lit(&l, " ");
			line_str(&l, vsw_mac_str(o->mac, mac));
		}
		if (*o->dev) {
			line_lit(&l, " dev ");
			line_str(&l, o->dev);
		}
		/* VLAN 0's FDB lines read as before VLANs were. */
		if (o->has_vlan && (o->vlan || o->event == VSW_EVENT_FLUSH)) {
			line_lit(&l, " vlan ");
			line_u32(&l, o->vlan);
		}
		line_lit(&l, "\n");
	}
	fwrite_unlocked(l.buf, 1, l.len, stdout);
}


void cmd_monitor(struct vsw_nl *nl, const struct vsw_req *r)
{
	opts.timestamp = r->set & F_TIME;
	/* localtime_r() need not read the zone itself. */
	tzset();
	vsw_nl_monitor(nl, print_event, NULL);
}
