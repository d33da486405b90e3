/*
 * cli.h -- declarations shared by the files of the ndmap command-line tool.
 *
 * The tool is a client of include/ndmap.h and of nothing else in the
 * library. Nothing here is API: these helpers have no promise beyond the
 * tool itself.
 *
 * Conventions: a command returns its exit status (CLI_OK, CLI_ERR,
 * CLI_USAGE). Helpers that can fail return 0 or CLI_ERR/CLI_USAGE and have
 * already printed their message ("ndmap: ...") on stderr, so callers only
 * clean up and pass the status on.
 */
#ifndef NDMAP_CLI_H
#define NDMAP_CLI_H

#include "ndmap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_OK    0
#define CLI_ERR   1
#define CLI_USAGE 2

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* ---- messages (args.c) ----------------------------------------------------
 * Every message goes to stderr as "ndmap: message". */

/* A tool error: prints the message, returns CLI_ERR. */
int cli_fail(const char *fmt, ...) CLI_PRINTF(1, 2);
/* A library failure: "ndmap: <numpy exception class>: <numpy message>",
 * returns CLI_ERR. */
int cli_fail_lib(void);
/* A usage error in command `cmd` (NULL: the tool itself): prints the
 * message and a hint to --help, returns CLI_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* ---- command-line parsing (args.c) ---------------------------------------- */

typedef struct cli_option {
    const char *name; /* long name without "--" */
    char short_name;  /* 0 if none */
    bool has_arg;
    int id;           /* > 0, returned by cli_next */
} cli_option;

#define CLI_OPT_HELP 1000 /* -h, --help: every command accepts it */

typedef struct cli_args {
    const char *cmd;      /* for messages */
    int argc;
    char **argv;
    int i;                /* next argument */
    bool only_positional; /* after "--" */
    const char **pos;     /* positional arguments, in order */
    int npos;
} cli_args;

/* Start parsing argv[0..argc-1] (the words after the command name). */
int cli_args_init(cli_args *p, const char *cmd, int argc, char **argv);
void cli_args_free(cli_args *p);
/*
 * The next option, looked up in the NULL-terminated list of option tables
 * `opts` (each ended by an entry with a NULL name): its id (> 0) with *arg
 * set for options taking a value;
 * 0 at the end (positional arguments are collected in p->pos); -CLI_USAGE
 * after printing a usage error. Words that look like negative numbers,
 * Python literals or index text ("-1", "-2.5", "-inf", "-1:", "-2j") are
 * positional, so `ndmap set f.npy -1 -3` works without "--".
 */
int cli_next(cli_args *p, const cli_option *const *opts, const char **arg);

/* Values of options. Each prints a usage error naming `opt` and returns
 * CLI_USAGE when the text is not valid. */
int cli_parse_int(const char *cmd, const char *opt, const char *text, int64_t *out);
/* A shape: "3,4", "(3, 4)", "(3,)", "3", "()" (0-d). */
int cli_parse_shape(const char *cmd, const char *opt, const char *text, int *ndim,
                    int64_t *shape);

/* ---- print options (args.c) ------------------------------------------------ */

/* Options of `show` that map to ndm_print_options: returns 0, CLI_USAGE,
 * or -1 if `id` is not a print option. */
int cli_print_option(const char *cmd, int id, const char *arg, ndm_print_options *po);
extern const cli_option cli_print_options[];
#define CLI_PRINT_OPTIONS_HELP                                                  \
    "Print options (numpy.set_printoptions):\n"                                 \
    "      --precision N      digits after the point (8)\n"                     \
    "      --threshold N      summarise arrays with more than N elements (1000)\n" \
    "      --full             never summarise (threshold=sys.maxsize)\n"        \
    "      --edgeitems N      items at each edge of a summary (3)\n"            \
    "      --linewidth N      characters per line (75)\n"                       \
    "      --suppress         never print small floats in scientific notation\n" \
    "      --sign C           '-', '+' or ' ' (-)\n"                            \
    "      --floatmode M      maxprec, fixed, unique or maxprec_equal (maxprec)\n" \
    "      --nanstr S         text for NaN (nan)\n"                             \
    "      --infstr S         text for infinity (inf)\n"

/* ---- opening inputs (input.c) ---------------------------------------------- */

/* numpy.memmap's parameters as given on the command line, for raw files. */
typedef struct cli_mapopts {
    const char *dtype;  /* NULL: not given */
    int ndim;           /* -1: not given (shape=None) */
    int64_t shape[NDM_MAXDIMS];
    int64_t offset;
    bool has_offset;
    const char *order;  /* NULL: not given */
    const char *mode;   /* NULL: the command's default */
    bool raw;           /* --raw: map as raw data even if the file is .npy */
} cli_mapopts;

void cli_mapopts_init(cli_mapopts *m);
/* The raw-file options every reading command accepts (ids 2000..2099). */
extern const cli_option cli_map_options[];
#define CLI_MAP_OPTIONS_HELP                                                    \
    "Raw files (numpy.memmap parameters; for a .npy file only with --raw):\n"     \
    "      --dtype D          element type, numpy spelling (uint8)\n"           \
    "      --shape S          e.g. 3,4 or '(3, 4)'; default: inferred, 1-D\n"   \
    "      --offset N         byte offset of the data (0)\n"                    \
    "      --order O          C or F (C)\n"                                     \
    "      --raw              map FILE as raw data even if it is a .npy file\n"
/* Handle one of cli_map_options: 0, CLI_USAGE, or -1 if `id` is not one
 * of them. */
int cli_map_option(const char *cmd, int id, const char *arg, cli_mapopts *m);

/* True if the file starts with the .npy magic "\x93NUMPY". Errors opening
 * the file are left to the library (which reports them as numpy does). */
bool cli_is_npy(const char *path);

/*
 * Open FILE as numpy would: a .npy file (detected by its magic, unless
 * m->raw) with numpy.lib.format.open_memmap, else numpy.memmap with the raw
 * parameters. mode: m->mode if given, else default_mode. For .npy files the
 * raw parameters are a usage error, and only r, r+ and c are accepted.
 * *is_npy tells which path was taken. Returns 0, CLI_ERR or CLI_USAGE.
 */
int cli_open(const char *cmd, const char *path, const cli_mapopts *m,
             const char *default_mode, ndm_array **out, bool *is_npy);

/* Apply numpy index text (NULL: none) to *a, replacing it by the view. */
int cli_apply_index(ndm_array **a, const char *index);

/* True if `index` is all integers, one per dimension of an ndim-d array:
 * numpy then returns a scalar, not a 0-d view. */
bool cli_index_is_scalar(const char *index, int ndim);

/* ---- .npy headers (npyhead.c) ------------------------------------------------- */

/* A .npy header as numpy reads it, without mapping the file. */
typedef struct cli_npyhead {
    int major, minor;
    int64_t header_len;   /* the HEADER_LEN field */
    int64_t data_offset;  /* where the data starts */
    char *descr;          /* the descr string; NULL for structured descrs */
    char *descr_repr;     /* Python repr of the descr value */
    int64_t itemsize;     /* -1 when the tool cannot size the dtype */
    bool fortran_order;
    int ndim;
    int64_t shape[NDM_MAXDIMS];
    bool shape_overflow;  /* a dimension beyond int64 */
    bool too_many_dims;   /* more than NDM_MAXDIMS (shape holds the first) */
    char *shape_repr;     /* Python repr of the shape */
} cli_npyhead;

/* Read and validate FILE's header with numpy's checks. On failure returns
 * CLI_ERR with *error set to "Class: message" (malloc'd, numpy's words);
 * the fields read before the failure (version, lengths) are kept. Free
 * with cli_npyhead_free in every case. */
int cli_npy_read_header(const char *path, cli_npyhead *h, char **error);
void cli_npyhead_free(cli_npyhead *h);

/* ---- text (text.c) ----------------------------------------------------------- */

/* Python repr of a string (quotes chosen as Python does, escapes). malloc'd. */
char *cli_pyrepr(const char *s, size_t n);
/* A shape as a Python tuple "(3, 4)", "(3,)", "()" into buf. */
void cli_shape_text(char *buf, size_t cap, int ndim, const int64_t *shape);
/* Python's repr of a float64 ("1.0", "1e-05", "inf", "nan"). */
void cli_float_repr(char *buf, size_t cap, double v);

/* str() of the numpy scalar a[index] (index: ndim integers; NULL for 0-d),
 * and its repr as numpy >= 2 writes it ("np.float32(1.5)", "np.True_").
 * malloc'd; NULL after printing an error. */
char *cli_scalar_str(const ndm_array *a, const int64_t *index);
char *cli_scalar_repr(const ndm_array *a, const int64_t *index);

/* JSON output to a FILE. Strings are escaped; cli_json_array writes all
 * of `a` as nested lists (a 0-d array as one value): ints exactly, floats
 * as numpy's shortest text, nan and infinities as the strings "nan", "inf",
 * "-inf", complex as [re, im], bools as true/false. */
void cli_json_string(FILE *f, const char *s);
int cli_json_array(FILE *f, const ndm_array *a);
void cli_json_shape(FILE *f, int ndim, const int64_t *shape);

/* ---- chunked walks over arrays (chunk.c) ----------------------------------- */

/* Bounds of one box of a streaming command: bytes of elements, and bytes of
 * address range spanned. Resident memory stays near the span. */
#define CLI_CHUNK_BYTES ((int64_t)8 << 20)
#define CLI_CHUNK_SPAN  ((int64_t)64 << 20)

/*
 * A walk over an array in boxes: each box is a view made with ndm_index
 * ("lo:hi" on every axis, so it keeps the array's ndim) of at most about
 * max_bytes of elements spanning at most about max_span bytes of memory (at
 * least one element). Boxes tile the array without overlap. outer[0] is the
 * slowest-changing axis of the walk, outer[ndim-1] the fastest.
 */
typedef struct cli_walk {
    ndm_array *a;
    int ndim;
    int64_t shape[NDM_MAXDIMS];
    int64_t extent[NDM_MAXDIMS]; /* box length along each axis */
    int outer[NDM_MAXDIMS];
    int64_t grid[NDM_MAXDIMS];   /* current box, per axis, in boxes */
    bool done;
    char *text;                  /* index text of the last box */
} cli_walk;

/*
 * Slabs: consecutive runs of elements in one order, so that visiting each
 * slab's elements in that order visits the whole array in that order.
 * order 'C' (axis 0 slowest), 'F' (axis 0 fastest) or 'K' (the order of
 * numpy's reductions: axes by decreasing |stride|, each walked forwards).
 */
int cli_walk_init(cli_walk *w, ndm_array *a, char order, int64_t max_bytes, int64_t max_span);
/* The next box (a new view, yours to free) and its element count; returns
 * 1, 0 at the end, CLI_ERR after printing a library error. */
int cli_walk_next(cli_walk *w, ndm_array **view, int64_t *n);
void cli_walk_free(cli_walk *w);
/*
 * The elements of `view` (a box of w) in walk order: *base is the address
 * of the first one, and for walk position j (0 = slowest) shape[j] and
 * strides[j] (bytes) give the length and step.
 */
void cli_walk_layout(const cli_walk *w, const ndm_array *view, char **base, int64_t *shape,
                     int64_t *strides);

/* ---- progress bar (progress.c) ---------------------------------------------- */

typedef struct cli_progress {
    bool on;
    const char *label;
    int64_t total, done;
    double start, last;
} cli_progress;

/* Shown only when stderr is a terminal, `enabled`, and total > 64 MiB. */
void cli_progress_start(cli_progress *p, const char *label, int64_t total_bytes, bool enabled);
void cli_progress_add(cli_progress *p, int64_t bytes);
/* Ends the bar's line (call before printing an error, too). */
void cli_progress_end(cli_progress *p);

/* ---- shared pieces of commands ---------------------------------------------- */

/* a[...] = literal over a possibly huge view, in slabs, with progress and
 * resident memory bounded (cmd_create.c). */
int cli_fill(ndm_array *a, const char *literal, const char *label, bool progress);

/* ---- statistics (stats.c) ---------------------------------------------------- */

/* np.min, np.max, np.mean, np.std and np.isnan(a).sum() of `a` over all
 * elements or along one axis, each as an in-memory array (0-d without an
 * axis) of the dtype numpy gives it; count is the number of elements each
 * result reduces. */
typedef struct cli_stats_result {
    bool has_axis;
    int64_t count;
    int ndim;
    int64_t shape[NDM_MAXDIMS];
    ndm_array *min, *max, *mean, *std, *nans;
} cli_stats_result;

/* Streams `a` twice in bounded memory (plus the results). Errors as numpy's
 * (AxisError, zero-size reductions), printed; returns 0 or CLI_ERR. */
int cli_stats(ndm_array *a, bool has_axis, int axis, bool progress, cli_stats_result *r);
void cli_stats_free(cli_stats_result *r);

/* ---- commands ---------------------------------------------------------------- */

int cmd_info(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_demo(int argc, char **argv);

#endif
