/*
 * Long differential test of src/fmt_float.c against numpy.
 *
 * Reads "BITS" from argv[1] and lines "HEX S P P8 S8" from stdin, as written
 * by `tests/oracle/fmt_float_oracle.py long BITS N SEED`, formats each value
 * the same four ways and compares.  Prints the first mismatches and a final
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

int main(int argc, char **argv)
{
    static char line[8192], got[4][2048];
    long long pass = 0, fail = 0;
    int bits;
    const char *names[4] = {"sci unique trim=-", "pos unique trim=-",
                            "pos prec=8 trim=.", "sci prec=8 trim=."};

    if (argc != 2 || (bits = atoi(argv[1]), bits != 16 && bits != 32 && bits != 64)) {
        fprintf(stderr, "usage: %s 16|32|64 < oracle-lines\n", argv[0]);
        return 2;
    }
    while (fgets(line, sizeof line, stdin)) {
        char *tok[5], *p = line;
        int i, nt = 0, bad = 0;
        unsigned long long u;
        double v;
        ndm__ffmt f[4] = {NDM__FFMT_DEFAULT, NDM__FFMT_DEFAULT,
                          NDM__FFMT_DEFAULT, NDM__FFMT_DEFAULT};

        line[strcspn(line, "\n")] = '\0';
        while (nt < 5 && (tok[nt] = strtok(p, " ")) != NULL) {
            nt++;
            p = NULL;
        }
        if (nt != 5) {
            fprintf(stderr, "malformed line: %s\n", line);
            return 2;
        }
        u = strtoull(tok[0], NULL, 16);
        v = from_bits(bits, u);
        f[0].trim = NDM__TRIM_MINUS;
        f[1].trim = NDM__TRIM_MINUS;
        f[2].precision = 8;
        f[2].trim = NDM__TRIM_DOT;
        f[3].precision = 8;
        f[3].trim = NDM__TRIM_DOT;
        ndm__format_scientific(got[0], sizeof got[0], v, (ndm__fbits)bits, &f[0]);
        ndm__format_positional(got[1], sizeof got[1], v, (ndm__fbits)bits, &f[1]);
        ndm__format_positional(got[2], sizeof got[2], v, (ndm__fbits)bits, &f[2]);
        ndm__format_scientific(got[3], sizeof got[3], v, (ndm__fbits)bits, &f[3]);
        for (i = 0; i < 4; i++) {
            if (strcmp(got[i], tok[i + 1]) != 0) {
                if (fail < 20)
                    fprintf(stderr, "MISMATCH float%d %s %s: numpy '%s' ours '%s'\n",
                            bits, tok[0], names[i], tok[i + 1], got[i]);
                bad = 1;
            }
        }
        if (bad)
            fail++;
        else
            pass++;
    }
    printf("float%d: %lld passed, %lld failed\n", bits, pass, fail);
    return fail ? 1 : 0;
}
