#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Dump vsw's switches, a switch's ports or its FDB one part at a time, and
run a command after the first part:
dumpintr.py switches|ports:SWITCH|fdb:SWITCH [CMD...].

Prints "MESSAGES DISTINCT INTR": the objects the dump sent, how many of them
were distinct (by name, port ifindex or MAC), and 1 if a message of the dump
(its NLMSG_DONE included) carried NLM_F_DUMP_INTR, else 0.  It reads one
page at a time, so the kernel makes each part one page: a few dozen objects.
The command numbers come from the uapi header of this checkout.
"""
import os
import re
import socket
import struct
import subprocess
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST = 0x1
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLMSG_ERROR = 2
NLMSG_DONE = 3
PAGE = 4096


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


def attr(kind, data):
    return struct.pack("HH", 4 + len(data), kind) + data + b"\0" * (-len(data) % 4)


def attrs(buf):
    out = {}
    while len(buf) >= 4:
        length, kind = struct.unpack_from("HH", buf)
        if length < 4:
            break
        out[kind & 0x3fff] = buf[4:length]
        buf = buf[(length + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0

    def send(self, family, cmd, flags, payload):
        self.seq += 1
        body = struct.pack("BBH", cmd, 1, 0) + payload
        self.sock.send(struct.pack("IHHII", 16 + len(body), family, flags, self.seq, 0) + body)

    def part(self):
        """One datagram's messages as (type, flags, attributes)."""
        data, _, flags, _ = self.sock.recvmsg(PAGE)
        if flags & socket.MSG_TRUNC:
            sys.exit("dumpintr.py: a part did not fit in a page")
        msgs = []
        while len(data) >= 16:
            length, kind, mflags, _, _ = struct.unpack_from("IHHII", data)
            if kind == NLMSG_ERROR:
                err = struct.unpack_from("i", data, 16)[0]
                if err:
                    sys.exit(f"dumpintr.py: {os.strerror(-err)}")
            msgs.append((kind, mflags, attrs(data[20:length])))
            data = data[(length + 3) & ~3:]
        return msgs

    def family(self, name):
        self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_REQUEST,
                  attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        for kind, _, a in self.part():
            if kind == GENL_ID_CTRL:
                return struct.unpack("H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
        sys.exit("dumpintr.py: no genl family " + name)


def main():
    what, cmd = sys.argv[1], sys.argv[2:]
    cmds, ats = uapi_enum("vsw_cmd"), uapi_enum("vsw_attr")
    nl = Genl()
    family = nl.family("vsw")
    if what == "switches":
        req, key = cmds["VSW_CMD_SWITCH_GET"], ats["VSW_A_SWITCH_NAME"]
        payload = b""
    elif what.startswith("fdb:"):
        req, key = cmds["VSW_CMD_FDB_GET"], ats["VSW_A_FDB_MAC"]
        payload = attr(ats["VSW_A_SWITCH_NAME"], what.split(":", 1)[1].encode() + b"\0")
    else:
        req, key = cmds["VSW_CMD_PORT_GET"], ats["VSW_A_PORT_IFINDEX"]
        payload = (attr(ats["VSW_A_SWITCH_NAME"], what.split(":", 1)[1].encode() + b"\0") +
                   attr(ats["VSW_A_STATS"], b""))
    nl.send(family, req, NLM_F_REQUEST | NLM_F_DUMP, payload)
    keys, intr, done, first = [], 0, False, True
    while not done:
        for kind, flags, a in nl.part():
            intr |= bool(flags & NLM_F_DUMP_INTR)
            if kind == NLMSG_DONE:
                done = True
            elif kind == family:
                keys.append(a.get(key))
        if first and cmd:
            subprocess.run(cmd, check=True)
        first = False
    print(len(keys), len(set(keys)), int(intr))


if __name__ == "__main__":
    main()
