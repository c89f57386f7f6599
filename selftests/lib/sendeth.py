#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send COUNT raw Ethernet frames: sendeth.py IFACE DST_MAC SRC_MAC [COUNT [distinct]].

The ethertype is 0x88b5 (IEEE local experimental), so no stack answers them
and only the interface counters see them.  With "distinct", frame i comes
from SRC_MAC + i (the last three bytes count up): a learning storm.
"""
import socket
import sys


def mac(s):
    return bytes(int(b, 16) for b in s.split(":"))


def main():
    iface, dst, src = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    distinct = len(sys.argv) > 5 and sys.argv[5] == "distinct"
    base = mac(src)
    payload = b"\x88\xb5" + b"vsw-selftest".ljust(46, b"\0")
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((iface, 0))
        for i in range(count):
            low = (int.from_bytes(base[3:], "big") + (i if distinct else 0)) % (1 << 24)
            s.send(mac(dst) + base[:3] + low.to_bytes(3, "big") + payload)


if __name__ == "__main__":
    main()
