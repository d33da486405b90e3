/*
 * chunk.c -- walking an array in bounded pieces.
 *
 * Streaming commands (convert, stats, fill) never touch more than one box
 * of a mapping at a time: each box is a view made with ndm_index from
 * "lo:hi" slices, processed, then released with ndm_advise(DONTNEED), so
 * resident memory stays near one box however large the file is.
 */
#include "cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static int walk_common(cli_walk *w, ndm_array *a) {
    memset(w, 0, sizeof *w);
    w->a = a;
    w->ndim = ndm_ndim(a);
    memcpy(w->shape, ndm_shape(a), (size_t)w->ndim * sizeof *w->shape);
    w->text = malloc((size_t)w->ndim * 48 + 8);
    if (!w->text) return cli_fail("out of memory");
    if (ndm_size(a) == 0) w->done = true;
    return CLI_OK;
}

static int64_t max_elements(ndm_array *a, int64_t max_bytes) {
    int64_t n = max_bytes / ndm_itemsize(a);
    return n > 0 ? n : 1;
}

/* NDMAP_CHUNK_BYTES=N (for tests) makes every box at most N bytes spanning
 * at most 8N, so that small files exercise the multi-box paths. */
static int64_t chunk_override(void) {
    const char *s = getenv("NDMAP_CHUNK_BYTES");
    if (!s || !*s) return 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end || v < 1 ? 0 : (int64_t)v;
}

int cli_walk_init(cli_walk *w, ndm_array *a, char order, int64_t max_bytes, int64_t max_span) {
    int rc = walk_common(w, a);
    if (rc) return rc;
    int64_t forced = chunk_override();
    if (forced) {
        max_bytes = forced;
        max_span = 8 * forced;
    }
    int n = w->ndim;
    const int64_t *st = ndm_strides(a);
    for (int j = 0; j < n; j++) w->outer[j] = order == 'F' ? n - 1 - j : j;
    if (order == 'K') {
        /* Stable insertion sort by decreasing |stride|, ties kept in C order:
         * the order numpy's iterator visits elements in for reductions
         * (which do not reverse negative strides). */
        for (int j = 1; j < n; j++) {
            int ax = w->outer[j], k = j;
            while (k > 0 && llabs(st[w->outer[k - 1]]) < llabs(st[ax])) {
                w->outer[k] = w->outer[k - 1];
                k--;
            }
            w->outer[k] = ax;
        }
    }
    /* Whole trailing axes while both the element bytes and the address span
     * fit, a thickness on the next axis, single positions on slower ones.
     * The span matters as much as the bytes: a fault maps whole page-cache
     * folios (up to megabytes), so every page of the span may become
     * resident. */
    int64_t budget = max_elements(a, max_bytes), inner = 1, span = ndm_itemsize(a);
    int j = n - 1;
    for (; j >= 0; j--) {
        int ax = w->outer[j];
        int64_t d = w->shape[ax] > 0 ? w->shape[ax] : 1, stride = llabs(st[ax]);
        int64_t full = span + (d - 1) * stride;
        if (d <= budget / inner && full <= max_span) {
            w->extent[ax] = d;
            inner *= d;
            span = full;
            continue;
        }
        int64_t e = budget / inner;
        if (stride > 0 && (max_span - span) / stride + 1 < e) e = (max_span - span) / stride + 1;
        w->extent[ax] = e < 1 ? 1 : e > d ? d : e;
        break;
    }
    for (j--; j >= 0; j--) w->extent[w->outer[j]] = 1;
    return CLI_OK;
}

int cli_walk_next(cli_walk *w, ndm_array **view, int64_t *count) {
    if (w->done) return 0;
    int n = w->ndim;
    char *t = w->text;
    int64_t elements = 1;
    if (n == 0) strcpy(t, "...");
    for (int ax = 0; ax < n; ax++) {
        int64_t d = w->shape[ax], lo = w->grid[ax] * w->extent[ax], hi = lo + w->extent[ax];
        if (hi > d) hi = d;
        elements *= hi - lo;
        t += sprintf(t, "%s%" PRId64 ":%" PRId64, ax ? "," : "", lo, hi);
    }
    /* Advance, fastest axis first. */
    int j = n - 1;
    for (; j >= 0; j--) {
        int ax = w->outer[j];
        if (++w->grid[ax] * w->extent[ax] < w->shape[ax]) break;
        w->grid[ax] = 0;
    }
    if (j < 0) w->done = true;
    if (ndm_index(view, w->a, w->text) != NDM_OK) return cli_fail_lib();
    *count = elements;
    return 1;
}

void cli_walk_free(cli_walk *w) {
    free(w->text);
    w->text = NULL;
}

void cli_walk_layout(const cli_walk *w, const ndm_array *view, char **base, int64_t *shape,
                     int64_t *strides) {
    const int64_t *vs = ndm_shape(view), *st = ndm_strides(view);
    for (int j = 0; j < w->ndim; j++) {
        shape[j] = vs[w->outer[j]];
        strides[j] = st[w->outer[j]];
    }
    *base = ndm_data(view);
}
