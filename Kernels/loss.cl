// Losses fused with their gradients, in two forms over the same per-row formulas (below):
// - bce_logits, mse, squared_error, softmax_xent write, for each row r,
//     stats[r, 0] = the row's loss,  stats[r, 1] = 1 if the row was predicted right, else 0 (for a
//     regression's squared_error: the absolute error |p − y|, which sums to the MAE);
// - loss_totals sums both over the rows in one work-group and writes (Σ loss, Σ right) to totals[0..2),
//   added to what totals held when `accumulate` is set: an epoch's metrics without a per-row buffer or
//   a column sum after each phase (each launch costs microseconds on PoCL, and a small model's epoch is
//   a dozen of them).
// Both write, when write_grad is set, the gradient of grad_scale · Σ loss with respect to the prediction
// (grad_scale = 1/batch rows for a mean loss). write_grad is a flag of its own rather than grad_scale != 0
// so that a zero scale still writes zeros, as the CPU backend does: the output is always overwritten,
// never left stale. The one-output losses take 8 rows per work-item as float8 (common.cl); softmax one row.

#define LOSS_BCE 0
#define LOSS_MSE 1
#define LOSS_SOFTMAX 2
#define LOSS_REGRESSION 3

#ifndef LOSS_WG
#define LOSS_WG 64   // loss_totals' one work-group
#endif

// Binary cross-entropy on a logit z with target y ∈ {0, 1}: the stable form
// max(z, 0) − z·y + log(1 + e^−|z|); gradient σ(z) − y. Right (second = 1) when (z > 0) == (y > 0.5).
__attribute__((always_inline)) inline
float8 bce8(const float8 z, const float8 y, float8* second, float8* dz)
{
    const float8 e = exp(-fabs(z));   // one exp serves the loss and both branches of the sigmoid
    *second = select((float8)(0.0f), (float8)(1.0f), (z > 0.0f) == (y > 0.5f));
    *dz = select(e, (float8)(1.0f), z >= 0.0f) / (1.0f + e) - y;   // σ(z) is 1/(1 + e) for z ≥ 0, e/(1 + e) below
    return fmax(z, 0.0f) - z * y + log1p(e);
}

// Squared error (p − y)², as in the spreadsheet; gradient 2(p − y). Right when (p > 0.5) == (y > 0.5).
__attribute__((always_inline)) inline
float8 mse8(const float8 p, const float8 y, float8* second, float8* dz)
{
    const float8 d = p - y;
    *second = select((float8)(0.0f), (float8)(1.0f), (p > 0.5f) == (y > 0.5f));
    *dz = 2.0f * d;
    return d * d;
}

// The same squared error for a regression, where nothing is right or wrong: second is |p − y|.
__attribute__((always_inline)) inline
float8 regression8(const float8 p, const float8 y, float8* second, float8* dz)
{
    const float8 d = p - y;
    *second = fabs(d);
    *dz = 2.0f * d;
    return d * d;
}

// Softmax cross-entropy over the k logits of one row; t holds the class index as a float. Loss
// log Σ e^z − z[t], computed after subtracting the row maximum; gradient softmax(z) − onehot(t), written
// to gr when write_grad. Right when the first index of the row maximum is t. A label outside 0..<k (or
// NaN) poisons the loss and the gradient instead of reading out of bounds.
__attribute__((always_inline)) inline
float softmax_row(__global const float* zr, const float t, const int k, float* right,
                  __global float* gr, const float grad_scale, const int write_grad)
{
    *right = 0.0f;
    if (!(t >= 0.0f && t < (float)k)) {
        if (write_grad)
            for (int j = 0; j < k; j++) gr[j] = NAN;
        return NAN;
    }
    const int label = (int)t;
    int best = 0;
    float zmax = zr[0];
    for (int j = 1; j < k; j++)
        if (zr[j] > zmax) { zmax = zr[j]; best = j; }
    float sum = 0.0f;
    for (int j = 0; j < k; j++) sum += exp(zr[j] - zmax);
    if (write_grad)
        for (int j = 0; j < k; j++)
            gr[j] = grad_scale * (exp(zr[j] - zmax) / sum - (j == label ? 1.0f : 0.0f));
    *right = best == label ? 1.0f : 0.0f;
    return log(sum) + zmax - zr[label];
}

// Writes rows [0, count) of the stats' (loss, right) pairs, count ≤ 8 meaning a ragged last work-item.
void store_stats8(__global float* stats, const float8 loss, const float8 r, const int count)
{
    store8(stats, (float8)(loss.s0, r.s0, loss.s1, r.s1, loss.s2, r.s2, loss.s3, r.s3), 2 * count);
    if (count > 4) store8(stats + 8, (float8)(loss.s4, r.s4, loss.s5, r.s5, loss.s6, r.s6, loss.s7, r.s7), 2 * count - 8);
}

__kernel void bce_logits(const int rows,
                         __global const float* z, const int offZ,
                         __global const float* y, const int offY,
                         __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                         __global float* stats, const int offStats)
{
    const int r = get_global_id(0) * 8;
    if (r >= rows) return;
    const int count = rows - r;
    float8 right, dz;
    const float8 loss = bce8(load8(z + offZ + r, count), load8(y + offY + r, count), &right, &dz);
    store_stats8(stats + offStats + 2 * r, loss, right, count);
    if (write_grad) store8(grad + offGrad + r, grad_scale * dz, count);
}

// Squared error; with `regression` set, the second statistic is |p − y| (regression8) instead of rightness.
__kernel void mse(const int rows, const int regression,
                  __global const float* p, const int offP,
                  __global const float* y, const int offY,
                  __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                  __global float* stats, const int offStats)
{
    const int r = get_global_id(0) * 8;
    if (r >= rows) return;
    const int count = rows - r;
    float8 second, dz;
    const float8 pi = load8(p + offP + r, count), yi = load8(y + offY + r, count);
    const float8 loss = regression ? regression8(pi, yi, &second, &dz) : mse8(pi, yi, &second, &dz);
    store_stats8(stats + offStats + 2 * r, loss, second, count);
    if (write_grad) store8(grad + offGrad + r, grad_scale * dz, count);
}

__kernel void softmax_xent(const int rows, const int k,
                           __global const float* z, const int offZ,
                           __global const float* y, const int offY,
                           __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                           __global float* stats, const int offStats)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    float right;
    stats[offStats + 2 * r] = softmax_row(z + offZ + r * k, y[offY + r], k, &right,
                                          grad + offGrad + r * k, grad_scale, write_grad);
    stats[offStats + 2 * r + 1] = right;
}

// One work-group of LOSS_WG work-items (global size LOSS_WG): each sums its rows (for the one-output
// losses 8 at a time, rows 8·(lid + LOSS_WG·i)), then work-item 0 adds the partial sums in a fixed order,
// so the totals are the same on every run (no atomics). One group also runs on a single core of a CPU
// device, where handing the work to a second core cost more than the sum. k is the prediction width.
__kernel __attribute__((reqd_work_group_size(LOSS_WG, 1, 1)))
void loss_totals(const int kind, const int rows, const int k,
                 __global const float* z, const int offZ,
                 __global const float* y, const int offY,
                 __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                 __global float* totals, const int offTotals, const int accumulate)
{
    __local float part[2][LOSS_WG];
    const int lid = get_local_id(0);
    float lossSum = 0.0f, rightSum = 0.0f;
    z += offZ;
    y += offY;
    grad += offGrad;
    if (kind == LOSS_SOFTMAX) {
        for (int r = lid; r < rows; r += LOSS_WG) {
            float right;
            lossSum += softmax_row(z + r * k, y[r], k, &right, grad + r * k, grad_scale, write_grad);
            rightSum += right;
        }
    } else {
        for (int r = 8 * lid; r < rows; r += 8 * LOSS_WG) {
            const int count = rows - r;
            float8 second, dz;
            const float8 zi = load8(z + r, count), yi = load8(y + r, count);
            float8 loss = kind == LOSS_BCE ? bce8(zi, yi, &second, &dz)
                        : kind == LOSS_REGRESSION ? regression8(zi, yi, &second, &dz) : mse8(zi, yi, &second, &dz);
            if (write_grad) store8(grad + r, grad_scale * dz, count);
            // Lanes past a ragged end repeat the last row (load8): they are left out of the sums.
            const int8 live = (int8)(0, 1, 2, 3, 4, 5, 6, 7) < (int8)(count);
            loss = select((float8)(0.0f), loss, live);
            const float8 ok = select((float8)(0.0f), second, live);
            const float4 l4 = loss.lo + loss.hi, o4 = ok.lo + ok.hi;
            lossSum += (l4.x + l4.y) + (l4.z + l4.w);
            rightSum += (o4.x + o4.y) + (o4.z + o4.w);
        }
    }
    part[0][lid] = lossSum;
    part[1][lid] = rightSum;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid == 0) {
        float l = 0.0f, c = 0.0f;
        for (int i = 0; i < LOSS_WG; i++) {
            l += part[0][i];
            c += part[1][i];
        }
        totals += offTotals;
        totals[0] = accumulate ? totals[0] + l : l;
        totals[1] = accumulate ? totals[1] + c : c;
    }
}
