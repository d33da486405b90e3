/*
 * test_npy_oracle.c -- differential test against numpy (tests/oracle/
 * npy_oracle.py, run with $NDM_PYTHON): numpy writes .npy files for every
 * supported dtype in both byte orders, C and Fortran order, 0-d, empty and
 * large shapes; ndmap must open and load each one exactly, write the same
 * header bytes with open_memmap(w+), and ndm_save the same file bytes as
 * np.save (also for reversed, stepped and transposed views). numpy then
 * loads every file ndmap wrote and compares the arrays.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *python(void) {
    const char *p = getenv("NDM_PYTHON");
    return p && *p ? p : "/usr/bin/python3";
}

static char *script(void) {
    const char *root = getenv("NDM_ROOT");
    char *s = NULL;
    asprintf(&s, "%s/tests/oracle/npy_oracle.py", root ? root : ".");
    return s;
}

static int run_oracle(const char *what, const char *dir) {
    char *cmd = NULL, *sc = script();
    asprintf(&cmd, "'%s' '%s' %s '%s'", python(), sc, what, dir);
    int rc = system(cmd);
    free(cmd);
    free(sc);
    return rc;
}

/* Compare an opened/loaded array with the expectation; the data must equal
 * the bytes after the header of numpy's file. Strides of empty arrays from
 * np.load depend on its reshape path and are not compared. */
static char *check_array(const ndm_array *a, const json_value *c, const char *strides_key,
                         const unsigned char *fdata, size_t fdlen) {
    char *why = NULL;
    int64_t shape[64], strides[64];
    int n = tu_int_list(json_get(c, "shape"), shape, 64);
    tu_int_list(json_get(c, strides_key), strides, 64);
    bool empty = ndm_size(a) == 0;
    if (strcmp(ndm_dtype_str(a), json_str(c, "dtype")))
        asprintf(&why, "dtype %s", ndm_dtype_str(a));
    else if (ndm_ndim(a) != n || memcmp(ndm_shape(a), shape, (size_t)n * 8))
        asprintf(&why, "shape differs");
    else if (!(empty && !strcmp(strides_key, "load_strides")) &&
             memcmp(ndm_strides(a), strides, (size_t)n * 8))
        asprintf(&why, "strides differ");
    else if ((size_t)ndm_nbytes(a) != fdlen || (fdlen && memcmp(ndm_data(a), fdata, fdlen)))
        asprintf(&why, "data differs (%lld vs %zu bytes)", (long long)ndm_nbytes(a), fdlen);
    return why;
}

static char *hex_of(const unsigned char *b, size_t n) {
    char *s = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", b[i]);
    s[2 * n] = '\0';
    return s;
}

static char *run_case(const char *dir, const json_value *c) {
    const char *id = json_str(c, "id");
    char *np_save = NULL, *out_mm = NULL, *out_save = NULL;
    asprintf(&np_save, "%s/np_save_%s.npy", dir, id);
    asprintf(&out_mm, "%s/ndm_mm_%s.npy", dir, id);
    asprintf(&out_save, "%s/ndm_save_%s.npy", dir, id);
    size_t flen = 0;
    unsigned char *file = tu_read_all(np_save, &flen);
    size_t hl = (size_t)json_int(c, "save_header_len", 0);
    char *why = NULL;
    ndm_array *m = NULL, *l = NULL, *w = NULL;
    int64_t shape[64];
    int ndim = tu_int_list(json_get(c, "shape"), shape, 64);
    bool fortran = json_bool(c, "fortran", false);

    /* 1. open_memmap(r) of numpy's file */
    if (ndm_open_memmap(&m, np_save, "r", NULL, -1, NULL, 0, 0) < 0)
        asprintf(&why, "open_memmap: %s", ndm_errmsg());
    else if (ndm_offset(m) != (int64_t)hl)
        asprintf(&why, "offset %lld, numpy %zu", (long long)ndm_offset(m), hl);
    else why = check_array(m, c, "mm_strides", file + hl, flen - hl);
    /* 2. ndm_load */
    if (!why) {
        if (ndm_load(&l, np_save, NULL) < 0) asprintf(&why, "load: %s", ndm_errmsg());
        else if (ndm_is_memmap(l) || !(ndm_flags(l) & NDM_OWNDATA)) asprintf(&why, "load gave a memmap");
        else why = check_array(l, c, "load_strides", file + hl, flen - hl);
    }
    /* 3. open_memmap(w+): numpy's header bytes, then fill and close */
    if (!why) {
        if (ndm_open_memmap(&w, out_mm, "w+", json_str(c, "dtype"), ndim, shape, fortran, 0) < 0) {
            asprintf(&why, "open_memmap w+: %s", ndm_errmsg());
        } else {
            size_t olen = 0;
            unsigned char *ob = tu_read_all(out_mm, &olen);
            size_t ohl = (size_t)ndm_offset(w);
            char *h = hex_of(ob, ohl < olen ? ohl : olen);
            if (strcmp(h, json_str(c, "mm_header_hex")))
                asprintf(&why, "w+ header\n%s\nnumpy\n%s", h, json_str(c, "mm_header_hex"));
            else if ((int64_t)olen != json_int(c, "mm_size", -1))
                asprintf(&why, "w+ file size %zu", olen);
            else if ((size_t)ndm_nbytes(w) != flen - hl)
                asprintf(&why, "w+ nbytes %lld", (long long)ndm_nbytes(w));
            else if (flen > hl)
                memcpy(ndm_data(w), file + hl, flen - hl);
            free(h);
            free(ob);
            if (ndm_close(w) < 0 && !why) asprintf(&why, "close: %s", ndm_errmsg());
            w = NULL;
        }
    }
    /* 4. ndm_save of the loaded array: np.save's bytes exactly */
    if (!why) {
        if (ndm_save(out_save, l, 0) < 0) {
            asprintf(&why, "save: %s", ndm_errmsg());
        } else {
            size_t slen = 0;
            unsigned char *sb = tu_read_all(out_save, &slen);
            if (slen != flen || memcmp(sb, file, flen)) asprintf(&why, "ndm_save bytes differ from np.save");
            free(sb);
        }
    }
    /* 5. strided views, checked by numpy afterwards */
    static const char *const views[][2] = {{"rev", "::-1"}, {"step", "::2"}, {"T", NULL}};
    for (int k = 0; k < 3 && !why; k++) {
        if (ndim < 1 || (views[k][1] == NULL && ndim < 2)) continue;
        ndm_array *v = NULL;
        int rc = views[k][1] ? ndm_index(&v, l, views[k][1]) : ndm_transpose(&v, l);
        char *p = NULL;
        asprintf(&p, "%s/ndm_%s_%s.npy", dir, views[k][0], id);
        if (rc < 0 || ndm_save(p, v, 0) < 0) asprintf(&why, "save %s: %s", views[k][0], ndm_errmsg());
        free(p);
        ndm_free(v);
    }
    ndm_free(m);
    ndm_free(l);
    free(file);
    free(np_save);
    free(out_mm);
    free(out_save);
    return why;
}

Test(npy_oracle, numpy_reads_ndmap_and_ndmap_reads_numpy, .timeout = 1200) {
    char *probe = NULL;
    asprintf(&probe, "'%s' -c 'import numpy' >/dev/null 2>&1", python());
    int have = system(probe) == 0;
    free(probe);
    if (!have) cr_skip_test("no numpy at %s", python());
    char *dir = tu_enter_tmpdir();
    cr_assert_eq(run_oracle("gen", dir), 0, "npy_oracle.py gen failed");
    char *ex = NULL;
    asprintf(&ex, "%s/expect.jsonl", dir);
    size_t len, pos = 0, ll;
    char *buf = json_read_file(ex, &len);
    cr_assert_not_null(buf);
    int cases = 0, failures = 0;
    const char *line;
    while ((line = json_next_line(buf, len, &pos, &ll))) {
        json_value *c = json_parse(line, ll);
        cr_assert_not_null(c);
        char *why = run_case(dir, c);
        cases++;
        if (why) {
            failures++;
            cr_log_error("%s (%s %s): %s", json_str(c, "id"), json_str(c, "dtype"),
                         json_bool(c, "fortran", false) ? "F" : "C", why);
            free(why);
        }
        json_free(c);
    }
    free(buf);
    free(ex);
    cr_expect_gt(cases, 400, "only %d oracle cases", cases);
    cr_expect_eq(failures, 0, "%d of %d oracle cases differ", failures, cases);
    cr_assert_eq(run_oracle("check", dir), 0, "numpy disagrees with files ndmap wrote");
    tu_leave_tmpdir(dir);
}
