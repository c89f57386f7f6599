# SPDX-License-Identifier: GPL-2.0
#
#   make                      vsw.ko for the running kernel, and vswctl
#   make modules KDIR=DIR [ARCH=um]   the module(s) against any kernel tree
#   make vswctl               the CLI alone
#   make check                everything, tested in UML and qemu (see README)
#   make demo                 the story of the switch, in a UML VM
#   make bench                vsw against the bridge and the floor (pktgen)
#   make profile S=4 [K=vsw]  perf samples of one bench scenario's runs
#   make gen [KSRC=DIR]       the netlink code and uapi enums from the YAML spec
KDIR ?= /lib/modules/$(shell uname -r)/build

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

.PHONY: all modules vswctl check demo bench profile gen checkpatch clean
