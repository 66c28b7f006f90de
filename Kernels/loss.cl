// Losses fused with their gradients. One work-item per row. Each writes, for its row,
//   stats[r, 0] = the row's loss,  stats[r, 1] = 1 if the row was predicted right, else 0
// (colsum then totals them on the device), and, when write_grad is set, the gradient of
// grad_scale · Σ loss with respect to the prediction (grad_scale = 1/batch rows for a mean loss).
// write_grad is a flag of its own rather than grad_scale != 0 so that a zero scale still writes zeros,
// as the CPU backend does: the output is always overwritten, never left stale.

// Binary cross-entropy on a logit z with target y ∈ {0, 1}: the stable form
// max(z, 0) − z·y + log(1 + e^−|z|); gradient σ(z) − y. Right when (z > 0) == (y > 0.5).
__kernel void bce_logits(const int rows,
                         __global const float* z, const int offZ,
                         __global const float* y, const int offY,
                         __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                         __global float* stats, const int offStats)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    const float zi = z[offZ + r], yi = y[offY + r];
    stats[offStats + 2 * r] = fmax(zi, 0.0f) - zi * yi + log1p(exp(-fabs(zi)));
    stats[offStats + 2 * r + 1] = ((zi > 0.0f) == (yi > 0.5f)) ? 1.0f : 0.0f;
    if (write_grad) {
        const float s = zi >= 0.0f ? 1.0f / (1.0f + exp(-zi)) : exp(zi) / (1.0f + exp(zi));
        grad[offGrad + r] = grad_scale * (s - yi);
    }
}

// Squared error (p − y)², as in the spreadsheet; gradient 2(p − y). Right when (p > 0.5) == (y > 0.5).
__kernel void mse(const int rows,
                  __global const float* p, const int offP,
                  __global const float* y, const int offY,
                  __global float* grad, const int offGrad, const float grad_scale, const int write_grad,
                  __global float* stats, const int offStats)
{
    const int r = get_global_id(0);
    if (r >= rows) return;
    const float d = p[offP + r] - y[offY + r];
    stats[offStats + 2 * r] = d * d;
    stats[offStats + 2 * r + 1] = ((p[offP + r] > 0.5f) == (y[offY + r] > 0.5f)) ? 1.0f : 0.0f;
    if (write_grad) grad[offGrad + r] = grad_scale * 2.0f * d;
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
