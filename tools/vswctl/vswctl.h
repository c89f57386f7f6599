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

struct vsw_obj {
	int cmd;			/* VSW_CMD_* the message carried */
	int event;			/* VSW_EVENT_*, -1 if none */
	char sw[IF_NAMESIZE];
	int type;			/* switch type, -1 if absent */
	char uplink[IF_NAMESIZE];
	char host[IF_NAMESIZE];
	uint32_t ageing, max_entries, fdb_entries, nports;
	char dev[IF_NAMESIZE];
	int role;			/* -1 if absent */
	uint32_t learn_limit, learned;
	int vlan_mode;			/* -1 if absent */
	uint16_t vlan_vid, vlan_native;
	const uint32_t *trunk;		/* VSW_VID_WORDS, or NULL if absent */
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
	bool stats;
};

extern struct vsw_opts opts;

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
void vsw_obj_parse(const struct nlmsghdr *nlh, struct vsw_obj *o);
void vsw_print_switch(const struct vsw_obj *o, void *arg);
void vsw_print_port(const struct vsw_obj *o, void *arg);
void vsw_print_fdb(const struct vsw_obj *o, void *arg);
void vsw_print_event(const struct vsw_obj *o, void *arg);
void vsw_json_begin(void);
void vsw_json_end(void);

/* vlan.c */
long vsw_vid_parse(const char *kw, const char *s, long min);
void vsw_vids_parse(const char *s, uint32_t *map);
const char *vsw_vids_format(const uint32_t *map, char *buf);

/* main.c */
void __attribute__((noreturn)) vsw_usage_error(const char *fmt, ...);
void __attribute__((noreturn)) vsw_fatal(const char *fmt, ...);

#endif
