/*
 * cmd_info.c -- ndmap info FILE: what a .npy header says and whether the file
 * size agrees with it; for raw files the size and, given a dtype, what
 * numpy.memmap would make of the file.
 */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help[] =
    "Usage: ndmap info FILE [OPTIONS]\n"
    "Describe FILE. For a .npy file: format version, header length, data offset,\n"
    "dtype, shape, order, sizes, and whether the file size matches the header\n"
    "(truncated data or trailing bytes); the header is read and checked as numpy\n"
    "reads it, without mapping the data. For a raw file: its size and, with\n"
    "--dtype (or --shape, --offset), the array numpy.memmap would map, or numpy's\n"
    "error.\n"
    "\n"
    "      --json             print the description as a JSON object\n"
    "\n" CLI_MAP_OPTIONS_HELP;

enum { OPT_JSON = 1 };
static const cli_option own[] = {{"json", 0, false, OPT_JSON}, {NULL, 0, false, 0}};

/* Output: "key: value" lines, or one JSON object. */
typedef struct out {
    bool json;
    int fields;
} out;

static void key(out *o, const char *label, const char *json_key) {
    if (o->json) {
        fputs(o->fields++ ? ", " : "{", stdout);
        cli_json_string(stdout, json_key);
        fputs(": ", stdout);
    } else {
        printf("%-16s", label);
    }
}
static void end_value(out *o) {
    if (!o->json) putchar('\n');
}
static void field_str(out *o, const char *label, const char *k, const char *v) {
    key(o, label, k);
    if (o->json) {
        if (v) cli_json_string(stdout, v);
        else fputs("null", stdout);
    } else {
        fputs(v ? v : "-", stdout);
    }
    end_value(o);
}
static void field_int(out *o, const char *label, const char *k, int64_t v) {
    key(o, label, k);
    printf("%" PRId64, v);
    end_value(o);
}
static void field_shape(out *o, const char *label, const char *k, int ndim, const int64_t *shape) {
    key(o, label, k);
    if (o->json) {
        cli_json_shape(stdout, ndim, shape);
    } else {
        char buf[NDM_MAXDIMS * 24 + 8];
        cli_shape_text(buf, sizeof buf, ndim, shape);
        fputs(buf, stdout);
    }
    end_value(o);
}
static void finish(out *o) {
    if (o->json) puts(o->fields ? "}" : "{}");
}

/* The dtype line: "float32 ('<f4')", or the descr alone when ndmap does not
 * support it. */
static void field_dtype(out *o, const char *name, const char *descr_repr) {
    if (o->json) {
        field_str(o, NULL, "dtype", name);
        return;
    }
    key(o, "dtype:", "dtype");
    if (name) printf("%s (%s)", name, descr_repr);
    else printf("%s (not supported by ndmap)", descr_repr);
    end_value(o);
}

/* product of the shape, or -1 on overflow / negative dimensions */
static int64_t shape_size(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0 || __builtin_mul_overflow(n, shape[i], &n)) return -1;
    }
    return n;
}

static int info_npy(const char *file, int64_t fsize, out *o) {
    cli_npyhead h;
    int rc = cli_npy_read_header(file, &h);
    if (rc) return rc;
    char version[16], *name = NULL;
    snprintf(version, sizeof version, "%d.%d", h.major, h.minor);
    ndm_array *z;
    if (h.descr && ndm_zeros(&z, h.descr, 0, NULL, 'C') == NDM_OK) {
        name = strdup(ndm_dtype_name(z));
        ndm_free(z);
    }
    field_str(o, "file:", "file", file);
    if (o->json) {
        field_str(o, NULL, "format", "npy");
        field_str(o, NULL, "version", version);
    } else {
        key(o, "format:", NULL);
        printf("npy %s", version);
        end_value(o);
    }
    field_int(o, "header length:", "header_length", h.header_len);
    field_int(o, "data offset:", "data_offset", h.data_offset);
    if (o->json) field_str(o, NULL, "descr", h.descr ? h.descr : h.descr_repr);
    field_dtype(o, name, h.descr_repr);
    if (h.shape_overflow) field_str(o, "shape:", "shape", h.shape_repr);
    else field_shape(o, "shape:", "shape", h.ndim, h.shape);
    if (o->json) {
        key(o, NULL, "fortran_order");
        fputs(h.fortran_order ? "true" : "false", stdout);
    }
    field_str(o, "order:", "order", h.fortran_order ? "F" : "C");
    int64_t size = h.shape_overflow ? -1 : shape_size(h.ndim, h.shape), bytes = -1;
    if (h.itemsize >= 0) field_int(o, "itemsize:", "itemsize", h.itemsize);
    if (size >= 0) field_int(o, "size:", "size", size);
    if (size >= 0 && h.itemsize >= 0 && !__builtin_mul_overflow(size, h.itemsize, &bytes))
        field_int(o, "data bytes:", "data_bytes", bytes);
    else
        bytes = -1;
    field_int(o, "file size:", "file_size", fsize);
    char status[96];
    const char *st = "unknown";
    if (size < 0 && !h.shape_overflow) {
        snprintf(status, sizeof status, "invalid shape (negative dimensions are not allowed)");
        st = "invalid";
    } else if (bytes < 0) {
        snprintf(status, sizeof status, "unknown (cannot size the data)");
    } else {
        int64_t expected = h.data_offset + bytes;
        if (o->json) field_int(o, NULL, "expected_file_size", expected);
        if (fsize == expected) {
            snprintf(status, sizeof status, "ok");
            st = "ok";
        } else if (fsize < expected) {
            snprintf(status, sizeof status, "truncated (%" PRId64 " of %" PRId64 " data bytes missing)",
                     expected - fsize, bytes);
            st = "truncated";
            if (o->json) field_int(o, NULL, "missing_bytes", expected - fsize);
        } else {
            snprintf(status, sizeof status, "%" PRId64 " trailing bytes after the data",
                     fsize - expected);
            st = "trailing bytes";
            if (o->json) field_int(o, NULL, "trailing_bytes", fsize - expected);
        }
    }
    field_str(o, "status:", "status", o->json ? st : status);
    finish(o);
    free(name);
    cli_npyhead_free(&h);
    return CLI_OK;
}

static int info_raw(const char *file, int64_t fsize, const cli_mapopts *m, out *o) {
    if (!m->dtype && m->ndim < 0 && !m->has_offset && !m->order) {
        field_str(o, "file:", "file", file);
        field_str(o, "format:", "format", "raw");
        field_int(o, "file size:", "file_size", fsize);
        finish(o);
        return CLI_OK;
    }
    ndm_array *a;
    bool is_npy;
    int rc = cli_open("info", file, m, "r", &a, &is_npy);
    if (rc) return rc;
    int64_t bytes = ndm_nbytes(a), offset = ndm_offset(a);
    field_str(o, "file:", "file", file);
    field_str(o, "format:", "format", "raw");
    field_int(o, "file size:", "file_size", fsize);
    if (o->json) field_str(o, NULL, "descr", ndm_dtype_str(a));
    char *descr = cli_pyrepr(ndm_dtype_str(a), strlen(ndm_dtype_str(a)));
    field_dtype(o, ndm_dtype_name(a), descr ? descr : ndm_dtype_str(a));
    free(descr);
    field_int(o, "offset:", "offset", offset);
    field_shape(o, "shape:", "shape", ndm_ndim(a), ndm_shape(a));
    bool f = m->order && (m->order[0] == 'F' || m->order[0] == 'f') && ndm_ndim(a) > 1;
    field_str(o, "order:", "order", f ? "F" : "C");
    field_int(o, "itemsize:", "itemsize", ndm_itemsize(a));
    field_int(o, "size:", "size", ndm_size(a));
    field_int(o, "data bytes:", "data_bytes", bytes);
    int64_t trailing = fsize - offset - bytes;
    if (trailing > 0) field_int(o, "trailing bytes:", "trailing_bytes", trailing);
    finish(o);
    ndm_free(a);
    return CLI_OK;
}

int cmd_info(int argc, char **argv) {
    static const cli_option *const tables[] = {own, cli_map_options, NULL};
    cli_args p;
    cli_mapopts m;
    out o = {0};
    int rc = cli_args_init(&p, "info", argc, argv);
    if (rc) return rc;
    cli_mapopts_init(&m);
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        if (id == CLI_OPT_HELP) {
            fputs(help, stdout);
            goto done;
        }
        if (id == OPT_JSON) o.json = true;
        else if ((rc = cli_map_option("info", id, arg, &m)) > 0) goto done;
        rc = CLI_OK;
    }
    if (id < 0) {
        rc = -id;
        goto done;
    }
    if (p.npos != 1) {
        rc = cli_usage("info", p.npos ? "too many arguments" : "missing FILE");
        goto done;
    }
    if (m.mode) {
        rc = cli_usage("info", "info maps files read-only (--mode is not accepted)");
        goto done;
    }
    const char *file = p.pos[0];
    struct stat st;
    if (stat(file, &st) != 0) {
        /* Let numpy's wording of the error come from the library. */
        ndm_array *a;
        if (ndm_memmap(&a, file, NULL, "r", 0, -1, NULL, 'C') == NDM_OK) ndm_free(a);
        rc = cli_fail_lib();
        goto done;
    }
    bool npy = !m.raw && cli_is_npy(file);
    if (npy && (m.dtype || m.ndim >= 0 || m.has_offset || m.order)) {
        rc = cli_usage("info",
                       "'%s' is a .npy file: --dtype, --shape, --offset and --order describe "
                       "raw files (add --raw to map it as raw data)",
                       file);
        goto done;
    }
    rc = npy ? info_npy(file, (int64_t)st.st_size, &o) : info_raw(file, (int64_t)st.st_size, &m, &o);
done:
    cli_args_free(&p);
    return rc;
}
