// Helpers for the other kernel files: the host puts this file first in the program (KernelLibrary).

// The GEMM kernels' epilogues (matmul.cl explains them); the host passes the same bits.
#define EPI_BIAS 1
#define EPI_RELU 2
#define EPI_MASK 4
#define EPI_SUM_B 8

// Unaligned float8 loads and stores: offsets and leading dimensions are arbitrary, so float8's 32-byte alignment
// cannot be assumed. On CPU devices (the host passes -DCPU_DEVICE) they go through a float8 typedef aligned to 4
// bytes, one vmovups each, where PoCL compiles vload8/vstore8 to eight scalar accesses and shuffles. Elsewhere
// they are vload8/vstore8, which the OpenCL spec defines at any float-aligned address (a typedef that lowers
// alignment is a compiler extension, not checked on GPU compilers).
#ifdef CPU_DEVICE
typedef float8 __attribute__((aligned(4))) float8_u;
#define LOAD8(p) (*(__global const float8_u*)(p))
#define STORE8(p, v) (*(__global float8_u*)(p) = (v))
#else
#define LOAD8(p) vload8(0, (__global const float*)(p))
#define STORE8(p, v) vstore8((v), 0, (__global float*)(p))
#endif

// The elementwise and per-row kernels take 8 consecutive values per work-item (global size ceil(n/8),
// rounded up to the work-group size): PoCL runs a work-group's work-items one after another on a core, and
// with one value each most of an op's time went to that loop (ReLU over 713×20 values took 12 µs, the
// fused BCE over 713 rows 27 µs, against 3–5 µs for eight per work-item, as float8 arithmetic).
// Only the last work-item of a ragged n sees fewer than 8, through these two helpers.

// p[0..8), or for count < 8 p[0..count) with the last value repeated: no read past the end.
float8 load8(__global const float* p, const int count)
{
    if (count >= 8) return LOAD8(p);
    float v[8];
    for (int j = 0; j < 8; j++) v[j] = p[min(j, count - 1)];
    return vload8(0, v);
}

// Writes the first min(count, 8) lanes of v to p.
void store8(__global float* p, const float8 v, const int count)
{
    if (count >= 8) {
        STORE8(p, v);
        return;
    }
    float t[8];
    vstore8(v, 0, t);
    for (int j = 0; j < count; j++) p[j] = t[j];
}
