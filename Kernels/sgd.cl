// One SGD step over n parameters, as PyTorch's SGD does it:
//   g ← g + wd·w;   v ← μ·v + g (when momentum is on);   w ← w − lr·(v or g)
// lr arrives per launch, so a schedule (one-cycle) costs nothing on the device. 8 parameters per
// work-item (common.cl); a network keeps all its parameters in one buffer, so a step is one launch.
__kernel void sgd(const int n,
                  __global float* w, const int offW,
                  __global const float* g, const int offG,
                  __global float* v, const int offV,
                  const float lr, const float momentum, const float weight_decay, const int use_momentum)
{
    const int i = get_global_id(0) * 8;
    if (i >= n) return;
    const int count = n - i;
    const float8 wv = load8(w + offW + i, count);
    float8 step = load8(g + offG + i, count) + weight_decay * wv;
    if (use_momentum) {   // v is null without momentum, and then never touched
        step = momentum * load8(v + offV + i, count) + step;
        store8(v + offV + i, step, count);
    }
    store8(w + offW + i, wv - lr * step, count);
}

// dst[i, :] = src[idx[i], :]: builds a shuffled copy of the data set on the device, so each epoch
// uploads only its permutation and every batch is then a contiguous row range.
__kernel void gather_rows(const int n, const int cols,
                          __global const float* src, const int offSrc,
                          __global const int* idx,
                          __global float* dst, const int offDst)
{
    const int c = get_global_id(0), r = get_global_id(1);   // 2-D, as bias_act: no division
    if (c >= cols || r >= n) return;
    dst[offDst + r * cols + c] = src[offSrc + idx[r] * cols + c];
}
