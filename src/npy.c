/*
 * npy.c -- .npy files: numpy.lib.format.open_memmap (ndm_open_memmap), and
 * numpy.save / numpy.load for C users (ndm_save, ndm_load).
 *
 * The I/O around the pure header code in npy_header.c: numpy's side effects
 * happen in numpy's order (the write path truncates the file before it can
 * fail on the shape; the read path validates the header before it looks at
 * the mode). Headers are read with pread and never trusted for an
 * allocation: a header length is only read into memory when the file holds
 * that many bytes and the header could pass max_header_size; longer ones are
 * streamed through the UTF-8 check in bounded chunks. Array data is written
 * and read in bounded chunks too.
 */
#include "npy.h"
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK ((size_t)1 << 20) /* streaming unit for headers and data */

/* ---- reading bytes ------------------------------------------------------------ */

/* pread until n bytes or EOF; returns the count, or -1 with errno. */
static int64_t pread_full(int fd, void *buf, size_t n, int64_t at) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(at + (int64_t)got));
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    return (int64_t)got;
}

/* Write all bytes at the current position; 0 or -1 with errno. */
static int write_full(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int64_t max_header(const ndm_open_options *opts) {
    if (opts && opts->max_header_size != 0) return opts->max_header_size;
    return NDM__NPY_MAX_HEADER_SIZE;
}

/*
 * numpy's read_magic, _check_version and _read_array_header over a file:
 * fills *info (info->data_offset is where the data begins).
 */
static int read_header_fd(int fd, int64_t max_size, ndm__npy_info *info) {
    unsigned char pre[12];
    int64_t got = pread_full(fd, pre, 8, 0);
    if (got < 0) return ndm__err_os(errno, NULL);
    int major;
    NDM__TRY(ndm__npy_check_magic(pre, (size_t)got, &major));
    size_t lb = ndm__npy_hlen_bytes(major);
    got = pread_full(fd, pre + 8, lb, 8);
    if (got < 0) return ndm__err_os(errno, NULL);
    if ((size_t)got < lb) return ndm__npy_eof("array header length", (int64_t)lb, got);
    uint64_t hlen = pre[8] | (uint64_t)pre[9] << 8;
    if (lb == 4) hlen |= (uint64_t)pre[10] << 16 | (uint64_t)pre[11] << 24;
    int64_t pos = 8 + (int64_t)lb;

    struct stat st;
    if (fstat(fd, &st) < 0) return ndm__err_os(errno, NULL);
    bool regular = S_ISREG(st.st_mode);
    if (regular) {
        int64_t avail = st.st_size > pos ? (int64_t)st.st_size - pos : 0;
        if ((uint64_t)avail < hlen) return ndm__npy_eof("array header", (int64_t)hlen, avail);
    }

    /* Only a header that could pass the size limit is kept in memory: at most
     * 1 byte per character for latin-1, 4 for UTF-8. */
    uint64_t keep_limit = max_size <= 0 ? 0 : (uint64_t)max_size * (major < 3 ? 1u : 4u);
    if ((uint64_t)max_size > UINT64_MAX / 4) keep_limit = UINT64_MAX;
    bool keep = hlen <= keep_limit;
    if (!keep && regular && major < 3) return ndm__npy_too_large((int64_t)hlen);
    if (keep && hlen > SIZE_MAX - 1) return ndm__err_nomem();

    unsigned char *buf = NULL;
    size_t cap = 0;
    uint64_t have = 0;
    int64_t nchars = 0;
    /* streaming UTF-8 state for long v3 headers */
    unsigned char carry[8];
    size_t ncarry = 0;
    bool bad = false;
    unsigned char badbytes[8];
    size_t nbad = 0;
    uint64_t badpos = 0;
    unsigned char *chunk = keep ? NULL : malloc(CHUNK + sizeof carry);
    if (!keep && !chunk) return ndm__err_nomem();
    int rc = 0;
    while (have < hlen) {
        size_t want = hlen - have > CHUNK ? CHUNK : (size_t)(hlen - have);
        unsigned char *dst;
        if (keep) {
            if (have + want > cap) {
                size_t ncap = cap ? cap * 2 : (want < 4096 ? 4096 : want);
                if (ncap < have + want) ncap = (size_t)(have + want);
                if (regular && ncap > hlen) ncap = (size_t)hlen;
                unsigned char *nb = realloc(buf, ncap ? ncap : 1);
                if (!nb) {
                    rc = ndm__err_nomem();
                    break;
                }
                buf = nb;
                cap = ncap;
            }
            dst = buf + have;
        } else {
            memcpy(chunk, carry, ncarry);
            dst = chunk + ncarry;
        }
        int64_t r = pread_full(fd, dst, want, pos + (int64_t)have);
        if (r < 0) {
            rc = ndm__err_os(errno, NULL);
            break;
        }
        have += (uint64_t)r;
        bool last = (uint64_t)r < want || have == hlen;
        if (!keep && major >= 3 && !bad) {
            size_t len = ncarry + (size_t)r, consumed = 0;
            int64_t nc = 0;
            uint64_t base = have - (uint64_t)r - ncarry;
            int e = ndm__npy_decode_count(chunk, len, 3, last, 0, &consumed, &nc);
            nchars += nc;
            if (e) {
                /* Remember the bad sequence; an EOF error still wins. */
                bad = true;
                badpos = base + consumed;
                nbad = len - consumed < 4 ? len - consumed : 4;
                memcpy(badbytes, chunk + consumed, nbad);
            } else {
                ncarry = len - consumed;
                memcpy(carry, chunk + consumed, ncarry);
            }
        }
        if ((uint64_t)r < want) break;
    }
    free(chunk);
    if (rc == 0 && have < hlen) rc = ndm__npy_eof("array header", (int64_t)hlen, (int64_t)have);
    if (rc == 0 && !keep) {
        if (major < 3) rc = ndm__npy_too_large((int64_t)hlen);
        else if (bad) {
            /* re-raise with the exact message and position */
            int64_t nc;
            bool at_end = badpos + nbad == hlen;
            rc = ndm__npy_decode_count(badbytes, nbad, 3, at_end, (size_t)badpos, NULL, &nc);
            if (rc == 0) rc = ndm__err(NDM_EVALUE, "invalid UTF-8 in header");
        } else {
            rc = ndm__npy_too_large(nchars);
        }
    }
    if (rc == 0) {
        rc = ndm__npy_parse_header(buf ? buf : (const unsigned char *)"", (size_t)hlen, major,
                                   max_size, info, NULL);
        if (rc == 0) {
            info->major = major;
            info->data_offset = pos + (int64_t)hlen;
        }
    }
    free(buf);
    return rc;
}

/* ---- Python's open() mode check (for mode + 'b') -------------------------- */

static int py_open_flags(const char *mode, int *flags) {
    bool creating = false, reading = false, writing = false, appending = false,
         updating = false, text = false, binary = false;
    for (const char *c = mode; *c; c++) {
        switch (*c) {
        case 'x': creating = true; break;
        case 'r': reading = true; break;
        case 'w': writing = true; break;
        case 'a': appending = true; break;
        case '+': updating = true; break;
        case 't': text = true; break;
        case 'b': binary = true; break;
        default: return ndm__err(NDM_EVALUE, "invalid mode: '%s'", mode);
        }
        if (strchr(c + 1, *c)) return ndm__err(NDM_EVALUE, "invalid mode: '%s'", mode);
    }
    if (text && binary) return ndm__err(NDM_EVALUE, "can't have text and binary mode at once");
    if ((int)creating + (int)reading + (int)writing + (int)appending != 1)
        return ndm__err(NDM_EVALUE, "must have exactly one of create/read/write/append mode");
    int f;
    if (creating) f = O_CREAT | O_EXCL;
    else if (reading) f = 0;
    else if (writing) f = O_CREAT | O_TRUNC;
    else f = O_CREAT | O_APPEND;
    f |= updating ? O_RDWR : (reading ? O_RDONLY : O_WRONLY);
    *flags = f;
    return 0;
}

/* Open for reading as Python's open(path, 'rb') does (a directory is
 * IsADirectoryError). */
static int open_read(const char *filename, int *fdout) {
    int fd = ndm__os_open(filename, O_RDONLY, 0);
    if (fd < 0) return ndm__err_os(errno, filename);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        ndm__os_close(fd);
        return ndm__err_os(e, filename);
    }
    if (S_ISDIR(st.st_mode)) {
        ndm__os_close(fd);
        return ndm__err_os(EISDIR, filename);
    }
    *fdout = fd;
    return 0;
}

/* The error for a header whose dtype ndmap cannot map. */
static int unsupported_dtype(const ndm__npy_info *info) {
    if (info->structured || !info->descr)
        return ndm__err(NDM_ENOTSUP, "structured and subarray dtypes are not supported by "
                                     "ndmap yet");
    ndm__dtype d;
    int rc = ndm__dtype_parse(info->descr, &d);
    if (rc == NDM_ENOTSUP) return rc; /* its message names the dtype */
    return ndm__err(NDM_ENOTSUP, "this dtype is not supported by ndmap yet");
}

static const char MAXDIMS_MSG[] = "maximum supported dimension for an ndarray is currently %d, found %lld";

/* ---- open_memmap: the write path ---------------------------------------------- */

static int open_memmap_write(ndm_array **out, const char *filename, const char *mode,
                             const char *dtype, int ndim, const int64_t *shape,
                             int fortran_order, int version, const ndm_open_options *opts) {
    NDM__TRY(ndm__npy_check_version_arg(version));
    const char *dtext = dtype ? dtype : "float64";
    if (ndm__npy_is_object_dtype(dtext, strlen(dtext)))
        return ndm__err(NDM_EVALUE, "Array can't be memory-mapped: Python objects in dtype.");
    ndm__dtype dt;
    NDM__TRY(ndm__dtype_parse(dtext, &dt));
    if (ndim < -1) return ndm__err(NDM_EVALUE, "ndim must be -1 (shape None) or 0..%d", NDM_MAXDIMS);
    if (ndim > NDM_MAXDIMS) return ndm__err(NDM_EVALUE, MAXDIMS_MSG, NDM_MAXDIMS, (long long)ndim);
    if (ndim > 0 && !shape) return ndm__err(NDM_EVALUE, "shape is NULL but ndim is %d", ndim);

    size_t ml = strlen(mode);
    char *pymode = malloc(ml + 2);
    if (!pymode) return ndm__err_nomem();
    memcpy(pymode, mode, ml);
    pymode[ml] = 'b';
    pymode[ml + 1] = '\0';
    int flags = 0;
    int rc = py_open_flags(pymode, &flags);
    free(pymode);
    if (rc) return rc;

    int fd = ndm__os_open(filename, flags, 0666);
    if (fd < 0) return ndm__err_os(errno, filename);

    /* dtype.descr repr: the descr strings are plain ASCII. */
    char descr_repr[16];
    snprintf(descr_repr, sizeof descr_repr, "'%s'", ndm__dtype_str(dt));
    ndm__sbuf hdr = {0};
    int used = 0;
    rc = ndm__npy_build_header(descr_repr, fortran_order != 0, ndim, shape, version, &hdr, &used);
    if (rc == 0 && write_full(fd, hdr.s, hdr.len) < 0) rc = ndm__err_os(errno, NULL);
    int64_t offset = (int64_t)hdr.len;
    ndm__sb_free(&hdr);
    if (rc == 0) {
        /* open_memmap turns w+ into r+ (the header is written); memmap
         * then checks the mode. */
        const char *mm = strcmp(mode, "w+") == 0 ? "r+" : mode;
        ndm__mode m;
        rc = ndm__parse_mode(mm, &m);
        if (rc == 0)
            rc = ndm__memmap_fd(out, fd, filename, dtext, m, offset, ndim, shape,
                                fortran_order ? 'F' : 'C', opts);
    }
    ndm__os_close(fd);
    return rc;
}

/* ---- open_memmap: the read path ----------------------------------------------- */

/* Reopen the file behind fd read-write, as memmap reopens the path. */
static int reopen_rw(int fd, const char *filename, int *out) {
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    int nfd = ndm__os_open(proc, O_RDWR, 0);
    if (nfd < 0 && (errno == ENOENT || errno == ENOTDIR || errno == ELOOP))
        nfd = ndm__os_open(filename, O_RDWR, 0); /* no /proc */
    if (nfd < 0) return ndm__err_os(errno, filename);
    *out = nfd;
    return 0;
}

static int open_memmap_read(ndm_array **out, const char *filename, const char *mode,
                            const ndm_open_options *opts) {
    int fd;
    NDM__TRY(open_read(filename, &fd));
    ndm__npy_info info;
    int rc = read_header_fd(fd, max_header(opts), &info);
    if (rc) {
        ndm__os_close(fd);
        return rc;
    }
    if (info.has_object)
        rc = ndm__err(NDM_EVALUE, "Array can't be memory-mapped: Python objects in dtype.");
    else if (info.unsupported)
        rc = unsupported_dtype(&info);
    ndm__mode m = NDM__MODE_R;
    if (rc == 0) rc = ndm__parse_mode(mode, &m);
    int mfd = fd;
    if (rc == 0 && (m == NDM__MODE_RP || m == NDM__MODE_WP)) rc = reopen_rw(fd, filename, &mfd);
    if (rc == 0 && info.deferred_code) rc = ndm__err(info.deferred_code, "%s", info.deferred_msg);
    if (rc == 0) {
        char order = info.fortran_order ? 'F' : 'C';
        ndm_array *a = NULL;
        if (info.ndim > NDM_MAXDIMS) {
            /* numpy maps size * itemsize bytes, then ndarray() refuses the
             * shape: the same file effects through a 1-d shape. */
            int64_t one[1] = {info.size};
            rc = ndm__memmap_fd(&a, mfd, filename, info.descr, m, info.data_offset, 1, one,
                                order, opts);
            if (rc == 0 || !strcmp(ndm_errmsg(), "negative dimensions are not allowed")) {
                ndm_free(a);
                a = NULL;
                rc = ndm__err(NDM_EVALUE, MAXDIMS_MSG, NDM_MAXDIMS, (long long)info.ndim);
            }
        } else {
            rc = ndm__memmap_fd(&a, mfd, filename, info.descr, m, info.data_offset,
                                (int)info.ndim, info.shape, order, opts);
            if (info.has_bool &&
                (rc == 0 || !strcmp(ndm_errmsg(), "negative dimensions are not allowed"))) {
                /* ndarray() does not take booleans as dimensions */
                ndm_free(a);
                a = NULL;
                rc = ndm__err(NDM_ETYPE, "an integer is required");
            }
        }
        if (rc == 0) *out = a;
    }
    if (mfd != fd) ndm__os_close(mfd);
    ndm__os_close(fd);
    ndm__npy_info_free(&info);
    return rc;
}

int ndm_open_memmap_ex(ndm_array **out, const char *filename, const char *mode,
                       const char *dtype, int ndim, const int64_t *shape, int fortran_order,
                       int version, const ndm_open_options *opts) {
    if (!out) return ndm__err(NDM_EVALUE, "out must not be NULL");
    if (!filename)
        return ndm__err(NDM_ETYPE, "expected str, bytes or os.PathLike object, not NoneType");
    if (!mode) mode = "r+";
    if (strchr(mode, 'w'))
        return open_memmap_write(out, filename, mode, dtype, ndim, shape, fortran_order,
                                 version, opts);
    return open_memmap_read(out, filename, mode, opts);
}

int ndm_open_memmap(ndm_array **out, const char *filename, const char *mode,
                    const char *dtype, int ndim, const int64_t *shape, int fortran_order,
                    int version) {
    return ndm_open_memmap_ex(out, filename, mode, dtype, ndim, shape, fortran_order,
                              version, NULL);
}

/* ---- save ------------------------------------------------------------------------ */

/* Gather the elements of (data, ndim, shape, strides) in C order into fd,
 * through a bounded buffer. */
static int write_strided(int fd, const char *data, int ndim, const int64_t *shape,
                         const int64_t *strides, size_t itemsize) {
    if (ndim == 0) return write_full(fd, data, itemsize) < 0 ? ndm__err_os(errno, NULL) : 0;
    for (int d = 0; d < ndim; d++)
        if (shape[d] == 0) return 0;
    size_t cap = CHUNK - CHUNK % itemsize;
    if (cap < itemsize) cap = itemsize;
    char *buf = malloc(cap);
    if (!buf) return ndm__err_nomem();
    int64_t idx[NDM_MAXDIMS] = {0};
    size_t fill = 0;
    int64_t inner = shape[ndim - 1], istride = strides[ndim - 1];
    for (;;) {
        const char *row = data;
        for (int d = 0; d < ndim - 1; d++) row += idx[d] * strides[d];
        for (int64_t k = 0; k < inner;) {
            if (fill + itemsize > cap) {
                if (write_full(fd, buf, fill) < 0) {
                    int e = errno;
                    free(buf);
                    return ndm__err_os(e, NULL);
                }
                fill = 0;
            }
            if (istride == (int64_t)itemsize) {
                /* a contiguous run: as much of it as the buffer takes */
                size_t take = (cap - fill) / itemsize;
                if ((int64_t)take > inner - k) take = (size_t)(inner - k);
                memcpy(buf + fill, row + k * istride, take * itemsize);
                fill += take * itemsize;
                k += (int64_t)take;
            } else {
                memcpy(buf + fill, row + k * istride, itemsize);
                fill += itemsize;
                k++;
            }
        }
        int d = ndim - 2;
        while (d >= 0 && ++idx[d] == shape[d]) idx[d--] = 0;
        if (d < 0) break;
    }
    int rc = 0;
    if (fill && write_full(fd, buf, fill) < 0) rc = ndm__err_os(errno, NULL);
    free(buf);
    return rc;
}

/* Does the array's mapping come from the file at `path`? */
static bool same_file(const ndm_array *a, const char *path) {
    if (!a->buf || a->buf->kind != NDM__BUF_MMAP || !a->buf->filename) return false;
    struct stat s1, s2;
    if (stat(a->buf->filename, &s1) < 0 || stat(path, &s2) < 0) return false;
    return s1.st_dev == s2.st_dev && s1.st_ino == s2.st_ino;
}

int ndm_save(const char *filename, const ndm_array *a, int version) {
    if (!a) return ndm__err(NDM_EVALUE, "array must not be NULL");
    if (!filename)
        return ndm__err(NDM_ETYPE, "expected str, bytes or os.PathLike object, not NoneType");
    NDM__TRY(ndm__npy_check_version_arg(version));

    /* numpy.save appends ".npy" to a name that lacks it. */
    size_t fl = strlen(filename);
    char *path = malloc(fl + 5);
    if (!path) return ndm__err_nomem();
    memcpy(path, filename, fl + 1);
    if (fl < 4 || strcmp(filename + fl - 4, ".npy") != 0) memcpy(path + fl, ".npy", 5);

    /* Saving a memmap onto its own file: copy it out first, since the
     * truncation would pull the pages from under the mapping. */
    ndm_array *copy = NULL;
    int rc = 0;
    if (same_file(a, path)) {
        rc = ndm__array_empty(a->dtype, a->ndim, a->shape, 'C', false, &copy);
        if (rc == 0) rc = ndm_tobytes(a, copy->data, (size_t)ndm_nbytes(copy));
        if (rc) {
            ndm_free(copy);
            free(path);
            return rc;
        }
        a = copy;
    }

    bool c_contig = ndm__is_c_contig(a), f_contig = ndm__is_f_contig(a);
    bool fortran = f_contig && !c_contig;
    char descr_repr[16];
    snprintf(descr_repr, sizeof descr_repr, "'%s'", ndm__dtype_str(a->dtype));
    ndm__sbuf hdr = {0};
    int used = 0;
    int fd = ndm__os_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) rc = ndm__err_os(errno, path);
    if (rc == 0) rc = ndm__npy_build_header(descr_repr, fortran, a->ndim, a->shape, version, &hdr, &used);
    if (rc == 0 && write_full(fd, hdr.s, hdr.len) < 0) rc = ndm__err_os(errno, NULL);
    if (rc == 0) {
        size_t itemsize = (size_t)ndm__itemsize(a->dtype.type);
        int64_t size = ndm__size(a->ndim, a->shape);
        if (size > 0 && (c_contig || f_contig)) {
            /* one contiguous block, in the order the header states */
            char *lo, *hi;
            ndm__extent(a, &lo, &hi);
            const char *p = lo;
            size_t left = (size_t)(hi - lo);
            while (left && rc == 0) {
                size_t n = left > CHUNK ? CHUNK : left;
                if (write_full(fd, p, n) < 0) rc = ndm__err_os(errno, NULL);
                p += n;
                left -= n;
            }
        } else if (size > 0) {
            rc = write_strided(fd, a->data, a->ndim, a->shape, a->strides, itemsize);
        }
    }
    if (fd >= 0 && close(fd) < 0 && rc == 0) rc = ndm__err_os(errno, NULL);
    ndm__sb_free(&hdr);
    ndm_free(copy);
    free(path);
    return rc;
}

/* ---- load ------------------------------------------------------------------------ */

static int load_fd(ndm_array **out, int fd, const ndm_open_options *opts) {
    unsigned char magic[6];
    int64_t got = pread_full(fd, magic, 6, 0);
    if (got < 0) return ndm__err_os(errno, NULL);
    if (got == 0) return ndm__err_class(NDM_EVALUE, "EOFError", "No data left in file");
    if (got >= 4 && magic[0] == 'P' && magic[1] == 'K' &&
        ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)))
        return ndm__err(NDM_ENOTSUP, ".npz archives are not supported by ndmap yet");
    static const unsigned char prefix[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (got < 6 || memcmp(magic, prefix, 6) != 0)
        return ndm__err(NDM_EVALUE,
                        "This file contains pickled (object) data. If you trust the file you "
                        "can load it unsafely using the `allow_pickle=` keyword argument or "
                        "`pickle.load()`.");

    ndm__npy_info info;
    NDM__TRY(read_header_fd(fd, max_header(opts), &info));
    int rc = 0;
    if (info.deferred_code == NDM_EOVERFLOW)
        rc = ndm__err(NDM_EOVERFLOW, "Python int too large to convert to C long");
    else if (info.deferred_code)
        rc = ndm__err(info.deferred_code, "%s", info.deferred_msg);
    else if (info.has_object)
        rc = ndm__err(NDM_EVALUE, "Object arrays cannot be loaded when allow_pickle=False");
    else if (info.unsupported)
        rc = unsupported_dtype(&info);
    if (rc) {
        ndm__npy_info_free(&info);
        return rc;
    }
    int64_t count = info.ndim == 0 ? 1 : info.size;
    int64_t itemsize = ndm__itemsize(info.dtype.type);
    struct stat st;
    if (fstat(fd, &st) < 0) {
        ndm__npy_info_free(&info);
        return ndm__err_os(errno, NULL);
    }
    int64_t avail = st.st_size > info.data_offset ? (int64_t)st.st_size - info.data_offset : 0;
    int64_t nbytes;
    bool short_data = count < 0 || ndm__mul_ovf(count, itemsize, &nbytes) || nbytes > avail;
    if (short_data) {
        /* numpy.fromfile reads what there is (all of it for a negative
         * count), then read_array compares the element counts. */
        int64_t read_n = avail / itemsize;
        if (count >= 0 && read_n > count) read_n = count;
        ndm__sbuf sb = {0};
        ndm__sb_puts(&sb, "Failed to read all data for array. Expected ");
        if (info.shape_repr) ndm__sb_puts(&sb, info.shape_repr);
        else ndm__sb_shape(&sb, (int)(info.ndim < NDM_MAXDIMS ? info.ndim : NDM_MAXDIMS),
                           info.shape, true);
        ndm__sb_printf(&sb, " = %lld elements, could only read %lld elements. "
                            "(file seems not fully written?)",
                       (long long)count, (long long)read_n);
        rc = sb.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", sb.s);
        ndm__sb_free(&sb);
        ndm__npy_info_free(&info);
        return rc;
    }
    if (info.ndim > NDM_MAXDIMS) {
        rc = ndm__err(NDM_EVALUE, MAXDIMS_MSG, NDM_MAXDIMS, (long long)info.ndim);
    } else if (info.has_bool) {
        rc = ndm__err(NDM_ETYPE, "an integer is required");
    } else {
        ndm_array *a = NULL;
        rc = ndm__array_empty(info.dtype, (int)info.ndim, info.shape,
                              info.fortran_order ? 'F' : 'C', false, &a);
        int64_t off = 0;
        while (rc == 0 && off < nbytes) {
            size_t n = nbytes - off > (int64_t)CHUNK ? CHUNK : (size_t)(nbytes - off);
            int64_t r = pread_full(fd, a->data + off, n, info.data_offset + off);
            if (r < 0) rc = ndm__err_os(errno, NULL);
            else if ((size_t)r < n) /* the file shrank under us */
                rc = ndm__err(NDM_EVALUE, "Failed to read all data for array. "
                                          "(file seems not fully written?)");
            off += r > 0 ? r : 0;
        }
        if (rc == 0) *out = a;
        else ndm_free(a);
    }
    ndm__npy_info_free(&info);
    return rc;
}

int ndm_load(ndm_array **out, const char *filename, const ndm_open_options *opts) {
    if (!out) return ndm__err(NDM_EVALUE, "out must not be NULL");
    if (!filename)
        return ndm__err(NDM_ETYPE, "expected str, bytes or os.PathLike object, not NoneType");
    int fd;
    NDM__TRY(open_read(filename, &fd));
    int rc = load_fd(out, fd, opts);
    ndm__os_close(fd);
    return rc;
}
