/*
 * test_threads.c -- handles sharing one mapping used and freed from several
 * threads at once: reference counting must neither leak nor unmap early
 * (ASan and valgrind runs of the suite check both), and errors are per thread.
 */
#include "testutil.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 2000

static ndm_array *shared_root;

static void *worker(void *arg) {
    long id = (long)arg;
    char expr[64];
    for (int i = 0; i < ROUNDS; i++) {
        ndm_array *v, *w;
        snprintf(expr, sizeof expr, "%ld::%d", id, THREADS);
        if (ndm_index(&v, shared_root, expr) != NDM_OK) return (void *)1;
        if (ndm_index(&w, v, "::-1") != NDM_OK) return (void *)2;
        ndm_free(v); /* w must keep the mapping alive on its own */
        const int64_t last = 0;
        int64_t value = id + 1;
        if (ndm_put(w, &last, "i8", &value) != NDM_OK) return (void *)3;
        ndm_free(w);
        /* An error on this thread leaves the other threads' messages alone. */
        if (ndm_index(&v, shared_root, "99999") != NDM_EINDEX) return (void *)4;
        if (strstr(ndm_errmsg(), "99999") == NULL) return (void *)5;
    }
    return NULL;
}

Test(threads, views_of_one_mapping_from_many_threads) {
    char *dir = tu_enter_tmpdir();
    const int64_t n = 1024;
    cr_assert_eq(ndm_memmap(&shared_root, "t.bin", "i8", "w+", 0, 1, &n, 'C'), NDM_OK);
    ndm_array *keep;
    cr_assert_eq(ndm_index(&keep, shared_root, "..."), NDM_OK);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < THREADS; i++) {
        void *rc;
        pthread_join(t[i], &rc);
        cr_expect_null(rc, "thread %d failed at step %ld", i, (long)rc);
    }
    ndm_free(shared_root); /* `keep` still holds the mapping */
    const int64_t *data = ndm_data(keep);
    /* each thread wrote its id + 1 into the last element of its stride class */
    for (int i = 0; i < THREADS; i++) {
        int64_t last = i + ((n - 1 - i) / THREADS) * THREADS;
        cr_expect_eq(data[last], i + 1, "element %lld", (long long)last);
    }
    ndm_free(keep);
    tu_leave_tmpdir(dir);
}
