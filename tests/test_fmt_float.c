/*
 * Criterion tests for src/fmt_float.c (numpy-compatible float formatting).
 *
 * Hand-written cases (expected strings taken from numpy 1.24) plus the
 * numpy-generated table tests/oracle/fmt_float_cases.txt (regenerate with
 * tests/oracle/fmt_float_oracle.py, see its docstring).  The table is found
 * next to this source file (via __FILE__), or at $NDM_FMT_FLOAT_CASES.
 *
 * The last test compares the formatter with its bignum-only build
 * (fmt_float_bignum.o, made by the Makefile with the 128-bit fast path
 * compiled out and the functions renamed ndm__bignum_*).
 */
#include "fmt_float.h"

#include <criterion/criterion.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------- */

static ndm__ffmt opts(void)
{
    ndm__ffmt f = NDM__FFMT_DEFAULT;
    return f;
}

static void check_pos(double v, ndm__fbits bits, const ndm__ffmt *f,
                      const char *want)
{
    char buf[2048];
    int n = ndm__format_positional(buf, sizeof buf, v, bits, f);
    cr_expect_eq(n, (int)strlen(want), "positional(%.17g, f%d): length %d, "
                 "got '%s', want '%s'", v, (int)bits, n, n >= 0 ? buf : "",
                 want);
    if (n >= 0)
        cr_expect_str_eq(buf, want, "positional(%.17g, f%d)", v, (int)bits);
}

static void check_sci(double v, ndm__fbits bits, const ndm__ffmt *f,
                      const char *want)
{
    char buf[2048];
    int n = ndm__format_scientific(buf, sizeof buf, v, bits, f);
    cr_expect_eq(n, (int)strlen(want), "scientific(%.17g, f%d): length %d, "
                 "got '%s', want '%s'", v, (int)bits, n, n >= 0 ? buf : "",
                 want);
    if (n >= 0)
        cr_expect_str_eq(buf, want, "scientific(%.17g, f%d)", v, (int)bits);
}

static double f64_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static float f32_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* ---- shortest digits per source format ------------------------------ */

Test(fmt_float, shortest_for_source_format)
{
    ndm__ffmt f = opts();
    check_pos((float)0.1, NDM__F32, &f, "0.1");
    check_pos(0.1, NDM__F64, &f, "0.1");
    check_pos((double)(float)0.1, NDM__F64, &f, "0.10000000149011612");
    check_pos(ldexp(1, -6), NDM__F16, &f, "0.01563");
    check_sci(ldexp(1, 90), NDM__F32, &f, "1.2379401e+27");
    check_pos(ldexp(1, 90), NDM__F32, &f, "1237940100000000000000000000.");
    check_pos(3.140625, NDM__F16, &f, "3.14");
    check_pos(0.3, NDM__F64, &f, "0.3");
    check_sci(0.3, NDM__F64, &f, "3.e-01");
    check_pos(9.5, NDM__F64, &f, "9.5");
    check_sci(1e23, NDM__F64, &f, "1.e+23");
    check_pos(1e23, NDM__F64, &f, "100000000000000000000000.");
}

Test(fmt_float, extremes)
{
    ndm__ffmt f = opts();
    check_sci(5e-324, NDM__F64, &f, "5.e-324");
    check_sci(DBL_MAX, NDM__F64, &f, "1.7976931348623157e+308");
    {
        char want[400];
        memset(want, '0', 309);
        memcpy(want, "17976931348623157", 17);
        strcpy(want + 309, ".");
        check_pos(DBL_MAX, NDM__F64, &f, want);
    }
    check_sci(FLT_MAX, NDM__F32, &f, "3.4028235e+38");
    check_pos(FLT_MAX, NDM__F32, &f, "340282350000000000000000000000000000000.");
    check_pos(65504, NDM__F16, &f, "65500.");
    check_sci(65504, NDM__F16, &f, "6.55e+04");
    f.precision = 3;
    f.unique = 0;
    check_pos(65504, NDM__F16, &f, "65504.000");
    check_pos(FLT_MAX, NDM__F32, &f,
              "340282346638528859811704183484516925440.000");
}

Test(fmt_float, subnormals_and_power_of_two_margins)
{
    ndm__ffmt f = opts();
    check_sci(f64_bits(0x000fffffffffffffu), NDM__F64, &f,
              "2.225073858507201e-308");
    check_sci(DBL_MIN, NDM__F64, &f, "2.2250738585072014e-308");
    check_sci(2 * DBL_MIN, NDM__F64, &f, "4.450147717014403e-308");
    check_sci(f32_bits(1), NDM__F32, &f, "1.e-45");
    check_pos(f32_bits(1), NDM__F32, &f,
              "0.000000000000000000000000000000000000000000001");
    check_sci(FLT_MIN, NDM__F32, &f, "1.1754944e-38");
    check_sci(2 * (double)FLT_MIN, NDM__F32, &f, "2.3509887e-38");
    check_sci(ldexp(1, -24), NDM__F16, &f, "6.e-08");
    check_pos(ldexp(1, -24), NDM__F16, &f, "0.00000006");
    check_pos(ldexp(1, -14), NDM__F16, &f, "0.00006104");
    check_pos(ldexp(1, -13), NDM__F16, &f, "0.0001221");
    check_pos(ldexp(1, 53), NDM__F64, &f, "9007199254740992.");
    check_pos(ldexp(1, 60), NDM__F64, &f, "1152921504606847000.");
    check_pos(ldexp(1, 24), NDM__F32, &f, "16777216.");
    f.trim = NDM__TRIM_MINUS;
    check_sci(5e-324, NDM__F64, &f, "5e-324");
    f.unique = 0;
    f.precision = 3;
    check_sci(5e-324, NDM__F64, &f, "4.941e-324");
    check_sci(ldexp(1, -24), NDM__F16, &f, "5.96e-08");
    check_sci(f32_bits(1), NDM__F32, &f, "1.401e-45");
}

/* ---- precision, rounding, min_digits -------------------------------- */

Test(fmt_float, precision_and_rounding)
{
    ndm__ffmt f = opts();
    f.precision = 8;
    check_pos(0.001953125, NDM__F64, &f, "0.00195312"); /* tie to even */
    check_pos(0.123456785, NDM__F64, &f, "0.12345678");
    f.precision = 2;
    check_pos(0.001953125, NDM__F64, &f, "0.00");
    check_pos(0.009, NDM__F64, &f, "0.01");
    f.trim = NDM__TRIM_DOT;
    check_pos(0.001953125, NDM__F64, &f, "0.");
    f.trim = NDM__TRIM_K;
    f.unique = 0;
    check_pos(0.001953125, NDM__F64, &f, "0.00");
    f.precision = 3;
    f.fractional = 0;
    check_pos(123456, NDM__F64, &f, "123000.");
    f.unique = 1;
    check_pos(123456, NDM__F64, &f, "123000.");
    check_pos(0.99999, NDM__F64, &f, "1.");
    f.unique = 0;
    f.fractional = 1;
    f.precision = 10;
    check_pos(0.3, NDM__F16, &f, "0.3000488281");
    f.precision = 15;
    check_sci(1.23e24, NDM__F32, &f, "1.230000071797338e+24");
}

Test(fmt_float, min_digits)
{
    ndm__ffmt f = opts();
    f.precision = 8;
    f.min_digits = 8;
    check_sci(0.3, NDM__F32, &f, "3.00000012e-01");
    f = opts();
    f.precision = 0;
    f.min_digits = 3;
    check_pos(1.5, NDM__F64, &f, "2.000");
    f.unique = 0;
    check_pos(1.5, NDM__F64, &f, "2.");
    f = opts();
    f.fractional = 0;
    f.min_digits = 25;
    check_pos(1e20, NDM__F64, &f, "100000000000000000000.0000");
    f.min_digits = 5;
    check_pos(123, NDM__F64, &f, "123.00");
    f = opts();
    f.min_digits = 20;
    check_pos(0.1, NDM__F64, &f, "0.10000000000000000555");
    check_pos(0.1, NDM__F32, &f, "0.10000000149011611938");
    /* exact zeros past the shortest digits still leave numpy's bare '.' */
    f = opts();
    f.min_digits = 10;
    f.trim = NDM__TRIM_MINUS;
    check_sci(5000, NDM__F16, &f, "5.e+03");
    check_pos(5000, NDM__F16, &f, "5000");
    f.min_digits = 0;
    check_sci(5000, NDM__F16, &f, "5e+03");
}

/* ---- signs, specials, trim, padding, exponent ----------------------- */

Test(fmt_float, zero_sign_nan_inf)
{
    ndm__ffmt f = opts();
    char buf[32];
    check_pos(-0.0, NDM__F64, &f, "-0.");
    check_sci(-0.0, NDM__F64, &f, "-0.e+00");
    check_pos(-0.0, NDM__F16, &f, "-0.");
    check_pos(NAN, NDM__F64, &f, "nan");
    check_pos(-NAN, NDM__F32, &f, "nan");
    check_pos(INFINITY, NDM__F16, &f, "inf");
    check_sci(-INFINITY, NDM__F64, &f, "-inf");
    f.sign = 1;
    f.pad_left = 5;
    f.pad_right = 5;
    check_pos(INFINITY, NDM__F64, &f, "+inf");
    check_pos(NAN, NDM__F64, &f, "nan");  /* numpy never signs nan */
    check_sci(NAN, NDM__F16, &f, "nan");
    check_pos(1.0, NDM__F64, &f, "   +1.     ");
    check_pos(0.0, NDM__F64, &f, "   +0.     ");
    /* values that overflow the source format */
    f = opts();
    check_pos(1e300, NDM__F32, &f, "inf");
    check_pos(-70000, NDM__F16, &f, "-inf");
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 2.5, NDM__F64, NULL),
                 3);
    cr_expect_str_eq(buf, "2.5");
}

Test(fmt_float, trim_modes)
{
    ndm__ffmt f = opts();
    static const char *pos1[4] = {"1.", "1.", "1.0", "1"};
    static const char *sci1[4] = {"1.e+00", "1.e+00", "1.0e+00", "1e+00"};
    static const char *posp[4] = {"1.500", "1.5", "1.5", "1.5"};
    static const char *pos0[4] = {"0.000", "0.", "0.0", "0"};
    static const char *scip[4] = {"1.000e+00", "1.e+00", "1.0e+00", "1.e+00"};
    int t;
    for (t = 0; t < 4; t++) {
        f = opts();
        f.trim = (ndm__trim)t;
        check_pos(1.0, NDM__F64, &f, pos1[t]);
        check_sci(1.0, NDM__F64, &f, sci1[t]);
        f.unique = 0;
        f.precision = 3;
        check_pos(1.5, NDM__F64, &f, posp[t]);
        check_pos(0.0, NDM__F64, &f, pos0[t]);
        /* numpy keeps the bare '.' in scientific even for trim '-' */
        check_sci(1.0001, NDM__F64, &f, scip[t]);
    }
}

Test(fmt_float, padding)
{
    ndm__ffmt f = opts();
    f.pad_right = 3;
    f.trim = NDM__TRIM_MINUS;
    check_pos(1.0, NDM__F64, &f, "1    ");
    check_pos(1.25, NDM__F64, &f, "1.25 ");
    check_pos(1.2345, NDM__F64, &f, "1.2345");
    f = opts();
    f.pad_left = 5;
    check_pos(-1.0, NDM__F64, &f, "   -1.");
    check_pos(12345678, NDM__F64, &f, "12345678.");
    check_sci(-1.5, NDM__F64, &f, "   -1.5e+00");
    f.pad_left = 0;
    check_sci(-1.5, NDM__F64, &f, "-1.5e+00");
    f = opts();
    f.pad_left = 3;
    f.pad_right = 4;
    check_pos(0.015625, NDM__F16, &f, "  0.01563");
}

Test(fmt_float, exp_digits)
{
    ndm__ffmt f = opts();
    f.exp_digits = 4;
    check_sci(1.23e24, NDM__F32, &f, "1.23e+0024");
    f.exp_digits = 0;
    check_sci(1.0, NDM__F64, &f, "1.e+");    /* numpy quirk */
    check_sci(1e5, NDM__F64, &f, "1.e+5");
    f.exp_digits = 7;                       /* capped at 5 */
    check_sci(1e-300, NDM__F64, &f, "1.e-00300");
    f.exp_digits = 1;
    check_sci(1e-300, NDM__F64, &f, "1.e-300");
}

Test(fmt_float, errors_and_small_buffers)
{
    ndm__ffmt f = opts();
    char buf[8];
    f.unique = 0;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 1, NDM__F64, &f),
                 NDM__FMT_EINVAL);
    cr_expect_eq(ndm__format_scientific(buf, sizeof buf, 1, NDM__F64, &f),
                 NDM__FMT_EINVAL);
    f = opts();
    f.precision = 3;
    f.min_digits = 4;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 1, NDM__F64, &f),
                 NDM__FMT_EINVAL);
    f = opts();
    f.fractional = 0;
    f.precision = 0;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 1, NDM__F64, &f),
                 NDM__FMT_EINVAL);
    /* "1.2345" needs 7 bytes */
    cr_expect_eq(ndm__format_positional(buf, 7, 1.2345, NDM__F64, NULL), 6);
    cr_expect_str_eq(buf, "1.2345");
    cr_expect_eq(ndm__format_positional(buf, 6, 1.2345, NDM__F64, NULL),
                 NDM__FMT_ENOSPC);
    cr_expect_eq(buf[5], '\0');
    cr_expect_eq(ndm__format_scientific(buf, 0, 1.0, NDM__F64, NULL),
                 NDM__FMT_ENOSPC);
    cr_expect_eq(ndm__format_scientific(NULL, 0, 1.0, NDM__F64, NULL),
                 NDM__FMT_ENOSPC);
    cr_expect_eq(ndm__format_positional(buf, 3, NAN, NDM__F64, NULL),
                 NDM__FMT_ENOSPC);
    cr_expect_eq(ndm__format_positional(buf, 4, NAN, NDM__F64, NULL), 3);
}

Test(fmt_float, long_outputs)
{
    ndm__ffmt f = opts();
    char big[1200];
    int n;
    f.unique = 0;
    f.precision = 1074;
    /* the exact value of 2^-1074 has 1074 fractional digits */
    n = ndm__format_positional(big, sizeof big, 5e-324, NDM__F64, &f);
    cr_assert_eq(n, 1076);
    cr_expect(strncmp(big + 2 + 323, "4940656458412465441765687928682213",
                      34) == 0, "got %.60s", big + 300);
    cr_expect_str_eq(big + n - 5, "65625");
    f.precision = 1100;
    n = ndm__format_positional(big, sizeof big, 5e-324, NDM__F64, &f);
    cr_expect_eq(n, 1102);
    f.unique = 1;
    f.min_digits = 1100;
    n = ndm__format_positional(big, sizeof big, 5e-324, NDM__F64, &f);
    cr_expect_eq(n, 1102);
    cr_expect_str_eq(big + n - 5, "00000");
}

/* ---- binary16 conversions ------------------------------------------ */

Test(fmt_float, half_conversions)
{
    uint32_t h;
    for (h = 0; h < 65536; h++) {
        double d = ndm__half_to_double((uint16_t)h);
        float fl = ndm__half_to_float((uint16_t)h);
        uint32_t fb, db;
        memcpy(&fb, &fl, sizeof fb);
        if (isnan(d)) {
            cr_expect(isnan(fl));
            db = (uint32_t)(fb >> 13);
            cr_expect_eq(db & 0x3ff, h & 0x3ff, "payload of %04x", h);
            continue;
        }
        cr_expect_eq((double)fl, d, "half %04x", h);
        cr_expect_eq(ndm__double_to_half(d), h, "round trip %04x", h);
        cr_expect_eq(ndm__float_to_half(fl), h, "round trip %04x", h);
    }
    /* nearest, ties to even, no double rounding via float */
    cr_expect_eq(ndm__double_to_half(1 + ldexp(1, -11)), 0x3c00);
    cr_expect_eq(ndm__double_to_half(1 + 3 * ldexp(1, -11)), 0x3c02);
    cr_expect_eq(ndm__double_to_half(1 + ldexp(1, -11) + ldexp(1, -40)),
                 0x3c01);
    cr_expect_eq(ndm__float_to_half((float)(1 + ldexp(1, -11) +
                                            ldexp(1, -40))), 0x3c00);
    cr_expect_eq(ndm__double_to_half(65519.99), 0x7bff);
    cr_expect_eq(ndm__double_to_half(65520), 0x7c00);
    cr_expect_eq(ndm__double_to_half(-1e300), 0xfc00);
    cr_expect_eq(ndm__double_to_half(ldexp(1, -25)), 0x0000);
    cr_expect_eq(ndm__double_to_half(ldexp(1.0000001, -25)), 0x0001);
    cr_expect_eq(ndm__double_to_half(ldexp(3, -26)), 0x0001);
    cr_expect_eq(ndm__double_to_half(ldexp(3, -25)), 0x0002);
    cr_expect_eq(ndm__double_to_half(ldexp(5, -25)), 0x0002);
    cr_expect_eq(ndm__double_to_half(-5e-324), 0x8000);
    cr_expect_eq(ndm__double_to_half(NAN), 0x7e00);
    cr_expect_eq(ndm__double_to_half(-NAN), 0xfe00);
    cr_expect_eq(ndm__double_to_half(f64_bits(0x7ff0000000000001u)), 0x7c01);
    cr_expect_eq(ndm__float_to_half(f32_bits(0x7f800001u)), 0x7c01);
}

/* ---- numpy-generated table ----------------------------------------- */

static FILE *open_cases(void)
{
    const char *env = getenv("NDM_FMT_FLOAT_CASES");
    char path[4096];
    const char *slash;
    size_t dir;
    FILE *fp;

    if (env && *env)
        return fopen(env, "r");
    slash = strrchr(__FILE__, '/');
    dir = slash ? (size_t)(slash - __FILE__) + 1 : 0;
    if (dir + 40 < sizeof path) {
        memcpy(path, __FILE__, dir);
        strcpy(path + dir, "oracle/fmt_float_cases.txt");
        if ((fp = fopen(path, "r")) != NULL)
            return fp;
    }
    return fopen("tests/oracle/fmt_float_cases.txt", "r");
}

static ndm__trim trim_of(char c)
{
    switch (c) {
    case '.': return NDM__TRIM_DOT;
    case '0': return NDM__TRIM_ZERO;
    case '-': return NDM__TRIM_MINUS;
    default: return NDM__TRIM_K;
    }
}

Test(fmt_float, numpy_generated_cases)
{
    static char line[4096], got[4096];
    FILE *fp = open_cases();
    long nfmt = 0, nconv = 0, bad = 0, lineno = 0;

    cr_assert_not_null(fp, "cannot open fmt_float_cases.txt "
                       "(set NDM_FMT_FLOAT_CASES)");
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == 'P' || line[0] == 'S') {
            int bits, prec, uniq, frac, sign, padl, padr, expd, mind, n, off;
            unsigned long long u;
            char trim;
            const char *want, *end;
            double v;
            ndm__ffmt f;
            if (sscanf(line + 2, "%d %llx %d %d %d %c %d %d %d %d %d |%n",
                       &bits, &u, &prec, &uniq, &frac, &trim, &sign, &padl,
                       &padr, &expd, &mind, &off) != 11) {
                cr_expect_fail("malformed line %ld: %s", lineno, line);
                bad++;
                continue;
            }
            want = line + 2 + off;
            end = strrchr(want, '|');
            cr_assert_not_null(end, "line %ld", lineno);
            if (bits == 16)
                v = ndm__half_to_double((uint16_t)u);
            else if (bits == 32)
                v = f32_bits((uint32_t)u);
            else
                v = f64_bits(u);
            f.precision = prec;
            f.unique = uniq;
            f.fractional = frac;
            f.trim = trim_of(trim);
            f.sign = sign;
            f.pad_left = padl;
            f.pad_right = padr;
            f.exp_digits = expd;
            f.min_digits = mind;
            if (line[0] == 'P')
                n = ndm__format_positional(got, sizeof got, v,
                                           (ndm__fbits)bits, &f);
            else
                n = ndm__format_scientific(got, sizeof got, v,
                                           (ndm__fbits)bits, &f);
            if (n != (int)(end - want) ||
                memcmp(got, want, (size_t)(end - want)) != 0) {
                if (bad < 30)
                    cr_expect_fail("line %ld: %s\n  got |%s| (%d)", lineno,
                                   line, n >= 0 ? got : "", n);
                bad++;
            }
            nfmt++;
        } else if (line[0] == 'H' || line[0] == 'h' || line[0] == 'F') {
            unsigned long long a, b;
            unsigned long long r;
            if (sscanf(line + 2, "%llx %llx", &a, &b) != 2) {
                cr_expect_fail("malformed line %ld: %s", lineno, line);
                bad++;
                continue;
            }
            if (line[0] == 'H') {
                r = ndm__double_to_half(f64_bits(a));
            } else if (line[0] == 'h') {
                r = ndm__float_to_half(f32_bits((uint32_t)a));
            } else {
                float fl = ndm__half_to_float((uint16_t)a);
                uint32_t fb;
                memcpy(&fb, &fl, sizeof fb);
                r = fb;
            }
            if (r != b) {
                if (bad < 30)
                    cr_expect_fail("line %ld: %s: got %llx", lineno, line, r);
                bad++;
            }
            nconv++;
        }
    }
    fclose(fp);
    cr_expect_eq(bad, 0, "%ld of %ld table cases failed", bad, nfmt + nconv);
    cr_expect_geq(nfmt, 4000, "only %ld formatting cases in the table", nfmt);
    cr_expect_geq(nconv, 1000, "only %ld conversion cases in the table",
                  nconv);
}

Test(fmt_float, huge_options_do_not_overflow)
{
    ndm__ffmt f = opts();
    char buf[64];
    f.min_digits = 2147483647;
    cr_expect_eq(ndm__format_scientific(buf, sizeof buf, 5000, NDM__F16, &f),
                 NDM__FMT_ENOSPC);
    f.fractional = 0;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 0.25, NDM__F64, &f),
                 NDM__FMT_ENOSPC);
    f = opts();
    f.pad_left = 2147483647;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 1, NDM__F64, &f),
                 NDM__FMT_ENOSPC);
    f = opts();
    f.unique = 0;
    f.precision = 2147483647;
    f.trim = NDM__TRIM_DOT;
    cr_expect_eq(ndm__format_positional(buf, sizeof buf, 0.1, NDM__F32, &f),
                 29);
    cr_expect_str_eq(buf, "0.100000001490116119384765625");
    f.trim = NDM__TRIM_MINUS;
    cr_expect_eq(ndm__format_scientific(buf, sizeof buf, 0.5, NDM__F16, &f),
                 5);
    cr_expect_str_eq(buf, "5e-01");
}

/* ---- the 128-bit fast path against the bignum path -------------------- */

int ndm__bignum_format_positional(char *buf, size_t cap, double v, ndm__fbits bits,
                                  const ndm__ffmt *f);
int ndm__bignum_format_scientific(char *buf, size_t cap, double v, ndm__fbits bits,
                                  const ndm__ffmt *f);

static uint64_t path_rng = 0x243F6A8885A308D3ull;
static uint64_t path_next(void)
{
    path_rng ^= path_rng << 13;
    path_rng ^= path_rng >> 7;
    path_rng ^= path_rng << 17;
    return path_rng;
}

/* Digits come from 128-bit integers when the scaled value fits and from
 * bignums otherwise: the same algorithm, so the same text, for any value
 * and options. Random bit patterns of every width (reaching both paths and
 * the boundary between them) and values of moderate magnitude (the fast
 * path), shortest, precision-cut, exact and min_digits modes. */
Test(fmt_float, fast_path_matches_bignum_path)
{
    static char a[4096], b[4096];
    long mismatches = 0;
    for (long i = 0; i < 400000; i++) {
        uint64_t u = path_next();
        double v;
        ndm__fbits bits;
        switch (path_next() % 5) {
        case 0: { uint32_t w = (uint32_t)u; float f; memcpy(&f, &w, 4); v = f; bits = NDM__F32; break; }
        case 1: memcpy(&v, &u, 8); bits = NDM__F64; break;
        case 2: v = (float)ldexp((double)(u >> 40), (int)(path_next() % 80) - 60); bits = NDM__F32; break;
        case 3: v = ldexp((double)(u >> 11), (int)(path_next() % 300) - 200); bits = NDM__F64; break;
        default: v = ndm__half_to_double((uint16_t)u); bits = NDM__F16; break;
        }
        ndm__ffmt f = NDM__FFMT_DEFAULT;
        switch (path_next() % 4) {
        case 1: f.precision = (int)(path_next() % 20); break;
        case 2:
            f.unique = 0;
            f.precision = 1 + (int)(path_next() % 25);
            f.fractional = (int)(path_next() % 2);
            break;
        case 3: f.min_digits = (int)(path_next() % 20); break;
        default: break;
        }
        bool sci = path_next() % 2;
        int na = sci ? ndm__format_scientific(a, sizeof a, v, bits, &f)
                     : ndm__format_positional(a, sizeof a, v, bits, &f);
        int nb = sci ? ndm__bignum_format_scientific(b, sizeof b, v, bits, &f)
                     : ndm__bignum_format_positional(b, sizeof b, v, bits, &f);
        if (na != nb || strcmp(a, b)) {
            if (mismatches++ < 5)
                cr_log_error("%a (f%d, %s, precision %d, unique %d): '%s' vs bignum '%s'", v, (int)bits,
                             sci ? "scientific" : "positional", f.precision, f.unique, a, b);
        }
    }
    cr_expect_eq(mismatches, 0, "%ld texts differ between the two paths", mismatches);
}
