/* os.h -- system-call wrappers (os.c). Internal. */
#ifndef NDMAP_OS_H
#define NDMAP_OS_H

#include "internal.h"

#include <sys/types.h>

/* open(2) with O_CLOEXEC, retried on EINTR, never returning 0, 1 or 2.
 * -1 with errno on failure. */
int ndm__os_open(const char *path, int flags, mode_t perm);
void ndm__os_close(int fd);
/* Write all n bytes at `at`; 0 or -1 with errno. */
int ndm__os_pwrite_all(int fd, const void *buf, size_t n, off_t at);
/* Reserve blocks for [from, to) and extend the file to `to` if shorter
 * (fallocate mode 0). Returns 0 or the errno (EOPNOTSUPP where the
 * filesystem cannot reserve). */
int ndm__os_reserve(int fd, off_t from, off_t to);

#endif
