#!/usr/bin/python3
"""numpy oracle for src/fmt_float.c (ndm__format_positional/scientific).

Needs numpy (any version >= 1.21; Debian's python3-numpy is fine).  Two modes:

  fmt_float_oracle.py cases N SEED > tests/oracle/fmt_float_cases.txt
      N random cases over random values and random valid option
      combinations for float16/32/64, checked by tests/test_fmt_float.c.
      One case per line:
        F BITS HEX PREC UNIQUE FRAC TRIM SIGN PADL PADR EXPD MIND |EXPECTED|
      F is P (positional) or S (scientific); BITS is 16, 32 or 64; HEX is
      the value's bit pattern in that format; options use -1 for None; TRIM
      is one of k . 0 -; EXPECTED is numpy's output between bars.
      Then N/8 lines each of binary16 conversion checks (H, h, F; see
      conversion_cases below).

  fmt_float_oracle.py long BITS N SEED
      Streams tab-separated "HEX S P P8 S8 OP RP OS RS" lines to stdout for
      N values of the format (BITS=16 ignores N and emits all 65536
      patterns), where
        S  = format_float_scientific(x, unique=True, trim='-')
        P  = format_float_positional(x, unique=True, trim='-')
        P8 = format_float_positional(x, precision=8, unique=True,
                                     fractional=True, trim='.')
        S8 = format_float_scientific(x, precision=8, unique=True, trim='.')
      (P8/S8 are what array printing uses with the default precision),
      and RP / RS are format_float_positional / _scientific with a random
      valid option combination OP / OS, written as
      "prec,unique,frac,trim,sign,pad_left,pad_right,exp_digits,min_digits"
      (-1 = None).
      Values: ~60% uniformly random bit patterns (so subnormals, extremes,
      nan and inf are covered), ~20% short decimals, ~10% powers of two
      and their neighbours, ~10% values near powers of ten.
      Consumed by tests/longtest_fmt_float.c via tests/longtest_fmt_float.sh.
"""
import sys

import numpy as np

FP = np.format_float_positional
FS = np.format_float_scientific
TYPES = {16: (np.float16, np.uint16), 32: (np.float32, np.uint32),
         64: (np.float64, np.uint64)}
HEXW = {16: 4, 32: 8, 64: 16}
TRIMS = ["k", ".", "0", "-"]


def random_bits(rng, bits, n):
    """n bit patterns of the given float width, as an unsigned array."""
    ftype, utype = TYPES[bits]
    out = np.empty(n, dtype=utype)
    kind = rng.random(n)
    # uniformly random bit patterns
    raw = rng.integers(0, 2 ** bits, size=n, dtype=np.uint64)
    out[:] = raw.astype(utype)
    # short decimals: d-digit integer times 10^e
    sel = (kind >= 0.6) & (kind < 0.8)
    k = int(sel.sum())
    if k:
        maxe = {16: 4, 32: 38, 64: 308}[bits]
        mine = {16: -8, 32: -45, 64: -324}[bits]
        nd = rng.integers(1, 10, size=k)
        mant = rng.integers(1, 10 ** 9, size=k) // (10 ** (9 - nd))
        ex = rng.integers(mine, maxe + 1, size=k)
        vals = np.array([float("%de%d" % (m, e)) for m, e in zip(mant, ex)])
        with np.errstate(over="ignore"):
            out[sel] = vals.astype(ftype).view(utype)
    # powers of two and neighbours (unequal margins live here)
    sel = (kind >= 0.8) & (kind < 0.9)
    k = int(sel.sum())
    if k:
        mbits = {16: 10, 32: 23, 64: 52}[bits]
        emax = (1 << (bits - 1 - mbits)) - 1
        ex = rng.integers(0, emax, size=k).astype(np.uint64)
        delta = rng.integers(-2, 3, size=k).astype(np.int64)
        pat = (ex << np.uint64(mbits)).astype(np.int64) + delta
        pat = np.clip(pat, 0, (emax << mbits) - 1)
        out[sel] = pat.astype(utype)
    # near powers of ten (round trips near digit-count changes)
    sel = kind >= 0.9
    k = int(sel.sum())
    if k:
        lo, hi = {16: (-7, 4), 32: (-45, 38), 64: (-323, 308)}[bits]
        ex = rng.integers(lo, hi + 1, size=k)
        with np.errstate(over="ignore"):
            base = np.array([float("1e%d" % e) for e in ex]).astype(ftype)
        pat = base.view(utype).astype(np.int64)
        pat += rng.integers(-3, 4, size=k)
        pat = np.clip(pat, 0, 2 ** (bits - 1) - 1)
        out[sel] = pat.astype(utype)
    # random sign for the non-random-bits shares
    sign = (rng.random(n) < 0.5) & (kind >= 0.6)
    out[sign] |= utype(1 << (bits - 1))
    return out


def random_options(rng, m, sci):
    """m random valid option tuples (prec, unique, frac, trim, sign, padl,
    padr, expd, mind), -1 for None, as lists (vectorised for speed)."""
    unique = rng.random(m) < 0.6
    prec = np.where((rng.random(m) < 0.4) & unique, -1,
                    rng.integers(0, 18, size=m))
    frac = np.ones(m, bool) if sci else rng.random(m) < 0.6
    trim = rng.integers(0, 4, size=m)
    sign = rng.random(m) < 0.3
    padl = np.where(rng.random(m) < 0.7, -1, rng.integers(0, 13, size=m))
    padr = np.where((rng.random(m) < 0.7) | sci, -1,
                    rng.integers(0, 26, size=m))
    expd = np.where((rng.random(m) < 0.7) | (not sci), -1,
                    rng.integers(0, 7, size=m))
    mind = np.where(rng.random(m) < 0.6, -1, rng.integers(0, 18, size=m))
    # numpy's restrictions: min_digits <= precision when both > 0,
    # positional fractional=False needs precision > 0
    if not sci:
        prec = np.where(~frac & (prec == 0), 1, prec)
    over = (mind > 0) & (prec > 0) & (mind > prec)
    mind = np.where(over, prec, mind)
    return list(zip(prec.tolist(), unique.tolist(), frac.tolist(),
                    trim.tolist(), sign.tolist(), padl.tolist(),
                    padr.tolist(), expd.tolist(), mind.tolist()))


def none(v):
    return None if v < 0 else v


def cmd_long(bits, n, seed):
    ftype, utype = TYPES[bits]
    w = HEXW[bits]
    if bits == 16:
        pats = np.arange(65536, dtype=np.uint16)
    else:
        pats = None
    rng = np.random.default_rng(seed)
    out = sys.stdout
    chunk = 50000
    done = 0
    total = 65536 if bits == 16 else n
    while done < total:
        m = min(chunk, total - done)
        if pats is not None:
            p = pats[done:done + m]
        else:
            p = random_bits(rng, bits, m)
        vals = p.view(ftype)
        optp = random_options(rng, m, False)
        opts = random_options(rng, m, True)
        lines = []
        for u, x, a, b in zip(p.tolist(), vals, optp, opts):
            rp = FP(x, precision=none(a[0]), unique=a[1], fractional=a[2],
                    trim=TRIMS[a[3]], sign=a[4], pad_left=none(a[5]),
                    pad_right=none(a[6]), min_digits=none(a[8]))
            rs = FS(x, precision=none(b[0]), unique=b[1], trim=TRIMS[b[3]],
                    sign=b[4], pad_left=none(b[5]), exp_digits=none(b[7]),
                    min_digits=none(b[8]))
            lines.append("%0*x\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" % (
                w, u,
                FS(x, unique=True, trim="-"),
                FP(x, unique=True, trim="-"),
                FP(x, precision=8, unique=True, fractional=True, trim="."),
                FS(x, precision=8, unique=True, trim="."),
                "%d,%d,%d,%s,%d,%d,%d,%d,%d" % (
                    a[0], a[1], a[2], TRIMS[a[3]], a[4], a[5], a[6], a[7],
                    a[8]), rp,
                "%d,%d,%d,%s,%d,%d,%d,%d,%d" % (
                    b[0], b[1], b[2], TRIMS[b[3]], b[4], b[5], b[6], b[7],
                    b[8]), rs))
        out.write("".join(lines))
        done += m
    out.flush()


def maybe(rng, p_none, lo, hi):
    """None with probability p_none, else a random int in [lo, hi]."""
    if rng.random() < p_none:
        return None
    return int(rng.integers(lo, hi + 1))


def cmd_cases(n, seed):
    rng = np.random.default_rng(seed)
    out = sys.stdout
    made = 0
    while made < n:
        bits = [16, 32, 64][int(rng.integers(0, 3))]
        ftype, utype = TYPES[bits]
        pat = random_bits(rng, bits, 1)[0]
        if rng.random() < 0.05:   # some zeros, infs and nans
            pat = utype([0, 1 << (bits - 1),
                         (TYPES[bits][0](np.inf)).view(utype),
                         (TYPES[bits][0](-np.inf)).view(utype),
                         (TYPES[bits][0](np.nan)).view(utype)][
                int(rng.integers(0, 5))])
        x = np.array([pat], dtype=utype).view(ftype)[0]
        sci = rng.random() < 0.5
        unique = bool(rng.random() < 0.6)
        prec = maybe(rng, 0.4 if unique else 0.0, 0, 17)
        frac = bool(rng.random() < 0.6)
        trim = TRIMS[int(rng.integers(0, 4))]
        sign = bool(rng.random() < 0.3)
        padl = maybe(rng, 0.7, 0, 12)
        padr = maybe(rng, 0.7, 0, 25)
        expd = maybe(rng, 0.7, 0, 6)
        mind = maybe(rng, 0.6, 0, 17)
        if sci:
            frac, padr = True, None
        else:
            expd = None
        if not unique:
            mind = None if rng.random() < 0.5 else mind
        if mind is not None and prec is not None and mind > 0 and \
                prec > 0 and mind > prec:
            mind = int(rng.integers(0, prec + 1))
        if not sci and not frac and prec == 0:
            prec = 1
        try:
            if sci:
                s = FS(x, precision=prec, unique=unique, trim=trim, sign=sign,
                       pad_left=padl, exp_digits=expd, min_digits=mind)
            else:
                s = FP(x, precision=prec, unique=unique, fractional=frac,
                       trim=trim, sign=sign, pad_left=padl, pad_right=padr,
                       min_digits=mind)
        except ValueError:
            continue

        def o(v):
            return -1 if v is None else v
        out.write("%s %d %0*x %d %d %d %s %d %d %d %d %d |%s|\n" % (
            "S" if sci else "P", bits, HEXW[bits], int(pat), o(prec),
            int(unique), int(frac), trim, int(sign), o(padl), o(padr),
            o(expd), o(mind), s))
        made += 1
    out.write("".join(conversion_cases(rng, max(n // 8, 16))))


def conversion_cases(rng, n):
    """Lines checking the binary16 conversions against numpy's casts:
         H DOUBLEHEX HALFHEX   float64 -> float16
         h FLOATHEX HALFHEX    float32 -> float16
         F HALFHEX FLOATHEX    float16 -> float32
    Sources are concentrated around the binary16 range, with exact ties
    between neighbouring halves (and ties nudged by tiny amounts, which
    expose double rounding), plus random bit patterns incl. nan payloads."""
    out = []
    halves = rng.integers(0, 65536, size=n, dtype=np.uint64).astype(np.uint16)
    hv = halves.view(np.float16).astype(np.float64)
    nxt = (halves.astype(np.uint32) + 1).astype(np.uint16).view(
        np.float16).astype(np.float64)
    with np.errstate(invalid="ignore"):
        mid = (hv + nxt) / 2      # exact in float64
    kind = rng.integers(0, 6, size=n)
    eps = np.ldexp(1.0, -30 - rng.integers(0, 20, size=n))
    d = np.where(kind == 0, mid,
        np.where(kind == 1, mid * (1 + eps),
        np.where(kind == 2, mid * (1 - eps),
        np.where(kind == 3, np.ldexp(rng.random(n) + 0.5,
                                     rng.integers(-27, 18, size=n)),
                 rng.integers(0, 2 ** 64, size=n,
                              dtype=np.uint64).view(np.float64)))))
    d = np.where(np.isfinite(d) | (kind >= 4), d, hv)
    with np.errstate(over="ignore", invalid="ignore"):
        h64 = d.astype(np.float16).view(np.uint16)
        f = np.where(kind == 5, rng.integers(0, 2 ** 32, size=n,
                                             dtype=np.uint64).astype(
                         np.uint32).view(np.float32), d.astype(np.float32))
        h32 = f.astype(np.float16).view(np.uint16)
    for a, b in zip(d.view(np.uint64).tolist(), h64.tolist()):
        out.append("H %016x %04x\n" % (a, b))
    for a, b in zip(f.view(np.uint32).tolist(), h32.tolist()):
        out.append("h %08x %04x\n" % (a, b))
    f16 = halves.view(np.float16).astype(np.float32).view(np.uint32)
    for a, b in zip(halves.tolist(), f16.tolist()):
        out.append("F %04x %08x\n" % (a, b))
    return out


def main(argv):
    if len(argv) == 4 and argv[1] == "cases":
        cmd_cases(int(argv[2]), int(argv[3]))
    elif len(argv) == 5 and argv[1] == "long":
        cmd_long(int(argv[2]), int(argv[3]), int(argv[4]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        sys.exit(1)
