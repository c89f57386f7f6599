#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A VM's NIC as qemu holds it, for the ifup scripts' test:
tapvm.py IFNAME MAC IP.

Opens the tap IFNAME (IFF_TAP | IFF_NO_PI, made by the open, as qemu's
-netdev tap,ifname= does), prints "ready", and keeps it open while commands
come on stdin, one a line:
  arp TARGET   send an ARP request from MAC and IP for TARGET, print
               "reply MAC" with the MAC of the first reply for TARGET that
               comes back to MAC within two seconds, or "none"
At the end of its input it closes the tap, which takes it away.
"""
import fcntl
import os
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000


def mac(s):
    return bytes(int(b, 16) for b in s.split(":"))


def ip(s):
    return bytes(int(b) for b in s.split("."))


def arp(fd, own_mac, own_ip, target):
    request = (b"\xff" * 6 + own_mac + b"\x08\x06" +
               struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) +
               own_mac + own_ip + b"\0" * 6 + target).ljust(60, b"\0")
    # A tap that is down refuses the write: nothing was sent.
    try:
        os.write(fd, request)
    except OSError:
        return "none"
    end = time.monotonic() + 2
    while (left := end - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            break
        f = os.read(fd, 65536)
        if (len(f) >= 42 and f[0:6] == own_mac and f[12:14] == b"\x08\x06" and
                f[20:22] == b"\0\x02" and f[28:32] == target and f[32:38] == own_mac):
            return "reply " + ":".join(f"{b:02x}" for b in f[22:28])
    return "none"


def main():
    name, own_mac, own_ip = sys.argv[1], mac(sys.argv[2]), ip(sys.argv[3])
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    print("ready", flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if cmd[0] == "arp":
            print(arp(fd, own_mac, own_ip, ip(cmd[1])), flush=True)
    os.close(fd)


if __name__ == "__main__":
    main()
