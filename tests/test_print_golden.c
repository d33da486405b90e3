/*
 * test_print_golden.c -- ndm_repr / ndm_str against numpy's own output:
 *   - every case of golden/repr.jsonl (numpy >= 2.3 text);
 *   - the differential cases of tests/oracle/print_cases.jsonl, made by
 *     tests/oracle/gen_print.py from numpy 1.24 with the spec's FIX rewrites
 *     (random dtypes, shapes, values, views and print options);
 *   - a fresh differential set generated at test time when $NDM_PYTHON has
 *     numpy 1.24 (seed $NDM_PRINT_SEED, default 2), skipped otherwise;
 *     $NDM_PRINT_CASES names a file of cases to replay instead.
 * All three share one schema (see gen_print.py) and one checker.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Print options from a case's "opts" object; absent fields keep defaults. */
static void case_options(const json_value *o, ndm_print_options *po) {
    ndm_print_options_default(po);
    po->precision = (int)json_int(o, "precision", po->precision);
    po->threshold = json_int(o, "threshold", po->threshold);
    po->edgeitems = (int)json_int(o, "edgeitems", po->edgeitems);
    po->linewidth = (int)json_int(o, "linewidth", po->linewidth);
    po->suppress = json_bool(o, "suppress", false);
    const char *s = json_str(o, "sign");
    if (s) po->sign = s[0];
    if (json_str(o, "floatmode")) po->floatmode = json_str(o, "floatmode");
    if (json_str(o, "nanstr")) po->nanstr = json_str(o, "nanstr");
    if (json_str(o, "infstr")) po->infstr = json_str(o, "infstr");
}

/* Build the case's array: in memory, or a memmap over a file holding the
 * bytes; then the optional view (index text, transpose). */
static int build(const json_value *c, ndm_array **out, char **why) {
    int64_t shape[NDM_MAXDIMS];
    int ndim = tu_int_list(json_get(c, "shape"), shape, NDM_MAXDIMS);
    const char *dtype = json_str(c, "dtype");
    const char *order = json_str(c, "order");
    size_t nb = 0;
    unsigned char *data = json_hex_decode(json_str(c, "data_hex"), &nb);
    ndm_array *a = NULL;
    int rc;
    if (json_bool(c, "is_memmap", false)) {
        tu_write_bytes("case.bin", data, nb);
        /* numpy maps an empty file only with r+ / w+ (gh-27723). */
        rc = ndm_memmap(&a, "case.bin", dtype, nb ? "r" : "r+", 0, ndim,
                        ndim ? shape : NULL, order ? order[0] : 'C');
    } else {
        rc = ndm_from_bytes(&a, dtype, ndim, shape, order ? order[0] : 'C', data, nb);
    }
    free(data);
    if (rc < 0) {
        asprintf(why, "building the array failed: %s", ndm_errmsg());
        return rc;
    }
    const char *ix = json_str(c, "index");
    if (ix) {
        ndm_array *v = NULL;
        rc = ndm_index(&v, a, ix);
        ndm_free(a);
        if (rc < 0) {
            asprintf(why, "ndm_index(%s) failed: %s", ix, ndm_errmsg());
            return rc;
        }
        a = v;
    }
    if (json_bool(c, "transpose", false)) {
        ndm_array *t = NULL;
        rc = ndm_transpose(&t, a);
        ndm_free(a);
        if (rc < 0) {
            asprintf(why, "ndm_transpose failed: %s", ndm_errmsg());
            return rc;
        }
        a = t;
    }
    *out = a;
    return NDM_OK;
}

/* Check one case; NULL when ndmap prints what numpy printed, else a
 * malloc'd description of the first difference. */
static char *check_case(const json_value *c) {
    char *why = NULL;
    ndm_array *a = NULL;
    if (build(c, &a, &why) < 0) return why;
    const json_value *oj = json_get(c, "opts");
    ndm_print_options po;
    case_options(oj, &po);
    const ndm_print_options *popt = oj ? &po : NULL;
    char *r = popt ? ndm_repr_opts(a, popt) : ndm_repr(a);
    char *s = popt ? ndm_str_opts(a, popt) : ndm_str(a);
    const json_value *err = json_get(c, "error");
    if (err) {
        const char *msg = json_str(err, "message");
        if (r || s)
            asprintf(&why, "printed, numpy raised %s: %s", json_str(err, "class"), msg);
        else if (strcmp(ndm_errmsg(), msg) || strcmp(ndm_errclass(), json_str(err, "class")))
            asprintf(&why, "error %s '%s', numpy %s '%s'", ndm_errclass(), ndm_errmsg(),
                     json_str(err, "class"), msg);
    } else {
        const char *want_r = json_str(c, "repr");
        const char *want_s = json_str(c, "str"); /* NULL: not recorded */
        if (!r)
            asprintf(&why, "repr failed: %s", ndm_errmsg());
        else if (strcmp(r, want_r))
            asprintf(&why, "repr\n%s\nnumpy\n%s", r, want_r);
        else if (want_s && !s)
            asprintf(&why, "str failed: %s", ndm_errmsg());
        else if (want_s && strcmp(s, want_s))
            asprintf(&why, "str\n%s\nnumpy\n%s", s, want_s);
    }
    free(r);
    free(s);
    ndm_free(a);
    return why;
}

/* Run every case of a JSON Lines file; report each failure, return counts. */
static void run_file(const char *path, int *npass, int *nfail) {
    size_t len = 0;
    char *buf = json_read_file(path, &len);
    cr_assert(buf, "cannot read %s", path);
    char *dir = tu_enter_tmpdir();
    size_t pos = 0, ll;
    const char *line;
    *npass = *nfail = 0;
    while ((line = json_next_line(buf, len, &pos, &ll)) != NULL) {
        if (ll == 0) continue;
        json_value *c = json_parse(line, ll);
        cr_assert(c, "bad JSON line in %s", path);
        char *why = check_case(c);
        if (why) {
            (*nfail)++;
            if (*nfail <= 20)
                cr_log_error("%s (%s %s): %s", json_str(c, "id"), json_str(c, "dtype"),
                             json_str(c, "tag"), why);
            free(why);
        } else {
            (*npass)++;
        }
        json_free(c);
    }
    tu_leave_tmpdir(dir);
    free(buf);
}

Test(print_golden, repr_jsonl) {
    char *path = tu_golden_path("repr.jsonl");
    int pass, fail;
    run_file(path, &pass, &fail);
    cr_log_info("golden repr.jsonl: %d passed, %d failed", pass, fail);
    cr_expect_eq(pass, 1500, "cases in repr.jsonl");
    cr_assert_eq(fail, 0, "%d golden repr cases differ from numpy", fail);
    free(path);
}

static char *root_path(const char *rel) {
    const char *root = getenv("NDM_ROOT");
    char *p = NULL;
    asprintf(&p, "%s/%s", root ? root : ".", rel);
    return p;
}

Test(print_diff, committed_cases) {
    char *path = root_path("tests/oracle/print_cases.jsonl");
    int pass, fail;
    run_file(path, &pass, &fail);
    cr_log_info("differential print_cases.jsonl: %d passed, %d failed", pass, fail);
    cr_expect_gt(pass, 900);
    cr_assert_eq(fail, 0, "%d differential cases differ from numpy", fail);
    free(path);
}

/* Fresh cases from numpy at test time (CI installs python3-numpy). */
Test(print_diff, fresh_cases, .timeout = 120) {
    const char *given = getenv("NDM_PRINT_CASES");
    if (given && *given) {
        int pass, fail;
        run_file(given, &pass, &fail);
        cr_log_info("%s: %d passed, %d failed", given, pass, fail);
        cr_assert_eq(fail, 0, "%d cases of %s differ from numpy", fail, given);
        return;
    }
    const char *py = getenv("NDM_PYTHON");
    if (!py || !*py) cr_skip_test("NDM_PYTHON not set");
    /* Under `make valgrind` (--trace-children) Python itself would run under
     * memcheck; the committed cases cover ndmap there. */
    const char *pre = getenv("LD_PRELOAD");
    if (pre && strstr(pre, "vgpreload")) cr_skip_test("skipped under valgrind");
    char *probe = NULL;
    asprintf(&probe, "'%s' -c 'import numpy; assert numpy.__version__ == \"1.24.2\"' 2>/dev/null", py);
    int ok = system(probe);
    free(probe);
    if (ok != 0) cr_skip_test("no numpy 1.24.2 at %s", py);
    const char *seed = getenv("NDM_PRINT_SEED");
    char tmpl[] = "/tmp/ndm-print-XXXXXX";
    int fd = mkstemp(tmpl);
    cr_assert(fd >= 0);
    close(fd);
    char *gen = root_path("tests/oracle/gen_print.py");
    char *cmd = NULL;
    asprintf(&cmd, "'%s' '%s' --seed %s --count 800 '%s'", py, gen, seed ? seed : "2", tmpl);
    int rc = system(cmd);
    free(cmd);
    free(gen);
    cr_assert(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "gen_print.py failed");
    int pass, fail;
    run_file(tmpl, &pass, &fail);
    unlink(tmpl);
    cr_log_info("fresh differential cases (seed %s): %d passed, %d failed", seed ? seed : "2",
                pass, fail);
    cr_expect_gt(pass, 500);
    cr_assert_eq(fail, 0, "%d fresh differential cases differ from numpy", fail);
}
