#!/bin/sh
# Long differential test of src/fmt_float.c against numpy.
#
#   sh tests/longtest_fmt_float.sh [N] [SEED]
#
# Checks all 65536 float16 bit patterns, then N random float32 and N random
# float64 values (default N=100000; the full run uses N=10000000), each
# formatted six ways (shortest scientific and positional, the precision-8
# forms array printing uses, and one random option combination for each
# function), against numpy's format_float_positional/_scientific.
# numpy streams through a pipe, so memory stays bounded.  float32 and
# float64 run in parallel.  Needs a C compiler and /usr/bin/python3 with
# numpy (override with PYTHON=...).  Exits non-zero on any mismatch.
set -eu
N=${1:-100000}
SEED=${2:-20261123}
PY=${PYTHON:-/usr/bin/python3}
CC=${CC:-cc}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

$CC -std=c11 -O2 -Wall -Wextra -Werror -I"$root/src" \
    "$here/longtest_fmt_float.c" "$root/src/fmt_float.c" -lm -o "$tmp/lt"

run() { # bits count seed
    if "$PY" "$here/oracle/fmt_float_oracle.py" long "$1" "$2" "$3" |
        "$tmp/lt" "$1" >"$tmp/out$1" 2>"$tmp/err$1"; then
        echo 0 >"$tmp/rc$1"
    else
        echo 1 >"$tmp/rc$1"
    fi
}

start=$(date +%s)
run 16 0 "$SEED"
run 32 "$N" "$((SEED + 1))" &
p32=$!
run 64 "$N" "$((SEED + 2))" &
p64=$!
wait "$p32" "$p64" || true
end=$(date +%s)

pass=0
fail=0
rc=0
for b in 16 32 64; do
    cat "$tmp/err$b" >&2
    grep -v ' passed, ' "$tmp/out$b" || true
    line=$(grep ' passed, ' "$tmp/out$b" || echo "0 passed, 1 failed")
    p=$(echo "$line" | sed 's/ passed.*//')
    f=$(echo "$line" | sed 's/.* passed, \([0-9]*\) failed.*/\1/')
    echo "float$b: $p passed, $f failed"
    pass=$((pass + p))
    fail=$((fail + f))
    [ "$(cat "$tmp/rc$b")" = 0 ] || rc=1
done
# every value must have been checked
[ "$pass" -ge $((65536 + 2 * N)) ] || [ "$fail" -gt 0 ] || rc=1
echo "fmt_float long test (N=$N, seed=$SEED) took $((end - start)) s"
echo "$pass passed, $fail failed"
exit $rc
