/*
 * json.h -- a small JSON reader for the test suite (not part of libndmap).
 *
 * Parses one JSON text into a tree of json_value nodes. Numbers keep their
 * text so 64-bit integers survive exactly. Strings are decoded to UTF-8
 * (\uXXXX escapes included, surrogate pairs joined).
 */
#ifndef NDM_TEST_JSON_H
#define NDM_TEST_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    bool boolean;
    char *text;                /* number text or decoded string */
    size_t len;                /* string length in bytes */
    size_t n;                  /* array / object element count */
    struct json_value **items; /* array elements or object values */
    char **keys;               /* object keys */
} json_value;

/* Parse `text`; NULL on a syntax error. Free with json_free. */
json_value *json_parse(const char *text, size_t len);
void json_free(json_value *v);

/* Object member by key, or NULL if absent (or v is not an object). */
const json_value *json_get(const json_value *v, const char *key);
/* Convenience accessors: defaults when absent or of another type. */
const char *json_str(const json_value *v, const char *key);   /* NULL if not a string */
int64_t json_int(const json_value *v, const char *key, int64_t dflt);
bool json_bool(const json_value *v, const char *key, bool dflt);
bool json_is_null(const json_value *v, const char *key);      /* absent counts as null */

/* Read a whole file into a malloc'd NUL-terminated buffer. */
char *json_read_file(const char *path, size_t *len);

/* Iterate the lines of a JSON Lines file: returns the next line's start and
 * length, or NULL at the end. *pos is the cursor (start at 0). */
const char *json_next_line(const char *buf, size_t len, size_t *pos, size_t *line_len);

/* Decode lowercase/uppercase hex into a malloc'd buffer; NULL on bad input. */
unsigned char *json_hex_decode(const char *hex, size_t *n);

#endif
