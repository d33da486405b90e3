#!/usr/bin/python3
"""Differential cases for ndm_repr / ndm_str, produced by numpy itself.

Usage:  /usr/bin/python3 tests/oracle/gen_print.py [--seed N] [--count N] OUT

Writes JSON Lines in the schema of golden/repr.jsonl (id, tag, dtype, shape,
order, data_hex, is_memmap, repr, str) plus optional fields:
  index      numpy basic-index text applied to the array (a view)
  transpose  true: the view is then transposed (a.T)
  opts       print options (np.printoptions keywords; absent = defaults)
  error      {"class", "message"}: numpy refused the options
The dtype field is the spelling passed to numpy ("<f4", "q", ...), which
ndmap parses the same way.

The oracle is Debian's numpy 1.24.2; the target is numpy >= 2.3. Following
spec/numpy-behaviour.md section 1.3 the script
  * FIXes repr: the body comes from 1.24's array2string (identical in the
    target), the extras are rebuilt with the target's rules (shape= when
    size > threshold, quoted dtype.str for non-native byte order, the
    75-column test redone; 1.24 also glued shape= of empty arrays to the
    body and tested only dtype= against the line width); where no FIX applies the rebuilt repr is checked
    against 1.24's own repr;
  * AVOIDs inputs where 1.24 and the target differ: float16 |x| >= 1e3,
    float32/complex64 max |x| in [1e6, 1e8), values equal to float16(1e-4) or
    float32(1e-4), sign '+'/' ' with integer arrays (1.24's IntegerFormat
    ignores sign), and the str of 0-d float16/float32/complex64 arrays with
    large values (str is recorded as null there).
"""
import argparse
import contextlib
import json
import os
import random
import sys
import tempfile

import numpy as np

assert np.__version__ == '1.24.2', np.__version__

NATIVE = '<' if sys.byteorder == 'little' else '>'

INT_CODES = ['i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8']
FLOAT_CODES = ['f2', 'f4', 'f8']
COMPLEX_CODES = ['c8', 'c16']


def dtype_spellings():
    """Spellings by category; floats and complex get most of the cases."""
    ints = ['|i1', '|u1', 'q', 'Q', '>q']
    for c in INT_CODES[1:4] + INT_CODES[5:]:
        ints += ['<' + c, '>' + c]
    return [(0.35, ['<f2', '>f2', '<f4', '>f4', '<f8', '>f8']),
            (0.25, ['<c8', '>c8', '<c16', '>c16']),
            (0.30, ints),
            (0.10, ['|b1'])]


def pick_dtype(rng, cats):
    r = rng.random()
    for w, names in cats:
        if r < w:
            return rng.choice(names)
        r -= w
    return rng.choice(cats[-1][1])


# ---- values -----------------------------------------------------------------

F16_TINY = float(np.float16(1e-4))
F32_TINY = float(np.float32(1e-4))


def avoid_real(x, code):
    """Map one finite value away from the oracle/target differences."""
    ax = abs(x)
    if code == 'f2':
        if ax >= 1000:
            x = x / 100.0
    elif code in ('f4', 'c8'):
        if 1e6 <= ax < 1e8:
            x = x * 1e3
    return x


def fix_part(vals, part, code):
    """Apply the AVOID rules to python floats; returns an array of `part`."""
    out = []
    with np.errstate(all='ignore'):
        for x in vals:
            if np.isfinite(x):
                for _ in range(4):
                    x = avoid_real(x, code)
                    x = float(np.array(x).astype(part))
                    if part == 'f2' and abs(x) == F16_TINY:
                        x *= 2
                    if part == 'f4' and abs(x) == F32_TINY:
                        x *= 2
            out.append(x)
        return np.array(out, dtype=np.float64).astype(part)


def real_values(rng, n, family, code):
    """n float64 values of a named family (before conversion)."""
    if family == 'unit':
        k = rng.randint(-3, 3)
        return [rng.uniform(-1, 1) * 10 ** k for _ in range(n)]
    if family == 'int':
        m = rng.choice([10, 100, 1000, 10 ** 5])
        return [float(rng.randint(-m, m)) for _ in range(n)]
    if family == 'wide':
        lo, hi = {'f2': (-7, 3), 'f4': (-30, 30), 'f8': (-200, 200)}[code]
        return [rng.choice([-1, 1]) * 10 ** rng.uniform(lo, hi) for _ in range(n)]
    if family == 'small':
        return [rng.choice([-1, 1]) * 10 ** rng.uniform(-7, -3) for _ in range(n)]
    if family == 'ratio':
        base = 10 ** rng.uniform(-2, 2)
        r = rng.choice([999, 1000, 1001, 1000.5, 999.9, 10, 1e4])
        vals = [base * rng.uniform(1, r) for _ in range(n)]
        if n:
            vals[0] = base
            vals[-1] = base * r
        return vals
    if family == 'round':
        d = rng.randint(0, 4)
        s = rng.choice([1, 10, 100, 1000])
        return [round(rng.uniform(-s, s), d) for _ in range(n)]
    if family == 'pow2':
        return [rng.choice([-1, 1]) * 2.0 ** rng.randint(-20, 20) for _ in range(n)]
    if family == 'tiny':
        lo = {'f2': -8, 'f4': -45, 'f8': -320}[code]
        return [rng.choice([-1, 1]) * 10 ** rng.uniform(lo, lo + 6) for _ in range(n)]
    if family == 'ties':
        return [rng.randint(-1000, 1000) / 2 ** rng.randint(1, 12) for _ in range(n)]
    if family == 'digits8':
        return [rng.uniform(0, 10) + rng.randint(0, 1) * 0.5e-8 for _ in range(n)]
    if family == 'zero':
        return [rng.choice([0.0, -0.0]) for _ in range(n)]
    if family == 'bits':
        nbits = {'f2': 16, 'f4': 32, 'f8': 64}[code]
        dt = {'f2': np.uint16, 'f4': np.uint32, 'f8': np.uint64}[code]
        fdt = {'f2': np.float16, 'f4': np.float32, 'f8': np.float64}[code]
        raw = np.array([rng.getrandbits(nbits) for _ in range(n)], dtype=dt)
        return [float(x) for x in raw.view(fdt)]
    raise ValueError(family)


REAL_FAMILIES = ['unit', 'int', 'wide', 'small', 'ratio', 'round', 'pow2',
                 'tiny', 'ties', 'digits8', 'zero', 'bits']


def sprinkle(rng, vals, p):
    specials = [float('nan'), float('inf'), float('-inf'), -0.0, 0.0]
    return [rng.choice(specials) if rng.random() < p else v for v in vals]


def make_values(rng, n, spelling):
    """Returns (numpy array of n values in the dtype, tag)."""
    dt = np.dtype(spelling)
    kind = dt.kind
    code = {'f': 'f%d' % dt.itemsize, 'c': 'c%d' % dt.itemsize}.get(kind)
    if kind == 'b':
        v = np.array([rng.random() < 0.5 for _ in range(n)], dtype=bool)
        if n and rng.random() < 0.2:
            v[:] = rng.random() < 0.5
        return v.astype(dt), 'bool'
    if kind in 'iu':
        info = np.iinfo(dt)
        fam = rng.choice(['small', 'full', 'extreme', 'digits', 'zero'])
        if fam == 'small':
            lo, hi = max(info.min, -20), min(info.max, 200)
            vals = [rng.randint(lo, hi) for _ in range(n)]
        elif fam == 'full':
            vals = [rng.randint(int(info.min), int(info.max)) for _ in range(n)]
        elif fam == 'extreme':
            vals = [rng.choice([int(info.min), int(info.max), 0, 1, -1 if info.min < 0 else 2])
                    for _ in range(n)]
        elif fam == 'digits':
            d = rng.randint(1, len(str(info.max)) - 1)
            vals = [rng.randint(0, 10 ** d - 1) * (rng.choice([1, -1]) if info.min < 0 else 1)
                    for _ in range(n)]
        else:
            vals = [0] * n
        return np.array(vals, dtype=object).astype(dt.newbyteorder('=')).astype(dt), 'int:' + fam
    part = {'f2': 'f2', 'f4': 'f4', 'f8': 'f8', 'c8': 'f4', 'c16': 'f8'}[code]
    fam = rng.choice(REAL_FAMILIES)
    p = rng.choice([0, 0, 0, 0.1, 0.3])
    re = fix_part(sprinkle(rng, real_values(rng, n, fam, part), p), part, code)
    if kind == 'c':
        fam2 = rng.choice(REAL_FAMILIES)
        im = fix_part(sprinkle(rng, real_values(rng, n, fam2, part), p), part, code)
        v = np.empty(n, dtype=code)
        v.real = re
        v.imag = im
        fam = fam + '+' + fam2
    else:
        v = re
    return v.astype(dt), 'float:' + fam


# ---- shapes ------------------------------------------------------------------

def random_shape(rng):
    r = rng.random()
    if r < 0.08:
        return ()
    if r < 0.40:
        return (rng.randint(1, 60),)
    if r < 0.65:
        return (rng.randint(1, 7), rng.randint(1, 20))
    if r < 0.80:
        return (rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 9))
    if r < 0.88:
        return tuple(rng.randint(1, 3) for _ in range(4))
    if r < 0.96:
        return rng.choice([(0,), (0, 3), (3, 0), (2, 0, 4), (0, 0), (1, 0), (4, 0, 0), (2, 3, 0, 1)])
    return rng.choice([(1000,), (1001,), (1003,), (7, 150), (2, 3, 170), (11, 10, 10),
                       (6, 6, 6, 6), (1, 1001), (1001, 1), (5, 201), (3, 7, 7, 7)])


VIEW_EXPRS = {
    1: ['::-1', '1:', '::2', ':-1', '-1', 'None, :', '..., None', '2:7:2'],
    2: ['::-1', '0', ':, 0', '::2, ::-1', '..., -1', '1:, :-1', 'None', ':, None, :'],
    3: ['0', '..., 0', '::-1, :, ::2', ':, 1:', '1'],
    4: ['0, 0', '..., ::-1', ':, :, 0'],
}


def options_for(rng, kind):
    """Random print options; mostly ordinary, sometimes extreme."""
    wild = rng.random() < 0.25
    o = {}
    if rng.random() < 0.5:
        o['precision'] = rng.randint(0, 25 if wild else 12)
    if rng.random() < 0.5:
        o['threshold'] = rng.choice([-1, 0, 1, 5, 10, 20, 50, 1000] if wild else
                                    [0, 1, 5, 10, 20, 50, 1000])
    if rng.random() < 0.4:
        o['edgeitems'] = rng.randint(-2, 8) if wild else rng.randint(0, 5)
    if rng.random() < 0.5:
        o['linewidth'] = rng.choice([-5, 0, 1, 3, 7, 12] if wild else
                                    [10, 20, 40, 60, 74, 76, 80, 100, 200])
    if rng.random() < 0.3:
        o['suppress'] = rng.random() < 0.5
    if rng.random() < 0.3 and kind in 'fcb':
        o['sign'] = rng.choice(['-', '+', ' '])
    if rng.random() < 0.5:
        o['floatmode'] = rng.choice(['fixed', 'unique', 'maxprec', 'maxprec_equal'])
    if rng.random() < 0.2:
        o['nanstr'] = rng.choice(['NaN', 'x', 'nan!', 'not a number', '\u00f1a\u00f1', ''])
    if rng.random() < 0.2:
        o['infstr'] = rng.choice(['Inf', 'oo', 'infinity', '\u221e'])
    return o


# ---- expected text ------------------------------------------------------------

def dtype_implied(dt):
    return dt.isnative and dt.type in (np.int_, np.float64, np.complex128, np.bool_)


def dtype_short(dt):
    if not dt.isnative:
        return "'%s'" % dt.str
    return dt.name


def target_repr(arr, opts):
    """numpy >= 2.3's array_repr, on 1.24's array2string (section 1.3 FIX)."""
    threshold = opts.get('threshold', 1000)
    linewidth = opts.get('linewidth', 75)
    prefix = ('memmap' if type(arr) is np.memmap else 'array') + '('
    lst = np.array2string(arr, separator=', ', prefix=prefix, suffix=')')
    extras = []
    if (arr.size == 0 and arr.shape != (0,)) or arr.size > threshold:
        extras.append('shape=%r' % (arr.shape,))
    if not dtype_implied(arr.dtype) or arr.size == 0:
        extras.append('dtype=' + dtype_short(arr.dtype))
    if not extras:
        return prefix + lst + ')'
    arr_str = prefix + lst + ','
    extra_str = ', '.join(extras) + ')'
    last_line_len = len(arr_str) - (arr_str.rfind('\n') + 1)
    spacer = ' '
    if last_line_len + len(extra_str) + 1 > linewidth:
        spacer = '\n' + ' ' * len(prefix)
    return arr_str + spacer + extra_str


def zero_d_str_avoided(arr):
    """0-d float16/float32/complex64 str with large values (section 1.2 row 7)."""
    if arr.ndim != 0 or arr.dtype.kind not in 'fc':
        return False
    size = arr.dtype.itemsize // (2 if arr.dtype.kind == 'c' else 1)
    vals = [arr.real.item(), arr.imag.item()] if arr.dtype.kind == 'c' else [arr.item()]
    for x in vals:
        if np.isfinite(x) and ((size == 2 and abs(x) >= 1e3) or
                               (size == 4 and 1e6 <= abs(x) < 1e16)):
            return True
    return False


def render_case(case, tmpdir):
    """Build the array as the C side will and fill in repr / str / error."""
    dt = np.dtype(case['dtype'])
    shape = tuple(case['shape'])
    data = bytes.fromhex(case['data_hex'])
    if case['is_memmap']:
        path = os.path.join(tmpdir, 'case.bin')
        with open(path, 'wb') as f:
            f.write(data)
        mode = 'r' if data else 'r+'
        a = np.memmap(path, dtype=dt, mode=mode, shape=shape, order=case['order'])
    else:
        a = np.frombuffer(data, dtype=dt).reshape(shape, order=case['order']).copy(
            order=case['order'])
    if 'index' in case:
        v = eval('a[%s]' % case['index'], {'a': a})
        if not isinstance(v, np.ndarray):
            # ndm_index gives a 0-d view where numpy gives a scalar: a[i, ...]
            v = eval('a[%s, ...]' % case['index'], {'a': a})
        a = v
    if case.get('transpose'):
        a = a.T
    opts = case.get('opts', {})
    try:
        with np.printoptions(**opts):
            r = target_repr(a, opts)
            s = str(a)
            # No FIX applies (1.24 glues shape= of empty arrays to the body
            # and tests only dtype= against the line width: a FIX case too).
            if a.dtype.isnative and a.size <= opts.get('threshold', 1000) and \
                    not (a.size == 0 and a.shape != (0,)):
                assert r == repr(a), (r, repr(a))
    except (ValueError, TypeError) as e:
        case['error'] = {'class': type(e).__name__, 'message': str(e)}
        return case
    case['repr'] = r
    case['str'] = None if zero_d_str_avoided(a) else s
    return case


def element_count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def gen_cases(seed, count):
    rng = random.Random(seed)
    spellings = dtype_spellings()
    cases = []
    with tempfile.TemporaryDirectory() as tmpdir:
        i = 0
        while len(cases) < count:
            i += 1
            spelling = pick_dtype(rng, spellings)
            dt = np.dtype(spelling)
            shape = random_shape(rng)
            n = element_count(shape)
            if n > 1000 and dt.itemsize >= 4 and rng.random() < 0.6:
                shape = (rng.randint(1, 7), rng.randint(1, 20))
                n = element_count(shape)
            order = rng.choice(['C', 'F']) if len(shape) >= 2 else 'C'
            v, tag = make_values(rng, n, spelling)
            case = {'id': 'diff-%d-%05d' % (seed, i), 'tag': tag, 'dtype': spelling,
                    'shape': list(shape), 'order': order,
                    'data_hex': v.tobytes().hex(),
                    # numpy 1.24 cannot map an empty file (section 1.2 row 1)
                    'is_memmap': n > 0 and rng.random() < 0.6}
            r = rng.random()
            if r < 0.15 and 1 <= len(shape) <= 4 and n > 0:
                case['index'] = rng.choice(VIEW_EXPRS[len(shape)])
            if r > 0.9 and len(shape) >= 2:
                case['transpose'] = True
            if rng.random() < 0.3:
                case['opts'] = options_for(rng, dt.kind)
                if not case['opts']:
                    del case['opts']
            try:
                done = render_case(case, tmpdir)
            except IndexError:
                continue
            cases.append(done)
        # Invalid options: numpy's messages.
        for bad in [{'floatmode': 'bogus'}, {'sign': 'x'}, {'precision': -1},
                    {'precision': -1, 'floatmode': 'unique'}, {'floatmode': 'Fixed'}]:
            for spelling in ['<f8', '<i4', '<c8']:
                i += 1
                v, tag = make_values(rng, 3, spelling)
                case = {'id': 'diff-%d-%05d' % (seed, i), 'tag': 'opts:invalid',
                        'dtype': spelling, 'shape': [3], 'order': 'C',
                        'data_hex': v.tobytes().hex(), 'is_memmap': False, 'opts': bad}
                cases.append(render_case(case, tmpdir))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--count', type=int, default=1500)
    ap.add_argument('out')
    args = ap.parse_args()
    cases = gen_cases(args.seed, args.count)
    with open(args.out, 'w') as f:
        for c in cases:
            f.write(json.dumps(c, separators=(',', ':')) + '\n')


if __name__ == '__main__':
    main()
