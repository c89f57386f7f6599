// SPDX-License-Identifier: GPL-2.0
/*
 * vswctl: configure vsw switches over generic netlink.  One table of
 * subcommands drives dispatch and the usage text; the command line is parsed
 * into a struct vsw_obj, the same model the printers read.
 */
#define _GNU_SOURCE	/* setns */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vswctl.h"

struct vsw_opts opts;

struct vswctl_cmd {
	const char *object;
	const char *verb;
	const char *args;
	unsigned int allowed;	/* keywords this command takes */
	unsigned int required;
	void (*run)(struct vsw_nl *nl, const struct vsw_req *r);
};

static const char *prog = "vswctl";

/*
 * A batch's line being run, for the messages; and the way back to the
 * batch, so that an error ends the command instead of the process.  What a
 * failed command allocated (a list it was parsing, what save gathered) is
 * left behind: little, once a failed line.
 */
static const char *batch_file;
static unsigned long batch_line;
static jmp_buf *cmd_jmp;
static int cmd_status;

static void __attribute__((noreturn)) fail(int status)
{
	if (cmd_jmp) {
		cmd_status = status;
		longjmp(*cmd_jmp, 1);
	}
	exit(status);
}

static void vsw_error(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (batch_file)
		fprintf(stderr, "%s:%lu: ", batch_file, batch_line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void vsw_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsw_error(fmt, ap);
	va_end(ap);
	fail(1);
}

static void usage(FILE *f, const char *object);

/* In a batch, the line and its message say it: no usage a line. */
void vsw_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsw_error(fmt, ap);
	va_end(ap);
	if (!batch_file)
		usage(stderr, NULL);
	fail(2);
}

/* @arg names @kw if it is a prefix of it (iproute2's matches()). */
bool vsw_matches(const char *arg, const char *kw)
{
	size_t n = strlen(arg);

	return n && n <= strlen(kw) && !strncmp(arg, kw, n);
}

/* The keyword of @kws (NULL-terminated) that @arg abbreviates: -1 none, -2 more. */
static int find_keyword(const char *arg, const char *const *kws)
{
	int i, found = -1;

	for (i = 0; kws[i]; i++) {
		if (!strcmp(arg, kws[i]))
			return i;
		if (vsw_matches(arg, kws[i]))
			found = found == -1 ? i : -2;
	}
	return found;
}

/* The one keyword of @kws (NULL-terminated) that @arg abbreviates. */
int vsw_keyword(const char *arg, const char *const *kws, const char *what)
{
	int found = find_keyword(arg, kws);

	if (found == -2)
		vsw_usage_error("%s \"%s\" is ambiguous", what, arg);
	if (found < 0)
		vsw_usage_error("unknown %s \"%s\"", what, arg);
	return found;
}

/*
 * The decimal number @s starts with, into @v, @end after it; false if @s
 * starts with no digit (strtoull() would take a sign or a space) or, errno
 * ERANGE, the number does not fit.
 */
bool vsw_parse_digits(const char *s, char **end, unsigned long long *v)
{
	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	*v = strtoull(s, end, 10);
	return !errno;
}

uint32_t vsw_parse_u32(const char *kw, const char *s)
{
	unsigned long long v;
	char *end;

	if (!vsw_parse_digits(s, &end, &v) || *end || v > UINT32_MAX)
		vsw_usage_error("%s: \"%s\" is not a number", kw, s);
	return v;
}

void vsw_parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[6];
	char tail;
	int i;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &tail) != 6)
		vsw_usage_error("\"%s\" is not a MAC address (aa:bb:cc:dd:ee:ff)", s);
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
}

static void copy_name(char *dst, const char *s, const char *what)
{
	if (!*s || strlen(s) >= IF_NAMESIZE)
		vsw_usage_error("%s \"%s\" must be 1 to %d characters", what, s,
				IF_NAMESIZE - 1);
	strcpy(dst, s);
}

/* Requests. */

void vsw_put_switch(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	mnl_attr_put_strz(nlh, VSW_A_SWITCH_NAME, r->o.sw);
}

void vsw_put_dev(struct nlmsghdr *nlh, const struct vsw_req *r)
{
	if (r->set & F_DEV)
		mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, r->o.dev);
}

/* A port's settings, for add and set; the usage's next lines line up. */
#define PORT_ARGS							\
	"[learn-limit N] [vlan untagged|access VID|trunk VIDS [native VID]]\n" \
	"           [mac-spoof on|off] [allow-mac MAC[,MAC...]|none]\n"	\
	"           [allow-ip ADDR[/LEN][,...]|dhcp|none] [dhcp-guard on|off]\n" \
	"           [router-guard on|off] [isolation none|isolated|community ID]\n" \
	"           [mirror none|source|destination] [storm-limit PPS] [max-rate RATE]"

static const struct vswctl_cmd cmds[] = {
	{ "switch", "add", "NAME type external uplink DEV [host on|off] [move-ip] | type internal | type private",
	  F_NAME | F_TYPE | F_UPLINK | F_HOST | F_AGEING | F_MAX | F_MOVE_IP, F_NAME | F_TYPE,
	  cmd_switch_add },
	{ "switch", "del", "NAME", F_NAME, F_NAME, cmd_switch_del },
	{ "switch", "set", "NAME [ageing SECONDS] [max-entries N] [evict none|fair] [uplink DEV]",
	  F_NAME | F_AGEING | F_MAX | F_EVICT | F_UPLINK, F_NAME, cmd_switch_set },
	{ "switch", "show", "[NAME]", F_NAME, 0, cmd_switch_show },
	{ "port", "add", "NAME dev DEV " PORT_ARGS, F_NAME | F_DEV | F_LIMIT | F_PORT,
	  F_NAME | F_DEV, cmd_port_add },
	{ "port", "del", "NAME dev DEV", F_NAME | F_DEV, F_NAME | F_DEV,
	  cmd_port_del },
	{ "port", "set", "NAME dev DEV " PORT_ARGS, F_NAME | F_DEV | F_LIMIT | F_PORT,
	  F_NAME | F_DEV, cmd_port_set },
	{ "port", "show", "NAME", F_NAME, F_NAME, cmd_port_show },
	{ "fdb", "show", "NAME [dev DEV] [vlan VID]", F_NAME | F_DEV | F_VID,
	  F_NAME, cmd_fdb_show },
	{ "fdb", "add", "NAME MAC dev DEV [vlan VID]", F_NAME | F_MAC | F_DEV | F_VID,
	  F_NAME | F_MAC | F_DEV, cmd_fdb_add },
	{ "fdb", "del", "NAME MAC [vlan VID]", F_NAME | F_MAC | F_VID,
	  F_NAME | F_MAC, cmd_fdb_del },
	{ "fdb", "flush", "NAME [dev DEV] [vlan VID] [dynamic]",
	  F_NAME | F_DEV | F_VID | F_DYNAMIC, F_NAME, cmd_fdb_flush },
	{ "monitor", NULL, "[-t]", F_TIME, 0, cmd_monitor },
	{ "save", NULL, "", 0, 0, cmd_save },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

/* Every command, or @object's alone (`vswctl OBJECT help`). */
static void usage(FILE *f, const char *object)
{
	const char *lead = "usage:";
	size_t i;

	if (!object) {
		fprintf(f, "%s %s [-j [-p]] [-s [-s]] [-n NETNS] OBJECT COMMAND [ARGS]\n"
			"       %s [-force] [-n NETNS] -b FILE|-\n"
			"       %s -V\n", lead, prog, prog, prog);
		lead = "      ";
	}
	for (i = 0; i < NCMDS; i++) {
		const struct vswctl_cmd *c = &cmds[i];

		if (object && strcmp(c->object, object))
			continue;
		fprintf(f, "%s %s %s%s%s%s%s\n", lead, prog, c->object,
			c->verb ? " " : "", c->verb ?: "", *c->args ? " " : "",
			c->args);
		lead = "      ";
	}
	if (!object)
		fprintf(f, "options: -j JSON output, -p pretty JSON, -s statistics (-s -s: every\n"
			"         counter), -n NETNS in network namespace NETNS, -b FILE the\n"
			"         commands of FILE (-: stdin), -force on after a command failed,\n"
			"         -V version, -h help\n");
}

static const char *const keywords[] = {
	"type", "uplink", "host", "ageing", "max-entries", "dev",
	"learn-limit", "dynamic", "vlan", "mac-spoof", "allow-mac", "allow-ip",
	"dhcp-guard", "router-guard", "isolation", "mirror", "storm-limit",
	"max-rate", "-timestamp", "move-ip", "evict", NULL,
};
static const unsigned int keyword_fields[] = {
	F_TYPE, F_UPLINK, F_HOST, F_AGEING, F_MAX, F_DEV, F_LIMIT, F_DYNAMIC,
	F_VLAN, F_SPOOF, F_ALLOW_MAC, F_ALLOW_IP, F_DHCP_GUARD, F_ROUTER_GUARD,
	F_ISOLATION, F_MIRROR, F_STORM, F_RATE, F_TIME, F_MOVE_IP, F_EVICT,
};

#define NKEYWORDS (sizeof(keyword_fields) / sizeof(keyword_fields[0]))

/* The field keywords[@k] sets in @c: fdb commands' "vlan" is a VID, ports' a mode. */
static unsigned int keyword_field(const struct vswctl_cmd *c, int k)
{
	if (keyword_fields[k] == F_VLAN && (c->allowed & F_VID))
		return F_VID;
	return keyword_fields[k];
}

/*
 * The keyword @arg abbreviates: a prefix need only be unique among @c's
 * own keywords ("max" is max-entries to a switch, though ports have
 * max-rate).  Else the whole table says what is wrong with it.
 */
static unsigned int command_keyword(const struct vswctl_cmd *c, const char *arg)
{
	const char *own[NKEYWORDS + 1];
	size_t k;
	int found;

	for (k = 0; k < NKEYWORDS; k++)
		own[k] = c->allowed & keyword_field(c, k) ? keywords[k] : "";
	own[k] = NULL;
	/* An empty @arg would be any of own's "". */
	found = *arg ? find_keyword(arg, own) : -1;
	if (found < 0)
		found = vsw_keyword(arg, keywords, "keyword");
	return keyword_field(c, found);
}

const char *vsw_need_value(int *i, int argc, char **argv)
{
	if (*i + 1 >= argc)
		vsw_usage_error("\"%s\" needs a value", argv[*i]);
	return argv[++*i];
}

/* NAME, then MAC (fdb add/del), then keyword arguments in any order. */
static void parse_args(const struct vswctl_cmd *c, int argc, char **argv,
		       struct vsw_req *r)
{
	int i = 0;

	if ((c->allowed & F_NAME) && i < argc) {
		copy_name(r->o.sw, argv[i++], "switch name");
		r->set |= F_NAME;
	}
	if ((c->allowed & F_MAC) && i < argc) {
		vsw_parse_mac(argv[i++], r->o.mac);
		r->set |= F_MAC;
	}
	for (; i < argc; i++) {
		unsigned int f = command_keyword(c, argv[i]);
		const char *v;

		if (!(c->allowed & f))
			vsw_usage_error("\"%s\" does not apply to %s %s",
					argv[i], c->object, c->verb ?: "");
		if (r->set & f)
			vsw_usage_error("\"%s\" given twice", argv[i]);
		r->set |= f;
		if (f & (F_DYNAMIC | F_TIME | F_MOVE_IP))
			continue;
		if (f & F_PORT) {
			vsw_port_parse(f, &i, argc, argv, r);
			continue;
		}
		v = vsw_need_value(&i, argc, argv);
		switch (f) {
		case F_TYPE:
			r->o.type = vsw_keyword(v, vsw_type_names, "switch type");
			break;
		case F_UPLINK:
			copy_name(r->o.uplink, v, "uplink");
			break;
		case F_HOST:
			r->host_on = vsw_keyword(v, vsw_onoff_names, "host setting");
			break;
		case F_AGEING:
			r->o.ageing = vsw_parse_u32("ageing", v);
			break;
		case F_MAX:
			r->o.max_entries = vsw_parse_u32("max-entries", v);
			break;
		case F_EVICT:
			r->o.evict = vsw_keyword(v, vsw_evict_names, "evict setting");
			break;
		case F_DEV:
			copy_name(r->o.dev, v, "device");
			break;
		case F_LIMIT:
			r->o.learn_limit = vsw_parse_u32("learn-limit", v);
			break;
		case F_VID:
			r->o.vlan = vsw_vid_parse("vlan", v, 0);
			break;
		}
	}
	if ((c->required & ~r->set) & F_NAME)
		vsw_usage_error("%s %s needs a switch NAME", c->object, c->verb);
	if ((c->required & ~r->set) & F_MAC)
		vsw_usage_error("%s %s needs a MAC", c->object, c->verb);
	if ((c->required & ~r->set) & F_TYPE)
		vsw_usage_error("switch add needs \"type external|internal|private\"");
	if ((c->required & ~r->set) & F_DEV)
		vsw_usage_error("%s %s needs \"dev DEV\"", c->object, c->verb);
	if (c->run == cmd_switch_add) {
		if (r->o.type == VSW_TYPE_EXTERNAL && !(r->set & F_UPLINK))
			vsw_usage_error("an external switch needs \"uplink DEV\"");
		if (r->o.type != VSW_TYPE_EXTERNAL && (r->set & (F_UPLINK | F_HOST)))
			vsw_usage_error("\"uplink\" and \"host\" are for external switches");
	}
}

/* The command @argv names; NULL when it asked for help, which is printed. */
static const struct vswctl_cmd *find_cmd(int *argc, char ***argv)
{
	static const char *const objects[] = { "switch", "port", "fdb",
					       "monitor", "save", "help", NULL };
	const char *verbs[NCMDS + 1];
	const char *object;
	size_t i, n = 0;
	int v;

	if (!*argc)
		vsw_usage_error("no object given");
	object = objects[vsw_keyword((*argv)[0], objects, "object")];
	(*argc)--, (*argv)++;
	if (!strcmp(object, "help")) {
		usage(stdout, NULL);
		return NULL;
	}
	/* No command starts with an h: `vswctl OBJECT h` is help too. */
	if (*argc && vsw_matches((*argv)[0], "help")) {
		usage(stdout, object);
		return NULL;
	}
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(cmds[i].object, object))
			continue;
		if (!cmds[i].verb)
			return &cmds[i];
		verbs[n++] = cmds[i].verb;
	}
	verbs[n] = NULL;
	if (!*argc) {
		if (!strcmp(object, "switch"))
			return &cmds[3];
		vsw_usage_error("%s needs a command", object);
	}
	v = vsw_keyword((*argv)[0], verbs, "command");
	(*argc)--, (*argv)++;
	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].object, object) &&
		    !strcmp(cmds[i].verb, verbs[v]))
			return &cmds[i];
	vsw_usage_error("unknown command");
}

/* One socket for all the commands of a batch. */
static struct vsw_nl *nl;

static void run(int argc, char **argv)
{
	const struct vswctl_cmd *c = find_cmd(&argc, &argv);
	struct vsw_req r;

	if (!c)
		return;
	memset(&r, 0, sizeof(r));
	parse_args(c, argc, argv, &r);
	if (!nl)
		nl = vsw_nl_open();
	c->run(nl, &r);
}

int vsw_run_line(const char *file, unsigned long line, int argc, char **argv)
{
	jmp_buf jb;

	batch_file = file;
	batch_line = line;
	if (!setjmp(jb)) {
		cmd_jmp = &jb;
		run(argc, argv);
		cmd_status = 0;
	} else if (nl) {
		/* It may have failed with a reply half read. */
		vsw_nl_close(nl);
		nl = NULL;
	}
	cmd_jmp = NULL;
	batch_file = NULL;
	return cmd_status;
}

/* As ip -n: the namespace's file that ip netns add bind-mounted. */
static void enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (!*name || strchr(name, '/') ||
	    snprintf(path, sizeof(path), "/run/netns/%s", name) >=
	    (int)sizeof(path))
		vsw_usage_error("\"%s\" is not a network namespace name", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		vsw_fatal("cannot open network namespace \"%s\": %s", name,
			  strerror(errno));
	if (setns(fd, CLONE_NEWNET))
		vsw_fatal("cannot enter network namespace \"%s\": %s", name,
			  strerror(errno));
	close(fd);
}

/* The value of option @argv[0]. */
static const char *option_value(int *argc, char ***argv)
{
	if (*argc < 2)
		vsw_usage_error("option \"%s\" needs a value", (*argv)[0]);
	(*argc)--, (*argv)++;
	return (*argv)[0];
}

int main(int argc, char **argv)
{
	const char *batch = NULL, *netns = NULL;
	bool force = false;
	int status = 0;

	for (argc--, argv++; argc && argv[0][0] == '-' && argv[0][1]; argc--, argv++) {
		const char *o = argv[0] + 1;

		if (*o == '-')
			o++;
		if (!strcmp(o, "j") || vsw_matches(o, "json")) {
			opts.json = true;
		} else if (!strcmp(o, "p") || vsw_matches(o, "pretty")) {
			opts.pretty = true;
		} else if (!strcmp(o, "s") || vsw_matches(o, "statistics") ||
			   vsw_matches(o, "stats")) {
			opts.stats++;
		} else if (!strcmp(o, "n") || vsw_matches(o, "netns")) {
			netns = option_value(&argc, &argv);
		} else if (!strcmp(o, "b") || vsw_matches(o, "batch")) {
			batch = option_value(&argc, &argv);
		} else if (vsw_matches(o, "force")) {
			force = true;
		} else if (vsw_matches(o, "Version") || !strcmp(o, "version")) {
			printf("%s %s\n", prog, VSW_VERSION);
			return 0;
		} else if (!strcmp(o, "h") || vsw_matches(o, "help")) {
			usage(stdout, NULL);
			return 0;
		} else {
			vsw_usage_error("unknown option \"%s\"", argv[0]);
		}
	}
	/* Before any socket: each belongs to the namespace it was made in. */
	if (netns)
		enter_netns(netns);
	if (batch) {
		if (argc)
			vsw_usage_error("-b runs the commands of a file, not \"%s\"",
					argv[0]);
		status = vsw_batch(batch, force);
	} else {
		run(argc, argv);
	}
	if (nl)
		vsw_nl_close(nl);
	return status;
}
