/*
 * test_core_diff.c -- randomised differential tests of the core against
 * numpy: scenarios written by tests/oracle/gen_core_diff.py (numpy.memmap
 * opens, views, scalar/array/overlapping assignment, astype, flush, with
 * numpy's result after every step) are replayed through the C API and every
 * shape, stride, dtype, flag, memmap-ness, value byte, error class and
 * message, and file byte is compared.
 *
 * Two sources of scenarios, both read from $NDM_DIFF_DIR (the Makefile sets it
 * to $(BUILD)/oracle and fills it):
 *   core_diff_fixed.jsonl  the committed tests/oracle/core_diff.jsonl.gz; always
 *                          present, a missing file fails the test;
 *   core_diff_gen.jsonl    generated at build time with numpy (seed
 *                          NDM_DIFF_SEED, NDM_DIFF_COUNT scenarios); absent when
 *                          no numpy 1.24.2 is available, then only logged.
 * NDM_DIFF_FILE=path replays one more file of the same format (e.g. a file
 * made by hand with the generator and another seed).
 *
 * A scenario stops at its first difference, which is logged with the case id
 * and step; any difference fails the test.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FN "data.bin"
#define MAXH 256

/* The state of one replayed scenario. */
typedef struct replay {
    const json_value *sc;
    ndm_array *h[MAXH];
    int nh;
    unsigned char *initial; /* the file's initial content */
    size_t ninitial;
    int step;               /* -1: the open, then op index; -2: final */
    char what[320];         /* the op in numpy terms */
    char *why;              /* first difference, malloc'd */
} replay;

static bool differ(replay *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Record the first difference of the scenario (with where it happened);
 * returns false so callers can `return differ(...)`. */
static bool differ(replay *r, const char *fmt, ...) {
    if (r->why) return false;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0) msg = NULL;
    va_end(ap);
    char where[400];
    if (r->step == -1) snprintf(where, sizeof where, "open");
    else if (r->step == -2) snprintf(where, sizeof where, "final state");
    else snprintf(where, sizeof where, "op %d", r->step);
    if (r->step >= 0)
        snprintf(where + strlen(where), sizeof where - strlen(where), " [%s]", r->what);
    if (asprintf(&r->why, "%s: %s", where, msg ? msg : "?") < 0) r->why = NULL;
    free(msg);
    return false;
}

/* ---- small helpers -------------------------------------------------------- */

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Hex text to bytes (the generator writes long strings; json_hex_decode's
 * sscanf per byte is slow under valgrind). NULL on bad input. */
static unsigned char *unhex(const char *s, size_t *n) {
    size_t len = s ? strlen(s) : 0;
    if (len % 2) return NULL;
    unsigned char *out = malloc(len / 2 + 1);
    for (size_t i = 0; i < len / 2; i++) {
        int a = hexval(s[2 * i]), b = hexval(s[2 * i + 1]);
        if (a < 0 || b < 0) {
            free(out);
            return NULL;
        }
        out[i] = (unsigned char)(a * 16 + b);
    }
    *n = len / 2;
    return out;
}

/* "…0a0b[0c]0d…": the bytes around offset `at`, the differing one bracketed. */
static void context_hex(char *buf, size_t cap, const unsigned char *p, size_t n, size_t at) {
    size_t lo = at > 8 ? at - 8 : 0, hi = at + 9 < n ? at + 9 : n, o = 0;
    buf[0] = 0;
    if (lo > 0) o += (size_t)snprintf(buf + o, cap - o, "...");
    for (size_t i = lo; i < hi && o + 8 < cap; i++)
        o += (size_t)snprintf(buf + o, cap - o, i == at ? "[%02x]" : "%02x", p[i]);
    if (hi < n && o + 4 < cap) snprintf(buf + o, cap - o, "...");
}

/* Compare bytes; describe the first difference. */
static bool same_bytes(replay *r, const char *label, const unsigned char *got, size_t ngot,
                       const unsigned char *want, size_t nwant, int64_t itemsize) {
    if (ngot != nwant)
        return differ(r, "%s: %zu bytes, numpy %zu", label, ngot, nwant);
    for (size_t i = 0; i < ngot; i++) {
        if (got[i] != want[i]) {
            char g[96], w[96];
            context_hex(g, sizeof g, got, ngot, i);
            context_hex(w, sizeof w, want, nwant, i);
            if (itemsize > 0)
                return differ(r, "%s: byte %zu (element %zu) differs\n  ndmap %s\n  numpy %s", label, i,
                              i / (size_t)itemsize, g, w);
            return differ(r, "%s: byte %zu differs\n  ndmap %s\n  numpy %s", label, i, g, w);
        }
    }
    return true;
}

/* The array's tobytes() against expected hex. */
static bool same_hex(replay *r, const char *label, const ndm_array *a, const char *hex) {
    size_t nwant = 0;
    unsigned char *want = unhex(hex, &nwant);
    if (!want) return differ(r, "%s: bad expected hex in the case file", label);
    size_t n = (size_t)ndm_nbytes(a);
    unsigned char *got = malloc(n + 1);
    int rc = ndm_tobytes(a, got, n);
    bool ok = rc == NDM_OK ? same_bytes(r, label, got, n, want, nwant, ndm_itemsize(a))
                           : differ(r, "%s: ndm_tobytes failed: %s %s", label, ndm_error_name(rc), ndm_errmsg());
    free(got);
    free(want);
    return ok;
}

static char *shape_text(int n, const int64_t *v) {
    char *s = malloc(24 * (size_t)(n + 1) + 4);
    size_t o = 0;
    s[o++] = '(';
    for (int i = 0; i < n; i++) o += (size_t)sprintf(s + o, i ? ", %" PRId64 : "%" PRId64, v[i]);
    if (n == 1) s[o++] = ',';
    s[o++] = ')';
    s[o] = 0;
    return s;
}

static bool same_list(replay *r, const char *label, int n, const int64_t *got, const json_value *want) {
    int64_t w[NDM_MAXDIMS + 2];
    int nw = tu_int_list(want, w, NDM_MAXDIMS + 2);
    if (nw == n && (n == 0 || !memcmp(w, got, (size_t)n * sizeof *got))) return true;
    char *g = shape_text(n, got), *e = shape_text(nw < 0 ? 0 : nw, w);
    differ(r, "%s %s, numpy %s", label, g, e);
    free(g);
    free(e);
    return false;
}

static const char *or_null(const char *s) { return s ? s : "(null)"; }

/* ---- expectations ---------------------------------------------------------- */

/* An operation failed (rc < 0) or not; exp says whether numpy raised. */
static bool check_error(replay *r, int rc, const json_value *exp) {
    const char *cls = json_str(exp, "error"), *msg = json_str(exp, "message");
    if (!cls) {
        if (rc < 0) return differ(r, "failed with %s '%s'; numpy succeeded", ndm_error_name(rc), ndm_errmsg());
        return true;
    }
    if (rc >= 0) return differ(r, "succeeded; numpy raised %s: %s", cls, msg);
    if (rc != tu_code_for_class(cls) || strcmp(ndm_errmsg(), msg))
        return differ(r, "raised %s: %s\n  numpy raised %s: %s", ndm_error_name(rc), ndm_errmsg(), cls, msg);
    if (strcmp(ndm_errclass(), cls))
        return differ(r, "error class %s, numpy %s (message '%s')", ndm_errclass(), cls, msg);
    int e;
    if (rc == NDM_EOS && sscanf(msg, "[Errno %d]", &e) == 1 && ndm_errno() != e)
        return differ(r, "errno %d, numpy %d (%s)", ndm_errno(), e, msg);
    return true;
}

/* A handle against a DESC. */
static bool check_desc(replay *r, const ndm_array *a, const json_value *d) {
    if (!same_list(r, "shape", ndm_ndim(a), ndm_shape(a), json_get(d, "shape"))) return false;
    if (!same_list(r, "strides", ndm_ndim(a), ndm_strides(a), json_get(d, "strides"))) return false;
    if (strcmp(ndm_dtype_str(a), json_str(d, "dtype")))
        return differ(r, "dtype.str %s, numpy %s", ndm_dtype_str(a), json_str(d, "dtype"));
    if (strcmp(ndm_dtype_name(a), json_str(d, "name")))
        return differ(r, "dtype.name %s, numpy %s", ndm_dtype_name(a), json_str(d, "name"));
    unsigned fl = ndm_flags(a), want = (unsigned)json_int(d, "flags", -1);
    if (fl != want)
        return differ(r, "flags W%d C%d F%d O%d A%d, numpy W%d C%d F%d O%d A%d", !!(fl & NDM_WRITEABLE),
                      !!(fl & NDM_C_CONTIGUOUS), !!(fl & NDM_F_CONTIGUOUS), !!(fl & NDM_OWNDATA),
                      !!(fl & NDM_ALIGNED), !!(want & NDM_WRITEABLE), !!(want & NDM_C_CONTIGUOUS),
                      !!(want & NDM_F_CONTIGUOUS), !!(want & NDM_OWNDATA), !!(want & NDM_ALIGNED));
    bool mm = json_bool(d, "memmap", false);
    if (!!ndm_is_memmap(a) != mm) return differ(r, "is_memmap %d, numpy %d", ndm_is_memmap(a), mm);
    if (mm) {
        if (!ndm_mode(a) || strcmp(ndm_mode(a), json_str(d, "mode")))
            return differ(r, "mode %s, numpy %s", or_null(ndm_mode(a)), json_str(d, "mode"));
        if (ndm_offset(a) != json_int(d, "offset", -1))
            return differ(r, "offset %" PRId64 ", numpy %" PRId64, ndm_offset(a), json_int(d, "offset", -1));
        const char *fn = ndm_filename(a);
        size_t l = fn ? strlen(fn) : 0;
        if (!fn || fn[0] != '/' || l < sizeof "/" FN || strcmp(fn + l - strlen("/" FN), "/" FN))
            return differ(r, "filename %s is not the absolute path of " FN, or_null(fn));
    } else {
        if (ndm_mode(a) || ndm_filename(a))
            return differ(r, "not a memmap but mode %s, filename %s", or_null(ndm_mode(a)), or_null(ndm_filename(a)));
    }
    return same_hex(r, "tobytes()", a, json_str(d, "hex"));
}

/* FILE: null (no regular file) or size + patches over a base. */
static bool check_file(replay *r, const json_value *f) {
    struct stat st;
    bool regular = stat(FN, &st) == 0 && S_ISREG(st.st_mode);
    if (!f || f->type == JSON_NULL) {
        if (regular) return differ(r, "file " FN " exists (%lld bytes); numpy left none", (long long)st.st_size);
        return true;
    }
    if (!regular) return differ(r, "no regular file " FN "; numpy left %" PRId64 " bytes", json_int(f, "size", -1));
    size_t size = (size_t)json_int(f, "size", 0);
    unsigned char *want = calloc(size + 1, 1);
    const char *base = json_str(f, "base");
    if (base && !strcmp(base, "initial") && r->ninitial && size)
        memcpy(want, r->initial, r->ninitial < size ? r->ninitial : size);
    const json_value *ps = json_get(f, "patches");
    for (size_t i = 0; ps && i < ps->n; i++) {
        const json_value *p = ps->items[i];
        size_t off = (size_t)strtoull(p->items[0]->text, NULL, 10), n = 0;
        unsigned char *b = unhex(p->items[1]->text, &n);
        if (b && off + n <= size) memcpy(want + off, b, n);
        free(b);
    }
    size_t ngot = 0;
    unsigned char *got = tu_read_all(FN, &ngot);
    bool ok = same_bytes(r, "file bytes", got, got ? ngot : 0, want, size, 0);
    free(got);
    free(want);
    return ok;
}

/* The bytes of the array owning dst's memory, after an assignment. */
static bool check_root(replay *r, const json_value *exp) {
    int64_t root = json_int(exp, "root", -1);
    if (root < 0 || root >= r->nh || !r->h[root]) return differ(r, "case file names no root handle");
    char label[48];
    snprintf(label, sizeof label, "handle %" PRId64 " tobytes() afterwards", root);
    return same_hex(r, label, r->h[root], json_str(exp, "hex"));
}

/* ---- replay ----------------------------------------------------------------- */

static void prepare_file(replay *r, const json_value *spec) {
    struct stat st;
    if (lstat(FN, &st) == 0) {
        if (S_ISDIR(st.st_mode)) rmdir(FN);
        else unlink(FN);
    }
    const char *kind = json_str(spec, "kind");
    r->initial = NULL;
    r->ninitial = 0;
    if (!strcmp(kind, "dir")) {
        mkdir(FN, 0755);
    } else if (!strcmp(kind, "file")) {
        size_t n = (size_t)json_int(spec, "size", 0);
        const char *content = json_str(spec, "content");
        if (!strcmp(content, "hex")) {
            r->initial = unhex(json_str(spec, "hex"), &r->ninitial);
        } else {
            r->initial = calloc(n + 1, 1);
            r->ninitial = n;
            if (!strcmp(content, "pattern"))
                for (size_t i = 0; i < n; i++) r->initial[i] = (unsigned char)(i % 251);
        }
        tu_write_bytes(FN, r->initial, r->ninitial);
    }
}

static ndm_array *handle(replay *r, const json_value *op, const char *key) {
    int64_t i = json_int(op, key, -1);
    if (i < 0 || i >= r->nh || !r->h[i]) {
        differ(r, "case file refers to handle %" PRId64 " which does not exist", i);
        return NULL;
    }
    return r->h[i];
}

/* A step that makes a new handle: error or DESC with the next number. */
static bool new_handle(replay *r, int rc, ndm_array *a, const json_value *exp) {
    if (!check_error(r, rc, exp)) {
        if (rc >= 0) ndm_free(a);
        return false;
    }
    if (rc < 0) return true;
    if (r->nh >= MAXH) {
        ndm_free(a);
        return differ(r, "too many handles for the replayer");
    }
    r->h[r->nh++] = a;
    if (json_int(exp, "h", -1) != r->nh - 1)
        return differ(r, "case file numbers the new handle %" PRId64 ", replayer %d", json_int(exp, "h", -1),
                      r->nh - 1);
    return check_desc(r, a, exp);
}

/* The op as numpy code, for the failure log: "h3 = h0[1:, ::-2]". */
static void describe_op(const json_value *op, char *buf, size_t cap) {
    const char *kind = json_str(op, "op"), *index = json_str(op, "index");
    int64_t h = json_int(json_get(op, "expect"), "h", -1);
    char sub[160];
    snprintf(sub, sizeof sub, "[%s]", index ? index : "...");
    if (!strcmp(kind, "view"))
        snprintf(buf, cap, "h%" PRId64 " = h%" PRId64 "%s", h, json_int(op, "src", -1), sub);
    else if (!strcmp(kind, "T"))
        snprintf(buf, cap, "h%" PRId64 " = h%" PRId64 ".T", h, json_int(op, "src", -1));
    else if (!strcmp(kind, "astype"))
        snprintf(buf, cap, "h%" PRId64 " = h%" PRId64 ".astype(%s)", h, json_int(op, "src", -1),
                 json_str(op, "dtype") ? json_str(op, "dtype") : "<same>");
    else if (!strcmp(kind, "setscalar"))
        snprintf(buf, cap, "h%" PRId64 "%s = %s", json_int(op, "dst", -1), sub, json_str(op, "literal"));
    else if (!strcmp(kind, "sethandle"))
        snprintf(buf, cap, "h%" PRId64 "%s = h%" PRId64, json_int(op, "dst", -1), sub, json_int(op, "src", -1));
    else if (!strcmp(kind, "setarray")) {
        const json_value *v = json_get(op, "value");
        int64_t shape[NDM_MAXDIMS + 2];
        int nd = tu_int_list(json_get(v, "shape"), shape, NDM_MAXDIMS + 2);
        char *t = shape_text(nd < 0 ? 0 : nd, shape);
        snprintf(buf, cap, "h%" PRId64 "%s = <array %s %s order %s>", json_int(op, "dst", -1), sub,
                 json_str(v, "dtype"), t, json_str(v, "order"));
        free(t);
    } else if (!strcmp(kind, "flush"))
        snprintf(buf, cap, "h%" PRId64 ".flush()", json_int(op, "h", -1));
    else
        snprintf(buf, cap, "%s", kind);
}

static bool run_op(replay *r, const json_value *op) {
    const char *kind = json_str(op, "op");
    const json_value *exp = json_get(op, "expect");
    const char *index = json_str(op, "index"); /* NULL: the whole array */
    describe_op(op, r->what, sizeof r->what);
    if (!strcmp(kind, "view") || !strcmp(kind, "T") || !strcmp(kind, "astype")) {
        ndm_array *src = handle(r, op, "src"), *v = NULL;
        if (!src) return false;
        int rc = !strcmp(kind, "view") ? ndm_index(&v, src, index)
               : !strcmp(kind, "T")    ? ndm_transpose(&v, src)
                                       : ndm_astype(&v, src, json_str(op, "dtype"));
        return new_handle(r, rc, v, exp);
    }
    if (!strcmp(kind, "setscalar") || !strcmp(kind, "setarray") || !strcmp(kind, "sethandle")) {
        ndm_array *dst = handle(r, op, "dst"), *value = NULL;
        if (!dst) return false;
        int rc;
        if (!strcmp(kind, "setscalar")) {
            rc = ndm_setitem_scalar(dst, index, json_str(op, "literal"));
        } else if (!strcmp(kind, "sethandle")) {
            ndm_array *src = handle(r, op, "src");
            if (!src) return false;
            rc = ndm_setitem(dst, index, src);
        } else {
            const json_value *v = json_get(op, "value");
            int64_t shape[NDM_MAXDIMS + 2];
            int nd = tu_int_list(json_get(v, "shape"), shape, NDM_MAXDIMS + 2);
            size_t n = 0;
            unsigned char *bytes = unhex(json_str(v, "hex"), &n);
            rc = ndm_from_bytes(&value, json_str(v, "dtype"), nd, shape, json_str(v, "order")[0], bytes, n);
            free(bytes);
            if (rc < 0) return differ(r, "ndm_from_bytes(%s) failed: %s", json_str(v, "dtype"), ndm_errmsg());
            rc = ndm_setitem(dst, index, value);
            ndm_free(value);
        }
        return check_error(r, rc, exp) && check_root(r, exp);
    }
    if (!strcmp(kind, "flush")) {
        ndm_array *a = handle(r, op, "h");
        if (!a) return false;
        int rc = ndm_flush(a);
        return check_error(r, rc, exp) && check_file(r, json_get(exp, "file"));
    }
    return differ(r, "unknown op '%s' in the case file", kind);
}

/* Replay one scenario; NULL when ndmap matched numpy throughout. */
static char *replay_scenario(const json_value *sc) {
    replay r = {.sc = sc, .step = -1};
    prepare_file(&r, json_get(sc, "file"));
    const json_value *o = json_get(sc, "open");
    int64_t shape[NDM_MAXDIMS + 2];
    int ndim = json_is_null(o, "shape") ? -1 : tu_int_list(json_get(o, "shape"), shape, NDM_MAXDIMS + 2);
    ndm_array *a = NULL;
    int rc = ndm_memmap(&a, FN, json_str(o, "dtype"), json_str(o, "mode"), json_int(o, "offset", 0), ndim,
                        ndim > 0 ? shape : NULL, json_str(o, "order")[0]);
    bool ok = new_handle(&r, rc, a, json_get(sc, "expect"));
    const json_value *ops = json_get(sc, "ops");
    for (size_t i = 0; ok && ops && i < ops->n; i++) {
        r.step = (int)i;
        ok = run_op(&r, ops->items[i]);
    }
    if (ok) {
        r.step = -2;
        const json_value *fin = json_get(sc, "final");
        ok = check_file(&r, json_get(fin, "file"));
        const json_value *roots = json_get(fin, "roots");
        for (size_t i = 0; ok && roots && i < roots->n; i++) {
            long h = strtol(roots->keys[i], NULL, 10);
            if (h < 0 || h >= r.nh) ok = differ(&r, "case file names root %ld", h);
            else {
                char label[48];
                snprintf(label, sizeof label, "handle %ld tobytes() at the end", h);
                ok = same_hex(&r, label, r.h[h], roots->items[i]->text);
            }
        }
    }
    for (int i = r.nh - 1; i >= 0; i--) ndm_free(r.h[i]);
    free(r.initial);
    return r.why;
}

/* A one-line summary of the scenario's open for the failure log (malloc'd). */
static char *describe_open(const json_value *sc) {
    const json_value *o = json_get(sc, "open"), *f = json_get(sc, "file");
    const json_value *sh = json_get(o, "shape");
    char shape[128] = "None";
    if (sh && sh->type == JSON_ARRAY) {
        int64_t v[NDM_MAXDIMS + 2];
        int n = tu_int_list(sh, v, NDM_MAXDIMS + 2);
        char *t = shape_text(n, v);
        snprintf(shape, sizeof shape, "%s", t);
        free(t);
    }
    char file[64];
    if (!strcmp(json_str(f, "kind"), "file"))
        snprintf(file, sizeof file, "%" PRId64 "-byte %s file", json_int(f, "size", 0), json_str(f, "content"));
    else
        snprintf(file, sizeof file, "%s", json_str(f, "kind"));
    char dtype[48] = "None", mode[48] = "None";
    if (json_str(o, "dtype")) snprintf(dtype, sizeof dtype, "'%s'", json_str(o, "dtype"));
    if (json_str(o, "mode")) snprintf(mode, sizeof mode, "'%s'", json_str(o, "mode"));
    char *out = NULL;
    if (asprintf(&out, "%s; np.memmap('" FN "', dtype=%s, mode=%s, offset=%" PRId64 ", shape=%s, order='%s')",
                 file, dtype, mode, json_int(o, "offset", 0), shape, json_str(o, "order")) < 0)
        out = NULL;
    return out;
}

/* What replaying (part of) a case file found. */
typedef struct outcome {
    int replayed;  /* scenarios replayed by this part */
    int total;     /* scenarios in the file */
    int announced; /* the count the meta line announces (-1: no meta line) */
    int failures;  /* scenarios that differ from numpy */
    int malformed; /* lines that are not valid JSON */
} outcome;

/* Replay scenarios number part, part + parts, ... of a case file. false if
 * the file cannot be read. Differences and malformed lines are logged. */
static bool replay_file(const char *path, int part, int parts, outcome *out) {
    size_t len, pos = 0, ll;
    *out = (outcome){.announced = -1};
    char *buf = json_read_file(path, &len);
    if (!buf) return false;
    const char *line;
    int index = -1;
    char *dir = tu_enter_tmpdir();
    while ((line = json_next_line(buf, len, &pos, &ll))) {
        if (index == -1) {
            json_value *m = json_parse(line, ll);
            out->announced = m ? (int)json_int(json_get(m, "meta"), "count", -1) : -1;
            json_free(m);
            index = 0;
            continue;
        }
        if (index++ % parts != part) continue;
        json_value *sc = json_parse(line, ll);
        if (!sc) {
            out->malformed++;
            cr_log_error("%s: scenario line %d is not valid JSON", path, index);
            continue;
        }
        char *why = replay_scenario(sc);
        out->replayed++;
        if (why) {
            char *open = describe_open(sc);
            out->failures++;
            cr_log_error("%s [%s]\n  %s", json_str(sc, "id"), open ? open : "?", why);
            free(open);
            free(why);
        }
        json_free(sc);
    }
    out->total = index < 0 ? 0 : index;
    tu_leave_tmpdir(dir);
    free(buf);
    return true;
}

static void diff_path(char *buf, size_t cap, const char *name) {
    const char *dir = getenv("NDM_DIFF_DIR");
    if (!dir || !*dir) dir = "build/oracle";
    snprintf(buf, cap, "%s/%s", dir, name);
}

/* Fail on anything short of a complete, matching replay. */
static void judge(const char *path, const outcome *o, const char *what) {
    cr_expect(o->announced > 0 && o->total == o->announced,
              "%s: holds %d scenarios, its meta line announces %d", path, o->total, o->announced);
    cr_expect_eq(o->malformed, 0, "%s: %d malformed lines", path, o->malformed);
    cr_expect(o->replayed > 0, "%s: no scenario replayed", path);
    cr_assert_eq(o->failures, 0, "%d of %d %s differ from numpy (see the log above)", o->failures, o->replayed,
                 what);
}

/* The committed cases: must be present and complete. */
Test(core_diff, fixed_cases) {
    char path[4096];
    outcome o;
    diff_path(path, sizeof path, "core_diff_fixed.jsonl");
    cr_assert(replay_file(path, 0, 1, &o), "cannot read %s (made from tests/oracle/core_diff.jsonl.gz by make)",
              path);
    cr_expect_geq(o.total, 200, "%s: only %d scenarios", path, o.total);
    judge(path, &o, "committed scenarios");
}

/* The cases generated at build time, in three parts that run in parallel. */
static void generated_part(int part) {
    char path[4096], what[64];
    outcome o;
    diff_path(path, sizeof path, "core_diff_gen.jsonl");
    if (!replay_file(path, part, 3, &o)) {
        cr_log_warn("%s is absent (no numpy 1.24.2 to generate it): only the committed cases ran", path);
        return;
    }
    snprintf(what, sizeof what, "generated scenarios (part %d/3)", part + 1);
    judge(path, &o, what);
}

Test(core_diff, generated_part1) { generated_part(0); }
Test(core_diff, generated_part2) { generated_part(1); }
Test(core_diff, generated_part3) { generated_part(2); }

/* Any other case file, named by NDM_DIFF_FILE. */
Test(core_diff, extra_file) {
    const char *path = getenv("NDM_DIFF_FILE");
    if (!path || !*path) return;
    outcome o;
    cr_assert(replay_file(path, 0, 1, &o), "cannot read NDM_DIFF_FILE=%s", path);
    judge(path, &o, "scenarios of NDM_DIFF_FILE");
}
