/* testutil.c -- see testutil.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "testutil.h"

#include <criterion/logging.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *origin_dir;

char *tu_enter_tmpdir(void) {
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    size_t cap = strlen(base) + 32;
    char *path = malloc(cap);
    if (!path) abort();
    snprintf(path, cap, "%s/ndmap-test-XXXXXX", base);
    if (!mkdtemp(path)) { perror("mkdtemp"); abort(); }
    if (!origin_dir) origin_dir = getcwd(NULL, 0);
    if (chdir(path) != 0) { perror("chdir"); abort(); }
    return path;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)flag; (void)ftw;
    chmod(p, 0700);
    return remove(p);
}

void tu_leave_tmpdir(char *dir) {
    if (origin_dir && chdir(origin_dir) != 0) perror("chdir");
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

void tu_write_pattern(const char *path, int64_t size, bool zeros) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); abort(); }
    for (int64_t i = 0; i < size; i++) fputc(zeros ? 0 : (int)(i % 251), f);
    fclose(f);
}

void tu_write_bytes(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); abort(); }
    if (n && fwrite(data, 1, n, f) != n) abort();
    fclose(f);
}

int64_t tu_file_size(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    return (int64_t)st.st_size;
}

unsigned char *tu_read_all(const char *path, size_t *n) {
    return (unsigned char *)json_read_file(path, n);
}

int tu_code_for_class(const char *cls) {
    static const struct { const char *cls; int code; } map[] = {
        {"ValueError", NDM_EVALUE}, {"UnicodeDecodeError", NDM_EVALUE},
        {"UnicodeEncodeError", NDM_EVALUE}, {"TypeError", NDM_ETYPE},
        {"IndexError", NDM_EINDEX}, {"OverflowError", NDM_EOVERFLOW},
        {"MemoryError", NDM_ENOMEM}, {"OSError", NDM_EOS},
        {"FileNotFoundError", NDM_EOS}, {"PermissionError", NDM_EOS},
        {"IsADirectoryError", NDM_EOS}, {"NotADirectoryError", NDM_EOS},
        {"FileExistsError", NDM_EOS}, {"NotImplementedError", NDM_ENOTSUP},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i].cls, cls)) return map[i].code;
    return 1; /* never a real code */
}

char *tu_golden_path(const char *name) {
    const char *dir = getenv("NDM_GOLDEN_DIR");
    if (!dir || !*dir) dir = "build/golden";
    size_t cap = strlen(dir) + strlen(name) + 2;
    char *p = malloc(cap);
    if (!p) abort();
    snprintf(p, cap, "%s/%s", dir, name);
    return p;
}

int tu_int_list(const json_value *arr, int64_t *out, int cap) {
    if (!arr || arr->type != JSON_ARRAY) return -1;
    int n = (int)arr->n;
    for (int i = 0; i < n && i < cap; i++) out[i] = strtoll(arr->items[i]->text, NULL, 10);
    return n;
}

int tu_run_jsonl(const char *path, tu_case_fn fn, bool in_tmpdir, int *count) {
    size_t len, pos = 0, ll;
    char *buf = json_read_file(path, &len);
    *count = 0;
    if (!buf) return -1;
    int failures = 0;
    const char *line;
    while ((line = json_next_line(buf, len, &pos, &ll))) {
        json_value *c = json_parse(line, ll);
        if (!c) {
            free(buf);
            return -1;
        }
        char *dir = in_tmpdir ? tu_enter_tmpdir() : NULL;
        char *why = fn(c);
        if (dir) tu_leave_tmpdir(dir);
        (*count)++;
        if (why) {
            failures++;
            const char *tag = json_str(c, "tag");
            cr_log_error("%s (%s): %s", json_str(c, "id"), tag ? tag : "-", why);
            free(why);
        }
        json_free(c);
    }
    free(buf);
    return failures;
}
