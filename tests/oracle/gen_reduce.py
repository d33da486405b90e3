#!/usr/bin/python3
"""Generate tests/oracle/reduce_cases.txt: numpy's sum/min/max/mean over
all elements and along each axis, for every ndmap dtype, both byte orders,
views (strided, reversed, transposed, sliced), 0-d and empty arrays, arrays
long enough to take several 8192-element chunks, arrays large enough for
ndmap's threaded path, and data on which naive summation differs from
numpy's pairwise summation.

Run with Debian's numpy 1.24.2:  /usr/bin/python3 tests/oracle/gen_reduce.py
Deterministic. Cases of one geometry share their input. Inputs are not stored: element i of a case's base array (C
order) is derived from splitmix64(seed, i) by exact operations that
tests/test_reduce.c repeats (see values()).

Format, one record per line:
  case DTYPE SHAPE VIEW OP AXIS SEED KIND
  ok RESULT_DTYPE_STR RESULT_SHAPE HEX        (native little-endian bytes)
  okh RESULT_DTYPE_STR RESULT_SHAPE NBYTES FNV1A64 HEAD   (results over 512 bytes:
                                               64-bit FNV-1a of the bytes, first 64 bytes)
  err CLASS MESSAGE...
SHAPE is comma-separated ("-" for 0-d); VIEW is numpy index text applied to
the base array ("..." for none), or "T" for the transpose; AXIS is an int or
"None".
"""
import sys
import warnings

import numpy as np

assert np.__version__ == '1.24.2', np.__version__
warnings.simplefilter('ignore')

M64 = (1 << 64) - 1


def splitmix(seed, n):
    with np.errstate(over='ignore'):
        i = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed) * np.uint64(0xD1B54A32D192ED03) + i * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def real_values(code, u, kind):
    """Exact values of type code from uint64 array u."""
    s = lambda k: (u >> np.uint64(k)).astype(np.int64)
    if code == 'b1':
        return (u >> np.uint64(63)).astype(np.bool_)
    if code[0] in 'iu':
        bits = int(code[1:]) * 8
        t = np.dtype(code)
        return (u >> np.uint64(64 - bits)).astype(np.dtype('u%d' % (bits // 8))).view(t)
    if kind == 'pos':  # values in [1, 2): naive summation drifts
        if code == 'f2':
            return (1 + s(54) * 2.0 ** -10).astype(np.float16)
        if code == 'f4':
            return (1 + s(41) * 2.0 ** -23).astype(np.float32)
        return 1 + s(12) * 2.0 ** -52
    if kind == 'big':  # large magnitudes of both signs
        if code == 'f4':
            return ((s(40) - (1 << 23)) * 2.0 ** 60).astype(np.float32)
        return (s(11) - (1 << 52)) * 2.0 ** 900
    if code == 'f2':
        return ((s(55) - 256) * 2.0 ** -4).astype(np.float16)
    if code == 'f4':
        return ((s(40) - (1 << 23)) * 2.0 ** -10).astype(np.float32)
    return (s(11) - (1 << 52)) * 2.0 ** -30


def values(code, n, seed, kind):
    if code in ('c8', 'c16'):
        u = splitmix(seed, 2 * n)
        part = 'f4' if code == 'c8' else 'f8'
        re = real_values(part, u[0::2], kind)
        im = real_values(part, u[1::2], kind)
        v = re.astype(code) + 1j * im.astype(code)
        v = v.astype(code)
    else:
        v = real_values(code, splitmix(seed, n), kind)
    if kind == 'nan' and code[0] in 'fc' and n:
        v = v.copy()
        v[(seed * 7) % n] = np.nan
        if n > 2:
            v[(seed * 13) % n] = np.nan
    return v


CODES = ['b1', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'f2', 'f4', 'f8', 'c8', 'c16']
SWAPPED = ['>i2', '>i8', '>u4', '>f2', '>f4', '>f8', '>c8', '>c16']

# (shape, view) geometries every dtype gets
COMMON = [
    ((), '...'),
    ((1,), '...'),
    ((7,), '...'),
    ((130,), '...'),
    ((1000,), '::-3'),
    ((6, 9), '...'),
    ((6, 9), 'T'),
    ((9, 12), '1:, ::-2'),
    ((4, 5, 6), '::2, :, ::-1'),
    ((4, 1, 6), '...'),
    ((0,), '...'),
    ((0, 3), '...'),
    ((3, 0), '...'),
]
# longer geometries, for float and complex dtypes (chunking and pairwise)
LONG = [
    ((20000,), '...'),
    ((20001,), '::-1'),
    ((3, 10000), '...'),
    ((300, 70), ':, :50'),
    ((5, 20000), ':, ::2'),
    ((10000, 3), 'T'),
    ((40, 3000), '::-1, 1:'),
]
# pairwise accuracy (naive summation differs)
PAIRWISE = [((100000,), '...'), ((50, 3000), '...'), ((3000, 50), 'T'), ((2, 70000), ':, ::-1')]
# threaded path (>= 8 MiB)
BIG = [((3000000,), '...'), ((1500, 2000), '...'), ((2000, 1500), 'T')]

OPS = ['sum', 'min', 'max', 'mean']


def axes_for(shape):
    return [None] + list(range(len(shape))) + ([-1] if shape else [0, -1])


def result_bytes(r):
    """C-order native bytes, every NaN made numpy's canonical np.nan."""
    a = np.array(r, order='C')
    if a.dtype.byteorder == '>':
        a = a.astype(a.dtype.newbyteorder('<'))
    if a.dtype.kind in 'fc':
        parts = a.reshape(-1).view(a.real.dtype) if a.dtype.kind == 'c' else a.reshape(-1)
        parts[np.isnan(parts)] = np.nan
    return a.tobytes()


def fnv1a(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & M64
    return h


def shape_text(shape):
    return ','.join(str(k) for k in shape) if shape else '-'


def emit(out, code, shape, view, op, axis, seed, kind):
    n = int(np.prod(shape)) if shape else 1
    base = values(code.lstrip('<>'), n, seed, kind).reshape(shape)
    arr = base.astype(code) if code.startswith('>') else base
    v = arr.T if view == 'T' else eval('arr[%s]' % view)
    out.append('case %s %s %s %s %s %d %s' % (code, shape_text(shape), view.replace(' ', ''), op,
                                              'None' if axis is None else axis, seed, kind))
    try:
        r = getattr(np, {'sum': 'sum', 'min': 'amin', 'max': 'amax', 'mean': 'mean'}[op])(v, axis=axis)
        r = np.asarray(r)
        b = result_bytes(r)
        dt, sh = r.dtype.str.replace('>', '<'), shape_text(r.shape)
        if len(b) > 512:
            out.append('okh %s %s %d %016x %s' % (dt, sh, len(b), fnv1a(b), b[:64].hex()))
        else:
            out.append('ok %s %s %s' % (dt, sh, b.hex() or '-'))
    except Exception as e:  # numpy's error class and message
        out.append('err %s %s' % (type(e).__name__, e))


def main():
    out = []
    seed = 1
    for code in CODES + SWAPPED:
        plain = code.lstrip('<>')
        geoms = COMMON + (LONG if plain[0] in 'fc' else [((20000,), '...'), ((3, 10000), '...')])
        for shape, view in geoms:
            for op in OPS:
                for axis in axes_for(shape):
                    emit(out, code, shape, view, op, axis, seed, 'rand')
            seed += 1
        if plain[0] in 'fc':
            for shape, view in [((7,), '...'), ((20000,), '...'), ((6, 9), 'T'), ((300, 70), ':, :50')]:
                for op in ('min', 'max', 'sum', 'mean'):
                    for axis in axes_for(shape):
                        emit(out, code, shape, view, op, axis, seed, 'nan')
                seed += 1
    for code in ['f2', 'f4', 'f8', 'c8', 'c16']:
        for shape, view in PAIRWISE:
            for op in ('sum', 'mean'):
                for axis in axes_for(shape):
                    emit(out, code, shape, view, op, axis, seed, 'pos')
            seed += 1
    for code in ['f4', 'f8']:
        for shape, view in [((100000,), '...'), ((30, 5000), '...')]:
            for op in ('sum', 'mean'):
                for axis in axes_for(shape):
                    emit(out, code, shape, view, op, axis, seed, 'big')
            seed += 1
    for code in ['f4', 'f8', 'i2', 'c8', '>f4']:
        for shape, view in BIG:
            for op in OPS:
                for axis in axes_for(shape):
                    emit(out, code, shape, view, op, axis, seed, 'pos' if code[-2] == 'f' else 'rand')
            seed += 1
    # errors: axes out of range, reductions without identity
    for shape, axis in [((2, 3), 2), ((2, 3), -3), ((), 1), ((4,), 1)]:
        for op in OPS:
            emit(out, 'f8', shape, '...', op, axis, seed, 'rand')
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
