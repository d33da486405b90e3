/*
 * npy.h -- the pure part of the .npy format (npy_header.c): validating the
 * bytes at the start of a .npy file and building the header bytes numpy
 * writes. No I/O here; npy.c does the reading, writing and mapping.
 *
 * Internal: not API. The fuzzer (fuzz/fuzz_npy_header.c) and the tests call
 * these functions directly.
 */
#ifndef NDMAP_NPY_H
#define NDMAP_NPY_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

/* numpy's defaults and format constants. */
#define NDM__NPY_MAX_HEADER_SIZE 10000 /* numpy's _MAX_HEADER_SIZE */
#define NDM__NPY_MAGIC_LEN 8           /* "\x93NUMPY" + major + minor */
#define NDM__NPY_ALIGN 64              /* ARRAY_ALIGN */
#define NDM__NPY_GROWTH_DIGITS 21      /* GROWTH_AXIS_MAX_DIGITS */

/* "No position": a failure that is not a parse error. */
#define NDM__NPY_NOPOS ((size_t)-1)

/*
 * What a validated header says. Produced by ndm__npy_parse_header() and
 * ndm__npy_parse_file().
 *
 * `ndim` may exceed NDM_MAXDIMS (numpy reads such headers and only fails when
 * it builds the array); then `shape` holds the first NDM_MAXDIMS entries.
 * Entries that do not fit int64 are not an error here: numpy fails on them
 * later, inside memmap, with an OverflowError that `deferred_code` and
 * `deferred_msg` carry (the caller raises it at the right moment).
 */
typedef struct ndm__npy_info {
    int major;                     /* format version: 1, 2 or 3 (minor 0) */
    int64_t data_offset;           /* bytes before the data: prefix + HEADER_LEN */
    int64_t ndim;                  /* entries in the shape tuple */
    int64_t shape[NDM_MAXDIMS];    /* booleans as 0/1 */
    int64_t size;                  /* product of the entries, wrapping like numpy's
                                      intp arithmetic (1 for 0-d) */
    bool has_bool;                 /* an entry was True/False (numpy: TypeError
                                      "an integer is required" when building) */
    bool fortran_order;
    char *descr;                   /* malloc'd UTF-8 descr when it is a string,
                                      else NULL */
    size_t descr_len;              /* bytes in descr (it may hold NUL bytes) */
    ndm__dtype dtype;              /* parsed descr: valid when none of the three
                                      flags below is set */
    bool has_object;               /* numpy's dtype.hasobject */
    bool unsupported;              /* a dtype numpy has and ndmap does not yet */
    bool structured;               /* ... because it is structured */
    char *shape_repr;              /* malloc'd Python repr of the shape tuple
                                      (NULL if it could not be made) */
    int deferred_code;             /* 0, or an error numpy raises inside memmap */
    char *deferred_msg;            /* malloc'd message for deferred_code */
} ndm__npy_info;

/* Release what an ndm__npy_info owns (not the struct). NULL-safe. */
void ndm__npy_info_free(ndm__npy_info *info);

/*
 * Step 1-3 of numpy's reader on the first `got` (<= 8) bytes of a file:
 * "EOF: reading magic string, ...", "the magic string is not correct; ...",
 * "we only support format version ...". On success *major is 1, 2 or 3.
 */
int ndm__npy_check_magic(const unsigned char *buf, size_t got, int *major);

/* The message for a short read: "EOF: reading %s, expected %lld bytes got %lld". */
int ndm__npy_eof(const char *what, int64_t expected, int64_t got);

/* Bytes of the HEADER_LEN field for a version: 2 (v1) or 4 (v2, v3). */
size_t ndm__npy_hlen_bytes(int major);

/*
 * Check that header bytes decode (latin-1 for v1/v2, strict UTF-8 for v3)
 * and count their characters. UTF-8 errors are NDM_EVALUE with class
 * UnicodeDecodeError and Python's message. `final` false means more bytes
 * follow: an incomplete sequence at the end is then not an error and
 * *consumed stops before it (for streaming over huge headers).
 */
int ndm__npy_decode_count(const unsigned char *hdr, size_t n, int major,
                          bool final, size_t base, size_t *consumed,
                          int64_t *nchars);

/* The "Header info length (N) is large ..." error. */
int ndm__npy_too_large(int64_t nchars);

/*
 * Steps 6-13 of numpy's reader on the HEADER_LEN header bytes `hdr`
 * (undecoded): decode, size limit (max_header_size; <= 0 is taken as given,
 * i.e. every header is too large, except that 0 is not allowed here: callers
 * substitute 10000 for 0), parse the Python literal, validate it in numpy's
 * order with numpy's messages. On success fills *info (which the caller
 * frees with ndm__npy_info_free) except major and data_offset. On a parse
 * error *errpos (if not NULL) is the byte offset in `hdr` where parsing
 * failed, else NDM__NPY_NOPOS.
 *
 * Errors: NDM_EVALUE (numpy's ValueErrors, UnicodeDecodeError), NDM_ETYPE,
 * NDM_EINDEX (numpy's escaping exceptions for odd descrs), NDM_ENOTSUP (a
 * valid numpy dtype that ndmap does not support: structured, strings, ...),
 * NDM_ENOMEM.
 */
int ndm__npy_parse_header(const unsigned char *hdr, size_t n, int major,
                          int64_t max_header_size, ndm__npy_info *info,
                          size_t *errpos);

/*
 * The whole read side over the first n bytes of a file held in memory:
 * magic, version, header length, header. Short input gives numpy's EOF
 * messages. Fills info->major and info->data_offset too. The fuzz target's
 * entry point.
 */
int ndm__npy_parse_file(const unsigned char *buf, size_t n,
                        int64_t max_header_size, ndm__npy_info *info,
                        size_t *errpos);

/*
 * Build the header bytes numpy writes (magic, version, HEADER_LEN, dict text,
 * padding, newline) for a dtype descr given as its Python repr text
 * (UTF-8, e.g. "'<f4'"), fortran_order and shape. ndim -1 means shape None:
 * NDM_ETYPE "object of type 'NoneType' has no len()". version 0 chooses as
 * numpy does (1, then 2 if too long, then 3 if not latin-1); 1..3 forces it.
 * Appends to *out; *used gets the version written.
 */
int ndm__npy_build_header(const char *descr_repr, bool fortran_order, int ndim,
                          const int64_t *shape, int version, ndm__sbuf *out,
                          int *used);

/* numpy's _check_version for ndmap's major-only version argument:
 * 0 (automatic), 1, 2, 3 pass; anything else is
 * "we only support format version (1,0), (2,0), and (3,0), not (N, 0)". */
int ndm__npy_check_version_arg(int version);

/* True if a dtype text names numpy's object dtype ('O', '|O', 'O8', 'object'). */
bool ndm__npy_is_object_dtype(const char *text, size_t n);

#endif /* NDMAP_NPY_H */
