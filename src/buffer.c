/*
 * buffer.c -- the reference-counted memory behind arrays: one mapping per
 * open, or one heap block per in-memory array.
 *
 * Every array handle holds one reference; views take another. The last
 * release unmaps (or frees). Counts are atomic so handles sharing a buffer
 * can be used and freed from different threads.
 */
#include "internal.h"

#include <stdlib.h>
#include <sys/mman.h>

int ndm__buffer_heap(size_t n, bool zero, ndm__buffer **out) {
    ndm__buffer *b = calloc(1, sizeof *b);
    if (!b) return ndm__err_nomem();
    /* malloc(0) may return NULL; keep one byte so data pointers are valid. */
    size_t alloc = n ? n : 1;
    b->base = zero ? calloc(1, alloc) : malloc(alloc);
    if (!b->base) {
        free(b);
        return ndm__err(NDM_ENOMEM, "Unable to allocate %zu bytes for an array", n);
    }
    atomic_init(&b->refs, 1);
    b->kind = NDM__BUF_HEAP;
    b->length = n;
    *out = b;
    return NDM_OK;
}

ndm__buffer *ndm__buffer_ref(ndm__buffer *b) {
    if (b) atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
    return b;
}

void ndm__buffer_unref(ndm__buffer *b) {
    if (!b) return;
    if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) != 1) return;
    if (b->kind == NDM__BUF_MMAP) {
        if (b->base && b->length) munmap(b->base, b->length);
    } else {
        free(b->base);
    }
    free(b->filename);
    free(b);
}
