/*
 * text.c -- Python-style text (string reprs, tuple shapes, float reprs),
 * numpy scalar str/repr, and JSON output.
 *
 * Element text always comes from the library (ndm_str of a 0-d array), so
 * the tool prints every number exactly as numpy's str() of the scalar does.
 */
#include "cli.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Python reprs --------------------------------------------------------- */

/* Decode one UTF-8 sequence at s[0..n); returns its length, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) len = 2, c = s[0] & 0x1F, min = 0x80;
    else if ((s[0] & 0xF0) == 0xE0) len = 3, c = s[0] & 0x0F, min = 0x800;
    else if ((s[0] & 0xF8) == 0xF0) len = 4, c = s[0] & 0x07, min = 0x10000;
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

char *cli_pyrepr(const char *s, size_t n) {
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    char quote = (sq && !dq) ? '"' : '\'';
    char *out = malloc(n * 10 + 3), *o = out;
    if (!out) return NULL;
    *o++ = quote;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(u + i, n - i, &cp);
        if (!len) { /* Python's surrogateescape shows undecodable bytes so */
            o += sprintf(o, "\\udc%02x", u[i]);
            i++;
            continue;
        }
        if (cp == (uint32_t)quote || cp == '\\') {
            *o++ = '\\';
            *o++ = (char)cp;
        } else if (cp == '\n') {
            o += sprintf(o, "\\n");
        } else if (cp == '\r') {
            o += sprintf(o, "\\r");
        } else if (cp == '\t') {
            o += sprintf(o, "\\t");
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0) || cp == 0xAD) {
            o += sprintf(o, "\\x%02x", (unsigned)cp);
        } else {
            memcpy(o, u + i, len);
            o += len;
        }
        i += len;
    }
    *o++ = quote;
    *o = '\0';
    return out;
}

void cli_shape_text(char *buf, size_t cap, int ndim, const int64_t *shape) {
    size_t k = 0;
    k += (size_t)snprintf(buf + k, cap - k, "(");
    for (int i = 0; i < ndim && k < cap; i++)
        k += (size_t)snprintf(buf + k, cap - k, "%s%" PRId64, i ? ", " : "", shape[i]);
    if (k < cap) snprintf(buf + k, cap - k, ndim == 1 ? ",)" : ")");
}

void cli_float_repr(char *buf, size_t cap, double v) {
    if (isnan(v)) {
        snprintf(buf, cap, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, cap, v < 0 ? "-inf" : "inf");
        return;
    }
    /* Shortest round-trip digits, then Python's layout: positional for
     * decimal exponents -4..15, else d.ddde+XX. */
    char e[40];
    int p;
    for (p = 0; p < 17; p++) {
        snprintf(e, sizeof e, "%.*e", p, v);
        if (strtod(e, NULL) == v) break;
    }
    char digits[24];
    int nd = 0;
    const char *s = e;
    bool neg = *s == '-';
    if (neg) s++;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') digits[nd++] = *s;
    int exp10 = atoi(s + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    size_t k = 0;
    char out[64];
    if (neg) out[k++] = '-';
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 < 0) {
            out[k++] = '0';
            out[k++] = '.';
            for (int i = -1; i > exp10; i--) out[k++] = '0';
            for (int i = 0; i < nd; i++) out[k++] = digits[i];
        } else {
            for (int i = 0; i <= exp10; i++) out[k++] = i < nd ? digits[i] : '0';
            out[k++] = '.';
            if (nd > exp10 + 1)
                for (int i = exp10 + 1; i < nd; i++) out[k++] = digits[i];
            else
                out[k++] = '0';
        }
        out[k] = '\0';
    } else {
        out[k++] = digits[0];
        if (nd > 1) {
            out[k++] = '.';
            for (int i = 1; i < nd; i++) out[k++] = digits[i];
        }
        snprintf(out + k, sizeof out - k, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
    snprintf(buf, cap, "%s", out);
}

/* ---- numpy scalars ----------------------------------------------------------- */

/* Element `index` of `a` as a 0-d in-memory array of a's native dtype. */
static ndm_array *element(const ndm_array *a, const int64_t *index) {
    unsigned char buf[16];
    const char *name = ndm_dtype_name(a);
    ndm_array *z;
    if (ndm_get(a, index, name, buf) != NDM_OK ||
        ndm_from_bytes(&z, name, 0, NULL, 'C', buf, (size_t)ndm_itemsize(a)) != NDM_OK) {
        cli_fail_lib();
        return NULL;
    }
    return z;
}

char *cli_scalar_str(const ndm_array *a, const int64_t *index) {
    ndm_array *z = element(a, index);
    if (!z) return NULL;
    char *s = ndm_str(z);
    ndm_free(z);
    if (!s) cli_fail_lib();
    return s;
}

char *cli_scalar_repr(const ndm_array *a, const int64_t *index) {
    char *s = cli_scalar_str(a, index);
    if (!s) return NULL;
    const char *name = ndm_dtype_name(a);
    if (!strcmp(name, "bool")) {
        char *r = strdup(!strcmp(s, "True") ? "np.True_" : "np.False_");
        if (!r) cli_fail("out of memory");
        free(s);
        return r;
    }
    /* numpy >= 2 (NEP 51): np.float32(1.5), np.int64(3), np.complex128(1+2j)
     * (the complex str without its parentheses). */
    const char *body = s;
    size_t n = strlen(s);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')') body = s + 1, n -= 2;
    size_t cap = strlen(name) + n + 8;
    char *r = malloc(cap);
    if (r) snprintf(r, cap, "np.%s(%.*s)", name, (int)n, body);
    else cli_fail("out of memory");
    free(s);
    return r;
}

/* ---- JSON ----------------------------------------------------------------------- */

void cli_json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        switch (*u) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*u < 0x20) fprintf(f, "\\u%04x", *u);
            else fputc(*u, f);
        }
    }
    fputc('"', f);
}

void cli_json_shape(FILE *f, int ndim, const int64_t *shape) {
    fputc('[', f);
    for (int i = 0; i < ndim; i++) fprintf(f, "%s%" PRId64, i ? ", " : "", shape[i]);
    fputc(']', f);
}

/* A float's numpy str as a JSON value: finite numbers as they are, the
 * non-finite ones as strings. */
static void json_float_text(FILE *f, const char *s) {
    if (!strcmp(s, "nan") || !strcmp(s, "inf") || !strcmp(s, "-inf")) cli_json_string(f, s);
    else fputs(s, f);
}

/* How one array's elements are written: its kind, resolved once, and for
 * floats a 0-d scratch array of the element's (native) type that each value
 * is put into and printed from, so no dtype text is parsed per element. */
typedef struct json_writer {
    enum { J_BOOL, J_INT, J_UINT, J_FLOAT, J_COMPLEX } kind;
    int size;             /* element bytes */
    ndm_array *scratch;   /* J_FLOAT: the element type; J_COMPLEX: one part's */
} json_writer;

static int json_writer_init(json_writer *w, const ndm_array *a) {
    const char *name = ndm_dtype_name(a);
    w->size = (int)ndm_itemsize(a);
    w->scratch = NULL;
    if (!strcmp(name, "bool")) w->kind = J_BOOL;
    else if (!strncmp(name, "int", 3)) w->kind = J_INT;
    else if (!strncmp(name, "uint", 4)) w->kind = J_UINT;
    else w->kind = !strncmp(name, "complex", 7) ? J_COMPLEX : J_FLOAT;
    if (w->kind == J_FLOAT || w->kind == J_COMPLEX) {
        const char *part = w->kind == J_FLOAT ? name : !strcmp(name, "complex64") ? "float32" : "float64";
        if (ndm_zeros(&w->scratch, part, 0, NULL, 'C') != NDM_OK) return cli_fail_lib();
    }
    return CLI_OK;
}

/* A float (native bytes of the scratch's type) as numpy's str. */
static int json_float(FILE *f, json_writer *w, const void *value) {
    if (ndm_put(w->scratch, NULL, NULL, value) != NDM_OK) return cli_fail_lib();
    char *s = ndm_str(w->scratch);
    if (!s) return cli_fail_lib();
    json_float_text(f, s);
    free(s);
    return CLI_OK;
}

static int json_element(FILE *f, json_writer *w, const ndm_array *a, const int64_t *index) {
    unsigned char buf[16];
    if (ndm_get(a, index, NULL, buf) != NDM_OK) return cli_fail_lib(); /* native order */
    switch (w->kind) {
    case J_BOOL: fputs(buf[0] ? "true" : "false", f); return CLI_OK;
    case J_INT:
    case J_UINT: {
        uint64_t u = 0;
        int64_t v = 0;
        switch (w->size) {
        case 1: { int8_t x; uint8_t y; memcpy(&x, buf, 1); memcpy(&y, buf, 1); v = x; u = y; break; }
        case 2: { int16_t x; uint16_t y; memcpy(&x, buf, 2); memcpy(&y, buf, 2); v = x; u = y; break; }
        case 4: { int32_t x; uint32_t y; memcpy(&x, buf, 4); memcpy(&y, buf, 4); v = x; u = y; break; }
        default: memcpy(&v, buf, 8); memcpy(&u, buf, 8); break;
        }
        if (w->kind == J_INT) fprintf(f, "%" PRId64, v);
        else fprintf(f, "%" PRIu64, u);
        return CLI_OK;
    }
    case J_FLOAT: return json_float(f, w, buf);
    case J_COMPLEX:
        fputc('[', f);
        if (json_float(f, w, buf)) return CLI_ERR;
        fputs(", ", f);
        if (json_float(f, w, buf + w->size / 2)) return CLI_ERR;
        fputc(']', f);
        return CLI_OK;
    }
    return CLI_OK;
}

static int json_nested(FILE *f, json_writer *w, const ndm_array *a, int64_t *index, int axis) {
    int ndim = ndm_ndim(a);
    if (axis == ndim) return json_element(f, w, a, index);
    fputc('[', f);
    int64_t n = ndm_shape(a)[axis];
    for (int64_t i = 0; i < n; i++) {
        if (i) fputs(", ", f);
        index[axis] = i;
        if (json_nested(f, w, a, index, axis + 1)) return CLI_ERR;
    }
    fputc(']', f);
    return CLI_OK;
}

int cli_json_array(FILE *f, const ndm_array *a) {
    int64_t index[NDM_MAXDIMS] = {0};
    json_writer w;
    if (json_writer_init(&w, a)) return CLI_ERR;
    int rc = json_nested(f, &w, a, index, 0);
    ndm_free(w.scratch);
    return rc;
}
