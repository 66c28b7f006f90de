// C = op(A) · op(B), row-major, float, for CPU OpenCL devices (PoCL). There a kernel with barriers is split
// into work-item loops that keep private arrays in memory, and local memory is just more cache, so
// matmul.cl's tiled kernel runs at 2–4 GFLOP/s. This family has no barriers and no local memory and works
// like a BLAS micro-kernel, in two or three launches (40–120 GFLOP/s on 2 Zen 3 cores at 1024³-sized products):
//
// 1. `matmul_pack_b` copies op(B) into panels of 16 columns, each K×16 contiguous, the last one zero-padded.
//    Read in place, a row slice of a stored B steps ldb floats per k, and a power-of-two ldb maps the whole
//    panel onto a few cache sets (1024³ ran at half the speed); Bᵀ would need a 16-way gather per k.
//    Packing is O(K·N) against the product's O(M·N·K), and the padding keeps the main loop branch-free.
// 2. `matmul_pack_a`, only for Aᵀ and only when more than one panel of B will re-read it (the host
//    decides): Aᵀ read in place steps lda floats per k, a new page every k or two, and TLB misses starved
//    the main loop (10 GFLOP/s at 784×4096·4096×256, against 40–60 packed).
// 3. `matmul_blocked`: each work-item owns an MB_M×16 block of C in float8 registers and walks all of K:
//    per k, two float8 loads of the packed panel and MB_M scalars of op(A) broadcast into 2·MB_M FMAs.
//
// For small products, where those extra launches cost more than the arithmetic (PoCL spends microseconds
// on each), `matmul_direct` does the same work in one launch, reading op(B) in place as well.
//
// Both kernels that write C apply matmul.cl's epilogues (EPI_* in common.cl) to the same arguments.
//
// op(A) is M×K: A (ta = 0, stored M×K) or Aᵀ (ta = 1, stored K×M), read in place through strides (for Aᵀ
// the MB_M values of one k are contiguous), or matmul_pack_a's panels (ta = 2). Rows past M re-read row M-1
// (valid memory, results dropped), so ragged M costs nothing and only the stores check bounds. Nothing reads
// or writes outside the matrices, for any M, N, K ≥ 1.
//
// Global sizes (each rounded up to the local size; work-items past the end return at once):
//   matmul_pack_b  (ceil(K/MB_PK), ceil(N/16)),            local (MB_WG, 1)
//   matmul_pack_a  (ceil(ceil(M/MB_M)/MB_PQ), ceil(K/MB_PK)), local (1, MB_WG)
//   matmul_blocked (ceil(M/MB_M), ceil(N/16)),              local (MB_WG, 1)
//   matmul_direct  (ceil(M/MB_M), ceil(N/16)),              local (MB_WG, 1)
// matmul_blocked's dimension 0 walks down M, so consecutive work-items share one packed panel of B, which
// stays in L2 while A streams past.

#ifndef MB_M
#define MB_M 6     // rows of C per work-item: 2·MB_M float8 accumulators + 2 for B fit AVX2's 16 registers
#endif
#ifndef MB_WG
#define MB_WG 8    // work-items per work-group: amortises PoCL's per-group cost, still many groups per core
#endif
#ifndef MB_PK
#define MB_PK 8    // values of k per pack work-item
#endif
#ifndef MB_PQ
#define MB_PQ 64   // panels of A per matmul_pack_a work-item: long runs along the rows of a stored Aᵀ
#endif

#define MB_N 16    // columns of C per work-item, and of a packed panel: two float8

// LOAD8/STORE8 (common.cl) are unaligned float8 accesses: one vmovups each on a CPU device.

// Both packs copy MB_PK values of k per work-item, reading short contiguous runs from a few rows; the
// work-items after it continue the same rows, which stay in cache.

// P[p][k][j] = op(B)[k][16p + j], zero past N.
__kernel void matmul_pack_b(const int K, const int N,
                            __global const float* B, const int offB, const int ldb, const int tb,
                            __global float* P)
{
    const int k0 = get_global_id(0) * MB_PK;
    const int p = get_global_id(1);
    if (k0 >= K) return;
    B += offB;
    const int n0 = p * MB_N;
    const int kn = min(MB_PK, K - k0), nn = min(MB_N, N - n0);
    __global float* out = P + (p * K + k0) * MB_N;
    // Element (k, n) of op(B) is B[k * sBk + n * sBn].
    const int sBk = tb ? 1 : ldb, sBn = tb ? ldb : 1;
    __global const float* in = B + k0 * sBk + n0 * sBn;
    if (!tb && kn == MB_PK && nn == MB_N) {
        for (int kk = 0; kk < MB_PK; kk++) {
            STORE8(out + kk * MB_N, LOAD8(in + kk * ldb));
            STORE8(out + kk * MB_N + 8, LOAD8(in + kk * ldb + 8));
        }
    } else if (kn == MB_PK && nn == MB_N) {
        for (int kk = 0; kk < MB_PK; kk++)
            for (int j = 0; j < MB_N; j++) out[kk * MB_N + j] = in[kk * sBk + j * sBn];
    } else {
        for (int kk = 0; kk < kn; kk++)
            for (int j = 0; j < MB_N; j++) out[kk * MB_N + j] = j < nn ? in[kk * sBk + j * sBn] : 0.0f;
    }
}

// Q[q][k][i] = op(A)[min(MB_M·q + i, M-1)][k]: panels of MB_M rows, each K×MB_M contiguous. A work-item
// packs MB_PQ panels × MB_PK values of k, for Aᵀ MB_PK runs of MB_PQ·MB_M floats along its stored rows.
__kernel void matmul_pack_a(const int M, const int K,
                            __global const float* A, const int offA, const int lda, const int ta,
                            __global float* Q)
{
    const int q0 = get_global_id(0) * MB_PQ;
    const int k0 = get_global_id(1) * MB_PK;
    const int nq = (M + MB_M - 1) / MB_M;
    if (k0 >= K || q0 >= nq) return;
    A += offA;
    const int kn = min(MB_PK, K - k0), qn = min(MB_PQ, nq - q0);
    if (ta && qn == MB_PQ && (q0 + MB_PQ) * MB_M <= M) {
        // The common case, with strides the compiler can see: whole rows of MB_PQ·MB_M floats.
        for (int kk = 0; kk < kn; kk++) {
            __global const float* in = A + (k0 + kk) * lda + q0 * MB_M;
            for (int qq = 0; qq < MB_PQ; qq++) {
                __global float* out = Q + ((q0 + qq) * K + k0 + kk) * MB_M;
                for (int i = 0; i < MB_M; i++) out[i] = in[qq * MB_M + i];
            }
        }
        return;
    }
    const int sAm = ta ? 1 : lda, sAk = ta ? lda : 1;
    for (int kk = 0; kk < kn; kk++) {
        for (int qq = 0; qq < qn; qq++) {
            const int m0 = (q0 + qq) * MB_M;
            __global const float* in = A + (k0 + kk) * sAk + m0 * sAm;
            __global float* out = Q + ((q0 + qq) * K + k0 + kk) * MB_M;
            if (m0 + MB_M <= M) {
                for (int i = 0; i < MB_M; i++) out[i] = in[i * sAm];
            } else {
                for (int i = 0; i < MB_M; i++) out[i] = in[(min(m0 + i, M - 1) - m0) * sAm];
            }
        }
    }
}

// Stores rows m0.. (up to MB_M, stopping at M) of the 16-column block at n0 through the epilogue; the
// shared end of matmul_blocked and matmul_direct. Columns past N are neither read from aux nor stored.
// s0, s1: the block's column sums of op(B), written to aux by the work-items of the first row block.
// matmul_direct has it inlined (its accumulators then stay in registers, not in PoCL's per-work-item
// arrays); matmul_blocked calls it through store_block, since inlined there it slowed the 1024³ GEMM by 13%.
__attribute__((always_inline)) inline
void store_rows(float8 c0[MB_M], float8 c1[MB_M], const float8 s0, const float8 s1,
                const int M, const int N, const int m0, const int n0,
                __global float* C, const int ldc, __global float* aux, const int epi)
{
    const bool fullN = n0 + MB_N <= N;
    if ((epi & EPI_SUM_B) && m0 == 0) {
        if (fullN) {
            STORE8(aux + n0, s0);
            STORE8(aux + n0 + 8, s1);
        } else {
            float sv[MB_N];
            vstore8(s0, 0, sv);
            vstore8(s1, 1, sv);
            for (int j = 0; j < N - n0; j++) aux[n0 + j] = sv[j];
        }
    }
    float8 b0 = (float8)(0.0f), b1 = (float8)(0.0f);
    if (epi & EPI_BIAS) {
        if (fullN) {
            b0 = LOAD8(aux + n0);
            b1 = LOAD8(aux + n0 + 8);
        } else {
            float bv[MB_N];
            for (int j = 0; j < MB_N; j++) bv[j] = n0 + j < N ? aux[n0 + j] : 0.0f;
            b0 = vload8(0, bv);
            b1 = vload8(1, bv);
        }
    }
    #pragma unroll
    for (int i = 0; i < MB_M; i++) {
        if (m0 + i >= M) break;
        float8 v0 = c0[i], v1 = c1[i];
        if (epi & EPI_BIAS) { v0 += b0; v1 += b1; }
        if (epi & EPI_RELU) { v0 = fmax(v0, 0.0f); v1 = fmax(v1, 0.0f); }
        __global float* c = C + (m0 + i) * ldc + n0;
        if (fullN) {
            if (epi & EPI_MASK) {
                __global const float* y = aux + (m0 + i) * ldc + n0;
                v0 = select((float8)(0.0f), v0, LOAD8(y) > 0.0f);
                v1 = select((float8)(0.0f), v1, LOAD8(y + 8) > 0.0f);
            }
            STORE8(c, v0);
            STORE8(c + 8, v1);
        } else {
            float cv[MB_N];
            vstore8(v0, 0, cv);
            vstore8(v1, 1, cv);
            if (epi & EPI_MASK) {
                __global const float* y = aux + (m0 + i) * ldc + n0;
                for (int j = 0; j < N - n0; j++) c[j] = y[j] > 0.0f ? cv[j] : 0.0f;
            } else {
                for (int j = 0; j < N - n0; j++) c[j] = cv[j];
            }
        }
    }
}

__attribute__((noinline))
void store_block(float8 c0[MB_M], float8 c1[MB_M], const float8 s0, const float8 s1,
                 const int M, const int N, const int m0, const int n0,
                 __global float* C, const int ldc, __global float* aux, const int epi)
{
    store_rows(c0, c1, s0, s1, M, N, m0, n0, C, ldc, aux, epi);
}

__kernel __attribute__((reqd_work_group_size(MB_WG, 1, 1)))
void matmul_blocked(const int M, const int N, const int K,
                    __global const float* A, const int offA, const int lda, const int ta,
                    __global const float* P,
                    __global float* C, const int offC, const int ldc,
                    __global float* aux, const int offAux, const int epi)
{
    const int m0 = get_global_id(0) * MB_M;
    const int p = get_global_id(1);
    if (m0 >= M) return;   // the global size is rounded up to whole work-groups
    const int n0 = p * MB_N;

    A += offA;
    C += offC;
    // Element (m0 + i, k) of op(A) is a[arow[i] + k * sAk]; ta = 2: A holds matmul_pack_a's panels.
    const int packed = ta == 2;
    const int sAm = packed ? 1 : ta ? 1 : lda, sAk = packed ? MB_M : ta ? lda : 1;
    __global const float* a = packed ? A + get_global_id(0) * K * MB_M : A;
    int arow[MB_M];
    #pragma unroll
    for (int i = 0; i < MB_M; i++) arow[i] = (packed ? i : min(m0 + i, M - 1)) * sAm;

    float8 c0[MB_M], c1[MB_M];
    #pragma unroll
    for (int i = 0; i < MB_M; i++) { c0[i] = (float8)(0.0f); c1[i] = (float8)(0.0f); }

    __global const float* b = P + p * K * MB_N;
    for (int k = 0; k < K; k++) {
        const float8 b0 = LOAD8(b), b1 = LOAD8(b + 8);
        #pragma unroll
        for (int i = 0; i < MB_M; i++) {
            const float av = a[arow[i]];
            c0[i] = fma((float8)(av), b0, c0[i]);
            c1[i] = fma((float8)(av), b1, c1[i]);
        }
        a += sAk;
        b += MB_N;
    }

    // Column sums of op(B) (EPI_SUM_B) in a pass of their own, by one work-item per panel: kept in the main
    // loop, two more float8s spilled its 12 accumulators out of AVX2's 16 registers, at half the speed.
    float8 s0 = (float8)(0.0f), s1 = (float8)(0.0f);
    if ((epi & EPI_SUM_B) && m0 == 0)
        for (b = P + p * K * MB_N; b < P + (p + 1) * K * MB_N; b += MB_N) {
            s0 += LOAD8(b);
            s1 += LOAD8(b + 8);
        }
    store_block(c0, c1, s0, s1, M, N, m0, n0, C, ldc, aux + offAux, epi);
}

// The same block per work-item with op(B) read in place: no packing launches, for small products. Columns
// past N re-read column N-1, as rows past M do, so the loop needs no bounds checks. A block of 8 columns or
// fewer (a narrow layer, or the end of a wider one) computes only its first float8 per row: half the
// multiply-adds. A stored B's row of the block loads as one or two float8s even where it passes column N,
// as long as the values read stay inside B (they are then the next row's, multiplied into lanes that are
// never stored); only the last row or so of a ragged block gathers its columns one by one. A single
// column, a layer's one output, is one load broadcast.
#define MB_FMA(b0, b1)                                             \
    for (int i = 0; i < MB_M; i++) {                               \
        const float av = a[arow[i]];                               \
        c0[i] = fma((float8)(av), b0, c0[i]);                      \
        c1[i] = fma((float8)(av), b1, c1[i]);                      \
    }
#define MB_FMA_NARROW(b0)                                          \
    for (int i = 0; i < MB_M; i++) c0[i] = fma((float8)(a[arow[i]]), b0, c0[i]);

__kernel __attribute__((reqd_work_group_size(MB_WG, 1, 1)))
void matmul_direct(const int M, const int N, const int K,
                   __global const float* A, const int offA, const int lda, const int ta,
                   __global const float* B, const int offB, const int ldb, const int tb,
                   __global float* C, const int offC, const int ldc,
                   __global float* aux, const int offAux, const int epi)
{
    const int m0 = get_global_id(0) * MB_M;
    const int n0 = get_global_id(1) * MB_N;
    if (m0 >= M) return;
    A += offA;
    B += offB;
    C += offC;
    const int sAm = ta ? 1 : lda, sAk = ta ? lda : 1;
    const int sBk = tb ? 1 : ldb, sBn = tb ? ldb : 1;
    int arow[MB_M], bcol[MB_N];
    #pragma unroll
    for (int i = 0; i < MB_M; i++) arow[i] = min(m0 + i, M - 1) * sAm;
    #pragma unroll
    for (int j = 0; j < MB_N; j++) bcol[j] = min(n0 + j, N - 1) * sBn;
    const int nn = min(MB_N, N - n0);
    const bool wide = nn > 8;
    // Rows k < kVec of a stored B load whole float8s from column n0: `over` values past the row's end reach
    // into the next ceil(over / ldb) rows, which must exist. Bᵀ's columns are strided: it always gathers.
    const int over = n0 + (wide ? MB_N : 8) - N;
    const int kVec = tb ? 0 : over <= 0 ? K : max(0, K - (over + ldb - 1) / ldb);

    float8 c0[MB_M], c1[MB_M];
    #pragma unroll
    for (int i = 0; i < MB_M; i++) { c0[i] = (float8)(0.0f); c1[i] = (float8)(0.0f); }

    __global const float* a = A;
    __global const float* b = B;
    int k = 0;
    if (wide) {
        for (; k < kVec; k++, a += sAk, b += sBk) {
            const float8 b0 = LOAD8(b + n0), b1 = LOAD8(b + n0 + 8);
            #pragma unroll
            MB_FMA(b0, b1)
        }
        for (; k < K; k++, a += sAk, b += sBk) {
            float bv[MB_N];
            #pragma unroll
            for (int j = 0; j < MB_N; j++) bv[j] = b[bcol[j]];
            const float8 b0 = vload8(0, bv), b1 = vload8(1, bv);
            #pragma unroll
            MB_FMA(b0, b1)
        }
    } else if (nn == 1) {
        for (; k < K; k++, a += sAk, b += sBk) {
            const float8 b0 = (float8)(b[bcol[0]]);   // every lane is clamped to column N-1: one load, not 8
            #pragma unroll
            MB_FMA_NARROW(b0)
        }
    } else {
        for (; k < kVec; k++, a += sAk, b += sBk) {
            const float8 b0 = LOAD8(b + n0);
            #pragma unroll
            MB_FMA_NARROW(b0)
        }
        for (; k < K; k++, a += sAk, b += sBk) {
            float bv[8];
            #pragma unroll
            for (int j = 0; j < 8; j++) bv[j] = b[bcol[j]];
            const float8 b0 = vload8(0, bv);
            #pragma unroll
            MB_FMA_NARROW(b0)
        }
    }
    // Column sums of op(B) apart from the main loop, as in matmul_blocked, with the same loads (one scalar
    // sum per column took half the time of the whole GEMM at 12×713·713×20); lanes past N are not stored.
    float8 s0 = (float8)(0.0f), s1 = (float8)(0.0f);
    if ((epi & EPI_SUM_B) && m0 == 0) {
        b = B;
        if (nn == 1) {
            float t = 0.0f;
            for (k = 0; k < K; k++, b += sBk) t += b[bcol[0]];
            s0 = (float8)(t);
        } else {
            for (k = 0; k < kVec; k++, b += sBk) {
                s0 += LOAD8(b + n0);
                if (wide) s1 += LOAD8(b + n0 + 8);
            }
            float sv[MB_N];
            for (int j = 0; j < MB_N; j++) sv[j] = 0.0f;
            for (; k < K; k++, b += sBk)
                for (int j = 0; j < nn; j++) sv[j] += b[bcol[j]];
            s0 += vload8(0, sv);
            s1 += vload8(1, sv);
        }
    }
    store_rows(c0, c1, s0, s1, M, N, m0, n0, C, ldc, aux + offAux, epi);
}
#undef MB_FMA
#undef MB_FMA_NARROW
