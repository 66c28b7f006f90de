// One AdamW step over n parameters (Adam with decoupled weight decay), as PyTorch's AdamW does it:
//   w ← decay·w                     (decay = 1 − lr·wd, computed on the host)
//   m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
//   w ← w − step_size·m / (√v / bc2_sqrt + ε)
// where step_size = lr / (1 − β₁ᵗ) and bc2_sqrt = √(1 − β₂ᵗ) for the 1-based step t. The host works out
// these and 1 − β in double per launch (1 − β₂ from a float β₂ would be 1e-5 off), so the kernel has no
// pow and a schedule costs nothing.
// 8 parameters per work-item (common.cl); all of a network's parameters are one buffer, so one launch.
__kernel void adamw(const int n,
                    __global float* w, const int offW,
                    __global const float* g, const int offG,
                    __global float* m, const int offM,
                    __global float* v, const int offV,
                    const float decay, const float beta1, const float one_minus_beta1,
                    const float beta2, const float one_minus_beta2,
                    const float step_size, const float bc2_sqrt, const float eps)
{
    const int i = get_global_id(0) * 8;
    if (i >= n) return;
    const int count = n - i;
    const float8 gv = load8(g + offG + i, count);
    const float8 mv = beta1 * load8(m + offM + i, count) + one_minus_beta1 * gv;
    const float8 vv = beta2 * load8(v + offV + i, count) + one_minus_beta2 * gv * gv;
    store8(m + offM + i, mv, count);
    store8(v + offV + i, vv, count);
    const float8 wv = decay * load8(w + offW + i, count);
    store8(w + offW + i, wv - step_size * mv / (sqrt(vv) / bc2_sqrt + eps), count);
}
