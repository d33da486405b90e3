#!/usr/bin/python3
"""ndmap benchmark driver: every workload through ndmap (C) and numpy in the
same run, repetitions alternating between the two sides, plus the hardware
references (memcpy, RAM scan, pwrite+fsync) measured in the same run.

    /usr/bin/python3 bench/run.py --bin build/bench/ndbench [--scale S]

--scale 1 is the full suite (1 GiB files; a few minutes); --scale 0.002 runs
everything tiny (CI smoke; timings meaningless and never asserted). Results
go to stdout and to --out (Markdown) and --json; --update-doc FILE replaces
the block between "<!-- bench:begin -->" and "<!-- bench:end -->" in FILE.

Each side runs in its own long-lived worker process (bench/ndbench.c,
bench/np_worker.py) that opens the workload's files once, faults every page
in and warms its buffers, runs one untimed warm-up repetition, and then
answers timed repetitions; the driver alternates which side goes first. The
two sides must produce the same check value (e.g. bit-identical reduction
results) or the row is flagged.
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GiB = 1 << 30
MiB = 1 << 20


class WorkerError(Exception):
    pass


class Worker:
    def __init__(self, label, argv):
        self.label = label
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  text=True, bufsize=1)

    def cmd(self, line):
        self.p.stdin.write(line + '\n')
        self.p.stdin.flush()
        reply = self.p.stdout.readline().strip()
        if not reply:
            raise WorkerError('%s worker died on: %s' % (self.label, line))
        if reply.startswith('err'):
            raise WorkerError('%s: %s' % (self.label, reply[4:]))
        return reply

    def setup(self, name, params):
        self.cmd('setup %s %s' % (name, ' '.join('%s=%s' % kv for kv in params.items())))

    def run(self):
        _, t, check = self.cmd('run').split(' ', 2)
        return float(t), check

    def close(self):
        try:
            self.p.stdin.write('quit\n')
            self.p.stdin.flush()
            self.p.wait(timeout=30)
        except Exception:
            self.p.kill()


def stats(ts):
    return {'median': statistics.median(ts), 'min': min(ts), 'max': max(ts), 'n': len(ts)}


def fmt_time(s):
    if s < 1e-3:
        return '%.1f µs' % (s * 1e6) if s < 1e-4 else '%.0f µs' % (s * 1e6)
    if s < 1:
        return '%.1f ms' % (s * 1e3) if s < 0.1 else '%.0f ms' % (s * 1e3)
    return '%.2f s' % s


def fmt_stat(st):
    if st is None:
        return 'n/a'
    return '%s (%s–%s)' % (fmt_time(st['median']), fmt_time(st['min']), fmt_time(st['max']))


def machine_info(bench_dir):
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:
            return ''
    cpu = sh("lscpu | sed -n 's/^Model name: *//p' | head -1")
    hyper = sh("lscpu | sed -n 's/^Hypervisor vendor: *//p' | head -1")
    mem = sh("free -g | awk '/^Mem:/ {print $2}'")
    fs = sh("df -T %s | awk 'NR==2 {print $2}'" % bench_dir)
    import numpy
    return {
        'cpu': cpu + (' (%s guest)' % hyper if hyper else ''),
        'cores': os.cpu_count(),
        'memory_gib': mem,
        'kernel': platform.release(),
        'filesystem': fs,
        'numpy': numpy.__version__,
        'python': platform.python_version(),
        'compiler': sh('${CC:-cc} --version | head -1'),
        'ndmap': sh('git -C %s describe --always --dirty 2>/dev/null' % HERE),
        'date': datetime.datetime.now().strftime('%Y-%m-%d %H:%M'),
    }


class Bench:
    def __init__(self, args):
        self.args = args
        self.scale = args.scale
        self.dir = os.path.abspath(args.dir)
        os.makedirs(self.dir, exist_ok=True)
        self.c = Worker('ndmap', [args.bin])
        self.np = Worker('numpy', [args.python, os.path.join(HERE, 'np_worker.py')])
        # a second C worker for the hardware floor of a workload, measured in
        # alternation with the two sides (this machine's bandwidth drifts)
        self.ref = Worker('reference', [args.bin])
        self.ref2 = Worker('reference 2', [args.bin])
        self.last_ref = None
        self.last_ref2 = None
        self.hw = {}
        self.rows = []
        self.files = set()

    # -- files ------------------------------------------------------------------
    def path(self, name):
        return os.path.join(self.dir, name)

    def prepare(self, kind, name, n, seed=1):
        itemsize = {'f32': 4, 'f64': 8, 'u16': 2, 'zeros': 4}[kind]
        need = n * itemsize
        free = shutil.disk_usage(self.dir).free
        if free < need + GiB // 2:
            raise SystemExit('not enough disk space in %s: %.1f GiB free, %.1f GiB needed'
                             % (self.dir, free / GiB, need / GiB + 0.5))
        p = self.path(name)
        self.c.cmd('prepare %s %s %d %d' % (kind, p, n, seed))
        self.files.add(p)
        return p

    def remove(self, p):
        if os.path.exists(p):
            os.unlink(p)
        self.files.discard(p)

    def cleanup(self):
        for p in list(self.files):
            self.remove(p)

    # -- measuring ------------------------------------------------------------------
    def log(self, msg):
        print(msg, file=sys.stderr, flush=True)

    def reps(self, n=None):
        r = self.args.reps if n is None else n
        return max(1, r)

    def measure_c(self, name, params, reps, warmup=1):
        self.c.setup(name, params)
        try:
            for _ in range(warmup):
                self.c.run()
            ts, checks = [], []
            for _ in range(reps):
                t, ck = self.c.run()
                ts.append(t)
                checks.append(ck)
            return stats(ts), checks[-1]
        finally:
            self.c.cmd('teardown')

    def measure_pair(self, name, params, reps, warmup=1, np_params=None, need_c=False, ref=None, ref2=None):
        """Alternate the two sides, rep by rep. Returns (c_stats, np_stats,
        note, check). need_c: skip numpy too when the ndmap side cannot run.
        ref: (workload, params) of a hardware floor run by the reference
        worker as a third side in the same rotation; its stats go to
        self.last_ref. ref2: a second floor, a fourth side (self.last_ref2)."""
        self.last_ref = self.last_ref2 = None
        refs = [(w, r) for w, r in ((self.ref, ref), (self.ref2, ref2)) if r]
        for w, r in refs:
            w.setup(*r)
            for _ in range(warmup):
                w.run()
        rts = {self.ref: [], self.ref2: []}
        sides = []
        for w, p in ((self.c, params), (self.np, np_params or params)):
            try:
                w.setup(name, p)
                for _ in range(warmup):
                    w.run()
                sides.append(w)
            except WorkerError as e:
                self.log('  %s' % e)
                w.cmd('teardown')
                sides.append(None)
                if w is self.c and need_c:
                    return None, None, str(e), ''

        ts = {self.c: [], self.np: []}
        checks = {self.c: set(), self.np: set()}
        try:
            for i in range(reps):
                order = [self.c, self.np] if i % 2 == 0 else [self.np, self.c]
                for k, (w, _) in enumerate(refs):
                    order.insert((i + k) % (len(order) + 1), w)
                for w in order:
                    if w in rts:
                        rts[w].append(w.run()[0])
                    elif w in sides:
                        t, ck = w.run()
                        ts[w].append(t)
                        checks[w].add(ck)
        finally:
            for w in [self.c, self.np] + [w for w, _ in refs]:
                w.cmd('teardown')
        if rts[self.ref]:
            self.last_ref = stats(rts[self.ref])
        if rts[self.ref2]:
            self.last_ref2 = stats(rts[self.ref2])
        note = ''
        if sides[0] and sides[1] and checks[self.c] != checks[self.np]:
            note = 'CHECK MISMATCH ndmap %s numpy %s' % (sorted(checks[self.c]), sorted(checks[self.np]))
        elif sides[0] and sides[1]:
            note = 'same result'
        cs = stats(ts[self.c]) if ts[self.c] else None
        ns = stats(ts[self.np]) if ts[self.np] else None
        return cs, ns, note, (sorted(checks[self.c]) or [''])[0]

    def row(self, key, label, cs, ns, target, note='', bw=None, extra_ok=True, extra=''):
        ratio = ns['median'] / cs['median'] if cs and ns else None
        met = None
        if ratio is not None and target is not None:
            met = ratio >= target and extra_ok
        r = {'key': key, 'workload': label, 'ndmap': cs, 'numpy': ns, 'ratio': ratio,
             'target': target, 'met': met, 'note': note, 'extra': extra}
        self.rows.append(r)
        self.log('  %-44s ndmap %-28s numpy %-28s ratio %s %s %s' % (
            label, fmt_stat(cs), fmt_stat(ns), '%.2f' % ratio if ratio else 'n/a', extra, note))
        return r

    # -- the suite --------------------------------------------------------------------
    def hardware(self):
        s = self.scale
        nbytes = max(64 * MiB, int(GiB * s)) // 4096 * 4096
        self.log('hardware references (%d MiB)' % (nbytes // MiB))
        reps = self.reps(5)
        st, _ = self.measure_c('hw_memcpy', {'n': nbytes}, reps)
        self.hw['memcpy'] = nbytes / st['median']
        st1, _ = self.measure_c('hw_scan', {'n': nbytes, 'threads': 1}, reps)
        self.hw['scan1'] = nbytes / st1['median']
        st2, _ = self.measure_c('hw_scan', {'n': nbytes, 'threads': os.cpu_count() or 1}, reps)
        self.hw['scan_all'] = nbytes / st2['median']
        p = self.path('hw_pwrite.tmp')
        self.files.add(p)
        stw, _ = self.measure_c('hw_pwrite_fsync', {'n': nbytes, 'path': p}, self.reps(3))
        self.remove(p)
        self.hw['pwrite_fsync'] = nbytes / stw['median']
        self.hw_stats = {'memcpy': st, 'scan1': st1, 'scan_all': st2, 'pwrite_fsync': stw,
                         'bytes': nbytes}
        for k in ('memcpy', 'scan1', 'scan_all', 'pwrite_fsync'):
            self.log('  %-14s %6.2f GB/s' % (k, self.hw[k] / 1e9))

    def run_all(self):
        s = self.scale
        only = self.args.only.split(',') if self.args.only else None
        want = lambda k: not only or any(o in k for o in only)
        t_start = time.time()
        self.hardware()

        # 1. create w+ float32, fill with a scalar, flush
        if want('create'):
            n = max(MiB // 4, int(s * (GiB // 4)))
            self.log('1. create + fill + flush, %d MiB' % (n * 4 // MiB))
            p = self.path('create.f32')
            self.files.add(p)
            pw = self.path('ref_pwrite.tmp')
            self.files.add(pw)
            cs, ns, note, _ = self.measure_pair('create_fill_flush', {'path': p, 'n': n},
                                                max(self.reps(), 9) if self.scale >= 0.1 else self.reps(),
                                                ref=('hw_pwrite_fsync', {'n': n * 4, 'path': pw}))
            self.remove(pw)
            bw = n * 4 / cs['median'] if cs else 0
            ref_bw = n * 4 / self.last_ref['median']
            frac = bw / ref_bw
            self.row('create', 'create w+ f32 %s, fill, flush' % size_text(n * 4), cs, ns, 1.0, note,
                     extra_ok=frac >= 0.9,
                     extra='%.2f GB/s = %.2f × pwrite+fsync of the same size in the same rotation, %.2f GB/s '
                           '(target ≥ 0.9)' % (bw / 1e9, frac, ref_bw / 1e9))
            # options, ndmap only: what helps creation
            self.create_options = []
            for mode in ('sparse', 'advise_populate', 'sparse_advise_populate', 'map_populate', 'hugepage'):
                st, _ = self.measure_c('create_fill_flush', {'path': p, 'n': n, 'mode': mode}, self.reps(3))
                self.create_options.append((mode, st, n * 4 / st['median']))
                self.log('   option %-24s %s  %.2f GB/s' % (mode, fmt_stat(st), n * 4 / st['median'] / 1e9))
            self.create_options.insert(0, ('default (fallocate)', cs, bw))
            self.remove(p)

        # the 1 GiB float32 data file: open, read all, reductions, gather, repr
        side = max(256, int(16384 * math.sqrt(s)) // 64 * 64)
        ndata = side * side
        need_data = any(want(k) for k in ('open', 'read', 'reduce', 'gather', 'repr'))
        data = self.prepare('f32', 'data.f32', ndata, seed=7) if need_data else None

        # 2. open + free
        if want('open'):
            self.log('2. open + free (latency)')
            st, _ = self.measure_c('hw_open_syscalls', {'path': data, 'iters': 2000}, self.reps())
            self.hw['open_syscalls'] = st['median']
            self.log('  bare open+fstat+mmap+close+munmap %s' % fmt_stat(st))
            cs, ns, note, _ = self.measure_pair('open_free', {'path': data, 'iters': 2000}, self.reps())
            self.row('open', 'open + free of an existing file', cs, ns, 3.0, note,
                     extra='bare open+fstat+mmap+close+munmap: %s; numpy / bare = %.2f' % (
                         fmt_time(st['median']), ns['median'] / st['median'] if ns else 0))

        # 3. token batches
        if want('token'):
            ntok = max(4 * MiB, int(s * (GiB // 8)))
            batches = max(10, int(min(1.0, s * 10) * 100))
            self.log('3. token batches (%d MiB uint16 file, %d batches per rep)' % (ntok * 2 // MiB, batches))
            p = self.prepare('u16', 'tokens.u16', ntok, seed=3)
            params = {'path': p, 'batches': batches, 'seed': 11}
            cs, ns, note, _ = self.measure_pair('token_batches', dict(params, mode='windows'), self.reps())
            self.row('token', 'token batches 64×1024 u16→i64 (per batch; one ndm_take_windows call)',
                     cs, ns, 6.0, note)
            cs1, ns1, note1, _ = self.measure_pair('token_batches', dict(params, mode='api'), self.reps())
            self.row('token_index', 'token batches, ndm_index + ndm_setitem per window', cs1, ns1, None, note1)
            cs2, ns2, note2, _ = self.measure_pair('token_batches', dict(params, mode='data'), self.reps())
            self.row('token_data', 'token batches, C loop over ndm_data() (bare mmap loop)', cs2, ns2, None,
                     note2)
            self.remove(p)

        # 4. strided fill
        if want('strided'):
            sd = max(256, int(8192 * math.sqrt(s)) // 64 * 64)
            self.log('4. strided fill a[:, ::2] = 1.5 on (%d, %d) float32' % (sd, sd))
            p = self.prepare('zeros', 'strided.f32', sd * sd)
            nthreads = os.cpu_count() or 1
            params = {'path': p, 'rows': sd, 'cols': sd}
            cs, ns, note, _ = self.measure_pair('strided_fill', params, max(self.reps(), 11),
                                                ref=('hw_strided_fill', dict(params, threads=nthreads)))
            floor = self.last_ref['median']
            self.row('strided', 'strided fill a[:, ::2] = 1.5, (%d, %d) f32' % (sd, sd), cs, ns, 1.3, note,
                     extra='speed %.2f × a bare loop rewriting each line once over the same mapping (%d threads, '
                           'same rotation), %s; numpy / that loop = %.2f'
                           % (floor / cs['median'], nthreads, fmt_time(floor), ns['median'] / floor if ns else 0))
            self.remove(p)

        # 5. cast copy float64 -> float32
        if want('cast'):
            n = max(MiB // 8, int(s * (GiB // 16)))
            self.log('5. cast copy float64 -> float32, %d MiB' % (n * 8 // MiB))
            p = self.prepare('f64', 'cast.f64', n, seed=5)
            cs, ns, note, _ = self.measure_pair('cast_copy', {'path': p}, self.reps())
            self.row('cast', 'cast copy f64→f32 %s (dst[...] = src)' % size_text(n * 8), cs, ns, 1.2, note,
                     extra='%.2f GB/s read' % (n * 8 / cs['median'] / 1e9) if cs else '')
            self.remove(p)

        # 6. read all
        if want('read'):
            self.log('6. read all into a buffer, %d MiB' % (ndata * 4 // MiB))
            cs, ns, note, _ = self.measure_pair('read_all', {'path': data}, self.reps(),
                                                ref=('hw_memcpy', {'path': data}))
            bw = ndata * 4 / cs['median'] if cs else 0
            ref_bw = ndata * 4 / self.last_ref['median']
            frac = bw / ref_bw
            self.row('read', 'read all %s into a buffer (tobytes / copyto)' % size_text(ndata * 4), cs, ns, 0.95,
                     note, extra_ok=frac >= 0.9,
                     extra='%.2f GB/s = %.2f × memcpy from the same mapping in the same rotation, %.2f GB/s '
                           '(target ≥ 0.9)' % (bw / 1e9, frac, ref_bw / 1e9))

        # 7. reductions
        if want('reduce'):
            self.log('7. reductions over (%d, %d) float32 (%d MiB)' % (side, side, ndata * 4 // MiB))
            nthreads = os.cpu_count() or 1
            for axis in ('None', '1', '0'):
                for op in ('sum', 'min', 'max', 'mean'):
                    params = {'path': data, 'rows': side, 'cols': side, 'op': op, 'axis': axis}
                    colsum = ('hw_colsum', {'path': data, 'rows': side, 'cols': side, 'threads': nthreads})
                    cs, ns, note, ck = self.measure_pair('reduce', params, max(self.reps(), 11),
                                                         ref=('hw_scan', {'path': data, 'threads': nthreads}),
                                                         ref2=colsum if axis == '0' else None)
                    bw = ndata * 4 / cs['median'] if cs else 0
                    scan = ndata * 4 / self.last_ref['median']
                    frac = bw / scan
                    col = ''
                    if self.last_ref2:
                        floor = self.last_ref['median'] / self.last_ref2['median']
                        col = ('; a bare column-sum loop in numpy\'s order over the same mapping (same rotation) '
                               'reaches %.2f × the scan, ndmap %.2f × that loop' % (floor, frac / floor))
                    label = '%s(axis=%s)' % (op, axis)
                    if axis == 'None' and ':' in ck:
                        note += ' (%s)' % ck.split(':', 1)[1]
                    self.row('reduce_%s_%s' % (op, axis), label, cs, ns, 1.0, note, extra_ok=frac >= 0.85,
                             extra='%.2f GB/s = %.2f × RAM scan of the same mapping (%d threads, same rotation), '
                                   '%.2f GB/s (target ≥ 0.85)%s' % (bw / 1e9, frac, nthreads, scan / 1e9, col))

        # 8. random gather
        if want('gather'):
            k = max(10000, int(1000000 * min(1.0, s * 10)))
            self.log('8. gather %d random elements of %d MiB' % (k, ndata * 4 // MiB))
            params = {'path': data, 'k': k, 'seed': 13}
            nthreads = os.cpu_count() or 1
            cs, ns, note, _ = self.measure_pair('gather', dict(params, mode='take'), max(self.reps(), 11),
                                                ref=('hw_gather', dict(params, threads=nthreads)))
            floor = self.last_ref['median']
            self.row('gather', 'gather %d random elements (one ndm_take call)' % k, cs, ns, 5.0, note,
                     extra='speed %.2f × a bare random-read loop over the same mapping (%d threads, %d reads in '
                           'flight each, same rotation), %s; numpy / that loop = %.2f'
                           % (floor / cs['median'], nthreads, 32, fmt_time(floor),
                              ns['median'] / floor if ns else 0))
            cs2, ns2, note2, _ = self.measure_pair('gather', dict(params, mode='data'), self.reps())
            self.row('gather_data', 'gather, C loop over ndm_data() and strides', cs2, ns2, None, note2)
            cs3, ns3, note3, _ = self.measure_pair('gather', dict(params, mode='api'), self.reps())
            self.row('gather_get', 'gather, ndm_get per element', cs3, ns3, None, note3)

        # 9. repr
        if want('repr'):
            n = min(1000000, ndata)
            self.log('9. repr of a summarised %d-element memmap' % n)
            cs, ns, note, _ = self.measure_pair('repr', {'path': data, 'n': n, 'iters': 200}, self.reps())
            self.row('repr', 'repr of a summarised %d-element memmap' % n, cs, ns, 10.0, note)

        if data:
            self.remove(data)
        self.elapsed = time.time() - t_start

    # -- report -------------------------------------------------------------------------
    def markdown(self, info):
        L = []
        L.append('Measured %s on %s, %s cores, %s GiB RAM, Linux %s, %s; numpy %s; ndmap %s; '
                 'scale %g, %d repetitions per side (alternating), %.0f s in all.'
                 % (info['date'], info['cpu'], info['cores'], info['memory_gib'], info['kernel'],
                    info['filesystem'], info['numpy'], info['ndmap'], self.scale, self.args.reps,
                    self.elapsed))
        L.append('')
        L.append('Hardware references, same run (%s buffers, medians): memcpy %.2f GB/s, RAM scan %.2f GB/s '
                 '(1 thread) / %.2f GB/s (%d threads), pwrite+fsync of a new file %.2f GB/s.'
                 % (size_text(self.hw_stats['bytes']), self.hw['memcpy'] / 1e9, self.hw['scan1'] / 1e9,
                    self.hw['scan_all'] / 1e9, os.cpu_count() or 1, self.hw['pwrite_fsync'] / 1e9))
        if 'open_syscalls' in self.hw:
            L[-1] += (' Bare open+fstat+mmap+close+munmap of a file: %s.' % fmt_time(self.hw['open_syscalls']))
        L.append('')
        L.append('| # | workload | ndmap median (min–max) | numpy median (min–max) | numpy / ndmap | target | met |')
        L.append('|---|---|---|---|---|---|---|')
        num = {'create': 1, 'open': 2, 'token': 3, 'strided': 4, 'cast': 5, 'read': 6, 'reduce': 7,
               'gather': 8, 'repr': 9}
        for r in self.rows:
            n = next((v for k, v in num.items() if r['key'].startswith(k)), '')
            ratio = '%.2f' % r['ratio'] if r['ratio'] else 'n/a'
            tgt = '≥ %g' % r['target'] if r['target'] else '—'
            met = {True: 'yes', False: '**no**', None: '—'}[r['met']]
            wl = r['workload'] + (' — ' + r['extra'] if r['extra'] else '')
            if r['note'] and r['note'] != 'same result':
                wl += ' — ' + r['note']
            L.append('| %s | %s | %s | %s | %s | %s | %s |' % (n, wl, fmt_stat(r['ndmap']), fmt_stat(r['numpy']),
                                                          ratio, tgt, met))
        if getattr(self, 'create_options', None):
            L.append('')
            L.append('Creation options (ndmap only, create + fill + flush, same file size):')
            L.append('')
            L.append('| option | median (min–max) | GB/s |')
            L.append('|---|---|---|')
            for mode, st, bw in self.create_options:
                L.append('| %s | %s | %.2f |' % (mode, fmt_stat(st), bw / 1e9))
        return '\n'.join(L) + '\n'


def size_text(n):
    if n >= GiB and n % GiB == 0:
        return '%d GiB' % (n // GiB)
    if n >= MiB:
        return '%d MiB' % (n // MiB)
    return '%d KiB' % (n // 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default=os.path.join(HERE, '..', 'build', 'bench', 'ndbench'))
    ap.add_argument('--python', default='/usr/bin/python3', help='python with numpy for the numpy side')
    ap.add_argument('--scale', type=float, default=1.0, help='1 = full size (1 GiB files)')
    ap.add_argument('--reps', type=int, default=7, help='timed repetitions per side')
    ap.add_argument('--dir', default=os.path.join(HERE, '..', 'build', 'bench'), help='where data files go')
    ap.add_argument('--only', default='', help='comma-separated workload keys (create,open,token,...)')
    ap.add_argument('--out', default='', help='write the Markdown report here')
    ap.add_argument('--json', default='', help='write raw results here')
    ap.add_argument('--update-doc', default='', help='replace the bench block of this Markdown file')
    args = ap.parse_args()

    b = Bench(args)
    try:
        b.run_all()
    finally:
        b.cleanup()
        b.c.close()
        b.np.close()
        b.ref.close()
        b.ref2.close()
    info = machine_info(b.dir)
    md = b.markdown(info)
    print(md)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(md)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump({'machine': info, 'scale': args.scale, 'reps': args.reps, 'hardware': b.hw,
                       'rows': b.rows, 'elapsed_s': b.elapsed}, f, indent=1, default=str)
    if args.update_doc:
        text = open(args.update_doc).read()
        begin, end = '<!-- bench:begin -->', '<!-- bench:end -->'
        i, j = text.index(begin) + len(begin), text.index(end)
        with open(args.update_doc, 'w') as f:
            f.write(text[:i] + '\n' + md + text[j:])
    mismatches = [r['workload'] for r in b.rows if 'MISMATCH' in r['note']]
    if mismatches:
        print('check mismatch in: %s' % ', '.join(mismatches), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
