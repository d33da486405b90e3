/*
 * cmd_create.c -- ndmap create (new .npy or raw files) and ndmap set
 * (a[index] = scalar), which share the chunked fill.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_fill(ndm_array *a, const char *literal, const char *label, bool progress) {
    if (ndm_size(a) == 0) { /* numpy still converts the value */
        if (ndm_setitem_scalar(a, NULL, literal) != NDM_OK) return cli_fail_lib();
        return CLI_OK;
    }
    const char *mode = ndm_mode(a);
    bool shared_write = mode && (!strcmp(mode, "r+") || !strcmp(mode, "w+"));
    cli_walk w;
    int rc = cli_walk_init(&w, a, 'K', CLI_CHUNK_BYTES);
    if (rc) return rc;
    cli_progress bar;
    cli_progress_start(&bar, label, ndm_nbytes(a), progress);
    if (shared_write) (void)ndm_advise(a, NDM_ADVICE_SEQUENTIAL);
    ndm_array *v;
    int64_t n;
    while ((rc = cli_walk_next(&w, &v, &n)) == 1) {
        rc = CLI_OK;
        if (ndm_setitem_scalar(v, NULL, literal) != NDM_OK) {
            cli_progress_end(&bar);
            rc = cli_fail_lib();
        } else if (shared_write) {
            /* Start the write-back and drop the pages from this process:
             * they stay in the page cache until written. */
            (void)ndm_sync(v, NDM_SYNC_VIEW | NDM_SYNC_ASYNC);
            (void)ndm_advise(v, NDM_ADVICE_DONTNEED);
        }
        ndm_free(v);
        if (rc) break;
        cli_progress_add(&bar, n * ndm_itemsize(a));
    }
    cli_progress_end(&bar);
    cli_walk_free(&w);
    return rc;
}

/* ---- create ------------------------------------------------------------------- */

static const char create_help[] =
    "Usage: ndmap create FILE --shape S [OPTIONS]\n"
    "Create FILE as a .npy file, as numpy.lib.format.open_memmap(FILE, 'w+', dtype,\n"
    "shape, fortran_order) does, or with --raw as a raw file, as numpy.memmap(FILE,\n"
    "dtype, 'w+', offset, shape, order) does; zero-filled, or filled with --fill.\n"
    "\n"
    "      --shape S          e.g. 3,4 or '(3, 4)' or '()' (required)\n"
    "      --dtype D          numpy spelling (float64 for .npy, uint8 raw: numpy's)\n"
    "      --order O          C (default) or F (Fortran order)\n"
    "      --fill V           a Python scalar literal: 1.5, -3, nan, True, (1+2j)\n"
    "      --raw              a raw file without a header\n"
    "      --offset N         raw files: the data starts at byte N (zeros before)\n"
    "      --sparse           do not reserve disk blocks (a sparse file, as numpy)\n"
    "  -f, --force            replace FILE if it exists\n"
    "      --no-progress      never show a progress bar\n";

enum { C_SHAPE = 1, C_DTYPE, C_ORDER, C_FILL, C_RAW, C_OFFSET, C_SPARSE, C_FORCE, C_NOPROG };

static const cli_option create_opts[] = {
    {"shape", 0, true, C_SHAPE},   {"dtype", 0, true, C_DTYPE},   {"order", 0, true, C_ORDER},
    {"fill", 0, true, C_FILL},     {"raw", 0, false, C_RAW},      {"offset", 0, true, C_OFFSET},
    {"sparse", 0, false, C_SPARSE}, {"force", 'f', false, C_FORCE},
    {"no-progress", 0, false, C_NOPROG}, {NULL, 0, false, 0},
};

/* Check the fill value against the dtype before anything is created; *zero
 * tells whether it is all zero bytes (nothing to write in a new file). */
static int check_fill(const char *dtype, const char *fill, bool *zero) {
    ndm_array *z;
    *zero = true;
    if (ndm_zeros(&z, dtype, 0, NULL, 'C') != NDM_OK) return cli_fail_lib();
    int rc = CLI_OK;
    if (fill) {
        unsigned char buf[16] = {0};
        if (ndm_setitem_scalar(z, NULL, fill) != NDM_OK ||
            ndm_tobytes(z, buf, (size_t)ndm_itemsize(z)) != NDM_OK) {
            rc = cli_fail_lib();
        } else {
            for (int64_t i = 0; i < ndm_itemsize(z); i++) *zero = *zero && !buf[i];
        }
    }
    ndm_free(z);
    return rc;
}

int cmd_create(int argc, char **argv) {
    static const cli_option *const tables[] = {create_opts, NULL};
    cli_args p;
    int rc = cli_args_init(&p, "create", argc, argv);
    if (rc) return rc;
    int ndim = -1;
    int64_t shape[NDM_MAXDIMS], offset = 0;
    const char *dtype = NULL, *order = "C", *fill = NULL;
    bool raw = false, has_offset = false, sparse = false, force = false, progress = true;
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        rc = CLI_OK;
        switch (id) {
        case CLI_OPT_HELP: fputs(create_help, stdout); goto out;
        case C_SHAPE: rc = cli_parse_shape("create", "shape", arg, &ndim, shape); break;
        case C_DTYPE: dtype = arg; break;
        case C_ORDER: order = arg; break;
        case C_FILL: fill = arg; break;
        case C_RAW: raw = true; break;
        case C_OFFSET:
            has_offset = true;
            rc = cli_parse_int("create", "offset", arg, &offset);
            break;
        case C_SPARSE: sparse = true; break;
        case C_FORCE: force = true; break;
        case C_NOPROG: progress = false; break;
        }
        if (rc) goto out;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (p.npos != 1) {
        rc = cli_usage("create", p.npos ? "too many arguments" : "missing FILE");
        goto out;
    }
    if (ndim < 0) {
        rc = cli_usage("create", "--shape is required");
        goto out;
    }
    if (strcmp(order, "C") && strcmp(order, "F") && strcmp(order, "c") && strcmp(order, "f")) {
        rc = cli_usage("create", "invalid value for --order: '%s' (C or F)", order);
        goto out;
    }
    if (has_offset && !raw) {
        rc = cli_usage("create", "--offset applies to raw files (add --raw)");
        goto out;
    }
    const char *file = p.pos[0];
    if (!force && access(file, F_OK) == 0) {
        rc = cli_fail("'%s' exists (use --force to replace it)", file);
        goto out;
    }
    if (!dtype) dtype = raw ? "uint8" : "float64";
    bool zero;
    if ((rc = check_fill(dtype, fill, &zero))) goto out;
    ndm_open_options oo = {.flags = sparse ? NDM_OPEN_SPARSE : 0};
    bool fortran = order[0] == 'F' || order[0] == 'f';
    ndm_array *a;
    int lrc = raw ? ndm_memmap_ex(&a, file, dtype, "w+", offset, ndim, shape, order[0], &oo)
                  : ndm_open_memmap_ex(&a, file, "w+", dtype, ndim, shape, fortran, 0, &oo);
    if (lrc != NDM_OK) {
        rc = cli_fail_lib();
        goto out;
    }
    if (!zero) rc = cli_fill(a, fill, "create", progress);
    if (ndm_close(a) != NDM_OK && !rc) rc = cli_fail_lib();
    if (rc) unlink(file); /* no half-made files */
out:
    cli_args_free(&p);
    return rc;
}

/* ---- set ---------------------------------------------------------------------------- */

static const char set_help[] =
    "Usage: ndmap set FILE INDEX VALUE [OPTIONS]\n"
    "Assign VALUE to FILE[INDEX] as numpy does (the file mapped with mode r+), and\n"
    "flush. VALUE is converted with numpy 2's rules: out-of-range integers, NaN into\n"
    "integers and complex into real arrays are errors.\n"
    "\n"
    "  INDEX                  numpy basic indexing: '...' (everything), '0, :', '::2'\n"
    "  VALUE                  a Python scalar literal: 0, -3, 1.5, nan, -inf, True,\n"
    "                         (1+2j)\n"
    "      --no-progress      never show a progress bar\n"
    "\n" CLI_MAP_OPTIONS_HELP
    "\nA raw file shorter than --shape and --offset need is extended with zeros, and\n"
    "so is a truncated .npy file: numpy.memmap's mode r+ does the same.\n";

enum { S_NOPROG = 1 };
static const cli_option set_opts[] = {{"no-progress", 0, false, S_NOPROG}, {NULL, 0, false, 0}};

int cmd_set(int argc, char **argv) {
    static const cli_option *const tables[] = {set_opts, cli_map_options, NULL};
    cli_args p;
    cli_mapopts m;
    bool progress = true;
    int rc = cli_args_init(&p, "set", argc, argv);
    if (rc) return rc;
    cli_mapopts_init(&m);
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        if (id == CLI_OPT_HELP) {
            fputs(set_help, stdout);
            goto out;
        }
        if (id == S_NOPROG) progress = false;
        else if ((rc = cli_map_option("set", id, arg, &m)) > 0) goto out;
        rc = CLI_OK;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (m.mode) {
        rc = cli_usage("set", "set always maps FILE with mode r+ (--mode is not accepted)");
        goto out;
    }
    if (p.npos != 3) {
        rc = cli_usage("set", p.npos < 3 ? "set needs FILE INDEX VALUE" : "too many arguments");
        goto out;
    }
    ndm_array *a, *v;
    bool is_npy;
    if ((rc = cli_open("set", p.pos[0], &m, "r+", &a, &is_npy))) goto out;
    if (ndm_index(&v, a, p.pos[1]) != NDM_OK) {
        rc = cli_fail_lib();
    } else {
        rc = cli_fill(v, p.pos[2], "set", progress);
        ndm_free(v);
    }
    if (ndm_close(a) != NDM_OK && !rc) rc = cli_fail_lib();
out:
    cli_args_free(&p);
    return rc;
}
