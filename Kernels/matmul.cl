// C = op(A) · op(B), row-major, float.
//   op(A) is M×K: A itself (ta = 0, A stored M×K) or Aᵀ (ta = 1, A stored K×M) — weight gradients Xᵀ·dY.
//   op(B) is K×N: B itself (tb = 0, B stored K×N) or Bᵀ (tb = 1, B stored N×K) — input gradients dY·Wᵀ.
// Transposes are read in place, never materialised.
//
// Each work-group computes a TSM×TSN tile of C; each of its (TSM/WPTM)×(TSN/WPTN) work-items keeps
// WPTM×WPTN outputs in registers, so every value loaded from local memory is used WPTN (or WPTM) times.
// Loads outside the matrices are zero-filled and stores are guarded, so any M, N, K ≥ 1 is correct.
// Tile sizes are -D options chosen by the host per device; the defaults make the file compile alone.
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

#define RTSM (TSM / WPTM)          // work-items along M
#define RTSN (TSN / WPTN)          // work-items along N
#define NTHREADS (RTSM * RTSN)

__kernel __attribute__((reqd_work_group_size(RTSN, RTSM, 1)))
void matmul(const int M, const int N, const int K,
            __global const float* A, const int offA, const int lda, const int ta,
            __global const float* B, const int offB, const int ldb, const int tb,
            __global float* C, const int offC, const int ldc,
            __global float* aux, const int offAux, const int epi)
{
    __local float Asub[TSK][TSM];
    __local float Bsub[TSK][TSN];

    const int tn = get_local_id(0);
    const int tm = get_local_id(1);
    const int tid = tm * RTSN + tn;
    const int m0 = get_group_id(1) * TSM;
    const int n0 = get_group_id(0) * TSN;
    A += offA;
    B += offB;
    C += offC;

    // Column sums of op(B) come from the work-items of the first row of tiles, first row of each tile: each
    // already reads its WPTN columns of every K slice.
    const bool sumB = (epi & EPI_SUM_B) && get_group_id(1) == 0 && tm == 0;
    float bsum[WPTN];
    for (int j = 0; j < WPTN; j++) bsum[j] = 0.0f;

    float acc[WPTM][WPTN];
    for (int i = 0; i < WPTM; i++)
        for (int j = 0; j < WPTN; j++)
            acc[i][j] = 0.0f;

    for (int k0 = 0; k0 < K; k0 += TSK) {
        // Consecutive work-items read consecutive addresses in whichever layout A and B are stored.
        for (int l = tid; l < TSM * TSK; l += NTHREADS) {
            const int mm = ta ? l % TSM : l / TSK;
            const int kk = ta ? l / TSM : l % TSK;
            const int gm = m0 + mm, gk = k0 + kk;
            float v = 0.0f;
            if (gm < M && gk < K) v = ta ? A[gk * lda + gm] : A[gm * lda + gk];
            Asub[kk][mm] = v;
        }
        for (int l = tid; l < TSN * TSK; l += NTHREADS) {
            const int nn = tb ? l / TSK : l % TSN;
            const int kk = tb ? l % TSK : l / TSN;
            const int gn = n0 + nn, gk = k0 + kk;
            float v = 0.0f;
            if (gn < N && gk < K) v = tb ? B[gn * ldb + gk] : B[gk * ldb + gn];
            Bsub[kk][nn] = v;
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        for (int k = 0; k < TSK; k++) {
            float a[WPTM], b[WPTN];
            for (int i = 0; i < WPTM; i++) a[i] = Asub[k][tm + i * RTSM];
            for (int j = 0; j < WPTN; j++) b[j] = Bsub[k][tn + j * RTSN];
            if (sumB)
                for (int j = 0; j < WPTN; j++) bsum[j] += b[j];   // zero past K, as the tile is
            for (int i = 0; i < WPTM; i++)
                for (int j = 0; j < WPTN; j++)
                    acc[i][j] = mad(a[i], b[j], acc[i][j]);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    aux += offAux;
    if (sumB)
        for (int j = 0; j < WPTN; j++)
            if (n0 + tn + j * RTSN < N) aux[n0 + tn + j * RTSN] = bsum[j];
    for (int i = 0; i < WPTM; i++) {
        const int gm = m0 + tm + i * RTSM;
        if (gm >= M) continue;
        for (int j = 0; j < WPTN; j++) {
            const int gn = n0 + tn + j * RTSN;
            if (gn >= N) continue;
            float v = acc[i][j];
            if (epi & EPI_BIAS) v += aux[gn];
            if (epi & EPI_RELU) v = fmax(v, 0.0f);
            if ((epi & EPI_MASK) && !(aux[gm * ldc + gn] > 0.0f)) v = 0.0f;
            C[gm * ldc + gn] = v;
        }
    }
}
