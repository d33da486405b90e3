/*
 * test_scalar.c -- Python scalar literals stored as numpy 2 stores them
 * (spec section 6.4): every rule and message, the [target] behaviours that
 * numpy 1.24 does not show (hand-written), and a numpy-generated set of
 * in-range conversions (tests/oracle/cast_pairs.txt, "scalar" records).
 */
#include <criterion/criterion.h>

#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SW = 1, LL = 2 }; /* dtype flags: byte-swapped, 'q'/'Q' spelling */
enum { VI, VU, VF, VC, VB }; /* how to check a successful result */

typedef struct scase {
    const char *lit;
    ndm__type t;
    int flags;
    int rc;          /* expected code */
    const char *msg; /* expected message when rc != 0 */
    int vk;          /* VI..VB */
    int64_t i;
    uint64_t u;
    double re, im;
} scase;

#define ERR(L, T, RC, M) {L, T, 0, RC, M, 0, 0, 0, 0, 0}
#define ERRF(L, T, F, RC, M) {L, T, F, RC, M, 0, 0, 0, 0, 0}
#define OK_I(L, T, V) {L, T, 0, 0, NULL, VI, V, 0, 0, 0}
#define OK_IF(L, T, F, V) {L, T, F, 0, NULL, VI, V, 0, 0, 0}
#define OK_U(L, T, V) {L, T, 0, 0, NULL, VU, 0, V, 0, 0}
#define OK_UF(L, T, F, V) {L, T, F, 0, NULL, VU, 0, V, 0, 0}
#define OK_F(L, T, V) {L, T, 0, 0, NULL, VF, 0, 0, V, 0}
#define OK_FF(L, T, F, V) {L, T, F, 0, NULL, VF, 0, 0, V, 0}
#define OK_C(L, T, R, I) {L, T, 0, 0, NULL, VC, 0, 0, R, I}
#define OK_CF(L, T, F, R, I) {L, T, F, 0, NULL, VC, 0, 0, R, I}
#define OK_B(L, V) {L, NDM__BOOL, 0, 0, NULL, VB, V, 0, 0, 0}

#define C_LONG "Python int too large to convert to C long"
#define LL_MSG "int too big to convert"
#define NAN_MSG "cannot convert float NaN to integer"
#define INF_MSG "cannot convert float infinity to integer"
#define INT_C "int() argument must be a string, a bytes-like object or a real number, not 'complex'"
#define FLT_C "float() argument must be a string or a real number, not 'complex'"
#define I2F "int too large to convert to float"
#define E10_400                                                                \
    "1000000000000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000"
/* 2^1024 - 2^970: halfway between DBL_MAX and 2^1024, rounds (to even) up. */
#define TIE_1024                                                               \
    "1797693134862315807937289714053034150799341327100378269361737789804449682" \
    "9276475094664901797758720709633028641669288791094655554785194040263065748" \
    "8671505820681908902000708383676273854845817711531764475730270069855571366" \
    "959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"
#define BELOW_TIE_1024                                                         \
    "1797693134862315807937289714053034150799341327100378269361737789804449682" \
    "9276475094664901797758720709633028641669288791094655554785194040263065748" \
    "8671505820681908902000708383676273854845817711531764475730270069855571366" \
    "959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791"

static const scase cases[] = {
    /* int literal -> integer types: numpy 2's out-of-bounds errors */
    ERR("300", NDM__UINT8, NDM_EOVERFLOW, "Python integer 300 out of bounds for uint8"),
    ERR("128", NDM__INT8, NDM_EOVERFLOW, "Python integer 128 out of bounds for int8"),
    ERR("-129", NDM__INT8, NDM_EOVERFLOW, "Python integer -129 out of bounds for int8"),
    ERR("-1", NDM__UINT8, NDM_EOVERFLOW, "Python integer -1 out of bounds for uint8"),
    ERR("65536", NDM__UINT16, NDM_EOVERFLOW, "Python integer 65536 out of bounds for uint16"),
    ERR("-32769", NDM__INT16, NDM_EOVERFLOW, "Python integer -32769 out of bounds for int16"),
    ERRF("40000", NDM__INT16, SW, NDM_EOVERFLOW, "Python integer 40000 out of bounds for int16"),
    ERR("2147483648", NDM__INT32, NDM_EOVERFLOW, "Python integer 2147483648 out of bounds for int32"),
    ERR("-1", NDM__UINT32, NDM_EOVERFLOW, "Python integer -1 out of bounds for uint32"),
    ERR("4294967296", NDM__UINT32, NDM_EOVERFLOW, "Python integer 4294967296 out of bounds for uint32"),
    ERR("18446744073709551615", NDM__UINT32, NDM_EOVERFLOW,
        "Python integer 18446744073709551615 out of bounds for uint32"),
    ERR("-1", NDM__UINT64, NDM_EOVERFLOW, "Python integer -1 out of bounds for uint64"),
    ERR("-9223372036854775808", NDM__UINT64, NDM_EOVERFLOW,
        "Python integer -9223372036854775808 out of bounds for uint64"),
    ERR("-9223372036854775808", NDM__INT8, NDM_EOVERFLOW,
        "Python integer -9223372036854775808 out of bounds for int8"),
    ERR("0x80", NDM__INT8, NDM_EOVERFLOW, "Python integer 128 out of bounds for int8"),
    /* |v| >= 2^63: CPython's C long message, whatever the type */
    ERR("9223372036854775808", NDM__INT64, NDM_EOVERFLOW, C_LONG),
    ERR("-9223372036854775809", NDM__INT64, NDM_EOVERFLOW, C_LONG),
    ERR("9223372036854775808", NDM__INT8, NDM_EOVERFLOW, C_LONG),
    ERR("9223372036854775808", NDM__UINT8, NDM_EOVERFLOW, C_LONG),
    ERR("9223372036854775808", NDM__UINT16, NDM_EOVERFLOW, C_LONG),
    ERR("9223372036854775808", NDM__INT32, NDM_EOVERFLOW, C_LONG),
    ERR("18446744073709551616", NDM__UINT64, NDM_EOVERFLOW, C_LONG),
    ERR("18446744073709551616", NDM__UINT32, NDM_EOVERFLOW, C_LONG),
    ERR("-9223372036854775809", NDM__UINT64, NDM_EOVERFLOW, C_LONG),
    ERR("-9223372036854775809", NDM__UINT32, NDM_EOVERFLOW, C_LONG),
    ERR(E10_400, NDM__INT16, NDM_EOVERFLOW, C_LONG),
    ERR("-" E10_400, NDM__UINT64, NDM_EOVERFLOW, C_LONG),
    ERR("0xffffffffffffffffffff", NDM__INT64, NDM_EOVERFLOW, C_LONG),
    /* the 'q' / 'Q' spellings convert through long long */
    ERRF("9223372036854775808", NDM__INT64, LL, NDM_EOVERFLOW, LL_MSG),
    ERRF("-9223372036854775809", NDM__INT64, LL, NDM_EOVERFLOW, LL_MSG),
    ERRF("18446744073709551616", NDM__UINT64, LL, NDM_EOVERFLOW, LL_MSG),
    ERRF("-9223372036854775809", NDM__UINT64, LL, NDM_EOVERFLOW, LL_MSG),
    ERRF("-1", NDM__UINT64, LL, NDM_EOVERFLOW, "Python integer -1 out of bounds for uint64"),
    OK_UF("18446744073709551615", NDM__UINT64, LL, UINT64_MAX),
    OK_IF("-9223372036854775808", NDM__INT64, LL | SW, INT64_MIN),
    /* in range */
    OK_I("127", NDM__INT8, 127),
    OK_I("-128", NDM__INT8, -128),
    OK_U("255", NDM__UINT8, 255),
    OK_I("-0", NDM__INT16, 0),
    OK_IF("-12345", NDM__INT16, SW, -12345),
    OK_I("-2147483648", NDM__INT32, INT32_MIN),
    OK_U("4294967295", NDM__UINT32, 4294967295u),
    OK_I("9223372036854775807", NDM__INT64, INT64_MAX),
    OK_I("-9223372036854775808", NDM__INT64, INT64_MIN),
    OK_U("9223372036854775808", NDM__UINT64, UINT64_C(9223372036854775808)),
    OK_UF("18446744073709551615", NDM__UINT64, SW, UINT64_MAX),
    OK_I("1_000", NDM__INT32, 1000),
    OK_I("007", NDM__INT8, 7),
    OK_I("0x7f", NDM__INT8, 127),
    OK_I("0X_7F", NDM__INT8, 127),
    OK_I("0o777", NDM__INT16, 511),
    OK_I("0b1_0_1", NDM__INT16, 5),
    OK_I("  42\n", NDM__INT64, 42),
    OK_I("- 5", NDM__INT64, -5),
    OK_I("+5", NDM__INT64, 5),
    OK_I("(7)", NDM__INT64, 7),
    OK_I("True", NDM__INT8, 1),
    OK_U("False", NDM__UINT64, 0),
    /* float literal -> integer: truncate toward zero, then the int rules */
    OK_I("2.7", NDM__INT8, 2),
    OK_I("-2.7", NDM__INT8, -2),
    OK_I("1e-5", NDM__INT64, 0),
    OK_U("-0.5", NDM__UINT8, 0),
    OK_U("255.9", NDM__UINT8, 255),
    OK_U("1e19", NDM__UINT64, UINT64_C(10000000000000000000)),
    OK_I("-9.223372036854775808e18", NDM__INT64, INT64_MIN),
    ERR("300.0", NDM__INT8, NDM_EOVERFLOW, "Python integer 300 out of bounds for int8"),
    ERR("-1.5", NDM__UINT8, NDM_EOVERFLOW, "Python integer -1 out of bounds for uint8"),
    ERR("2.5e10", NDM__INT32, NDM_EOVERFLOW, "Python integer 25000000000 out of bounds for int32"),
    ERR("1e19", NDM__UINT32, NDM_EOVERFLOW,
        "Python integer 10000000000000000000 out of bounds for uint32"),
    ERR("9.3e18", NDM__INT64, NDM_EOVERFLOW, C_LONG),
    ERR("1e20", NDM__UINT64, NDM_EOVERFLOW, C_LONG),
    ERR("1e300", NDM__INT8, NDM_EOVERFLOW, C_LONG),
    ERRF("1e300", NDM__INT64, LL, NDM_EOVERFLOW, LL_MSG),
    ERR("nan", NDM__INT32, NDM_EVALUE, NAN_MSG),
    ERR("-NaN", NDM__UINT8, NDM_EVALUE, NAN_MSG),
    ERR("inf", NDM__INT64, NDM_EOVERFLOW, INF_MSG),
    ERR("-inf", NDM__UINT64, NDM_EOVERFLOW, INF_MSG),
    ERR("Infinity", NDM__INT8, NDM_EOVERFLOW, INF_MSG),
    ERR("1e400", NDM__INT16, NDM_EOVERFLOW, INF_MSG),
    /* complex literal -> real: TypeError */
    ERR("2j", NDM__INT8, NDM_ETYPE, INT_C),
    ERR("(1+2j)", NDM__UINT64, NDM_ETYPE, INT_C),
    ERR("0j", NDM__INT64, NDM_ETYPE, INT_C),
    ERR("2j", NDM__FLOAT16, NDM_ETYPE, FLT_C),
    ERR("2j", NDM__FLOAT32, NDM_ETYPE, FLT_C),
    ERR("-1.5e3-2j", NDM__FLOAT64, NDM_ETYPE, FLT_C),
    /* int literal -> float: float(int) first */
    OK_F("16777217", NDM__FLOAT32, 16777216.0),
    OK_F("9007199254740993", NDM__FLOAT64, 9007199254740992.0),
    OK_F("65519", NDM__FLOAT16, 65504.0),
    OK_F("65520", NDM__FLOAT16, INFINITY),
    OK_F(BELOW_TIE_1024, NDM__FLOAT64, 1.7976931348623157e308),
    OK_F("0xffffffffffffffffffff", NDM__FLOAT64, 0x1p80),
    OK_F("0b1" "0000000000000000000000000000000000000000000000000000001", NDM__FLOAT64,
         0x1p55), /* 2^55 + 1 rounds down */
    OK_F("0o7777777777777777777777", NDM__FLOAT64, 0x1p66),
    OK_F("1e400", NDM__FLOAT64, INFINITY),
    ERR(TIE_1024, NDM__FLOAT64, NDM_EOVERFLOW, I2F),
    ERR(E10_400, NDM__FLOAT32, NDM_EOVERFLOW, I2F),
    ERR(E10_400, NDM__FLOAT16, NDM_EOVERFLOW, I2F),
    ERR(E10_400, NDM__COMPLEX128, NDM_EOVERFLOW, I2F),
    ERR(E10_400, NDM__COMPLEX64, NDM_EOVERFLOW, I2F),
    /* a huge int inside a complex literal fails in Python itself */
    ERR(E10_400 "+1j", NDM__BOOL, NDM_EOVERFLOW, I2F),
    ERR(E10_400 "+1j", NDM__INT8, NDM_EOVERFLOW, I2F),
    /* float literal -> float: nearest, overflow to inf, underflow to 0 */
    OK_F("1e300", NDM__FLOAT32, INFINITY),
    OK_F("-1e300", NDM__FLOAT32, -INFINITY),
    OK_F("65520.", NDM__FLOAT16, INFINITY),
    OK_F("65519.99", NDM__FLOAT16, 65504.0),
    OK_F("-1e-50", NDM__FLOAT32, -0.0),
    OK_F("-0.0", NDM__FLOAT64, -0.0),
    OK_F("0.1", NDM__FLOAT32, (double)0.1f),
    OK_F("1.", NDM__FLOAT64, 1.0),
    OK_F(".5", NDM__FLOAT64, 0.5),
    OK_F("1_0.2_5e-0_1", NDM__FLOAT64, 1.025),
    OK_F("1E+2", NDM__FLOAT64, 100.0),
    OK_F("nan", NDM__FLOAT16, NAN),
    OK_F("iNf", NDM__FLOAT64, INFINITY),
    OK_F("-infinity", NDM__FLOAT32, -INFINITY),
    OK_F("1e-400", NDM__FLOAT64, 0.0),
    OK_F("4.9406564584124654e-324", NDM__FLOAT64, 0x1p-1074),
    OK_FF("1.5", NDM__FLOAT64, SW, 1.5),
    OK_FF("-2.5", NDM__FLOAT16, SW, -2.5),
    OK_F("True", NDM__FLOAT16, 1.0),
    OK_F("False", NDM__FLOAT64, 0.0),
    OK_F("-0", NDM__FLOAT64, 0.0), /* the int 0: no sign */
    /* -> complex */
    OK_C("3", NDM__COMPLEX128, 3.0, 0.0),
    OK_C("-0", NDM__COMPLEX128, 0.0, 0.0),
    OK_C("-0.0", NDM__COMPLEX128, -0.0, 0.0),
    OK_C("True", NDM__COMPLEX64, 1.0, 0.0),
    OK_C("2j", NDM__COMPLEX128, 0.0, 2.0),
    OK_C("-2j", NDM__COMPLEX128, -0.0, -2.0),
    OK_C("+2J", NDM__COMPLEX128, 0.0, 2.0),
    OK_C("-0j", NDM__COMPLEX128, -0.0, -0.0),
    OK_C("(1+2j)", NDM__COMPLEX128, 1.0, 2.0),
    OK_C("( 1 + 2j )", NDM__COMPLEX128, 1.0, 2.0),
    OK_C("1.5e3-2j", NDM__COMPLEX128, 1500.0, -2.0),
    OK_C("-1.5e3-2j", NDM__COMPLEX128, -1500.0, -2.0),
    OK_C("1-0j", NDM__COMPLEX128, 1.0, 0.0),
    OK_C("-0.0+0j", NDM__COMPLEX128, 0.0, 0.0),
    OK_C("-0.0-0j", NDM__COMPLEX128, -0.0, 0.0),
    OK_C("(-0-2j)", NDM__COMPLEX128, 0.0, -2.0),
    OK_C("(1e300+1e-300j)", NDM__COMPLEX64, INFINITY, 0.0),
    OK_C("(0.1+0.2j)", NDM__COMPLEX64, (double)0.1f, (double)0.2f),
    OK_C("(nan+nanj)", NDM__COMPLEX128, NAN, NAN),
    OK_C("-infj", NDM__COMPLEX128, -0.0, -INFINITY),
    OK_C("1_0j", NDM__COMPLEX128, 0.0, 10.0),
    OK_C("01j", NDM__COMPLEX128, 0.0, 1.0),
    OK_C("1e400j", NDM__COMPLEX128, 0.0, INFINITY),
    OK_C("0x10", NDM__COMPLEX128, 16.0, 0.0),
    OK_CF("(1+2j)", NDM__COMPLEX64, SW, 1.0, 2.0),
    OK_CF("(-3.5+0.25j)", NDM__COMPLEX128, SW, -3.5, 0.25),
    /* -> bool */
    OK_B("0", 0), OK_B("5", 1), OK_B("-1", 1), OK_B(E10_400, 1),
    OK_B("0.0", 0), OK_B("-0.0", 0), OK_B("1e-300", 1), OK_B("nan", 1),
    OK_B("-inf", 1), OK_B("True", 1), OK_B("False", 0), OK_B("0j", 0),
    OK_B("-0j", 0), OK_B("(0+0j)", 0), OK_B("(0+1j)", 1), OK_B("(1-0j)", 1),
    OK_B("nanj", 1),
};

/* Check the stored element against a successful case. */
static void check_ok(const scase *c, const unsigned char *out) {
    ndm__dtype d = {.type = (uint8_t)c->t, .swapped = (c->flags & SW) != 0,
                    .longlong = (c->flags & LL) != 0};
    ndm__value v;
    ndm__load(d, out, &v);
    switch (c->vk) {
    case VI:
        cr_assert_eq(v.v.i, c->i, "%s: got %lld", c->lit, (long long)v.v.i);
        break;
    case VU:
        cr_assert_eq(v.v.u, c->u, "%s: got %llu", c->lit, (unsigned long long)v.v.u);
        break;
    case VB:
        cr_assert_eq(out[0], (unsigned char)c->i, "%s: got %d", c->lit, out[0]);
        break;
    case VF:
        if (isnan(c->re)) {
            cr_assert(isnan(v.v.f), "%s: got %g", c->lit, v.v.f);
        } else {
            cr_assert(v.v.f == c->re && signbit(v.v.f) == signbit(c->re),
                      "%s: got %a, want %a", c->lit, v.v.f, c->re);
        }
        break;
    default:
        for (int k = 0; k < 2; k++) {
            double want = k ? c->im : c->re;
            if (isnan(want)) {
                cr_assert(isnan(v.v.c[k]), "%s part %d: got %g", c->lit, k, v.v.c[k]);
            } else {
                cr_assert(v.v.c[k] == want && signbit(v.v.c[k]) == signbit(want),
                          "%s part %d: got %a, want %a", c->lit, k, v.v.c[k], want);
            }
        }
    }
}

Test(scalar, numpy2_rules_and_messages) {
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const scase *c = &cases[k];
        ndm__dtype d = {.type = (uint8_t)c->t, .swapped = (c->flags & SW) != 0,
                        .longlong = (c->flags & LL) != 0};
        unsigned char out[17];
        memset(out, 0xee, sizeof out);
        int rc = ndm__scalar_convert(c->lit, d, out);
        cr_assert_eq(rc, c->rc, "%.60s into type %d: rc %d, want %d (%s)", c->lit, c->t,
                     rc, c->rc, rc ? ndm_errmsg() : "");
        if (rc) {
            cr_assert_str_eq(ndm_errmsg(), c->msg, "%.60s into type %d", c->lit, c->t);
            for (size_t j = 0; j < sizeof out; j++)
                cr_assert_eq(out[j], 0xee, "%s: output written on failure", c->lit);
        } else {
            check_ok(c, out);
            cr_assert_eq(out[ndm__itemsize(c->t)], 0xee, "%s: wrote past the element",
                         c->lit);
        }
    }
}

Test(scalar, huge_negative_int_into_float) {
    unsigned char out[8];
    ndm__dtype f8 = {.type = NDM__FLOAT64};
    double d;
    cr_assert_eq(ndm__scalar_convert("-" BELOW_TIE_1024, f8, out), 0);
    memcpy(&d, out, 8);
    cr_assert_eq(d, -1.7976931348623157e308);
    cr_assert_eq(ndm__scalar_convert("-" TIE_1024, f8, out), NDM_EOVERFLOW);
    cr_assert_str_eq(ndm_errmsg(), I2F);
}

Test(scalar, malformed_literals) {
    static const char *bad[] = {
        "", "   ", "abc", "1.2.3", "1__0", "_1", "1_", "1_.5", "1._5", "0x", "0x__1",
        "0b2", "0o8", "0xg", "1e", "1e+", "1e_5", ".", "j", "1+2", "2j+1", "1j+2j",
        "(1+2j", "1+2j)", "--1", "+-1", "true", "FALSE", "None", "1 2", "0x1.8p3",
        "1j2", "nan1", "1jj", "in", "infinit", "(1+2j)+1j", "1 + 2 j", "0x1j",
        "1e5e5", "0b1.0", "1,5", "1.5f", "()", "(", ")", "+", "-", "--", "1-",
        "1+", "+j", "1+-2j", "1 +", "nana", "0_x1", "1\x01",
    };
    ndm__dtype types[] = {{.type = NDM__FLOAT64}, {.type = NDM__INT8},
                          {.type = NDM__COMPLEX64, .swapped = 1}, {.type = NDM__BOOL}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
            unsigned char out[16];
            memset(out, 0xee, sizeof out);
            int rc = ndm__scalar_convert(bad[k], types[t], out);
            cr_assert_eq(rc, NDM_EVALUE, "'%s' accepted (rc %d)", bad[k], rc);
            char want[128];
            snprintf(want, sizeof want, "could not convert string to float: '%s'", bad[k]);
            if (!strchr(bad[k], '\x01') && !strchr(bad[k], '\n'))
                cr_assert_str_eq(ndm_errmsg(), want);
            for (size_t j = 0; j < sizeof out; j++) cr_assert_eq(out[j], 0xee);
        }
    unsigned char out[8];
    ndm__dtype f8 = {.type = NDM__FLOAT64};
    cr_assert_eq(ndm__scalar_convert(NULL, f8, out), NDM_EVALUE);
}

/* numpy 1.24's results for literals that are in range (identical in 2.x). */
Test(scalar, numpy_oracle_in_range_literals) {
    static const char *codes[NDM__NTYPES] = {"b1", "i1", "i2", "i4", "i8", "u1", "u2",
                                             "u4", "u8", "f2", "f4", "f8", "c8", "c16"};
    const char *root = getenv("NDM_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/oracle/cast_pairs.txt", root ? root : ".");
    FILE *f = fopen(path, "r");
    cr_assert(f, "cannot open %s (set NDM_ROOT)", path);
    char line[512], code[8], lit[256], hex[64];
    int count = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "scalar %7s %255s %63s", code, lit, hex) != 3) continue;
        int t = -1;
        for (int k = 0; k < NDM__NTYPES; k++)
            if (strcmp(codes[k], code) == 0) t = k;
        cr_assert(t >= 0);
        int n = ndm__itemsize((ndm__type)t);
        unsigned char want[16], got[16], gots[16];
        for (int k = 0; k < n; k++) {
            unsigned v;
            cr_assert_eq(sscanf(hex + 2 * k, "%2x", &v), 1);
            want[k] = (unsigned char)v;
        }
        ndm__dtype d = {.type = (uint8_t)t};
        int rc = ndm__scalar_convert(lit, d, got);
        cr_assert_eq(rc, 0, "%s into %s: %s", lit, code, ndm_errmsg());
        cr_assert(memcmp(got, want, (size_t)n) == 0, "%s into %s: got %02x%02x.., numpy %s",
                  lit, code, got[0], got[1], hex);
        /* the swapped destination holds the same value, byte-reversed */
        d.swapped = 1;
        cr_assert_eq(ndm__scalar_convert(lit, d, gots), 0);
        ndm__dtype nat = {.type = (uint8_t)t};
        unsigned char back[16];
        ndm__cast_strided(nat, (char *)back, 0, d, (const char *)gots, 0, 1);
        cr_assert(memcmp(back, want, (size_t)n) == 0, "%s into >%s", lit, code);
        count++;
    }
    fclose(f);
    cr_assert_gt(count, 1000);
}
