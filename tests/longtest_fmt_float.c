/*
 * Long differential test of src/fmt_float.c against numpy.
 *
 * Reads BITS from argv[1] and tab-separated lines "HEX S P P8 S8 OP RP OS RS"
 * from stdin, as written by `tests/oracle/fmt_float_oracle.py long BITS N
 * SEED`, formats each value the same six ways and compares.  Prints the first mismatches and a final
 * "N passed, N failed" line; exits non-zero on any mismatch.
 * Normally run through tests/longtest_fmt_float.sh.
 */
#include "fmt_float.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double from_bits(int bits, unsigned long long u)
{
    if (bits == 16)
        return ndm__half_to_double((uint16_t)u);
    if (bits == 32) {
        uint32_t w = (uint32_t)u;
        float f;
        memcpy(&f, &w, sizeof f);
        return f;
    } else {
        double d;
        memcpy(&d, &u, sizeof d);
        return d;
    }
}

static ndm__trim trim_of(char c)
{
    switch (c) {
    case '.': return NDM__TRIM_DOT;
    case '0': return NDM__TRIM_ZERO;
    case '-': return NDM__TRIM_MINUS;
    default: return NDM__TRIM_K;
    }
}

/* "prec,unique,frac,trim,sign,pad_left,pad_right,exp_digits,min_digits" */
static int parse_opts(const char *s, ndm__ffmt *f)
{
    char t;
    if (sscanf(s, "%d,%d,%d,%c,%d,%d,%d,%d,%d", &f->precision, &f->unique,
               &f->fractional, &t, &f->sign, &f->pad_left, &f->pad_right,
               &f->exp_digits, &f->min_digits) != 9)
        return -1;
    f->trim = trim_of(t);
    return 0;
}

#define NF 9

int main(int argc, char **argv)
{
    static char line[16384], got[6][4096];
    long long pass = 0, fail = 0, checks = 0;
    int bits;
    const char *names[6] = {"sci unique trim=-", "pos unique trim=-",
                            "pos prec=8 trim=.", "sci prec=8 trim=.",
                            "pos random options", "sci random options"};

    if (argc != 2 || (bits = atoi(argv[1]), bits != 16 && bits != 32 && bits != 64)) {
        fprintf(stderr, "usage: %s 16|32|64 < oracle-lines\n", argv[0]);
        return 2;
    }
    while (fgets(line, sizeof line, stdin)) {
        char *tok[NF], *p = line;
        const char *want[6];
        int i, nt = 0, bad = 0;
        unsigned long long u;
        double v;
        ndm__ffmt f[6] = {NDM__FFMT_DEFAULT, NDM__FFMT_DEFAULT,
                          NDM__FFMT_DEFAULT, NDM__FFMT_DEFAULT,
                          NDM__FFMT_DEFAULT, NDM__FFMT_DEFAULT};

        line[strcspn(line, "\n")] = '\0';
        for (;;) {
            char *tab = strchr(p, '\t');
            if (nt < NF)
                tok[nt] = p;
            nt++;
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (nt != NF || parse_opts(tok[5], &f[4]) || parse_opts(tok[7], &f[5])) {
            fprintf(stderr, "malformed line: %s\n", line);
            return 2;
        }
        want[0] = tok[1];
        want[1] = tok[2];
        want[2] = tok[3];
        want[3] = tok[4];
        want[4] = tok[6];
        want[5] = tok[8];
        u = strtoull(tok[0], NULL, 16);
        v = from_bits(bits, u);
        f[0].trim = NDM__TRIM_MINUS;
        f[1].trim = NDM__TRIM_MINUS;
        f[2].precision = 8;
        f[2].trim = NDM__TRIM_DOT;
        f[3].precision = 8;
        f[3].trim = NDM__TRIM_DOT;
        for (i = 0; i < 6; i++) {
            int sci = i == 0 || i == 3 || i == 5;
            int n = sci ? ndm__format_scientific(got[i], sizeof got[i], v,
                                                 (ndm__fbits)bits, &f[i])
                        : ndm__format_positional(got[i], sizeof got[i], v,
                                                 (ndm__fbits)bits, &f[i]);
            checks++;
            if (n < 0 || strcmp(got[i], want[i]) != 0) {
                if (fail < 20)
                    fprintf(stderr, "MISMATCH float%d %s %s%s%s: numpy '%s' ours '%s' (%d)\n",
                            bits, tok[0], names[i], i >= 4 ? " " : "",
                            i >= 4 ? tok[i == 4 ? 5 : 7] : "", want[i],
                            n < 0 ? "" : got[i], n);
                bad = 1;
            }
        }
        if (bad)
            fail++;
        else
            pass++;
    }
    printf("float%d: %lld values, %lld formatting checks\n", bits,
           pass + fail, checks);
    printf("%lld passed, %lld failed\n", pass, fail);
    return fail ? 1 : 0;
}
