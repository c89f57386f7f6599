#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fail the Nth allocation of vswctl's commands, for N = 1, 2, ... until one
runs to its end without a fault: the kernel's per-task fault injection
(/proc/PID/fail-nth, failslab and fail_page_alloc, which the caller sets
up), in a `vswctl -force -b -` that takes one command at a time, so that
the allocations counted are the command's, not those of an exec; the genl
handlers run in its context and count too.

failnth.py [--stress] [--first N] [--results FILE] VSWCTL SPEC

Each line of SPEC is a sweep, fields split by tabs (or, starting with '!',
a shell command run there, to set the scene for the next ones):
  NAME  OPTIONS  COMMAND  UNDO  DEVICES  FLAGS
OPTIONS are vswctl's own (-j -s), COMMAND a line of its batch, UNDO the
lines (split by ';') that take back what it did ("!CMD": a shell command,
"%dummy DEV": DEV deleted and made again, a dummy, up), DEVICES the ones it
takes, which must be free after a refusal (join a bridge, and leave it);
FLAGS "dump": its output is compared with an unfaulted run's, "cold": the
command opens its socket (the line before it failed, as a first command
does), "long": with --stress only.

After each command: a refusal says "vswctl: -:LINE: ..." and leaves the
netns (vsw's dumps, its links with their masters and promiscuity, the
addresses and routes) as it was; a success leaves it as the unfaulted run
did, and undone, as before; a reply lost (netlink receive: ENOBUFS) may
leave either.  Every event (read from the events group here) parses, and
the events replayed on the state before give the state after, unless the
socket said ENOBUFS.  The fault's site is read from the kernel's stack
dump (/dev/kmsg: failslab's and fail_page_alloc's verbose 2).

With --stress, every sweep fails each of its command's allocations in
turn; without, the sweeps flagged "long" are left out, and the sweep
gallops through a run of faults at one site (the same vsw function calling
the same: register_netdevice()'s hundreds), doubling its step after 4 in a
row, and walks one by one again from where a step landed on another site.
--first N starts each sweep at N, to see a failure again.  Prints a line
per sweep and per failure, "failnth: ok|FAIL NAME: ..."; --results writes
the figures as JSON.  Exit 1 on a failure.
"""
import argparse
import fcntl
import json
import os
import re
import select
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import vswnl  # noqa: E402

BIG = 1000000
NO_STACK = "(no stack: __GFP_NOWARN)"
LINE_TIMEOUT = 30
MAX_STEP = 64
GALLOP_AFTER = 4
# Frames of the allocators and of the fault injection itself.
ALLOC = re.compile(r"^(should_fail|__should_fail|should_failslab|__should_failslab|"
                   r"slab_pre_alloc_hook|slab_alloc|kmem_cache_alloc|__kmem_cache_alloc|"
                   r"__kmalloc|kmalloc|kzalloc|kvmalloc|__kvmalloc|kcalloc|krealloc|"
                   r"__do_kmalloc|kmemdup|kstrdup|__alloc_pages|alloc_pages|"
                   r"__alloc_frozen|___kmalloc|__kmalloc_large|kmalloc_large|"
                   r"kmalloc_reserve|__get_free_pages|get_zeroed_page|"
                   r"alloc_slab_page|allocate_slab|new_slab|___slab_alloc|__slab_alloc|"
                   r"__folio_alloc|folio_alloc|alloc_pages_mpol|dump_stack|show_stack|"
                   r"fail_dump|should_fail_ex|__dump_stack|kasan_|__kasan_)")
FRAME = re.compile(r"^\s*\[<[0-9a-f]+>\] ([\w.]+)\+0x[0-9a-f]+/0x[0-9a-f]+(?: \[(\w+)\])?")


class Batch:
    """vswctl -force -b - with its stdin a pipe: a line at a time, each
    followed by "fdb help", whose usage text on stdout says the line is
    done (it allocates nothing the fault injection counts: its writes to
    the pipe take order-0 pages, and fail_page_alloc's min-order is 1)."""

    def __init__(self, vswctl, options):
        argv = [vswctl] + options + ["-force", "-b", "-"]
        # Its output a line at a time (a pipe's is buffered).
        stdbuf = subprocess.run(["sh", "-c", "command -v stdbuf"],
                                capture_output=True, text=True).stdout.strip()
        if not stdbuf:
            raise RuntimeError("no stdbuf")
        help_text = subprocess.run([vswctl, "fdb", "help"], capture_output=True).stdout
        self.p = subprocess.Popen([stdbuf, "-oL"] + argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in (self.p.stdout, self.p.stderr):
            fcntl.fcntl(f, fcntl.F_SETFL, os.O_NONBLOCK)
        self.done = help_text
        self.line = 0
        self.failed = False
        # Loaded and reading (an empty line is skipped): what it
        # allocated to start is not counted.
        self.run("")

    def set_nth(self, n):
        with open(f"/proc/{self.p.pid}/fail-nth", "w") as f:
            f.write(str(n))

    def run(self, cmd, nth=0):
        """@cmd with its allocation @nth failing (0: none).  Whether it
        failed, its messages, its output, how many allocations it made (of
        @nth at most) and whether the fault was injected."""
        out, err = b"", b""
        self.line += 2
        self.set_nth(nth or BIG)
        self.p.stdin.write(cmd.encode() + b"\nfdb help\n")
        self.p.stdin.flush()
        deadline = time.time() + LINE_TIMEOUT
        while not out.endswith(self.done):
            if time.time() > deadline:
                raise RuntimeError(f"vswctl hung on \"{cmd}\" (line {self.line - 1})")
            ready = select.select([self.p.stdout, self.p.stderr], [], [], 1)[0]
            for f in ready:
                data = f.read()
                if f is self.p.stdout:
                    out += data or b""
                else:
                    err += data or b""
                if data == b"" and self.p.poll() is not None:
                    raise RuntimeError(f"vswctl exited with status {self.p.returncode} "
                                       f"on \"{cmd}\": {err.decode(errors='replace')[-300:]}")
        left = int(open(f"/proc/{self.p.pid}/fail-nth").read())
        self.set_nth(0)
        try:
            err += self.p.stderr.read() or b""
        except BlockingIOError:
            pass
        err = err.decode(errors="replace").strip()
        self.failed = any(m.startswith(f"vswctl: -:{self.line - 1}: ")
                          for m in err.splitlines())
        return self.failed, err, out[:-len(self.done)].decode(errors="replace"), \
            (nth or BIG) - left, bool(nth) and not left

    def warm(self):
        """A socket open for the next command, as after a success."""
        if self.failed:
            failed, err, _, _, _ = self.run("switch show")
            if failed:
                raise RuntimeError(f"switch show failed without a fault: {err}")

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=LINE_TIMEOUT)


class Kmsg:
    """The kernel's log from now on, one record a read."""

    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def lines(self):
        out = []
        while True:
            try:
                rec = os.read(self.fd, 8192).decode(errors="replace")
            except BlockingIOError:
                return out
            except BrokenPipeError:
                out.append("(kmsg: records lost)")
                continue
            out.append(rec.split(";", 1)[1].split("\n", 1)[0] if ";" in rec else rec)

    @staticmethod
    def sites(lines):
        """Each fault's site: the innermost vsw function on its stack and
        what it called ("vsw_port_add>netdev_master_upper_dev_link"), or
        the first function past the allocator's ("core:netlink_ack")."""
        sites, frames = [], None
        for line in lines + ["FAULT_INJECTION: end"]:
            if line.startswith("FAULT_INJECTION: "):
                if frames is not None:
                    sites.append(Kmsg.site(frames))
                frames = []
                continue
            m = FRAME.match(line) if frames is not None else None
            if m:
                frames.append((m.group(1), m.group(2)))
        return sites

    @staticmethod
    def site(frames):
        for i, (fn, mod) in enumerate(frames):
            if mod == "vsw":
                return f"{fn}>{frames[i - 1][0]}" if i else fn
        for fn, _ in frames:
            if not ALLOC.match(fn):
                return "core:" + fn
        return "core:?"


def model(state):
    """Switches, ports and entries, as events describe them."""
    sws, ports, fdb = set(), set(), {}
    for name, (_, plist, flist) in state["switches"].items():
        sws.add(name)
        for p in plist:
            ports.add((name, vswnl.strz(dict(p)[vswnl.A["VSW_A_PORT_IFNAME"]])))
        for mac, vlan, dev, kind in flist:
            fdb[(name, mac, vlan)] = (dev, kind)
    return sws, ports, fdb


def replay(m, events):
    """@m after @events; None if the socket said some were lost.  Raises
    ValueError for an event that does not parse."""
    sws, ports, fdb = set(m[0]), set(m[1]), dict(m[2])
    for ev in events:
        if ev == "ENOBUFS":
            return None
        a = dict(ev)
        kind = vswnl.EV.get(a.get(vswnl.A["VSW_A_EVENT"], b"\xff")[0])
        sw = a.get(vswnl.A["VSW_A_SWITCH_NAME"])
        if kind is None or sw is None:
            raise ValueError(f"an event that does not parse: {ev}")
        sw = vswnl.strz(sw)
        dev = a.get(vswnl.A["VSW_A_PORT_IFNAME"])
        dev = vswnl.strz(dev) if dev is not None else None
        mac = a.get(vswnl.A["VSW_A_FDB_MAC"])
        vlan = a.get(vswnl.A["VSW_A_FDB_VLAN"])
        vlan = int.from_bytes(vlan, sys.byteorder) if vlan is not None else None
        ftype = a.get(vswnl.A["VSW_A_FDB_TYPE"], b"\0")[0]
        key = (sw, "local" if ftype == 2 else mac.hex() if mac else None, vlan)
        if kind == "switch-add":
            sws.add(sw)
        elif kind == "switch-del":
            sws.discard(sw)
            ports = {p for p in ports if p[0] != sw}
            fdb = {k: v for k, v in fdb.items() if k[0] != sw}
        elif kind == "port-add":
            ports.add((sw, dev))
        elif kind == "port-del":
            ports.discard((sw, dev))
            fdb = {k: v for k, v in fdb.items() if not (k[0] == sw and v[0] == dev)}
        elif kind in ("learn", "move", "fdb-add"):
            fdb[key] = (dev, ftype if kind == "fdb-add" else 0)
        elif kind in ("age", "fdb-del", "evict"):
            fdb.pop(key, None)
        elif kind == "flush":
            flags = a.get(vswnl.A["VSW_A_FLUSH_FLAGS"], b"\0")[0]
            fdb = {k: v for k, v in fdb.items()
                   if not (k[0] == sw and v[1] != 2 and (dev is None or v[0] == dev) and
                           (vlan is None or k[2] == vlan) and (not flags & 1 or v[1] == 0))}
    return sws, ports, fdb


def show_events(events):
    """Events as "switch-add fx, port-add fx eth0, ENOBUFS"."""
    out = []
    for ev in events:
        if ev == "ENOBUFS":
            out.append(ev)
            continue
        a = dict(ev)
        words = [vswnl.EV.get(a.get(vswnl.A["VSW_A_EVENT"], b"\xff")[0], "?")]
        for name in ("SWITCH_NAME", "PORT_IFNAME"):
            if vswnl.A["VSW_A_" + name] in a:
                words.append(vswnl.strz(a[vswnl.A["VSW_A_" + name]]))
        if vswnl.A["VSW_A_FDB_MAC"] in a:
            words.append(a[vswnl.A["VSW_A_FDB_MAC"]].hex(":"))
        out.append(" ".join(words))
    return "[" + ", ".join(out) + "]"


def same_dump(a, b):
    """Two -j outputs alike but for the ages (they tick)."""
    def strip(text):
        try:
            d = json.loads(text)
        except ValueError:
            return text
        for e in d if isinstance(d, list) else []:
            if isinstance(e, dict):
                e.pop("age", None)
        return d
    return strip(a) == strip(b)


class Sweep:
    def __init__(self, args, fields, batches, nl, rt, mon, kmsg):
        (self.name, options, self.cmd, undo, devs, flags) = (fields + [""] * 6)[:6]
        self.options = options.split()
        self.undo = [u.strip() for u in undo.split(";") if u.strip()]
        self.devs = [d for d in devs.split(",") if d]
        self.flags = flags.split(",")
        self.args, self.nl, self.rt, self.mon, self.kmsg = args, nl, rt, mon, kmsg
        key = " ".join(self.options)
        if key not in batches:
            batches[key] = Batch(args.vswctl, self.options)
        self.b = batches[key]
        self.fails = []
        self.trace = []
        self.figures = {"points": 0, "refused": 0, "succeeded": 0,
                        "reply_lost": 0, "events_lost": 0, "sites": {}}

    def fail(self, n, what):
        self.fails.append(f"N={n}: {what}")
        print(f"failnth: FAIL {self.name}: N={n}: {what}", flush=True)

    def state(self):
        return vswnl.snapshot(self.nl, self.rt)

    def settle(self, m_from, state):
        """The events since the last call, replayed on @m_from: whether
        they give @state's model (waiting a few jiffies for a batch of FDB
        events), or None if one was lost (ENOBUFS)."""
        events, target = [], model(state)
        for _ in range(4):
            events += self.mon.events()
            m = replay(m_from, events)
            if m is None or m == target:
                break
            time.sleep(0.025)
        return events, None if m is None else m == target

    def do_undo(self):
        """Every undo line, each whether the one before failed or not (a
        half-made state may need only some): the state after says."""
        for u in self.undo:
            if u.startswith("!"):
                subprocess.run(u[1:], shell=True, check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elif u.startswith("%dummy "):
                vswnl.dummy_anew(self.rt, u.split()[1])
            else:
                self.b.warm()
                self.b.run(u)

    def prepare(self):
        if "cold" in self.flags:
            # A failing line closes vswctl's socket: the next opens one.
            self.b.run("switch show vsw-no-such-switch")
            self.b.failed = False
        else:
            self.b.warm()

    def run(self):
        dump = "dump" in self.flags
        self.mon.events()
        s0 = self.state()
        m0 = model(s0)
        self.prepare()
        failed, err, ref_out, count, _ = self.b.run(self.cmd)
        self.figures["allocations"] = count
        if failed:
            self.fail(0, f"fails without a fault: {err}")
            return
        s1 = self.state()
        ev, ok = self.settle(m0, s1)
        if not ok:
            self.fail(0, f"the events do not give the state after: {show_events(ev)}")
        self.do_undo()
        s2 = self.state()
        if s2 != s0 or not self.settle(model(s1), s2)[1]:
            self.fail(0, f"undone, the state (or the events) not the one before: {diff(s0, s2)}")
            return
        self.kmsg.lines()
        tried, n, step = {}, self.args.first, 1
        prev_n, prev_site, same = n - 1, None, 0
        while True:
            if n > 3 * count + 100:
                self.fail(n, f"no run without a fault after {n} (it made {count})")
                return
            if n not in tried:
                done, site = self.point(n, s0, s1, m0, ref_out, count)
                if done and step == 1:
                    return
                tried[n] = "(past the end)" if done else site
                if len(self.fails) > 20:
                    return
            site = tried[n]
            if self.args.stress:
                n += 1
            elif site == "(past the end)" and step == 1:
                return
            elif site is None:
                # No stack (__GFP_NOWARN: kmemleak's own objects, skb
                # data): of the run it is in, where that is known.
                n += 1 if step == 1 else step
            elif site == prev_site:
                same, prev_n = same + 1, n
                if same >= GALLOP_AFTER:
                    step = min(2 * step, MAX_STEP)
                n += step
            elif step > 1:
                # Another site lies in (prev_n, n]: walk it one by one.
                n, step, same = prev_n + 1, 1, 0
            else:
                prev_n, prev_site, same = n, site, 1
                n += 1

    def point(self, n, s0, s1, m0, ref_out, count):
        """Fault @n; whether the command ran without one, and the site."""
        dump = "dump" in self.flags
        self.prepare()
        self.kmsg.lines()
        failed, err, out, _, fired = self.b.run(self.cmd, n)
        klines = self.kmsg.lines()
        sites = Kmsg.sites(klines)
        if not fired:
            if failed:
                self.fail(n, f"failed without a fault: {err}")
            elif not dump and self.state() != s1:
                self.fail(n, "succeeded without a fault, but not as before")
            if not dump:
                self.do_undo()
            return True, None
        self.figures["points"] += 1
        for site in sites or [NO_STACK]:
            self.figures["sites"][site] = self.figures["sites"].get(site, 0) + 1
        self.check(n, failed, err, out, ref_out, s0, s1, m0, sites, dump)
        self.trace.append(f"{n} {'refused' if failed else 'done'} {' '.join(sites) or '-'}")
        return False, sites[0] if sites else None

    def check(self, n, failed, err, out, ref_out, s0, s1, m0, sites, dump):
        where = f" (fault at {', '.join(sites) or 'a site not dumped'})"
        s = s0 if dump else self.state()
        try:
            ev, ok = self.settle(m0, s)
        except ValueError as e:
            self.fail(n, str(e) + where)
            ev, ok = [], True
        if ok is None:
            self.figures["events_lost"] += 1
        elif not ok:
            self.fail(n, f"the events do not give the state: {show_events(ev)}{where}")
        if failed:
            lines = err.splitlines()
            if not any(re.match(rf"vswctl: -:{self.b.line - 1}: \S", x) for x in lines):
                self.fail(n, f"a failure without a message: {err!r}{where}")
            if any("netlink receive: No buffer space available" in x for x in lines):
                self.figures["reply_lost"] += 1
                if s not in (s0, s1):
                    self.fail(n, f"reply lost ({err}), and the state is neither before nor "
                                 f"after: {diff(s0, s)}{where}")
            elif s != s0:
                self.fail(n, f"refused ({err}), but the state changed: {diff(s0, s)}{where}")
            else:
                self.figures["refused"] += 1
            for dev in self.devs if s == s0 else []:
                try:
                    vswnl.set_master(self.rt, dev, "fnbr0")
                    vswnl.set_master(self.rt, dev, None)
                except vswnl.NetlinkError as e:
                    self.fail(n, f"refused, and {dev} cannot join a bridge: {e}{where}")
        else:
            self.figures["succeeded"] += 1
            if s != s1:
                self.fail(n, f"succeeded, but not as without a fault: {diff(s1, s)}{where}")
            if dump and not same_dump(out, ref_out):
                self.fail(n, f"succeeded with another output: {out[:200]!r}{where}")
        if s != s0:
            self.do_undo()
            s2 = self.state()
            self.settle(model(s), s2)
            if s2 != s0:
                self.fail(n, f"undone, the state is not the one before: {diff(s0, s2)}{where}")
                raise RuntimeError(f"cannot go on from N={n}")


def show(x):
    """A state's part, its attributes named."""
    if isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], int) and \
       isinstance(x[1], bytes):
        return f"{vswnl.ANAME.get(x[0], x[0])[6:].lower()}={x[1].hex()}"
    if isinstance(x, (tuple, list)):
        return "(" + " ".join(show(e) for e in x) + ")"
    return str(x)


def diff(a, b):
    out = []
    for part in ("switches", "links"):
        for k in sorted(set(a[part]) | set(b[part]), key=str):
            if a[part].get(k) != b[part].get(k):
                out.append(f"{k}: {show(a[part].get(k))[:200]} -> {show(b[part].get(k))[:200]}")
    for part in ("addrs", "routes"):
        if a[part] != b[part]:
            out.append(f"{part}: -{sorted(set(a[part]) - set(b[part]))} "
                       f"+{sorted(set(b[part]) - set(a[part]))}")
    return "; ".join(out) or "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stress", action="store_true")
    ap.add_argument("--first", type=int, default=1)
    ap.add_argument("--results")
    ap.add_argument("vswctl")
    ap.add_argument("spec")
    args = ap.parse_args()
    nl, rt, mon = vswnl.Genl(), vswnl.Netlink(vswnl.NETLINK_ROUTE), vswnl.Genl()
    mon.listen()
    kmsg = Kmsg()
    batches = {}
    results, bad = {}, 0
    began = time.time()
    for line in open(args.spec):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("!"):
            # Setting the scene between sweeps.
            subprocess.run(line[1:], shell=True, check=True)
            continue
        sweep = Sweep(args, line.rstrip("\n").split("\t"), batches, nl, rt, mon, kmsg)
        if "long" in sweep.flags and not args.stress:
            continue
        t = time.time()
        try:
            sweep.run()
        except (RuntimeError, vswnl.NetlinkError, OSError) as e:
            sweep.fail("-", str(e))
        f = sweep.figures
        f["seconds"] = round(time.time() - t, 1)
        f["failures"] = sweep.fails
        f["trace"] = sweep.trace
        results[sweep.name] = f
        bad += bool(sweep.fails)
        vsw_sites = sorted(s for s in f["sites"] if s.startswith("vsw_"))
        core_sites = [s for s in f["sites"] if s.startswith("core:")]
        print(f"failnth: {'FAIL' if sweep.fails else 'ok  '} {sweep.name}: {f['points']} fault "
              f"points of {f.get('allocations', '?')} in {f['seconds']} s: {f['refused']} "
              f"refused, {f['succeeded']} done, {f['reply_lost']} replies lost, "
              f"{f['events_lost']} events lost (ENOBUFS); {len(core_sites)} sites in "
              f"the kernel's core, in vsw: {' '.join(vsw_sites) or 'none'}", flush=True)
    for b in batches.values():
        b.close()
    if args.results:
        with open(args.results, "w") as out:
            json.dump({"seconds": round(time.time() - began, 1), "sweeps": results}, out,
                      indent=1)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
