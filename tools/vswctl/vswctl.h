/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vswctl: one data model that the netlink parser fills and every printer
 * (human, JSON, monitor) reads.
 */
#ifndef VSWCTL_H
#define VSWCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <libmnl/libmnl.h>
#include "../../uapi/linux/vsw.h"

#define VSW_VID_MAX	4094
#define VSW_VID_WORDS	128		/* a trunk's map: 4096 bits */
#define VSW_VIDS_LEN	16384		/* the longest: 1-2,4-5,...,4093-4094 is 12911 */
#define VSW_ALLOW_MAC_MAX	16
#define VSW_ALLOW_IP_MAX	32

/*
 * A multi-attr's attributes in a message: the first, the bytes from it to
 * the message's end (they need not be next to each other), how many.
 */
struct vsw_attrs {
	const struct nlattr *first;
	int len;
	unsigned int n;
};

struct vsw_obj {
	int cmd;			/* VSW_CMD_* the message carried */
	int event;			/* VSW_EVENT_*, -1 if none */
	char sw[IF_NAMESIZE];
	int type;			/* switch type, -1 if absent */
	char uplink[IF_NAMESIZE];
	char host[IF_NAMESIZE];
	bool move_ip;			/* the switch was made with move-ip */
	int evict;			/* enum vsw_evict, -1 if absent */
	uint32_t ageing, max_entries, fdb_entries, nports;
	char dev[IF_NAMESIZE];
	int role;			/* -1 if absent */
	uint32_t learn_limit, learned;
	int vlan_mode;			/* -1 if absent */
	uint16_t vlan_vid, vlan_native;
	const uint32_t *trunk;		/* VSW_VID_WORDS, or NULL if absent */
	/* Port security and traffic control; absent, each is its default. */
	bool mac_spoof;
	const uint8_t *allow_mac;	/* n_allow_mac MACs, 6 bytes each */
	unsigned int n_allow_mac;
	int ip_guard;
	struct vsw_attrs allow_ip;	/* VSW_A_PORT_ALLOW_IP nests */
	bool dhcp_guard, router_guard;
	int isolation;
	uint32_t community;
	int mirror;
	uint32_t storm_limit;
	uint64_t max_rate;
	struct vsw_attrs leases;	/* VSW_A_PORT_LEASES nests */
	bool has_stats;
	uint64_t stats[VSW_STATS_MAX + 1];
	uint64_t drops[VSW_DROPS_MAX + 1];
	bool has_mac;
	uint8_t mac[6];
	bool has_vlan;
	uint16_t vlan;
	int fdb_type;			/* -1 if absent */
	uint32_t age;
	uint32_t flush_flags;
};

struct vsw_opts {
	bool json;
	bool pretty;		/* -p: JSON indented as ip -p -j does */
	int stats;		/* -s given this many times */
	bool timestamp;		/* monitor -t */
};

extern struct vsw_opts opts;

/* Which fields of the request the command line set. */
enum {
	F_TYPE = 1 << 0, F_UPLINK = 1 << 1, F_HOST = 1 << 2, F_AGEING = 1 << 3,
	F_MAX = 1 << 4, F_DEV = 1 << 5, F_LIMIT = 1 << 6, F_MAC = 1 << 7,
	F_DYNAMIC = 1 << 8, F_NAME = 1 << 9, F_VLAN = 1 << 10, F_VID = 1 << 11,
	F_SPOOF = 1 << 12, F_ALLOW_MAC = 1 << 13, F_ALLOW_IP = 1 << 14,
	F_DHCP_GUARD = 1 << 15, F_ROUTER_GUARD = 1 << 16, F_ISOLATION = 1 << 17,
	F_MIRROR = 1 << 18, F_STORM = 1 << 19, F_RATE = 1 << 20,
	F_TIME = 1 << 21, F_EVICT = 1 << 22,
	F_MOVE_IP = 1 << 23,
	/* The keywords port.c parses the values of. */
	F_PORT = F_VLAN | F_SPOOF | F_ALLOW_MAC | F_ALLOW_IP | F_DHCP_GUARD |
		 F_ROUTER_GUARD | F_ISOLATION | F_MIRROR | F_STORM | F_RATE,
};

struct vsw_prefix {
	uint8_t addr[16];		/* network order */
	uint8_t addr_len;		/* 4 or 16 */
	uint8_t len;
};

/* The command line: the object it names, and what it came with. */
struct vsw_req {
	struct vsw_obj o;
	unsigned int set;
	bool host_on;
	bool has_native;
	uint32_t trunk[VSW_VID_WORDS];
	uint8_t allow_mac[VSW_ALLOW_MAC_MAX][6];
	struct vsw_prefix allow_ip[VSW_ALLOW_IP_MAX];
	unsigned int n_allow_ip;	/* the MACs' count is o.n_allow_mac */
};

/* netlink.c */
struct vsw_nl;
struct nlmsghdr *vsw_nl_req(struct vsw_nl *nl, int cmd, uint16_t flags);
struct vsw_nl *vsw_nl_open(void);
void vsw_nl_close(struct vsw_nl *nl);
/* Sends the request; calls cb for each reply object; exits 1 on an error. */
void vsw_nl_run(struct vsw_nl *nl, struct nlmsghdr *req,
		void (*cb)(const struct vsw_obj *o, void *arg), void *arg);
void vsw_nl_monitor(struct vsw_nl *nl,
		    void (*cb)(const struct vsw_obj *o, void *arg), void *arg);

/* model.c */
extern const char *const vsw_type_names[];
extern const char *const vsw_role_names[];
extern const char *const vsw_fdb_type_names[];
extern const char *const vsw_event_names[];
extern const char *const vsw_attr_words[VSW_A_MAX + 1];
extern const char *const vsw_stats_names[];
extern const char *const vsw_drops_names[];
extern const char *const vsw_vlan_mode_names[];
extern const char *const vsw_onoff_names[];
extern const char *const vsw_isolation_names[];
extern const char *const vsw_mirror_names[];
extern const char *const vsw_evict_names[];
/* @v's word in @words (NULL-terminated), "unknown" past them. */
const char *vsw_word(const char *const *words, int v);
void vsw_obj_parse(const struct nlmsghdr *nlh, struct vsw_obj *o);
/* Port @o as the request that would make it, every setting in @r, none set. */
void vsw_port_req(const struct vsw_obj *o, struct vsw_req *r);
void vsw_print_switch(const struct vsw_obj *o, void *arg);
void vsw_print_port(const struct vsw_obj *o, void *arg);
void vsw_print_fdb(const struct vsw_obj *o, void *arg);
/* @m as aa:bb:cc:dd:ee:ff, into @buf (18 bytes). */
char *vsw_mac_str(const uint8_t *m, char *buf);

/* json.c */
void vsw_json_begin(void);
void vsw_json_end(void);
/* The ',' or '[' before a document's next object. */
void vsw_json_sep(void);
/* JSON out, through the -p filter: the printers write it compact. */
void __attribute__((format(printf, 1, 2))) vsw_jprintf(const char *fmt, ...);
#define JSON_ESCAPED(n)	(6 * (n) + 1)
const char *vsw_json_escape(const char *s, char *buf);
void vsw_json_str(const char *key, const char *s);
void vsw_json_str_or_null(const char *key, const char *s, bool comma);
const char *vsw_json_bool(bool b);

/* vlan.c */
long vsw_vid_parse(const char *kw, const char *s, long min);
void vsw_vids_parse(const char *s, uint32_t *map);
const char *vsw_vids_format(const uint32_t *map, char *buf);

/* switch.c, port.c, fdb.c, monitor.c: the commands. */
void cmd_switch_add(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_switch_del(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_switch_set(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_switch_show(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_port_add(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_port_del(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_port_set(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_port_show(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_fdb_show(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_fdb_add(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_fdb_del(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_fdb_flush(struct vsw_nl *nl, const struct vsw_req *r);
void cmd_monitor(struct vsw_nl *nl, const struct vsw_req *r);
/* save.c */
void cmd_save(struct vsw_nl *nl, const struct vsw_req *r);
/* batch.c: runs @file's commands; the exit status */
int vsw_batch(const char *file, bool force);
/* moveip.c */
/*
 * Moves @from's addresses and the routes through it to @to, which it sets
 * up: 0; or -1, all undone, or -2, not all, with the reason in @err.
 */
int vsw_move_ip(const char *from, const char *to, char *err, size_t errlen);
int vsw_neigh_flush(const char *dev, char *err, size_t errlen);

/* port.c */
/* The value(s) of port keyword @f (one of F_PORT), from argv[*i + 1] on. */
void vsw_port_parse(unsigned int f, int *i, int argc, char **argv,
		    struct vsw_req *r);
/* The attributes of the F_PORT keywords @r set. */
void vsw_port_put(struct nlmsghdr *nlh, const struct vsw_req *r);
/* On stdout, " keyword value" for each of them @r set, as they parse. */
void vsw_port_words(const struct vsw_req *r);

/* main.c */
/* Runs a batch's command; its exit status, the process going on. */
int vsw_run_line(const char *file, unsigned long line, int argc, char **argv);
void __attribute__((noreturn)) vsw_usage_error(const char *fmt, ...);
void __attribute__((noreturn)) vsw_fatal(const char *fmt, ...);
bool vsw_matches(const char *arg, const char *kw);
int vsw_keyword(const char *arg, const char *const *kws, const char *what);
const char *vsw_need_value(int *i, int argc, char **argv);
bool vsw_parse_digits(const char *s, char **end, unsigned long long *v);
uint32_t vsw_parse_u32(const char *kw, const char *s);
void vsw_parse_mac(const char *s, uint8_t *mac);
/* VSW_A_SWITCH_NAME, and VSW_A_PORT_IFNAME if "dev" was given. */
void vsw_put_switch(struct nlmsghdr *nlh, const struct vsw_req *r);
void vsw_put_dev(struct nlmsghdr *nlh, const struct vsw_req *r);

#endif
