# edgecheck: build, test, demo, install. Every target installs what it is missing first.
SWIFT   ?= swift
PREFIX  ?= /usr/local
RELEASE := .build/release/edgecheck
DEBUG   := .build/debug/edgecheck

.PHONY: all deps build release test demo install bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in, symbols stripped: about 50 shared libraries fewer to
# bind at start-up, which halves `edgecheck --version` (13 ms to 8 ms; curl --version takes 6 ms).
# Linked by the toolchain's lld with packed relative relocations (DT_RELR, glibc 2.36 and later):
# the 78,000 relocations of the static runtime then cost the loader a fraction of a millisecond.
RELEASE_FLAGS ?= --static-swift-stdlib -Xlinker -s -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld \
	-Xlinker -z -Xlinker pack-relative-relocs

# libstdc++ (the runtime's and ICU's C++) linked in too, when its archive is installed (Debian's
# libstdc++-12-dev, which the Swift toolchain needs anyway): the loader then neither maps it nor
# binds its 4,300 symbol relocations at every start, and libcurl's thirty libraries, loaded later,
# no longer have its symbol table to search (one probe from 1.20 to 1.13 times curl's time,
# `--version` 0.4 ms less CPU). The toolchain links with -lstdc++; a folder holding only the
# archive, searched first, makes the linker take it. Without the archive, libstdc++.so as before.
STATIC_CXX_ARCHIVE := $(firstword $(filter /%,$(shell clang -print-file-name=libstdc++.a 2>/dev/null) \
	$(shell cc -print-file-name=libstdc++.a 2>/dev/null)))
STATIC_CXX_DIR := $(CURDIR)/.build/static-libstdc++

# Only the edgecheck product: a release build of every target would also build the test-support
# target, which the release binary does not need.
release: deps
ifneq ($(STATIC_CXX_ARCHIVE),)
	@mkdir -p $(STATIC_CXX_DIR) && ln -sf $(STATIC_CXX_ARCHIVE) $(STATIC_CXX_DIR)/libstdc++.a
	$(SWIFT) build -c release --product edgecheck $(RELEASE_FLAGS) -Xlinker -L$(STATIC_CXX_DIR)
else
	$(SWIFT) build -c release --product edgecheck $(RELEASE_FLAGS)
endif

# Unit tests and the lab integration tests (the tests bring the lab up and down themselves).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Build, start the lab, run the lab suite, show the table, stop the lab (also on failure or Ctrl-C).
demo: release
	lab/demo $(RELEASE)

# Shell completions come from swift-argument-parser's generator, so they always match the binary.
COMPLETIONS := $(DESTDIR)$(PREFIX)/share/bash-completion/completions/edgecheck \
	$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_edgecheck \
	$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/edgecheck.fish

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5
	install -m 0755 $(RELEASE) $(DESTDIR)$(PREFIX)/bin/edgecheck
	install -m 0644 man/edgecheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/edgecheck.1
	install -m 0644 man/edgecheck.yaml.5 $(DESTDIR)$(PREFIX)/share/man/man5/edgecheck.yaml.5
	install -d $(foreach file,$(COMPLETIONS),$(dir $(file)))
	$(RELEASE) --generate-completion-script bash > $(word 1,$(COMPLETIONS))
	$(RELEASE) --generate-completion-script zsh > $(word 2,$(COMPLETIONS))
	$(RELEASE) --generate-completion-script fish > $(word 3,$(COMPLETIONS))

bench: release
	bench/run

clean:
	rm -rf .build
	-lab/down
