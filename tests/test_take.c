/*
 * test_take.c -- ndm_take (numpy a[indices] on axis 0): values against
 * element reads, negative indices, rows of 2-D and strided arrays, numpy's
 * IndexError, and the threaded path.
 */
#include <criterion/criterion.h>

#include "ndmap.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(take, gathers_elements_rows_and_negative_indices) {
    const int64_t n = 1000;
    ndm_array *a, *v, *r;
    cr_assert_eq(ndm_zeros(&a, "int32", 1, &n, 'C'), NDM_OK);
    for (int32_t i = 0; i < n; i++) ((int32_t *)ndm_data(a))[i] = i * 3;
    const int64_t idx[] = {5, -1, 0, 999, -1000, 5};
    cr_assert_eq(ndm_take(&r, a, idx, 6), NDM_OK, "%s", ndm_errmsg());
    const int32_t want[] = {15, 2997, 0, 2997, 0, 15};
    cr_expect_eq(ndm_shape(r)[0], 6);
    cr_expect_eq(memcmp(ndm_data(r), want, sizeof want), 0);
    cr_expect_eq(ndm_is_memmap(r), 0);
    ndm_free(r);
    /* a strided view, and rows of a 2-D array */
    cr_assert_eq(ndm_index(&v, a, "::-7"), NDM_OK);
    const int64_t idx2[] = {0, 1, 2};
    cr_assert_eq(ndm_take(&r, v, idx2, 3), NDM_OK);
    const int32_t want2[] = {2997, 2976, 2955};
    cr_expect_eq(memcmp(ndm_data(r), want2, sizeof want2), 0);
    ndm_free(r);
    ndm_free(v);
    const int64_t shape[2] = {100, 10};
    ndm_array *m, *mv;
    cr_assert_eq(ndm_zeros(&m, "float64", 2, shape, 'C'), NDM_OK);
    for (int i = 0; i < 1000; i++) ((double *)ndm_data(m))[i] = i;
    cr_assert_eq(ndm_index(&mv, m, ":, ::3"), NDM_OK); /* rows not contiguous */
    const int64_t rows[] = {7, -2};
    cr_assert_eq(ndm_take(&r, mv, rows, 2), NDM_OK);
    cr_expect_eq(ndm_ndim(r), 2);
    cr_expect_eq(ndm_shape(r)[1], 4);
    const double want3[] = {70, 73, 76, 79, 980, 983, 986, 989};
    cr_expect_eq(memcmp(ndm_data(r), want3, sizeof want3), 0);
    ndm_free(r);
    ndm_free(mv);
    ndm_free(m);
    ndm_free(a);
}

Test(take, out_of_bounds_is_numpys_index_error) {
    const int64_t n = 10;
    ndm_array *a, *r = NULL;
    cr_assert_eq(ndm_zeros(&a, "uint8", 1, &n, 'C'), NDM_OK);
    const int64_t idx[] = {1, 12};
    cr_expect_eq(ndm_take(&r, a, idx, 2), NDM_EINDEX);
    cr_expect_str_eq(ndm_errmsg(), "index 12 is out of bounds for axis 0 with size 10");
    const int64_t neg[] = {-11};
    cr_expect_eq(ndm_take(&r, a, neg, 1), NDM_EINDEX);
    cr_expect_str_eq(ndm_errmsg(), "index -11 is out of bounds for axis 0 with size 10");
    cr_expect_null(r);
    ndm_free(a);
}

Test(take, threaded_gather_matches_element_reads) {
    const int64_t n = 1 << 20, k = 300000;
    ndm_array *a, *r;
    cr_assert_eq(ndm_zeros(&a, "float32", 1, &n, 'C'), NDM_OK);
    float *p = ndm_data(a);
    for (int64_t i = 0; i < n; i++) p[i] = (float)i;
    int64_t *idx = malloc(k * sizeof *idx);
    uint64_t x = 12345;
    for (int64_t i = 0; i < k; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        idx[i] = (int64_t)(x >> 33) % n - (i % 3 == 0 ? n : 0);
    }
    setenv("NDM_NUM_THREADS", "3", 1);
    cr_assert_eq(ndm_take(&r, a, idx, k), NDM_OK);
    const float *g = ndm_data(r);
    for (int64_t i = 0; i < k; i++) cr_assert_eq(g[i], p[idx[i] < 0 ? idx[i] + n : idx[i]]);
    ndm_free(r);
    free(idx);
    ndm_free(a);
}

/* ---- ndm_take_windows ------------------------------------------------------- */

/* The same batch built window by window with numpy's index text and
 * ndm_setitem (the assignment path the differential tests check). */
static ndm_array *batch_by_setitem(ndm_array *a, const int64_t *starts, int64_t n, int64_t w,
                                   const char *dtype) {
    int64_t shape[8] = {n, w};
    for (int k = 1; k < ndm_ndim(a); k++) shape[k + 1] = ndm_shape(a)[k];
    ndm_array *b;
    cr_assert_eq(ndm_zeros(&b, dtype, ndm_ndim(a) + 1, shape, 'C'), NDM_OK);
    for (int64_t i = 0; i < n; i++) {
        char e[64];
        snprintf(e, sizeof e, "%lld:%lld", (long long)starts[i], (long long)(starts[i] + w));
        ndm_array *win;
        cr_assert_eq(ndm_index(&win, a, e), NDM_OK);
        snprintf(e, sizeof e, "%lld", (long long)i);
        cr_assert_eq(ndm_setitem(b, e, win), NDM_OK, "%s", ndm_errmsg());
        ndm_free(win);
    }
    return b;
}

static void expect_same_batch(ndm_array *a, const int64_t *starts, int64_t n, int64_t w,
                              const char *dtype, char order) {
    ndm_array *want = batch_by_setitem(a, starts, n, w, dtype), *got;
    cr_assert_eq(ndm_zeros(&got, dtype, ndm_ndim(want), ndm_shape(want), order), NDM_OK);
    cr_assert_eq(ndm_take_windows(got, a, starts, n), NDM_OK, "%s", ndm_errmsg());
    size_t nb = (size_t)ndm_nbytes(want);
    unsigned char *gb = malloc(nb ? nb : 1);
    cr_assert_eq(ndm_tobytes(got, gb, nb), NDM_OK); /* C order, whatever got's layout */
    cr_expect_eq(memcmp(gb, ndm_data(want), nb), 0, "%s from %s, order %c", dtype, ndm_dtype_str(a), order);
    free(gb);
    ndm_free(got);
    ndm_free(want);
}

Test(take_windows, equals_window_by_window_assignment) {
    const int64_t n = 5000;
    ndm_array *tok;
    cr_assert_eq(ndm_zeros(&tok, "uint16", 1, &n, 'C'), NDM_OK);
    uint16_t *t = ndm_data(tok);
    uint64_t x = 99;
    for (int64_t i = 0; i < n; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        t[i] = (uint16_t)(x >> 40);
    }
    int64_t starts[64];
    for (int i = 0; i < 64; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        starts[i] = (int64_t)((x >> 33) % (uint64_t)(n - 256 + 1));
    }
    starts[0] = 0;
    starts[1] = n - 256; /* the last window that fits */
    const char *dts[] = {"int64", "uint16", "float32", ">i8", "int8", "float16"};
    for (size_t d = 0; d < sizeof dts / sizeof *dts; d++) {
        expect_same_batch(tok, starts, 64, 256, dts[d], 'C');
        expect_same_batch(tok, starts, 64, 256, dts[d], 'F'); /* rows not contiguous */
    }
    /* a strided source (windows not contiguous) and a 2-D source */
    ndm_array *v;
    cr_assert_eq(ndm_index(&v, tok, "::2"), NDM_OK);
    int64_t vs[10];
    for (int i = 0; i < 10; i++) vs[i] = starts[i + 2] % (2500 - 100 + 1);
    expect_same_batch(v, vs, 10, 100, "int64", 'C');
    ndm_free(v);
    const int64_t s2[2] = {500, 10};
    cr_assert_eq(ndm_from_bytes(&v, "uint16", 2, s2, 'C', ndm_data(tok), 10000), NDM_OK);
    const int64_t rs[] = {0, 490, 17, 3};
    expect_same_batch(v, rs, 4, 10, "float64", 'C');
    ndm_free(v);
    ndm_free(tok);
}

Test(take_windows, errors_write_nothing) {
    const int64_t n = 100, bs[2] = {2, 10};
    ndm_array *a, *b;
    cr_assert_eq(ndm_zeros(&a, "uint16", 1, &n, 'C'), NDM_OK);
    cr_assert_eq(ndm_zeros(&b, "int64", 2, bs, 'C'), NDM_OK);
    for (int i = 0; i < 100; i++) ((uint16_t *)ndm_data(a))[i] = 7;
    const int64_t bad[] = {0, 91};
    cr_expect_eq(ndm_take_windows(b, a, bad, 2), NDM_EINDEX);
    cr_expect_str_eq(ndm_errmsg(), "window [91, 101) is out of bounds for axis 0 with size 100");
    const int64_t neg[] = {-1, 0};
    cr_expect_eq(ndm_take_windows(b, a, neg, 2), NDM_EINDEX);
    for (int i = 0; i < 20; i++) cr_expect_eq(((int64_t *)ndm_data(b))[i], 0); /* all or nothing */
    const int64_t ok[] = {0, 90};
    cr_expect_eq(ndm_take_windows(b, a, ok, 3), NDM_EVALUE); /* 3 windows, 2 rows */
    cr_expect_str_eq(ndm_errmsg(), "a batch of shape (2, 10) cannot hold 3 windows of an array of shape (100,): "
                                   "it must have shape (3, w) + a.shape[1:]");
    cr_expect_eq(ndm_take_windows(b, a, NULL, 2), NDM_EVALUE);
    cr_expect_eq(ndm_take_windows(b, a, ok, 0), NDM_EVALUE); /* shape[0] must be n */
    /* a read-only batch */
    char *dir = tu_enter_tmpdir();
    ndm_array *ro;
    cr_assert_eq(ndm_memmap(&ro, "batch.bin", "int64", "w+", 0, 2, bs, 'C'), NDM_OK);
    ndm_free(ro);
    cr_assert_eq(ndm_memmap(&ro, "batch.bin", "int64", "r", 0, 2, bs, 'C'), NDM_OK);
    cr_expect_eq(ndm_take_windows(ro, a, ok, 2), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "assignment destination is read-only");
    ndm_free(ro);
    /* into a memmap batch, and windows overlapping their own batch */
    cr_assert_eq(ndm_memmap(&ro, "batch.bin", "int64", "r+", 0, 2, bs, 'C'), NDM_OK);
    cr_expect_eq(ndm_take_windows(ro, a, ok, 2), NDM_OK);
    cr_expect_eq(((int64_t *)ndm_data(ro))[19], 7);
    ndm_free(ro);
    tu_leave_tmpdir(dir);
    /* windows that overlap their own batch: d = m[None, 1:3] receives m[0:2],
     * which numpy copies first (m[1:3] = m[0:2]) */
    const int64_t ms[2] = {4, 10};
    ndm_array *m, *ref, *d, *src;
    cr_assert_eq(ndm_zeros(&m, "int64", 2, ms, 'C'), NDM_OK);
    cr_assert_eq(ndm_zeros(&ref, "int64", 2, ms, 'C'), NDM_OK);
    for (int i = 0; i < 40; i++) ((int64_t *)ndm_data(m))[i] = ((int64_t *)ndm_data(ref))[i] = i;
    cr_assert_eq(ndm_index(&d, m, "None, 1:3"), NDM_OK);
    const int64_t zero[] = {0};
    cr_expect_eq(ndm_take_windows(d, m, zero, 1), NDM_OK, "%s", ndm_errmsg());
    cr_assert_eq(ndm_index(&src, ref, "0:2"), NDM_OK);
    cr_assert_eq(ndm_setitem(ref, "1:3", src), NDM_OK);
    cr_expect_eq(memcmp(ndm_data(m), ndm_data(ref), 320), 0);
    ndm_free(src);
    ndm_free(d);
    ndm_free(ref);
    ndm_free(m);
    ndm_free(b);
    ndm_free(a);
}
