/*
 * scalar.c -- Python scalar literals and numpy 2's rules for storing them
 * (a[...] = literal; spec section 6.4).
 *
 * Accepted text, after leading and trailing whitespace:
 *   True, False
 *   integers: decimal digits ("0", "007" as int() reads it), or 0x / 0o / 0b
 *     prefixed, with Python's single underscores between digits; any size
 *   floats: Python float literals ("1.5", "1.", ".5", "1e-5", "1_0.5e3") and
 *     float()'s names nan, inf, infinity in any case
 *   imaginary numbers: a decimal or float literal (or nan/inf) with j or J
 *   one optional sign in front, and the complex forms  A+Bj  A-Bj  where A
 *     is an integer or float and Bj an imaginary number, whitespace allowed
 *     between the parts, the whole optionally in parentheses: "(1+2j)",
 *     "-1.5e3-2j", "(nan+nanj)".
 * The value is what Python computes for that expression (CPython <= 3.13
 * arithmetic): "-2j" is -(2j) = complex(-0.0, -2.0); "A+Bj" has real part
 * A + 0.0 and imaginary part 0.0 + B, "A-Bj" real A - 0.0, imaginary 0.0 - B.
 * Float literals that overflow become +-inf as in Python; an integer that
 * must become a float and is too large fails with Python's OverflowError.
 * Anything else fails with NDM_EVALUE and float()'s message, e.g.
 * "could not convert string to float: 'abc'".
 *
 * Storing follows numpy >= 2 (arraytypes.c.src setitem): integers (and
 * floats, after truncation toward zero) are range-checked against the
 * destination integer type with numpy's exact messages; the message for
 * values outside a C long depends on which CPython conversion numpy uses for
 * the type, reproduced case by case below.
 */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parsed values ---------------------------------------------------------- */

/* A Python int: sign and magnitude when |v| < 2^64, else `huge`; and its
 * correctly rounded float value (`fovf`: too large for a float). */
typedef struct pyint {
    bool neg;
    bool huge;
    uint64_t mag;
    double f;
    bool fovf;
} pyint;

typedef enum { PV_BOOL, PV_INT, PV_FLOAT, PV_COMPLEX } pvkind;

typedef struct pyval {
    pvkind kind;
    bool b;        /* PV_BOOL */
    pyint i;       /* PV_INT */
    double f;      /* PV_FLOAT */
    double re, im; /* PV_COMPLEX */
} pyval;

/* One number token: an int, a float, or an imaginary literal (value in f). */
typedef enum { TK_INT, TK_FLOAT, TK_IMAG } tkind;

typedef struct token {
    tkind kind;
    pyint i;
    double f;
} token;

/* Parse failure (malformed text) and parse-time errors raised by Python
 * itself while evaluating the expression. */
#define BAD 1

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Scan digits of `base` with single underscores between digits, appending
 * the digits (no underscores) to *out. Returns the number of digits, or -1
 * when an underscore is not followed by a digit. A leading underscore is
 * not consumed (the caller sees it as junk). */
static long scan_run(const char **pp, int base, char **out) {
    const char *p = *pp;
    long n = 0;
    for (;;) {
        if (digit_value(*p) < base) {
            *(*out)++ = *p++;
            n++;
        } else if (*p == '_' && n > 0) {
            if (digit_value(p[1]) >= base) return -1;
            p++;
        } else {
            break;
        }
    }
    *pp = p;
    return n;
}

/* Case-insensitive prefix match of a lower-case word. */
static bool match_word(const char *p, const char *w) {
    for (; *w; p++, w++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != *w) return false;
    }
    return true;
}

/* Exact magnitude of a digit string, or huge. */
static void int_magnitude(const char *digits, long n, int base, pyint *v) {
    uint64_t m = 0;
    v->huge = false;
    for (long k = 0; k < n; k++) {
        if (__builtin_mul_overflow(m, (uint64_t)base, &m) ||
            __builtin_add_overflow(m, (uint64_t)digit_value(digits[k]), &m)) {
            v->huge = true;
            m = 0;
            break;
        }
    }
    v->mag = m;
}

/* strtod without locale dependence: the text has no decimal point (digits,
 * an optional exponent, or a 0x...p0 hex form), which every locale reads
 * the same way. Returns the correctly rounded value; *ovf on overflow. */
static double parse_double(const char *text, bool *ovf) {
    int saved = errno;
    errno = 0;
    double d = strtod(text, NULL);
    *ovf = errno == ERANGE && isinf(d);
    errno = saved; /* the caller's errno is not ours to change */
    return d;
}

/* The float value of an integer whose digits (no underscores) are in
 * digits[0..n) of the given base. `work` has room for 4n + 8 bytes. */
static void int_float(const char *digits, long n, int base, char *work,
                      pyint *v) {
    if (base == 10) {
        memcpy(work, digits, (size_t)n);
        work[n] = 0;
    } else {
        /* Hex digits, then the 0x...p0 form; binary and octal are regrouped
         * four bits at a time from the least significant end. */
        int bits = base == 16 ? 4 : base == 8 ? 3 : 1;
        char *w = work + 2;
        long nh = 0;
        if (bits == 4) {
            memcpy(w, digits, (size_t)n);
            nh = n;
        } else {
            /* Build reversed, then reverse. */
            unsigned acc = 0;
            int nb = 0;
            for (long k = n - 1; k >= 0; k--) {
                acc |= (unsigned)digit_value(digits[k]) << nb;
                nb += bits;
                while (nb >= 4) {
                    w[nh++] = "0123456789abcdef"[acc & 15u];
                    acc >>= 4;
                    nb -= 4;
                }
            }
            if (nb > 0) w[nh++] = "0123456789abcdef"[acc & 15u];
            for (long a = 0, b = nh - 1; a < b; a++, b--) {
                char t = w[a];
                w[a] = w[b];
                w[b] = t;
            }
        }
        work[0] = '0';
        work[1] = 'x';
        memcpy(w + nh, "p0", 3);
    }
    v->f = parse_double(work, &v->fovf);
}

/*
 * Scan one unsigned number token at *pp. `digits` and `work` are scratch
 * buffers large enough for the whole literal (see ndm__scalar_convert).
 * Returns 0 or BAD.
 */
static int scan_token(const char **pp, char *digits, char *work, token *t) {
    const char *p = *pp;
    double special = 0;
    bool is_special = false;
    if (match_word(p, "infinity")) {
        p += 8, special = INFINITY, is_special = true;
    } else if (match_word(p, "inf")) {
        p += 3, special = INFINITY, is_special = true;
    } else if (match_word(p, "nan")) {
        p += 3, special = NAN, is_special = true;
    }
    if (is_special) {
        t->f = special;
        t->kind = TK_FLOAT;
        if (*p == 'j' || *p == 'J') p++, t->kind = TK_IMAG;
        *pp = p;
        return 0;
    }

    char *out = digits;
    if (p[0] == '0' && p[1] && strchr("xXoObB", p[1])) {
        int base = (p[1] == 'x' || p[1] == 'X') ? 16
                   : (p[1] == 'o' || p[1] == 'O') ? 8 : 2;
        p += 2;
        if (*p == '_') p++; /* Python allows 0x_ff */
        long n = scan_run(&p, base, &out);
        if (n <= 0) return BAD;
        t->kind = TK_INT;
        t->i.neg = false;
        int_magnitude(digits, n, base, &t->i);
        int_float(digits, n, base, work, &t->i);
        *pp = p;
        return 0;
    }

    long nint = scan_run(&p, 10, &out);
    if (nint < 0) return BAD;
    long nfrac = 0;
    bool point = false;
    if (*p == '.') {
        point = true;
        p++;
        nfrac = scan_run(&p, 10, &out);
        if (nfrac < 0) return BAD;
    }
    if (nint == 0 && nfrac == 0) return BAD;
    /* The exponent, saturated: beyond 10^15 the result is 0 or inf
     * whatever the digits. */
    bool has_exp = false;
    int64_t exp10 = 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        bool eneg = false;
        if (*q == '+' || *q == '-') eneg = *q++ == '-';
        char *eout = work, *ebegin = work;
        long ne = scan_run(&q, 10, &eout);
        if (ne <= 0) return BAD;
        for (const char *c = ebegin; c < eout; c++)
            if (exp10 < INT64_C(1000000000000000)) exp10 = exp10 * 10 + (*c - '0');
        if (eneg) exp10 = -exp10;
        has_exp = true;
        p = q;
    }
    bool imag = *p == 'j' || *p == 'J';
    if (imag) p++;
    *pp = p;

    long nd = nint + nfrac;
    if (!point && !has_exp && !imag) {
        t->kind = TK_INT;
        t->i.neg = false;
        int_magnitude(digits, nd, 10, &t->i);
        int_float(digits, nd, 10, work, &t->i);
        return 0;
    }
    /* Mantissa digits with the point folded into the exponent. */
    memcpy(work, digits, (size_t)nd);
    snprintf(work + nd, 32, "e%" PRId64, exp10 - nfrac);
    bool ovf;
    t->f = parse_double(work, &ovf); /* overflow is inf, as in Python */
    t->kind = imag ? TK_IMAG : TK_FLOAT;
    return 0;
}

static const char *skip_space(const char *p) {
    while (is_space(*p)) p++;
    return p;
}

/* A real term (int or float) as a Python float, for complex arithmetic. */
static int term_as_double(const token *t, bool neg, double *out) {
    if (t->kind == TK_INT) {
        if (t->i.fovf)
            return ndm__err(NDM_EOVERFLOW, "int too large to convert to float");
        *out = neg ? -t->i.f : t->i.f;
        /* -0 is the int 0: no negative zero from an integer. */
        if (*out == 0) *out = 0.0;
    } else {
        *out = neg ? -t->f : t->f;
    }
    return NDM_OK;
}

/*
 * Parse `text` (begin..end, already trimmed) into *v. Returns NDM_OK, BAD
 * for malformed text, or a negative code for an error Python raises while
 * evaluating (huge int in a complex expression).
 */
static int parse_literal(const char *begin, const char *end, char *copy,
                         char *digits, char *work, pyval *v) {
    /* Strip enclosing parentheses. */
    while (end - begin >= 2 && *begin == '(' && end[-1] == ')') {
        begin = skip_space(begin + 1);
        end--;
        while (end > begin && is_space(end[-1])) end--;
    }
    size_t len = (size_t)(end - begin);
    if (len == 4 && memcmp(begin, "True", 4) == 0) {
        v->kind = PV_BOOL, v->b = true;
        return NDM_OK;
    }
    if (len == 5 && memcmp(begin, "False", 5) == 0) {
        v->kind = PV_BOOL, v->b = false;
        return NDM_OK;
    }

    /* Scan a NUL-terminated copy, so that scanning stops at `end`. */
    memcpy(copy, begin, len);
    copy[len] = 0;
    const char *p = copy;

    bool neg = false;
    if (*p == '+' || *p == '-') neg = *p++ == '-';
    p = skip_space(p);
    token t1, t2;
    if (scan_token(&p, digits, work, &t1)) return BAD;
    p = skip_space(p);
    if (*p == 0) {
        switch (t1.kind) {
        case TK_INT:
            v->kind = PV_INT;
            v->i = t1.i;
            v->i.neg = neg && (t1.i.huge || t1.i.mag != 0);
            if (neg) v->i.f = -v->i.f;
            if (v->i.f == 0) v->i.f = 0.0;
            return NDM_OK;
        case TK_FLOAT:
            v->kind = PV_FLOAT;
            v->f = neg ? -t1.f : t1.f;
            return NDM_OK;
        default: /* -(0j + B) negates both parts of complex(0.0, B) */
            v->kind = PV_COMPLEX;
            v->re = neg ? -0.0 : 0.0;
            v->im = neg ? -t1.f : t1.f;
            return NDM_OK;
        }
    }
    if ((*p != '+' && *p != '-') || t1.kind == TK_IMAG) return BAD;
    bool minus = *p++ == '-';
    p = skip_space(p);
    if (scan_token(&p, digits, work, &t2) || t2.kind != TK_IMAG) return BAD;
    p = skip_space(p);
    if (*p != 0) return BAD;
    double a = 0;
    NDM__TRY(term_as_double(&t1, neg, &a));
    v->kind = PV_COMPLEX;
    v->re = minus ? a - 0.0 : a + 0.0;
    v->im = minus ? 0.0 - t2.f : 0.0 + t2.f;
    return NDM_OK;
}

/* ---- storing ------------------------------------------------------------------ */

/* The native-order dtype of type t. */
static ndm__dtype native(ndm__type t) {
    ndm__dtype n = {.type = (uint8_t)t};
    return n;
}

/* numpy's "Python integer X out of bounds for T". */
static int out_of_bounds(bool neg, uint64_t mag, ndm__dtype d) {
    ndm__dtype canon = {.type = d.type};
    return ndm__err(NDM_EOVERFLOW, "Python integer %s%" PRIu64
                    " out of bounds for %s", neg ? "-" : "", mag,
                    ndm__dtype_name(canon));
}

/*
 * Store a Python int (sign, magnitude, huge) into integer type d, as numpy's
 * @TYPE@_safe_pyint_setitem does: int8..int64 and uint8/uint16 convert
 * through PyLong_AsLong (or AsLongLong for the 'q' spelling) and then
 * range-check; uint32/uint64 try PyLong_AsUnsignedLong (AsUnsignedLongLong
 * for 'Q') and fall back to AsLong, a fallback that always ends in an error.
 */
static int store_int(bool neg, bool huge, uint64_t mag, ndm__dtype d,
                     void *out) {
    const char *longmsg = d.longlong ? "int too big to convert"
                                     : "Python int too large to convert to C long";
    bool fits_long = !huge && (neg ? mag <= UINT64_C(0x8000000000000000)
                                   : mag < UINT64_C(0x8000000000000000));
    ndm__type t = (ndm__type)d.type;
    if (t == NDM__UINT32 || t == NDM__UINT64) {
        if (neg || huge) {
            if (fits_long) return out_of_bounds(neg, mag, d);
            return ndm__err(NDM_EOVERFLOW, "%s", longmsg);
        }
        if (t == NDM__UINT32 && mag > UINT32_MAX) return out_of_bounds(neg, mag, d);
        ndm__dtype w = native(NDM__UINT64);
        ndm__cast_strided(d, out, 0, w, (const char *)&mag, 0, 1);
        return NDM_OK;
    }
    if (!fits_long) return ndm__err(NDM_EOVERFLOW, "%s", longmsg);
    int64_t v = neg ? (mag == UINT64_C(0x8000000000000000) ? INT64_MIN
                                                           : -(int64_t)mag)
                    : (int64_t)mag;
    int64_t lo, hi;
    switch (t) {
    case NDM__INT8: lo = INT8_MIN, hi = INT8_MAX; break;
    case NDM__INT16: lo = INT16_MIN, hi = INT16_MAX; break;
    case NDM__INT32: lo = INT32_MIN, hi = INT32_MAX; break;
    case NDM__UINT8: lo = 0, hi = UINT8_MAX; break;
    case NDM__UINT16: lo = 0, hi = UINT16_MAX; break;
    default: lo = INT64_MIN, hi = INT64_MAX; break; /* int64 */
    }
    if (v < lo || v > hi) return out_of_bounds(neg, mag, d);
    ndm__dtype w = native(NDM__INT64);
    ndm__cast_strided(d, out, 0, w, (const char *)&v, 0, 1);
    return NDM_OK;
}

static int store_double(double f, ndm__dtype d, void *out) {
    ndm__cast_strided(d, out, 0, native(NDM__FLOAT64), (const char *)&f, 0, 1);
    return NDM_OK;
}

static int store_complex(double re, double im, ndm__dtype d, void *out) {
    double c[2] = {re, im};
    ndm__cast_strided(d, out, 0, native(NDM__COMPLEX128), (const char *)c,
                      0, 1);
    return NDM_OK;
}

static int store_bool(bool b, ndm__dtype d, void *out) {
    uint8_t v = b;
    ndm__cast_strided(d, out, 0, native(NDM__BOOL), (const char *)&v, 0, 1);
    return NDM_OK;
}

static int store_value(const pyval *v, ndm__dtype d, void *out) {
    ndm__kind k = ndm__type_kind((ndm__type)d.type);
    bool to_int = k == NDM__KIND_INT || k == NDM__KIND_UINT;
    switch (v->kind) {
    case PV_BOOL:
        if (to_int) return store_int(false, false, v->b, d, out);
        return store_bool(v->b, d, out);

    case PV_INT:
        if (k == NDM__KIND_BOOL)
            return store_bool(v->i.huge || v->i.mag != 0, d, out);
        if (to_int) return store_int(v->i.neg, v->i.huge, v->i.mag, d, out);
        /* float(int) first: Python's correctly rounded conversion. */
        if (v->i.fovf)
            return ndm__err(NDM_EOVERFLOW, "int too large to convert to float");
        if (k == NDM__KIND_FLOAT) return store_double(v->i.f, d, out);
        return store_complex(v->i.f, 0.0, d, out);

    case PV_FLOAT:
        if (k == NDM__KIND_BOOL) return store_bool(v->f != 0, d, out); /* nan is True */
        if (to_int) {
            /* int(f): truncation toward zero, then the integer rules. */
            if (isnan(v->f))
                return ndm__err(NDM_EVALUE, "cannot convert float NaN to integer");
            if (isinf(v->f))
                return ndm__err(NDM_EOVERFLOW,
                                "cannot convert float infinity to integer");
            double tr = trunc(v->f);
            double a = fabs(tr);
            bool huge = a >= 0x1p64;
            return store_int(tr < 0, huge, huge ? 0 : (uint64_t)a, d, out);
        }
        if (k == NDM__KIND_FLOAT) return store_double(v->f, d, out);
        return store_complex(v->f, 0.0, d, out);

    default: /* PV_COMPLEX */
        if (k == NDM__KIND_BOOL)
            return store_bool(v->re != 0 || v->im != 0, d, out);
        if (to_int)
            return ndm__err(NDM_ETYPE, "int() argument must be a string, a "
                            "bytes-like object or a real number, not 'complex'");
        if (k == NDM__KIND_FLOAT)
            return ndm__err(NDM_ETYPE, "float() argument must be a string or a "
                            "real number, not 'complex'");
        return store_complex(v->re, v->im, d, out);
    }
}

/* ---- entry point ----------------------------------------------------------------- */

static int malformed(const char *literal) {
    ndm__sbuf b = {0};
    ndm__sb_puts(&b, "could not convert string to float: ");
    ndm__sb_pyrepr(&b, literal, strlen(literal));
    if (b.failed) {
        ndm__sb_free(&b);
        return ndm__err_nomem();
    }
    int rc = ndm__err(NDM_EVALUE, "%s", b.s);
    ndm__sb_free(&b);
    return rc;
}

int ndm__scalar_convert(const char *literal, ndm__dtype d, void *out) {
    if (!literal) return ndm__err(NDM_EVALUE, "scalar literal is NULL");
    const char *begin = skip_space(literal);
    const char *end = begin + strlen(begin);
    while (end > begin && is_space(end[-1])) end--;
    size_t len = (size_t)(end - begin);

    /* Scratch, one block: a NUL-terminated copy of the trimmed text, the
     * digits of a token without underscores, and the text handed to strtod
     * (a token's digits regrouped or followed by an exponent: at most
     * len + 40 bytes). */
    char *block = malloc(3 * len + 64);
    if (!block) return ndm__err_nomem();
    pyval v;
    int rc = parse_literal(begin, end, block, block + len + 1,
                           block + 2 * len + 2, &v);
    free(block);
    if (rc == BAD) return malformed(literal);
    if (rc < 0) return rc;
    return store_value(&v, d, out);
}
