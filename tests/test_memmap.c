/*
 * test_memmap.c -- opening, lifetime, flush and hints, beyond the golden
 * scenarios: descriptors, file positions, block reservation, disk-full,
 * views outliving their root, copy-on-write isolation, read-only faults.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;
static void enter(void) { dir = tu_enter_tmpdir(); }
static void leave(void) { tu_leave_tmpdir(dir); }

TestSuite(memmap, .init = enter, .fini = leave);

Test(memmap, w_plus_creates_zero_filled_file_of_exact_size) {
    ndm_array *a;
    const int64_t shape[] = {3, 4};
    cr_assert_eq(ndm_memmap(&a, "data.bin", "f4", "w+", 0, 2, shape, 'C'), NDM_OK, "%s", ndm_errmsg());
    cr_expect_eq(tu_file_size("data.bin"), 48);
    const float *p = ndm_data(a);
    for (int i = 0; i < 12; i++) cr_expect_eq(p[i], 0.0f);
    cr_expect_str_eq(ndm_mode(a), "w+");
    cr_expect_eq(ndm_ndim(a), 2);
    cr_expect_eq(ndm_strides(a)[0], 16);
    cr_expect_eq(ndm_strides(a)[1], 4);
    cr_expect_eq(ndm_flags(a) & NDM_OWNDATA, 0u);
    ndm_free(a);
}

Test(memmap, w_plus_reserves_blocks_instead_of_a_sparse_file) {
    ndm_array *a;
    const int64_t n = 1 << 20;
    cr_assert_eq(ndm_memmap(&a, "big.bin", "u1", "w+", 0, 1, &n, 'C'), NDM_OK, "%s", ndm_errmsg());
    struct stat st;
    cr_assert_eq(stat("big.bin", &st), 0);
    /* st_blocks counts 512-byte units actually allocated. */
    cr_expect_geq((int64_t)st.st_blocks * 512, n, "file is sparse: %lld bytes allocated",
                  (long long)st.st_blocks * 512);
    ndm_free(a);
}

Test(memmap, sparse_option_creates_a_sparse_file) {
    ndm_array *a;
    const int64_t n = 1 << 20;
    ndm_open_options o = {.flags = NDM_OPEN_SPARSE};
    cr_assert_eq(ndm_memmap_ex(&a, "sparse.bin", "u1", "w+", 0, 1, &n, 'C', &o), NDM_OK);
    struct stat st;
    cr_assert_eq(stat("sparse.bin", &st), 0);
    cr_expect_eq(st.st_size, n);
    cr_expect_lt((int64_t)st.st_blocks * 512, n / 2, "sparse file has %lld bytes allocated",
                 (long long)st.st_blocks * 512);
    ndm_free(a);
}

Test(memmap, disk_full_is_an_error_at_open_and_the_file_keeps_its_size) {
    /* RLIMIT_FSIZE makes the reservation fail as a full disk would. */
    signal(SIGXFSZ, SIG_IGN);
    tu_write_pattern("f.bin", 100, false);
    struct rlimit rl = {4096, 4096};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
    ndm_array *a = NULL;
    const int64_t n = 1 << 20;
    int rc = ndm_memmap(&a, "f.bin", "u1", "r+", 0, 1, &n, 'C');
    cr_expect_eq(rc, NDM_EOS);
    cr_expect_eq(ndm_errno(), EFBIG, "errno %d (%s)", ndm_errno(), ndm_errmsg());
    cr_expect_null(a);
    cr_expect_eq(tu_file_size("f.bin"), 100);
}

Test(memmap, fd_variant_maps_from_byte_zero_and_leaves_position_at_end) {
    tu_write_pattern("f.bin", 10, false);
    int fd = open("f.bin", O_RDWR);
    cr_assert_geq(fd, 0);
    lseek(fd, 3, SEEK_SET);
    ndm_array *a;
    const int64_t n = 3;
    cr_assert_eq(ndm_memmap_fd(&a, fd, NULL, "w+", 0, 1, &n, 'C'), NDM_OK, "%s", ndm_errmsg());
    const unsigned char *p = ndm_data(a);
    cr_expect_eq(p[0], 0);
    cr_expect_eq(p[1], 1);
    cr_expect_eq(p[2], 2);
    cr_expect_eq(tu_file_size("f.bin"), 10, "w+ on a descriptor must not truncate");
    cr_expect_eq(lseek(fd, 0, SEEK_CUR), 10);
    cr_expect_null(ndm_filename(a));
    close(fd); /* the mapping keeps its own reference */
    cr_expect_eq(p[2], 2);
    ndm_free(a);
}

Test(memmap, fd_variant_extension_leaves_position_after_the_new_end) {
    tu_write_pattern("f.bin", 10, false);
    int fd = open("f.bin", O_RDWR);
    ndm_array *a;
    const int64_t n = 20;
    cr_assert_eq(ndm_memmap_fd(&a, fd, "u1", "r+", 0, 1, &n, 'C'), NDM_OK);
    cr_expect_eq(tu_file_size("f.bin"), 20);
    cr_expect_eq(lseek(fd, 0, SEEK_CUR), 20);
    ndm_free(a);
    close(fd);
}

Test(memmap, r_plus_on_a_read_only_descriptor_is_permission_denied) {
    tu_write_pattern("f.bin", 10, false);
    int fd = open("f.bin", O_RDONLY);
    ndm_array *a = NULL;
    cr_expect_eq(ndm_memmap_fd(&a, fd, "u1", "r+", 0, -1, NULL, 'C'), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 13] Permission denied");
    cr_expect_str_eq(ndm_errclass(), "PermissionError");
    close(fd);
}

Test(memmap, views_keep_the_mapping_alive_after_the_root_is_freed) {
    ndm_array *a, *v;
    const int64_t n = 4096;
    cr_assert_eq(ndm_memmap(&a, "f.bin", "u1", "w+", 0, 1, &n, 'C'), NDM_OK);
    cr_assert_eq(ndm_index(&v, a, "100:200"), NDM_OK);
    ndm_free(a);
    cr_expect_eq(ndm_setitem_scalar(v, "5", "7"), NDM_OK, "%s", ndm_errmsg());
    cr_expect_eq(((unsigned char *)ndm_data(v))[5], 7);
    cr_expect_str_eq(ndm_mode(v), "w+");
    cr_expect_eq(ndm_flush(v), NDM_OK);
    ndm_free(v);
    size_t len;
    unsigned char *bytes = tu_read_all("f.bin", &len);
    cr_expect_eq(bytes[105], 7);
    free(bytes);
}

Test(memmap, copy_on_write_never_reaches_the_file) {
    tu_write_pattern("f.bin", 64, false);
    ndm_array *c;
    cr_assert_eq(ndm_memmap(&c, "f.bin", "u1", "c", 0, -1, NULL, 'C'), NDM_OK);
    cr_expect(ndm_flags(c) & NDM_WRITEABLE);
    cr_assert_eq(ndm_setitem_scalar(c, "...", "9"), NDM_OK, "%s", ndm_errmsg());
    cr_expect_eq(((unsigned char *)ndm_data(c))[10], 9);
    cr_expect_eq(ndm_flush(c), NDM_OK);
    ndm_free(c);
    size_t len;
    unsigned char *bytes = tu_read_all("f.bin", &len);
    for (int i = 0; i < 64; i++) cr_expect_eq(bytes[i], i % 251);
    free(bytes);
}

Test(memmap, r_mode_refuses_writes_through_the_api) {
    tu_write_pattern("f.bin", 8, false);
    ndm_array *r;
    cr_assert_eq(ndm_memmap(&r, "f.bin", "u1", "readonly", 0, -1, NULL, 'C'), NDM_OK);
    cr_expect_str_eq(ndm_mode(r), "r");
    cr_expect_eq(ndm_setitem_scalar(r, "5", "1"), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "assignment destination is read-only");
    /* read-only is checked before the index */
    cr_expect_eq(ndm_setitem_scalar(r, "50", "1"), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "assignment destination is read-only");
    unsigned char v = 3;
    const int64_t i0 = 0;
    cr_expect_eq(ndm_put(r, &i0, "u1", &v), NDM_EVALUE);
    ndm_free(r);
}

Test(memmap, writing_a_read_only_mapping_through_the_raw_pointer_faults, .signal = SIGSEGV) {
    tu_write_pattern("f.bin", 8, false);
    ndm_array *r;
    cr_assert_eq(ndm_memmap(&r, "f.bin", "u1", "r", 0, -1, NULL, 'C'), NDM_OK);
    volatile unsigned char *p = ndm_data(r);
    p[0] = 1;
}

Test(memmap, filename_is_absolute_and_lexically_normalised) {
    mkdir("sub", 0755);
    tu_write_pattern("f.bin", 8, false);
    symlink("f.bin", "sym.bin");
    char *cwd = getcwd(NULL, 0);
    struct { const char *given, *suffix; } cases[] = {
        {"f.bin", "/f.bin"}, {"./f.bin", "/f.bin"}, {"sub/../f.bin", "/f.bin"},
        {"sub//..//./f.bin", "/f.bin"}, {"sym.bin", "/sym.bin"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ndm_array *a;
        cr_assert_eq(ndm_memmap(&a, cases[i].given, NULL, "r", 0, -1, NULL, 0), NDM_OK);
        char want[4096];
        snprintf(want, sizeof want, "%s%s", cwd, cases[i].suffix);
        cr_expect_str_eq(ndm_filename(a), want, "for %s", cases[i].given);
        ndm_free(a);
    }
    free(cwd);
}

Test(memmap, errors_for_missing_files_and_directories) {
    ndm_array *a = NULL;
    cr_expect_eq(ndm_memmap(&a, "nope.bin", NULL, "r", 0, -1, NULL, 0), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 2] No such file or directory: 'nope.bin'");
    cr_expect_str_eq(ndm_errclass(), "FileNotFoundError");
    cr_expect_eq(ndm_errno(), ENOENT);
    mkdir("d", 0755);
    cr_expect_eq(ndm_memmap(&a, "d", NULL, "r", 0, -1, NULL, 0), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 21] Is a directory: 'd'");
    cr_expect_str_eq(ndm_errclass(), "IsADirectoryError");
    cr_expect_eq(ndm_memmap(&a, "it's.bin", NULL, "r", 0, -1, NULL, 0), NDM_EOS);
    cr_expect_str_eq(ndm_errmsg(), "[Errno 2] No such file or directory: \"it's.bin\"");
    cr_expect_null(a);
}

Test(memmap, bad_arguments_fail_cleanly) {
    ndm_array *a = NULL;
    tu_write_pattern("f.bin", 8, false);
    cr_expect_eq(ndm_memmap(&a, NULL, NULL, "r", 0, -1, NULL, 0), NDM_ETYPE);
    cr_expect_eq(ndm_memmap(&a, "f.bin", NULL, "r", 0, 2, NULL, 0), NDM_EVALUE);
    cr_expect_eq(ndm_memmap(&a, "f.bin", NULL, "r", 0, -5, NULL, 0), NDM_EVALUE);
    cr_expect_eq(ndm_memmap(&a, "f.bin", "f4,i4", "r", 0, -1, NULL, 0), NDM_ENOTSUP);
    cr_expect_eq(ndm_memmap(&a, "f.bin", "S5", "r", 0, -1, NULL, 0), NDM_ENOTSUP);
    cr_expect_eq(ndm_memmap(&a, "f.bin", "float33", "r", 0, -1, NULL, 0), NDM_ETYPE);
    cr_expect_str_eq(ndm_errmsg(), "data type 'float33' not understood");
    int64_t huge[2] = {INT64_MAX, INT64_MAX};
    cr_expect_eq(ndm_memmap(&a, "f.bin", "f8", "r", 0, 2, huge, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "array is too big; `arr.size * arr.dtype.itemsize` is larger than the "
                                   "maximum possible size.");
    int64_t many[65];
    for (int i = 0; i < 65; i++) many[i] = 1;
    cr_expect_eq(ndm_memmap(&a, "f.bin", "u1", "r", 0, 65, many, 0), NDM_EVALUE);
    cr_expect_str_eq(ndm_errmsg(), "maximum supported dimension for an ndarray is currently 64, found 65");
    cr_expect_eq(ndm_memmap(&a, "f.bin", "u1", "r", INT64_MIN, -1, NULL, 0), NDM_EOVERFLOW);
    cr_expect_null(a);
    cr_expect_eq(tu_file_size("f.bin"), 8);
}

Test(memmap, w_plus_truncates_before_the_dtype_is_checked) {
    tu_write_pattern("f.bin", 100, false);
    ndm_array *a = NULL;
    const int64_t n = 3;
    cr_expect_eq(ndm_memmap(&a, "f.bin", "bogus", "w+", 0, 1, &n, 0), NDM_ETYPE);
    cr_expect_eq(tu_file_size("f.bin"), 0);
}

Test(memmap, flush_sync_and_hints) {
    ndm_array *a, *v;
    const int64_t n = 1 << 16;
    cr_assert_eq(ndm_memmap(&a, "f.bin", "f8", "w+", 0, 1, &n, 0), NDM_OK);
    cr_assert_eq(ndm_index(&v, a, "1000:2000"), NDM_OK);
    cr_expect_eq(ndm_sync(v, NDM_SYNC_VIEW), NDM_OK, "%s", ndm_errmsg());
    cr_expect_eq(ndm_sync(a, NDM_SYNC_ASYNC), NDM_OK);
    cr_expect_eq(ndm_sync(a, NDM_SYNC_DURABLE), NDM_OK, "%s", ndm_errmsg());
    for (int h = NDM_ADVICE_NORMAL; h <= NDM_ADVICE_POPULATE; h++)
        cr_expect_eq(ndm_advise(v, h), NDM_OK, "advice %d: %s", h, ndm_errmsg());
    cr_expect_eq(ndm_advise(v, 99), NDM_EVALUE);
    ndm_free(v);
    cr_expect_eq(ndm_close(a), NDM_OK);
    cr_expect_eq(ndm_close(NULL), NDM_OK);
    ndm_free(NULL);
}

Test(memmap, populate_option_maps_prefaulted) {
    tu_write_pattern("f.bin", 1 << 16, false);
    ndm_array *a;
    ndm_open_options o = {.flags = NDM_OPEN_POPULATE};
    cr_assert_eq(ndm_memmap_ex(&a, "f.bin", "u1", "r", 0, -1, NULL, 0, &o), NDM_OK);
    cr_expect_eq(((unsigned char *)ndm_data(a))[300], 300 % 251);
    ndm_free(a);
}
