/*
 * internal.h -- private structures and cross-module functions of libndmap.
 *
 * Nothing here is API. Internal names start with ndm__ (two underscores);
 * file-local helpers are static. Every function that can fail follows the
 * public convention: 0 or a negative NDM_E* code, message set by ndm__err().
 */
#ifndef NDMAP_INTERNAL_H
#define NDMAP_INTERNAL_H

#include "ndmap.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define NDM__PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NDM__LIKELY(x) __builtin_expect(!!(x), 1)
#define NDM__UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define NDM__PRINTF(f, a)
#define NDM__LIKELY(x) (x)
#define NDM__UNLIKELY(x) (x)
#endif

/* ---- errors (error.c) ----------------------------------------------------- */

/* Record a failure for this thread and return `code`: `return ndm__err(...)`. */
int ndm__err(int code, const char *fmt, ...) NDM__PRINTF(2, 3);
/* The same with an exception class more specific than the code's name
 * ("FileNotFoundError", "UnicodeDecodeError"). */
int ndm__err_class(int code, const char *cls, const char *fmt, ...)
    NDM__PRINTF(3, 4);
/* An OSError for errno `e` in Python's words:
 * "[Errno 2] No such file or directory: 'path'" (path NULL: no file part). */
int ndm__err_os(int e, const char *path);
/* MemoryError for a failed allocation. */
int ndm__err_nomem(void);

/* Forward a failure: `NDM__TRY(f(x));` returns f's code from the caller. */
#define NDM__TRY(expr)                                                         \
    do {                                                                       \
        int ndm__rc_ = (expr);                                                 \
        if (ndm__rc_ < 0) return ndm__rc_;                                     \
    } while (0)

/* ---- text helpers (pytext.c) --------------------------------------------- */

/* A growable NUL-terminated string. On allocation failure `failed` is set and
 * further appends do nothing; the owner checks it once at the end. */
typedef struct ndm__sbuf {
    char *s;
    size_t len, cap;
    bool failed;
} ndm__sbuf;

void ndm__sb_put(ndm__sbuf *b, const char *s, size_t n);
void ndm__sb_puts(ndm__sbuf *b, const char *s);
void ndm__sb_putc(ndm__sbuf *b, char c);
void ndm__sb_printf(ndm__sbuf *b, const char *fmt, ...) NDM__PRINTF(2, 3);
void ndm__sb_free(ndm__sbuf *b);

/* Python repr of a str: quotes chosen as Python does, escapes for \\, \n,
 * \r, \t, control characters (\x..). Bytes >= 0x80 are taken as UTF-8 and
 * kept when valid and printable (invalid bytes become \udcXX as Python's
 * surrogateescape would show them). */
void ndm__sb_pyrepr(ndm__sbuf *b, const char *s, size_t n);
/* A shape as a Python tuple repr "(3,)", "(3, 4)", "()"; and numpy's
 * space-free form "(3,)", "(3,4)" used in broadcast messages. */
void ndm__sb_shape(ndm__sbuf *b, int ndim, const int64_t *shape, bool spaces);

/* Format into a fixed buffer; never overflows, always NUL-terminates. */
void ndm__fmt(char *buf, size_t cap, const char *fmt, ...) NDM__PRINTF(3, 4);

/* ---- overflow-checked arithmetic ----------------------------------------- */

static inline bool ndm__mul_ovf(int64_t a, int64_t b, int64_t *r) {
    return __builtin_mul_overflow(a, b, r);
}
static inline bool ndm__add_ovf(int64_t a, int64_t b, int64_t *r) {
    return __builtin_add_overflow(a, b, r);
}

/* ---- dtypes (dtype.c) ----------------------------------------------------- */

/* The supported element types. Order matters: the cast tables index by it. */
typedef enum ndm__type {
    NDM__BOOL,
    NDM__INT8, NDM__INT16, NDM__INT32, NDM__INT64,
    NDM__UINT8, NDM__UINT16, NDM__UINT32, NDM__UINT64,
    NDM__FLOAT16, NDM__FLOAT32, NDM__FLOAT64,
    NDM__COMPLEX64, NDM__COMPLEX128,
    NDM__NTYPES
} ndm__type;

typedef enum ndm__kind {
    NDM__KIND_BOOL, NDM__KIND_INT, NDM__KIND_UINT, NDM__KIND_FLOAT,
    NDM__KIND_COMPLEX
} ndm__kind;

typedef struct ndm__dtype {
    uint8_t type;     /* ndm__type */
    uint8_t swapped;  /* stored in non-native byte order */
    uint8_t longlong; /* spelled longlong ('q'/'Q'): a type distinct from the
                         default int, so repr shows dtype=int64 (numpy quirk) */
} ndm__dtype;

/* Parse numpy's spelling of a dtype. NULL text is an error here: callers
 * substitute their default. NDM_ETYPE "data type 'x' not understood" for
 * unknown text, NDM_ENOTSUP for numpy dtypes ndmap does not support. */
int ndm__dtype_parse(const char *text, ndm__dtype *out);
int ndm__itemsize(ndm__type t);
ndm__kind ndm__type_kind(ndm__type t);
/* numpy dtype.name ("float32"), dtype.str ("<f4", "|u1", ">i2"). Static. */
const char *ndm__dtype_name(ndm__dtype d);
const char *ndm__dtype_str(ndm__dtype d);
/* The alignment numpy requires for ALIGNED (1, 2, 4 or 8). */
int ndm__alignment(ndm__type t);
/* True if repr omits dtype= for a non-empty array of this dtype. */
bool ndm__dtype_implied(ndm__dtype d);

/* ---- shared buffers (buffer.c) ------------------------------------------- */

typedef enum ndm__bufkind { NDM__BUF_HEAP, NDM__BUF_MMAP } ndm__bufkind;

/*
 * The memory behind one or more arrays: a mapping made by one open, or a heap
 * block. Reference-counted; every array handle holds one reference. The
 * memmap metadata lives here because numpy's views inherit it.
 */
typedef struct ndm__buffer {
    atomic_long refs;
    ndm__bufkind kind;
    void *base;        /* mmap address or malloc block */
    size_t length;     /* mapped or allocated bytes */
    /* memmap only: */
    char *filename;    /* absolute path, NULL for descriptors */
    int64_t offset;    /* offset requested at open */
    char mode[3];      /* "r", "r+", "w+", "c" */
    bool shared;       /* MAP_SHARED (r, r+, w+); false for c */
} ndm__buffer;

/* A heap buffer of n bytes (n may be 0), zeroed if `zero`. */
int ndm__buffer_heap(size_t n, bool zero, ndm__buffer **out);
ndm__buffer *ndm__buffer_ref(ndm__buffer *b);
void ndm__buffer_unref(ndm__buffer *b);

/* ---- arrays (array.c) ----------------------------------------------------- */

struct ndm_array {
    ndm__buffer *buf;
    char *data;              /* first element */
    ndm__dtype dtype;
    int ndim;
    bool writeable;
    bool owndata;            /* numpy OWNDATA: the array that made the buffer */
    bool memmap;             /* numpy's memmap subclass: the array an open
                                returned (even if empty), and its non-empty
                                views; empty views are plain arrays */
    int64_t shape[NDM_MAXDIMS];
    int64_t strides[NDM_MAXDIMS];
};

/* A new handle over `buf` (a reference is taken). */
int ndm__array_new(ndm__buffer *buf, char *data, ndm__dtype dtype, int ndim,
                   const int64_t *shape, const int64_t *strides, bool writeable,
                   bool owndata, ndm_array **out);
/* A new contiguous array in memory of the given dtype and shape, in order 'C'
 * or 'F'. NDM_EVALUE "array is too big; ..." if the byte count overflows. */
int ndm__array_empty(ndm__dtype dtype, int ndim, const int64_t *shape,
                     char order, bool zero, ndm_array **out);
/* Contiguous strides for a shape; fails with numpy's message on overflow. */
int ndm__strides_for(int ndim, const int64_t *shape, int64_t itemsize,
                     char order, int64_t *strides, int64_t *nbytes);
int64_t ndm__size(int ndim, const int64_t *shape);
bool ndm__is_c_contig(const ndm_array *a);
bool ndm__is_f_contig(const ndm_array *a);
/* True if the array is a memmap in numpy's sense (see ndm_array.memmap). */
bool ndm__is_memmap(const ndm_array *a);
/* The lowest and one-past-highest byte addresses the array touches. */
void ndm__extent(const ndm_array *a, char **lo, char **hi);
/* numpy's order argument: 'C','F','A','K' either case, 0 = 'C'. Returns the
 * effective layout 'C' or 'F', or NDM_EVALUE with numpy's message. */
int ndm__parse_order(char order, char *layout);

/* ---- threads (threads.c) ------------------------------------------------- */

#define NDM__MAX_THREADS 64
/* Threads a large loop may use: NDM_NUM_THREADS if set (1..64), else the
 * CPUs this process may run on (at most 64). Never less than 1. */
int ndm__threads_available(void);

/* ---- opening (memmap.c, os.c) --------------------------------------------- */

/* The modes after alias resolution. */
typedef enum ndm__mode { NDM__MODE_R, NDM__MODE_C, NDM__MODE_RP, NDM__MODE_WP } ndm__mode;
int ndm__parse_mode(const char *text, ndm__mode *out);
const char *ndm__mode_name(ndm__mode m);

/*
 * The core of numpy.memmap over an open descriptor, from step 4 (file length,
 * dtype) on: `fd` is open with access fitting `mode`; `path` is the name for
 * messages and filename (NULL for descriptors). dtype_text NULL = "uint8".
 * Used by ndm_memmap, ndm_memmap_fd and the .npy reader/writer.
 */
int ndm__memmap_fd(ndm_array **out, int fd, const char *path,
                   const char *dtype_text, ndm__mode mode, int64_t offset,
                   int ndim, const int64_t *shape, char order,
                   const ndm_open_options *opts);
/* Absolute, lexically normalised path as numpy's os.path.abspath. malloc'd. */
char *ndm__abspath(const char *path);

/* ---- index parsing (index.c) ---------------------------------------------- */

typedef enum ndm__ikind {
    NDM__IX_INT, NDM__IX_SLICE, NDM__IX_NEWAXIS, NDM__IX_ELLIPSIS
} ndm__ikind;

typedef struct ndm__ientry {
    ndm__ikind kind;
    int64_t value;              /* NDM__IX_INT */
    bool has_start, has_stop, has_step;
    int64_t start, stop, step;  /* NDM__IX_SLICE, clamped to int64 as Python
                                   clamps huge values against the length */
} ndm__ientry;

#define NDM__MAX_INDEX (2 * NDM_MAXDIMS + 1)

typedef struct ndm__index {
    int n;
    ndm__ientry e[NDM__MAX_INDEX];
    bool all_int; /* every entry an integer and as many as dimensions:
                     numpy selects a scalar (no broadcasting on assignment) */
} ndm__index;

/* Parse index text (pure). NDM_EINDEX / NDM_EVALUE with numpy's messages. */
int ndm__index_parse(const char *expr, ndm__index *out);
/* Apply a parsed index to an array's geometry: the view's data pointer,
 * ndim, shape, strides. */
int ndm__index_apply(const ndm_array *a, const ndm__index *ix, char **data,
                     int *ndim, int64_t *shape, int64_t *strides);

/* Fill *view with a[expr] (a stack copy of a's header re-aimed; it holds no
 * buffer reference). *scalar (if not NULL) tells whether the index selected
 * one element with integers only (numpy's scalar case). */
int ndm__view(ndm_array *a, const char *expr, ndm_array *view, bool *scalar);

/* ---- element loads, stores and casts (cast.c) ----------------------------- */

/* One element value in a wide native form. */
typedef struct ndm__value {
    ndm__kind kind;
    union {
        bool b;
        int64_t i;
        uint64_t u;
        double f;
        double c[2];
    } v;
} ndm__value;

/* memcpy for non-overlapping buffers; large copies use non-temporal stores
 * (the destination is not left in cache). */
void ndm__copy_bytes(void *restrict dst, const void *restrict src, size_t n);

/* Load/store one element at p (handles byte order and float16). */
void ndm__load(ndm__dtype d, const void *p, ndm__value *out);
void ndm__store(ndm__dtype d, void *p, const ndm__value *v);

/*
 * Copy with cast: dst[i] = (dst type) src[i] for n elements with byte strides
 * (a stride may be 0: broadcast). numpy's unsafe cast semantics. Typed inner
 * loops; byte swapping handled on either side.
 */
void ndm__cast_strided(ndm__dtype dt, char *dst, int64_t dstride,
                       ndm__dtype st, const char *src, int64_t sstride,
                       int64_t n);

/* One typed kernel of ndm__cast_strided: n elements, native byte order, byte
 * strides (0 = broadcast the one source element), no overlap. */
typedef void (*ndm__castfn)(char *restrict dst, int64_t ds, const char *restrict src, int64_t ss,
                            int64_t n);

/* The (src, dst) kernel from the baseline build (avx2 false) or the AVX2
 * build (avx2 true; NULL when this CPU or compiler has none). For the test
 * that holds the two builds to identical results. */
ndm__castfn ndm__cast_kernel(ndm__type src, ndm__type dst, bool avx2);

/*
 * The N-d assignment engine: dst (a view) = src broadcast to dst's shape and
 * cast. Handles overlap by copying src first. Broadcast errors with numpy's
 * message. dst writeability is the caller's check.
 */
int ndm__assign(ndm_array *dst, const ndm_array *src);

/* Fill every element of dst with one value given in dtype vt (native order). */
int ndm__fill(ndm_array *dst, ndm__dtype vt, const void *value);

/* ---- scalar literals (scalar.c) ------------------------------------------- */

/* Parse a Python scalar literal and convert it to dtype `d` as numpy does for
 * `a[...] = literal` (numpy 2 rules), writing one element in d's byte order
 * to out (itemsize bytes). */
int ndm__scalar_convert(const char *literal, ndm__dtype d, void *out);

#endif /* NDMAP_INTERNAL_H */
