// Helpers for the other kernel files: the host puts this file first in the program (KernelLibrary).

// The GEMM kernels' epilogues (matmul.cl explains them); the host passes the same bits.
#define EPI_BIAS 1
#define EPI_RELU 2
#define EPI_MASK 4
#define EPI_SUM_B 8

// An unaligned float8. Offsets and leading dimensions are arbitrary, so float8's natural 32-byte alignment
// cannot be assumed. On a CPU device (PoCL) a dereference of this type is one vector load or store, while
// vload8/vstore8 compile to eight scalar accesses and shuffles; on a GPU it is a contiguous run.
typedef float8 __attribute__((aligned(4))) float8_u;

// The elementwise and per-row kernels take 8 consecutive values per work-item (global size ceil(n/8),
// rounded up to the work-group size): PoCL runs a work-group's work-items one after another on a core, and
// with one value each most of an op's time went to that loop (ReLU over 713×20 values took 12 µs, the
// fused BCE over 713 rows 27 µs, against 3–5 µs for eight per work-item, as float8 arithmetic).
// Only the last work-item of a ragged n sees fewer than 8, through these two helpers.

// p[0..8), or for count < 8 p[0..count) with the last value repeated: no read past the end.
float8 load8(__global const float* p, const int count)
{
    if (count >= 8) return *(__global const float8_u*)p;
    float v[8];
    for (int j = 0; j < 8; j++) v[j] = p[min(j, count - 1)];
    return vload8(0, v);
}

// Writes the first min(count, 8) lanes of v to p.
void store8(__global float* p, const float8 v, const int count)
{
    if (count >= 8) {
        *(__global float8_u*)p = v;
        return;
    }
    float t[8];
    vstore8(v, 0, t);
    for (int j = 0; j < count; j++) p[j] = t[j];
}
