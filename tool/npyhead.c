/*
 * npyhead.c -- reading a .npy header without mapping the file, for
 * `ndmap info`, which must describe files the library refuses to map
 * (truncated data, dtypes ndmap does not support).
 *
 * Follows numpy.lib.format._read_array_header step by step, with numpy's
 * messages: magic, version, header length, header text, max_header_size,
 * then the header's Python literal (ast.literal_eval) and its checks. The
 * literal parser accepts what literal_eval accepts for headers in practice:
 * strings (prefixes r/u, escapes, implicit concatenation), ints (any size,
 * _, 0x/0o/0b, and Python 2's L suffix for versions 1 and 2), floats,
 * complex, True/False/None, tuples, lists, dicts and sets, with comments.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- parsed values ----------------------------------------------------------- */

typedef enum { PV_STR, PV_INT, PV_FLOAT, PV_COMPLEX, PV_BOOL, PV_NONE, PV_TUPLE, PV_LIST,
               PV_DICT, PV_SET } pv_kind;

typedef struct pv {
    pv_kind kind;
    char *text;   /* PV_STR: UTF-8 (len bytes); PV_INT: decimal digits, sign */
    size_t len;
    double re, im; /* PV_FLOAT (re), PV_COMPLEX */
    bool b;
    int n;         /* items; PV_DICT: n pairs as items[2i], items[2i+1] */
    int nitems;    /* entries in items (2n for a dict) */
    struct pv **items;
} pv;

static void pv_free(pv *v) {
    if (!v) return;
    for (int i = 0; i < v->nitems; i++) pv_free(v->items[i]);
    free(v->items);
    free(v->text);
    free(v);
}

/* A growable string for reprs. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
    bool failed;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}
static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void pv_repr(sbuf *b, const pv *v);

static void repr_items(sbuf *b, const pv *v, const char *open, const char *close) {
    sb_puts(b, open);
    for (int i = 0; i < v->n; i++) {
        if (i) sb_puts(b, ", ");
        pv_repr(b, v->items[i]);
    }
    if (v->kind == PV_TUPLE && v->n == 1) sb_puts(b, ",");
    sb_puts(b, close);
}

static void pv_repr(sbuf *b, const pv *v) {
    char tmp[64];
    switch (v->kind) {
    case PV_STR: {
        char *r = cli_pyrepr(v->text, v->len);
        if (r) sb_puts(b, r);
        else b->failed = true;
        free(r);
        break;
    }
    case PV_INT: sb_puts(b, v->text); break;
    case PV_FLOAT: cli_float_repr(tmp, sizeof tmp, v->re); sb_puts(b, tmp); break;
    case PV_COMPLEX: {
        char im[48];
        cli_float_repr(im, sizeof im, v->im);
        if (!strcmp(im + strlen(im) - 2, ".0")) im[strlen(im) - 2] = '\0';
        if (v->re == 0 && !signbit(v->re)) {
            sb_puts(b, im);
            sb_puts(b, "j");
        } else {
            cli_float_repr(tmp, sizeof tmp, v->re);
            if (!strcmp(tmp + strlen(tmp) - 2, ".0")) tmp[strlen(tmp) - 2] = '\0';
            sb_puts(b, "(");
            sb_puts(b, tmp);
            if (im[0] != '-') sb_puts(b, "+");
            sb_puts(b, im);
            sb_puts(b, "j)");
        }
        break;
    }
    case PV_BOOL: sb_puts(b, v->b ? "True" : "False"); break;
    case PV_NONE: sb_puts(b, "None"); break;
    case PV_TUPLE: repr_items(b, v, "(", ")"); break;
    case PV_LIST: repr_items(b, v, "[", "]"); break;
    case PV_SET:
        if (v->n == 0) sb_puts(b, "set()");
        else repr_items(b, v, "{", "}");
        break;
    case PV_DICT:
        sb_puts(b, "{");
        for (int i = 0; i < v->n; i++) {
            if (i) sb_puts(b, ", ");
            pv_repr(b, v->items[2 * i]);
            sb_puts(b, ": ");
            pv_repr(b, v->items[2 * i + 1]);
        }
        sb_puts(b, "}");
        break;
    }
}

/* ---- the literal parser ------------------------------------------------------------ */

typedef struct parser {
    const char *s, *end;
    bool py2_long; /* accept 1L (numpy retries v1/v2 headers without it) */
    int depth;
} parser;

static void skip_space(parser *p) {
    while (p->s < p->end) {
        char c = *p->s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            p->s++;
        } else if (c == '\\' && p->s + 1 < p->end && p->s[1] == '\n') {
            p->s += 2;
        } else if (c == '#') {
            while (p->s < p->end && *p->s != '\n') p->s++;
        } else {
            break;
        }
    }
}

static pv *pv_new(pv_kind k) {
    pv *v = calloc(1, sizeof *v);
    if (v) v->kind = k;
    return v;
}

static bool pv_push(pv *v, pv *item) {
    pv **items = realloc(v->items, (size_t)(v->nitems + 1) * sizeof *items);
    if (!items) return false;
    v->items = items;
    v->items[v->nitems++] = item;
    v->n = v->kind == PV_DICT ? v->nitems / 2 : v->nitems;
    return true;
}

static void utf8_put(sbuf *b, uint32_t cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) u[0] = (char)cp, n = 1;
    else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
    sb_put(b, u, n);
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* One string literal (after any prefix) appended to b. */
static bool parse_one_string(parser *p, sbuf *b, bool raw) {
    char q = *p->s;
    bool triple = p->end - p->s >= 3 && p->s[1] == q && p->s[2] == q;
    p->s += triple ? 3 : 1;
    for (;;) {
        if (p->s >= p->end) return false;
        char c = *p->s;
        if (c == q && (!triple || (p->end - p->s >= 3 && p->s[1] == q && p->s[2] == q))) {
            p->s += triple ? 3 : 1;
            return true;
        }
        if (c == '\n' && !triple) return false;
        if (c != '\\') {
            sb_put(b, p->s++, 1);
            continue;
        }
        if (p->s + 1 >= p->end) return false;
        char e = p->s[1];
        if (raw) {
            sb_put(b, p->s, 2);
            p->s += 2;
            continue;
        }
        p->s += 2;
        int digits = 0;
        switch (e) {
        case '\n': break;
        case '\\': sb_puts(b, "\\"); break;
        case '\'': sb_puts(b, "'"); break;
        case '"': sb_puts(b, "\""); break;
        case 'a': sb_puts(b, "\a"); break;
        case 'b': sb_puts(b, "\b"); break;
        case 'f': sb_puts(b, "\f"); break;
        case 'n': sb_puts(b, "\n"); break;
        case 'r': sb_puts(b, "\r"); break;
        case 't': sb_puts(b, "\t"); break;
        case 'v': sb_puts(b, "\v"); break;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        default:
            if (e >= '0' && e <= '7') {
                uint32_t cp = (uint32_t)(e - '0');
                for (int i = 0; i < 2 && p->s < p->end && *p->s >= '0' && *p->s <= '7'; i++)
                    cp = cp * 8 + (uint32_t)(*p->s++ - '0');
                utf8_put(b, cp);
            } else {
                sb_put(b, p->s - 2, 2); /* unknown escapes stay */
            }
        }
        if (digits) {
            uint32_t cp = 0;
            for (int i = 0; i < digits; i++) {
                if (p->s >= p->end || hexval(*p->s) < 0) return false;
                cp = cp * 16 + (uint32_t)hexval(*p->s++);
            }
            if (cp > 0x10FFFF) return false;
            utf8_put(b, cp);
        }
    }
}

static pv *parse_string(parser *p) {
    sbuf b = {0};
    sb_put(&b, "", 0);
    for (;;) {
        bool raw = false;
        const char *s = p->s;
        while (s < p->end && strchr("rRuU", *s) && s - p->s < 2) {
            if (*s == 'r' || *s == 'R') raw = true;
            s++;
        }
        if (s >= p->end || (*s != '\'' && *s != '"')) break;
        p->s = s;
        if (!parse_one_string(p, &b, raw)) {
            free(b.s);
            return NULL;
        }
        skip_space(p); /* 'a' 'b' is 'ab' */
    }
    pv *v = pv_new(PV_STR);
    if (!v || b.failed) {
        free(b.s);
        free(v);
        return NULL;
    }
    v->text = b.s;
    v->len = b.len;
    return v;
}

/* Numbers: Python ints of any size (kept as decimal text), floats, and
 * imaginary literals. `neg` applies a leading minus. */
static pv *parse_number(parser *p, bool neg) {
    char buf[512];
    size_t k = 0;
    const char *s = p->s;
    bool is_float = false;
    int base = 10;
    if (s + 1 < p->end && s[0] == '0' && strchr("xXoObB", s[1])) {
        base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
        s += 2;
    }
    for (; s < p->end && k < sizeof buf - 1; s++) {
        char c = *s;
        if (c == '_') continue;
        if (base == 16 ? isxdigit((unsigned char)c) : isdigit((unsigned char)c)) {
            buf[k++] = c;
        } else if (base == 10 && (c == '.' || c == 'e' || c == 'E')) {
            is_float = true;
            buf[k++] = c;
            if ((c == 'e' || c == 'E') && s + 1 < p->end && (s[1] == '+' || s[1] == '-'))
                buf[k++] = *++s;
        } else {
            break;
        }
    }
    buf[k] = '\0';
    if (k == 0 || !strcmp(buf, ".")) return NULL;
    bool imag = s < p->end && (*s == 'j' || *s == 'J');
    if (imag) s++;
    else if (p->py2_long && !is_float && s < p->end && (*s == 'L' || *s == 'l')) s++;
    if (s < p->end && (isalnum((unsigned char)*s) || *s == '_')) return NULL;
    p->s = s;
    pv *v;
    if (imag || is_float) {
        if (base != 10) return NULL;
        double d = strtod(buf, NULL);
        if (neg) d = -d;
        v = pv_new(imag ? PV_COMPLEX : PV_FLOAT);
        if (!v) return NULL;
        if (imag) v->re = neg ? -0.0 : 0.0, v->im = d;
        else v->re = d;
        return v;
    }
    v = pv_new(PV_INT);
    if (!v) return NULL;
    if (base != 10) {
        errno = 0;
        unsigned long long u = strtoull(buf, NULL, base);
        if (errno == ERANGE) {
            free(v);
            return NULL;
        }
        snprintf(buf, sizeof buf, "%llu", u);
    } else if (buf[0] == '0') {
        size_t z = 0;
        while (buf[z] == '0') z++;
        if (buf[z]) { /* 012 is a syntax error in Python 3 */
            free(v);
            return NULL;
        }
        strcpy(buf, "0");
    }
    size_t n = strlen(buf) + 2;
    v->text = malloc(n);
    if (!v->text) {
        free(v);
        return NULL;
    }
    snprintf(v->text, n, "%s%s", neg && strcmp(buf, "0") ? "-" : "", buf);
    return v;
}

static pv *parse_value(parser *p);

/* Items up to `close`; *trailing tells whether the last item had a comma. */
static bool parse_items(parser *p, pv *v, char close, bool dict, bool *comma) {
    *comma = false;
    for (;;) {
        skip_space(p);
        if (p->s < p->end && *p->s == close) {
            p->s++;
            return true;
        }
        if (v->nitems > 0 && !*comma) return false;
        pv *item = parse_value(p);
        if (!item || !pv_push(v, item)) {
            pv_free(item);
            return false;
        }
        if (dict) {
            skip_space(p);
            if (p->s >= p->end || *p->s != ':') return false;
            p->s++;
            pv *val = parse_value(p);
            if (!val || !pv_push(v, val)) {
                pv_free(val);
                return false;
            }
        }
        skip_space(p);
        *comma = p->s < p->end && *p->s == ',';
        if (*comma) p->s++;
    }
}

static bool str_eq(const pv *v, const char *s) {
    return v->kind == PV_STR && v->len == strlen(s) && !memcmp(v->text, s, v->len);
}

/* Python dict semantics: a repeated key replaces the earlier value. */
static void dict_dedupe(pv *d) {
    for (int i = 0; i < d->n; i++) {
        for (int j = i + 1; j < d->n; j++) {
            const pv *a = d->items[2 * i], *b = d->items[2 * j];
            bool same = a->kind == b->kind &&
                        ((a->kind == PV_STR && a->len == b->len && !memcmp(a->text, b->text, a->len)) ||
                         (a->kind == PV_INT && !strcmp(a->text, b->text)));
            if (!same) continue;
            pv_free(d->items[2 * i + 1]);
            d->items[2 * i + 1] = d->items[2 * j + 1];
            pv_free(d->items[2 * j]);
            memmove(&d->items[2 * j], &d->items[2 * j + 2],
                    (size_t)(2 * (d->n - j - 1)) * sizeof *d->items);
            d->n--;
            d->nitems -= 2;
            j--;
        }
    }
}

static pv *parse_value(parser *p) {
    skip_space(p);
    if (p->s >= p->end || ++p->depth > 100) return NULL;
    pv *v = NULL;
    char c = *p->s;
    bool comma;
    if (c == '(' || c == '[') {
        p->s++;
        v = pv_new(c == '(' ? PV_TUPLE : PV_LIST);
        if (v && !parse_items(p, v, c == '(' ? ')' : ']', false, &comma)) {
            pv_free(v);
            v = NULL;
        }
        if (v && c == '(' && v->n == 1 && !comma) { /* (x) is x */
            pv *inner = v->items[0];
            v->n = v->nitems = 0;
            pv_free(v);
            v = inner;
        }
    } else if (c == '{') {
        p->s++;
        /* A dict if the first item is followed by ':', else a set. */
        parser probe = *p;
        pv *first = NULL;
        skip_space(&probe);
        bool is_dict = probe.s < probe.end && *probe.s == '}';
        if (!is_dict && (first = parse_value(&probe))) {
            skip_space(&probe);
            is_dict = probe.s < probe.end && *probe.s == ':';
        }
        pv_free(first);
        v = pv_new(is_dict ? PV_DICT : PV_SET);
        if (v && !parse_items(p, v, '}', is_dict, &comma)) {
            pv_free(v);
            v = NULL;
        }
        if (v && is_dict) dict_dedupe(v);
    } else if (c == '\'' || c == '"' ||
               ((c == 'r' || c == 'R' || c == 'u' || c == 'U') && p->s + 1 < p->end &&
                (p->s[1] == '\'' || p->s[1] == '"'))) {
        v = parse_string(p);
    } else if (c == '-' || c == '+' || isdigit((unsigned char)c) || c == '.') {
        bool neg = false;
        while (p->s < p->end && (*p->s == '-' || *p->s == '+')) {
            if (*p->s == '-') neg = !neg;
            p->s++;
            skip_space(p);
        }
        v = parse_number(p, neg);
        /* real +/- imaginary: a complex constant */
        parser q = *p;
        skip_space(&q);
        if (v && (v->kind == PV_INT || v->kind == PV_FLOAT) && q.s < q.end &&
            (*q.s == '+' || *q.s == '-')) {
            bool minus = *q.s == '-';
            q.s++;
            skip_space(&q);
            pv *im = parse_number(&q, minus);
            if (im && im->kind == PV_COMPLEX) {
                double re = v->kind == PV_INT ? strtod(v->text, NULL) : v->re;
                pv_free(v);
                im->re = re;
                v = im;
                *p = q;
            } else {
                pv_free(im);
            }
        }
    } else {
        static const struct { const char *word; pv_kind kind; bool b; } words[] = {
            {"True", PV_BOOL, true}, {"False", PV_BOOL, false}, {"None", PV_NONE, false}};
        for (size_t i = 0; i < 3; i++) {
            size_t n = strlen(words[i].word);
            if ((size_t)(p->end - p->s) >= n && !memcmp(p->s, words[i].word, n) &&
                (p->s + n == p->end || !(isalnum((unsigned char)p->s[n]) || p->s[n] == '_'))) {
                v = pv_new(words[i].kind);
                if (v) v->b = words[i].b;
                p->s += n;
                break;
            }
        }
    }
    p->depth--;
    return v;
}

static pv *parse_literal(const char *text, size_t n, bool py2_long) {
    parser p = {text, text + n, py2_long, 0};
    pv *v = parse_value(&p);
    skip_space(&p);
    if (v && p.s != p.end) {
        pv_free(v);
        return NULL;
    }
    return v;
}

/* ---- dtypes the library does not know ------------------------------------------ */

/* numpy's itemsize of a typestr such as '<U3', '|S5', '<M8[D]', '<f16';
 * -1 if unknown. */
static int64_t typestr_itemsize(const char *s) {
    if (*s && strchr("<>|=", *s)) s++;
    char kind = *s++;
    if (!kind || !strchr("biufcSaUVMmOgG?", kind)) return -1;
    char *end;
    long long n = isdigit((unsigned char)*s) ? strtoll(s, &end, 10) : -1;
    if (n < 0) end = (char *)s;
    if (kind == 'M' || kind == 'm') return (n < 0 || n == 8) && (*end == '\0' || *end == '[') ? 8 : -1;
    if (*end) return -1;
    switch (kind) {
    case 'O': return n < 0 || n == 8 ? 8 : -1;
    case 'g': return n < 0 ? 16 : -1;
    case 'G': return n < 0 ? 32 : -1;
    case '?': return n < 0 ? 1 : -1;
    case 'U': return n < 0 ? 0 : 4 * n;
    case 'S': case 'a': case 'V': return n < 0 ? 0 : n;
    default: return n;
    }
}

/* The itemsize of a descr value, -1 if unknown, -2 if it is not a dtype
 * descriptor numpy accepts. */
static int64_t descr_itemsize(const pv *d) {
    if (d->kind == PV_STR) {
        ndm_array *z;
        int rc = ndm_zeros(&z, d->text, 0, NULL, 'C');
        if (rc == NDM_OK) {
            int64_t n = ndm_itemsize(z);
            ndm_free(z);
            return n;
        }
        if (rc != NDM_ENOTSUP) return -2;
        return typestr_itemsize(d->text);
    }
    if (d->kind != PV_LIST) return -2;
    int64_t total = 0;
    for (int i = 0; i < d->n; i++) {
        const pv *f = d->items[i];
        if ((f->kind != PV_TUPLE && f->kind != PV_LIST) || f->n < 2 || f->n > 3) return -2;
        if (f->items[0]->kind != PV_STR && f->items[0]->kind != PV_TUPLE) return -2;
        int64_t size = descr_itemsize(f->items[1]);
        if (size == -2) return -2;
        int64_t count = 1;
        if (f->n == 3) {
            const pv *sh = f->items[2];
            if (sh->kind == PV_INT) {
                count = strtoll(sh->text, NULL, 10);
            } else if (sh->kind == PV_TUPLE) {
                for (int k = 0; k < sh->n; k++) {
                    if (sh->items[k]->kind != PV_INT) return -2;
                    count *= strtoll(sh->items[k]->text, NULL, 10);
                }
            } else {
                return -2;
            }
        }
        if (size < 0 || total < 0) total = -1;
        else total += size * count;
    }
    return total;
}

/* ---- reading ------------------------------------------------------------------------ */

static int fail_value(const char *fmt, ...) CLI_PRINTF(1, 2);
static int fail_value(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("ndmap: ValueError: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_ERR;
}

static int fail_with_repr(const char *prefix, const pv *v) {
    sbuf b = {0};
    pv_repr(&b, v);
    int rc = fail_value("%s%s", prefix, b.failed ? "..." : b.s);
    free(b.s);
    return rc;
}

static int fail_os(const char *path) {
    int e = errno;
    const char *cls = e == ENOENT ? "FileNotFoundError"
                      : (e == EACCES || e == EPERM) ? "PermissionError"
                      : e == EISDIR ? "IsADirectoryError" : "OSError";
    char *r = cli_pyrepr(path, strlen(path));
    fprintf(stderr, "ndmap: %s: [Errno %d] %s: %s\n", cls, e, strerror(e), r ? r : path);
    free(r);
    return CLI_ERR;
}

/* Python bytes repr of the 6-byte magic. */
static void bytes_repr(char *out, const unsigned char *b, size_t n) {
    char *o = out;
    *o++ = 'b';
    *o++ = '\'';
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\\' || b[i] == '\'') o += sprintf(o, "\\%c", b[i]);
        else if (b[i] == '\n') o += sprintf(o, "\\n");
        else if (b[i] == '\r') o += sprintf(o, "\\r");
        else if (b[i] == '\t') o += sprintf(o, "\\t");
        else if (b[i] < 0x20 || b[i] >= 0x7F) o += sprintf(o, "\\x%02x", b[i]);
        else *o++ = (char)b[i];
    }
    *o++ = '\'';
    *o = '\0';
}

static ssize_t read_at(int fd, void *buf, size_t n, off_t off) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, off + (off_t)got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return r < 0 ? -1 : (ssize_t)got;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Latin-1 bytes as UTF-8 text. */
static char *latin1_to_utf8(const unsigned char *s, size_t n, size_t *len) {
    char *out = malloc(2 * n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) {
            *o++ = (char)s[i];
        } else {
            *o++ = (char)(0xC0 | s[i] >> 6);
            *o++ = (char)(0x80 | (s[i] & 0x3F));
        }
    }
    *o = '\0';
    *len = (size_t)(o - out);
    return out;
}

/* Characters in valid UTF-8, or -1 with the offset of the bad byte. */
static int64_t utf8_chars(const unsigned char *s, size_t n, size_t *bad) {
    int64_t chars = 0;
    for (size_t i = 0; i < n;) {
        size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 : (s[i] & 0xF0) == 0xE0 ? 3
                     : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
        if (!len || i + len > n) {
            *bad = i;
            return -1;
        }
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80) {
                *bad = i;
                return -1;
            }
        i += len;
        chars++;
    }
    return chars;
}

static int check_header(cli_npyhead *h, const pv *d) {
    if (d->kind != PV_DICT) return fail_with_repr("Header is not a dictionary: ", d);
    const pv *descr = NULL, *fortran = NULL, *shape = NULL;
    for (int i = 0; i < d->n; i++) {
        const pv *k = d->items[2 * i], *v = d->items[2 * i + 1];
        if (str_eq(k, "descr")) descr = v;
        else if (str_eq(k, "fortran_order")) fortran = v;
        else if (str_eq(k, "shape")) shape = v;
        else descr = fortran = shape = NULL, i = d->n; /* an unexpected key */
    }
    if (d->n != 3 || !descr || !fortran || !shape) {
        /* "Header does not contain the correct keys: " + repr(sorted(keys)) */
        pv keys = {.kind = PV_LIST, .n = d->n};
        keys.items = malloc((d->n > 0 ? (size_t)d->n : 1u) * sizeof *keys.items);
        if (!keys.items) return cli_fail("out of memory");
        for (int i = 0; i < d->n; i++) keys.items[i] = d->items[2 * i];
        for (int i = 1; i < d->n; i++)
            for (int j = i; j > 0; j--) {
                const pv *a = keys.items[j - 1], *b = keys.items[j];
                const char *ta = a->text ? a->text : "", *tb = b->text ? b->text : "";
                if (strcmp(ta, tb) <= 0) break;
                keys.items[j - 1] = (pv *)b;
                keys.items[j] = (pv *)a;
            }
        int rc = fail_with_repr("Header does not contain the correct keys: ", &keys);
        free(keys.items);
        return rc;
    }
    bool ok = shape->kind == PV_TUPLE && shape->n <= NDM_MAXDIMS;
    for (int i = 0; ok && i < shape->n; i++)
        ok = shape->items[i]->kind == PV_INT || shape->items[i]->kind == PV_BOOL;
    if (!ok) return fail_with_repr("shape is not valid: ", shape);
    if (fortran->kind != PV_BOOL) return fail_with_repr("fortran_order is not a valid bool: ", fortran);
    int64_t itemsize = descr_itemsize(descr);
    if (itemsize == -2) return fail_with_repr("descr is not a valid dtype descriptor: ", descr);

    h->fortran_order = fortran->b;
    h->itemsize = itemsize;
    h->ndim = shape->n;
    for (int i = 0; i < shape->n; i++) {
        const pv *x = shape->items[i];
        if (x->kind == PV_BOOL) {
            h->shape[i] = x->b;
            continue;
        }
        errno = 0;
        long long v = strtoll(x->text, NULL, 10);
        if (errno == ERANGE) h->shape_overflow = true;
        h->shape[i] = (int64_t)v;
    }
    sbuf b = {0};
    pv_repr(&b, descr);
    h->descr_repr = b.s;
    if (descr->kind == PV_STR) h->descr = strdup(descr->text);
    b = (sbuf){0};
    pv_repr(&b, shape);
    h->shape_repr = b.s;
    if (!h->descr_repr || !h->shape_repr || (descr->kind == PV_STR && !h->descr))
        return cli_fail("out of memory");
    return CLI_OK;
}

int cli_npy_read_header(const char *path, cli_npyhead *h) {
    memset(h, 0, sizeof *h);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail_os(path);
    int rc = CLI_ERR;
    unsigned char magic[8], len[4], *raw = NULL;
    char *text = NULL;
    pv *d = NULL;
    ssize_t n = read_at(fd, magic, 8, 0);
    if (n < 0) {
        rc = fail_os(path);
        goto out;
    }
    if (n < 8) {
        rc = fail_value("EOF: reading magic string, expected 8 bytes got %zd", n);
        goto out;
    }
    if (memcmp(magic, "\x93NUMPY", 6)) {
        char got[40];
        bytes_repr(got, magic, 6);
        rc = fail_value("the magic string is not correct; expected b'\\x93NUMPY', got %s", got);
        goto out;
    }
    h->major = magic[6];
    h->minor = magic[7];
    if (h->minor != 0 || h->major < 1 || h->major > 3) {
        rc = fail_value("we only support format version (1,0), (2,0), and (3,0), not (%d, %d)",
                        h->major, h->minor);
        goto out;
    }
    size_t lenbytes = h->major == 1 ? 2 : 4;
    n = read_at(fd, len, lenbytes, 8);
    if (n < 0) {
        rc = fail_os(path);
        goto out;
    }
    if ((size_t)n < lenbytes) {
        rc = fail_value("EOF: reading array header length, expected %zu bytes got %zd", lenbytes, n);
        goto out;
    }
    h->header_len = lenbytes == 2 ? (int64_t)(len[0] | len[1] << 8)
                                  : (int64_t)((uint32_t)len[0] | (uint32_t)len[1] << 8 |
                                              (uint32_t)len[2] << 16 | (uint32_t)len[3] << 24);
    h->data_offset = 8 + (int64_t)lenbytes + h->header_len;
    raw = malloc((size_t)h->header_len + 1);
    if (!raw) {
        rc = cli_fail("out of memory");
        goto out;
    }
    n = read_at(fd, raw, (size_t)h->header_len, (off_t)(8 + lenbytes));
    if (n < 0) {
        rc = fail_os(path);
        goto out;
    }
    if (n < h->header_len) {
        rc = fail_value("EOF: reading array header, expected %" PRId64 " bytes got %zd",
                        h->header_len, n);
        goto out;
    }
    size_t tlen;
    int64_t chars;
    if (h->major == 3) {
        size_t bad;
        chars = utf8_chars(raw, (size_t)h->header_len, &bad);
        if (chars < 0) {
            unsigned char c = raw[bad];
            bool lead = c >= 0xC2 && c <= 0xF4;
            fprintf(stderr,
                    "ndmap: UnicodeDecodeError: 'utf-8' codec can't decode byte 0x%02x in "
                    "position %zu: %s\n",
                    c, bad, !lead ? "invalid start byte" : "invalid continuation byte");
            goto out;
        }
        text = malloc((size_t)h->header_len + 1);
        if (!text) {
            rc = cli_fail("out of memory");
            goto out;
        }
        memcpy(text, raw, (size_t)h->header_len);
        text[h->header_len] = '\0';
        tlen = (size_t)h->header_len;
    } else {
        chars = h->header_len;
        text = latin1_to_utf8(raw, (size_t)h->header_len, &tlen);
        if (!text) {
            rc = cli_fail("out of memory");
            goto out;
        }
    }
    if (chars > 10000) {
        rc = fail_value("Header info length (%" PRId64 ") is large and may not be safe to load "
                        "securely.\nTo allow loading, adjust `max_header_size` or fully trust "
                        "the `.npy` file using `allow_pickle=True`.\nFor safety against large "
                        "resource use or crashes, sandboxing may be necessary.",
                        chars);
        goto out;
    }
    /* literal_eval strips leading spaces and tabs. */
    size_t skip = 0;
    while (skip < tlen && (text[skip] == ' ' || text[skip] == '\t')) skip++;
    d = parse_literal(text + skip, tlen - skip, false);
    if (!d && h->major <= 2) d = parse_literal(text + skip, tlen - skip, true);
    if (!d) {
        char *r = cli_pyrepr(text, tlen);
        rc = fail_value("Cannot parse header: %s", r ? r : "...");
        free(r);
        goto out;
    }
    rc = check_header(h, d);
out:
    pv_free(d);
    free(text);
    free(raw);
    close(fd);
    if (rc) cli_npyhead_free(h);
    return rc;
}

void cli_npyhead_free(cli_npyhead *h) {
    free(h->descr);
    free(h->descr_repr);
    free(h->shape_repr);
    h->descr = h->descr_repr = h->shape_repr = NULL;
}
