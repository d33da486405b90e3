/*
 * persist.c -- getting changes to the file: flush, ranged/async/durable sync,
 * close; and access hints (madvise / posix_fadvise).
 */
#include "internal.h"
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Page-aligned [lo, hi) covering the bytes the array spans (clamped to the
 * mapping), or the whole mapping. */
static void span(const ndm_array *a, bool whole, char **lo, char **hi) {
    ndm__buffer *b = a->buf;
    char *base = b->base, *end = base + b->length;
    if (whole) {
        *lo = base;
        *hi = end;
        return;
    }
    char *l, *h;
    ndm__extent(a, &l, &h);
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    l = (char *)((uintptr_t)l & ~(page - 1));
    if (l < base) l = base;
    if (h > end) h = end;
    *lo = l;
    *hi = h > l ? h : l;
}

static int fsync_dir(const char *filename) {
    char *copy = strdup(filename);
    if (!copy) return ndm__err_nomem();
    const char *dir = dirname(copy);
    int fd = ndm__os_open(dir, O_RDONLY | O_DIRECTORY, 0);
    int rc = NDM_OK;
    if (fd < 0) rc = ndm__err_os(errno, dir);
    else if (fsync(fd) < 0 && errno != EINVAL) rc = ndm__err_os(errno, dir);
    ndm__os_close(fd);
    free(copy);
    return rc;
}

int ndm_sync(ndm_array *a, unsigned flags) {
    if (!a) return ndm__err(NDM_EVALUE, "array is NULL");
    ndm__buffer *b = a->buf;
    /* numpy: flush is a no-op for r and c maps and for arrays not on a map. */
    if (!b || b->kind != NDM__BUF_MMAP || !b->shared || !strcmp(b->mode, "r") || !b->length)
        return NDM_OK;
    char *lo, *hi;
    span(a, !(flags & NDM_SYNC_VIEW), &lo, &hi);
    if (hi > lo && msync(lo, (size_t)(hi - lo), (flags & NDM_SYNC_ASYNC) ? MS_ASYNC : MS_SYNC) < 0)
        return ndm__err_os(errno, NULL);
    if ((flags & NDM_SYNC_DURABLE) && b->filename) return fsync_dir(b->filename);
    return NDM_OK;
}

int ndm_flush(ndm_array *a) { return ndm_sync(a, 0); }

int ndm_close(ndm_array *a) {
    if (!a) return NDM_OK;
    int rc = ndm_flush(a);
    ndm_free(a);
    return rc;
}

int ndm_advise(ndm_array *a, int advice) {
    static const int madv[] = {
        [NDM_ADVICE_NORMAL] = MADV_NORMAL,     [NDM_ADVICE_SEQUENTIAL] = MADV_SEQUENTIAL,
        [NDM_ADVICE_RANDOM] = MADV_RANDOM,     [NDM_ADVICE_WILLNEED] = MADV_WILLNEED,
        [NDM_ADVICE_DONTNEED] = MADV_DONTNEED, [NDM_ADVICE_POPULATE] = MADV_WILLNEED,
    };
    if (!a) return ndm__err(NDM_EVALUE, "array is NULL");
    if (advice < NDM_ADVICE_NORMAL || advice > NDM_ADVICE_POPULATE)
        return ndm__err(NDM_EVALUE, "unknown access advice %d", advice);
    ndm__buffer *b = a->buf;
    if (!b || b->kind != NDM__BUF_MMAP || !b->length) return NDM_OK;
    char *lo, *hi;
    span(a, false, &lo, &hi);
    if (hi <= lo) return NDM_OK;
    size_t n = (size_t)(hi - lo);
    if (advice == NDM_ADVICE_POPULATE) {
#ifdef MADV_POPULATE_READ
        int m = (b->shared && strcmp(b->mode, "r")) ? MADV_POPULATE_WRITE : MADV_POPULATE_READ;
        if (madvise(lo, n, m) == 0) return NDM_OK;
        if (errno != EINVAL) return ndm__err_os(errno, NULL);
#endif
        /* Older kernels: touch one byte per page. */
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        volatile char sink = 0;
        for (size_t i = 0; i < n; i += page) sink ^= lo[i];
        (void)sink;
        return NDM_OK;
    }
    if (madvise(lo, n, madv[advice]) < 0) return ndm__err_os(errno, NULL);
    return NDM_OK;
}
