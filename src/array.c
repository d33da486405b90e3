/*
 * array.c -- array handles: creation, geometry, flags and introspection.
 *
 * An ndm_array is a view description (data pointer, dtype, shape, strides,
 * writeability) over a shared ndm__buffer. Flags other than WRITEABLE and
 * OWNDATA are derived from the geometry on demand, as numpy defines them.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const char *ndm_version(void) { return NDM_VERSION_STRING; }

int64_t ndm__size(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) n *= shape[i];
    return n;
}

int ndm__array_new(ndm__buffer *buf, char *data, ndm__dtype dtype, int ndim,
                   const int64_t *shape, const int64_t *strides, bool writeable,
                   bool owndata, ndm_array **out) {
    if (ndim < 0 || ndim > NDM_MAXDIMS)
        return ndm__err(NDM_EVALUE,
                        "maximum supported dimension for an ndarray is currently %d, found %d",
                        NDM_MAXDIMS, ndim);
    ndm_array *a = malloc(sizeof *a);
    if (!a) return ndm__err_nomem();
    a->buf = ndm__buffer_ref(buf);
    a->data = data;
    a->dtype = dtype;
    a->ndim = ndim;
    a->writeable = writeable;
    a->owndata = owndata;
    a->memmap = false;
    if (ndim) {
        memcpy(a->shape, shape, (size_t)ndim * sizeof *shape);
        memcpy(a->strides, strides, (size_t)ndim * sizeof *strides);
    }
    *out = a;
    return NDM_OK;
}

static int too_big(void) {
    return ndm__err(NDM_EVALUE, "array is too big; `arr.size * arr.dtype.itemsize` "
                                "is larger than the maximum possible size.");
}

int ndm__strides_for(int ndim, const int64_t *shape, int64_t itemsize,
                     char order, int64_t *strides, int64_t *nbytes) {
    /* numpy's checks, one dimension at a time in order: a negative length
     * fails; a zero length is skipped (it does not end the overflow check);
     * the running byte count must fit a signed 64-bit size. */
    bool empty = false;
    int64_t total = itemsize;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) return ndm__err(NDM_EVALUE, "negative dimensions are not allowed");
        if (shape[i] == 0) { empty = true; continue; }
        if (ndm__mul_ovf(total, shape[i], &total)) return too_big();
    }
    /* Contiguous strides treat zero-length dimensions as length 1, as numpy
     * does; with a zero dimension they may exceed the (empty) data, so the
     * products wrap instead of overflowing. */
    uint64_t s = (uint64_t)itemsize;
    for (int k = 0; k < ndim; k++) {
        int i = order == 'F' ? k : ndim - 1 - k;
        strides[i] = (int64_t)s;
        s *= (uint64_t)(shape[i] ? shape[i] : 1);
    }
    if (nbytes) *nbytes = empty ? 0 : total;
    return NDM_OK;
}

int ndm__array_empty(ndm__dtype dtype, int ndim, const int64_t *shape,
                     char order, bool zero, ndm_array **out) {
    if (ndim < 0 || ndim > NDM_MAXDIMS)
        return ndm__err(NDM_EVALUE,
                        "maximum supported dimension for an ndarray is currently %d, found %d",
                        NDM_MAXDIMS, ndim);
    int64_t strides[NDM_MAXDIMS], nbytes;
    NDM__TRY(ndm__strides_for(ndim, shape, ndm__itemsize(dtype.type), order, strides, &nbytes));
    if ((uint64_t)nbytes > SIZE_MAX) return too_big();
    /* numpy gives a newly allocated array with no elements all-zero strides
     * (a zero-size memmap keeps its contiguous strides: not this path). */
    if (nbytes == 0)
        for (int i = 0; i < ndim; i++) strides[i] = 0;
    ndm__buffer *buf;
    NDM__TRY(ndm__buffer_heap((size_t)nbytes, zero, &buf));
    int rc = ndm__array_new(buf, buf->base, dtype, ndim, shape, strides, true, true, out);
    ndm__buffer_unref(buf);
    return rc;
}

int ndm__parse_order(char order, char *layout) {
    switch (order) {
    case 0: case 'C': case 'c': case 'A': case 'a': case 'K': case 'k':
        *layout = 'C';
        return NDM_OK;
    case 'F': case 'f':
        *layout = 'F';
        return NDM_OK;
    default: {
        /* Python shows the given value's repr: 'X'. */
        char txt[2] = {order, 0};
        ndm__sbuf b = {0};
        ndm__sb_puts(&b, "order must be one of 'C', 'F', 'A', or 'K' (got ");
        ndm__sb_pyrepr(&b, txt, 1);
        ndm__sb_putc(&b, ')');
        int rc = b.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", b.s);
        ndm__sb_free(&b);
        return rc;
    }
    }
}

/* numpy's relaxed contiguity: dimensions of length 1 are ignored; an empty
 * array is contiguous both ways. */
static bool contiguous(const ndm_array *a, bool fortran) {
    int64_t expect = ndm__itemsize(a->dtype.type);
    for (int k = 0; k < a->ndim; k++)
        if (a->shape[k] == 0) return true;
    for (int k = 0; k < a->ndim; k++) {
        int i = fortran ? k : a->ndim - 1 - k;
        if (a->shape[i] == 1) continue;
        if (a->strides[i] != expect) return false;
        expect *= a->shape[i];
    }
    return true;
}

bool ndm__is_c_contig(const ndm_array *a) { return contiguous(a, false); }
bool ndm__is_f_contig(const ndm_array *a) { return contiguous(a, true); }

static bool aligned(const ndm_array *a) {
    int64_t al = ndm__alignment(a->dtype.type);
    if (al == 1) return true;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] == 0) return true;
    if ((uintptr_t)a->data % (uint64_t)al) return false;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] > 1 && a->strides[i] % al) return false;
    return true;
}

bool ndm__is_memmap(const ndm_array *a) { return a->memmap; }

void ndm__extent(const ndm_array *a, char **lo, char **hi) {
    int64_t low = 0, high = 0;
    bool empty = false;
    for (int i = 0; i < a->ndim; i++) {
        if (a->shape[i] == 0) empty = true;
        int64_t span = (a->shape[i] - 1) * a->strides[i];
        if (span < 0) low += span; else high += span;
    }
    if (empty) { *lo = *hi = a->data; return; }
    *lo = a->data + low;
    *hi = a->data + high + ndm__itemsize(a->dtype.type);
}

/* ---- introspection ------------------------------------------------------ */

int ndm_ndim(const ndm_array *a) { return a->ndim; }
const int64_t *ndm_shape(const ndm_array *a) { return a->shape; }
const int64_t *ndm_strides(const ndm_array *a) { return a->strides; }
int64_t ndm_size(const ndm_array *a) { return ndm__size(a->ndim, a->shape); }
int64_t ndm_itemsize(const ndm_array *a) { return ndm__itemsize(a->dtype.type); }
int64_t ndm_nbytes(const ndm_array *a) { return ndm_size(a) * ndm_itemsize(a); }
void *ndm_data(const ndm_array *a) { return a->data; }
const char *ndm_dtype_name(const ndm_array *a) { return ndm__dtype_name(a->dtype); }
const char *ndm_dtype_str(const ndm_array *a) { return ndm__dtype_str(a->dtype); }
int ndm_is_memmap(const ndm_array *a) { return ndm__is_memmap(a); }

const char *ndm_filename(const ndm_array *a) {
    return ndm__is_memmap(a) ? a->buf->filename : NULL;
}

int64_t ndm_offset(const ndm_array *a) { return ndm__is_memmap(a) ? a->buf->offset : 0; }

const char *ndm_mode(const ndm_array *a) { return ndm__is_memmap(a) ? a->buf->mode : NULL; }

unsigned ndm_flags(const ndm_array *a) {
    unsigned f = 0;
    if (a->writeable) f |= NDM_WRITEABLE;
    if (ndm__is_c_contig(a)) f |= NDM_C_CONTIGUOUS;
    if (ndm__is_f_contig(a)) f |= NDM_F_CONTIGUOUS;
    if (a->owndata) f |= NDM_OWNDATA;
    if (aligned(a)) f |= NDM_ALIGNED;
    return f;
}

void ndm_free(ndm_array *a) {
    if (!a) return;
    ndm__buffer_unref(a->buf);
    free(a);
}

/* ---- arrays in memory ---------------------------------------------------- */

static int parse_dtype_or(const char *text, const char *dflt, ndm__dtype *d) {
    return ndm__dtype_parse(text ? text : dflt, d);
}

static int check_shape_args(int ndim, const int64_t *shape) {
    if (ndim < 0) return ndm__err(NDM_EVALUE, "ndim must be >= 0 for an array in memory (got %d)", ndim);
    if (ndim > NDM_MAXDIMS)
        return ndm__err(NDM_EVALUE,
                        "maximum supported dimension for an ndarray is currently %d, found %d",
                        NDM_MAXDIMS, ndim);
    if (ndim > 0 && !shape) return ndm__err(NDM_EVALUE, "shape is NULL but ndim is %d", ndim);
    return NDM_OK;
}

int ndm_zeros(ndm_array **out, const char *dtype, int ndim, const int64_t *shape, char order) {
    ndm__dtype d;
    char layout;
    NDM__TRY(check_shape_args(ndim, shape));
    NDM__TRY(parse_dtype_or(dtype, "float64", &d));
    NDM__TRY(ndm__parse_order(order, &layout));
    return ndm__array_empty(d, ndim, shape, layout, true, out);
}

int ndm_from_bytes(ndm_array **out, const char *dtype, int ndim, const int64_t *shape,
                   char order, const void *data, size_t nbytes) {
    ndm__dtype d;
    char layout;
    NDM__TRY(check_shape_args(ndim, shape));
    NDM__TRY(parse_dtype_or(dtype, "float64", &d));
    NDM__TRY(ndm__parse_order(order, &layout));
    ndm_array *a;
    NDM__TRY(ndm__array_empty(d, ndim, shape, layout, false, &a));
    size_t need = (size_t)ndm_nbytes(a);
    if (nbytes != need) {
        ndm_free(a);
        return ndm__err(NDM_EVALUE, "nbytes (%zu) does not match size * itemsize (%zu)", nbytes, need);
    }
    if (need) {
        if (!data) {
            ndm_free(a);
            return ndm__err(NDM_EVALUE, "data is NULL");
        }
        memcpy(a->data, data, need);
    }
    *out = a;
    return NDM_OK;
}

/* A handle over caller memory laid out in C order, for the copy engine.
 * Lives on the caller's stack; holds no buffer reference. */
static void external_c_array(ndm_array *t, const ndm_array *like, void *mem) {
    t->buf = NULL;
    t->data = mem;
    t->dtype = like->dtype;
    t->ndim = like->ndim;
    t->writeable = true;
    t->owndata = false;
    t->memmap = false;
    memcpy(t->shape, like->shape, (size_t)like->ndim * sizeof *like->shape);
    (void)ndm__strides_for(like->ndim, like->shape, ndm__itemsize(like->dtype.type), 'C',
                           t->strides, NULL);
}

int ndm_tobytes(const ndm_array *a, void *buf, size_t nbytes) {
    size_t need = (size_t)ndm_nbytes(a);
    if (nbytes != need)
        return ndm__err(NDM_EVALUE, "nbytes (%zu) does not match size * itemsize (%zu)", nbytes, need);
    if (!need) return NDM_OK;
    if (ndm__is_c_contig(a)) {
        ndm__copy_bytes(buf, a->data, need);
        return NDM_OK;
    }
    ndm_array *t = malloc(sizeof *t);
    if (!t) return ndm__err_nomem();
    external_c_array(t, a, buf);
    int rc = ndm__assign(t, a);
    free(t);
    return rc;
}

int ndm_astype(ndm_array **out, const ndm_array *a, const char *dtype) {
    ndm__dtype d = a->dtype;
    if (dtype) NDM__TRY(ndm__dtype_parse(dtype, &d));
    ndm_array *r;
    NDM__TRY(ndm__array_empty(d, a->ndim, a->shape, 'C', false, &r));
    int rc = ndm__assign(r, a);
    if (rc < 0) {
        ndm_free(r);
        return rc;
    }
    *out = r;
    return NDM_OK;
}
