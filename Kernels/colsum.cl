// Sums of a row-major rows×cols matrix, both ways.

#ifndef CS_X
#define CS_X 16    // columns per work-group
#endif
#ifndef CS_Y
#define CS_Y 16    // work-items sharing one column's rows
#endif

// out[c] = Σ_r x[r, c]: the backend's columnSum (the trainer's bias gradients come from the GEMM epilogue, and
// its loss totals from loss.cl's loss_totals).
// Each column is split over CS_Y work-items, then reduced in local memory in a fixed order,
// so the result is the same on every run (no atomics); with CS_Y = 1 one work-item sums it alone.
__kernel __attribute__((reqd_work_group_size(CS_X, CS_Y, 1)))
void colsum(const int rows, const int cols,
            __global const float* x, const int offX,
            __global float* out, const int offOut)
{
#if CS_Y == 1
    // CPU devices: one work-item per column, no barriers. PoCL runs each barrier-separated region as a loop
    // of its own over the group, which cost more than the sums (713×2: 5.4 → 3.3 µs).
    const int c = get_global_id(0);
    if (c >= cols) return;
    float s = 0.0f;
    for (int r = 0; r < rows; r++) s += x[offX + r * cols + c];
    out[offOut + c] = s;
#else
    __local float part[CS_Y][CS_X];
    const int tx = get_local_id(0), ty = get_local_id(1);
    const int c = get_global_id(0);
    float s = 0.0f;
    if (c < cols)
        for (int r = ty; r < rows; r += CS_Y) s += x[offX + r * cols + c];
    part[ty][tx] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int step = CS_Y / 2; step > 0; step /= 2) {   // (`half` is a type in OpenCL C)
        if (ty < step) part[ty][tx] += part[ty + step][tx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (ty == 0 && c < cols) out[offOut + c] = part[0][tx];
#endif
}

// out[r] = Σ_c x[r, c]: the spreadsheet model's "add the ReLU columns" into one prediction per row.
__kernel void rowsum(const int rows, const int cols,
                     __global const float* x, const int offX,
                     __global float* out, const int offOut)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    float s = 0.0f;
    for (int c = 0; c < cols; c++) s += x[offX + r * cols + c];
    out[offOut + r] = s;
}

// dx[r, c] = dy[r]: the gradient of rowsum, every column of a row receiving that row's gradient.
__kernel void rowsum_backward(const int rows, const int cols,
                              __global const float* dy, const int offDy,
                              __global float* dx, const int offDx)
{
    const int i = get_global_id(0);
    if (i < rows * cols) dx[offDx + i] = dy[offDy + i / cols];
}
