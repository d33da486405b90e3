/*
 * ndbench.c -- the C side of ndmap's benchmark suite.
 *
 * A worker driven by bench/run.py over stdin/stdout, one command per line:
 *
 *   prepare KIND PATH N SEED   write a data file (not timed): f32 / f64
 *                              random values, u16 tokens, or zeros
 *   setup WORKLOAD k=v ...     open files, allocate and warm buffers
 *   run                        one timed repetition of the workload
 *   teardown                   release everything the setup made
 *   quit
 *
 * Replies are one line: "ok", "t SECONDS CHECK" for a run (CHECK lets the
 * driver compare the two sides' results), or "err MESSAGE". The numpy worker
 * (bench/np_worker.py) speaks the same protocol, with the same workloads,
 * parameters and checks, so the driver can alternate the two sides.
 *
 * Workloads use ndmap's public API the way a C program would. The hardware
 * references (hw_*) use plain libc and system calls.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "ndmap.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

/* ---- helpers ----------------------------------------------------------- */

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static char errbuf[1024];

static int fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
    for (char *p = errbuf; *p; p++)
        if (*p == '\n') *p = ' ';
    return -1;
}

#define NDM(call)                                                                  \
    do {                                                                           \
        int rc_ = (call);                                                          \
        if (rc_ != NDM_OK) return fail("%s: %s: %s", #call, ndm_error_name(rc_), ndm_errmsg()); \
    } while (0)

/* The generator shared with np_worker.py (splitmix64, i counts from 1). */
static uint64_t splitmix(uint64_t seed, uint64_t i) {
    uint64_t z = seed * 0xD1B54A32D192ED03ull + i * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Check values: FNV-1a for text, and for arrays the sum of their 32-bit
 * words modulo 2^64 (numpy: a.view(np.uint32).sum(dtype=np.uint64)). */
static inline uint64_t fnv1a(const void *p, size_t n) {
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}
static uint64_t sum32(const void *p, size_t n) {
    const unsigned char *b = p;
    uint64_t s = 0;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        uint32_t w;
        memcpy(&w, b + i, 4);
        s += w;
    }
    return s;
}

/* Anonymous memory, touched so that the timed code never takes first-touch
 * faults (fresh pages are slow on virtual machines). Like numpy's own
 * allocator (numpy >= 1.22 madvises MADV_HUGEPAGE on allocations of 4 MiB or
 * more), large buffers ask for transparent huge pages, so that both sides
 * copy into the same kind of memory. */
static void *warm_alloc(size_t n) {
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if (n >= (4u << 20)) (void)madvise(p, n, MADV_HUGEPAGE);
    memset(p, 0x5a, n);
    return p;
}
static void warm_free(void *p, size_t n) {
    if (p) munmap(p, n ? n : 1);
}

/* Before a timed run that creates a file: touch and release 1.25x its size
 * of memory, so that the page cache it is about to fill gets pages the
 * hypervisor has backed already (this VM returns freed memory to the host;
 * first touch then costs 2-10 us per page, at random). Both sides do this,
 * untimed. */
static void prewarm(size_t bytes) {
    bytes += bytes / 4;
    void *p = warm_alloc(bytes);
    if (p) warm_free(p, bytes);
}

/* Fault every page of an array's mapping in, the same way on both sides:
 * read one byte per 4 KiB page. */
static volatile unsigned char sink;
static void touch_pages(const ndm_array *a) {
    const unsigned char *p = ndm_data(a);
    int64_t n = ndm_nbytes(a);
    unsigned char s = 0;
    for (int64_t i = 0; i < n; i += 4096) s ^= p[i];
    if (n) s ^= p[n - 1];
    sink = s;
}

/* "start:stop" for non-negative integers, without printf's overhead (the
 * index text is the caller's to build; this is what a careful caller does). */
static char *put_uint(char *p, int64_t v) {
    char tmp[24];
    int n = 0;
    do tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n) *p++ = tmp[--n];
    return p;
}
static void slice_text(char *buf, int64_t start, int64_t stop) {
    char *p = put_uint(buf, start);
    *p++ = ':';
    p = put_uint(p, stop);
    *p = 0;
}

/* ---- parameters ------------------------------------------------------------ */

#define MAXKV 16
static char kv_key[MAXKV][32], kv_val[MAXKV][512];
static int nkv;

static void parse_kv(char *s) {
    nkv = 0;
    for (char *tok = strtok(s, " \t"); tok && nkv < MAXKV; tok = strtok(NULL, " \t")) {
        char *eq = strchr(tok, '=');
        if (!eq) continue;
        *eq = 0;
        snprintf(kv_key[nkv], sizeof kv_key[nkv], "%s", tok);
        snprintf(kv_val[nkv], sizeof kv_val[nkv], "%s", eq + 1);
        nkv++;
    }
}
static const char *param(const char *k, const char *dflt) {
    for (int i = 0; i < nkv; i++)
        if (!strcmp(kv_key[i], k)) return kv_val[i];
    return dflt;
}
static int64_t iparam(const char *k, int64_t dflt) {
    const char *v = param(k, NULL);
    return v ? strtoll(v, NULL, 10) : dflt;
}

/* ---- state of the current workload ----------------------------------------- */

static struct {
    char name[64];
    ndm_array *a, *b, *c;        /* inputs / outputs */
    ndm_array *rows[64];         /* token batches: the batch's row views */
    void *buf, *buf2;
    size_t bufn, buf2n;
    int64_t *idx;                /* gather indices / token offsets */
    int64_t n, k, iters, batches;
    int op, axis;
    char path[512], mode[32];
    int nthreads;
} W;

static char check[256];

/* ---- prepare: data files ----------------------------------------------------- */

static int cmd_prepare(const char *kind, const char *path, int64_t n, uint64_t seed) {
    size_t isz = !strcmp(kind, "f64") ? 8 : !strcmp(kind, "u16") ? 2 : 4;
    size_t total = (size_t)n * isz, block = 8u << 20;
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) return fail("open %s: %s", path, strerror(errno));
    unsigned char *blk = malloc(block);
    if (!blk) return fail("out of memory");
    for (size_t off = 0; off < total; off += block) {
        size_t len = total - off < block ? total - off : block;
        uint64_t i0 = off / isz;
        for (size_t j = 0; j < len / isz; j++) {
            uint64_t u = splitmix(seed, i0 + j + 1);
            if (!strcmp(kind, "f32")) { /* exact values in [-1, 1) */
                float f = (float)((double)(int64_t)(u >> 40) * 0x1p-23 - 1.0);
                memcpy(blk + j * 4, &f, 4);
            } else if (!strcmp(kind, "f64")) {
                double d = (double)(int64_t)(u >> 11) * 0x1p-52 - 1.0;
                memcpy(blk + j * 8, &d, 8);
            } else if (!strcmp(kind, "u16")) {
                uint16_t t = (uint16_t)(u >> 48);
                memcpy(blk + j * 2, &t, 2);
            } else {
                memset(blk + j * isz, 0, isz);
            }
        }
        if (pwrite(fd, blk, len, (off_t)off) != (ssize_t)len) {
            free(blk);
            close(fd);
            return fail("write %s: %s", path, strerror(errno));
        }
    }
    free(blk);
    fsync(fd); /* settle: no write-back running during the timed runs */
    close(fd);
    return 0;
}

/* ---- hardware references -------------------------------------------------- */

/* Run part(args[t]) for t in [0, nthreads) on that many threads, the
 * calling one included (a part whose thread cannot start runs inline), and
 * return the elapsed time. args is an array of nthreads elements of size
 * bytes each. */
static double run_parts(void *(*part)(void *), void *args, size_t size, int nthreads) {
    pthread_t th[8];
    bool started[8] = {false};
    double t0 = now();
    for (int t = 1; t < nthreads; t++)
        started[t] = pthread_create(&th[t], NULL, part, (char *)args + (size_t)t * size) == 0;
    part(args);
    for (int t = 1; t < nthreads; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else part((char *)args + (size_t)t * size);
    }
    return now() - t0;
}

static int clamp_threads(int n) { return n < 1 ? 1 : n > 8 ? 8 : n; }

typedef struct scan_arg { const uint64_t *p; size_t n; uint64_t s; } scan_arg;

static void *scan_part(void *v) {
    scan_arg *a = v;
    /* 16-byte vectors: native on every x86-64 (wider generic vectors are
     * split through memory on the SSE2 baseline) */
    typedef uint64_t v2u __attribute__((vector_size(16)));
    v2u s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, x0, x1, x2, x3;
    size_t i = 0;
    for (; i + 8 <= a->n; i += 8) {
        memcpy(&x0, a->p + i, 16);
        memcpy(&x1, a->p + i + 2, 16);
        memcpy(&x2, a->p + i + 4, 16);
        memcpy(&x3, a->p + i + 6, 16);
        s0 += x0;
        s1 += x1;
        s2 += x2;
        s3 += x3;
    }
    uint64_t s = 0;
    for (; i < a->n; i++) s += a->p[i];
    s0 += s1 + s2 + s3;
    a->s = s + s0[0] + s0[1];
    return NULL;
}

static double scan(int nthreads) {
    scan_arg args[8];
    nthreads = clamp_threads(nthreads);
    size_t words = W.bufn / 8;
    for (int t = 0; t < nthreads; t++)
        args[t] = (scan_arg){(const uint64_t *)W.buf + words * t / nthreads,
                             words * (t + 1) / nthreads - words * t / nthreads, 0};
    double dt = run_parts(scan_part, args, sizeof *args, nthreads);
    uint64_t s = 0;
    for (int t = 0; t < nthreads; t++) s += args[t].s;
    snprintf(check, sizeof check, "%" PRIu64, s);
    return dt;
}

/* Random 4-byte reads from the mapping at the memory system's full
 * parallelism: every core takes a share of the indices and keeps GATHER_AHEAD
 * reads in flight with prefetches, so the time is set by how many misses the
 * cores can overlap, not by waiting for each in turn. */
#define GATHER_AHEAD 32
typedef struct gather_arg { const float *p; const int64_t *idx; float *out; int64_t n; } gather_arg;

static void *gather_part(void *v) {
    gather_arg *a = v;
    int64_t i = 0;
    for (; i + GATHER_AHEAD < a->n; i++) {
        __builtin_prefetch(a->p + a->idx[i + GATHER_AHEAD], 0, 1);
        a->out[i] = a->p[a->idx[i]];
    }
    for (; i < a->n; i++) a->out[i] = a->p[a->idx[i]];
    return NULL;
}

static double gather_floor(int nthreads) {
    gather_arg args[8];
    nthreads = clamp_threads(nthreads);
    for (int t = 0; t < nthreads; t++) {
        int64_t lo = W.k * t / nthreads, hi = W.k * (t + 1) / nthreads;
        args[t] = (gather_arg){(const float *)W.buf, W.idx + lo, (float *)W.buf2 + lo, hi - lo};
    }
    return run_parts(gather_part, args, sizeof *args, nthreads);
}

/* Column sums of a (rows, cols) float32 mapping in numpy's order (each
 * column adds its rows one after another), as a bare loop: the columns split
 * across threads, 8 rows folded per pass over a block of accumulators, 16
 * columns per step in four vector chains. This is the access pattern of
 * ndm_sum(axis=0); no pattern that keeps numpy's order per column was
 * measured faster (1, 2, 4 or 16 rows per pass). */
typedef float v4f __attribute__((vector_size(16)));
typedef struct colsum_arg { const float *p; float *acc; int64_t rows, cols, c0, n; } colsum_arg;

static void *colsum_part(void *v) {
    colsum_arg *a = v;
    float *acc = a->acc;
    memset(acc, 0, (size_t)a->n * 4);
    int64_t r = 0;
    for (; r + 8 <= a->rows; r += 8) {
        const float *x = a->p + r * a->cols + a->c0;
        int64_t i = 0;
        for (; i + 16 <= a->n; i += 16) {
            v4f s0, s1, s2, s3, b0, b1, b2, b3;
            memcpy(&s0, acc + i, 16);
            memcpy(&s1, acc + i + 4, 16);
            memcpy(&s2, acc + i + 8, 16);
            memcpy(&s3, acc + i + 12, 16);
            for (int k = 0; k < 8; k++) {
                const float *q = x + k * a->cols + i;
                memcpy(&b0, q, 16);
                memcpy(&b1, q + 4, 16);
                memcpy(&b2, q + 8, 16);
                memcpy(&b3, q + 12, 16);
                s0 += b0;
                s1 += b1;
                s2 += b2;
                s3 += b3;
            }
            memcpy(acc + i, &s0, 16);
            memcpy(acc + i + 4, &s1, 16);
            memcpy(acc + i + 8, &s2, 16);
            memcpy(acc + i + 12, &s3, 16);
        }
        for (; i < a->n; i++)
            for (int k = 0; k < 8; k++) acc[i] += x[k * a->cols + i];
    }
    for (; r < a->rows; r++)
        for (int64_t i = 0; i < a->n; i++) acc[i] += a->p[r * a->cols + a->c0 + i];
    return NULL;
}

static double colsum_floor(int nthreads) {
    colsum_arg args[8];
    nthreads = clamp_threads(nthreads);
    for (int t = 0; t < nthreads; t++) {
        int64_t lo = W.k * t / nthreads, hi = W.k * (t + 1) / nthreads;
        args[t] = (colsum_arg){(const float *)W.buf, (float *)W.buf2 + lo, W.n, W.k, lo, hi - lo};
    }
    return run_parts(colsum_part, args, sizeof *args, nthreads);
}

/* a[:, ::2] = 1.5 as a bare loop over the mapping: the rows split across
 * threads as ndmap splits them, and each 16-byte group rewritten whole (its
 * odd elements kept, its even ones set), so every cache line is read and
 * written once, the least traffic this assignment can cause. */
typedef struct strided_arg { float *p; int64_t rows, cols; } strided_arg;

static void *strided_part(void *v) {
    strided_arg *a = v;
    for (int64_t r = 0; r < a->rows; r++) {
        float *row = a->p + r * a->cols;
        int64_t j = 0;
#if defined(__x86_64__)
        const __m128 keep = _mm_castsi128_ps(_mm_set_epi32(-1, 0, -1, 0));
        const __m128 set = _mm_set_ps(0.0f, 1.5f, 0.0f, 1.5f);
        for (; j + 4 <= a->cols; j += 4)
            _mm_storeu_ps(row + j, _mm_or_ps(_mm_and_ps(_mm_loadu_ps(row + j), keep), set));
#endif
        for (; j < a->cols; j += 2) row[j] = 1.5f;
    }
    return NULL;
}

static double strided_floor(int nthreads) {
    strided_arg args[8];
    nthreads = clamp_threads(nthreads);
    for (int t = 0; t < nthreads; t++) {
        int64_t lo = W.n * t / nthreads, hi = W.n * (t + 1) / nthreads;
        args[t] = (strided_arg){(float *)W.buf + lo * W.k, hi - lo, W.k};
    }
    return run_parts(strided_part, args, sizeof *args, nthreads);
}

/* ---- workloads ---------------------------------------------------------------- */

static int setup(const char *name) {
    memset(&W, 0, sizeof W);
    snprintf(W.name, sizeof W.name, "%s", name);
    snprintf(W.path, sizeof W.path, "%s", param("path", ""));
    snprintf(W.mode, sizeof W.mode, "%s", param("mode", "api"));
    W.n = iparam("n", 0);
    W.iters = iparam("iters", 1);

    bool hw_strided = !strcmp(name, "hw_strided_fill"), hw_colsum = !strcmp(name, "hw_colsum");
    if ((!strcmp(name, "hw_memcpy") || !strcmp(name, "hw_scan") || !strcmp(name, "hw_gather") || hw_strided ||
         hw_colsum) &&
        W.path[0]) {
        /* the same bare loops over a workload's data file, mapped as the
         * workload maps it: the floor measured in alternation with it */
        int fd = open(W.path, (hw_strided ? O_RDWR : O_RDONLY) | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) < 0) {
            if (fd >= 0) close(fd);
            return fail("open %s: %s", W.path, strerror(errno));
        }
        W.bufn = (size_t)st.st_size / 64 * 64;
        W.buf = mmap(NULL, W.bufn, hw_strided ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
        close(fd);
        if (W.buf == MAP_FAILED) {
            W.buf = NULL;
            return fail("mmap: %s", strerror(errno));
        }
        unsigned char x = 0;
        for (size_t i = 0; i < W.bufn; i += 4096) x ^= ((volatile unsigned char *)W.buf)[i];
        sink = x;
        if (!strcmp(name, "hw_memcpy")) {
            W.buf2n = W.bufn;
            if (!(W.buf2 = warm_alloc(W.buf2n))) return fail("mmap: %s", strerror(errno));
        }
        if (!strcmp(name, "hw_gather")) { /* the gather workload's indices */
            W.k = iparam("k", 1000000);
            int64_t size = (int64_t)(W.bufn / 4);
            uint64_t seed = (uint64_t)iparam("seed", 1);
            W.buf2n = ((size_t)W.k * 4 + 4095) / 4096 * 4096;
            if (!(W.idx = malloc((size_t)W.k * sizeof *W.idx)) || !(W.buf2 = warm_alloc(W.buf2n)))
                return fail("out of memory");
            for (int64_t i = 0; i < W.k; i++)
                W.idx[i] = (int64_t)(splitmix(seed, (uint64_t)i + 1) % (uint64_t)size);
        }
        if (hw_strided || hw_colsum) { /* rows and columns of the (rows, cols) float32 array */
            W.n = iparam("rows", 0);
            W.k = iparam("cols", 0);
            if (W.n < 0 || W.k < 0 || (uint64_t)W.n * (uint64_t)W.k * 4 > W.bufn)
                return fail("rows x cols does not fit the file");
        }
        if (hw_colsum) { /* the accumulators, one block per thread */
            W.buf2n = ((size_t)W.k * 4 + 4095) / 4096 * 4096;
            if (!(W.buf2 = warm_alloc(W.buf2n))) return fail("mmap: %s", strerror(errno));
        }
        W.nthreads = (int)iparam("threads", 1);
        return 0;
    }
    if (!strcmp(name, "hw_memcpy") || !strcmp(name, "hw_scan")) {
        W.bufn = (size_t)W.n;
        if (!(W.buf = warm_alloc(W.bufn))) return fail("mmap: %s", strerror(errno));
        if (!strcmp(name, "hw_memcpy")) {
            W.buf2n = W.bufn;
            if (!(W.buf2 = warm_alloc(W.buf2n))) return fail("mmap: %s", strerror(errno));
        }
        W.nthreads = (int)iparam("threads", 1);
        return 0;
    }
    if (!strcmp(name, "hw_pwrite_fsync")) {
        W.bufn = 8u << 20;
        if (!(W.buf = warm_alloc(W.bufn))) return fail("mmap: %s", strerror(errno));
        for (size_t i = 0; i < W.bufn / 4; i++) ((float *)W.buf)[i] = 1.5f;
        return 0;
    }
    if (!strcmp(name, "hw_open_syscalls")) return 0;
    if (!strcmp(name, "create_fill_flush")) return 0;
    if (!strcmp(name, "open_free")) return 0;
    if (!strcmp(name, "token_batches")) {
        W.batches = iparam("batches", 1);
        NDM(ndm_memmap(&W.a, W.path, "uint16", "r", 0, -1, NULL, 'C'));
        touch_pages(W.a);
        const int64_t shape[2] = {64, 1024};
        NDM(ndm_zeros(&W.b, "int64", 2, shape, 'C'));
        for (int j = 0; j < 64; j++) {
            char e[16];
            snprintf(e, sizeof e, "%d", j);
            NDM(ndm_index(&W.rows[j], W.b, e));
        }
        int64_t range = ndm_size(W.a) - 1024, m = W.batches * 64;
        if (!(W.idx = malloc((size_t)m * sizeof *W.idx))) return fail("out of memory");
        uint64_t seed = (uint64_t)iparam("seed", 1);
        for (int64_t i = 0; i < m; i++) W.idx[i] = (int64_t)(splitmix(seed, (uint64_t)i + 1) % (uint64_t)range);
        return 0;
    }
    if (!strcmp(name, "strided_fill")) {
        const int64_t shape[2] = {iparam("rows", 0), iparam("cols", 0)};
        NDM(ndm_memmap(&W.a, W.path, "float32", "r+", 0, 2, shape, 'C'));
        touch_pages(W.a);
        return 0;
    }
    if (!strcmp(name, "cast_copy")) {
        NDM(ndm_memmap(&W.a, W.path, "float64", "r", 0, -1, NULL, 'C'));
        touch_pages(W.a);
        NDM(ndm_zeros(&W.b, "float32", 1, ndm_shape(W.a), 'C'));
        touch_pages(W.b);
        return 0;
    }
    if (!strcmp(name, "read_all")) {
        NDM(ndm_memmap(&W.a, W.path, "float32", "r", 0, -1, NULL, 'C'));
        touch_pages(W.a);
        W.bufn = (size_t)ndm_nbytes(W.a);
        if (!(W.buf = warm_alloc(W.bufn))) return fail("mmap: %s", strerror(errno));
        return 0;
    }
    if (!strcmp(name, "reduce")) {
        const int64_t shape[2] = {iparam("rows", 0), iparam("cols", 0)};
        NDM(ndm_memmap(&W.a, W.path, "float32", "r", 0, 2, shape, 'C'));
        touch_pages(W.a);
        const char *op = param("op", "sum");
        W.op = !strcmp(op, "sum") ? 0 : !strcmp(op, "min") ? 1 : !strcmp(op, "max") ? 2 : 3;
        const char *ax = param("axis", "None");
        W.axis = !strcmp(ax, "None") ? NDM_AXIS_ALL : atoi(ax);
        return 0;
    }
    if (!strcmp(name, "gather")) {
        NDM(ndm_memmap(&W.a, W.path, "float32", "r", 0, -1, NULL, 'C'));
        touch_pages(W.a);
        W.k = iparam("k", 1000000);
        if (!(W.idx = malloc((size_t)W.k * sizeof *W.idx))) return fail("out of memory");
        uint64_t seed = (uint64_t)iparam("seed", 1);
        for (int64_t i = 0; i < W.k; i++)
            W.idx[i] = (int64_t)(splitmix(seed, (uint64_t)i + 1) % (uint64_t)ndm_size(W.a));
        NDM(ndm_zeros(&W.b, "float32", 1, &W.k, 'C'));
        touch_pages(W.b);
        return 0;
    }
    if (!strcmp(name, "repr")) {
        NDM(ndm_memmap(&W.a, W.path, "float32", "r", 0, 1, &W.n, 'C'));
        touch_pages(W.a);
        return 0;
    }
    return fail("unknown workload %s", name);
}

static int set_create_options(ndm_open_options *o) {
    memset(o, 0, sizeof *o);
    if (!strcmp(W.mode, "sparse") || !strcmp(W.mode, "sparse_advise_populate")) o->flags |= NDM_OPEN_SPARSE;
    if (!strcmp(W.mode, "map_populate")) o->flags |= NDM_OPEN_POPULATE;
    return 0;
}

static int run(double *dt) {
    double t0;
    check[0] = 0;
    if (!strcmp(W.name, "hw_memcpy")) {
        t0 = now();
        memcpy(W.buf2, W.buf, W.bufn);
        *dt = now() - t0;
        snprintf(check, sizeof check, "%d", ((unsigned char *)W.buf2)[W.bufn - 1]);
        return 0;
    }
    if (!strcmp(W.name, "hw_scan")) {
        *dt = scan(W.nthreads);
        return 0;
    }
    if (!strcmp(W.name, "hw_gather")) {
        *dt = gather_floor(W.nthreads);
        snprintf(check, sizeof check, "%" PRIu64, sum32(W.buf2, (size_t)W.k * 4));
        return 0;
    }
    if (!strcmp(W.name, "hw_colsum")) {
        *dt = colsum_floor(W.nthreads);
        snprintf(check, sizeof check, "%.9g", W.k ? ((const float *)W.buf2)[0] : 0.0f);
        return 0;
    }
    if (!strcmp(W.name, "hw_strided_fill")) {
        *dt = strided_floor(W.nthreads);
        const float *p = W.buf;
        snprintf(check, sizeof check, "%.9g %.9g", p[W.n * W.k - 2], p[W.n * W.k - 1]);
        return 0;
    }
    if (!strcmp(W.name, "hw_pwrite_fsync")) {
        unlink(W.path);
        prewarm((size_t)W.n);
        t0 = now();
        int fd = open(W.path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0) return fail("open: %s", strerror(errno));
        for (int64_t off = 0; off < W.n; off += (int64_t)W.bufn) {
            size_t len = (size_t)(W.n - off) < W.bufn ? (size_t)(W.n - off) : W.bufn;
            if (pwrite(fd, W.buf, len, off) != (ssize_t)len) return fail("pwrite: %s", strerror(errno));
        }
        if (fsync(fd) < 0) return fail("fsync: %s", strerror(errno));
        close(fd);
        *dt = now() - t0;
        unlink(W.path);
        snprintf(check, sizeof check, "%" PRId64, W.n);
        return 0;
    }
    if (!strcmp(W.name, "hw_open_syscalls")) { /* the floor under open + free */
        t0 = now();
        for (int64_t i = 0; i < W.iters; i++) {
            int fd = open(W.path, O_RDONLY | O_CLOEXEC);
            struct stat st;
            if (fd < 0 || fstat(fd, &st) < 0) return fail("open: %s", strerror(errno));
            void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
            if (m == MAP_FAILED) return fail("mmap: %s", strerror(errno));
            close(fd);
            munmap(m, (size_t)st.st_size);
        }
        *dt = (now() - t0) / (double)W.iters;
        snprintf(check, sizeof check, "%" PRId64, W.iters);
        return 0;
    }
    if (!strcmp(W.name, "create_fill_flush")) {
        ndm_array *a;
        ndm_open_options o;
        set_create_options(&o);
        unlink(W.path);
        prewarm((size_t)W.n * 4);
        t0 = now();
        NDM(ndm_memmap_ex(&a, W.path, "float32", "w+", 0, 1, &W.n, 'C', &o));
        if (!strcmp(W.mode, "advise_populate") || !strcmp(W.mode, "sparse_advise_populate"))
            NDM(ndm_advise(a, NDM_ADVICE_POPULATE));
        if (!strcmp(W.mode, "hugepage") && W.n) {
            uintptr_t lo = (uintptr_t)ndm_data(a) & ~(uintptr_t)4095;
            madvise((void *)lo, (size_t)ndm_nbytes(a), MADV_HUGEPAGE); /* a hint; may be refused */
        }
        NDM(ndm_setitem_scalar(a, NULL, "1.5"));
        NDM(ndm_flush(a));
        *dt = now() - t0;
        float last;
        int64_t i = W.n - 1;
        NDM(ndm_get(a, &i, "float32", &last));
        ndm_free(a);
        unlink(W.path);
        snprintf(check, sizeof check, "%.9g", last);
        return 0;
    }
    if (!strcmp(W.name, "open_free")) {
        t0 = now();
        for (int64_t i = 0; i < W.iters; i++) {
            ndm_array *a;
            NDM(ndm_memmap(&a, W.path, "float32", "r", 0, -1, NULL, 'C'));
            ndm_free(a);
        }
        *dt = (now() - t0) / (double)W.iters;
        snprintf(check, sizeof check, "%" PRId64, W.iters);
        return 0;
    }
    if (!strcmp(W.name, "token_batches")) {
        bool api = !strcmp(W.mode, "api"), windows = !strcmp(W.mode, "windows");
        const uint16_t *tp = ndm_data(W.a);
        int64_t *bp = ndm_data(W.b);
        t0 = now();
        for (int64_t b = 0; b < W.batches; b++) {
            const int64_t *off = W.idx + b * 64;
            if (windows) { /* the batch in one call */
                NDM(ndm_take_windows(W.b, W.a, off, 64));
                continue;
            }
            for (int j = 0; j < 64; j++) {
                if (api) { /* batch[j] = tok[s:s+1024] through the API */
                    char e[48];
                    ndm_array *w;
                    slice_text(e, off[j], off[j] + 1024);
                    NDM(ndm_index(&w, W.a, e));
                    int rc = ndm_setitem(W.rows[j], NULL, w);
                    ndm_free(w);
                    NDM(rc);
                } else { /* the same through ndm_data(): a bare loop */
                    const uint16_t *s = tp + off[j];
                    int64_t *d = bp + j * 1024;
                    for (int i = 0; i < 1024; i++) d[i] = s[i];
                }
            }
        }
        *dt = (now() - t0) / (double)W.batches;
        int64_t s = 0;
        for (int i = 0; i < 64 * 1024; i++) s += bp[i];
        snprintf(check, sizeof check, "%" PRId64, s);
        return 0;
    }
    if (!strcmp(W.name, "strided_fill")) {
        t0 = now();
        NDM(ndm_setitem_scalar(W.a, ":, ::2", "1.5"));
        *dt = now() - t0;
        const float *p = ndm_data(W.a);
        snprintf(check, sizeof check, "%.9g %.9g", p[ndm_size(W.a) - 2], p[ndm_size(W.a) - 1]);
        return 0;
    }
    if (!strcmp(W.name, "cast_copy")) {
        t0 = now();
        NDM(ndm_setitem(W.b, NULL, W.a));
        *dt = now() - t0;
        const float *p = ndm_data(W.b);
        int64_t n = ndm_size(W.b);
        snprintf(check, sizeof check, "%" PRIu64, sum32(p, (size_t)n * 4));
        return 0;
    }
    if (!strcmp(W.name, "read_all")) {
        t0 = now();
        NDM(ndm_tobytes(W.a, W.buf, W.bufn));
        *dt = now() - t0;
        snprintf(check, sizeof check, "%" PRIu64, sum32((char *)W.buf + W.bufn / 2, W.bufn / 2));
        return 0;
    }
    if (!strcmp(W.name, "reduce")) {
        ndm_array *r;
        t0 = now();
        switch (W.op) {
        case 0: NDM(ndm_sum(&r, W.a, W.axis)); break;
        case 1: NDM(ndm_min(&r, W.a, W.axis)); break;
        case 2: NDM(ndm_max(&r, W.a, W.axis)); break;
        default: NDM(ndm_mean(&r, W.a, W.axis)); break;
        }
        *dt = now() - t0;
        /* the result's bytes: equal to numpy's when the values are bit-exact */
        uint64_t h = sum32(ndm_data(r), (size_t)ndm_nbytes(r));
        if (ndm_ndim(r) == 0) {
            float v;
            memcpy(&v, ndm_data(r), 4);
            snprintf(check, sizeof check, "%" PRIu64 ":%.9g", h, v);
        } else {
            snprintf(check, sizeof check, "%" PRIu64, h);
        }
        ndm_free(r);
        return 0;
    }
    if (!strcmp(W.name, "gather")) {
        float *out = ndm_data(W.b);
        t0 = now();
        if (!strcmp(W.mode, "api")) { /* ndm_get per element */
            for (int64_t i = 0; i < W.k; i++) NDM(ndm_get(W.a, &W.idx[i], NULL, &out[i]));
        } else if (!strcmp(W.mode, "take")) { /* a[idx] in one call */
            ndm_array *g;
            NDM(ndm_take(&g, W.a, W.idx, W.k));
            *dt = now() - t0;
            snprintf(check, sizeof check, "%" PRIu64, sum32(ndm_data(g), (size_t)W.k * 4));
            ndm_free(g);
            return 0;
        } else { /* ndm_data() and the array's stride */
            const char *p = ndm_data(W.a);
            int64_t st = ndm_strides(W.a)[0];
            for (int64_t i = 0; i < W.k; i++) memcpy(&out[i], p + W.idx[i] * st, 4);
        }
        *dt = now() - t0;
        snprintf(check, sizeof check, "%" PRIu64, sum32(out, (size_t)W.k * 4));
        return 0;
    }
    if (!strcmp(W.name, "repr")) {
        char *s = NULL;
        t0 = now();
        for (int64_t i = 0; i < W.iters; i++) {
            free(s);
            if (!(s = ndm_repr(W.a))) return fail("ndm_repr: %s", ndm_errmsg());
        }
        *dt = (now() - t0) / (double)W.iters;
        snprintf(check, sizeof check, "%016" PRIx64 ":%zu", fnv1a(s, strlen(s)), strlen(s));
        free(s);
        return 0;
    }
    return fail("no workload set up");
}

static void teardown(void) {
    for (int j = 0; j < 64; j++) ndm_free(W.rows[j]);
    ndm_free(W.a);
    ndm_free(W.b);
    ndm_free(W.c);
    warm_free(W.buf, W.bufn);
    warm_free(W.buf2, W.buf2n);
    free(W.idx);
    memset(&W, 0, sizeof W);
}

int main(void) {
    static char line[8192];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char cmd[32] = "", name[64] = "";
        int used = 0;
        sscanf(line, "%31s %63s %n", cmd, name, &used);
        errbuf[0] = 0;
        if (!strcmp(cmd, "quit")) break;
        if (!strcmp(cmd, "prepare")) {
            char path[512];
            long long n;
            unsigned long long seed;
            if (sscanf(line, "prepare %63s %511s %lld %llu", name, path, &n, &seed) != 4)
                printf("err bad prepare\n");
            else if (cmd_prepare(name, path, n, seed) < 0)
                printf("err %s\n", errbuf);
            else
                printf("ok\n");
        } else if (!strcmp(cmd, "setup")) {
            teardown();
            parse_kv(line + used);
            if (setup(name) < 0) {
                printf("err %s\n", errbuf);
                teardown();
            } else {
                printf("ok\n");
            }
        } else if (!strcmp(cmd, "run")) {
            double dt = 0;
            if (run(&dt) < 0) printf("err %s\n", errbuf);
            else printf("t %.9f %s\n", dt, check[0] ? check : "-");
        } else if (!strcmp(cmd, "teardown")) {
            teardown();
            printf("ok\n");
        } else {
            printf("err unknown command %s\n", cmd);
        }
    }
    teardown();
    return 0;
}
