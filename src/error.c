/*
 * error.c -- the thread-local error state: code class, message, errno.
 *
 * This is the only mutable global state of the library. Each thread has its
 * own message; it is replaced by the next failure on that thread. Messages
 * can be long (numpy embeds whole .npy headers in some), so the buffer grows
 * on demand; a thread-exit destructor frees it.
 */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ndm__errstate {
    char *msg;        /* heap, grows; NULL until the first failure */
    size_t cap;
    char cls[32];     /* Python exception class name */
    int code;
    int os_errno;
} ndm__errstate;

static _Thread_local ndm__errstate tls_err;
/* Fallback when the message buffer cannot grow: truncated, never lost. */
static _Thread_local char tls_small[256];

static pthread_key_t err_key;
static pthread_once_t err_once = PTHREAD_ONCE_INIT;

static void err_destroy(void *p) {
    (void)p;
    free(tls_err.msg);
    tls_err.msg = NULL;
    tls_err.cap = 0;
}

static void err_key_init(void) {
    (void)pthread_key_create(&err_key, err_destroy);
}

const char *ndm_error_name(int code) {
    switch (code) {
    case NDM_OK: return "OK";
    case NDM_EVALUE: return "ValueError";
    case NDM_ETYPE: return "TypeError";
    case NDM_EINDEX: return "IndexError";
    case NDM_EOVERFLOW: return "OverflowError";
    case NDM_ENOMEM: return "MemoryError";
    case NDM_EOS: return "OSError";
    case NDM_ENOTSUP: return "NotImplementedError";
    default: return "UnknownError";
    }
}

const char *ndm_errmsg(void) {
    if (tls_err.code == 0) return "";
    return tls_err.msg ? tls_err.msg : tls_small;
}

const char *ndm_errclass(void) {
    if (tls_err.code == 0) return "OK";
    return tls_err.cls;
}

int ndm_errno(void) { return tls_err.code == NDM_EOS ? tls_err.os_errno : 0; }

static void set_message(const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    char probe[1];
    int n = vsnprintf(probe, sizeof probe, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    size_t need = (size_t)n + 1;
    if (need > tls_err.cap) {
        pthread_once(&err_once, err_key_init);
        char *p = realloc(tls_err.msg, need);
        if (p) {
            tls_err.msg = p;
            tls_err.cap = need;
            (void)pthread_setspecific(err_key, p); /* arms the destructor */
        }
    }
    if (tls_err.msg && tls_err.cap >= need) {
        vsnprintf(tls_err.msg, tls_err.cap, fmt, ap);
    } else {
        free(tls_err.msg);
        tls_err.msg = NULL;
        tls_err.cap = 0;
        vsnprintf(tls_small, sizeof tls_small, fmt, ap);
    }
}

static int err_v(int code, const char *cls, const char *fmt, va_list ap) {
    int saved = errno;
    tls_err.code = code;
    tls_err.os_errno = 0;
    snprintf(tls_err.cls, sizeof tls_err.cls, "%s", cls ? cls : ndm_error_name(code));
    set_message(fmt, ap);
    errno = saved;
    return code;
}

int ndm__err(int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_v(code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

int ndm__err_class(int code, const char *cls, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    err_v(code, cls, fmt, ap);
    va_end(ap);
    return code;
}

/* Python's OSError subclass for an errno (PEP 3151). */
static const char *os_class(int e) {
    switch (e) {
    case ENOENT: return "FileNotFoundError";
    case EACCES: case EPERM: return "PermissionError";
    case EISDIR: return "IsADirectoryError";
    case ENOTDIR: return "NotADirectoryError";
    case EEXIST: return "FileExistsError";
    case EINTR: return "InterruptedError";
    default: return "OSError";
    }
}

int ndm__err_os(int e, const char *path) {
    /* Python: "[Errno 2] No such file or directory: 'name'". */
    ndm__sbuf b = {0};
    ndm__sb_printf(&b, "[Errno %d] %s", e, strerror(e));
    if (path) {
        ndm__sb_puts(&b, ": ");
        ndm__sb_pyrepr(&b, path, strlen(path));
    }
    if (b.failed) ndm__err_class(NDM_EOS, os_class(e), "[Errno %d] %s", e, strerror(e));
    else ndm__err_class(NDM_EOS, os_class(e), "%s", b.s);
    ndm__sb_free(&b);
    tls_err.os_errno = e;
    return NDM_EOS;
}

int ndm__err_nomem(void) {
    /* No allocation on this path beyond the message buffer's own growth,
     * which degrades to the fixed fallback. */
    return ndm__err(NDM_ENOMEM, "out of memory");
}
