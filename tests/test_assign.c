/*
 * test_assign.c -- the N-d assignment engine (ndm__assign, ndm__fill):
 * numpy's broadcasting rules and messages (spec 6.3), overlap handled as if
 * the value were copied first, and a randomised comparison of the engine
 * (dimension sorting, flipping, coalescing, casting) with a naive
 * element-by-element reference over arbitrary strided views.
 */
#include <criterion/criterion.h>

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int isz[NDM__NTYPES] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 8, 16};

/* A view over caller-owned memory (no buffer object: the engine only uses
 * data, dtype and geometry). */
static ndm_array view(void *data, ndm__type t, bool swapped, int ndim,
                      const int64_t *shape, const int64_t *strides) {
    ndm_array a;
    memset(&a, 0, sizeof a);
    a.data = data;
    a.dtype.type = (uint8_t)t;
    a.dtype.swapped = swapped;
    a.ndim = ndim;
    a.writeable = true;
    for (int k = 0; k < ndim; k++) {
        a.shape[k] = shape[k];
        a.strides[k] = strides[k];
    }
    return a;
}

/* A C-contiguous view. */
static ndm_array cview(void *data, ndm__type t, int ndim, const int64_t *shape) {
    int64_t st[NDM_MAXDIMS], step = isz[t];
    for (int k = ndim - 1; k >= 0; k--) {
        st[k] = step;
        step *= shape[k];
    }
    return view(data, t, false, ndim, shape, st);
}

/* ---- broadcasting ------------------------------------------------------------------ */

typedef struct bcase {
    int dn;
    int64_t dshape[4];
    int sn;
    int64_t sshape[4];
    const char *msg; /* NULL: broadcasts */
} bcase;

Test(assign_broadcast, numpy_rules_and_messages) {
    static const bcase cases[] = {
        {1, {3}, 1, {4}, "could not broadcast input array from shape (4,) into shape (3,)"},
        {1, {3}, 2, {2, 3}, "could not broadcast input array from shape (2,3) into shape (3,)"},
        {2, {3, 4}, 1, {3}, "could not broadcast input array from shape (3,) into shape (3,4)"},
        {1, {0}, 1, {2}, "could not broadcast input array from shape (2,) into shape (0,)"},
        {0, {0}, 1, {2}, "could not broadcast input array from shape (2,) into shape ()"},
        {1, {3}, 3, {1, 1, 4}, "could not broadcast input array from shape (4,) into shape (3,)"},
        {1, {3}, 3, {2, 1, 3}, "could not broadcast input array from shape (2,1,3) into shape (3,)"},
        {1, {3}, 3, {1, 2, 3}, "could not broadcast input array from shape (2,3) into shape (3,)"},
        {1, {3}, 1, {0}, "could not broadcast input array from shape (0,) into shape (3,)"},
        {1, {3}, 2, {4, 1}, "could not broadcast input array from shape (4,1) into shape (3,)"},
        {2, {0, 3}, 2, {2, 3}, "could not broadcast input array from shape (2,3) into shape (0,3)"},
        {2, {0, 3}, 3, {5, 0, 3}, "could not broadcast input array from shape (5,0,3) into shape (0,3)"},
        {1, {1}, 1, {0}, "could not broadcast input array from shape (0,) into shape (1,)"},
        {2, {3, 4}, 2, {3, 1}, NULL},
        {2, {3, 4}, 1, {4}, NULL},
        {2, {3, 4}, 0, {0}, NULL},
        {1, {0}, 1, {1}, NULL},
        {1, {3}, 3, {1, 1, 3}, NULL},
        {2, {0, 3}, 2, {1, 3}, NULL},
        {2, {0, 3}, 0, {0}, NULL},
        {0, {0}, 2, {1, 1}, NULL},
        {3, {2, 3, 4}, 3, {2, 1, 4}, NULL},
        {3, {2, 3, 4}, 2, {3, 1}, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const bcase *c = &cases[k];
        int64_t dst[64], src[64];
        for (int j = 0; j < 64; j++) {
            dst[j] = -1;
            src[j] = j + 100;
        }
        ndm_array d = cview(dst, NDM__INT64, c->dn, c->dshape);
        ndm_array s = cview(src, NDM__INT64, c->sn, c->sshape);
        int rc = ndm__assign(&d, &s);
        if (c->msg) {
            cr_assert_eq(rc, NDM_EVALUE, "case %zu", k);
            cr_assert_str_eq(ndm_errmsg(), c->msg, "case %zu", k);
            for (int j = 0; j < 64; j++) cr_assert_eq(dst[j], -1, "case %zu wrote", k);
        } else {
            cr_assert_eq(rc, 0, "case %zu: %s", k, ndm_errmsg());
        }
    }
}

Test(assign_broadcast, stretches_and_repeats_values) {
    /* (2,3,4) <- (3,1): every [i,j,:] is src[j] */
    int64_t dshape[3] = {2, 3, 4}, sshape[2] = {3, 1};
    double dst[24];
    int16_t src[3] = {7, -8, 9};
    ndm_array d = cview(dst, NDM__FLOAT64, 3, dshape);
    ndm_array s = cview(src, NDM__INT16, 2, sshape);
    cr_assert_eq(ndm__assign(&d, &s), 0);
    for (int i = 0; i < 24; i++) cr_assert_eq(dst[i], (double)src[(i / 4) % 3]);
    /* 0-d source into a strided 2-d selection */
    int32_t big[5][6];
    memset(big, 0, sizeof big);
    int64_t vshape[2] = {2, 3}, vstr[2] = {2 * 6 * 4, 2 * 4};
    ndm_array v = view(&big[1][1], NDM__INT32, false, 2, vshape, vstr);
    uint8_t one = 200;
    ndm_array z = view(&one, NDM__UINT8, false, 0, NULL, NULL);
    cr_assert_eq(ndm__assign(&v, &z), 0);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 6; j++) {
            bool sel = (i == 1 || i == 3) && (j == 1 || j == 3 || j == 5);
            cr_assert_eq(big[i][j], sel ? 200 : 0, "[%d][%d]", i, j);
        }
}

/* ---- overlap ------------------------------------------------------------------- */

Test(assign_overlap, shift_right_and_left) {
    int64_t a[10];
    for (int i = 0; i < 10; i++) a[i] = i;
    int64_t n9[1] = {9}, st[1] = {8};
    ndm_array d = view(a + 1, NDM__INT64, false, 1, n9, st); /* a[1:] */
    ndm_array s = view(a, NDM__INT64, false, 1, n9, st);     /* a[:-1] */
    cr_assert_eq(ndm__assign(&d, &s), 0);
    static const int64_t right[10] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    cr_assert_arr_eq(a, right, sizeof a); /* numpy: a[1:] = a[:-1] */

    for (int i = 0; i < 10; i++) a[i] = i;
    d = view(a, NDM__INT64, false, 1, n9, st);
    s = view(a + 1, NDM__INT64, false, 1, n9, st);
    cr_assert_eq(ndm__assign(&d, &s), 0);
    static const int64_t left[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 9};
    cr_assert_arr_eq(a, left, sizeof a);
}

Test(assign_overlap, reverse_and_transpose_in_place) {
    int32_t a[16];
    for (int i = 0; i < 16; i++) a[i] = i;
    int64_t n[1] = {16}, fwd[1] = {4}, back[1] = {-4};
    ndm_array d = view(a, NDM__INT32, false, 1, n, fwd);
    ndm_array s = view(a + 15, NDM__INT32, false, 1, n, back);
    cr_assert_eq(ndm__assign(&d, &s), 0); /* a[...] = a[::-1] */
    for (int i = 0; i < 16; i++) cr_assert_eq(a[i], 15 - i);

    for (int i = 0; i < 16; i++) a[i] = i;
    int64_t sh[2] = {4, 4}, cst[2] = {16, 4}, tst[2] = {4, 16};
    d = view(a, NDM__INT32, false, 2, sh, cst);
    s = view(a, NDM__INT32, false, 2, sh, tst);
    cr_assert_eq(ndm__assign(&d, &s), 0); /* a[...] = a.T */
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) cr_assert_eq(a[i * 4 + j], j * 4 + i);
}

Test(assign_overlap, same_elements_and_casting_views) {
    double a[6] = {1.5, -2.5, 3.5, 4.5, 5.5, 6.5};
    int64_t n[1] = {6}, st[1] = {8};
    ndm_array d = view(a, NDM__FLOAT64, false, 1, n, st);
    cr_assert_eq(ndm__assign(&d, &d), 0); /* a[...] = a */
    static const double same[6] = {1.5, -2.5, 3.5, 4.5, 5.5, 6.5};
    cr_assert_arr_eq(a, same, sizeof a);

    /* An int32 reinterpretation of the same bytes as the destination: the
     * result must use the values from before the assignment. */
    int32_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    int64_t n4[1] = {4}, s8[1] = {8}, s4[1] = {4};
    ndm_array dd = view(b, NDM__FLOAT64, false, 1, n4, s8);
    ndm_array ss = view(b + 2, NDM__INT32, false, 1, n4, s4);
    cr_assert_eq(ndm__assign(&dd, &ss), 0);
    double got[4];
    memcpy(got, b, sizeof got);
    for (int i = 0; i < 4; i++) cr_assert_eq(got[i], (double)(i + 3));

    /* same data pointer, different byte order: not a no-op */
    int16_t c[3] = {0x0102, 0x0304, 0x0506};
    int64_t n3[1] = {3}, s2[1] = {2};
    ndm_array cd = view(c, NDM__INT16, true, 1, n3, s2);
    ndm_array cs = view(c, NDM__INT16, false, 1, n3, s2);
    cr_assert_eq(ndm__assign(&cd, &cs), 0);
    cr_assert(c[0] == 0x0201 && c[1] == 0x0403 && c[2] == 0x0605,
              "native -> swapped over itself stores the same values swapped: %x", c[0]);
}

/* ---- randomised comparison with a naive reference ----------------------------------- */

/* Every random view lives in a buffer of this size. */
#define BACKING 65536

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static int rndint(int n) { return (int)(rnd() % (uint64_t)n); }
static void random_bytes(unsigned char *b, int64_t size) {
    for (int64_t k = 0; k < size; k += 8) {
        uint64_t v = rnd();
        memcpy(b + k, &v, 8);
    }
}


/* A random view with the given shape in a backing buffer: axes laid out in
 * a random order with random gaps and signs, at a random offset. */
static ndm_array random_view(unsigned char *backing, int64_t size, ndm__type t, bool sw, int ndim,
                             const int64_t *shape) {
    int order[NDM_MAXDIMS];
    for (int k = 0; k < ndim; k++) order[k] = k;
    for (int k = ndim - 1; k > 0; k--) {
        int j = rndint(k + 1), x = order[k];
        order[k] = order[j];
        order[j] = x;
    }
    int64_t strides[NDM_MAXDIMS], step = isz[t] * (1 + rndint(2));
    for (int k = 0; k < ndim; k++) {
        int ax = order[k];
        strides[ax] = step * (rndint(4) == 0 ? -1 : 1);
        step *= shape[ax] * (1 + (rndint(4) == 0));
    }
    if (step > size / 2) /* too sparse for the buffer: compact layout */
        for (int k = ndim - 1, st = isz[t]; k >= 0; k--) {
            strides[k] = st;
            st *= (int)shape[k];
        }
    int64_t lo = 0, hi = 0;
    for (int k = 0; k < ndim; k++) {
        int64_t e = (shape[k] - 1) * strides[k];
        if (shape[k] == 0) e = 0;
        if (e < 0) lo += e;
        else hi += e;
    }
    int64_t room = size - isz[t] - (hi - lo);
    cr_assert(room >= 0);
    int64_t base = -lo + rndint((int)(room < 64 ? room + 1 : 64));
    return view(backing + base, t, sw, ndim, shape, strides);
}

/* What numpy computes: every destination element gets the cast of the
 * broadcast source element, reading the source as it was before. */
static void reference(ndm_array *d, const ndm_array *s, const unsigned char *sbefore,
                      const unsigned char *sbacking, unsigned char *dmodel,
                      const unsigned char *dbacking) {
    int64_t n = ndm__size(d->ndim, d->shape);
    int64_t idx[NDM_MAXDIMS] = {0};
    for (int64_t e = 0; e < n; e++) {
        int64_t doff = d->data - (char *)dbacking, soff = s->data - (char *)sbacking;
        for (int k = 0; k < d->ndim; k++) doff += idx[k] * d->strides[k];
        /* align source dims to the right; size-1 source dims repeat */
        for (int j = 0; j < s->ndim; j++) {
            int k = d->ndim - s->ndim + j;
            if (k < 0) continue; /* dropped leading 1 */
            if (s->shape[j] != 1) soff += idx[k] * s->strides[j];
        }
        ndm__cast_strided(d->dtype, (char *)dmodel + doff, 0, s->dtype,
                          (const char *)sbefore + soff, 0, 1);
        for (int k = d->ndim - 1; k >= 0; k--) {
            if (++idx[k] < d->shape[k]) break;
            idx[k] = 0;
        }
    }
}

Test(assign_random, engine_matches_naive_reference) {
    unsigned char *b1 = malloc(BACKING), *b2 = malloc(BACKING);
    unsigned char *before = malloc(BACKING), *model = malloc(BACKING);
    int overlapping = 0, iterations = 6000;
    for (int it = 0; it < iterations; it++) {
        random_bytes(b1, BACKING);
        random_bytes(b2, BACKING);
        /* destination shape */
        int dn = rndint(5);
        int64_t dshape[NDM_MAXDIMS];
        for (int k = 0; k < dn; k++) dshape[k] = rndint(8) == 0 ? 1 : 1 + rndint(5);
        if (dn && rndint(30) == 0) dshape[rndint(dn)] = 0;
        /* broadcastable source shape: a suffix of dst's dims, some set to 1,
         * maybe extra leading 1s */
        int keep = dn ? rndint(dn + 1) : 0, extra = rndint(5) == 0 ? 1 + rndint(2) : 0;
        int sn = keep + extra;
        int64_t sshape[NDM_MAXDIMS];
        for (int j = 0; j < extra; j++) sshape[j] = 1;
        for (int j = 0; j < keep; j++) {
            int64_t v = dshape[dn - keep + j];
            sshape[extra + j] = rndint(4) == 0 ? 1 : v;
        }
        ndm__type dt = (ndm__type)rndint(NDM__NTYPES), st = (ndm__type)rndint(NDM__NTYPES);
        if (rndint(3) == 0) st = dt;
        bool dsw = rndint(3) == 0, ssw = rndint(3) == 0;
        bool shared = rndint(3) == 0; /* source in the destination's buffer */
        unsigned char *sb = shared ? b1 : b2;
        ndm_array d = random_view(b1, BACKING, dt, dsw, dn, dshape);
        ndm_array s = random_view(sb, BACKING, st, ssw, sn, sshape);
        if (shared && rndint(4) == 0 && dt == st && dsw == ssw) {
            s = d; /* sometimes exactly the same view: a no-op */
            sn = dn;
        }

        memcpy(before, sb, BACKING);
        memcpy(model, b1, BACKING);
        reference(&d, &s, before, sb, model, b1);
        char *dlo, *dhi, *slo, *shi;
        ndm__extent(&d, &dlo, &dhi);
        ndm__extent(&s, &slo, &shi);
        if (shared && slo < dhi && dlo < shi) overlapping++;

        int rc = ndm__assign(&d, &s);
        cr_assert_eq(rc, 0, "iteration %d: %s", it, ndm_errmsg());
        cr_assert(memcmp(b1, model, BACKING) == 0,
                  "iteration %d: dst type %d%s ndim %d, src type %d%s ndim %d%s", it, dt,
                  dsw ? " swapped" : "", dn, st, ssw ? " swapped" : "", sn,
                  shared ? ", shared buffer" : "");
        if (!shared) cr_assert(memcmp(b2, before, BACKING) == 0, "source modified");
    }
    cr_assert_gt(overlapping, iterations / 20, "too few overlapping cases: %d", overlapping);
    free(b1);
    free(b2);
    free(before);
    free(model);
}

/* Copies whose source is dense along another axis than the destination's
 * innermost (C <-> F, transposed views) move in tiles through a buffer:
 * shapes from 16 to 150 per axis, tile edges anywhere, every type pair,
 * byte orders, negative strides, and outer axes around the tiled pair. */
#define BIG_BACKING (4 << 20)
Test(assign_random, transposing_copies_match_naive_reference) {
    unsigned char *b1 = malloc(BIG_BACKING), *b2 = malloc(BIG_BACKING);
    unsigned char *before = malloc(BIG_BACKING), *model = malloc(BIG_BACKING);
    cr_assert(b1 && b2 && before && model);
    for (int it = 0; it < 300; it++) {
        random_bytes(b1, BIG_BACKING);
        random_bytes(b2, BIG_BACKING);
        int n = 2 + rndint(2);
        int64_t shape[3];
        for (int k = 0; k < n; k++) shape[k] = k == 0 && n == 3 ? 1 + rndint(4) : 16 + rndint(135);
        ndm__type dt = (ndm__type)rndint(NDM__NTYPES), st = rndint(2) ? dt : (ndm__type)rndint(NDM__NTYPES);
        bool dsw = rndint(4) == 0, ssw = rndint(4) == 0;
        ndm_array d = random_view(b1, BIG_BACKING, dt, dsw, n, shape);
        ndm_array s = random_view(b2, BIG_BACKING, st, ssw, n, shape);
        memcpy(before, b2, BIG_BACKING);
        memcpy(model, b1, BIG_BACKING);
        reference(&d, &s, before, b2, model, b1);
        cr_assert_eq(ndm__assign(&d, &s), 0, "iteration %d: %s", it, ndm_errmsg());
        cr_assert(memcmp(b1, model, BIG_BACKING) == 0, "iteration %d: dst type %d%s, src type %d%s, ndim %d", it,
                  dt, dsw ? " swapped" : "", st, ssw ? " swapped" : "", n);
    }
    free(b1);
    free(b2);
    free(before);
    free(model);
}

/* ---- fill ---------------------------------------------------------------------- */

Test(assign_fill, converts_once_and_fills_strided_views) {
    unsigned char *b = malloc(BACKING), *model = malloc(BACKING);
    for (int it = 0; it < 2000; it++) {
        random_bytes(b, BACKING);
        int dn = rndint(5);
        int64_t dshape[NDM_MAXDIMS];
        for (int k = 0; k < dn; k++) dshape[k] = 1 + rndint(6);
        ndm__type dt = (ndm__type)rndint(NDM__NTYPES), vt = (ndm__type)rndint(NDM__NTYPES);
        bool dsw = rndint(2);
        ndm_array d = random_view(b, BACKING, dt, dsw, dn, dshape);
        unsigned char value[16];
        for (int k = 0; k < 16; k++) value[k] = (unsigned char)rnd();
        /* model: every element is the cast of the value */
        memcpy(model, b, BACKING);
        ndm_array z = view(value, vt, false, 0, NULL, NULL);
        ndm_array dm = d;
        dm.data = (char *)model + (d.data - (char *)b);
        reference(&dm, &z, value, value, model, model);
        cr_assert_eq(ndm__fill(&d, z.dtype, value), 0);
        cr_assert(memcmp(b, model, BACKING) == 0, "fill iteration %d", it);
    }
    free(b);
    free(model);
}

Test(assign_fill, one_byte_and_empty) {
    unsigned char buf[100];
    memset(buf, 7, sizeof buf);
    int64_t n[1] = {98};
    ndm_array d = cview(buf + 1, NDM__UINT8, 1, n);
    int64_t v = -1;
    ndm__dtype i8 = {.type = NDM__INT64};
    cr_assert_eq(ndm__fill(&d, i8, &v), 0);
    cr_assert(buf[0] == 7 && buf[99] == 7);
    for (int i = 1; i < 99; i++) cr_assert_eq(buf[i], 255);
    int64_t z[2] = {3, 0};
    ndm_array e = cview(buf, NDM__FLOAT64, 2, z);
    cr_assert_eq(ndm__fill(&e, i8, &v), 0);
    cr_assert_eq(buf[0], 7);
}

/* ---- through the public API (results checked against numpy) ---------------------- */

/* A C-ordered array of `dtype` holding the int64 values v. */
static ndm_array *from_ints(const char *dtype, int ndim, const int64_t *shape,
                            const int64_t *v) {
    int64_t n = ndm__size(ndim, shape);
    ndm_array *w = NULL, *a = NULL;
    cr_assert_eq(ndm_from_bytes(&w, "i8", ndim, shape, 'C', v, (size_t)n * 8), 0, "%s",
                 ndm_errmsg());
    cr_assert_eq(ndm_astype(&a, w, dtype), 0, "%s", ndm_errmsg());
    ndm_free(w);
    return a;
}

/* The values of a in C order, as int64. */
static void to_ints(const ndm_array *a, int64_t *out) {
    ndm_array *w = NULL;
    cr_assert_eq(ndm_astype(&w, a, "i8"), 0, "%s", ndm_errmsg());
    cr_assert_eq(ndm_tobytes(w, out, (size_t)ndm_size(w) * 8), 0);
    ndm_free(w);
}

/* expr_dst = a[expr_src], both views of the same array a. */
static int setitem_from_self(ndm_array *a, const char *expr_dst, const char *expr_src) {
    ndm_array *s = NULL;
    cr_assert_eq(ndm_index(&s, a, expr_src), 0, "%s", ndm_errmsg());
    int rc = ndm_setitem(a, expr_dst, s);
    ndm_free(s);
    return rc;
}

Test(assign_api, overlapping_views_match_numpy) {
    int64_t v[24], got[24];
    for (int i = 0; i < 24; i++) v[i] = i;

    int64_t s1[1] = {10};
    ndm_array *a = from_ints("i8", 1, s1, v);
    cr_assert_eq(setitem_from_self(a, "1:", ":-1"), 0, "%s", ndm_errmsg());
    to_ints(a, got);
    static const int64_t shifted[10] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    cr_assert_arr_eq(got, shifted, sizeof shifted); /* numpy: a[1:] = a[:-1] */
    ndm_free(a);

    int64_t s2[2] = {3, 4};
    a = from_ints("i4", 2, s2, v);
    cr_assert_eq(setitem_from_self(a, "1:, ::-1", ":-1, :"), 0, "%s", ndm_errmsg());
    to_ints(a, got);
    static const int64_t r2[12] = {0, 1, 2, 3, 3, 2, 1, 0, 7, 6, 5, 4};
    cr_assert_arr_eq(got, r2, sizeof r2);
    ndm_free(a);

    int64_t s3[3] = {2, 3, 4};
    a = from_ints("f8", 3, s3, v);
    cr_assert_eq(setitem_from_self(a, ":, 1:, :", ":, :2, ::-1"), 0, "%s", ndm_errmsg());
    to_ints(a, got);
    static const int64_t r3[24] = {0, 1, 2, 3, 3, 2, 1, 0, 7, 6, 5, 4,
                                   12, 13, 14, 15, 15, 14, 13, 12, 19, 18, 17, 16};
    cr_assert_arr_eq(got, r3, sizeof r3);
    ndm_free(a);

    int64_t s4[2] = {4, 4};
    a = from_ints(">i2", 2, s4, v);
    ndm_array *t = NULL, *tr = NULL;
    cr_assert_eq(ndm_transpose(&t, a), 0);
    cr_assert_eq(ndm_index(&tr, t, "::-1"), 0);
    cr_assert_eq(ndm_setitem(a, NULL, tr), 0, "%s", ndm_errmsg()); /* a[...] = a.T[::-1] */
    to_ints(a, got);
    static const int64_t r4[16] = {3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12};
    cr_assert_arr_eq(got, r4, sizeof r4);
    ndm_free(t);
    ndm_free(tr);
    ndm_free(a);

    a = from_ints("u1", 1, s1, v);
    cr_assert_eq(setitem_from_self(a, "::3", "1::3"), NDM_EVALUE);
    cr_assert_str_eq(ndm_errmsg(),
                     "could not broadcast input array from shape (3,) into shape (4,)");
    to_ints(a, got);
    for (int i = 0; i < 10; i++) cr_assert_eq(got[i], i, "failed assignment wrote");
    ndm_free(a);
}

Test(assign_api, casts_between_arrays_and_byte_orders) {
    int64_t v[6] = {-3, 0, 1, 127, 300, -129}, got[6];
    int64_t s[2] = {2, 3};
    ndm_array *src = from_ints("i8", 2, s, v);
    ndm_array *dst = NULL;
    cr_assert_eq(ndm_zeros(&dst, ">i1", 2, s, 'F'), 0, "%s", ndm_errmsg());
    cr_assert_eq(ndm_setitem(dst, "...", src), 0, "%s", ndm_errmsg());
    to_ints(dst, got);
    static const int64_t wrapped[6] = {-3, 0, 1, 127, 44, 127}; /* int -> int8 wraps */
    cr_assert_arr_eq(got, wrapped, sizeof wrapped);
    ndm_free(dst);
    /* a (3,) row broadcast over a (2,3) float16 destination */
    cr_assert_eq(ndm_zeros(&dst, "<f2", 2, s, 'C'), 0);
    ndm_array *row = NULL;
    cr_assert_eq(ndm_index(&row, src, "1"), 0);
    cr_assert_eq(ndm_setitem(dst, NULL, row), 0, "%s", ndm_errmsg());
    to_ints(dst, got);
    static const int64_t rows[6] = {127, 300, -129, 127, 300, -129};
    cr_assert_arr_eq(got, rows, sizeof rows);
    ndm_free(row);
    ndm_free(dst);
    ndm_free(src);
}
