/*
 * test_npy_header.c -- the pure .npy header code (src/npy_header.c):
 *   - every case of tests/npy_header_cases.jsonl (header texts and numpy's
 *     verdict, from tests/oracle/header_cases.py) through the parser;
 *   - target behaviour the oracle cannot show (L suffixes, nesting limits,
 *     non-literals, error positions);
 *   - the header builder against the byte-exact examples of the spec (4.6).
 */
#include "npy.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTF-8 -> latin-1 (the case texts are latin-1 for v1). */
static unsigned char *to_latin1(const char *s, size_t n, size_t *out) {
    unsigned char *o = malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = c;
            i++;
        } else {
            o[k++] = (unsigned char)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
            i += 2;
        }
    }
    *out = k;
    return o;
}

static char *run_row(const json_value *c) {
    int major = (int)json_int(c, "major", 1);
    const json_value *t = json_get(c, "text");
    size_t n;
    unsigned char *hdr;
    if (major < 3) {
        hdr = to_latin1(t->text, t->len, &n);
    } else {
        hdr = malloc(t->len + 1);
        memcpy(hdr, t->text, t->len);
        n = t->len;
    }
    hdr[n++] = '\n';
    ndm__npy_info info;
    size_t pos;
    int rc = ndm__npy_parse_header(hdr, n, major, 10000, &info, &pos);
    free(hdr);
    char *why = NULL;
    if (!json_bool(c, "ok", false)) {
        const char *cls = json_str(c, "error"), *msg = json_str(c, "message");
        if (rc == 0) {
            asprintf(&why, "accepted; numpy: %s: %s", cls, msg);
            ndm__npy_info_free(&info);
        } else if (rc != tu_code_for_class(cls) || strcmp(ndm_errmsg(), msg)) {
            asprintf(&why, "%s: %s\nnumpy %s: %s", ndm_error_name(rc), ndm_errmsg(), cls, msg);
        } else if (!strncmp(msg, "Cannot parse header", 19) && pos > n) {
            asprintf(&why, "error position %zu outside the header", pos);
        }
        return why;
    }
    if (rc != 0) {
        asprintf(&why, "refused: %s: %s", ndm_error_name(rc), ndm_errmsg());
        return why;
    }
    int64_t shape[80];
    int nd = tu_int_list(json_get(c, "shape"), shape, 80);
    const char *dt = json_str(c, "dtype");
    ndm__dtype probe;
    bool supported = ndm__dtype_parse(dt, &probe) == 0;
    if (info.ndim != nd || memcmp(info.shape, shape, (size_t)nd * 8))
        asprintf(&why, "shape differs (ndim %lld)", (long long)info.ndim);
    else if (info.fortran_order != json_bool(c, "fortran_order", false))
        asprintf(&why, "fortran_order %d", info.fortran_order);
    else if (info.has_bool != json_bool(c, "has_bool", false))
        asprintf(&why, "has_bool %d", info.has_bool);
    else if (json_bool(c, "hasobject", false)) {
        if (!info.has_object) asprintf(&why, "object dtype not recognised");
    } else if (json_bool(c, "structured", false)) {
        if (!info.unsupported) asprintf(&why, "structured dtype not flagged");
    } else if (!supported) {
        if (!info.unsupported) asprintf(&why, "dtype %s should be unsupported", dt);
    } else if (info.unsupported || info.has_object || strcmp(ndm__dtype_str(info.dtype), dt))
        asprintf(&why, "dtype %s, numpy %s", ndm__dtype_str(info.dtype), dt);
    ndm__npy_info_free(&info);
    return why;
}

Test(npy_header, numpy_cases) {
    const char *root = getenv("NDM_ROOT");
    char *path = NULL;
    asprintf(&path, "%s/tests/npy_header_cases.jsonl", root ? root : ".");
    size_t len, pos = 0, ll;
    char *buf = json_read_file(path, &len);
    cr_assert_not_null(buf, "cannot read %s", path);
    int cases = 0, failures = 0;
    const char *line;
    while ((line = json_next_line(buf, len, &pos, &ll))) {
        json_value *c = json_parse(line, ll);
        cr_assert_not_null(c);
        char *why = run_row(c);
        cases++;
        if (why) {
            failures++;
            cr_log_error("v%lld %s\n  %s", (long long)json_int(c, "major", 0), json_str(c, "text"), why);
            free(why);
        }
        json_free(c);
    }
    free(buf);
    free(path);
    cr_expect_gt(cases, 500);
    cr_assert_eq(failures, 0, "%d of %d header cases differ from numpy", failures, cases);
}
