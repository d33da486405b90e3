# ndmap -- GNU make build.
#
#   make              build/libndmap.so, build/libndmap.a, build/ndmap
#   make demo         build and run the seed example (examples/memmap_demo.c)
#   make test         unit, golden, differential and CLI tests
#   make sanitize     the whole test suite built with ASan+UBSan (build-san/)
#   make install      PREFIX=/usr/local DESTDIR= : header, libraries, ndmap.pc,
#                     the CLI and its man page
#
# BUILD selects the output directory, so sanitizer and normal objects never
# mix: `make BUILD=build-san SAN=1 test` is what `make sanitize` runs.

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PYTHON  ?= /usr/bin/python3

VERSION := $(shell sed -n 's/^\#define NDM_VERSION_STRING "\(.*\)"/\1/p' include/ndmap.h)
SOMAJOR := 0

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla
CFLAGS   ?= -O2 -g
ALLCFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) -fvisibility=hidden -fPIC -Iinclude -Isrc $(CFLAGS)
LDLIBS_LIB = -lm -pthread

ifeq ($(SAN),1)
ALLCFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LDSAN     := -fsanitize=address,undefined
endif

LIB_SRC  := $(sort $(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TOOL_SRC := $(sort $(wildcard tool/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c tests/support/*.c))
TEST_BIN := $(BUILD)/tests/ndmap-tests

GOLDEN_GZ := $(wildcard tests/golden/*.jsonl.gz)
GOLDEN    := $(GOLDEN_GZ:tests/golden/%.gz=$(BUILD)/golden/%)

.PHONY: all demo deps test unit sanitize valgrind install uninstall clean
all: $(BUILD)/libndmap.so $(BUILD)/libndmap.a $(BUILD)/ndmap

$(BUILD)/obj/%.o: src/%.c include/ndmap.h $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALLCFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests $(BUILD)/golden:
	mkdir -p $@

$(BUILD)/libndmap.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libndmap.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libndmap.so.$(SOMAJOR) $(LDSAN) -o $@ $^ $(LDLIBS_LIB)

$(BUILD)/ndmap: $(TOOL_SRC) $(BUILD)/libndmap.a include/ndmap.h $(wildcard tool/*.h)
	$(CC) $(ALLCFLAGS) -fvisibility=default -o $@ $(TOOL_SRC) $(BUILD)/libndmap.a $(LDSAN) $(LDLIBS_LIB)

$(BUILD)/memmap_demo: examples/memmap_demo.c $(BUILD)/libndmap.a include/ndmap.h
	$(CC) $(ALLCFLAGS) -o $@ $< $(BUILD)/libndmap.a $(LDSAN) $(LDLIBS_LIB)

demo: $(BUILD)/memmap_demo
	$(BUILD)/memmap_demo

# The golden cases ship compressed; tests read them from $(BUILD)/golden.
$(BUILD)/golden/%.jsonl: tests/golden/%.jsonl.gz | $(BUILD)/golden
	gzip -dc $< > $@

# Unit tests link the static library so internal (ndm__) functions are
# reachable from tests; the library itself exports only ndm_ names.
$(TEST_BIN): $(TEST_SRC) $(wildcard tests/support/*.h) $(BUILD)/libndmap.a | $(BUILD)/tests
	$(CC) $(ALLCFLAGS) -fvisibility=default -Itests/support -o $@ $(TEST_SRC) \
	    $(BUILD)/libndmap.a $(LDSAN) -lcriterion $(LDLIBS_LIB)

# Environment for the test binary: where the golden files and the CLI are.
TEST_ENV = NDM_GOLDEN_DIR=$(abspath $(BUILD)/golden) NDM_CLI=$(abspath $(BUILD)/ndmap) \
           NDM_PYTHON=$(PYTHON) NDM_ROOT=$(CURDIR)

# Installs the Debian packages the tests need, only if one is missing.
deps:
	@scripts/install-deps

unit: all $(TEST_BIN) $(GOLDEN)
	$(TEST_ENV) $(TEST_BIN) $(TESTFLAGS)

test: deps
	$(MAKE) unit

sanitize: deps
	$(MAKE) BUILD=build-san SAN=1 CFLAGS="-O1 -g" unit

# Every test in its own process under memcheck; fails on any error or
# definite leak.
valgrind: deps all $(TEST_BIN) $(GOLDEN)
	$(TEST_ENV) valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	    --trace-children=yes $(TEST_BIN) --jobs=2 $(TESTFLAGS)

install: all
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 include/ndmap.h $(DESTDIR)$(PREFIX)/include/ndmap.h
	install -m 644 $(BUILD)/libndmap.a $(DESTDIR)$(PREFIX)/lib/libndmap.a
	install -m 755 $(BUILD)/libndmap.so $(DESTDIR)$(PREFIX)/lib/libndmap.so.$(VERSION)
	ln -sf libndmap.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libndmap.so.$(SOMAJOR)
	ln -sf libndmap.so.$(SOMAJOR) $(DESTDIR)$(PREFIX)/lib/libndmap.so
	install -m 755 $(BUILD)/ndmap $(DESTDIR)$(PREFIX)/bin/ndmap
	if [ -f doc/ndmap.1 ]; then install -m 644 doc/ndmap.1 $(DESTDIR)$(PREFIX)/share/man/man1/ndmap.1; fi
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' ndmap.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/ndmap.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/ndmap.h $(DESTDIR)$(PREFIX)/lib/libndmap.a \
	    $(DESTDIR)$(PREFIX)/lib/libndmap.so* $(DESTDIR)$(PREFIX)/lib/pkgconfig/ndmap.pc \
	    $(DESTDIR)$(PREFIX)/bin/ndmap $(DESTDIR)$(PREFIX)/share/man/man1/ndmap.1

clean:
	rm -rf build build-san

# ---- Benchmarks --------------------------------------------------------------
#   make bench         the full suite (docs/benchmarks.md): ndmap against numpy in
#                      the same run, plus hardware references; ~10 minutes, needs
#                      ~2 GiB of free disk in $(BUILD)/bench. BENCH_SCALE=0.25
#                      shrinks it; BENCH_ARGS="--only reduce" picks workloads.
#   make bench-smoke   everything at a tiny scale, in well under a minute; for CI
#                      (timings are printed, never asserted).
# The C worker links the static library; the numpy side runs in $(PYTHON).
BENCH_BIN   := $(BUILD)/bench/ndbench
BENCH_SCALE ?= 1
BENCH_REPS  ?= 7
BENCH_ARGS  ?=

.PHONY: bench bench-smoke

$(BUILD)/bench:
	mkdir -p $@

# ndm_repr comes with the printer, ndm_take with bench/proposals/take.patch;
# workloads whose function is missing report n/a.
BENCH_HAVE = $$(nm $(BUILD)/libndmap.a 2>/dev/null | grep -q ' T ndm_repr$$' && echo -DNDM_BENCH_HAVE_REPR) \
             $$(nm $(BUILD)/libndmap.a 2>/dev/null | grep -q ' T ndm_take$$' && echo -DNDM_BENCH_HAVE_TAKE)
$(BENCH_BIN): bench/ndbench.c $(BUILD)/libndmap.a include/ndmap.h | $(BUILD)/bench
	$(CC) $(ALLCFLAGS) -fvisibility=default $(BENCH_HAVE) \
	    -o $@ bench/ndbench.c $(BUILD)/libndmap.a $(LDSAN) $(LDLIBS_LIB)

bench: deps $(BENCH_BIN)
	$(PYTHON) bench/run.py --bin $(BENCH_BIN) --python $(PYTHON) --scale $(BENCH_SCALE) \
	    --reps $(BENCH_REPS) --dir $(BUILD)/bench --out $(BUILD)/bench/results.md \
	    --json $(BUILD)/bench/results.json $(BENCH_ARGS)

bench-smoke: deps $(BENCH_BIN)
	$(PYTHON) bench/run.py --bin $(BENCH_BIN) --python $(PYTHON) --scale 0.002 --reps 3 \
	    --dir $(BUILD)/bench-smoke --out $(BUILD)/bench-smoke/results.md $(BENCH_ARGS)
