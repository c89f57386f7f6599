#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Name the host perf samples of a UML run:
profile.py PERF.data UML_PID MODULE TEXT_ADDR VSW.ko FLOOR.ko

UML's kernel (and its kernel threads) is the host process UML_PID; its own
code resolves through the `linux` binary, a module's through the .ko's
symbols from the .text address the module had (MODULE is vsw, vsw_floor or
-).  UML's user processes (vswctl, a monitor) are other host processes.
Prints each process's share of UML's samples and the kernel's top symbols.
"""
import bisect
import collections
import subprocess
import sys

TOP = int(__import__("os").environ.get("TOP", 25))


def text_symbols(ko):
    out = subprocess.run(["nm", "-n", ko], capture_output=True, text=True).stdout
    syms = [(int(a, 16), n) for a, t, n in (l.split() for l in out.splitlines() if len(l.split()) == 3)
            if t in "tT"]
    return [a for a, _ in syms], [n for _, n in syms]


def main():
    data, uml, mod, text = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4], 16)
    kos = {"vsw": sys.argv[5], "vsw_floor": sys.argv[6]}
    addrs, names = text_symbols(kos[mod]) if mod in kos else ([], [])
    end = text + (addrs[-1] + 4096 if addrs else 0)
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,pid,ip,sym,dso"],
                         capture_output=True, text=True).stdout
    kernel, procs = collections.Counter(), collections.Counter()
    for line in out.splitlines():
        f = line.split(None, 3)
        # UML's processes all carry the command name of its binary.
        if len(f) < 4 or f[0] != "linux":
            continue
        pid, ip, rest = f[1], int(f[2], 16), f[3]
        if pid != uml:
            procs[f"process {pid}"] += 1
            continue
        procs["kernel"] += 1
        if text <= ip < end:
            i = bisect.bisect_right(addrs, ip - text) - 1
            kernel[f"{mod}:{names[i]}" if i >= 0 else mod] += 1
        elif "[kernel.kallsyms]" in rest:
            kernel["(host kernel: UML's syscalls, signals, faults)"] += 1
        else:
            kernel[rest.split(" (")[0].strip()] += 1
    total = sum(procs.values())
    if not total:
        print("no samples")
        return
    print(f"{total} samples of UML: kernel {procs['kernel'] / total:.1%}" +
          "".join(f", {p} {c / total:.1%}" for p, c in procs.most_common()
                  if p != "kernel" and c / total >= 0.005))
    for name, c in kernel.most_common(TOP):
        print(f"  {c / total:6.1%}  {name}")


if __name__ == "__main__":
    main()
