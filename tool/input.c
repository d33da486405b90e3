/*
 * input.c -- opening FILE arguments as numpy would: .npy files (detected by
 * their magic) through open_memmap, anything else through numpy.memmap with
 * the raw parameters given on the command line.
 */
#include "cli.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MO_DTYPE = 2000, MO_SHAPE, MO_OFFSET, MO_ORDER, MO_MODE, MO_RAW };

const cli_option cli_map_options[] = {
    {"dtype", 0, true, MO_DTYPE}, {"shape", 0, true, MO_SHAPE},
    {"offset", 0, true, MO_OFFSET}, {"order", 0, true, MO_ORDER},
    {"mode", 0, true, MO_MODE},   {"raw", 0, false, MO_RAW},
    {NULL, 0, false, 0},
};

void cli_mapopts_init(cli_mapopts *m) {
    memset(m, 0, sizeof *m);
    m->ndim = -1;
}

int cli_map_option(const char *cmd, int id, const char *arg, cli_mapopts *m) {
    switch (id) {
    case MO_DTYPE: m->dtype = arg; return CLI_OK;
    case MO_SHAPE: return cli_parse_shape(cmd, "shape", arg, &m->ndim, m->shape);
    case MO_OFFSET:
        m->has_offset = true;
        return cli_parse_int(cmd, "offset", arg, &m->offset);
    case MO_ORDER: m->order = arg; return CLI_OK;
    case MO_MODE: m->mode = arg; return CLI_OK;
    case MO_RAW: m->raw = true; return CLI_OK;
    default: return -1;
    }
}

bool cli_is_npy(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    unsigned char magic[6];
    ssize_t n = pread(fd, magic, sizeof magic, 0);
    close(fd);
    return n == (ssize_t)sizeof magic && !memcmp(magic, "\x93NUMPY", 6);
}

/* numpy's order argument is a string; ndm_memmap takes its one character.
 * Longer text fails as numpy fails for it. */
static int order_char(const char *order, char *c) {
    if (!order) {
        *c = 'C';
        return CLI_OK;
    }
    if (strlen(order) == 1) {
        *c = order[0];
        return CLI_OK;
    }
    char *r = cli_pyrepr(order, strlen(order));
    fprintf(stderr, "ndmap: ValueError: order must be one of 'C', 'F', 'A', or 'K' (got %s)\n",
            r ? r : order);
    free(r);
    return CLI_ERR;
}

int cli_open(const char *cmd, const char *path, const cli_mapopts *m,
             const char *default_mode, ndm_array **out, bool *is_npy) {
    const char *mode = m->mode ? m->mode : default_mode;
    *is_npy = !m->raw && cli_is_npy(path);
    if (*is_npy) {
        if (m->dtype || m->ndim >= 0 || m->has_offset || m->order)
            return cli_usage(cmd,
                             "'%s' is a .npy file: --dtype, --shape, --offset and --order "
                             "describe raw files (add --raw to map it as raw data)",
                             path);
        if (strcmp(mode, "r") && strcmp(mode, "r+") && strcmp(mode, "c") &&
            strcmp(mode, "readonly"))
            return cli_usage(cmd, "mode '%s' cannot open an existing .npy file "
                                  "(use r, r+ or c; 'ndmap create' makes new files)", mode);
        if (ndm_open_memmap(out, path, mode, NULL, -1, NULL, 0, 0) != NDM_OK) return cli_fail_lib();
        return CLI_OK;
    }
    char order;
    int rc = order_char(m->order, &order);
    if (rc) return rc;
    if (ndm_memmap(out, path, m->dtype, mode, m->offset, m->ndim, m->ndim >= 0 ? m->shape : NULL,
                   order) != NDM_OK)
        return cli_fail_lib();
    return CLI_OK;
}

int cli_apply_index(ndm_array **a, const char *index) {
    if (!index) return CLI_OK;
    ndm_array *v;
    if (ndm_index(&v, *a, index) != NDM_OK) return cli_fail_lib();
    ndm_free(*a);
    *a = v;
    return CLI_OK;
}

bool cli_index_is_scalar(const char *index, int ndim) {
    if (!index || ndim == 0) return false;
    int count = 0;
    const char *s = index;
    for (;;) {
        while (isspace((unsigned char)*s)) s++;
        if (*s == '\0') return count == ndim && count > 0;
        if (*s == '+' || *s == '-') s++;
        if (!isdigit((unsigned char)*s)) return false;
        while (isdigit((unsigned char)*s)) s++;
        while (isspace((unsigned char)*s)) s++;
        count++;
        if (*s == ',') s++;
        else if (*s != '\0') return false;
    }
}
