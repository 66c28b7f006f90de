// ReLU and bias: the per-element parts of a dense layer. relu and relu_backward take 8 values per
// work-item (common.cl says why); bias_act is two-dimensional.

// y = max(x, 0)
__kernel void relu(const int n, __global const float* x, const int offX, __global float* y, const int offY)
{
    const int i = get_global_id(0) * 8;
    if (i < n) store8(y + offY + i, fmax(load8(x + offX + i, n - i), 0.0f), n - i);
}

// dx = dy where the layer's output y was positive, else 0. Uses the output, not the input:
// y > 0 exactly when x > 0, and the output is what the forward pass keeps.
__kernel void relu_backward(const int n,
                            __global const float* dy, const int offDy,
                            __global const float* y, const int offY,
                            __global float* dx, const int offDx)
{
    const int i = get_global_id(0) * 8;
    if (i >= n) return;
    const float8 g = load8(dy + offDy + i, n - i);
    store8(dx + offDx + i, select((float8)(0.0f), g, load8(y + offY + i, n - i) > 0.0f), n - i);
}

// x[r, c] = act(x[r, c] + b[c]) in place, act = ReLU when relu != 0 else identity.
// Fusing the bias with the activation saves one pass over the layer's output. Two-dimensional
// (dimension 0 = column, 1 = row) so no work-item divides by cols: integer division does not vectorise
// on a CPU device and made this the slowest elementwise kernel on PoCL.
__kernel void bias_act(const int rows, const int cols,
                       __global float* x, const int offX,
                       __global const float* b, const int offB, const int relu)
{
    const int c = get_global_id(0), r = get_global_id(1);
    if (c >= cols || r >= rows) return;
    const int i = offX + r * cols + c;
    const float v = x[i] + b[offB + c];
    x[i] = relu ? fmax(v, 0.0f) : v;
}
