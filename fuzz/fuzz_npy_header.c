/*
 * fuzz_npy_header.c -- libFuzzer target for the .npy header reader
 * (src/npy_header.c), and the entry point fuzz/replay.c drives in CI.
 *
 * Input: the first bytes of a .npy file. Every input goes through the
 * file-level reader with numpy's default size limit; the bytes after the
 * first are also fed straight to the header parser (version chosen by the
 * first byte, a large size limit) so the literal parser is reached without
 * a valid prefix. A header that validates is written back with the builder
 * and must read back to the same shape and order: a mismatch aborts.
 *
 *   make fuzz FUZZ_TIME=600      # clang -fsanitize=fuzzer,address,undefined
 */
#include "npy.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void roundtrip(const ndm__npy_info *info) {
    if (info->has_object || info->unsupported || info->ndim > NDM_MAXDIMS || info->has_bool)
        return;
    char descr[16];
    size_t n = strlen(ndm__dtype_str(info->dtype));
    descr[0] = '\'';
    memcpy(descr + 1, ndm__dtype_str(info->dtype), n);
    descr[n + 1] = '\'';
    descr[n + 2] = '\0';
    ndm__sbuf out = {0};
    int used = 0;
    if (ndm__npy_build_header(descr, info->fortran_order, (int)info->ndim, info->shape, 0, &out,
                              &used) != 0) {
        ndm__sb_free(&out);
        return;
    }
    ndm__npy_info back;
    if (ndm__npy_parse_file((const unsigned char *)out.s, out.len, 10000, &back, NULL) != 0)
        abort();
    if (back.ndim != info->ndim || back.fortran_order != info->fortran_order ||
        memcmp(back.shape, info->shape, (size_t)info->ndim * sizeof(int64_t)) != 0 ||
        back.data_offset != (int64_t)out.len || back.data_offset % 64 != 0)
        abort();
    ndm__npy_info_free(&back);
    ndm__sb_free(&out);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    ndm__npy_info info;
    size_t pos;
    if (ndm__npy_parse_file(data, size, 10000, &info, &pos) == 0) {
        roundtrip(&info);
        ndm__npy_info_free(&info);
    }
    if (size >= 1) {
        int major = 1 + data[0] % 3;
        if (ndm__npy_parse_header(data + 1, size - 1, major, (int64_t)1 << 20, &info, &pos) == 0) {
            roundtrip(&info);
            ndm__npy_info_free(&info);
        } else if (pos != NDM__NPY_NOPOS && pos > size - 1) {
            abort(); /* a parse error position must lie inside the header */
        }
    }
    return 0;
}
