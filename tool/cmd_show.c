/*
 * cmd_show.c -- ndmap show FILE [INDEX]: numpy's repr (or str) of an array
 * or a view, with print options.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: ndmap show FILE [INDEX] [OPTIONS]\n"
    "Print the array in FILE, or the view FILE[INDEX], exactly as numpy's repr().\n"
    ".npy files are recognised by their magic; any other file is raw data mapped\n"
    "as numpy.memmap(FILE, dtype, mode, offset, shape, order).\n"
    "\n"
    "  INDEX                  numpy basic indexing, e.g. '0, ::2', '..., -1', '1:3';\n"
    "                         all integers select one element (a numpy scalar)\n"
    "      --str              print str() instead of repr()\n"
    "      --json             print dtype, shape and all the data as JSON\n"
    "      --mode M           r (default), r+ or c; raw files also w+ (as numpy)\n"
    "\n" CLI_MAP_OPTIONS_HELP "\n" CLI_PRINT_OPTIONS_HELP;

enum { OPT_STR = 1, OPT_JSON };

static const cli_option own[] = {
    {"str", 0, false, OPT_STR}, {"json", 0, false, OPT_JSON}, {NULL, 0, false, 0},
};

static int show_json(const ndm_array *a, bool scalar) {
    fputs("{\"dtype\": ", stdout);
    cli_json_string(stdout, ndm_dtype_name(a));
    fputs(", \"descr\": ", stdout);
    cli_json_string(stdout, ndm_dtype_str(a));
    fputs(", \"shape\": ", stdout);
    cli_json_shape(stdout, scalar ? 0 : ndm_ndim(a), ndm_shape(a));
    fputs(", \"data\": ", stdout);
    if (cli_json_array(stdout, a)) return CLI_ERR;
    fputs("}\n", stdout);
    return CLI_OK;
}

int cmd_show(int argc, char **argv) {
    static const cli_option *const tables[] = {own, cli_map_options, cli_print_options, NULL};
    cli_args p;
    cli_mapopts m;
    ndm_print_options po;
    bool as_str = false, json = false;
    int rc = cli_args_init(&p, "show", argc, argv);
    if (rc) return rc;
    cli_mapopts_init(&m);
    ndm_print_options_default(&po);
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        if (id == CLI_OPT_HELP) {
            fputs(help, stdout);
            goto out;
        }
        if (id == OPT_STR) as_str = true;
        else if (id == OPT_JSON) json = true;
        else if ((rc = cli_map_option("show", id, arg, &m)) == -1)
            rc = cli_print_option("show", id, arg, &po);
        if (rc > 0) goto out;
        rc = CLI_OK;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (p.npos < 1 || p.npos > 2) {
        rc = cli_usage("show", p.npos ? "too many arguments" : "missing FILE");
        goto out;
    }
    const char *file = p.pos[0], *index = p.npos > 1 ? p.pos[1] : NULL;
    ndm_array *a = NULL;
    bool is_npy;
    if ((rc = cli_open("show", file, &m, "r", &a, &is_npy))) goto out;
    bool scalar = cli_index_is_scalar(index, ndm_ndim(a));
    if ((rc = cli_apply_index(&a, index))) goto done;
    if (json) {
        rc = show_json(a, scalar);
        goto done;
    }
    char *text;
    if (scalar) text = as_str ? cli_scalar_str(a, NULL) : cli_scalar_repr(a, NULL);
    else text = as_str ? ndm_str_opts(a, &po) : ndm_repr_opts(a, &po);
    if (!text) {
        rc = scalar ? CLI_ERR : cli_fail_lib();
        goto done;
    }
    puts(text);
    free(text);
done:
    ndm_free(a);
out:
    cli_args_free(&p);
    return rc;
}
