# SPDX-License-Identifier: GPL-2.0
#
#   make                      vsw.ko for the running kernel, and vswctl
#   make modules KDIR=DIR [ARCH=um]   the module(s) against any kernel tree
#   make vswctl               the CLI alone
#   make check                everything, tested in UML and qemu (see README)
#   make stress               the reliability tests' long variants, in UML and qemu
#   make demo                 the story of the switch, in a UML VM
#   make bench                vsw against the bridge and the floor (pktgen)
#   make profile S=4 [K=vsw]  perf samples of one bench scenario's runs
#   make gen [KSRC=DIR]       the netlink code and uapi enums from the YAML spec
#   make install [KVER=VER] [PREFIX=/usr/local] [DESTDIR=DIR]
#                             vsw.ko (kmod/vsw.ko, or KO=FILE, built for KVER)
#                             into /lib/modules/KVER/updates, then depmod
#                             (not with DESTDIR); vswctl, its man page and
#                             completion, vsw.service, vsw-ifup/vsw-ifdown
#                             (make install-tools: all but the module)
#   make uninstall            the same files away (/etc/vsw/vsw.conf stays)
#   make dkms-install [KVER=VER]   the module's sources to /usr/src/vsw-VERSION,
#                             built and installed for KVER by DKMS
#   make dkms-uninstall       vsw out of DKMS, every version and kernel
# KVER is the running kernel unless given; KDIR follows it.
KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build

# vswctl first: it needs no kernel tree.
all: vswctl modules

modules:
	@test -d $(KDIR) || { echo "vsw: no kernel build tree at $(KDIR):" \
		"install the running kernel's headers, or make modules KDIR=DIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(if $(ARCH),ARCH=$(ARCH)) modules

vswctl:
	$(MAKE) -C tools/vswctl

check:
	selftests/rig/check.sh

stress:
	selftests/rig/stress.sh

demo: vswctl
	selftests/rig/demo.sh

bench:
	selftests/rig/bench.sh

S ?= 1
K ?= vsw
profile:
	selftests/rig/profile.sh $(S) $(K)

# The kernel source whose tools/net/ynl generates them: the rig's UML tree.
KSRC ?= $(firstword $(wildcard $(HOME)/.cache/vsw/linux-source-6.12*))
gen:
	kmod/gen.sh $(KSRC)

checkpatch:
	$(firstword $(wildcard /root/.cache/vsw/linux-source-*/scripts/checkpatch.pl) checkpatch.pl) \
		--no-tree --strict --show-types -f kmod/*.c kmod/*.h uapi/linux/*.h

clean:
	$(MAKE) -C tools/vswctl clean
	rm -rf build selftests/lib/nlseq.so
	find kmod -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' | xargs rm -f
	rm -f Module.symvers modules.order kmod/modules.order .module-common.o

# Installed as a distribution would, under PREFIX; the unit where systemd
# looks (/usr/local/lib/systemd/system is on its path); the ifup scripts in
# libexec, with links at /etc/vsw/, a path that does not depend on PREFIX
# for qemu command lines and libvirt XML (and that an administrator may
# point at a script of their own: install leaves a file there alone).
PREFIX ?= /usr/local
UNITDIR ?= $(PREFIX)/lib/systemd/system
KO ?= kmod/vsw.ko
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' $(CURDIR)/dkms.conf)
libexec = $(PREFIX)/libexec/vsw
ifscripts = vsw-ifup vsw-ifdown
# Not in a staging tree: a package's postinst runs depmod and systemctl.
on_host = test -n "$(DESTDIR)" ||
systemd_reload = $(on_host) { test ! -d /run/systemd/system || systemctl daemon-reload; }

install: install-module install-tools

# A module built for another kernel would be refused at load time: refuse
# it now, with the way out.
install-module:
	@test -f $(KO) || { echo "vsw: no $(KO): make modules first" \
		"(KDIR=/lib/modules/$(KVER)/build)" >&2; exit 1; }
	@vermagic=$$(modinfo -F vermagic $(KO)) && case "$$vermagic" in "$(KVER) "*) ;; \
	*) echo "vsw: $(KO) is built for $${vermagic%% *}, not $(KVER):" \
		"make modules KDIR=/lib/modules/$(KVER)/build, or set KVER" >&2; exit 1;; esac
	install -D -m 644 $(KO) $(DESTDIR)/lib/modules/$(KVER)/updates/vsw.ko
	$(on_host) depmod -a $(KVER)
	@$(on_host) test -z "$$(ls /lib/modules/$(KVER)/updates/dkms/vsw.ko* 2> /dev/null)" || \
		echo "vsw: DKMS's vsw is installed for $(KVER) too: make dkms-uninstall" >&2

install-tools:
	$(MAKE) -C tools/vswctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(libexec) $(DESTDIR)/etc/vsw
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' tools/vsw.service.in > $(DESTDIR)$(UNITDIR)/vsw.service
	chmod 644 $(DESTDIR)$(UNITDIR)/vsw.service
	install -m 755 $(addprefix tools/,$(ifscripts)) $(DESTDIR)$(libexec)/
	@for f in $(ifscripts); do \
		link=$(DESTDIR)/etc/vsw/$$f; \
		if [ -L $$link ] || [ ! -e $$link ]; then \
			echo "ln -sfn $(libexec)/$$f $$link"; ln -sfn $(libexec)/$$f $$link; \
		else \
			echo "vsw: $$link is a file of its own: left alone" >&2; \
		fi; \
	done
	$(systemd_reload)

uninstall:
	$(on_host) { ! command -v systemctl > /dev/null || systemctl disable --quiet vsw.service 2> /dev/null || true; }
	rm -f $(DESTDIR)/lib/modules/$(KVER)/updates/vsw.ko
	$(on_host) depmod -a $(KVER)
	rm -f $(DESTDIR)$(PREFIX)/sbin/vswctl $(DESTDIR)$(PREFIX)/share/man/man8/vswctl.8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/vswctl \
		$(DESTDIR)$(UNITDIR)/vsw.service $(addprefix $(DESTDIR)$(libexec)/,$(ifscripts))
	@for f in $(ifscripts); do \
		link=$(DESTDIR)/etc/vsw/$$f; \
		if [ "$$(readlink $$link)" = $(libexec)/$$f ]; then echo "rm -f $$link"; rm -f $$link; fi; \
	done
	rmdir $(DESTDIR)$(libexec) $(DESTDIR)/etc/vsw 2> /dev/null || true
	$(systemd_reload)

# What DKMS builds from: the module's sources, without a build's leftovers.
dkms_files = Kbuild dkms.conf kmod/Kbuild $(filter-out %.mod.c,$(wildcard kmod/*.c)) \
	$(wildcard kmod/*.h uapi/linux/*.h)
# The versions of vsw in DKMS's tree (without 3.0's readelf warnings).
dkms_versions = dkms status -m vsw 2> /dev/null | sed -n 's|^vsw/\([^,:]*\)[,:].*|\1|p' | sort -u

# One vsw in DKMS at a time: another version, or this one from other
# sources (a checkout moved on), is removed, with its builds for every
# kernel, before this one is added; the same sources are kept, so that a
# second kernel only adds its build.
dkms-install:
	@command -v dkms > /dev/null || { echo "vsw: dkms-install needs dkms (apt-get install dkms)" >&2; exit 1; }
	@set -e; src=/usr/src/vsw-$(VERSION); \
	same() { for f in $(dkms_files); do cmp -s $$f $$src/$$f || return 1; done; }; \
	for v in $$($(dkms_versions)); do \
		if [ $$v != "$(VERSION)" ] || ! same; then \
			echo "dkms remove vsw/$$v --all"; dkms remove vsw/$$v --all; rm -rf /usr/src/vsw-$$v; \
		fi; \
	done; \
	if [ -z "$$(dkms status -m vsw -v $(VERSION) 2> /dev/null)" ]; then \
		rm -rf $$src; mkdir -p $$src; cp --parents $(dkms_files) $$src/; \
		dkms add vsw/$(VERSION); \
	fi
	dkms install vsw/$(VERSION) -k $(KVER)
	@test ! -e /lib/modules/$(KVER)/updates/vsw.ko || echo "vsw: make install's" \
		"/lib/modules/$(KVER)/updates/vsw.ko is there too: make uninstall KVER=$(KVER)" >&2

dkms-uninstall:
	@command -v dkms > /dev/null || { echo "vsw: dkms-uninstall needs dkms" >&2; exit 1; }
	@set -e; for v in $$($(dkms_versions)); do \
		echo "dkms remove vsw/$$v --all"; dkms remove vsw/$$v --all; rm -rf /usr/src/vsw-$$v; \
	done

.PHONY: all modules vswctl check stress demo bench profile gen checkpatch clean install \
	install-module install-tools uninstall dkms-install dkms-uninstall
