/*
 * pytext.c -- growable strings and the Python text forms numpy's messages
 * embed: str reprs, tuple reprs of shapes.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool sb_reserve(ndm__sbuf *b, size_t extra) {
    if (b->failed) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->failed = true; return false; }
        cap *= 2;
    }
    char *p = realloc(b->s, cap);
    if (!p) { b->failed = true; return false; }
    b->s = p;
    b->cap = cap;
    return true;
}

void ndm__sb_put(ndm__sbuf *b, const char *s, size_t n) {
    if (!sb_reserve(b, n)) return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void ndm__sb_puts(ndm__sbuf *b, const char *s) { ndm__sb_put(b, s, strlen(s)); }

void ndm__sb_putc(ndm__sbuf *b, char c) { ndm__sb_put(b, &c, 1); }

void ndm__sb_printf(ndm__sbuf *b, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && sb_reserve(b, (size_t)n)) {
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void ndm__sb_free(ndm__sbuf *b) {
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

void ndm__fmt(char *buf, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
}

/* Decode one UTF-8 sequence at s[0..n); returns its length, or 0 if invalid.
 * Rejects overlong forms and surrogates as Python's strict decoder does. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    size_t len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) { len = 2; c = s[0] & 0x1F; min = 0x80; }
    else if ((s[0] & 0xF0) == 0xE0) { len = 3; c = s[0] & 0x0F; min = 0x800; }
    else if ((s[0] & 0xF8) == 0xF0) { len = 4; c = s[0] & 0x07; min = 0x10000; }
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

/* An approximation of str.isprintable() for code points above ASCII: the
 * C1 controls, soft hyphen, no-break and other format/space/separator
 * characters and private use are escaped; everything else is shown. */
static bool printable(uint32_t c) {
    if (c < 0x20 || c == 0x7F) return false;
    if (c < 0x7F) return true;
    if (c <= 0xA0 || c == 0xAD) return false;
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
        (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF ||
        c == 0x1680 || c == 0x180E)
        return false;
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return false;
    if ((c & 0xFFFE) == 0xFFFE) return false;
    return true;
}

void ndm__sb_pyrepr(ndm__sbuf *b, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    bool has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    ndm__sb_putc(b, q);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = utf8_decode(s + i, n - i, &c);
        if (len == 0) { /* surrogateescape: an undecodable byte */
            ndm__sb_printf(b, "\\udc%02x", s[i]);
            i++;
            continue;
        }
        i += len;
        if (c == (uint32_t)q || c == '\\') { ndm__sb_putc(b, '\\'); ndm__sb_putc(b, (char)c); }
        else if (c == '\n') ndm__sb_puts(b, "\\n");
        else if (c == '\r') ndm__sb_puts(b, "\\r");
        else if (c == '\t') ndm__sb_puts(b, "\\t");
        else if (printable(c)) ndm__sb_put(b, (const char *)s + i - len, len);
        else if (c < 0x100) ndm__sb_printf(b, "\\x%02x", (unsigned)c);
        else if (c < 0x10000) ndm__sb_printf(b, "\\u%04x", (unsigned)c);
        else ndm__sb_printf(b, "\\U%08x", (unsigned)c);
    }
    ndm__sb_putc(b, q);
}

void ndm__sb_shape(ndm__sbuf *b, int ndim, const int64_t *shape, bool spaces) {
    ndm__sb_putc(b, '(');
    for (int i = 0; i < ndim; i++) {
        if (i) ndm__sb_puts(b, spaces ? ", " : ",");
        ndm__sb_printf(b, "%lld", (long long)shape[i]);
    }
    if (ndim == 1) ndm__sb_putc(b, ',');
    ndm__sb_putc(b, ')');
}
