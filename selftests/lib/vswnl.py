#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Netlink for the selftests, without vswctl: vsw's requests built attribute
by attribute, its dumps and events, and the links of the netns (rtnetlink).

As a command, requests with the devices named by ifindex where vswctl
would send names (a device of another netns, say), one after the other:

  vswnl.py CMD [ATTR=VALUE...] [-- CMD ...]
      e.g. vswnl.py port-new switch-name=sw0 port-ifindex=7

CMD and ATTR are the uapi names in lower case without their prefix
(VSW_CMD_PORT_NEW: port-new, VSW_A_PORT_IFINDEX: port-ifindex); a VALUE is
taken as the attribute's type says (vsw.yaml).  Prints for each the ack's
errno (0 when done) and its extack message, "errno message".  CMD "state"
prints what the kernel says of the netns instead, a line each: "switch
NAME PORTS..." (its ports' devices), "fdb SWITCH MAC VLAN DEV TYPE" (the
host vNIC's MAC as "local") and "link NAME KIND MASTER PROMISCUITY".  Exits
0; 2 for a bad command line.  The numbers come from the uapi header of
this checkout.
"""
import errno
import os
import re
import socket
import struct
import sys

NETLINK_ROUTE = 0
NETLINK_GENERIC = 16
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2
NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP = 0x300
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1
NLM_F_ACK_TLVS = 0x200
NLM_F_CAPPED = 0x100
RTM_NEWLINK = 16
RTM_DELLINK = 17
NLM_F_CREATE = 0x400
NLM_F_EXCL = 0x200
RTM_GETLINK = 18
RTM_GETADDR = 22
RTM_GETROUTE = 26
IFA_ADDRESS = 1
RTA_DST = 1
RTA_OIF = 4
RTA_GATEWAY = 5
RTA_TABLE = 15
RT_TABLE_LOCAL = 255
RTPROT_KERNEL = 2
IFLA_IFNAME = 3
IFLA_MASTER = 10
IFLA_LINKINFO = 18
IFLA_INFO_KIND = 1
IFLA_PROMISCUITY = 30
IFLA_EXT_MASK = 29
RTEXT_FILTER_SKIP_STATS = 1 << 3
IFF_UP = 0x1
NLA_F_NESTED = 0x8000


def uapi_enum(name):
    """enum NAME's identifiers, numbered as the compiler does."""
    hdr = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                       "../../uapi/linux/vsw_genl.h")
    body = re.search(r"enum %s \{(.*?)\};" % name, open(hdr).read(), re.S).group(1)
    values, n = {}, 0
    for ident, value in re.findall(r"^\s*(\w+)(?:\s*=\s*(\d+))?,", body, re.M):
        n = int(value) if value else n
        values[ident] = n
        n += 1
    return values


CMD = uapi_enum("vsw_cmd")
A = uapi_enum("vsw_attr")
EV = {v: k[len("VSW_EVENT_"):].lower().replace("_", "-")
      for k, v in uapi_enum("vsw_event").items() if not k.startswith("__")}
ANAME = {v: k for k, v in A.items()}
# Attribute types, as vsw.yaml gives them (the rest are u32).
U8 = {"SWITCH_TYPE", "HOST", "PORT_ROLE", "FDB_TYPE", "EVENT", "PORT_VLAN_MODE",
      "PORT_MAC_SPOOF", "PORT_IP_GUARD", "PORT_DHCP_GUARD", "PORT_ROUTER_GUARD",
      "PORT_ISOLATION", "PORT_MIRROR", "MOVE_IP", "EVICT"}
U16 = {"FDB_VLAN", "PORT_VLAN_VID", "PORT_VLAN_NATIVE"}
STRING = {"SWITCH_NAME", "UPLINK_IFNAME", "HOST_IFNAME", "PORT_IFNAME"}
BINARY = {"FDB_MAC", "PORT_VLAN_TRUNK", "PORT_ALLOW_MAC"}
# Replies' attributes that name a device by number, or change by themselves.
VOLATILE = {A["VSW_A_UPLINK_IFINDEX"], A["VSW_A_HOST_IFINDEX"],
            A["VSW_A_PORT_IFINDEX"], A["VSW_A_FDB_AGE"], A["VSW_A_PORT_STATS"],
            A["VSW_A_PORT_LEASES"]}


def attr(kind, data):
    return struct.pack("HH", 4 + len(data), kind) + data + b"\0" * (-len(data) % 4)


def attrs(buf, off=0):
    """The attributes of @buf from @off, in order, as (type, data)."""
    out, end = [], len(buf)
    while off + 4 <= end:
        length, kind = struct.unpack_from("HH", buf, off)
        if length < 4:
            break
        out.append((kind & 0x3fff, buf[off + 4:off + length]))
        off += (length + 3) & ~3
    return out


def strz(data):
    return data.split(b"\0", 1)[0].decode(errors="replace")


class NetlinkError(Exception):
    def __init__(self, err, msg):
        super().__init__(f"{os.strerror(err)}{': ' + msg if msg else ''}")
        self.errno, self.msg = err, msg


class Netlink:
    def __init__(self, proto):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0

    def close(self):
        self.sock.close()

    def send(self, kind, flags, payload):
        self.seq += 1
        self.sock.send(struct.pack("IHHII", 16 + len(payload), kind, flags,
                                   self.seq, 0) + payload)
        return self.seq

    def messages(self, data):
        off = 0
        while off + 16 <= len(data):
            length, kind, flags, seq, _ = struct.unpack_from("IHHII", data, off)
            if length < 16:
                break
            yield kind, flags, seq, data[off + 16:off + length]
            off += (length + 3) & ~3

    @staticmethod
    def ack(body, flags):
        """The errno of an NLMSG_ERROR and its extack message."""
        err = -struct.unpack_from("i", body)[0]
        msg = ""
        if flags & NLM_F_ACK_TLVS:
            off = 4 + (16 if flags & NLM_F_CAPPED else struct.unpack_from("I", body, 4)[0])
            for kind, data in attrs(body[off:]):
                if kind == NLMSGERR_ATTR_MSG:
                    msg = strz(data)
        return err, msg

    def request(self, kind, flags, payload):
        """The replies' bodies to a request (a dump's, or a doit's and its
        ack); raises NetlinkError on an error."""
        seq = self.send(kind, flags | NLM_F_REQUEST | NLM_F_ACK, payload)
        out = []
        while True:
            data = self.sock.recv(65536)
            for mkind, mflags, mseq, body in self.messages(data):
                if mseq != seq:
                    continue
                if mkind == NLMSG_ERROR:
                    err, msg = self.ack(body, mflags)
                    if err:
                        raise NetlinkError(err, msg)
                    return out
                if mkind == NLMSG_DONE:
                    err = -struct.unpack_from("i", body)[0] if len(body) >= 4 else 0
                    if err:
                        raise NetlinkError(err, "")
                    return out
                out.append(body)


class Genl(Netlink):
    def __init__(self):
        super().__init__(NETLINK_GENERIC)
        body = self.request(GENL_ID_CTRL, 0, struct.pack("BBH", CTRL_CMD_GETFAMILY, 1, 0) +
                            attr(CTRL_ATTR_FAMILY_NAME, b"vsw\0"))[0]
        self.family, self.group = None, None
        for kind, data in attrs(body[4:]):
            if kind == CTRL_ATTR_FAMILY_ID:
                self.family = struct.unpack("H", data[:2])[0]
            if kind == CTRL_ATTR_MCAST_GROUPS:
                for _, grp in attrs(data):
                    g = dict(attrs(grp))
                    if strz(g[CTRL_ATTR_MCAST_GRP_NAME]) == "events":
                        self.group = struct.unpack("I", g[CTRL_ATTR_MCAST_GRP_ID])[0]

    def vsw(self, cmd, payload=b"", dump=False):
        bodies = self.request(self.family, NLM_F_DUMP if dump else 0,
                              struct.pack("BBH", cmd, 1, 0) + payload)
        return [attrs(b, 4) for b in bodies]

    def listen(self):
        """Join the events group; recv with events()."""
        self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.group)
        self.sock.setblocking(False)

    def events(self):
        """The events queued, each a list of attributes; "ENOBUFS" where
        the socket said some were lost."""
        out = []
        while True:
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:
                return out
            except OSError as e:
                if e.errno != errno.ENOBUFS:
                    raise
                out.append("ENOBUFS")
                continue
            for kind, _, seq, body in self.messages(data):
                out.append(attrs(body, 4) if kind == self.family and not seq else
                           [("garbage", kind, seq)])


def name_attr(name):
    return attr(A["VSW_A_SWITCH_NAME"], name.encode() + b"\0")


def get(a, name):
    """The first attribute VSW_A_@name of the list @a, or None."""
    kind = A["VSW_A_" + name]
    for k, data in a:
        if k == kind:
            return data
    return None


def canon(a):
    """A reply's attributes that stay the same for the same object."""
    return tuple((k, d) for k, d in a if k not in VOLATILE)


def links(rt):
    """The netns's links: name -> (kind, master's name, promiscuity, up),
    and their names by ifindex."""
    raw = {}
    # Without the counters (RTEXT_FILTER_SKIP_STATS): they tick.
    for body in rt.request(RTM_GETLINK, NLM_F_DUMP, struct.pack("BxHiII", 0, 0, 0, 0, 0) +
                           attr(IFLA_EXT_MASK, struct.pack("I", RTEXT_FILTER_SKIP_STATS))):
        index, flags = struct.unpack_from("iI", body, 4)
        a = dict(attrs(body, 16))
        kind = ""
        for k, d in attrs(a.get(IFLA_LINKINFO, b"")):
            if k == IFLA_INFO_KIND:
                kind = strz(d)
        master = struct.unpack("i", a[IFLA_MASTER])[0] if IFLA_MASTER in a else 0
        raw[index] = (strz(a[IFLA_IFNAME]), kind, master,
                      struct.unpack("I", a[IFLA_PROMISCUITY])[0], bool(flags & IFF_UP))
    return {n: (k, raw[m][0] if m in raw else (m or None), p, up)
            for n, k, m, p, up in raw.values()}, {i: v[0] for i, v in raw.items()}


def addrs(rt, names):
    """The netns's addresses, as "DEV ADDR/LEN"."""
    out = []
    for body in rt.request(RTM_GETADDR, NLM_F_DUMP, struct.pack("BBBBI", 0, 0, 0, 0, 0)):
        family, plen, _, _, index = struct.unpack_from("BBBBI", body)
        a = dict(attrs(body, 8))
        if IFA_ADDRESS in a:
            addr = socket.inet_ntop(socket.AF_INET if family == socket.AF_INET else
                                    socket.AF_INET6, a[IFA_ADDRESS])
            out.append(f"{names.get(index, index)} {addr}/{plen}")
    return sorted(out)


def routes(rt, names):
    """The netns's routes but those the kernel makes for addresses (the
    local table's, protocol kernel's), as "TABLE DST/LEN via GW dev DEV"."""
    out = []
    for body in rt.request(RTM_GETROUTE, NLM_F_DUMP, struct.pack("BBBBBBBBI", 0, 0, 0, 0,
                                                                 0, 0, 0, 0, 0)):
        family, dlen = struct.unpack_from("BB", body)
        if body[4] == RT_TABLE_LOCAL or body[5] == RTPROT_KERNEL:
            continue
        a = dict(attrs(body, 12))
        af = socket.AF_INET if family == socket.AF_INET else socket.AF_INET6
        dst = socket.inet_ntop(af, a[RTA_DST]) if RTA_DST in a else "default"
        gw = f" via {socket.inet_ntop(af, a[RTA_GATEWAY])}" if RTA_GATEWAY in a else ""
        dev = struct.unpack("i", a[RTA_OIF])[0] if RTA_OIF in a else 0
        table = struct.unpack("I", a[RTA_TABLE])[0] if RTA_TABLE in a else body[4]
        out.append(f"{table} {dst}/{dlen}{gw} dev {names.get(dev, dev)}")
    return sorted(out)


def set_master(rt, dev, master):
    """ip link set DEV master MASTER (nomaster: MASTER None)."""
    index = socket.if_nametoindex(master) if master else 0
    rt.request(RTM_NEWLINK, 0, struct.pack("BxHiII", 0, 0, socket.if_nametoindex(dev), 0, 0) +
               attr(IFLA_MASTER, struct.pack("I", index)))


def dummy_anew(rt, dev):
    """ip link del DEV; ip link add DEV up type dummy."""
    try:
        rt.request(RTM_DELLINK, 0, struct.pack("BxHiII", 0, 0, 0, 0, 0) +
                   attr(IFLA_IFNAME, dev.encode() + b"\0"))
    except NetlinkError as e:
        if e.errno != errno.ENODEV:
            raise
    rt.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
               struct.pack("BxHiII", 0, 0, 0, IFF_UP, IFF_UP) +
               attr(IFLA_IFNAME, dev.encode() + b"\0") +
               attr(IFLA_LINKINFO | NLA_F_NESTED, attr(IFLA_INFO_KIND, b"dummy")))


def snapshot(nl, rt):
    """What vsw and rtnetlink say of the netns, with what changes by itself
    (ifindexes, ages, counters, a random MAC) left out."""
    sws = {}
    for s in nl.vsw(CMD["VSW_CMD_SWITCH_GET"], dump=True):
        name = strz(get(s, "SWITCH_NAME"))
        ports = sorted(canon(p) for p in nl.vsw(CMD["VSW_CMD_PORT_GET"], name_attr(name),
                                                 dump=True))
        fdb = sorted((get(f, "FDB_MAC").hex() if get(f, "FDB_TYPE") != b"\x02" else "local",
                      struct.unpack("H", get(f, "FDB_VLAN"))[0], strz(get(f, "PORT_IFNAME")),
                      get(f, "FDB_TYPE")[0])
                     for f in nl.vsw(CMD["VSW_CMD_FDB_GET"], name_attr(name), dump=True))
        sws[name] = (canon(s), ports, fdb)
    devs, names = links(rt)
    return {"switches": sws, "links": devs, "addrs": addrs(rt, names),
            "routes": routes(rt, names)}


def value(name, text):
    if name in U8:
        return struct.pack("B", int(text, 0))
    if name in U16:
        return struct.pack("H", int(text, 0))
    if name in STRING:
        return text.encode() + b"\0"
    if name in BINARY:
        return bytes.fromhex(text.replace(":", ""))
    return struct.pack("I", int(text, 0))


def print_state(nl, rt):
    state = snapshot(nl, rt)
    for name, (_, ports, fdb) in sorted(state["switches"].items()):
        devs = sorted(strz(dict(p)[A["VSW_A_PORT_IFNAME"]]) for p in ports)
        print("switch", name, *devs)
        for mac, vlan, dev, kind in fdb:
            print("fdb", name, mac, vlan, dev, kind)
    for name, (kind, master, promisc, _) in sorted(state["links"].items()):
        print("link", name, kind or "-", master or "-", promisc)


def request(nl, words):
    cmd = CMD.get("VSW_CMD_" + words[0].upper().replace("-", "_"))
    if cmd is None:
        print(f"vswnl.py: unknown command {words[0]}", file=sys.stderr)
        sys.exit(2)
    payload = b""
    for arg in words[1:]:
        key, _, text = arg.partition("=")
        name = key.upper().replace("-", "_")
        if "VSW_A_" + name not in A:
            print(f"vswnl.py: unknown attribute {key}", file=sys.stderr)
            sys.exit(2)
        payload += attr(A["VSW_A_" + name], value(name, text))
    try:
        nl.vsw(cmd, payload)
        print(0)
    except NetlinkError as e:
        print(-e.errno, e.msg)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    nl = Genl()
    words = []
    for arg in sys.argv[1:] + ["--"]:
        if arg != "--":
            words.append(arg)
        elif words == ["state"]:
            print_state(nl, Netlink(NETLINK_ROUTE))
            words = []
        elif words:
            request(nl, words)
            words = []


if __name__ == "__main__":
    main()
