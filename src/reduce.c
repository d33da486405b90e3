/*
 * reduce.c -- sum, min, max, mean over all elements or one axis, with
 * numpy's result dtypes and numpy's values, bit for bit.
 *
 * How numpy computes a floating-point sum (numpy 1.24..2.x, add.reduce):
 *   - The operand is iterated in memory order ("K": axes sorted by |stride|,
 *     but each walked in index order, as reductions never flip negative
 *     strides) through a buffer of NPY_BUFSIZE =
 *     8192 elements. Each buffer-full ("chunk") is summed by the type's
 *     pairwise_sum (8 accumulators over blocks of <= 128 elements, halves
 *     rounded to multiples of 8 above that), and added to the running result:
 *     out = out + pairwise(chunk), starting from 0.
 *   - float16 accumulates each chunk in float32 and stores the running result
 *     as float16 between chunks; complex sums the interleaved (re, im) floats
 *     with 4 complex accumulators.
 *   - Along one axis: when that axis is the innermost in memory, every output
 *     element is such a sum over its row (chunks start at the row's start).
 *     Otherwise numpy's inner loop runs over the outputs and adds whole
 *     slices in order: out[j] = out[j] + x[i, j], with no pairwise step.
 *   - mean = sum (in float64 for integers, float32 for float16) divided by the
 *     count as numpy's _mean does (in double, or in float32 along an axis
 *     when the count is small, which rounds the same; complex uses numpy's
 *     Smith division).
 * ndmap reproduces this order exactly, so results match numpy's bit for bit.
 *
 * Speed: chunks whose elements are already in the accumulator's type and
 * contiguous are summed in place (vector-extension kernels, no copies);
 * everything else (strided, byte-swapped, converted) is first gathered into
 * an 8192-element buffer, as numpy does. Large reductions split their chunks
 * (or, along an outer axis, their output columns) across threads; the
 * chunk results are folded in numpy's order afterwards, so the result does
 * not depend on the thread count.
 */
#include "internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 8192                 /* numpy's NPY_BUFSIZE, in elements */
#define PW_BLOCKSIZE 128           /* numpy's pairwise leaf size */
#define PAR_MIN_BYTES (8ll << 20)  /* below this, one thread */
#define BATCH (1ll << 20)          /* chunk results held at once */
#define COL_BYTES 32768            /* accumulator bytes per column block (L1) */

typedef enum red_op { OP_SUM, OP_MIN, OP_MAX, OP_MEAN } red_op;
typedef enum acc_kind { AC_F32, AC_F64, AC_I64, AC_U64, AC_C64, AC_C128 } acc_kind;

static const int ACC_SIZE[] = {4, 8, 8, 8, 8, 16};

typedef union accv {
    float f;
    double d;
    int64_t i;
    uint64_t u;
    float cf[2];
    double cd[2];
} accv;

/* GCC/clang vector extensions: 16-byte vectors, native on every x86-64 (SSE2)
 * and on AArch64 (NEON). Loads and stores go through memcpy, so any alignment
 * is fine. Never passed by value (no ABI questions). */
typedef float v4f __attribute__((vector_size(16)));
typedef double v2d __attribute__((vector_size(16)));


#if defined(__SSE2__)
#include <emmintrin.h>
#define HAVE_SSE2 1
/* a where a is NaN, else m: numpy's minimum/maximum keep a NaN accumulator
 * with its own bits (m = minps(a, x) already takes a NaN x). */
static inline __m128 nan_select(__m128 a, __m128 m) {
    __m128 nan = _mm_cmpunord_ps(a, a);
    return _mm_or_ps(_mm_and_ps(nan, a), _mm_andnot_ps(nan, m));
}
static inline __m128d nan_select_pd(__m128d a, __m128d m) {
    __m128d nan = _mm_cmpunord_pd(a, a);
    return _mm_or_pd(_mm_and_pd(nan, a), _mm_andnot_pd(nan, m));
}
#else
#define HAVE_SSE2 0
#endif

/* ---- float16 ----------------------------------------------------------- */

static float h2f(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu, bits;
    if (e == 0) {
        float f = (float)m * 0x1p-24f; /* zero or subnormal: exact */
        return sign ? -f : f;
    }
    if (e == 31) bits = sign | 0x7f800000u | (m << 13);
    else bits = sign | ((e + 112) << 23) | (m << 13);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* Round a double to the nearest float16, ties to even (numpy's
 * npy_double_to_half, NaN payloads kept as numpy keeps them). */
static uint16_t d2h(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    uint16_t sign = (uint16_t)((b >> 48) & 0x8000u);
    int exp = (int)((b >> 52) & 0x7ff);
    uint64_t man = b & ((1ull << 52) - 1);
    if (exp == 0x7ff) {
        if (!man) return sign | 0x7c00u;
        uint16_t r = (uint16_t)(0x7c00u + (man >> 42));
        if (r == 0x7c00u) r++;
        return sign | r;
    }
    int e = exp - 1023 + 15;
    if (e >= 31) return sign | 0x7c00u;
    uint64_t full = man | (1ull << 52), q, rem, half;
    int shift;
    if (e <= 0) {
        if (e < -10) return sign; /* below half the smallest subnormal */
        shift = 43 - e;           /* value / 2^-24 = full >> shift */
        q = full >> shift;
    } else {
        shift = 42;
        q = ((uint64_t)e << 10) | (man >> 42);
    }
    rem = full & ((1ull << shift) - 1);
    half = 1ull << (shift - 1);
    if (rem > half || (rem == half && (q & 1))) q++; /* a carry may reach inf */
    return (uint16_t)(sign | q);
}

/* ---- pairwise sums (numpy's <TYPE>_pairwise_sum over contiguous data) --- */

/*
 * numpy's leaf, for 8 <= n <= 128: accumulators r[0..7] start at a[0..7],
 * r[j] += a[i + j] for every full group of 8, then
 * ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)) and the tail one by one.
 * Here r[0..3] and r[4..7] are two vectors. (Interleaving two leaves for more
 * independent chains is faster in cache but, measured, 2-3x slower from RAM
 * on AMD Zen: several streams 512 bytes apart defeat the prefetchers.)
 */
/* Software prefetch in the leaves, 512 bytes ahead, as numpy's pairwise_sum
 * does: the recursion's short strides confuse hardware prefetchers. */
#ifndef NDM__PF_DIST
#define NDM__PF_DIST 128
#endif

#define LEAF_F32_LOAD(r0, r1, a) (memcpy(&r0, (a), 16), memcpy(&r1, (a) + 4, 16))
#define LEAF_F32_STEP(r0, r1, a, i)                                          \
    do {                                                                     \
        v4f x0_, x1_;                                                        \
        __builtin_prefetch((a) + (i) + NDM__PF_DIST, 0, 3);                  \
        memcpy(&x0_, (a) + (i), 16);                                         \
        memcpy(&x1_, (a) + (i) + 4, 16);                                     \
        r0 += x0_;                                                           \
        r1 += x1_;                                                           \
    } while (0)
#define LEAF_F32_END(r0, r1) \
    (((r0[0] + r0[1]) + (r0[2] + r0[3])) + ((r1[0] + r1[1]) + (r1[2] + r1[3])))

static float leaf_f32(const float *a, int64_t n) {
    v4f r0, r1;
    LEAF_F32_LOAD(r0, r1, a);
    int64_t i, m = n - n % 8;
    for (i = 8; i < m; i += 8) LEAF_F32_STEP(r0, r1, a, i);
    float res = LEAF_F32_END(r0, r1);
    for (; i < n; i++) res += a[i];
    return res;
}

static float small_f32(const float *a, int64_t n) { /* n < 8 */
    float res = 0.f;
    for (int64_t i = 0; i < n; i++) res += a[i];
    return res;
}

static float pw_f32(const float *a, int64_t n) {
    if (n < 8) return small_f32(a, n);
    if (n <= PW_BLOCKSIZE) return leaf_f32(a, n);
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pw_f32(a, n2) + pw_f32(a + n2, n - n2);
}

#define LEAF_F64_LOAD(r0, r1, r2, r3, a) \
    (memcpy(&r0, (a), 16), memcpy(&r1, (a) + 2, 16), memcpy(&r2, (a) + 4, 16), memcpy(&r3, (a) + 6, 16))
#define LEAF_F64_STEP(r0, r1, r2, r3, a, i)                                  \
    do {                                                                     \
        v2d x0_, x1_, x2_, x3_;                                              \
        __builtin_prefetch((a) + (i) + NDM__PF_DIST / 2, 0, 3);              \
        memcpy(&x0_, (a) + (i), 16);                                         \
        memcpy(&x1_, (a) + (i) + 2, 16);                                     \
        memcpy(&x2_, (a) + (i) + 4, 16);                                     \
        memcpy(&x3_, (a) + (i) + 6, 16);                                     \
        r0 += x0_;                                                           \
        r1 += x1_;                                                           \
        r2 += x2_;                                                           \
        r3 += x3_;                                                           \
    } while (0)

static double pw_f64(const double *a, int64_t n) {
    if (n < 8) {
        double res = 0.;
        for (int64_t i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= PW_BLOCKSIZE) {
        v2d r0, r1, r2, r3;
        LEAF_F64_LOAD(r0, r1, r2, r3, a);
        int64_t i, m = n - n % 8;
        for (i = 8; i < m; i += 8) LEAF_F64_STEP(r0, r1, r2, r3, a, i);
        double res = ((r0[0] + r0[1]) + (r1[0] + r1[1])) + ((r2[0] + r2[1]) + (r3[0] + r3[1]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pw_f64(a, n2) + pw_f64(a + n2, n - n2);
}

/* Complex: a holds n floats (n/2 interleaved re, im pairs); numpy's
 * accumulators r[0..7] are 4 (re, im) pairs, combined as
 * re = (r0 + r2) + (r4 + r6), im = (r1 + r3) + (r5 + r7). */
static void pw_c64(const float *a, int64_t n, float *rr, float *ri) {
    if (n < 8) {
        float sr = 0.f, si = 0.f;
        for (int64_t i = 0; i < n; i += 2) {
            sr += a[i];
            si += a[i + 1];
        }
        *rr = sr;
        *ri = si;
        return;
    }
    if (n <= PW_BLOCKSIZE) {
        v4f r0, r1;
        LEAF_F32_LOAD(r0, r1, a);
        int64_t i, m = n - n % 8;
        for (i = 8; i < m; i += 8) LEAF_F32_STEP(r0, r1, a, i);
        float sr = (r0[0] + r0[2]) + (r1[0] + r1[2]);
        float si = (r0[1] + r0[3]) + (r1[1] + r1[3]);
        for (; i < n; i += 2) {
            sr += a[i];
            si += a[i + 1];
        }
        *rr = sr;
        *ri = si;
        return;
    }
    float r1, i1, r2, i2;
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    pw_c64(a, n2, &r1, &i1);
    pw_c64(a + n2, n - n2, &r2, &i2);
    *rr = r1 + r2;
    *ri = i1 + i2;
}

static void pw_c128(const double *a, int64_t n, double *rr, double *ri) {
    if (n < 8) {
        double sr = 0., si = 0.;
        for (int64_t i = 0; i < n; i += 2) {
            sr += a[i];
            si += a[i + 1];
        }
        *rr = sr;
        *ri = si;
        return;
    }
    if (n <= PW_BLOCKSIZE) {
        v2d r0, r1, r2, r3;
        LEAF_F64_LOAD(r0, r1, r2, r3, a);
        int64_t i, m = n - n % 8;
        for (i = 8; i < m; i += 8) LEAF_F64_STEP(r0, r1, r2, r3, a, i);
        /* r[0..7] = r0, r1, r2, r3 lanes; re parts at even positions */
        double sr = (r0[0] + r1[0]) + (r2[0] + r3[0]);
        double si = (r0[1] + r1[1]) + (r2[1] + r3[1]);
        for (; i < n; i += 2) {
            sr += a[i];
            si += a[i + 1];
        }
        *rr = sr;
        *ri = si;
        return;
    }
    double r1, i1, r2, i2;
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    pw_c128(a, n2, &r1, &i1);
    pw_c128(a + n2, n - n2, &r2, &i2);
    *rr = r1 + r2;
    *ri = i1 + i2;
}

/* Integer sums wrap (numpy's int64/uint64 addition). */
static uint64_t sum_u64(const uint64_t *a, int64_t n) {
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
    }
    for (; i < n; i++) s0 += a[i];
    return (s0 + s1) + (s2 + s3);
}

/* ---- min / max with NaN propagation ------------------------------------ */

/* The scalar rule: keep acc if it is NaN or strictly better, else take x
 * (so a NaN x replaces acc, and NaN sticks). */
#define PICK_MIN(acc, x) (((acc) < (x) || (acc) != (acc)) ? (acc) : (x))
#define PICK_MAX(acc, x) (((acc) > (x) || (acc) != (acc)) ? (acc) : (x))

/* Scalar loops; also the fallback without SSE2. */
#define DEF_MINMAX_SCALAR(NAME, T, PICK)                                     \
    static T NAME(const T *a, int64_t n) { /* n >= 1 */                     \
        T acc = a[0];                                                        \
        for (int64_t i = 1; i < n; i++) acc = PICK(acc, a[i]);               \
        return acc;                                                          \
    }
DEF_MINMAX_SCALAR(min_f32_scalar, float, PICK_MIN)
DEF_MINMAX_SCALAR(max_f32_scalar, float, PICK_MAX)
DEF_MINMAX_SCALAR(min_f64_scalar, double, PICK_MIN)
DEF_MINMAX_SCALAR(max_f64_scalar, double, PICK_MAX)

#if HAVE_SSE2
/*
 * minps/maxps over 4 independent vectors, with NaNs detected on the side
 * (cmpunord): without NaNs the extremum is exact whatever the order; with a
 * NaN the answer is numpy's, the first NaN, found by the scalar loop.
 */
#define DEF_MINMAX_SSE(NAME, T, VT, L, LOAD, OP, UNORD, OR, MASK, SCALAR)    \
    static T NAME(const T *a, int64_t n) {                                   \
        if (n < 8 * L) return SCALAR(a, n);                                  \
        VT m0 = LOAD(a), m1 = LOAD(a + L), m2 = LOAD(a + 2 * L), m3 = LOAD(a + 3 * L); \
        VT u = UNORD(m0, m1);                                                \
        u = OR(u, UNORD(m2, m3));                                            \
        int64_t i = 4 * L;                                                   \
        for (; i + 4 * L <= n; i += 4 * L) {                                 \
            VT x0 = LOAD(a + i), x1 = LOAD(a + i + L), x2 = LOAD(a + i + 2 * L), \
               x3 = LOAD(a + i + 3 * L);                                     \
            m0 = OP(m0, x0);                                                 \
            m1 = OP(m1, x1);                                                 \
            m2 = OP(m2, x2);                                                 \
            m3 = OP(m3, x3);                                                 \
            u = OR(u, OR(UNORD(x0, x1), UNORD(x2, x3)));                     \
        }                                                                    \
        if (MASK(u)) return SCALAR(a, n); /* a NaN: numpy's answer */        \
        m0 = OP(OP(m0, m1), OP(m2, m3));                                     \
        T lanes[L];                                                          \
        memcpy(lanes, &m0, sizeof lanes);                                    \
        T acc = lanes[0];                                                    \
        for (int j = 1; j < L; j++) acc = SCALAR##_pick(acc, lanes[j]);      \
        for (; i < n; i++) acc = SCALAR##_pick(acc, a[i]);                   \
        return acc;                                                          \
    }
#define min_f32_scalar_pick(a, b) PICK_MIN(a, b)
#define max_f32_scalar_pick(a, b) PICK_MAX(a, b)
#define min_f64_scalar_pick(a, b) PICK_MIN(a, b)
#define max_f64_scalar_pick(a, b) PICK_MAX(a, b)
DEF_MINMAX_SSE(min_f32, float, __m128, 4, _mm_loadu_ps, _mm_min_ps, _mm_cmpunord_ps, _mm_or_ps,
               _mm_movemask_ps, min_f32_scalar)
DEF_MINMAX_SSE(max_f32, float, __m128, 4, _mm_loadu_ps, _mm_max_ps, _mm_cmpunord_ps, _mm_or_ps,
               _mm_movemask_ps, max_f32_scalar)
DEF_MINMAX_SSE(min_f64, double, __m128d, 2, _mm_loadu_pd, _mm_min_pd, _mm_cmpunord_pd, _mm_or_pd,
               _mm_movemask_pd, min_f64_scalar)
DEF_MINMAX_SSE(max_f64, double, __m128d, 2, _mm_loadu_pd, _mm_max_pd, _mm_cmpunord_pd, _mm_or_pd,
               _mm_movemask_pd, max_f64_scalar)
#else
#define min_f32 min_f32_scalar
#define max_f32 max_f32_scalar
#define min_f64 min_f64_scalar
#define max_f64 max_f64_scalar
#endif

#define DEF_MINMAX_INT(NAME, T, CMP)                                         \
    static T NAME(const T *a, int64_t n) {                                   \
        T m0 = a[0], m1 = a[0], m2 = a[0], m3 = a[0];                        \
        int64_t i = 1;                                                       \
        for (; i + 4 <= n; i += 4) {                                         \
            m0 = a[i] CMP m0 ? a[i] : m0;                                    \
            m1 = a[i + 1] CMP m1 ? a[i + 1] : m1;                            \
            m2 = a[i + 2] CMP m2 ? a[i + 2] : m2;                            \
            m3 = a[i + 3] CMP m3 ? a[i + 3] : m3;                            \
        }                                                                    \
        for (; i < n; i++) m0 = a[i] CMP m0 ? a[i] : m0;                     \
        m0 = m1 CMP m0 ? m1 : m0;                                            \
        m2 = m3 CMP m2 ? m3 : m2;                                            \
        return m2 CMP m0 ? m2 : m0;                                          \
    }

DEF_MINMAX_INT(min_i64, int64_t, <)
DEF_MINMAX_INT(max_i64, int64_t, >)
DEF_MINMAX_INT(min_u64, uint64_t, <)
DEF_MINMAX_INT(max_u64, uint64_t, >)

/* numpy's complex minimum/maximum: lexicographic; acc is kept while it has a
 * NaN part or compares <= (>=); a NaN x replaces it. */
#define CPLX_KEEP_MIN(ar, ai, br, bi) \
    ((ar) != (ar) || (ai) != (ai) || (ar) < (br) || ((ar) == (br) && (ai) <= (bi)))
#define CPLX_KEEP_MAX(ar, ai, br, bi) \
    ((ar) != (ar) || (ai) != (ai) || (ar) > (br) || ((ar) == (br) && (ai) >= (bi)))

#define DEF_MINMAX_CPLX(NAME, T, KEEP)                                       \
    static void NAME(const T *a, int64_t n, T *out) {                        \
        T r = a[0], im = a[1];                                               \
        for (int64_t i = 1; i < n; i++) {                                    \
            if (!KEEP(r, im, a[2 * i], a[2 * i + 1])) {                      \
                r = a[2 * i];                                                \
                im = a[2 * i + 1];                                           \
            }                                                                \
        }                                                                    \
        out[0] = r;                                                          \
        out[1] = im;                                                         \
    }

DEF_MINMAX_CPLX(min_c64, float, CPLX_KEEP_MIN)
DEF_MINMAX_CPLX(max_c64, float, CPLX_KEEP_MAX)
DEF_MINMAX_CPLX(min_c128, double, CPLX_KEEP_MIN)
DEF_MINMAX_CPLX(max_c128, double, CPLX_KEEP_MAX)

/* ---- the reduction description ----------------------------------------- */

typedef struct red {
    red_op op;
    acc_kind ak;
    int asz;             /* accumulator element size */
    ndm__dtype st;       /* source dtype */
    ndm__dtype ot;       /* output dtype (native) */
    int osz;             /* output itemsize */
    bool scalar;         /* 0-d result: numpy's _mean divides a scalar */
    bool half_steps;     /* float16 sum: the running result is float16 */
    bool direct;         /* source elements are accumulator-typed, native */
    int64_t count;       /* elements per output (the mean's divisor) */
    char *base;          /* first element */
    /* output index space: C order over these dims (length-1 dims dropped),
     * with the source's strides */
    int ond;
    int64_t oshape[NDM_MAXDIMS], ostr[NDM_MAXDIMS];
    int64_t nout;
    /* row mode: every output reduces a row of L elements in chunks; a row is
     * walked over rnd dims (outer..inner) */
    int rnd;
    int64_t rshape[NDM_MAXDIMS], rstr[NDM_MAXDIMS];
    int64_t L, C;        /* row length, chunks per row */
    /* column mode: outputs accumulate R slices in order, rs apart */
    int64_t R, rs;
    char *out;           /* output data (C-contiguous) */
    int nthreads;
} red;

/* ---- loading: source elements -> contiguous accumulator-typed buffer --- */

static inline float as_f32(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline double as_f64(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }
#define BS8(x) (x)
#define BS16(x) __builtin_bswap16(x)
#define BS32(x) __builtin_bswap32(x)
#define BS64(x) __builtin_bswap64(x)

#define LOADLOOP(DT, RAW, BS, CONV)                                          \
    do {                                                                     \
        DT *d_ = (DT *)dst;                                                  \
        if (swapped) {                                                       \
            for (int64_t i_ = 0; i_ < n; i_++) {                             \
                RAW v_;                                                      \
                memcpy(&v_, src + i_ * stride, sizeof v_);                   \
                v_ = BS(v_);                                                 \
                d_[i_] = CONV(v_);                                           \
            }                                                                \
        } else {                                                             \
            for (int64_t i_ = 0; i_ < n; i_++) {                             \
                RAW v_;                                                      \
                memcpy(&v_, src + i_ * stride, sizeof v_);                   \
                d_[i_] = CONV(v_);                                           \
            }                                                                \
        }                                                                    \
    } while (0)

#define C_BOOL(v) ((v) != 0)
#define C_I8(v) ((int8_t)(v))
#define C_I16(v) ((int16_t)(v))
#define C_I32(v) ((int32_t)(v))
#define C_I64(v) ((int64_t)(v))
#define C_U(v) (v)
#define C_F16(v) h2f(v)
#define C_F32(v) as_f32(v)
#define C_F64(v) as_f64(v)

/* Integer and bool sources into DT (int64_t, uint64_t or double). */
#define LOAD_INTS(DT)                                                        \
    switch (st.type) {                                                       \
    case NDM__BOOL: LOADLOOP(DT, uint8_t, BS8, C_BOOL); break;               \
    case NDM__INT8: LOADLOOP(DT, uint8_t, BS8, C_I8); break;                 \
    case NDM__INT16: LOADLOOP(DT, uint16_t, BS16, C_I16); break;             \
    case NDM__INT32: LOADLOOP(DT, uint32_t, BS32, C_I32); break;             \
    case NDM__INT64: LOADLOOP(DT, uint64_t, BS64, C_I64); break;             \
    case NDM__UINT8: LOADLOOP(DT, uint8_t, BS8, C_U); break;                 \
    case NDM__UINT16: LOADLOOP(DT, uint16_t, BS16, C_U); break;              \
    case NDM__UINT32: LOADLOOP(DT, uint32_t, BS32, C_U); break;              \
    case NDM__UINT64: LOADLOOP(DT, uint64_t, BS64, C_U); break;              \
    default: break;                                                          \
    }

/* Load n source elements, `stride` bytes apart, converted to the
 * accumulator type. */
static void load(const red *r, void *dst, const char *src, int64_t stride, int64_t n) {
    ndm__dtype st = r->st;
    bool swapped = st.swapped;
    switch (r->ak) {
    case AC_F32:
        if (st.type == NDM__FLOAT16) LOADLOOP(float, uint16_t, BS16, C_F16);
        else LOADLOOP(float, uint32_t, BS32, C_F32);
        break;
    case AC_F64:
        if (st.type == NDM__FLOAT64) LOADLOOP(double, uint64_t, BS64, C_F64);
        else LOAD_INTS(double);
        break;
    case AC_I64: LOAD_INTS(int64_t); break;
    case AC_U64: LOAD_INTS(uint64_t); break;
    case AC_C64: { /* two float parts per element */
        float *d = dst;
        for (int64_t i = 0; i < n; i++) {
            uint32_t re, im;
            memcpy(&re, src + i * stride, 4);
            memcpy(&im, src + i * stride + 4, 4);
            if (swapped) {
                re = BS32(re);
                im = BS32(im);
            }
            d[2 * i] = as_f32(re);
            d[2 * i + 1] = as_f32(im);
        }
        break;
    }
    case AC_C128: {
        double *d = dst;
        for (int64_t i = 0; i < n; i++) {
            uint64_t re, im;
            memcpy(&re, src + i * stride, 8);
            memcpy(&im, src + i * stride + 8, 8);
            if (swapped) {
                re = BS64(re);
                im = BS64(im);
            }
            d[2 * i] = as_f64(re);
            d[2 * i + 1] = as_f64(im);
        }
        break;
    }
    }
}

/* ---- per-chunk work (row mode) ----------------------------------------- */

/* The chunk's result over n contiguous accumulator-typed elements. */
static void kernel(const red *r, const void *p, int64_t n, accv *res) {
    bool mn = r->op == OP_MIN;
    switch (r->op) {
    case OP_SUM:
    case OP_MEAN:
        switch (r->ak) {
        case AC_F32: res->f = pw_f32(p, n); break;
        case AC_F64: res->d = pw_f64(p, n); break;
        case AC_I64:
        case AC_U64: res->u = sum_u64(p, n); break;
        case AC_C64: pw_c64(p, 2 * n, &res->cf[0], &res->cf[1]); break;
        case AC_C128: pw_c128(p, 2 * n, &res->cd[0], &res->cd[1]); break;
        }
        break;
    case OP_MIN:
    case OP_MAX:
        switch (r->ak) {
        case AC_F32: res->f = mn ? min_f32(p, n) : max_f32(p, n); break;
        case AC_F64: res->d = mn ? min_f64(p, n) : max_f64(p, n); break;
        case AC_I64: res->i = mn ? min_i64(p, n) : max_i64(p, n); break;
        case AC_U64: res->u = mn ? min_u64(p, n) : max_u64(p, n); break;
        case AC_C64:
            if (mn) min_c64(p, n, res->cf);
            else max_c64(p, n, res->cf);
            break;
        case AC_C128:
            if (mn) min_c128(p, n, res->cd);
            else max_c128(p, n, res->cd);
            break;
        }
        break;
    }
}

/* Address of output o's data in the source (C order over the output dims). */
static const char *out_src(const red *r, int64_t o) {
    const char *p = r->base;
    for (int d = r->ond - 1; d >= 0 && o; d--) {
        p += (o % r->oshape[d]) * r->ostr[d];
        o /= r->oshape[d];
    }
    return p;
}

/* Gather elements [start, start+n) of a row's walk into buf. */
static void gather(const red *r, const char *row, int64_t start, int64_t n, char *buf) {
    int nd = r->rnd, in = nd - 1;
    int64_t idx[NDM_MAXDIMS], f = start;
    const char *p = row;
    for (int d = nd - 1; d >= 0; d--) {
        idx[d] = f % r->rshape[d];
        f /= r->rshape[d];
        p += idx[d] * r->rstr[d];
    }
    int64_t done = 0;
    while (done < n) {
        int64_t seg = r->rshape[in] - idx[in];
        if (seg > n - done) seg = n - done;
        load(r, buf + done * r->asz, p, r->rstr[in], seg);
        done += seg;
        p += seg * r->rstr[in];
        idx[in] += seg;
        for (int d = in; d > 0 && idx[d] == r->rshape[d]; d--) {
            p -= idx[d] * r->rstr[d];
            idx[d] = 0;
            idx[d - 1]++;
            p += r->rstr[d - 1];
        }
    }
}

static void chunk_result(const red *r, int64_t k, char *buf, accv *res) {
    int64_t o = k / r->C, c = k % r->C;
    const char *row = out_src(r, o);
    int64_t start = c * CHUNK, n = r->L - start;
    if (n > CHUNK) n = CHUNK;
    if (r->direct && r->rnd == 1 && r->rstr[0] == r->asz) {
        kernel(r, row + start * r->asz, n, res);
    } else {
        gather(r, row, start, n, buf);
        kernel(r, buf, n, res);
    }
}

/* ---- folding chunk results and writing outputs ------------------------- */

static void acc_init(const red *r, accv *acc) {
    memset(acc, 0, sizeof *acc);
    (void)r; /* 0 is the identity of every sum; min/max start from a value */
}

static void fold(const red *r, accv *acc, const accv *p, bool first) {
    if (r->op == OP_MIN || r->op == OP_MAX) {
        if (first) {
            *acc = *p;
            return;
        }
        bool mn = r->op == OP_MIN;
        switch (r->ak) {
        case AC_F32: acc->f = mn ? PICK_MIN(acc->f, p->f) : PICK_MAX(acc->f, p->f); break;
        case AC_F64: acc->d = mn ? PICK_MIN(acc->d, p->d) : PICK_MAX(acc->d, p->d); break;
        case AC_I64:
            acc->i = mn ? (p->i < acc->i ? p->i : acc->i) : (p->i > acc->i ? p->i : acc->i);
            break;
        case AC_U64:
            acc->u = mn ? (p->u < acc->u ? p->u : acc->u) : (p->u > acc->u ? p->u : acc->u);
            break;
        case AC_C64:
            if (!(mn ? CPLX_KEEP_MIN(acc->cf[0], acc->cf[1], p->cf[0], p->cf[1])
                     : CPLX_KEEP_MAX(acc->cf[0], acc->cf[1], p->cf[0], p->cf[1])))
                *acc = *p;
            break;
        case AC_C128:
            if (!(mn ? CPLX_KEEP_MIN(acc->cd[0], acc->cd[1], p->cd[0], p->cd[1])
                     : CPLX_KEEP_MAX(acc->cd[0], acc->cd[1], p->cd[0], p->cd[1])))
                *acc = *p;
            break;
        }
        return;
    }
    switch (r->ak) {
    case AC_F32:
        acc->f += p->f;
        if (r->half_steps) acc->f = h2f(d2h(acc->f));
        break;
    case AC_F64: acc->d += p->d; break;
    case AC_I64:
    case AC_U64: acc->u += p->u; break;
    case AC_C64:
        acc->cf[0] += p->cf[0];
        acc->cf[1] += p->cf[1];
        break;
    case AC_C128:
        acc->cd[0] += p->cd[0];
        acc->cd[1] += p->cd[1];
        break;
    }
}

/* numpy's complex division by a real count (Smith's method with b = n+0j). */
#define SMITH(T, sr, si, n, outr, outi)                                      \
    do {                                                                     \
        T br_ = (T)(n), rat_ = (T)0 / br_, scl_ = (T)1 / (br_ + (T)0 * rat_); \
        outr = ((sr) + (si) * rat_) * scl_;                                  \
        outi = ((si) - (sr) * rat_) * scl_;                                  \
    } while (0)

static void store_out(const red *r, const accv *acc, char *dst) {
    int64_t n = r->count;
    switch (r->ot.type) {
    case NDM__BOOL: { uint8_t v = acc->u != 0; memcpy(dst, &v, 1); break; }
    case NDM__INT8: { int8_t v = (int8_t)acc->i; memcpy(dst, &v, 1); break; }
    case NDM__INT16: { int16_t v = (int16_t)acc->i; memcpy(dst, &v, 2); break; }
    case NDM__INT32: { int32_t v = (int32_t)acc->i; memcpy(dst, &v, 4); break; }
    case NDM__INT64: memcpy(dst, &acc->i, 8); break;
    case NDM__UINT8: { uint8_t v = (uint8_t)acc->u; memcpy(dst, &v, 1); break; }
    case NDM__UINT16: { uint16_t v = (uint16_t)acc->u; memcpy(dst, &v, 2); break; }
    case NDM__UINT32: { uint32_t v = (uint32_t)acc->u; memcpy(dst, &v, 4); break; }
    case NDM__UINT64: memcpy(dst, &acc->u, 8); break;
    case NDM__FLOAT16: {
        uint16_t h;
        if (r->op != OP_MEAN) h = d2h(acc->f);
        else if (r->scalar) h = d2h((double)acc->f / (double)n);
        else h = d2h((float)((double)acc->f / (double)n));
        memcpy(dst, &h, 2);
        break;
    }
    case NDM__FLOAT32: {
        float v = r->op == OP_MEAN ? (float)((double)acc->f / (double)n) : acc->f;
        memcpy(dst, &v, 4);
        break;
    }
    case NDM__FLOAT64: {
        double v = r->ak == AC_F64 ? acc->d : 0;
        if (r->op == OP_MEAN) v = v / (double)n;
        memcpy(dst, &v, 8);
        break;
    }
    case NDM__COMPLEX64: {
        float v[2] = {acc->cf[0], acc->cf[1]};
        if (r->op == OP_MEAN) {
            if (!r->scalar && n < 65536) {
                /* numpy divides a complex64 array by a small count in
                 * complex64 */
                SMITH(float, acc->cf[0], acc->cf[1], n, v[0], v[1]);
            } else {
                double a, b;
                SMITH(double, (double)acc->cf[0], (double)acc->cf[1], n, a, b);
                v[0] = (float)a;
                v[1] = (float)b;
            }
        }
        memcpy(dst, v, 8);
        break;
    }
    case NDM__COMPLEX128: {
        double v[2] = {acc->cd[0], acc->cd[1]};
        if (r->op == OP_MEAN) SMITH(double, acc->cd[0], acc->cd[1], n, v[0], v[1]);
        memcpy(dst, v, 16);
        break;
    }
    default: break;
    }
}

/* ---- threads ------------------------------------------------------------ */

typedef void (*par_fn)(void *ctx, int t, int nt);
typedef struct par_arg { par_fn fn; void *ctx; int t, nt; } par_arg;

static void *par_main(void *p) {
    par_arg *a = p;
    a->fn(a->ctx, a->t, a->nt);
    return NULL;
}

/* Run fn(ctx, t, nt) for t in [0, nt), on nt - 1 new threads and this one.
 * A thread that cannot be created has its share run here instead. */
static void run_par(int nt, par_fn fn, void *ctx) {
    pthread_t th[NDM__MAX_THREADS];
    par_arg args[NDM__MAX_THREADS];
    bool started[NDM__MAX_THREADS] = {false};
    for (int t = 1; t < nt; t++) {
        args[t] = (par_arg){fn, ctx, t, nt};
        started[t] = pthread_create(&th[t], NULL, par_main, &args[t]) == 0;
    }
    fn(ctx, 0, nt);
    for (int t = 1; t < nt; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else fn(ctx, t, nt);
    }
}

static int thread_count(int64_t bytes) {
    if (bytes < PAR_MIN_BYTES) return 1;
    return ndm__threads_available();
}

/* ---- row mode ----------------------------------------------------------- */

typedef struct row_job {
    const red *r;
    int64_t k0, k1;   /* chunk items of this batch */
    char *parts;      /* their results, ACC-sized... as accv */
    char *bufs;       /* one CHUNK buffer per thread */
} row_job;

static void row_worker(void *ctx, int t, int nt) {
    row_job *j = ctx;
    const red *r = j->r;
    int64_t n = j->k1 - j->k0, a = j->k0 + n * t / nt, b = j->k0 + n * (t + 1) / nt;
    char *buf = j->bufs + (size_t)t * CHUNK * (size_t)r->asz;
    for (int64_t k = a; k < b; k++) {
        accv res;
        chunk_result(r, k, buf, &res);
        memcpy(j->parts + (size_t)(k - j->k0) * sizeof(accv), &res, sizeof res);
    }
}

static int run_rows(red *r) {
    int64_t items = r->nout * r->C;
    int nt = r->nthreads;
    if (nt > items) nt = (int)(items ? items : 1);
    bool need_buf = !(r->direct && r->rnd == 1 && r->rstr[0] == r->asz);
    int64_t batch = items < BATCH ? items : BATCH;
    char *bufs = NULL, *parts = NULL;
    if (need_buf && !(bufs = malloc((size_t)nt * CHUNK * (size_t)r->asz))) return ndm__err_nomem();
    if (nt > 1 && !(parts = malloc((size_t)batch * sizeof(accv)))) {
        free(bufs);
        return ndm__err_nomem();
    }
    accv acc;
    acc_init(r, &acc);
    if (nt == 1) {
        /* fold as we go: no storage for chunk results */
        for (int64_t k = 0; k < items; k++) {
            int64_t c = k % r->C;
            accv res;
            chunk_result(r, k, bufs, &res);
            if (c == 0) acc_init(r, &acc);
            fold(r, &acc, &res, c == 0);
            if (c == r->C - 1) store_out(r, &acc, r->out + (k / r->C) * r->osz);
        }
    } else {
        for (int64_t k0 = 0; k0 < items; k0 += batch) {
            row_job j = {r, k0, k0 + batch < items ? k0 + batch : items, parts, bufs};
            run_par(nt, row_worker, &j);
            for (int64_t k = j.k0; k < j.k1; k++) {
                int64_t c = k % r->C;
                accv res;
                memcpy(&res, parts + (size_t)(k - k0) * sizeof(accv), sizeof res);
                if (c == 0) acc_init(r, &acc);
                fold(r, &acc, &res, c == 0);
                if (c == r->C - 1) store_out(r, &acc, r->out + (k / r->C) * r->osz);
            }
        }
    }
    free(parts);
    free(bufs);
    return NDM_OK;
}

/* ---- column mode -------------------------------------------------------- */

/* Complex min/max of n (re, im) pairs: acc keeps its element or takes x's,
 * in numpy's lexicographic order with NaN kept. */
#define COL_CPLX_MINMAX(acc, x, n, mn)                                              \
    for (int64_t k_ = 0; k_ < (n); k_++)                                          \
        if (!((mn) ? CPLX_KEEP_MIN((acc)[2 * k_], (acc)[2 * k_ + 1], (x)[2 * k_], (x)[2 * k_ + 1]) \
                   : CPLX_KEEP_MAX((acc)[2 * k_], (acc)[2 * k_ + 1], (x)[2 * k_], (x)[2 * k_ + 1]))) { \
            (acc)[2 * k_] = (x)[2 * k_];                                          \
            (acc)[2 * k_ + 1] = (x)[2 * k_ + 1];                                  \
        }

/* acc[i] = acc[i] op x[i] for n contiguous accumulator-typed elements. */
static void col_step(const red *r, char *accp, const char *xp, int64_t n) {
    bool mn = r->op == OP_MIN;
    int64_t i = 0;
    switch (r->ak) {
    case AC_F32:
    case AC_C64: {
        float *acc = (float *)accp;
        const float *x = (const float *)xp;
        if (r->ak == AC_C64) {
            if (r->op == OP_SUM || r->op == OP_MEAN) n *= 2;
            else {
                COL_CPLX_MINMAX(acc, x, n, mn);
                return;
            }
        }
        if (r->op == OP_SUM || r->op == OP_MEAN) {
            if (r->half_steps) {
                for (; i < n; i++) acc[i] = h2f(d2h(acc[i] + x[i]));
                return;
            }
            for (; i + 8 <= n; i += 8) {
                v4f a0, a1, b0, b1;
                memcpy(&a0, acc + i, 16);
                memcpy(&a1, acc + i + 4, 16);
                memcpy(&b0, x + i, 16);
                memcpy(&b1, x + i + 4, 16);
                a0 += b0;
                a1 += b1;
                memcpy(acc + i, &a0, 16);
                memcpy(acc + i + 4, &a1, 16);
            }
            for (; i < n; i++) acc[i] += x[i];
        } else {
#if HAVE_SSE2
            /* numpy's minimum(acc, x): acc when acc is NaN, else minps(acc, x). */
#define COL_MINMAX_F32(OP)                                                   \
    for (; i + 8 <= n; i += 8) {                                             \
        __m128 a0 = _mm_loadu_ps(acc + i), b0 = _mm_loadu_ps(x + i);         \
        __m128 a1 = _mm_loadu_ps(acc + i + 4), b1 = _mm_loadu_ps(x + i + 4); \
        _mm_storeu_ps(acc + i, nan_select(a0, OP(a0, b0)));                  \
        _mm_storeu_ps(acc + i + 4, nan_select(a1, OP(a1, b1)));              \
    }
            if (mn) {
                COL_MINMAX_F32(_mm_min_ps)
            } else {
                COL_MINMAX_F32(_mm_max_ps)
            }
#undef COL_MINMAX_F32
#endif
            if (mn)
                for (; i < n; i++) acc[i] = PICK_MIN(acc[i], x[i]);
            else
                for (; i < n; i++) acc[i] = PICK_MAX(acc[i], x[i]);
        }
        return;
    }
    case AC_F64:
    case AC_C128: {
        double *acc = (double *)accp;
        const double *x = (const double *)xp;
        if (r->ak == AC_C128) {
            if (r->op == OP_SUM || r->op == OP_MEAN) n *= 2;
            else {
                COL_CPLX_MINMAX(acc, x, n, mn);
                return;
            }
        }
        if (r->op == OP_SUM || r->op == OP_MEAN) {
            for (; i + 4 <= n; i += 4) {
                v2d a0, a1, b0, b1;
                memcpy(&a0, acc + i, 16);
                memcpy(&a1, acc + i + 2, 16);
                memcpy(&b0, x + i, 16);
                memcpy(&b1, x + i + 2, 16);
                a0 += b0;
                a1 += b1;
                memcpy(acc + i, &a0, 16);
                memcpy(acc + i + 2, &a1, 16);
            }
            for (; i < n; i++) acc[i] += x[i];
        } else {
#if HAVE_SSE2
            if (mn) {
                for (; i + 2 <= n; i += 2) {
                    __m128d a = _mm_loadu_pd(acc + i), b = _mm_loadu_pd(x + i);
                    _mm_storeu_pd(acc + i, nan_select_pd(a, _mm_min_pd(a, b)));
                }
            } else {
                for (; i + 2 <= n; i += 2) {
                    __m128d a = _mm_loadu_pd(acc + i), b = _mm_loadu_pd(x + i);
                    _mm_storeu_pd(acc + i, nan_select_pd(a, _mm_max_pd(a, b)));
                }
            }
#endif
            if (mn)
                for (; i < n; i++) acc[i] = PICK_MIN(acc[i], x[i]);
            else
                for (; i < n; i++) acc[i] = PICK_MAX(acc[i], x[i]);
        }
        return;
    }
    case AC_I64: {
        int64_t *acc = (int64_t *)accp;
        const int64_t *x = (const int64_t *)xp;
        if (r->op == OP_SUM || r->op == OP_MEAN)
            for (; i < n; i++) acc[i] = (int64_t)((uint64_t)acc[i] + (uint64_t)x[i]);
        else if (mn)
            for (; i < n; i++) acc[i] = x[i] < acc[i] ? x[i] : acc[i];
        else
            for (; i < n; i++) acc[i] = x[i] > acc[i] ? x[i] : acc[i];
        return;
    }
    case AC_U64: {
        uint64_t *acc = (uint64_t *)accp;
        const uint64_t *x = (const uint64_t *)xp;
        if (r->op == OP_SUM || r->op == OP_MEAN)
            for (; i < n; i++) acc[i] += x[i];
        else if (mn)
            for (; i < n; i++) acc[i] = x[i] < acc[i] ? x[i] : acc[i];
        else
            for (; i < n; i++) acc[i] = x[i] > acc[i] ? x[i] : acc[i];
        return;
    }
    }
}

/* Slices folded per pass over a block of accumulators (column mode). */
#define COL_SLICES 8

/* acc[i] = (...((acc[i] op x_0[i]) op x_1[i]) ...) op x_7[i] for float32,
 * x_k = first + k * step: COL_SLICES slices in one pass, the same operations
 * per element in the same order as one slice at a time. */
static void col_stepk_f32(const red *r, float *acc, const char *first, int64_t step, int64_t n) {
    const float *p[COL_SLICES];
    for (int k = 0; k < COL_SLICES; k++) p[k] = (const float *)(first + k * step);
    int64_t i = 0;
    /* Four vectors (16 columns) per step: each column's chain of COL_SLICES
     * dependent additions (or comparisons) is latency-bound, and four
     * independent chains keep the adder busy (measured: one vector per step
     * ran at ~0.75 cycles per element, slower than memory). */
    if (r->op == OP_SUM || r->op == OP_MEAN) {
        for (; i + 16 <= n; i += 16) {
            v4f a0, a1, a2, a3, b0, b1, b2, b3;
            memcpy(&a0, acc + i, 16);
            memcpy(&a1, acc + i + 4, 16);
            memcpy(&a2, acc + i + 8, 16);
            memcpy(&a3, acc + i + 12, 16);
            for (int k = 0; k < COL_SLICES; k++) {
                memcpy(&b0, p[k] + i, 16);
                memcpy(&b1, p[k] + i + 4, 16);
                memcpy(&b2, p[k] + i + 8, 16);
                memcpy(&b3, p[k] + i + 12, 16);
                a0 += b0;
                a1 += b1;
                a2 += b2;
                a3 += b3;
            }
            memcpy(acc + i, &a0, 16);
            memcpy(acc + i + 4, &a1, 16);
            memcpy(acc + i + 8, &a2, 16);
            memcpy(acc + i + 12, &a3, 16);
        }
        for (; i + 4 <= n; i += 4) {
            v4f a, b;
            memcpy(&a, acc + i, 16);
            for (int k = 0; k < COL_SLICES; k++) {
                memcpy(&b, p[k] + i, 16);
                a += b;
            }
            memcpy(acc + i, &a, 16);
        }
        for (; i < n; i++) {
            float a = acc[i];
            for (int k = 0; k < COL_SLICES; k++) a += p[k][i];
            acc[i] = a;
        }
        return;
    }
    bool mn = r->op == OP_MIN;
#if HAVE_SSE2
    /* numpy's minimum(a, x) is a when a is NaN, else minps(a, x) (which is x
     * when x is NaN, and x for +-0 ties). Without NaN the chain is minps
     * alone: each 16-column group runs it, noting in u whether any input
     * (accumulator or slice) is NaN, one unordered compare per pair of
     * slices, and only a group that met a NaN is redone with the exact
     * select. That keeps the first NaN's bits, as numpy does, at about half
     * the work per element of selecting every time. */
#define EXACT(OP, a, x) nan_select(a, OP(a, x))
#define STEPK(OP)                                                                 \
    for (; i + 16 <= n; i += 16) {                                                \
        __m128 a0 = _mm_loadu_ps(acc + i), a1 = _mm_loadu_ps(acc + i + 4);       \
        __m128 a2 = _mm_loadu_ps(acc + i + 8), a3 = _mm_loadu_ps(acc + i + 12);  \
        __m128 u = _mm_or_ps(_mm_cmpunord_ps(a0, a1), _mm_cmpunord_ps(a2, a3));   \
        for (int k = 0; k < COL_SLICES; k += 2) {                                 \
            const float *x = p[k] + i, *y = p[k + 1] + i;                         \
            __m128 x0 = _mm_loadu_ps(x), y0 = _mm_loadu_ps(y);                    \
            __m128 x1 = _mm_loadu_ps(x + 4), y1 = _mm_loadu_ps(y + 4);            \
            __m128 x2 = _mm_loadu_ps(x + 8), y2 = _mm_loadu_ps(y + 8);            \
            __m128 x3 = _mm_loadu_ps(x + 12), y3 = _mm_loadu_ps(y + 12);          \
            u = _mm_or_ps(u, _mm_or_ps(_mm_cmpunord_ps(x0, y0), _mm_cmpunord_ps(x1, y1))); \
            u = _mm_or_ps(u, _mm_or_ps(_mm_cmpunord_ps(x2, y2), _mm_cmpunord_ps(x3, y3))); \
            a0 = OP(OP(a0, x0), y0);                                              \
            a1 = OP(OP(a1, x1), y1);                                              \
            a2 = OP(OP(a2, x2), y2);                                              \
            a3 = OP(OP(a3, x3), y3);                                              \
        }                                                                         \
        if (_mm_movemask_ps(u)) {                                                 \
            for (int v = 0; v < 16; v += 4) {                                     \
                __m128 a = _mm_loadu_ps(acc + i + v);                             \
                for (int k = 0; k < COL_SLICES; k++)                              \
                    a = EXACT(OP, a, _mm_loadu_ps(p[k] + i + v));                 \
                _mm_storeu_ps(acc + i + v, a);                                    \
            }                                                                     \
            continue;                                                             \
        }                                                                         \
        _mm_storeu_ps(acc + i, a0);                                               \
        _mm_storeu_ps(acc + i + 4, a1);                                           \
        _mm_storeu_ps(acc + i + 8, a2);                                           \
        _mm_storeu_ps(acc + i + 12, a3);                                          \
    }                                                                             \
    for (; i + 4 <= n; i += 4) {                                                  \
        __m128 a = _mm_loadu_ps(acc + i);                                         \
        for (int k = 0; k < COL_SLICES; k++) a = EXACT(OP, a, _mm_loadu_ps(p[k] + i)); \
        _mm_storeu_ps(acc + i, a);                                                \
    }
    if (mn) {
        STEPK(_mm_min_ps)
    } else {
        STEPK(_mm_max_ps)
    }
#undef STEPK
#undef EXACT
#endif
    for (; i < n; i++) {
        float a = acc[i];
        for (int k = 0; k < COL_SLICES; k++) a = mn ? PICK_MIN(a, p[k][i]) : PICK_MAX(a, p[k][i]);
        acc[i] = a;
    }
}

typedef struct col_job {
    const red *r;
    int64_t J, sj;      /* innermost output dim: length, source stride */
    int64_t bl, nbj;    /* block length and blocks per output row */
    int64_t nblocks;
    char *mem;          /* per thread: accumulator block + load buffer */
} col_job;

static void col_worker(void *ctx, int t, int nt) {
    col_job *j = ctx;
    const red *r = j->r;
    size_t per = (size_t)j->bl * (size_t)r->asz;
    char *acc = j->mem + (size_t)t * 2 * per, *tmp = acc + per;
    bool direct = r->direct && j->sj == r->asz;
    int64_t b0 = j->nblocks * t / nt, b1 = j->nblocks * (t + 1) / nt;
    for (int64_t b = b0; b < b1; b++) {
        int64_t q = b / j->nbj, j0 = (b % j->nbj) * j->bl, n = j->J - j0;
        if (n > j->bl) n = j->bl;
        int64_t o = q * j->J + j0; /* first output of the block */
        const char *src = out_src(r, o);
        int64_t i = 0;
        if (direct && r->ak == AC_F32 && !r->half_steps && r->R > COL_SLICES) {
            /* Several slices per pass over the accumulators: the same
             * additions (or comparisons) per element, in the same order, with
             * a fraction of the accumulator traffic (measured: 1 slice per
             * pass streams at ~7 GB/s, 8 at ~16). */
            if (r->op == OP_MIN || r->op == OP_MAX) { /* start from slice 0 */
                memcpy(acc, src, (size_t)n * 4);
                i = 1;
                src += r->rs;
            } else {
                memset(acc, 0, (size_t)n * 4);
            }
            for (; i + COL_SLICES <= r->R; i += COL_SLICES, src += COL_SLICES * r->rs)
                col_stepk_f32(r, (float *)acc, src, r->rs, n);
        }
        for (; i < r->R; i++, src += r->rs) {
            const char *x = src;
            if (!direct) {
                load(r, tmp, src, j->sj, n);
                x = tmp;
            }
            if (i == 0) {
                if (r->op == OP_MIN || r->op == OP_MAX) {
                    memcpy(acc, x, (size_t)n * (size_t)r->asz);
                    continue;
                }
                memset(acc, 0, (size_t)n * (size_t)r->asz);
            }
            col_step(r, acc, x, n);
        }
        for (int64_t e = 0; e < n; e++) {
            accv v;
            memcpy(&v, acc + e * r->asz, (size_t)r->asz);
            store_out(r, &v, r->out + (o + e) * r->osz);
        }
    }
}

static int run_cols(red *r) {
    col_job j = {.r = r};
    j.J = r->oshape[r->ond - 1];
    j.sj = r->ostr[r->ond - 1];
    int64_t nq = r->nout / j.J;
    int nt = r->nthreads;
    int64_t cap = COL_BYTES / r->asz;
    j.nbj = (j.J + cap - 1) / cap;
    if (nq * j.nbj < nt) {
        int64_t want = (nt + nq - 1) / nq;
        j.nbj = want < j.J ? want : j.J;
    }
    j.bl = (j.J + j.nbj - 1) / j.nbj;
    j.nbj = (j.J + j.bl - 1) / j.bl;
    j.nblocks = nq * j.nbj;
    if (nt > j.nblocks) nt = (int)j.nblocks;
    j.mem = malloc((size_t)nt * 2 * (size_t)j.bl * (size_t)r->asz);
    if (!j.mem) return ndm__err_nomem();
    if (nt > 1) run_par(nt, col_worker, &j);
    else col_worker(&j, 0, 1);
    free(j.mem);
    return NDM_OK;
}

/* ---- setup -------------------------------------------------------------- */

typedef struct dim { int64_t n, s; } dim;

static int axis_error(int axis, int ndim) {
    return ndm__err_class(NDM_EVALUE, "AxisError", "axis %d is out of bounds for array of dimension %d",
                          axis, ndim);
}

static void plan_types(red *r, red_op op, ndm__dtype st) {
    ndm__kind kind = ndm__type_kind(st.type);
    r->st = st;
    r->ot = st;
    r->ot.swapped = 0;
    r->half_steps = false;
    switch (op) {
    case OP_MIN:
    case OP_MAX:
        switch (kind) {
        case NDM__KIND_BOOL:
        case NDM__KIND_UINT: r->ak = AC_U64; break;
        case NDM__KIND_INT: r->ak = AC_I64; break;
        case NDM__KIND_FLOAT: r->ak = st.type == NDM__FLOAT64 ? AC_F64 : AC_F32; break;
        case NDM__KIND_COMPLEX: r->ak = st.type == NDM__COMPLEX64 ? AC_C64 : AC_C128; break;
        }
        break;
    case OP_SUM:
        r->ot.longlong = 0;
        switch (kind) {
        case NDM__KIND_BOOL:
        case NDM__KIND_INT: r->ak = AC_I64; r->ot.type = NDM__INT64; break;
        case NDM__KIND_UINT: r->ak = AC_U64; r->ot.type = NDM__UINT64; break;
        case NDM__KIND_FLOAT:
            r->ak = st.type == NDM__FLOAT64 ? AC_F64 : AC_F32;
            r->half_steps = st.type == NDM__FLOAT16;
            break;
        case NDM__KIND_COMPLEX: r->ak = st.type == NDM__COMPLEX64 ? AC_C64 : AC_C128; break;
        }
        break;
    case OP_MEAN:
        r->ot.longlong = 0;
        switch (kind) {
        case NDM__KIND_BOOL:
        case NDM__KIND_INT:
        case NDM__KIND_UINT: r->ak = AC_F64; r->ot.type = NDM__FLOAT64; break;
        case NDM__KIND_FLOAT: r->ak = st.type == NDM__FLOAT64 ? AC_F64 : AC_F32; break;
        case NDM__KIND_COMPLEX: r->ak = st.type == NDM__COMPLEX64 ? AC_C64 : AC_C128; break;
        }
        break;
    }
    r->asz = ACC_SIZE[r->ak];
    r->osz = ndm__itemsize(r->ot.type);
    /* Elements usable in place: same representation as the accumulator. */
    static const uint8_t same[] = {[AC_F32] = NDM__FLOAT32, [AC_F64] = NDM__FLOAT64,
                                   [AC_I64] = NDM__INT64,   [AC_U64] = NDM__UINT64,
                                   [AC_C64] = NDM__COMPLEX64, [AC_C128] = NDM__COMPLEX128};
    r->direct = !st.swapped && st.type == same[r->ak];
}

static int reduce(ndm_array **out, const ndm_array *a, int axis, red_op op) {
    if (!out || !a) return ndm__err(NDM_EVALUE, "array or out is NULL");
    int nd = a->ndim;
    bool full = axis == NDM_AXIS_ALL;
    if (!full) {
        /* numpy accepts axis 0 / -1 on a 0-d array as the whole array */
        if (axis < -(nd ? nd : 1) || axis >= (nd ? nd : 1)) return axis_error(axis, nd);
        /* ... but mean does not (numpy's _mean counts items along the axis) */
        if (nd == 0 && op == OP_MEAN) return axis_error(axis, nd);
        if (axis < 0) axis += nd ? nd : 1;
        if (nd == 0) full = true;
    }
    red *r = calloc(1, sizeof *r);
    if (!r) return ndm__err_nomem();
    r->op = op;
    plan_types(r, op, a->dtype);
    int64_t size = ndm__size(nd, a->shape);
    char *base = a->data;

    /* Output shape (a's without the axis) and the output index space. */
    int64_t oshape[NDM_MAXDIMS];
    int ond_all = 0;
    r->nout = 1;
    for (int k = 0; k < nd && !full; k++) {
        if (k == axis) continue;
        oshape[ond_all++] = a->shape[k];
        r->nout *= a->shape[k];
        if (a->shape[k] != 1) {
            r->oshape[r->ond] = a->shape[k];
            r->ostr[r->ond++] = a->strides[k];
        }
    }
    r->count = full ? size : a->shape[axis];
    if (r->count == 0 && (op == OP_MIN || op == OP_MAX)) {
        free(r);
        return ndm__err(NDM_EVALUE, "zero-size array to reduction operation %s which has no identity",
                        op == OP_MIN ? "minimum" : "maximum");
    }
    ndm_array *res;
    int rc = ndm__array_empty(r->ot, ond_all, oshape, 'C', false, &res);
    if (rc < 0) {
        free(r);
        return rc;
    }
    r->out = res->data;
    r->scalar = ond_all == 0;
    if (r->nout == 0) goto done;
    if (r->count == 0) { /* sum: 0, mean: 0/0 */
        accv zero;
        acc_init(r, &zero);
        for (int64_t o = 0; o < r->nout; o++) store_out(r, &zero, r->out + o * r->osz);
        goto done;
    }
    r->nthreads = thread_count(size * ndm__itemsize(a->dtype.type));

    bool rows;
    if (full) {
        /* numpy's order: axes sorted by |stride| descending, each walked
         * in its own direction (reductions do not flip negative strides);
         * dimensions contiguous with each other are merged. */
        dim d[NDM_MAXDIMS];
        int n = 0;
        for (int k = 0; k < nd; k++) {
            if (a->shape[k] == 1) continue;
            dim x = {a->shape[k], a->strides[k]};
            int i = n++;
            while (i > 0 && llabs(d[i - 1].s) < llabs(x.s)) {
                d[i] = d[i - 1];
                i--;
            }
            d[i] = x;
        }
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (m > 0 && d[m - 1].s == d[k].s * d[k].n) {
                d[m - 1].n *= d[k].n;
                d[m - 1].s = d[k].s;
            } else {
                d[m++] = d[k];
            }
        }
        if (m == 0) d[m++] = (dim){1, ndm__itemsize(a->dtype.type)};
        r->rnd = m;
        for (int k = 0; k < m; k++) {
            r->rshape[k] = d[k].n;
            r->rstr[k] = d[k].s;
        }
        r->ond = 0;
        rows = true;
    } else {
        int64_t R = a->shape[axis], s = a->strides[axis];
        /* numpy walks the axis innermost (pairwise per output) only when its
         * stride is the smallest; otherwise outputs accumulate slice by slice,
         * in index order (also for a negative stride). */
        rows = true;
        for (int k = 0; k < r->ond; k++)
            if (llabs(r->ostr[k]) <= llabs(s)) rows = false;
        if (R == 1 || r->nout == 1) rows = true;
        r->rnd = 1;
        r->rshape[0] = R;
        r->rstr[0] = s;
        r->R = R;
        r->rs = s;
    }
    r->base = base;
    if (rows) {
        r->L = r->count;
        r->C = (r->L + CHUNK - 1) / CHUNK;
        rc = run_rows(r);
    } else {
        rc = run_cols(r);
    }
done:
    free(r);
    if (rc < 0) {
        ndm_free(res);
        return rc;
    }
    *out = res;
    return NDM_OK;
}

int ndm_sum(ndm_array **out, const ndm_array *a, int axis) { return reduce(out, a, axis, OP_SUM); }
int ndm_min(ndm_array **out, const ndm_array *a, int axis) { return reduce(out, a, axis, OP_MIN); }
int ndm_max(ndm_array **out, const ndm_array *a, int axis) { return reduce(out, a, axis, OP_MAX); }
int ndm_mean(ndm_array **out, const ndm_array *a, int axis) { return reduce(out, a, axis, OP_MEAN); }
