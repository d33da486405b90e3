/*
 * os.c -- the system calls ndmap makes on files, in one place: opened with
 * O_CLOEXEC, EINTR retried, never handing out descriptors 0-2 by accident
 * (opening with those closed would make a later stdout write land in a
 * mapped file).
 */
#include "os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ndm__os_open(const char *path, int flags, mode_t perm) {
    for (;;) {
        int fd = open(path, flags | O_CLOEXEC, perm);
        if (fd < 0 && errno == EINTR) continue;
        if (fd >= 0 && fd <= 2) {
            /* Move it above the standard descriptors. */
            int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
            int e = errno;
            close(fd);
            errno = e;
            return moved;
        }
        return fd;
    }
}

void ndm__os_close(int fd) {
    if (fd >= 0) close(fd); /* EINTR on close must not be retried on Linux */
}

int ndm__os_pwrite_all(int fd, const void *buf, size_t n, off_t at) {
    const char *p = buf;
    while (n) {
        ssize_t w = pwrite(fd, p, n, at);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
        at += w;
    }
    return 0;
}

int ndm__os_reserve(int fd, off_t from, off_t to) {
    if (to <= from) return 0;
    int r;
    do r = fallocate(fd, 0, from, to - from);
    while (r < 0 && errno == EINTR);
    return r < 0 ? errno : 0;
}

char *ndm__abspath(const char *path) {
    /* os.path.abspath: join with the working directory if relative, then
     * normpath: collapse "//", ".", ".." lexically; keep exactly two leading
     * slashes (POSIX leaves their meaning to the implementation). */
    char *joined;
    if (path[0] == '/') {
        joined = strdup(path);
    } else {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) return NULL;
        size_t n = strlen(cwd) + 1 + strlen(path) + 1;
        joined = malloc(n);
        if (joined) {
            strcpy(joined, cwd);
            strcat(joined, "/");
            strcat(joined, path);
        }
        free(cwd);
    }
    if (!joined) return NULL;
    size_t n = strlen(joined);
    char *out = malloc(n + 2);
    if (!out) {
        free(joined);
        return NULL;
    }
    int lead = 0;
    if (joined[0] == '/') lead = (joined[1] == '/' && joined[2] != '/') ? 2 : 1;
    size_t o = 0;
    for (int i = 0; i < lead; i++) out[o++] = '/';
    size_t base = o;
    const char *p = joined;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *q = p;
        while (*q && *q != '/') q++;
        size_t len = (size_t)(q - p);
        if (len == 1 && p[0] == '.') {
            /* skip */
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (o > base) {
                while (o > base && out[o - 1] != '/') o--;
                if (o > base) o--; /* the separator */
            }
            /* at the root, ".." stays the root */
        } else {
            if (o > base) out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        p = q;
    }
    if (o == 0) out[o++] = '.';
    out[o] = '\0';
    free(joined);
    return out;
}
