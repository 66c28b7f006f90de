// Losses fused with their gradients. Each writes, for each row r,
//   stats[r, 0] = the row's loss,  stats[r, 1] = 1 if the row was predicted right, else 0
// (colsum then totals them on the device), and, when write_grad is set, the gradient of
// grad_scale · Σ loss with respect to the prediction (grad_scale = 1/batch rows for a mean loss).
// write_grad is a flag of its own rather than grad_scale != 0 so that a zero scale still writes zeros,
// as the CPU backend does: the output is always overwritten, never left stale.
// bce_logits and mse take 8 rows per work-item as float8 (common.cl); softmax_xent one row.

// Writes rows [0, count) of the stats' (loss, right) pairs, count ≤ 8 meaning a ragged last work-item.
void store_stats8(__global float* stats, const float8 loss, const int8 right, const int count)
{
    const float8 r = select((float8)(0.0f), (float8)(1.0f), right);
    store8(stats, (float8)(loss.s0, r.s0, loss.s1, r.s1, loss.s2, r.s2, loss.s3, r.s3), 2 * count);
    if (count > 4) store8(stats + 8, (float8)(loss.s4, r.s4, loss.s5, r.s5, loss.s6, r.s6, loss.s7, r.s7), 2 * count - 8);
}

// Binary cross-entropy on a logit z with target y ∈ {0, 1}: the stable form
// max(z, 0) − z·y + log(1 + e^−|z|); gradient σ(z) − y. Right when (z > 0) == (y > 0.5).
__kernel void bce_logits(const int rows,
                         __global const float* z, const int offZ,
                         __global const float* y, const int offY,
                         __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                         __global float* stats, const int offStats)
{
    const int r = get_global_id(0) * 8;
    if (r >= rows) return;
    const int count = rows - r;
    const float8 zi = load8(z + offZ + r, count), yi = load8(y + offY + r, count);
    const float8 e = exp(-fabs(zi));   // one exp serves the loss and both branches of the sigmoid
    store_stats8(stats + offStats + 2 * r, fmax(zi, 0.0f) - zi * yi + log1p(e), (zi > 0.0f) == (yi > 0.5f), count);
    if (write_grad)   // σ(z) is 1/(1 + e) for z ≥ 0 and e/(1 + e) below
        store8(grad + offGrad + r, grad_scale * (select(e, (float8)(1.0f), zi >= 0.0f) / (1.0f + e) - yi), count);
}

// Squared error (p − y)², as in the spreadsheet; gradient 2(p − y). Right when (p > 0.5) == (y > 0.5).
__kernel void mse(const int rows,
                  __global const float* p, const int offP,
                  __global const float* y, const int offY,
                  __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                  __global float* stats, const int offStats)
{
    const int r = get_global_id(0) * 8;
    if (r >= rows) return;
    const int count = rows - r;
    const float8 pi = load8(p + offP + r, count), yi = load8(y + offY + r, count);
    const float8 d = pi - yi;
    store_stats8(stats + offStats + 2 * r, d * d, (pi > 0.5f) == (yi > 0.5f), count);
    if (write_grad) store8(grad + offGrad + r, grad_scale * 2.0f * d, count);
}

// Softmax cross-entropy over k classes; y holds the class index as a float. Loss log Σ e^z − z[y],
// computed after subtracting the row maximum; gradient softmax(z) − onehot(y). Right when the first
// index of the row maximum is y.
__kernel void softmax_xent(const int rows, const int k,
                           __global const float* z, const int offZ,
                           __global const float* y, const int offY,
                           __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                           __global float* stats, const int offStats)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    __global const float* zr = z + offZ + r * k;
    const float t = y[offY + r];
    if (!(t >= 0.0f && t < (float)k)) {   // a label outside 0..<k (or NaN) poisons the loss instead of reading out of bounds
        stats[offStats + 2 * r] = NAN;
        stats[offStats + 2 * r + 1] = 0.0f;
        if (write_grad)
            for (int j = 0; j < k; j++) grad[offGrad + r * k + j] = NAN;
        return;
    }
    const int label = (int)t;
    int best = 0;
    float zmax = zr[0];
    for (int j = 1; j < k; j++)
        if (zr[j] > zmax) { zmax = zr[j]; best = j; }
    float sum = 0.0f;
    for (int j = 0; j < k; j++) sum += exp(zr[j] - zmax);
    stats[offStats + 2 * r] = log(sum) + zmax - zr[label];
    stats[offStats + 2 * r + 1] = best == label ? 1.0f : 0.0f;
    if (write_grad) {
        __global float* gr = grad + offGrad + r * k;
        for (int j = 0; j < k; j++)
            gr[j] = grad_scale * (exp(zr[j] - zmax) / sum - (j == label ? 1.0f : 0.0f));
    }
}
