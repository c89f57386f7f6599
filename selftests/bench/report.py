#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise bench.sh's runs: report.py RUNS.jsonl OUT.json

Prints a table of median packets per second (min-max) for vsw, the bridge
and the floor, the ratios of vsw's median to theirs (and the range of the
per-run ratios), and each target of the performance issue as met or missed.
"""
import json
import statistics
import sys

NAMES = {1: "known unicast", 2: "flood to 8 ports", 3: "1M MACs",
         4: "learning storm", 5: "host vNIC xmit",
         "v1": "VLAN access>access", "v2": "VLAN access>trunk", "v3": "VLAN trunk>access"}
GUARDS = {"g1": "mac-spoof off", "g2": "dhcp-guard and router-guard on", "g3": "allow-ip on"}
# What a frame of a VLAN scenario is as it leaves: 60 bytes sent untagged,
# with the tag pushed 64; v3's tagged frames are 62 (pktgen's header does
# not fit in 60 with the tag), popped 58.
VLAN_LEN = {"v1": 60, "v2": 64, "v3": 58}


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def series(runs, scenario, kind, key="pps"):
    return [r[key] for r in runs if r["scenario"] == scenario and r["kind"] == kind and key in r]


def stat(values):
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def ratio(a, b):
    if not a or not b:
        return None
    pairs = [x / y for x, y in zip(a, b) if y]
    return {"median": statistics.median(a) / statistics.median(b), "min": min(pairs), "max": max(pairs)}


def fdb_memory(runs, scenario, kind):
    """The FDB's memory in a scenario's runs (medians), or None."""
    rows = [r for r in runs if r["scenario"] == scenario and r["kind"] == kind and r.get("entries")]
    if not rows:
        return None
    return {"mb": statistics.median(r["mem_kb"] / 1024 for r in rows),
            "entries": statistics.median(r["entries"] for r in rows),
            "bytes_per_entry": statistics.median(r["mem_kb"] * 1024 / r["entries"] for r in rows)}


def main():
    runs = load(sys.argv[1])
    res = {"scenarios": {}, "targets": []}
    print(f"{'scenario':20} {'vsw pps':>24} {'bridge pps':>24} {'floor pps':>24} {'vsw/bridge':>18} {'vsw/floor':>18}")
    for s, name in NAMES.items():
        v, b, f = (series(runs, s, k) for k in ("vsw", "bridge", "floor"))
        if not v:
            continue
        row = {"vsw": stat(v), "bridge": stat(b), "floor": stat(f),
               "vsw_bridge": ratio(v, b), "vsw_floor": ratio(v, f)}
        res["scenarios"][str(s)] = row

        def cell(x):
            return f"{x['median'] / 1e6:.3f}M ({x['min'] / 1e6:.2f}-{x['max'] / 1e6:.2f})" if x else "-"

        def rcell(x):
            return f"{x['median']:.2f} ({x['min']:.2f}-{x['max']:.2f})" if x else "-"
        print(f"{name:20} {cell(row['vsw']):>24} {cell(row['bridge']):>24} {cell(row['floor']):>24} "
              f"{rcell(row['vsw_bridge']):>18} {rcell(row['vsw_floor']):>18}")

    base = {s: series(runs, s, "base") for s in NAMES}
    if any(base.values()):
        print("the module before the change (VSW_BENCH_BASE), same boot:")
        for s, name in NAMES.items():
            v = series(runs, s, "vsw")
            if v and base[s]:
                r = ratio(v, base[s])
                res["scenarios"][str(s)]["base"] = stat(base[s])
                res["scenarios"][str(s)]["vsw_base"] = r
                print(f"  {name:18} base {stat(base[s])['median'] / 1e6:.3f}M, "
                      f"vsw/base {r['median']:.3f} ({r['min']:.2f}-{r['max']:.2f})")

    def target(name, value, goal, ok):
        res["targets"].append({"target": name, "value": value, "goal": goal, "met": ok})
        print(f"  {'met ' if ok else 'MISS'} {name}: {value} (goal {goal})")

    sc = res["scenarios"]
    print("targets:")
    if "1" in sc and sc["1"]["vsw_floor"]:
        r = sc["1"]["vsw_floor"]["median"]
        target("(1) known unicast vs floor", round(r, 3), ">= 0.95", r >= 0.95)
    if "2" in sc and sc["2"]["vsw_bridge"]:
        r = sc["2"]["vsw_bridge"]["median"]
        target("(2) flood vs bridge", round(r, 3), ">= 1.1", r >= 1.1)
    if "3" in sc:
        if "1" in sc:
            r = sc["3"]["vsw"]["median"] / sc["1"]["vsw"]["median"]
            target("(3) 1M MACs vs vsw's own (1)", round(r, 3), ">= 0.8", r >= 0.8)
        if sc["3"]["vsw_bridge"]:
            r = sc["3"]["vsw_bridge"]["median"]
            target("(3) 1M MACs vs bridge", round(r, 3), ">= 1.1", r >= 1.1)
        # One cache miss per frame on top of (1)'s time is the least a
        # lookup among 1M entries adds: the most (3) can reach.
        lat = [r for r in runs if r["scenario"] == "3-memlat"]
        if lat and "1" in sc:
            t1 = 1e9 / sc["1"]["vsw"]["median"]
            miss = statistics.median(r["ns"] for r in lat)
            res["memlat_ns"] = miss
            print(f"  info (3) a cache miss (random line of {lat[0]['mbytes']} MB) takes {miss:.0f} ns, "
                  f"(1) a frame {t1:.0f} ns: one miss a frame caps (3) at {t1 / (t1 + miss):.2f} of (1)")
        mem = {k: m["bytes_per_entry"] for k in ("vsw", "bridge") if (m := fdb_memory(runs, 3, k))}
        res["bytes_per_entry"] = mem
        if len(mem) == 2:
            target("(6) FDB bytes per entry vs bridge", f"{mem['vsw']:.0f} vs {mem['bridge']:.0f}",
                   "<= bridge", mem["vsw"] <= mem["bridge"])
    if "4" in sc:
        lv, lb = series(runs, 4, "vsw", "learn_per_s"), series(runs, 4, "bridge", "learn_per_s")
        res["learn_per_s"] = {"vsw": stat(lv), "bridge": stat(lb)}
        if lv and lb:
            r = statistics.median(lv) / statistics.median(lb)
            target("(4) MACs learned per second vs bridge", f"{r:.2f} ({statistics.median(lv):.0f}/s)",
                   ">= 2", r >= 2)
        # A monitor that falls behind loses events (ENOBUFS) and costs less.
        got = {r["kind"]: r["monitor_events"] / r["entries"]
               for r in runs if r["scenario"] == "4-events" and r["entries"]}
        res["monitor_events_share"] = got
        if got:
            print("  info (4) share of learn events the monitor received: " +
                  ", ".join(f"{k} {v:.1%}" for k, v in got.items()))
        # The monitor shares the CPU with the storm: its part of the storm's time.
        cpu = {k: statistics.median(r["monitor_cpu_s"] * r["pps"] / r["frames"] for r in rows)
               for k in ("vsw", "bridge")
               if (rows := [r for r in runs if r["scenario"] == 4 and r["kind"] == k and "monitor_cpu_s" in r])}
        res["monitor_cpu_share"] = cpu
        if cpu:
            print("  info (4) the monitor's share of the CPU during the storm: " +
                  ", ".join(f"{k} {v:.0%}" for k, v in cpu.items()))
        storm_mem = {k: m for k in ("vsw", "bridge") if (m := fdb_memory(runs, 4, k))}
        res["storm_memory"] = storm_mem
        if storm_mem:
            print("  info (4) FDB memory after the storm: " +
                  ", ".join(f"{k} {v['mb']:.0f} MB for {v['entries']:.0f} entries ({v['bytes_per_entry']:.0f} B/entry)"
                            for k, v in storm_mem.items()))
        lim = [r for r in runs if r["scenario"] == "4-limit"]
        if lim:
            exact = all(r["learned"] == r["learn_limit"] and r["entries"] == r["max_entries"] for r in lim)
            target("(4) learn-limit and max-entries exact",
                   ", ".join(f"{r['learned']}/{r['learn_limit']} {r['entries']}/{r['max_entries']}" for r in lim),
                   "exact", exact)
            mb = statistics.median(r["mem_kb"] / 1024 for r in lim)
            per = statistics.median(r["mem_kb"] * 1024 / r["max_entries"] for r in lim)
            res["limit_memory"] = {"mb": mb, "bytes_per_max_entry": per, "macs_sent": lim[0]["macs_sent"],
                                   "max_entries": lim[0]["max_entries"]}
            # Bounded: what max-entries entries take in the storm, with room
            # for the bucket array's power-of-two rounding.
            if "vsw" in storm_mem:
                cap = storm_mem["vsw"]["bytes_per_entry"] * 1.25
                target(f"(4) FDB memory at max-entries {lim[0]['max_entries']} after "
                       f"{lim[0]['macs_sent']} random MACs",
                       f"{mb:.1f} MB, {per:.0f} B per entry",
                       f"<= 1.25 x the storm's {storm_mem['vsw']['bytes_per_entry']:.0f} B", per <= cap)
    if "5" in sc and sc["5"]["vsw_bridge"]:
        r = sc["5"]["vsw_bridge"]["median"]
        target("(5) host vNIC xmit vs bridge device", round(r, 3), ">= 1.0", r >= 1.0)
    # No VLAN configured: (1) against the module before VLANs, same boot.
    if "1" in sc and sc["1"].get("vsw_base"):
        r = sc["1"]["vsw_base"]["median"]
        target("(1) known unicast vs the module before the change", round(r, 3), ">= 0.97", r >= 0.97)
    for s in VLAN_LEN:
        if s not in sc:
            continue
        if sc[s]["vsw_bridge"]:
            r = sc[s]["vsw_bridge"]["median"]
            target(f"({s}) {NAMES[s][5:]} vs bridge (vlan_filtering)", round(r, 3), ">= 1.1", r >= 1.1)
        # Every frame out of the egress port, tagged as it should be: a
        # switch that dropped them, or sent them with the wrong tag, would
        # pass for fast.
        rows = [r for r in runs if r["scenario"] == s]
        bad = [r for r in rows if r["tx_packets"] != r["frames"] or
               r["tx_bytes"] != VLAN_LEN[s] * r["tx_packets"]]
        target(f"({s}) every frame out, {VLAN_LEN[s]} bytes", f"{len(rows) - len(bad)} of {len(rows)} runs" +
               "".join(f"; {r['kind']} {r['tx_packets']}/{r['frames']} frames, {r['tx_bytes']} bytes"
                       for r in bad[:3]), "all", not bad)
    # What a VLAN costs each switch: its VLAN scenario against its own (1).
    if "1" in sc:
        own = {k: ", ".join(f"{s} {sc[s][k]['median'] / sc['1'][k]['median']:.2f}"
                            for s in VLAN_LEN if s in sc and sc[s][k] and sc["1"][k])
               for k in ("vsw", "bridge", "floor")}
        own = {k: v for k, v in own.items() if v}
        if own:
            print("  info VLAN scenarios against the kind's own (1): " +
                  "; ".join(f"{k} {v}" for k, v in own.items()))
    # What a guard costs: its port with the guard on against the same port
    # with all off, alternated in the same boot.
    for g, what in GUARDS.items():
        on, off = series(runs, g, "on"), series(runs, g, "off")
        if on and off:
            r = ratio(on, off)
            res["scenarios"][g] = {"on": stat(on), "off": stat(off), "on_off": r}
            print(f"  info ({g}) known unicast with {what}: {stat(on)['median'] / 1e6:.3f}M, "
                  f"{r['median']:.3f} ({r['min']:.2f}-{r['max']:.2f}) of off")
    with open(sys.argv[2], "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
