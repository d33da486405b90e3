/*
 * cmd_convert.c -- ndmap convert IN OUT: raw <-> .npy, dtype casts, byte
 * order, C <-> Fortran order, streamed in bounded memory.
 *
 * The input is mapped read-only and copied box by box (views from
 * ndm_index) into the mapped output with ndm_setitem, which casts and swaps
 * as numpy's assignment does. After each box both sides are released with
 * ndm_advise(DONTNEED) (the output's write-back started first), so the
 * resident set stays near two boxes whatever the file size. Between C and F
 * layouts the boxes are square-ish tiles, so neither side is read or
 * written a few bytes per page.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "Usage: ndmap convert IN OUT [OPTIONS]\n"
    "Copy the array in IN to a new file OUT, converting between raw and .npy, the\n"
    "element type (numpy's unsafe casting, as astype), the byte order and the\n"
    "memory order. Streams in slabs of a few MiB: files larger than memory convert.\n"
    "\n"
    "Output:\n"
    "      --to F             npy or raw (default: npy if OUT ends in .npy, else raw)\n"
    "      --dtype D          cast to D (default: IN's dtype, byte order included)\n"
    "      --byteorder B      little (<), big (>) or native (=)\n"
    "      --order O          C or F (default: F if IN is Fortran-ordered, else C)\n"
    "  -f, --force            replace OUT if it exists\n"
    "      --no-progress      never show a progress bar\n"
    "Input (IN is .npy by its magic; raw files take numpy.memmap's parameters):\n"
    "      --in-dtype D       element type of a raw IN (uint8)\n"
    "      --in-shape S       shape of a raw IN (default: inferred, 1-D)\n"
    "      --in-offset N      byte offset of the data in a raw IN (0)\n"
    "      --in-order O       C or F (C)\n"
    "      --raw              read IN as raw data even if it is a .npy file\n"
    "      --index EXPR       convert only the view IN[EXPR], e.g. '::2, 0'\n";

enum {
    O_TO = 1, O_DTYPE, O_BYTEORDER, O_ORDER, O_FORCE, O_NOPROG, O_IN_DTYPE, O_IN_SHAPE,
    O_IN_OFFSET, O_IN_ORDER, O_RAW, O_INDEX
};

static const cli_option opts[] = {
    {"to", 0, true, O_TO},           {"dtype", 0, true, O_DTYPE},
    {"byteorder", 0, true, O_BYTEORDER}, {"order", 0, true, O_ORDER},
    {"force", 'f', false, O_FORCE},  {"no-progress", 0, false, O_NOPROG},
    {"in-dtype", 0, true, O_IN_DTYPE}, {"in-shape", 0, true, O_IN_SHAPE},
    {"in-offset", 0, true, O_IN_OFFSET}, {"in-order", 0, true, O_IN_ORDER},
    {"raw", 0, false, O_RAW},        {"index", 0, true, O_INDEX},
    {NULL, 0, false, 0},
};

static char native_order(void) {
    const uint16_t one = 1;
    return *(const unsigned char *)&one ? '<' : '>';
}

/* The output dtype's text: `dtype` (or IN's) normalised, with the byte
 * order replaced when asked. */
static int output_dtype(const ndm_array *in, const char *dtype, char order, char *out, size_t cap) {
    ndm_array *z;
    if (ndm_zeros(&z, dtype ? dtype : ndm_dtype_str(in), 0, NULL, 'C') != NDM_OK)
        return cli_fail_lib();
    snprintf(out, cap, "%s", ndm_dtype_str(z));
    ndm_free(z);
    if (order && out[0] != '|') out[0] = order;
    return CLI_OK;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static bool is_f_only(const ndm_array *a) {
    unsigned f = ndm_flags(a);
    return (f & NDM_F_CONTIGUOUS) && !(f & NDM_C_CONTIGUOUS);
}

static int copy(ndm_array *in, ndm_array *out, char out_order, bool progress) {
    char in_order = is_f_only(in) ? 'F' : 'C';
    cli_walk w;
    int rc = ndm_ndim(in) >= 2 && in_order != out_order
                 ? cli_walk_init_tiles(&w, in, out_order, CLI_CHUNK_BYTES)
                 : cli_walk_init(&w, in, out_order, CLI_CHUNK_BYTES);
    if (rc) return rc;
    cli_progress bar;
    cli_progress_start(&bar, "convert", ndm_nbytes(out), progress);
    (void)ndm_advise(in, NDM_ADVICE_SEQUENTIAL);
    ndm_array *src, *dst;
    int64_t n;
    while ((rc = cli_walk_next(&w, &src, &n)) == 1) {
        rc = CLI_OK;
        if (ndm_index(&dst, out, w.text) != NDM_OK) {
            rc = cli_fail_lib();
        } else {
            if (ndm_setitem(dst, NULL, src) != NDM_OK) {
                rc = cli_fail_lib();
            } else {
                (void)ndm_sync(dst, NDM_SYNC_VIEW | NDM_SYNC_ASYNC);
                (void)ndm_advise(dst, NDM_ADVICE_DONTNEED);
                (void)ndm_advise(src, NDM_ADVICE_DONTNEED);
            }
            ndm_free(dst);
        }
        ndm_free(src);
        if (rc) {
            cli_progress_end(&bar);
            break;
        }
        cli_progress_add(&bar, n * ndm_itemsize(out));
    }
    cli_progress_end(&bar);
    cli_walk_free(&w);
    return rc;
}

int cmd_convert(int argc, char **argv) {
    static const cli_option *const tables[] = {opts, NULL};
    cli_args p;
    cli_mapopts m;
    const char *to = NULL, *dtype = NULL, *order = NULL, *index = NULL;
    char byteorder = 0;
    bool force = false, progress = true;
    int rc = cli_args_init(&p, "convert", argc, argv);
    if (rc) return rc;
    cli_mapopts_init(&m);
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        rc = CLI_OK;
        switch (id) {
        case CLI_OPT_HELP: fputs(help, stdout); goto out;
        case O_TO:
            if (strcmp(arg, "npy") && strcmp(arg, "raw"))
                rc = cli_usage("convert", "invalid value for --to: '%s' (npy or raw)", arg);
            to = arg;
            break;
        case O_DTYPE: dtype = arg; break;
        case O_BYTEORDER:
            if (!strcmp(arg, "little") || !strcmp(arg, "<")) byteorder = '<';
            else if (!strcmp(arg, "big") || !strcmp(arg, ">")) byteorder = '>';
            else if (!strcmp(arg, "native") || !strcmp(arg, "=")) byteorder = native_order();
            else rc = cli_usage("convert", "invalid value for --byteorder: '%s' (little, big or native)", arg);
            break;
        case O_ORDER:
            if (strcmp(arg, "C") && strcmp(arg, "F") && strcmp(arg, "c") && strcmp(arg, "f"))
                rc = cli_usage("convert", "invalid value for --order: '%s' (C or F)", arg);
            order = arg;
            break;
        case O_FORCE: force = true; break;
        case O_NOPROG: progress = false; break;
        case O_IN_DTYPE: m.dtype = arg; break;
        case O_IN_SHAPE: rc = cli_parse_shape("convert", "in-shape", arg, &m.ndim, m.shape); break;
        case O_IN_OFFSET:
            m.has_offset = true;
            rc = cli_parse_int("convert", "in-offset", arg, &m.offset);
            break;
        case O_IN_ORDER: m.order = arg; break;
        case O_RAW: m.raw = true; break;
        case O_INDEX: index = arg; break;
        }
        if (rc) goto out;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (p.npos != 2) {
        rc = cli_usage("convert", p.npos < 2 ? "convert needs IN and OUT" : "too many arguments");
        goto out;
    }
    const char *inpath = p.pos[0], *outpath = p.pos[1];
    struct stat si, so;
    bool out_exists = stat(outpath, &so) == 0;
    if (out_exists && stat(inpath, &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
        rc = cli_fail("'%s' and '%s' are the same file", inpath, outpath);
        goto out;
    }
    if (out_exists && !force) {
        rc = cli_fail("'%s' exists (use --force to replace it)", outpath);
        goto out;
    }
    ndm_array *in = NULL, *res = NULL;
    bool is_npy;
    if ((rc = cli_open("convert", inpath, &m, "r", &in, &is_npy))) goto out;
    if ((rc = cli_apply_index(&in, index))) goto done;
    char odt[16];
    if ((rc = output_dtype(in, dtype, byteorder, odt, sizeof odt))) goto done;
    char oorder = order ? (char)(order[0] & ~0x20) : is_f_only(in) ? 'F' : 'C';
    bool npy = to ? !strcmp(to, "npy") : ends_with(outpath, ".npy");
    int ndim = ndm_ndim(in);
    int lrc = npy ? ndm_open_memmap(&res, outpath, "w+", odt, ndim, ndm_shape(in), oorder == 'F', 0)
                  : ndm_memmap(&res, outpath, odt, "w+", 0, ndim, ndm_shape(in), oorder);
    if (lrc != NDM_OK) {
        rc = cli_fail_lib();
        goto done;
    }
    rc = copy(in, res, oorder, progress);
    if (ndm_close(res) != NDM_OK && !rc) rc = cli_fail_lib();
    if (rc) unlink(outpath); /* no half-converted files */
done:
    ndm_free(in);
out:
    cli_args_free(&p);
    return rc;
}
