/*
 * fmt_float.c - numpy-compatible float formatting (see fmt_float.h).
 *
 * Overview
 * --------
 * A finite value is m * 2^e with an integer significand m.  Dragon4 keeps
 * the exact value and the half-gaps to its neighbours as fractions over one
 * common big-integer denominator:
 *
 *     value = r / s,   low margin = mlo / s,   high margin = mhi / s
 *
 * (mhi = 2 * mlo when m is a power of two and the float is not in the
 * lowest normal binade, because the gap below such a value is half the gap
 * above; otherwise mhi = mlo).  After dividing by 10^k, where k is the
 * decimal exponent of the first digit + 1, digits come out one at a time as
 * d = floor(10 r / s).  In "unique" mode generation stops as soon as the
 * digits printed so far, rounded either way, identify the value: the
 * remainder is within mlo of the last digit (low) or within mhi of the next
 * (high); when m is even the boundaries themselves count, since
 * round-half-even input parsing would map them back to m.  In exact mode it
 * stops when the remainder is zero.  Either mode also stops at a digit
 * cut-off derived from precision, and unique mode goes on until min_digits
 * are printed.  The last digit is then rounded: down if only "low" holds,
 * up if only "high" holds, otherwise to nearest (2r against s), ties to
 * even digit.  Rounding up may carry through trailing nines.
 *
 * These are the decisions numpy's dragon4.c makes (it is Burger & Dybvig
 * with a v < 10^k exponent search and a carry fix-up); this file is an
 * independent implementation of the same rules, followed by numpy's
 * positional / scientific layout, trimming and padding rules.
 *
 * Big integers are little-endian arrays of 32-bit limbs of fixed capacity:
 * binary64 needs about 1130 bits (2^1076 denominator for subnormals, times
 * up to 10^324, plus normalisation), so 44 limbs leave ample headroom.
 */
#include "fmt_float.h"

#include <limits.h>
#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Big unsigned integers                                              */
/* ------------------------------------------------------------------ */

#define BN_CAP 44

typedef struct {
    int n;                 /* used limbs; no leading zero limbs; 0 == zero */
    uint32_t d[BN_CAP];
} bn;

static void bn_set_u64(bn *a, uint64_t v)
{
    a->n = 0;
    while (v) {
        a->d[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void bn_trim(bn *a)
{
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

/* a = 2^p */
static void bn_pow2(bn *a, int p)
{
    int i, w = p / 32;
    for (i = 0; i < w; i++)
        a->d[i] = 0;
    a->d[w] = (uint32_t)1 << (p % 32);
    a->n = w + 1;
}

/* a <<= sh */
static void bn_shl(bn *a, int sh)
{
    int w = sh / 32, b = sh % 32, i;
    if (a->n == 0 || sh == 0)
        return;
    if (b == 0) {
        for (i = a->n - 1; i >= 0; i--)
            a->d[i + w] = a->d[i];
        a->d[a->n + w] = 0;
    } else {
        a->d[a->n + w] = 0;
        for (i = a->n - 1; i >= 0; i--) {
            a->d[i + w + 1] |= a->d[i] >> (32 - b);
            a->d[i + w] = a->d[i] << b;
        }
    }
    for (i = 0; i < w; i++)
        a->d[i] = 0;
    a->n += w + 1;
    bn_trim(a);
}

/* a *= m (m < 2^32) */
static void bn_mul_small(bn *a, uint32_t m)
{
    uint64_t c = 0;
    int i;
    for (i = 0; i < a->n; i++) {
        c += (uint64_t)a->d[i] * m;
        a->d[i] = (uint32_t)c;
        c >>= 32;
    }
    if (c)
        a->d[a->n++] = (uint32_t)c;
}

/* a *= 10^p */
static void bn_mul_pow10(bn *a, int p)
{
    static const uint32_t p10[10] = {1u,      10u,      100u,      1000u,
                                     10000u,  100000u,  1000000u,  10000000u,
                                     100000000u, 1000000000u};
    while (p >= 9) {
        bn_mul_small(a, p10[9]);
        p -= 9;
    }
    if (p > 0)
        bn_mul_small(a, p10[p]);
}

static int bn_cmp(const bn *a, const bn *b)
{
    int i;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* compare a + b with c */
static int bn_cmp_sum(const bn *a, const bn *b, const bn *c)
{
    uint32_t t[BN_CAP + 1];
    uint64_t carry = 0;
    int n = a->n > b->n ? a->n : b->n, i;
    for (i = 0; i < n; i++) {
        carry += (uint64_t)(i < a->n ? a->d[i] : 0) +
                 (i < b->n ? b->d[i] : 0);
        t[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry)
        t[n++] = (uint32_t)carry;
    while (n > 0 && t[n - 1] == 0)
        n--;
    if (n != c->n)
        return n < c->n ? -1 : 1;
    for (i = n - 1; i >= 0; i--)
        if (t[i] != c->d[i])
            return t[i] < c->d[i] ? -1 : 1;
    return 0;
}

/* compare 2a with b */
static int bn_cmp_twice(const bn *a, const bn *b)
{
    bn t = *a;
    bn_shl(&t, 1);
    return bn_cmp(&t, b);
}

/* a -= q * b, requires q * b <= a */
static void bn_sub_mul(bn *a, const bn *b, uint32_t q)
{
    uint64_t mc = 0;   /* multiply carry */
    uint64_t borrow = 0;
    int i;
    for (i = 0; i < a->n; i++) {
        uint64_t prod = (i < b->n ? (uint64_t)b->d[i] * q : 0) + mc;
        uint64_t lo = (uint32_t)prod;
        uint64_t sub = lo + borrow;
        mc = prod >> 32;
        borrow = (uint64_t)a->d[i] < sub;
        a->d[i] = (uint32_t)((uint64_t)a->d[i] - sub);
    }
    bn_trim(a);
}

/*
 * q = floor(a / b), a = a mod b, for a < 10 b.  b must be normalised: its
 * top limb lies in [2^27, 2^28), and a has no more limbs than b.
 */
static uint32_t bn_divmod_digit(bn *a, const bn *b)
{
    uint32_t q;
    int top = b->n - 1;
    if (a->n < b->n)
        return 0;
    /* underestimates the true quotient by at most one */
    q = a->d[top] / (b->d[top] + 1);
    if (q)
        bn_sub_mul(a, b, q);
    while (bn_cmp(a, b) >= 0) {
        bn_sub_mul(a, b, 1);
        q++;
    }
    return q;
}

/* ------------------------------------------------------------------ */
/* Dragon4 digit generation                                           */
/* ------------------------------------------------------------------ */

/* Enough for every exact binary64 expansion (at most 767 significant
 * digits) plus the final digit. */
#define DIGITS_MAX 800

typedef struct {
    uint64_t m;        /* significand (integer), 0 for zero */
    int e;             /* value = m * 2^e */
    int mbit;          /* index of the highest set bit of m */
    int unequal;       /* high margin twice the low margin */
} fdecomp;

/* Exponent of the last digit allowed (kmax; INT_MIN: none) and of the
 * last digit required (kmin), for a first digit at exponent k - 1. */
static void cut_range(int k, int cmax, int cmin, int fraction, int *kmax, int *kmin)
{
    *kmax = INT_MIN;
    if (cmax >= 0)
        *kmax = fraction ? -cmax : k - cmax;
    *kmin = k;
    if (cmin >= 0) {
        int want = fraction ? -cmin : k - cmin;
        if (want < *kmin)
            *kmin = want;
    }
}

/* Append the last digit d to dig[0..n), rounded down (d) or up (d + 1,
 * carrying through trailing nines, which are dropped); returns the count. */
static int last_digit(char *dig, int n, int d, int down, int *pexp)
{
    if (down) {
        dig[n++] = (char)('0' + d);
    } else if (d < 9) {
        dig[n++] = (char)('0' + d + 1);
    } else {
        while (n > 0 && dig[n - 1] == '9')
            n--;
        if (n == 0) {
            dig[n++] = '1';
            (*pexp)++;
        } else {
            dig[n - 1]++;
        }
    }
    return n;
}

#if defined(__SIZEOF_INT128__) && !defined(NDM_FMT_BIGNUM_ONLY)
typedef unsigned __int128 u128;

#define U128_SMALL ((u128)1 << 122) /* s below this: the digit loop fits */

/* a *= 10^p (0 <= p), unless the product reaches `limit`: returns 0 then. */
static int mul_pow10_u128(u128 *a, int p, u128 limit)
{
    for (; p > 0; p--) {
        if (*a >= limit / 10)
            return 0;
        *a *= 10;
    }
    return 1;
}

/* dragon4()'s r, s and mlo for a first digit at exponent k - 1, in 128-bit
 * integers: the same values as its bignum set-up, when s < 2^122 (then
 * 10 r, 10 mlo, 2 mlo and r + mhi stay below 2^128 in the loop, as r < 10 s
 * and mlo < 10 s throughout). Returns 0 when they do not fit. */
static int setup_u128(const fdecomp *x, int k, u128 *r, u128 *s, u128 *mlo)
{
    int u = x->unequal;
    if (x->e > 0) {
        if (x->mbit + x->e + 1 + u > 125)
            return 0;
        *r = (u128)x->m << (x->e + 1 + u);
        *s = u ? 4 : 2;
        *mlo = (u128)1 << x->e;
    } else {
        if (-x->e + 1 + u > 121)
            return 0;
        *r = (u128)x->m << (1 + u);
        *s = (u128)1 << (-x->e + 1 + u);
        *mlo = 1;
    }
    if (k > 0 && !mul_pow10_u128(s, k, U128_SMALL))
        return 0;
    if (k < 0 && (!mul_pow10_u128(r, -k, U128_SMALL * 8) || !mul_pow10_u128(mlo, -k, U128_SMALL * 8)))
        return 0;
    return *s < U128_SMALL && *r < U128_SMALL * 8;
}

/*
 * dragon4()'s digit loop and final rounding on native 128-bit integers,
 * for values whose scaled numbers fit (the common case: floats of moderate
 * magnitude). The same steps and comparisons as the bignum loop below,
 * so the same digits; r, s, mlo come from setup_u128().
 */
static int digits_u128(u128 r, u128 s, u128 mlo, int unequal, int even, int unique, int k,
                       int kmin, int kmax, char *dig, int *pexp, long *pzeros)
{
    int n = 0, d, low = 0, high = 0, big = 0;
    u128 mhi = unequal ? mlo << 1 : mlo;
    if (unique) {
        for (;;) {
            k--;
            d = (int)(r / s);
            r -= (u128)d * s;
            if (big) {
                low = high = 1;
            } else {
                low = even ? r <= mlo : r < mlo;
                high = even ? r + mhi >= s : r + mhi > s;
            }
            if (((low | high) && k <= kmin) || k == kmax)
                break;
            if (r == 0 || n >= DIGITS_MAX - 1) {
                dig[n++] = (char)('0' + d);
                *pzeros = (long)k - (kmin > kmax ? kmin : kmax);
                return n;
            }
            dig[n++] = (char)('0' + d);
            r *= 10;
            if (!big) {
                mlo *= 10;
                if (mlo > s)
                    big = 1;
                else
                    mhi = unequal ? mlo << 1 : mlo;
            }
        }
    } else {
        for (;;) {
            k--;
            d = (int)(r / s);
            r -= (u128)d * s;
            if (r == 0 || k == kmax || n >= DIGITS_MAX - 1)
                break;
            dig[n++] = (char)('0' + d);
            r *= 10;
        }
    }
    int down = low;
    if (low == high)
        down = 2 * r < s || (2 * r == s && (d & 1) == 0);
    return last_digit(dig, n, d, down, pexp);
}
#endif

/*
 * Produces the digits of the value into dig (no NUL) and returns their
 * count; *pexp receives the decimal exponent of the first digit.
 *   unique:   shortest mode (1) or exact mode (0)
 *   fraction: cut-offs count digits after the decimal point (1) or
 *             significant digits (0)
 *   cmax:     stop after this many digits (<0: no cut-off)
 *   cmin:     unique mode: do not stop before this many digits (<0: none)
 * In unique mode with cmin, once the expansion is exact the remaining
 * digits up to the cut-off are all zero: they are not stored, their count
 * goes to *pzeros (0 otherwise) and the digits are dig[0..n) + *pzeros '0's.
 */
static int dragon4(const fdecomp *x, int unique, int fraction, int cmax,
                   int cmin, char *dig, int *pexp, long *pzeros)
{
    bn r, s, mlo, mhi;
    int k, kmax, kmin, n = 0, d, low, high, big = 0, even, c;
    uint32_t top;

    *pzeros = 0;
    if (x->m == 0) {
        dig[0] = '0';
        *pexp = 0;
        return 1;
    }
    even = (x->m & 1) == 0;

    /*
     * k = floor(log10(value)) + 1, estimated from the binary exponent
     * (never too high, at most one too low; fixed below).
     */
    k = (int)ceil((double)(x->mbit + x->e) * 0.30102999566398119521373889472449
                  - 0.69);
    /*
     * With a fractional cut-off, never start below the cut-off digit: a
     * value below it then yields one (rounded) digit at that position.
     */
    if (cmax >= 0 && fraction && k <= -cmax)
        k = -cmax + 1;

#if defined(__SIZEOF_INT128__) && !defined(NDM_FMT_BIGNUM_ONLY)
    {
        u128 nr, ns, nmlo;
        if (setup_u128(x, k, &nr, &ns, &nmlo)) {
            if (nr >= ns) {
                k++;
            } else {
                nr *= 10;
                nmlo *= 10;
            }
            cut_range(k, cmax, cmin, fraction, &kmax, &kmin);
            *pexp = k - 1;
            return digits_u128(nr, ns, nmlo, x->unequal, even, unique, k, kmin, kmax, dig,
                               pexp, pzeros);
        }
    }
#endif

    /* value = r/s, low margin = mlo/s, high margin = mhi/s */
    bn_set_u64(&r, x->m);
    if (x->e > 0) {
        bn_shl(&r, x->e + 1 + x->unequal);
        bn_set_u64(&s, x->unequal ? 4 : 2);
        bn_pow2(&mlo, x->e);
    } else {
        bn_shl(&r, 1 + x->unequal);
        bn_pow2(&s, -x->e + 1 + x->unequal);
        bn_set_u64(&mlo, 1);
    }
    if (k > 0) {
        bn_mul_pow10(&s, k);
    } else if (k < 0) {
        bn_mul_pow10(&r, -k);
        bn_mul_pow10(&mlo, -k);
    }
    if (bn_cmp(&r, &s) >= 0) {
        k++;
    } else {
        bn_mul_small(&r, 10);
        bn_mul_small(&mlo, 10);
    }
    cut_range(k, cmax, cmin, fraction, &kmax, &kmin);
    *pexp = k - 1;

    /* normalise so that the top limb of s is in [2^27, 2^28) */
    top = s.d[s.n - 1];
    {
        int hb = 31;
        while (!(top >> hb))
            hb--;
        if (hb != 27) {
            int sh = (27 - hb + 32) % 32;
            bn_shl(&s, sh);
            bn_shl(&r, sh);
            bn_shl(&mlo, sh);
        }
    }
    mhi = mlo;
    if (x->unequal)
        bn_shl(&mhi, 1);

    if (unique) {
        for (;;) {
            k--;
            d = (int)bn_divmod_digit(&r, &s);
            if (big) {
                /* both margins exceed s: any rounding is unambiguous */
                low = high = 1;
            } else {
                c = bn_cmp(&r, &mlo);
                low = even ? c <= 0 : c < 0;
                c = bn_cmp_sum(&r, &mhi, &s);
                high = even ? c >= 0 : c > 0;
            }
            if (((low | high) && k <= kmin) || k == kmax)
                break;
            if (r.n == 0 || n >= DIGITS_MAX - 1) {
                /*
                 * Exact: every later digit is 0, and the last one is not
                 * rounded up (low holds with a zero remainder, and
                 * 2r < s).  The loop would stop at the first exponent
                 * <= kmin, or at kmax, whichever comes first.
                 */
                dig[n++] = (char)('0' + d);
                *pzeros = (long)k - (kmin > kmax ? kmin : kmax);
                return n;
            }
            dig[n++] = (char)('0' + d);
            bn_mul_small(&r, 10);
            if (!big) {
                bn_mul_small(&mlo, 10);
                if (bn_cmp(&mlo, &s) > 0)
                    big = 1;
                else {
                    mhi = mlo;
                    if (x->unequal)
                        bn_shl(&mhi, 1);
                }
            }
        }
    } else {
        low = high = 0;
        for (;;) {
            k--;
            d = (int)bn_divmod_digit(&r, &s);
            if (r.n == 0 || k == kmax || n >= DIGITS_MAX - 1)
                break;
            dig[n++] = (char)('0' + d);
            bn_mul_small(&r, 10);
        }
    }

    {
        int down = low;
        if (low == high) {
            c = bn_cmp_twice(&r, &s);
            down = c < 0 || (c == 0 && (d & 1) == 0);
        }
        return last_digit(dig, n, d, down, pexp);
    }
}

/* ------------------------------------------------------------------ */
/* Value decomposition                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    int neg;           /* sign bit */
    int special;       /* 0 finite, 1 inf, 2 nan */
    fdecomp x;
} fval;

static int top_bit(uint64_t v)
{
    int b = 63;
    while (!(v >> b))
        b--;
    return b;
}

/* Splits raw IEEE fields (mbits fraction bits, bias) into fval. */
static void decompose(fval *o, int neg, uint32_t fexp, uint64_t frac,
                      uint32_t emax, int mbits, int bias)
{
    o->neg = neg;
    o->special = 0;
    if (fexp == emax) {
        o->special = frac ? 2 : 1;
        return;
    }
    if (fexp != 0) {
        o->x.m = frac | ((uint64_t)1 << mbits);
        o->x.e = (int)fexp - bias - mbits;
        o->x.mbit = mbits;
        o->x.unequal = fexp != 1 && frac == 0;
    } else {
        o->x.m = frac;
        o->x.e = 1 - bias - mbits;
        o->x.mbit = frac ? top_bit(frac) : 0;
        o->x.unequal = 0;
    }
}

static void split(fval *o, double v, ndm__fbits bits)
{
    if (bits == NDM__F16) {
        uint16_t h = ndm__double_to_half(v);
        decompose(o, h >> 15, (h >> 10) & 0x1f, h & 0x3ff, 0x1f, 10, 15);
    } else if (bits == NDM__F32) {
        float f = (float)v;
        uint32_t u;
        memcpy(&u, &f, sizeof u);
        decompose(o, (int)(u >> 31), (u >> 23) & 0xff, u & 0x7fffff, 0xff,
                  23, 127);
    } else {
        uint64_t u;
        memcpy(&u, &v, sizeof u);
        decompose(o, (int)(u >> 63), (uint32_t)(u >> 52) & 0x7ff,
                  u & 0xfffffffffffffu, 0x7ff, 52, 1023);
    }
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                     */
/* ------------------------------------------------------------------ */

/*
 * Append-only bounded writer: stores what fits in cap - 1 bytes and keeps
 * counting past that, so the full length is known and ENOSPC reported.
 * (Trimming happens earlier, on local buffers of bounded size.)
 */
typedef struct {
    char *buf;
    size_t cap;        /* usable chars = cap - 1 */
    size_t pos;
} wr;

static void w_ch(wr *w, char c)
{
    if (w->pos + 1 < w->cap)
        w->buf[w->pos] = c;
    w->pos++;
}

static void w_rep(wr *w, char c, long n)
{
    for (; n > 0 && w->pos + 1 < w->cap; n--)
        w_ch(w, c);
    if (n > 0)
        w->pos += (size_t)n;
}

static void w_mem(wr *w, const char *p, long n)
{
    long i;
    for (i = 0; i < n; i++)
        w_ch(w, p[i]);
}

static int w_done(wr *w)
{
    if (w->cap == 0)
        return NDM__FMT_ENOSPC;
    if (w->pos + 1 > w->cap) {
        w->buf[w->cap - 1] = '\0';
        return NDM__FMT_ENOSPC;
    }
    w->buf[w->pos] = '\0';
    if (w->pos > (size_t)INT_MAX)
        return NDM__FMT_ENOSPC;
    return (int)w->pos;
}

static int special(char *buf, size_t cap, const fval *o, int sign)
{
    wr w = {buf, cap, 0};
    if (o->special == 2) {
        w_mem(&w, "nan", 3);
    } else {
        if (o->neg)
            w_ch(&w, '-');
        else if (sign)
            w_ch(&w, '+');
        w_mem(&w, "inf", 3);
    }
    return w_done(&w);
}

/*
 * Option values: negative means None.  Huge values are clamped (numpy
 * truncates its output at 16383 characters long before this matters) so
 * that exponent arithmetic cannot overflow.
 */
#define OPT_MAX (1 << 20)

static int norm(int v)
{
    return v < 0 ? -1 : v > OPT_MAX ? OPT_MAX : v;
}

static int einval(char *buf, size_t cap)
{
    if (cap > 0)
        buf[0] = '\0';
    return NDM__FMT_EINVAL;
}

/* ------------------------------------------------------------------ */
/* Positional                                                         */
/* ------------------------------------------------------------------ */

int ndm__format_positional(char *buf, size_t cap, double v, ndm__fbits bits,
                           const ndm__ffmt *f)
{
    static const ndm__ffmt defaults = NDM__FFMT_DEFAULT;
    char dig[DIGITS_MAX + 4];
    fval o;
    int precision, min_digits, pad_left, pad_right, unique, fraction;
    int nd, pexp, whole, has_sign, add, desired;
    long zeros, zfrac;
    char signc = 0;
    wr w = {buf, cap, 0};
    ndm__trim trim;

    if (!f)
        f = &defaults;
    precision = norm(f->precision);
    min_digits = norm(f->min_digits);
    pad_left = norm(f->pad_left);
    pad_right = norm(f->pad_right);
    unique = f->unique != 0;
    fraction = f->fractional != 0;
    trim = f->trim;
    if (trim != NDM__TRIM_DOT && trim != NDM__TRIM_ZERO &&
        trim != NDM__TRIM_MINUS)
        trim = NDM__TRIM_K;

    if (!unique && precision < 0)
        return einval(buf, cap);
    if (!fraction && precision == 0)
        return einval(buf, cap);
    if (min_digits > 0 && precision > 0 && min_digits > precision)
        return einval(buf, cap);

    split(&o, v, bits);
    if (o.special)
        return special(buf, cap, &o, f->sign);

    if (o.neg)
        signc = '-';
    else if (f->sign)
        signc = '+';
    has_sign = signc != 0;

    nd = dragon4(&o.x, unique, fraction, precision, unique ? min_digits : -1,
                 dig, &pexp, &zeros);

    /*
     * Body (everything after the sign), laid out as numpy does:
     *   whole    digits before the decimal point (at least 1),
     *   nfrac    digits after it, leading zeros included,
     *   extra0   zeros appended for trim 'k' up to the requested digits.
     * At most ~310 integer digits, ~325 leading fraction zeros and
     * DIGITS_MAX digits.
     */
    {
        char body[DIGITS_MAX + 700];
        long bl = 0, nfrac = 0, extra0 = 0;
        if (pexp >= 0) {
            whole = pexp + 1;
            /* implicit zero digits past the point */
            zfrac = nd + zeros - whole;
            if (zfrac > zeros)
                zfrac = zeros;
            if (zfrac < 0)
                zfrac = 0;
            if (nd <= whole) {
                memcpy(body, dig, (size_t)nd);
                memset(body + nd, '0', (size_t)(whole - nd));
                bl = whole;
            } else {
                memcpy(body, dig, (size_t)whole);
                body[whole] = '.';
                memcpy(body + whole + 1, dig + whole, (size_t)(nd - whole));
                bl = nd + 1;
                nfrac = nd - whole;
            }
        } else {
            long lead0 = -(long)(pexp + 1);
            zfrac = zeros;
            whole = 1;
            body[0] = '0';
            body[1] = '.';
            memset(body + 2, '0', (size_t)lead0);
            memcpy(body + 2 + lead0, dig, (size_t)nd);
            bl = 2 + lead0 + nd;
            nfrac = lead0 + nd;
        }

        /* decimal point, unless trim '-' and nothing follows it */
        if (trim != NDM__TRIM_MINUS && nfrac == 0)
            body[bl++] = '.';

        add = unique ? min_digits : precision;
        desired = add < 0 ? 0 : add;
        if (!fraction)
            desired = add - whole;

        if (trim == NDM__TRIM_ZERO) {
            if (nfrac == 0) {
                body[bl++] = '0';
                nfrac++;
            }
        } else if (trim == NDM__TRIM_K) {
            /* implicit zero digits, then zeros up to the requested count */
            extra0 = zfrac;
            nfrac += zfrac;
            if (desired > nfrac) {
                extra0 += desired - nfrac;
                nfrac = desired;
            }
        }
        /*
         * Other trims strip the implicit zeros again; what they leave
         * (a '.', "0" or nothing) is what the nfrac == 0 path above gives.
         */

        if (trim != NDM__TRIM_K && nfrac > 0) {
            while (body[bl - 1] == '0') {
                bl--;
                nfrac--;
            }
            if (body[bl - 1] == '.') {
                if (trim == NDM__TRIM_ZERO) {
                    body[bl++] = '0';
                    nfrac++;
                } else if (trim == NDM__TRIM_MINUS) {
                    bl--;
                }
            }
        }

        /* left padding counts the integer digits and the sign */
        if (pad_left > whole + has_sign)
            w_rep(&w, ' ', (long)pad_left - whole - has_sign);
        if (has_sign)
            w_ch(&w, signc);
        w_mem(&w, body, bl);
        w_rep(&w, '0', extra0);
        if (pad_right >= 0 && pad_right >= nfrac) {
            /* a space stands in for a trimmed decimal point */
            if (trim == NDM__TRIM_MINUS && nfrac == 0)
                w_ch(&w, ' ');
            w_rep(&w, ' ', (long)pad_right - nfrac);
        }
    }
    return w_done(&w);
}

/* ------------------------------------------------------------------ */
/* Scientific                                                         */
/* ------------------------------------------------------------------ */

int ndm__format_scientific(char *buf, size_t cap, double v, ndm__fbits bits,
                           const ndm__ffmt *f)
{
    static const ndm__ffmt defaults = NDM__FFMT_DEFAULT;
    char dig[DIGITS_MAX + 4];
    char body[DIGITS_MAX + 8];
    fval o;
    int precision, min_digits, pad_left, exp_digits, unique;
    int nd, pexp, has_sign, add, i, ndig;
    long zeros;
    long nfrac, bl, extra0 = 0;
    char signc = 0;
    char ebuf[8];
    int edig[5];
    wr w = {buf, cap, 0};
    ndm__trim trim;

    if (!f)
        f = &defaults;
    precision = norm(f->precision);
    min_digits = norm(f->min_digits);
    pad_left = norm(f->pad_left);
    exp_digits = norm(f->exp_digits);
    unique = f->unique != 0;
    trim = f->trim;
    if (trim != NDM__TRIM_DOT && trim != NDM__TRIM_ZERO &&
        trim != NDM__TRIM_MINUS)
        trim = NDM__TRIM_K;

    if (!unique && precision < 0)
        return einval(buf, cap);
    if (min_digits > 0 && precision > 0 && min_digits > precision)
        return einval(buf, cap);

    split(&o, v, bits);
    if (o.special)
        return special(buf, cap, &o, f->sign);

    if (o.neg)
        signc = '-';
    else if (f->sign)
        signc = '+';
    has_sign = signc != 0;

    nd = dragon4(&o.x, unique, 0, precision < 0 ? -1 : precision + 1,
                 (unique && min_digits >= 0) ? min_digits + 1 : -1, dig,
                 &pexp, &zeros);

    if (pad_left > 1 + has_sign)
        w_rep(&w, ' ', (long)pad_left - 1 - has_sign);
    if (has_sign)
        w_ch(&w, signc);

    body[0] = dig[0];
    bl = 1;
    nfrac = nd - 1;
    if (nfrac > 0) {
        body[bl++] = '.';
        memcpy(body + bl, dig + 1, (size_t)nfrac);
        bl += nfrac;
    }
    /*
     * numpy: '.' unless trim '-' with no digits after the first; implicit
     * zero digits count (trimmed later, but the '.' stays)
     */
    if ((trim != NDM__TRIM_MINUS || zeros > 0) && nfrac == 0)
        body[bl++] = '.';

    add = unique ? min_digits : precision;
    if (add < 0)
        add = 0;
    if (trim == NDM__TRIM_ZERO) {
        if (nfrac == 0) {
            body[bl++] = '0';
            nfrac++;
        }
    } else if (trim == NDM__TRIM_K) {
        extra0 = zeros;
        nfrac += zeros;
        if (add > nfrac) {
            extra0 += add - nfrac;
            nfrac = add;
        }
    }
    if (trim != NDM__TRIM_K && nfrac > 0) {
        /* stops at the '.', which is kept even for trim '-' (as numpy) */
        while (body[bl - 1] == '0') {
            bl--;
            nfrac--;
        }
        if (trim == NDM__TRIM_ZERO && body[bl - 1] == '.') {
            body[bl++] = '0';
            nfrac++;
        }
    }
    w_mem(&w, body, bl);
    w_rep(&w, '0', extra0);

    /* exponent: at least exp_digits digits (default 2, at most 5) */
    if (exp_digits > 5)
        exp_digits = 5;
    if (exp_digits < 0)
        exp_digits = 2;
    ebuf[0] = 'e';
    ebuf[1] = pexp >= 0 ? '+' : '-';
    if (pexp < 0)
        pexp = -pexp;
    for (i = 0; i < 5; i++) {
        edig[i] = pexp % 10;
        pexp /= 10;
    }
    ndig = 5;
    while (ndig > exp_digits && edig[ndig - 1] == 0)
        ndig--;
    for (i = 0; i < ndig; i++)
        ebuf[2 + i] = (char)('0' + edig[ndig - 1 - i]);
    w_mem(&w, ebuf, 2 + ndig);
    return w_done(&w);
}

/* ------------------------------------------------------------------ */
/* binary16 conversions                                               */
/* ------------------------------------------------------------------ */

double ndm__half_to_double(uint16_t h)
{
    uint64_t sign = (uint64_t)(h >> 15) << 63, u;
    uint32_t ex = (h >> 10) & 0x1f, fr = h & 0x3ff;
    double d;
    if (ex == 0x1f) {
        u = sign | ((uint64_t)0x7ff << 52) | ((uint64_t)fr << 42);
    } else if (ex != 0) {
        u = sign | ((uint64_t)(ex - 15 + 1023) << 52) | ((uint64_t)fr << 42);
    } else if (fr == 0) {
        u = sign;
    } else {
        /* subnormal: fr * 2^-24, normalise */
        int tb = top_bit(fr);             /* 0..9 */
        uint64_t m = (uint64_t)fr << (52 - tb);
        u = sign | ((uint64_t)(tb - 24 + 1023) << 52) |
            (m & 0xfffffffffffffu);
    }
    memcpy(&d, &u, sizeof d);
    return d;
}

float ndm__half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, u;
    uint32_t ex = (h >> 10) & 0x1f, fr = h & 0x3ff;
    float f;
    if (ex == 0x1f) {
        u = sign | 0x7f800000u | (fr << 13);
    } else if (ex != 0) {
        u = sign | ((ex - 15 + 127) << 23) | (fr << 13);
    } else if (fr == 0) {
        u = sign;
    } else {
        int tb = top_bit(fr);
        uint32_t m = fr << (23 - tb);
        u = sign | ((uint32_t)(tb - 24 + 127) << 23) | (m & 0x7fffffu);
    }
    memcpy(&f, &u, sizeof f);
    return f;
}

/*
 * Round a finite non-negative value m * 2^e (m < 2^63) to binary16 bits,
 * nearest, ties to even.  m == 0 gives +0.
 */
static uint16_t round_to_half(uint64_t m, int e)
{
    int tb, q, sh;
    uint64_t r;
    if (m == 0)
        return 0;
    tb = top_bit(m);
    /* exponent of the result's unit in the last place */
    q = tb + e - 10;
    if (q < -24)
        q = -24;
    sh = q - e;
    if (sh <= 0) {
        /* exact (the value needs no more than 11 bits at this ulp) */
        r = m << -sh;
    } else if (sh > 63) {
        r = 0;
    } else {
        uint64_t rest = m & (((uint64_t)1 << sh) - 1);
        uint64_t half = (uint64_t)1 << (sh - 1);
        r = m >> sh;
        if (rest > half || (rest == half && (r & 1)))
            r++;
    }
    /* r * 2^q, r < 2^11 (or == 2^11 after rounding up) */
    if (r == 0)
        return 0;
    if (r >= ((uint64_t)1 << 11)) {
        r >>= 1;
        q++;
    }
    if (q == -24 && r < ((uint64_t)1 << 10))
        return (uint16_t)r; /* subnormal */
    /* normal: biased exponent = q + 10 + 15 */
    if (q + 25 >= 0x1f)
        return 0x7c00;
    return (uint16_t)(((uint32_t)(q + 25) << 10) | (uint32_t)(r & 0x3ff));
}

uint16_t ndm__double_to_half(double d)
{
    uint64_t u, fr;
    uint32_t ex;
    uint16_t sign;
    memcpy(&u, &d, sizeof u);
    sign = (uint16_t)((u >> 48) & 0x8000);
    ex = (uint32_t)(u >> 52) & 0x7ff;
    fr = u & 0xfffffffffffffu;
    if (ex == 0x7ff) {
        uint16_t h;
        if (fr == 0)
            return (uint16_t)(sign | 0x7c00);
        h = (uint16_t)(0x7c00 | (fr >> 42));
        if (h == 0x7c00)
            h++;
        return (uint16_t)(sign | h);
    }
    if (ex == 0)
        return (uint16_t)(sign | round_to_half(fr, -1074));
    return (uint16_t)(sign |
                      round_to_half(fr | ((uint64_t)1 << 52), (int)ex - 1075));
}

uint16_t ndm__float_to_half(float f)
{
    uint32_t u, fr, ex;
    uint16_t sign;
    memcpy(&u, &f, sizeof u);
    sign = (uint16_t)((u >> 16) & 0x8000);
    ex = (u >> 23) & 0xff;
    fr = u & 0x7fffff;
    if (ex == 0xff) {
        uint16_t h;
        if (fr == 0)
            return (uint16_t)(sign | 0x7c00);
        h = (uint16_t)(0x7c00 | (fr >> 13));
        if (h == 0x7c00)
            h++;
        return (uint16_t)(sign | h);
    }
    if (ex == 0)
        return (uint16_t)(sign | round_to_half(fr, -149));
    return (uint16_t)(sign | round_to_half(fr | (1u << 23), (int)ex - 150));
}
