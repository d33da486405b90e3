/*
 * test_npy_api.c -- hand-written checks of the .npy code: numpy >= 2.3
 * behaviour the 1.24 oracle cannot show (Python-2 L suffixes, nesting and
 * literal limits, error positions), the header builder against the spec's
 * byte-exact examples and version rules, open_memmap's mode quirks and
 * options, the streaming header reader, and ndm_save / ndm_load.
 */
#include "npy.h"
#include "testutil.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parse header text (newline appended) as version `major`. */
static int parse(const char *text, int major, ndm__npy_info *info, size_t *pos) {
    size_t n = strlen(text);
    unsigned char *b = malloc(n + 1);
    memcpy(b, text, n);
    b[n] = '\n';
    int rc = ndm__npy_parse_header(b, n + 1, major, 10000, info, pos);
    free(b);
    return rc;
}

static char *repeat(const char *s, int n) {
    size_t l = strlen(s);
    char *o = malloc(l * (size_t)n + 1);
    for (int i = 0; i < n; i++) memcpy(o + l * (size_t)i, s, l);
    o[l * (size_t)n] = '\0';
    return o;
}

#define HDR(shape) "{'descr': '<f8', 'fortran_order': False, 'shape': " shape "}"

Test(npy_header, python2_long_suffix) {
    ndm__npy_info info;
    cr_assert_eq(parse(HDR("(3L,)"), 1, &info, NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(info.ndim, 1);
    cr_expect_eq(info.shape[0], 3);
    ndm__npy_info_free(&info);
    cr_assert_eq(parse(HDR("(3L, 0x4L)"), 2, &info, NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(info.shape[1], 4);
    ndm__npy_info_free(&info);
    /* v3 headers were never written by Python 2 */
    cr_expect_eq(parse(HDR("(3L,)"), 3, &info, NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(),
                     "Cannot parse header: \"{'descr': '<f8', 'fortran_order': False, 'shape': (3L,)}\\n\"");
    /* when the retry fails too, numpy shows the filtered text */
    cr_expect_eq(parse(HDR("(3L,)") " x", 1, &info, NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(),
                     "Cannot parse header: \"{'descr': '<f8', 'fortran_order': False, 'shape': (3 ,)} x\\n\"");
    /* lower-case l was never filtered */
    cr_expect_eq(parse(HDR("(3l,)"), 1, &info, NULL), NDM_EVALUE);
}

Test(npy_header, target_only_parse_errors) {
    ndm__npy_info info;
    size_t pos;
    static const char *const bad[] = {
        HDR("(3,)") "}",                                      /* 1.24: TokenError in v1 */
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)", /* unbalanced */
        "{'descr': f8, 'fortran_order': False, 'shape': (3,)}", /* names: malformed node */
        "{'descr': '<f8', 'fortran_order': bool(0), 'shape': (3,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (--3,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1+2,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,\0)}",
        "{'descr': '\\N{DIGIT ONE}', 'fortran_order': False, 'shape': (3,)}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        for (int major = 1; major <= 3; major++) {
            cr_expect_eq(parse(bad[i], major, &info, &pos), NDM_EVALUE, "case %zu v%d", i, major);
            cr_expect(!strncmp(ndm_errmsg(), "Cannot parse header: ", 21), "%s", ndm_errmsg());
            cr_expect_leq(pos, strlen(bad[i]) + 1);
        }
    }
    /* the position names the offending byte */
    const char *t = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,) ?}";
    cr_expect_eq(parse(t, 1, &info, &pos), NDM_EVALUE);
    cr_expect_eq(pos, (size_t)(strchr(t, '?') - t));
    t = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} \xe9";
    cr_expect_eq(parse(t, 1, &info, &pos), NDM_EVALUE);
    cr_expect_eq(pos, strlen(t) - 1, "latin-1 positions are byte positions (%zu)", pos);
}

Test(npy_header, nesting_and_size_limits) {
    ndm__npy_info info;
    /* 200 open brackets parse (shape then fails validation), 201 do not */
    char *open200 = repeat("[", 200), *close200 = repeat("]", 200);
    char *t = NULL;
    asprintf(&t, "{'descr': '<f8', 'fortran_order': False, 'shape': %s%s}", open200 + 1, close200 + 1);
    cr_expect_eq(parse(t, 1, &info, NULL), NDM_EVALUE);
    cr_expect(!strncmp(ndm_errmsg(), "shape is not valid: [[[", 23), "%s", ndm_errmsg());
    free(t);
    asprintf(&t, "{'descr': '<f8', 'fortran_order': False, 'shape': [%s%s]}", open200, close200);
    cr_expect_eq(parse(t, 1, &info, NULL), NDM_EVALUE);
    cr_expect(!strncmp(ndm_errmsg(), "Cannot parse header: ", 21), "%s", ndm_errmsg());
    free(t);
    free(open200);
    free(close200);
    /* a long unary chain is refused without recursion */
    char *minus = repeat("-", 9000);
    asprintf(&t, "(%s1,)", minus);
    unsigned char *b = (unsigned char *)t;
    cr_expect_eq(ndm__npy_parse_header(b, strlen(t), 3, 1 << 20, &info, NULL), NDM_EVALUE);
    free(t);
    free(minus);
    /* 4300 decimal digits are an int, 4301 are a SyntaxError */
    char *d4300 = repeat("9", 4300);
    asprintf(&t, HDR("(%s,)"), d4300);
    cr_assert_eq(parse(t, 1, &info, NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(info.deferred_code, NDM_EOVERFLOW);
    cr_expect(!strncmp(info.deferred_msg, "Python integer 9999", 19));
    ndm__npy_info_free(&info);
    free(t);
    asprintf(&t, HDR("(9%s,)"), d4300);
    cr_expect_eq(parse(t, 1, &info, NULL), NDM_EVALUE);
    cr_expect(!strncmp(ndm_errmsg(), "Cannot parse header: ", 21));
    free(t);
    free(d4300);
    /* a hex int too long to print in decimal: the repr fails as in Python */
    char *hex = repeat("f", 3600);
    asprintf(&t, HDR("(0x%s, 1.0)"), hex);
    cr_expect_eq(parse(t, 1, &info, NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Exceeds the limit (4300 digits) for integer string conversion; "
                                   "use sys.set_int_max_str_digits() to increase the limit");
    free(t);
    asprintf(&t, HDR("(0x%s,)"), hex);
    cr_assert_eq(parse(t, 1, &info, NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(info.deferred_code, NDM_EVALUE);
    ndm__npy_info_free(&info);
    free(t);
    free(hex);
    /* max_header_size counts characters, strictly greater fails */
    unsigned char sp[200];
    memset(sp, ' ', sizeof sp);
    memcpy(sp, "{}", 2);
    cr_expect_eq(ndm__npy_parse_header(sp, 200, 1, 199, &info, NULL), NDM_EVALUE);
    cr_expect(!strncmp(ndm_errmsg(), "Header info length (200) is large", 33));
    cr_expect_eq(ndm__npy_parse_header(sp, 200, 1, 200, &info, NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Header does not contain the correct keys: []");
    /* v3: characters, not bytes */
    char u[16] = "{'\xc3\xa9': 1}";
    cr_expect_eq(ndm__npy_parse_header((unsigned char *)u, strlen(u), 3, 10, &info, NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Header does not contain the correct keys: ['\xc3\xa9']");
}

/* ---- the builder ---------------------------------------------------------- */

static int build(const char *descr, bool f, int ndim, const int64_t *shape, int version,
                 ndm__sbuf *out, int *used) {
    out->len = 0;
    return ndm__npy_build_header(descr, f, ndim, shape, version, out, used);
}

Test(npy_build, spec_examples) {
    ndm__sbuf b = {0};
    int used;
    int64_t s3[] = {3}, s34[] = {3, 4}, s57[] = {5, 7};
    cr_assert_eq(build("'<f4'", false, 2, s34, 0, &b, &used), 0);
    cr_expect_eq(b.len, 128);
    cr_expect_eq(used, 1);
    cr_expect(!memcmp(b.s, "\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", 69));
    cr_expect_eq(b.s[127], '\n');
    cr_assert_eq(build("'<i4'", true, 2, s57, 0, &b, &used), 0);
    cr_expect(!memcmp(b.s + 10, "{'descr': '<i4', 'fortran_order': True, 'shape': (5, 7), }", 58));
    cr_expect_eq(b.len, 128);
    cr_assert_eq(build("'<f8'", false, 1, s3, 2, &b, &used), 0);
    cr_expect(!memcmp(b.s, "\x93NUMPY\x02\x00\x74\x00\x00\x00{", 13));
    cr_expect_eq(b.len, 128);
    cr_assert_eq(build("'<f8'", false, 1, s3, 3, &b, &used), 0);
    cr_expect(!memcmp(b.s, "\x93NUMPY\x03\x00\x74\x00\x00\x00{", 13));
    cr_assert_eq(build("'<f8'", false, 0, NULL, 0, &b, &used), 0);
    cr_expect(!memcmp(b.s + 10, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 55));
    /* padlen 64 (32-character field name) and 1 (31) */
    char *a32 = repeat("a", 32), *d = NULL;
    asprintf(&d, "[('%s', '<f8')]", a32);
    cr_assert_eq(build(d, false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(b.len, 192);
    cr_expect(!memcmp(b.s + 127, "                                                                \n", 65));
    free(d);
    asprintf(&d, "[('%s', '<f8')]", a32 + 1);
    cr_assert_eq(build(d, false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(b.len, 128);
    cr_expect(!memcmp(b.s + 125, "  \n", 3));
    free(d);
    free(a32);
    ndm__sb_free(&b);
}

Test(npy_build, versions) {
    ndm__sbuf b = {0};
    int used;
    int64_t s3[] = {3};
    char *name = repeat("a", 70000), *d = NULL;
    asprintf(&d, "[('%s', '<f8')]", name);
    cr_expect_eq(build(d, false, 1, s3, 1, &b, &used), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Header length 70086 too big for version=(1, 0)");
    cr_assert_eq(build(d, false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(used, 2);
    free(d);
    name[65440] = '\0';
    asprintf(&d, "[('%s', '<f8')]", name);
    cr_assert_eq(build(d, false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(used, 2);
    cr_expect_eq(b.len, 65600);
    free(d);
    free(name);
    /* not latin-1: automatic v3, explicit v1/v2 fail */
    const char *zh = "[('\xe4\xb8\xad', '<f8')]";
    cr_assert_eq(build(zh, false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(used, 3);
    cr_expect_eq(build(zh, false, 1, s3, 1, &b, &used), NDM_EVALUE);
    cr_expect_str_eq(ndm_errclass(), "UnicodeEncodeError");
    cr_expect_str_eq(ndm_errmsg(), "'latin-1' codec can't encode character '\\u4e2d' in position 13: "
                                   "ordinal not in range(256)");
    cr_expect_eq(build("[('\xe4\xb8\xad\xe6\x96\x87', '<f8')]", false, 1, s3, 2, &b, &used), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "'latin-1' codec can't encode characters in position 13-14: "
                                   "ordinal not in range(256)");
    /* latin-1 but not ASCII: v1, one byte per character */
    cr_assert_eq(build("[('\xc3\xa9', '<f8')]", false, 1, s3, 0, &b, &used), 0);
    cr_expect_eq(used, 1);
    cr_expect_eq((unsigned char)b.s[23], 0xe9);
    cr_expect_eq(build("'<f8'", false, 1, s3, 4, &b, &used), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "we only support format version (1,0), (2,0), and (3,0), not (4, 0)");
    cr_expect_eq(build("'<f8'", false, -1, NULL, 0, &b, &used), NDM_ETYPE);
    cr_expect_str_eq(ndm_errmsg(), "object of type 'NoneType' has no len()");
    ndm__sb_free(&b);
}

/* ---- open_memmap -------------------------------------------------------------- */

static void write_file(const char *path, const void *p, size_t n) { tu_write_bytes(path, p, n); }

/* A .npy file with header text `text` (no padding) and `data` bytes of zeros. */
static void write_npy(const char *path, int major, const char *text, size_t textlen, size_t data) {
    size_t lb = major == 1 ? 2 : 4, n = 8 + lb + textlen + data;
    unsigned char *b = calloc(1, n);
    memcpy(b, "\x93NUMPY", 6);
    b[6] = (unsigned char)major;
    for (size_t k = 0; k < lb; k++) b[8 + k] = (unsigned char)(textlen >> (8 * k));
    memcpy(b + 8 + lb, text, textlen);
    write_file(path, b, n);
    free(b);
}

Test(npy_open, write_modes_and_side_effects) {
    char *dir = tu_enter_tmpdir();
    int64_t s[] = {3};
    ndm_array *a = NULL;
    tu_write_pattern("x.npy", 100, false);
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "wx", NULL, 1, s, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "must have exactly one of create/read/write/append mode");
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "wt", NULL, 1, s, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "can't have text and binary mode at once");
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "ww", NULL, 1, s, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "invalid mode: 'wwb'");
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "w+", "O", 1, s, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Array can't be memory-mapped: Python objects in dtype.");
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "w+", NULL, 1, s, 0, 7), NDM_EVALUE);
    cr_expect_eq(tu_file_size("x.npy"), 100, "nothing touched before these errors");
    /* '+w' opens (truncates, writes the header) and memmap refuses the mode */
    cr_expect_eq(ndm_open_memmap(&a, "x.npy", "+w", NULL, 1, s, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "mode must be one of ['r', 'c', 'r+', 'w+', 'readonly', "
                                   "'copyonwrite', 'readwrite', 'write'] (got '+w')");
    cr_expect_eq(tu_file_size("x.npy"), 128);
    /* default dtype float64; w+ gives r+ and the header length as offset */
    cr_assert_eq(ndm_open_memmap(&a, "x.npy", "w+", NULL, 1, s, 0, 0), 0, "%s", ndm_errmsg());
    cr_expect_str_eq(ndm_dtype_str(a), "<f8");
    cr_expect_str_eq(ndm_mode(a), "r+");
    cr_expect_eq(ndm_offset(a), 128);
    ((double *)ndm_data(a))[1] = 2.5;
    cr_expect_eq(ndm_close(a), 0);
    cr_assert_eq(ndm_open_memmap(&a, "x.npy", NULL, NULL, -1, NULL, 0, 0), 0);
    cr_expect_str_eq(ndm_mode(a), "r+");
    cr_expect_eq(((double *)ndm_data(a))[1], 2.5);
    ndm_free(a);
    /* a directory */
    mkdir("d", 0755);
    cr_expect_eq(ndm_open_memmap(&a, "d", "r", NULL, -1, NULL, 0, 0), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 21] Is a directory: 'd'");
    cr_expect_str_eq(ndm_errclass(), "IsADirectoryError");
    /* unsupported dtypes and structured headers: NotImplementedError */
    const char *u = "{'descr': '<U3', 'fortran_order': False, 'shape': (3,)}";
    write_npy("u.npy", 1, u, strlen(u), 36);
    cr_expect_eq(ndm_open_memmap(&a, "u.npy", "r", NULL, -1, NULL, 0, 0), NDM_ENOTSUP);
    const char *st = "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,)}";
    write_npy("s.npy", 1, st, strlen(st), 24);
    cr_expect_eq(ndm_open_memmap(&a, "s.npy", "r", NULL, -1, NULL, 0, 0), NDM_ENOTSUP);
    cr_expect_eq(ndm_load(&a, "s.npy", NULL), NDM_ENOTSUP);
    /* boolean dimensions map, then ndarray() refuses them */
    const char *bo = "{'descr': '<f8', 'fortran_order': False, 'shape': (True, 2)}";
    write_npy("b.npy", 1, bo, strlen(bo), 16);
    cr_expect_eq(ndm_open_memmap(&a, "b.npy", "r", NULL, -1, NULL, 0, 0), NDM_ETYPE);
    cr_expect_str_eq(ndm_errmsg(), "an integer is required");
    /* Python ints beyond int64: numpy's OverflowError, before r+ extends */
    const char *hu = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 10000000000000000000000)}";
    write_npy("h.npy", 1, hu, strlen(hu), 0);
    cr_expect_eq(ndm_open_memmap(&a, "h.npy", "r+", NULL, -1, NULL, 0, 0), NDM_EOVERFLOW);
    cr_expect_str_eq(ndm_errmsg(), "Python integer 10000000000000000000000 out of bounds for int64");
    cr_expect_eq(tu_file_size("h.npy"), (int64_t)(10 + strlen(hu)));
    /* more than 64 dimensions */
    char *many = NULL, *ones = repeat("1, ", 65);
    asprintf(&many, "{'descr': '<f8', 'fortran_order': False, 'shape': (%s)}", ones);
    write_npy("m.npy", 1, many, strlen(many), 8);
    cr_expect_eq(ndm_open_memmap(&a, "m.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "maximum supported dimension for an ndarray is currently 64, found 65");
    free(many);
    free(ones);
    tu_leave_tmpdir(dir);
}

Test(npy_open, max_header_size_option) {
    char *dir = tu_enter_tmpdir();
    char *pad = repeat(" ", 19900), *t = NULL;
    asprintf(&t, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}%s", pad);
    write_npy("big.npy", 1, t, strlen(t), 8);
    ndm_array *a = NULL;
    cr_expect_eq(ndm_open_memmap(&a, "big.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    ndm_open_options o = {0};
    o.max_header_size = 30000;
    cr_assert_eq(ndm_open_memmap_ex(&a, "big.npy", "r", NULL, -1, NULL, 0, 0, &o), 0, "%s", ndm_errmsg());
    cr_expect_eq(ndm_offset(a), (int64_t)(10 + strlen(t)));
    ndm_free(a);
    cr_assert_eq(ndm_load(&a, "big.npy", &o), 0, "%s", ndm_errmsg());
    ndm_free(a);
    o.max_header_size = 50;
    cr_expect_eq(ndm_load(&a, "big.npy", &o), NDM_EVALUE);
    free(t);
    free(pad);
    tu_leave_tmpdir(dir);
}

Test(npy_open, long_v3_headers_stream) {
    char *dir = tu_enter_tmpdir();
    ndm_array *a = NULL;
    /* 1.5 MiB of two-byte characters: more than 4 * max, streamed */
    size_t n = 3 * 512 * 1024;
    char *t = malloc(n);
    for (size_t i = 0; i < n; i += 2) memcpy(t + i, "\xc3\xa9", 2);
    write_npy("u.npy", 3, t, n, 0);
    cr_expect_eq(ndm_open_memmap(&a, "u.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    cr_expect(!strncmp(ndm_errmsg(), "Header info length (786432) is large", 36), "%s", ndm_errmsg());
    /* a bad byte past the first chunk: numpy's position */
    t[1048576] = ' ';
    t[1048577] = '\xff';
    write_npy("u.npy", 3, t, n, 0);
    cr_expect_eq(ndm_open_memmap(&a, "u.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errclass(), "UnicodeDecodeError");
    cr_expect_str_eq(ndm_errmsg(), "'utf-8' codec can't decode byte 0xff in position 1048577: invalid start byte");
    /* a sequence cut by the chunk boundary is fine; one cut by the end is not */
    memcpy(t + 1048576, "\xc3\xa9", 2);
    t[n - 2] = ' ';
    t[n - 1] = '\xc3';
    write_npy("u.npy", 3, t, n, 0);
    cr_expect_eq(ndm_open_memmap(&a, "u.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "'utf-8' codec can't decode byte 0xc3 in position 1572863: unexpected end of data");
    /* a short file: the EOF error comes first */
    write_npy("u.npy", 3, t, n, 0);
    truncate("u.npy", 100000);
    cr_expect_eq(ndm_open_memmap(&a, "u.npy", "r", NULL, -1, NULL, 0, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "EOF: reading array header, expected 1572864 bytes got 99988");
    free(t);
    tu_leave_tmpdir(dir);
}

/* ---- save and load ------------------------------------------------------------ */

Test(npy_save, numpy_save_rules) {
    char *dir = tu_enter_tmpdir();
    int16_t v[6] = {1, 2, 3, 4, 5, 6};
    int64_t s23[] = {2, 3};
    ndm_array *a = NULL, *b = NULL, *t = NULL;
    cr_assert_eq(ndm_from_bytes(&a, ">i2", 2, s23, 'F', v, sizeof v), 0);
    /* ".npy" is appended as numpy.save does */
    cr_assert_eq(ndm_save("plain", a, 0), 0, "%s", ndm_errmsg());
    cr_expect_eq(tu_file_size("plain.npy"), 128 + 12);
    cr_expect_eq(tu_file_size("plain"), -1);
    size_t n;
    unsigned char *f = tu_read_all("plain.npy", &n);
    cr_expect(!memcmp(f + 10, "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }", 58));
    cr_expect(!memcmp(f + 128, v, 12), "F data written as stored");
    free(f);
    cr_assert_eq(ndm_load(&b, "plain.npy", NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(ndm_flags(b) & (NDM_F_CONTIGUOUS | NDM_C_CONTIGUOUS), NDM_F_CONTIGUOUS);
    cr_expect(!memcmp(ndm_data(b), v, 12));
    cr_expect_str_eq(ndm_dtype_str(b), ">i2");
    ndm_free(b);
    /* the transpose of an F array is C-contiguous */
    cr_assert_eq(ndm_transpose(&t, a), 0);
    cr_assert_eq(ndm_save("t.npy", t, 3), 0);
    f = tu_read_all("t.npy", &n);
    cr_expect(!memcmp(f, "\x93NUMPY\x03\x00", 8));
    cr_expect(!memcmp(f + 12, "{'descr': '>i2', 'fortran_order': False, 'shape': (3, 2), }", 59));
    free(f);
    cr_expect_eq(ndm_save("v.npy", a, 5), NDM_EVALUE);
    cr_expect_eq(tu_file_size("v.npy"), -1, "bad version: nothing created");
    ndm_free(t);
    ndm_free(a);
    /* saving a memmap onto its own file keeps the data */
    int64_t s4[] = {4};
    cr_assert_eq(ndm_open_memmap(&a, "self.npy", "w+", "<i4", 1, s4, 0, 0), 0);
    for (int i = 0; i < 4; i++) ((int32_t *)ndm_data(a))[i] = 10 + i;
    cr_assert_eq(ndm_index(&t, a, "::-1"), 0);
    cr_assert_eq(ndm_save("self.npy", t, 0), 0, "%s", ndm_errmsg());
    ndm_free(t);
    ndm_free(a);
    cr_assert_eq(ndm_load(&b, "self.npy", NULL), 0);
    int32_t want[4] = {13, 12, 11, 10};
    cr_expect(!memcmp(ndm_data(b), want, 16));
    ndm_free(b);
    tu_leave_tmpdir(dir);
}

Test(npy_load, numpy_load_errors) {
    char *dir = tu_enter_tmpdir();
    ndm_array *a = NULL;
    write_file("empty.npy", "", 0);
    cr_expect_eq(ndm_load(&a, "empty.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errclass(), "EOFError");
    cr_expect_str_eq(ndm_errmsg(), "No data left in file");
    write_file("junk.npy", "hello", 5);
    cr_expect_eq(ndm_load(&a, "junk.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "This file contains pickled (object) data. If you trust the file you "
                                   "can load it unsafely using the `allow_pickle=` keyword argument or "
                                   "`pickle.load()`.");
    write_file("z.npz", "PK\x03\x04rest", 8);
    cr_expect_eq(ndm_load(&a, "z.npz", NULL), NDM_ENOTSUP);
    write_file("short.npy", "\x93NUMPY\x01", 7);
    cr_expect_eq(ndm_load(&a, "short.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "EOF: reading magic string, expected 8 bytes got 7");
    const char *o = "{'descr': '|O', 'fortran_order': False, 'shape': (3,)}";
    write_npy("o.npy", 1, o, strlen(o), 24);
    cr_expect_eq(ndm_load(&a, "o.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Object arrays cannot be loaded when allow_pickle=False");
    const char *h = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}";
    write_npy("d.npy", 1, h, strlen(h), 16);
    cr_expect_eq(ndm_load(&a, "d.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Failed to read all data for array. Expected (3,) = 3 elements, "
                                   "could only read 2 elements. (file seems not fully written?)");
    const char *neg = "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}";
    write_npy("n.npy", 1, neg, strlen(neg), 24);
    cr_expect_eq(ndm_load(&a, "n.npy", NULL), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "Failed to read all data for array. Expected (-3,) = -3 elements, "
                                   "could only read 3 elements. (file seems not fully written?)");
    const char *z = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 0, 3)}";
    write_npy("z.npy", 1, z, strlen(z), 0);
    cr_assert_eq(ndm_load(&a, "z.npy", NULL), 0, "%s", ndm_errmsg());
    cr_expect_eq(ndm_size(a), 0);
    cr_expect_eq(ndm_ndim(a), 3);
    ndm_free(a);
    cr_expect_eq(ndm_load(&a, "absent.npy", NULL), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 2] No such file or directory: 'absent.npy'");
    tu_leave_tmpdir(dir);
}
