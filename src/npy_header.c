/*
 * npy_header.c -- the .npy header, pure: validating the bytes at the start of
 * a file exactly as numpy's format.py does (same checks, same order, same
 * messages), and building the header bytes numpy writes. No I/O.
 *
 * The header text is a Python literal that numpy reads with
 * ast.literal_eval. This file parses the subset literal_eval accepts (dicts,
 * tuples, lists, sets, set(), str and bytes with every prefix and escape but
 * \N{...}, ints of any size, floats, imaginary numbers, signed numbers,
 * real+imag sums, True/False/None/...), written for hostile input:
 *   - nesting is limited to 200 brackets, as in CPython's tokenizer, and every
 *     recursive function here descends one level per bracket, so recursion is
 *     bounded by that limit;
 *   - every node lives in one arena freed at the end, so error paths leak
 *     nothing;
 *   - integers are arbitrary precision; decimal literals over 4300 digits are
 *     refused as CPython refuses them; sizes are checked before allocating.
 * Anything outside the subset (syntax errors and names or operators that
 * literal_eval would call malformed) is "Cannot parse header: <repr>" with a
 * byte position kept for diagnostics.
 *
 * Where the message embeds a Python repr of a value (dicts, sets, floats,
 * complex numbers, sorted key lists), the repr is Python's. Set iteration
 * order follows CPython's hash table for numbers (and tuples of them); sets
 * of strings are shown in insertion order (CPython's is randomised per
 * process).
 */
#include "npy.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ----------------------------------------------------------------- */

typedef struct ablock {
    struct ablock *next;
    size_t cap, used;
    max_align_t data[]; /* aligned payload */
} ablock;

typedef struct arena {
    ablock *head;
    bool failed;
} arena;

static void *ar_alloc(arena *a, size_t n) {
    if (a->failed) return NULL;
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    ablock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = 64 * 1024;
        if (n > cap) cap = n;
        if (cap > SIZE_MAX - sizeof(ablock)) {
            a->failed = true;
            return NULL;
        }
        b = malloc(sizeof(ablock) + cap);
        if (!b) {
            a->failed = true;
            return NULL;
        }
        b->next = a->head;
        b->cap = cap;
        b->used = 0;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void *ar_array(arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        a->failed = true;
        return NULL;
    }
    return ar_alloc(a, count * size);
}

static void ar_free(arena *a) {
    ablock *b = a->head;
    while (b) {
        ablock *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

/* ---- C-locale number conversion ------------------------------------------ */

static _Atomic(locale_t) c_locale;

static locale_t get_c_locale(void) {
    locale_t l = atomic_load(&c_locale);
    if (l) return l;
    locale_t n = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!n) return (locale_t)0;
    locale_t expected = (locale_t)0;
    if (!atomic_compare_exchange_strong(&c_locale, &expected, n)) {
        freelocale(n);
        return expected;
    }
    return n;
}

static double c_strtod(const char *s) {
    locale_t l = get_c_locale();
    if (l) return strtod_l(s, NULL, l);
    return strtod(s, NULL);
}

/* snprintf in the C locale (the decimal point must be '.'). */
static int c_snprintf_e(char *buf, size_t cap, int prec, double x) {
    locale_t l = get_c_locale();
    locale_t old = l ? uselocale(l) : (locale_t)0;
    int n = snprintf(buf, cap, "%.*e", prec, x);
    if (l) uselocale(old);
    return n;
}

/* ---- arbitrary-precision integers ----------------------------------------- */

/* Magnitude in 32-bit limbs, least significant first; n == 0 is zero. */
typedef struct bigint {
    bool neg;
    size_t n;
    uint32_t *d;
} bigint;

#define PY_INT_MAX_STR_DIGITS 4300

static void big_trim(bigint *b) {
    while (b->n && b->d[b->n - 1] == 0) b->n--;
    if (!b->n) b->neg = false;
}

/* From digits in a power-of-two base (bits per digit 1, 3 or 4); `digs` holds
 * digit values, most significant first. */
static int big_from_pow2(arena *a, const uint8_t *digs, size_t nd, int bits,
                         bigint *out) {
    size_t limbs = nd / 32 * (size_t)bits + ((nd % 32) * (size_t)bits + 31) / 32 + 1;
    uint32_t *d = ar_array(a, limbs, sizeof *d);
    if (!d) return NDM_ENOMEM;
    memset(d, 0, limbs * sizeof *d);
    size_t bit = 0;
    for (size_t k = nd; k-- > 0;) {
        uint32_t v = digs[k];
        for (int j = 0; j < bits; j++, bit++)
            if (v >> j & 1u) d[bit / 32] |= 1u << (bit % 32);
    }
    out->neg = false;
    out->n = limbs;
    out->d = d;
    big_trim(out);
    return 0;
}

/* From decimal digit values (most significant first). nd <= 4300. */
static int big_from_dec(arena *a, const uint8_t *digs, size_t nd, bigint *out) {
    size_t limbs = nd / 9 + 2;
    uint32_t *d = ar_array(a, limbs, sizeof *d);
    if (!d) return NDM_ENOMEM;
    size_t n = 0;
    for (size_t k = 0; k < nd;) {
        uint32_t chunk = 0, mul = 1;
        for (int j = 0; j < 9 && k < nd; j++, k++) {
            chunk = chunk * 10 + digs[k];
            mul *= 10;
        }
        uint64_t carry = chunk;
        for (size_t i = 0; i < n; i++) {
            uint64_t t = (uint64_t)d[i] * mul + carry;
            d[i] = (uint32_t)t;
            carry = t >> 32;
        }
        if (carry) d[n++] = (uint32_t)carry;
    }
    out->neg = false;
    out->n = n;
    out->d = d;
    big_trim(out);
    return 0;
}

static size_t big_bits(const bigint *b) {
    if (!b->n) return 0;
    uint32_t top = b->d[b->n - 1];
    size_t bits = (b->n - 1) * 32;
    while (top) {
        bits++;
        top >>= 1;
    }
    return bits;
}

/* The value as int64, or false if it does not fit. */
static bool big_to_i64(const bigint *b, int64_t *out) {
    if (b->n > 2) return false;
    uint64_t m = 0;
    if (b->n > 0) m = b->d[0];
    if (b->n > 1) m |= (uint64_t)b->d[1] << 32;
    if (!b->neg) {
        if (m > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX + 1) return false;
        *out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
    }
    return true;
}

static int big_cmp_mag(const bigint *a, const bigint *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static int big_cmp(const bigint *a, const bigint *b) {
    if (a->neg != b->neg) return a->neg ? -1 : 1;
    int c = big_cmp_mag(a, b);
    return a->neg ? -c : c;
}

/* Exact comparison of an integer with a double (not NaN). */
static int big_cmp_double(const bigint *b, double x) {
    if (isinf(x)) return x > 0 ? -1 : 1;
    double fl = floor(x);
    /* floor(x) as a bigint: at most 1024 bits. */
    uint32_t limbs[34] = {0};
    bigint f = {fl < 0, 0, limbs};
    double m = fabs(fl);
    if (m != 0) {
        int e;
        double fr = frexp(m, &e); /* m = fr * 2^e, 0.5 <= fr < 1 */
        uint64_t mant = (uint64_t)ldexp(fr, 53);
        int shift = e - 53;
        if (shift >= 0) {
            for (int i = 0; i < 64; i++)
                if (mant >> i & 1) {
                    int bit = i + shift;
                    limbs[bit / 32] |= 1u << (bit % 32);
                }
        } else {
            mant >>= -shift;
            limbs[0] = (uint32_t)mant;
            limbs[1] = (uint32_t)(mant >> 32);
        }
        f.n = 34;
        big_trim(&f);
        f.neg = fl < 0 && f.n;
    }
    int c = big_cmp(b, &f);
    if (c != 0) return c;
    return fl == x ? 0 : -1; /* b == floor(x) < x */
}

/* |b| mod (2^61 - 1). */
static uint64_t big_mod_mersenne61(const bigint *b) {
    const uint64_t M = ((uint64_t)1 << 61) - 1;
    uint64_t r = 0;
    for (size_t i = b->n; i-- > 0;) {
        unsigned __int128 t = ((unsigned __int128)r << 32) | b->d[i];
        r = (uint64_t)(t % M);
    }
    return r;
}

/* Decimal text into sb. Fails (Python's ValueError) beyond 4300 digits. */
static const char INT_DIGITS_MSG[] =
    "Exceeds the limit (4300 digits) for integer string conversion; use "
    "sys.set_int_max_str_digits() to increase the limit";

static int big_to_dec(const bigint *b, ndm__sbuf *sb) {
    if (!b->n) {
        ndm__sb_putc(sb, '0');
        return 0;
    }
    if (big_bits(b) > 14300) return ndm__err(NDM_EVALUE, "%s", INT_DIGITS_MSG);
    uint32_t *t = malloc(b->n * sizeof *t);
    size_t nchunks = b->n * 32 / 29 + 2; /* 10^9 > 2^29 */
    uint32_t *chunks = malloc(nchunks * sizeof *chunks);
    if (!t || !chunks) {
        free(t);
        free(chunks);
        return ndm__err_nomem();
    }
    memcpy(t, b->d, b->n * sizeof *t);
    size_t n = b->n, nc = 0;
    while (n) {
        uint64_t rem = 0;
        for (size_t i = n; i-- > 0;) {
            uint64_t cur = (rem << 32) | t[i];
            t[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        chunks[nc++] = (uint32_t)rem;
        while (n && t[n - 1] == 0) n--;
    }
    char first[16];
    snprintf(first, sizeof first, "%u", chunks[nc - 1]);
    size_t digits = strlen(first) + (nc - 1) * 9;
    if (digits > PY_INT_MAX_STR_DIGITS) {
        free(t);
        free(chunks);
        return ndm__err(NDM_EVALUE, "%s", INT_DIGITS_MSG);
    }
    if (b->neg) ndm__sb_putc(sb, '-');
    ndm__sb_puts(sb, first);
    for (size_t i = nc - 1; i-- > 0;) ndm__sb_printf(sb, "%09u", chunks[i]);
    free(t);
    free(chunks);
    return 0;
}

/* ---- values ---------------------------------------------------------------- */

typedef enum vkind {
    V_NONE, V_BOOL, V_INT, V_FLOAT, V_COMPLEX, V_STR, V_BYTES, V_ELLIPSIS,
    V_TUPLE, V_LIST, V_SET, V_DICT
} vkind;

typedef struct pv {
    vkind kind;
    bool b;            /* V_BOOL */
    bigint i;          /* V_INT */
    double re, im;     /* V_FLOAT (re), V_COMPLEX */
    const char *s;     /* V_STR (UTF-8, may hold NULs), V_BYTES */
    size_t len;
    struct pv **it;    /* V_TUPLE, V_LIST, V_SET elements; V_DICT keys */
    struct pv **vals;  /* V_DICT values */
    size_t n;
} pv;

static const char *type_name(const pv *v) {
    switch (v->kind) {
    case V_NONE: return "NoneType";
    case V_BOOL: return "bool";
    case V_INT: return "int";
    case V_FLOAT: return "float";
    case V_COMPLEX: return "complex";
    case V_STR: return "str";
    case V_BYTES: return "bytes";
    case V_ELLIPSIS: return "ellipsis";
    case V_TUPLE: return "tuple";
    case V_LIST: return "list";
    case V_SET: return "set";
    case V_DICT: return "dict";
    }
    return "object";
}

static bool is_number(const pv *v) {
    return v->kind == V_BOOL || v->kind == V_INT || v->kind == V_FLOAT ||
           v->kind == V_COMPLEX;
}

/* ---- Python float repr ------------------------------------------------------ */

/* Shortest digits that round-trip (Python's repr), as a digit string and a
 * decimal exponent: x = 0.DIGITS * 10^decpt. x finite, > 0. */
static void shortest_digits(double x, char *digits, int *decpt) {
    char buf[64];
    for (int p = 1; p <= 17; p++) {
        c_snprintf_e(buf, sizeof buf, p - 1, x);
        /* buf: d[.ddd]e[+-]XX */
        char mant[32];
        int nm = 0;
        const char *q = buf;
        for (; *q && *q != 'e'; q++)
            if (*q != '.') mant[nm++] = *q;
        mant[nm] = '\0';
        int e10 = atoi(q + 1);
        /* Candidates: the nearest p-digit decimal and its two neighbours (the
         * rounding interval is asymmetric at powers of two). */
        long long m = atoll(mant);
        long long best = -1;
        int best_e = 0;
        double best_err = 0;
        for (int dlt = 0; dlt < 3; dlt++) {
            long long c = m + (dlt == 0 ? 0 : dlt == 1 ? -1 : 1);
            int ce = e10;
            long long lim = 1;
            for (int k = 1; k < p; k++) lim *= 10;
            /* A neighbour with one digit more or fewer is covered by
             * another precision. */
            if (c < lim || c >= lim * 10) continue;
            char tb[64];
            snprintf(tb, sizeof tb, "%llde%d", c, ce - (p - 1));
            double y = c_strtod(tb);
            if (y == x) {
                double err = fabs((double)c - x / pow(10, ce - (p - 1)));
                if (best < 0 || err < best_err) {
                    best = c;
                    best_e = ce;
                    best_err = err;
                }
                if (dlt == 0) break; /* the nearest round-trips: it is the one */
            }
        }
        if (best >= 0) {
            char tb[32];
            snprintf(tb, sizeof tb, "%lld", best);
            size_t L = strlen(tb);
            while (L > 1 && tb[L - 1] == '0') tb[--L] = '\0';
            strcpy(digits, tb);
            *decpt = best_e + 1;
            return;
        }
    }
    /* Unreachable: 17 digits always round-trip. */
    c_snprintf_e(buf, sizeof buf, 16, x);
    int nm = 0;
    const char *q = buf;
    for (; *q && *q != 'e'; q++)
        if (*q != '.') digits[nm++] = *q;
    digits[nm] = '\0';
    *decpt = atoi(q + 1) + 1;
}

/* Python's float repr ('r' format); add_dot0: repr(float) adds ".0" to
 * integral values, complex parts do not. */
static void float_repr(ndm__sbuf *sb, double x, bool add_dot0) {
    if (isnan(x)) {
        ndm__sb_puts(sb, signbit(x) ? "-nan" : "nan");
        return;
    }
    if (isinf(x)) {
        ndm__sb_puts(sb, x < 0 ? "-inf" : "inf");
        return;
    }
    if (signbit(x)) ndm__sb_putc(sb, '-');
    x = fabs(x);
    if (x == 0) {
        ndm__sb_puts(sb, add_dot0 ? "0.0" : "0");
        return;
    }
    char d[32];
    int decpt;
    shortest_digits(x, d, &decpt);
    int nd = (int)strlen(d);
    if (decpt <= -4 || decpt > 16) {
        ndm__sb_putc(sb, d[0]);
        if (nd > 1) {
            ndm__sb_putc(sb, '.');
            ndm__sb_puts(sb, d + 1);
        }
        int e = decpt - 1;
        ndm__sb_printf(sb, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        return;
    }
    if (decpt <= 0) {
        ndm__sb_puts(sb, "0.");
        for (int k = 0; k < -decpt; k++) ndm__sb_putc(sb, '0');
        ndm__sb_puts(sb, d);
        return;
    }
    if (nd <= decpt) {
        ndm__sb_puts(sb, d);
        for (int k = nd; k < decpt; k++) ndm__sb_putc(sb, '0');
        if (add_dot0) ndm__sb_puts(sb, ".0");
        return;
    }
    ndm__sb_put(sb, d, (size_t)decpt);
    ndm__sb_putc(sb, '.');
    ndm__sb_puts(sb, d + decpt);
}

static void complex_repr(ndm__sbuf *sb, double re, double im) {
    if (re == 0 && !signbit(re)) {
        float_repr(sb, im, false);
        ndm__sb_putc(sb, 'j');
        return;
    }
    ndm__sb_putc(sb, '(');
    float_repr(sb, re, false);
    if (!signbit(im)) ndm__sb_putc(sb, '+');
    float_repr(sb, im, false);
    ndm__sb_puts(sb, "j)");
}

static void bytes_repr(ndm__sbuf *sb, const unsigned char *s, size_t n) {
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    ndm__sb_putc(sb, 'b');
    ndm__sb_putc(sb, q);
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c == (unsigned)q || c == '\\') {
            ndm__sb_putc(sb, '\\');
            ndm__sb_putc(sb, (char)c);
        } else if (c == '\t') ndm__sb_puts(sb, "\\t");
        else if (c == '\n') ndm__sb_puts(sb, "\\n");
        else if (c == '\r') ndm__sb_puts(sb, "\\r");
        else if (c < 0x20 || c >= 0x7f) ndm__sb_printf(sb, "\\x%02x", c);
        else ndm__sb_putc(sb, (char)c);
    }
    ndm__sb_putc(sb, q);
}

/* ---- hashing (CPython's, for numbers and tuples of them) ------------------- */

#define PYHASH_BITS 61
#define PYHASH_MOD (((uint64_t)1 << 61) - 1)
#define PYHASH_INF 314159
#define PYHASH_IMAG 1000003ULL

static uint64_t py_hash_double(double v) {
    if (isinf(v)) return v > 0 ? (uint64_t)PYHASH_INF : (uint64_t)-PYHASH_INF;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0, y;
    while (m) {
        x = ((x << 28) & PYHASH_MOD) | x >> (PYHASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= PYHASH_MOD) x -= PYHASH_MOD;
    }
    e = e >= 0 ? e % PYHASH_BITS : PYHASH_BITS - 1 - ((-1 - e) % PYHASH_BITS);
    x = ((x << e) & PYHASH_MOD) | x >> (PYHASH_BITS - e);
    x = x * (uint64_t)(int64_t)sign;
    if (x == (uint64_t)-1) x = (uint64_t)-2;
    return x;
}

static uint64_t py_hash_int(const bigint *b) {
    uint64_t x = big_mod_mersenne61(b);
    if (b->neg) x = (uint64_t)(-(int64_t)x);
    if (x == (uint64_t)-1) x = (uint64_t)-2;
    return x;
}

static uint64_t fnv(const char *s, size_t n, uint64_t seed) {
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* A hash consistent with Python equality; *known says whether it is also
 * CPython's hash. Returns false for unhashable values (list, dict, set). */
static bool v_hash(const pv *v, uint64_t *h, bool *known) {
    switch (v->kind) {
    case V_NONE: *h = 0x9e3779b97f4a7c15ULL; *known = false; return true;
    case V_ELLIPSIS: *h = 0x7f4a7c159e3779b9ULL; *known = false; return true;
    case V_BOOL: *h = v->b; return true;
    case V_INT: *h = py_hash_int(&v->i); return true;
    case V_FLOAT: *h = py_hash_double(v->re); return true;
    case V_COMPLEX: {
        uint64_t c = py_hash_double(v->re) + PYHASH_IMAG * py_hash_double(v->im);
        if (c == (uint64_t)-1) c = (uint64_t)-2;
        *h = c;
        return true;
    }
    case V_STR: *h = fnv(v->s, v->len, 1); *known = false; return true;
    case V_BYTES: *h = fnv(v->s, v->len, 2); *known = false; return true;
    case V_TUPLE: {
        const uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL,
                       P5 = 2870177450012600261ULL;
        uint64_t acc = P5;
        for (size_t i = 0; i < v->n; i++) {
            uint64_t lane;
            if (!v_hash(v->it[i], &lane, known)) return false;
            acc += lane * P2;
            acc = (acc << 31) | (acc >> 33);
            acc *= P1;
        }
        acc += (uint64_t)v->n ^ (P5 ^ 3527539UL);
        if (acc == (uint64_t)-1) acc = 1546275796;
        *h = acc;
        return true;
    }
    case V_LIST: case V_SET: case V_DICT: return false;
    }
    return false;
}

/* The first unhashable type inside a value (for "unhashable type: 'list'"). */
static const char *unhashable_name(const pv *v) {
    if (v->kind == V_LIST || v->kind == V_SET || v->kind == V_DICT) return type_name(v);
    if (v->kind == V_TUPLE)
        for (size_t i = 0; i < v->n; i++) {
            const char *t = unhashable_name(v->it[i]);
            if (t) return t;
        }
    return NULL;
}

/* ---- equality and ordering (Python semantics) ------------------------------- */

/* Numeric value classes for comparisons. */
static int num_cmp(const pv *a, const pv *b); /* a, b real numbers */

static bool v_eq(const pv *a, const pv *b);

static bool num_eq(const pv *a, const pv *b) {
    double aim = a->kind == V_COMPLEX ? a->im : 0, bim = b->kind == V_COMPLEX ? b->im : 0;
    if (aim != bim) return false;
    if (a->kind == V_COMPLEX || b->kind == V_COMPLEX) {
        /* compare real parts: one may be int */
        pv ra = *a, rb = *b;
        if (ra.kind == V_COMPLEX) ra.kind = V_FLOAT;
        if (rb.kind == V_COMPLEX) rb.kind = V_FLOAT;
        return num_cmp(&ra, &rb) == 0;
    }
    return num_cmp(a, b) == 0;
}

static int num_cmp(const pv *a, const pv *b) {
    /* bool and int as integers */
    bigint ai, bi;
    uint32_t one = 1;
    bool aint = a->kind != V_FLOAT, bint = b->kind != V_FLOAT;
    if (a->kind == V_BOOL) ai = (bigint){false, a->b ? 1u : 0u, &one};
    else ai = a->i;
    if (b->kind == V_BOOL) bi = (bigint){false, b->b ? 1u : 0u, &one};
    else bi = b->i;
    if (aint && bint) return big_cmp(&ai, &bi);
    if (!aint && !bint) return a->re < b->re ? -1 : a->re > b->re ? 1 : 0;
    if (aint) return big_cmp_double(&ai, b->re);
    return -big_cmp_double(&bi, a->re);
}

static bool seq_eq(const pv *a, const pv *b) {
    if (a->n != b->n) return false;
    for (size_t i = 0; i < a->n; i++)
        if (!v_eq(a->it[i], b->it[i])) return false;
    return true;
}

static bool v_eq(const pv *a, const pv *b) {
    if (is_number(a) && is_number(b)) return num_eq(a, b);
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case V_NONE: case V_ELLIPSIS: return true;
    case V_STR: case V_BYTES: return a->len == b->len && !memcmp(a->s, b->s, a->len);
    case V_TUPLE: case V_LIST: return seq_eq(a, b);
    case V_SET:
        if (a->n != b->n) return false;
        for (size_t i = 0; i < a->n; i++) {
            bool found = false;
            for (size_t j = 0; j < b->n && !found; j++) found = v_eq(a->it[i], b->it[j]);
            if (!found) return false;
        }
        return true;
    case V_DICT:
        if (a->n != b->n) return false;
        for (size_t i = 0; i < a->n; i++) {
            bool found = false;
            for (size_t j = 0; j < b->n && !found; j++)
                if (v_eq(a->it[i], b->it[j])) {
                    found = true;
                    if (!v_eq(a->vals[i], b->vals[j])) return false;
                }
            if (!found) return false;
        }
        return true;
    default: return false;
    }
}

static int lt_error(const pv *a, const pv *b) {
    return ndm__err(NDM_ETYPE, "'<' not supported between instances of '%s' and '%s'",
                    type_name(a), type_name(b));
}

/* Python a < b: 0 with *res, or NDM_ETYPE. */
static int v_lt(const pv *a, const pv *b, bool *res) {
    bool an = a->kind == V_BOOL || a->kind == V_INT || a->kind == V_FLOAT;
    bool bn = b->kind == V_BOOL || b->kind == V_INT || b->kind == V_FLOAT;
    if (an && bn) {
        *res = num_cmp(a, b) < 0;
        return 0;
    }
    if (a->kind != b->kind) return lt_error(a, b);
    switch (a->kind) {
    case V_STR: case V_BYTES: {
        size_t m = a->len < b->len ? a->len : b->len;
        int c = memcmp(a->s, b->s, m);
        *res = c < 0 || (c == 0 && a->len < b->len);
        return 0;
    }
    case V_TUPLE: case V_LIST: {
        size_t m = a->n < b->n ? a->n : b->n;
        for (size_t i = 0; i < m; i++)
            if (!v_eq(a->it[i], b->it[i])) return v_lt(a->it[i], b->it[i], res);
        *res = a->n < b->n;
        return 0;
    }
    default: return lt_error(a, b);
    }
}

/* sorted(): CPython's list.sort for fewer than 64 items (count_run, then
 * binary insertion), so that a TypeError names the same pair; a stable merge
 * sort beyond that. */
static int sort_values(pv **v, size_t n) {
    if (n < 2) return 0;
    if (n < 64) {
        bool lt;
        size_t run = 2;
        NDM__TRY(v_lt(v[1], v[0], &lt));
        if (lt) {
            for (; run < n; run++) {
                NDM__TRY(v_lt(v[run], v[run - 1], &lt));
                if (!lt) break;
            }
            for (size_t i = 0, j = run - 1; i < j; i++, j--) {
                pv *t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
        } else {
            for (; run < n; run++) {
                NDM__TRY(v_lt(v[run], v[run - 1], &lt));
                if (lt) break;
            }
        }
        for (size_t start = run; start < n; start++) {
            size_t l = 0, r = start;
            pv *pivot = v[start];
            do {
                size_t p = l + ((r - l) >> 1);
                NDM__TRY(v_lt(pivot, v[p], &lt));
                if (lt) r = p;
                else l = p + 1;
            } while (l < r);
            memmove(v + l + 1, v + l, (start - l) * sizeof *v);
            v[l] = pivot;
        }
        return 0;
    }
    pv **tmp = malloc(n * sizeof *tmp);
    if (!tmp) return ndm__err_nomem();
    int rc = 0;
    for (size_t w = 1; w < n && rc == 0; w *= 2) {
        for (size_t lo = 0; lo < n && rc == 0; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                bool lt;
                rc = v_lt(v[j], v[i], &lt);
                if (rc) break;
                tmp[k++] = lt ? v[j++] : v[i++];
            }
            if (rc) break;
            while (i < mid) tmp[k++] = v[i++];
            while (j < hi) tmp[k++] = v[j++];
            memcpy(v + lo, tmp + lo, (hi - lo) * sizeof *v);
        }
        if (w > SIZE_MAX / 4) break;
    }
    free(tmp);
    return rc;
}

/* ---- repr ------------------------------------------------------------------- */

static int v_repr(const pv *v, ndm__sbuf *sb);

static int seq_repr(pv *const *it, size_t n, ndm__sbuf *sb) {
    for (size_t i = 0; i < n; i++) {
        if (i) ndm__sb_puts(sb, ", ");
        NDM__TRY(v_repr(it[i], sb));
    }
    return 0;
}

static int v_repr(const pv *v, ndm__sbuf *sb) {
    switch (v->kind) {
    case V_NONE: ndm__sb_puts(sb, "None"); return 0;
    case V_BOOL: ndm__sb_puts(sb, v->b ? "True" : "False"); return 0;
    case V_INT: return big_to_dec(&v->i, sb);
    case V_FLOAT: float_repr(sb, v->re, true); return 0;
    case V_COMPLEX: complex_repr(sb, v->re, v->im); return 0;
    case V_STR: ndm__sb_pyrepr(sb, v->s, v->len); return 0;
    case V_BYTES: bytes_repr(sb, (const unsigned char *)v->s, v->len); return 0;
    case V_ELLIPSIS: ndm__sb_puts(sb, "Ellipsis"); return 0;
    case V_TUPLE:
        ndm__sb_putc(sb, '(');
        NDM__TRY(seq_repr(v->it, v->n, sb));
        if (v->n == 1) ndm__sb_putc(sb, ',');
        ndm__sb_putc(sb, ')');
        return 0;
    case V_LIST:
        ndm__sb_putc(sb, '[');
        NDM__TRY(seq_repr(v->it, v->n, sb));
        ndm__sb_putc(sb, ']');
        return 0;
    case V_SET:
        if (v->n == 0) {
            ndm__sb_puts(sb, "set()");
            return 0;
        }
        ndm__sb_putc(sb, '{');
        NDM__TRY(seq_repr(v->it, v->n, sb));
        ndm__sb_putc(sb, '}');
        return 0;
    case V_DICT:
        ndm__sb_putc(sb, '{');
        for (size_t i = 0; i < v->n; i++) {
            if (i) ndm__sb_puts(sb, ", ");
            NDM__TRY(v_repr(v->it[i], sb));
            ndm__sb_puts(sb, ": ");
            NDM__TRY(v_repr(v->vals[i], sb));
        }
        ndm__sb_putc(sb, '}');
        return 0;
    }
    return 0;
}

/* Raise code with message prefix + repr(v). */
static int err_repr(int code, const char *prefix, const pv *v) {
    ndm__sbuf sb = {0};
    ndm__sb_puts(&sb, prefix);
    int rc = v_repr(v, &sb);
    if (rc == 0) rc = sb.failed ? ndm__err_nomem() : ndm__err(code, "%s", sb.s);
    ndm__sb_free(&sb);
    return rc;
}

/* ---- the literal parser ------------------------------------------------------ */

/* CPython's tokenizer refuses more than 200 open brackets. */
#define MAX_NESTING 200

typedef enum nkind { N_CONST, N_UNARY, N_BINOP, N_TUPLE, N_LIST, N_SET, N_DICT, N_SETCALL } nkind;

typedef struct node {
    nkind kind;
    char op;                /* N_UNARY, N_BINOP: '+' or '-' */
    pv *val;                /* N_CONST */
    struct node *a, *b;     /* N_UNARY: a; N_BINOP: a op b */
    struct node *first;     /* containers: children (N_DICT: key, value, ...) */
    struct node *next;      /* sibling */
    size_t n;               /* children */
} node;

typedef enum tkind { TK_END, TK_NEWLINE, TK_NUM, TK_STR, TK_NAME, TK_OP, TK_ELLIPSIS } tkind;

typedef struct parser {
    const char *s;
    size_t n, i;
    int depth;
    bool filter_L;          /* numpy's _filter_header retry (v1/v2) */
    size_t *dropped;        /* positions of the L's dropped (for the message) */
    size_t ndropped, capdropped;
    arena *ar;
    bool syntax;            /* a syntax error was found */
    size_t errpos;
    /* current token */
    tkind tk;
    size_t tpos;
    char tch;               /* TK_OP */
    const char *tname;      /* TK_NAME */
    size_t tnamelen;
    pv *tval;               /* TK_NUM, TK_STR */
    bool tbytes;            /* TK_STR: a bytes literal */
} parser;

static bool fail_at(parser *p, size_t pos) {
    if (!p->syntax) {
        p->syntax = true;
        p->errpos = pos;
    }
    return false;
}

/* A newline at i: "\n", "\r\n" or "\r" (CPython translates them all).
 * Returns its length or 0. */
static size_t nl_len(const parser *p, size_t i) {
    if (i >= p->n) return 0;
    if (p->s[i] == '\n') return 1;
    if (p->s[i] == '\r') return (i + 1 < p->n && p->s[i + 1] == '\n') ? 2 : 1;
    return 0;
}

static bool is_id_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static bool is_id_char(unsigned char c) { return is_id_start(c) || (c >= '0' && c <= '9'); }

/* Skip spaces, tabs, form feeds, comments and backslash continuations, and
 * newlines when inside brackets. Stops at a newline at depth 0. */
static bool skip_ws(parser *p) {
    for (;;) {
        if (p->i >= p->n) return true;
        char c = p->s[p->i];
        if (c == ' ' || c == '\t' || c == '\f') {
            p->i++;
        } else if (c == '#') {
            while (p->i < p->n && !nl_len(p, p->i)) p->i++;
        } else if (c == '\\') {
            size_t l = nl_len(p, p->i + 1);
            if (!l) return fail_at(p, p->i);
            p->i += 1 + l;
            if (p->i >= p->n) return fail_at(p, p->i); /* EOF in continuation */
        } else if (nl_len(p, p->i) && p->depth > 0) {
            p->i += nl_len(p, p->i);
        } else {
            return true;
        }
    }
}

/* ---- string literals ---- */

static void put_utf8(ndm__sbuf *b, uint32_t c) {
    char t[4];
    if (c < 0x80) {
        t[0] = (char)c;
        ndm__sb_put(b, t, 1);
    } else if (c < 0x800) {
        t[0] = (char)(0xC0 | (c >> 6));
        t[1] = (char)(0x80 | (c & 0x3F));
        ndm__sb_put(b, t, 2);
    } else if (c < 0x10000) { /* surrogates too (as WTF-8) */
        t[0] = (char)(0xE0 | (c >> 12));
        t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[2] = (char)(0x80 | (c & 0x3F));
        ndm__sb_put(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (c >> 18));
        t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[3] = (char)(0x80 | (c & 0x3F));
        ndm__sb_put(b, t, 4);
    }
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Lex a string literal body starting at the quote; appends its value to b. */
static bool lex_string(parser *p, bool raw, bool bytes, ndm__sbuf *b) {
    size_t start = p->i;
    char q = p->s[p->i];
    bool triple = p->i + 2 < p->n && p->s[p->i + 1] == q && p->s[p->i + 2] == q;
    p->i += triple ? 3 : 1;
    for (;;) {
        if (p->i >= p->n) return fail_at(p, start); /* unterminated */
        unsigned char c = (unsigned char)p->s[p->i];
        size_t nl = nl_len(p, p->i);
        if (c == (unsigned char)q) {
            if (!triple) {
                p->i++;
                return true;
            }
            if (p->i + 2 < p->n && p->s[p->i + 1] == q && p->s[p->i + 2] == q) {
                p->i += 3;
                return true;
            }
            ndm__sb_putc(b, (char)c);
            p->i++;
        } else if (nl) {
            if (!triple) return fail_at(p, start);
            ndm__sb_putc(b, '\n');
            p->i += nl;
        } else if (c == '\\') {
            if (p->i + 1 >= p->n) return fail_at(p, start);
            size_t nl2 = nl_len(p, p->i + 1);
            if (raw) {
                /* The backslash stays; it only protects the next character. */
                ndm__sb_putc(b, '\\');
                if (nl2) {
                    ndm__sb_putc(b, '\n');
                    p->i += 1 + nl2;
                } else {
                    unsigned char d = (unsigned char)p->s[p->i + 1];
                    if (bytes && d >= 0x80) return fail_at(p, p->i + 1);
                    ndm__sb_putc(b, (char)d);
                    p->i += 2;
                }
                continue;
            }
            if (nl2) {
                p->i += 1 + nl2;
                continue;
            }
            char e = p->s[p->i + 1];
            p->i += 2;
            switch (e) {
            case '\\': ndm__sb_putc(b, '\\'); break;
            case '\'': ndm__sb_putc(b, '\''); break;
            case '"': ndm__sb_putc(b, '"'); break;
            case 'a': ndm__sb_putc(b, '\a'); break;
            case 'b': ndm__sb_putc(b, '\b'); break;
            case 'f': ndm__sb_putc(b, '\f'); break;
            case 'n': ndm__sb_putc(b, '\n'); break;
            case 'r': ndm__sb_putc(b, '\r'); break;
            case 't': ndm__sb_putc(b, '\t'); break;
            case 'v': ndm__sb_putc(b, '\v'); break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                uint32_t v = (uint32_t)(e - '0');
                for (int k = 0; k < 2 && p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '7'; k++)
                    v = v * 8 + (uint32_t)(p->s[p->i++] - '0');
                if (bytes) ndm__sb_putc(b, (char)(v & 0xFF));
                else put_utf8(b, v);
                break;
            }
            case 'x': {
                if (p->i + 2 > p->n) return fail_at(p, p->i - 2);
                int h1 = hexval(p->s[p->i]), h2 = hexval(p->s[p->i + 1]);
                if (h1 < 0 || h2 < 0) return fail_at(p, p->i - 2);
                uint32_t v = (uint32_t)(h1 * 16 + h2);
                p->i += 2;
                if (bytes) ndm__sb_putc(b, (char)v);
                else put_utf8(b, v);
                break;
            }
            case 'u': case 'U':
                if (!bytes) {
                    int len = e == 'u' ? 4 : 8;
                    if (p->i + (size_t)len > p->n) return fail_at(p, p->i - 2);
                    uint32_t v = 0;
                    for (int k = 0; k < len; k++) {
                        int h = hexval(p->s[p->i + (size_t)k]);
                        if (h < 0) return fail_at(p, p->i - 2);
                        v = v * 16 + (uint32_t)h;
                    }
                    if (v > 0x10FFFF) return fail_at(p, p->i - 2);
                    p->i += (size_t)len;
                    put_utf8(b, v);
                    break;
                }
                ndm__sb_putc(b, '\\');
                ndm__sb_putc(b, e);
                break;
            case 'N':
                /* \N{name} needs the Unicode name database: refused. */
                if (!bytes) return fail_at(p, p->i - 2);
                ndm__sb_putc(b, '\\');
                ndm__sb_putc(b, e);
                break;
            default:
                /* Unknown escapes keep the backslash (a warning in Python). */
                if (bytes && (unsigned char)e >= 0x80) return fail_at(p, p->i - 1);
                ndm__sb_putc(b, '\\');
                p->i--;
                break;
            }
        } else {
            if (bytes && c >= 0x80) return fail_at(p, p->i);
            ndm__sb_putc(b, (char)c);
            p->i++;
        }
    }
}

/* Is name[0..n) a string prefix; sets raw/bytes/fstring. */
static bool string_prefix(const char *s, size_t n, bool *raw, bool *bytes, bool *fstr) {
    *raw = *bytes = *fstr = false;
    if (n > 2) return false;
    bool u = false;
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (c == 'r' || c == 'R') {
            if (*raw) return false;
            *raw = true;
        } else if (c == 'b' || c == 'B') {
            if (*bytes) return false;
            *bytes = true;
        } else if (c == 'f' || c == 'F') {
            if (*fstr) return false;
            *fstr = true;
        } else if (c == 'u' || c == 'U') {
            if (n != 1) return false;
            u = true;
        } else {
            return false;
        }
    }
    (void)u;
    if (*bytes && *fstr) return false;
    return true;
}

/* ---- numbers ---- */

/* Lex a number at p->i into a value. */
static bool lex_number(parser *p, pv **out) {
    size_t start = p->i;
    const char *s = p->s;
    size_t n = p->n, i = p->i;
    pv *v = ar_alloc(p->ar, sizeof *v);
    if (!v) return false;
    memset(v, 0, sizeof *v);
    /* Based integers. */
    if (s[i] == '0' && i + 1 < n && strchr("xXoObB", s[i + 1])) {
        char base = (char)(s[i + 1] | 0x20);
        int bits = base == 'x' ? 4 : base == 'o' ? 3 : 1;
        int radix = 1 << bits;
        i += 2;
        size_t nd = 0, cap = n - i;
        uint8_t *digs = ar_alloc(p->ar, cap ? cap : 1);
        if (!digs) return false;
        for (;;) {
            if (i < n && s[i] == '_') i++; /* one underscore before a digit */
            int d = i < n ? hexval(s[i]) : -1;
            if (d < 0 || d >= radix) {
                if (i > 0 && s[i - 1] == '_') return fail_at(p, i);
                break;
            }
            digs[nd++] = (uint8_t)d;
            i++;
        }
        if (nd == 0) return fail_at(p, start);
        v->kind = V_INT;
        if (big_from_pow2(p->ar, digs, nd, bits, &v->i)) return false;
        p->i = i;
        *out = v;
        return true;
    }
    /* Decimal integer, float or imaginary. Collect the digits without
     * underscores into a buffer for strtod. */
    size_t cap = n - i + 2;
    char *buf = ar_alloc(p->ar, cap);
    if (!buf) return false;
    size_t bl = 0, intdigits = 0;
    bool isfloat = false, leading_zero_int = s[i] == '0';
    bool nonzero = false;
#define DIGITPART(countint)                                                    \
    do {                                                                       \
        if (!(i < n && s[i] >= '0' && s[i] <= '9')) return fail_at(p, i);      \
        for (;;) {                                                             \
            if (s[i] != '0') nonzero = true;                                   \
            buf[bl++] = s[i++];                                                \
            if (countint) intdigits++;                                         \
            if (i < n && s[i] == '_') {                                        \
                i++;                                                           \
                if (!(i < n && s[i] >= '0' && s[i] <= '9')) return fail_at(p, i); \
                continue;                                                      \
            }                                                                  \
            if (!(i < n && s[i] >= '0' && s[i] <= '9')) break;                 \
        }                                                                      \
    } while (0)
    if (s[i] != '.') DIGITPART(1);
    bool int_nonzero = nonzero;
    if (i < n && s[i] == '.') {
        isfloat = true;
        buf[bl++] = s[i++];
        if (i < n && s[i] >= '0' && s[i] <= '9') DIGITPART(0);
        else if (intdigits == 0) return fail_at(p, start);
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t save = i;
        size_t sbl = bl;
        buf[bl++] = 'e';
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) buf[bl++] = s[i++];
        if (i < n && s[i] >= '0' && s[i] <= '9') {
            DIGITPART(0);
            isfloat = true;
        } else {
            i = save; /* "1e" followed by a name: the name check fails it */
            bl = sbl;
        }
    }
    buf[bl] = '\0';
    bool imag = false;
    if (i < n && (s[i] == 'j' || s[i] == 'J')) {
        imag = true;
        i++;
    }
#undef DIGITPART
    if (imag || isfloat) {
        double x = c_strtod(buf);
        if (imag) {
            v->kind = V_COMPLEX;
            v->re = 0.0;
            v->im = x;
        } else {
            v->kind = V_FLOAT;
            v->re = x;
        }
    } else {
        /* "0", "00" are fine; "01" is not. */
        if (leading_zero_int && int_nonzero) return fail_at(p, start);
        if (intdigits > PY_INT_MAX_STR_DIGITS) return fail_at(p, start);
        uint8_t *digs = (uint8_t *)buf;
        for (size_t k = 0; k < bl; k++) digs[k] = (uint8_t)(buf[k] - '0');
        v->kind = V_INT;
        if (big_from_dec(p->ar, digs, bl, &v->i)) return false;
    }
    p->i = i;
    *out = v;
    return true;
}

/* Read the next token. */
static bool next_token(parser *p) {
    if (!skip_ws(p)) return false;
    p->tpos = p->i;
    if (p->i >= p->n) {
        p->tk = TK_END;
        return true;
    }
    const char *s = p->s;
    unsigned char c = (unsigned char)s[p->i];
    size_t nl = nl_len(p, p->i);
    if (nl) { /* depth 0 */
        p->i += nl;
        p->tk = TK_NEWLINE;
        return true;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && p->i + 1 < p->n && s[p->i + 1] >= '0' && s[p->i + 1] <= '9')) {
        if (!lex_number(p, &p->tval)) return false;
        /* A name straight after a number is a syntax error, except the
         * Python 2 long suffix when filtering. */
        for (;;) {
            size_t j = p->i;
            if (p->filter_L) {
                /* tokenize: whitespace may separate NUMBER and NAME 'L' */
                while (j < p->n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\f')) j++;
            }
            if (j < p->n && is_id_char((unsigned char)s[j])) {
                size_t k = j;
                while (k < p->n && is_id_char((unsigned char)s[k])) k++;
                if (p->filter_L && k == j + 1 && s[j] == 'L') {
                    if (p->ndropped == p->capdropped) {
                        size_t nc = p->capdropped ? p->capdropped * 2 : 8;
                        size_t *nd = ar_array(p->ar, nc, sizeof *nd);
                        if (!nd) return false;
                        if (p->ndropped) memcpy(nd, p->dropped, p->ndropped * sizeof *nd);
                        p->dropped = nd;
                        p->capdropped = nc;
                    }
                    p->dropped[p->ndropped++] = j;
                    p->i = k;
                    continue;
                }
                if (j == p->i) return fail_at(p, j);
            }
            break;
        }
        p->tk = TK_NUM;
        return true;
    }
    if (is_id_start(c)) {
        size_t j = p->i;
        while (j < p->n && is_id_char((unsigned char)s[j])) j++;
        bool raw, bytes, fstr;
        if (j < p->n && (s[j] == '\'' || s[j] == '"') &&
            string_prefix(s + p->i, j - p->i, &raw, &bytes, &fstr)) {
            if (fstr) return fail_at(p, p->i); /* f-strings are not literals */
            p->i = j;
            ndm__sbuf b = {0};
            bool ok = lex_string(p, raw, bytes, &b);
            if (b.failed) {
                ndm__sb_free(&b);
                p->ar->failed = true;
                return false;
            }
            if (!ok) {
                ndm__sb_free(&b);
                return false;
            }
            pv *v = ar_alloc(p->ar, sizeof *v);
            char *copy = ar_alloc(p->ar, b.len + 1);
            if (!v || !copy) {
                ndm__sb_free(&b);
                return false;
            }
            memset(v, 0, sizeof *v);
            if (b.len) memcpy(copy, b.s, b.len);
            copy[b.len] = '\0';
            v->kind = bytes ? V_BYTES : V_STR;
            v->s = copy;
            v->len = b.len;
            ndm__sb_free(&b);
            p->tval = v;
            p->tbytes = bytes;
            p->tk = TK_STR;
            return true;
        }
        p->tname = s + p->i;
        p->tnamelen = j - p->i;
        p->i = j;
        p->tk = TK_NAME;
        return true;
    }
    if (c == '\'' || c == '"') {
        ndm__sbuf b = {0};
        bool ok = lex_string(p, false, false, &b);
        if (b.failed || !ok) {
            if (b.failed) p->ar->failed = true;
            ndm__sb_free(&b);
            return false;
        }
        pv *v = ar_alloc(p->ar, sizeof *v);
        char *copy = ar_alloc(p->ar, b.len + 1);
        if (!v || !copy) {
            ndm__sb_free(&b);
            return false;
        }
        memset(v, 0, sizeof *v);
        if (b.len) memcpy(copy, b.s, b.len);
        copy[b.len] = '\0';
        v->kind = V_STR;
        v->s = copy;
        v->len = b.len;
        ndm__sb_free(&b);
        p->tval = v;
        p->tbytes = false;
        p->tk = TK_STR;
        return true;
    }
    if (c == '.' && p->i + 2 < p->n && s[p->i + 1] == '.' && s[p->i + 2] == '.') {
        p->i += 3;
        p->tk = TK_ELLIPSIS;
        return true;
    }
    if (strchr("()[]{},:+-", (int)c) && c) {
        p->i++;
        p->tk = TK_OP;
        p->tch = (char)c;
        if (c == '(' || c == '[' || c == '{') {
            if (p->depth >= MAX_NESTING) return fail_at(p, p->tpos);
            p->depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (p->depth == 0) return fail_at(p, p->tpos);
            p->depth--;
        }
        return true;
    }
    /* Any other character (operators literal_eval refuses, '$', '?', ...) */
    return fail_at(p, p->i);
}

static bool is_op(const parser *p, char c) { return p->tk == TK_OP && p->tch == c; }

static node *new_node(parser *p, nkind k) {
    node *nd = ar_alloc(p->ar, sizeof *nd);
    if (nd) {
        memset(nd, 0, sizeof *nd);
        nd->kind = k;
    }
    return nd;
}

static node *parse_expr(parser *p);

/* Closing bracket `close` ends a comma-separated list of expressions
 * (trailing comma allowed). The current token is the first one after the
 * opening bracket. Appends to nd's children. */
static bool parse_list_items(parser *p, node *nd, char close, bool *had_comma) {
    node **tail = &nd->first;
    *had_comma = false;
    while (!is_op(p, close)) {
        node *e = parse_expr(p);
        if (!e) return false;
        *tail = e;
        tail = &e->next;
        nd->n++;
        if (is_op(p, ',')) {
            *had_comma = true;
            if (!next_token(p)) return false;
        } else if (!is_op(p, close)) {
            return fail_at(p, p->tpos);
        }
    }
    return true;
}

static node *parse_atom(parser *p) {
    node *nd;
    switch (p->tk) {
    case TK_NUM:
        nd = new_node(p, N_CONST);
        if (!nd) return NULL;
        nd->val = p->tval;
        if (!next_token(p)) return NULL;
        return nd;
    case TK_STR: {
        /* Adjacent literals concatenate; bytes and str do not mix. */
        pv *v = p->tval;
        bool bytes = p->tbytes;
        if (!next_token(p)) return NULL;
        while (p->tk == TK_STR) {
            if (p->tbytes != bytes) {
                fail_at(p, p->tpos);
                return NULL;
            }
            pv *w = p->tval;
            if (v->len > SIZE_MAX - w->len - 1) {
                p->ar->failed = true;
                return NULL;
            }
            char *cat = ar_alloc(p->ar, v->len + w->len + 1);
            pv *nv = ar_alloc(p->ar, sizeof *nv);
            if (!cat || !nv) return NULL;
            memcpy(cat, v->s, v->len);
            memcpy(cat + v->len, w->s, w->len);
            cat[v->len + w->len] = '\0';
            *nv = *v;
            nv->s = cat;
            nv->len = v->len + w->len;
            v = nv;
            if (!next_token(p)) return NULL;
        }
        nd = new_node(p, N_CONST);
        if (!nd) return NULL;
        nd->val = v;
        return nd;
    }
    case TK_ELLIPSIS: {
        pv *v = ar_alloc(p->ar, sizeof *v);
        nd = new_node(p, N_CONST);
        if (!v || !nd) return NULL;
        memset(v, 0, sizeof *v);
        v->kind = V_ELLIPSIS;
        nd->val = v;
        if (!next_token(p)) return NULL;
        return nd;
    }
    case TK_NAME: {
        size_t pos = p->tpos;
        const char *nm = p->tname;
        size_t len = p->tnamelen;
        if ((len == 4 && !memcmp(nm, "True", 4)) || (len == 5 && !memcmp(nm, "False", 5)) ||
            (len == 4 && !memcmp(nm, "None", 4))) {
            pv *v = ar_alloc(p->ar, sizeof *v);
            nd = new_node(p, N_CONST);
            if (!v || !nd) return NULL;
            memset(v, 0, sizeof *v);
            if (nm[0] == 'N') v->kind = V_NONE;
            else {
                v->kind = V_BOOL;
                v->b = nm[0] == 'T';
            }
            nd->val = v;
            if (!next_token(p)) return NULL;
            return nd;
        }
        if (len == 3 && !memcmp(nm, "set", 3)) {
            if (!next_token(p)) return NULL;
            if (!is_op(p, '(')) {
                fail_at(p, pos);
                return NULL;
            }
            if (!next_token(p)) return NULL;
            if (!is_op(p, ')')) {
                fail_at(p, pos);
                return NULL;
            }
            if (!next_token(p)) return NULL;
            return new_node(p, N_SETCALL);
        }
        /* Names are not literals (literal_eval: malformed node). */
        fail_at(p, pos);
        return NULL;
    }
    case TK_OP: {
        char c = p->tch;
        if (c == '(') {
            if (!next_token(p)) return NULL;
            if (is_op(p, ')')) {
                nd = new_node(p, N_TUPLE);
                if (!nd || !next_token(p)) return NULL;
                return nd;
            }
            node *e = parse_expr(p);
            if (!e) return NULL;
            if (is_op(p, ')')) { /* parenthesised expression */
                if (!next_token(p)) return NULL;
                return e;
            }
            if (!is_op(p, ',')) {
                fail_at(p, p->tpos);
                return NULL;
            }
            nd = new_node(p, N_TUPLE);
            if (!nd) return NULL;
            nd->first = e;
            nd->n = 1;
            if (!next_token(p)) return NULL;
            /* the rest of the tuple */
            node **tail = &e->next;
            while (!is_op(p, ')')) {
                node *x = parse_expr(p);
                if (!x) return NULL;
                *tail = x;
                tail = &x->next;
                nd->n++;
                if (is_op(p, ',')) {
                    if (!next_token(p)) return NULL;
                } else if (!is_op(p, ')')) {
                    fail_at(p, p->tpos);
                    return NULL;
                }
            }
            if (!next_token(p)) return NULL;
            return nd;
        }
        if (c == '[') {
            nd = new_node(p, N_LIST);
            bool comma;
            if (!nd || !next_token(p) || !parse_list_items(p, nd, ']', &comma)) return NULL;
            if (!next_token(p)) return NULL;
            return nd;
        }
        if (c == '{') {
            if (!next_token(p)) return NULL;
            if (is_op(p, '}')) {
                nd = new_node(p, N_DICT);
                if (!nd || !next_token(p)) return NULL;
                return nd;
            }
            node *k = parse_expr(p);
            if (!k) return NULL;
            if (is_op(p, ':')) {
                nd = new_node(p, N_DICT);
                if (!nd) return NULL;
                node **tail = &nd->first;
                for (;;) {
                    /* k parsed, current token ':' */
                    if (!next_token(p)) return NULL;
                    node *v = parse_expr(p);
                    if (!v) return NULL;
                    *tail = k;
                    k->next = v;
                    tail = &v->next;
                    nd->n++;
                    if (is_op(p, '}')) break;
                    if (!is_op(p, ',')) {
                        fail_at(p, p->tpos);
                        return NULL;
                    }
                    if (!next_token(p)) return NULL;
                    if (is_op(p, '}')) break;
                    k = parse_expr(p);
                    if (!k) return NULL;
                    if (!is_op(p, ':')) {
                        fail_at(p, p->tpos);
                        return NULL;
                    }
                }
                if (!next_token(p)) return NULL;
                return nd;
            }
            nd = new_node(p, N_SET);
            if (!nd) return NULL;
            nd->first = k;
            nd->n = 1;
            node **tail = &k->next;
            while (!is_op(p, '}')) {
                if (!is_op(p, ',')) {
                    fail_at(p, p->tpos);
                    return NULL;
                }
                if (!next_token(p)) return NULL;
                if (is_op(p, '}')) break;
                node *x = parse_expr(p);
                if (!x) return NULL;
                *tail = x;
                tail = &x->next;
                nd->n++;
            }
            if (!next_token(p)) return NULL;
            return nd;
        }
        fail_at(p, p->tpos);
        return NULL;
    }
    default:
        fail_at(p, p->tpos);
        return NULL;
    }
}

/* unary: ('+'|'-')* atom, built without recursion. */
static node *parse_unary(parser *p) {
    node *head = NULL, **hole = &head;
    while (is_op(p, '+') || is_op(p, '-')) {
        node *u = new_node(p, N_UNARY);
        if (!u) return NULL;
        u->op = p->tch;
        *hole = u;
        hole = &u->a;
        if (!next_token(p)) return NULL;
    }
    node *a = parse_atom(p);
    if (!a) return NULL;
    *hole = a;
    return head;
}

/* expr: unary (('+'|'-') unary)*, left-associative. */
static node *parse_expr(parser *p) {
    node *left = parse_unary(p);
    if (!left) return NULL;
    while (is_op(p, '+') || is_op(p, '-')) {
        node *b = new_node(p, N_BINOP);
        if (!b) return NULL;
        b->op = p->tch;
        if (!next_token(p)) return NULL;
        node *right = parse_unary(p);
        if (!right) return NULL;
        b->a = left;
        b->b = right;
        left = b;
    }
    return left;
}

/* The whole text: blank lines, one expression, blank lines. */
static node *parse_text(parser *p) {
    /* literal_eval strips leading spaces and tabs; later lines that start
     * the expression must not be indented ("unexpected indent"). */
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t')) p->i++;
    for (;;) {
        size_t j = p->i;
        size_t col = 0;
        while (j < p->n && (p->s[j] == ' ' || p->s[j] == '\t' || p->s[j] == '\f')) {
            col = p->s[j] == '\f' ? 0 : col + 1;
            j++;
        }
        if (j < p->n && p->s[j] == '#')
            while (j < p->n && !nl_len(p, j)) j++;
        size_t nl = nl_len(p, j);
        if (nl) {
            p->i = j + nl;
            continue;
        }
        if (j >= p->n) {
            fail_at(p, j); /* nothing to evaluate */
            return NULL;
        }
        if (col > 0) {
            fail_at(p, j); /* unexpected indent */
            return NULL;
        }
        break;
    }
    if (!next_token(p)) return NULL;
    node *e = parse_expr(p);
    if (!e) return NULL;
    while (p->tk == TK_NEWLINE)
        if (!next_token(p)) return NULL;
    if (p->tk != TK_END) {
        fail_at(p, p->tpos);
        return NULL;
    }
    return e;
}

/* ---- evaluation (ast.literal_eval) ------------------------------------------- */

#define MALFORMED 1 /* literal_eval's "malformed node or string" */
#define SYNTAX 2    /* a SyntaxError */

typedef struct vtab {
    size_t *slot; /* index + 1, 0 = empty */
    size_t cap;
} vtab;

/* Find v among items[0..n) through the table; insert it if absent.
 * *idx is its index. Grows the table as needed. */
static int vt_insert(vtab *t, pv **items, uint64_t *hashes, size_t *n, pv *v,
                     uint64_t h, size_t *idx, bool *found) {
    if (t->cap == 0 || (*n + 1) * 2 > t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 16;
        if (nc < t->cap || nc > SIZE_MAX / sizeof(size_t)) return ndm__err_nomem();
        size_t *ns = calloc(nc, sizeof *ns);
        if (!ns) return ndm__err_nomem();
        for (size_t k = 0; k < *n; k++) {
            size_t j = (size_t)hashes[k] & (nc - 1);
            while (ns[j]) j = (j + 1) & (nc - 1);
            ns[j] = k + 1;
        }
        free(t->slot);
        t->slot = ns;
        t->cap = nc;
    }
    size_t j = (size_t)h & (t->cap - 1);
    while (t->slot[j]) {
        size_t k = t->slot[j] - 1;
        if (hashes[k] == h && v_eq(items[k], v)) {
            *idx = k;
            *found = true;
            return 0;
        }
        j = (j + 1) & (t->cap - 1);
    }
    t->slot[j] = *n + 1;
    items[*n] = v;
    hashes[*n] = h;
    *idx = (*n)++;
    *found = false;
    return 0;
}

static int unhashable(const pv *v) {
    return ndm__err(NDM_ETYPE, "unhashable type: '%s'", unhashable_name(v));
}

/* Reorder a set's elements as CPython's set table would iterate them, when
 * every hash is CPython's; otherwise keep insertion order. */
static int cpy_set_order(pv **items, const uint64_t *hashes, size_t n) {
    size_t mask = 7, fill = 0;
    size_t *tab = malloc(8 * sizeof *tab);
    if (!tab) return ndm__err_nomem();
    for (size_t k = 0; k < 8; k++) tab[k] = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        uint64_t h = hashes[k], perturb = h;
        size_t i = (size_t)h & mask;
        for (;;) {
            size_t e = i, probes = (i + 9 <= mask) ? 9 : 0;
            bool placed = false;
            for (;;) {
                if (tab[e] == SIZE_MAX) {
                    tab[e] = k;
                    placed = true;
                    break;
                }
                if (probes-- == 0) break;
                e++;
            }
            if (placed) break;
            perturb >>= 5;
            i = (i * 5 + 1 + (size_t)perturb) & mask;
        }
        fill++;
        if (fill * 5 >= mask * 3) {
            size_t used = fill, minused = used > 50000 ? used * 2 : used * 4, ns = 8;
            while (ns <= minused) ns <<= 1;
            size_t *nt = malloc(ns * sizeof *nt);
            if (!nt) {
                free(tab);
                return ndm__err_nomem();
            }
            for (size_t q = 0; q < ns; q++) nt[q] = SIZE_MAX;
            size_t nmask = ns - 1;
            for (size_t q = 0; q <= mask; q++) {
                if (tab[q] == SIZE_MAX) continue;
                uint64_t hh = hashes[tab[q]], pp = hh;
                size_t ii = (size_t)hh & nmask;
                for (;;) {
                    if (nt[ii] == SIZE_MAX) break;
                    bool done = false;
                    if (ii + 9 <= nmask)
                        for (size_t jj = 1; jj <= 9; jj++)
                            if (nt[ii + jj] == SIZE_MAX) {
                                ii += jj;
                                done = true;
                                break;
                            }
                    if (done) break;
                    pp >>= 5;
                    ii = (ii * 5 + 1 + (size_t)pp) & nmask;
                }
                nt[ii] = tab[q];
            }
            free(tab);
            tab = nt;
            mask = nmask;
        }
    }
    pv **order = malloc((n ? n : 1) * sizeof *order);
    if (!order) {
        free(tab);
        return ndm__err_nomem();
    }
    size_t o = 0;
    for (size_t q = 0; q <= mask; q++)
        if (tab[q] != SIZE_MAX) order[o++] = items[tab[q]];
    memcpy(items, order, n * sizeof *items);
    free(order);
    free(tab);
    return 0;
}

static bool is_plain_number(const pv *v) {
    return v->kind == V_INT || v->kind == V_FLOAT || v->kind == V_COMPLEX;
}

/* int -> float as Python does (correctly rounded); OverflowError if too big. */
static int big_to_float(const bigint *b, double *out) {
    size_t bits = big_bits(b);
    double x;
    if (bits <= 64) {
        uint64_t m = 0;
        if (b->n > 0) m = b->d[0];
        if (b->n > 1) m |= (uint64_t)b->d[1] << 32;
        x = (double)m;
    } else {
        /* top 64 bits with a sticky bit for the rest */
        size_t shift = bits - 64;
        uint64_t top = 0;
        for (int k = 63; k >= 0; k--) {
            size_t bit = shift + (size_t)k;
            top = (top << 1) | ((b->d[bit / 32] >> (bit % 32)) & 1u);
        }
        bool sticky = false;
        for (size_t bit = 0; bit < shift && !sticky; bit++)
            if (b->d[bit / 32] >> (bit % 32) & 1u) sticky = true;
        if (sticky) top |= 1;
        if (shift > 2000) return ndm__err(NDM_EOVERFLOW, "int too large to convert to float");
        x = ldexp((double)top, (int)shift);
    }
    if (isinf(x)) return ndm__err(NDM_EOVERFLOW, "int too large to convert to float");
    *out = b->neg ? -x : x;
    return 0;
}

/* _convert_num / _convert_signed_num on a unary node or constant. */
static int signed_num(parser *p, const node *nd, pv **out) {
    if (nd->kind == N_CONST && is_plain_number(nd->val)) {
        *out = nd->val;
        return 0;
    }
    if (nd->kind != N_UNARY || nd->a->kind != N_CONST || !is_plain_number(nd->a->val))
        return MALFORMED;
    const pv *x = nd->a->val;
    if (nd->op == '+') {
        *out = (pv *)x;
        return 0;
    }
    pv *v = ar_alloc(p->ar, sizeof *v);
    if (!v) return ndm__err_nomem();
    *v = *x;
    if (x->kind == V_INT) v->i.neg = x->i.n ? !x->i.neg : false;
    else {
        v->re = -x->re;
        v->im = -x->im;
    }
    *out = v;
    return 0;
}

static int eval_node(parser *p, const node *nd, pv **out) {
    switch (nd->kind) {
    case N_CONST:
        *out = nd->val;
        return 0;
    case N_UNARY:
        return signed_num(p, nd, out);
    case N_BINOP: {
        pv *l, *r;
        int rc = signed_num(p, nd->a, &l);
        if (rc) return rc;
        if (nd->b->kind != N_CONST || !is_plain_number(nd->b->val)) return MALFORMED;
        r = nd->b->val;
        if (l->kind == V_COMPLEX || r->kind != V_COMPLEX) return MALFORMED;
        double lf = 0;
        if (l->kind == V_INT) NDM__TRY(big_to_float(&l->i, &lf));
        else lf = l->re;
        pv *v = ar_alloc(p->ar, sizeof *v);
        if (!v) return ndm__err_nomem();
        memset(v, 0, sizeof *v);
        v->kind = V_COMPLEX;
        /* complex(l, 0.0) +/- r, component-wise (CPython <= 3.13). */
        if (nd->op == '+') {
            v->re = lf + r->re;
            v->im = 0.0 + r->im;
        } else {
            v->re = lf - r->re;
            v->im = 0.0 - r->im;
        }
        *out = v;
        return 0;
    }
    case N_SETCALL:
    case N_TUPLE:
    case N_LIST:
    case N_SET:
    case N_DICT:
        break;
    }
    pv *v = ar_alloc(p->ar, sizeof *v);
    if (!v) return ndm__err_nomem();
    memset(v, 0, sizeof *v);
    if (nd->kind == N_SETCALL) {
        v->kind = V_SET;
        *out = v;
        return 0;
    }
    size_t count = nd->kind == N_DICT ? nd->n : nd->n;
    v->it = ar_array(p->ar, count ? count : 1, sizeof *v->it);
    if (!v->it) return ndm__err_nomem();
    if (nd->kind == N_TUPLE || nd->kind == N_LIST) {
        v->kind = nd->kind == N_TUPLE ? V_TUPLE : V_LIST;
        for (const node *c = nd->first; c; c = c->next) {
            int rc = eval_node(p, c, &v->it[v->n]);
            if (rc) return rc;
            v->n++;
        }
        *out = v;
        return 0;
    }
    uint64_t *hashes = malloc((count ? count : 1) * sizeof *hashes);
    if (!hashes) return ndm__err_nomem();
    vtab t = {0};
    int rc = 0;
    bool all_known = true;
    if (nd->kind == N_SET) {
        v->kind = V_SET;
        for (const node *c = nd->first; c && !rc; c = c->next) {
            pv *e;
            rc = eval_node(p, c, &e);
            if (rc) break;
            uint64_t h;
            bool known = true, found;
            size_t idx;
            if (!v_hash(e, &h, &known)) {
                rc = unhashable(e);
                break;
            }
            if (!known) all_known = false;
            rc = vt_insert(&t, v->it, hashes, &v->n, e, h, &idx, &found);
        }
        if (!rc && all_known) rc = cpy_set_order(v->it, hashes, v->n);
    } else {
        v->kind = V_DICT;
        v->vals = ar_array(p->ar, count ? count : 1, sizeof *v->vals);
        if (!v->vals) rc = ndm__err_nomem();
        for (const node *c = nd->first; c && !rc; c = c->next->next) {
            pv *k, *val;
            rc = eval_node(p, c, &k);
            if (rc) break;
            rc = eval_node(p, c->next, &val);
            if (rc) break;
            uint64_t h;
            bool known = true, found;
            size_t idx;
            if (!v_hash(k, &h, &known)) {
                rc = unhashable(k);
                break;
            }
            rc = vt_insert(&t, v->it, hashes, &v->n, k, h, &idx, &found);
            if (!rc) v->vals[idx] = val;
        }
    }
    free(t.slot);
    free(hashes);
    if (rc) return rc;
    *out = v;
    return 0;
}

/* ---- numpy's checks on the parsed header ------------------------------------- */

#define DESCR_TYPEERROR 1 /* a TypeError inside descr_to_dtype (numpy catches it) */

typedef struct dcheck {
    bool object;      /* an object dtype somewhere */
    bool unsupported; /* valid for numpy, not for ndmap */
    bool structured;
} dcheck;

bool ndm__npy_is_object_dtype(const char *text, size_t n) {
    const char *s = text;
    if (n && (s[0] == '<' || s[0] == '>' || s[0] == '=' || s[0] == '|')) {
        s++;
        n--;
        return (n == 1 && s[0] == 'O') || (n == 2 && s[0] == 'O' && s[1] == '8');
    }
    return (n == 1 && s[0] == 'O') || (n == 2 && s[0] == 'O' && s[1] == '8') ||
           (n == 6 && !memcmp(s, "object", 6)) || (n == 7 && !memcmp(s, "object_", 7));
}

/* numpy.dtype(str): 0 supported (*d set), or flags, or DESCR_TYPEERROR. */
static int leaf_dtype(const pv *s, dcheck *dc, ndm__dtype *d) {
    if (memchr(s->s, '\0', s->len)) return DESCR_TYPEERROR;
    if (ndm__npy_is_object_dtype(s->s, s->len)) {
        dc->object = true;
        return 0;
    }
    ndm__dtype tmp;
    int rc = ndm__dtype_parse(s->s, d ? d : &tmp);
    if (rc == NDM_OK) return 0;
    if (rc == NDM_ENOTSUP) {
        dc->unsupported = true;
        return 0;
    }
    if (rc == NDM_ETYPE) return DESCR_TYPEERROR;
    return rc;
}

/* len() of a value, or false if it has none. */
static bool py_len(const pv *v, size_t *n) {
    switch (v->kind) {
    case V_STR: {
        size_t c = 0;
        for (size_t i = 0; i < v->len; i++)
            if (((unsigned char)v->s[i] & 0xC0) != 0x80) c++;
        *n = c;
        return true;
    }
    case V_BYTES: *n = v->len; return true;
    case V_TUPLE: case V_LIST: case V_SET: case V_DICT: *n = v->n; return true;
    default: return false;
    }
}

/* The i-th item when iterating v (v has a len). Strings give one-character
 * strings, bytes give ints. */
static pv *py_item(arena *a, const pv *v, size_t i) {
    if (v->kind == V_STR) {
        size_t pos = 0, c = 0;
        while (pos < v->len) {
            size_t start = pos++;
            while (pos < v->len && ((unsigned char)v->s[pos] & 0xC0) == 0x80) pos++;
            if (c++ == i) {
                pv *r = ar_alloc(a, sizeof *r);
                if (!r) return NULL;
                memset(r, 0, sizeof *r);
                r->kind = V_STR;
                r->s = v->s + start;
                r->len = pos - start;
                return r;
            }
        }
        return NULL;
    }
    if (v->kind == V_BYTES) {
        pv *r = ar_alloc(a, sizeof *r);
        uint32_t *limb = ar_alloc(a, sizeof *limb);
        if (!r || !limb) return NULL;
        memset(r, 0, sizeof *r);
        *limb = (unsigned char)v->s[i];
        r->kind = V_INT;
        r->i = (bigint){false, *limb ? 1u : 0u, limb};
        return r;
    }
    return v->it[i];
}

static int unpack_error(size_t expected, size_t got) {
    if (got > expected)
        return ndm__err(NDM_EVALUE, "too many values to unpack (expected %zu)", expected);
    return ndm__err(NDM_EVALUE, "not enough values to unpack (expected %zu, got %zu)",
                    expected, got);
}

/* numpy.dtype((dt, shape)) for a shape value. */
static int subarray_shape(const pv *shape) {
    if (shape->kind == V_INT || shape->kind == V_BOOL) return 0;
    if (shape->kind == V_TUPLE) {
        for (size_t i = 0; i < shape->n; i++)
            if (shape->it[i]->kind != V_INT && shape->it[i]->kind != V_BOOL)
                return DESCR_TYPEERROR;
        return 0;
    }
    return DESCR_TYPEERROR;
}

/* numpy's descr_to_dtype. Depth is bounded by the literal's nesting. */
static int descr_to_dtype(arena *a, const pv *descr, dcheck *dc, ndm__dtype *top) {
    if (descr->kind == V_STR) return leaf_dtype(descr, dc, top);
    if (descr->kind == V_TUPLE) {
        dc->unsupported = true;
        dc->structured = true; /* a subarray dtype */
        if (descr->n == 0) return ndm__err(NDM_EINDEX, "tuple index out of range");
        int rc = descr_to_dtype(a, descr->it[0], dc, NULL);
        if (rc) return rc;
        if (descr->n < 2) return ndm__err(NDM_EINDEX, "tuple index out of range");
        return subarray_shape(descr->it[1]);
    }
    /* A list of fields (any iterable). */
    size_t nfields;
    if (descr->kind == V_STR || !py_len(descr, &nfields)) return DESCR_TYPEERROR;
    dc->unsupported = true;
    dc->structured = true;
    for (size_t f = 0; f < nfields; f++) {
        pv *field = py_item(a, descr, f);
        if (!field) return ndm__err_nomem();
        size_t flen;
        if (!py_len(field, &flen)) return DESCR_TYPEERROR;
        if (flen == 2) {
            pv *sub = py_item(a, field, 1);
            if (!sub) return ndm__err_nomem();
            int rc = descr_to_dtype(a, sub, dc, NULL);
            if (rc) return rc;
        } else {
            if (flen != 3) return unpack_error(3, flen);
            pv *sub = py_item(a, field, 1), *shape = py_item(a, field, 2);
            if (!sub || !shape) return ndm__err_nomem();
            int rc = descr_to_dtype(a, sub, dc, NULL);
            if (rc) return rc;
            rc = subarray_shape(shape);
            if (rc) return rc;
        }
        pv *name = py_item(a, field, 0);
        if (!name) return ndm__err_nomem();
        if (name->kind == V_TUPLE && name->n != 2) return unpack_error(2, name->n);
    }
    return 0;
}

static const char *const EXPECTED_KEYS[3] = {"descr", "fortran_order", "shape"};

static int validate(arena *a, const pv *d, ndm__npy_info *info) {
    if (d->kind != V_DICT) return err_repr(NDM_EVALUE, "Header is not a dictionary: ", d);
    const pv *vals[3] = {NULL, NULL, NULL};
    bool ok = d->n == 3;
    for (size_t i = 0; ok && i < 3; i++) {
        const pv *k = d->it[i];
        ok = false;
        if (k->kind != V_STR) break;
        for (int j = 0; j < 3; j++)
            if (k->len == strlen(EXPECTED_KEYS[j]) && !memcmp(k->s, EXPECTED_KEYS[j], k->len)) {
                vals[j] = d->vals[i];
                ok = true;
            }
    }
    if (!ok) {
        pv **keys = malloc((d->n ? d->n : 1) * sizeof *keys);
        if (!keys) return ndm__err_nomem();
        if (d->n) memcpy(keys, d->it, d->n * sizeof *keys);
        int rc = sort_values(keys, d->n);
        if (rc == 0) {
            pv list = {0};
            list.kind = V_LIST;
            list.it = keys;
            list.n = d->n;
            rc = err_repr(NDM_EVALUE, "Header does not contain the correct keys: ", &list);
        }
        free(keys);
        return rc;
    }
    const pv *descr = vals[0], *fortran = vals[1], *shape = vals[2];
    bool shape_ok = shape->kind == V_TUPLE;
    for (size_t i = 0; shape_ok && i < shape->n; i++)
        shape_ok = shape->it[i]->kind == V_INT || shape->it[i]->kind == V_BOOL;
    if (!shape_ok) return err_repr(NDM_EVALUE, "shape is not valid: ", shape);
    if (fortran->kind != V_BOOL)
        return err_repr(NDM_EVALUE, "fortran_order is not a valid bool: ", fortran);

    dcheck dc = {0};
    ndm__dtype dt = {0};
    int rc = descr_to_dtype(a, descr, &dc, &dt);
    if (rc == DESCR_TYPEERROR)
        return err_repr(NDM_EVALUE, "descr is not a valid dtype descriptor: ", descr);
    if (rc) return rc;

    /* The result. */
    info->fortran_order = fortran->b;
    info->ndim = (int64_t)shape->n;
    info->has_bool = false;
    uint64_t size = 1;
    for (size_t i = 0; i < shape->n; i++) {
        const pv *e = shape->it[i];
        int64_t x = 0;
        if (e->kind == V_BOOL) {
            x = e->b;
            info->has_bool = true;
        } else if (!big_to_i64(&e->i, &x)) {
            if (!info->deferred_code) {
                /* numpy: np.intp(1) * k -> OverflowError */
                ndm__sbuf sb = {0};
                ndm__sb_puts(&sb, "Python integer ");
                int r2 = big_to_dec(&e->i, &sb);
                ndm__sb_puts(&sb, " out of bounds for int64");
                if (r2 == 0 && !sb.failed) {
                    info->deferred_code = NDM_EOVERFLOW;
                    info->deferred_msg = strdup(sb.s);
                } else if (r2) {
                    info->deferred_code = NDM_EVALUE;
                    info->deferred_msg = strdup(ndm_errmsg());
                } else {
                    info->deferred_code = NDM_ENOMEM;
                    info->deferred_msg = strdup("out of memory");
                }
                ndm__sb_free(&sb);
                if (!info->deferred_msg) return ndm__err_nomem();
            }
            x = 0;
        }
        if (i < NDM_MAXDIMS) info->shape[i] = x;
        size *= (uint64_t)x;
    }
    info->size = (int64_t)size;
    {
        ndm__sbuf sb = {0};
        if (v_repr(shape, &sb) == 0 && !sb.failed) info->shape_repr = strdup(sb.s);
        ndm__sb_free(&sb);
    }
    if (descr->kind == V_STR) {
        info->descr = malloc(descr->len + 1);
        if (!info->descr) return ndm__err_nomem();
        memcpy(info->descr, descr->s, descr->len);
        info->descr[descr->len] = '\0';
        info->descr_len = descr->len;
    }
    info->dtype = dt;
    info->has_object = dc.object;
    info->unsupported = dc.unsupported && !dc.object;
    info->structured = dc.structured;
    return 0;
}

/* ---- decoding ------------------------------------------------------------------ */

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* CPython's strict UTF-8 decoder, error positions and reasons included.
 * Returns 0 (valid), or: *kind 0 = unexpected end (only reported when
 * final), 1 invalid start byte, 2..4 invalid continuation (error covers
 * kind-1 bytes), with *at the offset of the sequence. */
static int utf8_scan(const unsigned char *s, size_t n, bool final, size_t *consumed,
                     int64_t *nchars, size_t *at, int *kind) {
    size_t i = 0;
    int64_t count = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t rem = n - i;
        if (c < 0x80) {
            i++;
            count++;
            continue;
        }
        int bad = -1; /* -1 ok, 0 incomplete, 1..4 */
        size_t len = 0;
        if (c < 0xC2) bad = 1;
        else if (c < 0xE0) {
            if (rem < 2) bad = 0;
            else if (!is_cont(s[i + 1])) bad = 2;
            else len = 2;
        } else if (c < 0xF0) {
            if (rem < 3) {
                if (rem >= 2 && (!is_cont(s[i + 1]) ||
                                 (s[i + 1] < 0xA0 ? c == 0xE0 : c == 0xED)))
                    bad = 2;
                else bad = 0;
            } else if (!is_cont(s[i + 1]) || (c == 0xE0 && s[i + 1] < 0xA0) ||
                       (c == 0xED && s[i + 1] >= 0xA0)) bad = 2;
            else if (!is_cont(s[i + 2])) bad = 3;
            else len = 3;
        } else if (c < 0xF5) {
            if (rem < 4) {
                if (rem >= 2 && (!is_cont(s[i + 1]) ||
                                 (s[i + 1] < 0x90 ? c == 0xF0 : c == 0xF4)))
                    bad = 2;
                else if (rem >= 3 && !is_cont(s[i + 2])) bad = 3;
                else bad = 0;
            } else if (!is_cont(s[i + 1]) || (c == 0xF0 && s[i + 1] < 0x90) ||
                       (c == 0xF4 && s[i + 1] >= 0x90)) bad = 2;
            else if (!is_cont(s[i + 2])) bad = 3;
            else if (!is_cont(s[i + 3])) bad = 4;
            else len = 4;
        } else bad = 1;
        if (bad == 0 && !final) break; /* wait for more bytes */
        if (bad >= 0) {
            *at = i;
            *kind = bad;
            if (consumed) *consumed = i;
            *nchars = count;
            return -1;
        }
        i += len;
        count++;
    }
    if (consumed) *consumed = i;
    *nchars = count;
    return 0;
}

int ndm__npy_decode_count(const unsigned char *hdr, size_t n, int major, bool final,
                          size_t base, size_t *consumed, int64_t *nchars) {
    if (major < 3) {
        if (consumed) *consumed = n;
        *nchars = (int64_t)n;
        return 0;
    }
    size_t at;
    int kind;
    if (utf8_scan(hdr, n, final, consumed, nchars, &at, &kind) == 0) return 0;
    static const char *const why[] = {"unexpected end of data", "invalid start byte",
                                      "invalid continuation byte", "invalid continuation byte",
                                      "invalid continuation byte"};
    size_t end = kind == 0 ? n : at + (kind == 1 ? 1 : (size_t)kind - 1);
    if (end - at == 1)
        return ndm__err_class(NDM_EVALUE, "UnicodeDecodeError",
                              "'utf-8' codec can't decode byte 0x%02x in position %zu: %s",
                              hdr[at], base + at, why[kind]);
    return ndm__err_class(NDM_EVALUE, "UnicodeDecodeError",
                          "'utf-8' codec can't decode bytes in position %zu-%zu: %s",
                          base + at, base + end - 1, why[kind]);
}

int ndm__npy_too_large(int64_t nchars) {
    return ndm__err(NDM_EVALUE,
                    "Header info length (%lld) is large and may not be safe to load "
                    "securely.\nTo allow loading, adjust `max_header_size` or fully "
                    "trust the `.npy` file using `allow_pickle=True`.\nFor safety "
                    "against large resource use or crashes, sandboxing may be necessary.",
                    (long long)nchars);
}

/* ---- the read side ------------------------------------------------------------- */

void ndm__npy_info_free(ndm__npy_info *info) {
    if (!info) return;
    free(info->descr);
    free(info->deferred_msg);
    free(info->shape_repr);
    info->shape_repr = NULL;
    info->descr = NULL;
    info->deferred_msg = NULL;
}

static const unsigned char MAGIC[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

int ndm__npy_eof(const char *what, int64_t expected, int64_t got) {
    return ndm__err(NDM_EVALUE, "EOF: reading %s, expected %lld bytes got %lld", what,
                    (long long)expected, (long long)got);
}

int ndm__npy_check_magic(const unsigned char *buf, size_t got, int *major) {
    if (got < NDM__NPY_MAGIC_LEN) return ndm__npy_eof("magic string", NDM__NPY_MAGIC_LEN, (int64_t)got);
    if (memcmp(buf, MAGIC, 6) != 0) {
        ndm__sbuf sb = {0};
        ndm__sb_puts(&sb, "the magic string is not correct; expected ");
        bytes_repr(&sb, MAGIC, 6);
        ndm__sb_puts(&sb, ", got ");
        bytes_repr(&sb, buf, 6);
        int rc = sb.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", sb.s);
        ndm__sb_free(&sb);
        return rc;
    }
    int ma = buf[6], mi = buf[7];
    if (mi != 0 || ma < 1 || ma > 3)
        return ndm__err(NDM_EVALUE,
                        "we only support format version (1,0), (2,0), and (3,0), not (%d, %d)",
                        ma, mi);
    *major = ma;
    return 0;
}

size_t ndm__npy_hlen_bytes(int major) { return major == 1 ? 2 : 4; }

/* latin-1 bytes -> UTF-8 (for v1/v2 headers). */
static char *latin1_to_utf8(const unsigned char *s, size_t n, size_t *outlen) {
    size_t extra = 0;
    for (size_t i = 0; i < n; i++) extra += s[i] >= 0x80;
    if (n > SIZE_MAX - extra - 1) return NULL;
    char *o = malloc(n + extra + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) o[k++] = (char)s[i];
        else {
            o[k++] = (char)(0xC0 | (s[i] >> 6));
            o[k++] = (char)(0x80 | (s[i] & 0x3F));
        }
    }
    o[k] = '\0';
    *outlen = k;
    return o;
}

/* Byte offset in the original header of position `pos` in the UTF-8 text. */
static size_t orig_pos(const char *text, size_t pos, int major) {
    if (major >= 3) return pos;
    size_t c = 0;
    for (size_t i = 0; i < pos; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) c++;
    return c;
}

static int cannot_parse(const char *text, size_t n, const size_t *dropped, size_t ndropped) {
    char *shown = NULL;
    if (ndropped) {
        /* numpy shows the text after _filter_header: each dropped L became
         * a space when the tokens were put back together. */
        shown = malloc(n + 1);
        if (!shown) return ndm__err_nomem();
        memcpy(shown, text, n);
        for (size_t k = 0; k < ndropped; k++) shown[dropped[k]] = ' ';
        text = shown;
    }
    ndm__sbuf sb = {0};
    ndm__sb_puts(&sb, "Cannot parse header: ");
    ndm__sb_pyrepr(&sb, text, n);
    int rc = sb.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", sb.s);
    ndm__sb_free(&sb);
    free(shown);
    return rc;
}

/* Parse text; 0 with *root, MALFORMED (text not a literal; *errpos set), or <0. */
static int parse_literal(arena *ar, const char *text, size_t n, bool filter,
                         pv **root, size_t *errpos, size_t **dropped, size_t *ndropped) {
    parser p = {0};
    p.s = text;
    p.n = n;
    p.ar = ar;
    p.filter_L = filter;
    const char *nul = memchr(text, '\0', n);
    node *nd = NULL;
    if (nul) fail_at(&p, (size_t)(nul - text)); /* "source code cannot contain null bytes" */
    else nd = parse_text(&p);
    *dropped = p.dropped;
    *ndropped = p.ndropped;
    if (ar->failed) return ndm__err_nomem();
    if (!nd) {
        *errpos = p.errpos;
        return SYNTAX;
    }
    int rc = eval_node(&p, nd, root);
    if (ar->failed) return ndm__err_nomem();
    if (rc == MALFORMED) *errpos = 0;
    return rc;
}

int ndm__npy_parse_header(const unsigned char *hdr, size_t n, int major,
                          int64_t max_header_size, ndm__npy_info *info, size_t *errpos) {
    size_t epos_dummy;
    if (!errpos) errpos = &epos_dummy;
    *errpos = NDM__NPY_NOPOS;
    int64_t nchars;
    NDM__TRY(ndm__npy_decode_count(hdr, n, major, true, 0, NULL, &nchars));
    if (nchars > max_header_size) return ndm__npy_too_large(nchars);

    size_t tlen = n;
    char *owned = NULL;
    const char *text;
    if (major < 3) {
        owned = latin1_to_utf8(hdr, n, &tlen);
        if (!owned) return ndm__err_nomem();
        text = owned;
    } else {
        text = (const char *)hdr;
    }
    arena ar = {0};
    pv *root = NULL;
    size_t pos = 0, *dropped = NULL, ndropped = 0;
    int rc = parse_literal(&ar, text, tlen, false, &root, &pos, &dropped, &ndropped);
    if (rc == SYNTAX && major <= 2) {
        /* numpy retries Python-2 headers without their L suffixes; a
         * syntax error (not a malformed node) triggers it. */
        size_t pos2 = 0;
        rc = parse_literal(&ar, text, tlen, true, &root, &pos2, &dropped, &ndropped);
        if (rc == SYNTAX || rc == MALFORMED) {
            *errpos = orig_pos(text, pos2, major);
            rc = cannot_parse(text, tlen, dropped, ndropped);
        }
    } else if (rc == SYNTAX || rc == MALFORMED) {
        *errpos = orig_pos(text, pos, major);
        rc = cannot_parse(text, tlen, NULL, 0);
    }
    if (rc == 0) {
        memset(info, 0, sizeof *info);
        rc = validate(&ar, root, info);
        if (rc) ndm__npy_info_free(info);
    }
    ar_free(&ar);
    free(owned);
    return rc;
}

int ndm__npy_parse_file(const unsigned char *buf, size_t n, int64_t max_header_size,
                        ndm__npy_info *info, size_t *errpos) {
    if (errpos) *errpos = NDM__NPY_NOPOS;
    int major;
    NDM__TRY(ndm__npy_check_magic(buf, n < 8 ? n : 8, &major));
    size_t lb = ndm__npy_hlen_bytes(major), pos = 8;
    if (n - pos < lb) return ndm__npy_eof("array header length", (int64_t)lb, (int64_t)(n - pos));
    uint64_t hlen = buf[pos] | (uint64_t)buf[pos + 1] << 8;
    if (lb == 4) hlen |= (uint64_t)buf[pos + 2] << 16 | (uint64_t)buf[pos + 3] << 24;
    pos += lb;
    if (n - pos < hlen) return ndm__npy_eof("array header", (int64_t)hlen, (int64_t)(n - pos));
    ndm__npy_info tmp;
    NDM__TRY(ndm__npy_parse_header(buf + pos, (size_t)hlen, major, max_header_size, &tmp, errpos));
    tmp.major = major;
    tmp.data_offset = (int64_t)(pos + hlen);
    *info = tmp;
    return 0;
}

/* ---- the write side ------------------------------------------------------------ */

int ndm__npy_check_version_arg(int version) {
    if (version < 0 || version > 3)
        return ndm__err(NDM_EVALUE,
                        "we only support format version (1,0), (2,0), and (3,0), not (%d, 0)",
                        version);
    return 0;
}

/* Decode one UTF-8 code point (valid input, WTF-8 surrogates allowed). */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i) {
    unsigned char c = s[*i];
    uint32_t cp;
    size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if (c < 0xE0) { cp = c & 0x1F; len = 2; }
    else if (c < 0xF0) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    if (*i + len > n) len = n - *i;
    for (size_t k = 1; k < len; k++) cp = (cp << 6) | (s[*i + k] & 0x3F);
    *i += len;
    return cp;
}

/* str.encode('latin-1') of UTF-8 text into out; UnicodeEncodeError as
 * Python words it. */
static int encode_latin1(const char *text, size_t n, ndm__sbuf *out) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, ci = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        if (cp >= 0x100) {
            size_t start = ci, end = ci + 1;
            uint32_t first = cp;
            while (i < n) {
                size_t save = i;
                uint32_t c2 = utf8_next(s, n, &i);
                if (c2 < 0x100) {
                    i = save;
                    break;
                }
                end++;
            }
            if (end - start == 1) {
                char esc[16];
                if (first <= 0xFFFF) snprintf(esc, sizeof esc, "\\u%04x", (unsigned)first);
                else snprintf(esc, sizeof esc, "\\U%08x", (unsigned)first);
                return ndm__err_class(NDM_EVALUE, "UnicodeEncodeError",
                                      "'latin-1' codec can't encode character '%s' in "
                                      "position %zu: ordinal not in range(256)", esc, start);
            }
            return ndm__err_class(NDM_EVALUE, "UnicodeEncodeError",
                                  "'latin-1' codec can't encode characters in position "
                                  "%zu-%zu: ordinal not in range(256)", start, end - 1);
        }
        ndm__sb_putc(out, (char)cp);
        ci++;
    }
    return 0;
}

/* numpy's _wrap_header for one version. */
static int wrap_header(const char *text, size_t n, int version, ndm__sbuf *out) {
    ndm__sbuf enc = {0};
    if (version < 3) {
        int rc = encode_latin1(text, n, &enc);
        if (rc) {
            ndm__sb_free(&enc);
            return rc;
        }
    } else {
        ndm__sb_put(&enc, text, n);
    }
    if (enc.failed) {
        ndm__sb_free(&enc);
        return ndm__err_nomem();
    }
    size_t lb = ndm__npy_hlen_bytes(version);
    uint64_t hlen = (uint64_t)enc.len + 1;
    uint64_t padlen = NDM__NPY_ALIGN - ((NDM__NPY_MAGIC_LEN + lb + hlen) % NDM__NPY_ALIGN);
    uint64_t total = hlen + padlen;
    uint64_t limit = version == 1 ? 0xFFFFu : 0xFFFFFFFFu;
    if (total > limit) {
        ndm__sb_free(&enc);
        return ndm__err(NDM_EVALUE, "Header length %llu too big for version=(%d, 0)",
                        (unsigned long long)hlen, version);
    }
    unsigned char pre[12];
    memcpy(pre, MAGIC, 6);
    pre[6] = (unsigned char)version;
    pre[7] = 0;
    for (size_t k = 0; k < lb; k++) pre[8 + k] = (unsigned char)(total >> (8 * k));
    ndm__sb_put(out, (const char *)pre, 8 + lb);
    ndm__sb_put(out, enc.s ? enc.s : "", enc.len);
    for (uint64_t k = 0; k < padlen; k++) ndm__sb_putc(out, ' ');
    ndm__sb_putc(out, '\n');
    ndm__sb_free(&enc);
    return out->failed ? ndm__err_nomem() : 0;
}

int ndm__npy_build_header(const char *descr_repr, bool fortran_order, int ndim,
                          const int64_t *shape, int version, ndm__sbuf *out, int *used) {
    NDM__TRY(ndm__npy_check_version_arg(version));
    if (ndim < 0) return ndm__err(NDM_ETYPE, "object of type 'NoneType' has no len()");
    ndm__sbuf t = {0};
    ndm__sb_puts(&t, "{'descr': ");
    ndm__sb_puts(&t, descr_repr);
    ndm__sb_puts(&t, ", 'fortran_order': ");
    ndm__sb_puts(&t, fortran_order ? "True" : "False");
    ndm__sb_puts(&t, ", 'shape': ");
    ndm__sb_shape(&t, ndim, shape, true);
    ndm__sb_puts(&t, ", }");
    if (ndim > 0) {
        char num[32];
        snprintf(num, sizeof num, "%lld", (long long)shape[fortran_order ? ndim - 1 : 0]);
        for (int k = (int)strlen(num); k < NDM__NPY_GROWTH_DIGITS; k++) ndm__sb_putc(&t, ' ');
    }
    if (t.failed) {
        ndm__sb_free(&t);
        return ndm__err_nomem();
    }
    int rc;
    size_t mark = out->len;
    if (version != 0) {
        rc = wrap_header(t.s, t.len, version, out);
        if (rc == 0) *used = version;
    } else {
        rc = wrap_header(t.s, t.len, 1, out);
        if (rc == 0) *used = 1;
        else if (rc == NDM_EVALUE) {
            out->len = mark;
            rc = wrap_header(t.s, t.len, 2, out);
            if (rc == 0) *used = 2;
            else if (rc == NDM_EVALUE && !strcmp(ndm_errclass(), "UnicodeEncodeError")) {
                out->len = mark;
                rc = wrap_header(t.s, t.len, 3, out);
                if (rc == 0) *used = 3;
            }
        }
    }
    if (rc) out->len = mark;
    if (out->s && out->len < out->cap) out->s[out->len] = '\0';
    ndm__sb_free(&t);
    return rc;
}
