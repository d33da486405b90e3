/*
 * test_npy_golden.c -- every numpy.lib.format.open_memmap scenario of
 * golden/npy.jsonl (numpy >= 2.3 results), each in a fresh directory:
 * headers written byte for byte, files read back, or numpy's error class and
 * exact message, and the file left behind.
 * The `repr` field is compared too (the printing module's output for the
 * memmap open_memmap returned).
 */
#include "npy.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void prepare_initial(const json_value *initial, const char *filename) {
    const char *kind = json_str(initial, "kind");
    if (!kind) return;
    if (!strcmp(kind, "dir")) {
        mkdir(filename, 0755);
    } else if (!strcmp(kind, "file")) {
        const char *content = json_str(initial, "content");
        tu_write_pattern(filename, json_int(initial, "size", 0),
                         content && !strcmp(content, "zeros"));
    }
}

/* A read case's file: the concatenated parts. */
static void prepare_file(const json_value *file, const char *filename) {
    const json_value *parts = json_get(file, "parts");
    size_t total = 0, cap = 0;
    unsigned char *data = NULL;
    for (size_t i = 0; parts && i < parts->n; i++) {
        const json_value *p = parts->items[i];
        unsigned char *chunk;
        size_t n;
        if (json_str(p, "hex")) {
            chunk = json_hex_decode(json_str(p, "hex"), &n);
        } else {
            const char *fill = json_str(p, "fill");
            size_t fb;
            unsigned char *b = json_hex_decode(fill, &fb);
            n = (size_t)json_int(p, "count", 0);
            chunk = malloc(n ? n : 1);
            memset(chunk, b && fb ? b[0] : 0, n);
            free(b);
        }
        if (total + n > cap) {
            cap = (total + n) * 2;
            data = realloc(data, cap);
        }
        if (n) memcpy(data + total, chunk, n);
        total += n;
        free(chunk);
    }
    cr_assert_eq((int64_t)total, json_int(file, "size", -1), "file parts do not add up");
    tu_write_bytes(filename, data ? data : (unsigned char *)"", total);
    free(data);
}

static char *hex_of(const unsigned char *b, size_t n) {
    char *s = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", b[i]);
    s[2 * n] = '\0';
    return s;
}

static char *run_case(const json_value *c) {
    const json_value *exp = json_get(c, "expect");
    const char *filename = json_str(c, "filename");
    const char *kind = json_str(c, "kind");
    bool write = kind && !strcmp(kind, "write");
    if (write) prepare_initial(json_get(c, "initial"), filename);
    else if (!json_is_null(c, "file")) prepare_file(json_get(c, "file"), filename);

    int64_t shape[80];
    int ndim = -1;
    if (write && !json_is_null(c, "shape")) ndim = tu_int_list(json_get(c, "shape"), shape, 80);
    int version = json_is_null(c, "version") ? 0 : (int)json_int(c, "version", 0);
    ndm_array *a = NULL;
    int rc = ndm_open_memmap(&a, filename, json_str(c, "mode"), write ? json_str(c, "dtype") : NULL,
                             ndim, ndim > 0 ? shape : NULL, json_bool(c, "fortran_order", false),
                             version);
    char *why = NULL;
    int64_t size_after = tu_file_size(filename);
    int64_t want_size = json_is_null(exp, "file_size_after") ? -1 : json_int(exp, "file_size_after", -2);
    size_t flen = 0;
    unsigned char *fbytes = tu_read_all(filename, &flen);

    if (!json_bool(exp, "ok", false)) {
        const char *cls = json_str(exp, "error"), *msg = json_str(exp, "message");
        if (rc >= 0)
            asprintf(&why, "succeeded, numpy raised %s: %s", cls, msg);
        else if (rc != tu_code_for_class(cls) || strcmp(ndm_errmsg(), msg))
            asprintf(&why, "got %s '%s', numpy raised %s '%s'", ndm_error_name(rc), ndm_errmsg(), cls, msg);
        else if (strcmp(ndm_errclass(), cls))
            asprintf(&why, "error class %s, numpy %s", ndm_errclass(), cls);
        else if (size_after != want_size)
            asprintf(&why, "file size after %lld, numpy %lld", (long long)size_after, (long long)want_size);
        else if (json_str(exp, "file_head_hex")) {
            char *h = hex_of(fbytes, flen < 4096 ? flen : 4096);
            if (strcmp(h, json_str(exp, "file_head_hex")))
                asprintf(&why, "file head %s, numpy %s", h, json_str(exp, "file_head_hex"));
            free(h);
        }
        ndm_free(a);
        free(fbytes);
        return why;
    }
    if (rc < 0) {
        asprintf(&why, "failed with %s '%s'", ndm_error_name(rc), ndm_errmsg());
        free(fbytes);
        return why;
    }
    int64_t eshape[80], estrides[80];
    int en = tu_int_list(json_get(exp, "shape"), eshape, 80);
    tu_int_list(json_get(exp, "strides"), estrides, 80);
    unsigned fl = ndm_flags(a);

    /* fortran_order as the file states it */
    ndm__npy_info info;
    int prc = ndm__npy_parse_file(fbytes, flen, 10000, &info, NULL);
    bool fortran = prc == 0 && info.fortran_order;
    if (prc == 0) ndm__npy_info_free(&info);

    int64_t off = ndm_offset(a);
    if (en != ndm_ndim(a) || memcmp(eshape, ndm_shape(a), (size_t)en * 8) ||
        memcmp(estrides, ndm_strides(a), (size_t)en * 8))
        asprintf(&why, "shape/strides differ (ndim %d vs %d)", ndm_ndim(a), en);
    else if (strcmp(ndm_dtype_str(a), json_str(exp, "dtype")))
        asprintf(&why, "dtype %s vs %s", ndm_dtype_str(a), json_str(exp, "dtype"));
    else if (off != json_int(exp, "offset", -1))
        asprintf(&why, "offset %lld", (long long)off);
    else if (strcmp(ndm_mode(a) ? ndm_mode(a) : "(none)", json_str(exp, "mode")))
        asprintf(&why, "mode %s vs %s", ndm_mode(a) ? ndm_mode(a) : "(none)", json_str(exp, "mode"));
    else if (!!(fl & NDM_WRITEABLE) != json_bool(exp, "writeable", 0) ||
             !!(fl & NDM_C_CONTIGUOUS) != json_bool(exp, "c_contiguous", 0) ||
             !!(fl & NDM_F_CONTIGUOUS) != json_bool(exp, "f_contiguous", 0) ||
             !!(fl & NDM_ALIGNED) != json_bool(exp, "aligned", 0))
        asprintf(&why, "flags 0x%x differ", fl);
    else if (prc != 0)
        asprintf(&why, "the file's header does not read back: %s", ndm_errmsg());
    else if (fortran != json_bool(exp, "fortran_order", false))
        asprintf(&why, "fortran_order %d", fortran);
    else if (size_after != want_size)
        asprintf(&why, "file size after %lld, numpy %lld", (long long)size_after, (long long)want_size);
    else if (ndm_filename(a) == NULL || ndm_filename(a)[0] != '/')
        asprintf(&why, "filename not absolute");
    if (!why && write) {
        int64_t hl = json_int(exp, "header_len", -1);
        char *h = hex_of(fbytes, flen < (size_t)hl ? flen : (size_t)hl);
        bool zero = true;
        for (size_t i = (size_t)hl; i < flen; i++) zero &= fbytes[i] == 0;
        if (hl != off) asprintf(&why, "header_len %lld vs offset %lld", (long long)hl, (long long)off);
        else if (strcmp(h, json_str(exp, "header_hex")))
            asprintf(&why, "header\n%s\nnumpy\n%s", h, json_str(exp, "header_hex"));
        else if (zero != json_bool(exp, "data_all_zero", !zero))
            asprintf(&why, "data_all_zero %d", zero);
        free(h);
    }
    if (!why) {
        char *repr = ndm_repr(a);
        if (!repr || strcmp(repr, json_str(exp, "repr")))
            asprintf(&why, "repr\n%s\nnumpy\n%s", repr ? repr : "(null)", json_str(exp, "repr"));
        free(repr);
    }
    ndm_free(a);
    free(fbytes);
    return why;
}

Test(golden, npy_jsonl) {
    char *path = tu_golden_path("npy.jsonl");
    int cases, failures = tu_run_jsonl(path, run_case, true, &cases);
    cr_assert_geq(failures, 0, "cannot read %s", path);
    free(path);
    cr_expect_eq(cases, 260, "expected 260 golden cases, read %d", cases);
    cr_assert_eq(failures, 0, "%d of %d npy.jsonl cases differ from numpy", failures, cases);
}
