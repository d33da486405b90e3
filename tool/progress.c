/*
 * progress.c -- a one-line progress bar on stderr for long work.
 *
 * Shown only when stderr is a terminal and the work is over 64 MiB, so pipes,
 * logs and tests never see it. Redrawn at most ten times a second with "\r";
 * cli_progress_end() finishes the line.
 */
#include "cli.h"

#include <inttypes.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_MIN_BYTES ((int64_t)64 << 20)

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void human(char *buf, size_t cap, double bytes) {
    static const char *unit[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (bytes >= 1024 && u < 5) bytes /= 1024, u++;
    if (u == 0) snprintf(buf, cap, "%.0f %s", bytes, unit[u]);
    else snprintf(buf, cap, "%.1f %s", bytes, unit[u]);
}

static int term_width(void) {
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
    return 80;
}

static void draw(cli_progress *p, double t) {
    double frac = p->total > 0 ? (double)p->done / (double)p->total : 1;
    if (frac > 1) frac = 1;
    double elapsed = t - p->start, rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    char done[32], total[32], speed[32], eta[32] = "";
    human(done, sizeof done, (double)p->done);
    human(total, sizeof total, (double)p->total);
    human(speed, sizeof speed, rate);
    if (rate > 0 && frac < 1) {
        long s = (long)(((double)p->total - (double)p->done) / rate + 0.5);
        snprintf(eta, sizeof eta, " ETA %ld:%02ld", s / 60, s % 60);
    }
    char tail[192];
    snprintf(tail, sizeof tail, " %3d%% %s/%s %s/s%s", (int)(frac * 100), done, total, speed, eta);
    int width = term_width() - 1 - (int)strlen(p->label) - 3 - (int)strlen(tail);
    if (width < 10) width = 10;
    if (width > 50) width = 50;
    int fill = (int)(frac * width);
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r%s [%s]%s\033[K", p->label, bar, tail);
    fflush(stderr);
    p->last = t;
}

void cli_progress_start(cli_progress *p, const char *label, int64_t total_bytes, bool enabled) {
    memset(p, 0, sizeof *p);
    p->label = label;
    p->total = total_bytes;
    p->on = enabled && total_bytes > PROGRESS_MIN_BYTES && isatty(STDERR_FILENO);
    if (p->on) {
        p->start = now();
        draw(p, p->start);
    }
}

void cli_progress_add(cli_progress *p, int64_t bytes) {
    p->done += bytes;
    if (!p->on) return;
    double t = now();
    if (t - p->last >= 0.1) draw(p, t);
}

void cli_progress_end(cli_progress *p) {
    if (!p->on) return;
    draw(p, now());
    fputc('\n', stderr);
    p->on = false;
}
