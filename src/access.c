/*
 * access.c -- a[expr] = value, a[expr] = literal, and single-element get/put.
 *
 * Checks run in numpy's order: a read-only destination fails first (even
 * for an empty or invalid selection), then the index, then the conversion of
 * a scalar (even when nothing is selected), then broadcasting.
 */
#include "internal.h"

#include <string.h>

static int read_only(void) { return ndm__err(NDM_EVALUE, "assignment destination is read-only"); }

int ndm_setitem(ndm_array *a, const char *expr, const ndm_array *value) {
    if (!a || !value) return ndm__err(NDM_EVALUE, "array or value is NULL");
    if (!a->writeable) return read_only();
    /* a[...] = value: the whole array, no index to parse or view to build. */
    if (!expr) return ndm__assign(a, value);
    ndm_array view;
    bool scalar;
    NDM__TRY(ndm__view(a, expr, &view, &scalar));
    /* An all-integer index selects one element, set from a Python scalar
     * made of the value. A value of any other size than one is a sequence;
     * a size-1 array (ndim > 0) converts only by truth, for bool (numpy
     * >= 2.4 refuses it for numbers, with TypeError for complex). */
    if (scalar && value->ndim > 0) {
        if (ndm__size(value->ndim, value->shape) != 1)
            return ndm__err(NDM_EVALUE, "setting an array element with a sequence.");
        ndm__kind k = ndm__type_kind(a->dtype.type);
        if (k == NDM__KIND_COMPLEX)
            return ndm__err(NDM_ETYPE, "only 0-dimensional arrays can be converted to Python scalars");
        if (k != NDM__KIND_BOOL)
            return ndm__err(NDM_EVALUE, "setting an array element with a sequence.");
    }
    return ndm__assign(&view, value);
}

static void byteswap(void *p, int n) {
    unsigned char *b = p;
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        unsigned char t = b[i];
        b[i] = b[j];
        b[j] = t;
    }
}

/* Swap a stored element (complex: each part) from its dtype's order. */
static void to_native(ndm__dtype d, void *p) {
    if (!d.swapped) return;
    int n = ndm__itemsize(d.type);
    if (ndm__type_kind(d.type) == NDM__KIND_COMPLEX) {
        byteswap(p, n / 2);
        byteswap((char *)p + n / 2, n / 2);
    } else {
        byteswap(p, n);
    }
}

int ndm_setitem_scalar(ndm_array *a, const char *expr, const char *literal) {
    if (!a) return ndm__err(NDM_EVALUE, "array is NULL");
    if (!literal) return ndm__err(NDM_EVALUE, "literal is NULL");
    if (!a->writeable) return read_only();
    ndm_array view;
    NDM__TRY(ndm__view(a, expr, &view, NULL));
    unsigned char value[16];
    NDM__TRY(ndm__scalar_convert(literal, a->dtype, value));
    ndm__dtype native = a->dtype;
    to_native(native, value);
    native.swapped = 0;
    return ndm__fill(&view, native, value);
}

/* Address of the element at `index` (ndim entries), bounds-checked. */
static int element(const ndm_array *a, const int64_t *index, char **p) {
    char *q = a->data;
    for (int i = 0; i < a->ndim; i++) {
        int64_t v = index[i], len = a->shape[i];
        if (v < -len || v >= len)
            return ndm__err(NDM_EINDEX, "index %lld is out of bounds for axis %d with size %lld",
                            (long long)v, i, (long long)len);
        if (v < 0) v += len;
        q += v * a->strides[i];
    }
    *p = q;
    return NDM_OK;
}

static int native_dtype(const char *text, ndm__dtype dflt, ndm__dtype *d) {
    if (text) NDM__TRY(ndm__dtype_parse(text, d));
    else *d = dflt;
    d->swapped = 0;
    return NDM_OK;
}

int ndm_get(const ndm_array *a, const int64_t *index, const char *dtype, void *out) {
    if (!a || !out || (a->ndim && !index)) return ndm__err(NDM_EVALUE, "array, index or out is NULL");
    ndm__dtype d;
    char *p;
    NDM__TRY(native_dtype(dtype, a->dtype, &d));
    NDM__TRY(element(a, index, &p));
    ndm__cast_strided(d, out, 0, a->dtype, p, 0, 1);
    return NDM_OK;
}

int ndm_put(ndm_array *a, const int64_t *index, const char *dtype, const void *in) {
    if (!a || !in || (a->ndim && !index)) return ndm__err(NDM_EVALUE, "array, index or value is NULL");
    if (!a->writeable) return read_only();
    ndm__dtype d;
    char *p;
    NDM__TRY(native_dtype(dtype, a->dtype, &d));
    NDM__TRY(element(a, index, &p));
    ndm__cast_strided(a->dtype, p, 0, d, in, 0, 1);
    return NDM_OK;
}
