/*
 * test_golden_open.c -- every numpy.memmap scenario of golden/open.jsonl
 * (numpy >= 2.3 results): the layout and flags of the result, its repr and
 * the file size afterwards, or numpy's error class and exact message.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void prepare(const json_value *initial, const char *filename) {
    const char *kind = json_str(initial, "kind");
    if (!strcmp(kind, "dir")) {
        mkdir(filename, 0755);
    } else if (!strcmp(kind, "file")) {
        const char *content = json_str(initial, "content");
        tu_write_pattern(filename, json_int(initial, "size", 0), content && !strcmp(content, "zeros"));
    }
}

/* Compare one case; returns a malloc'd description of the first mismatch,
 * or NULL when numpy's result is reproduced. */
static char *run_case(const json_value *c) {
    const json_value *exp = json_get(c, "expect");
    const char *filename = json_str(c, "filename");
    prepare(json_get(c, "initial"), filename);
    int64_t shape[80];
    int ndim = json_is_null(c, "shape") ? -1 : tu_int_list(json_get(c, "shape"), shape, 80);
    const char *order = json_str(c, "order");
    ndm_array *a = NULL;
    int rc = ndm_memmap(&a, filename, json_str(c, "dtype"), json_str(c, "mode"),
                        json_int(c, "offset", 0), ndim, ndim > 0 ? shape : NULL,
                        order ? order[0] : 0);
    char *why = NULL;
    int64_t size_after = tu_file_size(filename);
    int64_t want_size = json_is_null(exp, "file_size_after") ? -1 : json_int(exp, "file_size_after", -2);
    if (!json_bool(exp, "ok", false)) {
        const char *cls = json_str(exp, "error"), *msg = json_str(exp, "message");
        if (rc >= 0)
            asprintf(&why, "succeeded, numpy raised %s: %s", cls, msg);
        else if (rc != tu_code_for_class(cls) || strcmp(ndm_errmsg(), msg))
            asprintf(&why, "got %s '%s', numpy raised %s '%s'", ndm_error_name(rc), ndm_errmsg(), cls, msg);
        else if (strcmp(ndm_errclass(), cls) && strcmp(cls, "UnicodeDecodeError"))
            asprintf(&why, "error class %s, numpy %s", ndm_errclass(), cls);
        else if (size_after != want_size)
            asprintf(&why, "file size after %lld, numpy %lld", (long long)size_after, (long long)want_size);
        ndm_free(a);
        return why;
    }
    if (rc < 0) {
        asprintf(&why, "failed with %s '%s'", ndm_error_name(rc), ndm_errmsg());
        return why;
    }
    int64_t eshape[80], estrides[80];
    int en = tu_int_list(json_get(exp, "shape"), eshape, 80);
    tu_int_list(json_get(exp, "strides"), estrides, 80);
    unsigned fl = ndm_flags(a);
    char *repr = ndm_repr(a);
    const char *want_repr = json_str(exp, "repr");
    if (en != ndm_ndim(a) || memcmp(eshape, ndm_shape(a), (size_t)en * 8) ||
        memcmp(estrides, ndm_strides(a), (size_t)en * 8))
        asprintf(&why, "shape/strides differ (ndim %d vs %d)", ndm_ndim(a), en);
    else if (strcmp(ndm_dtype_str(a), json_str(exp, "dtype")))
        asprintf(&why, "dtype %s vs %s", ndm_dtype_str(a), json_str(exp, "dtype"));
    else if (ndm_offset(a) != json_int(exp, "offset", -1))
        asprintf(&why, "offset %lld", (long long)ndm_offset(a));
    else if (strcmp(ndm_mode(a) ? ndm_mode(a) : "(none)", json_str(exp, "mode")))
        asprintf(&why, "mode %s vs %s", ndm_mode(a) ? ndm_mode(a) : "(none)", json_str(exp, "mode"));
    else if (!!(fl & NDM_WRITEABLE) != json_bool(exp, "writeable", 0) ||
             !!(fl & NDM_C_CONTIGUOUS) != json_bool(exp, "c_contiguous", 0) ||
             !!(fl & NDM_F_CONTIGUOUS) != json_bool(exp, "f_contiguous", 0) ||
             !!(fl & NDM_ALIGNED) != json_bool(exp, "aligned", 0))
        asprintf(&why, "flags 0x%x differ", fl);
    else if (!repr || strcmp(repr, want_repr))
        asprintf(&why, "repr\n%s\nnumpy\n%s", repr ? repr : "(null)", want_repr);
    else if (size_after != want_size)
        asprintf(&why, "file size after %lld, numpy %lld", (long long)size_after, (long long)want_size);
    else if (ndm_filename(a) == NULL || ndm_filename(a)[0] != '/')
        asprintf(&why, "filename not absolute");
    free(repr);
    ndm_free(a);
    return why;
}

Test(golden, open_jsonl) {
    char *path = tu_golden_path("open.jsonl");
    int cases, failures = tu_run_jsonl(path, run_case, true, &cases);
    cr_assert_geq(failures, 0, "cannot read %s", path);
    free(path);
    cr_expect_eq(cases, 300, "expected 300 golden cases, read %d", cases);
    cr_assert_eq(failures, 0, "%d of %d open.jsonl cases differ from numpy", failures, cases);
}
