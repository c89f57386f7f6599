#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) a User-Mode Linux kernel from Debian's linux-source-6.12 with a
# config fragment merged over the UML defconfig, and print its build directory.
# The source gets the fixes in uml-patches/ (each says why).  The build is
# cached outside the checkout, keyed by the fragment, the patches and the
# source package version, so a changed config gets a fresh tree.
#
# usage: build-uml.sh FRAGMENT
set -euo pipefail

frag=$(realpath "$1")
cache=${VSW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vsw}
tarball=/usr/src/linux-source-6.12.tar.xz
jobs=$(nproc)

[[ -f $tarball ]] || { echo "build-uml: $tarball missing (apt-get install linux-source-6.12)" >&2; exit 1; }
patches=("$(dirname "$(realpath "$0")")"/uml-patches/*.patch)
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
pkey=$(cat "${patches[@]}" | sha256sum | cut -c1-8)
key=$( { cat "$frag"; echo "$srcver-$pkey"; } | sha256sum | cut -c1-16)
src=$cache/linux-source-$srcver-$pkey
out=$cache/uml-$(basename "$frag" .config)-$key

if [[ -f $out/.vsw-built ]]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
if [[ ! -f $src/.vsw-extracted ]]; then
	echo "build-uml: extracting $tarball" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -C "$src.tmp" --strip-components=1 -xf "$tarball"
	for p in "${patches[@]}"; do
		patch -d "$src.tmp" -p1 --quiet < "$p"
	done
	touch "$src.tmp/.vsw-extracted"
	mv "$src.tmp" "$src"
fi

echo "build-uml: building $out (about 5 min on 2 cores)" >&2
rm -rf "$out"
mkdir -p "$out"
{
	make -C "$src" ARCH=um O="$out" defconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$frag"
	make -C "$src" ARCH=um O="$out" olddefconfig
	# Every option the fragment sets must have survived olddefconfig.
	grep -E '^CONFIG_[A-Z0-9_]+=' "$frag" | while read -r line; do
		grep -qxF "$line" "$out/.config" || { echo "build-uml: $line did not stick"; exit 1; }
	done
	make -C "$src" ARCH=um O="$out" -j"$jobs" all
} > "$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; echo "build-uml: failed, see $out/build.log" >&2; exit 1; }
touch "$out/.vsw-built"
echo "$out"
