#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send crafted frames of the kinds the port guards look at:
craft.py IFACE SRC_MAC DST_MAC KIND [ARGS...] [count=N] [-- SRC_MAC DST_MAC KIND...].

Each part after a "--" is another frame (or datagram) to send after the
ones before it, as if by another run.

KIND and its ARGS:
  ra PREFIX [plain|dstopt|frag-cut|frag-whole]
      an ICMPv6 Router Advertisement from SRC_MAC's link-local address to
      ff02::1 (router lifetime 1800 s), with a Prefix Information option
      for PREFIX/64 (on-link, autonomous).  dstopt: behind a Destination
      Options header; frag-cut: in two fragments, the first of which ends
      inside a Destination Options header, before the ICMPv6 header;
      frag-whole: in two fragments, the first holding the whole RA but an
      MTU option, which the second carries.
  redirect4 SRC_IP DST_IP GATEWAY   an ICMPv4 Redirect (type 5)
  rtadv4 SRC_IP                     an ICMPv4 Router Advertisement (type 9)
  dhcp6 TYPE [ADDR]
      a DHCPv6 message of TYPE (solicit, advertise, reply, reconfigure,
      relay-repl, or a number): a client's (solicit) from port 546 to
      ff02::1:2 port 547; a server's from port 547 to DST_MAC's link-local
      address, port 546 (547 for relay-repl).  With ADDR, it carries an IA_NA
      leasing ADDR for 600 s.
  dhcp4 TYPE SERVER_IP YIADDR [LEASE|cut]
      a DHCPv4 BOOTREPLY of TYPE (offer, ack, nak, or a number) from
      SERVER_IP port 67 to 255.255.255.255 port 68, for the client DST_MAC,
      leasing YIADDR for LEASE seconds (600); cut: the message ends inside
      its first option, after the type option's code and length.
  arp OP SENDER_IP TARGET_IP [TARGET_MAC]
      an ARP request or reply (OP) from SRC_MAC claiming SENDER_IP
  na TARGET [SRC_IP]
      an unsolicited Neighbor Advertisement (override) of TARGET at SRC_MAC,
      from SRC_IP (SRC_MAC's link-local address by default) to DST_MAC's
      link-local address
Checksums are right, so a receiver's stack takes what its guard lets by.
"""
import ipaddress
import random
import socket
import struct
import sys


def mac(s):
    return bytes(int(b, 16) for b in s.split(":"))


def ll(m):
    """The EUI-64 link-local address of MAC bytes m."""
    eui = bytes([m[0] ^ 2]) + m[1:3] + b"\xff\xfe" + m[3:6]
    return ipaddress.IPv6Address(b"\xfe\x80" + b"\0" * 6 + eui).packed


def ip6(a):
    return ipaddress.IPv6Address(a).packed


def ip4(a):
    return ipaddress.IPv4Address(a).packed


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def with_csum(msg, at, pseudo=b""):
    c = csum(pseudo + msg)
    return msg[:at] + struct.pack("!H", c) + msg[at + 2:]


def l4_csum6(src, dst, proto, msg, at):
    pseudo = src + dst + struct.pack("!IxxxB", len(msg), proto)
    return with_csum(msg, at, pseudo)


def ipv6(src, dst, nexthdr, payload, hlim=255):
    return struct.pack("!IHBB", 6 << 28, len(payload), nexthdr, hlim) + src + dst + payload


def ipv4(src, dst, proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, 64, proto, 0, src, dst)
    return with_csum(h, 10) + payload


def dstopt(nexthdr, size):
    """A Destination Options header of SIZE bytes (a multiple of 8) of PadN."""
    return struct.pack("!BBBB", nexthdr, size // 8 - 1, 1, size - 4) + b"\0" * (size - 4)


def frag(nexthdr, offset, more, ident):
    """A Fragment header: OFFSET in bytes (a multiple of 8), MORE 1 or 0."""
    return struct.pack("!BBHI", nexthdr, 0, offset | more, ident)


def ra(src, prefix, variant):
    dst = ip6("ff02::1")
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0xc0, 86400, 14400, 0) + \
        ipaddress.IPv6Network(prefix + "/64").network_address.packed
    mtu = struct.pack("!BBHI", 5, 1, 0, 1500)
    body = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0) + pio
    if variant == "frag-whole":
        body += mtu
    msg = l4_csum6(src, dst, 58, body, 2)
    if variant == "plain":
        return [ipv6(src, dst, 58, msg)]
    if variant == "dstopt":
        return [ipv6(src, dst, 60, dstopt(58, 8) + msg)]
    if variant == "frag-cut":
        data = dstopt(58, 24) + msg
        cut = 16
    elif variant == "frag-whole":
        data, cut = msg, len(msg) - len(mtu)
    else:
        sys.exit("craft.py: unknown RA variant " + variant)
    first = 60 if variant == "frag-cut" else 58
    # One datagram's fragments share an identification, no other's does.
    ident = random.getrandbits(32)
    return [ipv6(src, dst, 44, frag(first, 0, 1, ident) + data[:cut]),
            ipv6(src, dst, 44, frag(first, cut, 0, ident) + data[cut:])]


DHCP6_TYPES = {"solicit": 1, "advertise": 2, "reply": 7, "reconfigure": 10, "relay-repl": 13}


def dhcp6(src_mac, dst_mac, kind, addr=None):
    t = DHCP6_TYPES.get(kind) or int(kind)
    opts = b""
    if addr:
        iaaddr = struct.pack("!HH", 5, 24) + ip6(addr) + struct.pack("!II", 300, 600)
        opts = struct.pack("!HHIII", 3, 12 + len(iaaddr), 1, 150, 240) + iaaddr
    msg = struct.pack("!I", t << 24 | 0x123456) + opts
    src = ll(src_mac)
    if t == 1:
        sport, dport, dst = 546, 547, ip6("ff02::1:2")
    else:
        sport, dport, dst = 547, 546 if t != 13 else 547, ll(dst_mac)
    udp = l4_csum6(src, dst, 17, struct.pack("!HHHH", sport, dport, 8 + len(msg), 0) + msg, 6)
    return [ipv6(src, dst, 17, udp, 64)]


DHCP4_TYPES = {"offer": 2, "ack": 5, "nak": 6}


def dhcp4(dst_mac, kind, server, yiaddr, lease):
    t = DHCP4_TYPES.get(kind) or int(kind)
    bootp = struct.pack("!BBBBIHH4s4s4s4s", 2, 1, 6, 0, 0x5a5a, 0, 0, b"\0" * 4,
                        ip4(yiaddr), ip4(server), b"\0" * 4) + dst_mac + b"\0" * 202
    opts = struct.pack("!IBB", 0x63825363, 53, 1)
    if lease != "cut":
        opts += struct.pack("!BBB4sBBIB", t, 54, 4, ip4(server), 51, 4, int(lease), 255)
    msg = bootp + opts
    udp = struct.pack("!HHHH", 67, 68, 8 + len(msg), 0) + msg
    return [ipv4(ip4(server), ip4("255.255.255.255"), 17, udp)]


def icmp4(src, dst, body):
    return [ipv4(ip4(src), ip4(dst), 1, with_csum(body, 2))]


def frames(args):
    """The frames of one part: SRC_MAC DST_MAC KIND [ARGS...] [count=N]."""
    count = int(([a[6:] for a in args if a.startswith("count=")] or ["1"])[0])
    args = [a for a in args if not a.startswith("count=")]
    smac, dmac, kind = mac(args[0]), mac(args[1]), args[2]
    rest = args[3:]
    ethertype = 0x86dd
    if kind == "ra":
        pkts = ra(ll(smac), rest[0], rest[1] if len(rest) > 1 else "plain")
        if dmac == mac("ff:ff:ff:ff:ff:ff"):
            dmac = mac("33:33:00:00:00:01")
    elif kind == "redirect4":
        # The header of the datagram redirected: from DST_IP, out by SRC_IP.
        inner = ipv4(ip4(rest[1]), ip4("198.51.100.200"), 17, b"\0" * 8)
        pkts = icmp4(rest[0], rest[1], struct.pack("!BBH4s", 5, 1, 0, ip4(rest[2])) + inner)
        ethertype = 0x0800
    elif kind == "rtadv4":
        pkts = icmp4(rest[0], "224.0.0.1",
                     struct.pack("!BBHBBH4sI", 9, 0, 0, 1, 2, 1800, ip4(rest[0]), 0))
        ethertype = 0x0800
    elif kind == "dhcp6":
        pkts = dhcp6(smac, dmac, rest[0], rest[1] if len(rest) > 1 else None)
        if rest[0] == "solicit":
            dmac = mac("33:33:00:01:00:02")
    elif kind == "dhcp4":
        pkts = dhcp4(dmac, rest[0], rest[1], rest[2], rest[3] if len(rest) > 3 else 600)
        ethertype = 0x0800
    elif kind == "arp":
        op = {"request": 1, "reply": 2}[rest[0]]
        tmac = mac(rest[3]) if len(rest) > 3 else b"\0" * 6
        pkts = [struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + smac + ip4(rest[1]) + tmac + ip4(rest[2])]
        ethertype = 0x0806
    elif kind == "na":
        src = ip6(rest[1]) if len(rest) > 1 else ll(smac)
        dst = ll(dmac)
        body = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + ip6(rest[0]) + \
            struct.pack("!BB", 2, 1) + smac
        pkts = [ipv6(src, dst, 58, l4_csum6(src, dst, 58, body, 2))]
    else:
        sys.exit("craft.py: unknown kind " + kind)
    return [dmac + smac + struct.pack("!H", ethertype) + p for p in pkts] * count


def main():
    parts, part = [], []
    for a in sys.argv[2:] + ["--"]:
        if a == "--":
            parts.append(part)
            part = []
        else:
            part.append(a)
    out = [f for p in parts for f in frames(p)]
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
        s.bind((sys.argv[1], 0))
        for f in out:
            s.send(f)


if __name__ == "__main__":
    main()
