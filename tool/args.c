/*
 * args.c -- messages, the option parser, and values of options.
 *
 * The parser is small and strict rather than getopt_long: index text and
 * Python literals are often negative ("-1", "-1:", "-inf"), and they must be
 * positional arguments without a "--", which getopt cannot tell apart from
 * options. Options may come before or after positional arguments; "--name
 * VALUE" and "--name=VALUE" are both accepted.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- messages ------------------------------------------------------------- */

int cli_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("ndmap: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_ERR;
}

int cli_fail_lib(void) {
    fprintf(stderr, "ndmap: %s: %s\n", ndm_errclass(), ndm_errmsg());
    return CLI_ERR;
}

int cli_usage(const char *cmd, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("ndmap: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (cmd) fprintf(stderr, "Try 'ndmap %s --help' for more information.\n", cmd);
    else fputs("Try 'ndmap --help' for more information.\n", stderr);
    return CLI_USAGE;
}

/* ---- parsing -------------------------------------------------------------- */

int cli_args_init(cli_args *p, const char *cmd, int argc, char **argv) {
    memset(p, 0, sizeof *p);
    p->cmd = cmd;
    p->argc = argc;
    p->argv = argv;
    p->pos = calloc((size_t)argc + 1, sizeof *p->pos);
    if (!p->pos) return cli_fail("out of memory");
    return CLI_OK;
}

void cli_args_free(cli_args *p) {
    free(p->pos);
    p->pos = NULL;
}

/* A word starting with '-' that is a value, not an option: a negative
 * number, -inf/-nan, negative index text or a complex literal. */
static bool looks_like_value(const char *s) {
    if (s[0] != '-' || s[1] == '\0') return true; /* not an option; "-" alone */
    if (s[1] == '-') return false;
    char c = s[1];
    if (isdigit((unsigned char)c) || c == '.' || c == ':' || c == ',' || c == ' ' || c == '(')
        return true;
    return !strcmp(s, "-inf") || !strcmp(s, "-nan") || !strcmp(s, "-infj") ||
           !strcmp(s, "-nanj");
}

static const cli_option help_option = {"help", 'h', false, CLI_OPT_HELP};

static const cli_option *find_long(const cli_option *const *tables, const char *name, size_t n) {
    if (n == 4 && !strncmp(name, "help", 4)) return &help_option;
    for (; *tables; tables++)
        for (const cli_option *o = *tables; o->name; o++)
            if (strlen(o->name) == n && !strncmp(o->name, name, n)) return o;
    return NULL;
}

static const cli_option *find_short(const cli_option *const *tables, char c) {
    if (c == 'h') return &help_option;
    for (; *tables; tables++)
        for (const cli_option *o = *tables; o->name; o++)
            if (o->short_name == c) return o;
    return NULL;
}

int cli_next(cli_args *p, const cli_option *const *opts, const char **arg) {
    *arg = NULL;
    while (p->i < p->argc) {
        const char *w = p->argv[p->i++];
        if (p->only_positional || looks_like_value(w)) {
            p->pos[p->npos++] = w;
            continue;
        }
        if (!strcmp(w, "--")) {
            p->only_positional = true;
            continue;
        }
        const cli_option *o;
        const char *value = NULL;
        if (w[1] == '-') {
            const char *name = w + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            o = find_long(opts, name, n);
            if (!o) return -cli_usage(p->cmd, "unrecognized option '--%.*s'", (int)n, name);
            if (eq) {
                if (!o->has_arg) return -cli_usage(p->cmd, "option '--%s' takes no value", o->name);
                value = eq + 1;
            }
        } else {
            o = find_short(opts, w[1]);
            if (!o || w[2] != '\0') return -cli_usage(p->cmd, "unrecognized option '%s'", w);
        }
        if (o->has_arg && !value) {
            if (p->i >= p->argc) return -cli_usage(p->cmd, "option '--%s' needs a value", o->name);
            value = p->argv[p->i++];
        }
        *arg = value;
        return o->id;
    }
    return 0;
}

/* ---- values ---------------------------------------------------------------- */

int cli_parse_int(const char *cmd, const char *opt, const char *text, int64_t *out) {
    const char *s = text;
    while (isspace((unsigned char)*s)) s++;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    while (end && isspace((unsigned char)*end)) end++;
    if (end == s || *end || errno == ERANGE)
        return cli_usage(cmd, "invalid value for --%s: '%s' (an integer is needed)", opt, text);
    *out = (int64_t)v;
    return CLI_OK;
}

int cli_parse_shape(const char *cmd, const char *opt, const char *text, int *ndim,
                    int64_t *shape) {
    const char *s = text;
    while (isspace((unsigned char)*s)) s++;
    bool paren = *s == '(';
    if (paren) s++;
    int n = 0;
    for (;;) {
        while (isspace((unsigned char)*s)) s++;
        if (*s == '\0' || *s == ')') break;
        if (n == NDM_MAXDIMS)
            return cli_usage(cmd, "invalid value for --%s: more than %d dimensions", opt,
                             NDM_MAXDIMS);
        errno = 0;
        char *end;
        long long v = strtoll(s, &end, 10);
        if (end == s || errno == ERANGE) goto bad;
        shape[n++] = (int64_t)v;
        s = end;
        while (isspace((unsigned char)*s)) s++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\0' || *s == ')') break;
        goto bad;
    }
    if (paren) {
        if (*s != ')') goto bad;
        s++;
    } else if (*s == ')') {
        goto bad;
    }
    while (isspace((unsigned char)*s)) s++;
    if (*s) goto bad;
    if (n == 0 && !paren) goto bad; /* "" is not a shape; "()" is 0-d */
    *ndim = n;
    return CLI_OK;
bad:
    return cli_usage(cmd, "invalid value for --%s: '%s' (a shape such as 3,4 or '(3, 4)' or '()')",
                     opt, text);
}

/* ---- print options ------------------------------------------------------------ */

enum {
    PO_PRECISION = 3000, PO_THRESHOLD, PO_FULL, PO_EDGEITEMS, PO_LINEWIDTH, PO_SUPPRESS,
    PO_SIGN, PO_FLOATMODE, PO_NANSTR, PO_INFSTR
};

const cli_option cli_print_options[] = {
    {"precision", 0, true, PO_PRECISION}, {"threshold", 0, true, PO_THRESHOLD},
    {"full", 0, false, PO_FULL},          {"edgeitems", 0, true, PO_EDGEITEMS},
    {"linewidth", 0, true, PO_LINEWIDTH}, {"suppress", 0, false, PO_SUPPRESS},
    {"sign", 0, true, PO_SIGN},           {"floatmode", 0, true, PO_FLOATMODE},
    {"nanstr", 0, true, PO_NANSTR},       {"infstr", 0, true, PO_INFSTR},
    {NULL, 0, false, 0},
};

static int small_int(const char *cmd, const char *opt, const char *arg, int *out) {
    int64_t v;
    int rc = cli_parse_int(cmd, opt, arg, &v);
    if (rc) return rc;
    if (v < -2147483647 || v > 2147483647)
        return cli_usage(cmd, "invalid value for --%s: '%s' (out of range)", opt, arg);
    *out = (int)v;
    return CLI_OK;
}

int cli_print_option(const char *cmd, int id, const char *arg, ndm_print_options *po) {
    switch (id) {
    case PO_PRECISION: return small_int(cmd, "precision", arg, &po->precision);
    case PO_THRESHOLD: return cli_parse_int(cmd, "threshold", arg, &po->threshold);
    case PO_FULL: po->threshold = INT64_MAX; return CLI_OK;
    case PO_EDGEITEMS: return small_int(cmd, "edgeitems", arg, &po->edgeitems);
    case PO_LINEWIDTH: return small_int(cmd, "linewidth", arg, &po->linewidth);
    case PO_SUPPRESS: po->suppress = 1; return CLI_OK;
    case PO_SIGN:
        if (strlen(arg) != 1 || !strchr("-+ ", arg[0]))
            return cli_usage(cmd, "invalid value for --sign: '%s' (one of '-', '+', ' ')", arg);
        po->sign = arg[0];
        return CLI_OK;
    case PO_FLOATMODE: po->floatmode = arg; return CLI_OK;
    case PO_NANSTR: po->nanstr = arg; return CLI_OK;
    case PO_INFSTR: po->infstr = arg; return CLI_OK;
    default: return -1;
    }
}
