/*
 * stats.c -- count, min, max, mean, std and NaN count of an array, streamed
 * in bounded memory and computed the way numpy computes np.min, np.max,
 * np.mean, np.std and np.isnan(a).sum(), so the results are numpy's.
 *
 * What "numpy's way" means here (numpy/_core/_methods.py and the add
 * reduction loops):
 *   - Elements are visited in numpy's iteration order for reductions: axes
 *     by decreasing |stride| (memory order), each axis walked forwards even
 *     when its stride is negative.
 *   - Reductions are buffered in runs of 8192 elements; each run is summed
 *     with numpy's pairwise summation (8 accumulators, blocks of 128,
 *     halves split on multiples of 8) and added to the running result:
 *     res = res + pairwise(run), res starting at 0. Along an axis that is
 *     not the innermost in memory, numpy adds element by element instead.
 *   - mean: integers and bools sum in float64, float16 sums in float32;
 *     then sum / count computed in float64 (count is an intp) and cast back
 *     to the result type (complex: multiplied by 1/count, numpy's complex
 *     division by a real).
 *   - std: two passes: the mean in the array's own float type (float16
 *     sums in float16 here), then the sum of (x - mean)**2 with every
 *     operation rounded to that type (float16 too), divided by the count,
 *     and the square root in that type. Complex: |x - mean|**2 as
 *     re*re + im*im in the real type.
 * The data is read through views (cli_walk) one box at a time and each box
 * is released with ndm_advise(DONTNEED) after use.
 */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RUN 8192 /* numpy's buffer size: the length of a summation run */

typedef enum { KB, KI, KU, KF16, KF32, KF64, KC64, KC128 } ekind;

/* ---- float16 ------------------------------------------------------------------ */

static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1F, man = h & 0x3FF, bits;
    if (exp == 0x1F) {
        bits = sign | 0x7F800000u | (man << 13);
    } else if (exp == 0) {
        if (man == 0) {
            bits = sign;
        } else { /* subnormal: normalise */
            int e = -1;
            do {
                e++;
                man <<= 1;
            } while (!(man & 0x400));
            bits = sign | (uint32_t)(112 - e) << 23 | (man & 0x3FF) << 13;
        }
    } else {
        bits = sign | (exp + 112) << 23 | man << 13;
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* Round a double to float16, to nearest even, as npy_double_to_half. */
static uint16_t double_to_half(double d) {
    uint64_t b;
    memcpy(&b, &d, 8);
    uint16_t sign = (uint16_t)((b >> 48) & 0x8000);
    int exp = (int)((b >> 52) & 0x7FF);
    uint64_t man = b & 0xFFFFFFFFFFFFFull;
    if (exp == 0x7FF) {
        if (!man) return sign | 0x7C00;
        uint16_t r = (uint16_t)(0x7C00u + (man >> 42));
        return sign | (r == 0x7C00 ? 0x7C01 : r);
    }
    int e = exp - 1023 + 15;
    if (e >= 31) return sign | 0x7C00;
    if (e <= 0) {
        if (e < -10) return sign;
        man |= 1ull << 52;
        int shift = 43 - e;
        uint64_t h = man >> shift, rem = man & ((1ull << shift) - 1), halfway = 1ull << (shift - 1);
        if (rem > halfway || (rem == halfway && (h & 1))) h++;
        return sign | (uint16_t)h;
    }
    uint16_t h = (uint16_t)(sign | e << 10 | (man >> 42));
    uint64_t rem = man & ((1ull << 42) - 1), halfway = 1ull << 41;
    if (rem > halfway || (rem == halfway && (h & 1))) h++;
    return h;
}

static uint16_t float_to_half(float f) { return double_to_half((double)f); }

/* ---- numpy's pairwise summation ----------------------------------------------- */

#define PW_BLOCK 128

static double pw_d(const double *a, int64_t n) {
    if (n < 8) {
        double res = 0.;
        for (int64_t i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= PW_BLOCK) {
        double r[8];
        for (int k = 0; k < 8; k++) r[k] = a[k];
        int64_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; k++) r[k] += a[i + k];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pw_d(a, n2) + pw_d(a + n2, n - n2);
}

static float pw_f(const float *a, int64_t n) {
    if (n < 8) {
        float res = 0.f;
        for (int64_t i = 0; i < n; i++) res += a[i];
        return res;
    }
    if (n <= PW_BLOCK) {
        float r[8];
        for (int k = 0; k < 8; k++) r[k] = a[k];
        int64_t i;
        for (i = 8; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; k++) r[k] += a[i + k];
        float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++) res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pw_f(a, n2) + pw_f(a + n2, n - n2);
}

/* Complex: numpy counts n in scalars (2 per element), interleaved re, im. */
#define PW_COMPLEX(name, T)                                                    \
    static void name(const T *a, int64_t n, T *rr, T *ri) {                    \
        if (n < 8) {                                                           \
            *rr = 0;                                                           \
            *ri = 0;                                                           \
            for (int64_t i = 0; i < n; i += 2) {                               \
                *rr += a[i];                                                   \
                *ri += a[i + 1];                                               \
            }                                                                  \
            return;                                                            \
        }                                                                      \
        if (n <= PW_BLOCK) {                                                   \
            T r[8];                                                            \
            for (int k = 0; k < 8; k++) r[k] = a[k];                           \
            int64_t i;                                                         \
            for (i = 8; i < n - (n % 8); i += 8)                               \
                for (int k = 0; k < 8; k++) r[k] += a[i + k];                  \
            *rr = (r[0] + r[2]) + (r[4] + r[6]);                               \
            *ri = (r[1] + r[3]) + (r[5] + r[7]);                               \
            for (; i < n; i += 2) {                                            \
                *rr += a[i];                                                   \
                *ri += a[i + 1];                                               \
            }                                                                  \
            return;                                                            \
        }                                                                      \
        int64_t n2 = n / 2;                                                    \
        n2 -= n2 % 8;                                                          \
        T r1, i1, r2, i2;                                                      \
        name(a, n2, &r1, &i1);                                                 \
        name(a + n2, n - n2, &r2, &i2);                                        \
        *rr = r1 + r2;                                                         \
        *ri = i1 + i2;                                                         \
    }
PW_COMPLEX(pw_cd, double)
PW_COMPLEX(pw_cf, float)

/* ---- the element stream ------------------------------------------------------------- */

/* Elements of an array in numpy's iteration order, converted to native byte
 * order, read box by box from views. */
typedef struct source {
    cli_walk w;
    ndm_array *box;
    int ndim;
    int64_t kshape[NDM_MAXDIMS], kstride[NDM_MAXDIMS], kidx[NDM_MAXDIMS];
    char *base;
    int64_t left;
    int itemsize;
    bool swap, complex;
    cli_progress *bar;
} source;

static int src_open(source *s, ndm_array *a, bool swap, bool complex, cli_progress *bar) {
    memset(s, 0, sizeof *s);
    s->ndim = ndm_ndim(a);
    s->itemsize = (int)ndm_itemsize(a);
    s->swap = swap;
    s->complex = complex;
    s->bar = bar;
    (void)ndm_advise(a, NDM_ADVICE_SEQUENTIAL);
    return cli_walk_init(&s->w, a, 'K', CLI_CHUNK_BYTES);
}

static void src_release(source *s) {
    if (!s->box) return;
    (void)ndm_advise(s->box, NDM_ADVICE_DONTNEED);
    ndm_free(s->box);
    s->box = NULL;
}

static void src_close(source *s) {
    src_release(s);
    cli_walk_free(&s->w);
}

static void swap_bytes(unsigned char *p, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        unsigned char t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

/* The next n elements into out (n * itemsize bytes). */
static int src_read(source *s, unsigned char *out, int64_t n) {
    unsigned char *o = out;
    int64_t want = n;
    while (want > 0) {
        if (s->left == 0) {
            src_release(s);
            int64_t count;
            int rc = cli_walk_next(&s->w, &s->box, &count);
            if (rc == 0) return cli_fail("internal error: the array ended early");
            if (rc != 1) return rc;
            cli_walk_layout(&s->w, s->box, &s->base, s->kshape, s->kstride);
            memset(s->kidx, 0, sizeof s->kidx);
            s->left = count;
            cli_progress_add(s->bar, count * s->itemsize);
        }
        int last = s->ndim - 1;
        char *p = s->base;
        for (int j = 0; j < s->ndim; j++) p += s->kidx[j] * s->kstride[j];
        int64_t run = last >= 0 ? s->kshape[last] - s->kidx[last] : 1;
        if (run > want) run = want;
        if (run > s->left) run = s->left;
        int64_t st = last >= 0 ? s->kstride[last] : 0;
        if (st == s->itemsize) {
            memcpy(o, p, (size_t)(run * s->itemsize));
        } else {
            for (int64_t i = 0; i < run; i++) memcpy(o + i * s->itemsize, p + i * st, (size_t)s->itemsize);
        }
        if (s->swap) {
            int part = s->complex ? s->itemsize / 2 : s->itemsize;
            for (int64_t i = 0; i < run * s->itemsize; i += part) swap_bytes(o + i, part);
        }
        o += run * s->itemsize;
        want -= run;
        s->left -= run;
        if (last >= 0) {
            s->kidx[last] += run;
            for (int j = last; j > 0 && s->kidx[j] == s->kshape[j]; j--) {
                s->kidx[j] = 0;
                s->kidx[j - 1]++;
            }
        }
    }
    return CLI_OK;
}

/* ---- per-output state ----------------------------------------------------------------- */

typedef struct engine {
    ekind kind;
    int itemsize;
    int64_t nout, count;
    bool pairwise;  /* runs of one output are contiguous in the stream */
    /* output offset of the current element: an odometer over walk positions */
    int ndim;
    int64_t kshape[NDM_MAXDIMS], kidx[NDM_MAXDIMS], oks[NDM_MAXDIMS], o;
    /* pass 1 */
    double *sd;     /* float64 sums (2 per output for complex128) */
    float *sf;      /* float32 sums (complex64: 2; float16's mean sum) */
    uint16_t *sh;   /* float16 sums in float16 (float16's std) */
    double *mnd, *mxd;   /* min/max of the float kinds (2 per output: re, im) */
    int64_t *mni, *mxi;  /* of signed integers */
    uint64_t *mnu, *mxu; /* of unsigned integers and bools */
    bool *have;
    int64_t *nans;
    /* pass 2 */
    double *md, *qd;
    float *mf, *qf;
    uint16_t *mh, *qh;
} engine;

static bool is_complex(ekind k) { return k == KC64 || k == KC128; }
/* the type std works in: 'd' float64, 'f' float32, 'h' float16 */
static char work_type(ekind k) {
    return k == KF32 || k == KC64 ? 'f' : k == KF16 ? 'h' : 'd';
}

static void odo_reset(engine *e) {
    memset(e->kidx, 0, sizeof e->kidx);
    e->o = 0;
}

/* Advance the odometer by n elements. */
static void odo_advance(engine *e, int64_t n) {
    for (int j = e->ndim - 1; j >= 0 && n; j--) {
        int64_t t = e->kidx[j] + n;
        e->kidx[j] = t % e->kshape[j];
        n = t / e->kshape[j];
    }
    e->o = 0;
    for (int j = 0; j < e->ndim; j++) e->o += e->kidx[j] * e->oks[j];
}

/* Advance by n elements along the fastest axis, not past its end. */
static void odo_add(engine *e, int64_t n) {
    int j = e->ndim - 1;
    e->kidx[j] += n;
    e->o += n * e->oks[j];
    while (j > 0 && e->kidx[j] == e->kshape[j]) {
        e->o -= e->kidx[j] * e->oks[j];
        e->kidx[j] = 0;
        j--;
        e->kidx[j]++;
        e->o += e->oks[j];
    }
}

/* ---- decoding elements ------------------------------------------------------------------ */

/* A block of elements decoded once: as double (the value numpy's cast to
 * float64 gives; exact for the float types; complex interleaved), as float
 * (the float32 kinds), and exactly for integers (min/max). */
typedef struct block {
    double d[2 * RUN];
    float f[2 * RUN];
    int64_t i[RUN];
    uint64_t u[RUN];
} block;

#define LOADER(T)                                                              \
    static inline T load_##T(const unsigned char *p, int64_t k) {              \
        T v;                                                                   \
        memcpy(&v, p + (size_t)k * sizeof v, sizeof v);                        \
        return v;                                                              \
    }
LOADER(int8_t)
LOADER(int16_t)
LOADER(int32_t)
LOADER(int64_t)
LOADER(uint16_t)
LOADER(uint32_t)
LOADER(uint64_t)
#define LOAD(T, p, k) load_##T(p, k)

static void decode(const engine *e, const unsigned char *p, int64_t m, block *b) {
    switch (e->kind) {
    case KB:
        for (int64_t k = 0; k < m; k++) b->d[k] = (double)(b->u[k] = p[k] != 0);
        break;
    case KI:
        for (int64_t k = 0; k < m; k++) {
            int64_t v = e->itemsize == 1 ? LOAD(int8_t, p, k) : e->itemsize == 2 ? LOAD(int16_t, p, k)
                        : e->itemsize == 4 ? LOAD(int32_t, p, k) : LOAD(int64_t, p, k);
            b->i[k] = v;
            b->d[k] = (double)v;
        }
        break;
    case KU:
        for (int64_t k = 0; k < m; k++) {
            uint64_t v = e->itemsize == 1 ? p[k] : e->itemsize == 2 ? LOAD(uint16_t, p, k)
                         : e->itemsize == 4 ? LOAD(uint32_t, p, k) : LOAD(uint64_t, p, k);
            b->u[k] = v;
            b->d[k] = (double)v;
        }
        break;
    case KF16:
        for (int64_t k = 0; k < m; k++) b->d[k] = b->f[k] = half_to_float(LOAD(uint16_t, p, k));
        break;
    case KF32:
        memcpy(b->f, p, (size_t)m * 4);
        for (int64_t k = 0; k < m; k++) b->d[k] = b->f[k];
        break;
    case KF64: memcpy(b->d, p, (size_t)m * 8); break;
    case KC64:
        memcpy(b->f, p, (size_t)m * 8);
        for (int64_t k = 0; k < 2 * m; k++) b->d[k] = b->f[k];
        break;
    case KC128: memcpy(b->d, p, (size_t)m * 16); break;
    }
}

/* ---- pass 1: min, max, NaNs and sums -------------------------------------------------- */

/* Elements [from, to) of a block go to outputs o0, o0 + os, o0 + 2 os, ...
 * (os 0: all to o0, a run of the pairwise mode). */

/* numpy's minimum/maximum: NaN propagates (the first NaN met stays), equal
 * values keep the earlier one; complex compares lexicographically. */
static void minmax(engine *e, int64_t o0, int64_t os, const block *b, int64_t from, int64_t to) {
    int64_t o = o0;
    switch (e->kind) {
    case KI:
        for (int64_t k = from; k < to; k++, o += os) {
            int64_t x = b->i[k];
            if (!e->have[o]) e->have[o] = true, e->mni[o] = e->mxi[o] = x;
            if (x < e->mni[o]) e->mni[o] = x;
            if (x > e->mxi[o]) e->mxi[o] = x;
        }
        return;
    case KU: case KB:
        for (int64_t k = from; k < to; k++, o += os) {
            uint64_t x = b->u[k];
            if (!e->have[o]) e->have[o] = true, e->mnu[o] = e->mxu[o] = x;
            if (x < e->mnu[o]) e->mnu[o] = x;
            if (x > e->mxu[o]) e->mxu[o] = x;
        }
        return;
    case KC64: case KC128:
        for (int64_t k = from; k < to; k++, o += os) {
            double r = b->d[2 * k], i = b->d[2 * k + 1], *mn = e->mnd + 2 * o, *mx = e->mxd + 2 * o;
            bool xnan = isnan(r) || isnan(i);
            e->nans[o] += xnan;
            if (!e->have[o]) {
                e->have[o] = true;
                mn[0] = mx[0] = r;
                mn[1] = mx[1] = i;
            }
            if (!isnan(mn[0]) && !isnan(mn[1]) && (xnan || r < mn[0] || (r == mn[0] && i < mn[1])))
                mn[0] = r, mn[1] = i;
            if (!isnan(mx[0]) && !isnan(mx[1]) && (xnan || r > mx[0] || (r == mx[0] && i > mx[1])))
                mx[0] = r, mx[1] = i;
        }
        return;
    default:
        if (os == 0 && from < to) { /* one output: keep it in registers */
            if (!e->have[o]) e->have[o] = true, e->mnd[2 * o] = e->mxd[2 * o] = b->d[from];
            double mn = e->mnd[2 * o], mx = e->mxd[2 * o];
            int64_t nans = 0;
            for (int64_t k = from; k < to; k++) {
                double x = b->d[k];
                if (isnan(x)) {
                    nans++;
                    if (!isnan(mn)) mn = x;
                    if (!isnan(mx)) mx = x;
                } else {
                    if (x < mn) mn = x; /* false while mn is NaN */
                    if (x > mx) mx = x;
                }
            }
            e->mnd[2 * o] = mn;
            e->mxd[2 * o] = mx;
            e->nans[o] += nans;
            return;
        }
        for (int64_t k = from; k < to; k++, o += os) {
            double x = b->d[k], *mn = e->mnd + 2 * o, *mx = e->mxd + 2 * o;
            if (!e->have[o]) e->have[o] = true, *mn = *mx = x;
            if (isnan(x)) {
                e->nans[o]++;
                if (!isnan(*mn)) *mn = x;
                if (!isnan(*mx)) *mx = x;
            } else {
                if (x < *mn) *mn = x;
                if (x > *mx) *mx = x;
            }
        }
    }
}

/* Sums: in the pairwise mode one pairwise run added to the output's sum;
 * otherwise each element added to its output's sum, as numpy's
 * element-by-element reduction does. */
static void sums(engine *e, int64_t o0, int64_t os, const block *b, int64_t from, int64_t to) {
    int64_t m = to - from, o = o0;
    if (!e->pairwise) {
        switch (e->kind) {
        case KC128:
            for (int64_t k = from; k < to; k++, o += os)
                e->sd[2 * o] += b->d[2 * k], e->sd[2 * o + 1] += b->d[2 * k + 1];
            break;
        case KC64:
            for (int64_t k = from; k < to; k++, o += os)
                e->sf[2 * o] += b->f[2 * k], e->sf[2 * o + 1] += b->f[2 * k + 1];
            break;
        case KF32:
            for (int64_t k = from; k < to; k++, o += os) e->sf[o] += b->f[k];
            break;
        case KF16:
            for (int64_t k = from; k < to; k++, o += os) {
                e->sf[o] += b->f[k];
                e->sh[o] = float_to_half(half_to_float(e->sh[o]) + b->f[k]);
            }
            break;
        default:
            for (int64_t k = from; k < to; k++, o += os) e->sd[o] += b->d[k];
        }
        return;
    }
    switch (e->kind) {
    case KC128: {
        double r, i;
        pw_cd(b->d + 2 * from, 2 * m, &r, &i);
        e->sd[2 * o] += r;
        e->sd[2 * o + 1] += i;
        break;
    }
    case KC64: {
        float r, i;
        pw_cf(b->f + 2 * from, 2 * m, &r, &i);
        e->sf[2 * o] += r;
        e->sf[2 * o + 1] += i;
        break;
    }
    case KF32: e->sf[o] += pw_f(b->f + from, m); break;
    case KF16: {
        float s = pw_f(b->f + from, m);
        e->sf[o] += s;
        e->sh[o] = float_to_half(half_to_float(e->sh[o]) + s);
        break;
    }
    default: e->sd[o] += pw_d(b->d + from, m);
    }
}

/* ---- pass 2: squared deviations -------------------------------------------------------- */

/* (x - mean)**2 in the work type, added as sums() adds. */
static void squares(engine *e, int64_t o0, int64_t os, const block *b, int64_t from, int64_t to) {
    static double d[RUN];
    static float f[RUN];
    char t = work_type(e->kind);
    int64_t m = to - from, o = o0;
    for (int64_t k = from, n = 0; k < to; k++, n++, o += os) {
        switch (e->kind) {
        case KC128: {
            double xr = b->d[2 * k] - e->md[2 * o], xi = b->d[2 * k + 1] - e->md[2 * o + 1];
            double rr = xr * xr, ii = xi * xi;
            d[n] = rr + ii;
            break;
        }
        case KC64: {
            float xr = b->f[2 * k] - e->mf[2 * o], xi = b->f[2 * k + 1] - e->mf[2 * o + 1];
            float rr = xr * xr, ii = xi * xi;
            f[n] = rr + ii;
            break;
        }
        case KF32: {
            float x = b->f[k] - e->mf[o];
            f[n] = x * x;
            break;
        }
        case KF16: {
            float x = half_to_float(float_to_half(b->f[k] - half_to_float(e->mh[o])));
            f[n] = half_to_float(float_to_half(x * x));
            break;
        }
        default: {
            double x = b->d[k] - e->md[o];
            d[n] = x * x;
        }
        }
    }
    if (!e->pairwise) {
        o = o0;
        for (int64_t n = 0; n < m; n++, o += os) {
            if (t == 'd') e->qd[o] += d[n];
            else if (t == 'f') e->qf[o] += f[n];
            else e->qh[o] = float_to_half(half_to_float(e->qh[o]) + f[n]);
        }
        return;
    }
    if (t == 'd') e->qd[o0] += pw_d(d, m);
    else if (t == 'f') e->qf[o0] += pw_f(f, m);
    else e->qh[o0] = float_to_half(half_to_float(e->qh[o0]) + pw_f(f, m));
}

/* ---- a pass over the data ------------------------------------------------------------- */

static int pass(engine *e, ndm_array *a, bool swap, cli_progress *bar, bool first) {
    static unsigned char buf[RUN * 16];
    static block b;
    source s;
    int rc = src_open(&s, a, swap, is_complex(e->kind), bar);
    if (rc) return rc;
    odo_reset(e);
    int64_t total = e->nout * e->count;
    if (e->pairwise) {
        for (int64_t done = 0; done < total && !rc; done += e->count) {
            int64_t o = e->o;
            for (int64_t k = 0; k < e->count && !rc; k += RUN) {
                int64_t m = e->count - k < RUN ? e->count - k : RUN;
                if ((rc = src_read(&s, buf, m))) break;
                decode(e, buf, m, &b);
                if (first) {
                    minmax(e, o, 0, &b, 0, m);
                    sums(e, o, 0, &b, 0, m);
                } else {
                    squares(e, o, 0, &b, 0, m);
                }
            }
            odo_advance(e, e->count);
        }
    } else {
        for (int64_t done = 0; done < total && !rc; done += RUN) {
            int64_t m = total - done < RUN ? total - done : RUN;
            if ((rc = src_read(&s, buf, m))) break;
            decode(e, buf, m, &b);
            /* segments along the fastest axis: outputs at a fixed stride */
            int last = e->ndim - 1;
            for (int64_t k = 0, seg; k < m; k += seg) {
                seg = e->kshape[last] - e->kidx[last];
                if (seg > m - k) seg = m - k;
                if (first) {
                    minmax(e, e->o, e->oks[last], &b, k, k + seg);
                    sums(e, e->o, e->oks[last], &b, k, k + seg);
                } else {
                    squares(e, e->o, e->oks[last], &b, k, k + seg);
                }
                odo_add(e, seg);
            }
        }
    }
    src_close(&s);
    return rc;
}

/* ---- results ------------------------------------------------------------------------------ */

static int make_array(ndm_array **out, const char *dtype, int ndim, const int64_t *shape,
                      const void *data, size_t nbytes) {
    if (ndm_from_bytes(out, dtype, ndim, shape, 'C', data, nbytes) != NDM_OK) return cli_fail_lib();
    return CLI_OK;
}

/* A min or max back in the array's own (native) type: exact, the values
 * came from that type. */
static void store_extreme(const engine *e, int64_t o, const int64_t *vi, const uint64_t *vu,
                          const double *vd, unsigned char *out) {
    switch (e->kind) {
    case KI: {
        int64_t v = vi[o];
        if (e->itemsize == 1) { int8_t t = (int8_t)v; memcpy(out, &t, 1); }
        else if (e->itemsize == 2) { int16_t t = (int16_t)v; memcpy(out, &t, 2); }
        else if (e->itemsize == 4) { int32_t t = (int32_t)v; memcpy(out, &t, 4); }
        else memcpy(out, &v, 8);
        break;
    }
    case KU: case KB: {
        uint64_t v = vu[o];
        if (e->itemsize == 1) out[0] = (unsigned char)v;
        else if (e->itemsize == 2) { uint16_t t = (uint16_t)v; memcpy(out, &t, 2); }
        else if (e->itemsize == 4) { uint32_t t = (uint32_t)v; memcpy(out, &t, 4); }
        else memcpy(out, &v, 8);
        break;
    }
    case KF16: { uint16_t h = double_to_half(vd[2 * o]); memcpy(out, &h, 2); break; }
    case KF32: { float f = (float)vd[2 * o]; memcpy(out, &f, 4); break; }
    case KF64: memcpy(out, &vd[2 * o], 8); break;
    case KC64: { float c[2] = {(float)vd[2 * o], (float)vd[2 * o + 1]}; memcpy(out, c, 8); break; }
    case KC128: memcpy(out, &vd[2 * o], 16); break;
    }
}

static int finish(engine *e, const char *name, int ndim, const int64_t *shape, cli_stats_result *r) {
    int64_t n = e->nout;
    double dn = (double)e->count, inv = 1.0 / dn;
    char t = work_type(e->kind);
    size_t wsize = t == 'd' ? 8 : t == 'f' ? 4 : 2;
    unsigned char *mean = calloc((size_t)(n ? n : 1), 16), *std = calloc((size_t)(n ? n : 1), 8);
    unsigned char *mn = calloc((size_t)(n ? n : 1), 16), *mx = calloc((size_t)(n ? n : 1), 16);
    int64_t *nans = e->nans;
    int rc = CLI_OK;
    if (!mean || !std || !mn || !mx) {
        rc = cli_fail("out of memory");
        goto out;
    }
    for (int64_t o = 0; o < n; o++) {
        /* mean */
        switch (e->kind) {
        case KC128: {
            double v[2] = {e->sd[2 * o] * inv, e->sd[2 * o + 1] * inv};
            memcpy(mean + o * 16, v, 16);
            break;
        }
        case KC64: {
            float v[2] = {(float)((double)e->sf[2 * o] * inv), (float)((double)e->sf[2 * o + 1] * inv)};
            memcpy(mean + o * 8, v, 8);
            break;
        }
        case KF32: {
            float v = (float)((double)e->sf[o] / dn);
            memcpy(mean + o * 4, &v, 4);
            break;
        }
        case KF16: {
            /* a full reduction casts the float64 quotient to float16; along
             * an axis numpy divides into the float32 result first */
            double q = (double)e->sf[o] / dn;
            uint16_t v = r->has_axis ? float_to_half((float)q) : double_to_half(q);
            memcpy(mean + o * 2, &v, 2);
            break;
        }
        default: {
            double v = e->sd[o] / dn;
            memcpy(mean + o * 8, &v, 8);
        }
        }
        /* std */
        if (t == 'd') {
            double v = sqrt(e->qd[o] / dn);
            memcpy(std + o * 8, &v, 8);
        } else if (t == 'f') {
            float v = sqrtf((float)((double)e->qf[o] / dn));
            memcpy(std + o * 4, &v, 4);
        } else {
            uint16_t var = double_to_half((double)half_to_float(e->qh[o]) / dn);
            uint16_t v = float_to_half(sqrtf(half_to_float(var)));
            memcpy(std + o * 2, &v, 2);
        }
    }
    const char *mean_type = e->kind == KC128 ? "complex128" : e->kind == KC64 ? "complex64"
                            : e->kind == KF32 ? "float32" : e->kind == KF16 ? "float16" : "float64";
    const char *std_type = t == 'd' ? "float64" : t == 'f' ? "float32" : "float16";
    size_t msize = e->kind == KC128 ? 16 : e->kind == KF32 ? 4 : e->kind == KF16 ? 2 : 8;
    for (int64_t o = 0; o < n; o++) {
        store_extreme(e, o, e->mni, e->mnu, e->mnd, mn + o * e->itemsize);
        store_extreme(e, o, e->mxi, e->mxu, e->mxd, mx + o * e->itemsize);
    }
    if ((rc = make_array(&r->min, name, ndim, shape, mn, (size_t)(n * e->itemsize))) ||
        (rc = make_array(&r->max, name, ndim, shape, mx, (size_t)(n * e->itemsize))) ||
        (rc = make_array(&r->mean, mean_type, ndim, shape, mean, (size_t)n * msize)) ||
        (rc = make_array(&r->std, std_type, ndim, shape, std, (size_t)n * wsize)) ||
        (rc = make_array(&r->nans, "int64", ndim, shape, nans, (size_t)n * 8)))
        goto out;
out:
    free(mean);
    free(std);
    free(mn);
    free(mx);
    return rc;
}

static void engine_free(engine *e) {
    free(e->sd); free(e->sf); free(e->sh);
    free(e->mnd); free(e->mxd); free(e->mni); free(e->mxi); free(e->mnu); free(e->mxu);
    free(e->have); free(e->nans);
    free(e->md); free(e->qd); free(e->mf); free(e->qf); free(e->mh); free(e->qh);
}

void cli_stats_free(cli_stats_result *r) {
    ndm_free(r->min);
    ndm_free(r->max);
    ndm_free(r->mean);
    ndm_free(r->std);
    ndm_free(r->nans);
    memset(r, 0, sizeof *r);
}

static char native_order(void) {
    const uint16_t one = 1;
    return *(const unsigned char *)&one ? '<' : '>';
}

int cli_stats(ndm_array *a, bool has_axis, int axis, bool progress, cli_stats_result *r) {
    memset(r, 0, sizeof *r);
    r->has_axis = has_axis;
    const char *name = ndm_dtype_name(a), *str = ndm_dtype_str(a);
    engine e = {0};
    if (!strcmp(name, "bool")) e.kind = KB;
    else if (!strncmp(name, "int", 3)) e.kind = KI;
    else if (!strncmp(name, "uint", 4)) e.kind = KU;
    else if (!strcmp(name, "float16")) e.kind = KF16;
    else if (!strcmp(name, "float32")) e.kind = KF32;
    else if (!strcmp(name, "float64")) e.kind = KF64;
    else if (!strcmp(name, "complex64")) e.kind = KC64;
    else if (!strcmp(name, "complex128")) e.kind = KC128;
    else return cli_fail("stats: unsupported dtype %s", name);
    e.itemsize = (int)ndm_itemsize(a);
    bool swap = str[0] != '|' && str[0] != native_order();

    int ndim = ndm_ndim(a);
    const int64_t *shape = ndm_shape(a);
    if (has_axis) {
        if (axis < -ndim || axis >= ndim) {
            fprintf(stderr, "ndmap: AxisError: axis %d is out of bounds for array of dimension %d\n",
                    axis, ndim);
            return CLI_ERR;
        }
        if (axis < 0) axis += ndim;
    }
    /* the output: the shape without the reduced axis (0-d for all axes) */
    r->ndim = 0;
    e.nout = 1;
    for (int i = 0; has_axis && i < ndim; i++)
        if (i != axis) {
            r->shape[r->ndim++] = shape[i];
            e.nout *= shape[i];
        }
    e.count = has_axis ? shape[axis] : ndm_size(a);
    r->count = e.count;
    if (e.count == 0 && e.nout > 0) {
        fputs("ndmap: ValueError: zero-size array to reduction operation minimum which has no "
              "identity\n", stderr);
        return CLI_ERR;
    }

    /* Walk geometry: output offsets per walk position, and whether each
     * output's elements form one contiguous run of the stream. */
    cli_walk w;
    int rc = cli_walk_init(&w, a, 'K', CLI_CHUNK_BYTES);
    if (rc) return rc;
    e.ndim = ndim;
    int64_t ostride[NDM_MAXDIMS] = {0}, st = 1;
    if (has_axis)
        for (int i = ndim - 1; i >= 0; i--) {
            if (i == axis) continue;
            ostride[i] = st;
            st *= shape[i];
        }
    int kr = -1, inner = -1;
    for (int j = 0; j < ndim; j++) {
        int ax = w.outer[j];
        e.kshape[j] = shape[ax];
        e.oks[j] = ostride[ax];
        if (ax == axis) kr = j;
        if (shape[ax] > 1) inner = j;
    }
    cli_walk_free(&w);
    e.pairwise = !has_axis || kr == inner || inner < 0 || e.count <= 1;

    size_t n = (size_t)(e.nout ? e.nout : 1);
    e.sd = calloc(2 * n, sizeof *e.sd);
    e.sf = calloc(2 * n, sizeof *e.sf);
    e.sh = calloc(n, sizeof *e.sh);
    e.mnd = calloc(2 * n, sizeof *e.mnd);
    e.mxd = calloc(2 * n, sizeof *e.mxd);
    e.mni = calloc(n, sizeof *e.mni);
    e.mxi = calloc(n, sizeof *e.mxi);
    e.mnu = calloc(n, sizeof *e.mnu);
    e.mxu = calloc(n, sizeof *e.mxu);
    e.have = calloc(n, sizeof *e.have);
    e.nans = calloc(n, sizeof *e.nans);
    e.md = calloc(2 * n, sizeof *e.md);
    e.qd = calloc(n, sizeof *e.qd);
    e.mf = calloc(2 * n, sizeof *e.mf);
    e.qf = calloc(n, sizeof *e.qf);
    e.mh = calloc(n, sizeof *e.mh);
    e.qh = calloc(n, sizeof *e.qh);
    if (!e.sd || !e.sf || !e.sh || !e.mnd || !e.mxd || !e.mni || !e.mxi || !e.mnu || !e.mxu || !e.have || !e.nans || !e.md || !e.qd ||
        !e.mf || !e.qf || !e.mh || !e.qh) {
        engine_free(&e);
        return cli_fail("out of memory");
    }

    cli_progress bar;
    int64_t bytes = e.nout * e.count * e.itemsize;
    cli_progress_start(&bar, "stats", 2 * bytes, progress);
    if (e.nout * e.count > 0) rc = pass(&e, a, swap, &bar, true);
    /* the means std subtracts, rounded as numpy's true_divide(out=arrmean) */
    for (int64_t o = 0; o < e.nout && !rc; o++) {
        double dn = (double)e.count, inv = 1.0 / dn;
        switch (e.kind) {
        case KC128: e.md[2 * o] = e.sd[2 * o] * inv; e.md[2 * o + 1] = e.sd[2 * o + 1] * inv; break;
        case KC64:
            e.mf[2 * o] = (float)((double)e.sf[2 * o] * inv);
            e.mf[2 * o + 1] = (float)((double)e.sf[2 * o + 1] * inv);
            break;
        case KF32: e.mf[o] = (float)((double)e.sf[o] / dn); break;
        case KF16: e.mh[o] = double_to_half((double)half_to_float(e.sh[o]) / dn); break;
        default: e.md[o] = e.sd[o] / dn;
        }
    }
    if (!rc && e.nout * e.count > 0) rc = pass(&e, a, swap, &bar, false);
    cli_progress_end(&bar);
    if (!rc) rc = finish(&e, name, r->ndim, r->shape, r);
    engine_free(&e);
    if (rc) cli_stats_free(r);
    return rc;
}
