/*
 * dtype.c -- numpy's dtype spellings, names and descr strings for the
 * supported element types.
 *
 * numpy accepts three families of text: one-character type codes ("f", "B",
 * "?"), kind+size codes ("f4", "u1", "c16"), both optionally preceded by a
 * byte-order character "<", ">", "=", "|"; and names ("float32", "double",
 * "longlong"), which take no prefix. "|" and "=" mean native order. The
 * aliases removed in numpy 2.0 ("float_", "complex_", "int0", ...) are not
 * accepted: the target is numpy >= 2.3.
 */
#include "internal.h"

#include <string.h>

typedef struct type_info {
    const char *name;   /* dtype.name */
    const char *le_str; /* dtype.str on a little-endian machine, native */
    const char *be_str; /* the same type in big-endian order */
    int itemsize;
    int align;
    ndm__kind kind;
} type_info;

static const type_info TYPES[NDM__NTYPES] = {
    [NDM__BOOL] = {"bool", "|b1", "|b1", 1, 1, NDM__KIND_BOOL},
    [NDM__INT8] = {"int8", "|i1", "|i1", 1, 1, NDM__KIND_INT},
    [NDM__INT16] = {"int16", "<i2", ">i2", 2, 2, NDM__KIND_INT},
    [NDM__INT32] = {"int32", "<i4", ">i4", 4, 4, NDM__KIND_INT},
    [NDM__INT64] = {"int64", "<i8", ">i8", 8, 8, NDM__KIND_INT},
    [NDM__UINT8] = {"uint8", "|u1", "|u1", 1, 1, NDM__KIND_UINT},
    [NDM__UINT16] = {"uint16", "<u2", ">u2", 2, 2, NDM__KIND_UINT},
    [NDM__UINT32] = {"uint32", "<u4", ">u4", 4, 4, NDM__KIND_UINT},
    [NDM__UINT64] = {"uint64", "<u8", ">u8", 8, 8, NDM__KIND_UINT},
    [NDM__FLOAT16] = {"float16", "<f2", ">f2", 2, 2, NDM__KIND_FLOAT},
    [NDM__FLOAT32] = {"float32", "<f4", ">f4", 4, 4, NDM__KIND_FLOAT},
    [NDM__FLOAT64] = {"float64", "<f8", ">f8", 8, 8, NDM__KIND_FLOAT},
    [NDM__COMPLEX64] = {"complex64", "<c8", ">c8", 8, 4, NDM__KIND_COMPLEX},
    [NDM__COMPLEX128] = {"complex128", "<c16", ">c16", 16, 8, NDM__KIND_COMPLEX},
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define NATIVE_BIG 1
#else
#define NATIVE_BIG 0
#endif

/* One-character codes. 'q'/'Q' are longlong: same layout as 'l'/'L' on LP64
 * Linux but a distinct numpy type (repr shows dtype=int64). */
typedef struct code_entry { char code; uint8_t type; uint8_t longlong; } code_entry;
static const code_entry CODES[] = {
    {'?', NDM__BOOL, 0},    {'b', NDM__INT8, 0},    {'B', NDM__UINT8, 0},
    {'h', NDM__INT16, 0},   {'H', NDM__UINT16, 0},  {'i', NDM__INT32, 0},
    {'I', NDM__UINT32, 0},  {'l', NDM__INT64, 0},   {'L', NDM__UINT64, 0},
    {'q', NDM__INT64, 1},   {'Q', NDM__UINT64, 1},  {'p', NDM__INT64, 0},
    {'P', NDM__UINT64, 0},  {'e', NDM__FLOAT16, 0}, {'f', NDM__FLOAT32, 0},
    {'d', NDM__FLOAT64, 0}, {'F', NDM__COMPLEX64, 0}, {'D', NDM__COMPLEX128, 0},
};

/* Kind letter + size in bytes. */
typedef struct sized_entry { const char *text; uint8_t type; } sized_entry;
static const sized_entry SIZED[] = {
    {"b1", NDM__BOOL},     {"i1", NDM__INT8},     {"i2", NDM__INT16},
    {"i4", NDM__INT32},    {"i8", NDM__INT64},    {"u1", NDM__UINT8},
    {"u2", NDM__UINT16},   {"u4", NDM__UINT32},   {"u8", NDM__UINT64},
    {"f2", NDM__FLOAT16},  {"f4", NDM__FLOAT32},  {"f8", NDM__FLOAT64},
    {"c8", NDM__COMPLEX64}, {"c16", NDM__COMPLEX128},
};

typedef struct name_entry { const char *name; uint8_t type; uint8_t longlong; } name_entry;
static const name_entry NAMES[] = {
    {"bool", NDM__BOOL, 0},       {"bool_", NDM__BOOL, 0},
    {"int8", NDM__INT8, 0},       {"byte", NDM__INT8, 0},
    {"uint8", NDM__UINT8, 0},     {"ubyte", NDM__UINT8, 0},
    {"int16", NDM__INT16, 0},     {"short", NDM__INT16, 0},
    {"uint16", NDM__UINT16, 0},   {"ushort", NDM__UINT16, 0},
    {"int32", NDM__INT32, 0},     {"intc", NDM__INT32, 0},
    {"uint32", NDM__UINT32, 0},   {"uintc", NDM__UINT32, 0},
    {"int64", NDM__INT64, 0},     {"int_", NDM__INT64, 0},
    {"int", NDM__INT64, 0},       {"long", NDM__INT64, 0},
    {"intp", NDM__INT64, 0},      {"longlong", NDM__INT64, 1},
    {"uint64", NDM__UINT64, 0},   {"uint", NDM__UINT64, 0},
    {"ulong", NDM__UINT64, 0},    {"uintp", NDM__UINT64, 0},
    {"ulonglong", NDM__UINT64, 1},
    {"float16", NDM__FLOAT16, 0}, {"half", NDM__FLOAT16, 0},
    {"float32", NDM__FLOAT32, 0}, {"single", NDM__FLOAT32, 0},
    {"float64", NDM__FLOAT64, 0}, {"double", NDM__FLOAT64, 0},
    {"float", NDM__FLOAT64, 0},
    {"complex64", NDM__COMPLEX64, 0},   {"csingle", NDM__COMPLEX64, 0},
    {"complex128", NDM__COMPLEX128, 0}, {"cdouble", NDM__COMPLEX128, 0},
    {"complex", NDM__COMPLEX128, 0},
};

/* Names and codes numpy understands but ndmap does not support (yet). */
static const char *const UNSUPPORTED_NAMES[] = {
    "longdouble", "float128", "clongdouble", "complex256", "object", "object_",
    "str", "str_", "unicode", "bytes", "bytes_", "void", "datetime64",
    "timedelta64", NULL,
};

static int not_understood(const char *text) {
    ndm__sbuf b = {0};
    ndm__sb_puts(&b, "data type ");
    ndm__sb_pyrepr(&b, text, strlen(text));
    ndm__sb_puts(&b, " not understood");
    int rc = b.failed ? ndm__err_nomem() : ndm__err(NDM_ETYPE, "%s", b.s);
    ndm__sb_free(&b);
    return rc;
}

static int unsupported(const char *text) {
    ndm__sbuf b = {0};
    ndm__sb_puts(&b, "dtype ");
    ndm__sb_pyrepr(&b, text, strlen(text));
    ndm__sb_puts(&b, " is not supported by ndmap yet (supported: bool, int8-int64, "
                     "uint8-uint64, float16, float32, float64, complex64, complex128)");
    int rc = b.failed ? ndm__err_nomem() : ndm__err(NDM_ENOTSUP, "%s", b.s);
    ndm__sb_free(&b);
    return rc;
}

static bool all_digits(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* Text after an optional byte-order character that numpy would accept as a
 * type ndmap does not support: longdouble (g, G, f16, c32), object (O, O8),
 * strings and void with an optional size (S, a, U, V), datetimes (M8, m8,
 * with an optional [unit]). */
static bool unsupported_code(const char *s) {
    if (!strcmp(s, "g") || !strcmp(s, "G") || !strcmp(s, "f16") ||
        !strcmp(s, "c32") || !strcmp(s, "O") || !strcmp(s, "O8"))
        return true;
    if ((s[0] == 'S' || s[0] == 'a' || s[0] == 'U' || s[0] == 'V') &&
        (s[1] == '\0' || all_digits(s + 1)))
        return true;
    if ((s[0] == 'M' || s[0] == 'm') && (s[1] == '\0' || s[1] == '8')) {
        const char *r = s[1] ? s + 2 : s + 1;
        if (*r == '\0') return true;
        size_t n = strlen(r);
        return r[0] == '[' && r[n - 1] == ']' && n > 2;
    }
    return false;
}

int ndm__dtype_parse(const char *text, ndm__dtype *out) {
    if (!text) return ndm__err(NDM_ETYPE, "data type None not understood");
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        if (!strcmp(text, NAMES[i].name)) {
            *out = (ndm__dtype){NAMES[i].type, 0, NAMES[i].longlong};
            return NDM_OK;
        }
    }
    for (size_t i = 0; UNSUPPORTED_NAMES[i]; i++) {
        if (!strcmp(text, UNSUPPORTED_NAMES[i])) return unsupported(text);
        size_t n = strlen(UNSUPPORTED_NAMES[i]);
        if (!strncmp(text, UNSUPPORTED_NAMES[i], n) && text[n] == '[' &&
            (!strcmp(UNSUPPORTED_NAMES[i], "datetime64") ||
             !strcmp(UNSUPPORTED_NAMES[i], "timedelta64")))
            return unsupported(text);
    }
    /* Structured dtypes written as comma-separated codes: "i4,f8". */
    if (strchr(text, ',')) return unsupported(text);

    const char *s = text;
    bool big = NATIVE_BIG;
    if (*s == '<' || *s == '>' || *s == '=' || *s == '|') {
        if (*s == '<') big = false;
        else if (*s == '>') big = true;
        s++;
    }
    ndm__dtype d = {0};
    bool found = false;
    if (s[0] && !s[1]) {
        for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
            if (CODES[i].code == s[0]) {
                d = (ndm__dtype){CODES[i].type, 0, CODES[i].longlong};
                found = true;
                break;
            }
        }
    } else {
        for (size_t i = 0; i < sizeof SIZED / sizeof SIZED[0]; i++) {
            if (!strcmp(SIZED[i].text, s)) {
                d = (ndm__dtype){SIZED[i].type, 0, 0};
                found = true;
                break;
            }
        }
    }
    if (!found) return unsupported_code(s) ? unsupported(text) : not_understood(text);
    /* Byte order only matters for multi-byte types. */
    d.swapped = TYPES[d.type].itemsize > 1 && big != NATIVE_BIG;
    *out = d;
    return NDM_OK;
}

int ndm__itemsize(ndm__type t) { return TYPES[t].itemsize; }

ndm__kind ndm__type_kind(ndm__type t) { return TYPES[t].kind; }

int ndm__alignment(ndm__type t) { return TYPES[t].align; }

const char *ndm__dtype_name(ndm__dtype d) { return TYPES[d.type].name; }

const char *ndm__dtype_str(ndm__dtype d) {
    bool big = NATIVE_BIG ? !d.swapped : d.swapped;
    return big ? TYPES[d.type].be_str : TYPES[d.type].le_str;
}

bool ndm__dtype_implied(ndm__dtype d) {
    if (d.swapped || d.longlong) return false;
    return d.type == NDM__INT64 || d.type == NDM__FLOAT64 ||
           d.type == NDM__COMPLEX128 || d.type == NDM__BOOL;
}
