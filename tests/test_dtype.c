/* test_dtype.c -- numpy's dtype spellings, names and descr strings. */
#include "internal.h"
#include "testutil.h"

#include <criterion/criterion.h>

typedef struct { const char *text, *name, *str; } dt_case;

Test(dtype, spellings) {
    dt_case ok[] = {
        {"?", "bool", "|b1"}, {"b1", "bool", "|b1"}, {"bool", "bool", "|b1"}, {">b1", "bool", "|b1"},
        {"b", "int8", "|i1"}, {"i1", "int8", "|i1"}, {"byte", "int8", "|i1"},
        {"B", "uint8", "|u1"}, {">u1", "uint8", "|u1"}, {"ubyte", "uint8", "|u1"},
        {"h", "int16", "<i2"}, {">i2", "int16", ">i2"}, {"short", "int16", "<i2"},
        {"H", "uint16", "<u2"}, {"i", "int32", "<i4"}, {"intc", "int32", "<i4"},
        {"I", "uint32", "<u4"}, {"l", "int64", "<i8"}, {"q", "int64", "<i8"},
        {"longlong", "int64", "<i8"}, {"int", "int64", "<i8"}, {"intp", "int64", "<i8"},
        {"p", "int64", "<i8"}, {"L", "uint64", "<u8"}, {"Q", "uint64", "<u8"}, {"uint", "uint64", "<u8"},
        {"e", "float16", "<f2"}, {">f2", "float16", ">f2"}, {"half", "float16", "<f2"},
        {"f", "float32", "<f4"}, {"=f4", "float32", "<f4"}, {"|f4", "float32", "<f4"},
        {"single", "float32", "<f4"}, {"d", "float64", "<f8"}, {"double", "float64", "<f8"},
        {"float", "float64", "<f8"}, {">f8", "float64", ">f8"}, {"F", "complex64", "<c8"},
        {"csingle", "complex64", "<c8"}, {"D", "complex128", "<c16"}, {"complex", "complex128", "<c16"},
        {">c16", "complex128", ">c16"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ndm__dtype d;
        cr_assert_eq(ndm__dtype_parse(ok[i].text, &d), NDM_OK, "%s: %s", ok[i].text, ndm_errmsg());
        cr_expect_str_eq(ndm__dtype_name(d), ok[i].name, "%s", ok[i].text);
        cr_expect_str_eq(ndm__dtype_str(d), ok[i].str, "%s", ok[i].text);
    }
    const char *bad[] = {"bogus", "f3", "i3", "u16", "float33", "<float32", "Int8", "i8 ", "", "!f4",
                         "float_", "complex_", "int0", "b2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ndm__dtype d;
        cr_expect_eq(ndm__dtype_parse(bad[i], &d), NDM_ETYPE, "%s", bad[i]);
    }
    const char *unsupported[] = {"S5", "U3", "V4", "O", "g", "f16", "c32", "longdouble", "M8", "M8[ns]",
                                 "datetime64[D]", "i4,f8", "a5", "object"};
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
        ndm__dtype d;
        cr_expect_eq(ndm__dtype_parse(unsupported[i], &d), NDM_ENOTSUP, "%s", unsupported[i]);
    }
}

Test(dtype, implied_in_repr) {
    ndm__dtype d;
    ndm__dtype_parse("l", &d);
    cr_expect(ndm__dtype_implied(d));
    ndm__dtype_parse("q", &d);
    cr_expect_not(ndm__dtype_implied(d), "longlong is a distinct type: repr shows dtype=int64");
    ndm__dtype_parse(">f8", &d);
    cr_expect_not(ndm__dtype_implied(d));
    ndm__dtype_parse("u1", &d);
    cr_expect_not(ndm__dtype_implied(d));
}

Test(errors, names_and_empty_message) {
    cr_expect_str_eq(ndm_error_name(NDM_EVALUE), "ValueError");
    cr_expect_str_eq(ndm_error_name(NDM_EOS), "OSError");
    cr_expect_str_eq(ndm_error_name(NDM_ENOTSUP), "NotImplementedError");
    cr_expect_str_eq(ndm_error_name(-99), "UnknownError");
    cr_expect_str_eq(ndm_version(), NDM_VERSION_STRING);
}
