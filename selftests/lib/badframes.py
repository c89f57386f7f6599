#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed Ethernet frames, sent and found again in captures:
badframes.py send IFACE SRC_MAC DST_MAC NAME...
badframes.py match PCAP[,PCAP...] SRC_MACS DST_PREFIX NAME...
badframes.py names

send: each frame NAME built from SRC_MAC to DST_MAC, in order, out of IFACE
by a packet socket; a frame the sender's own kernel refuses is named on
stdout as "NAME: ERROR".
match: the frames of each capture file PCAP (tcpdump -w) from one of
SRC_MACS (commas; or from the zero MAC, or one of them with the I/G bit)
to a destination that starts as DST_PREFIX does ("02:43"), each as "DST
NAME": its destination and the frame NAME it is byte for byte, built from
its source to its destination, or "damaged:LEN" if it is none of them; in
the order caught; with several PCAPs, each line starts with its file.
NAME+qVID is frame NAME with an 802.1Q tag of VID
(priority 0) after its MAC addresses, as a port that tags it sends it.
names: every NAME, one a line.

IPv4 frames come from SRC4, IPv6 ones from SRC6 (an address the sender may
use); a frame's source MAC is SRC_MAC unless its name says otherwise.  A
frame "cut" ends, or has its datagram end (IPv4 total length, IPv6 payload
length), before a header a port guard must read to judge it.
"""
import socket
import struct
import sys

from craft import dstopt, frag, ip4, ip6, ipv4, ipv6, l4_csum6, mac, with_csum  # noqa: E402

SRC4, DST4 = "192.0.2.11", "192.0.2.255"
SRC6, DST6 = "2001:db8::11", "ff02::1"
ETH_IP, ETH_IP6, ETH_ARP, ETH_LOCAL = 0x0800, 0x86dd, 0x0806, 0x88b5
ETH_8021Q, ETH_8021AD = 0x8100, 0x88a8


def tag(tpid, vid):
    """An 802.1Q or 802.1ad tag of VID, priority 5 (vsw keeps it)."""
    return struct.pack("!HH", tpid, 5 << 13 | vid)


def local(size=46):
    """The local experimental ethertype and SIZE bytes of payload."""
    return struct.pack("!H", ETH_LOCAL) + b"vsw-badframe".ljust(size, b"\0")


def udp4(sport, dport, payload=b"badframe"):
    return ipv4(ip4(SRC4), ip4(DST4), 17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload)


def dhcp_offer():
    """A DHCPv4 OFFER from port 67 to 68: a server's message."""
    bootp = struct.pack("!BBBB", 2, 1, 6, 0) + b"\0" * 232 + struct.pack("!IBBBB", 0x63825363, 53, 1, 2, 255)
    return udp4(67, 68, bootp)


def bootp(chaddr, yiaddr, opts, cookie=4):
    """A BOOTREPLY to CHADDR leasing YIADDR: its fixed part, COOKIE bytes of
    the magic cookie, OPTS."""
    fixed = struct.pack("!BBBBIHH4s4s4s4s", 2, 1, 6, 0, 0x5a5a, 0, 0, b"\0" * 4, ip4(yiaddr),
                        ip4(SRC4), b"\0" * 4) + chaddr + b"\0" * 202
    return fixed + struct.pack("!I", 0x63825363)[:cookie] + opts


# A DHCPACK's options: its type, a lease of 600 s, the end.
ACK = struct.pack("!BBBBBI", 53, 1, 5, 51, 4, 600) + b"\xff"


def dhcp6_reply(dmac, addr, ia_len=None, iaaddr_len=24, cut=None):
    """A DHCPv6 REPLY to DMAC with an IA_NA leasing ADDR for 600 s; IA_LEN
    and IAADDR_LEN are what the options say of their lengths, CUT where
    the datagram ends."""
    iaaddr = struct.pack("!HH", 5, iaaddr_len) + ip6(addr) + struct.pack("!II", 300, 600)
    ia = struct.pack("!HHIII", 3, 12 + len(iaaddr) if ia_len is None else ia_len, 1, 150, 240) + iaaddr
    msg = (struct.pack("!I", 7 << 24 | 0x123456) + ia)[:cut]
    udp = struct.pack("!HHHH", 547, 546, 8 + len(msg), 0) + msg
    return struct.pack("!H", ETH_IP6) + ip6hdr(17, l4_csum6(ip6(SRC6), ip6(DST6), 17, udp, 6))


def ip4hdr(ihl=5, tot_len=None, proto=17, version=4, payload=b""):
    """An IPv4 header as given (checksum right), then PAYLOAD."""
    h = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, tot_len if tot_len is not None else 20 + len(payload),
                    0, 0, 64, proto, 0, ip4(SRC4), ip4(DST4))
    return with_csum(h, 10) + payload


def ip6hdr(nexthdr, payload, plen=None, version=6):
    return struct.pack("!IHBB", version << 28, len(payload) if plen is None else plen, nexthdr, 255) + \
        ip6(SRC6) + ip6(DST6) + payload


def udp6(dport=9, payload=b"badframe"):
    msg = struct.pack("!HHHH", 546, dport, 8 + len(payload), 0) + payload
    return l4_csum6(ip6(SRC6), ip6(DST6), 17, msg, 6)


def arp(hlen=6, plen=4, cut=None):
    a = struct.pack("!HHBBH", 1, ETH_IP, hlen, plen, 1) + b"\x02\0\0\0\0\x11" + ip4(SRC4) + \
        b"\0" * 6 + ip4(DST4)
    return a[:cut] if cut is not None else a


def na_cut():
    """A Neighbor Advertisement whose target address is cut after 4 bytes."""
    body = struct.pack("!BBHI", 136, 0, 0, 0x20000000) + ip6(SRC6)[:4]
    return ip6hdr(58, l4_csum6(ip6(SRC6), ip6(DST6), 58, body, 2))


# NAME: the frame after its MAC addresses (its type and payload), or a
# function of the source and destination MACs giving the frame after the
# destination; the runts' are built in frame().
FRAMES = {
    # Shorter than an Ethernet header, and than a tag and the type after it.
    "runt10": "10 bytes: the addresses cut",
    "runt13": "13 bytes: the type cut",
    "vlan14": struct.pack("!H", ETH_8021Q),
    "vlan16": tag(ETH_8021Q, 10),
    "vlan17": tag(ETH_8021Q, 10) + b"\x08",
    "vlan19": tag(ETH_8021Q, 10) + struct.pack("!HB", ETH_IP, 0x45),
    "ad16": tag(ETH_8021AD, 100),
    # Stacked tags: 802.1ad over 802.1Q, 802.1Q over 802.1Q, five and six.
    "qinq": tag(ETH_8021AD, 100) + tag(ETH_8021Q, 10) + struct.pack("!H", ETH_IP) + udp4(9, 9),
    "dot1q2": tag(ETH_8021Q, 10) + tag(ETH_8021Q, 20) + struct.pack("!H", ETH_IP) + udp4(9, 9),
    "tags5": tag(ETH_8021Q, 10) + tag(ETH_8021Q, 20) * 4 + struct.pack("!H", ETH_IP) + udp4(9, 9),
    "tags6": tag(ETH_8021Q, 10) + tag(ETH_8021Q, 20) * 5 + struct.pack("!H", ETH_IP) + udp4(9, 9),
    "ad-tags5": tag(ETH_8021AD, 100) + tag(ETH_8021Q, 20) * 4 + struct.pack("!H", ETH_IP) + dhcp_offer(),
    "ad-tags6": tag(ETH_8021AD, 100) + tag(ETH_8021Q, 20) * 5 + struct.pack("!H", ETH_IP) + udp4(9, 9),
    # Beyond a 1500-byte MTU; 1500 bytes in an 802.1ad tag, and 1504, which
    # a port that tags them makes too big (the 1500 MTU allows one tag).
    "big1519": local(1519 - 14),
    "big2000": local(2000 - 14),
    "ad-1518": tag(ETH_8021AD, 100) + local(1500),
    "ad-1522": tag(ETH_8021AD, 100) + local(1504),
    # Sources no frame may have.
    "zero-src": lambda smac, dmac: b"\0" * 6 + local(),
    "mcast-src": lambda smac, dmac: bytes([smac[0] | 1]) + smac[1:] + local(),
    # IPv4: the header cut, too short or beyond the datagram, the
    # datagram beyond the frame or shorter than its header, another
    # version; a datagram that ends before its UDP or ICMP header, which
    # follows in the frame's trailer.
    "ip4-cut": struct.pack("!H", ETH_IP) + ip4hdr()[:10],
    "ip4-ihl4": struct.pack("!H", ETH_IP) + ip4hdr(ihl=4, payload=b"\0" * 8),
    "ip4-ihl15": struct.pack("!H", ETH_IP) + ip4hdr(ihl=15, payload=b"\0" * 8),
    "ip4-ihl15-long": struct.pack("!H", ETH_IP) + ip4hdr(ihl=15, tot_len=60, payload=b"\0" * 8),
    "ip4-totlen-long": struct.pack("!H", ETH_IP) + ip4hdr(tot_len=1000, payload=b"\0" * 8),
    "ip4-totlen-short": struct.pack("!H", ETH_IP) + ip4hdr(tot_len=12, payload=b"\0" * 8),
    "ip4-ver6": struct.pack("!H", ETH_IP) + ip4hdr(version=6, payload=b"\0" * 8),
    "ip4-udp-cut": struct.pack("!H", ETH_IP) + ip4hdr(tot_len=24, payload=struct.pack("!HHHH", 67, 68, 8, 0)),
    "ip4-udp-trailer": struct.pack("!H", ETH_IP) + ip4hdr(tot_len=20, payload=dhcp_offer()[20:]),
    "ip4-icmp-trailer": struct.pack("!H", ETH_IP) + ip4hdr(proto=1, tot_len=20,
                                                           payload=struct.pack("!BBH4s", 5, 1, 0, ip4(SRC4))),
    # IPv6: the header cut, another version, the payload beyond the
    # frame, extension headers cut or beyond it, a chain of 17 (16 is
    # well-formed), no upper-layer byte at all, the UDP header cut, an NA
    # with its target cut, an RA of one byte.
    "ip6-cut": struct.pack("!H", ETH_IP6) + ip6hdr(17, udp6())[:20],
    "ip6-ver4": struct.pack("!H", ETH_IP6) + ip6hdr(17, udp6(), version=4),
    "ip6-plen-long": struct.pack("!H", ETH_IP6) + ip6hdr(17, udp6(), plen=1000),
    "ip6-hop-cut": struct.pack("!H", ETH_IP6) + ip6hdr(0, b"\x11"),
    "ip6-hop-long": struct.pack("!H", ETH_IP6) + ip6hdr(0, struct.pack("!BB", 58, 10) + b"\x01\x04" + b"\0" * 4),
    "ip6-frag-cut": struct.pack("!H", ETH_IP6) + ip6hdr(44, frag(17, 0, 1, 0x5a5a)[:4]),
    "ip6-chain16": struct.pack("!H", ETH_IP6) + ip6hdr(60, b"".join(dstopt(60 if i < 15 else 17, 8)
                                                                    for i in range(16)) + udp6()),
    "ip6-chain17": struct.pack("!H", ETH_IP6) + ip6hdr(60, b"".join(dstopt(60 if i < 16 else 17, 8)
                                                                    for i in range(17)) + udp6()),
    "ip6-empty": struct.pack("!H", ETH_IP6) + ip6hdr(58, b"", plen=0),
    "ip6-udp-cut": struct.pack("!H", ETH_IP6) + ip6hdr(17, struct.pack("!HH", 547, 546)),
    "na-cut": struct.pack("!H", ETH_IP6) + na_cut(),
    "ra-cut": struct.pack("!H", ETH_IP6) + ip6hdr(58, b"\x86"),
    # ARP: hardware and protocol address lengths that are not Ethernet's
    # and IPv4's, the sender's address cut, the header cut.
    "arp-hlen5": struct.pack("!H", ETH_ARP) + arp(hlen=5),
    "arp-plen2": struct.pack("!H", ETH_ARP) + arp(plen=2),
    "arp-cut": struct.pack("!H", ETH_ARP) + arp(cut=16),
    "arp-hdr-cut": struct.pack("!H", ETH_ARP) + arp(cut=6),
    # DHCP replies to DST_MAC that DHCP snooping must lease nothing from:
    # the lease option cut by the datagram's end, the magic cookie cut,
    # the options in the frame's trailer past the datagram, an option
    # running past the end before the lease; an IA_NA, and an IAADDR in
    # one, longer than what holds them.  Each "ok" one leases x.x.x.78.
    "ack-cut": lambda smac, dmac: smac + struct.pack("!H", ETH_IP) +
    udp4(67, 68, bootp(dmac, "192.0.2.77", ACK[:3] + ACK[3:8])),
    "ack-nocookie": lambda smac, dmac: smac + struct.pack("!H", ETH_IP) +
    udp4(67, 68, bootp(dmac, "192.0.2.77", b"", cookie=2)),
    "ack-trailer": lambda smac, dmac: smac + struct.pack("!H", ETH_IP) +
    udp4(67, 68, bootp(dmac, "192.0.2.77", b"")) + ACK,
    "ack-optlen": lambda smac, dmac: smac + struct.pack("!H", ETH_IP) +
    udp4(67, 68, bootp(dmac, "192.0.2.77", ACK[:3] + struct.pack("!BB", 12, 200) + b"vsw" + ACK[3:])),
    "ack-ok": lambda smac, dmac: smac + struct.pack("!H", ETH_IP) +
    udp4(67, 68, bootp(dmac, "192.0.2.78", ACK)),
    "reply6-ia-long": lambda smac, dmac: smac + dhcp6_reply(dmac, "2001:db8::77", ia_len=60),
    "reply6-iaaddr-long": lambda smac, dmac: smac + dhcp6_reply(dmac, "2001:db8::77", iaaddr_len=40),
    "reply6-cut": lambda smac, dmac: smac + dhcp6_reply(dmac, "2001:db8::77", cut=40),
    "reply6-ok": lambda smac, dmac: smac + dhcp6_reply(dmac, "2001:db8::78"),
}


def frame(name, smac, dmac):
    if "+q" in name:
        name, vid = name.split("+q")
        f = frame(name, smac, dmac)
        return f[:12] + struct.pack("!HH", ETH_8021Q, int(vid)) + f[12:]
    f = FRAMES[name]
    if name == "runt10":
        return (dmac + smac)[:10]
    if name == "runt13":
        return (dmac + smac + local())[:13]
    if callable(f):
        return dmac + f(smac, dmac)
    return dmac + smac + f


def pcap_frames(path):
    """The frames of a pcap file (either byte order, micro- or nanoseconds)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if len(data) < 24:
        return []
    bo = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    out, off = [], 24
    while off + 16 <= len(data):
        incl = struct.unpack(bo + "IIII", data[off:off + 16])[2]
        out.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return out


def main():
    cmd = sys.argv[1]
    if cmd == "names":
        print("\n".join(FRAMES))
        return
    where, dmac, names = sys.argv[2], mac(sys.argv[4]), sys.argv[5:]
    if cmd == "send":
        smac = mac(sys.argv[3])
        with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as s:
            s.bind((where, 0))
            for n in names:
                try:
                    s.send(frame(n, smac, dmac))
                except OSError as e:
                    print("%s: %s" % (n, e.strerror))
    elif cmd == "match":
        srcs = [mac(m) for m in sys.argv[3].split(",")]
        srcs += [bytes(6)] + [bytes([m[0] | 1]) + m[1:] for m in srcs]
        files = where.split(",")
        for path in files:
            for f in pcap_frames(path):
                if f[:len(dmac)] == dmac and f[6:12] in srcs:
                    name = next((n for n in names if frame(n, f[6:12], f[:6]) == f), "damaged:%d" % len(f))
                    print(*([path] if len(files) > 1 else []), ":".join("%02x" % b for b in f[:6]), name)
    else:
        sys.exit("badframes.py: unknown command " + cmd)


if __name__ == "__main__":
    main()
