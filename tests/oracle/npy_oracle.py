#!/usr/bin/python3
"""Differential oracle for ndmap's .npy support, run by tests/test_npy_oracle.c.

    npy_oracle.py gen DIR     numpy writes files (np.save, open_memmap w+) and
                              DIR/expect.jsonl describing them
    npy_oracle.py check DIR   numpy reads every file ndmap wrote into DIR and
                              compares it with the array it should hold

Only behaviour that numpy 1.24 (the oracle here) shares with numpy >= 2.3 is
used: the header bytes written, and reading valid files (spec section 1.2).
Prints 'N passed, M failed'; exits non-zero on any failure.
"""
import json
import os
import sys

import numpy as np

assert np.__version__ == "1.24.2" or os.environ.get("NDM_ORACLE_ANY_NUMPY"), np.__version__

DTYPES = ["|b1", "|i1", "|u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4",
          "<i8", ">i8", "<u8", ">u8", "<f2", ">f2", "<f4", ">f4", "<f8", ">f8",
          "<c8", ">c8", "<c16", ">c16"]
SHAPES = [(), (0,), (5,), (2, 3), (3, 0, 2), (2, 3, 4), (1, 1, 5), (4, 1)]
LARGE = [("<f8", (300000,), False), ("|u1", (1100, 1000), True), (">i4", (700, 600), False)]


def cases():
    k = 0
    for dt in DTYPES:
        for shape in SHAPES:
            for fortran in (False, True):
                yield "c%04d" % k, dt, shape, fortran
                k += 1
    for dt, shape, fortran in LARGE:
        yield "c%04d" % k, dt, shape, fortran
        k += 1


def make_array(dt, shape, fortran):
    dtype = np.dtype(dt)
    n = int(np.prod(shape)) if shape else 1
    base = np.arange(n, dtype=np.int64)
    if dtype.kind == "b":
        vals = (base % 3 == 1)
    elif dtype.kind == "u":
        vals = base % 97
    elif dtype.kind == "i":
        vals = base % 97 - 40
    elif dtype.kind == "f":
        vals = (base % 97 - 40) / 4.0
    else:
        vals = (base % 97 - 40) / 4.0 + 1j * (base % 13)
    arr = np.asarray(vals).astype(dtype).reshape(shape)
    return np.array(arr, order="F" if fortran else "C", copy=True)


def views(arr):
    """The strided arrays the C side saves (ndm_index / ndm_transpose)."""
    out = {}
    if arr.ndim >= 1:
        out["rev"] = arr[::-1]
        out["step"] = arr[::2]
    if arr.ndim >= 2:
        out["T"] = arr.T
    return out


def gen(d):
    with open(os.path.join(d, "expect.jsonl"), "w") as f:
        for cid, dt, shape, fortran in cases():
            arr = make_array(dt, shape, fortran)
            save = os.path.join(d, "np_save_%s.npy" % cid)
            np.save(save, arr)
            mm = os.path.join(d, "np_mm_%s.npy" % cid)
            m = np.lib.format.open_memmap(mm, mode="w+", dtype=np.dtype(dt), shape=shape,
                                          fortran_order=fortran)
            del m
            with open(mm, "rb") as g:
                mm_bytes = g.read()
            with open(save, "rb") as g:
                save_bytes = g.read()
            hlen = len(mm_bytes) - arr.nbytes
            mm_strides = np.lib.format.open_memmap(save, mode="r").strides
            load_strides = np.load(save).strides
            f.write(json.dumps({
                "id": cid, "dtype": dt, "shape": list(shape), "fortran": fortran,
                "mm_header_hex": mm_bytes[:hlen].hex(), "mm_size": len(mm_bytes),
                "save_size": len(save_bytes),
                "save_header_len": len(save_bytes) - arr.nbytes,
                "save_fortran": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
                "mm_strides": list(mm_strides), "load_strides": list(load_strides),
            }) + "\n")


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def check(d):
    passed = failed = 0

    def verdict(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("MISMATCH:", what)

    for cid, dt, shape, fortran in cases():
        arr = make_array(dt, shape, fortran)
        for kind, want in [("mm", arr), ("save", arr)] + list(views(arr).items()):
            p = os.path.join(d, "ndm_%s_%s.npy" % (kind, cid))
            if not os.path.exists(p):
                verdict(False, "%s missing" % p)
                continue
            try:
                got = np.load(p)
            except Exception as e:  # noqa: BLE001 - any failure is a mismatch
                verdict(False, "%s: %r" % (p, e))
                continue
            verdict(same(got, want), "%s %s %s" % (p, got.dtype, got.shape))
            if kind == "save" or kind in views(arr):
                # np.save of the same array must give the same bytes
                ref = os.path.join(d, "ref_%s_%s.npy" % (kind, cid))
                np.save(ref, want)
                with open(ref, "rb") as f1, open(p, "rb") as f2:
                    verdict(f1.read() == f2.read(), "%s differs from np.save's bytes" % p)
                os.unlink(ref)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("gen", "check"):
        sys.exit(__doc__)
    sys.exit(gen(sys.argv[2]) if sys.argv[1] == "gen" else check(sys.argv[2]))
