/*
 * memmap.c -- numpy.memmap: opening a file as an array.
 *
 * The steps and their order are numpy's (numpy/_core/memmap.py, then
 * CPython's mmap.mmap() checks, then ndarray.__new__ over the buffer), so
 * that every error, and every side effect that precedes an error, is the
 * same: w+ truncates before the dtype is parsed, r+/w+ extend the file before
 * the order is validated, and so on. Size arithmetic follows numpy too:
 * the product of a given shape is computed in wrapping 64-bit intp, while the
 * window arithmetic after it is exact (Python ints), done here in 128 bits.
 *
 * Beyond numpy: new file space is reserved with fallocate() before mapping,
 * so a full disk fails here rather than as SIGBUS on a later write.
 */
#include "internal.h"
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef __int128 i128;

static const char *const MODE_NAMES[] = {"r", "c", "r+", "w+"};

const char *ndm__mode_name(ndm__mode m) { return MODE_NAMES[m]; }

int ndm__parse_mode(const char *text, ndm__mode *out) {
    static const struct { const char *name; ndm__mode mode; } table[] = {
        {"r", NDM__MODE_R},         {"c", NDM__MODE_C},
        {"r+", NDM__MODE_RP},       {"w+", NDM__MODE_WP},
        {"readonly", NDM__MODE_R},  {"copyonwrite", NDM__MODE_C},
        {"readwrite", NDM__MODE_RP}, {"write", NDM__MODE_WP},
    };
    if (!text) text = "r+";
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!strcmp(text, table[i].name)) {
            *out = table[i].mode;
            return NDM_OK;
        }
    }
    ndm__sbuf b = {0};
    ndm__sb_puts(&b, "mode must be one of ['r', 'c', 'r+', 'w+', 'readonly', "
                     "'copyonwrite', 'readwrite', 'write'] (got ");
    ndm__sb_pyrepr(&b, text, strlen(text));
    ndm__sb_putc(&b, ')');
    int rc = b.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", b.s);
    ndm__sb_free(&b);
    return rc;
}

/* Python's floor modulo and division for a positive divisor. */
static i128 floor_mod(i128 a, i128 b) {
    i128 r = a % b;
    return r < 0 ? r + b : r;
}
static i128 floor_div(i128 a, i128 b) { return (a - floor_mod(a, b)) / b; }

static int check_shape_args(int ndim, const int64_t *shape) {
    if (ndim < -1)
        return ndm__err(NDM_EVALUE, "ndim must be -1 (shape=None), 0 or positive (got %d)", ndim);
    if (ndim > 0 && !shape) return ndm__err(NDM_EVALUE, "shape is NULL but ndim is %d", ndim);
    return NDM_OK;
}

/*
 * Extend the file to `bytes` (numpy writes one zero byte at bytes - 1).
 * Unless sparse files were asked for, the new range is reserved so that the
 * mapping can never fault for lack of space; where the filesystem cannot
 * reserve, this falls back to numpy's sparse extension.
 */
static int extend_file(int fd, int64_t flen, int64_t bytes, bool sparse) {
    /* numpy seeks first: a length beyond the filesystem's limit fails here
     * with EINVAL, as in numpy. */
    if (lseek(fd, (off_t)(bytes - 1), SEEK_SET) < 0) return ndm__err_os(errno, NULL);
    if (!sparse) {
        int e = ndm__os_reserve(fd, (off_t)flen, (off_t)bytes);
        if (e == 0) goto done;
        if (e != EOPNOTSUPP && e != ENOSYS) {
            /* ENOSPC, EFBIG, EIO...: leave the file as it was. */
            if (ftruncate(fd, (off_t)flen) < 0) { /* best effort */ }
            return ndm__err_os(e, NULL);
        }
    }
    static const char zero = 0;
    if (ndm__os_pwrite_all(fd, &zero, 1, (off_t)(bytes - 1)) < 0) return ndm__err_os(errno, NULL);
done:
    /* numpy's file position after its one-byte write. */
    (void)lseek(fd, (off_t)bytes, SEEK_SET);
    return NDM_OK;
}

/*
 * The body of ndm__memmap_fd. `known` is the descriptor's fstat() when the
 * caller opened it itself (ndm_memmap_ex) and nothing else can have moved
 * its position: the length then comes from st_size and the second fstat is
 * skipped unless the file was extended, saving two system calls per open
 * (open + fstat + mmap is then all an open costs).
 */
static int memmap_fd(ndm_array **out, int fd, const char *path, const char *dtype_text,
                     ndm__mode mode, int64_t offset, int ndim, const int64_t *shape,
                     char order, const ndm_open_options *opts, const struct stat *known) {
    unsigned flags = opts ? opts->flags : 0;
    if (known && !S_ISREG(known->st_mode)) known = NULL;

    /* Step 4: the file length (numpy: fid.seek(0, 2)), then the dtype. */
    int64_t flen;
    if (known) {
        flen = (int64_t)known->st_size;
    } else {
        off_t end = lseek(fd, 0, SEEK_END);
        if (end < 0) return ndm__err_os(errno, NULL);
        flen = (int64_t)end;
    }
    ndm__dtype dt;
    NDM__TRY(ndm__dtype_parse(dtype_text ? dtype_text : "uint8", &dt));
    int64_t itemsize = ndm__itemsize(dt.type);

    /* Step 5: the shape, and the byte total `bytes`. */
    int64_t dims[NDM_MAXDIMS];
    int nd;
    i128 bytes;
    bool inferred = ndim < 0;
    i128 inferred_len = 0;
    if (inferred) {
        i128 avail = (i128)flen - offset;
        if (floor_mod(avail, itemsize) != 0)
            return ndm__err(NDM_EVALUE,
                            "Size of available data is not a multiple of the data-type size.");
        inferred_len = floor_div(avail, itemsize);
        bytes = (i128)offset + inferred_len * itemsize; /* exact: Python ints */
        nd = 1;
    } else {
        /* numpy: size = np.intp(1); size *= k ...; bytes = offset + size * itemsize,
         * all in wrapping intp arithmetic. */
        uint64_t size = 1;
        for (int i = 0; i < ndim; i++) size *= (uint64_t)shape[i];
        bytes = (int64_t)((uint64_t)offset + size * (uint64_t)itemsize);
        nd = ndim;
    }

    /* Step 6: r+ and w+ extend a short file. */
    if (mode == NDM__MODE_RP || mode == NDM__MODE_WP) {
        if (bytes < 1) bytes = 1;
        if (flen < bytes) {
            if (bytes > INT64_MAX) return ndm__err(NDM_EOVERFLOW, "Python int too large to convert to C long");
            NDM__TRY(extend_file(fd, flen, (int64_t)bytes, flags & NDM_OPEN_SPARSE));
            known = NULL; /* the size changed */
        }
    }

    /* Step 8: the window, aligned down to the allocation granularity. */
    int64_t G = sysconf(_SC_PAGESIZE);
    i128 start = (i128)offset - floor_mod(offset, G);
    i128 length = bytes - start;
    if (length == 0 && start > 0) { /* a zero length would map the whole file */
        length += G;
        start -= G;
    }
    i128 array_offset = (i128)offset - start;

    /* Step 9: CPython's mmap checks, in its order. */
    if (length > INT64_MAX || length < INT64_MIN)
        return ndm__err(NDM_EOVERFLOW, "Python int too large to convert to C ssize_t");
    if (length < 0) return ndm__err(NDM_EOVERFLOW, "memory mapped length must be positive");
    if (start < 0) return ndm__err(NDM_EOVERFLOW, "memory mapped offset must be positive");
    struct stat st;
    if (known) st = *known;
    else if (fstat(fd, &st) < 0) return ndm__err_os(errno, NULL);
    if (S_ISREG(st.st_mode)) {
        i128 size = st.st_size;
        if (length == 0) {
            if (size == 0) return ndm__err(NDM_EVALUE, "cannot mmap an empty file");
            if (start >= size) return ndm__err(NDM_EVALUE, "mmap offset is greater than file size");
            length = size - start;
        } else if (start > size || size - start < length) {
            return ndm__err(NDM_EVALUE, "mmap length is greater than file size");
        }
    }
    int prot = PROT_READ, mflags = MAP_SHARED;
    if (mode == NDM__MODE_C) { prot |= PROT_WRITE; mflags = MAP_PRIVATE; }
    else if (mode != NDM__MODE_R) prot |= PROT_WRITE;
    if (flags & NDM_OPEN_POPULATE) mflags |= MAP_POPULATE;

    void *base = NULL;
    if (length > 0) {
        base = mmap(NULL, (size_t)length, prot, mflags, fd, (off_t)start);
        if (base == MAP_FAILED) return ndm__err_os(errno, NULL);
    }
    ndm__buffer *buf = calloc(1, sizeof *buf);
    if (!buf) {
        if (base) munmap(base, (size_t)length);
        return ndm__err_nomem();
    }
    atomic_init(&buf->refs, 1);
    buf->kind = NDM__BUF_MMAP;
    buf->base = base;
    buf->length = (size_t)length;
    buf->offset = offset;
    buf->shared = mode != NDM__MODE_C;
    strcpy(buf->mode, ndm__mode_name(mode));
    int rc = NDM_OK;
    if (path && !(buf->filename = ndm__abspath(path))) rc = ndm__err_nomem();

    /* Step 10: ndarray.__new__(shape, dtype, buffer=mm, offset, order). */
    char layout = 'C';
    if (rc == NDM_OK && inferred) {
        if (inferred_len > INT64_MAX || inferred_len < INT64_MIN)
            rc = ndm__err(NDM_EOVERFLOW, "Python int too large to convert to C ssize_t");
        else
            dims[0] = (int64_t)inferred_len;
    } else if (rc == NDM_OK) {
        if (nd > NDM_MAXDIMS)
            rc = ndm__err(NDM_EVALUE,
                          "maximum supported dimension for an ndarray is currently %d, found %d",
                          NDM_MAXDIMS, nd);
        else if (nd > 0)
            memcpy(dims, shape, (size_t)nd * sizeof *dims);
    }
    if (rc == NDM_OK) rc = ndm__parse_order(order, &layout);
    if (rc == NDM_OK && nd == 1 && dims[0] == -1) {
        /* numpy fills in a single -1 from the buffer (C division). */
        dims[0] = (int64_t)((length - array_offset) / itemsize);
    } else if (rc == NDM_OK) {
        /* numpy's size check, in wrapping intp arithmetic, comes before the
         * per-dimension checks. */
        uint64_t prod = (uint64_t)itemsize;
        for (int i = 0; i < nd; i++) prod *= (uint64_t)dims[i];
        if ((int64_t)length < (int64_t)((uint64_t)array_offset + prod))
            rc = ndm__err(NDM_ETYPE, "buffer is too small for requested array");
    }
    int64_t strides[NDM_MAXDIMS], nbytes = 0;
    if (rc == NDM_OK) rc = ndm__strides_for(nd, dims, itemsize, nd >= 2 ? layout : 'C', strides, &nbytes);
    if (rc == NDM_OK)
        rc = ndm__array_new(buf, (char *)base + (int64_t)array_offset, dt, nd, dims, strides,
                            mode != NDM__MODE_R, false, out);
    if (rc == NDM_OK) (*out)->memmap = true;
    ndm__buffer_unref(buf); /* the array holds its own reference */
    return rc;
}

int ndm__memmap_fd(ndm_array **out, int fd, const char *path, const char *dtype_text,
                   ndm__mode mode, int64_t offset, int ndim, const int64_t *shape,
                   char order, const ndm_open_options *opts) {
    return memmap_fd(out, fd, path, dtype_text, mode, offset, ndim, shape, order, opts, NULL);
}

int ndm_memmap_ex(ndm_array **out, const char *filename, const char *dtype, const char *mode,
                  int64_t offset, int ndim, const int64_t *shape, char order,
                  const ndm_open_options *opts) {
    ndm__mode m;
    NDM__TRY(ndm__parse_mode(mode, &m));
    if (m == NDM__MODE_WP && ndim < 0)
        return ndm__err(NDM_EVALUE, "shape must be given if mode == 'w+'");
    NDM__TRY(check_shape_args(ndim, shape));
    if (!filename)
        return ndm__err(NDM_ETYPE, "expected str, bytes or os.PathLike object, not NoneType");
    int oflags = m == NDM__MODE_WP ? O_RDWR | O_CREAT | O_TRUNC
                 : m == NDM__MODE_RP ? O_RDWR : O_RDONLY;
    int fd = ndm__os_open(filename, oflags, 0666);
    if (fd < 0) return ndm__err_os(errno, filename);
    struct stat st;
    bool have_st = fstat(fd, &st) == 0;
    if (have_st && S_ISDIR(st.st_mode)) {
        ndm__os_close(fd);
        return ndm__err_os(EISDIR, filename);
    }
    /* w+ truncated the file at open: st_size is its size now too. */
    int rc = memmap_fd(out, fd, filename, dtype, m, offset, ndim, shape, order, opts,
                       have_st ? &st : NULL);
    ndm__os_close(fd); /* the mapping keeps the file */
    return rc;
}

int ndm_memmap(ndm_array **out, const char *filename, const char *dtype, const char *mode,
               int64_t offset, int ndim, const int64_t *shape, char order) {
    return ndm_memmap_ex(out, filename, dtype, mode, offset, ndim, shape, order, NULL);
}

int ndm_memmap_fd(ndm_array **out, int fd, const char *dtype, const char *mode, int64_t offset,
                  int ndim, const int64_t *shape, char order) {
    ndm__mode m;
    NDM__TRY(ndm__parse_mode(mode, &m));
    if (m == NDM__MODE_WP && ndim < 0)
        return ndm__err(NDM_EVALUE, "shape must be given if mode == 'w+'");
    NDM__TRY(check_shape_args(ndim, shape));
    return ndm__memmap_fd(out, fd, NULL, dtype, m, offset, ndim, shape, order, NULL);
}
