/*
 * test_index.c -- numpy basic indexing from text: geometry of views and
 * numpy's errors.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* A (3,4) float32 array in memory holding arange(12). */
static ndm_array *arange34(void) {
    float v[12];
    for (int i = 0; i < 12; i++) v[i] = (float)i;
    const int64_t shape[] = {3, 4};
    ndm_array *a;
    cr_assert_eq(ndm_from_bytes(&a, "f4", 2, shape, 'C', v, sizeof v), NDM_OK);
    return a;
}

typedef struct { const char *expr; int ndim; int64_t shape[4], strides[4]; int first; unsigned flags; } view_case;

Test(index, views_have_numpys_geometry) {
    const unsigned C = NDM_C_CONTIGUOUS, F = NDM_F_CONTIGUOUS;
    view_case cases[] = {
        {"1:", 2, {2, 4}, {16, 4}, 4, C},
        {"1", 1, {4}, {4}, 4, C | F},
        {"-1", 1, {4}, {4}, 8, C | F},
        {"0, :", 1, {4}, {4}, 0, C | F},
        {"::-2", 2, {2, 4}, {-32, 4}, 8, 0},
        {"None", 3, {1, 3, 4}, {0, 16, 4}, 0, C},
        {"..., None", 3, {3, 4, 1}, {16, 4, 0}, 0, C},
        {"None, ..., None", 4, {1, 3, 4, 1}, {0, 16, 4, 0}, 0, C},
        {"...", 2, {3, 4}, {16, 4}, 0, C},
        {":, 1", 1, {3}, {16}, 1, 0},
        {"1, 2", 0, {0}, {0}, 6, C | F},
        {"1, 2, ...", 0, {0}, {0}, 6, C | F},
        {"1:, :-1", 2, {2, 3}, {16, 4}, 4, 0},
        {"10:20", 2, {0, 4}, {16, 4}, 0, C | F},
        {"-10:2", 2, {2, 4}, {16, 4}, 0, C},
        {"::-1, ::-1", 2, {3, 4}, {-16, -4}, 11, 0},
        {" 2 :: -1 , 3 ", 1, {3}, {-16}, 11, 0},
        {"(0, 1)", 0, {0}, {0}, 1, C | F},
        {"0,", 1, {4}, {4}, 0, C | F},
        {"1_0:", 2, {0, 4}, {16, 4}, 0, C | F},
        {":99999999999999999999999", 2, {3, 4}, {16, 4}, 0, C},
    };
    ndm_array *a = arange34();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        view_case *c = &cases[i];
        ndm_array *v;
        int rc = ndm_index(&v, a, c->expr);
        cr_assert_eq(rc, NDM_OK, "%s: %s", c->expr, ndm_errmsg());
        cr_expect_eq(ndm_ndim(v), c->ndim, "%s ndim", c->expr);
        for (int k = 0; k < c->ndim; k++) {
            cr_expect_eq(ndm_shape(v)[k], c->shape[k], "%s shape[%d]", c->expr, k);
            cr_expect_eq(ndm_strides(v)[k], c->strides[k], "%s strides[%d]", c->expr, k);
        }
        if (ndm_size(v) > 0)
            cr_expect_eq(*(float *)ndm_data(v), (float)c->first, "%s first element", c->expr);
        cr_expect_eq(ndm_flags(v) & (C | F), c->flags, "%s flags 0x%x", c->expr, ndm_flags(v));
        cr_expect_eq(ndm_flags(v) & NDM_OWNDATA, 0u);
        ndm_free(v);
    }
    ndm_free(a);
}

typedef struct { const char *expr; int code; const char *msg; } err_case;

Test(index, errors_are_numpys) {
    err_case cases[] = {
        {"5", NDM_EINDEX, "index 5 is out of bounds for axis 0 with size 3"},
        {"-4", NDM_EINDEX, "index -4 is out of bounds for axis 0 with size 3"},
        {"0, 4", NDM_EINDEX, "index 4 is out of bounds for axis 1 with size 4"},
        {"::0", NDM_EVALUE, "slice step cannot be zero"},
        {"0, 0, 0", NDM_EINDEX, "too many indices for array: array is 2-dimensional, but 3 were indexed"},
        {"..., ...", NDM_EINDEX, "an index can only have a single ellipsis ('...')"},
        {"1.5", NDM_EINDEX, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
                            "integer or boolean arrays are valid indices"},
        {"99999999999999999999", NDM_EINDEX, "cannot fit 'int' into an index-sized integer"},
        {"1:2:3:4", NDM_EVALUE, "invalid index expression '1:2:3:4'"},
        {"", NDM_EVALUE, "invalid index expression ''"},
        {",", NDM_EVALUE, "invalid index expression ','"},
        {"0,,1", NDM_EVALUE, "invalid index expression '0,,1'"},
        {"a+b", NDM_EVALUE, "invalid index expression 'a+b'"},
        {"1.5:", NDM_ETYPE, "slice indices must be integers or None or have an __index__ method"},
        {"[0, 1]", NDM_ENOTSUP, NULL},
        {"True", NDM_ENOTSUP, NULL},
    };
    ndm_array *a = arange34();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ndm_array *v = NULL;
        int rc = ndm_index(&v, a, cases[i].expr);
        cr_expect_eq(rc, cases[i].code, "%s: got %d %s", cases[i].expr, rc, ndm_errmsg());
        if (cases[i].msg) cr_expect_str_eq(ndm_errmsg(), cases[i].msg, "%s", cases[i].expr);
        cr_expect_null(v);
    }
    ndm_free(a);
}

Test(index, zero_d_arrays) {
    ndm_array *a, *v = NULL;
    double x = 1.5;
    cr_assert_eq(ndm_from_bytes(&a, "f8", 0, NULL, 'C', &x, sizeof x), NDM_OK);
    cr_expect_eq(ndm_index(&v, a, "..."), NDM_OK);
    cr_expect_eq(ndm_ndim(v), 0);
    ndm_free(v);
    cr_expect_eq(ndm_index(&v, a, "()"), NDM_OK);
    ndm_free(v);
    cr_expect_eq(ndm_index(&v, a, ":"), NDM_EINDEX);
    cr_expect_str_eq(ndm_errmsg(), "too many indices for array: array is 0-dimensional, but 1 were indexed");
    cr_expect_eq(ndm_index(&v, a, "None"), NDM_OK);
    cr_expect_eq(ndm_ndim(v), 1);
    ndm_free(v);
    ndm_free(a);
}

Test(index, transpose_and_memmap_inheritance) {
    char *dir = tu_enter_tmpdir();
    ndm_array *m, *t, *e;
    const int64_t shape[] = {3, 4};
    cr_assert_eq(ndm_memmap(&m, "m.bin", "f4", "w+", 16, 2, shape, 'C'), NDM_OK);
    cr_assert_eq(ndm_transpose(&t, m), NDM_OK);
    cr_expect_eq(ndm_strides(t)[0], 4);
    cr_expect_eq(ndm_flags(t) & (NDM_C_CONTIGUOUS | NDM_F_CONTIGUOUS), NDM_F_CONTIGUOUS);
    cr_expect(ndm_is_memmap(t));
    cr_expect_eq(ndm_offset(t), 16, "a view's offset is the root's");
    cr_assert_eq(ndm_index(&e, m, ":0"), NDM_OK);
    cr_expect_not(ndm_is_memmap(e), "empty views are plain arrays");
    cr_expect_null(ndm_filename(e));
    cr_expect_null(ndm_mode(e));
    ndm_free(e);
    ndm_free(t);
    ndm_free(m);
    tu_leave_tmpdir(dir);
}
