#ifndef CGEMM_H
#define CGEMM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Which micro-kernel `cgemm_sgemm` runs.
typedef enum {
    /// The fastest one this CPU supports: AVX2+FMA on x86-64 when present, else the generic one.
    CGEMM_KERNEL_BEST = 0,
    /// Portable C vector extensions (SSE on baseline x86-64, NEON on arm64): for CPUs without AVX2,
    /// and for tests that must exercise this path on a CPU that has AVX2.
    CGEMM_KERNEL_GENERIC = 1,
} cgemm_kernel;

/// Nonzero when this CPU (and OS) supports the AVX2+FMA micro-kernel.
int cgemm_has_avx2_fma(void);

/// Single-threaded C = op(A)·op(B), row-major float, overwriting C (C is never read before it is
/// written, so it may hold NaN or garbage).
///
/// op(A) is m×k: A is stored m×k (row stride lda) or, when trans_a, k×m (row stride lda) and read in place.
/// op(B) is k×n: B is stored k×n (row stride ldb) or, when trans_b, n×k (row stride ldb).
/// C is m×n with row stride ldc. m, n, k ≥ 1.
///
/// The summation order of each C element depends only on k (not on m, n or which part of a larger C the
/// call covers), so splitting C into blocks over threads gives bit-identical results.
///
/// Returns 0, or -1 when the packing buffers could not be allocated (C is then untouched).
int cgemm_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                cgemm_kernel kernel);

#ifdef __cplusplus
}
#endif

#endif
