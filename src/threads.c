/*
 * threads.c -- how many threads the large loops (transfers, reductions,
 * gathers) may use. Read at each call, not cached: the library keeps no
 * process-wide state.
 */
#include "internal.h"

#include <sched.h>
#include <stdlib.h>

int ndm__threads_available(void) {
    const char *e = getenv("NDM_NUM_THREADS");
    if (e && *e) {
        long v = strtol(e, NULL, 10);
        if (v >= 1) return v > NDM__MAX_THREADS ? NDM__MAX_THREADS : (int)v;
    }
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
    int c = CPU_COUNT(&set);
    return c < 1 ? 1 : c > NDM__MAX_THREADS ? NDM__MAX_THREADS : c;
}
