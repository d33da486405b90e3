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
    int64_t kshape[NDM_MAXDIMS], kidx[NDM_MAXDIMS], oks[NDM_MAXDIMS], obase, o;
    /* pass 1 */
    double *sd;     /* float64 sums (2 per output for complex128) */
    float *sf;      /* float32 sums (complex64: 2; float16's mean sum) */
    uint16_t *sh;   /* float16 sums in float16 (float16's std) */
    unsigned char *mn, *mx;
    bool *have;
    int64_t *nans;
    /* pass 2 */
    double *md, *qd;
    float *mf, *qf;
    uint16_t *mh, *qh;
} engine;

static bool is_float(ekind k) { return k == KF16 || k == KF32 || k == KF64; }
static bool is_complex(ekind k) { return k == KC64 || k == KC128; }
/* the type std works in: 'd' float64, 'f' float32, 'h' float16 */
static char work_type(ekind k) {
    return k == KF32 || k == KC64 ? 'f' : k == KF16 ? 'h' : 'd';
}

static void odo_reset(engine *e) {
    memset(e->kidx, 0, sizeof e->kidx);
    e->o = e->obase;
}

/* Advance the odometer by n elements. */
static void odo_advance(engine *e, int64_t n) {
    for (int j = e->ndim - 1; j >= 0 && n; j--) {
        int64_t t = e->kidx[j] + n;
        e->kidx[j] = t % e->kshape[j];
        n = t / e->kshape[j];
    }
    e->o = e->obase;
    for (int j = 0; j < e->ndim; j++) e->o += e->kidx[j] * e->oks[j];
}

/* ---- decoding elements ------------------------------------------------------------------ */

static int64_t load_int(const unsigned char *p, int size) {
    switch (size) {
    case 1: { int8_t v; memcpy(&v, p, 1); return v; }
    case 2: { int16_t v; memcpy(&v, p, 2); return v; }
    case 4: { int32_t v; memcpy(&v, p, 4); return v; }
    default: { int64_t v; memcpy(&v, p, 8); return v; }
    }
}

static uint64_t load_uint(const unsigned char *p, int size) {
    switch (size) {
    case 1: return p[0];
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

/* Element i of a native block as double(s): the value numpy casts to
 * float64 (ints round to nearest), exact for the float types. */
static void load_d(ekind k, const unsigned char *p, int size, double *re, double *im) {
    *im = 0;
    switch (k) {
    case KB: *re = p[0] != 0; break;
    case KI: *re = (double)load_int(p, size); break;
    case KU: *re = (double)load_uint(p, size); break;
    case KF16: { uint16_t h; memcpy(&h, p, 2); *re = half_to_float(h); break; }
    case KF32: { float f; memcpy(&f, p, 4); *re = f; break; }
    case KF64: memcpy(re, p, 8); break;
    case KC64: { float c[2]; memcpy(c, p, 8); *re = c[0]; *im = c[1]; break; }
    case KC128: memcpy(re, p, 8); memcpy(im, p + 8, 8); break;
    }
}

/* numpy's minimum/maximum: NaN propagates (the first NaN met stays), equal
 * values keep the earlier one; complex compares lexicographically. */
static bool better(ekind k, const unsigned char *x, const unsigned char *cur, int size, bool max) {
    if (k == KI) {
        int64_t a = load_int(x, size), b = load_int(cur, size);
        return max ? a > b : a < b;
    }
    if (k == KU || k == KB) {
        uint64_t a = k == KB ? x[0] != 0 : load_uint(x, size), b = k == KB ? cur[0] != 0 : load_uint(cur, size);
        return max ? a > b : a < b;
    }
    double xr, xi, cr, ci;
    load_d(k, x, size, &xr, &xi);
    load_d(k, cur, size, &cr, &ci);
    if (isnan(cr) || isnan(ci)) return false;
    if (isnan(xr) || isnan(xi)) return true;
    if (max) return xr > cr || (xr == cr && xi > ci);
    return xr < cr || (xr == cr && xi < ci);
}

static void minmax_nan(engine *e, int64_t o, const unsigned char *p, int64_t m) {
    int size = e->itemsize;
    unsigned char *mn = e->mn + o * size, *mx = e->mx + o * size;
    for (int64_t i = 0; i < m; i++, p += size) {
        if (!e->have[o]) {
            memcpy(mn, p, (size_t)size);
            memcpy(mx, p, (size_t)size);
            e->have[o] = true;
        } else {
            if (better(e->kind, p, mn, size, false)) memcpy(mn, p, (size_t)size);
            if (better(e->kind, p, mx, size, true)) memcpy(mx, p, (size_t)size);
        }
        if (is_float(e->kind) || is_complex(e->kind)) {
            double re, im;
            load_d(e->kind, p, size, &re, &im);
            if (isnan(re) || isnan(im)) e->nans[o]++;
        }
    }
}

/* ---- pass 1: sums for the mean ------------------------------------------------------- */

/* Add a run of m elements (native bytes) to output o's sums. */
static void sum_run(engine *e, int64_t o, const unsigned char *p, int64_t m) {
    static double d[2 * RUN];
    static float f[2 * RUN];
    int size = e->itemsize;
    for (int64_t i = 0; i < m; i++) {
        double re, im;
        load_d(e->kind, p + i * size, size, &re, &im);
        switch (e->kind) {
        case KC128: d[2 * i] = re; d[2 * i + 1] = im; break;
        case KC64: f[2 * i] = (float)re; f[2 * i + 1] = (float)im; break;
        case KF32: case KF16: f[i] = (float)re; break;
        default: d[i] = re;
        }
    }
    if (!e->pairwise) { /* element by element: res = res + x */
        for (int64_t i = 0; i < m; i++) {
            switch (e->kind) {
            case KC128: e->sd[2 * o] += d[2 * i]; e->sd[2 * o + 1] += d[2 * i + 1]; break;
            case KC64: e->sf[2 * o] += f[2 * i]; e->sf[2 * o + 1] += f[2 * i + 1]; break;
            case KF32: e->sf[o] += f[i]; break;
            case KF16:
                e->sf[o] += f[i];
                e->sh[o] = float_to_half(half_to_float(e->sh[o]) + f[i]);
                break;
            default: e->sd[o] += d[i];
            }
        }
        return;
    }
    switch (e->kind) {
    case KC128: {
        double r, i;
        pw_cd(d, 2 * m, &r, &i);
        e->sd[2 * o] += r;
        e->sd[2 * o + 1] += i;
        break;
    }
    case KC64: {
        float r, i;
        pw_cf(f, 2 * m, &r, &i);
        e->sf[2 * o] += r;
        e->sf[2 * o + 1] += i;
        break;
    }
    case KF32: e->sf[o] += pw_f(f, m); break;
    case KF16: {
        float s = pw_f(f, m);
        e->sf[o] += s;
        e->sh[o] = float_to_half(half_to_float(e->sh[o]) + s);
        break;
    }
    default: e->sd[o] += pw_d(d, m);
    }
}

/* ---- pass 2: squared deviations -------------------------------------------------------- */

static void sq_run(engine *e, int64_t o, const unsigned char *p, int64_t m) {
    static double d[RUN];
    static float f[RUN];
    int size = e->itemsize;
    char t = work_type(e->kind);
    for (int64_t i = 0; i < m; i++) {
        double re, im;
        load_d(e->kind, p + i * size, size, &re, &im);
        if (e->kind == KC128) {
            double xr = re - e->md[2 * o], xi = im - e->md[2 * o + 1];
            double a = xr * xr, b = xi * xi;
            d[i] = a + b;
        } else if (e->kind == KC64) {
            float xr = (float)re - e->mf[2 * o], xi = (float)im - e->mf[2 * o + 1];
            float a = xr * xr, b = xi * xi;
            f[i] = a + b;
        } else if (t == 'f') {
            float x = (float)re - e->mf[o];
            f[i] = x * x;
        } else if (t == 'h') {
            uint16_t x = float_to_half((float)re - half_to_float(e->mh[o]));
            float xf = half_to_float(x);
            f[i] = half_to_float(float_to_half(xf * xf));
        } else {
            double x = re - e->md[o];
            d[i] = x * x;
        }
    }
    if (!e->pairwise) {
        for (int64_t i = 0; i < m; i++) {
            if (t == 'd') e->qd[o] += d[i];
            else if (t == 'f') e->qf[o] += f[i];
            else e->qh[o] = float_to_half(half_to_float(e->qh[o]) + f[i]);
        }
        return;
    }
    if (t == 'd') e->qd[o] += pw_d(d, m);
    else if (t == 'f') e->qf[o] += pw_f(f, m);
    else e->qh[o] = float_to_half(half_to_float(e->qh[o]) + pw_f(f, m));
}

/* ---- a pass over the data ------------------------------------------------------------- */

typedef void (*run_fn)(engine *e, int64_t o, const unsigned char *p, int64_t m);

static int pass(engine *e, ndm_array *a, bool swap, cli_progress *bar, bool first) {
    static unsigned char buf[RUN * 16];
    source s;
    int rc = src_open(&s, a, swap, is_complex(e->kind), bar);
    if (rc) return rc;
    run_fn fn = first ? sum_run : sq_run;
    odo_reset(e);
    int64_t total = e->nout * e->count;
    if (e->pairwise) {
        for (int64_t done = 0; done < total && !rc; done += e->count) {
            int64_t o = e->o;
            for (int64_t k = 0; k < e->count && !rc; k += RUN) {
                int64_t m = e->count - k < RUN ? e->count - k : RUN;
                if (!(rc = src_read(&s, buf, m))) {
                    if (first) minmax_nan(e, o, buf, m);
                    fn(e, o, buf, m);
                }
            }
            odo_advance(e, e->count);
        }
    } else {
        for (int64_t done = 0; done < total && !rc; done += RUN) {
            int64_t m = total - done < RUN ? total - done : RUN;
            if ((rc = src_read(&s, buf, m))) break;
            for (int64_t i = 0; i < m; i++) {
                if (first) minmax_nan(e, e->o, buf + i * e->itemsize, 1);
                fn(e, e->o, buf + i * e->itemsize, 1);
                odo_advance(e, 1);
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

static int finish(engine *e, const char *name, int ndim, const int64_t *shape, cli_stats_result *r) {
    int64_t n = e->nout;
    double dn = (double)e->count, inv = 1.0 / dn;
    char t = work_type(e->kind);
    size_t wsize = t == 'd' ? 8 : t == 'f' ? 4 : 2;
    unsigned char *mean = calloc((size_t)(n ? n : 1), 16), *std = calloc((size_t)(n ? n : 1), 8);
    int64_t *nans = e->nans;
    int rc = CLI_OK;
    if (!mean || !std) {
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
    if ((rc = make_array(&r->min, name, ndim, shape, e->mn, (size_t)(n * e->itemsize))) ||
        (rc = make_array(&r->max, name, ndim, shape, e->mx, (size_t)(n * e->itemsize))) ||
        (rc = make_array(&r->mean, mean_type, ndim, shape, mean, (size_t)n * msize)) ||
        (rc = make_array(&r->std, std_type, ndim, shape, std, (size_t)n * wsize)) ||
        (rc = make_array(&r->nans, "int64", ndim, shape, nans, (size_t)n * 8)))
        goto out;
out:
    free(mean);
    free(std);
    return rc;
}

static void engine_free(engine *e) {
    free(e->sd); free(e->sf); free(e->sh);
    free(e->mn); free(e->mx); free(e->have); free(e->nans);
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
    e.mn = calloc(n, (size_t)e.itemsize);
    e.mx = calloc(n, (size_t)e.itemsize);
    e.have = calloc(n, sizeof *e.have);
    e.nans = calloc(n, sizeof *e.nans);
    e.md = calloc(2 * n, sizeof *e.md);
    e.qd = calloc(n, sizeof *e.qd);
    e.mf = calloc(2 * n, sizeof *e.mf);
    e.qf = calloc(n, sizeof *e.qf);
    e.mh = calloc(n, sizeof *e.mh);
    e.qh = calloc(n, sizeof *e.qh);
    if (!e.sd || !e.sf || !e.sh || !e.mn || !e.mx || !e.have || !e.nans || !e.md || !e.qd ||
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
