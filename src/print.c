/*
 * print.c -- numpy's repr() and str() of arrays, byte for byte as numpy >= 2.3
 * prints them (numpy/_core/arrayprint.py with legacy=False, and the scalar
 * str of scalartypes.c.src for 0-d str).
 *
 * The pipeline mirrors numpy's:
 *   1. options are validated (numpy's messages) and the summarisation plan is
 *      made per axis: which indices are displayed, and which indices form the
 *      formatter's data (numpy's _leading_trailing: the displayed corners);
 *   2. an element formatter is built from that data only (bool, integer,
 *      float, complex: numpy's BoolFormat, IntegerFormat, FloatingFormat,
 *      ComplexFloatingFormat), never from hidden elements, so a summarised
 *      10^6-element memmap reads only its corners;
 *   3. the layout engine (numpy's _formatArray / _extendLine) writes nested
 *      brackets, wrapping lines at the line width;
 *   4. repr adds the prefix and the shape= / dtype= extras.
 * Digits come from fmt_float.c (Dragon4); elements are read with ndm__load.
 *
 * All output goes into growable ndm__sbuf strings; an allocation failure
 * anywhere is reported once at the end as NDM_ENOMEM. Nothing here aborts,
 * prints, or keeps global state.
 */
#include "internal.h"
#include "fmt_float.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- options ------------------------------------------------------------- */

void ndm_print_options_default(ndm_print_options *o) {
    if (!o) return;
    o->precision = 8;
    o->threshold = 1000;
    o->edgeitems = 3;
    o->linewidth = 75;
    o->suppress = 0;
    o->sign = '-';
    o->floatmode = "maxprec";
    o->nanstr = "nan";
    o->infstr = "inf";
}

typedef enum { FM_FIXED, FM_UNIQUE, FM_MAXPREC, FM_MAXPREC_EQUAL } floatmode;

static int64_t cplen(const char *s, size_t n);

/* Validated options. */
typedef struct popts {
    int precision;
    int64_t threshold;
    int64_t edgeitems;
    int64_t linewidth;
    bool suppress;
    char sign;
    floatmode fm;
    const char *nanstr, *infstr;
    int64_t nanlen, inflen;
} popts;

/*
 * Check options as numpy's set_printoptions does, in its order (floatmode,
 * then sign). NULL strings mean the defaults. Negative precision is accepted
 * here and refused only when a float formatter needs it, as numpy does.
 */
static int popts_load(const ndm_print_options *in, popts *o) {
    ndm_print_options d;
    ndm_print_options_default(&d);
    if (!in) in = &d;
    const char *fm = in->floatmode ? in->floatmode : "maxprec";
    if (strcmp(fm, "fixed") == 0) o->fm = FM_FIXED;
    else if (strcmp(fm, "unique") == 0) o->fm = FM_UNIQUE;
    else if (strcmp(fm, "maxprec") == 0) o->fm = FM_MAXPREC;
    else if (strcmp(fm, "maxprec_equal") == 0) o->fm = FM_MAXPREC_EQUAL;
    else
        return ndm__err(NDM_EVALUE, "floatmode option must be one of \"fixed\", "
                                    "\"unique\", \"maxprec\", \"maxprec_equal\"");
    if (in->sign != '-' && in->sign != '+' && in->sign != ' ')
        return ndm__err(NDM_EVALUE, "sign option must be one of ' ', '+', or '-'");
    o->precision = in->precision;
    o->threshold = in->threshold;
    o->edgeitems = in->edgeitems;
    o->linewidth = in->linewidth;
    o->suppress = in->suppress != 0;
    o->sign = in->sign;
    o->nanstr = in->nanstr ? in->nanstr : "nan";
    o->infstr = in->infstr ? in->infstr : "inf";
    o->nanlen = cplen(o->nanstr, strlen(o->nanstr));
    o->inflen = cplen(o->infstr, strlen(o->infstr));
    return NDM_OK;
}

/* ---- the summarisation plan ----------------------------------------------- */

/*
 * Per axis: what is displayed and what the formatter sees. With summarising
 * on (size > threshold) an axis longer than 2*edgeitems shows its first
 * `lead` and last `trail` entries with "..." between; numpy's loop shape
 * makes trail at least 1 (a[-1] is always printed), so edgeitems 0 prints
 * "[..., last]". The formatter's data along the axis is numpy's
 * a[:e] ++ a[-e:] with Python slice semantics (for e == 0 that is the whole
 * axis, so edgeitems 0 reads every element, as numpy does); the two ranges
 * may overlap, which does not change any decision.
 */
typedef struct axisplan {
    bool summary;
    int64_t lead, trail;
    int64_t lo[2], hi[2];
} axisplan;

static void make_plan(const ndm_array *a, bool summarise, int64_t e, axisplan *plan) {
    for (int k = 0; k < a->ndim; k++) {
        int64_t n = a->shape[k];
        axisplan *p = &plan[k];
        /* 2*e as numpy computes it in Python ints; clamp to avoid overflow. */
        bool longer = e < 0 || (e <= INT64_MAX / 2 && n > 2 * e);
        p->summary = summarise && longer;
        if (p->summary) {
            p->lead = e > 0 ? e : 0;
            p->trail = e > 1 ? e : 1;
            /* a[:e] */
            p->lo[0] = 0;
            p->hi[0] = e >= 0 ? (e < n ? e : n) : (n + e > 0 ? n + e : 0);
            /* a[-e:] */
            if (e <= 0) {
                int64_t s = e == INT64_MIN ? INT64_MAX : -e;
                p->lo[1] = s < n ? s : n;
            } else {
                p->lo[1] = n - e > 0 ? n - e : 0;
            }
            p->hi[1] = n;
        } else {
            p->lead = 0;
            p->trail = n;
            p->lo[0] = 0;
            p->hi[0] = n;
            p->lo[1] = p->hi[1] = 0;
        }
    }
}

typedef void (*visit_fn)(void *st, const ndm__value *v);

/* Call fn for every element of the formatter's data (the plan's ranges). */
static void visit_data(const ndm_array *a, const axisplan *plan, int depth,
                       const char *p, visit_fn fn, void *st) {
    if (depth == a->ndim) {
        ndm__value v;
        ndm__load(a->dtype, p, &v);
        fn(st, &v);
        return;
    }
    const axisplan *ap = &plan[depth];
    for (int r = 0; r < 2; r++)
        for (int64_t i = ap->lo[r]; i < ap->hi[r]; i++)
            visit_data(a, plan, depth + 1, p + i * a->strides[depth], fn, st);
}

/* ---- float formatting (numpy's FloatingFormat) ----------------------------- */

/*
 * Append one fmt_float result to out. The common case fits a stack buffer;
 * long results (a huge precision or padding) retry on the heap.
 */
static int ff_put(ndm__sbuf *out, double v, ndm__fbits bits, const ndm__ffmt *o,
                  bool sci) {
    char stack[384];
    int n = sci ? ndm__format_scientific(stack, sizeof stack, v, bits, o)
                : ndm__format_positional(stack, sizeof stack, v, bits, o);
    if (n >= 0) {
        ndm__sb_put(out, stack, (size_t)n);
        return NDM_OK;
    }
    for (size_t cap = 4096; n == NDM__FMT_ENOSPC; cap *= 4) {
        if (cap > ((size_t)1 << 30)) return ndm__err_nomem();
        char *h = malloc(cap);
        if (!h) return ndm__err_nomem();
        n = sci ? ndm__format_scientific(h, cap, v, bits, o)
                : ndm__format_positional(h, cap, v, bits, o);
        if (n >= 0) ndm__sb_put(out, h, (size_t)n);
        free(h);
        if (n >= 0) return NDM_OK;
    }
    /* Only option combinations numpy's arrayprint never passes get here. */
    return ndm__err(NDM_EVALUE, "invalid float formatting options");
}

/* One FloatingFormat: settings, data statistics, and the derived layout. */
typedef struct ffmt {
    ndm__fbits bits;
    const popts *o;
    char sign;            /* '-', '+', ' ' */
    /* statistics over the formatter's data */
    int64_t nfinite, nnonfinite;
    bool any_neginf, any_signbit;
    bool have_nz;
    double mx, mn;        /* max / min |x| over finite non-zero values */
    /* decisions */
    bool exp_format;
    int precision;        /* -1: None */
    bool unique;
    ndm__trim trim;
    int min_digits;       /* -1: None */
    int64_t pad_left, pad_right, exp_size;
    /* first-pass maxima */
    int64_t max_int, max_frac, max_exp;
    ndm__sbuf scratch;
    int err;
} ffmt;

static ndm__fbits type_bits(ndm__type t) {
    switch (t) {
    case NDM__FLOAT16: return NDM__F16;
    case NDM__FLOAT32: case NDM__COMPLEX64: return NDM__F32;
    default: return NDM__F64;
    }
}

static void ff_init(ffmt *f, ndm__fbits bits, const popts *o, char sign) {
    memset(f, 0, sizeof *f);
    f->bits = bits;
    f->o = o;
    f->sign = sign;
    f->precision = o->fm == FM_UNIQUE ? -1 : o->precision;
}

static void ff_stats(ffmt *f, double x) {
    if (isfinite(x)) {
        f->nfinite++;
        if (signbit(x)) f->any_signbit = true;
        if (x != 0) {
            double ax = fabs(x);
            if (!f->have_nz) {
                f->mx = f->mn = ax;
                f->have_nz = true;
            } else {
                if (ax > f->mx) f->mx = ax;
                if (ax < f->mn) f->mn = ax;
            }
        }
    } else {
        f->nnonfinite++;
        if (isinf(x) && x < 0) f->any_neginf = true;
    }
}

/* mx / mn computed in the array's dtype, as numpy divides two scalars of it
 * (float16 divides in float and rounds back to half). */
static double div_in_dtype(ndm__fbits bits, double a, double b) {
    if (bits == NDM__F64) return a / b;
    float q = (float)a / (float)b;
    if (bits == NDM__F32) return q;
    return ndm__half_to_double(ndm__float_to_half(q));
}

/*
 * The scientific decision (numpy >= 2.3): max >= 10**min(8, finfo.precision)
 * (1e3 half, 1e6 single, 1e8 double), or, unless suppress, min < 1e-4 or
 * max/min > 1000. The constants are converted to the dtype first (NEP 50
 * weak Python floats), which matters for float32(1e-4) and float16(1e-4).
 */
static void ff_decide(ffmt *f) {
    f->exp_format = false;
    if (!f->have_nz) return;
    double cutoff = f->bits == NDM__F16 ? 1e3 : f->bits == NDM__F32 ? 1e6 : 1e8;
    double tiny = f->bits == NDM__F64 ? 1e-4
                  : f->bits == NDM__F32 ? (double)(float)1e-4
                                        : ndm__half_to_double(ndm__double_to_half(1e-4));
    if (f->mx >= cutoff)
        f->exp_format = true;
    else if (!f->o->suppress &&
             (f->mn < tiny || div_in_dtype(f->bits, f->mx, f->mn) > 1000.0))
        f->exp_format = true;
}

/* Options of numpy's first pass over the data. */
static ndm__ffmt ff_first_opts(const ffmt *f) {
    ndm__ffmt o = NDM__FFMT_DEFAULT;
    o.precision = f->precision;
    o.unique = 1;
    o.trim = NDM__TRIM_DOT;
    if (f->o->fm == FM_FIXED) {
        o.unique = 0;
        o.trim = NDM__TRIM_K;
    }
    o.fractional = 1;
    o.sign = f->sign == '+';
    return o;
}

/* First pass: measure the integer, fraction and exponent parts. */
static void ff_measure(ffmt *f, double x) {
    if (f->err || !isfinite(x)) return;
    ndm__ffmt o = ff_first_opts(f);
    f->scratch.len = 0;
    int rc = ff_put(&f->scratch, x, f->bits, &o, f->exp_format);
    if (rc < 0 || f->scratch.failed) {
        f->err = rc < 0 ? rc : ndm__err_nomem();
        return;
    }
    const char *s = f->scratch.s;
    size_t n = f->scratch.len;
    size_t mant = n;
    if (f->exp_format) {
        const char *e = memchr(s, 'e', n);
        if (e) {
            mant = (size_t)(e - s);
            int64_t el = (int64_t)(n - mant - 1);
            if (el > f->max_exp) f->max_exp = el;
        }
    }
    const char *dot = memchr(s, '.', mant);
    size_t il = dot ? (size_t)(dot - s) : mant;
    size_t fl = dot ? mant - il - 1 : 0;
    if ((int64_t)il > f->max_int) f->max_int = (int64_t)il;
    if ((int64_t)fl > f->max_frac) f->max_frac = (int64_t)fl;
}

/* Turn the first pass into the final layout (numpy's fillFormat tail). */
static void ff_finish(ffmt *f) {
    if (f->nfinite == 0) {
        f->pad_left = 0;
        f->pad_right = 0;
        f->trim = NDM__TRIM_DOT;
        f->exp_size = -1;
        f->unique = true;
        f->min_digits = -1;
    } else if (f->exp_format) {
        f->unique = f->o->fm != FM_FIXED;
        f->exp_size = f->max_exp - 1;
        f->trim = NDM__TRIM_K;
        f->precision = (int)f->max_frac;
        f->min_digits = f->precision;
        f->pad_left = f->max_int;
        f->pad_right = f->exp_size + 2 + f->precision;
    } else {
        f->unique = f->o->fm != FM_FIXED;
        f->pad_left = f->max_int;
        f->pad_right = f->max_frac;
        f->exp_size = -1;
        if (f->o->fm == FM_FIXED || f->o->fm == FM_MAXPREC_EQUAL) {
            f->precision = f->min_digits = (int)f->pad_right;
            f->trim = NDM__TRIM_K;
        } else {
            f->trim = NDM__TRIM_DOT;
            f->min_digits = 0;
        }
    }
    if (f->sign == ' ' && !f->any_signbit) f->pad_left += 1;
    if (f->nnonfinite > 0) {
        int64_t neginf = (f->sign != '-' || f->any_neginf) ? 1 : 0;
        int64_t offset = f->pad_right + 1;
        if (f->o->nanlen - offset > f->pad_left) f->pad_left = f->o->nanlen - offset;
        if (f->o->inflen + neginf - offset > f->pad_left)
            f->pad_left = f->o->inflen + neginf - offset;
    }
}

/* Python's len() of UTF-8 text: code points, not bytes (nanstr and infstr
 * may hold any text). */
static int64_t cplen(const char *s, size_t n) {
    int64_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static void put_spaces(ndm__sbuf *b, int64_t n) {
    static const char sp[] = "                                ";
    while (n > 0) {
        int64_t k = n < 32 ? n : 32;
        ndm__sb_put(b, sp, (size_t)k);
        n -= k;
    }
}

/* Format one value with the final settings (numpy's FloatingFormat.__call__). */
static int ff_format(const ffmt *f, double x, ndm__sbuf *out) {
    if (!isfinite(x)) {
        const char *sg = "";
        const char *txt;
        int64_t tl;
        if (isnan(x)) {
            if (f->sign == '+') sg = "+";
            txt = f->o->nanstr;
            tl = f->o->nanlen;
        } else {
            sg = x < 0 ? "-" : f->sign == '+' ? "+" : "";
            txt = f->o->infstr;
            tl = f->o->inflen;
        }
        put_spaces(out, f->pad_left + f->pad_right + 1 - (tl + (int64_t)strlen(sg)));
        ndm__sb_puts(out, sg);
        ndm__sb_puts(out, txt);
        return NDM_OK;
    }
    if (f->nfinite == 0)
        /* Only reachable with negative edgeitems, where numpy's formatter
         * data can miss displayed elements: its min_digits is still None
         * and dragon4_positional refuses it. */
        return ndm__err(NDM_ETYPE, "'NoneType' object cannot be interpreted as an integer");
    ndm__ffmt o = NDM__FFMT_DEFAULT;
    o.precision = f->precision;
    o.min_digits = f->min_digits;
    o.unique = f->unique;
    o.fractional = 1;
    o.trim = f->trim;
    o.sign = f->sign == '+';
    o.pad_left = f->pad_left > INT32_MAX ? INT32_MAX : (int)f->pad_left;
    if (f->exp_format) {
        o.exp_digits = (int)f->exp_size;
    } else {
        o.pad_right = f->pad_right > INT32_MAX ? INT32_MAX : (int)f->pad_right;
    }
    return ff_put(out, x, f->bits, &o, f->exp_format);
}

/* ---- the element formatter ---------------------------------------------- */

typedef struct fmtr {
    ndm__kind kind;
    bool zero_d;
    /* integers: numpy's '{:<sign><width>d}' */
    char isign;
    int64_t iwidth;
    bool have_int;
    int64_t imin, imax;   /* signed kinds */
    uint64_t umin, umax;  /* unsigned kind */
    /* floats: re is the real formatter; im the imaginary one (complex) */
    ffmt re, im;
} fmtr;

static void int_stats(void *st, const ndm__value *v) {
    fmtr *f = st;
    if (v->kind == NDM__KIND_UINT) {
        if (!f->have_int) f->umin = f->umax = v->v.u;
        if (v->v.u < f->umin) f->umin = v->v.u;
        if (v->v.u > f->umax) f->umax = v->v.u;
    } else {
        if (!f->have_int) f->imin = f->imax = v->v.i;
        if (v->v.i < f->imin) f->imin = v->v.i;
        if (v->v.i > f->imax) f->imax = v->v.i;
    }
    f->have_int = true;
}

static void float_stats(void *st, const ndm__value *v) {
    fmtr *f = st;
    if (f->kind == NDM__KIND_COMPLEX) {
        ff_stats(&f->re, v->v.c[0]);
        ff_stats(&f->im, v->v.c[1]);
    } else {
        ff_stats(&f->re, v->v.f);
    }
}

static void float_measure(void *st, const ndm__value *v) {
    fmtr *f = st;
    if (f->kind == NDM__KIND_COMPLEX) {
        ff_measure(&f->re, v->v.c[0]);
        ff_measure(&f->im, v->v.c[1]);
    } else {
        ff_measure(&f->re, v->v.f);
    }
}

static int decimal_len_i(int64_t x) {
    char b[32];
    return snprintf(b, sizeof b, "%" PRId64, x);
}
static int decimal_len_u(uint64_t x) {
    char b[32];
    return snprintf(b, sizeof b, "%" PRIu64, x);
}

static void fmtr_free(fmtr *f) {
    ndm__sb_free(&f->re.scratch);
    ndm__sb_free(&f->im.scratch);
}

/* Build the formatter from the plan's data. */
static int fmtr_build(fmtr *f, const ndm_array *a, const axisplan *plan, const popts *o) {
    memset(f, 0, sizeof *f);
    f->kind = ndm__type_kind(a->dtype.type);
    f->zero_d = a->ndim == 0;
    switch (f->kind) {
    case NDM__KIND_BOOL:
        return NDM_OK;
    case NDM__KIND_INT:
    case NDM__KIND_UINT: {
        visit_data(a, plan, 0, a->data, int_stats, f);
        char sign = o->sign;
        int64_t w = 0;
        if (f->have_int) {
            bool neg_min = f->kind == NDM__KIND_INT && f->imin < 0;
            bool max_nonneg = f->kind == NDM__KIND_UINT || f->imax >= 0;
            int64_t lmax = f->kind == NDM__KIND_UINT ? decimal_len_u(f->umax) : decimal_len_i(f->imax);
            int64_t lmin = f->kind == NDM__KIND_UINT ? decimal_len_u(f->umin) : decimal_len_i(f->imin);
            if (sign == ' ' && neg_min) sign = '-';
            if (max_nonneg && (sign == '+' || sign == ' ')) lmax += 1;
            w = lmax > lmin ? lmax : lmin;
        }
        f->isign = sign;
        f->iwidth = w;
        return NDM_OK;
    }
    case NDM__KIND_FLOAT:
    case NDM__KIND_COMPLEX:
        break;
    }
    if (o->fm != FM_UNIQUE && o->precision < 0)
        return ndm__err(NDM_EVALUE, "precision must be >= 0");
    ndm__fbits bits = type_bits(a->dtype.type);
    ff_init(&f->re, bits, o, o->sign);
    ff_init(&f->im, bits, o, '+');
    visit_data(a, plan, 0, a->data, float_stats, f);
    ff_decide(&f->re);
    ff_decide(&f->im);
    visit_data(a, plan, 0, a->data, float_measure, f);
    if (f->re.err) return f->re.err;
    if (f->im.err) return f->im.err;
    ff_finish(&f->re);
    ff_finish(&f->im);
    return NDM_OK;
}

/* Append the formatted element at p. */
static int fmtr_word(const fmtr *f, const ndm_array *a, const char *p, ndm__sbuf *out) {
    ndm__value v;
    ndm__load(a->dtype, p, &v);
    switch (f->kind) {
    case NDM__KIND_BOOL:
        ndm__sb_puts(out, v.v.b ? (f->zero_d ? "True" : " True") : "False");
        return NDM_OK;
    case NDM__KIND_INT:
    case NDM__KIND_UINT: {
        char b[40];
        int n;
        bool nonneg = v.kind == NDM__KIND_UINT || v.v.i >= 0;
        const char *sg = (nonneg && f->isign == '+') ? "+" : (nonneg && f->isign == ' ') ? " " : "";
        if (v.kind == NDM__KIND_UINT) n = snprintf(b, sizeof b, "%s%" PRIu64, sg, v.v.u);
        else n = snprintf(b, sizeof b, "%s%" PRId64, sg, v.v.i);
        put_spaces(out, f->iwidth - n);
        ndm__sb_put(out, b, (size_t)n);
        return NDM_OK;
    }
    case NDM__KIND_FLOAT:
        return ff_format(&f->re, v.v.f, out);
    case NDM__KIND_COMPLEX: {
        NDM__TRY(ff_format(&f->re, v.v.c[0], out));
        size_t start = out->len;
        NDM__TRY(ff_format(&f->im, v.v.c[1], out));
        if (out->failed) return NDM_OK;
        /* 'j' goes before the imaginary text's trailing padding. */
        size_t end = out->len, sp = end;
        while (sp > start && out->s[sp - 1] == ' ') sp--;
        ndm__sb_putc(out, ' ');
        if (out->failed) return NDM_OK;
        memmove(out->s + sp + 1, out->s + sp, end - sp);
        out->s[sp] = 'j';
        return NDM_OK;
    }
    }
    return NDM_OK;
}

/* ---- layout (numpy's _formatArray) -------------------------------------- */

typedef struct layout {
    const ndm_array *a;
    const axisplan *plan;
    const fmtr *f;
    const char *sep;      /* ", " (repr) or " " (str) */
    size_t seplen;
    size_t seprlen;       /* separator without trailing spaces */
    ndm__sbuf *out;
    ndm__sbuf word;       /* scratch for one element's text */
    int err;
} layout;

/*
 * Write the sub-array at `p` (axis `depth`) as numpy's recurser does with
 * hanging indent `indent` (a count of spaces) and width `width`: numpy builds
 * the text s with the indent in front of every line and returns
 * "[" + s[len(indent):] + "]". For the rows (last axis) this is done
 * literally, because a wrapped line is right-stripped and an all-blank line
 * (possible with nanstr '') loses its indent too, which shifts what the
 * final cut removes. For outer axes s always starts with the indent followed
 * by "[" or "...", so the first indent is simply not written.
 */
static void emit_block(layout *L, int depth, const char *p, int64_t indent, int64_t width) {
    const ndm_array *a = L->a;
    const axisplan *ap = &L->plan[depth];
    ndm__sbuf *out = L->out;
    int axes_left = a->ndim - depth;
    int64_t n = a->shape[depth], stride = a->strides[depth];
    int64_t nitems = ap->lead + (ap->summary ? 1 : 0) + ap->trail;

    ndm__sb_putc(out, '[');
    if (axes_left == 1) {
        /* Words are placed while len(line) + len(word) <= width - 1 (the
         * closing bracket); a word never wraps onto a line of its own. */
        int64_t limit = width - 1;
        int64_t linelen = indent;
        size_t s0 = out->len, lstart = s0;
        put_spaces(out, indent);
        for (int64_t k = 0; k < nitems; k++) {
            ndm__sbuf *w = &L->word;
            w->len = 0;
            if (k < ap->lead) {
                L->err = fmtr_word(L->f, a, p + k * stride, w);
            } else if (ap->summary && k == ap->lead) {
                ndm__sb_put(w, "...", 3);
            } else {
                int64_t i = n - (nitems - k);
                L->err = fmtr_word(L->f, a, p + i * stride, w);
            }
            if (L->err) return;
            if (w->failed) {
                out->failed = true;
                return;
            }
            int64_t wlen = cplen(w->s, w->len);
            if (linelen + wlen > limit && linelen > indent) {
                /* numpy: s += line.rstrip() + "\n"; line = hanging_indent */
                while (out->len > lstart && out->s[out->len - 1] == ' ') out->len--;
                if (out->s) out->s[out->len] = '\0';
                ndm__sb_putc(out, '\n');
                lstart = out->len;
                put_spaces(out, indent);
                linelen = indent;
            }
            ndm__sb_put(out, w->s, w->len);
            linelen += wlen;
            if (k + 1 < nitems) {
                ndm__sb_put(out, L->sep, L->seplen);
                linelen += (int64_t)L->seplen;
            }
        }
        /* s[len(indent):]; s holds at least the indent (a wrap leaves
         * "\n" + indent + word behind it). */
        if (out->failed) return;
        size_t cut = (size_t)indent;
        memmove(out->s + s0, out->s + s0 + cut, out->len - s0 - cut);
        out->len -= cut;
        out->s[out->len] = '\0';
    } else {
        for (int64_t k = 0; k < nitems && !L->err; k++) {
            if (k > 0) put_spaces(out, indent);
            if (k < ap->lead) {
                emit_block(L, depth + 1, p + k * stride, indent + 1, width - 1);
            } else if (ap->summary && k == ap->lead) {
                ndm__sb_put(out, "...", 3);
            } else {
                int64_t i = n - (nitems - k);
                emit_block(L, depth + 1, p + i * stride, indent + 1, width - 1);
            }
            if (k + 1 < nitems) {
                ndm__sb_put(out, L->sep, L->seprlen);
                for (int j = 1; j < axes_left; j++) ndm__sb_putc(out, '\n');
            }
            if (out->failed) return;
        }
    }
    ndm__sb_putc(out, ']');
}

/* ---- the scalar str of a 0-d array (scalartypes.c.src) --------------------- */

/*
 * numpy >= 2.3 float scalar str: positional (shortest digits, trim `tpos`)
 * for 0, nan and 1e-4 <= |x| < Cs, with Cs = 1e3 (half), 1e6 (single),
 * 1e16 (double); otherwise scientific with trim `tsci`. The comparisons are
 * made as numpy's C makes them (long double constants for float/double, a
 * double constant for half), so float32(1e-4) falls below 1e-4.
 */
static int scalar_float(ndm__sbuf *out, double x, ndm__fbits bits, ndm__trim tpos,
                        ndm__trim tsci, bool sign) {
    bool positional;
    if (bits == NDM__F16) {
        float ax = fabsf((float)x);
        positional = ax == 0 || (ax < 1e3f && (double)ax >= 1e-4);
    } else if (isnan(x) || x == 0) {
        positional = true;
    } else {
        long double ax = fabsl((long double)x);
        long double maxpos = bits == NDM__F32 ? 1e6L : 1e16L;
        positional = ax < maxpos && ax >= 1e-4L;
    }
    ndm__ffmt o = NDM__FFMT_DEFAULT;
    o.unique = 1;
    o.sign = sign;
    o.trim = positional ? tpos : tsci;
    return ff_put(out, x, bits, &o, !positional);
}

static int scalar_str(const ndm_array *a, ndm__sbuf *out) {
    ndm__value v;
    ndm__load(a->dtype, a->data, &v);
    ndm__fbits bits = type_bits(a->dtype.type);
    switch (v.kind) {
    case NDM__KIND_BOOL:
        ndm__sb_puts(out, v.v.b ? "True" : "False");
        return NDM_OK;
    case NDM__KIND_INT:
        ndm__sb_printf(out, "%" PRId64, v.v.i);
        return NDM_OK;
    case NDM__KIND_UINT:
        ndm__sb_printf(out, "%" PRIu64, v.v.u);
        return NDM_OK;
    case NDM__KIND_FLOAT:
        return scalar_float(out, v.v.f, bits, NDM__TRIM_ZERO, NDM__TRIM_MINUS, false);
    case NDM__KIND_COMPLEX: {
        double re = v.v.c[0], im = v.v.c[1];
        if (re == 0 && !signbit(re)) {
            NDM__TRY(scalar_float(out, im, bits, NDM__TRIM_MINUS, NDM__TRIM_MINUS, false));
            ndm__sb_putc(out, 'j');
            return NDM_OK;
        }
        ndm__sb_putc(out, '(');
        if (isfinite(re)) NDM__TRY(scalar_float(out, re, bits, NDM__TRIM_MINUS, NDM__TRIM_MINUS, false));
        else ndm__sb_puts(out, isnan(re) ? "nan" : re > 0 ? "inf" : "-inf");
        if (isfinite(im)) NDM__TRY(scalar_float(out, im, bits, NDM__TRIM_MINUS, NDM__TRIM_MINUS, true));
        else ndm__sb_puts(out, isnan(im) ? "+nan" : im > 0 ? "+inf" : "-inf");
        ndm__sb_puts(out, "j)");
        return NDM_OK;
    }
    }
    return NDM_OK;
}

/* ---- repr and str --------------------------------------------------------- */

/* numpy's dtype_short_repr for the supported dtypes. */
static void put_dtype(ndm__sbuf *b, ndm__dtype d) {
    if (d.swapped) {
        ndm__sb_putc(b, '\'');
        ndm__sb_puts(b, ndm__dtype_str(d));
        ndm__sb_putc(b, '\'');
    } else {
        ndm__sb_puts(b, ndm__dtype_name(d));
    }
}

static char *render(const ndm_array *a, const ndm_print_options *opts, bool repr) {
    if (!a) {
        ndm__err(NDM_EVALUE, "array is NULL");
        return NULL;
    }
    popts o;
    if (popts_load(opts, &o) < 0) return NULL;

    ndm__sbuf out = {0};
    int64_t size = ndm__size(a->ndim, a->shape);

    if (!repr && a->ndim == 0) {
        if (scalar_str(a, &out) < 0) {
            ndm__sb_free(&out);
            return NULL;
        }
        goto done;
    }

    const char *prefix = "";
    if (repr) prefix = ndm__is_memmap(a) ? "memmap(" : "array(";
    int64_t plen = (int64_t)strlen(prefix);
    ndm__sb_puts(&out, prefix);

    if (size == 0) {
        ndm__sb_puts(&out, "[]");
    } else {
        axisplan plan[NDM_MAXDIMS];
        make_plan(a, size > o.threshold, o.edgeitems, plan);
        fmtr f;
        int rc = fmtr_build(&f, a, plan, &o);
        if (rc == NDM_OK) {
            if (a->ndim == 0) {
                rc = fmtr_word(&f, a, a->data, &out);
            } else {
                layout L = {a, plan, &f, repr ? ", " : " ", repr ? 2 : 1, repr ? 1 : 0,
                            &out, {0}, 0};
                /* numpy: linewidth minus the suffix ")" for repr; the
                 * hanging indent skips "[" and the prefix. */
                emit_block(&L, 0, a->data, plen + 1, o.linewidth - (repr ? 1 : 0));
                rc = L.err;
                ndm__sb_free(&L.word);
            }
        }
        fmtr_free(&f);
        if (rc < 0) {
            ndm__sb_free(&out);
            return NULL;
        }
    }

    if (repr) {
        bool want_shape = (size == 0 && !(a->ndim == 1 && a->shape[0] == 0)) || size > o.threshold;
        bool want_dtype = !ndm__dtype_implied(a->dtype) || size == 0;
        if (!want_shape && !want_dtype) {
            ndm__sb_putc(&out, ')');
        } else {
            ndm__sb_putc(&out, ',');
            ndm__sbuf ex = {0};
            if (want_shape) {
                ndm__sb_puts(&ex, "shape=");
                ndm__sb_shape(&ex, a->ndim, a->shape, true);
            }
            if (want_dtype) {
                if (want_shape) ndm__sb_puts(&ex, ", ");
                ndm__sb_puts(&ex, "dtype=");
                put_dtype(&ex, a->dtype);
            }
            ndm__sb_putc(&ex, ')');
            /* Extras go on a new line if they would pass the line width. */
            int64_t last = 0;
            if (!out.failed) {
                const char *nl = out.s ? memrchr(out.s, '\n', out.len) : NULL;
                size_t from = nl ? (size_t)(nl - out.s) + 1 : 0;
                last = cplen(out.s + from, out.len - from);
            }
            if (last + cplen(ex.s ? ex.s : "", ex.len) + 1 > o.linewidth) {
                ndm__sb_putc(&out, '\n');
                put_spaces(&out, plen);
            } else {
                ndm__sb_putc(&out, ' ');
            }
            if (ex.failed) out.failed = true;
            else ndm__sb_put(&out, ex.s, ex.len);
            ndm__sb_free(&ex);
        }
    }

done:
    if (out.failed || !out.s) {
        ndm__sb_free(&out);
        ndm__err_nomem();
        return NULL;
    }
    return out.s;
}

char *ndm_repr(const ndm_array *a) { return render(a, NULL, true); }
char *ndm_str(const ndm_array *a) { return render(a, NULL, false); }
char *ndm_repr_opts(const ndm_array *a, const ndm_print_options *opts) {
    return render(a, opts, true);
}
char *ndm_str_opts(const ndm_array *a, const ndm_print_options *opts) {
    return render(a, opts, false);
}
