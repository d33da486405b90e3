#!/usr/bin/python3
"""Generate tests/oracle/cast_pairs.txt: numpy's casts for every pair of the
14 ndmap types, and numpy's conversion of in-range scalar literals.

Run with Debian's numpy 1.24.2:  /usr/bin/python3 tests/oracle/gen_cast.py
The output is deterministic (fixed seed). Only behaviours that the spec marks
identical in 1.24 and the target are recorded: float -> integer casts use
finite values whose truncation fits the destination (out-of-range results
are unspecified), and scalar literals are in range for their destination
(out-of-range Python ints wrap in 1.24 but raise in numpy 2).

Format, one record per line:
  pair SRC DST N         followed by N lines "SRCHEX DSTHEX"
  scalar DST LITERAL HEX
Types are little-endian dtype.str codes without the order character, in
ndmap's enum order; hex is the element's native (little-endian) bytes.
"""
import math
import random
import sys
import warnings

import numpy as np

assert np.__version__ == '1.24.2', np.__version__
warnings.simplefilter('ignore')

TYPES = ['b1', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8',
         'f2', 'f4', 'f8', 'c8', 'c16']
rng = random.Random(20240611)


def int_values(t):
    info = np.iinfo(t)
    lo, hi = int(info.min), int(info.max)
    edges = [0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 300, -300, 32767,
             32768, -32769, 65504, 65519, 65520, 65535, 65536, 2**24 + 1,
             2**31 - 1, 2**31, -2**31, 2**32 - 1, 2**32, 2**53 + 1, 2**53 + 3,
             2**62 + 2**40 + 1, 2**63 - 1, -2**63, 2**64 - 1, lo, hi]
    vals = [v for v in edges if lo <= v <= hi]
    for _ in range(24):
        bits = rng.choice([7, 8, 15, 16, 31, 32, 53, 63, 64])
        v = rng.getrandbits(bits)
        if lo < 0 and rng.random() < 0.5:
            v = -v
        if lo <= v <= hi:
            vals.append(v)
    return np.array(vals, dtype=t)


def float_values(t):
    edges = [0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.7, 2.7, 1.0, -1.0, 127.9,
             -128.9, 255.5, 300.0, 65504.0, 65519.0, 65520.0, 1e10, -1e10,
             1e-8, 2.0**-24, 2.0**-25, 3 * 2.0**-25, 2.0**-14, 1 + 2.0**-11,
             1 + 3 * 2.0**-11, 2049.0, 2051.0, 0.1, 3.4e38, 3.5e38, 1e300,
             2.0**63, -2.0**63, 2.0**64, 1.8e19, 4.2e9, -2.1e9, 1e-40, 1e-310,
             float('nan'), float('inf'), float('-inf')]
    vals = list(edges)
    for _ in range(24):
        e = rng.uniform(-30, 30)
        vals.append(rng.choice([-1, 1]) * 10**e)
    for _ in range(8):  # float16 rounding around ties
        h = np.array(rng.randrange(0, 0x7c00), dtype=np.uint16).view(np.float16)
        vals.append(float(h) * (1 + rng.choice([-1, 1]) * 2.0**-11))
    return np.array(vals, dtype=t)


def values(t):
    if t == 'b1':
        return np.array([False, True, True, False], dtype=t)
    if t[0] in 'iu':
        return int_values(t)
    if t[0] == 'f':
        return float_values(t)
    part = 'f4' if t == 'c8' else 'f8'
    re_ = float_values(part)
    im = float_values(part)
    rng.shuffle(im)
    v = np.empty(len(re_), dtype=t)
    v.real = re_
    v.imag = im
    return v


def defined(src, x, dst):
    """True if numpy's cast of x from src to dst is specified behaviour."""
    if dst[0] not in 'iu' or src[0] not in 'fc':
        return True
    r = x.real if src[0] == 'c' else x
    r = float(r)
    if not math.isfinite(r):
        return False
    info = np.iinfo(dst)
    return int(info.min) <= math.trunc(r) <= int(info.max)


def hexof(a):
    return a.tobytes().hex()


out = []
for s in TYPES:
    src = values(s)
    for d in TYPES:
        keep = np.array([defined(s, x, d) for x in src], dtype=bool)
        sv = src[keep]
        dv = sv.astype(d)
        out.append('pair %s %s %d' % (s, d, len(sv)))
        for a, b in zip(sv, dv):
            out.append('%s %s' % (hexof(np.array(a, dtype=s)),
                                  hexof(np.array(b, dtype=d))))

# Scalar literals, in range for the destination (identical in 1.24 and 2.x).
lits = ['0', '1', '-1', '127', '-128', '255', '65504', '65519', '65520',
        '16777217', '9007199254740993', '18014398509481983', '2.5', '-2.7',
        '1e-5', '1e300', '-1e-50', '65520.0', '65519.99', '0.1', '1.5e3',
        '3.4028235e38', '3.5e38', '2.0000000000000004', '1.00048828125',
        '1.00048828125000001', '5.960464477539063e-08', '2.9802322387695312e-08',
        '2.98023223876953125e-08', '2.9802322387695313e-08', 'nan', 'inf',
        '-inf', '-0.0', 'True', 'False', '2j', '(1+2j)', '-1.5e3-2j',
        '(1e300+1e-300j)', '123456789012345678901234567890', '0x7f', '0b101',
        '0o777', '1_000', '1_0.5e1_0']
for _ in range(40):
    lits.append(repr(rng.uniform(-1, 1) * 10**rng.uniform(-12, 12)))
for _ in range(20):
    lits.append(str(rng.getrandbits(rng.choice([8, 16, 31, 40, 63]))))
for d in TYPES:
    for lit in lits:
        val = eval(lit, {'nan': float('nan'), 'inf': float('inf')})
        if isinstance(val, complex) and d[0] not in 'cb':
            continue
        if d[0] in 'iu':
            if isinstance(val, float):
                if not math.isfinite(val):
                    continue
                val_i = math.trunc(val)
            else:
                val_i = int(val)
            info = np.iinfo(d)
            if not int(info.min) <= val_i <= int(info.max):
                continue
        a = np.zeros(1, dtype=d)
        a[0] = val
        out.append('scalar %s %s %s' % (d, lit, hexof(a)))

sys.stdout.write('\n'.join(out) + '\n')
