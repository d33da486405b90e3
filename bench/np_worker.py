#!/usr/bin/python3
"""The numpy side of ndmap's benchmark suite.

Speaks the protocol of bench/ndbench.c (see there) on stdin/stdout, with the
same workloads, parameters and check values, so that bench/run.py can
alternate the two sides. Each workload is written the way a numpy user
writes it. Run by Debian's /usr/bin/python3 (numpy 1.24).
"""
import os
import sys
import time

import numpy as np

perf = time.perf_counter


def splitmix(seed, n):
    """splitmix64(seed, i) for i = 1..n, as ndbench.c computes it."""
    with np.errstate(over='ignore'):
        i = np.arange(1, n + 1, dtype=np.uint64)
        z = np.uint64(seed) * np.uint64(0xD1B54A32D192ED03) + i * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def sum32(a):
    """Sum of the 32-bit words of an array's bytes, modulo 2**64."""
    b = np.ascontiguousarray(a).reshape(-1).view(np.uint8)
    return int(b[:len(b) // 4 * 4].view(np.uint32).sum(dtype=np.uint64))


def fnv1a(b):
    h = 0xcbf29ce484222325
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def prewarm(nbytes):
    """Touch and release 1.25x nbytes of memory before a timed run that
    creates a file (see prewarm() in ndbench.c); untimed, both sides."""
    b = np.ones((nbytes + nbytes // 4) // 8, dtype=np.float64)
    del b


def touch_pages(a):
    """Fault every page in: one byte per 4 KiB page, as ndbench.c does."""
    b = a.reshape(-1).view(np.uint8)
    if len(b):
        int(np.bitwise_xor.reduce(b[::4096])) ^ int(b[-1])


class State:
    pass


S = State()


def setup(name, kv):
    global S
    S = State()
    S.name = name
    S.kv = kv
    path = kv.get('path', '')
    n = int(kv.get('n', 0))
    S.n = n
    S.iters = int(kv.get('iters', 1))
    if name == 'create_fill_flush':
        S.path = path
    elif name == 'open_free':
        S.path = path
    elif name == 'token_batches':
        S.tok = np.memmap(path, dtype=np.uint16, mode='r')
        touch_pages(S.tok)
        S.batch = np.zeros((64, 1024), dtype=np.int64)
        S.batches = int(kv['batches'])
        rng = len(S.tok) - 1024
        offs = (splitmix(int(kv.get('seed', 1)), S.batches * 64) % np.uint64(rng)).astype(np.int64)
        S.offs = offs.reshape(S.batches, 64).tolist()
    elif name == 'strided_fill':
        S.a = np.memmap(path, dtype=np.float32, mode='r+', shape=(int(kv['rows']), int(kv['cols'])))
        touch_pages(S.a)
    elif name == 'cast_copy':
        S.src = np.memmap(path, dtype=np.float64, mode='r')
        touch_pages(S.src)
        S.dst = np.zeros(len(S.src), dtype=np.float32)
        touch_pages(S.dst)
    elif name == 'read_all':
        S.m = np.memmap(path, dtype=np.float32, mode='r')
        touch_pages(S.m)
        S.buf = np.empty(len(S.m), dtype=np.float32)
        S.buf.fill(0)
    elif name == 'reduce':
        S.m = np.memmap(path, dtype=np.float32, mode='r', shape=(int(kv['rows']), int(kv['cols'])))
        touch_pages(S.m)
        S.op = kv['op']
        S.axis = None if kv['axis'] == 'None' else int(kv['axis'])
    elif name == 'gather':
        S.m = np.memmap(path, dtype=np.float32, mode='r')
        touch_pages(S.m)
        k = int(kv.get('k', 1000000))
        S.idx = (splitmix(int(kv.get('seed', 1)), k) % np.uint64(len(S.m))).astype(np.intp)
    elif name == 'repr':
        S.m = np.memmap(path, dtype=np.float32, mode='r', shape=(n,))
        touch_pages(S.m)
    else:
        raise ValueError('unknown workload %s' % name)


def run():
    name = S.name
    if name == 'create_fill_flush':
        if os.path.exists(S.path):
            os.unlink(S.path)
        prewarm(S.n * 4)
        t0 = perf()
        m = np.memmap(S.path, dtype=np.float32, mode='w+', shape=(S.n,))
        m[:] = 1.5
        m.flush()
        dt = perf() - t0
        last = float(m[-1])
        del m
        os.unlink(S.path)
        return dt, '%.9g' % last
    if name == 'open_free':
        path = S.path
        t0 = perf()
        for _ in range(S.iters):
            m = np.memmap(path, dtype=np.float32, mode='r')
            del m
        return (perf() - t0) / S.iters, str(S.iters)
    if name == 'token_batches':
        tok, batch = S.tok, S.batch
        t0 = perf()
        for offs in S.offs:
            for j, s in enumerate(offs):
                batch[j] = tok[s:s + 1024]
        dt = (perf() - t0) / S.batches
        return dt, str(int(batch.sum()))
    if name == 'strided_fill':
        a = S.a
        t0 = perf()
        a[:, ::2] = 1.5
        dt = perf() - t0
        flat = a.reshape(-1)
        return dt, '%.9g %.9g' % (flat[-2], flat[-1])
    if name == 'cast_copy':
        t0 = perf()
        S.dst[...] = S.src
        dt = perf() - t0
        return dt, str(sum32(S.dst))
    if name == 'read_all':
        t0 = perf()
        np.copyto(S.buf, S.m)
        dt = perf() - t0
        half = S.buf.reshape(-1).view(np.uint8)
        return dt, str(sum32(half[len(half) // 2:]))
    if name == 'reduce':
        m = S.m
        t0 = perf()
        r = getattr(m, S.op)(axis=S.axis)
        dt = perf() - t0
        r = np.asarray(r)
        if r.ndim == 0:
            return dt, '%d:%.9g' % (sum32(r), float(r))
        return dt, str(sum32(r))
    if name == 'gather':
        t0 = perf()
        g = S.m[S.idx]
        dt = perf() - t0
        return dt, str(sum32(g))
    if name == 'repr':
        m = S.m
        t0 = perf()
        for _ in range(S.iters):
            s = repr(m)
        dt = (perf() - t0) / S.iters
        # ndmap prints as numpy >= 2.2, which adds the shape to summarised
        # reprs; the check compares with that text
        if '...' in s and ', shape=' not in s:
            s = s.replace(', dtype=', ', shape=%r, dtype=' % (m.shape,), 1)
        b = s.encode()
        return dt, '%016x:%d' % (fnv1a(b), len(b))
    raise ValueError('no workload set up')


def main():
    out = sys.stdout
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        try:
            if cmd == 'quit':
                break
            if cmd == 'setup':
                kv = dict(p.split('=', 1) for p in parts[2:] if '=' in p)
                setup(parts[1], kv)
                out.write('ok\n')
            elif cmd == 'run':
                dt, check = run()
                out.write('t %.9f %s\n' % (dt, check))
            elif cmd == 'teardown':
                globals()['S'] = State()
                out.write('ok\n')
            else:
                out.write('err unknown command %s\n' % cmd)
        except Exception as e:  # reported to the driver, which shows it
            out.write('err %s: %s\n' % (type(e).__name__, str(e).replace('\n', ' ')))
        out.flush()


if __name__ == '__main__':
    main()
