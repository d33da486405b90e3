/*
 * fuzz_text.c -- libFuzzer target for ndmap's text parsers other than the
 * .npy header: index expressions (parsed, then applied to arrays of several
 * shapes, then used for a scalar assignment), dtype spellings, mode strings
 * and Python scalar literals converted to every supported dtype.
 *
 * The first input byte selects the parser; the rest is the text. Every call
 * must return a code (never crash, leak or trip a sanitizer).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void fuzz_index(const char *text) {
    static const int64_t shapes[][3] = {{3, 4, 0}, {2, 0, 5}, {7, 1, 3}};
    static const int ndims[] = {2, 3, 3};
    for (int k = 0; k < 4; k++) {
        ndm_array *a;
        if (k == 3) {
            if (ndm_zeros(&a, "f8", 0, NULL, 'C') != NDM_OK) return;
        } else if (ndm_zeros(&a, k == 1 ? ">i2" : "f4", ndims[k], shapes[k], k == 2 ? 'F' : 'C') != NDM_OK) {
            return;
        }
        ndm_array *v;
        if (ndm_index(&v, a, text) == NDM_OK) {
            char *r = ndm_repr(v);
            free(r);
            ndm_free(v);
        }
        (void)ndm_setitem_scalar(a, text, "7");
        ndm_free(a);
    }
}

static void fuzz_literal(const char *text) {
    static const char *const types[] = {"?", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8",
                                        "f2", "f4", "f8", "c8", ">c16"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        ndm__dtype d;
        unsigned char out[16];
        if (ndm__dtype_parse(types[i], &d) == NDM_OK) (void)ndm__scalar_convert(text, d, out);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (size < 1 || size > 4096) return 0;
    char *text = malloc(size);
    if (!text) return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0'; /* C strings: an embedded NUL just ends the text */
    ndm__dtype d;
    ndm__mode m;
    switch (data[0] % 4) {
    case 0: fuzz_index(text); break;
    case 1: (void)ndm__dtype_parse(text, &d); break;
    case 2: (void)ndm__parse_mode(text, &m); break;
    default: fuzz_literal(text); break;
    }
    free(text);
    return 0;
}
