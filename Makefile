# LanPigeon developer entry points. Every target installs what is missing first (Debian, apt).
BUILD        ?= build
BUILD_TYPE   ?= RelWithDebInfo
JOBS         ?= $(shell nproc)
FUZZ_SECONDS ?= 60
SHELL        := /bin/bash
CMAKE        ?= cmake

.PHONY: all deps configure build run package test test-core test-gui test-interop test-system screenshots nogui fuzz sanitize bench format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	$(CMAKE) -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD)/build.ninja

build: configure
	$(CMAKE) --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/app/lanpigeon

# The .deb (CPack), in $(BUILD)/package.
package: build
	cd $(BUILD) && cpack -G DEB

# Everything: unit and CLI tests, iptux interop, network namespaces, the GUI=OFF build, a short fuzz run.
test: build nogui
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=15
	cd $(BUILD) && ctest --output-on-failure

test-core: build
	cd $(BUILD) && ctest --output-on-failure -L core

test-gui: build
	cd $(BUILD) && ctest --output-on-failure -L gui

# The real window under Xvfb, driven with xdotool; saves the README's screenshots.
screenshots: build
	tests/gui/screenshots_xvfb.sh $(BUILD)/app/lanpigeon $(BUILD)/app/lanpigeon-cli docs/screenshots en
	tests/gui/screenshots_xvfb.sh $(BUILD)/app/lanpigeon $(BUILD)/app/lanpigeon-cli docs/screenshots zh_CN
	tests/gui/screenshots_xvfb.sh $(BUILD)/app/lanpigeon $(BUILD)/app/lanpigeon-cli docs/screenshots en dark
	tests/gui/transfers_xvfb.sh $(BUILD)/app/lanpigeon $(BUILD)/app/lanpigeon-cli docs/screenshots

test-interop: build
	cd $(BUILD) && ctest --output-on-failure -L interop

test-system: build
	cd $(BUILD) && ctest --output-on-failure -L system

# Proves the core, the CLI and the core tests need no Qt GUI module.
nogui: deps
	$(CMAKE) -S . -B $(BUILD)-nogui -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DLANPIGEON_GUI=OFF
	$(CMAKE) --build $(BUILD)-nogui -j $(JOBS)
	@if ldd $(BUILD)-nogui/app/lanpigeon-cli | grep -E 'libQt6(Gui|Widgets)'; then \
	    echo "lanpigeon-cli links a Qt GUI module" >&2; exit 1; fi
	@echo "GUI=OFF build: core, CLI and core tests link Qt Core/Network/Sql only"

fuzz: deps
	CC=clang CXX=clang++ $(CMAKE) -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DLANPIGEON_FUZZ=ON -DLANPIGEON_GUI=OFF -DLANPIGEON_TESTS=OFF
	$(CMAKE) --build $(BUILD)-fuzz -j $(JOBS) --target fuzz_ipmsg_packet fuzz_dirstream fuzz_tftp_packet \
	    fuzz_picture fuzz_encrypted_body fuzz_room fuzz_hostlist
	@for t in ipmsg_packet:ipmsg dirstream:dirstream tftp_packet:tftp picture:picture \
	    encrypted_body:crypto room:room hostlist:hostlist; do \
	    target=$${t%%:*}; corpus=$${t##*:}; mkdir -p $(BUILD)-fuzz/corpus/$$corpus; \
	    echo "fuzz_$$target for $(FUZZ_SECONDS) s"; \
	    $(BUILD)-fuzz/tests/fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        -print_final_stats=1 $(BUILD)-fuzz/corpus/$$corpus tests/fuzz/corpus/$$corpus 2>&1 | \
	        grep -E "^(stat::number_of_executed_units|stat::new_units_added|==|SUMMARY)|ERROR|Done" || exit 1; \
	    test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	$(CMAKE) -S . -B $(BUILD)-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLANPIGEON_SANITIZE=ON
	$(CMAKE) --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ctest --output-on-failure

# Figures and ratios against references measured in the same run; asserts nothing.
BENCH_MIB ?= 1024
bench: build
	@bench/run.sh $(BUILD) $(BENCH_MIB) 100

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD)-nogui $(BUILD)-fuzz $(BUILD)-asan
