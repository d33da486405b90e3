/*
 * test_take.c -- ndm_take (numpy a[indices] on axis 0): values against
 * element reads, negative indices, rows of 2-D and strided arrays, numpy's
 * IndexError, and the threaded path.
 */
#include <criterion/criterion.h>

#include "ndmap.h"

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
