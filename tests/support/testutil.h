/*
 * testutil.h -- helpers shared by the test files: temporary directories,
 * files with known content, golden-file access, error-class mapping.
 */
#ifndef NDM_TESTUTIL_H
#define NDM_TESTUTIL_H

#include "json.h"
#include "ndmap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Create a fresh empty directory under $TMPDIR (or /tmp) and chdir into it.
 * Returns its malloc'd path. */
char *tu_enter_tmpdir(void);
/* Leave and remove the directory made by tu_enter_tmpdir (recursively). */
void tu_leave_tmpdir(char *dir);

/* Write a file of `size` bytes whose byte i is i % 251 (pattern) or 0. */
void tu_write_pattern(const char *path, int64_t size, bool zeros);
void tu_write_bytes(const char *path, const void *data, size_t n);
/* File size, or -1 if absent or not a regular file. */
int64_t tu_file_size(const char *path);
/* Whole file contents (malloc'd), NULL if absent. */
unsigned char *tu_read_all(const char *path, size_t *n);

/* The NDM_E* code for a Python exception class name as numpy raises it
 * (subclasses map through their base: FileNotFoundError -> NDM_EOS). */
int tu_code_for_class(const char *cls);

/* Path of a golden file: $NDM_GOLDEN_DIR/name (default build/golden). */
char *tu_golden_path(const char *name);

/* One case of a JSON Lines file: returns NULL when ndmap reproduces numpy's
 * result, else a malloc'd description of the first difference. */
typedef char *(*tu_case_fn)(const json_value *c);

/* Run `fn` on every line of the JSON Lines file at `path` (each case in a
 * fresh empty working directory if `in_tmpdir`), logging every difference as
 * "<id> (<tag>): <why>". Returns the number of differing cases and sets
 * *count to the number of cases; -1 if the file cannot be read or a line is
 * not JSON. */
int tu_run_jsonl(const char *path, tu_case_fn fn, bool in_tmpdir, int *count);

/* A JSON array of ints as int64s (returns the count; -1 if not an array). */
int tu_int_list(const json_value *arr, int64_t *out, int cap);

#endif
