#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""vsw's netlink fuzzer: requests to the vsw generic netlink family built
from its YAML spec (Documentation/netlink/specs/vsw.yaml, read at run time),
then broken, interleaved with valid configuration and traffic, and every
answer checked.  Documentation/reliability.rst says what it sends and checks.

usage: nlfuzz.py [--seed S] [--count N] [--keep SW,...] [--results FILE]
       nlfuzz.py --replay HEX

It works in the netns it runs in: it makes its own devices and switches
(named PREFIX..., "fz" by default) and removes them at the end; the switches
there before it (or named by --keep) are only read.  The seed is fixed (17)
unless VSW_STRESS=1 (a random one) or VSW_FUZZ_SEED or --seed say; the count
is 10^4 messages, 10^5 with VSW_STRESS=1, or VSW_FUZZ_COUNT or --count.  Each
failure prints its check, the seed, the message's number and the datagram in
hex: `--seed S --count N` runs the same sequence again to that message (the
kernel's state differs by the traffic's timing only), `--replay HEX` sends
that datagram alone, in the same setup, and checks its answers.  Exit 0 when
every check passed, 1 when one failed, 2 on a usage error.
"""
import argparse
import errno
import os
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.realpath(__file__))
SPEC = os.path.join(HERE, "../../Documentation/netlink/specs/vsw.yaml")

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11
SO_RCVBUFFORCE = 33
F_REQUEST, F_MULTI, F_ACK, F_ECHO, F_DUMP_INTR = 0x1, 0x2, 0x4, 0x8, 0x10
F_ROOT, F_MATCH, F_ATOMIC, F_DUMP = 0x100, 0x200, 0x400, 0x300
F_CAPPED, F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE, NLMSG_MIN_TYPE = 2, 3, 0x10
NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK = 0x8000, 0x4000, 0x3fff
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_VERSION = 1, 2, 3
CTRL_ATTR_MCAST_GROUPS, CTRL_ATTR_MCAST_GRP_NAME, CTRL_ATTR_MCAST_GRP_ID = 7, 1, 2
# NLMSGERR_ATTR_*: what an ack or error may carry, and how long each is
# (None: a string; -1: a nest; 0: any length).
ERR_MSG, ERR_OFFS, ERR_COOKIE, ERR_POLICY, ERR_MISS_TYPE, ERR_MISS_NEST = 1, 2, 3, 4, 5, 6
ERR_TLVS = {ERR_MSG: None, ERR_OFFS: 4, ERR_COOKIE: 0, ERR_POLICY: -1,
            ERR_MISS_TYPE: 4, ERR_MISS_NEST: 4}
# NL_POLICY_TYPE_ATTR_* lengths, in an ERR_POLICY nest.
POLICY_TLVS = {1: 4, 2: 8, 3: 8, 4: 8, 5: 8, 6: 4, 7: 4, 8: 4, 9: 4, 10: 4, 11: 0, 12: 8}
# Errnos a refusal of vsw or of the netlink core may have; any other is a
# finding to look at.
ERRNOS = {errno.EINVAL, errno.ERANGE, errno.ENODEV, errno.ENOENT, errno.EEXIST,
          errno.EBUSY, errno.E2BIG, errno.EOPNOTSUPP, errno.ELOOP, errno.ENOSPC,
          errno.EADDRINUSE, errno.EMSGSIZE}
INT_FMT = {"u8": "B", "u16": "H", "u32": "I", "u64": "Q",
           "s8": "b", "s16": "h", "s32": "i", "s64": "q"}
MUTATING = {"switch-new", "switch-del", "switch-set", "port-new", "port-del",
            "port-set", "fdb-new", "fdb-del", "fdb-flush"}
# What the spec cannot say: the attributes each request needs (a tuple is
# one of them), and those some settings need; vsw names the first of a
# tuple in NLMSGERR_ATTR_MISS_TYPE.
REQUIRED = {
    "switch-new": ["switch-name", "switch-type"], "switch-del": ["switch-name"],
    "switch-set": ["switch-name"], "switch-get": ["switch-name"],
    "port-new": ["switch-name", ("port-ifindex", "port-ifname")],
    "port-del": ["switch-name", ("port-ifindex", "port-ifname")],
    "port-set": ["switch-name", ("port-ifindex", "port-ifname")],
    "port-get": ["switch-name"], "fdb-get": ["switch-name"], "fdb-flush": ["switch-name"],
    "fdb-new": ["switch-name", "fdb-mac", ("port-ifindex", "port-ifname")],
    "fdb-del": ["switch-name", "fdb-mac"],
}
CHECKS = [
    ("answers", "every answer is well formed (headers, echo, attributes per the spec)"),
    ("extack", "every refusal carries an extack message"),
    ("missing", "a missing required attribute is named (NLMSGERR_ATTR_MISS_TYPE)"),
    ("errno", "refusals of a known cause have its errno"),
    ("header", "bad nlmsg_flags and a nonzero genl reserved byte are refused"),
    ("valid", "valid configuration succeeds with the expected replies"),
    ("health", "a switch get, add and del every N messages succeed"),
    ("dumps", "every dump read on ends, abandoned and resumed ones too"),
    ("events", "every event is well formed"),
    ("hang", "every awaited answer comes within the timeout"),
]


def nla(kind, payload):
    return struct.pack("=HH", 4 + len(payload), kind) + payload + b"\0" * (-len(payload) % 4)


def hexs(data):
    return data.hex()


class Attr:
    def __init__(self, aset, spec_attr, value, defs):
        self.set, self.name, self.id = aset, spec_attr["name"], value
        self.type = spec_attr["type"]
        self.checks = dict(spec_attr.get("checks", {}))
        self.multi = spec_attr.get("multi-attr", False)
        self.nested = spec_attr.get("nested-attributes")
        self.hint = spec_attr.get("display-hint")
        self.values = None
        self.mask = None
        if "enum" in spec_attr:
            kind, values = defs[spec_attr["enum"]]
            if kind == "flags" or spec_attr.get("enum-as-flags"):
                self.mask = 0
                for v in values.values():
                    self.mask |= v
            else:
                self.values = sorted(values.values())
        # What check_scalar() checks, worked out once.
        self.is_nest = self.type == "nest"
        self.unpack = struct.Struct("=" + INT_FMT[self.type]) if self.type in INT_FMT else None
        c = self.checks
        if self.type == "binary":
            self.lo = c.get("exact-len", c.get("min-len", 0))
            self.hi = c.get("exact-len", c.get("max-len", 1 << 16))
            if self.hint == "mac":
                self.lo = self.hi = 6
        else:
            self.lo = c.get("min", -(1 << 63))
            self.hi = c.get("max", c.get("max-len", 1 << 64))


class Op:
    def __init__(self, spec_op, value):
        self.name, self.id = spec_op["name"], value
        self.set = spec_op.get("attribute-set")
        self.do_req = self.do_reply = self.dump_req = self.dump_reply = None
        self.has_do = self.has_dump = False
        for kind in ("do", "dump"):
            part = spec_op.get(kind)
            if part is None:
                continue
            req = (part.get("request") or {}).get("attributes", [])
            reply = part.get("reply")
            reply = reply["attributes"] if reply else None
            if kind == "do":
                self.has_do, self.do_req, self.do_reply = True, req, reply
            else:
                self.has_dump, self.dump_req, self.dump_reply = True, req, reply
        self.event = (spec_op.get("event") or {}).get("attributes")


class Spec:
    """The attribute sets, types, checks and ops of the YAML spec."""

    def __init__(self, path):
        with open(path) as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.name = doc["name"]
        self.defs = {}
        for d in doc.get("definitions", []):
            names = [e if isinstance(e, str) else e["name"] for e in d.get("entries", [])]
            start = d.get("value-start", 0)
            if d["type"] == "flags":
                self.defs[d["name"]] = ("flags", {n: 1 << (start + i) for i, n in enumerate(names)})
            else:
                self.defs[d["name"]] = ("enum", {n: start + i for i, n in enumerate(names)})
        self.sets = {}
        for s in doc["attribute-sets"]:
            byname, byid, value = {}, {}, 1
            for a in s["attributes"]:
                value = a.get("value", value)
                attr = Attr(s["name"], a, value, self.defs)
                byname[attr.name], byid[value] = attr, attr
                value += 1
            self.sets[s["name"]] = (byname, byid)
        self.ops, self.byid = {}, {}
        value = 1
        for o in doc["operations"]["list"]:
            value = o.get("value", value)
            op = Op(o, value)
            self.ops[op.name], self.byid[value] = op, op
            value += 1

    def attr(self, name, aset="vsw"):
        return self.sets[aset][0][name]

    def maxattr(self, aset="vsw"):
        return max(self.sets[aset][1])


class Bad(Exception):
    """A malformed answer."""


HDR = struct.Struct("=HH")


def check_scalar(attr, payload, where):
    """@payload as a value of @attr's type and checks, or Bad."""
    t = attr.type
    if attr.unpack is not None:
        if len(payload) != attr.unpack.size:
            raise Bad(f"{where}: {attr.name} is {len(payload)} bytes, a {t} is {attr.unpack.size}")
        value = attr.unpack.unpack(payload)[0]
    elif t in ("uint", "sint"):
        if len(payload) not in (4, 8):
            raise Bad(f"{where}: {attr.name} ({t}) is {len(payload)} bytes, not 4 or 8")
        value = int.from_bytes(payload, sys.byteorder, signed=t == "sint")
    elif t == "string":
        if not payload or payload[-1] != 0 or 0 in payload[:-1]:
            raise Bad(f"{where}: {attr.name} is not one NUL-terminated string: {payload!r}")
        if len(payload) - 1 > attr.hi:
            raise Bad(f"{where}: {attr.name} is longer than {attr.hi}")
        return payload[:-1]
    elif t == "binary":
        if not attr.lo <= len(payload) <= attr.hi:
            raise Bad(f"{where}: {attr.name} is {len(payload)} bytes, against {attr.checks}")
        return payload
    elif t == "flag":
        if payload:
            raise Bad(f"{where}: the flag {attr.name} carries {len(payload)} bytes")
        return None
    else:
        raise Bad(f"{where}: {attr.name} of type {t} in an answer")
    if not attr.lo <= value <= attr.hi:
        raise Bad(f"{where}: {attr.name} = {value}, outside {attr.checks}")
    if attr.values is not None and value not in attr.values:
        raise Bad(f"{where}: {attr.name} = {value}, not of its enum")
    if attr.mask is not None and value & ~attr.mask:
        raise Bad(f"{where}: {attr.name} = {value:#x}, bits outside its flags")
    return value


def parse_attrs(spec, buf, aset, allowed, where, depth=0):
    """Attributes of an answer, strictly: lengths, padding, types of the
    set (of @allowed, if given), flags, duplicates, values by the spec's
    checks, nests down.  Returns {name: value or [values] for multi-attr}."""
    byid = spec.sets[aset][1]
    out, off, n = {}, 0, len(buf)
    while off < n:
        if n - off < 4:
            raise Bad(f"{where}: {n - off} bytes after the last attribute")
        length, kind = HDR.unpack_from(buf, off)
        if length < 4 or off + length > n:
            raise Bad(f"{where}: an attribute of length {length} at {off} of {n}")
        aligned = (length + 3) & ~3
        if aligned != length:
            if off + aligned > n:
                raise Bad(f"{where}: the last attribute is not padded")
            if buf[off + length:off + aligned].strip(b"\0"):
                raise Bad(f"{where}: padding that is not zero")
        attr = byid.get(kind & NLA_TYPE_MASK)
        if attr is None or attr.type == "unused" or (allowed is not None and attr.name not in allowed):
            raise Bad(f"{where}: attribute type {kind & NLA_TYPE_MASK} of {aset} is not in this answer")
        if kind & NLA_F_NET_BYTEORDER:
            raise Bad(f"{where}: {attr.name} has NLA_F_NET_BYTEORDER")
        if bool(kind & NLA_F_NESTED) != attr.is_nest:
            raise Bad(f"{where}: {attr.name}'s NLA_F_NESTED is {bool(kind & NLA_F_NESTED)}")
        payload = buf[off + 4:off + length]
        if attr.is_nest:
            if depth > 4:
                raise Bad(f"{where}: nests deeper than the spec's")
            value = parse_attrs(spec, payload, attr.nested, None, f"{where}/{attr.name}", depth + 1)
        else:
            value = check_scalar(attr, payload, where)
        if attr.multi:
            out.setdefault(attr.name, []).append(value)
        elif attr.name in out:
            raise Bad(f"{where}: {attr.name} twice")
        else:
            out[attr.name] = value
        off += aligned
    return out


def parse_tlvs(buf, lengths, where):
    out, off = {}, 0
    while off < len(buf):
        if len(buf) - off < 4:
            raise Bad(f"{where}: {len(buf) - off} bytes after the last TLV")
        length, kind = struct.unpack_from("=HH", buf, off)
        if length < 4 or off + length > len(buf):
            raise Bad(f"{where}: a TLV of length {length} at {off} of {len(buf)}")
        t = kind & NLA_TYPE_MASK
        # NL_POLICY_TYPE_ATTR_PAD aligns each u64 of a policy.
        if t not in lengths or t in out and not (lengths is POLICY_TLVS and t == 11):
            raise Bad(f"{where}: TLV type {t} unknown or twice")
        payload, want = buf[off + 4:off + length], lengths[t]
        if want is None:
            if len(payload) < 2 or payload[-1] != 0 or 0 in payload[:-1]:
                raise Bad(f"{where}: TLV {t} is not a non-empty string: {payload!r}")
            payload = payload[:-1].decode("utf-8", "replace")
        elif want == -1:
            parse_tlvs(payload, POLICY_TLVS, where + "/policy")
        elif want and len(payload) != want:
            raise Bad(f"{where}: TLV {t} is {len(payload)} bytes, not {want}")
        elif want == 4:
            payload = struct.unpack("=I", payload)[0]
        out[t] = payload
        off += (length + 3) & ~3
    return out


def attr_starts(data, off, end, out, depth=0):
    """Where an attribute may start in @data: the offsets an extack may name."""
    while end - off >= 4:
        length = struct.unpack_from("=H", data, off)[0]
        if length < 4 or length > end - off:
            return
        out.add(off)
        if depth < 6 and length >= 8:
            attr_starts(data, off + 4, off + length, out, depth + 1)
        off += (length + 3) & ~3


def top_types(data, off, end):
    """The attribute types (flags masked) in data[off:end], as the kernel walks it."""
    types = {}
    while end - off >= 4:
        length, kind = struct.unpack_from("=HH", data, off)
        if length < 4 or length > end - off:
            break
        types[kind & NLA_TYPE_MASK] = data[off + 4:off + length]
        off += (length + 3) & ~3
    return types


def split_like_kernel(data):
    """The messages netlink_rcv_skb() takes from a datagram, as (offset, length)."""
    out, off = [], 0
    while len(data) - off >= 16:
        length = struct.unpack_from("=I", data, off)[0]
        if length < 16 or len(data) - off < length:
            break
        out.append((off, length))
        off += min((length + 3) & ~3, len(data) - off)
    return out


class Req:
    """One message the kernel takes, and what came back for it."""

    def __init__(self, sock, data, idx, label):
        self.sock, self.data, self.idx, self.label = sock, data, idx, label
        self.length, self.type, self.flags, self.seq = struct.unpack_from("=IHHI", data)
        self.cmd = data[16] if len(data) >= 17 else None
        self.reserved = struct.unpack_from("=H", data, 18)[0] if len(data) >= 20 else None
        self.dump = (self.flags & F_DUMP) == F_DUMP
        self.op = None
        self.kind = None          # noreq, short, header, noop, op
        self.expect = None        # ("ok",) or ("err", errno[, miss]) or None
        self.check = None         # a callable for the replies of a valid request
        self.replies = []
        self.hdr_bad = False
        self.err, self.tlvs, self.done, self.done_msg = None, {}, False, None
        self.intr = False
        self.dgram = None
        self.exempt = None        # why a refusal may lack a message
        self.abandoned = False


class Checks:
    def __init__(self, seed, limit=5):
        self.seed, self.limit = seed, limit
        self.fails = {name: 0 for name, _ in CHECKS}

    def fail(self, name, text, req=None, answer=None):
        self.fails[name] += 1
        if self.fails[name] > self.limit:
            if self.fails[name] == self.limit + 1:
                print(f"nlfuzz: [{name}] more failures: counted, not printed", flush=True)
            return
        msg = f"nlfuzz: FAIL [{name}] seed {self.seed}"
        if req is not None:
            msg += f", message {req.idx} ({req.label})"
        print(f"{msg}: {text}", flush=True)
        if req is not None:
            print(f"nlfuzz:   sent (--replay): {hexs(req.dgram or req.data)}", flush=True)
        if answer is not None:
            print(f"nlfuzz:   answer: {hexs(answer)}", flush=True)

    def failed(self):
        return sum(self.fails.values())


class Sock:
    """A netlink socket for requests: its options, and its requests by seq."""

    def __init__(self, fz, kind):
        self.fz, self.kind = fz, kind
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 1 << 20)
        self.extack = kind != "plain"
        self.cap = kind == "small"
        if self.extack:
            self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        if self.cap:
            self.s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        # A small read makes the kernel's dump parts one page: dumps of a
        # few dozen objects take several parts.
        self.bufsize = 4096 if kind == "small" else 65536
        self.s.bind((0, 0))
        self.portid = self.s.getsockname()[0]
        self.reqs = {}

    def dumps(self):
        return [r for r in self.reqs.values() if r.dump and r.kind == "op" and not r.done]

    def close(self):
        for r in self.reqs.values():
            r.abandoned = True
        self.reqs = {}
        self.s.close()

    def read(self, wait):
        """One datagram, its messages routed to their requests; False if none came."""
        if wait:
            ready = select.select([self.s], [], [], self.fz.timeout)[0]
            if not ready:
                return False
        try:
            data, _, flags, _ = self.s.recvmsg(self.bufsize, 0, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return False
        except OSError as e:
            self.fz.checks.fail("answers", f"recv on a request socket: {e}")
            return False
        if flags & socket.MSG_TRUNC:
            self.fz.checks.fail("answers", f"a datagram longer than the {self.bufsize}-byte read",
                                None, data[:64])
            return True
        off = 0
        while off < len(data):
            if len(data) - off < 16:
                self.fz.checks.fail("answers", "a datagram ends inside a message header", None, data)
                break
            length, kind, mflags, seq, pid = struct.unpack_from("=IHHII", data, off)
            if length < 16 or off + length > len(data):
                self.fz.checks.fail("answers", f"nlmsg_len {length} at {off} of a {len(data)}-byte datagram",
                                    None, data)
                break
            msg = data[off:off + length]
            off += (length + 3) & ~3
            req = self.reqs.get(seq)
            if pid != self.portid:
                self.fz.checks.fail("answers", f"nlmsg_pid {pid}, the socket's is {self.portid}", req, msg)
            if req is None:
                self.fz.checks.fail("answers", f"an answer (type {kind}) with the unknown seq {seq}",
                                    None, msg)
                continue
            try:
                self.fz.take(req, kind, mflags, msg)
            except Bad as e:
                self.fz.checks.fail("answers", str(e), req, msg)
                req.done = True
        if off > len(data) + 3:
            self.fz.checks.fail("answers", "the last message overruns its datagram", None, data)
        return True

    def settle(self, req):
        """Read until @req is answered in full."""
        if req.done:
            return
        if req.dump or req.flags & F_ACK or req.kind != "op" and req.kind != "noreq":
            # An ack, an error or a dump's end will come.
            while not req.done:
                if not self.read(True):
                    self.fz.checks.fail("hang", f"no answer within {self.fz.timeout} s", req)
                    req.done = True
            return
        # Answered at once (netlink runs the request in sendmsg()), or not at
        # all: what is queued is all there is.
        while self.read(False):
            pass
        req.done = True
        if not req.done_msg:
            self.fz.finish(req)


class Model:
    """What the fuzzer made: its switches, their ports, static entries."""

    def __init__(self):
        self.switches = {}    # name -> {"type", "uplink", "host"}
        self.ports = {}       # dev -> switch name (VM ports)
        self.vlans = {}       # dev -> VLANs the port carries
        self.statics = {}     # (switch, mac, vlan) -> dev
        self.born = {}        # (switch, mac, vlan) -> the message that added it
        self.dirty = set()    # switches whose state a fuzzed success changed
        self.history = {}     # switch -> the last fuzzed requests it took, for a failure's report
        self.all_dirty = False


class Fuzzer:
    def __init__(self, args, spec):
        self.args, self.spec = args, spec
        self.rng = random.Random(args.seed)
        self.checks = Checks(args.seed)
        self.timeout = args.timeout
        self.prefix = args.prefix
        self.sent = 0
        self.seq = random.Random(args.seed ^ 0x5eed).randrange(1, 1 << 30)
        self.model = Model()
        self.done_extack = True
        self.keep = set()
        self.flood_pid = None
        self.stats = {"errors": {}, "ok": 0, "judged": 0, "dumps": 0, "abandoned": 0, "resumed": 0,
                      "events": 0, "overruns": 0, "batches": 0, "resyncs": 0}
        self.ip = args.ip
        p = self.prefix
        self.dummies = [f"{p}d{i}" for i in range(3)]
        self.veths = [f"{p}v{i}" for i in range(4)]
        self.peers = [f"{p}p{i}" for i in range(4)]
        self.base = {(p + "0").encode(): ("external", self.dummies[0]),
                     (p + "1").encode(): ("internal", None),
                     (p + "2").encode(): ("private", None)}
        self.dyn = [(p + str(i)).encode() for i in range(3, 8)]
        self.bulk = [f"{p}b{i:02d}".encode() for i in range(30)]
        self.canary = (p + "k").encode()
        self.types = spec.defs["switch-type"][1]

    # ---- netlink plumbing ----

    def resolve(self):
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        s.bind((0, 0))
        body = struct.pack("=BBH", CTRL_CMD_GETFAMILY, 1, 0) + \
            nla(CTRL_ATTR_FAMILY_NAME, self.spec.name.encode() + b"\0")
        s.send(struct.pack("=IHHII", 16 + len(body), GENL_ID_CTRL, F_REQUEST, 1, 0) + body)
        s.settimeout(self.timeout)
        data = s.recv(65536)
        s.close()
        if struct.unpack_from("=H", data, 4)[0] != GENL_ID_CTRL:
            sys.exit(f"nlfuzz: no genl family {self.spec.name} (is the module loaded?)")
        a = top_types(data, 20, len(data))
        self.family = struct.unpack("=H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
        self.version = struct.unpack("=I", a[CTRL_ATTR_VERSION][:4])[0]
        self.groups = {}
        for grp in top_types(a.get(CTRL_ATTR_MCAST_GROUPS, b""), 0,
                             len(a.get(CTRL_ATTR_MCAST_GROUPS, b""))).values():
            g = top_types(grp, 0, len(grp))
            self.groups[g[CTRL_ATTR_MCAST_GRP_NAME].rstrip(b"\0").decode()] = \
                struct.unpack("=I", g[CTRL_ATTR_MCAST_GRP_ID])[0]

    def open_sockets(self):
        kinds = ["small", "small", "big", "plain"]
        self.socks = [Sock(self, k) for k in kinds]
        self.hsock = Sock(self, "big")      # valid requests and health checks
        self.ev = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.ev.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 4 << 20)
        self.ev.bind((0, 0))
        self.ev.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.groups["events"])

    def next_seq(self):
        self.seq = self.seq % 0xfffffff0 + 1
        return self.seq

    def header(self, cmd, flags, payload, version=None, reserved=0):
        body = struct.pack("=BBH", cmd, self.version if version is None else version, reserved) + payload
        return struct.pack("=IHHII", 16 + len(body), self.family, flags, 0, 0) + body

    def send(self, sock, data, label, expect=None, check=None, exempt_keep=False):
        """Send a datagram; returns the Reqs of the messages the kernel takes from it."""
        data = bytearray(data)
        reqs = []
        for off, length in split_like_kernel(bytes(data)):
            kind, flags = struct.unpack_from("=HH", data, off + 4)
            # Whatever the cut left must go to vsw or to no one.
            if flags & F_REQUEST and kind >= NLMSG_MIN_TYPE and kind != self.family:
                struct.pack_into("=H", data, off + 4, self.family)
            struct.pack_into("=I", data, off + 8, self.next_seq())
        data = bytes(data)
        if not exempt_keep and self.names_kept(data):
            return None
        if not split_like_kernel(data):
            self.sent += 1
        for off, length in split_like_kernel(data):
            self.sent += 1
            req = Req(sock, data[off:off + length], self.sent, label)
            req.dgram = data
            self.classify(req, sock)
            req.expect, req.check = expect, check
            sock.reqs[req.seq] = req
            reqs.append(req)
        if len(reqs) > 1:
            self.stats["batches"] += 1
        try:
            sock.s.send(data)
        except OSError as e:
            # A datagram the socket layer refuses never reaches vsw.
            for r in reqs:
                del sock.reqs[r.seq]
                r.done = True
            if e.errno not in (errno.EMSGSIZE, errno.ENOBUFS):
                self.checks.fail("answers", f"send: {e}", reqs[0] if reqs else None)
            return []
        return reqs

    def names_kept(self, data):
        """A mutating request naming a switch that is not the fuzzer's is not sent."""
        if not any(name in data for name in self.keep):
            return False
        for off, length in split_like_kernel(data):
            if length < 17:
                continue
            op = self.spec.byid.get(data[off + 16])
            if op is None or op.name in MUTATING:
                return True
        return False

    def classify(self, req, sock):
        if not req.flags & F_REQUEST or req.type < NLMSG_MIN_TYPE:
            req.kind = "noreq"
            return
        if req.length < 20:
            req.kind, req.exempt = "short", "the genetlink core refuses a message without its genl header"
            return
        flags = req.flags & ~F_DUMP if req.dump else req.flags
        # What genl_header_check() refuses in a family that has its commands
        # checked (resv_start_op 0, as the kernel asks of new families).
        req.hdr_bad = bool(req.reserved or flags & ~(F_REQUEST | F_ACK | F_ECHO))
        op = self.spec.byid.get(req.cmd)
        if op is None or not (op.has_dump if req.dump else op.has_do):
            if req.hdr_bad:
                req.kind = "header"
            else:
                req.kind, req.exempt = "noop", "the genetlink core has no op for it (genl_get_cmd)"
            return
        req.kind, req.op = "op", op
        if req.dump and sock.dumps():
            req.exempt = "a dump runs on this socket: netlink_dump_start() refuses another"

    def take(self, req, kind, mflags, msg):
        """One message for @req: parsed strictly, then kept."""
        if req.done_msg:
            raise Bad(f"a message (type {kind}) after the answer was complete")
        if kind == NLMSG_ERROR:
            self.take_error(req, mflags, msg)
        elif kind == NLMSG_DONE:
            if not req.dump or req.kind != "op":
                raise Bad("NLMSG_DONE for a request that is not a dump")
            if len(msg) < 20:
                raise Bad("NLMSG_DONE without its error code")
            if mflags & ~(F_MULTI | F_DUMP_INTR | F_ACK_TLVS) or not mflags & F_MULTI:
                raise Bad(f"NLMSG_DONE flags {mflags:#x}")
            req.err = -struct.unpack_from("=i", msg, 16)[0]
            if req.err < 0:
                raise Bad(f"NLMSG_DONE with a positive error code {-req.err}")
            req.tlvs = self.err_tlvs(req, msg[20:], mflags, req.err, "NLMSG_DONE")
            req.intr |= bool(mflags & F_DUMP_INTR)
            req.done, req.done_msg = True, "done"
            self.finish(req)
        elif kind == self.family:
            self.take_reply(req, mflags, msg)
        else:
            raise Bad(f"an answer of type {kind}")

    def take_error(self, req, mflags, msg):
        if len(msg) < 36:
            raise Bad(f"an NLMSG_ERROR of {len(msg)} bytes")
        err = -struct.unpack_from("=i", msg, 16)[0]
        if err < 0:
            raise Bad(f"an NLMSG_ERROR with a positive error {-err}")
        capped = bool(mflags & F_CAPPED)
        if mflags & ~(F_CAPPED | F_ACK_TLVS):
            raise Bad(f"NLMSG_ERROR flags {mflags:#x}")
        if capped != (err == 0 or req.sock.cap):
            raise Bad(f"NLM_F_CAPPED is {capped} for error {err} on a socket with CAP_ACK {req.sock.cap}")
        echo_len = 16 if capped else req.length
        if len(msg) < 20 + echo_len:
            raise Bad("NLMSG_ERROR shorter than its echo")
        if msg[20:20 + echo_len] != req.data[:echo_len]:
            raise Bad("NLMSG_ERROR does not echo the request")
        t = self.err_tlvs(req, msg[20 + ((echo_len + 3) & ~3):], mflags, err, "NLMSG_ERROR")
        if req.replies and err:
            raise Bad("an error after a reply")
        if req.dump and req.replies:
            raise Bad("NLMSG_ERROR in the middle of a dump")
        if err == 0 and not req.flags & F_ACK:
            raise Bad("an ack nobody asked for")
        req.err, req.tlvs, req.done, req.done_msg = err, t, True, "error"
        self.finish(req)

    def err_tlvs(self, req, tlvs, mflags, err, where):
        """The extack of an NLMSG_ERROR or NLMSG_DONE, strictly: its offsets
        where attributes of the request start, its missing attribute
        missing there."""
        if bool(tlvs) != bool(mflags & F_ACK_TLVS) or tlvs and not req.sock.extack:
            raise Bad(f"{where}: the TLVs and NLM_F_ACK_TLVS disagree, or TLVs without NETLINK_EXT_ACK")
        t = parse_tlvs(tlvs, ERR_TLVS, where)
        if not err and set(t) - {ERR_MSG, ERR_COOKIE}:
            raise Bad(f"{where}: an ack with more than a warning and a cookie")
        starts = set()
        attr_starts(req.data, 20, req.length, starts)
        for which in (ERR_OFFS, ERR_MISS_NEST):
            if which in t and t[which] not in starts:
                raise Bad(f"NLMSGERR_ATTR_{'OFFS' if which == ERR_OFFS else 'MISS_NEST'} {t[which]} "
                          "is not where an attribute of the request starts")
        if ERR_MISS_TYPE in t:
            if ERR_MISS_NEST in t:
                nest = t[ERR_MISS_NEST]
                present = top_types(req.data, nest + 4,
                                    nest + struct.unpack_from("=H", req.data, nest)[0])
            else:
                present = top_types(req.data, 20, req.length)
            if t[ERR_MISS_TYPE] in present:
                raise Bad(f"NLMSGERR_ATTR_MISS_TYPE {t[ERR_MISS_TYPE]} names an attribute the request has")
        return t

    def take_reply(self, req, mflags, msg):
        op = req.op
        if req.kind != "op":
            raise Bad(f"a reply to a request vsw never saw ({req.kind})")
        reply = op.dump_reply if req.dump else op.do_reply
        if reply is None:
            raise Bad(f"a reply to {op.name}, which has none")
        if len(msg) < 20:
            raise Bad("a reply without its genl header")
        cmd, version, reserved = struct.unpack_from("=BBH", msg, 16)
        if cmd != op.id or version != self.version or reserved:
            raise Bad(f"a reply's genl header: cmd {cmd}, version {version}, reserved {reserved}")
        if req.dump:
            if mflags & ~(F_MULTI | F_DUMP_INTR) or not mflags & F_MULTI:
                raise Bad(f"a dump's message with flags {mflags:#x}")
            req.intr |= bool(mflags & F_DUMP_INTR)
        elif mflags:
            raise Bad(f"a reply with flags {mflags:#x}")
        elif req.replies:
            raise Bad("a second reply")
        attrs = parse_attrs(self.spec, msg[20:], op.set, set(reply), f"{op.name} reply")
        req.replies.append(attrs)

    # ---- judging a request's answers ----

    def finish(self, req):
        """All of @req's answers are in: the checks that need them all."""
        fail = self.checks.fail
        err = req.err or 0
        if err:
            self.stats["errors"][err] = self.stats["errors"].get(err, 0) + 1
        else:
            self.stats["ok"] += 1
        if req.dump and req.kind == "op":
            self.stats["dumps"] += 1
        if req.kind in ("noreq",):
            if err:
                fail("answers", f"a message that is no request refused with errno {err}", req)
        elif req.kind == "short":
            if err != errno.EINVAL:
                fail("errno", f"a message cut in its genl header: errno {err}, not EINVAL", req)
        elif req.kind == "noop":
            if err != errno.EOPNOTSUPP:
                fail("errno", f"a command vsw does not have: errno {err}, not EOPNOTSUPP", req)
        if req.kind == "header" or req.hdr_bad:
            if err != errno.EINVAL:
                fail("header", f"nlmsg_flags {req.flags:#x}, genl reserved {req.reserved}: "
                     f"{'taken' if not err else 'errno %d' % err}, not refused with EINVAL", req)
        if err and err not in ERRNOS:
            fail("errno", f"errno {err} ({os.strerror(err)})", req)
        # A refusal for bad header bits that is not the core's EINVAL failed
        # "header" already.
        if err and req.sock.extack and ERR_MSG not in req.tlvs and not (
                req.exempt and (req.kind != "op" or err == errno.EBUSY)) and not (
                req.kind == "header" and err != errno.EINVAL):
            fail("extack", f"{req.op.name if req.op else 'a message'} refused with "
                 f"{errno.errorcode.get(err, err)} without a message", req)
        if req.kind == "op" and not req.dump and not err and req.op.do_reply and not req.replies:
            fail("answers", f"{req.op.name} succeeded without its reply", req)
        if req.kind == "op" and not err and req.op.name in MUTATING and \
                not (req.expect and req.expect[0] == "ok"):
            self.changed(req)
        self.judge(req)

    def judge(self, req):
        """The expectation of the generator that built @req."""
        if req.expect is None:
            return
        self.stats["judged"] += 1
        kind = "j-missing" if len(req.expect) > 2 else "j-" + req.expect[0]
        self.stats[kind] = self.stats.get(kind, 0) + 1
        err = req.err or 0
        if req.exempt and err == errno.EBUSY:
            return
        what = f"{req.op.name if req.op else 'message'}"
        if req.expect[0] == "ok":
            if err:
                self.checks.fail("valid", f"{what} refused: {os.strerror(err)}: "
                                 f"{req.tlvs.get(ERR_MSG, '(no message)')}", req)
                self.explain(req)
            elif req.check:
                problem = req.check(req)
                if problem:
                    self.checks.fail("valid", f"{what}: {problem}", req)
            return
        want = req.expect[1]
        if err != want:
            self.checks.fail("errno", f"{what} ({req.label}): "
                             f"{'errno %d' % err if err else 'accepted'}, expected "
                             f"{errno.errorcode[want]} ({req.tlvs.get(ERR_MSG, '')})", req)
        elif len(req.expect) > 2 and req.sock.extack and (self.done_extack or not req.dump):
            miss = req.tlvs.get(ERR_MISS_TYPE)
            if miss not in req.expect[2]:
                self.checks.fail("missing", f"{what} without {req.label}: MISS_TYPE {miss}, "
                                 f"expected {req.expect[2]}", req)

    def explain(self, req):
        """What the model knew of a valid request's switch: for a failure's report."""
        name = self.kernel_view(req).get(self.spec.attr("switch-name").id)
        if self.checks.fails["valid"] > self.checks.limit:
            return
        print(f"nlfuzz:   the model: {name!r}: {self.model.switches.get(name)}; its ports "
              f"{sorted(d for d, s in self.model.ports.items() if s == name)}; its fuzzed successes:",
              flush=True)
        for line in self.model.history.get(name, []):
            print(f"nlfuzz:     {line}", flush=True)
        for key, born in self.model.born.items():
            if key[0] == name:
                print(f"nlfuzz:   static {key[1].hex(':')} vlan {key[2]} on {self.model.statics.get(key)}, "
                      f"added at {born}", flush=True)

    def changed(self, req):
        """A fuzzed mutating request was taken: the model learns what it made
        or removed, or that its switch's state is stale."""
        name = self.kernel_view(req).get(self.spec.attr("switch-name").id)
        h = self.model.history.setdefault(name, [])
        h.append(f"{req.idx} ({req.label}): {hexs(req.data)}")
        del h[:-4]
        if req.op.name == "switch-new":
            if req.replies:
                self.learn_switch(req.replies[0])
            else:
                self.model.all_dirty = True
        elif name is None:
            self.model.all_dirty = True
        elif req.op.name == "switch-del":
            self.forget(name)
        else:
            self.model.dirty.add(name)

    def learn_switch(self, a):
        stype = [k for k, v in self.types.items() if v == a["switch-type"]][0]
        up = a.get("uplink-ifname")
        self.model.switches[a["switch-name"]] = {"type": stype, "host": "host-ifname" in a,
                                                 "uplink": up.decode("latin-1") if up else None}

    def kernel_view(self, req):
        """The request's attributes as vsw sees them (the last of each type);
        a string up to its NUL."""
        out = {}
        for t, payload in top_types(req.data, 20, req.length).items():
            out[t] = payload.split(b"\0")[0]
        return out

    # ---- the events group ----

    def read_events(self):
        op = self.spec.ops["event"]
        while True:
            try:
                data = self.ev.recv(1 << 16, socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            except OSError as e:
                if e.errno == errno.ENOBUFS:
                    self.stats["overruns"] += 1
                    continue
                raise
            off = 0
            while off + 16 <= len(data):
                length, kind, mflags, seq, pid = struct.unpack_from("=IHHII", data, off)
                msg = data[off:off + length]
                try:
                    if length < 20 or off + length > len(data):
                        raise Bad(f"an event of nlmsg_len {length}")
                    cmd, version, reserved = struct.unpack_from("=BBH", msg, 16)
                    if kind != self.family or cmd != op.id or mflags or seq or pid or reserved:
                        raise Bad(f"an event's headers: type {kind} cmd {cmd} flags {mflags:#x} "
                                  f"seq {seq} pid {pid}")
                    a = parse_attrs(self.spec, msg[20:], op.set, set(op.event), "event")
                    if "event" not in a:
                        raise Bad("an event without its event attribute")
                    self.stats["events"] += 1
                except Bad as e:
                    self.checks.fail("events", str(e), None, msg)
                    break
                off += (length + 3) & ~3

    # ---- the setup: devices, traffic ----

    def run_ip(self, lines, check=True):
        r = subprocess.run([self.ip, "-force", "-batch", "-"], input="\n".join(lines) + "\n",
                           text=True, capture_output=True)
        if check and r.returncode:
            sys.exit(f"nlfuzz: {self.ip} -batch failed: {r.stderr.strip()}")

    def setup(self):
        self.teardown_devices()
        lines = [f"link add {d} type dummy" for d in self.dummies]
        for v, p in zip(self.veths, self.peers):
            lines.append(f"link add {v} type veth peer name {p}")
        lines += [f"link set {d} up" for d in self.dummies + self.veths + self.peers]
        self.run_ip(lines)
        self.ifindex = {d: socket.if_nametoindex(d) for d in self.dummies + self.veths + self.peers}

    def teardown_devices(self):
        self.run_ip([f"link del {d}" for d in self.dummies + self.veths], check=False)

    def start_flood(self):
        """Frames into the fuzzer's switches from their ports' peers, all
        along: sources from a pool of 512 (learning and moves), broadcast,
        multicast and unicast, some tagged."""
        if self.args.pps <= 0:
            return
        pid = os.fork()
        if pid:
            self.flood_pid = pid
            return
        try:
            signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
            # The parent's sockets are the parent's: one it closes must go.
            for sock in self.socks + [self.hsock]:
                sock.s.close()
            self.ev.close()
            rng = random.Random(self.args.seed + 1)
            parent = os.getppid()
            socks = []
            for p in self.peers:
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
                s.bind((p, 0))
                socks.append(s)
            pool = [bytes([2, 0xf1, 0, 0, i >> 8, i & 0xff]) for i in range(512)]
            dsts = [b"\xff" * 6, b"\x01\x00\x5e\x00\x00\x01", b"\x33\x33\x00\x00\x00\x01"] + pool[:64]
            burst = max(1, int(self.args.pps / 20))
            while os.getppid() == parent:
                t0 = time.monotonic()
                for _ in range(burst):
                    tag = b""
                    if rng.random() < 0.2:
                        tag = b"\x81\x00" + struct.pack("!H", rng.choice([0, 1, 10, 4094, 4095]))
                    frame = rng.choice(dsts) + rng.choice(pool) + tag + \
                        rng.choice([b"\x08\x00", b"\x08\x06", b"\x86\xdd", b"\x88\xb5"]) + \
                        bytes(rng.randrange(256) for _ in range(rng.choice([46, 60, 100])))
                    try:
                        rng.choice(socks).send(frame)
                    except OSError:
                        pass
                time.sleep(max(0.0, 0.05 - (time.monotonic() - t0)))
        finally:
            os._exit(0)

    def stop_flood(self):
        if self.flood_pid:
            os.kill(self.flood_pid, signal.SIGTERM)
            os.waitpid(self.flood_pid, 0)
            self.flood_pid = None

    # ---- attribute values ----

    def a(self, name, value, aset="vsw"):
        """An attribute of the spec, encoded from a Python value."""
        attr = self.spec.attr(name, aset)
        if attr.type in INT_FMT:
            payload = struct.pack("=" + INT_FMT[attr.type], value)
        elif attr.type == "string":
            payload = value + b"\0"
        elif attr.type == "flag":
            payload = b""
        elif attr.type == "nest":
            return nla(attr.id | NLA_F_NESTED, b"".join(value))
        else:
            payload = value
        return nla(attr.id, payload)

    def mac(self, kind="unicast"):
        b = bytearray(self.rng.randbytes(6))
        if kind == "unicast":
            b[0] = (b[0] & 0xfc) | 0x02
            b[1] = 0x5a
        elif kind == "multicast":
            b[0] |= 1
        else:
            b = bytearray(6)
        return bytes(b)

    def trunk_map(self, vids):
        words = [0] * 128
        for v in vids:
            words[v // 32] |= 1 << (v % 32)
        return struct.pack("=128I", *words)

    def ip_prefix(self, v6=None):
        r = self.rng
        v6 = r.random() < 0.5 if v6 is None else v6
        addr = r.randbytes(16 if v6 else 4)
        out = [self.a("addr", addr, "prefix")]
        if r.random() < 0.8:
            out.append(self.a("len", r.randrange(0, 129 if v6 else 33), "prefix"))
        return self.a("port-allow-ip", out)

    def sw_name(self, readonly):
        r = self.rng.random()
        names = list(self.model.switches) or list(self.base)
        if r < 0.6:
            return self.rng.choice(names)
        if r < 0.7 and readonly and self.keep:
            return self.rng.choice(sorted(self.keep))
        if r < 0.85:
            return self.rng.choice(self.dyn + list(self.base))
        return self.rng.choice([b"", b"a" * 15, self.stray_name(),
                                b"%d", (self.prefix + "%d").encode(), b".", b"..", b"a/b", b"a b", b"a:b",
                                b"\x01\x7f", b"\xff\xfe", b"lo", self.dummies[1].encode()])

    def dev(self):
        r = self.rng.random()
        if r < 0.75:
            return self.rng.choice(self.veths + self.dummies + self.peers)
        if r < 0.85:
            return "lo"
        return f"{self.prefix}x{self.rng.randrange(1000)}"

    def ifindex_value(self):
        r = self.rng.random()
        if r < 0.8:
            return self.ifindex[self.rng.choice(self.veths + self.dummies + self.peers)]
        return self.rng.choice([1, 0x7fffffff, 0xffffffff, max(self.ifindex.values()) + 1000,
                                self.rng.randrange(1, 64)])

    def value(self, attr):
        """A valid-looking payload for @attr (by its name where it names
        something, else by its type and checks)."""
        r, n = self.rng, attr.name
        if n == "switch-name":
            return self.a(n, self.sw_name(False))
        if n.endswith("-ifindex"):
            return self.a(n, self.ifindex_value())
        if n.endswith("-ifname"):
            return self.a(n, self.dev().encode())
        if n == "fdb-mac":
            return self.a(n, self.mac(r.choice(["unicast"] * 8 + ["multicast", "zero"])))
        if n == "port-allow-mac":
            return self.a(n, b"".join(self.mac() for _ in range(r.randrange(0, 17))))
        if n == "port-vlan-trunk":
            return self.a(n, self.trunk_map(r.sample(range(1, 4095), r.randrange(1, 20))))
        if n == "port-allow-ip":
            return self.ip_prefix()
        if attr.type == "nest":
            return nla(attr.id | NLA_F_NESTED, b"")
        if attr.type in INT_FMT or attr.type in ("uint", "sint"):
            fmt = INT_FMT.get(attr.type, "Q")
            top = (1 << (8 * struct.calcsize(fmt))) - 1
            if attr.values is not None:
                v = r.choice(attr.values)
            elif attr.mask is not None:
                v = r.randrange(attr.mask + 1) & attr.mask
            else:
                lo, hi = attr.checks.get("min", 0), attr.checks.get("max", top)
                v = r.choice([lo, hi, r.randint(lo, min(hi, 1000)), r.randint(lo, hi)])
            return nla(attr.id, struct.pack("=" + fmt, v))
        if attr.type == "string":
            return nla(attr.id, bytes(r.randrange(33, 127) for _ in range(r.randrange(1, 16))) + b"\0")
        if attr.type == "flag":
            return nla(attr.id, b"")
        if "exact-len" in attr.checks:
            return nla(attr.id, r.randbytes(attr.checks["exact-len"]))
        return nla(attr.id, r.randbytes(r.randrange(0, 33)))

    def port_settings(self, dev=None):
        """Valid port settings, consistent among themselves; the VLANs
        they make the port carry go in the model when @dev is given."""
        r, out, vlans = self.rng, [], None
        if r.random() < 0.3:
            out.append(self.a("port-learn-limit", r.choice([0, 1, 100, 16777216])))
        mode = r.choice(["untagged", "access", "trunk", None])
        if mode == "untagged":
            out.append(self.a("port-vlan-mode", 0))
            vlans = [0]
        elif mode == "access":
            vid = r.randrange(1, 4095)
            out += [self.a("port-vlan-mode", 1), self.a("port-vlan-vid", vid)]
            vlans = [vid]
        elif mode == "trunk":
            vids = r.sample(range(1, 4095), r.randrange(1, 8))
            native = r.choice([0, 0, r.randrange(1, 4095)])
            out += [self.a("port-vlan-mode", 2), self.a("port-vlan-trunk", self.trunk_map(vids)),
                    self.a("port-vlan-native", native)]
            vlans = vids + [native]
        if r.random() < 0.3:
            out.append(self.a("port-mac-spoof", r.randrange(2)))
        if r.random() < 0.2:
            out.append(self.a("port-allow-mac", b"".join(self.mac() for _ in range(r.randrange(17)))))
        g = r.random()
        if g < 0.15:
            out.append(self.a("port-ip-guard", 1))
            out += [self.ip_prefix() for _ in range(r.randrange(1, 33))]
        elif g < 0.3:
            out.append(self.a("port-ip-guard", r.choice([0, 2])))
        for name in ("port-dhcp-guard", "port-router-guard"):
            if r.random() < 0.3:
                out.append(self.a(name, r.randrange(2)))
        i = r.random()
        if i < 0.1:
            out += [self.a("port-isolation", 2), self.a("port-community", r.randrange(1, 1 << 32))]
        elif i < 0.25:
            out.append(self.a("port-isolation", r.randrange(2)))
        if r.random() < 0.2:
            out.append(self.a("port-mirror", r.randrange(3)))
        if r.random() < 0.2:
            out.append(self.a("port-storm-limit", r.choice([0, 1, 1000, 0xffffffff])))
        if r.random() < 0.2:
            out.append(self.a("port-max-rate", r.choice([0, 1, 10 ** 9, (1 << 64) - 1])))
        if dev is not None and vlans is not None:
            self.model.vlans[dev] = vlans
        return out

    # ---- valid requests, their replies checked ----

    def do(self, opname, attrs, check=None, dump=False, sock=None, expect=("ok",), label="valid"):
        """A request sent and answered in full; its Req, or None if not sent."""
        sock = sock or self.hsock
        op = self.spec.ops[opname]
        flags = F_REQUEST | (F_DUMP if dump else F_ACK)
        reqs = self.send(sock, self.header(op.id, flags, b"".join(attrs)), label, expect, check,
                         exempt_keep=True)
        for req in reqs:
            sock.settle(req)
        for seq in [s for s, r in sock.reqs.items() if r.done]:
            del sock.reqs[seq]
        return reqs[0] if reqs else None

    def switch_check(self, name, stype, uplink=None, host=None, ageing=300, max_entries=1 << 20):
        def check(req):
            if len(req.replies) != 1:
                return f"{len(req.replies)} replies"
            a = req.replies[0]
            want = {"switch-name": name, "switch-type": self.types[stype], "ageing": ageing,
                    "max-entries": max_entries}
            if host is not None:
                want["host-ifname"] = name if host else None
                want["nports"] = (1 if host else 0) + (1 if uplink else 0)
            if uplink is not None:
                want["uplink-ifname"] = uplink.encode()
            for k, v in want.items():
                if a.get(k) != v:
                    return f"{k} is {a.get(k)!r}, expected {v!r}"
            return None
        return check

    def switch_add(self, name, stype, uplink=None, host=True):
        attrs = [self.a("switch-name", name), self.a("switch-type", self.types[stype])]
        kw = {}
        if uplink:
            attrs.append(self.a("uplink-ifname", uplink.encode()) if self.rng.random() < 0.5 else
                         self.a("uplink-ifindex", self.ifindex[uplink]))
        if stype == "external" and not host:
            attrs.append(self.a("host", 0))
        if self.rng.random() < 0.5:
            kw["ageing"] = self.rng.choice([1, 10, 300, 1000000])
            attrs.append(self.a("ageing", kw["ageing"]))
        if self.rng.random() < 0.5:
            kw["max_entries"] = self.rng.choice([100000, 1 << 20, 16777216])
            attrs.append(self.a("max-entries", kw["max_entries"]))
        hosted = stype == "internal" or stype == "external" and host
        req = self.do("switch-new", attrs, self.switch_check(name, stype, uplink, hosted, **kw))
        if req and not req.err:
            self.model.switches[name] = {"type": stype, "uplink": uplink, "host": hosted}
        return req

    def switch_del(self, name):
        req = self.do("switch-del", [self.a("switch-name", name)])
        if req and not req.err:
            self.forget(name)
        return req

    def forget(self, name):
        m = self.model
        m.switches.pop(name, None)
        for dev in [d for d, s in m.ports.items() if s == name]:
            del m.ports[dev]
        for key in [k for k in m.statics if k[0] == name]:
            del m.statics[key]
        m.dirty.discard(name)

    def uplinks(self):
        return {s["uplink"] for s in self.model.switches.values() if s["uplink"]}

    def free_devs(self, devs):
        used = set(self.model.ports) | self.uplinks()
        return [d for d in devs if d not in used]

    def ensure_base(self):
        for name, (stype, uplink) in self.base.items():
            if name not in self.model.switches:
                if uplink and uplink in set(self.model.ports) | self.uplinks():
                    continue
                self.switch_add(name, stype, uplink)

    def resync(self, names=None):
        """The model made again from the kernel's dumps: of every switch, or
        of @names."""
        m = self.model
        self.stats["resyncs"] += 1
        if names is None:
            req = self.do("switch-get", [], dump=True, label="resync")
            if req is None or req.err:
                return
            seen = {}
            for a in req.replies:
                seen[a["switch-name"]] = a
            for name in list(m.switches):
                if name not in seen:
                    self.forget(name)
            for name, a in seen.items():
                if name not in self.keep:
                    self.learn_switch(a)
            names = [n for n in seen if n not in self.keep]
        for name in names:
            if name not in m.switches:
                continue
            for dev in [d for d, s in m.ports.items() if s == name]:
                del m.ports[dev]
            for key in [k for k in m.statics if k[0] == name]:
                del m.statics[key]
            req = self.do("port-get", [self.a("switch-name", name)], dump=True, label="resync")
            if req is None or req.err:
                if req is not None and req.err == errno.ENODEV:
                    self.forget(name)
                continue
            for a in req.replies:
                dev = a["port-ifname"].decode("latin-1")
                if a["port-role"] == 2:
                    m.ports[dev] = name
                mode = a.get("port-vlan-mode", 0)
                vlans = [a.get("port-vlan-vid", 0)] if mode == 1 else [a.get("port-vlan-native", 0)]
                if mode == 2:
                    words = struct.unpack("=128I", a["port-vlan-trunk"])
                    vlans += [v for v in range(4096) if words[v // 32] >> (v % 32) & 1]
                m.vlans[dev] = vlans
            req = self.do("fdb-get", [self.a("switch-name", name)], dump=True, label="resync")
            if req is not None and not req.err:
                for a in req.replies:
                    if a["fdb-type"] == 1:
                        m.statics[(name, a["fdb-mac"], a["fdb-vlan"])] = a["port-ifname"].decode("latin-1")
            # A fuzzed switch-set may have left a table too small to take
            # the static entries to come.
            self.do("switch-set", [self.a("switch-name", name), self.a("max-entries", 1 << 20)])
        m.dirty -= set(names)

    def fresh(self):
        m = self.model
        if m.all_dirty:
            m.all_dirty = False
            m.dirty.clear()
            self.resync()
        elif m.dirty:
            self.resync(sorted(m.dirty))
        # Switches a fuzzed request made go at once.
        for name in list(m.switches):
            if name not in self.base and name not in self.dyn and name not in self.bulk:
                self.switch_del(name)

    def valid_step(self):
        """One valid configuration change or read, checked."""
        self.fresh()
        self.ensure_base()
        m, r = self.model, self.rng
        choice = r.choice(["switch-add", "switch-set", "switch-del", "switch-get", "port-add",
                           "port-add", "port-set", "port-set", "port-del", "fdb-add", "fdb-add",
                           "fdb-del", "fdb-flush", "dump-switches", "dump-ports", "dump-fdb", "bulk",
                           "uplink-loss"])
        names = sorted(m.switches)
        if choice == "switch-add":
            free = [n for n in self.dyn if n not in m.switches]
            if not free:
                return
            stype = r.choice(["private", "internal", "external"])
            uplink = None
            if stype == "external":
                ups = self.free_devs(self.dummies[1:])
                if not ups:
                    stype = "private"
                else:
                    uplink = r.choice(ups)
            self.switch_add(r.choice(free), stype, uplink, host=r.random() < 0.8)
        elif choice == "switch-set" and names:
            name = r.choice(names)
            attrs, want = [self.a("switch-name", name)], {}
            if r.random() < 0.7:
                want["ageing"] = r.randint(1, 1000000)
                attrs.append(self.a("ageing", want["ageing"]))
            if r.random() < 0.5:
                want["max-entries"] = r.choice([100000, 1 << 20, 16777216])
                attrs.append(self.a("max-entries", want["max-entries"]))
            if r.random() < 0.5:
                want["evict"] = r.randrange(2)
                attrs.append(self.a("evict", want["evict"]))
            req = self.do("switch-set", attrs)
            if req and not req.err:
                def check(g):
                    a = g.replies[0] if g.replies else {}
                    bad = [k for k, v in want.items() if a.get(k) != v]
                    if bad:
                        return f"after switch-set, {bad[0]} is {a.get(bad[0])}, set {want[bad[0]]}"
                    return None
                self.do("switch-get", [self.a("switch-name", name)], check)
        elif choice == "switch-del":
            dyn = [n for n in names if n in self.dyn] or names
            if dyn:
                self.switch_del(r.choice(dyn))
        elif choice == "switch-get" and names:
            name = r.choice(names)
            s = m.switches[name]
            self.do("switch-get", [self.a("switch-name", name)], self.get_check(name, s))
        elif choice == "port-add" and names:
            free = self.free_devs(self.veths)
            if free:
                dev, name = r.choice(free), r.choice(names)
                which = self.a("port-ifname", dev.encode()) if r.random() < 0.5 else \
                    self.a("port-ifindex", self.ifindex[dev])
                m.vlans[dev] = [0]
                req = self.do("port-new", [self.a("switch-name", name), which] + self.port_settings(dev))
                if req and not req.err:
                    m.ports[dev] = name
        elif choice == "port-set" and m.ports:
            dev = r.choice(sorted(m.ports))
            self.do("port-set", [self.a("switch-name", m.ports[dev]), self.a("port-ifname", dev.encode())]
                    + self.port_settings(dev))
        elif choice == "port-del" and m.ports:
            dev = r.choice(sorted(m.ports))
            req = self.do("port-del", [self.a("switch-name", m.ports[dev]),
                                       self.a("port-ifindex", self.ifindex[dev])])
            if req and not req.err:
                name = m.ports.pop(dev)
                for key in [k for k, d in m.statics.items() if d == dev and k[0] == name]:
                    del m.statics[key]
        elif choice == "fdb-add" and m.ports:
            dev = r.choice(sorted(m.ports))
            vlan = r.choice(m.vlans.get(dev, [0]))
            mac = self.mac()
            req = self.do("fdb-new", [self.a("switch-name", m.ports[dev]), self.a("fdb-mac", mac),
                                      self.a("fdb-vlan", vlan), self.a("port-ifname", dev.encode())])
            if req and not req.err:
                m.statics[(m.ports[dev], mac, vlan)] = dev
                m.born[(m.ports[dev], mac, vlan)] = req.idx
        elif choice == "fdb-del" and m.statics:
            key = r.choice(sorted(m.statics))
            req = self.do("fdb-del", [self.a("switch-name", key[0]), self.a("fdb-mac", key[1]),
                                      self.a("fdb-vlan", key[2])])
            if req and not req.err:
                del m.statics[key]
        elif choice == "fdb-flush" and names:
            name = r.choice(names)
            attrs, dev, vlan = [self.a("switch-name", name)], None, None
            ports = [d for d, s in m.ports.items() if s == name]
            if ports and r.random() < 0.5:
                dev = r.choice(sorted(ports))
                attrs.append(self.a("port-ifname", dev.encode()))
            if r.random() < 0.3:
                vlan = r.choice(m.vlans.get(dev, [0]) if dev else [0, 10])
                attrs.append(self.a("fdb-vlan", vlan))
            dynamic = r.random() < 0.5
            if dynamic:
                attrs.append(self.a("flush-flags", 1))
            req = self.do("fdb-flush", attrs)
            if req and not req.err and not dynamic:
                for key in [k for k, d in m.statics.items() if k[0] == name and
                            (dev is None or d == dev) and (vlan is None or k[2] == vlan)]:
                    del m.statics[key]
        elif choice == "dump-switches":
            def check(req):
                got = sorted(a["switch-name"] for a in req.replies)
                want = sorted(set(m.switches) | self.keep)
                return None if got == want or req.intr else f"the dump lists {got}, there are {want}"
            self.do("switch-get", [], check, dump=True, sock=self.rng.choice(self.idle_socks()))
        elif choice == "dump-ports" and names:
            name = r.choice(names)

            def check(req):
                got = sorted(a["port-ifname"].decode("latin-1") for a in req.replies if a["port-role"] == 2)
                want = sorted(d for d, s in m.ports.items() if s == name)
                return None if got == want or req.intr else f"{name}'s VM ports are {got}, there are {want}"
            attrs = [self.a("switch-name", name)] + ([self.a("stats", None)] if r.random() < 0.5 else [])
            self.do("port-get", attrs, check, dump=True, sock=self.rng.choice(self.idle_socks()))
        elif choice == "dump-fdb" and names:
            name = r.choice(names)

            def check(req):
                got = sorted((a["fdb-mac"], a["fdb-vlan"]) for a in req.replies if a["fdb-type"] == 1)
                want = sorted((k[1], k[2]) for k in m.statics if k[0] == name)
                return None if got == want or req.intr else \
                    f"{name}'s static entries: {len(got)} in the dump, {len(want)} added"
            self.do("fdb-get", [self.a("switch-name", name)], check, dump=True,
                    sock=self.rng.choice(self.idle_socks()))
        elif choice == "uplink-loss":
            # The uplink's device goes (the switch stays, without it), and
            # another takes its place by switch-set.
            ext = [n for n in names if m.switches[n]["uplink"] in self.dummies]
            if not ext:
                return
            name = r.choice(ext)
            old = m.switches[name]["uplink"]
            self.run_ip([f"link del {old}", f"link add {old} type dummy", f"link set {old} up"])
            self.ifindex[old] = socket.if_nametoindex(old)
            m.switches[name]["uplink"] = None
            # Entries a fuzzed request put on the uplink went with it.
            for key in [k for k, d in m.statics.items() if d == old]:
                del m.statics[key]
            new = r.choice(self.free_devs(self.dummies))
            req = self.do("switch-set", [self.a("switch-name", name),
                                         self.a("uplink-ifname", new.encode()) if r.random() < 0.5 else
                                         self.a("uplink-ifindex", self.ifindex[new])])
            if req and not req.err:
                m.switches[name]["uplink"] = new
                self.do("switch-get", [self.a("switch-name", name)], self.get_check(name, m.switches[name]))
        elif choice == "bulk":
            # Enough switches for a switch dump of several parts, or their end.
            if any(n in m.switches for n in self.bulk):
                for n in self.bulk:
                    if n in m.switches:
                        self.switch_del(n)
            else:
                for n in self.bulk:
                    self.switch_add(n, "private")

    def get_check(self, name, s):
        def check(req):
            if len(req.replies) != 1:
                return f"{len(req.replies)} replies"
            a = req.replies[0]
            want = {"switch-name": name, "switch-type": self.types[s["type"]],
                    "uplink-ifname": s["uplink"].encode() if s["uplink"] else None,
                    "host-ifname": name if s["host"] else None}
            for k, v in want.items():
                if a.get(k) != v:
                    return f"{k} is {a.get(k)!r}, expected {v!r}"
            return None
        return check

    def idle_socks(self):
        return [s for s in self.socks if s.kind == "small" and not s.reqs] or [self.hsock]

    def health(self):
        """The module still answers: a get, an add and a del, checked."""
        before = self.checks.fails["valid"]
        self.fresh()
        self.ensure_base()
        name = sorted(self.model.switches)[0] if self.model.switches else None
        if name:
            self.do("switch-get", [self.a("switch-name", name)],
                    self.get_check(name, self.model.switches[name]))
        ageing = self.rng.randint(1, 1000000)
        self.do("switch-new", [self.a("switch-name", self.canary), self.a("switch-type", 2),
                               self.a("ageing", ageing)],
                self.switch_check(self.canary, "private", None, False, ageing))
        self.do("switch-get", [self.a("switch-name", self.canary)],
                self.switch_check(self.canary, "private", None, False, ageing))
        self.do("switch-del", [self.a("switch-name", self.canary)])
        self.do("switch-get", [self.a("switch-name", self.canary)], expect=("err", errno.ENODEV),
                label="health: the deleted switch is gone")
        self.model.switches.pop(self.canary, None)
        if self.checks.fails["valid"] > before:
            self.checks.fails["health"] += 1
            print(f"nlfuzz: FAIL [health] seed {self.checks.seed}: the checks above, at message {self.sent}",
                  flush=True)

    # ---- broken requests ----

    def template(self):
        """A request vsw would take (or refuse for a cause of its own),
        as (op, dump, attrs)."""
        r, m = self.rng, self.model
        names = sorted(m.switches) or list(self.base)
        name = r.choice(names)
        ports = sorted(d for d, s in m.ports.items() if s == name)
        dev = r.choice(ports) if ports else r.choice(self.veths)
        pick = r.choice(["switch-new", "switch-del", "switch-set", "switch-get", "port-new", "port-del",
                         "port-set", "port-set", "port-get", "fdb-new", "fdb-del", "fdb-get", "fdb-flush",
                         "switch-dump"])
        sw = self.a("switch-name", name)
        pdev = self.a("port-ifname", dev.encode())
        if pick == "switch-new":
            stype = r.choice(["private", "internal", "external"])
            # A name nobody has: what is refused is refused for the rest.
            attrs = [self.a("switch-name", self.stray_name()), self.a("switch-type", self.types[stype])]
            if stype == "external":
                attrs.append(self.a("uplink-ifindex", self.ifindex[r.choice(self.dummies[1:])]))
            return self.spec.ops[pick], False, attrs
        if pick in ("switch-del", "switch-get"):
            return self.spec.ops[pick], False, [sw]
        if pick == "switch-set":
            return self.spec.ops[pick], False, [sw, self.a("ageing", r.randint(1, 1000000)),
                                                self.a("max-entries", 1 << 20)]
        if pick == "switch-dump":
            return self.spec.ops["switch-get"], True, []
        if pick in ("port-new", "port-set"):
            return self.spec.ops[pick], False, [sw, pdev] + self.port_settings()
        if pick == "port-del":
            return self.spec.ops[pick], False, [sw, pdev]
        if pick == "port-get":
            return self.spec.ops[pick], True, [sw, self.a("stats", None)]
        if pick == "fdb-new":
            return self.spec.ops[pick], False, [sw, self.a("fdb-mac", self.mac()),
                                                self.a("fdb-vlan", 0), pdev]
        if pick == "fdb-del":
            key = r.choice(sorted(m.statics)) if m.statics else (name, self.mac(), 0)
            return self.spec.ops[pick], False, [self.a("switch-name", key[0]), self.a("fdb-mac", key[1])]
        if pick == "fdb-get":
            return self.spec.ops[pick], True, [sw] + ([pdev] if ports and r.random() < 0.5 else [])
        return self.spec.ops[pick], False, [sw, self.a("flush-flags", 1)]

    def stray_name(self):
        return (self.prefix + "q%06x" % self.rng.randrange(1 << 24)).encode()

    def random_request(self):
        """Any op with a random choice of its request's attributes, valid-looking."""
        r = self.rng
        op = r.choice([o for o in self.spec.ops.values() if o.has_do or o.has_dump])
        dump = op.has_dump and (not op.has_do or r.random() < 0.5)
        names = op.dump_req if dump else op.do_req
        attrs = []
        for n in names:
            if r.random() < 0.5:
                attr = self.spec.attr(n)
                attrs += [self.value(attr) for _ in range(r.randrange(1, 4) if attr.multi else 1)]
        r.shuffle(attrs)
        return op, dump, attrs

    def wrong_payload(self, attr):
        r = self.rng
        if attr.type == "string":
            return r.choice([b"", b"abc", b"a" * 15, b"a" * 16 + b"\0", b"a" * 300 + b"\0",
                             b"fz0\0junk\0", b"\0\0\0\0", r.randbytes(r.randrange(1, 40))])
        if attr.type == "flag":
            return r.randbytes(r.choice([1, 4, 8]))
        size = struct.calcsize(INT_FMT.get(attr.type, "Q")) if attr.type != "binary" else \
            attr.checks.get("exact-len", 6)
        return r.randbytes(r.choice([n for n in (0, 1, 2, 3, 4, 5, 7, 8, 9, 16, size - 1, size + 1, 600)
                                     if n >= 0 and n != size]))

    def edge_payload(self, attr):
        r = self.rng
        if attr.type in INT_FMT:
            fmt = INT_FMT[attr.type]
            bits = 8 * struct.calcsize(fmt)
            c = attr.checks
            cands = [0, 1, (1 << bits) - 1, 1 << (bits - 1), (1 << bits) - 2]
            if "min" in c and c["min"] > 0:
                cands.append(c["min"] - 1)
            if "max" in c:
                cands += [c["max"], min(c["max"] + 1, (1 << bits) - 1)]
            if attr.values:
                cands.append(max(attr.values) + 1)
            if attr.mask is not None:
                cands += [attr.mask << 1, 0x80000000]
            return struct.pack("=" + fmt, r.choice(cands) & ((1 << bits) - 1))
        if attr.type == "binary":
            # Up to 60000 bytes: the uncapped echo of an error still fits a read.
            n = attr.checks.get("exact-len", r.choice([0, 6, 96, 97, 512, 4000, 60000]))
            return r.choice([b"\0" * n, b"\xff" * n, r.randbytes(n)])
        return self.wrong_payload(attr)

    def nest_garbage(self):
        """A nest of the spec's (allow-ip's prefix, leases, stats) full of
        what does not belong there."""
        r = self.rng
        nest = r.choice(["port-allow-ip", "port-leases", "port-stats"])
        attr = self.spec.attr(nest)
        inner = self.spec.sets[attr.nested][1]
        kids = []
        for _ in range(r.randrange(0, 6)):
            k = r.random()
            t = r.choice(list(inner)) if k < 0.6 else r.choice([0, max(inner) + 1, 0x3fff, 200])
            if k < 0.3:
                kids.append(nla(t, r.randbytes(r.choice([0, 1, 3, 4, 5, 15, 16, 17, 100]))))
            elif k < 0.45:
                kids.append(nla(t | NLA_F_NESTED, nla(r.randrange(1, 4), r.randbytes(4))))
            elif k < 0.55:
                # An attribute that claims more than the nest holds.
                kids.append(struct.pack("=HH", r.randrange(9, 200), t) + r.randbytes(4))
            else:
                kids.append(nla(t, r.randbytes(4)))
        body = b"".join(kids)
        if r.random() < 0.2:
            body += r.randbytes(r.randrange(1, 4))
        flag = NLA_F_NESTED if r.random() < 0.85 else 0
        out = [nla(attr.id | flag, body)]
        if nest == "port-allow-ip" and r.random() < 0.3:
            out += [self.ip_prefix() for _ in range(r.randrange(30, 40))]
        return out

    def mutate(self, op, dump, attrs):
        """One or two of the ways to break a request; returns the datagram
        and the expectation if it is certain."""
        r = self.rng
        flags = F_REQUEST | (F_ACK if r.random() < 0.6 else 0) | (F_DUMP if dump else 0)
        cmd, version, reserved = op.id, None, 0
        expect, label = None, "mutated"
        how = r.choice(["drop", "dup", "wrong-len", "wrong-type", "edge", "edge", "unknown-attr",
                        "nest-garbage", "nest-flag", "bad-flags", "genl-header", "cmd", "nonexistent"])
        label = f"{op.name}{' dump' if dump else ''}: {how}"
        if attrs and how == "drop":
            attrs.pop(r.randrange(len(attrs)))
        elif attrs and how == "dup":
            i = r.randrange(len(attrs))
            n = 1 if r.random() < 0.8 else min(r.randrange(50, 400), 50000 // len(attrs[i]))
            attrs[i:i] = [attrs[i]] * n
        elif attrs and how in ("wrong-len", "edge", "wrong-type", "nest-flag"):
            i = r.randrange(len(attrs))
            kind = struct.unpack_from("=H", attrs[i], 2)[0]
            attr = self.spec.sets["vsw"][1].get(kind & NLA_TYPE_MASK)
            if attr is None or attr.type == "nest":
                how = "nest-flag"
            if how == "wrong-len":
                attrs[i] = nla(kind, self.wrong_payload(attr))
            elif how == "edge":
                attrs[i] = nla(kind, self.edge_payload(attr))
            elif how == "wrong-type":
                other = r.choice(list(self.spec.sets["vsw"][0].values()))
                attrs[i] = nla(kind, self.value(other)[4:])
            else:
                attrs[i] = attrs[i][:2] + struct.pack("=H", kind ^ r.choice(
                    [NLA_F_NESTED, NLA_F_NET_BYTEORDER])) + attrs[i][4:]
        elif how == "unknown-attr":
            names = set(op.dump_req if dump else op.do_req)
            others = [a.id for a in self.spec.sets["vsw"][1].values() if a.name not in names]
            t = r.choice(others + [self.spec.maxattr() + 1, self.spec.maxattr() + 7, 0x3fff, 1000])
            attrs.insert(r.randrange(len(attrs) + 1), nla(t, r.randbytes(r.choice([0, 1, 4, 8]))))
            # The switch dump has no policy: 6.12's core parses nothing for
            # a split op without one; 6.1's takes the do's (compat.h).
            if op.name != "switch-get" or not dump:
                expect = ("err", errno.EINVAL)
        elif how == "nest-garbage":
            attrs += self.nest_garbage()
        elif how == "bad-flags":
            flags = r.choice([0, F_ACK, F_MULTI, F_ECHO, F_DUMP_INTR, F_ROOT, F_MATCH, F_ATOMIC,
                              0x800, 0x1000, 0x8000, F_ROOT | F_ATOMIC]) | \
                r.choice([F_REQUEST, F_REQUEST, 0]) | \
                (flags & F_ACK)
        elif how == "genl-header":
            if r.random() < 0.5:
                version = r.choice([0, 2, 255])
            else:
                reserved = r.choice([1, 0x100, 0xffff])
        elif how == "cmd":
            if r.random() < 0.5:
                cmd = r.choice([0, self.spec.ops["event"].id, max(self.spec.byid) + 1, 100, 255])
            else:
                flags ^= F_DUMP
        elif how == "nonexistent" and attrs:
            # A valid request naming a switch or a device nobody has.
            i = [j for j, a in enumerate(attrs) if struct.unpack_from("=H", a, 2)[0] ==
                 self.spec.attr("switch-name").id]
            if i and op.name != "switch-new" and r.random() < 0.6:
                attrs[i[0]] = self.a("switch-name", (self.prefix + "n%06x" % r.randrange(1 << 24)).encode())
            else:
                ids = {self.spec.attr(n).id for n in ("port-ifindex", "port-ifname", "uplink-ifindex",
                                                      "uplink-ifname")}
                i = [j for j, a in enumerate(attrs) if struct.unpack_from("=H", a, 2)[0] in ids]
                if not i:
                    return None, None, label
                kind = struct.unpack_from("=H", attrs[i[0]], 2)[0]
                name = self.spec.sets["vsw"][1][kind].name
                attrs[i[0]] = self.a(name, (max(self.ifindex.values()) + 1000 + r.randrange(1000))
                                     if name.endswith("ifindex") else
                                     (self.prefix + "x%d" % r.randrange(1000)).encode())
            expect = ("err", errno.ENODEV)
        return self.header(cmd, flags, b"".join(attrs), version, reserved), expect, label

    def missing(self):
        """A valid request without one attribute it needs."""
        r, m = self.rng, self.model
        names = sorted(m.switches)
        if not names:
            return None
        name = r.choice(names)
        ports = sorted(d for d, s in m.ports.items() if s == name)
        dev = r.choice(ports) if ports else None
        cases = [("switch-new", [self.a("switch-name", r.choice(self.dyn + [self.canary])),
                                 self.a("switch-type", 2)], None, False),
                 ("switch-new", [self.a("switch-name", self.canary), self.a("switch-type", 0)],
                  ("uplink-ifindex", "uplink-ifname"), False),
                 ("switch-del", [self.a("switch-name", name)], None, False),
                 ("switch-set", [self.a("switch-name", name), self.a("ageing", 300)], None, False),
                 ("switch-get", [self.a("switch-name", name)], None, False),
                 ("port-get", [self.a("switch-name", name)], None, True),
                 ("fdb-get", [self.a("switch-name", name)], None, True),
                 ("fdb-flush", [self.a("switch-name", name)], None, False),
                 ("fdb-del", [self.a("switch-name", name), self.a("fdb-mac", self.mac())], None, False)]
        if dev:
            pdev = self.a("port-ifname", dev.encode())
            cases += [("port-set", [self.a("switch-name", name), pdev], None, False),
                      ("port-del", [self.a("switch-name", name), pdev], None, False),
                      ("fdb-new", [self.a("switch-name", name), self.a("fdb-mac", self.mac()),
                                   self.a("fdb-vlan", m.vlans.get(dev, [0])[0]), pdev], None, False),
                      ("port-set", [self.a("switch-name", name), pdev, self.a("port-vlan-mode", 1)],
                       "port-vlan-vid", False),
                      ("port-set", [self.a("switch-name", name), pdev, self.a("port-vlan-mode", 2)],
                       "port-vlan-trunk", False),
                      ("port-set", [self.a("switch-name", name), pdev, self.a("port-isolation", 2)],
                       "port-community", False),
                      ("port-set", [self.a("switch-name", name), pdev, self.a("port-ip-guard", 1)],
                       "port-allow-ip", False)]
        free = self.free_devs(self.veths)
        if free:
            cases.append(("port-new", [self.a("switch-name", name),
                                       self.a("port-ifname", r.choice(free).encode())], None, False))
        opname, attrs, needs, dump = r.choice(cases)
        if needs is None:
            req = REQUIRED[opname]
            needs = r.choice(req)
            needs = needs if isinstance(needs, tuple) else (needs,)
            ids = {self.spec.attr(n).id for n in needs}
            kept = [a for a in attrs if struct.unpack_from("=H", a, 2)[0] not in ids]
            if len(kept) == len(attrs) and opname != "switch-new":
                return None
            attrs = kept
        else:
            needs = needs if isinstance(needs, tuple) else (needs,)
        # Of a device given by ifindex or by name, vsw names the ifindex.
        miss = (self.spec.attr(needs[0]).id,)
        op = self.spec.ops[opname]
        flags = F_REQUEST | (F_DUMP if dump else F_ACK if r.random() < 0.8 else 0)
        return (self.header(op.id, flags, b"".join(attrs)), ("err", errno.EINVAL, miss),
                f"{opname}: missing {'/'.join(needs)}")

    def raw(self, data):
        """Breaks at the byte level: cut, lengths that lie, trailing bytes,
        flipped bytes, batches."""
        r = self.rng
        data = bytearray(data)
        how = r.choice(["cut", "cut-attr", "len-long", "len-short", "genl-cut", "trailing", "flip", "batch"])
        if how == "cut" and len(data) > 20:
            n = r.randrange(20, len(data))
            data = data[:n]
            struct.pack_into("=I", data, 0, n)
        elif how == "cut-attr" and len(data) > 24:
            starts = set()
            attr_starts(bytes(data), 20, len(data), starts)
            off = r.choice(sorted(starts))
            struct.pack_into("=H", data, off, r.choice([0, 1, 3, 2000, len(data) - off + 4,
                                                        struct.unpack_from("=H", data, off)[0] + 4]))
        elif how == "len-long":
            struct.pack_into("=I", data, 0, len(data) + r.choice([1, 4, 100]))
        elif how == "len-short" and len(data) > 20:
            struct.pack_into("=I", data, 0, r.randrange(20, len(data)))
        elif how == "genl-cut":
            n = r.randrange(16, 20)
            data = data[:n]
            struct.pack_into("=I", data, 0, n)
        elif how == "trailing":
            data += r.randbytes(r.randrange(1, 4))
            struct.pack_into("=I", data, 0, len(data))
        elif how == "flip" and len(data) > 20:
            for _ in range(r.randrange(1, 4)):
                data[r.randrange(20, len(data))] ^= 1 << r.randrange(8)
        elif how == "batch":
            n = r.randrange(2, 5)
            msgs = [bytes(data)] + [self.header(*self.batch_member()) for _ in range(n - 1)]
            r.shuffle(msgs)
            data = bytearray(b"".join(m + b"\0" * (-len(m) % 4) for m in msgs))
        return bytes(data), f"raw {how}"

    def batch_member(self):
        op, dump, attrs = self.template()
        return op.id, F_REQUEST | F_ACK | (F_DUMP if dump else 0), b"".join(attrs)

    def fuzz_step(self):
        """One broken, valid-looking or raw datagram on a random socket."""
        r = self.rng
        sock = r.choice(self.socks)
        pick = r.random()
        expect = None
        if pick < 0.1:
            return self.dump_game()
        if pick < 0.35:
            op, dump, attrs = self.random_request()
            flags = F_REQUEST | (F_DUMP if dump else 0) | (F_ACK if r.random() < 0.6 else 0)
            data, label = self.header(op.id, flags, b"".join(attrs)), f"{op.name}: valid-looking"
        elif pick < 0.45:
            self.fresh()
            got = self.missing()
            if got is None:
                return
            data, expect, label = got
        elif pick < 0.85:
            self.fresh()
            data, expect, label = self.mutate(*self.template())
            if data is None:
                return
        else:
            op, dump, attrs = self.template() if r.random() < 0.7 else self.random_request()
            data, label = self.raw(self.header(op.id, F_REQUEST | F_ACK | (F_DUMP if dump else 0),
                                               b"".join(attrs)))
        self.send_fuzz(sock, data, label, expect)

    def send_fuzz(self, sock, data, label, expect):
        if sock.dumps():
            # A request on a socket a dump runs on asks for its ack: its
            # answers end there, and the rest of the dump waits.
            for off, length in split_like_kernel(data):
                fl = struct.unpack_from("=H", data, off + 6)[0]
                if fl & F_REQUEST and (fl & F_DUMP) != F_DUMP:
                    data = data[:off + 6] + struct.pack("=H", fl | F_ACK) + data[off + 8:]
        reqs = self.send(sock, data, label, expect)
        for req in reqs or []:
            if req.dump and req.kind == "op" and not req.exempt:
                # A dump: read one part and leave the rest for later, often.
                self.read_parts(sock, req, r_parts=self.rng.choice([0, 1, 1, 2, 100]))
            elif not req.dump or req.kind != "op":
                sock.settle(req)
        for seq in [s for s, rq in sock.reqs.items() if rq.done]:
            del sock.reqs[seq]

    def read_parts(self, sock, req, r_parts):
        start = len(req.replies)
        while not req.done:
            if not sock.read(True):
                self.checks.fail("hang", f"a dump's next part did not come within {self.timeout} s", req)
                req.done = True
                break
            if len(req.replies) - start >= r_parts and r_parts < 100:
                break
        if not req.done:
            self.stats["abandoned"] += 1

    def dump_game(self):
        """Dumps left half-read, resumed later, and sockets closed with one
        running; a dump asked for where one runs."""
        r = self.rng
        running = [s for s in self.socks if s.dumps()]
        pick = r.random()
        if running and pick < 0.4:
            sock = r.choice(running)
            self.stats["resumed"] += 1
            for req in sock.dumps():
                self.read_parts(sock, req, 100)
                if not req.done_msg and req.done:
                    self.checks.fail("dumps", "a resumed dump ended without NLMSG_DONE", req)
            for seq in [s for s, rq in sock.reqs.items() if rq.done]:
                del sock.reqs[seq]
        elif running and pick < 0.55:
            # Closed half-read: the kernel ends the dump on its own.
            sock = r.choice(running)
            i = self.socks.index(sock)
            sock.close()
            self.socks[i] = Sock(self, sock.kind)
        else:
            sock = r.choice(self.socks)
            names = sorted(self.model.switches) + sorted(self.keep)
            name = r.choice(names) if names else b"x"
            which = r.choice(["switch-get", "port-get", "fdb-get"])
            op = self.spec.ops[which]
            attrs = [] if which == "switch-get" else [self.a("switch-name", name)]
            if which == "port-get" and r.random() < 0.7:
                attrs.append(self.a("stats", None))
            flags = F_REQUEST | F_DUMP | (F_ACK if r.random() < 0.3 else 0)
            self.send_fuzz(sock, self.header(op.id, flags, b"".join(attrs)), f"{which} dump", None)

    # ---- the run ----

    def finish_dumps(self):
        for sock in self.socks:
            for req in sock.dumps():
                self.read_parts(sock, req, 100)
                if not req.done_msg:
                    self.checks.fail("dumps", "a dump ended without NLMSG_DONE", req)

    def cleanup(self):
        """Every switch the fuzzer made goes, then its devices."""
        for sock in self.socks:
            sock.close()
        req = self.do("switch-get", [], dump=True, label="cleanup")
        if req is not None and not req.err:
            for a in req.replies:
                if a["switch-name"] not in self.keep:
                    self.do("switch-del", [self.a("switch-name", a["switch-name"])])
        self.teardown_devices()

    def run(self):
        a = self.args
        self.started = time.monotonic()
        self.setup_seconds = self.cleanup_seconds = 0.0
        self.resolve()
        self.open_sockets()
        # 6.1's NLMSG_DONE carries a dump's extack message alone, 6.12's all
        # of it (netlink_ack_tlv_fill()): where a dump's missing attribute
        # can be named, it must be.
        req = self.do("port-get", [self.a("switch-name", self.stray_name())], dump=True,
                      expect=("err", errno.ENODEV), label="does NLMSG_DONE carry the bad attribute")
        self.done_extack = req is not None and ERR_OFFS in req.tlvs
        req = self.do("switch-get", [], dump=True, label="the switches before")
        self.keep = {r["switch-name"] for r in req.replies} if req and not req.err else set()
        self.keep |= {n.encode() for n in a.keep.split(",") if n}
        self.keep -= set(self.base) | set(self.dyn) | set(self.bulk) | {self.canary}
        for name in [r["switch-name"] for r in req.replies] if req else []:
            if name not in self.keep:
                self.do("switch-del", [self.a("switch-name", name)])
        self.setup()
        self.start_flood()
        began = time.monotonic()
        self.setup_seconds = began - self.started
        try:
            if a.replay:
                self.ensure_base()
                data = bytes.fromhex("".join(a.replay.split()))
                print(f"nlfuzz: replaying {len(data)} bytes", flush=True)
                sock = self.socks[2]
                for req in self.send(sock, data, "replay", None, exempt_keep=True):
                    sock.settle(req)
                    print(f"nlfuzz: message {req.idx}: {req.kind} {req.op.name if req.op else ''} "
                          f"errno {req.err} {req.tlvs} replies {req.replies}", flush=True)
            else:
                next_valid = 0
                next_health = a.health_every
                while self.sent < a.count:
                    if self.sent >= next_health:
                        self.health()
                        next_health = self.sent + a.health_every
                    elif self.sent >= next_valid:
                        self.valid_step()
                        next_valid = self.sent + self.rng.randrange(1, 2 * a.valid_every)
                    else:
                        self.fuzz_step()
                    if self.sent % 32 == 0:
                        self.read_events()
                self.finish_dumps()
                self.health()
            self.read_events()
        finally:
            self.seconds = time.monotonic() - began
            self.stop_flood()
            self.cleanup()
        self.cleanup_seconds = time.monotonic() - began - self.seconds


def watchdog(*_):
    raise TimeoutError("watchdog")


def main():
    stress = os.environ.get("VSW_STRESS") == "1"
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=int(os.environ.get("VSW_FUZZ_SEED") or
                                                   (int.from_bytes(os.urandom(4), "big") if stress else 17)))
    p.add_argument("--count", type=int, default=int(os.environ.get("VSW_FUZZ_COUNT") or
                                                    (10 ** 5 if stress else 10 ** 4)))
    p.add_argument("--replay", metavar="HEX", help="send this datagram and check its answers")
    p.add_argument("--keep", default="", help="switches only read, besides those there before")
    p.add_argument("--prefix", default="fz", help="of the fuzzer's devices and switches")
    p.add_argument("--results", help="write each check's failures and the figures here")
    p.add_argument("--spec", default=SPEC)
    p.add_argument("--ip", default="/usr/sbin/ip" if os.path.exists("/usr/sbin/ip") else "ip")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds an awaited answer may take")
    p.add_argument("--valid-every", type=int, default=8, help="messages between valid changes, on average")
    p.add_argument("--health-every", type=int, default=500)
    p.add_argument("--pps", type=float, default=1000, help="the frame flood's rate (0: none)")
    a = p.parse_args()
    spec = Spec(a.spec)
    fz = Fuzzer(a, spec)
    print(f"nlfuzz: seed {a.seed}, {a.count} messages (replay: nlfuzz.py --seed {a.seed} --count N)",
          flush=True)
    # A global watchdog besides the answers' timeouts: a stuck run still
    # says where it was.
    signal.signal(signal.SIGALRM, watchdog)
    signal.alarm(int(a.timeout * 30 + a.count * 0.2))
    try:
        fz.run()
    except TimeoutError:
        fz.checks.fail("hang", f"the run did not end in time, at message {fz.sent}")
        fz.seconds = float("nan")
    signal.alarm(0)
    s = fz.stats
    errs = ", ".join(f"{errno.errorcode.get(e, e)} {n}" for e, n in sorted(s["errors"].items()))
    print(f"nlfuzz: {fz.sent} messages in {fz.seconds:.1f} s (setup {fz.setup_seconds:.1f} s, "
          f"cleanup {fz.cleanup_seconds:.1f} s): {s['ok']} taken, refused: {errs}; "
          f"{s['dumps']} dumps ({s['abandoned']} left half-read, {s['resumed']} resumed), "
          f"{s['batches']} batches, {s['events']} events ({s['overruns']} overruns), "
          f"{s['resyncs']} resyncs; NLMSG_DONE carries "
          f"{'the whole' if fz.done_extack else 'only the message of the'} extack; "
          f"{s['judged']} answers judged against their cause "
          f"(valid {s.get('j-ok', 0)}, "
          f"refused {s.get('j-err', 0)}, missing {s.get('j-missing', 0)})", flush=True)
    for name, what in CHECKS:
        print(f"nlfuzz: {'ok  ' if not fz.checks.fails[name] else 'FAIL'} {name}: {what}"
              f"{'' if not fz.checks.fails[name] else ' (%d)' % fz.checks.fails[name]}", flush=True)
    if a.results:
        with open(a.results, "w") as f:
            for name, _ in CHECKS:
                f.write(f"{name} {fz.checks.fails[name]}\n")
            f.write(f"messages {fz.sent}\nseconds {fz.seconds:.1f}\nseed {a.seed}\n")
    sys.exit(1 if fz.checks.failed() else 0)


if __name__ == "__main__":
    main()
