/*
 * cmd_stats.c -- ndmap stats FILE [INDEX]: count, min, max, mean, std and
 * the number of NaNs, as numpy computes them (see stats.c).
 */
#include "cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: ndmap stats FILE [INDEX] [OPTIONS]\n"
    "Count, min, max, mean, standard deviation and number of NaNs of the array in\n"
    "FILE, or of the view FILE[INDEX], equal to numpy's np.min, np.max, np.mean,\n"
    "np.std and np.isnan(a).sum(): same dtypes, same summation order (pairwise, in\n"
    "runs of 8192 elements, in memory order), printed as numpy prints them. The\n"
    "file is streamed in bounded memory, twice (std needs the mean first).\n"
    "\n"
    "      --axis N           reduce along axis N only (numpy's axis=N)\n"
    "      --json             print the results as a JSON object\n"
    "      --no-progress      never show a progress bar\n"
    "\n" CLI_MAP_OPTIONS_HELP;

enum { OPT_AXIS = 1, OPT_JSON, OPT_NOPROG };
static const cli_option own[] = {
    {"axis", 0, true, OPT_AXIS}, {"json", 0, false, OPT_JSON},
    {"no-progress", 0, false, OPT_NOPROG}, {NULL, 0, false, 0},
};

static int print_text(const char *label, const ndm_array *v) {
    char *s = ndm_str(v);
    if (!s) return cli_fail_lib();
    if (strchr(s, '\n')) printf("%s\n%s\n", label, s);
    else printf("%-6s %s\n", label, s);
    free(s);
    return CLI_OK;
}

static int print_json(const char *key, const ndm_array *v) {
    printf(", ");
    cli_json_string(stdout, key);
    printf(": ");
    return cli_json_array(stdout, v);
}

int cmd_stats(int argc, char **argv) {
    static const cli_option *const tables[] = {own, cli_map_options, NULL};
    cli_args p;
    cli_mapopts m;
    bool json = false, progress = true, has_axis = false;
    int64_t axis = 0;
    int rc = cli_args_init(&p, "stats", argc, argv);
    if (rc) return rc;
    cli_mapopts_init(&m);
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        rc = CLI_OK;
        if (id == CLI_OPT_HELP) {
            fputs(help, stdout);
            goto out;
        } else if (id == OPT_AXIS) {
            has_axis = true;
            rc = cli_parse_int("stats", "axis", arg, &axis);
            if (!rc && (axis < -NDM_MAXDIMS - 1 || axis > NDM_MAXDIMS))
                rc = cli_usage("stats", "invalid value for --axis: '%s'", arg);
        } else if (id == OPT_JSON) {
            json = true;
        } else if (id == OPT_NOPROG) {
            progress = false;
        } else {
            rc = cli_map_option("stats", id, arg, &m);
        }
        if (rc > 0) goto out;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (p.npos < 1 || p.npos > 2) {
        rc = cli_usage("stats", p.npos ? "too many arguments" : "missing FILE");
        goto out;
    }
    ndm_array *a;
    bool is_npy;
    if ((rc = cli_open("stats", p.pos[0], &m, "r", &a, &is_npy))) goto out;
    cli_stats_result r;
    if (!(rc = cli_apply_index(&a, p.npos > 1 ? p.pos[1] : NULL)) &&
        !(rc = cli_stats(a, has_axis, (int)axis, progress, &r))) {
        if (json) {
            printf("{\"count\": %" PRId64 ", \"dtype\": ", r.count);
            cli_json_string(stdout, ndm_dtype_name(a));
            if (print_json("min", r.min) || print_json("max", r.max) ||
                print_json("mean", r.mean) || print_json("std", r.std) ||
                print_json("nans", r.nans))
                rc = CLI_ERR;
            else
                printf("}\n");
        } else {
            printf("%-6s %" PRId64 "\n", "count:", r.count);
            if (print_text("min:", r.min) || print_text("max:", r.max) ||
                print_text("mean:", r.mean) || print_text("std:", r.std) ||
                print_text("nans:", r.nans))
                rc = CLI_ERR;
        }
        cli_stats_free(&r);
    }
    ndm_free(a);
out:
    cli_args_free(&p);
    return rc;
}
