// C = op(A) · op(B), row-major, float: the GPU GEMM.
//   op(A) is M×K: A itself (ta = 0, A stored M×K) or Aᵀ (ta = 1, A stored K×M) — weight gradients Xᵀ·dY.
//   op(B) is K×N: B itself (tb = 0, B stored K×N) or Bᵀ (tb = 1, B stored N×K) — input gradients dY·Wᵀ.
// Transposes are read in place, never materialised.
//
// Each work-group computes a TSM×TSN tile of C from TSK-deep slices of op(A) and op(B) staged in local
// memory; each of its (TSM/WPTM)×(TSN/WPTN) work-items keeps WPTM×WPTN outputs in registers, so every value
// read from local memory serves WPTN (or WPTM) multiply-adds. What makes it fast on a GPU:
// - A work-item's outputs are 4×4 blocks strided by 4·(work-items along that axis), so the float4 reads of
//   a slice by neighbouring work-items are contiguous (no bank conflicts) and each is one 128-bit access.
// - Two local buffers: the global loads of the next slice are issued into registers before the current
//   slice's multiply-adds and stored after them, so their latency hides behind arithmetic, with one barrier
//   per slice.
// - Global loads walk whichever dimension is contiguous in memory (k for A, m for Aᵀ, n for B, k for Bᵀ),
//   so consecutive work-items read consecutive addresses in every layout. op(A) is stored k-major in local
//   memory (AsT[k][m]) so the compute loop reads both operands along a row; the rows are padded by 4 floats
//   to spread the transposing stores over the banks.
// Loads outside the matrices are zero-filled and stores are guarded, so any M, N, K ≥ 1 is correct.
// Tile sizes are -D options chosen by the host per device (KernelConfig); the defaults make the file compile
// alone. WPTM and WPTN must be multiples of 4.
//
// Epilogues fuse a dense layer's neighbouring ops into its GEMM, so each layer costs one launch forward and
// two backward. They use one extra matrix, aux (null when epi is 0), as the bits of epi say:
//   EPI_BIAS     C = AB + aux[n]                 a forward layer's bias (aux: 1×N)
//   EPI_RELU     C = max(C, 0)                   its ReLU, after the bias
//   EPI_MASK     C = aux[m, n] > 0 ? AB : 0      ReLU backward, aux the ReLU's output (M×N, row stride ldc)
//   EPI_SUM_B    aux[n] = Σ_k op(B)[k, n]        with C = XᵀdY, the bias gradient ΣdY beside the weights'
// The CPU-device kernels in matmul_blocked.cl take the same arguments.

#ifndef TSM
#define TSM 64     // rows of C per work-group
#endif
#ifndef TSN
#define TSN 64     // columns of C per work-group
#endif
#ifndef TSK
#define TSK 16     // depth of the K slice held in local memory
#endif
#ifndef WPTM
#define WPTM 4     // rows of C per work-item
#endif
#ifndef WPTN
#define WPTN 4     // columns of C per work-item
#endif
#ifndef MATMUL_NAME
#define MATMUL_NAME matmul   // the host builds this file a second time, as matmul_small, with smaller tiles
#endif

#if WPTM % 4 || WPTN % 4 || TSM % WPTM || TSN % WPTN
#error "WPTM and WPTN must be multiples of 4 dividing TSM and TSN"
#endif

#define RTSM (TSM / WPTM)                     // work-items along M
#define RTSN (TSN / WPTN)                     // work-items along N
#define NTHREADS (RTSM * RTSN)
#define LDA_S (TSM + 4)                       // padded local row lengths, still whole float4s
#define LDB_S (TSN + 4)
#define LPTA (TSM * TSK / NTHREADS)          // slice values each work-item loads
#define LPTB (TSN * TSK / NTHREADS)
#define SUMS_PT ((TSN + NTHREADS - 1) / NTHREADS)      // columns of op(B) each work-item sums (EPI_SUM_B)

// The slices split evenly over the work-items, and each work-item's values of one slice lie on one line of
// it (the same k, or the same m or n): the group size must be a multiple of TSM, TSN and TSK, and divide
// TSM·TSK and TSN·TSK. So every tile has at least 16 work-items (GemmTile checks the same on the host).
#if NTHREADS % TSM || NTHREADS % TSN || NTHREADS % TSK || (TSM * TSK) % NTHREADS || (TSN * TSK) % NTHREADS
#error "the work-group size must be a multiple of TSM, TSN and TSK and divide TSM*TSK and TSN*TSK"
#endif

// Lane r of v, for an r the unrolled loops make constant.
#define LANE(v, r) ((r) == 0 ? (v).x : (r) == 1 ? (v).y : (r) == 2 ? (v).z : (v).w)

__kernel __attribute__((reqd_work_group_size(RTSN, RTSM, 1)))
void MATMUL_NAME(const int M, const int N, const int K,
                 __global const float* A, const int offA, const int lda, const int ta,
                 __global const float* B, const int offB, const int ldb, const int tb,
                 __global float* C, const int offC, const int ldc,
                 __global float* aux, const int offAux, const int epi)
{
    __local float4 AsT[2][TSK][LDA_S / 4];
    __local float4 Bs[2][TSK][LDB_S / 4];

    const int tn = get_local_id(0);
    const int tm = get_local_id(1);
    const int tid = tm * RTSN + tn;
    const int m0 = get_group_id(1) * TSM;
    const int n0 = get_group_id(0) * TSN;
    A += offA;
    B += offB;
    C += offC;

    // This work-item's share of a slice: value i is element tid + i·NTHREADS of it, counted along the stored
    // layout's contiguous dimension. The tile rules (above) make that a fixed first element and a fixed step
    // along m, n or k, so each operand needs one index, advanced a slice at a time, rather than a division
    // and a layout choice per value: (aM, aK) is value 0's row of op(A) and k in the slice, aDM or aDK its
    // step; likewise (bN, bK), bDN or bDK for op(B).
    const int aM = ta ? tid % TSM : tid / TSK, aK = ta ? tid / TSM : tid % TSK;
    const int aDM = ta ? 0 : NTHREADS / TSK, aDK = ta ? NTHREADS / TSM : 0;
    const int bN = tb ? tid / TSK : tid % TSN, bK = tb ? tid % TSK : tid / TSN;
    const int bDN = tb ? NTHREADS / TSK : 0, bDK = tb ? 0 : NTHREADS / TSN;
    int aIdx = ta ? aK * lda + m0 + aM : (m0 + aM) * lda + aK;          // value 0 of the slice at k0
    int bIdx = tb ? (n0 + bN) * ldb + bK : bK * ldb + n0 + bN;
    const int aStep = (aDM + aDK) * lda, bStep = (bDN + bDK) * ldb;     // one of each pair is 0
    const int aSlice = ta ? TSK * lda : TSK, bSlice = tb ? TSK : TSK * ldb;
    const int aLoc = aK * LDA_S + aM, aLocStep = aDK * LDA_S + aDM;     // where value i goes in local memory
    const int bLoc = bK * LDB_S + bN, bLocStep = bDK * LDB_S + bDN;
    // Tiles clear of the M and N edges load whole slices without bounds tests: at 4096³ that is every slice,
    // and the tests and their index arithmetic were an eighth of the loop's instructions (ptxas, sm_90).
    const bool interior = m0 + TSM <= M && n0 + TSN <= N;
    float ra[LPTA], rb[LPTB];

    // Column sums of op(B) (EPI_SUM_B) come from the first row of tiles, read from the local slices that
    // are there anyway; the first TSN work-items each take a column, so the test is uniform over warps.
    const bool sumB = (epi & EPI_SUM_B) && get_group_id(1) == 0;
    float bsum[SUMS_PT];
    for (int j = 0; j < SUMS_PT; j++) bsum[j] = 0.0f;

    float4 acc[WPTM][WPTN / 4];
    for (int i = 0; i < WPTM; i++)
        for (int j = 0; j < WPTN / 4; j++)
            acc[i][j] = (float4)(0.0f);

    const int tiles = (K + TSK - 1) / TSK;
    for (int t = 0; t <= tiles; t++) {
        const int buf = t & 1;
        // Loads of slice t (none past the last): issued before the arithmetic on slice t - 1.
        if (t < tiles) {
            const int k0 = t * TSK;
            if (interior && k0 + TSK <= K) {
                #pragma unroll
                for (int i = 0; i < LPTA; i++) ra[i] = A[aIdx + i * aStep];
                #pragma unroll
                for (int i = 0; i < LPTB; i++) rb[i] = B[bIdx + i * bStep];
            } else {
                #pragma unroll
                for (int i = 0; i < LPTA; i++) {
                    const bool in = m0 + aM + i * aDM < M && k0 + aK + i * aDK < K;
                    ra[i] = in ? A[aIdx + i * aStep] : 0.0f;
                }
                #pragma unroll
                for (int i = 0; i < LPTB; i++) {
                    const bool in = n0 + bN + i * bDN < N && k0 + bK + i * bDK < K;
                    rb[i] = in ? B[bIdx + i * bStep] : 0.0f;
                }
            }
            aIdx += aSlice;
            bIdx += bSlice;
        }
        if (t > 0) {
            const int cb = buf ^ 1;   // slice t - 1, stored in the previous iteration
            #pragma unroll
            for (int k = 0; k < TSK; k++) {
                float4 a[WPTM / 4], b[WPTN / 4];
                #pragma unroll
                for (int i = 0; i < WPTM / 4; i++) a[i] = AsT[cb][k][i * RTSM + tm];
                #pragma unroll
                for (int j = 0; j < WPTN / 4; j++) b[j] = Bs[cb][k][j * RTSN + tn];
                #pragma unroll
                for (int i = 0; i < WPTM; i++) {
                    const float av = LANE(a[i / 4], i % 4);
                    #pragma unroll
                    for (int j = 0; j < WPTN / 4; j++) acc[i][j] = mad((float4)(av), b[j], acc[i][j]);
                }
            }
            if (sumB) {
                __local const float* bs = (__local const float*)Bs[cb];
                for (int j = 0; j < SUMS_PT; j++) {
                    const int c = tid + j * NTHREADS;
                    if (c < TSN)
                        for (int k = 0; k < TSK; k++) bsum[j] += bs[k * LDB_S + c];   // zero past K
                }
            }
        }
        if (t < tiles) {
            __local float* as = (__local float*)AsT[buf];
            __local float* bs = (__local float*)Bs[buf];
            #pragma unroll
            for (int i = 0; i < LPTA; i++) as[aLoc + i * aLocStep] = ra[i];
            #pragma unroll
            for (int i = 0; i < LPTB; i++) bs[bLoc + i * bLocStep] = rb[i];
        }
        // One barrier a slice: it orders this iteration's stores to buf before their reads in the next,
        // and this iteration's reads of buf ^ 1 before the next iteration's stores to it.
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    aux += offAux;
    if (sumB)
        for (int j = 0; j < SUMS_PT; j++) {
            const int c = tid + j * NTHREADS;
            if (c < TSN && n0 + c < N) aux[n0 + c] = bsum[j];
        }
    #pragma unroll
    for (int i = 0; i < WPTM; i++) {
        const int gm = m0 + ((i / 4) * RTSM + tm) * 4 + i % 4;
        if (gm >= M) continue;
        #pragma unroll
        for (int j = 0; j < WPTN / 4; j++) {
            const int gn0 = n0 + (j * RTSN + tn) * 4;
            #pragma unroll
            for (int c = 0; c < 4; c++) {
                const int gn = gn0 + c;
                if (gn >= N) break;
                float v = LANE(acc[i][j], c);
                if (epi & EPI_BIAS) v += aux[gn];
                if (epi & EPI_RELU) v = fmax(v, 0.0f);
                if ((epi & EPI_MASK) && !(aux[gm * ldc + gn] > 0.0f)) v = 0.0f;
                C[gm * ldc + gn] = v;
            }
        }
    }
}

// Everything above but the kernel is undefined again, so the host can append this file once more with
// other tile sizes (and MATMUL_NAME) in the same program.
#undef TSM
#undef TSN
#undef TSK
#undef WPTM
#undef WPTN
#undef MATMUL_NAME
#undef RTSM
#undef RTSN
#undef NTHREADS
#undef LDA_S
#undef LDB_S
#undef LPTA
#undef LPTB
#undef SUMS_PT
#undef LANE
