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
# Tests that expect SIGSEGV/SIGBUS (writes through read-only mappings) need
# the signal delivered, not turned into an ASan report.
SANENV    := ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:detect_leaks=1:abort_on_error=0 \
             LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
endif

LIB_SRC  := $(sort $(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
TOOL_SRC := $(sort $(wildcard tool/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c tests/support/*.c))
TEST_BIN := $(BUILD)/tests/ndmap-tests

GOLDEN_GZ := $(wildcard tests/golden/*.jsonl.gz)
GOLDEN    := $(GOLDEN_GZ:tests/golden/%.gz=$(BUILD)/golden/%)

.PHONY: all demo deps test unit sanitize valgrind install uninstall clean
all: $(BUILD)/libndmap.so $(BUILD)/libndmap.a $(if $(TOOL_SRC),$(BUILD)/ndmap)

$(BUILD)/obj/%.o: src/%.c include/ndmap.h $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(ALLCFLAGS) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests $(BUILD)/golden:
	mkdir -p $@

$(BUILD)/libndmap.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libndmap.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-z,defs -Wl,-soname,libndmap.so.$(SOMAJOR) $(LDSAN) -o $@ $^ $(LDLIBS_LIB)

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
$(TEST_BIN): $(TEST_SRC) $(wildcard tests/support/*.h) $(BUILD)/libndmap.a $(BUILD)/tests/fmt_float_bignum.o \
             | $(BUILD)/tests
	$(CC) $(ALLCFLAGS) -fvisibility=default -Itests/support -o $@ $(TEST_SRC) \
	    $(BUILD)/tests/fmt_float_bignum.o $(BUILD)/libndmap.a $(LDSAN) -lcriterion $(LDLIBS_LIB)

# The float formatter with its 128-bit fast path compiled out, under other
# names: tests/test_fmt_float.c checks that both paths print the same text.
$(BUILD)/tests/fmt_float_bignum.o: src/fmt_float.c src/fmt_float.h | $(BUILD)/tests
	$(CC) $(ALLCFLAGS) -DNDM_FMT_BIGNUM_ONLY -Dndm__format_positional=ndm__bignum_format_positional \
	    -Dndm__format_scientific=ndm__bignum_format_scientific -Dndm__half_to_float=ndm__bignum_h2f \
	    -Dndm__half_to_double=ndm__bignum_h2d -Dndm__double_to_half=ndm__bignum_d2h \
	    -Dndm__float_to_half=ndm__bignum_f2h -c $< -o $@

# Environment for the test binary: where the golden files and the CLI are.
TEST_ENV = $(SANENV) NDM_GOLDEN_DIR=$(abspath $(BUILD)/golden) NDM_CLI=$(abspath $(BUILD)/ndmap) \
           NDM_PYTHON=$(PYTHON) NDM_ROOT=$(CURDIR)

# Installs the Debian packages the tests need, only if one is missing.
deps:
	@scripts/install-deps

unit: all $(TEST_BIN) $(GOLDEN) fuzz-replay
	$(TEST_ENV) $(TEST_BIN) $(TESTFLAGS)

test: deps
	$(MAKE) unit

# Criterion runs each test in a child process, whose sanitizer reports do not
# change the test's verdict; so the log is also searched for any report.
sanitize: deps
	@mkdir -p build-san
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 CFLAGS="-O1 -g" unit > build-san/sanitize.log 2>&1; \
	rc=$$?; cat build-san/sanitize.log; \
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' build-san/sanitize.log; then \
	    echo "sanitize: sanitizer reports in build-san/sanitize.log" >&2; exit 1; fi; \
	exit $$rc

# Every test in its own process under memcheck; fails on any error or
# definite leak.
valgrind: deps all $(TEST_BIN) $(GOLDEN)
	$(TEST_ENV) valgrind -q --vgdb=no --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite --show-possibly-lost=no \
	    --trace-children=yes --trace-children-skip='*python*,*/sh,*/bash' $(TEST_BIN) --jobs=2 $(TESTFLAGS)

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

# ---- Fuzzing ---------------------------------------------------------------
#   make fuzz [FUZZ_TIME=600]       libFuzzer (clang) on the .npy header parser,
#                                   seeded from fuzz/corpus/npy_header
#   make fuzz-text [FUZZ_TIME=600]  the other text parsers (index expressions,
#                                   dtypes, modes, scalar literals), seeded from
#                                   fuzz/corpus/text; new inputs go to
#                                   $(BUILD)/fuzz/corpus-*
#   make fuzz-replay                the saved corpora (and tests/npy_corpus)
#                                   through the same entry points, without
#                                   libFuzzer: part of make test
FUZZ_TIME ?= 600
FUZZ_CC   ?= clang
FUZZ_LIB  := src/npy_header.c src/pytext.c src/error.c src/dtype.c
FUZZ_DEPS := fuzz/fuzz_npy_header.c $(FUZZ_LIB) include/ndmap.h $(wildcard src/*.h)
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -Iinclude -Isrc \
              -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

.PHONY: fuzz fuzz-text fuzz-replay
$(BUILD)/fuzz:
	mkdir -p $@

$(BUILD)/fuzz/fuzz_npy_header: $(FUZZ_DEPS) | $(BUILD)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ fuzz/fuzz_npy_header.c $(FUZZ_LIB) -lm -pthread

$(BUILD)/fuzz/fuzz_text: fuzz/fuzz_text.c $(LIB_SRC) include/ndmap.h $(wildcard src/*.h) | $(BUILD)/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ fuzz/fuzz_text.c $(LIB_SRC) -lm -pthread

$(BUILD)/fuzz/replay: fuzz/replay.c $(FUZZ_DEPS) | $(BUILD)/fuzz
	$(CC) $(ALLCFLAGS) -o $@ fuzz/replay.c fuzz/fuzz_npy_header.c $(FUZZ_LIB) $(LDSAN) -lm -pthread

$(BUILD)/fuzz/replay_text: fuzz/replay.c fuzz/fuzz_text.c $(BUILD)/libndmap.a | $(BUILD)/fuzz
	$(CC) $(ALLCFLAGS) -o $@ fuzz/replay.c fuzz/fuzz_text.c $(BUILD)/libndmap.a $(LDSAN) -lm -pthread

fuzz: $(BUILD)/fuzz/fuzz_npy_header
	mkdir -p $(BUILD)/fuzz/corpus-npy
	$< -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
	    $(BUILD)/fuzz/corpus-npy fuzz/corpus/npy_header

fuzz-text: $(BUILD)/fuzz/fuzz_text
	mkdir -p $(BUILD)/fuzz/corpus-text
	$< -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 -max_len=512 \
	    $(BUILD)/fuzz/corpus-text fuzz/corpus/text

fuzz-replay: $(BUILD)/fuzz/replay $(BUILD)/fuzz/replay_text
	$(BUILD)/fuzz/replay fuzz/corpus/npy_header tests/npy_corpus
	$(BUILD)/fuzz/replay_text fuzz/corpus/text

# ---- Differential tests of the core against numpy (tests/test_core_diff.c) ----
# The committed scenarios are unpacked like the golden files. Fresh scenarios
# are generated with numpy into $(BUILD)/oracle before the tests run (not by
# the test binary, so that Python never runs under valgrind). Without numpy
# 1.24.2 (generator exit 77, or no $(PYTHON)) this is skipped and only the
# committed scenarios run; any other generator failure fails the build.
NDM_DIFF_SEED  ?= 20240601
NDM_DIFF_COUNT ?= 600
DIFF_FIXED := $(BUILD)/oracle/core_diff_fixed.jsonl
DIFF_GEN   := $(BUILD)/oracle/core_diff_gen.jsonl

$(BUILD)/oracle:
	mkdir -p $@

$(DIFF_FIXED): tests/oracle/core_diff.jsonl.gz | $(BUILD)/oracle
	gzip -dc $< > $@

# A stamp per seed and count, so `make test NDM_DIFF_SEED=7` regenerates.
$(BUILD)/oracle/gen-$(NDM_DIFF_SEED)-$(NDM_DIFF_COUNT).stamp: | $(BUILD)/oracle
	rm -f $(BUILD)/oracle/gen-*.stamp && touch $@

$(DIFF_GEN): tests/oracle/gen_core_diff.py $(BUILD)/oracle/gen-$(NDM_DIFF_SEED)-$(NDM_DIFF_COUNT).stamp \
             | $(BUILD)/oracle
	@rc=0; $(PYTHON) $< $(NDM_DIFF_SEED) $(NDM_DIFF_COUNT) $@ || rc=$$?; \
	if [ $$rc -eq 77 ] || [ $$rc -eq 127 ]; then \
	    echo "core_diff: numpy 1.24.2 unavailable via $(PYTHON); using the committed scenarios only"; \
	    rm -f $@; \
	elif [ $$rc -ne 0 ]; then exit $$rc; fi

unit valgrind: $(DIFF_FIXED) $(DIFF_GEN)
TEST_ENV += NDM_DIFF_DIR=$(abspath $(BUILD)/oracle)

# ---- Benchmarks --------------------------------------------------------------
#   make bench         the full suite (docs/benchmarks.md): ndmap against numpy in
#                      the same run, plus hardware references; ~3 minutes, needs
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

$(BENCH_BIN): bench/ndbench.c $(BUILD)/libndmap.a include/ndmap.h | $(BUILD)/bench
	$(CC) $(ALLCFLAGS) -fvisibility=default \
	    -o $@ bench/ndbench.c $(BUILD)/libndmap.a $(LDSAN) $(LDLIBS_LIB)

bench: deps $(BENCH_BIN)
	$(PYTHON) bench/run.py --bin $(BENCH_BIN) --python $(PYTHON) --scale $(BENCH_SCALE) \
	    --reps $(BENCH_REPS) --dir $(BUILD)/bench --out $(BUILD)/bench/results.md \
	    --json $(BUILD)/bench/results.json $(BENCH_ARGS)

bench-smoke: deps $(BENCH_BIN)
	$(PYTHON) bench/run.py --bin $(BENCH_BIN) --python $(PYTHON) --scale 0.002 --reps 3 \
	    --dir $(BUILD)/bench-smoke --out $(BUILD)/bench-smoke/results.md $(BENCH_ARGS)
