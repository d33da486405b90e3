/*
 * ndmap.h -- numpy.memmap for C.
 *
 * ndmap maps arrays stored in binary files (raw files and .npy files) as
 * N-dimensional typed arrays, with numpy.memmap's semantics: the modes
 * r / r+ / w+ / c, a byte offset, a shape inferred from the file size when it
 * is not given, C or Fortran order, flush; views made from numpy index text;
 * assignment with numpy's broadcasting and casting; repr() and str() output
 * identical to numpy's; and .npy files read and written byte for byte as
 * numpy.lib.format.open_memmap does.
 *
 * This header is the whole API. If it is not declared here, it is not API.
 *
 * ------------------------------------------------------------------------
 * CONVENTIONS
 *
 * - Names start with ndm_ / NDM_. Sizes, shapes, strides and offsets are
 *   int64_t. Strides are in bytes and may be negative.
 * - A function that can fail returns int: NDM_OK (0) on success, a negative
 *   NDM_E* code on failure. Results come back through out-parameters that are
 *   left untouched on failure. Functions returning a pointer return NULL on
 *   failure.
 * - After any failure, ndm_errmsg() returns this thread's message for it.
 *   Where numpy raises an exception for the same condition, the code names
 *   that exception's class and the message is numpy's text, exactly
 *   (for example "Size of available data is not a multiple of the data-type
 *   size.").
 * - The library never aborts, exits or prints. Bad input of any kind (strings,
 *   shapes, offsets, files) produces an error code and a message.
 * - The only mutable global state is the thread-local error message.
 *
 * OWNERSHIP (the one rule)
 *
 * Every ndm_array handle you receive is yours, and you release it with
 * ndm_free(). No function takes ownership of its arguments. Strings returned
 * as char * (ndm_repr, ndm_str, ...) are malloc'd and yours to free(); strings
 * returned as const char * belong to the library and live as long as stated
 * next to the function.
 *
 * LIFETIME OF MAPPINGS AND DATA POINTERS
 *
 * Opening a memmap creates one mapping. The array handle, and every view made
 * from it or from its views (ndm_index), holds a reference to that mapping.
 * The mapping is unmapped when the last handle referring to it is freed, in
 * any order: freeing the array you opened does not invalidate its views.
 * Therefore a pointer obtained from ndm_data(v) stays valid exactly as long as
 * at least one handle sharing v's mapping is alive; after the last ndm_free()
 * touching the pointer is undefined behaviour (typically SIGSEGV).
 * The same holds for arrays in memory: views share the buffer, and the buffer
 * lives while any handle refers to it.
 *
 * Writing through ndm_data() bypasses every check: writing into an array that
 * is not NDM_WRITEABLE (mode "r") faults with SIGSEGV, because the mapping is
 * read-only; the API functions refuse such writes with numpy's error instead.
 * Values reached through ndm_data() are in the array's own byte order: for a
 * non-native dtype (">f8" on a little-endian machine) they are byte-swapped;
 * every API function that reads or writes values swaps for you.
 *
 * Another process that truncates a mapped file makes later accesses beyond
 * the new end of file raise SIGBUS; this is a property of memory mapping, as
 * in numpy, and ndmap cannot prevent it.
 *
 * THREADS
 *
 * Different handles may be used from different threads at the same time,
 * including handles that share one mapping (reference counts are atomic).
 * One handle must not be freed while another thread uses it. Concurrent writes
 * to the same elements are data races, as with any memory.
 * ------------------------------------------------------------------------
 */
#ifndef NDMAP_H
#define NDMAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Everything declared here is exported from libndmap; internal functions
 * are hidden. */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

/* ---- Versions ----------------------------------------------------------- */

#define NDM_VERSION_MAJOR 0
#define NDM_VERSION_MINOR 1
#define NDM_VERSION_PATCH 0
#define NDM_VERSION_STRING "0.1.0"

/* The library's version; equals NDM_VERSION_STRING of the header it was built
 * with. Static storage. */
const char *ndm_version(void);

/* ---- Errors ------------------------------------------------------------- */

/* Error codes. Each stands for the Python exception numpy raises for the same
 * condition; ndm_error_name() gives that exception's name. */
#define NDM_OK         0
#define NDM_EVALUE    (-1) /* ValueError */
#define NDM_ETYPE     (-2) /* TypeError */
#define NDM_EINDEX    (-3) /* IndexError */
#define NDM_EOVERFLOW (-4) /* OverflowError */
#define NDM_ENOMEM    (-5) /* MemoryError: an allocation failed */
#define NDM_EOS       (-6) /* OSError: a system call failed; see ndm_errno() */
#define NDM_ENOTSUP   (-7) /* NotImplementedError: numpy supports it, ndmap
                              does not yet (e.g. structured dtypes) */

/* The exception name for an error code: "ValueError", "TypeError",
 * "IndexError", "OverflowError", "MemoryError", "OSError",
 * "NotImplementedError"; "OK" for NDM_OK; "UnknownError" for anything else.
 * Static storage; never NULL. */
const char *ndm_error_name(int code);

/* The message of this thread's last failure, as numpy words it where numpy
 * has the same condition. Thread-local storage: valid until the next call
 * into ndmap from this thread that fails. "" if nothing has failed. */
const char *ndm_errmsg(void);

/* The most specific Python exception class numpy raises for this thread's
 * last failure: for NDM_EOS "FileNotFoundError", "PermissionError",
 * "IsADirectoryError", "FileExistsError", "NotADirectoryError" or "OSError";
 * for NDM_EVALUE "UnicodeDecodeError" or "UnicodeEncodeError" where numpy
 * raises those subclasses, else "ValueError"; otherwise ndm_error_name() of
 * the code. Same lifetime as ndm_errmsg(). */
const char *ndm_errclass(void);

/* The errno of this thread's last NDM_EOS failure (0 if the last failure was
 * not an OS error). */
int ndm_errno(void);

/* ---- Arrays --------------------------------------------------------------- */

/* An N-dimensional typed array: a memmap, a view of one, or an array in
 * memory. Opaque. */
typedef struct ndm_array ndm_array;

/* numpy's limit on the number of dimensions. */
#define NDM_MAXDIMS 64

/* ---- Opening memmaps ------------------------------------------------------ */

/*
 * numpy.memmap(filename, dtype, mode, offset, shape, order).
 *
 * dtype   numpy's spellings of the supported types, NULL meaning "uint8":
 *         bool ("bool", "?", "b1"), int8..int64 ("int8", "i1", "b", "int16",
 *         "i2", "h", "int32", "i4", "i", "intc", "int64", "i8", "l", "q",
 *         "int", "long", "longlong", "intp"), the unsigned kinds likewise
 *         ("uint8", "u1", "B", ... "uint64", "u8", "L", "Q", "uint", "ulong"),
 *         float16 ("f2", "e", "half"), float32 ("f4", "f", "single"),
 *         float64 ("f8", "d", "double", "float"), complex64 ("c8", "F",
 *         "csingle"), complex128 ("c16", "D", "cdouble", "complex"), with the
 *         byte-order prefixes "<", ">", "=", "|". An unknown spelling fails
 *         with NDM_ETYPE "data type 'x' not understood"; a numpy dtype that
 *         ndmap does not support (longdouble, strings, void, structured,
 *         datetime, object) fails with NDM_ENOTSUP.
 * mode    "r", "r+", "w+", "c" or "readonly", "readwrite", "write",
 *         "copyonwrite"; NULL means "r+".
 *           r   read-only; the array is not writeable.
 *           r+  read and write; the file must exist; writes reach the file.
 *           w+  create or truncate, then read and write; needs a shape.
 *           c   copy-on-write: writeable in memory, the file never changes.
 * offset  byte offset of the array data in the file: any value, unaligned or
 *         past the end of the file (r+/w+ extend the file to hold the data).
 * ndim, shape
 *         ndim == -1 (shape NULL): shape=None, the array is 1-D and its length
 *         is inferred from the file size; ndim == 0: a 0-d array (one
 *         element); ndim in 1..NDM_MAXDIMS: shape[0..ndim-1].
 * order   'C' (or 0), 'F', 'A', 'K', either case.
 *
 * Returns NDM_OK and a new handle in *out, or an error code with numpy's
 * message; numpy's side effects happen in numpy's order (w+ truncates the file
 * even when the dtype is then rejected; r+ and w+ extend a short file).
 *
 * Disk space: when w+ or r+ extends a file, ndmap reserves the new blocks
 * (posix_fallocate) before mapping, so that writing into the array can never
 * fault later for lack of space. A full disk is reported here, at open, as
 * NDM_EOS with errno ENOSPC, and the file is left at its old size. On a
 * filesystem that cannot reserve blocks (posix_fallocate reports EOPNOTSUPP,
 * e.g. some network filesystems) the file is extended sparsely, as numpy
 * does, and a full disk then shows as SIGBUS on first write to a page; see
 * ndm_memmap_ex() to ask for sparse files deliberately.
 */
int ndm_memmap(ndm_array **out, const char *filename, const char *dtype,
               const char *mode, int64_t offset, int ndim,
               const int64_t *shape, char order);

/*
 * The same over an open file descriptor (numpy's file-object form). The
 * descriptor is neither closed nor reopened, and w+ does not truncate it;
 * mapping starts at byte 0 + offset whatever the descriptor's position, which
 * is left at the end of the file afterwards. The descriptor's access must
 * allow the mode (r+ on a read-only descriptor fails with NDM_EOS, EACCES).
 * ndm_filename() is NULL for such an array. The descriptor may be closed as
 * soon as this returns: the mapping keeps its own reference.
 */
int ndm_memmap_fd(ndm_array **out, int fd, const char *dtype, const char *mode,
                  int64_t offset, int ndim, const int64_t *shape, char order);

/* Options beyond numpy's parameters. Zero-initialise, then set fields. */
typedef struct ndm_open_options {
    unsigned flags;          /* NDM_OPEN_* bits below */
    int64_t max_header_size; /* .npy reading: the largest header accepted, in
                                characters; 0 means numpy's 10000 */
} ndm_open_options;

/* Create or extend files sparsely, as numpy does, instead of reserving blocks:
 * for huge, mostly empty files. The first write to each page then allocates
 * (slower: a fault and a block allocation per page) and a full disk raises
 * SIGBUS at that write instead of an error at open. */
#define NDM_OPEN_SPARSE   0x1u
/* Prefault the whole mapping at open (MAP_POPULATE): open costs a read of the
 * whole range, later accesses take no page faults. For arrays that will be
 * read completely and soon. */
#define NDM_OPEN_POPULATE 0x2u

/* ndm_memmap() with options; opts NULL means all defaults. */
int ndm_memmap_ex(ndm_array **out, const char *filename, const char *dtype,
                  const char *mode, int64_t offset, int ndim,
                  const int64_t *shape, char order,
                  const ndm_open_options *opts);

/* ---- Lifetime and persistence ------------------------------------------- */

/* Release this handle. NULL is a no-op. The mapping (or memory buffer) is
 * released when the last handle sharing it is freed; it is not flushed
 * explicitly (writes through r+/w+ are in the page cache already and reach
 * the file in time; call ndm_flush() or ndm_close() to be sure they are on
 * disk). */
void ndm_free(ndm_array *a);

/*
 * numpy flush(): write every change in the whole mapping back to the file and
 * wait for it (msync(MS_SYNC) over the entire mapping, also for a view).
 * A no-op returning NDM_OK for modes r and c and for arrays in memory.
 * Fails with NDM_EOS (errno from msync, e.g. EIO) when the write-back fails.
 */
int ndm_flush(ndm_array *a);

/* ndm_sync() flags. */
#define NDM_SYNC_VIEW    0x1u /* only the pages spanned by this view */
#define NDM_SYNC_ASYNC   0x2u /* start the write-back, do not wait */
#define NDM_SYNC_DURABLE 0x4u /* also make the file's existence durable: fsync
                                 its directory (for files just created) */

/* A flush with choices: ranged (NDM_SYNC_VIEW), asynchronous, or durable.
 * flags 0 is ndm_flush(). Same failures as ndm_flush(). */
int ndm_sync(ndm_array *a, unsigned flags);

/* Flush (as ndm_flush) and then free the handle, reporting the flush's
 * failure: the safe way to finish with a written memmap. The handle is freed
 * in every case. NULL is a no-op returning NDM_OK. */
int ndm_close(ndm_array *a);

/* ---- Access hints --------------------------------------------------------- */

#define NDM_ADVICE_NORMAL     0 /* default read-ahead */
#define NDM_ADVICE_SEQUENTIAL 1 /* will be read in order: more read-ahead, pages
                                   may be dropped soon after use; for scans */
#define NDM_ADVICE_RANDOM     2 /* scattered access: no read-ahead; for gathers
                                   such as random token windows */
#define NDM_ADVICE_WILLNEED   3 /* start reading these pages now, in the
                                   background; before a pass that will need them */
#define NDM_ADVICE_DONTNEED   4 /* drop these pages from this mapping (they are
                                   re-read from the file if touched again; for
                                   mode c, unsaved private changes are lost) */
#define NDM_ADVICE_POPULATE   5 /* fault the pages in now, synchronously, so the
                                   next pass takes no page faults */

/* Give the kernel a hint about how the bytes spanned by `a` (a memmap or any
 * view of one) will be used, with madvise() on the mapping and, where it
 * helps, posix_fadvise() on the file. Hints never change values. An array in
 * memory accepts every hint and ignores it. Fails with NDM_EVALUE for an
 * unknown advice and NDM_EOS if the kernel refuses. */
int ndm_advise(ndm_array *a, int advice);

/* ---- Arrays in memory ----------------------------------------------------- */

/* A new array in memory (not a memmap) holding a copy of nbytes bytes laid out
 * in `order` ('C' or 0, 'F'). nbytes must equal size * itemsize (NDM_EVALUE
 * otherwise). dtype as for ndm_memmap; NULL means float64, numpy's default for
 * new arrays. The bytes are taken as they are, in the dtype's byte order. */
int ndm_from_bytes(ndm_array **out, const char *dtype, int ndim,
                   const int64_t *shape, char order,
                   const void *data, size_t nbytes);

/* A new zero-filled array in memory (numpy.zeros(shape, dtype, order)). */
int ndm_zeros(ndm_array **out, const char *dtype, int ndim,
              const int64_t *shape, char order);

/* A new in-memory, C-ordered copy of `a` cast to `dtype` (numpy
 * a.astype(dtype) with unsafe casting; dtype NULL keeps a's dtype). It is not
 * a memmap and prints as array(...). */
int ndm_astype(ndm_array **out, const ndm_array *a, const char *dtype);

/* numpy a.tobytes(): the elements in C order, in a's own byte order, into buf.
 * nbytes must equal size * itemsize (NDM_EVALUE otherwise). Contiguous arrays
 * are copied at memcpy speed. */
int ndm_tobytes(const ndm_array *a, void *buf, size_t nbytes);

/* ---- Indexing and assignment ---------------------------------------------- */

/*
 * a[expr] for numpy basic-indexing text as written between the brackets:
 * integers (negative too), slices start:stop:step with any part omitted,
 * "...", "None" (also "np.newaxis"), separated by commas; e.g. "0, :",
 * "1:, :-1", "::-2", "..., None", "-1". Whitespace is ignored.
 *
 * The result is a view sharing a's memory (and, for a memmap, its mapping,
 * filename, offset and mode); it is writeable iff a is. An index that selects
 * a single element gives a 0-d view (numpy a[expr, ...]). As in numpy, a view
 * with no elements is not a memmap: it prints as array([], ...) and has no
 * filename. Errors are numpy's: NDM_EINDEX for out-of-range integers and too
 * many indices, NDM_EVALUE for a zero slice step, NDM_EINDEX for anything that
 * is not basic indexing ("only integers, slices (`:`), ellipsis (`...`),
 * numpy.newaxis (`None`) and integer or boolean arrays are valid indices").
 */
int ndm_index(ndm_array **out, ndm_array *a, const char *expr);

/* Views that numpy gives as attributes or methods. */
int ndm_transpose(ndm_array **out, ndm_array *a); /* a.T: axes reversed */

/*
 * numpy a[expr] = value. expr NULL or "..." means the whole array. The value
 * is broadcast to the selection and cast as numpy casts for assignment
 * (unsafe casting: floats truncate toward zero into integers, integers wrap,
 * complex loses its imaginary part). Source and destination may overlap (a
 * value that is a view of a): the result is as if the value were copied
 * first. Errors, in numpy's order: NDM_EVALUE "assignment destination is
 * read-only"; index errors; NDM_EVALUE "could not broadcast input array from
 * shape (4,) into shape (3,)"; NDM_EVALUE "setting an array element with a
 * sequence." when an all-integer index meets a value that is not 0-d.
 */
int ndm_setitem(ndm_array *a, const char *expr, const ndm_array *value);

/*
 * numpy a[expr] = <Python scalar literal>. literal is one of: an integer
 * ("0", "-3", any size), a float ("1.5", "-1e-5", "nan", "inf", "-inf"),
 * "True" or "False", or a complex ("2j", "(1+2j)", "-1.5e3-2j"). Conversion
 * follows numpy 2: an integer that does not fit an integer destination fails
 * with NDM_EOVERFLOW ("Python integer 300 out of bounds for uint8"); a float
 * is truncated toward zero first; nan into an integer array is NDM_EVALUE, inf
 * NDM_EOVERFLOW; a complex into a real array is NDM_ETYPE; floats overflowing
 * float32/float16 become +-inf. The conversion is checked even when the
 * selection is empty. An unparsable literal is NDM_EVALUE.
 */
int ndm_setitem_scalar(ndm_array *a, const char *expr, const char *literal);

/* Read one element: `index` holds ndim integers (negative count from the end;
 * NULL for a 0-d array). The value is cast to `dtype` (NULL: a's dtype) in
 * native byte order and written to *out, which must hold that dtype's
 * itemsize. NDM_EINDEX for an index out of range. */
int ndm_get(const ndm_array *a, const int64_t *index, const char *dtype,
            void *out);

/* Write one element: the value at `in`, of type `dtype` (NULL: a's dtype) in
 * native byte order, is cast to a's dtype and stored. NDM_EVALUE if a is not
 * writeable. */
int ndm_put(ndm_array *a, const int64_t *index, const char *dtype,
            const void *in);

/* ---- Introspection -------------------------------------------------------
 * Pointers returned here belong to the array and stay valid until it is
 * freed. None of these fail; a NULL array is undefined behaviour. */

int            ndm_ndim(const ndm_array *a);
const int64_t *ndm_shape(const ndm_array *a);   /* ndim entries */
const int64_t *ndm_strides(const ndm_array *a); /* bytes, may be negative */
int64_t        ndm_size(const ndm_array *a);    /* product of the shape */
int64_t        ndm_itemsize(const ndm_array *a);
int64_t        ndm_nbytes(const ndm_array *a);  /* size * itemsize */
/* Address of the first element (the element at index 0,...,0), in the
 * mapping or buffer; valid as described under LIFETIME above. */
void          *ndm_data(const ndm_array *a);
const char    *ndm_dtype_name(const ndm_array *a); /* dtype.name: "float32" */
const char    *ndm_dtype_str(const ndm_array *a);  /* dtype.str: "<f4", "|u1" */
/* 1 for a memmap and its non-empty views, 0 for arrays in memory and for
 * empty views (numpy returns plain ndarrays for those). */
int            ndm_is_memmap(const ndm_array *a);
/* The absolute, lexically normalised path (numpy's filename), NULL for arrays
 * opened from a descriptor, arrays in memory and empty views. */
const char    *ndm_filename(const ndm_array *a);
int64_t        ndm_offset(const ndm_array *a);  /* the offset given at open,
                                                   also for views; 0 if none */
const char    *ndm_mode(const ndm_array *a);    /* "r", "r+", "w+", "c"; NULL
                                                   if not a memmap */
unsigned       ndm_flags(const ndm_array *a);   /* NDM_* flag bits below */

/* numpy's flags of the same names. */
#define NDM_WRITEABLE    0x1u
#define NDM_C_CONTIGUOUS 0x2u
#define NDM_F_CONTIGUOUS 0x4u
#define NDM_OWNDATA      0x8u
#define NDM_ALIGNED      0x10u

/* ---- Text ----------------------------------------------------------------- */

/* numpy repr(a) and str(a) with default print options, byte for byte as
 * numpy >= 2.3 prints them: "memmap(...)" for a memmap or a view sharing its
 * mapping, "array(...)" for an array in memory. Returns a malloc'd string that
 * the caller frees with free(), or NULL (NDM_ENOMEM) on allocation failure.
 * Only the displayed elements are read (a summarised array reads its corners). */
char *ndm_repr(const ndm_array *a);
char *ndm_str(const ndm_array *a);

/* numpy.set_printoptions, as a value passed per call. Start from
 * ndm_print_options_default() and change fields; NULL floatmode, nanstr or
 * infstr mean the defaults. */
typedef struct ndm_print_options {
    int precision;      /* digits after the point; numpy default 8 */
    int64_t threshold;  /* summarise when size > threshold; default 1000 */
    int edgeitems;      /* items shown at each edge when summarising; 3 */
    int linewidth;      /* characters per line; 75 */
    int suppress;       /* bool: never scientific for small values; 0 */
    char sign;          /* '-', '+' or ' '; '-' */
    const char *floatmode; /* "maxprec" (default), "fixed", "unique",
                              "maxprec_equal" */
    const char *nanstr; /* "nan" */
    const char *infstr; /* "inf" */
} ndm_print_options;

/* Fill *opts with numpy's defaults. */
void ndm_print_options_default(ndm_print_options *opts);

/* ndm_repr / ndm_str with print options (NULL: defaults), validated as numpy
 * validates them. Returns NULL with NDM_EVALUE for invalid options (numpy's
 * messages: an unknown floatmode or sign, ...; a negative precision only when
 * a float needs formatting, as in numpy), NDM_ETYPE where numpy raises
 * TypeError (a negative edgeitems that leaves nothing to format), NDM_ENOMEM
 * on allocation failure. edgeitems 0 reads the whole array, as numpy does. */
char *ndm_repr_opts(const ndm_array *a, const ndm_print_options *opts);
char *ndm_str_opts(const ndm_array *a, const ndm_print_options *opts);

/* ---- Reductions ----------------------------------------------------------- */

/*
 * numpy a.sum(axis), a.min(axis), a.max(axis), a.mean(axis) for any array or
 * view (strided, negative strides, non-native byte order) of any supported
 * dtype. axis is one axis (negative counts from the end) or NDM_AXIS_ALL
 * (numpy axis=None). The result is a new C-ordered array in memory, in native
 * byte order: 0-d for NDM_AXIS_ALL (read it with ndm_get(r, NULL, "float64",
 * &x)), else a's shape without that axis.
 *
 * Result dtypes are numpy's: sum of bool and signed integers is int64, of
 * unsigned integers uint64 (wrapping on overflow), of floats and complex the
 * input's type; min and max keep the input's type; mean of bool and integers
 * is float64, of floats and complex the input's type.
 *
 * Values are numpy's, bit for bit, including rounding: floating-point sums
 * use numpy's pairwise summation (8 accumulators, blocks of 128, recursive
 * halving) over numpy's 8192-element buffer chunks, which are then added in
 * order; float16 sums accumulate in float32 and round to float16 between
 * chunks as numpy does; float16 means accumulate in float32. A reduction
 * along an axis that is not the innermost in memory adds the slices in order
 * as numpy does (no pairwise summation across them). min and max propagate
 * NaN; complex values compare lexicographically.
 *
 * Errors, numpy's: NDM_EVALUE with class "AxisError", "axis 2 is out of
 * bounds for array of dimension 2"; NDM_EVALUE "zero-size array to reduction
 * operation minimum which has no identity" (maximum) for min/max over no
 * elements. The sum of no elements is 0 and their mean is NaN (numpy warns;
 * ndmap does not). NDM_ENOMEM if the result cannot be allocated.
 *
 * Large reductions (8 MiB and more) run on several threads: as many as the
 * process may use CPUs (sched_getaffinity), or the environment variable
 * NDM_NUM_THREADS if set (1 disables threading). Results do not depend on the
 * number of threads.
 */
#define NDM_AXIS_ALL (-2147483647 - 1)

int ndm_sum(ndm_array **out, const ndm_array *a, int axis);
int ndm_min(ndm_array **out, const ndm_array *a, int axis);
int ndm_max(ndm_array **out, const ndm_array *a, int axis);
int ndm_mean(ndm_array **out, const ndm_array *a, int axis);

/* ---- Gathers ---------------------------------------------------------------- */

/* numpy a[indices] for a 1-D integer index array on the first axis
 * (numpy.take(a, indices, axis=0)): a new C-ordered array in memory of shape
 * (n,) + a.shape[1:] and a's dtype, owned by the caller (ndm_free) and
 * independent of a. Negative indices count from the end.
 * Large gathers prefetch ahead and run on several threads (NDM_NUM_THREADS).
 * Errors (*out untouched): NDM_EVALUE for NULL arguments or n < 0;
 * NDM_EINDEX "index 12 is out of bounds for axis 0 with size 10" as numpy,
 * or numpy's "too many indices" for a 0-d a; NDM_ENOMEM. */
int ndm_take(ndm_array **out, const ndm_array *a, const int64_t *indices, int64_t n);

/* Batches of windows, as ML data loaders cut them from a token file: for each
 * i < n, numpy's
 *     dst[i] = a[starts[i] : starts[i] + w]        (w = dst.shape[1])
 * with numpy's assignment casting (uint16 tokens into an int64 batch, say).
 * dst must have ndim a.ndim + 1, shape (n, w) + a.shape[1:] and be writeable;
 * every window must lie inside a: 0 <= starts[i] <= a.shape[0] - w. Windows
 * that overlap dst's memory are read as numpy reads them (copied first).
 * One call per batch: the windows are requested from memory ahead of the
 * conversion, and no index text is parsed. Returns NDM_OK.
 * Errors, checked before anything is written: NDM_EVALUE for NULL arguments,
 * a read-only dst ("assignment destination is read-only") or a dst whose
 * shape does not fit; NDM_EINDEX "window [s, s+w) is out of bounds for axis
 * 0 with size N". Only NDM_ENOMEM (windows overlapping dst) can leave a
 * batch partly written. */
int ndm_take_windows(ndm_array *dst, const ndm_array *a, const int64_t *starts, int64_t n);

/* ---- .npy files ----------------------------------------------------------- */

/*
 * numpy.lib.format.open_memmap(filename, mode, dtype, shape, fortran_order,
 * version). Modes containing 'w' take the write path (numpy's substring test):
 * "w+" creates or truncates the file, writes the header byte for byte as numpy
 * does, and returns a memmap whose mode is "r+" and whose offset is the header
 * length. Other modes read and validate the header (numpy's checks and
 * messages, in numpy's order) and map the data. dtype NULL means float64 and
 * is used only when creating; ndim/shape as for ndm_memmap (ndim -1 is an
 * error when creating, as in numpy); version 0 chooses 1.0, 2.0 or 3.0 as
 * numpy does, else 1, 2 or 3.
 */
int ndm_open_memmap(ndm_array **out, const char *filename, const char *mode,
                    const char *dtype, int ndim, const int64_t *shape,
                    int fortran_order, int version);

/* ndm_open_memmap() with options (max_header_size, NDM_OPEN_* flags); opts
 * NULL means defaults. */
int ndm_open_memmap_ex(ndm_array **out, const char *filename, const char *mode,
                       const char *dtype, int ndim, const int64_t *shape,
                       int fortran_order, int version,
                       const ndm_open_options *opts);

/* numpy.save(filename, a): write any array (a view, strided, Fortran-ordered,
 * non-native) to a new .npy file, replacing an existing one. Fortran-contiguous
 * arrays are stored with fortran_order True, everything else in C order, as
 * numpy does. version as for ndm_open_memmap. */
int ndm_save(const char *filename, const ndm_array *a, int version);

/* numpy.load(filename) for .npy files: read the whole array into memory (not a
 * memmap). opts may give max_header_size; NULL means defaults. */
int ndm_load(ndm_array **out, const char *filename,
             const ndm_open_options *opts);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* NDMAP_H */
