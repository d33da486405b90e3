/*
 * test_print.c -- hand-written cases for ndm_repr / ndm_str / *_opts: the
 * numpy >= 2.3 behaviour the 1.24 oracle cannot show (per-dtype scientific
 * cutoffs, the scalar str of 0-d float16/float32/complex64, integer sign
 * options), the examples of spec/numpy-behaviour.md section 5, option errors,
 * and the contracts on speed (corners only) and memory failure.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers --------------------------------------------------------------- */

/* An in-memory array of `dtype` holding `vals` (cast from float64, numpy's
 * unsafe cast), or from complex128 pairs when `cplx`. */
static ndm_array *make(const char *dtype, int ndim, const int64_t *shape, const double *vals,
                       bool cplx) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    ndm_array *src = NULL, *out = NULL;
    cr_assert_eq(ndm_from_bytes(&src, cplx ? "c16" : "f8", ndim, shape, 'C', vals,
                                (size_t)n * (cplx ? 16 : 8)),
                 NDM_OK, "%s", ndm_errmsg());
    cr_assert_eq(ndm_astype(&out, src, dtype), NDM_OK, "%s", ndm_errmsg());
    ndm_free(src);
    return out;
}

/* The same values as a memmap over a temporary file (read-only). */
static ndm_array *make_mm(const char *dtype, int ndim, const int64_t *shape, const double *vals,
                          bool cplx) {
    ndm_array *a = make(dtype, ndim, shape, vals, cplx);
    size_t nb = (size_t)ndm_nbytes(a);
    void *buf = malloc(nb ? nb : 1);
    cr_assert_eq(ndm_tobytes(a, buf, nb), NDM_OK);
    char path[] = "/tmp/ndm-print-unit-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, buf, nb), (ssize_t)nb);
    close(fd);
    ndm_array *m = NULL;
    cr_assert_eq(ndm_memmap(&m, path, dtype, nb ? "r" : "r+", 0, ndim, shape, 'C'), NDM_OK,
                 "%s", ndm_errmsg());
    unlink(path);
    free(buf);
    ndm_free(a);
    return m;
}

static ndm_array *make_ints(const char *dtype, int ndim, const int64_t *shape,
                            const int64_t *vals) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    ndm_array *src = NULL, *out = NULL;
    cr_assert_eq(ndm_from_bytes(&src, "i8", ndim, shape, 'C', vals, (size_t)n * 8), NDM_OK);
    cr_assert_eq(ndm_astype(&out, src, dtype), NDM_OK, "%s", ndm_errmsg());
    ndm_free(src);
    return out;
}

static void expect_text(char *got, const char *want, const char *what) {
    cr_expect(got != NULL, "%s failed: %s", what, ndm_errmsg());
    if (got) cr_expect_str_eq(got, want, "%s:\n%s\nwanted\n%s", what, got, want);
    free(got);
}

#define REPR(a, want) expect_text(ndm_repr(a), want, "repr")
#define STR(a, want) expect_text(ndm_str(a), want, "str")

/* A 1-D memmap of float values; checks repr and frees. */
static void mm1(const char *dtype, int n, const double *v, const char *want) {
    int64_t shape[1] = {n};
    ndm_array *m = make_mm(dtype, 1, shape, v, false);
    REPR(m, want);
    ndm_free(m);
}

static void mm1c(const char *dtype, int n, const double *v, const char *want) {
    int64_t shape[1] = {n};
    ndm_array *m = make_mm(dtype, 1, shape, v, true);
    REPR(m, want);
    ndm_free(m);
}

/* A 0-d array's repr and str. */
static void zd(const char *dtype, double re, double im, bool cplx, const char *repr,
               const char *str) {
    double v[2] = {re, im};
    ndm_array *a = make(dtype, 0, NULL, v, cplx);
    REPR(a, repr);
    STR(a, str);
    ndm_free(a);
}

/* ---- floats (spec 5.5, target values) ---------------------------------------- */

Test(print_float, scientific_decision_and_digits) {
    mm1("f8", 2, (double[]){1e-5, 1.}, "memmap([1.e-05, 1.e+00])");
    mm1("f8", 2, (double[]){1e-4, 1.}, "memmap([1.e-04, 1.e+00])");
    mm1("f8", 3, (double[]){9.999e-05, .5, 1}, "memmap([9.999e-05, 5.000e-01, 1.000e+00])");
    mm1("f8", 3, (double[]){0, 1, 1000}, "memmap([   0.,    1., 1000.])");
    mm1("f8", 2, (double[]){1, 1001}, "memmap([1.000e+00, 1.001e+03])");
    mm1("f8", 3, (double[]){0.001, 1.5, 0}, "memmap([1.0e-03, 1.5e+00, 0.0e+00])");
    mm1("f8", 1, (double[]){99999999.}, "memmap([99999999.])");
    mm1("f8", 2, (double[]){1e8, 1}, "memmap([1.e+08, 1.e+00])");
    mm1("f8", 1, (double[]){1e7}, "memmap([10000000.])");
    mm1("f8", 2, (double[]){1e100, 1e-100}, "memmap([1.e+100, 1.e-100])");
    mm1("f8", 3, (double[]){1e100, 1., -2.5}, "memmap([ 1.0e+100,  1.0e+000, -2.5e+000])");
    mm1("f8", 1, (double[]){1e-320}, "memmap([1.e-320])");
    mm1("f8", 4, (double[]){0, .5, 1.25, -3.125}, "memmap([ 0.   ,  0.5  ,  1.25 , -3.125])");
    mm1("f8", 2, (double[]){0.001953125, .5}, "memmap([0.00195312, 0.5       ])");
    mm1("f8", 2, (double[]){-0., 0.}, "memmap([-0.,  0.])");
    mm1("f4", 2, (double[]){0.3, 1.36187255e-05}, "memmap([3.00000012e-01, 1.36187255e-05], dtype=float32)");
    mm1("f4", 3, (double[]){1. / 3, 2. / 3, 1},
        "memmap([0.33333334, 0.6666667 , 1.        ], dtype=float32)");
    mm1("f4", 1, (double[]){3.4028234663852886e38}, "memmap([3.4028235e+38], dtype=float32)");
    mm1("f4", 2, (double[]){0x1p90, 1}, "memmap([1.2379401e+27, 1.0000000e+00], dtype=float32)");
    mm1("f2", 2, (double[]){0.015625, 1}, "memmap([0.01563, 1.     ], dtype=float16)");
}

Test(print_float, target_cutoffs_per_dtype) {
    /* numpy >= 2.3: 1e3 for float16, 1e6 for float32 and complex64 parts. */
    mm1("f4", 1, (double[]){1e6}, "memmap([1.e+06], dtype=float32)");
    mm1("f4", 1, (double[]){999999.}, "memmap([999999.], dtype=float32)");
    mm1("f4", 1, (double[]){1e7}, "memmap([1.e+07], dtype=float32)");
    mm1("f2", 1, (double[]){1000}, "memmap([1.e+03], dtype=float16)");
    mm1("f2", 2, (double[]){999, 1.5}, "memmap([999. ,   1.5], dtype=float16)");
    mm1("f2", 2, (double[]){500., 0.5}, "memmap([500. ,   0.5], dtype=float16)");
    mm1("f2", 3, (double[]){0.1, 0.5, 65504}, "memmap([1.00e-01, 5.00e-01, 6.55e+04], dtype=float16)");
    mm1c("c8", 1, (double[]){1e6, 1}, "memmap([1.e+06+1.j], dtype=complex64)");
    /* NEP 50: 1e-4 is compared as float32(1e-4), so this stays positional. */
    mm1("f4", 1, (double[]){1e-4}, "memmap([0.0001], dtype=float32)");
    /* float16(1e-4) likewise. */
    mm1("f2", 1, (double[]){1e-4}, "memmap([0.0001], dtype=float16)");
    /* The ratio is computed in the dtype: 300 / float16(0.3) = 1000.24...
     * rounds to 1000 in float16, so this stays positional. */
    mm1("f2", 2, (double[]){0.3, 300}, "memmap([  0.3, 300. ], dtype=float16)");
}

Test(print_float, nonfinite_and_complex) {
    mm1("f8", 4, (double[]){NAN, INFINITY, -INFINITY, 1.5}, "memmap([ nan,  inf, -inf,  1.5])");
    mm1("f8", 2, (double[]){NAN, NAN}, "memmap([nan, nan])");
    mm1("f8", 2, (double[]){INFINITY, -INFINITY}, "memmap([ inf, -inf])");
    mm1("f4", 4, (double[]){1e-5, 1., NAN, -INFINITY},
        "memmap([1.e-05, 1.e+00,    nan,   -inf], dtype=float32)");
    mm1c("c16", 3, (double[]){1, 2, -0., -3.5, 0, 0}, "memmap([ 1.+2.j , -0.-3.5j,  0.+0.j ])");
    mm1c("c8", 2, (double[]){1, 2, 0.1, -0.2}, "memmap([1. +2.j , 0.1-0.2j], dtype=complex64)");
    mm1c("c16", 2, (double[]){NAN, 1, 1, INFINITY}, "memmap([nan +1.j,  1.+infj])");
    mm1c("c16", 2, (double[]){1, 1, 1.123456789, 1.123456789},
         "memmap([1.        +1.j        , 1.12345679+1.12345679j])");
    mm1c("c16", 1, (double[]){0, 1.5}, "memmap([0.+1.5j])");
    mm1c("c16", 1, (double[]){1e-5, 1}, "memmap([1.e-05+1.j])");
    int64_t s22[2] = {2, 2};
    ndm_array *m = make_mm("f8", 2, s22, (double[]){1e-5, 1., NAN, -INFINITY}, false);
    REPR(m, "memmap([[1.e-05, 1.e+00],\n        [   nan,   -inf]])");
    ndm_free(m);
}

/* ---- 0-d arrays: repr uses the array formatter, str the scalar str ---------------- */

Test(print_zero_d, repr_and_scalar_str) {
    zd("f8", 1.5, 0, false, "array(1.5)", "1.5");
    zd("f8", 123456789.123, 0, false, "array(1.23456789e+08)", "123456789.123");
    zd("f8", 1e16, 0, false, "array(1.e+16)", "1e+16");
    zd("f8", 1e-5, 0, false, "array(1.e-05)", "1e-05");
    zd("f8", -0., 0, false, "array(-0.)", "-0.0");
    zd("f8", NAN, 0, false, "array(nan)", "nan");
    zd("f8", -INFINITY, 0, false, "array(-inf)", "-inf");
    zd("f8", 1.5e20, 0, false, "array(1.5e+20)", "1.5e+20");
    zd("f4", 1.5, 0, false, "array(1.5, dtype=float32)", "1.5");
    zd("f4", 3.4028234663852886e38, 0, false, "array(3.4028235e+38, dtype=float32)",
       "3.4028235e+38");
    zd("f4", 1e-4, 0, false, "array(0.0001, dtype=float32)", "1e-04");
    zd("c16", 1, 2, true, "array(1.+2.j)", "(1+2j)");
    zd("c16", 0, 2, true, "array(0.+2.j)", "2j");
    zd("c16", 0, 0, true, "array(0.+0.j)", "0j");
    zd("c16", -0., -2, true, "array(-0.-2.j)", "(-0-2j)");
    zd("c16", 1.5, -0.5, true, "array(1.5-0.5j)", "(1.5-0.5j)");
    zd("c16", 1, NAN, true, "array(1.+nanj)", "(1+nanj)");
    zd("c16", INFINITY, -INFINITY, true, "array(inf-infj)", "(inf-infj)");
    zd("c16", 0, NAN, true, "array(0.+nanj)", "nanj");
    zd("?", 1, 0, false, "array(True)", "True");
    zd("?", 0, 0, false, "array(False)", "False");
    zd("i4", 0, 0, false, "array(0, dtype=int32)", "0");
    ndm_array *u = make_ints("u8", 0, NULL, (int64_t[]){-1});
    REPR(u, "array(18446744073709551615, dtype=uint64)");
    STR(u, "18446744073709551615");
    ndm_free(u);
}

Test(print_zero_d, target_scalar_cutoffs) {
    /* The six str values golden/repr.jsonl could not record, and kin:
     * numpy >= 2.3 prints float16 >= 1e3 and float32 >= 1e6 scalars in
     * scientific form. */
    zd("f4", 1e10, 0, false, "array(1.e+10, dtype=float32)", "1e+10");
    zd("f4", 1e6, 0, false, "array(1.e+06, dtype=float32)", "1e+06");
    zd("f4", 999999., 0, false, "array(999999., dtype=float32)", "999999.0");
    zd("f4", -2.5e7, 0, false, "array(-2.5e+07, dtype=float32)", "-2.5e+07");
    zd("f2", 1000, 0, false, "array(1.e+03, dtype=float16)", "1e+03");
    zd("f2", 999, 0, false, "array(999., dtype=float16)", "999.0");
    zd("f2", 65504, 0, false, "array(6.55e+04, dtype=float16)", "6.55e+04");
    zd("f2", 1e-4, 0, false, "array(0.0001, dtype=float16)", "0.0001");
    zd("c8", 1e6, 1, true, "array(1.e+06+1.j, dtype=complex64)", "(1e+06+1j)");
    zd("c8", 0, 1e7, true, "array(0.+1.e+07j, dtype=complex64)", "1e+07j");
    zd("c8", 1.5, 2e6, true, "array(1.5+2.e+06j, dtype=complex64)", "(1.5+2e+06j)");
    zd("c16", 1e6, 1, true, "array(1000000.+1.j)", "(1000000+1j)");
}

/* ---- integers, booleans, dtype text, empty ------------------------------------------ */

Test(print_int, widths_and_dtype_text) {
    int64_t s3[1] = {3}, s2[1] = {2};
    ndm_array *a;
    a = make_ints("i8", 1, s3, (int64_t[]){1, -22, 333});
    REPR(a, "array([  1, -22, 333])");
    STR(a, "[  1 -22 333]");
    ndm_free(a);
    a = make_ints("i4", 1, s3, (int64_t[]){1, -22, 333});
    REPR(a, "array([  1, -22, 333], dtype=int32)");
    ndm_free(a);
    a = make_ints("u1", 1, s3, (int64_t[]){0, 7, 255});
    REPR(a, "array([  0,   7, 255], dtype=uint8)");
    ndm_free(a);
    a = make_ints("i1", 1, s2, (int64_t[]){-128, 127});
    REPR(a, "array([-128,  127], dtype=int8)");
    ndm_free(a);
    a = make_ints(">i2", 1, s2, (int64_t[]){1, 2});
    REPR(a, "array([1, 2], dtype='>i2')");
    ndm_free(a);
    a = make_ints("q", 1, s2, (int64_t[]){1, 2});
    REPR(a, "array([1, 2], dtype=int64)");
    ndm_free(a);
    a = make_ints(">q", 1, s2, (int64_t[]){1, 2});
    REPR(a, "array([1, 2], dtype='>i8')");
    ndm_free(a);
    a = make_ints(">i8", 1, s2, (int64_t[]){1, 2});
    REPR(a, "array([1, 2], dtype='>i8')");
    ndm_free(a);
    a = make_ints("u8", 1, s2, (int64_t[]){-1, 0});
    REPR(a, "array([18446744073709551615,                    0], dtype=uint64)");
    ndm_free(a);
    a = make_ints("?", 1, s3, (int64_t[]){1, 0, 1});
    REPR(a, "array([ True, False,  True])");
    STR(a, "[ True False  True]");
    ndm_free(a);
    a = make_ints("?", 1, s2, (int64_t[]){1, 1});
    REPR(a, "array([ True,  True])");
    ndm_free(a);
    double one[1] = {1};
    a = make(">f8", 1, (int64_t[]){1}, one, false);
    REPR(a, "array([1.], dtype='>f8')");
    ndm_free(a);
}

Test(print_int, empty_arrays) {
    struct { const char *dt; int nd; int64_t shape[3]; const char *want; } c[] = {
        {"f4", 1, {0}, "array([], dtype=float32)"},
        {"f8", 1, {0}, "array([], dtype=float64)"},
        {"u1", 1, {0}, "array([], dtype=uint8)"},
        {"?", 1, {0}, "array([], dtype=bool)"},
        {"f4", 2, {0, 3}, "array([], shape=(0, 3), dtype=float32)"},
        {"i8", 2, {3, 0}, "array([], shape=(3, 0), dtype=int64)"},
        {"u1", 3, {2, 0, 4}, "array([], shape=(2, 0, 4), dtype=uint8)"},
        {">i2", 1, {0}, "array([], dtype='>i2')"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        ndm_array *a = NULL;
        cr_assert_eq(ndm_zeros(&a, c[i].dt, c[i].nd, c[i].shape, 'C'), NDM_OK);
        REPR(a, c[i].want);
        STR(a, "[]");
        ndm_free(a);
    }
}

/* ---- layout (spec 5.8) ------------------------------------------------------------------ */

static ndm_array *arange_mm(const char *dtype, int ndim, const int64_t *shape, double start,
                            double step) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    double *v = malloc((size_t)n * sizeof *v);
    for (int64_t i = 0; i < n; i++) v[i] = start + (double)i * step;
    ndm_array *m = make_mm(dtype, ndim, shape, v, false);
    free(v);
    return m;
}

Test(print_layout, wrapping_and_extras) {
    ndm_array *m;
    m = arange_mm("f4", 1, (int64_t[]){13}, 10, 1);
    REPR(m, "memmap([10., 11., 12., 13., 14., 15., 16., 17., 18., 19., 20., 21., 22.],\n"
            "       dtype=float32)");
    ndm_free(m);
    m = arange_mm("f8", 1, (int64_t[]){14}, 10, 1);
    REPR(m, "memmap([10., 11., 12., 13., 14., 15., 16., 17., 18., 19., 20., 21., 22.,\n"
            "        23.])");
    ndm_free(m);
    m = arange_mm("i8", 1, (int64_t[]){17}, 10, 1);
    REPR(m, "memmap([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,\n"
            "        26])");
    ndm_free(m);
    m = arange_mm("u1", 1, (int64_t[]){40}, 0, 1);
    REPR(m, "memmap([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15,\n"
            "        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,\n"
            "        32, 33, 34, 35, 36, 37, 38, 39], dtype=uint8)");
    STR(m, "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n"
           " 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39]");
    ndm_free(m);
    m = arange_mm("i8", 3, (int64_t[]){2, 2, 2}, 0, 1);
    REPR(m, "memmap([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])");
    STR(m, "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
    ndm_free(m);
    m = arange_mm("f4", 2, (int64_t[]){3, 4}, 0, 1);
    REPR(m, "memmap([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n"
            "        [ 8.,  9., 10., 11.]], dtype=float32)");
    STR(m, "[[ 0.  1.  2.  3.]\n [ 4.  5.  6.  7.]\n [ 8.  9. 10. 11.]]");
    ndm_free(m);
    /* In-memory arrays: prefix "array(", indent 7, extras indent 6. */
    int64_t v17[17];
    for (int i = 0; i < 17; i++) v17[i] = 10 + i;
    ndm_array *a = make_ints("i4", 1, (int64_t[]){17}, v17);
    REPR(a, "array([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26],\n"
            "      dtype=int32)");
    ndm_free(a);
}

Test(print_layout, summarised) {
    ndm_array *m;
    m = arange_mm("i8", 1, (int64_t[]){1001}, 0, 1);
    REPR(m, "memmap([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))");
    STR(m, "[   0    1    2 ...  998  999 1000]");
    ndm_free(m);
    m = arange_mm("f8", 1, (int64_t[]){1001}, 0, 0.5);
    REPR(m, "memmap([  0. ,   0.5,   1. , ..., 499. , 499.5, 500. ], shape=(1001,))");
    STR(m, "[  0.    0.5   1.  ... 499.  499.5 500. ]");
    ndm_free(m);
    m = arange_mm("f4", 1, (int64_t[]){2000}, 0, 1. / 7);
    REPR(m, "memmap([0.0000000e+00, 1.4285715e-01, 2.8571430e-01, ..., 2.8528571e+02,\n"
            "        2.8542856e+02, 2.8557144e+02], shape=(2000,), dtype=float32)");
    ndm_free(m);
    m = arange_mm("i2", 2, (int64_t[]){100, 11}, 0, 1);
    REPR(m, "memmap([[   0,    1,    2, ...,    8,    9,   10],\n"
            "        [  11,   12,   13, ...,   19,   20,   21],\n"
            "        [  22,   23,   24, ...,   30,   31,   32],\n"
            "        ...,\n"
            "        [1067, 1068, 1069, ..., 1075, 1076, 1077],\n"
            "        [1078, 1079, 1080, ..., 1086, 1087, 1088],\n"
            "        [1089, 1090, 1091, ..., 1097, 1098, 1099]],\n"
            "       shape=(100, 11), dtype=int16)");
    STR(m, "[[   0    1    2 ...    8    9   10]\n"
           " [  11   12   13 ...   19   20   21]\n"
           " [  22   23   24 ...   30   31   32]\n"
           " ...\n"
           " [1067 1068 1069 ... 1075 1076 1077]\n"
           " [1078 1079 1080 ... 1086 1087 1088]\n"
           " [1089 1090 1091 ... 1097 1098 1099]]");
    ndm_free(m);
    m = arange_mm("i8", 3, (int64_t[]){2, 3, 200}, 0, 1);
    REPR(m, "memmap([[[   0,    1,    2, ...,  197,  198,  199],\n"
            "         [ 200,  201,  202, ...,  397,  398,  399],\n"
            "         [ 400,  401,  402, ...,  597,  598,  599]],\n\n"
            "        [[ 600,  601,  602, ...,  797,  798,  799],\n"
            "         [ 800,  801,  802, ...,  997,  998,  999],\n"
            "         [1000, 1001, 1002, ..., 1197, 1198, 1199]]], shape=(2, 3, 200))");
    ndm_free(m);
    /* Hidden elements never influence the format. */
    double *v = malloc(1001 * sizeof *v);
    for (int i = 0; i < 1001; i++) v[i] = i;
    v[500] = 1e-10;
    ndm_array *a = make("f8", 1, (int64_t[]){1001}, v, false);
    REPR(a, "array([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=(1001,))");
    ndm_free(a);
    free(v);
    /* 1296 elements, nothing elided, yet shape= (target); 3-D blocks of a
     * 4-D array are separated by two blank lines. */
    m = arange_mm("u1", 4, (int64_t[]){6, 6, 6, 6}, 0, 0);
    char *r = ndm_repr(m);
    cr_assert(r);
    cr_expect(strstr(r, "]]],\n\n\n        [[[") != NULL);
    cr_expect(strstr(r, "...") == NULL);
    const char *tail = "shape=(6, 6, 6, 6), dtype=uint8)";
    cr_expect_str_eq(r + strlen(r) - strlen(tail), tail);
    free(r);
    ndm_free(m);
}

/* ---- views ----------------------------------------------------------------------------- */

Test(print_views, memmap_views_and_empty_views) {
    ndm_array *m = arange_mm("i8", 2, (int64_t[]){3, 4}, 0, 1), *v = NULL, *t = NULL;
    cr_assert_eq(ndm_index(&v, m, "::-1, 1::2"), NDM_OK);
    REPR(v, "memmap([[ 9, 11],\n        [ 5,  7],\n        [ 1,  3]])");
    ndm_free(v);
    cr_assert_eq(ndm_index(&v, m, "1, 2"), NDM_OK);
    REPR(v, "memmap(6)");
    STR(v, "6");
    ndm_free(v);
    cr_assert_eq(ndm_index(&v, m, "3:"), NDM_OK);
    REPR(v, "array([], shape=(0, 4), dtype=int64)");
    ndm_free(v);
    cr_assert_eq(ndm_transpose(&t, m), NDM_OK);
    REPR(t, "memmap([[ 0,  4,  8],\n        [ 1,  5,  9],\n        [ 2,  6, 10],\n"
            "        [ 3,  7, 11]])");
    ndm_free(t);
    ndm_free(m);
}

/* ---- print options ------------------------------------------------------------------------ */

static ndm_print_options defaults(void) {
    ndm_print_options o;
    ndm_print_options_default(&o);
    return o;
}

Test(print_options, defaults_are_numpys) {
    ndm_print_options o = defaults();
    cr_expect_eq(o.precision, 8);
    cr_expect_eq(o.threshold, 1000);
    cr_expect_eq(o.edgeitems, 3);
    cr_expect_eq(o.linewidth, 75);
    cr_expect_eq(o.suppress, 0);
    cr_expect_eq(o.sign, '-');
    cr_expect_str_eq(o.floatmode, "maxprec");
    cr_expect_str_eq(o.nanstr, "nan");
    cr_expect_str_eq(o.infstr, "inf");
    ndm_array *a = make("f8", 1, (int64_t[]){3}, (double[]){1. / 3, 2. / 3, 1}, false);
    expect_text(ndm_repr_opts(a, NULL), "array([0.33333333, 0.66666667, 1.        ])", "NULL opts");
    expect_text(ndm_repr_opts(a, &o), "array([0.33333333, 0.66666667, 1.        ])", "defaults");
    ndm_free(a);
}

Test(print_options, numpy_examples) {
    ndm_print_options o = defaults();
    ndm_array *a = make("f8", 1, (int64_t[]){1}, (double[]){1.123456789}, false);
    o.precision = 4;
    expect_text(ndm_str_opts(a, &o), "[1.1235]", "precision 4");
    ndm_free(a);
    o = defaults();
    o.threshold = 5;
    int64_t v10[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    a = make_ints("i8", 1, (int64_t[]){10}, v10);
    expect_text(ndm_repr_opts(a, &o), "array([0, 1, 2, ..., 7, 8, 9], shape=(10,))", "threshold 5");
    o.edgeitems = 0;
    expect_text(ndm_repr_opts(a, &o), "array([..., 9], shape=(10,))", "edgeitems 0");
    ndm_free(a);
    double eps = 2.220446049250313e-16, x[4];
    for (int i = 0; i < 4; i++) x[i] = (double)i * i - ((double)i + eps) * ((double)i + eps);
    a = make("f8", 1, (int64_t[]){4}, x, false);
    o = defaults();
    o.precision = 4;
    expect_text(ndm_repr_opts(a, &o), "array([-4.9304e-32, -4.4409e-16,  0.0000e+00,  0.0000e+00])",
                "small");
    o.suppress = 1;
    expect_text(ndm_repr_opts(a, &o), "array([-0., -0.,  0.,  0.])", "suppress");
    ndm_free(a);
    double lin[10];
    for (int i = 0; i < 10; i++) lin[i] = 10.0 * i / 9;
    a = make("f8", 1, (int64_t[]){10}, lin, false);
    o = defaults();
    o.precision = 2;
    o.suppress = 1;
    o.threshold = 5;
    expect_text(ndm_repr_opts(a, &o), "array([ 0.  ,  1.11,  2.22, ...,  7.78,  8.89, 10.  ], shape=(10,))",
                "linspace");
    ndm_free(a);
    a = make("f8", 1, (int64_t[]){4}, (double[]){1e-6, 4e-7, 2, 3}, false);
    o = defaults();
    o.precision = 6;
    o.suppress = 1;
    expect_text(ndm_repr_opts(a, &o), "array([0.000001, 0.      , 2.      , 3.      ])", "suppress 6");
    ndm_free(a);
    /* A 0-d array past a threshold of 0 is "summarised": shape=() appears. */
    a = make_ints("i8", 0, NULL, (int64_t[]){5});
    o = defaults();
    o.threshold = 0;
    expect_text(ndm_repr_opts(a, &o), "array(5, shape=())", "0-d threshold 0");
    ndm_free(a);
}

Test(print_options, integer_sign_target) {
    /* numpy >= 2.0 applies sign to integers ('{:+4d}'); 1.24 ignored it. */
    ndm_print_options o = defaults();
    ndm_array *a = make_ints("i8", 1, (int64_t[]){3}, (int64_t[]){1, -22, 333});
    o.sign = '+';
    expect_text(ndm_repr_opts(a, &o), "array([  +1,  -22, +333])", "sign +");
    o.sign = ' ';
    expect_text(ndm_repr_opts(a, &o), "array([  1, -22, 333])", "sign ' ' with negatives");
    ndm_free(a);
    a = make_ints("i8", 1, (int64_t[]){2}, (int64_t[]){1, 22});
    expect_text(ndm_repr_opts(a, &o), "array([  1,  22])", "sign ' '");
    expect_text(ndm_str_opts(a, &o), "[  1  22]", "sign ' ' str");
    ndm_free(a);
    a = make_ints("u1", 1, (int64_t[]){3}, (int64_t[]){0, 7, 255});
    o.sign = '+';
    expect_text(ndm_repr_opts(a, &o), "array([  +0,   +7, +255], dtype=uint8)", "uint8 sign +");
    ndm_free(a);
    a = make_ints("i8", 0, NULL, (int64_t[]){5});
    expect_text(ndm_repr_opts(a, &o), "array(+5)", "0-d sign +");
    expect_text(ndm_str_opts(a, &o), "5", "0-d str ignores options");
    ndm_free(a);
}

Test(print_options, float_sign_and_strings) {
    ndm_print_options o = defaults();
    ndm_array *a = make("f8", 1, (int64_t[]){3}, (double[]){1.5, NAN, INFINITY}, false);
    o.sign = '+';
    expect_text(ndm_repr_opts(a, &o), "array([+1.5, +nan, +inf])", "sign +");
    o.sign = ' ';
    expect_text(ndm_repr_opts(a, &o), "array([ 1.5,  nan,  inf])", "sign ' '");
    o = defaults();
    o.nanstr = "NaN";
    o.infstr = "\xe2\x88\x9e"; /* U+221E: one column, three bytes */
    expect_text(ndm_repr_opts(a, &o), "array([1.5, NaN,   \xe2\x88\x9e])", "nanstr/infstr");
    o.nanstr = NULL; /* NULL strings mean the defaults */
    o.infstr = NULL;
    o.floatmode = NULL;
    expect_text(ndm_repr_opts(a, &o), "array([1.5, nan, inf])", "NULL strings");
    ndm_free(a);
}

Test(print_options, errors_are_numpys) {
    ndm_array *f = make("f8", 1, (int64_t[]){2}, (double[]){1, 2}, false);
    ndm_array *i = make_ints("i8", 1, (int64_t[]){2}, (int64_t[]){1, 2});
    ndm_print_options o = defaults();
    o.floatmode = "bogus";
    cr_expect_null(ndm_repr_opts(f, &o));
    cr_expect_str_eq(ndm_errclass(), "ValueError");
    cr_expect_str_eq(ndm_errmsg(),
                     "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"");
    cr_expect_null(ndm_str_opts(i, &o), "checked before anything else");
    o = defaults();
    o.sign = 'x';
    cr_expect_null(ndm_repr_opts(i, &o));
    cr_expect_str_eq(ndm_errmsg(), "sign option must be one of ' ', '+', or '-'");
    o.floatmode = "Fixed";
    cr_expect_null(ndm_repr_opts(i, &o));
    cr_expect_str_eq(ndm_errmsg(), "floatmode option must be one of \"fixed\", \"unique\", "
                                   "\"maxprec\", \"maxprec_equal\"",
                     "floatmode is checked first");
    /* Negative precision fails only where a float formatter needs it. */
    o = defaults();
    o.precision = -1;
    cr_expect_null(ndm_repr_opts(f, &o));
    cr_expect_str_eq(ndm_errclass(), "ValueError");
    cr_expect_str_eq(ndm_errmsg(), "precision must be >= 0");
    expect_text(ndm_repr_opts(i, &o), "array([1, 2])", "int ignores precision");
    ndm_array *z = make("f8", 0, NULL, (double[]){2.5}, false);
    expect_text(ndm_str_opts(z, &o), "2.5", "0-d str is the scalar's");
    cr_expect_null(ndm_repr_opts(z, &o));
    ndm_free(z);
    ndm_array *e = NULL;
    cr_assert_eq(ndm_zeros(&e, "f8", 1, (int64_t[]){0}, 'C'), NDM_OK);
    expect_text(ndm_repr_opts(e, &o), "array([], dtype=float64)", "empty has no formatter");
    ndm_free(e);
    o.floatmode = "unique";
    expect_text(ndm_repr_opts(f, &o), "array([1., 2.])", "unique ignores precision");
    /* numpy's own failure when negative edgeitems hide every element from
     * the formatter but one is displayed. */
    o = defaults();
    o.threshold = 1;
    o.edgeitems = -1;
    ndm_array *g = make("f8", 2, (int64_t[]){1, 3}, (double[]){1, 2, 3}, false);
    cr_expect_null(ndm_repr_opts(g, &o));
    cr_expect_str_eq(ndm_errclass(), "TypeError");
    cr_expect_str_eq(ndm_errmsg(), "'NoneType' object cannot be interpreted as an integer");
    ndm_free(g);
    cr_expect_null(ndm_repr(NULL));
    ndm_free(f);
    ndm_free(i);
}

Test(print_options, long_element_text) {
    /* 400 fixed digits: element text longer than any stack buffer. 0.1's
     * binary value has 55 significant digits, then zeros. */
    ndm_array *a = make("f8", 1, (int64_t[]){2}, (double[]){0.1, 1.5}, false);
    ndm_print_options o = defaults();
    o.precision = 400;
    o.floatmode = "fixed";
    char *r = ndm_repr_opts(a, &o);
    cr_assert(r, "%s", ndm_errmsg());
    const char *p01 = "array([0.1000000000000000055511151231257827021181583404541015625000";
    cr_expect_eq(strncmp(r, p01, strlen(p01)), 0, "%.80s", r);
    /* "array([" word ",\n" 7-space indent word "])": 822, as numpy prints. */
    cr_expect_eq(strlen(r), 7 + 402 + 2 + 7 + 402 + 2, "length %zu", strlen(r));
    free(r);
    ndm_free(a);
}

Test(print_layout, deepest_nesting) {
    int64_t shape[NDM_MAXDIMS];
    for (int i = 0; i < NDM_MAXDIMS; i++) shape[i] = 1;
    ndm_array *a = make_ints("i8", NDM_MAXDIMS, shape, (int64_t[]){5});
    char want[2 * NDM_MAXDIMS + 16];
    int k = sprintf(want, "array(");
    for (int i = 0; i < NDM_MAXDIMS; i++) want[k++] = '[';
    want[k++] = '5';
    for (int i = 0; i < NDM_MAXDIMS; i++) want[k++] = ']';
    strcpy(want + k, ")");
    REPR(a, want);
    ndm_free(a);
}

/* ---- contracts: corners only, fast; memory failure --------------------------------------- */

Test(print_contract, summarised_memmap_reads_only_corners, .timeout = 60) {
    char *dir = tu_enter_tmpdir();
    /* 8 GB of float64, sparse: only what repr reads is ever faulted in. */
    int64_t shape[1] = {INT64_C(1) << 30};
    ndm_open_options oo = {.flags = NDM_OPEN_SPARSE};
    ndm_array *m = NULL;
    cr_assert_eq(ndm_memmap_ex(&m, "big.bin", "f8", "w+", 0, 1, shape, 'C', &oo), NDM_OK, "%s",
                 ndm_errmsg());
    /* No read-around, so residency shows what was actually touched. */
    cr_assert_eq(ndm_advise(m, NDM_ADVICE_RANDOM), NDM_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int k = 0; k < 1000; k++) {
        char *r = ndm_repr(m);
        cr_assert(r);
        if (k == 0)
            cr_expect_str_eq(r, "memmap([0., 0., 0., ..., 0., 0., 0.], shape=(1073741824,))");
        free(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    const char *pre = getenv("LD_PRELOAD");
    if (!(pre && strstr(pre, "vgpreload"))) /* memcheck is ~50x slower */
        cr_expect_lt(secs, 2.0, "1000 reprs of a summarised 2^30-element memmap took %.3f s", secs);
    /* Pages resident in the mapping: the two corners only. */
    long pg = sysconf(_SC_PAGESIZE);
    char *base = (char *)((uintptr_t)ndm_data(m) & ~(uintptr_t)(pg - 1));
    size_t len = (size_t)ndm_nbytes(m) + (size_t)((char *)ndm_data(m) - base);
    size_t npages = (len + (size_t)pg - 1) / (size_t)pg;
    unsigned char *vec = malloc(npages);
    cr_assert_eq(mincore(base, len, vec), 0);
    size_t resident = 0;
    for (size_t p = 0; p < npages; p++) resident += vec[p] & 1;
    free(vec);
    cr_expect_leq(resident, 16, "%zu pages resident after repr", resident);
    ndm_free(m);
    tu_leave_tmpdir(dir);
}

Test(print_contract, allocation_failure_is_enomem) {
#if defined(__SANITIZE_ADDRESS__)
    cr_skip_test("address-space limits conflict with AddressSanitizer");
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    cr_skip_test("address-space limits conflict with AddressSanitizer");
#endif
#endif
    const char *pre = getenv("LD_PRELOAD");
    if (pre && strstr(pre, "vgpreload")) cr_skip_test("not under valgrind");
    /* 10^6 elements printed in full with 200 fraction digits: ~200 MB of text. */
    int64_t n = 1000000;
    ndm_array *a = NULL;
    cr_assert_eq(ndm_zeros(&a, "f8", 1, &n, 'C'), NDM_OK);
    ndm_print_options o;
    ndm_print_options_default(&o);
    o.threshold = INT64_MAX;
    o.precision = 200;
    o.floatmode = "fixed";
    struct rlimit rl = {64u << 20, 64u << 20};
    getrlimit(RLIMIT_AS, &rl);
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long vm_pages = 0;
    cr_assert(f && fscanf(f, "%lu", &vm_pages) == 1);
    fclose(f);
    rl.rlim_cur = (rlim_t)vm_pages * (rlim_t)sysconf(_SC_PAGESIZE) + (64u << 20);
    cr_assert_eq(setrlimit(RLIMIT_AS, &rl), 0);
    char *r = ndm_repr_opts(a, &o);
    cr_expect_null(r);
    cr_expect_str_eq(ndm_errclass(), "MemoryError");
    free(r);
    ndm_free(a);
}
