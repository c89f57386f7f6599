// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl: JSON out.  The printers write it compact; with -p it goes through
 * a filter that indents it as iproute2's json_writer does for ip -p -j:
 * each member of an object on a line of its own, four spaces a level, the
 * elements of an array on the line it opens ("[ {", "},{", "} ]").
 */
#define _GNU_SOURCE	/* vasprintf */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vswctl.h"

#define PRETTY_DEPTH	16	/* the deepest: port show's stats.drops, 4 */

static struct {
	int depth;
	bool in_str, esc;
	bool key_next;			/* an object's next string is a name */
	char open[PRETTY_DEPTH];	/* '{' or '[' at each level */
	bool has[PRETTY_DEPTH];		/* the level has a member or element */
} pretty;

static void pretty_eol(void)
{
	int i;

	putchar('\n');
	for (i = 0; i < pretty.depth; i++)
		fputs("    ", stdout);
}

static void pretty_open(char c)
{
	pretty.has[pretty.depth] = true;
	putchar(c);
	if (c == '[')
		putchar(' ');
	if (++pretty.depth >= PRETTY_DEPTH)
		vsw_fatal("JSON nested too deep");
	pretty.open[pretty.depth] = c;
	pretty.has[pretty.depth] = false;
	pretty.key_next = c == '{';
}

static void pretty_close(char c)
{
	bool has = pretty.has[pretty.depth];

	if (c == ']' && has)
		putchar(' ');
	pretty.depth--;
	if (c == '}' && has)
		pretty_eol();
	putchar(c);
	pretty.key_next = false;
}

static void pretty_char(char c)
{
	if (pretty.in_str) {
		putchar(c);
		if (pretty.esc)
			pretty.esc = false;
		else if (c == '\\')
			pretty.esc = true;
		else if (c == '"')
			pretty.in_str = false;
		return;
	}
	switch (c) {
	case '{':
	case '[':
		pretty_open(c);
		return;
	case '}':
	case ']':
		pretty_close(c);
		return;
	case ',':
		putchar(c);
		pretty.key_next = pretty.open[pretty.depth] == '{';
		return;
	case ':':
		fputs(": ", stdout);
		return;
	case '"':
		if (pretty.key_next)
			pretty_eol();
		pretty.key_next = false;
		pretty.in_str = true;
		break;
	}
	pretty.has[pretty.depth] = true;
	putchar(c);
}

void vsw_jprintf(const char *fmt, ...)
{
	va_list ap;
	char *s, *p;

	va_start(ap, fmt);
	if (!opts.json || !opts.pretty) {
		vprintf(fmt, ap);
	} else {
		if (vasprintf(&s, fmt, ap) < 0)
			vsw_fatal("out of memory");
		for (p = s; *p; p++)
			pretty_char(*p);
		free(s);
	}
	va_end(ap);
}

/*
 * A document is one array, or (monitor) one object per line.  The array
 * opens with its first object, so that a request the kernel refuses leaves
 * nothing on stdout.
 */
static int json_count;

void vsw_json_begin(void)
{
	json_count = 0;
	memset(&pretty, 0, sizeof(pretty));
}

void vsw_json_end(void)
{
	if (opts.json)
		vsw_jprintf("%s\n", json_count ? "]" : "[]");
}

void vsw_json_sep(void)
{
	vsw_jprintf("%c", json_count++ ? ',' : '[');
}

/*
 * @s as the inside of a JSON string, into @buf (6 bytes for each of its
 * bytes at most, and the NUL).  An ifname may hold any byte but '/', ':',
 * NUL and white space: a quote, a backslash or a control character too.
 */
const char *vsw_json_escape(const char *s, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	char *p = buf;

	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			*p++ = '\\';
			*p++ = c;
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(p, "\\u00", 4);
			p[4] = hex[c >> 4];
			p[5] = hex[c & 15];
			p += 6;
		} else {
			*p++ = c;
		}
	}
	*p = '\0';
	return buf;
}

void vsw_json_str(const char *key, const char *s)
{
	char buf[JSON_ESCAPED(IF_NAMESIZE)];

	vsw_jprintf("\"%s\":\"%s\"", key, vsw_json_escape(s, buf));
}

void vsw_json_str_or_null(const char *key, const char *s, bool comma)
{
	if (*s)
		vsw_json_str(key, s);
	else
		vsw_jprintf("\"%s\":null", key);
	if (comma)
		vsw_jprintf(",");
}

const char *vsw_json_bool(bool b)
{
	return b ? "true" : "false";
}
