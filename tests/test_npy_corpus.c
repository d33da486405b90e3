/*
 * test_npy_corpus.c -- every file of tests/npy_corpus (malformed .npy files
 * made by tests/oracle/make_corpus.py: truncations at every header byte, bad
 * magic and versions, non-dict headers, wrong keys, bad shapes, huge
 * numbers, deep nesting, unbalanced brackets, invalid UTF-8, short data) is
 * refused with an error by ndm_open_memmap (modes r and c) and ndm_load.
 * Under `make sanitize` / `make valgrind` this also proves them clean.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *corpus_dir(void) {
    const char *root = getenv("NDM_ROOT");
    char *p = NULL;
    asprintf(&p, "%s/tests/npy_corpus", root ? root : ".");
    return p;
}

Test(npy_corpus, every_file_is_refused) {
    char *dir = corpus_dir();
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    struct dirent *e;
    int files = 0, accepted = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".npy")) continue;
        char *path = NULL;
        asprintf(&path, "%s/%s", dir, e->d_name);
        int64_t before = tu_file_size(path);
        static const char *const modes[] = {"r", "c", "readonly"};
        for (int m = 0; m < 3; m++) {
            ndm_array *a = NULL;
            int rc = ndm_open_memmap(&a, path, modes[m], NULL, -1, NULL, 0, 0);
            if (rc >= 0 || !ndm_errmsg()[0]) {
                accepted++;
                cr_log_error("%s: open_memmap(mode %s) accepted it", e->d_name, modes[m]);
            }
            ndm_free(a);
        }
        ndm_array *a = NULL;
        int rc = ndm_load(&a, path, NULL);
        if (rc >= 0 || !ndm_errmsg()[0]) {
            accepted++;
            cr_log_error("%s: ndm_load accepted it", e->d_name);
        }
        ndm_free(a);
        cr_expect_eq(tu_file_size(path), before, "%s changed size", e->d_name);
        free(path);
        files++;
    }
    closedir(d);
    free(dir);
    cr_expect_geq(files, 40, "only %d corpus files", files);
    cr_assert_eq(accepted, 0, "%d of %d corpus files accepted", accepted, files);
}
