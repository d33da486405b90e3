/*
 * cmd_demo.c -- ndmap demo [DIR]: numpy's memmap docstring example, the walk
 * of examples/memmap_demo.c, printing each result as numpy does.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "Usage: ndmap demo [DIR]\n"
    "Walk through numpy.memmap's documentation example: create a float32 (3,4)\n"
    "memmap with mode w+, assign arange(12), check the filename, flush, reopen\n"
    "read-only, copy-on-write (memory changes, the file does not), and a view at\n"
    "offset 16; each result printed as numpy prints it. The file newfile.dat is\n"
    "made in DIR, which is kept; without DIR a temporary directory is used and\n"
    "removed.\n";

static int show(const char *code, const ndm_array *a) {
    char *r = ndm_repr(a);
    if (!r) return cli_fail_lib();
    printf(">>> %s\n%s\n\n", code, r);
    free(r);
    return CLI_OK;
}

#define TRY(call)                                                              \
    do {                                                                       \
        if ((call) != NDM_OK) {                                                \
            rc = cli_fail_lib();                                               \
            goto done;                                                         \
        }                                                                      \
    } while (0)
#define SHOW(code, a)                                                          \
    do {                                                                       \
        if ((rc = show(code, a))) goto done;                                   \
    } while (0)

/* os.path.abspath: joined with the working directory and normalised
 * lexically (".", "..", repeated "/"), symlinks untouched. malloc'd. */
static char *abspath(const char *path) {
    char *cwd = path[0] == '/' ? strdup("") : getcwd(NULL, 0);
    if (!cwd) return NULL;
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *joined = malloc(n), *out = malloc(n + 1);
    if (!joined || !out) {
        free(cwd);
        free(joined);
        free(out);
        return NULL;
    }
    snprintf(joined, n, "%s/%s", cwd, path);
    free(cwd);
    size_t k = 0;
    for (char *save, *part = strtok_r(joined, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        if (!strcmp(part, ".")) continue;
        if (!strcmp(part, "..")) {
            while (k > 0 && out[k - 1] != '/') k--;
            if (k > 0) k--;
            continue;
        }
        out[k++] = '/';
        size_t len = strlen(part);
        memcpy(out + k, part, len);
        k += len;
    }
    if (k == 0) out[k++] = '/';
    out[k] = '\0';
    free(joined);
    return out;
}

static int walk(const char *filename) {
    int rc = CLI_OK;
    ndm_array *data = NULL, *fp = NULL, *newfp = NULL, *fpr = NULL, *fpc = NULL, *fpo = NULL;
    const int64_t shape[2] = {3, 4};
    float values[12];
    for (int i = 0; i < 12; i++) values[i] = (float)i;

    TRY(ndm_from_bytes(&data, "float32", 2, shape, 'C', values, sizeof values));
    printf(">>> data = np.arange(12, dtype='float32').reshape(3, 4)\n\n");

    TRY(ndm_memmap(&fp, filename, "float32", "w+", 0, 2, shape, 'C'));
    SHOW("fp = np.memmap(filename, dtype='float32', mode='w+', shape=(3,4))\n>>> fp", fp);

    TRY(ndm_setitem(fp, ":", data));
    SHOW("fp[:] = data[:]\n>>> fp", fp);

    char *abs = abspath(filename);
    printf(">>> fp.filename == path.abspath(filename)\n%s\n\n",
           abs && strcmp(ndm_filename(fp), abs) == 0 ? "True" : "False");
    free(abs);

    printf(">>> fp.flush()\n\n");
    TRY(ndm_flush(fp));
    ndm_free(fp); /* numpy: del fp */
    fp = NULL;

    TRY(ndm_memmap(&newfp, filename, "float32", "r", 0, 2, shape, 'C'));
    SHOW("newfp = np.memmap(filename, dtype='float32', mode='r', shape=(3,4))\n>>> newfp", newfp);

    TRY(ndm_memmap(&fpr, filename, "float32", "r", 0, 2, shape, 'C'));
    printf(">>> fpr = np.memmap(filename, dtype='float32', mode='r', shape=(3,4))\n"
           ">>> fpr.flags.writeable\n%s\n\n",
           (ndm_flags(fpr) & NDM_WRITEABLE) ? "True" : "False");

    TRY(ndm_memmap(&fpc, filename, "float32", "c", 0, 2, shape, 'C'));
    printf(">>> fpc = np.memmap(filename, dtype='float32', mode='c', shape=(3,4))\n"
           ">>> fpc.flags.writeable\n%s\n\n",
           (ndm_flags(fpc) & NDM_WRITEABLE) ? "True" : "False");
    SHOW("fpc", fpc);

    TRY(ndm_setitem_scalar(fpc, "0, :", "0"));
    SHOW("fpc[0,:] = 0\n>>> fpc", fpc);

    printf("File on disk is unchanged:\n");
    SHOW("fpr", fpr);

    TRY(ndm_memmap(&fpo, filename, "float32", "r", 16, -1, NULL, 'C'));
    SHOW("fpo = np.memmap(filename, dtype='float32', mode='r', offset=16)\n>>> fpo", fpo);
done:
    ndm_free(fpo);
    ndm_free(fpc);
    ndm_free(fpr);
    ndm_free(newfp);
    ndm_free(fp);
    ndm_free(data);
    return rc;
}

int cmd_demo(int argc, char **argv) {
    static const cli_option none[] = {{NULL, 0, false, 0}};
    static const cli_option *const tables[] = {none, NULL};
    cli_args p;
    int rc = cli_args_init(&p, "demo", argc, argv);
    if (rc) return rc;
    const char *arg;
    int id;
    while ((id = cli_next(&p, tables, &arg)) > 0) {
        fputs(help, stdout); /* only --help exists */
        goto out;
    }
    if (id < 0) {
        rc = -id;
        goto out;
    }
    if (p.npos > 1) {
        rc = cli_usage("demo", "too many arguments");
        goto out;
    }
    char tmpl[] = "/tmp/ndmap-demo-XXXXXX", filename[PATH_MAX];
    const char *dir = p.npos ? p.pos[0] : mkdtemp(tmpl);
    if (!dir) {
        rc = cli_fail("cannot create a temporary directory: %m");
        goto out;
    }
    snprintf(filename, sizeof filename, "%s/newfile.dat", dir);
    rc = walk(filename);
    if (!p.npos) {
        unlink(filename);
        rmdir(dir);
    }
out:
    cli_args_free(&p);
    return rc;
}
