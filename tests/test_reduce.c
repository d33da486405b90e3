/*
 * test_reduce.c -- ndm_sum / ndm_min / ndm_max / ndm_mean against numpy.
 *
 * The oracle (tests/oracle/reduce_cases.txt, made by gen_reduce.py with
 * Debian's numpy 1.24.2) holds numpy's result bytes for every dtype, both
 * byte orders, views, 0-d and empty arrays, multi-chunk and threaded sizes,
 * NaN data, and data on which naive summation differs from numpy's pairwise
 * summation. Input arrays are regenerated here from the same seeds by exact
 * arithmetic, so only the case descriptions and results are stored.
 */
#include <criterion/criterion.h>

#include "ndmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the generator's inputs ---------------------------------------------- */

static uint64_t splitmix(uint64_t seed, uint64_t i) { /* i counts from 1 */
    uint64_t z = seed * 0xD1B54A32D192ED03ull + i * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Bits of a float16 exactly equal to v (v is representable). */
static uint16_t half_exact(double v) {
    uint16_t sign = signbit(v) ? 0x8000 : 0;
    double a = fabs(v);
    if (a == 0) return sign;
    int ex;
    double f = frexp(a, &ex); /* a = f * 2^ex, f in [0.5, 1) */
    int e = ex - 1;
    if (e >= -14) return (uint16_t)(sign | (uint16_t)((e + 15) << 10) | (uint16_t)((2 * f - 1) * 1024));
    return (uint16_t)(sign | (uint16_t)ldexp(a, 24));
}

/* One real element of type code (without byte order) from u, native bytes. */
static void real_value(const char *code, uint64_t u, const char *kind, unsigned char *out) {
#define S(k) ((int64_t)(u >> (k)))
    if (!strcmp(code, "b1")) {
        out[0] = (unsigned char)(u >> 63);
        return;
    }
    if (code[0] == 'i' || code[0] == 'u') {
        int bytes = atoi(code + 1);
        uint64_t v = u >> (64 - 8 * bytes);
        memcpy(out, &v, (size_t)bytes); /* little-endian: the low bytes */
        return;
    }
    double v;
    if (!strcmp(kind, "pos"))
        v = !strcmp(code, "f2") ? 1 + ldexp((double)S(54), -10)
            : !strcmp(code, "f4") ? 1 + ldexp((double)S(41), -23) : 1 + ldexp((double)S(12), -52);
    else if (!strcmp(kind, "big"))
        v = !strcmp(code, "f4") ? ldexp((double)(S(40) - (1 << 23)), 60)
                                : ldexp((double)(S(11) - (1ll << 52)), 900);
    else
        v = !strcmp(code, "f2") ? ldexp((double)(S(55) - 256), -4)
            : !strcmp(code, "f4") ? ldexp((double)(S(40) - (1 << 23)), -10)
                                  : ldexp((double)(S(11) - (1ll << 52)), -30);
#undef S
    if (!strcmp(code, "f2")) {
        uint16_t h = half_exact(v);
        memcpy(out, &h, 2);
    } else if (!strcmp(code, "f4")) {
        float f = (float)v;
        memcpy(out, &f, 4);
    } else {
        memcpy(out, &v, 8);
    }
}

static int itemsize_of(const char *code) {
    if (!strcmp(code, "b1")) return 1;
    if (!strcmp(code, "c8")) return 8;
    if (!strcmp(code, "c16")) return 16;
    return atoi(code + 1);
}

static void set_nan(const char *code, unsigned char *p) {
    static const uint16_t h = 0x7e00;
    static const uint32_t f = 0x7fc00000u;
    static const uint64_t d = 0x7ff8000000000000ull;
    if (!strcmp(code, "f2")) memcpy(p, &h, 2);
    else if (!strcmp(code, "f4") || !strcmp(code, "c8")) {
        memcpy(p, &f, 4);
        if (code[0] == 'c') memset(p + 4, 0, 4); /* nan + 0j */
    } else {
        memcpy(p, &d, 8);
        if (code[0] == 'c') memset(p + 8, 0, 8);
    }
}

/* The base array's bytes (C order), in the byte order `code` asks for. */
static unsigned char *make_values(const char *code, int64_t n, uint64_t seed, const char *kind,
                                  size_t *nbytes) {
    bool swapped = code[0] == '>';
    const char *plain = code + (code[0] == '<' || code[0] == '>');
    int isz = itemsize_of(plain);
    unsigned char *buf = calloc((size_t)(n ? n : 1), (size_t)isz);
    cr_assert(buf);
    bool cplx = plain[0] == 'c';
    const char *part = !strcmp(plain, "c8") ? "f4" : "f8";
    for (int64_t i = 0; i < n; i++) {
        unsigned char *p = buf + i * isz;
        if (cplx) {
            real_value(part, splitmix(seed, (uint64_t)(2 * i + 1)), kind, p);
            real_value(part, splitmix(seed, (uint64_t)(2 * i + 2)), kind, p + isz / 2);
        } else {
            real_value(plain, splitmix(seed, (uint64_t)(i + 1)), kind, p);
        }
    }
    if (!strcmp(kind, "nan") && (plain[0] == 'f' || cplx) && n) {
        set_nan(plain, buf + (int64_t)((seed * 7) % (uint64_t)n) * isz);
        if (n > 2) set_nan(plain, buf + (int64_t)((seed * 13) % (uint64_t)n) * isz);
    }
    if (swapped) {
        int unit = cplx ? isz / 2 : isz;
        for (int64_t off = 0; off < n * isz; off += unit)
            for (int a = 0, b = unit - 1; a < b; a++, b--) {
                unsigned char c = buf[off + a];
                buf[off + a] = buf[off + b];
                buf[off + b] = c;
            }
    }
    *nbytes = (size_t)(n * isz);
    return buf;
}

/* ---- result checks --------------------------------------------------------- */

/* Result bytes with every NaN replaced by numpy's canonical np.nan. */
static unsigned char *result_bytes(const ndm_array *r, size_t *n) {
    *n = (size_t)ndm_nbytes(r);
    unsigned char *b = malloc(*n ? *n : 1);
    cr_assert(b);
    memcpy(b, ndm_data(r), *n); /* results are C-contiguous, native */
    const char *name = ndm_dtype_name(r);
    int unit = !strcmp(name, "float16") ? 2 : (!strcmp(name, "float32") || !strcmp(name, "complex64")) ? 4
             : (!strcmp(name, "float64") || !strcmp(name, "complex128")) ? 8 : 0;
    for (size_t off = 0; unit && off < *n; off += (size_t)unit) {
        if (unit == 2) {
            uint16_t h;
            memcpy(&h, b + off, 2);
            if ((h & 0x7c00) == 0x7c00 && (h & 0x3ff)) h = 0x7e00, memcpy(b + off, &h, 2);
        } else if (unit == 4) {
            float f;
            memcpy(&f, b + off, 4);
            if (isnan(f)) f = NAN, memcpy(b + off, &f, 4);
        } else {
            double d;
            memcpy(&d, b + off, 8);
            if (isnan(d)) {
                uint64_t q = 0x7ff8000000000000ull;
                memcpy(b + off, &q, 8);
            }
        }
    }
    /* float NAN is 0x7fc00000 on x86-64, numpy's float32(np.nan) too */
    return b;
}

static uint64_t fnv1a(const unsigned char *b, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static void hex(const unsigned char *b, size_t n, char *out) {
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", b[i]);
    out[2 * n] = 0;
}

static int parse_shape(const char *text, int64_t *shape) {
    if (!strcmp(text, "-")) return 0;
    int nd = 0;
    const char *p = text;
    while (*p) {
        shape[nd++] = strtoll(p, (char **)&p, 10);
        if (*p == ',') p++;
    }
    return nd;
}

static void shape_text(const ndm_array *r, char *out) {
    if (ndm_ndim(r) == 0) {
        strcpy(out, "-");
        return;
    }
    out[0] = 0;
    for (int i = 0; i < ndm_ndim(r); i++)
        sprintf(out + strlen(out), "%s%lld", i ? "," : "", (long long)ndm_shape(r)[i]);
}

typedef int (*reducer)(ndm_array **, const ndm_array *, int);

static reducer op_fn(const char *op) {
    return !strcmp(op, "sum") ? ndm_sum : !strcmp(op, "min") ? ndm_min : !strcmp(op, "max") ? ndm_max : ndm_mean;
}

/* Run one case; returns 0 if it matches, else prints why and returns 1. */
static int run_case(const char *caseline, const char *expect) {
    char code[8], shp[64], view[64], op[8], axis_s[16], kind[8];
    unsigned long long seed;
    cr_assert_eq(sscanf(caseline, "case %7s %63s %63s %7s %15s %llu %7s", code, shp, view, op, axis_s,
                        &seed, kind), 7, "bad line %s", caseline);
    /* Cases of one geometry share their input: keep the last one. */
    static char cached_key[128];
    static ndm_array *cached;
    char key[128];
    snprintf(key, sizeof key, "%s %s %llu %s", code, shp, seed, kind);
    if (!cached || strcmp(key, cached_key)) {
        int64_t shape[NDM_MAXDIMS];
        int nd = parse_shape(shp, shape);
        int64_t n = 1;
        for (int i = 0; i < nd; i++) n *= shape[i];
        size_t nbytes;
        unsigned char *bytes = make_values(code, n, seed, kind, &nbytes);
        ndm_free(cached);
        cached = NULL;
        cr_assert_eq(ndm_from_bytes(&cached, code, nd, shape, 'C', bytes, nbytes), NDM_OK, "%s", ndm_errmsg());
        free(bytes);
        strcpy(cached_key, key);
    }
    ndm_array *base = cached, *v, *r = NULL;
    if (!strcmp(view, "T")) cr_assert_eq(ndm_transpose(&v, base), NDM_OK);
    else cr_assert_eq(ndm_index(&v, base, view), NDM_OK, "%s: %s", caseline, ndm_errmsg());
    int axis = !strcmp(axis_s, "None") ? NDM_AXIS_ALL : atoi(axis_s);
    int rc = op_fn(op)(&r, v, axis);
    int bad = 0;
    if (!strncmp(expect, "err ", 4)) {
        char cls[64];
        sscanf(expect, "err %63s", cls);
        const char *msg = expect + 5 + strlen(cls);
        if (rc == NDM_OK || strcmp(ndm_errclass(), cls) || strcmp(ndm_errmsg(), msg)) {
            fprintf(stderr, "%s\n  want %s\n  got rc=%d %s: %s\n", caseline, expect, rc, ndm_errclass(),
                    ndm_errmsg());
            bad = 1;
        }
    } else if (rc != NDM_OK) {
        fprintf(stderr, "%s\n  want %s\n  got error %s: %s\n", caseline, expect, ndm_errclass(), ndm_errmsg());
        bad = 1;
    } else {
        char dt[16], wshape[256], gshape[256];
        size_t rn;
        unsigned char *rb = result_bytes(r, &rn);
        shape_text(r, gshape);
        char *got = malloc(2 * rn + 1);
        hex(rb, rn, got);
        if (!strncmp(expect, "okh ", 4)) {
            size_t wn;
            unsigned long long wh;
            char head[160];
            sscanf(expect, "okh %15s %255s %zu %llx %159s", dt, wshape, &wn, &wh, head);
            if (strcmp(dt, ndm_dtype_str(r)) || strcmp(wshape, gshape) || wn != rn || fnv1a(rb, rn) != wh) {
                got[128] = 0;
                fprintf(stderr, "%s\n  want %s\n  got  %s %s %zu %016llx %s\n", caseline, expect,
                        ndm_dtype_str(r), gshape, rn, (unsigned long long)fnv1a(rb, rn), got);
                bad = 1;
            }
        } else {
            char *want = malloc(strlen(expect));
            sscanf(expect, "ok %15s %255s %s", dt, wshape, want);
            if (!strcmp(want, "-")) want[0] = 0;
            if (strcmp(dt, ndm_dtype_str(r)) || strcmp(wshape, gshape) || strcmp(want, got)) {
                fprintf(stderr, "%s\n  want %s\n  got  ok %s %s %s\n", caseline, expect, ndm_dtype_str(r),
                        gshape, got);
                bad = 1;
            }
            free(want);
        }
        if (!bad && (ndm_is_memmap(r) || !(ndm_flags(r) & NDM_OWNDATA) || !(ndm_flags(r) & NDM_C_CONTIGUOUS))) {
            fprintf(stderr, "%s: result is not a new C-ordered array in memory\n", caseline);
            bad = 1;
        }
        free(got);
        free(rb);
    }
    ndm_free(r);
    ndm_free(v);
    (void)base;
    return bad;
}

static FILE *open_oracle(void) {
    const char *root = getenv("NDM_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/oracle/reduce_cases.txt", root ? root : ".");
    FILE *f = fopen(path, "r");
    cr_assert(f, "cannot open %s (set NDM_ROOT)", path);
    return f;
}

/* Replays every case whose description contains `filter` (NULL: all). */
static void replay(const char *filter, const char *threads) {
    if (threads) setenv("NDM_NUM_THREADS", threads, 1);
    FILE *f = open_oracle();
    static char cl[512], ex[4096];
    int cases = 0, bad = 0;
    while (fgets(cl, sizeof cl, f) && fgets(ex, sizeof ex, f)) {
        cl[strcspn(cl, "\n")] = 0;
        ex[strcspn(ex, "\n")] = 0;
        if (filter && !strstr(cl, filter)) continue;
        cases++;
        bad += run_case(cl, ex);
    }
    fclose(f);
    cr_assert_gt(cases, 0);
    cr_expect_eq(bad, 0, "%d of %d numpy cases differ", bad, cases);
}

Test(reduce_oracle, all_cases_match_numpy_bit_for_bit, .timeout = 300) { replay(NULL, NULL); }

/* The chunk results are folded in numpy's order whatever the split. */
Test(reduce_oracle, large_cases_single_thread, .timeout = 300) { replay(" pos", "1"); }
Test(reduce_oracle, large_cases_three_threads, .timeout = 300) { replay(" pos", "3"); }

/* ---- focused checks ---------------------------------------------------------- */

static double get_f64(const ndm_array *r) {
    double d;
    cr_assert_eq(ndm_get(r, NULL, "float64", &d), NDM_OK, "%s", ndm_errmsg());
    return d;
}

Test(reduce, pairwise_summation_differs_from_naive_float32) {
    /* 10^6 x 0.1f: naive float32 accumulation drifts to ~100958.34, numpy's
     * chunked pairwise sum gives 100000.086 (np.full(10**6, .1, 'f4').sum()). */
    const int64_t n = 1000000;
    float *x = malloc(n * sizeof *x);
    for (int64_t i = 0; i < n; i++) x[i] = 0.1f;
    ndm_array *a, *s, *m;
    cr_assert_eq(ndm_from_bytes(&a, "float32", 1, &n, 'C', x, n * sizeof *x), NDM_OK);
    float naive = 0;
    for (int64_t i = 0; i < n; i++) naive += x[i];
    cr_assert_eq(ndm_sum(&s, a, NDM_AXIS_ALL), NDM_OK);
    cr_assert_eq(ndm_mean(&m, a, NDM_AXIS_ALL), NDM_OK);
    cr_expect_str_eq(ndm_dtype_str(s), "<f4");
    cr_expect_eq(ndm_ndim(s), 0);
    float got, mean;
    memcpy(&got, ndm_data(s), 4);
    memcpy(&mean, ndm_data(m), 4);
    cr_expect_eq(got, 0x1.86a016p+16f, "sum %.9g", got);
    cr_expect_eq(mean, 0x1.9999bp-4f, "mean %.9g", mean);
    cr_expect_neq(naive, got);
    free(x);
    ndm_free(a);
    ndm_free(s);
    ndm_free(m);
}

Test(reduce, memmap_views_and_results_in_memory) {
    char path[] = "/tmp/ndm_reduce_XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    const int64_t shape[2] = {64, 300};
    ndm_array *a, *col, *r;
    cr_assert_eq(ndm_memmap(&a, path, "<i2", "w+", 0, 2, shape, 'C'), NDM_OK, "%s", ndm_errmsg());
    int16_t *p = ndm_data(a);
    for (int i = 0; i < 64 * 300; i++) p[i] = (int16_t)(i % 1000 - 500);
    cr_assert_eq(ndm_index(&col, a, ":, 7"), NDM_OK);
    cr_assert_eq(ndm_sum(&r, col, 0), NDM_OK);
    int64_t want = 0;
    for (int i = 0; i < 64; i++) want += p[i * 300 + 7];
    cr_expect_str_eq(ndm_dtype_str(r), "<i8");
    cr_expect_eq(*(int64_t *)ndm_data(r), want);
    cr_expect_eq(ndm_is_memmap(r), 0);
    cr_expect_null(ndm_filename(r));
    ndm_free(r);
    cr_assert_eq(ndm_max(&r, a, 1), NDM_OK);
    cr_expect_eq(ndm_ndim(r), 1);
    cr_expect_eq(ndm_shape(r)[0], 64);
    cr_expect_str_eq(ndm_dtype_str(r), "<i2");
    ndm_free(r);
    cr_assert_eq(ndm_mean(&r, a, NDM_AXIS_ALL), NDM_OK);
    cr_expect_str_eq(ndm_dtype_str(r), "<f8");
    ndm_free(r);
    ndm_free(col);
    ndm_free(a); /* the results outlive the mapping */
    unlink(path);
}

Test(reduce, empty_reductions) {
    const int64_t shape[2] = {0, 3};
    ndm_array *a, *r;
    cr_assert_eq(ndm_zeros(&a, "float32", 2, shape, 'C'), NDM_OK);
    cr_assert_eq(ndm_sum(&r, a, NDM_AXIS_ALL), NDM_OK);
    cr_expect_eq(get_f64(r), 0.0);
    ndm_free(r);
    cr_assert_eq(ndm_mean(&r, a, 0), NDM_OK);
    cr_expect_eq(ndm_shape(r)[0], 3);
    cr_expect(isnan(((float *)ndm_data(r))[2]));
    ndm_free(r);
    cr_expect_eq(ndm_min(&r, a, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "zero-size array to reduction operation minimum which has no identity");
    cr_expect_eq(ndm_max(&r, a, 1), NDM_OK); /* no outputs: nothing to reduce */
    cr_expect_eq(ndm_size(r), 0);
    ndm_free(r);
    ndm_free(a);
}

Test(reduce, argument_errors) {
    const int64_t n = 4;
    ndm_array *a, *r = NULL;
    cr_assert_eq(ndm_zeros(&a, "int8", 1, &n, 'C'), NDM_OK);
    cr_expect_eq(ndm_sum(&r, a, 1), NDM_EVALUE);
    cr_expect_str_eq(ndm_errclass(), "AxisError");
    cr_expect_str_eq(ndm_errmsg(), "axis 1 is out of bounds for array of dimension 1");
    cr_expect_null(r);
    cr_expect_eq(ndm_sum(&r, NULL, 0), NDM_EVALUE);
    cr_expect_eq(ndm_sum(NULL, a, 0), NDM_EVALUE);
    ndm_free(a);
}

/* Columns (axis 0 of a C array) go through the blocked column kernels, 16
 * columns at a time: NaN in any row of a column must reach that column's
 * min and max, wherever the NaN sits among the rows folded per pass. */
Test(reduce, column_min_max_propagate_nan) {
    const int64_t shape[2] = {41, 53};
    ndm_array *a, *mn, *mx;
    cr_assert_eq(ndm_zeros(&a, "float32", 2, shape, 'C'), NDM_OK);
    float *p = ndm_data(a);
    for (int i = 0; i < 41 * 53; i++) p[i] = (float)((i * 7919) % 1000) - 500.0f;
    for (int j = 0; j < 53; j += 3) p[(j % 41) * 53 + j] = NAN; /* row j % 41 of every third column */
    cr_assert_eq(ndm_min(&mn, a, 0), NDM_OK);
    cr_assert_eq(ndm_max(&mx, a, 0), NDM_OK);
    const float *gmn = ndm_data(mn), *gmx = ndm_data(mx);
    for (int j = 0; j < 53; j++) {
        float lo = p[j], hi = p[j];
        bool nan = isnan(p[j]);
        for (int i = 1; i < 41; i++) {
            float v = p[i * 53 + j];
            nan = nan || isnan(v);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (nan) {
            cr_expect(isnan(gmn[j]) && isnan(gmx[j]), "column %d", j);
        } else {
            cr_expect_eq(gmn[j], lo, "column %d", j);
            cr_expect_eq(gmx[j], hi, "column %d", j);
        }
    }
    ndm_free(mn);
    ndm_free(mx);
    ndm_free(a);
}

/* numpy's minimum(acc, x) / maximum(acc, x), folded down each column: the
 * accumulator is kept when it is NaN (with its own bits), else the pick is
 * acc < x ? acc : x, so a NaN x is taken as it is and +0/-0 ties take x. */
#define COLUMN_REFERENCE(T, R, C, p, j, less, out)             \
    do {                                                       \
        T acc_ = (p)[j];                                       \
        for (int i_ = 1; i_ < (R); i_++) {                     \
            T x_ = (p)[i_ * (C) + (j)];                        \
            if (!(isnan(acc_) || (less ? acc_ < x_ : acc_ > x_))) acc_ = x_; \
        }                                                      \
        (out) = acc_;                                          \
    } while (0)

/* numpy returns a column's first NaN bit for bit (payload, sign, even a
 * signalling NaN), and -0 or +0 by the order of the rows. Columns whose
 * first NaN comes from the accumulator, from either row of a pair, from the
 * first row and from the last are all exercised, in float32 (8 rows per
 * pass, 16 columns per group, then the tails) and float64. */
Test(reduce, column_min_max_first_nan_bits) {
    enum { R = 41, C = 53 };
    const int64_t shape[2] = {R, C};
    for (int t = 0; t < 2; t++) {
        bool f32 = t == 0;
        ndm_array *a, *mn, *mx;
        cr_assert_eq(ndm_zeros(&a, f32 ? "float32" : "float64", 2, shape, 'C'), NDM_OK);
        void *data = ndm_data(a);
        for (int k = 0; k < R * C; k++) {
            double v = (double)((k * 7919) % 1000) - 500.0;
            if (f32) ((float *)data)[k] = (float)v;
            else ((double *)data)[k] = v;
        }
        for (int j = 0; j < C; j++) {
            int row = (j * 5) % R, again = (row + 1 + j % 3) % R;
            uint64_t q = (j % 4 == 3 ? 1ull : 0ull) << 63; /* some negative NaNs */
            if (j % 5 == 4) continue;                      /* some columns without NaN */
            if (j % 7 == 6) row = 0;                       /* NaN in the first row */
            for (int k = 0; k < 2; k++) {
                int at = (k ? again : row) * C + j;
                uint64_t payload = (uint64_t)(j * 2 + k + 1);
                if (f32) {
                    uint32_t b = (uint32_t)(q >> 32) | (j % 6 == 5 ? 0x7fa00000u : 0x7fc00000u) |
                                 (uint32_t)payload;
                    memcpy((float *)data + at, &b, 4);
                } else {
                    uint64_t b = q | 0x7ff8000000000000ull | payload;
                    memcpy((double *)data + at, &b, 8);
                }
            }
        }
        for (int j = 1; j < C; j += 9) { /* +0/-0 ties in columns without NaN */
            if (j % 5 != 4) continue;
            for (int i = 0; i < R; i++) {
                double z = (i % 2) ? -0.0 : 0.0;
                if (f32) ((float *)data)[i * C + j] = (float)z;
                else ((double *)data)[i * C + j] = z;
            }
        }
        cr_assert_eq(ndm_min(&mn, a, 0), NDM_OK);
        cr_assert_eq(ndm_max(&mx, a, 0), NDM_OK);
        for (int j = 0; j < C; j++) {
            if (f32) {
                float lo, hi;
                COLUMN_REFERENCE(float, R, C, (const float *)data, j, true, lo);
                COLUMN_REFERENCE(float, R, C, (const float *)data, j, false, hi);
                cr_expect_eq(memcmp((const float *)ndm_data(mn) + j, &lo, 4), 0, "float32 min column %d", j);
                cr_expect_eq(memcmp((const float *)ndm_data(mx) + j, &hi, 4), 0, "float32 max column %d", j);
            } else {
                double lo, hi;
                COLUMN_REFERENCE(double, R, C, (const double *)data, j, true, lo);
                COLUMN_REFERENCE(double, R, C, (const double *)data, j, false, hi);
                cr_expect_eq(memcmp((const double *)ndm_data(mn) + j, &lo, 8), 0, "float64 min column %d", j);
                cr_expect_eq(memcmp((const double *)ndm_data(mx) + j, &hi, 8), 0, "float64 max column %d", j);
            }
        }
        ndm_free(mn);
        ndm_free(mx);
        ndm_free(a);
    }
}
