/*
 * memmap_demo.c -- the numpy.memmap documentation example, in C.
 *
 * Walks through numpy's own example: create a float32 (3,4) memmap with w+,
 * assign arange(12), check the filename, flush, reopen read-only, copy-on-write
 * (memory changes, the file does not), and a view at offset 16; printing each
 * result exactly as numpy does. Usage: memmap_demo [DIR] (default: a new
 * temporary directory, removed at the end).
 */
#include "ndmap.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what, int rc) {
    fprintf(stderr, "memmap_demo: %s: %s: %s\n", what, ndm_error_name(rc), ndm_errmsg());
    return 1;
}

static void show(const char *code, const ndm_array *a) {
    printf(">>> %s\n", code);
    char *r = ndm_repr(a);
    printf("%s\n\n", r ? r : "(out of memory)");
    free(r);
}

int main(int argc, char **argv) {
    char tmpl[] = "/tmp/ndmap-demo-XXXXXX";
    const char *dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
    if (!dir) { perror("mkdtemp"); return 1; }
    char filename[PATH_MAX];
    snprintf(filename, sizeof filename, "%s/newfile.dat", dir);
    int rc;

    /* data = np.arange(12, dtype='float32'); data.resize((3,4)) */
    float values[12];
    for (int i = 0; i < 12; i++) values[i] = (float)i;
    const int64_t shape[2] = {3, 4};
    ndm_array *data;
    if ((rc = ndm_from_bytes(&data, "float32", 2, shape, 'C', values, sizeof values))) return fail("data", rc);
    printf(">>> data = np.arange(12, dtype='float32').reshape(3, 4)\n\n");

    ndm_array *fp;
    if ((rc = ndm_memmap(&fp, filename, "float32", "w+", 0, 2, shape, 'C'))) return fail("w+", rc);
    show("fp = np.memmap(filename, dtype='float32', mode='w+', shape=(3,4))\n>>> fp", fp);

    if ((rc = ndm_setitem(fp, ":", data))) return fail("fp[:] = data[:]", rc);
    show("fp[:] = data[:]\n>>> fp", fp);

    printf(">>> fp.filename == path.abspath(filename)\n%s\n\n",
           strcmp(ndm_filename(fp), filename) == 0 ? "True" : "False");

    printf(">>> fp.flush()\n\n");
    if ((rc = ndm_flush(fp))) return fail("flush", rc);
    ndm_free(fp); /* numpy: del fp */

    ndm_array *newfp;
    if ((rc = ndm_memmap(&newfp, filename, "float32", "r", 0, 2, shape, 'C'))) return fail("r", rc);
    show("newfp = np.memmap(filename, dtype='float32', mode='r', shape=(3,4))\n>>> newfp", newfp);

    ndm_array *fpr;
    if ((rc = ndm_memmap(&fpr, filename, "float32", "r", 0, 2, shape, 'C'))) return fail("r", rc);
    printf(">>> fpr = np.memmap(filename, dtype='float32', mode='r', shape=(3,4))\n"
           ">>> fpr.flags.writeable\n%s\n\n", (ndm_flags(fpr) & NDM_WRITEABLE) ? "True" : "False");

    ndm_array *fpc;
    if ((rc = ndm_memmap(&fpc, filename, "float32", "c", 0, 2, shape, 'C'))) return fail("c", rc);
    printf(">>> fpc = np.memmap(filename, dtype='float32', mode='c', shape=(3,4))\n"
           ">>> fpc.flags.writeable\n%s\n\n", (ndm_flags(fpc) & NDM_WRITEABLE) ? "True" : "False");
    show("fpc", fpc);

    if ((rc = ndm_setitem_scalar(fpc, "0, :", "0"))) return fail("fpc[0,:] = 0", rc);
    show("fpc[0,:] = 0\n>>> fpc", fpc);

    printf("File on disk is unchanged:\n");
    show("fpr", fpr);

    ndm_array *fpo;
    if ((rc = ndm_memmap(&fpo, filename, "float32", "r", 16, -1, NULL, 'C'))) return fail("offset", rc);
    show("fpo = np.memmap(filename, dtype='float32', mode='r', offset=16)\n>>> fpo", fpo);

    ndm_free(fpo);
    ndm_free(fpc);
    ndm_free(fpr);
    ndm_free(newfp);
    ndm_free(data);
    if (argc <= 1) {
        unlink(filename);
        rmdir(dir);
    }
    return 0;
}
