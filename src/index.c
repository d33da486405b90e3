/*
 * index.c -- numpy basic indexing from text: "0, :", "1:, ::-2", "..., None".
 *
 * ndm__index_parse is pure (text in, entries out) and never reads past the
 * string; ndm__index_apply turns entries into a view's geometry with numpy's
 * rules (Python slice semantics, newaxis with stride 0, ellipsis expansion)
 * and numpy's error messages.
 */
#include "internal.h"

#include <stddef.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char NOT_VALID[] =
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
    "integer or boolean arrays are valid indices";

static int bad_syntax(const char *expr) {
    ndm__sbuf b = {0};
    ndm__sb_puts(&b, "invalid index expression ");
    ndm__sb_pyrepr(&b, expr, strlen(expr));
    int rc = b.failed ? ndm__err_nomem() : ndm__err(NDM_EVALUE, "%s", b.s);
    ndm__sb_free(&b);
    return rc;
}

/* Trim [s, e) of blanks. */
/* ASCII tests: index text is Python source, whose whitespace and digits
 * here are ASCII; inline, unlike <ctype.h>'s locale lookups. */
static inline bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static void trim(const char **s, const char **e) {
    while (*s < *e && is_space(**s)) (*s)++;
    while (*e > *s && is_space((*e)[-1])) (*e)--;
}

static bool is_word(const char *s, const char *e, const char *w) {
    size_t n = strlen(w);
    return (size_t)(e - s) == n && !memcmp(s, w, n);
}

typedef enum { NUM_OK, NUM_NOT_INT, NUM_SYNTAX } num_status;

/* A Python integer literal (sign, digits, underscores between digits),
 * saturated to int64 with *overflow set when it does not fit. */
static num_status parse_int(const char *s, const char *e, int64_t *v, bool *overflow) {
    bool neg = false;
    *overflow = false;
    if (s < e && (*s == '+' || *s == '-')) {
        neg = *s == '-';
        s++;
        while (s < e && is_space(*s)) s++;
    }
    if (s == e) return NUM_SYNTAX;
    if (!is_digit(*s)) return NUM_SYNTAX; /* a name or an operator */
    uint64_t mag = 0;
    bool prev_digit = false;
    for (const char *p = s; p < e; p++) {
        if (*p == '_' && prev_digit && p + 1 < e && is_digit(p[1])) {
            prev_digit = false;
            continue;
        }
        if (!is_digit(*p)) {
            /* "1.5", "1e3", "2j": numbers, but not integers. */
            if (*p == '.' || *p == 'e' || *p == 'E' || *p == 'j' || *p == 'J') return NUM_NOT_INT;
            return NUM_SYNTAX;
        }
        prev_digit = true;
        if (mag > (UINT64_MAX - 9) / 10) *overflow = true;
        else mag = mag * 10 + (uint64_t)(*p - '0');
    }
    if (!neg && mag > (uint64_t)INT64_MAX) *overflow = true;
    if (neg && mag > (uint64_t)INT64_MAX + 1) *overflow = true;
    if (*overflow) *v = neg ? INT64_MIN : INT64_MAX;
    else *v = neg ? (int64_t)(0 - mag) : (int64_t)mag;
    return NUM_OK;
}

/* One slice part: empty or "None" (absent), or an integer. */
static int parse_slice_part(const char *expr, const char *s, const char *e, bool *has, int64_t *v) {
    trim(&s, &e);
    *has = false;
    if (s == e || is_word(s, e, "None")) return NDM_OK;
    bool ovf;
    num_status st = parse_int(s, e, v, &ovf);
    if (st == NUM_SYNTAX) return bad_syntax(expr);
    if (st == NUM_NOT_INT)
        return ndm__err(NDM_ETYPE, "slice indices must be integers or None or have an __index__ method");
    *has = true; /* huge values saturate, as Python clamps slice bounds */
    return NDM_OK;
}

static int parse_entry(const char *expr, const char *s, const char *e, ndm__ientry *out) {
    trim(&s, &e);
    memset(out, 0, sizeof *out);
    if (s == e) return bad_syntax(expr);
    if (is_word(s, e, "...") || is_word(s, e, "Ellipsis")) {
        out->kind = NDM__IX_ELLIPSIS;
        return NDM_OK;
    }
    if (is_word(s, e, "None") || is_word(s, e, "np.newaxis") || is_word(s, e, "numpy.newaxis") ||
        is_word(s, e, "newaxis")) {
        out->kind = NDM__IX_NEWAXIS;
        return NDM_OK;
    }
    const char *c1 = memchr(s, ':', (size_t)(e - s));
    if (c1) {
        const char *c2 = memchr(c1 + 1, ':', (size_t)(e - c1 - 1));
        if (c2 && memchr(c2 + 1, ':', (size_t)(e - c2 - 1))) return bad_syntax(expr);
        out->kind = NDM__IX_SLICE;
        NDM__TRY(parse_slice_part(expr, s, c1, &out->has_start, &out->start));
        NDM__TRY(parse_slice_part(expr, c1 + 1, c2 ? c2 : e, &out->has_stop, &out->stop));
        if (c2) NDM__TRY(parse_slice_part(expr, c2 + 1, e, &out->has_step, &out->step));
        return NDM_OK;
    }
    if (*s == '[' || *s == '(' || is_word(s, e, "True") || is_word(s, e, "False"))
        return ndm__err(NDM_ENOTSUP,
                        "advanced (integer or boolean array) indexing makes copies, not views; "
                        "ndmap supports basic indexing only");
    bool ovf;
    int64_t v;
    num_status st = parse_int(s, e, &v, &ovf);
    if (st == NUM_SYNTAX) {
        /* A quoted string is a valid Python value of the wrong type; names
         * and operators are not index expressions ndmap evaluates. */
        if (*s == '\'' || *s == '"') return ndm__err(NDM_EINDEX, "%s", NOT_VALID);
        return bad_syntax(expr);
    }
    if (st == NUM_NOT_INT) return ndm__err(NDM_EINDEX, "%s", NOT_VALID); /* 1.5, 1e3, 2j */
    if (ovf) return ndm__err(NDM_EINDEX, "cannot fit 'int' into an index-sized integer");
    out->kind = NDM__IX_INT;
    out->value = v;
    return NDM_OK;
}

int ndm__index_parse(const char *expr, ndm__index *out) {
    if (!expr) expr = "...";
    out->n = 0;
    out->all_int = false;
    const char *s = expr, *end = expr + strlen(expr);
    trim(&s, &end);
    if (s == end) return bad_syntax(expr);
    if (is_word(s, end, "()")) return NDM_OK; /* a[()] */
    /* A parenthesised tuple "(0, 1)" means the same as "0, 1". */
    if (*s == '(' && end[-1] == ')' && memchr(s, ',', (size_t)(end - s))) {
        s++;
        end--;
    }
    bool ellipsis = false;
    while (s <= end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *e = comma ? comma : end;
        const char *ts = s, *te = e;
        trim(&ts, &te);
        if (ts == te) {
            /* Only a trailing comma after at least one entry is Python. */
            if (!comma && out->n > 0) break;
            return bad_syntax(expr);
        }
        if (out->n == NDM__MAX_INDEX)
            return ndm__err(NDM_EINDEX, "too many indices for array");
        ndm__ientry *en = &out->e[out->n];
        NDM__TRY(parse_entry(expr, ts, te, en));
        if (en->kind == NDM__IX_ELLIPSIS) {
            if (ellipsis) return ndm__err(NDM_EINDEX, "an index can only have a single ellipsis ('...')");
            ellipsis = true;
        }
        out->n++;
        if (!comma) break;
        s = comma + 1;
    }
    return NDM_OK;
}

/* Python's slice.indices(): normalised start, step and the length. */
static int64_t slice_adjust(const ndm__ientry *en, int64_t len, int64_t *start, int64_t *step) {
    int64_t st = en->has_step ? en->step : 1;
    if (st < -INT64_MAX) st = -INT64_MAX; /* Python clamps so -step cannot overflow */
    int64_t b, e;
    if (st > 0) {
        b = en->has_start ? en->start : 0;
        e = en->has_stop ? en->stop : len;
        if (b < 0) { b += len; if (b < 0) b = 0; } else if (b > len) b = len;
        if (e < 0) { e += len; if (e < 0) e = 0; } else if (e > len) e = len;
    } else {
        b = en->has_start ? en->start : len - 1;
        e = en->has_stop ? en->stop : -1 - len; /* "before the beginning" */
        if (b < 0) { b += len; if (b < 0) b = -1; } else if (b >= len) b = len - 1;
        if (e < 0) { e += len; if (e < 0) e = -1; } else if (e >= len) e = len - 1;
    }
    *start = b;
    *step = st;
    if (st > 0) return e > b ? (int64_t)(((uint64_t)e - (uint64_t)b - 1) / (uint64_t)st) + 1 : 0;
    return b > e ? (int64_t)(((uint64_t)b - (uint64_t)e - 1) / (uint64_t)(-st)) + 1 : 0;
}

int ndm__index_apply(const ndm_array *a, const ndm__index *ix, char **data, int *ndim,
                     int64_t *shape, int64_t *strides) {
    int consumed = 0;
    for (int i = 0; i < ix->n; i++)
        if (ix->e[i].kind == NDM__IX_INT || ix->e[i].kind == NDM__IX_SLICE) consumed++;
    if (consumed > a->ndim)
        return ndm__err(NDM_EINDEX,
                        "too many indices for array: array is %d-dimensional, but %d were indexed",
                        a->ndim, consumed);
    char *p = a->data;
    int axis = 0, out = 0;
    for (int i = 0; i <= ix->n; i++) {
        const ndm__ientry *en = i < ix->n ? &ix->e[i] : NULL;
        if (!en || en->kind == NDM__IX_ELLIPSIS) {
            /* Full slices for the axes no entry claims: those the ellipsis
             * stands for, or the implicit tail after the last entry. */
            int claimed_after = 0;
            for (int j = i + 1; j < ix->n; j++)
                if (ix->e[j].kind == NDM__IX_INT || ix->e[j].kind == NDM__IX_SLICE) claimed_after++;
            int fill = a->ndim - axis - claimed_after;
            for (int k = 0; k < fill; k++, axis++) {
                if (out >= NDM_MAXDIMS) goto too_deep;
                shape[out] = a->shape[axis];
                strides[out++] = a->strides[axis];
            }
            continue;
        }
        switch (en->kind) {
        case NDM__IX_NEWAXIS:
            if (out >= NDM_MAXDIMS) goto too_deep;
            shape[out] = 1;
            strides[out++] = 0;
            break;
        case NDM__IX_INT: {
            int64_t len = a->shape[axis], v = en->value;
            if (v < -len || v >= len)
                return ndm__err(NDM_EINDEX, "index %lld is out of bounds for axis %d with size %lld",
                                (long long)v, axis, (long long)len);
            if (v < 0) v += len;
            p += v * a->strides[axis];
            axis++;
            break;
        }
        case NDM__IX_SLICE: {
            if (en->has_step && en->step == 0) return ndm__err(NDM_EVALUE, "slice step cannot be zero");
            int64_t start, step, len = slice_adjust(en, a->shape[axis], &start, &step);
            if (out >= NDM_MAXDIMS) goto too_deep;
            if (len <= 0) { /* numpy points an empty slice at its start, step 1 */
                start = 0;
                step = 1;
            }
            p += start * a->strides[axis];
            shape[out] = len;
            strides[out++] = (int64_t)((uint64_t)a->strides[axis] * (uint64_t)step);
            axis++;
            break;
        }
        default:
            break;
        }
    }
    *data = p;
    *ndim = out;
    return NDM_OK;
too_deep:
    return ndm__err(NDM_EINDEX, "number of dimensions must be within [0, %d], the index makes more",
                    NDM_MAXDIMS);
}

/* All entries integers, one per dimension: numpy's scalar selection. */
static bool selects_scalar(const ndm_array *a, const ndm__index *ix) {
    for (int i = 0; i < ix->n; i++)
        if (ix->e[i].kind != NDM__IX_INT) return false;
    return ix->n == a->ndim;
}

int ndm__view(ndm_array *a, const char *expr, ndm_array *view, bool *scalar) {
    ndm__index ix;
    NDM__TRY(ndm__index_parse(expr, &ix));
    /* The header without a's shape and strides (index_apply fills the
     * view's): not the whole 1 KiB struct. */
    memcpy(view, a, offsetof(ndm_array, shape));
    view->owndata = false;
    NDM__TRY(ndm__index_apply(a, &ix, &view->data, &view->ndim, view->shape, view->strides));
    /* numpy: a view stays a memmap only if it shares memory, which an empty
     * view never does. */
    view->memmap = a->memmap && ndm__size(view->ndim, view->shape) > 0;
    if (scalar) *scalar = selects_scalar(a, &ix);
    return NDM_OK;
}

int ndm_index(ndm_array **out, ndm_array *a, const char *expr) {
    if (!out || !a) return ndm__err(NDM_EVALUE, "array or out is NULL");
    ndm_array *v = malloc(sizeof *v);
    if (!v) return ndm__err_nomem();
    int rc = ndm__view(a, expr, v, NULL);
    if (rc < 0) {
        free(v);
        return rc;
    }
    v->buf = ndm__buffer_ref(a->buf);
    *out = v;
    return NDM_OK;
}

int ndm_transpose(ndm_array **out, ndm_array *a) {
    if (!out || !a) return ndm__err(NDM_EVALUE, "array or out is NULL");
    int64_t shape[NDM_MAXDIMS], strides[NDM_MAXDIMS];
    for (int i = 0; i < a->ndim; i++) {
        shape[i] = a->shape[a->ndim - 1 - i];
        strides[i] = a->strides[a->ndim - 1 - i];
    }
    NDM__TRY(ndm__array_new(a->buf, a->data, a->dtype, a->ndim, shape, strides, a->writeable, false, out));
    (*out)->memmap = a->memmap && ndm__size(a->ndim, a->shape) > 0;
    return NDM_OK;
}
