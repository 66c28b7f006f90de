// A packed, cache-blocked single-precision GEMM in the style of BLIS / GotoBLAS:
//
//   for each NC-wide block of columns of C (jc)
//     for each KC-deep slice of the sum (pc):       pack op(B)[pc.., jc..] into NR-wide slivers (fits L3/L2)
//       for each MC-tall block of rows of C (ic):   pack op(A)[ic.., pc..] into MR-tall slivers (fits L2)
//         for each sliver pair:                     MR×NR micro-kernel, accumulators in registers
//
// The transposes are handled entirely by the packing routines, which read A and B in either layout and
// write them in the one layout the micro-kernel wants; ragged edges are zero-padded in the packs, and
// partial C tiles go through a small temporary tile.
//
// Two micro-kernels share the packed format: one with AVX2+FMA intrinsics, compiled for that target per
// function (so the library itself still builds for baseline x86-64) and chosen at run time, and a portable
// one written with GCC/clang vector extensions.

#include "cgemm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define CGEMM_X86 1
#include <immintrin.h>
#endif

enum {
    MR = 6,         // rows of C per micro-tile
    NR = 16,        // columns of C per micro-tile (two 8-float vectors)
    KC_MAX = 256,   // depth of a packed slice: an A sliver (6 KiB) and a B sliver (16 KiB) stay in L1
    MC_MAX = 144,   // rows per packed A block: 144×256 floats = 144 KiB, in L2
    NC_MAX = 3072,  // columns per packed B block: 256×3072 floats = 3 MiB
};

typedef void (*kernel_fn)(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate);

// MARK: Micro-kernels
//
// Both compute the full MR×NR tile  t = Σ_p a[p*MR + i] · b[p*NR + j]  from packed slivers and then store
// c[i*ldc + j] = t (accumulate == 0) or c[i*ldc + j] += t. Each element is summed in order p = 0, 1, ...
// and the per-slice sums are added to C in slice order.

typedef float v8f __attribute__((vector_size(32)));
typedef float v8f_unaligned __attribute__((vector_size(32), aligned(4)));  // vector types may alias floats

#define load8(p) (*(const v8f_unaligned *)(p))
#define store8(p, v) (*(v8f_unaligned *)(p) = (v))

static void kernel_generic(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate) {
    // Two 6×8 halves, so that the 12 accumulators fit the 16 SSE registers of baseline x86-64.
    for (int h = 0; h < 2; h++) {
        v8f c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0}, c4 = {0}, c5 = {0};
        const float *ap = a, *bp = b + 8 * h;
        for (ptrdiff_t p = 0; p < kc; p++) {
            v8f bv = load8(bp);
            c0 += ap[0] * bv;
            c1 += ap[1] * bv;
            c2 += ap[2] * bv;
            c3 += ap[3] * bv;
            c4 += ap[4] * bv;
            c5 += ap[5] * bv;
            ap += MR;
            bp += NR;
        }
        float *cp = c + 8 * h;
        if (accumulate) {
            c0 += load8(cp + 0 * ldc);
            c1 += load8(cp + 1 * ldc);
            c2 += load8(cp + 2 * ldc);
            c3 += load8(cp + 3 * ldc);
            c4 += load8(cp + 4 * ldc);
            c5 += load8(cp + 5 * ldc);
        }
        store8(cp + 0 * ldc, c0);
        store8(cp + 1 * ldc, c1);
        store8(cp + 2 * ldc, c2);
        store8(cp + 3 * ldc, c3);
        store8(cp + 4 * ldc, c4);
        store8(cp + 5 * ldc, c5);
    }
}

#ifdef CGEMM_X86
__attribute__((target("avx2,fma")))
static void kernel_avx2(ptrdiff_t kc, const float *a, const float *b, float *c, ptrdiff_t ldc, int accumulate) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    for (ptrdiff_t p = 0; p < kc; p++) {
        __m256 b0 = _mm256_load_ps(b), b1 = _mm256_load_ps(b + 8), av;
        av = _mm256_broadcast_ss(a + 0);
        c00 = _mm256_fmadd_ps(av, b0, c00);
        c01 = _mm256_fmadd_ps(av, b1, c01);
        av = _mm256_broadcast_ss(a + 1);
        c10 = _mm256_fmadd_ps(av, b0, c10);
        c11 = _mm256_fmadd_ps(av, b1, c11);
        av = _mm256_broadcast_ss(a + 2);
        c20 = _mm256_fmadd_ps(av, b0, c20);
        c21 = _mm256_fmadd_ps(av, b1, c21);
        av = _mm256_broadcast_ss(a + 3);
        c30 = _mm256_fmadd_ps(av, b0, c30);
        c31 = _mm256_fmadd_ps(av, b1, c31);
        av = _mm256_broadcast_ss(a + 4);
        c40 = _mm256_fmadd_ps(av, b0, c40);
        c41 = _mm256_fmadd_ps(av, b1, c41);
        av = _mm256_broadcast_ss(a + 5);
        c50 = _mm256_fmadd_ps(av, b0, c50);
        c51 = _mm256_fmadd_ps(av, b1, c51);
        a += MR;
        b += NR;
    }
#define CGEMM_STORE_ROW(r, x0, x1)                                                   \
    do {                                                                             \
        float *row = c + (r) * ldc;                                                  \
        if (accumulate) {                                                            \
            x0 = _mm256_add_ps(x0, _mm256_loadu_ps(row));                            \
            x1 = _mm256_add_ps(x1, _mm256_loadu_ps(row + 8));                        \
        }                                                                            \
        _mm256_storeu_ps(row, x0);                                                   \
        _mm256_storeu_ps(row + 8, x1);                                               \
    } while (0)
    CGEMM_STORE_ROW(0, c00, c01);
    CGEMM_STORE_ROW(1, c10, c11);
    CGEMM_STORE_ROW(2, c20, c21);
    CGEMM_STORE_ROW(3, c30, c31);
    CGEMM_STORE_ROW(4, c40, c41);
    CGEMM_STORE_ROW(5, c50, c51);
#undef CGEMM_STORE_ROW
}
#endif

int cgemm_has_avx2_fma(void) {
#ifdef CGEMM_X86
    static int cached = -1;  // a benign race: every thread computes the same value
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached;
#else
    return 0;
#endif
}

// MARK: Packing
//
// A pack holds ceil(xc/W) slivers of W = MR (for A) or NR (for B) lines; sliver s holds, for each step
// p < kc, the W values of lines s·W ..< s·W + W at depth p, contiguously; lines past xc are zero. Both
// operands come in one of two layouts relative to the pack, so two routines serve all four cases.

#ifndef SLIVER_PAD
#define SLIVER_PAD 16
#endif
// Floats from one sliver to the next: W·kc plus one cache line, so that the slivers do not all start in the
// same few L1 sets (W·kc·4 bytes is often a multiple of 2 KiB), which made the packing thrash.
static inline ptrdiff_t sliver_stride(ptrdiff_t W, ptrdiff_t kc) { return W * kc + SLIVER_PAD; }

// Element (p, x) is src[p·ld + x]: each step's W values are contiguous (A stored k×m, B stored k×n).
// Walks the source row by row, so that each is read once and in order.
static inline void pack_x_contiguous(float *dst, const float *src, ptrdiff_t ld, ptrdiff_t kc, ptrdiff_t xc, ptrdiff_t W) {
    ptrdiff_t full = xc / W, rest = xc % W, stride = sliver_stride(W, kc);
    for (ptrdiff_t p = 0; p < kc; p++) {
        const float *row = src + p * ld;
        float *d = dst + p * W;
        for (ptrdiff_t s = 0; s < full; s++, d += stride, row += W) memcpy(d, row, W * sizeof(float));
        if (rest) {
            ptrdiff_t x = 0;
            for (; x < rest; x++) d[x] = row[x];
            for (; x < W; x++) d[x] = 0;
        }
    }
}

// Element (p, x) is src[x·ld + p]: each of the W lines is contiguous in p (A stored m×k, B stored n×k).
// Reads the lines of a sliver side by side, at most 8 at a time: one pass streams far better than W
// separate ones, and 8 streams stay within the L1 ways even when ld is a multiple of 4 KiB.
static inline void pack_p_contiguous(float *dst, const float *src, ptrdiff_t ld, ptrdiff_t kc, ptrdiff_t xc, ptrdiff_t W) {
    for (ptrdiff_t xs = 0; xs < xc; xs += W, dst += sliver_stride(W, kc)) {
        ptrdiff_t w = xc - xs < W ? xc - xs : W;
        for (ptrdiff_t x0 = 0; x0 < W; x0 += 8) {
            ptrdiff_t x1 = x0 + 8 < W ? x0 + 8 : W;
            if (x1 <= w) {
                for (ptrdiff_t p = 0; p < kc; p++)
                    for (ptrdiff_t x = x0; x < x1; x++) dst[p * W + x] = src[(xs + x) * ld + p];
            } else {
                for (ptrdiff_t p = 0; p < kc; p++)
                    for (ptrdiff_t x = x0; x < x1; x++) dst[p * W + x] = x < w ? src[(xs + x) * ld + p] : 0;
            }
        }
    }
}

// op(A)[i0 ..< i0+mc, p0 ..< p0+kc], A stored m×k or (trans_a) k×m with row stride lda.
static void pack_a(float *dst, const float *a, ptrdiff_t lda, int trans_a, ptrdiff_t i0, ptrdiff_t mc, ptrdiff_t p0, ptrdiff_t kc) {
    if (trans_a) pack_x_contiguous(dst, a + p0 * lda + i0, lda, kc, mc, MR);
    else pack_p_contiguous(dst, a + i0 * lda + p0, lda, kc, mc, MR);
}

// op(B)[p0 ..< p0+kc, j0 ..< j0+nc], B stored k×n or (trans_b) n×k with row stride ldb.
static void pack_b(float *dst, const float *b, ptrdiff_t ldb, int trans_b, ptrdiff_t p0, ptrdiff_t kc, ptrdiff_t j0, ptrdiff_t nc) {
    if (trans_b) pack_p_contiguous(dst, b + j0 * ldb + p0, ldb, kc, nc, NR);
    else pack_x_contiguous(dst, b + p0 * ldb + j0, ldb, kc, nc, NR);
}

// MARK: Driver

static ptrdiff_t ceil_div(ptrdiff_t a, ptrdiff_t b) { return (a + b - 1) / b; }
static ptrdiff_t round_up(ptrdiff_t a, ptrdiff_t b) { return ceil_div(a, b) * b; }

/// The block size ≤ max (a multiple of `unit`) that splits `total` into equal-ish parts, so that a 784-deep
/// sum becomes 4×196 rather than 3×256 + 16.
static ptrdiff_t balanced_block(ptrdiff_t total, ptrdiff_t max, ptrdiff_t unit) {
    ptrdiff_t parts = ceil_div(total, max);
    return round_up(ceil_div(total, parts), unit);
}

int cgemm_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                cgemm_kernel kernel) {
    kernel_fn run = kernel_generic;
#ifdef CGEMM_X86
    if (kernel == CGEMM_KERNEL_BEST && cgemm_has_avx2_fma()) run = kernel_avx2;
#endif
    // The slice depth depends on k alone: this fixes each element's summation order (see the header).
    ptrdiff_t kcb = balanced_block(k, KC_MAX, 1);
    ptrdiff_t mcb = balanced_block(m, MC_MAX, MR);
    ptrdiff_t ncb = balanced_block(n, NC_MAX, NR);

    // One allocation for both packs, 64-byte aligned (the AVX2 kernel uses aligned loads on the B pack).
    size_t a_floats = (size_t)(mcb / MR) * sliver_stride(MR, kcb), b_floats = (size_t)(ncb / NR) * sliver_stride(NR, kcb);
    void *raw = malloc((a_floats + b_floats) * sizeof(float) + 64);
    if (!raw) return -1;
    float *bpack = (float *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
    float *apack = bpack + b_floats;  // b_floats is a multiple of 16 floats: still 64-byte aligned

    float tile[MR * NR] __attribute__((aligned(64)));
    for (ptrdiff_t jc = 0; jc < n; jc += ncb) {
        ptrdiff_t nc = n - jc < ncb ? n - jc : ncb;
        for (ptrdiff_t pc = 0; pc < k; pc += kcb) {
            ptrdiff_t kc = k - pc < kcb ? k - pc : kcb;
            int accumulate = pc > 0;
            pack_b(bpack, b, ldb, trans_b, pc, kc, jc, nc);
            for (ptrdiff_t ic = 0; ic < m; ic += mcb) {
                ptrdiff_t mc = m - ic < mcb ? m - ic : mcb;
                pack_a(apack, a, lda, trans_a, ic, mc, pc, kc);
                for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
                    ptrdiff_t nr = nc - jr < NR ? nc - jr : NR;
                    const float *bs = bpack + (jr / NR) * sliver_stride(NR, kc);
                    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
                        ptrdiff_t mr = mc - ir < MR ? mc - ir : MR;
                        const float *as = apack + (ir / MR) * sliver_stride(MR, kc);
                        float *ct = c + (ic + ir) * ldc + jc + jr;
                        if (mr == MR && nr == NR) {
                            run(kc, as, bs, ct, ldc, accumulate);
                        } else {
                            run(kc, as, bs, tile, NR, 0);
                            for (ptrdiff_t i = 0; i < mr; i++) {
                                for (ptrdiff_t j = 0; j < nr; j++) {
                                    if (accumulate) ct[i * ldc + j] += tile[i * NR + j];
                                    else ct[i * ldc + j] = tile[i * NR + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    free(raw);
    return 0;
}
