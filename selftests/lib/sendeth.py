#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send COUNT raw Ethernet frames:
sendeth.py [--vlan VID] [--pps RATE] IFACE DST_MAC SRC_MAC [COUNT [distinct]].

The ethertype is 0x88b5 (IEEE local experimental), so no stack answers them
and only the interface counters see them.  With "distinct", frame i comes
from SRC_MAC + i (the last three bytes count up): a learning storm.  With
--vlan, each frame carries an 802.1Q tag of that VID (0: a priority tag) in
the frame; VIDS may list several, outermost first ("0,10"), and "ad:" makes
one an 802.1ad tag ("ad:100,10").  With --pps, frame i is sent at i/RATE
seconds from the first, as near as the clock allows, and the sender prints
"FRAMES SECONDS": how many it sent and the time from the first to the last.
"""
import socket
import sys
import time


def mac(s):
    return bytes(int(b, 16) for b in s.split(":"))


def main():
    args = sys.argv[1:]
    tag = b""
    pps = 0
    while args[0].startswith("--"):
        if args[0] == "--vlan":
            for vid in args[1].split(","):
                tpid = b"\x81\x00"
                if vid.startswith("ad:"):
                    tpid, vid = b"\x88\xa8", vid[3:]
                tag += tpid + (5 << 13 | int(vid)).to_bytes(2, "big")
        elif args[0] == "--pps":
            pps = float(args[1])
        args = args[2:]
    iface, dst, src = args[0:3]
    count = int(args[3]) if len(args) > 3 else 1
    distinct = len(args) > 4 and args[4] == "distinct"
    base = mac(src)
    payload = tag + b"\x88\xb5" + b"vsw-selftest".ljust(46, b"\0")
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((iface, 0))
        start = time.monotonic()
        for i in range(count):
            if pps:
                wait = start + i / pps - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
            low = (int.from_bytes(base[3:], "big") + (i if distinct else 0)) % (1 << 24)
            s.send(mac(dst) + base[:3] + low.to_bytes(3, "big") + payload)
            last = time.monotonic()
        if pps:
            print(count, last - start if count else 0)


if __name__ == "__main__":
    main()
