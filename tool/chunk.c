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
#include <math.h>
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

int cli_walk_init(cli_walk *w, ndm_array *a, char order, int64_t max_bytes) {
    int rc = walk_common(w, a);
    if (rc) return rc;
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
    /* Whole trailing axes while they fit, a thickness on the next one, then
     * single positions on the slower axes. */
    int64_t budget = max_elements(a, max_bytes), inner = 1;
    int j = n - 1;
    for (; j >= 0; j--) {
        int ax = w->outer[j];
        int64_t d = w->shape[ax];
        if (d <= budget / inner) {
            w->extent[ax] = d > 0 ? d : 1;
            inner *= d > 0 ? d : 1;
            continue;
        }
        int64_t e = budget / inner;
        w->extent[ax] = e > 0 ? e : 1;
        break;
    }
    for (j--; j >= 0; j--) w->extent[w->outer[j]] = 1;
    return CLI_OK;
}

int cli_walk_init_tiles(cli_walk *w, ndm_array *a, char write_order, int64_t max_bytes) {
    int rc = walk_common(w, a);
    if (rc) return rc;
    int n = w->ndim;
    bool claimed[NDM_MAXDIMS] = {false};
    int64_t total = max_elements(a, max_bytes);
    int64_t side = (int64_t)sqrt((double)total);
    if (side < 1) side = 1;
    /* The C layout's fast axes (from the last), then the F layout's (from
     * the first), each with about sqrt(total) elements. */
    int64_t budget = side, used = 1;
    for (int ax = n - 1; ax >= 0 && budget > 1; ax--) {
        int64_t d = w->shape[ax] > 0 ? w->shape[ax] : 1;
        int64_t e = d < budget ? d : budget;
        w->extent[ax] = e;
        claimed[ax] = true;
        used *= e;
        if (e < d) break;
        budget /= d;
    }
    budget = total / used;
    for (int ax = 0; ax < n && !claimed[ax] && budget > 1; ax++) {
        int64_t d = w->shape[ax] > 0 ? w->shape[ax] : 1;
        int64_t e = d < budget ? d : budget;
        w->extent[ax] = e;
        claimed[ax] = true;
        if (e < d) break;
        budget /= d;
    }
    for (int ax = 0; ax < n; ax++) {
        if (!claimed[ax]) w->extent[ax] = 1;
        w->outer[ax] = write_order == 'F' ? n - 1 - ax : ax;
    }
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
