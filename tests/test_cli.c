/*
 * test_cli.c -- runs every case in tests/cli/ through the ndmap binary
 * ($NDM_CLI) and compares stdout, stderr and the exit status exactly.
 *
 * A case is a small text file, tests/cli/NAME.t:
 *
 *     # what the case checks (comment lines start with #)
 *     setup: ndmap create a.npy --shape 3     (any number; must exit 0)
 *     run: ndmap show a.npy '0'               (exactly one)
 *     status: 0
 *     user: nobody                            (optional, see below)
 *     --- stdout
 *     np.float64(0.0)
 *     --- stderr
 *
 * setup and run lines are /bin/sh command lines, run in a fresh empty
 * directory with `ndmap` first on PATH. The text after "--- stdout" and
 * "--- stderr" (up to the next "--- " line) is the exact expected output,
 * every line ending in a newline; an absent section expects nothing.
 * "user: nobody" runs setup and run as user nobody when the tests run as
 * root, so file permissions are enforced (root ignores them); under
 * valgrind such cases are skipped when root.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 65534

struct cli_case {
    char name[128];
};

typedef struct spec {
    char *setup[16];
    int nsetup;
    char *run;
    int status;
    bool has_status, as_nobody;
    char *out, *err; /* expected, malloc'd */
} spec;

static char *cases_dir(void) {
    const char *root = getenv("NDM_ROOT");
    if (!root) return NULL;
    char *d = malloc(strlen(root) + 16);
    sprintf(d, "%s/tests/cli", root);
    return d;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const struct cli_case *)a)->name, ((const struct cli_case *)b)->name);
}

ParameterizedTestParameters(cli, cases) {
    char *dir = cases_dir();
    DIR *d = dir ? opendir(dir) : NULL;
    free(dir);
    if (!d) return cr_make_param_array(struct cli_case, NULL, 0);
    size_t n = 0, cap = 256;
    struct cli_case *all = cr_malloc(cap * sizeof *all);
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".t") || len - 2 >= sizeof all->name) continue;
        if (n == cap) {
            struct cli_case *more = cr_malloc(2 * cap * sizeof *all);
            memcpy(more, all, cap * sizeof *all);
            cr_free(all);
            all = more;
            cap *= 2;
        }
        memset(all[n].name, 0, sizeof all[n].name);
        memcpy(all[n].name, e->d_name, len - 2);
        n++;
    }
    closedir(d);
    qsort(all, n, sizeof *all, by_name);
    return cr_make_param_array(struct cli_case, all, n);
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (cap - n < 2) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static void append(char **s, const char *line, size_t n) {
    size_t old = *s ? strlen(*s) : 0;
    *s = realloc(*s, old + n + 2);
    memcpy(*s + old, line, n);
    (*s)[old + n] = '\n';
    (*s)[old + n + 1] = '\0';
}

static void parse_spec(const char *name, char *text, spec *sp) {
    memset(sp, 0, sizeof *sp);
    sp->out = strdup("");
    sp->err = strdup("");
    char **section = NULL;
    for (char *line = text, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        next = nl ? nl + 1 : NULL;
        if (!strncmp(line, "--- stdout", 10) && n == 10) {
            section = &sp->out;
            continue;
        }
        if (!strncmp(line, "--- stderr", 10) && n == 10) {
            section = &sp->err;
            continue;
        }
        if (section) {
            append(section, line, n);
            continue;
        }
        char *l = strndup(line, n);
        if (l[0] == '#' || l[0] == '\0') {
            free(l);
        } else if (!strncmp(l, "setup: ", 7)) {
            cr_assert_lt(sp->nsetup, 16, "%s: too many setup lines", name);
            sp->setup[sp->nsetup++] = strdup(l + 7);
            free(l);
        } else if (!strncmp(l, "run: ", 5)) {
            cr_assert_null(sp->run, "%s: more than one run line", name);
            sp->run = strdup(l + 5);
            free(l);
        } else if (!strncmp(l, "status: ", 8)) {
            sp->status = atoi(l + 8);
            sp->has_status = true;
            free(l);
        } else if (!strcmp(l, "user: nobody")) {
            sp->as_nobody = true;
            free(l);
        } else {
            cr_assert_fail("%s: unrecognised line '%s'", name, l);
        }
    }
    cr_assert_not_null(sp->run, "%s: no run line", name);
    cr_assert(sp->has_status, "%s: no status line", name);
}

static void free_spec(spec *sp) {
    for (int i = 0; i < sp->nsetup; i++) free(sp->setup[i]);
    free(sp->run);
    free(sp->out);
    free(sp->err);
}

/* Run `cmd` with /bin/sh in `work`; stdout/stderr to the given files. */
static int run_sh(const char *cmd, const char *work, const char *path_env, const char *out,
                  const char *err, bool as_nobody) {
    pid_t pid = fork();
    cr_assert_neq(pid, -1, "fork: %s", strerror(errno));
    if (pid == 0) {
        int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fi = open("/dev/null", O_RDONLY);
        if (fo < 0 || fe < 0 || fi < 0 || dup2(fi, 0) < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(126);
        if (chdir(work) != 0) _exit(126);
        if (as_nobody && geteuid() == 0 && (setgid(NOBODY) != 0 || setuid(NOBODY) != 0)) _exit(126);
        setenv("PATH", path_env, 1);
        setenv("LC_ALL", "C", 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        cr_assert_eq(errno, EINTR, "waitpid: %s", strerror(errno));
    if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
    return WEXITSTATUS(st);
}

/* Valgrind preloads its own library into every traced process. */
static bool under_valgrind(void) {
    const char *p = getenv("LD_PRELOAD");
    return p && strstr(p, "vgpreload");
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

ParameterizedTest(struct cli_case *c, cli, cases, .timeout = 120) {
    const char *cli = getenv("NDM_CLI");
    char *dir = cases_dir();
    if (!cli || !dir) cr_skip_test("NDM_CLI and NDM_ROOT must be set");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.t", dir, c->name);
    free(dir);
    char *text = read_file(path, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    spec sp;
    parse_spec(c->name, text, &sp);
    free(text);
    if (sp.as_nobody && geteuid() == 0 && under_valgrind()) {
        /* valgrind's per-process files in /tmp, made as root before the
         * switch to nobody, cannot be reopened after it */
        free_spec(&sp);
        cr_skip_test("%s: needs a user switch, which valgrind does not survive", c->name);
    }

    char base[] = "/tmp/ndmap-cli-XXXXXX";
    cr_assert_not_null(mkdtemp(base));
    char work[256], bin[256], link[300], out[256], err[256], path_env[8192];
    snprintf(work, sizeof work, "%s/work", base);
    snprintf(bin, sizeof bin, "%s/bin", base);
    snprintf(link, sizeof link, "%s/ndmap", bin);
    snprintf(out, sizeof out, "%s/stdout", base);
    snprintf(err, sizeof err, "%s/stderr", base);
    const char *old_path = getenv("PATH");
    snprintf(path_env, sizeof path_env, "%s:%s", bin, old_path ? old_path : "/usr/bin:/bin");
    cr_assert_eq(mkdir(work, 0755), 0);
    cr_assert_eq(mkdir(bin, 0755), 0);
    cr_assert_eq(symlink(cli, link), 0, "symlink: %s", strerror(errno));
    if (sp.as_nobody && geteuid() == 0) {
        cr_assert_eq(chmod(base, 0755), 0);
        cr_assert_eq(chown(work, NOBODY, NOBODY), 0);
    }

    for (int i = 0; i < sp.nsetup; i++) {
        int st = run_sh(sp.setup[i], work, path_env, out, err, sp.as_nobody);
        if (st != 0) {
            char *e = read_file(err, NULL);
            cr_expect_fail("%s: setup '%s' failed with status %d:\n%s", c->name, sp.setup[i], st, e ? e : "");
            free(e);
        }
    }
    int status = run_sh(sp.run, work, path_env, out, err, sp.as_nobody);
    char *got_out = read_file(out, NULL), *got_err = read_file(err, NULL);
    cr_expect_eq(status, sp.status, "%s: exit status %d, expected %d\nstderr:\n%s", c->name, status,
                 sp.status, got_err ? got_err : "");
    cr_expect_str_eq(got_out ? got_out : "", sp.out, "%s: stdout differs\n--- got\n%s--- expected\n%s",
                     c->name, got_out ? got_out : "", sp.out);
    cr_expect_str_eq(got_err ? got_err : "", sp.err, "%s: stderr differs\n--- got\n%s--- expected\n%s",
                     c->name, got_err ? got_err : "", sp.err);
    free(got_out);
    free(got_err);
    free_spec(&sp);
    nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
