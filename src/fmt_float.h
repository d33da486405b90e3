/*
 * fmt_float.h - numpy-compatible floating-point to decimal formatting
 *               (internal to ndmap, not installed).
 *
 * This module reproduces, byte for byte, the two scalar formatters that
 * numpy's array printing is built on:
 *
 *   numpy.format_float_positional(x, precision, unique, fractional, trim,
 *                                 sign, pad_left, pad_right, min_digits)
 *   numpy.format_float_scientific(x, precision, unique, trim, sign,
 *                                 pad_left, exp_digits, min_digits)
 *
 * for x of type numpy.float16, numpy.float32 or numpy.float64.  The value is
 * passed as a double together with the IEEE format it came from; "unique"
 * (shortest round-trip) digits are shortest for that source format, e.g.
 * float32 0.1 prints "0.1", float16 2**-6 prints "0.01563".
 *
 * Digits are produced by a Dragon4 (Steele & White, Burger & Dybvig) digit
 * generator on exact big integers, making the same decisions as numpy's
 * dragon4.c: unequal margins when the significand is a power of two (except
 * at the smallest normal exponent), boundary values accepted when the
 * significand is even, last digit rounded to nearest with ties to the even
 * digit, precision / min_digits cut-offs, and numpy's trim and padding rules
 * (including its quirks, e.g. scientific with trim='-' keeps a bare '.':
 * "1.e+00", and exp_digits=0 prints "1.e+" for an exponent of zero).
 *
 * Not reproduced: numpy formats into a fixed 16384-byte buffer and silently
 * truncates anything longer than 16383 characters (only reachable with huge
 * precision / min_digits / padding).  Here the full string is produced, or
 * -1 is returned if it does not fit in the caller's buffer; option values
 * above 2^20 are treated as 2^20.
 *
 * All functions are reentrant: no global mutable state, no allocation.
 */
#ifndef NDM_FMT_FLOAT_H
#define NDM_FMT_FLOAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Source format of the value being printed. */
typedef enum {
    NDM__F16 = 16, /* IEEE binary16 (numpy.float16) */
    NDM__F32 = 32, /* IEEE binary32 (numpy.float32) */
    NDM__F64 = 64  /* IEEE binary64 (numpy.float64) */
} ndm__fbits;

/* numpy's trim= argument. */
typedef enum {
    NDM__TRIM_K,    /* 'k': keep trailing zeros and the decimal point      */
    NDM__TRIM_DOT,  /* '.': trim trailing zeros, keep the decimal point    */
    NDM__TRIM_ZERO, /* '0': trim trailing zeros but keep one after the '.' */
    NDM__TRIM_MINUS /* '-': trim trailing zeros and the decimal point
                            (positional only; scientific keeps the '.')    */
} ndm__trim;

/*
 * Formatting options.  Integer fields use any negative value (conventionally
 * -1) for numpy's None.  NDM__FFMT_DEFAULT gives numpy's defaults.
 */
typedef struct {
    int precision;   /* max digits: fractional digits (positional,
                        fractional=1) or significant digits (positional,
                        fractional=0) or digits after the first (scientific);
                        <0 = None (no cut-off).  Required when unique=0. */
    int unique;      /* nonzero: shortest digits that round-trip in the
                        source format, optionally cut at precision.
                        zero: exact digits correctly rounded at precision. */
    int fractional;  /* positional only: precision/min_digits count
                        fractional digits (1) or significant digits (0). */
    ndm__trim trim;  /* trailing zero / decimal point handling */
    int sign;        /* nonzero: print '+' for positive values (and +inf) */
    int pad_left;    /* pad with spaces on the left until this many
                        characters precede the decimal point; <0 = None */
    int pad_right;   /* positional only: pad with spaces on the right until
                        this many characters follow the decimal point;
                        <0 = None */
    int exp_digits;  /* scientific only: at least this many exponent digits
                        (capped at 5); <0 = None (at least 2) */
    int min_digits;  /* unique mode only: print at least this many digits
                        (counted like precision), continuing the exact
                        expansion past the shortest digits, correctly
                        rounded; <0 = None */
} ndm__ffmt;

#define NDM__FFMT_DEFAULT \
    { -1, 1, 1, NDM__TRIM_K, 0, -1, -1, -1, -1 }

/* Return values besides the string length. */
#define NDM__FMT_ENOSPC (-1) /* result (plus NUL) does not fit in cap bytes */
#define NDM__FMT_EINVAL (-2) /* option combination numpy rejects with
                                ValueError: unique=0 without precision;
                                min_digits > precision (both > 0);
                                positional fractional=0 with precision=0 */

/*
 * Format v as numpy.format_float_positional(T(v), ...) would, where T is
 * the numpy type named by bits.  For NDM__F16 / NDM__F32, v is first
 * rounded (to nearest, ties to even) to that format; values that came from
 * the format convert exactly.  f == NULL means NDM__FFMT_DEFAULT.
 *
 * buf/cap: output buffer and its size in bytes; on success buf holds a
 * NUL-terminated string.  Returns the string length (excluding the NUL),
 * NDM__FMT_ENOSPC if it does not fit (buf then holds a NUL-terminated
 * prefix when cap > 0), or NDM__FMT_EINVAL (buf then holds "" when
 * cap > 0).
 *
 * nan prints "nan" (never signed, never padded), infinities print "inf",
 * "-inf", or "+inf" with sign (never padded); -0.0 prints as "-0.".
 */
int ndm__format_positional(char *buf, size_t cap, double v, ndm__fbits bits,
                           const ndm__ffmt *f);

/* Same for numpy.format_float_scientific (f->fractional and f->pad_right
 * are ignored). */
int ndm__format_scientific(char *buf, size_t cap, double v, ndm__fbits bits,
                           const ndm__ffmt *f);

/* IEEE binary16 conversions, bit-exact with numpy's npy_half routines. */

/* Exact widening; nan payload and sign kept (payload shifted up). */
float ndm__half_to_float(uint16_t h);
double ndm__half_to_double(uint16_t h);

/* Correct rounding to nearest, ties to even, directly from the source
 * value (no double rounding); overflow gives +-inf; nan keeps its sign and
 * the top 10 payload bits, forced non-zero so it stays a nan. */
uint16_t ndm__double_to_half(double d);
uint16_t ndm__float_to_half(float f);

#ifdef __cplusplus
}
#endif

#endif /* NDM_FMT_FLOAT_H */
