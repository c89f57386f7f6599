#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages that building and testing vsw use, if missing.
# The stock cloud kernels for the qemu runs (Debian 12's 6.1 and
# 6.12) are unpacked, not installed.
# Arguments name more packages (make profile: linux-perf).
set -euo pipefail
pkgs=(build-essential pkg-config libmnl-dev linux-source-6.12 bc flex bison patch
      libelf-dev libssl-dev rsync kmod iproute2 iputils-ping tcpdump python3
      python3-yaml python3-jsonschema busybox-static cpio qemu-system-x86 file
      xz-utils procps ethtool dnsmasq-base iperf3 dkms
      linux-headers-6.12-cloud-amd64 linux-headers-cloud-amd64 "$@")
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "install-deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
