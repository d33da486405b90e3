/* json.c -- see json.h. A recursive-descent reader with a depth limit. */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const char *s, *end; int depth; } reader;

static void skip_ws(reader *r) {
    while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')) r->s++;
}

static json_value *new_value(json_type t) {
    json_value *v = calloc(1, sizeof *v);
    if (v) v->type = t;
    return v;
}

static void put_utf8(char *out, size_t *o, uint32_t c) {
    if (c < 0x80) out[(*o)++] = (char)c;
    else if (c < 0x800) { out[(*o)++] = (char)(0xC0 | (c >> 6)); out[(*o)++] = (char)(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        out[(*o)++] = (char)(0xE0 | (c >> 12));
        out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (c & 0x3F));
    } else {
        out[(*o)++] = (char)(0xF0 | (c >> 18));
        out[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (c & 0x3F));
    }
}

static int hex4(const char *s, uint32_t *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        *v = *v * 16 + (uint32_t)d;
    }
    return 0;
}

static char *parse_string(reader *r, size_t *len) {
    if (r->s >= r->end || *r->s != '"') return NULL;
    r->s++;
    const char *start = r->s;
    size_t cap = 0;
    while (r->s < r->end && *r->s != '"') {
        if (*r->s == '\\') r->s++;
        r->s++;
        cap++;
    }
    if (r->s >= r->end) return NULL;
    r->s = start;
    char *out = malloc(cap * 4 + 1);
    if (!out) return NULL;
    size_t o = 0;
    while (*r->s != '"') {
        char c = *r->s++;
        if (c != '\\') { out[o++] = c; continue; }
        c = *r->s++;
        switch (c) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'u': {
            uint32_t u;
            if (r->end - r->s < 4 || hex4(r->s, &u)) { free(out); return NULL; }
            r->s += 4;
            if (u >= 0xD800 && u < 0xDC00 && r->end - r->s >= 6 && r->s[0] == '\\' && r->s[1] == 'u') {
                uint32_t lo;
                if (!hex4(r->s + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    r->s += 6;
                }
            }
            put_utf8(out, &o, u);
            break;
        }
        default: out[o++] = c; break;
        }
    }
    r->s++;
    out[o] = '\0';
    *len = o;
    return out;
}

static json_value *parse_value(reader *r);

static int push(json_value *v, json_value *item, char *key) {
    json_value **items = realloc(v->items, (v->n + 1) * sizeof *items);
    if (!items) return -1;
    v->items = items;
    if (v->type == JSON_OBJECT) {
        char **keys = realloc(v->keys, (v->n + 1) * sizeof *keys);
        if (!keys) return -1;
        v->keys = keys;
        v->keys[v->n] = key;
    }
    v->items[v->n++] = item;
    return 0;
}

static json_value *parse_container(reader *r, bool object) {
    json_value *v = new_value(object ? JSON_OBJECT : JSON_ARRAY);
    if (!v) return NULL;
    r->s++;
    skip_ws(r);
    if (r->s < r->end && *r->s == (object ? '}' : ']')) { r->s++; return v; }
    for (;;) {
        char *key = NULL;
        skip_ws(r);
        if (object) {
            size_t kl;
            key = parse_string(r, &kl);
            skip_ws(r);
            if (!key || r->s >= r->end || *r->s != ':') { free(key); goto fail; }
            r->s++;
        }
        json_value *item = parse_value(r);
        if (!item || push(v, item, key)) { json_free(item); free(key); goto fail; }
        skip_ws(r);
        if (r->s < r->end && *r->s == ',') { r->s++; continue; }
        if (r->s < r->end && *r->s == (object ? '}' : ']')) { r->s++; return v; }
        goto fail;
    }
fail:
    json_free(v);
    return NULL;
}

static json_value *parse_value(reader *r) {
    skip_ws(r);
    if (r->s >= r->end || ++r->depth > 200) return NULL;
    json_value *v = NULL;
    char c = *r->s;
    if (c == '{' || c == '[') v = parse_container(r, c == '{');
    else if (c == '"') {
        v = new_value(JSON_STRING);
        if (v && !(v->text = parse_string(r, &v->len))) { free(v); v = NULL; }
    } else if (!strncmp(r->s, "true", 4) || !strncmp(r->s, "false", 5)) {
        v = new_value(JSON_BOOL);
        if (v) v->boolean = c == 't';
        r->s += c == 't' ? 4 : 5;
    } else if (!strncmp(r->s, "null", 4)) {
        v = new_value(JSON_NULL);
        r->s += 4;
    } else {
        const char *st = r->s;
        while (r->s < r->end && strchr("+-0123456789.eE", *r->s)) r->s++;
        if (r->s == st) return NULL;
        v = new_value(JSON_NUMBER);
        if (v && !(v->text = strndup(st, (size_t)(r->s - st)))) { free(v); v = NULL; }
    }
    r->depth--;
    return v;
}

json_value *json_parse(const char *text, size_t len) {
    reader r = {text, text + len, 0};
    json_value *v = parse_value(&r);
    skip_ws(&r);
    if (v && r.s != r.end) { json_free(v); return NULL; }
    return v;
}

void json_free(json_value *v) {
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        json_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->text);
    free(v);
}

const json_value *json_get(const json_value *v, const char *key) {
    if (!v || v->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->keys[i], key)) return v->items[i];
    return NULL;
}

const char *json_str(const json_value *v, const char *key) {
    const json_value *m = json_get(v, key);
    return m && m->type == JSON_STRING ? m->text : NULL;
}

int64_t json_int(const json_value *v, const char *key, int64_t dflt) {
    const json_value *m = json_get(v, key);
    return m && m->type == JSON_NUMBER ? strtoll(m->text, NULL, 10) : dflt;
}

bool json_bool(const json_value *v, const char *key, bool dflt) {
    const json_value *m = json_get(v, key);
    return m && m->type == JSON_BOOL ? m->boolean : dflt;
}

bool json_is_null(const json_value *v, const char *key) {
    const json_value *m = json_get(v, key);
    return !m || m->type == JSON_NULL;
}

char *json_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = (cap + 65536) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

const char *json_next_line(const char *buf, size_t len, size_t *pos, size_t *line_len) {
    while (*pos < len && (buf[*pos] == '\n' || buf[*pos] == '\r')) (*pos)++;
    if (*pos >= len) return NULL;
    const char *start = buf + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - start) : len - *pos;
    *pos += n;
    *line_len = n;
    return start;
}

unsigned char *json_hex_decode(const char *hex, size_t *n) {
    size_t len = strlen(hex);
    if (len % 2) return NULL;
    unsigned char *out = malloc(len / 2 + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < len / 2; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) { free(out); return NULL; }
        out[i] = (unsigned char)v;
    }
    *n = len / 2;
    return out;
}
