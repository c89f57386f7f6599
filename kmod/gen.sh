#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Generate the netlink policies and op table (kmod/netlink-gen.[ch]) and the
# uapi enums (uapi/linux/vsw_genl.h) from Documentation/netlink/specs/vsw.yaml
# with the kernel's own ynl-gen-c.py, as netdev, dpll and handshake do.
# With --check, generate into a temporary directory and fail if a committed
# file differs (make check runs that).
#
# ynl-gen-c.py wants the spec inside a kernel tree: it finds the tree by its
# MAINTAINERS file and the schema at Documentation/netlink/genetlink-c.yaml.
# A scratch tree of the three gives it that.  Two things 6.12's schema
# cannot say are added to its output: vsw's ops are for the netns's own
# admin (its schema knows only admin-perm, GENL_ADMIN_PERM: CAP_NET_ADMIN
# over the initial user namespace), so they get GENL_UNS_ADMIN_PERM; and the
# events group needs CAP_NET_ADMIN too (GENL_MCAST_CAP_NET_ADMIN), so its
# array is exported for netlink.c's family, which compat.h's 6.1 needs to
# build itself.
#
# usage: gen.sh KERNEL_SOURCE [--check]
set -euo pipefail
ksrc=$1
check=${2:-}
root=$(realpath "$(dirname "$0")/..")
gen=$ksrc/tools/net/ynl/ynl-gen-c.py
[[ -f $gen ]] || gen=$ksrc/tools/net/ynl/pyynl/ynl_gen_c.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/tree/Documentation/netlink/specs" "$tmp/out/kmod" "$tmp/out/uapi/linux"
touch "$tmp/tree/MAINTAINERS"
cp "$ksrc/Documentation/netlink/genetlink-c.yaml" "$tmp/tree/Documentation/netlink/"
cp "$root/Documentation/netlink/specs/vsw.yaml" "$tmp/tree/Documentation/netlink/specs/"
spec=$tmp/tree/Documentation/netlink/specs/vsw.yaml

python3 "$gen" --mode uapi --header --spec "$spec" -o "$tmp/out/uapi/linux/vsw_genl.h" > /dev/null
python3 "$gen" --mode kernel --header --spec "$spec" -o "$tmp/out/kmod/netlink-gen.h" > /dev/null
python3 "$gen" --mode kernel --source --spec "$spec" -o "$tmp/out/kmod/netlink-gen.c" > /dev/null
sed -i -e 's/GENL_ADMIN_PERM/GENL_UNS_ADMIN_PERM/' \
	-e 's/^static \(const struct genl_multicast_group vsw_nl_mcgrps\)\[\]/\1[VSW_NLGRP_EVENTS + 1]/' \
	-e 's/{ "events", }/{ "events", .flags = GENL_MCAST_CAP_NET_ADMIN, }/' \
	"$tmp/out/kmod/netlink-gen.c"
sed -i 's/^#endif \/\* _LINUX_VSW_GEN_H \*\//extern const struct genl_multicast_group vsw_nl_mcgrps[VSW_NLGRP_EVENTS + 1];\n\n&/' \
	"$tmp/out/kmod/netlink-gen.h"

stale=0
for f in uapi/linux/vsw_genl.h kmod/netlink-gen.h kmod/netlink-gen.c; do
	if [[ $check == --check ]]; then
		if ! cmp -s "$tmp/out/$f" "$root/$f"; then
			echo "gen.sh: $f is stale: run kmod/gen.sh KERNEL_SOURCE" >&2
			diff -u "$root/$f" "$tmp/out/$f" >&2 || true
			stale=1
		fi
	else
		cp "$tmp/out/$f" "$root/$f"
	fi
done
exit $stale
