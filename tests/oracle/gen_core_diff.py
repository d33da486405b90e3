#!/usr/bin/python3
"""Randomised differential scenarios for the ndmap core, with numpy as oracle.

    /usr/bin/python3 tests/oracle/gen_core_diff.py SEED COUNT OUT.jsonl

Each scenario creates a file (or none, or a directory) called data.bin,
opens it with numpy.memmap(filename, dtype, mode, offset, shape, order), then
runs a random sequence of operations on the result and on arrays derived from
it, recording numpy's result after every step. tests/test_core_diff.c replays
the same steps through the C API and compares.

Output (JSON Lines). Line 1 is {"meta": {..., "count": N}}; then N scenarios:

  {"id": "SEED-I",
   "file": {"kind": "absent"} | {"kind": "dir"}
         | {"kind": "file", "size": n, "content": "pattern"|"zeros"}
         | {"kind": "file", "size": n, "content": "hex", "hex": "..."},
           (pattern: byte i is i % 251, as tu_write_pattern writes it)
   "open": {"dtype": text|null, "mode": text|null, "offset": n,
            "shape": null | [dims], "order": "C"},
   "expect": DESC | ERR,                 -- the opened array is handle 0
   "ops": [OP, ...],
   "final": {"file": FILE, "roots": {"handle": hex, ...}}}

  DESC = {"h": handle, "shape": [...], "strides": [...], "dtype": dtype.str,
          "name": dtype.name, "flags": bits, "memmap": bool, "mode": text|null,
          "offset": n|null, "hex": tobytes() as hex}
         flags bits as in ndmap.h: WRITEABLE 1, C_CONTIGUOUS 2,
         F_CONTIGUOUS 4, OWNDATA 8, ALIGNED 16.
  ERR  = {"error": exception class, "message": str(exception)}
  FILE = null (no regular file) | {"size": n, "base": "initial"|"zeros",
         "patches": [[offset, hex], ...]}: the file's bytes are the base (the
         initial content, or nothing) cut or zero-extended to size, with each
         patch written at its offset

  OP (each with "expect"):
    {"op": "view", "src": h, "index": text}            a[index] (a[index, ...]
                                                       for an all-integer index:
                                                       ndm_index gives a 0-d view)
    {"op": "T", "src": h}                              a.T
    {"op": "astype", "src": h, "dtype": text|null}     a.astype(dtype, order='C')
        view/T/astype expect DESC of the new handle (the next free number) or ERR
    {"op": "setscalar", "dst": h, "index": text|null, "literal": text}
    {"op": "setarray", "dst": h, "index": text|null,
     "value": {"dtype": text, "shape": [...], "order": "C"|"F", "hex": bytes
               laid out in that order}}
    {"op": "sethandle", "dst": h, "index": text|null, "src": h2}
        index null means the whole array (a[...] = value);
        expect {"ok": true} or ERR, plus "root"/"hex": tobytes() of the array
        that owns dst's memory (handle 0 or an astype result) afterwards
    {"op": "flush", "h": h}                            expect {"ok": true, "file": FILE}

numpy here is 1.24.2, the target is numpy >= 2.3. Following
shared/spec/numpy-behaviour.md section 1.2/1.3 the generator keeps away from the
inputs where the two differ (AVOID rows 1, 2, 3, 9, 11, 12; zero-size maps at
offsets that are multiples of 4096; complex literals into real arrays;
nan/inf/out-of-range values into integers; float->int casts of out-of-range,
nan or inf values; ints beyond 2**53 into float32/float16 through scalars;
arrays with ndim > 0 into one complex element: TypeError whose text changed)
and rewrites where the target is known (FIX row 4: "shape must be given if
mode == 'w+'"). Contract rewrites (ndmap.h): ndm_astype returns a C-ordered
in-memory array that is not a memmap (numpy: a detached memmap subclass); a
result counts as a memmap only if it is numpy.memmap *and* holds a mapping
(numpy's a.T of an empty memmap is a memmap instance without one; ndm_is_memmap
says 0 for empty views). As a safety net a scenario is discarded whenever
numpy emits a DeprecationWarning/FutureWarning (a 1.24-only behaviour) or an
"invalid value" warning while casting to an integer type (unspecified).
NaNs with non-canonical payloads (the file pattern makes them) are never cast
to another float type: numpy versions differ there (software vs F16C).
"""
import ast
import json
import math
import os
import shutil
import sys
import tempfile
import warnings

try:
    import numpy as np
except ImportError:  # no numpy: the caller skips regeneration
    sys.stderr.write("gen_core_diff: numpy is not available\n")
    sys.exit(77)

NUMPY_PINNED = "1.24.2"
G = 4096
FN = "data.bin"

# ---- dtypes ---------------------------------------------------------------

# Spellings per type; names take no byte-order prefix, codes do.
NAMES = {
    "b1": ["bool"],
    "i1": ["int8", "byte"], "i2": ["int16", "short"], "i4": ["int32", "intc"],
    "i8": ["int64", "int", "long", "longlong", "intp"],
    "u1": ["uint8", "ubyte"], "u2": ["uint16", "ushort"], "u4": ["uint32", "uintc"],
    "u8": ["uint64", "uint", "ulong", "ulonglong", "uintp"],
    "f2": ["float16", "half"], "f4": ["float32", "single"],
    "f8": ["float64", "double", "float"],
    "c8": ["complex64", "csingle"], "c16": ["complex128", "cdouble", "complex"],
}
CODES = {
    "b1": ["?", "b1"], "i1": ["b", "i1"], "i2": ["h", "i2"], "i4": ["i", "i4"],
    "i8": ["l", "q", "p", "i8"], "u1": ["B", "u1"], "u2": ["H", "u2"],
    "u4": ["I", "u4"], "u8": ["L", "Q", "P", "u8"], "f2": ["e", "f2"],
    "f4": ["f", "f4"], "f8": ["d", "f8"], "c8": ["F", "c8"], "c16": ["D", "c16"],
}
TYPES = list(NAMES)
BAD_DTYPES = ["float33", "i3", "u16", "bogus", ">int8", "<float32", "f5"]
ORDERS_OK = ["C", "F", "A", "K", "c", "f", "a", "k"]
MODES = {"r": "r", "r+": "r+", "w+": "w+", "c": "c", "readonly": "r",
         "readwrite": "r+", "write": "w+", "copyonwrite": "c"}
BAD_MODES = ["w", "rb", "r+b", "a", "R"]


class Discard(Exception):
    """The scenario touched a 1.24-only behaviour; generate another."""


def kind(dt):
    return np.dtype(dt).kind


def int_range(dt):
    info = np.iinfo(dt)
    return int(info.min), int(info.max)


class Gen:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    # -- small random helpers
    def r(self):
        return float(self.rng.random())

    def i(self, lo, hi):  # inclusive
        return int(self.rng.integers(lo, hi + 1))

    def pick(self, seq):
        return seq[int(self.rng.integers(0, len(seq)))]

    def chance(self, p):
        return self.rng.random() < p

    # -- dtypes
    def spelling(self, t=None):
        """A numpy spelling of type t (random if None), any byte order."""
        t = t or self.pick(TYPES)
        if self.chance(0.35):
            return self.pick(NAMES[t])
        code = self.pick(CODES[t])
        p = self.r()
        prefix = "" if p < 0.35 else "<" if p < 0.55 else ">" if p < 0.85 else "=" if p < 0.95 else "|"
        return prefix + code

    def value_dtype(self):
        t = self.pick(TYPES)
        d = np.dtype(t)
        if d.itemsize > 1 and self.chance(0.35):
            d = d.newbyteorder(">")
        return d

    # -- files
    def file_spec(self):
        p = self.r()
        if p < 0.04:
            return {"kind": "absent"}
        if p < 0.05:
            return {"kind": "dir"}
        q = self.r()
        if q < 0.06:
            size = 0
        elif q < 0.75:
            size = self.i(1, 300)
        elif q < 0.9:
            size = self.pick([8, 16, 24, 32, 48, 64, 96, 128, 256])
        else:
            size = self.pick([4095, 4096, 4097, 4100, 4200, 8192, 8200])
        c = self.r()
        if c < 0.12:
            return {"kind": "file", "size": size, "content": "zeros"}
        if c < 0.25 and size <= 256:
            data = self.rng.integers(0, 256, size, dtype=np.uint8).tobytes()
            return {"kind": "file", "size": size, "content": "hex", "hex": data.hex()}
        return {"kind": "file", "size": size, "content": "pattern"}

    # -- open arguments
    def open_spec(self, fspec):
        flen = fspec.get("size", 0) if fspec["kind"] == "file" else 0
        p = self.r()
        if p < 0.03:
            dtype = None
        elif p < 0.05:
            dtype = self.pick(BAD_DTYPES)
        else:
            dtype = self.spelling()
        p = self.r()
        if p < 0.02:
            mode = None
        elif p < 0.035:
            mode = self.pick(BAD_MODES)
        else:
            mode = self.pick(list(MODES)[:4] * 3 + list(MODES)[4:])
        try:
            isz = np.dtype(dtype if dtype is not None else "uint8").itemsize
        except TypeError:
            isz = 1
        short = MODES.get(mode) if mode is not None else "r+"
        # offset
        for _ in range(4):
            p = self.r()
            if p < 0.4:
                offset = 0
            elif p < 0.6:
                offset = isz * self.i(1, 8)
            elif p < 0.75:
                offset = self.i(1, 40)
            elif p < 0.85:
                offset = max(0, flen + self.i(-isz * 2, 24))
            elif p < 0.97:
                offset = self.pick([G - 1, G, G + 1, G + 3, G + 8, 2 * G, 2 * G + 5])
            else:
                offset = self.pick([-1, -8, -4096])
            # r and c cannot map past the end: mostly stay inside the file
            if short not in ("r", "c") or offset <= flen or self.chance(0.2):
                break
        # shape
        p = self.r()
        if short == "w+" and p < 0.25:
            p = 0.25 if self.chance(0.95) else 0  # w+ needs a shape (FIX row 4)
        if p < 0.25 and self.chance(0.7) and 0 <= offset <= flen and (flen - offset) % isz:
            offset += (flen - offset) % isz  # make the rest a whole number of items
        avail = max(flen - max(offset, 0), 0) // isz
        if p < 0.25:
            shape = None
        elif p < 0.33:
            shape = []
        else:
            nd = self.pick([1, 1, 1, 2, 2, 3, 4])
            fit = self.chance(0.85) and avail > 0
            dims = []
            for k in range(nd):
                if self.chance(0.04):
                    dims.append(0)
                else:
                    dims.append(self.i(1, 7 if nd > 1 else 40))
            if fit:
                # shrink to what the file holds, as numpy users usually do
                while int(np.prod(dims)) > avail and max(dims) > 1:
                    j = int(np.argmax(dims))
                    dims[j] = max(1, dims[j] // 2)
            if self.chance(0.02):
                dims[self.i(0, nd - 1)] = self.pick([-1, -2])
            shape = dims
        p = self.r()
        order = ("C" if p < 0.6 else "F" if p < 0.85 else
                 self.pick(ORDERS_OK) if p < 0.985 else self.pick(["X", "Z"]))
        return {"dtype": dtype, "mode": mode, "offset": offset, "shape": shape, "order": order}

    # -- index text
    def index(self, shape, allow_bad=True):
        """Random basic index for an array of `shape`: (text, tuple, all_int)."""
        nd = len(shape)
        if self.chance(0.05):
            return "()", (), nd == 0
        if self.chance(0.04):
            return "...", (Ellipsis,), False
        k = self.i(0, nd) if nd else 0
        if allow_bad and self.chance(0.04):
            k = nd + 1
        ell = self.chance(0.2) and k <= nd
        ell_pos = self.i(0, k) if ell else None
        kinds = ["int" if self.chance(0.4) else "slice" for _ in range(k)]
        entries = []
        for j in range(k):
            # axis this entry applies to
            if ell and j >= ell_pos:
                axis = nd - (k - j)
            else:
                axis = j
            L = shape[axis] if 0 <= axis < nd else 0
            if kinds[j] == "int":
                if L > 0 and (not allow_bad or self.chance(0.93)):
                    v = self.i(-L, L - 1)
                else:
                    v = self.pick([L, L + 1, -L - 1, -L - 3])
                entries.append(("int", v))
            else:
                def bound():
                    if self.chance(0.4):
                        return None
                    return self.i(-L - 3, L + 3)
                start, stop = bound(), bound()
                step = None
                if self.chance(0.5):
                    step = self.pick([1, 2, 3, -1, -1, -2, -3, 5])
                    if allow_bad and self.chance(0.03):
                        step = 0
                entries.append(("slice", (start, stop, step)))
        if ell:
            entries.insert(ell_pos, ("ell", None))
            if allow_bad and self.chance(0.02):
                entries.insert(self.i(0, len(entries)), ("ell", None))
        if self.chance(0.2):
            for _ in range(self.i(1, 2)):
                entries.insert(self.i(0, len(entries)), ("none", None))
        if not entries:
            return (":" if nd else "..."), ((slice(None),) if nd else (Ellipsis,)), False
        texts, objs = [], []
        for kd, v in entries:
            if kd == "int":
                texts.append(str(v))
                objs.append(v)
            elif kd == "ell":
                texts.append("...")
                objs.append(Ellipsis)
            elif kd == "none":
                texts.append("np.newaxis" if self.chance(0.2) else "None")
                objs.append(None)
            else:
                start, stop, step = v
                def part(x):
                    if x is None:
                        return "None" if self.chance(0.1) else ""
                    return str(x)
                t = part(start) + ":" + part(stop)
                if step is not None:
                    t += ":" + str(step)
                elif self.chance(0.1):
                    t += ":"
                texts.append(t)
                objs.append(slice(start, stop, step))
        sep = self.pick([", ", ",", " , "])
        text = sep.join(texts)
        if len(texts) == 1 and self.chance(0.1):
            text += ","
        if len(texts) > 1 and self.chance(0.05):
            text = "(" + text + ")"  # a[(0, 1)] is a[0, 1]
        all_int = all(kd == "int" for kd, _ in entries) and len(entries) == nd
        return text, tuple(objs), all_int

    # -- scalar literals
    def literal(self, dt):
        """A Python literal whose conversion to dt is the same in 1.24 and
        the target (spec 6.4 with rows 9 and 11 avoided), sometimes in one
        of Python's other spellings of the same value."""
        text = self.plain_literal(dt)
        if self.chance(0.15):
            text = self.respell(text)
        return text

    def respell(self, text):
        v = py_literal(text)
        if type(v) is int and not isinstance(v, bool):
            forms = [hex(v) if v >= 0 else "-" + hex(-v), oct(v) if v >= 0 else "-" + oct(-v),
                     bin(v) if v >= 0 and v < 2 ** 70 else str(v), f"{v:_}", "+" + str(v) if v >= 0 else str(v),
                     f" {v} ", f"({v})", "0" if v == 0 else str(v)]
            return self.pick(forms)
        if type(v) is float and math.isfinite(v) and "e" not in text and "." in text:
            return self.pick([text + "e0", "(" + text + ")", " " + text, text.replace(".", ".0", 1)
                              if not text.startswith("-") else text])
        if type(v) is complex:
            return self.pick([text.replace("j", "J"), text, " " + text + " "])
        return text

    def plain_literal(self, dt):
        k = dt.kind
        p = self.r()
        if p < 0.08:
            return self.pick(["True", "False"])
        if k in "iu":
            lo, hi = int_range(dt)
            if p < 0.5:
                v = self.pick([lo, hi, 0, 1, -1, lo + 1, hi - 1, self.i(-5, 5)])
                v = min(max(v, lo), hi)
                return str(v)
            if p < 0.65:
                return str(int(self.rng.integers(lo, hi, endpoint=True, dtype=np.int64 if k == "i" else np.uint64)))
            if p < 0.9:  # a float whose truncation fits
                for _ in range(20):
                    f = float(self.pick([self.rng.uniform(-3, 3), self.rng.uniform(lo - 0.99, hi + 0.99),
                                         self.rng.uniform(-200, 200)]))
                    f = self.pick([f, round(f, 2), float(int(f)) + 0.5])
                    if math.isfinite(f) and lo <= math.trunc(f) <= hi:
                        return repr(f)
                return "0.5"
            if p < 0.95:
                return self.pick(["2.7", "-0.5", "0.0", "-0.0", "1e2", "1E1", ".5", "3."]) if lo < 0 else \
                    self.pick(["2.7", "-0.5", "0.0", "1e2", ".5", "3."])
            # does not fit a C long: the same OverflowError in 1.24 and the target
            return str(self.pick([2 ** 64, 2 ** 70, -2 ** 63 - 1, -2 ** 80, 10 ** 30]))
        if k == "b":
            if p < 0.4:
                return str(self.i(-3, 3))
            if p < 0.7:
                return self.pick(["0.0", "-0.0", "1.5", "nan", "inf", "-inf", "1e-300"])
            if p < 0.85:
                return str(self.pick([2 ** 62, -2 ** 63, 255]))
            return self.pick(["0j", "2j", "(1+2j)", "-1.5e3-2j", "(0-0j)", "(1.5+0j)"])
        # float and complex destinations
        if p < 0.3:
            return str(self.pick([0, 1, -1, 7, 65504, 65519, 65520, 2 ** 24 + 1, 2 ** 53, -(2 ** 53),
                                  self.i(-10 ** 6, 10 ** 6), 2 ** 100, -2 ** 127, 10 ** 400]))
        if p < 0.55:
            return self.pick(["nan", "inf", "-inf", "-0.0", "0.0", "1e300", "-1e300", "1e-50", "-1e-50",
                              "65520.", "65519.99", "6e-8", "1e-5", "0.1", "3.4028235e38", "3.5e38",
                              "1.5", ".25", "2.", "1e3", "5e-324"])
        if k == "c" and p < 0.8:
            return self.pick(["2j", "-2j", "(1+2j)", "-1.5e3-2j", "(0.1-0.2j)", "1e300j", "(1e-50+3j)",
                              "(-0-0j)", "(3.25+0j)", "0j"])
        f = float(self.pick([self.rng.normal() * 10 ** self.i(-10, 10), self.rng.uniform(-1000, 1000)]))
        return repr(f)

    # -- array values
    def values(self, d, n, dst):
        """n random values of dtype d whose cast to dst is specified."""
        k = d.kind
        dk = dst.kind if dst is not None else "f"
        if k == "b":
            a = self.rng.integers(0, 2, n).astype(bool)
        elif k in "iu":
            lo, hi = int_range(d)
            if self.chance(0.5):
                a = self.rng.integers(max(lo, -50), min(hi, 50), n, endpoint=True)
            else:
                a = self.rng.integers(lo, hi, n, endpoint=True, dtype=d.newbyteorder("="))
            a = a.astype(d)
        else:
            def floats():
                p = self.r()
                if p < 0.3:
                    x = self.rng.integers(-100, 100, n).astype(np.float64)
                elif p < 0.6:
                    x = self.rng.normal(size=n) * 10.0 ** self.i(-6, 6)
                else:
                    x = self.rng.uniform(-1e5, 1e5, n)
                specials = [np.nan, -np.nan, np.inf, -np.inf, -0.0, 0.0, 1e300, -1e-310, 65520.0,
                            3.5e38, 1e-8, 5e-324, 2.0 ** -24, 0.5, 2.5, -1.5]
                for j in range(n):
                    if self.chance(0.1):
                        x[j] = self.pick(specials)
                return x
            x = floats()
            if k == "c":
                z = np.empty(n, np.complex128)
                z.real, z.imag = x, floats()
                x = z
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                a = x.astype(d)
            if dk in "iu":
                lo, hi = int_range(dst)
                re = a.real.astype(np.float64) if k == "c" else a.astype(np.float64)
                t = np.trunc(np.where(np.isfinite(re), re, 0.0))
                bad = ~np.isfinite(re) | (t < float(lo)) | (t >= float(hi) + 1.0)
                if bad.any():
                    fill = np.array(self.rng.integers(max(lo, -20), min(hi, 20), n, endpoint=True)) + 0.25
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        a = a.copy()
                        if k == "c":
                            a.real[bad] = fill[bad]
                        else:
                            a[bad] = fill[bad].astype(d)
        return np.ascontiguousarray(a, dtype=d)

    def value_shape(self, sel):
        """A value shape for a selection of shape sel (or None: unknown)."""
        if sel is None:
            sel = tuple(self.i(1, 4) for _ in range(self.i(0, 2)))
        sel = list(sel)
        p = self.r()
        if p < 0.3:
            s = sel[:]
        elif p < 0.5:
            s = [1 if self.chance(0.5) else x for x in sel]
        elif p < 0.62:
            s = sel[self.i(0, len(sel)):]
        elif p < 0.7:
            s = [1] * self.i(1, 2) + sel
        elif p < 0.8:
            s = []
        elif p < 0.92:
            s = sel[:] if sel else [2]
            j = self.i(0, len(s) - 1)
            s[j] = s[j] + self.pick([1, 2]) if s[j] != 1 else 3
        else:
            s = [self.i(2, 3)] + sel
        while int(np.prod(s)) > 512:
            s = s[1:]
        return s


# ---- numpy side -------------------------------------------------------------

def flags_of(a):
    f = a.flags
    return ((1 if f.writeable else 0) | (2 if f.c_contiguous else 0) | (4 if f.f_contiguous else 0) |
            (8 if f.owndata else 0) | (16 if f.aligned else 0))


def is_memmap(a):
    return isinstance(a, np.memmap) and getattr(a, "_mmap", None) is not None


def desc(h, a, memmap=None):
    mm = is_memmap(a) if memmap is None else memmap
    return {"h": h, "shape": list(a.shape), "strides": list(a.strides), "dtype": a.dtype.str,
            "name": a.dtype.name, "flags": flags_of(a), "memmap": mm,
            "mode": a.mode if mm else None, "offset": int(a.offset) if mm else None,
            "hex": a.tobytes().hex()}


def err(e):
    msg = str(e)
    if isinstance(e, ValueError) and msg == "shape must be given":  # FIX row 4
        msg = "shape must be given if mode == 'w+'"
    return {"error": type(e).__name__, "message": msg}


def initial_bytes(spec):
    if spec["kind"] != "file":
        return b""
    n = spec["size"]
    if spec["content"] == "zeros":
        return bytes(n)
    if spec["content"] == "pattern":
        return bytes(i % 251 for i in range(n))
    return bytes.fromhex(spec["hex"])


def patches(base, data):
    """Runs of data that differ from base (base cut or zero-extended to
    len(data)), as [[offset, hex], ...]; runs closer than 16 bytes merge."""
    base = base[:len(data)] + bytes(max(0, len(data) - len(base)))
    out, i, n = [], 0, len(data)
    while i < n:
        if data[i] == base[i]:
            i += 1
            continue
        j, last = i, i
        while j < n and j - last <= 16:
            if data[j] != base[j]:
                last = j
            j += 1
        out.append([i, data[i:last + 1].hex()])
        i = last + 1
    return out


def file_state(spec):
    """FILE: null, or size + the patches against the initial content (base
    "initial") or against zeros (base "zeros"), whichever is shorter."""
    if not os.path.isfile(FN):
        return None
    with open(FN, "rb") as f:
        data = f.read()
    best = None
    for name, base in (("initial", initial_bytes(spec)), ("zeros", b"")):
        p = patches(base, data)
        cost = sum(len(h) + 12 for _, h in p)
        if best is None or cost < best[0]:
            best = (cost, {"size": len(data), "base": name, "patches": p})
    return best[1]


def make_file(spec):
    if os.path.isdir(FN):
        os.rmdir(FN)
    elif os.path.lexists(FN):
        os.unlink(FN)
    if spec["kind"] == "dir":
        os.mkdir(FN)
    elif spec["kind"] == "file":
        with open(FN, "wb") as f:
            f.write(initial_bytes(spec))


def py_literal(text):
    if text in ("nan", "inf", "-inf"):
        return float(text)
    return ast.literal_eval(text)


def target_differs(fspec, o):
    """True if numpy >= 2.3 opens this differently from 1.24 (rows 1-3)."""
    mode = MODES.get(o["mode"] if o["mode"] is not None else "r+")
    if mode is None:
        return False
    try:
        isz = np.dtype(o["dtype"] if o["dtype"] is not None else "uint8").itemsize
    except TypeError:
        return False  # fails at the dtype, before any mapping
    flen = fspec["size"] if fspec["kind"] == "file" else 0
    if mode == "w+":
        flen = 0
        if o["shape"] is None:
            return False  # FIX row 4
    if fspec["kind"] != "file" and mode != "w+":
        return False  # the open fails before any mapping
    offset = o["offset"]
    if o["shape"] is None:
        if (flen - offset) % isz:
            return False
        size = (flen - offset) // isz
    else:
        size = int(np.prod(o["shape"])) if o["shape"] else 1
    nbytes = offset + size * isz
    if mode in ("r+", "w+") and nbytes < 1:
        return True  # rows 1 and 3
    start = offset - offset % G
    if nbytes - start == 0 and start > 0:
        return True  # row 2
    return False


CANON_NAN = {2: {0x7e00, 0xfe00}, 4: {0x7fc00000, 0xffc00000},
             8: {0x7ff8000000000000, 0xfff8000000000000}}


def odd_nans(a):
    """True if a (float/complex) holds a NaN whose bits are not the canonical
    quiet NaN: casting it to another float type is version-dependent."""
    if a.dtype.kind not in "fc" or a.size == 0:
        return False
    parts = [a.real, a.imag] if a.dtype.kind == "c" else [a]
    for p in parts:
        p = np.ascontiguousarray(p)
        p = p.astype(p.dtype.newbyteorder("="))
        isz = p.dtype.itemsize
        bits = p.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[isz])
        nan = np.isnan(p)
        if nan.any() and not all(int(b) in CANON_NAN[isz] for b in bits[nan].ravel()):
            return True
    return False


def cast_ok(src, dst_dtype):
    """Whether casting src's values to dst_dtype is specified and the same in
    every numpy: no float->int of nan/inf/out-of-range, no odd NaN payloads
    into another float type."""
    sk, dk = src.dtype.kind, np.dtype(dst_dtype).kind
    if sk in "fc" and dk in "iu":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # signalling NaNs from the file
            re = np.asarray(src.real if sk == "c" else src, dtype=np.float64)
        if not np.isfinite(re).all():
            return False
        lo, hi = int_range(np.dtype(dst_dtype))
        t = np.trunc(re)
        return bool(((t >= float(lo)) & (t < float(hi) + 1.0)).all())
    if sk in "fc" and dk in "fc":
        # the component (real) type of each side
        sc = src.dtype.itemsize // (2 if sk == "c" else 1)
        dc = np.dtype(dst_dtype).itemsize // (2 if dk == "c" else 1)
        if sc != dc and odd_nans(src):
            return False
    return True


class Scenario:
    def __init__(self, gen, sid):
        self.g = gen
        self.id = sid
        self.handles = []  # numpy arrays
        self.group = []    # handle -> root handle number
        self.casts_to_int = False

    def add(self, a, root=None):
        h = len(self.handles)
        self.handles.append(a)
        self.group.append(h if root is None else root)
        return h

    def root_hex(self, h):
        r = self.group[h]
        return r, self.handles[r].tobytes().hex()

    def pick_handle(self, prefer_nd=True, writeable=False):
        hs = list(range(len(self.handles)))
        if writeable and self.g.chance(0.75):
            w = [h for h in hs if self.handles[h].flags.writeable]
            hs = w or hs
        if prefer_nd:
            nd = [h for h in hs if self.handles[h].ndim > 0 and self.handles[h].size > 0]
            if nd and self.g.chance(0.85):
                hs = nd
        return self.g.pick(hs)

    def run(self):
        g = self.g
        fspec = self.fspec = g.file_spec()
        for _ in range(100):
            o = g.open_spec(fspec)
            if not target_differs(fspec, o):
                break
        else:
            raise Discard("open")
        make_file(fspec)
        rec = {"id": self.id, "file": fspec, "open": o, "ops": []}
        kw = {"mode": o["mode"], "offset": o["offset"], "order": o["order"]}
        if o["dtype"] is not None:
            kw["dtype"] = o["dtype"]
        if o["mode"] is None:
            del kw["mode"]
        shp = o["shape"]
        kw["shape"] = None if shp is None else (tuple(shp) if (len(shp) != 1 or g.chance(0.5)) else shp[0])
        try:
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                m = np.memmap(FN, **kw)
            self.check_warnings(w, False)
        except Discard:
            raise
        except Exception as e:  # noqa: BLE001 - every numpy error is data
            rec["expect"] = err(e)
            rec["final"] = {"file": file_state(self.fspec), "roots": {}}
            return rec
        self.add(m)
        rec["expect"] = desc(0, m, True)
        for _ in range(g.i(1, 12)):
            op = self.op()
            if op is not None:
                rec["ops"].append(op)
        roots = {}
        for h in range(len(self.handles)):
            if self.group[h] == h:
                roots[str(h)] = self.handles[h].tobytes().hex()
        rec["final"] = {"file": file_state(self.fspec), "roots": roots}
        return rec

    def check_warnings(self, w, casts_to_int):
        for x in w:
            if issubclass(x.category, (DeprecationWarning, FutureWarning, PendingDeprecationWarning)):
                raise Discard(str(x.message))
            if casts_to_int and issubclass(x.category, RuntimeWarning) and "invalid value" in str(x.message):
                raise Discard(str(x.message))

    def numpy_step(self, fn, casts_to_int):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                res = fn()
                out = (True, res)
            except Exception as e:  # noqa: BLE001
                out = (False, e)
        self.check_warnings(w, casts_to_int)
        return out

    def op(self):
        g = self.g
        p = g.r()
        if p < 0.28:
            return self.op_view()
        if p < 0.33:
            return self.op_T()
        if p < 0.53:
            return self.op_setscalar()
        if p < 0.73:
            return self.op_setarray()
        if p < 0.87:
            return self.op_sethandle()
        if p < 0.95:
            return self.op_astype()
        return self.op_flush()

    def new_handle_expect(self, ok, res, root_of):
        if not ok:
            return err(res)
        h = self.add(res, None if root_of is None else self.group[root_of])
        return desc(h, res)

    def op_view(self):
        h = self.pick_handle()
        a = self.handles[h]
        text, idx, all_int = self.g.index(a.shape)
        key = idx + (Ellipsis,) if all_int else idx
        ok, res = self.numpy_step(lambda: a[key], False)
        return {"op": "view", "src": h, "index": text, "expect": self.new_handle_expect(ok, res, h)}

    def op_T(self):
        h = self.pick_handle()
        a = self.handles[h]
        ok, res = self.numpy_step(lambda: a.T, False)
        return {"op": "T", "src": h, "expect": self.new_handle_expect(ok, res, h)}

    def op_astype(self):
        g = self.g
        h = self.pick_handle(False)
        a = self.handles[h]
        p = g.r()
        spell = None if p < 0.05 else g.pick(BAD_DTYPES) if p < 0.08 else g.spelling()
        try:
            dt = np.dtype(spell) if spell is not None else a.dtype
            if not cast_ok(a, dt):
                return None
            to_int = dt.kind in "iu"
        except TypeError:
            to_int = False
        ok, res = self.numpy_step(lambda: a.astype(spell if spell is not None else a.dtype, order="C"), to_int)
        if ok:  # contract: an in-memory array, not a memmap
            h2 = self.add(res)
            exp = desc(h2, res, False)
        else:
            exp = err(res)
        return {"op": "astype", "src": h, "dtype": spell, "expect": exp}

    def target(self, a):
        """A destination index for a: (text or None, key, all_int, selection shape or None)."""
        g = self.g
        if g.chance(0.15):
            return None, Ellipsis, False, a.shape
        text, idx, all_int = g.index(a.shape)
        try:
            sel = a[idx].shape
        except Exception:  # noqa: BLE001
            sel = None
        if all_int:
            sel = ()
        return text, idx, all_int, sel

    def assign(self, rec, a, dst_h, key, value, to_int):
        def do():
            a[key] = value
        ok, res = self.numpy_step(do, to_int)
        exp = {"ok": True} if ok else err(res)
        exp["root"], exp["hex"] = self.root_hex(dst_h)
        rec["expect"] = exp
        return rec

    def op_setscalar(self):
        h = self.pick_handle(writeable=True)
        a = self.handles[h]
        text, key, all_int, sel = self.target(a)
        lit = self.g.literal(a.dtype)
        rec = {"op": "setscalar", "dst": h, "index": text, "literal": lit}
        return self.assign(rec, a, h, key, py_literal(lit), False)

    def op_setarray(self):
        g = self.g
        h = self.pick_handle(writeable=True)
        a = self.handles[h]
        text, key, all_int, sel = self.target(a)
        d = g.value_dtype()
        shape = g.value_shape(sel)
        if all_int and len(shape) > 0 and (int(np.prod(shape)) == 1 or a.dtype.kind == "c"):
            shape = []  # AVOID row 12, and complex elements (see below)
        n = int(np.prod(shape)) if shape else 1
        vals = g.values(d, n, a.dtype).reshape(shape)
        order = "F" if len(shape) >= 2 and g.chance(0.35) else "C"
        if order == "F":
            vals = np.asfortranarray(vals)
        if not cast_ok(vals, a.dtype):
            return None
        rec = {"op": "setarray", "dst": h, "index": text,
               "value": {"dtype": d.str, "shape": list(shape), "order": order,
                         "hex": vals.tobytes(order=order).hex()}}
        return self.assign(rec, a, h, key, vals, a.dtype.kind in "iu")

    def op_sethandle(self):
        g = self.g
        h = self.pick_handle(writeable=True)
        a = self.handles[h]
        same = [s for s in range(len(self.handles)) if self.group[s] == self.group[h]]
        s = g.pick(same) if g.chance(0.8) else g.pick(range(len(self.handles)))
        b = self.handles[s]
        if g.chance(0.5) and a.ndim and a.shape[0] > 0:
            # the classic overlapping shift, a[k:] = a[:-k] (or the reverse,
            # or a[::-1] = a[:]), with the source made a handle first as a C
            # user would (ndm_index, then ndm_setitem)
            k = g.i(1, 2)
            text, key, src_text, src_key = g.pick([
                (f"{k}:", slice(k, None), f":-{k}", slice(None, -k)),
                (f":-{k}", slice(None, -k), f"{k}:", slice(k, None)),
                ("::-1", slice(None, None, -1), ":", slice(None))])
            ok, vb = self.numpy_step(lambda: a[src_key], False)
            if not ok:
                return None
            s = self.add(vb, self.group[h])
            b = vb
            pre = {"op": "view", "src": h, "index": src_text, "expect": desc(s, vb)}
            all_int = False
        else:
            text, key, all_int, sel = self.target(a)
            pre = None
        if all_int and b.ndim > 0 and (b.size == 1 or a.dtype.kind == "c"):
            # AVOID row 12; and a complex element set from an array with
            # ndim > 0 raises TypeError from ndarray.__complex__, whose text
            # differs: 1.24/2.3 "only length-1 arrays can be converted to
            # Python scalars", >= 2.4 "only 0-dimensional arrays ..."
            return pre
        if not cast_ok(b, a.dtype):
            return pre
        rec = {"op": "sethandle", "dst": h, "index": text, "src": s}
        rec = self.assign(rec, a, h, key, b, a.dtype.kind in "iu" and b.dtype.kind in "fc")
        if pre is not None:
            return [pre, rec]
        return rec

    def op_flush(self):
        mms = [h for h in range(len(self.handles)) if isinstance(self.handles[h], np.memmap)]
        h = self.g.pick(mms) if mms and self.g.chance(0.9) else self.pick_handle(False)
        a = self.handles[h]
        if isinstance(a, np.memmap):
            ok, res = self.numpy_step(a.flush, False)
            if not ok:
                raise RuntimeError(f"numpy flush failed: {res!r}")
        return {"op": "flush", "h": h, "expect": {"ok": True, "file": file_state(self.fspec)}}


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: gen_core_diff.py SEED COUNT OUT.jsonl\n")
        return 2
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), os.path.abspath(sys.argv[3])
    if np.__version__ != NUMPY_PINNED:
        sys.stderr.write(f"gen_core_diff: numpy {np.__version__} is not the pinned oracle {NUMPY_PINNED}\n")
        return 77
    gen = Gen(seed)
    tmp = tempfile.mkdtemp(prefix="ndm-core-diff-")
    cwd = os.getcwd()
    os.chdir(tmp)
    recs, discarded, attempts = [], {}, 0
    try:
        while len(recs) < count:
            attempts += 1
            if attempts > count * 4 + 100:
                raise RuntimeError("too many discarded scenarios")
            sc = Scenario(gen, f"{seed}-{len(recs)}")
            try:
                rec = sc.run()
            except Discard as d:
                key = str(d)[:60]
                discarded[key] = discarded.get(key, 0) + 1
                continue
            finally:
                del sc
            ops = []
            for op in rec["ops"]:
                ops.extend(op if isinstance(op, list) else [op])
            rec["ops"] = ops
            recs.append(rec)
    finally:
        os.chdir(cwd)
        shutil.rmtree(tmp, ignore_errors=True)
    with open(out + ".tmp", "w") as f:
        meta = {"generator": "tests/oracle/gen_core_diff.py", "numpy": np.__version__,
                "seed": seed, "count": len(recs)}
        f.write(json.dumps({"meta": meta}, separators=(",", ":")) + "\n")
        for rec in recs:
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")
    os.replace(out + ".tmp", out)
    if discarded:
        sys.stderr.write(f"gen_core_diff: {sum(discarded.values())} scenarios discarded: {discarded}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
