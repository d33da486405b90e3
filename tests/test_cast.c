/*
 * test_cast.c -- element casts: float16 conversion, numpy's cast semantics
 * for all 14 x 14 type pairs (numpy-generated expectations in
 * tests/oracle/cast_pairs.txt), byte orders, strides, broadcasting, and
 * single-element loads and stores.
 */
#include <criterion/criterion.h>

#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ndm__dtype dtype(ndm__type t, bool swapped) {
    ndm__dtype d = {.type = (uint8_t)t, .swapped = swapped};
    return d;
}

static const int isz[NDM__NTYPES] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 8, 16};
static const int unit[NDM__NTYPES] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 4, 8};
static const char *codes[NDM__NTYPES] = {"b1", "i1", "i2", "i4", "i8", "u1", "u2",
                                         "u4", "u8", "f2", "f4", "f8", "c8", "c16"};

/* One element of type t, reversed unit by unit (native <-> swapped). */
static void swap_elem(ndm__type t, unsigned char *p) {
    for (int off = 0; off < isz[t]; off += unit[t])
        for (int a = 0, b = unit[t] - 1; a < b; a++, b--) {
            unsigned char c = p[off + a];
            p[off + a] = p[off + b];
            p[off + b] = c;
        }
}

/* ---- float16 ------------------------------------------------------------------ */

static uint16_t to_half(double d) {
    uint16_t h;
    ndm__cast_strided(dtype(NDM__FLOAT16, false), (char *)&h, 0,
                      dtype(NDM__FLOAT64, false), (const char *)&d, 0, 1);
    return h;
}

static double from_half(uint16_t h) {
    double d;
    ndm__cast_strided(dtype(NDM__FLOAT64, false), (char *)&d, 0,
                      dtype(NDM__FLOAT16, false), (const char *)&h, 0, 1);
    return d;
}

/* Independent reference: the value of half bits by the textbook formula. */
static double half_value(uint16_t h) {
    int e = (h >> 10) & 31, m = h & 1023;
    double v = e == 0 ? ldexp(m, -24)
               : e == 31 ? (m ? NAN : INFINITY)
                         : ldexp(1024 + m, e - 25);
    return (h & 0x8000) ? -v : v;
}

/* Independent reference rounding: nearest of all finite halves, ties to the
 * even bit pattern, beyond the rounding boundary of 65504 inf. */
static uint16_t ref_half(double x) {
    if (isnan(x)) return 0x7e00;
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (a >= 65520.0) return sign | 0x7c00;
    int lo = 0, hi = 0x7bff; /* largest h with value <= a */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (half_value((uint16_t)mid) <= a) lo = mid;
        else hi = mid - 1;
    }
    uint16_t h = (uint16_t)lo;
    if (h < 0x7bff) {
        double below = a - half_value(h), above = half_value((uint16_t)(h + 1)) - a;
        if (above < below || (above == below && (h & 1))) h++;
    }
    return sign | h;
}

Test(cast_half, every_half_converts_exactly_and_back) {
    for (uint32_t h = 0; h < 65536; h++) {
        double d = from_half((uint16_t)h);
        double want = half_value((uint16_t)h);
        if (isnan(want)) {
            cr_assert(isnan(d), "half %04x", h);
        } else {
            cr_assert(d == want && signbit(d) == signbit(want), "half %04x -> %g", h, d);
        }
        cr_assert_eq(to_half(d), h, "round trip of %04x gave %04x", h, to_half(d));
    }
}

Test(cast_half, rounding_edge_cases) {
    static const struct { double x; uint16_t h; } cases[] = {
        {0.0, 0x0000}, {-0.0, 0x8000}, {1.0, 0x3c00}, {-2.5, 0xc100},
        {65504.0, 0x7bff}, {65519.99, 0x7bff}, {65520.0, 0x7c00},
        {-65520.0, 0xfc00}, {65536.0, 0x7c00}, {1e300, 0x7c00},
        {INFINITY, 0x7c00}, {-INFINITY, 0xfc00}, {NAN, 0x7e00},
        {0x1p-24, 0x0001}, {0x1p-25, 0x0000}, {-0x1p-25, 0x8000},
        {0x1.000001p-25, 0x0001}, {0x3p-25, 0x0002}, {0x5p-25, 0x0002},
        {0x1p-14, 0x0400}, {0x1.ffcp-15, 0x0400}, {0x1.ffbp-15, 0x03ff},
        {0x1.ff8p-15, 0x03ff},
        {1.0 + 0x1p-11, 0x3c00}, {1.0 + 0x3p-11, 0x3c02},
        {1.0 + 0x1.00000001p-11, 0x3c01}, {2049.0, 0x6800},
        {2051.0, 0x6802}, {0.1, 0x2e66}, {1e-8, 0x0000}, {1e-320, 0x0000},
        {-1e-320, 0x8000}, {0x1.ffcp15, 0x7bff}, {0x1.ffdp15, 0x7bff},
        {0x1.ffe0000000001p15, 0x7c00}, {0x1.ffep15, 0x7c00},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        cr_assert_eq(to_half(cases[k].x), cases[k].h, "%a -> %04x, want %04x",
                     cases[k].x, to_half(cases[k].x), cases[k].h);
        cr_assert_eq(ref_half(cases[k].x), cases[k].h, "reference disagrees at %a",
                     cases[k].x);
    }
    /* nan keeps its sign and top payload bits; a payload only in the low
     * bits still gives a nan. */
    uint64_t bits = 0xfff4000000000000u;
    double d;
    memcpy(&d, &bits, 8);
    cr_assert_eq(to_half(d), 0xfd00);
    bits = 0x7ff0000000000001u;
    memcpy(&d, &bits, 8);
    cr_assert_eq(to_half(d), 0x7c01);
}

Test(cast_half, random_doubles_round_correctly) {
    srand(12345);
    for (int k = 0; k < 200000; k++) {
        double x;
        if (k % 3 == 0) { /* near a tie of two halves */
            uint16_t h = (uint16_t)(rand() % 0x7bff);
            double mid = (half_value(h) + half_value((uint16_t)(h + 1))) / 2;
            x = mid + (rand() % 3 - 1) * ldexp(1, -40) * (mid + 0x1p-30);
        } else {
            x = ldexp((double)rand() / RAND_MAX, rand() % 46 - 30);
        }
        if (rand() & 1) x = -x;
        cr_assert_eq(to_half(x), ref_half(x), "%a -> %04x, want %04x", x,
                     to_half(x), ref_half(x));
        float f = (float)x; /* float32 -> half must round from the float */
        uint16_t hf;
        ndm__cast_strided(dtype(NDM__FLOAT16, false), (char *)&hf, 0,
                          dtype(NDM__FLOAT32, false), (const char *)&f, 0, 1);
        cr_assert_eq(hf, ref_half(f), "float %a", (double)f);
    }
}

/* ---- numpy's unsafe-cast semantics (spec 6.5) ----------------------------------- */

#define CAST1(DT, dv, ST, sv)                                                  \
    ndm__cast_strided(dtype(DT, false), (char *)&(dv), 0, dtype(ST, false),    \
                      (const char *)&(sv), 0, 1)

Test(cast_semantics, spec_examples) {
    int64_t i64;
    int8_t i8;
    uint8_t u8;
    double f8;

    i64 = 300; CAST1(NDM__INT8, i8, NDM__INT64, i64); cr_assert_eq(i8, 44);
    i64 = -1; CAST1(NDM__UINT8, u8, NDM__INT64, i64); cr_assert_eq(u8, 255);
    i64 = -129; CAST1(NDM__INT8, i8, NDM__INT64, i64); cr_assert_eq(i8, 127);
    i64 = (INT64_C(1) << 53) + 1;
    CAST1(NDM__FLOAT64, f8, NDM__INT64, i64);
    cr_assert_eq(f8, 9007199254740992.0);

    f8 = 2.7; CAST1(NDM__INT64, i64, NDM__FLOAT64, f8); cr_assert_eq(i64, 2);
    f8 = -2.7; CAST1(NDM__INT64, i64, NDM__FLOAT64, f8); cr_assert_eq(i64, -2);
    /* Out of range: unspecified in numpy; ndmap mirrors x86-64 numpy. */
    f8 = 300.0; CAST1(NDM__INT8, i8, NDM__FLOAT64, f8); cr_assert_eq(i8, 44);
    f8 = -2.7; CAST1(NDM__UINT8, u8, NDM__FLOAT64, f8); cr_assert_eq(u8, 254);
    f8 = -1.5; CAST1(NDM__UINT8, u8, NDM__FLOAT64, f8); cr_assert_eq(u8, 255);

    double c[2] = {-3.75, 9.0};
    CAST1(NDM__FLOAT64, f8, NDM__COMPLEX128, c); cr_assert_eq(f8, -3.75);
    CAST1(NDM__INT8, i8, NDM__COMPLEX128, c); cr_assert_eq(i8, -3);
    uint8_t b;
    double c2[2] = {0.0, 1.0};
    CAST1(NDM__BOOL, b, NDM__COMPLEX128, c2); cr_assert_eq(b, 1);
    double c0[2] = {-0.0, 0.0};
    CAST1(NDM__BOOL, b, NDM__COMPLEX128, c0); cr_assert_eq(b, 0);
    f8 = NAN; CAST1(NDM__BOOL, b, NDM__FLOAT64, f8); cr_assert_eq(b, 1);
    f8 = -0.0; CAST1(NDM__BOOL, b, NDM__FLOAT64, f8); cr_assert_eq(b, 0);
    uint16_t h = 0x8000; /* -0.0 half */
    CAST1(NDM__BOOL, b, NDM__FLOAT16, h); cr_assert_eq(b, 0);
    h = 0x7e00;
    CAST1(NDM__BOOL, b, NDM__FLOAT16, h); cr_assert_eq(b, 1);

    /* A bool byte other than 0/1 is True: converts as 1. */
    uint8_t two = 2;
    CAST1(NDM__INT8, i8, NDM__BOOL, two); cr_assert_eq(i8, 1);
    CAST1(NDM__FLOAT64, f8, NDM__BOOL, two); cr_assert_eq(f8, 1.0);
    CAST1(NDM__FLOAT16, h, NDM__BOOL, two); cr_assert_eq(h, 0x3c00);
    float cf[2];
    CAST1(NDM__COMPLEX64, cf, NDM__BOOL, two);
    cr_assert(cf[0] == 1.0f && cf[1] == 0.0f);

    f8 = 1e300;
    float f4;
    CAST1(NDM__FLOAT32, f4, NDM__FLOAT64, f8); cr_assert(isinf(f4) && f4 > 0);
    f8 = -1e-50;
    CAST1(NDM__FLOAT32, f4, NDM__FLOAT64, f8); cr_assert(f4 == 0 && signbit(f4));
    uint64_t u64 = UINT64_MAX;
    CAST1(NDM__FLOAT32, f4, NDM__UINT64, u64); cr_assert_eq(f4, 0x1p64f);
    CAST1(NDM__FLOAT16, h, NDM__UINT64, u64); cr_assert_eq(h, 0x7c00);
}

/* Invalid float -> int conversions are defined (no UB; the sanitizer build
 * checks) and mirror numpy on x86-64 as observed with numpy 1.24. */
Test(cast_semantics, invalid_float_to_int_is_defined) {
    static const double x[] = {NAN, INFINITY, -INFINITY, 1e10, 300.0, -2.7, -1.5,
                               3e9, -3e9, 1e19, 2e19, -1e19};
    static const int8_t i1[] = {0, 0, 0, 0, 44, -2, -1, 0, 0, 0, 0, 0};
    static const uint8_t u1[] = {0, 0, 0, 0, 44, 254, 255, 0, 0, 0, 0, 0};
    static const int16_t i2[] = {0, 0, 0, 0, 300, -2, -1, 0, 0, 0, 0, 0};
    static const uint16_t u2[] = {0, 0, 0, 0, 300, 65534, 65535, 0, 0, 0, 0, 0};
    static const int32_t i4[] = {INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN, 300, -2,
                                 -1, INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN,
                                 INT32_MIN};
    static const uint32_t u4[] = {2147483648u, 0, 2147483648u, 0, 300, 4294967294u,
                                  4294967295u, 3000000000u, 2147483648u, 0, 0,
                                  2147483648u};
    static const int64_t i8[] = {INT64_MIN, INT64_MIN, INT64_MIN, 10000000000, 300, -2,
                                 -1, 3000000000, -3000000000, INT64_MIN, INT64_MIN,
                                 INT64_MIN};
    static const uint64_t u8[] = {9223372036854775808u, 0, 9223372036854775808u,
                                  10000000000u, 300, 18446744073709551614u,
                                  18446744073709551615u, 3000000000u,
                                  18446744070709551616u, 10000000000000000000u, 0,
                                  9223372036854775808u};
    const int n = (int)(sizeof x / sizeof x[0]);
    int8_t ri1[12]; uint8_t ru1[12]; int16_t ri2[12]; uint16_t ru2[12];
    int32_t ri4[12]; uint32_t ru4[12]; int64_t ri8[12]; uint64_t ru8[12];
    ndm__dtype f8 = dtype(NDM__FLOAT64, false);
    ndm__cast_strided(dtype(NDM__INT8, false), (char *)ri1, 1, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__UINT8, false), (char *)ru1, 1, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__INT16, false), (char *)ri2, 2, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__UINT16, false), (char *)ru2, 2, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__INT32, false), (char *)ri4, 4, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__UINT32, false), (char *)ru4, 4, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__INT64, false), (char *)ri8, 8, f8, (const char *)x, 8, n);
    ndm__cast_strided(dtype(NDM__UINT64, false), (char *)ru8, 8, f8, (const char *)x, 8, n);
    for (int k = 0; k < n; k++) {
        cr_expect_eq(ri1[k], i1[k], "int8 %g", x[k]);
        cr_expect_eq(ru1[k], u1[k], "uint8 %g", x[k]);
        cr_expect_eq(ri2[k], i2[k], "int16 %g", x[k]);
        cr_expect_eq(ru2[k], u2[k], "uint16 %g", x[k]);
        cr_expect_eq(ri4[k], i4[k], "int32 %g", x[k]);
        cr_expect_eq(ru4[k], u4[k], "uint32 %g", x[k]);
        cr_expect_eq(ri8[k], i8[k], "int64 %g", x[k]);
        cr_expect_eq(ru8[k], u8[k], "uint64 %g", x[k]);
    }
    /* The same through float32, float16 and complex sources. */
    float xf[3] = {NAN, 300.0f, -INFINITY};
    int64_t rf[3];
    ndm__cast_strided(dtype(NDM__INT64, false), (char *)rf, 8,
                      dtype(NDM__FLOAT32, false), (const char *)xf, 4, 3);
    cr_expect(rf[0] == INT64_MIN && rf[1] == 300 && rf[2] == INT64_MIN);
    uint16_t xh[2] = {0x7c00, 0x5cb0}; /* inf, 300 */
    int8_t rh[2];
    ndm__cast_strided(dtype(NDM__INT8, false), (char *)rh, 1,
                      dtype(NDM__FLOAT16, false), (const char *)xh, 2, 2);
    cr_expect(rh[0] == 0 && rh[1] == 44);
}

/* ---- the numpy-generated pair data ---------------------------------------------- */

typedef struct pairdata {
    int n;
    unsigned char *src, *dst; /* n elements each, native order */
} pairdata;

static int code_index(const char *c) {
    for (int t = 0; t < NDM__NTYPES; t++)
        if (strcmp(codes[t], c) == 0) return t;
    return -1;
}

static void unhex(const char *h, unsigned char *out, int n) {
    for (int k = 0; k < n; k++) {
        unsigned v;
        cr_assert_eq(sscanf(h + 2 * k, "%2x", &v), 1);
        out[k] = (unsigned char)v;
    }
}

static FILE *open_oracle(void) {
    const char *root = getenv("NDM_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/oracle/cast_pairs.txt", root ? root : ".");
    FILE *f = fopen(path, "r");
    cr_assert(f, "cannot open %s (set NDM_ROOT)", path);
    return f;
}

/* Read all pairs: table[s][d]. */
static void load_pairs(pairdata table[NDM__NTYPES][NDM__NTYPES]) {
    FILE *f = open_oracle();
    char line[256], a[8], b[8];
    int n, count = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "pair %7s %7s %d", a, b, &n) != 3) continue;
        int s = code_index(a), d = code_index(b);
        cr_assert(s >= 0 && d >= 0 && n > 0, "bad record %s", line);
        pairdata *p = &table[s][d];
        p->n = n;
        p->src = malloc((size_t)n * 16);
        p->dst = malloc((size_t)n * 16);
        for (int k = 0; k < n; k++) {
            char hs[64], hd[64];
            cr_assert(fgets(line, sizeof line, f));
            cr_assert_eq(sscanf(line, "%63s %63s", hs, hd), 2);
            cr_assert_eq((int)strlen(hs), 2 * isz[s]);
            cr_assert_eq((int)strlen(hd), 2 * isz[d]);
            unhex(hs, p->src + k * isz[s], isz[s]);
            unhex(hd, p->dst + k * isz[d], isz[d]);
        }
        count++;
    }
    fclose(f);
    cr_assert_eq(count, NDM__NTYPES * NDM__NTYPES, "pairs in the oracle file");
}

static void free_pairs(pairdata table[NDM__NTYPES][NDM__NTYPES]) {
    for (int s = 0; s < NDM__NTYPES; s++)
        for (int d = 0; d < NDM__NTYPES; d++) {
            free(table[s][d].src);
            free(table[s][d].dst);
        }
}

/* Compare element k of got (type d, swapped if dsw) with want. nan payloads
 * are compared bytewise too: numpy's results are exact bits. */
static void check_elem(int s, int d, int k, const unsigned char *got, bool dsw,
                       const unsigned char *want, const char *how) {
    unsigned char g[16];
    memcpy(g, got, (size_t)isz[d]);
    if (dsw) swap_elem((ndm__type)d, g);
    if (memcmp(g, want, (size_t)isz[d]) != 0) {
        char gh[40] = "", wh[40] = "";
        for (int j = 0; j < isz[d]; j++) {
            sprintf(gh + 2 * j, "%02x", g[j]);
            sprintf(wh + 2 * j, "%02x", want[j]);
        }
        cr_assert_fail("%s -> %s (%s) element %d: got %s, numpy %s", codes[s],
                       codes[d], how, k, gh, wh);
    }
}

/* All 196 pairs, contiguous, in all four byte-order combinations. Lengths
 * beyond 256 elements cross the swap buffers' chunk boundary. */
Test(cast_pairs, numpy_oracle_contiguous_all_byte_orders) {
    static pairdata table[NDM__NTYPES][NDM__NTYPES];
    load_pairs(table);
    for (int s = 0; s < NDM__NTYPES; s++)
        for (int d = 0; d < NDM__NTYPES; d++) {
            const pairdata *p = &table[s][d];
            int reps = 600 / p->n + 1, n = p->n * reps;
            unsigned char *src = malloc((size_t)n * 16), *dst = malloc((size_t)n * 16 + 1);
            for (int order = 0; order < 4; order++) {
                bool ssw = order & 1, dsw = order & 2;
                for (int k = 0; k < n; k++) {
                    memcpy(src + k * isz[s], p->src + (k % p->n) * isz[s], (size_t)isz[s]);
                    if (ssw) swap_elem((ndm__type)s, src + k * isz[s]);
                }
                memset(dst, 0xa5, (size_t)n * 16 + 1);
                ndm__cast_strided(dtype((ndm__type)d, dsw), (char *)dst, isz[d],
                                  dtype((ndm__type)s, ssw), (const char *)src, isz[s], n);
                char how[32];
                snprintf(how, sizeof how, "contiguous, order %d", order);
                for (int k = 0; k < n; k++)
                    check_elem(s, d, k, dst + k * isz[d], dsw,
                               p->dst + (k % p->n) * isz[d], how);
                cr_assert_eq(dst[n * isz[d]], 0xa5, "wrote past the end %s -> %s order %d", codes[s], codes[d], order);
            }
            free(src);
            free(dst);
        }
    free_pairs(table);
}

/* Strided both ways (source every 3rd element read backwards, destination
 * every 2nd), and broadcast (stride 0) sources, in every byte order. */
Test(cast_pairs, numpy_oracle_strided_and_broadcast) {
    static pairdata table[NDM__NTYPES][NDM__NTYPES];
    load_pairs(table);
    for (int s = 0; s < NDM__NTYPES; s++)
        for (int d = 0; d < NDM__NTYPES; d++) {
            const pairdata *p = &table[s][d];
            int n = p->n * (300 / p->n + 1);
            size_t ss = 3 * (size_t)isz[s], ds = 2 * (size_t)isz[d];
            unsigned char *src = malloc(n * ss), *dst = malloc(n * ds);
            for (int order = 0; order < 4; order++) {
                bool ssw = order & 1, dsw = order & 2;
                /* element k lives at src + (n-1-k)*ss */
                memset(src, 0x5a, n * ss);
                for (int k = 0; k < n; k++) {
                    unsigned char *e = src + (size_t)(n - 1 - k) * ss;
                    memcpy(e, p->src + (k % p->n) * isz[s], (size_t)isz[s]);
                    if (ssw) swap_elem((ndm__type)s, e);
                }
                memset(dst, 0xa5, n * ds);
                ndm__cast_strided(dtype((ndm__type)d, dsw), (char *)dst, (int64_t)ds,
                                  dtype((ndm__type)s, ssw),
                                  (const char *)src + (size_t)(n - 1) * ss,
                                  -(int64_t)ss, n);
                for (int k = 0; k < n; k++) {
                    check_elem(s, d, k, dst + k * ds, dsw, p->dst + (k % p->n) * isz[d],
                               "strided");
                    for (size_t g = (size_t)isz[d]; g < ds; g++)
                        cr_assert_eq(dst[k * ds + g], 0xa5, "gap written");
                }
                /* Broadcast: element j of the data, n times. */
                int j = (s * 7 + d) % p->n;
                unsigned char one[16];
                memcpy(one, p->src + j * isz[s], (size_t)isz[s]);
                if (ssw) swap_elem((ndm__type)s, one);
                ndm__cast_strided(dtype((ndm__type)d, dsw), (char *)dst, (int64_t)ds,
                                  dtype((ndm__type)s, ssw), (const char *)one, 0, n);
                for (int k = 0; k < n; k++)
                    check_elem(s, d, k, dst + k * ds, dsw, p->dst + j * isz[d],
                               "broadcast");
            }
            free(src);
            free(dst);
        }
    free_pairs(table);
}

/* ---- same-type copies -------------------------------------------------------------- */

Test(cast_copy, same_type_copies_fills_and_swaps) {
    for (int t = 0; t < NDM__NTYPES; t++) {
        enum { N = 1000 };
        int sz = isz[t];
        unsigned char *src = malloc(N * 16 * 3), *dst = malloc(N * 16 * 3);
        for (int k = 0; k < N * 16 * 3; k++) src[k] = (unsigned char)(k * 7 + 3);
        /* contiguous */
        memset(dst, 0, N * 16 * 3);
        ndm__cast_strided(dtype((ndm__type)t, false), (char *)dst, sz,
                          dtype((ndm__type)t, false), (const char *)src, sz, N);
        cr_assert(memcmp(dst, src, (size_t)N * sz) == 0, "type %d contiguous", t);
        cr_assert_eq(dst[N * sz], 0);
        /* strided, negative source stride */
        memset(dst, 0, N * 16 * 3);
        ndm__cast_strided(dtype((ndm__type)t, false), (char *)dst, 3 * sz,
                          dtype((ndm__type)t, false),
                          (const char *)src + (size_t)(N - 1) * 2 * sz, -2 * sz, N);
        for (int k = 0; k < N; k++)
            cr_assert(memcmp(dst + (size_t)k * 3 * sz,
                             src + (size_t)(N - 1 - k) * 2 * sz, (size_t)sz) == 0,
                      "type %d strided element %d", t, k);
        /* broadcast fill, contiguous and strided */
        for (int st = 1; st <= 2; st++) {
            memset(dst, 0, N * 16 * 3);
            ndm__cast_strided(dtype((ndm__type)t, false), (char *)dst, st * sz,
                              dtype((ndm__type)t, false), (const char *)src + 5, 0, N);
            for (int k = 0; k < N; k++)
                cr_assert(memcmp(dst + (size_t)k * st * sz, src + 5, (size_t)sz) == 0,
                          "type %d fill element %d", t, k);
        }
        /* byte order change, contiguous and strided */
        for (int st = 1; st <= 2; st++) {
            memset(dst, 0, N * 16 * 3);
            ndm__cast_strided(dtype((ndm__type)t, true), (char *)dst, st * sz,
                              dtype((ndm__type)t, false), (const char *)src, sz, N);
            for (int k = 0; k < N; k++) {
                unsigned char e[16];
                memcpy(e, src + (size_t)k * sz, (size_t)sz);
                swap_elem((ndm__type)t, e);
                cr_assert(memcmp(dst + (size_t)k * st * sz, e, (size_t)sz) == 0,
                          "type %d swapped element %d", t, k);
            }
        }
        /* swapped on both sides is a plain copy */
        memset(dst, 0, N * 16 * 3);
        ndm__cast_strided(dtype((ndm__type)t, true), (char *)dst, sz,
                          dtype((ndm__type)t, true), (const char *)src, sz, N);
        cr_assert(memcmp(dst, src, (size_t)N * sz) == 0);
        free(src);
        free(dst);
    }
}

/* Contiguous fills of every length class: below, at and beyond the 4 KiB
 * element-wise prefix and the 16 KiB copy blocks. */
Test(cast_copy, contiguous_fills_of_all_lengths) {
    static const int64_t lengths[] = {1, 2, 255, 256, 257, 1023, 1024, 1025, 2047,
                                      2048, 2049, 4097, 10000, 100003};
    static const ndm__type types[] = {NDM__INT16, NDM__FLOAT32, NDM__FLOAT64,
                                      NDM__COMPLEX128};
    unsigned char elem[16];
    for (int k = 0; k < 16; k++) elem[k] = (unsigned char)(0x30 + k);
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++) {
            int sz = isz[types[t]];
            int64_t n = lengths[l];
            unsigned char *dst = malloc((size_t)(n + 1) * sz);
            memset(dst, 0xa5, (size_t)(n + 1) * sz);
            ndm__cast_strided(dtype(types[t], false), (char *)dst, sz,
                              dtype(types[t], false), (const char *)elem, 0, n);
            for (int64_t k = 0; k < n; k++)
                cr_assert(memcmp(dst + k * sz, elem, (size_t)sz) == 0,
                          "type %d length %lld element %lld", types[t], (long long)n,
                          (long long)k);
            for (int k = 0; k < sz; k++)
                cr_assert_eq(dst[n * sz + k], 0xa5, "overrun at length %lld", (long long)n);
            free(dst);
        }
}

Test(cast_copy, zero_and_negative_counts_write_nothing) {
    unsigned char src[16] = {1, 2, 3}, dst[16] = {0};
    ndm__cast_strided(dtype(NDM__FLOAT64, false), (char *)dst, 8,
                      dtype(NDM__INT8, false), (const char *)src, 1, 0);
    ndm__cast_strided(dtype(NDM__INT8, false), (char *)dst, 1,
                      dtype(NDM__INT8, false), (const char *)src, 1, -3);
    for (int k = 0; k < 16; k++) cr_assert_eq(dst[k], 0);
}

/* ---- single elements ---------------------------------------------------------------- */

Test(cast_value, load_every_type_in_both_byte_orders) {
    int8_t i1 = -5; int16_t i2 = -300; int32_t i4 = -70000; int64_t i8 = INT64_MIN;
    uint8_t u1 = 250; uint16_t u2 = 65000; uint32_t u4 = 4000000000u;
    uint64_t u8 = UINT64_MAX; uint16_t f2 = 0xc100; float f4 = 0.1f; double f8 = -1e300;
    float c8[2] = {1.5f, -2.5f}; double c16[2] = {-0.0, 1e-300}; uint8_t b1 = 3;
    const void *ptr[NDM__NTYPES] = {&b1, &i1, &i2, &i4, &i8, &u1, &u2, &u4, &u8,
                                    &f2, &f4, &f8, c8, c16};
    for (int sw = 0; sw < 2; sw++)
        for (int t = 0; t < NDM__NTYPES; t++) {
            unsigned char e[16];
            memcpy(e, ptr[t], (size_t)isz[t]);
            if (sw) swap_elem((ndm__type)t, e);
            ndm__value v;
            ndm__load(dtype((ndm__type)t, sw), e, &v);
            switch (t) {
            case NDM__BOOL: cr_assert(v.kind == NDM__KIND_BOOL && v.v.b == true); break;
            case NDM__INT8: cr_assert(v.kind == NDM__KIND_INT && v.v.i == -5); break;
            case NDM__INT16: cr_assert(v.kind == NDM__KIND_INT && v.v.i == -300); break;
            case NDM__INT32: cr_assert(v.kind == NDM__KIND_INT && v.v.i == -70000); break;
            case NDM__INT64: cr_assert(v.kind == NDM__KIND_INT && v.v.i == INT64_MIN); break;
            case NDM__UINT8: cr_assert(v.kind == NDM__KIND_UINT && v.v.u == 250); break;
            case NDM__UINT16: cr_assert(v.kind == NDM__KIND_UINT && v.v.u == 65000); break;
            case NDM__UINT32: cr_assert(v.kind == NDM__KIND_UINT && v.v.u == 4000000000u); break;
            case NDM__UINT64: cr_assert(v.kind == NDM__KIND_UINT && v.v.u == UINT64_MAX); break;
            case NDM__FLOAT16: cr_assert(v.kind == NDM__KIND_FLOAT && v.v.f == -2.5); break;
            case NDM__FLOAT32: cr_assert(v.kind == NDM__KIND_FLOAT && v.v.f == (double)0.1f); break;
            case NDM__FLOAT64: cr_assert(v.kind == NDM__KIND_FLOAT && v.v.f == -1e300); break;
            case NDM__COMPLEX64:
                cr_assert(v.kind == NDM__KIND_COMPLEX && v.v.c[0] == 1.5 && v.v.c[1] == -2.5);
                break;
            default:
                cr_assert(v.kind == NDM__KIND_COMPLEX && v.v.c[0] == 0 &&
                          signbit(v.v.c[0]) && v.v.c[1] == 1e-300);
            }
        }
}

Test(cast_value, store_casts_and_swaps) {
    ndm__value v = {.kind = NDM__KIND_FLOAT, .v.f = -2.75};
    unsigned char out[16];
    ndm__store(dtype(NDM__INT16, true), out, &v);
    cr_assert(out[0] == 0xff && out[1] == 0xfe); /* -2 big-endian */
    ndm__store(dtype(NDM__FLOAT16, false), out, &v);
    uint16_t h;
    memcpy(&h, out, 2);
    cr_assert_eq(h, 0xc180);
    v.kind = NDM__KIND_UINT;
    v.v.u = 300;
    ndm__store(dtype(NDM__UINT8, false), out, &v);
    cr_assert_eq(out[0], 44);
    v.kind = NDM__KIND_INT;
    v.v.i = -1;
    ndm__store(dtype(NDM__COMPLEX64, true), out, &v);
    float c[2];
    swap_elem(NDM__COMPLEX64, out);
    memcpy(c, out, 8);
    cr_assert(c[0] == -1.0f && c[1] == 0.0f);
    v.kind = NDM__KIND_COMPLEX;
    v.v.c[0] = 0;
    v.v.c[1] = -1;
    ndm__store(dtype(NDM__BOOL, false), out, &v);
    cr_assert_eq(out[0], 1);
    v.kind = NDM__KIND_BOOL;
    v.v.b = true;
    ndm__store(dtype(NDM__FLOAT64, true), out, &v);
    cr_assert(out[0] == 0x3f && out[1] == 0xf0 && out[7] == 0);
}

/* ---- the AVX2 build of the kernels ---------------------------------------------------- */

/* Source bytes that reach every branch of the conversions: random bits, and
 * for float types special values (nan, inf, -0, out-of-range and fractional
 * values near the integer limits). */
static void fill_source(ndm__type t, unsigned char *p, int64_t n, uint64_t *seed) {
    static const double specials[] = {0.0, -0.0, 1.5, -1.5, 127.5, -128.5, 255.9, 65535.5,
                                      -32768.9, 2147483647.5, -2147483649.0, 4294967296.0,
                                      9.3e18, -9.3e18, 1.9e19, 1e300, -1e300, 65504.0, 65520.0,
                                      6e-8, NAN, -NAN, INFINITY, -INFINITY};
    const int nsp = (int)(sizeof specials / sizeof specials[0]);
    for (int64_t i = 0; i < n * isz[t]; i++) {
        *seed = *seed * 6364136223846793005u + 1442695040888963407u;
        p[i] = (unsigned char)(*seed >> 56);
    }
    if (t < NDM__FLOAT32) return;
    int parts = t >= NDM__COMPLEX64 ? 2 : 1, psz = isz[t] / parts;
    for (int64_t i = 0; i < n * parts; i += 2) { /* every other part special */
        *seed = *seed * 6364136223846793005u + 1442695040888963407u;
        double v = specials[(*seed >> 40) % (uint64_t)nsp];
        if (psz == 4) {
            float f = (float)v;
            memcpy(p + i * psz, &f, 4);
        } else {
            memcpy(p + i * psz, &v, 8);
        }
    }
}

Test(cast_kernels, avx2_build_matches_baseline) {
    if (!ndm__cast_kernel(NDM__UINT16, NDM__INT64, true))
        cr_skip_test("no AVX2 kernels on this CPU or compiler");
    static const int64_t lengths[] = {1, 3, 7, 16, 31, 64, 100, 1001};
    uint64_t seed = 42;
    int64_t checked = 0;
    for (int s = 0; s < NDM__NTYPES; s++)
        for (int d = 0; d < NDM__NTYPES; d++) {
            ndm__castfn base = ndm__cast_kernel((ndm__type)s, (ndm__type)d, false);
            ndm__castfn wide = ndm__cast_kernel((ndm__type)s, (ndm__type)d, true);
            cr_assert(base && wide);
            for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++)
                for (int mode = 0; mode < 4; mode++) { /* contiguous, broadcast, gather, scatter */
                    int64_t n = lengths[l];
                    int64_t ss = mode == 1 ? 0 : mode == 2 ? 3 * isz[s] : isz[s];
                    int64_t ds = mode == 3 ? 2 * isz[d] : isz[d];
                    size_t sbytes = (size_t)(3 * n * isz[s]), dbytes = (size_t)((2 * n + 1) * isz[d]);
                    unsigned char *src = malloc(sbytes), *d1 = malloc(dbytes), *d2 = malloc(dbytes);
                    cr_assert(src && d1 && d2);
                    fill_source((ndm__type)s, src, 3 * n, &seed);
                    memset(d1, 0x5a, dbytes);
                    memset(d2, 0x5a, dbytes);
                    base((char *)d1, ds, (const char *)src, ss, n);
                    wide((char *)d2, ds, (const char *)src, ss, n);
                    cr_assert(memcmp(d1, d2, dbytes) == 0, "%s -> %s, n %lld, mode %d: builds differ",
                              codes[s], codes[d], (long long)n, mode);
                    free(src);
                    free(d1);
                    free(d2);
                    checked++;
                }
        }
    cr_assert_eq(checked, NDM__NTYPES * NDM__NTYPES * 8 * 4);
}
